"""DuckDB warehouse: loading records, analyst views, exports."""
from thidua.warehouse.db import TABLES, VIEWS, connect
from thidua.warehouse.export import export
from thidua.warehouse.load import LoadStats, load_jsonl, load_records
from thidua.warehouse.query import format_table, run_query

__all__ = ["TABLES", "VIEWS", "LoadStats", "connect", "export", "format_table", "load_jsonl",
           "load_records", "run_query"]

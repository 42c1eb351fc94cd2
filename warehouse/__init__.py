"""DuckDB warehouse: loading records, resolving entities, analyst views, exports."""
from thidua.warehouse.db import ENTITY_TABLES, TABLES, VIEWS, connect
from thidua.warehouse.export import export
from thidua.warehouse.load import LoadStats, load_files, load_jsonl, load_records
from thidua.warehouse.query import format_table, run_query

__all__ = ["ENTITY_TABLES", "TABLES", "VIEWS", "LoadStats", "connect", "export", "format_table",
           "load_files", "load_jsonl", "load_records", "run_query"]

"""DuckDB warehouse: loading records, analyst views, exports."""

"""Excel workbooks of warehouse tables and views: Vietnamese column names, the codes' Vietnamese
labels in place of the codes, list cells one item per line (thidua export --format xlsx,
the explorer's "Tải Excel")."""
from __future__ import annotations

import io
import os
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import pyarrow as pa
import xlsxwriter

from thidua.warehouse.labels import labels

# The label group of a coded column: by table (or view) and column, else by column alone.
LABEL_GROUPS = {
    ("bloc_leadership_history", "status"): "leadership_status",
    ("bloc_leadership", "status"): "leadership_status",
    ("bloc_leadership", "role"): "leadership_role",
    ("people", "role"): "person_role",
    ("bloc_members", "role"): "member_role",
    ("events", "type"): "event_type",
    ("awards", "type"): "award_type",
    ("blocs", "kind"): "bloc_kind",
    "award_type": "award_type",
    "status": "award_status",
    "kind": "bloc_kind",
    "recipient_kind": "recipient_kind",
}
SHEET_NAME_MAX = 31  # Excel's limit


def column_name(column: str) -> str:
    names = labels()
    return names.get("column", {}).get(column) or names.get("field", {}).get(column) or column


def _group(relation: str, column: str) -> str | None:
    return LABEL_GROUPS.get((relation, column)) or (
        LABEL_GROUPS.get(column) if (relation, column) not in LABEL_GROUPS else None)


def _cell(value):
    if isinstance(value, list):
        return "\n".join("" if v is None else str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return value


def _arrow_rows(table: pa.Table, columns: list[str]):
    for batch in table.select(columns).to_batches(4096):
        yield from zip(*(col.to_pylist() for col in batch.columns))


def add_sheet(book: xlsxwriter.Workbook, table: pa.Table | tuple[list[str], Iterable],
              relation: str, sheet: str | None = None) -> None:
    """One table (Arrow, or column names and rows) as a sheet: a bold, frozen header of
    Vietnamese names, labels for codes; `*_label` columns are left out (the codes they
    name are shown as labels)."""
    if isinstance(table, pa.Table):
        columns = [c for c in table.column_names if not c.endswith("_label")]
        rows = _arrow_rows(table, columns)
    else:
        columns, rows = table
    ws = book.add_worksheet((sheet or relation)[:SHEET_NAME_MAX])
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    moment = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    for x, column in enumerate(columns):
        ws.write(0, x, column_name(column), bold)
        ws.set_column(x, x, min(60, max(12, len(column_name(column)) + 2)))
    ws.freeze_panes(1, 0)
    groups = [_group(relation, c) for c in columns]
    names = labels()
    y = 1
    for row in rows:
        for x, (value, group) in enumerate(zip(row, groups)):
            if value is None:
                continue
            if group is not None and isinstance(value, str):
                value = names.get(group, {}).get(value, value)
            value = _cell(value)
            if isinstance(value, datetime):
                ws.write_datetime(y, x, value, moment)
            elif isinstance(value, date):
                ws.write_datetime(y, x, datetime(value.year, value.month, value.day), day)
            elif isinstance(value, str) and "\n" in value:
                ws.write_string(y, x, value, wrap)
            else:
                ws.write(y, x, value)
        y += 1
    if len(columns):
        ws.autofilter(0, 0, max(y - 1, 0), len(columns) - 1)


def write(target: str | os.PathLike | io.BytesIO, sheets: Iterable[tuple[str, Any]]) -> None:
    """A workbook with one sheet per (relation, table): see add_sheet."""
    book = xlsxwriter.Workbook(target, {"constant_memory": True, "in_memory": True,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    try:
        for relation, table in sheets:
            add_sheet(book, table, relation)
    finally:
        book.close()


def to_bytes(table: Any, relation: str) -> bytes:
    buffer = io.BytesIO()
    write(buffer, [(relation, table)])
    return buffer.getvalue()

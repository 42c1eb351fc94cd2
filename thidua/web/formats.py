"""Downloads: a list endpoint's rows as CSV or Parquet instead of JSON."""
from __future__ import annotations

import csv
import io
import json
from typing import Any

import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
from starlette.responses import Response

from thidua.warehouse import excel

CSV_TYPE = "text/csv; charset=utf-8"
PARQUET_TYPE = "application/vnd.apache.parquet"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOWNLOADS = ("csv", "parquet", "xlsx")


def csv_response(table: pa.Table, name: str, headers: dict[str, str]) -> Response:
    """The rows as CSV; lists such as `sources` as JSON arrays. Arrow's writer when no column
    is a list; else Python's csv module (making an Arrow array from Python values would
    import pandas, when installed, into the server worker: 100 MB)."""
    buffer = io.BytesIO()
    buffer.write("\ufeff".encode("utf-8"))  # so spreadsheet programs read UTF-8
    nested = [pa.types.is_nested(f.type) for f in table.schema]
    if not any(nested):
        pcsv.write_csv(table, buffer, pcsv.WriteOptions(quoting_style="needed"))
    else:
        text = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(table.column_names)
        for batch in table.to_batches(4096):
            columns = [c.to_pylist() for c in batch.columns]
            for row in zip(*columns):
                writer.writerow(_csv_cell(v, n) for v, n in zip(row, nested))
        text.flush()
        text.detach()
    return Response(buffer.getvalue(), media_type=CSV_TYPE,
                    headers={**headers, "Content-Disposition": f'attachment; filename="{name}.csv"'})


def _csv_cell(value: Any, nested: bool) -> Any:
    if value is None:
        return ""
    if nested:
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if hasattr(value, "isoformat") else value


def parquet_response(table: Any, name: str, headers: dict[str, str]) -> Response:
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    return Response(buffer.getvalue(), media_type=PARQUET_TYPE,
                    headers={**headers,
                             "Content-Disposition": f'attachment; filename="{name}.parquet"'})


def xlsx_response(table: pa.Table, name: str, headers: dict[str, str]) -> Response:
    """The rows as an Excel workbook: Vietnamese column names and labels for the codes."""
    return Response(excel.to_bytes(table, name), media_type=XLSX_TYPE,
                    headers={**headers, "Content-Disposition": f'attachment; filename="{name}.xlsx"'})


def download(fmt: str, table: pa.Table, name: str, headers: dict[str, str]) -> Response:
    return {"csv": csv_response, "parquet": parquet_response, "xlsx": xlsx_response}[fmt](
        table, name, headers)


def download_responses(description: str) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI entry saying a list endpoint also answers in CSV, Parquet and Excel."""
    return {200: {"description": description, "content": {
        "text/csv": {"schema": {"type": "string"}},
        "application/vnd.apache.parquet": {"schema": {"type": "string", "format": "binary"}},
        XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
    }}}

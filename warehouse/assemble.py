"""Rebuilding whole article records from the warehouse tables (the inverse of flatten)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import duckdb
import pyarrow as pa

from thidua.schema import Evidence, validate

# Warehouse columns that are not fields of a record's list items.
_KEY_COLUMNS = {"article_id", "url", "item_no", "bloc_item_no", "extractor_version", "loaded_at"}
_EVIDENCE = tuple(f"evidence_{name}" for name in Evidence.model_fields)
_ARTICLE_FIELDS = ("url", "source", "province", "title", "published", "author", "body",
                   "extractor_version", "schema_version")
_ITEM_SECTIONS = ("events", "blocs", "people", "awards", "bloc_leadership", "indicators",
                  "documents")


def iter_records(con: duckdb.DuckDBPyConnection, chunk_size: int = 1000) -> Iterator[dict]:
    """Every article as a record dict of the contract's shape, ordered by article_id."""
    ids = [r[0] for r in con.execute("SELECT article_id FROM articles ORDER BY article_id")
           .fetchall()]
    for start in range(0, len(ids), chunk_size):
        yield from _records_for(con, ids[start:start + chunk_size])


def _records_for(con: duckdb.DuckDBPyConnection, ids: list[str]) -> Iterator[dict]:
    con.register("_export_ids", pa.table({"article_id": pa.array(ids, pa.string())}))
    try:
        articles = {row["article_id"]: row for row in _rows(con, "articles", "article_id")}
        sections = {s: _by_article(_rows(con, s, "article_id, item_no")) for s in _ITEM_SECTIONS}
        movements = _by_article(_rows(con, "movements", "article_id, item_no"))
        members = defaultdict(list)
        for row in _rows(con, "bloc_members", "article_id, bloc_item_no, item_no"):
            members[(row["article_id"], row["bloc_item_no"])].append(
                {"org": row["org"], "role": row["role"]})
    finally:
        con.unregister("_export_ids")
    for article_id in ids:
        article = articles[article_id]
        record: dict[str, Any] = {"id": article_id}
        record.update({f: article[f] for f in _ARTICLE_FIELDS})
        for section in _ITEM_SECTIONS:
            record[section] = [_item(row) for row in sections[section].get(article_id, [])]
        for row, bloc in zip(sections["blocs"].get(article_id, []), record["blocs"]):
            bloc["members"] = members.get((article_id, row["item_no"]), [])
        names = movements.get(article_id, [])
        record["movements"] = [row["name"] for row in names]
        record["movement_evidence"] = _leading_evidence(names)
        # Validation restores the canonical shape (defaults, dates as ISO) of an input record.
        yield validate(record).model_dump(mode="json")


def _rows(con: duckdb.DuckDBPyConnection, table: str, order: str) -> list[dict]:
    cursor = con.execute(
        f"SELECT * FROM {table} WHERE article_id IN (SELECT article_id FROM _export_ids) "
        f"ORDER BY {order}")
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def _by_article(rows: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row["article_id"]].append(row)
    return grouped


def _evidence(row: dict) -> dict | None:
    if row["evidence_text"] is None:
        return None
    # A file migrated from schema v3 has no span for old rows: the span is left out (None).
    return {name: row.get(f"evidence_{name}") for name in Evidence.model_fields}


def _item(row: dict) -> dict:
    item = {k: v for k, v in row.items() if k not in _KEY_COLUMNS and k not in _EVIDENCE}
    item["evidence"] = _evidence(row)
    return item


def _leading_evidence(rows: list[dict]) -> list[dict]:
    # movement_evidence is parallel to movements, so only an unbroken prefix can be restored.
    evidence = []
    for row in rows:
        found = _evidence(row)
        if found is None:
            break
        evidence.append(found)
    return evidence

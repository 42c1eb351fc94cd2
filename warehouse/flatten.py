"""Turning one validated record into rows of the warehouse's tables."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from thidua.schema import Evidence, Record
from thidua.warehouse.places import current_province, district_of

Row = dict[str, Any]

# Sections whose items map field for field onto their table's columns.
_PLAIN_SECTIONS = ("events", "people", "awards", "bloc_leadership", "indicators", "documents")
# Evidence fields as columns named evidence_<field> (text, start, end, span_start, span_end).
_EVIDENCE_FIELDS = tuple(Evidence.model_fields)
_NO_EVIDENCE = {f"evidence_{name}": None for name in _EVIDENCE_FIELDS}


def evidence_columns(evidence: Evidence | dict | None) -> Row:
    if evidence is None:
        return dict(_NO_EVIDENCE)
    if isinstance(evidence, Evidence):
        evidence = evidence.model_dump()
    return {f"evidence_{name}": evidence.get(name) for name in _EVIDENCE_FIELDS}


def flatten(article_id: str, record: Record, loaded_at: datetime) -> dict[str, list[Row]]:
    """Rows per table for one article; item_no keeps each list's order for reassembly, and
    every fact row carries the article's extractor_version and loaded_at."""
    # One model_dump of the whole record (done in pydantic's Rust core) instead of one per
    # item: the load spends most of its time in Python, per item.
    data = record.model_dump()
    version = data["extractor_version"]
    base = {"article_id": article_id, "url": data["url"], "extractor_version": version,
            "loaded_at": loaded_at}
    tables: dict[str, list[Row]] = {"articles": [{
        "article_id": article_id, "url": data["url"], "source": data["source"],
        "province": data["province"], "title": data["title"], "published": data["published"],
        "author": data["author"], "body": data["body"], "extractor_version": version,
        "schema_version": data["schema_version"], "loaded_at": loaded_at,
        "district": district_of(data["title"], data["body"]),
        "current_province": current_province(data["province"]),
    }]}
    for section in _PLAIN_SECTIONS:
        tables[section] = [_row(base, no, item) for no, item in enumerate(data[section])]
    tables["blocs"] = []
    tables["bloc_members"] = []
    for bloc_no, bloc in enumerate(data["blocs"]):
        members = bloc.pop("members")
        tables["blocs"].append(_row(base, bloc_no, bloc))
        tables["bloc_members"].extend(
            {**base, "bloc_item_no": bloc_no, "item_no": no, "bloc": bloc["name"],
             "org": member["org"], "role": member["role"]}
            for no, member in enumerate(members))
    # movement_evidence runs parallel to movements; a shorter list leaves the tail bare.
    evidence = data["movement_evidence"]
    tables["movements"] = [
        {**base, "item_no": no, "name": name,
         **evidence_columns(evidence[no] if no < len(evidence) else None)}
        for no, name in enumerate(data["movements"])
    ]
    return tables


def _row(base: Row, no: int, item: dict) -> Row:
    row = {**base, "item_no": no, **item, **evidence_columns(item.get("evidence"))}
    del row["evidence"]
    return row

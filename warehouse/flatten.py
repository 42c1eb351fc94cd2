"""Turning one validated record into rows of the warehouse's tables."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from thidua.schema import Evidence, Record

Row = dict[str, Any]

# Sections whose items map field for field onto their table's columns.
_PLAIN_SECTIONS = ("events", "people", "awards", "bloc_leadership", "indicators", "documents")


def evidence_columns(evidence: Evidence | None) -> Row:
    if evidence is None:
        return {"evidence_text": None, "evidence_start": None, "evidence_end": None}
    return {"evidence_text": evidence.text, "evidence_start": evidence.start,
            "evidence_end": evidence.end}


def flatten(article_id: str, record: Record, loaded_at: datetime) -> dict[str, list[Row]]:
    """Rows per table for one article; item_no keeps each list's order for reassembly."""
    key = {"article_id": article_id, "url": record.url}
    tables: dict[str, list[Row]] = {"articles": [{
        "article_id": article_id, "url": record.url, "source": record.source,
        "province": record.province, "title": record.title, "published": record.published,
        "author": record.author, "body": record.body,
        "extractor_version": record.extractor_version,
        "schema_version": record.schema_version, "loaded_at": loaded_at,
    }]}
    for section in _PLAIN_SECTIONS:
        tables[section] = [
            {**key, "item_no": no, **item.model_dump(exclude={"evidence"}),
             **evidence_columns(item.evidence)}
            for no, item in enumerate(getattr(record, section))
        ]
    tables["blocs"] = [
        {**key, "item_no": no, **bloc.model_dump(exclude={"evidence", "members"}),
         **evidence_columns(bloc.evidence)}
        for no, bloc in enumerate(record.blocs)
    ]
    tables["bloc_members"] = [
        {**key, "bloc_item_no": bloc_no, "item_no": no, "bloc": bloc.name,
         "org": member.org, "role": member.role}
        for bloc_no, bloc in enumerate(record.blocs)
        for no, member in enumerate(bloc.members)
    ]
    # movement_evidence runs parallel to movements; a shorter list leaves the tail bare.
    evidence = list(record.movement_evidence)
    tables["movements"] = [
        {**key, "item_no": no, "name": name,
         **evidence_columns(evidence[no] if no < len(evidence) else None)}
        for no, name in enumerate(record.movements)
    ]
    return tables

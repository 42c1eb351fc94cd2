"""What the warehouse holds a record to beyond its JSON Schema: plausible years, counts that
fit the columns, evidence offsets inside the body.

The record models (schema/record.py) say what a value may be; these bounds say what a value
must be for the warehouse to store it faithfully: a `recipient_count` of 10^30 is valid
JSON and a valid int, but fits no INTEGER column, and an evidence span past the end of the
body points at nothing. Both load paths apply them: the Python path after pydantic, the bulk
path as one more SQL check (a line it fails goes to the Python path, which says why).
"""
from __future__ import annotations

import typing
from dataclasses import dataclass
from datetime import date

from thidua.schema import Record

YEAR_MIN, YEAR_MAX = 1945, 2100
COUNT_MAX = 1_000_000  # recipients of one award, members of one bloc


@dataclass(frozen=True)
class Bound:
    section: str | None  # None: a field of the record itself
    field: str
    kind: str  # "year" (an int), "date" (its year), "count"


BOUNDS = (
    Bound(None, "published", "date"),
    Bound("events", "date", "date"),
    Bound("events", "period_start", "date"),
    Bound("events", "period_end", "date"),
    Bound("documents", "date", "date"),
    Bound("awards", "year", "year"),
    Bound("bloc_leadership", "year", "year"),
    Bound("awards", "recipient_count", "count"),
    Bound("blocs", "member_count", "count"),
)


def _evidence_lists() -> tuple[str, ...]:
    """The record's lists whose items carry an `evidence` span (movements keep theirs in
    the parallel movement_evidence list)."""
    out = []
    for name, info in Record.model_fields.items():
        args = typing.get_args(info.annotation)
        if typing.get_origin(info.annotation) is list and "evidence" in getattr(
                args[0], "model_fields", {}):
            out.append(name)
    return tuple(out)


EVIDENCE_LISTS = _evidence_lists()


def _problem(kind: str, value) -> str | None:
    if value is None:
        return None
    if kind == "date":
        year = value.year if isinstance(value, date) else None
        if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
            return f"the year {year} is outside {YEAR_MIN}–{YEAR_MAX}"
    elif kind == "year":
        if not YEAR_MIN <= value <= YEAR_MAX:
            return f"{value} is outside {YEAR_MIN}–{YEAR_MAX}"
    elif not 0 <= value <= COUNT_MAX:
        return f"{value} is outside 0–{COUNT_MAX:,}".replace(",", ".")
    return None


def problems(record: Record) -> list[str]:
    """Every value of a validated record the warehouse will not store, as `path: why`."""
    found = []
    for bound in BOUNDS:
        if bound.section is None:
            items = [("", record)]
        else:
            items = [(f"{bound.section}.{no}.", item)
                     for no, item in enumerate(getattr(record, bound.section))]
        for prefix, item in items:
            why = _problem(bound.kind, getattr(item, bound.field))
            if why:
                found.append(f"{prefix}{bound.field}: {why}")
    size = len(record.body)
    spans = [(f"{section}.{no}.evidence", item.evidence)
             for section in EVIDENCE_LISTS for no, item in enumerate(getattr(record, section))]
    spans += [(f"movement_evidence.{no}", ev) for no, ev in enumerate(record.movement_evidence)]
    for path, ev in spans:
        if ev is not None and not ev.start <= ev.end <= size:
            found.append(f"{path}: the span {ev.start}–{ev.end} is not inside the body "
                         f"({size} characters)")
    return found


def sql_ok(row: str, value) -> str:
    """SQL that is true when the parsed line `row` (bulk.py's struct) is inside every bound.

    `value(name, expr)` decodes a field of the record, or of an item, from its parsed form
    (record_sql.value with the model's spec)."""
    clauses = []
    for bound in BOUNDS:
        test = {"date": "year({v}) BETWEEN {lo} AND {hi}",
                "year": "{v} BETWEEN {lo} AND {hi}",
                "count": "{v} BETWEEN 0 AND {max}"}[bound.kind]
        if bound.section is None:
            v = value(None, bound.field, f'{row}."{bound.field}"')
            clauses.append(f"coalesce({test.format(v=v, lo=YEAR_MIN, hi=YEAR_MAX, max=COUNT_MAX)}, true)")
            continue
        v = value(bound.section, bound.field, f'_b."{bound.field}"')
        inner = test.format(v=v, lo=YEAR_MIN, hi=YEAR_MAX, max=COUNT_MAX)
        clauses.append(f'coalesce(list_bool_and(list_transform({row}."{bound.section}", '
                       f"lambda _b: coalesce({inner}, true))), true)")
    body = "length(" + value(None, "body", row + '."body"') + ")"
    span = ('coalesce(TRY_CAST({e}."start" AS BIGINT) <= TRY_CAST({e}."end" AS BIGINT) '
            'AND TRY_CAST({e}."end" AS BIGINT) <= {body}, true)')
    for section, e in [(s, '_s."evidence"') for s in EVIDENCE_LISTS] + [("movement_evidence", "_s")]:
        clauses.append(f'coalesce(list_bool_and(list_transform({row}."{section}", lambda _s: '
                       + span.format(e=e, body=body) + ")), true)")
    return "(" + " AND ".join(clauses) + ")"

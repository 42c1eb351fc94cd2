"""Putting query results together into what one page or one API answer shows."""
from __future__ import annotations

from collections import defaultdict
from typing import Any
from urllib.parse import urlsplit

from thidua.web import queries
from thidua.web.labels import label
from thidua.web.highlight import runs
from thidua.web.queries import Cursor


# Fields whose values are codes with a label group in labels.toml.
_CODED = {("events", "type"): "event_type", ("awards", "type"): "award_type",
          ("awards", "status"): "award_status", ("awards", "recipient_kind"): "recipient_kind",
          ("bloc_leadership", "status"): "leadership_status",
          ("bloc_leadership", "role"): "leadership_role", ("people", "role"): "person_role",
          ("blocs", "kind"): "bloc_kind"}


def _shown(section: str, name: str, value: Any) -> str:
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if (section, name) in _CODED:
        return label(_CODED[(section, name)], value)
    if name in ("date", "period_start", "period_end") and isinstance(value, str):
        year, month, day = value[:10].split("-")  # ISO from the facts' JSON
        return f"{day}/{month}/{year}"
    if isinstance(value, float):  # Vietnamese style: 1.334,251
        text = f"{value:,.3f}".rstrip("0").rstrip(".")
        return text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return str(value)


def fact_key(section: str, item_no: int, sub: int | None = None) -> str:
    """Anchor of a fact on its article page: `fact-awards-3` (stable across loads)."""
    return f"fact-{section}-{item_no}" if sub is None else f"fact-{section}-{item_no}-{sub}"


def bloc_detail(cur: Cursor, bloc_id: str, limit: int = 100) -> dict[str, Any] | None:
    bloc = queries.bloc(cur, bloc_id)
    if bloc is None:
        return None
    facts: dict[tuple, list[dict]] = defaultdict(list)
    for f in queries.bloc_leadership_facts(cur, bloc_id):
        ref = {"article_id": f["article_id"], "item_no": f["item_no"], "title": f["title"]}
        facts[(f["year"], f["role"], f["unit_id"])].append(ref)
    history = []
    for row in queries.bloc_history(cur, bloc_id):
        row["leader_facts"] = facts.get((row["year"], "leader", row["leader_unit_id"]), []) \
            if row["leader"] else []
        row["deputy_facts"] = facts.get((row["year"], "deputy", row["deputy_unit_id"]), []) \
            if row["deputy"] else []
        history.append(row)
    # Within a year with conflicting reports, the pairing more articles back comes first.
    history.sort(key=lambda r: (r["year"] is None, r["year"] or 0,
                                -(len(r["leader_facts"]) + len(r["deputy_facts"]))))
    counts = queries.bloc_counts(cur, bloc_id)
    return {**bloc, "history": history, "members": queries.bloc_members(cur, bloc_id),
            "events": queries.bloc_events(cur, bloc_id, limit),
            "awards": queries.bloc_awards(cur, bloc_id, limit),
            "event_count": counts["events"], "award_count": counts["awards"]}


def person_detail(cur: Cursor, person_id: str) -> dict[str, Any] | None:
    person = queries.person(cur, person_id)
    if person is None:
        return None
    return {**person, "titles": queries.person_titles(cur, person_id),
            "appearances": queries.person_events(cur, person_id)}


def article_detail(cur: Cursor, article_id: str) -> dict[str, Any] | None:
    art = queries.article(cur, article_id)
    if art is None:
        return None
    art["facts"] = queries.article_facts(cur, article_id)
    return art


def web_link(url: str | None) -> str | None:
    """A URL a page may link to: http(s) only (a record's url is whatever its source gave:
    a javascript: or file: address must not become a link)."""
    if not url:
        return None
    scheme = urlsplit(url.strip()).scheme.lower()
    return url if scheme in ("http", "https") else None


def unit_detail(cur: Cursor, unit_id: str) -> dict[str, Any] | None:
    unit = queries.unit(cur, unit_id)
    if unit is None:
        return None
    return {**unit, **queries.unit_roles(cur, unit_id)}


def article_page(cur: Cursor, article_id: str) -> dict[str, Any] | None:
    """The article with its body cut into highlighted runs and its facts, keyed by anchor."""
    art = article_detail(cur, article_id)
    if art is None:
        return None
    facts = []
    for section, items in art["facts"].items():
        if section == "bloc_members":
            continue
        for item in items:
            key = fact_key(section, item["item_no"])
            fields = [(label("field", k), _shown(section, k, v)) for k, v in item.items()
                      if k not in ("item_no",) + queries.EVIDENCE_COLUMNS
                      and v is not None and v is not False and v != []]
            facts.append({"key": key, "section": section, "item_no": item["item_no"],
                          "fields": fields, "evidence": item["evidence_text"],
                          "start": item["evidence_start"], "end": item["evidence_end"],
                          "words": (item["evidence_span_start"], item["evidence_span_end"])})
    cut, misplaced = runs(art["body"], [(f["key"], f["start"], f["end"], *f["words"])
                                        for f in facts])
    for f in facts:
        f["located"] = f["key"] not in misplaced
    art["runs"] = cut
    art["link"] = web_link(art["url"])
    art["fact_list"] = facts
    # Sections in the record's order, for the list beside the text.
    art["fact_groups"] = [(section, [f for f in facts if f["section"] == section])
                          for section in queries.SECTION_COLUMNS
                          if any(f["section"] == section for f in facts)]
    return art

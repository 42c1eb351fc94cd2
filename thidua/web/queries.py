"""Every SQL statement of the web app: parameterised lookups on the warehouse's own tables.

The analyst layer (resolved facts, history, the analyst views) is built by the warehouse
at load time (warehouse/sql/*.sql, history.py); this module only reads it, by key or with
filters, so a worker opens a snapshot in milliseconds and holds no copy of it. All user
input reaches DuckDB as bound parameters (`?`); the only text put into a statement is the
server's own file path (quoted below) and names from the fixed tables in this module.
`wh` is the attached warehouse file (read-only).
"""
from __future__ import annotations

import json
import typing
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from thidua.schema import Record
from thidua.warehouse.query import lock_down

Cursor = duckdb.DuckDBPyConnection
# Per worker: DuckDB caches the warehouse's blocks up to this and evicts beyond it; what
# queries hold meanwhile must fit too (nothing spills: the connection may write no file),
# hence at most REQUESTS_AT_ONCE requests run at a time in a worker.
MEMORY_LIMIT = "128MB"
REQUESTS_AT_ONCE = 4


def fold(expr: str) -> str:
    """SQL for the accent- and case-free form of `expr` (strip_accents leaves đ alone)."""
    return f"replace(strip_accents(lower({expr})), 'đ', 'd')"


# ---------------------------------------------------------------- snapshot set-up

def attach(con: Cursor, path: Path) -> None:
    """Attach the file read-only, then close the connection to everything else for good:
    no other file, no extension, no setting changed (as `thidua query`)."""
    # ATTACH takes no parameters; the path is the server's own setting, quoted as a literal.
    literal = "'" + str(path).replace("'", "''") + "'"
    con.execute(f"ATTACH {literal} AS wh (READ_ONLY)")
    # Requests run side by side and already keep the cores busy; splitting each small
    # query over threads only adds scheduling (measured: p95 halves at 8 clients).
    con.execute("SET threads = 1")
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    lock_down(con)
    prepare_cursor(con)


def prepare_cursor(cur: Cursor) -> None:
    cur.execute("SET search_path = 'wh.main'")


def schema_version(con: Cursor) -> int | None:
    has_meta = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'wh' AND table_name = 'meta'"
    ).fetchone()[0]
    if not has_meta:
        return None
    row = con.execute(
        "SELECT value FROM wh.main.meta WHERE key = 'warehouse_schema_version'").fetchone()
    return int(row[0]) if row else None


def warehouse_info(con: Cursor) -> dict[str, Any]:
    """What the home page and every API response say about the loaded warehouse."""
    row = con.execute("""
        SELECT count(*), max(loaded_at), min(year(published)), max(year(published)),
               max(published), count(DISTINCT province), count(DISTINCT source),
               count(*) FILTER (WHERE province IS NULL)
        FROM articles""").fetchone()
    versions = [r[0] for r in con.execute(
        "SELECT DISTINCT extractor_version FROM articles "
        "WHERE extractor_version IS NOT NULL ORDER BY 1").fetchall()]
    return {
        "schema_version": schema_version(con),
        "articles": row[0], "loaded_at": row[1], "year_min": row[2], "year_max": row[3],
        "last_published": row[4], "provinces": row[5], "sources": row[6],
        "without_province": row[7], "extractor_versions": versions,
    }


# ---------------------------------------------------------------- provinces

def province_names(cur: Cursor) -> list[tuple[str, str]]:
    """(name, current province) of every province the warehouse knows, loaded or not."""
    return cur.execute("""
        SELECT province, any_value(current_province) FROM places_provinces GROUP BY province
        UNION
        SELECT province, any_value(current_province) FROM articles
        WHERE province IS NOT NULL AND province NOT IN (SELECT province FROM places_provinces)
        GROUP BY province""").fetchall()


def provinces(cur: Cursor) -> list[dict]:
    """Every province with articles, and one row for the articles whose province was not
    read, so the rows add up to the article count; Vietnamese alphabetical order."""
    return _dicts(cur.execute("""
        WITH arts AS (
            SELECT province, any_value(current_province) AS current_province,
                   count(*) AS articles, min(year(published)) AS year_min,
                   max(year(published)) AS year_max
            FROM articles GROUP BY province
        ),
        blocs AS (
            SELECT province, count(*) FILTER (WHERE kind = 'khoi') AS khoi,
                   count(*) FILTER (WHERE kind = 'cum') AS cum
            FROM entity_blocs GROUP BY province
        )
        SELECT a.province, a.current_province, a.articles, a.year_min, a.year_max,
               coalesce(b.khoi, 0) AS khoi, coalesce(b.cum, 0) AS cum
        FROM arts AS a LEFT JOIN blocs AS b ON b.province = a.province
        ORDER BY a.province COLLATE vi NULLS LAST"""))


def province_blocs(cur: Cursor, province: str, current: bool) -> list[dict]:
    """Blocs and clusters of a province as written, or of every former province a current
    one took in (each with its own province, for the note)."""
    column = "current_province" if current else "province"
    return _dicts(cur.execute(f"""
        WITH mine AS (SELECT * FROM entity_blocs WHERE {column} = ?),
        latest AS (
            SELECT bloc_id, max(year) AS year FROM bloc_leadership_history
            WHERE year IS NOT NULL AND {column} = ? GROUP BY bloc_id
        ),
        leaders AS (
            SELECT h.bloc_id, h.year, string_agg(DISTINCT h.leader, '; ' ORDER BY h.leader) AS leader
            FROM bloc_leadership_history AS h JOIN latest USING (bloc_id, year)
            GROUP BY h.bloc_id, h.year
        )
        SELECT b.bloc_id, b.name, b.kind, b.province, b.current_province, b.mentions,
               l.year AS latest_year, l.leader AS latest_leader
        FROM mine AS b LEFT JOIN leaders AS l ON l.bloc_id = b.bloc_id
        ORDER BY b.province COLLATE vi, b.kind DESC, b.name COLLATE vi""", [province, province]))


# ---------------------------------------------------------------- blocs

def _aliases(cur: Cursor, table: str, column: str, entity_id: str, name: str) -> list[str]:
    return [r[0] for r in cur.execute(
        f"SELECT DISTINCT alias FROM {table} WHERE {column} = ? AND alias <> ? ORDER BY 1",
        [entity_id, name]).fetchall()]


def bloc(cur: Cursor, bloc_id: str) -> dict | None:
    rows = _dicts(cur.execute("""
        SELECT bloc_id, name, kind, province, current_province, mentions
        FROM entity_blocs WHERE bloc_id = ?""", [bloc_id]))
    if not rows:
        return None
    out = rows[0]
    out["aliases"] = _aliases(cur, "entity_bloc_aliases", "bloc_id", bloc_id, out["name"])
    out["member_count"] = cur.execute(
        "SELECT max(member_count) FROM fact_blocs WHERE bloc_id = ?", [bloc_id]).fetchone()[0]
    return out


def bloc_history(cur: Cursor, bloc_id: str) -> list[dict]:
    return _dicts(cur.execute("""
        SELECT year, leader, leader_unit_id, deputy, deputy_unit_id, status, conflict, sources
        FROM bloc_leadership_history WHERE bloc_id = ?
        ORDER BY year NULLS LAST, leader NULLS LAST, deputy NULLS LAST""", [bloc_id]))


def bloc_leadership_facts(cur: Cursor, bloc_id: str) -> list[dict]:
    """Each article item behind the timeline, so a cell links to the sentence that says it."""
    return _dicts(cur.execute("""
        SELECT f.year, f.role, f.unit_id, f.org, f.status, f.article_id, f.item_no, f.title,
               f.published
        FROM fact_leadership AS f
        WHERE f.bloc_id = ?
        ORDER BY f.year, f.role, f.published, f.article_id, f.item_no""", [bloc_id]))


def bloc_members(cur: Cursor, bloc_id: str) -> list[dict]:
    return _dicts(cur.execute("""
        SELECT coalesce(any_value(u.name), any_value(f.org)) AS name, f.unit_id,
               list(DISTINCT f.role ORDER BY f.role) AS roles,
               min(f.published) AS first_seen, max(f.published) AS last_seen,
               count(DISTINCT f.article_id) AS articles
        FROM fact_members AS f LEFT JOIN entity_units AS u ON u.unit_id = f.unit_id
        WHERE f.bloc_id = ?
        GROUP BY f.unit_id, CASE WHEN f.unit_id IS NULL THEN f.org END
        ORDER BY name COLLATE vi""", [bloc_id]))


def bloc_events(cur: Cursor, bloc_id: str, limit: int = 100) -> list[dict]:
    return _dicts(cur.execute("""
        SELECT f.type, f.date, f.location, f.article_id, f.item_no, f.title, f.published
        FROM fact_events AS f
        WHERE f.bloc_id = ?
        ORDER BY coalesce(f.date, f.published) DESC NULLS LAST, f.article_id, f.item_no
        LIMIT ?""", [bloc_id, limit]))


def bloc_awards(cur: Cursor, bloc_id: str, limit: int = 100) -> list[dict]:
    """The bloc's newest awards (the award-trends page has them all, counted)."""
    return _dicts(cur.execute("""
        SELECT f.year, f.achievement_year, f.award_type, f.label, f.recipient,
               f.recipient_count, f.status, f.decision, f.article_id, f.item_no, f.title
        FROM fact_awards AS f
        WHERE f.bloc_id = ?
        ORDER BY f.year DESC NULLS LAST, f.award_type, f.recipient NULLS LAST, f.article_id,
                 f.item_no
        LIMIT ?""", [bloc_id, limit]))


def bloc_counts(cur: Cursor, bloc_id: str) -> dict[str, int]:
    row = cur.execute("""
        SELECT (SELECT count(*) FROM fact_events WHERE bloc_id = ?),
               (SELECT count(*) FROM fact_awards WHERE bloc_id = ?)""",
                      [bloc_id, bloc_id]).fetchone()
    return {"events": row[0], "awards": row[1]}


# ---------------------------------------------------------------- units

def unit(cur: Cursor, unit_id: str) -> dict | None:
    rows = _dicts(cur.execute("""
        SELECT unit_id, name, province, current_province, type, mentions
        FROM entity_units WHERE unit_id = ?""", [unit_id]))
    if not rows:
        return None
    out = rows[0]
    out["aliases"] = _aliases(cur, "entity_unit_aliases", "unit_id", unit_id, out["name"])
    return out


def unit_roles(cur: Cursor, unit_id: str, limit: int = 200) -> dict[str, list[dict]]:
    """What a unit did: the blocs it led or deputised (by year), the blocs it belongs to,
    the awards it received, the people seen with a title in it."""
    led = _dicts(cur.execute("""
        SELECT bloc_id, bloc, province, year,
               CASE WHEN leader_unit_id = ? THEN 'leader' ELSE 'deputy' END AS role,
               status, conflict
        FROM bloc_leadership_history WHERE leader_unit_id = ? OR deputy_unit_id = ?
        ORDER BY year DESC NULLS LAST, bloc""", [unit_id, unit_id, unit_id]))
    member = _dicts(cur.execute("""
        SELECT f.bloc_id, b.name AS bloc, b.province, count(DISTINCT f.article_id) AS articles,
               max(f.published) AS last_seen
        FROM fact_members AS f JOIN entity_blocs AS b USING (bloc_id)
        WHERE f.unit_id = ? GROUP BY f.bloc_id, b.name, b.province ORDER BY b.name""", [unit_id]))
    awards = _dicts(cur.execute("""
        SELECT f.year, f.achievement_year, f.award_type, f.label, f.status, f.decision,
               f.article_id, f.item_no, f.title
        FROM fact_awards AS f
        WHERE f.recipient_id = ?
        ORDER BY f.year DESC NULLS LAST, f.award_type LIMIT ?""", [unit_id, limit]))
    people = _dicts(cur.execute("""
        SELECT f.person_id, p.name, f.position AS title, min(f.date) AS first_seen,
               max(f.date) AS last_seen
        FROM fact_titles AS f JOIN entity_people AS p USING (person_id)
        WHERE f.org_unit_id = ?
        GROUP BY f.person_id, p.name, f.position
        ORDER BY last_seen DESC NULLS LAST, p.name LIMIT ?""", [unit_id, limit]))
    return {"led": led, "member_of": member, "awards": awards, "people": people}


# ---------------------------------------------------------------- people

def search_people(cur: Cursor, folded: str | None, province: str | None, limit: int,
                  offset: int) -> tuple[int, list[dict]]:
    """People whose name or any spelling of it contains every word of `folded` (already
    accent-free), in `province` (as written or current) when given; either may be None."""
    clauses, params = [], []
    if folded:
        clause, words = _words("_fold", folded)
        clauses.append(clause)
        params += words
    if province:
        clauses.append("(province = ? OR current_province = ?)")
        params += [province, province]
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    people = f"""
        SELECT p.person_id, p.name, p.province, p.current_province, p.mentions,
               {fold('p.name')} || ' | ' || coalesce(
                   (SELECT string_agg({fold('a.alias')}, ' | ') FROM entity_person_aliases AS a
                    WHERE a.person_id = p.person_id), '') AS _fold
        FROM entity_people AS p"""
    total = cur.execute(f"SELECT count(*) FROM ({people}){where}", params).fetchone()[0]
    rows = _dicts(cur.execute(f"""
        WITH hits AS (
            SELECT person_id, name, province, current_province, mentions FROM ({people}){where}
            ORDER BY name COLLATE vi, province NULLS LAST, person_id
            LIMIT ? OFFSET ?
        )
        SELECT h.*, o.title, o.organisation, o.last_seen
        FROM hits AS h
        LEFT JOIN (
            SELECT person_id, title, organisation, last_seen,
                   row_number() OVER (PARTITION BY person_id
                                      ORDER BY last_seen DESC NULLS LAST, title) AS n
            FROM officials WHERE person_id IN (SELECT person_id FROM hits)
        ) AS o ON o.person_id = h.person_id AND o.n = 1
        ORDER BY h.name COLLATE vi, h.province NULLS LAST, h.person_id""",
                              params + [limit, offset]))
    return total, rows


def person(cur: Cursor, person_id: str) -> dict | None:
    rows = _dicts(cur.execute("""
        SELECT person_id, name, province, current_province, mentions
        FROM entity_people WHERE person_id = ?""", [person_id]))
    if not rows:
        return None
    out = rows[0]
    out["aliases"] = _aliases(cur, "entity_person_aliases", "person_id", person_id, out["name"])
    return out


def person_titles(cur: Cursor, person_id: str) -> list[dict]:
    """The person's rows of `officials`, each with its source articles (id and headline)."""
    return _dicts(cur.execute("""
        WITH links AS (
            SELECT f.position, f.org_unit_id, CASE WHEN f.org_unit_id IS NULL THEN f.org END AS org,
                   list(DISTINCT {'article_id': f.article_id, 'title': f.article_title}) AS links
            FROM fact_titles AS f
            WHERE f.person_id = ?
            GROUP BY ALL
        )
        SELECT o.title, o.organisation, o.organisation_id, o.first_seen, o.last_seen,
               o.articles, o.sources, coalesce(l.links, []) AS links
        FROM officials AS o
        LEFT JOIN links AS l ON l.position IS NOT DISTINCT FROM o.title
            AND l.org_unit_id IS NOT DISTINCT FROM o.organisation_id
            AND (o.organisation_id IS NOT NULL OR l.org IS NOT DISTINCT FROM o.organisation)
        WHERE o.person_id = ?
        ORDER BY o.first_seen NULLS LAST, o.title NULLS LAST""", [person_id, person_id]))


def person_events(cur: Cursor, person_id: str, limit: int = 200) -> list[dict]:
    """The articles a person appears in, with the events they report and the part played."""
    return _dicts(cur.execute("""
        SELECT article_id, min(item_no) AS item_no, any_value(role) AS role,
               list(DISTINCT title ORDER BY title) FILTER (WHERE title IS NOT NULL) AS titles,
               any_value(article_title) AS article_title, any_value(published) AS published,
               any_value(event_type) AS event_type, any_value(event_date) AS event_date,
               any_value(event_location) AS location, any_value(event_bloc) AS bloc
        FROM fact_titles WHERE person_id = ?
        GROUP BY article_id
        ORDER BY coalesce(any_value(event_date), any_value(published)) DESC NULLS LAST, article_id
        LIMIT ?""", [person_id, limit]))


# ---------------------------------------------------------------- articles

def article(cur: Cursor, article_id: str) -> dict | None:
    rows = _dicts(cur.execute("""
        SELECT article_id, url, source, province, current_province, district, title, published,
               author, body, extractor_version, schema_version, loaded_at
        FROM articles WHERE article_id = ?""", [article_id]))
    return rows[0] if rows else None


def _section_columns() -> dict[str, tuple[str, ...]]:
    """Per section of the record, the columns a fact shows besides its evidence: the item
    model's own fields (nested lists such as a bloc's members live in their own table); a
    list of strings (movements) is a `name` column. The record's `warnings` are about the
    input, not facts."""
    out = {}
    for name, info in Record.model_fields.items():
        if typing.get_origin(info.annotation) is not list or name in ("movement_evidence", "warnings"):
            continue
        (item,) = typing.get_args(info.annotation)
        fields = getattr(item, "model_fields", None)
        out[name] = ("name",) if fields is None else tuple(
            f for f, sub in fields.items() if f != "evidence"
            and not (typing.get_origin(sub.annotation) is list
                     and hasattr(typing.get_args(sub.annotation)[0], "model_fields")))
    return out


SECTION_COLUMNS = _section_columns()
EVIDENCE_COLUMNS = ("evidence_text", "evidence_start", "evidence_end", "evidence_span_start",
                    "evidence_span_end")


def _article_facts_sql() -> str:
    # One statement for every section (each section's own fields travel as a JSON object),
    # so an article page costs one round of scans instead of one per section.
    parts = [f"""SELECT '{section}' AS section, item_no, {', '.join(EVIDENCE_COLUMNS)}, to_json(struct_pack({', '.join(columns)}))::VARCHAR AS fields
                 FROM {section} WHERE article_id = $1"""
             for section, columns in SECTION_COLUMNS.items()]
    return " UNION ALL ".join(parts) + " ORDER BY section, item_no"


_ARTICLE_FACTS = _article_facts_sql()


def article_facts(cur: Cursor, article_id: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {section: [] for section in SECTION_COLUMNS}
    for section, item_no, *evidence, fields in cur.execute(
            _ARTICLE_FACTS, [article_id]).fetchall():
        out[section].append({"item_no": item_no, **json.loads(fields),
                             **dict(zip(EVIDENCE_COLUMNS, evidence))})
    out["bloc_members"] = _dicts(cur.execute(
        "SELECT bloc_item_no, item_no, bloc, org, role FROM bloc_members "
        "WHERE article_id = ? ORDER BY bloc_item_no, item_no", [article_id]))
    return out


def articles_by_id(cur: Cursor, ids: list[str]) -> dict[str, dict]:
    """Search hits: each article with its body and the body folded as the index folds it
    (one character for one, so a match in the folded text is at the same place)."""
    rows = _dicts(cur.execute(f"""
        SELECT article_id, title, province, published, url, body, {fold('body')} AS folded
        FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))""", [ids]))
    return {r["article_id"]: r for r in rows}


# Which articles a page's collapsed source list stands for.
ARTICLES_OF = {
    "person_id": "SELECT article_id FROM fact_titles WHERE person_id = ?",
    "bloc_id": "SELECT article_id FROM fact_leadership WHERE bloc_id = ? "
               "UNION SELECT article_id FROM fact_events WHERE bloc_id = ?",
    "unit_id": "SELECT article_id FROM fact_leadership WHERE unit_id = ? "
               "UNION SELECT article_id FROM fact_members WHERE unit_id = ? "
               "UNION SELECT article_id FROM fact_awards WHERE recipient_id = ?",
}


# ---------------------------------------------------------------- filtered lists

@dataclass(frozen=True)
class ListSpec:
    """How one endpoint's filters map onto one table or view."""

    source: str
    columns: tuple[str, ...]
    order: str
    # filter name -> SQL expression compared with `=`
    equals: dict[str, str] = field(default_factory=dict)
    # SQL expression of the row's year (filters year_from / year_to), or (first, last) years
    year: str | tuple[str, str] | None = None
    # filter name -> folded SQL expression matched with LIKE '%…%'
    contains: dict[str, str] = field(default_factory=dict)
    joins: str = ""
    # filter name -> SELECT of the article ids a row's article_id must be among
    articles: dict[str, str] = field(default_factory=dict)


def view_columns(con: Cursor, view: str) -> tuple[str, ...]:
    """A view's columns as the warehouse defines them (DESCRIBE): declared once, in SQL."""
    return tuple(r[0] for r in con.execute(f"DESCRIBE wh.main.{view}").fetchall())


def list_specs(con: Cursor) -> dict[str, ListSpec]:
    """The list endpoints' specs, their columns read from the snapshot's views."""
    cols = {view: view_columns(con, view) for view in
            ("bloc_leadership_history", "award_trends", "indicator_series", "officials",
             "coverage")}
    return {
        "bloc_leadership_history": ListSpec(
            source="bloc_leadership_history", columns=cols["bloc_leadership_history"],
            order="province NULLS LAST, bloc, year NULLS LAST, leader NULLS LAST, "
                  "deputy NULLS LAST",
            equals={"province": "province", "current_province": "current_province",
                    "bloc_id": "bloc_id", "status": "status", "conflict": "conflict"},
            year="year", contains={"bloc": fold("bloc")}),
        "award_trends": ListSpec(
            source="award_trends", columns=cols["award_trends"],
            order="year NULLS LAST, province NULLS LAST, bloc NULLS LAST, award_type, status, "
                  "achievement_year NULLS LAST",
            equals={"province": "province", "current_province": "current_province",
                    "bloc_id": "bloc_id", "award_type": "award_type", "status": "status"},
            year="year"),
        "indicator_series": ListSpec(
            source="indicator_series", columns=cols["indicator_series"],
            order="province NULLS LAST, region NULLS LAST, indicator, period NULLS LAST, value",
            equals={"province": "province", "current_province": "current_province",
                    "region_exact": "region", "indicator_exact": "indicator", "unit": "unit"},
            year="TRY_CAST(regexp_extract(period, '(1[89]|20)[0-9][0-9]') AS INTEGER)",
            contains={"indicator": fold("indicator"), "region": fold("region")}),
        "officials": ListSpec(
            source="officials", columns=cols["officials"],
            order="province NULLS LAST, person, first_seen NULLS LAST, title NULLS LAST, "
                  "organisation NULLS LAST",
            equals={"province": "province", "current_province": "current_province",
                    "person_id": "person_id", "organisation_id": "organisation_id"},
            year=("year(first_seen)", "year(last_seen)"), contains={"q": fold("person")}),
        "coverage": ListSpec(
            source="coverage", columns=cols["coverage"], order="",
            equals={"source": "source"}, year="TRY_CAST(left(month, 4) AS INTEGER)"),
        "articles": ListSpec(
            source="articles",
            columns=("article_id", "url", "source", "province", "current_province", "district",
                     "title", "published", "author", "extractor_version", "loaded_at"),
            order="published DESC NULLS LAST, article_id",
            equals={"province": "province", "current_province": "current_province",
                    "source": "source"},
            year="year(published)", contains={"q": fold("title")}, articles=ARTICLES_OF),
        "blocs": ListSpec(
            source="entity_blocs",
            columns=("bloc_id", "name", "kind", "province", "current_province", "mentions"),
            order="province COLLATE vi NULLS LAST, kind DESC, name COLLATE vi",
            equals={"province": "province", "current_province": "current_province",
                    "kind": "kind"},
            contains={"q": fold("name")}),
        "units": ListSpec(
            source="entity_units",
            columns=("unit_id", "name", "province", "current_province", "type", "mentions"),
            order="province COLLATE vi NULLS LAST, name COLLATE vi",
            equals={"province": "province", "current_province": "current_province",
                    "type": "type"},
            contains={"q": fold("name")}),
        # a record section's rows (sections/blocs is not the resolved blocs above)
        **{f"sections/{section}": ListSpec(
            source=f"{section} AS t",
            joins="JOIN articles AS a ON a.article_id = t.article_id",
            columns=tuple(f"t.{c}" for c in ("article_id", "item_no") + columns
                          + EVIDENCE_COLUMNS)
            + ("a.province", "a.current_province", "a.published", "a.url"),
            # Load order (DuckDB keeps insertion order without ORDER BY): pages stop early
            # instead of sorting every matching fact.
            order="",
            equals={"province": "a.province", "current_province": "a.current_province",
                    "article_id": "t.article_id", **_SECTION_FILTERS.get(section, {})},
            year=_SECTION_YEAR.get(section, "year(a.published)"))
           for section, columns in SECTION_COLUMNS.items()},
    }


# Sections of the record: raw rows with their article's place and date.
_SECTION_YEAR = {
    "events": "year(coalesce(t.date, a.published))",
    "awards": "coalesce(t.year, year(a.published))",
    "bloc_leadership": "coalesce(t.year, year(a.published))",
    "documents": "year(coalesce(t.date, a.published))",
}
_SECTION_FILTERS = {
    "events": {"type": "t.type", "bloc": "t.bloc"},
    "blocs": {"kind": "t.kind", "bloc": "t.name"},
    "awards": {"type": "t.type", "status": "t.status"},
    "bloc_leadership": {"status": "t.status", "role": "t.role", "bloc": "t.bloc"},
    "documents": {"type": "t.type"},
}
SECTIONS = tuple(SECTION_COLUMNS)


def _where(spec: ListSpec, filters: dict[str, Any]) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for name, value in filters.items():
        if value is None:
            continue
        if name in spec.equals:
            clauses.append(f"{spec.equals[name]} = ?")
            params.append(value)
        elif name in spec.contains:
            clause, words = _words(spec.contains[name], str(value))
            clauses.append(clause)
            params += words
        elif name in spec.articles:
            select = spec.articles[name]
            clauses.append(f"article_id IN ({select})")
            params += [value] * select.count("?")
        elif name == "year_from" and spec.year is not None:
            last = spec.year[1] if isinstance(spec.year, tuple) else spec.year
            clauses.append(f"{last} >= ?")
            params.append(value)
        elif name == "year_to" and spec.year is not None:
            first = spec.year[0] if isinstance(spec.year, tuple) else spec.year
            clauses.append(f"{first} <= ?")
            params.append(value)
        else:
            raise KeyError(f"filter {name!r} does not apply here")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _quoted(columns: tuple[str, ...]) -> str:
    return ", ".join(c if "." in c else f'"{c}"' for c in columns)


def list_rows(cur: Cursor, spec: ListSpec, filters: dict[str, Any], limit: int | None,
              offset: int = 0) -> tuple[int | None, list[str], list[tuple]]:
    """(total, columns, rows) of one page (limit None: every row, total not counted)."""
    where, params = _where(spec, filters)
    frm = f"FROM {spec.source} {spec.joins}{where}"
    select = _quoted(spec.columns)
    order = f" ORDER BY {spec.order}" if spec.order else ""
    if limit is None:
        cursor = cur.execute(f"SELECT {select} {frm}{order}", params)
        return None, [d[0] for d in cursor.description], cursor.fetchall()
    # (A count(*) OVER () column would save this query but makes DuckDB sort every row.)
    total = cur.execute(f"SELECT count(*) {frm}", params).fetchone()[0]
    cursor = cur.execute(f"SELECT {select} {frm}{order} LIMIT ? OFFSET ?",
                         params + [limit, offset])
    return total, [d[0] for d in cursor.description], cursor.fetchall()


def list_arrow(cur: Cursor, spec: ListSpec, filters: dict[str, Any]):
    """Every row matching the filters, as an Arrow table (downloads)."""
    where, params = _where(spec, filters)
    # A relation (not a DB-API result) hands Arrow its columns without an extra copy.
    order = f" ORDER BY {spec.order}" if spec.order else ""
    return cur.sql(f"SELECT {_quoted(spec.columns)} FROM {spec.source} {spec.joins}{where}{order}",
                   params=params).to_arrow_table()


# ---------------------------------------------------------------- charts and filter choices

AXES = {"stage": "year", "achievement": "achievement_year"}


def award_chart(cur: Cursor, spec: ListSpec, filters: dict[str, Any], axis: str = "stage",
                by: str = "award_type") -> list[dict]:
    """Award counts by year (of the stage, or of achievement) and by `by` (award_type or
    province) for a chart; rows without a year cannot be drawn."""
    year = AXES[axis]
    where, params = _where(spec, filters)
    where = (where + " AND " if where else " WHERE ") + f"{year} IS NOT NULL"
    return _dicts(cur.execute(f"""
        SELECT {year} AS year, {by} AS series, sum("count")::BIGINT AS "count",
               sum(items)::BIGINT AS items
        FROM award_trends{where}
        GROUP BY ALL ORDER BY year, series""", params))


def award_choices(cur: Cursor, province: str | None, current: bool) -> dict[str, list]:
    """Values the award-trends filters can take (blocs narrowed to the chosen province)."""
    column = "current_province" if current else "province"
    blocs = cur.execute(f"""
        SELECT bloc_id, name, province FROM entity_blocs
        WHERE bloc_id IN (SELECT bloc_id FROM mart_award_trends) AND (? IS NULL OR {column} = ?)
        ORDER BY province COLLATE vi, name COLLATE vi LIMIT 500""", [province, province]).fetchall()
    types = [r[0] for r in cur.execute(
        "SELECT DISTINCT award_type FROM mart_award_trends ORDER BY 1").fetchall()]
    return {"blocs": blocs, "award_types": types}


def compare_awards(cur: Cursor, spec: ListSpec, provinces: list[str], current: bool,
                   filters: dict[str, Any], axis: str = "stage") -> list[dict]:
    """Award counts per year and province, for several provinces side by side."""
    column = "current_province" if current else "province"
    year = AXES[axis]
    where, params = _where(spec, filters)
    where = (where + " AND " if where else " WHERE ") + \
        f"{year} IS NOT NULL AND {column} IN (SELECT unnest(?::VARCHAR[]))"
    return _dicts(cur.execute(f"""
        SELECT {year} AS year, {column} AS province, sum("count")::BIGINT AS "count",
               sum(items)::BIGINT AS items
        FROM award_trends{where} GROUP BY ALL ORDER BY year, province""",
                              params + [provinces]))


def indicator_names(cur: Cursor, limit: int = 300) -> list[str]:
    """The indicators reported most often, for the comparison page's choice."""
    return [r[0] for r in cur.execute("""
        SELECT any_value(indicator) FROM hist_indicator_series
        GROUP BY lower(indicator) ORDER BY count(*) DESC, 1 LIMIT ?""", [limit]).fetchall()]


def compare_indicator(cur: Cursor, indicator: str, provinces: list[str], current: bool,
                      year_from: int | None, year_to: int | None) -> list[dict]:
    """One indicator per year, for several provinces: the province-wide figure (region =
    the province) when reported, else every region's (unit kept, so tỷ đồng and % never mix)."""
    column = "current_province" if current else "province"
    return _dicts(cur.execute(f"""
        SELECT period_year AS year, {column} AS province, region, unit,
               avg(value) AS value, bool_or(conflict) AS conflict, count(*) AS points
        FROM hist_indicator_series
        WHERE lower(indicator) = lower(?) AND {column} IN (SELECT unnest(?::VARCHAR[]))
          AND period_year IS NOT NULL AND (? IS NULL OR period_year >= ?)
          AND (? IS NULL OR period_year <= ?)
        GROUP BY ALL ORDER BY province, region, unit, year""",
                              [indicator, provinces, year_from, year_from, year_to, year_to]))


def _indicator_where(filters: dict[str, Any], current: bool) -> tuple[str, list]:
    clauses, params = ["TRUE"], []
    province = filters.get("province")
    if province:
        clauses.append(("current_province" if current else "province") + " = ?")
        params.append(province)
    for name, expr in (("indicator", fold("indicator")), ("region", fold("region"))):
        if filters.get(name):
            clause, words = _words(expr, filters[name])
            clauses.append(clause)
            params += words
    if filters.get("year_from") is not None:
        clauses.append("period_year >= ?")
        params.append(filters["year_from"])
    if filters.get("year_to") is not None:
        clauses.append("period_year <= ?")
        params.append(filters["year_to"])
    return " AND ".join(clauses), params


def indicator_groups(cur: Cursor, filters: dict[str, Any], limit: int, current: bool = False
                     ) -> tuple[int, list[dict]]:
    """(indicator, region, unit) series matching the filters, longest first."""
    where, params = _indicator_where(filters, current)
    rows = _dicts(cur.execute(f"""
        SELECT series_key AS series, min(indicator) AS indicator, any_value(region) AS region,
               any_value(unit) AS unit, any_value(province) AS province, count(*) AS points,
               count(*) OVER () AS _total
        FROM hist_indicator_series WHERE {where}
        GROUP BY series_key
        ORDER BY points DESC, indicator, region NULLS LAST, unit NULLS LAST
        LIMIT ?""", params + [limit]))
    total = rows[0]["_total"] if rows else 0
    for r in rows:
        r.pop("_total")
    return total, rows


def indicator_points(cur: Cursor, groups: list[dict], filters: dict[str, Any],
                     current: bool = False, linked: int = 8) -> list[dict]:
    """The points of the series, the newest `linked` of each with their source articles."""
    if not groups:
        return []
    where, params = _indicator_where(filters, current)
    return _dicts(cur.execute(f"""
        WITH points AS (
            SELECT *, row_number() OVER (PARTITION BY series_key
                                         ORDER BY period_year DESC NULLS LAST, period DESC) AS n
            FROM hist_indicator_series
            WHERE {where} AND series_key IN (SELECT unnest(?::VARCHAR[]))
        ),
        links AS (
            SELECT f.series_key, f.period, f.value,
                   list(DISTINCT {{'article_id': f.article_id, 'title': f.title}}) AS links
            FROM fact_indicators AS f
            WHERE f.series_key IN (SELECT series_key FROM points WHERE n <= ?)
            GROUP BY ALL
        )
        SELECT p.series_key AS series, p.indicator, p.region, p.unit, p.period,
               p.period_year AS year, p.value, p.estimate, p.conflict,
               CASE WHEN p.n <= ? THEN coalesce(l.links, []) END AS links
        FROM points AS p
        LEFT JOIN links AS l ON l.series_key = p.series_key
            AND l.period IS NOT DISTINCT FROM p.period AND l.value = p.value
        ORDER BY p.series_key, p.period_year NULLS LAST, p.period""",
        params + [[g["series"] for g in groups], linked, linked]))


# ---------------------------------------------------------------- search

def search_blocs(cur: Cursor, folded: str, limit: int) -> list[dict]:
    by_name, name_words = _words(fold("b.name"), folded)
    by_alias, alias_words = _words(fold("a.alias"), folded)
    return _dicts(cur.execute(f"""
        SELECT DISTINCT b.bloc_id, b.name, b.kind, b.province, b.mentions
        FROM entity_blocs AS b
        LEFT JOIN entity_bloc_aliases AS a ON a.bloc_id = b.bloc_id
        WHERE ({by_name}) OR ({by_alias})
        ORDER BY b.mentions DESC, b.province COLLATE vi, b.name LIMIT ?""",
                              name_words + alias_words + [limit]))


def search_units(cur: Cursor, folded: str | None, province: str | None, limit: int,
                 offset: int = 0) -> tuple[int, list[dict]]:
    """Units whose name or a spelling of it holds every word, most mentioned first."""
    clauses, params = [], []
    if folded:
        by_name, name_words = _words(fold("u.name"), folded)
        by_alias, alias_words = _words(fold("a.alias"), folded)
        clauses.append(f"(({by_name}) OR u.unit_id IN (SELECT a.unit_id FROM "
                       f"entity_unit_aliases AS a WHERE {by_alias}))")
        params += name_words + alias_words
    if province:
        clauses.append("(u.province = ? OR u.current_province = ?)")
        params += [province, province]
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = cur.execute(f"SELECT count(*) FROM entity_units AS u{where}", params).fetchone()[0]
    rows = _dicts(cur.execute(f"""
        SELECT u.unit_id, u.name, u.province, u.current_province, u.type, u.mentions
        FROM entity_units AS u{where}
        ORDER BY u.mentions DESC, u.name COLLATE vi LIMIT ? OFFSET ?""",
                              params + [limit, offset]))
    return total, rows


# ---------------------------------------------------------------- helpers

def _words(expr: str, folded: str) -> tuple[str, list[str]]:
    """Every word of the (already folded) query somewhere in `expr`: "nguyen lan" finds
    "Nguyễn Thị Lan". LIKE wildcards typed by the user match themselves."""
    words = folded.split() or [""]
    clause = " AND ".join(f"{expr} LIKE ? ESCAPE '\\'" for _ in words)
    return f"({clause})", ["%" + _like_escape(w) + "%" for w in words]


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _dicts(cursor: Cursor) -> list[dict]:
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def jsonable(value: Any) -> Any:
    """DuckDB values as JSON/CSV-friendly Python values."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value

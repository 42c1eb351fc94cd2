"""Every SQL statement of the web app, and nothing else.

The warehouse's tables and views (warehouse/sql/*.sql) are the contract; when they change,
this is the one file to adapt. All user input reaches DuckDB as bound parameters (`?`);
the only text ever put into a statement is the server's own file path (quoted below) and
names from the fixed tables in this module.

Names: `wh` is the attached warehouse file (read-only); `mv_*` tables live in the snapshot's
in-memory catalog and are built once per snapshot by `materialise`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

Cursor = duckdb.DuckDBPyConnection


def fold(expr: str) -> str:
    """SQL for the accent- and case-free form of `expr` (strip_accents leaves đ alone)."""
    return f"replace(strip_accents(lower({expr})), 'đ', 'd')"


# ---------------------------------------------------------------- snapshot set-up

def attach(con: Cursor, path: Path) -> None:
    # ATTACH takes no parameters; the path is the server's own setting, quoted as a literal.
    literal = "'" + str(path).replace("'", "''") + "'"
    con.execute(f"ATTACH {literal} AS wh (READ_ONLY)")
    prepare_cursor(con)


def prepare_cursor(cur: Cursor) -> None:
    # Unqualified names: the warehouse first, then this snapshot's materialised tables.
    # Statements that create tables name memory.main explicitly; the warehouse refuses writes.
    cur.execute("SET search_path = 'wh.main,memory.main'")


def schema_version(con: Cursor) -> int | None:
    has_meta = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'wh' AND table_name = 'meta'"
    ).fetchone()[0]
    if not has_meta:
        return None
    row = con.execute(
        "SELECT value FROM wh.main.meta WHERE key = 'warehouse_schema_version'").fetchone()
    return int(row[0]) if row else None


def _linked(source: str) -> str:
    """`source` (a view with `sources`) plus `_links`: the article id and headline of each
    source, so pages link to article pages without looking the references up."""
    return f"""
        WITH base AS (SELECT *, row_number() OVER () AS _k FROM {source}),
        links AS (
            SELECT u._k, list({{'article_id': s.article_id, 'title': s.title}}
                              ORDER BY s.published, s.article_id) AS _links
            FROM (SELECT _k, unnest(sources) AS ref FROM base) AS u
            JOIN (SELECT coalesce(url, article_id) AS ref, article_id, title, published
                  FROM wh.main.articles) AS s ON s.ref = u.ref
            GROUP BY u._k
        )
        SELECT base.* EXCLUDE (_k), coalesce(links._links, []) AS _links
        FROM base LEFT JOIN links USING (_k)"""


def _numbered(source: str, order: str) -> str:
    """Rows of `source` stored in `order`, numbered in `_row`: listing a page then sorts
    integers, not several text columns of every row."""
    return f"SELECT *, row_number() OVER (ORDER BY {order}) AS _row FROM {source} ORDER BY _row"


# Each analyst view and each join the pages repeat, computed once per snapshot. Tables read
# by one key (a bloc's, a person's) are sorted by it, so a lookup touches few blocks, and
# carry the article columns pages show, so a lookup joins nothing.
# Columns starting with "_" are helpers for filtering and never leave this module.
MATERIALISED: dict[str, str] = {
    "mv_bloc_leadership_history": _numbered(
        "wh.main.bloc_leadership_history",
        "province NULLS LAST, bloc, year NULLS LAST, leader NULLS LAST, deputy NULLS LAST"),
    "mv_award_trends": _numbered(
        "wh.main.award_trends",
        "year NULLS LAST, province NULLS LAST, bloc NULLS LAST, award_type, status"),
    # _series numbers each (indicator, region, unit): one chart of the indicators page.
    "mv_indicator_series": f"""
        SELECT *, TRY_CAST(regexp_extract(period, '(1[89]|20)[0-9][0-9]') AS INTEGER) AS _year,
               {fold('indicator')} AS _fold_indicator, {fold('region')} AS _fold_region,
               dense_rank() OVER (ORDER BY indicator, region NULLS LAST, unit NULLS LAST)
                   AS _series
        FROM ({_linked('wh.main.indicator_series')})
        ORDER BY _series, _year NULLS LAST, period""",
    # One row per chart of the indicators page, longest series first.
    "mv_indicator_groups": """
        SELECT _series AS series, any_value(indicator) AS indicator,
               any_value(region) AS region, any_value(unit) AS unit,
               any_value(province) AS province, any_value(current_province) AS current_province,
               any_value(_fold_indicator) AS _fold_indicator,
               any_value(_fold_region) AS _fold_region, count(*) AS points
        FROM memory.main.mv_indicator_series
        GROUP BY _series
        ORDER BY points DESC, indicator, region NULLS LAST, unit NULLS LAST""",
    "mv_officials": _numbered(
        f"(SELECT *, {fold('person')} AS _fold FROM ({_linked('wh.main.officials')}))",
        "province NULLS LAST, person, first_seen NULLS LAST, title NULLS LAST, person_id"),
    "mv_coverage": _numbered(
        "(SELECT *, TRY_CAST(left(month, 4) AS INTEGER) AS _year FROM wh.main.coverage)",
        "source NULLS LAST, month NULLS LAST"),
    # Articles without their bodies, with the reference views use for them as sources.
    "mv_articles": _numbered(f"""(
        SELECT article_id, coalesce(url, article_id) AS source_ref, url, source, province,
               current_province, district, title, published, author, extractor_version,
               loaded_at, year(published) AS _year, {fold('title')} AS _fold
        FROM wh.main.articles)""", "published DESC NULLS LAST, article_id"),
    "mv_provinces": """
        WITH arts AS (
            SELECT province, any_value(current_province) AS current_province,
                   count(*) AS articles, min(year(published)) AS year_min,
                   max(year(published)) AS year_max
            FROM wh.main.articles WHERE province IS NOT NULL GROUP BY province
        ),
        blocs AS (
            SELECT province, count(*) FILTER (WHERE kind = 'khoi') AS khoi,
                   count(*) FILTER (WHERE kind = 'cum') AS cum
            FROM wh.main.entity_blocs GROUP BY province
        )
        SELECT a.province, a.current_province, a.articles, a.year_min, a.year_max,
               coalesce(b.khoi, 0) AS khoi, coalesce(b.cum, 0) AS cum
        FROM arts AS a LEFT JOIN blocs AS b ON b.province = a.province""",
    # A person's every spelling, folded, for search that ignores diacritics and tone placement.
    "mv_people": f"""
        SELECT p.person_id, any_value(p.name) AS name, any_value(p.province) AS province,
               any_value(p.current_province) AS current_province,
               any_value(p.mentions) AS mentions,
               any_value({fold('p.name')}) || ' | '
                   || coalesce(string_agg({fold('a.alias')}, ' | '), '') AS _fold
        FROM wh.main.entity_people AS p
        LEFT JOIN wh.main.entity_person_aliases AS a ON a.person_id = p.person_id
        GROUP BY p.person_id""",
    # Leadership facts resolved to the bloc and unit, one per article item (timeline sources).
    "mv_leadership_facts": """
        SELECT ba.bloc_id, s.year, s.role, ua.unit_id, s.org, s.status, s.article_id, s.item_no,
               a.title, s.published
        FROM wh.main.stg_bloc_leadership AS s
        JOIN wh.main.entity_bloc_aliases AS ba
            ON ba.alias = s.bloc AND ba.context = coalesce(s.province, '')
        LEFT JOIN wh.main.entity_unit_aliases AS ua
            ON ua.alias = s.org AND ua.context = coalesce(s.province, '')
        JOIN wh.main.articles AS a ON a.article_id = s.article_id
        ORDER BY ba.bloc_id, s.year, s.role, s.published, s.article_id, s.item_no""",
    # Member units of each bloc, one row per unit, from every list of members.
    "mv_bloc_members": """
        WITH facts AS (
            SELECT ba.bloc_id, ua.unit_id, m.org, m.role, m.article_id, a.published
            FROM wh.main.bloc_members AS m
            JOIN wh.main.stg_articles AS a ON a.article_id = m.article_id
            LEFT JOIN wh.main.stg_bloc_context AS bc
                ON bc.article_id = m.article_id AND bc.bloc = m.bloc
            JOIN wh.main.entity_bloc_aliases AS ba
                ON ba.alias = m.bloc AND ba.context = coalesce(bc.province, a.province, '')
            LEFT JOIN wh.main.entity_unit_aliases AS ua
                ON ua.alias = m.org AND ua.context = coalesce(bc.province, a.province, '')
        )
        SELECT f.bloc_id, coalesce(any_value(u.name), any_value(f.org)) AS name, f.unit_id,
               list(DISTINCT f.role ORDER BY f.role) AS roles,
               min(f.published) AS first_seen, max(f.published) AS last_seen,
               count(DISTINCT f.article_id) AS articles
        FROM facts AS f
        LEFT JOIN wh.main.entity_units AS u ON u.unit_id = f.unit_id
        GROUP BY f.bloc_id, f.unit_id, CASE WHEN f.unit_id IS NULL THEN f.org END
        ORDER BY f.bloc_id, name""",
    # The size articles give a bloc ("gồm 11 đơn vị"), over every spelling of its name.
    "mv_bloc_sizes": """
        SELECT ba.bloc_id, max(b.member_count) AS member_count
        FROM wh.main.blocs AS b
        JOIN wh.main.stg_articles AS a ON a.article_id = b.article_id
        JOIN wh.main.entity_bloc_aliases AS ba
            ON ba.alias = b.name AND ba.context = coalesce(b.province, a.province, '')
        WHERE b.member_count IS NOT NULL
        GROUP BY ba.bloc_id ORDER BY ba.bloc_id""",
    "mv_event_facts": """
        SELECT ba.bloc_id, e.article_id, e.item_no, e.type, e.date, e.location, e.bloc,
               t.title, a.published
        FROM wh.main.events AS e
        JOIN wh.main.stg_articles AS a ON a.article_id = e.article_id
        JOIN wh.main.articles AS t ON t.article_id = e.article_id
        LEFT JOIN wh.main.stg_bloc_context AS bc ON bc.article_id = e.article_id AND bc.bloc = e.bloc
        JOIN wh.main.entity_bloc_aliases AS ba
            ON ba.alias = e.bloc AND ba.context = coalesce(bc.province, a.province, '')
        WHERE e.bloc IS NOT NULL
        ORDER BY ba.bloc_id, coalesce(e.date, a.published) DESC NULLS LAST""",
    "mv_award_facts": """
        SELECT ba.bloc_id, s.article_id, s.item_no, s.year, s.award_type, s.label, s.recipient,
               s.recipient_count, s.status, s.decision, a.title
        FROM wh.main.stg_awards AS s
        JOIN wh.main.entity_bloc_aliases AS ba
            ON ba.alias = s.bloc AND ba.context = coalesce(s.bloc_province, '')
        JOIN wh.main.articles AS a ON a.article_id = s.article_id
        ORDER BY ba.bloc_id, s.year DESC NULLS LAST""",
    # Where each person appears: one row per person and article, with the article's first
    # event (what they attended) and the titles they were given there.
    "mv_person_appearances": """
        WITH seen AS (
            SELECT person_id, article_id, min(item_no) AS item_no, any_value(role) AS role,
                   list(DISTINCT title ORDER BY title) FILTER (WHERE title IS NOT NULL) AS titles
            FROM wh.main.entity_person_titles
            GROUP BY person_id, article_id
        ),
        first_event AS (
            SELECT article_id, arg_min(type, item_no) AS type, arg_min(date, item_no) AS date,
                   arg_min(location, item_no) AS location, arg_min(bloc, item_no) AS bloc
            FROM wh.main.events GROUP BY article_id
        )
        SELECT s.person_id, s.article_id, s.item_no, s.role, s.titles,
               a.title AS article_title, a.published, e.type AS event_type,
               e.date AS event_date, e.location, e.bloc
        FROM seen AS s
        JOIN wh.main.articles AS a ON a.article_id = s.article_id
        LEFT JOIN first_event AS e ON e.article_id = s.article_id
        ORDER BY s.person_id, coalesce(e.date, a.published) DESC NULLS LAST, s.article_id""",
    # Filter choices of the award-trends page.
    "mv_award_types": "SELECT DISTINCT type AS award_type FROM wh.main.awards ORDER BY award_type",
    "mv_award_blocs": """
        SELECT DISTINCT bloc_id, bloc, province, current_province FROM wh.main.award_trends
        WHERE bloc_id IS NOT NULL ORDER BY province, bloc""",
}


def materialise(con: Cursor) -> None:
    con.begin()
    for name, select in MATERIALISED.items():
        con.execute(f"CREATE OR REPLACE TABLE memory.main.{name} AS {select}")
    con.commit()
    # From here on requests run side by side and already keep the cores busy; splitting each
    # small query over threads only adds scheduling (measured: p95 halves at 8 clients).
    con.execute("SET threads = 1")


def warehouse_info(con: Cursor) -> dict[str, Any]:
    """What the home page and every API response say about the loaded warehouse."""
    row = con.execute("""
        SELECT count(*), max(loaded_at), min(_year), max(_year), max(published),
               count(DISTINCT province), count(DISTINCT source)
        FROM mv_articles""").fetchone()
    versions = [r[0] for r in con.execute(
        "SELECT DISTINCT extractor_version FROM mv_articles "
        "WHERE extractor_version IS NOT NULL ORDER BY 1").fetchall()]
    return {
        "schema_version": schema_version(con),
        "articles": row[0], "loaded_at": row[1], "year_min": row[2], "year_max": row[3],
        "last_published": row[4], "provinces": row[5], "sources": row[6],
        "extractor_versions": versions,
    }


# ---------------------------------------------------------------- provinces

def province_names(cur: Cursor) -> list[tuple[str, str]]:
    """(name, current province) of every province the warehouse knows, loaded or not."""
    return cur.execute("""
        SELECT province, any_value(current_province) FROM wh.main.places_provinces
        GROUP BY province
        UNION
        SELECT province, any_value(current_province) FROM mv_articles
        WHERE province IS NOT NULL AND province NOT IN (SELECT province FROM wh.main.places_provinces)
        GROUP BY province
        ORDER BY 1""").fetchall()


def provinces(cur: Cursor) -> list[dict]:
    """Provinces that have articles, with their counts of articles and blocs."""
    return _dicts(cur.execute("SELECT * FROM mv_provinces ORDER BY province"))


def province_blocs(cur: Cursor, province: str) -> list[dict]:
    """Blocs and clusters of a province (as written, or current when it names one)."""
    return _dicts(cur.execute("""
        WITH latest AS (
            SELECT bloc_id, max(year) AS year FROM mv_bloc_leadership_history
            WHERE year IS NOT NULL GROUP BY bloc_id
        ),
        leaders AS (
            SELECT h.bloc_id, h.year, string_agg(DISTINCT h.leader, '; ' ORDER BY h.leader) AS leader
            FROM mv_bloc_leadership_history AS h JOIN latest USING (bloc_id, year)
            GROUP BY h.bloc_id, h.year
        )
        SELECT b.bloc_id, b.name, b.kind, b.province, b.current_province, b.mentions,
               l.year AS latest_year, l.leader AS latest_leader
        FROM wh.main.entity_blocs AS b
        LEFT JOIN leaders AS l ON l.bloc_id = b.bloc_id
        WHERE b.province = ? OR b.current_province = ?
        ORDER BY b.province, b.kind DESC, b.name""", [province, province]))


# ---------------------------------------------------------------- blocs

def bloc(cur: Cursor, bloc_id: str) -> dict | None:
    rows = _dicts(cur.execute("""
        SELECT bloc_id, name, kind, province, current_province, mentions
        FROM wh.main.entity_blocs WHERE bloc_id = ?""", [bloc_id]))
    if not rows:
        return None
    out = rows[0]
    out["aliases"] = [r[0] for r in cur.execute(
        "SELECT DISTINCT alias FROM wh.main.entity_bloc_aliases WHERE bloc_id = ? AND alias <> ? "
        "ORDER BY 1", [bloc_id, out["name"]]).fetchall()]
    row = cur.execute("SELECT member_count FROM mv_bloc_sizes WHERE bloc_id = ?",
                      [bloc_id]).fetchone()
    out["member_count"] = row[0] if row else None
    return out


def bloc_history(cur: Cursor, bloc_id: str) -> list[dict]:
    return _dicts(cur.execute("""
        SELECT year, leader, leader_unit_id, deputy, deputy_unit_id, status, conflict, sources
        FROM mv_bloc_leadership_history WHERE bloc_id = ?
        ORDER BY year NULLS LAST, leader NULLS LAST, deputy NULLS LAST""", [bloc_id]))


def bloc_leadership_facts(cur: Cursor, bloc_id: str) -> list[dict]:
    """Each article item behind the timeline, so a cell links to the sentence that says it."""
    return _dicts(cur.execute("""
        SELECT year, role, unit_id, org, status, article_id, item_no, title, published
        FROM mv_leadership_facts WHERE bloc_id = ?
        ORDER BY year, role, published, article_id, item_no""", [bloc_id]))


def bloc_members(cur: Cursor, bloc_id: str) -> list[dict]:
    return _dicts(cur.execute("""
        SELECT name, unit_id, roles, first_seen, last_seen, articles
        FROM mv_bloc_members WHERE bloc_id = ? ORDER BY name""", [bloc_id]))


def bloc_events(cur: Cursor, bloc_id: str, limit: int = 100) -> list[dict]:
    return _dicts(cur.execute("""
        SELECT type, date, location, article_id, item_no, title, published
        FROM mv_event_facts WHERE bloc_id = ?
        ORDER BY coalesce(date, published) DESC NULLS LAST, article_id, item_no
        LIMIT ?""", [bloc_id, limit]))


def bloc_awards(cur: Cursor, bloc_id: str, limit: int = 100) -> list[dict]:
    """The bloc's newest awards (the award-trends page has them all, counted)."""
    return _dicts(cur.execute("""
        SELECT year, award_type, label, recipient, recipient_count, status, decision,
               article_id, item_no, title
        FROM mv_award_facts WHERE bloc_id = ?
        ORDER BY year DESC NULLS LAST, award_type, recipient NULLS LAST, article_id, item_no
        LIMIT ?""", [bloc_id, limit]))


def bloc_counts(cur: Cursor, bloc_id: str) -> dict[str, int]:
    row = cur.execute("""
        SELECT (SELECT count(*) FROM mv_event_facts WHERE bloc_id = ?),
               (SELECT count(*) FROM mv_award_facts WHERE bloc_id = ?)""",
                      [bloc_id, bloc_id]).fetchone()
    return {"events": row[0], "awards": row[1]}


# ---------------------------------------------------------------- units

def unit(cur: Cursor, unit_id: str) -> dict | None:
    rows = _dicts(cur.execute("""
        SELECT unit_id, name, province, current_province, type, mentions
        FROM wh.main.entity_units WHERE unit_id = ?""", [unit_id]))
    if not rows:
        return None
    out = rows[0]
    out["aliases"] = [r[0] for r in cur.execute(
        "SELECT DISTINCT alias FROM wh.main.entity_unit_aliases WHERE unit_id = ? AND alias <> ? "
        "ORDER BY 1", [unit_id, out["name"]]).fetchall()]
    return out


# ---------------------------------------------------------------- people

def search_people(cur: Cursor, folded: str, province: str | None, limit: int, offset: int
                  ) -> tuple[int, list[dict]]:
    """People whose name or any spelling of it contains `folded` (already accent-free)."""
    clause, params = _words("_fold", folded)
    where = [clause]
    if province:
        where.append("(province = ? OR current_province = ?)")
        params += [province, province]
    clause = " AND ".join(where)
    total = cur.execute(f"SELECT count(*) FROM mv_people WHERE {clause}", params).fetchone()[0]
    rows = _dicts(cur.execute(f"""
        WITH hits AS (
            SELECT person_id, name, province, current_province, mentions FROM mv_people
            WHERE {clause}
            ORDER BY name, province NULLS LAST, person_id
            LIMIT ? OFFSET ?
        )
        SELECT h.*, o.title, o.organisation, o.last_seen
        FROM hits AS h
        LEFT JOIN (
            SELECT person_id, title, organisation, last_seen,
                   row_number() OVER (PARTITION BY person_id
                                      ORDER BY last_seen DESC NULLS LAST, title) AS n
            FROM mv_officials WHERE person_id IN (SELECT person_id FROM hits)
        ) AS o ON o.person_id = h.person_id AND o.n = 1
        ORDER BY h.name, h.province NULLS LAST, h.person_id""", params + [limit, offset]))
    return total, rows


def person(cur: Cursor, person_id: str) -> dict | None:
    rows = _dicts(cur.execute("""
        SELECT person_id, name, province, current_province, mentions
        FROM wh.main.entity_people WHERE person_id = ?""", [person_id]))
    if not rows:
        return None
    out = rows[0]
    out["aliases"] = [r[0] for r in cur.execute(
        "SELECT DISTINCT alias FROM wh.main.entity_person_aliases "
        "WHERE person_id = ? AND alias <> ? ORDER BY 1", [person_id, out["name"]]).fetchall()]
    return out


def person_titles(cur: Cursor, person_id: str) -> list[dict]:
    return _dicts(cur.execute("""
        SELECT title, organisation, organisation_id, first_seen, last_seen, articles, sources,
               _links AS links
        FROM mv_officials WHERE person_id = ?
        ORDER BY first_seen NULLS LAST, title NULLS LAST""", [person_id]))


def person_events(cur: Cursor, person_id: str, limit: int = 200) -> list[dict]:
    """The articles a person appears in, with the events they report and the part played."""
    return _dicts(cur.execute("""
        SELECT article_id, item_no, role, titles, article_title, published, event_type,
               event_date, location, bloc
        FROM mv_person_appearances WHERE person_id = ?
        ORDER BY coalesce(event_date, published) DESC NULLS LAST, article_id
        LIMIT ?""", [person_id, limit]))


# ---------------------------------------------------------------- articles

def article(cur: Cursor, article_id: str) -> dict | None:
    rows = _dicts(cur.execute("""
        SELECT article_id, url, source, province, current_province, district, title, published,
               author, body, extractor_version, schema_version, loaded_at
        FROM wh.main.articles WHERE article_id = ?""", [article_id]))
    return rows[0] if rows else None


# Per section: the columns a fact shows besides its evidence (the record's own field names).
SECTION_COLUMNS: dict[str, tuple[str, ...]] = {
    "events": ("type", "date", "period_start", "period_end", "location", "bloc"),
    "blocs": ("name", "kind", "province", "aliases", "member_count"),
    "people": ("name", "honorific", "titles", "role"),
    "awards": ("type", "label", "conferrer", "recipient", "recipient_count", "recipient_kind",
               "status", "year", "decision"),
    "bloc_leadership": ("bloc", "year", "role", "org", "status"),
    "indicators": ("name", "value", "unit", "total", "change_pct", "compared_to", "plan_pct",
                   "estimate", "period", "region"),
    "documents": ("number", "type", "date", "issuer"),
    "movements": ("name",),
}
EVIDENCE_COLUMNS = ("evidence_text", "evidence_start", "evidence_end")


def _article_facts_sql() -> str:
    # One statement for every section (each section's own fields travel as a JSON object),
    # so an article page costs one round of scans instead of one per section.
    parts = [f"""SELECT '{section}' AS section, item_no, evidence_text, evidence_start,
                        evidence_end, to_json(struct_pack({', '.join(columns)}))::VARCHAR AS fields
                 FROM wh.main.{section} WHERE article_id = $1"""
             for section, columns in SECTION_COLUMNS.items()]
    return " UNION ALL ".join(parts) + " ORDER BY section, item_no"


_ARTICLE_FACTS = _article_facts_sql()


def article_facts(cur: Cursor, article_id: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {section: [] for section in SECTION_COLUMNS}
    for section, item_no, text, start, end, fields in cur.execute(
            _ARTICLE_FACTS, [article_id]).fetchall():
        out[section].append({"item_no": item_no, **json.loads(fields), "evidence_text": text,
                             "evidence_start": start, "evidence_end": end})
    out["bloc_members"] = _dicts(cur.execute(
        "SELECT bloc_item_no, item_no, bloc, org, role FROM wh.main.bloc_members "
        "WHERE article_id = ? ORDER BY bloc_item_no, item_no", [article_id]))
    return out


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


_VIEW_COLUMNS = {
    "bloc_leadership_history": ("province", "current_province", "bloc", "bloc_id", "year", "leader",
                                "leader_unit_id", "deputy", "deputy_unit_id", "status", "conflict",
                                "sources"),
    "award_trends": ("year", "province", "current_province", "bloc", "bloc_id", "award_type",
                     "status", "count", "items", "sources"),
    "indicator_series": ("region", "province", "current_province", "indicator", "period", "value",
                         "unit", "estimate", "conflict", "sources"),
    "officials": ("person_id", "person", "title", "organisation", "organisation_id", "province",
                  "current_province", "first_seen", "last_seen", "articles", "sources"),
    "coverage": ("source", "month", "articles", "extraction_failures"),
}

VIEWS: dict[str, ListSpec] = {
    "bloc_leadership_history": ListSpec(
        source="mv_bloc_leadership_history", columns=_VIEW_COLUMNS["bloc_leadership_history"],
        order="_row",
        equals={"province": "province", "current_province": "current_province",
                "bloc_id": "bloc_id", "status": "status", "conflict": "conflict"},
        year="year", contains={"bloc": fold("bloc")}),
    "award_trends": ListSpec(
        source="mv_award_trends", columns=_VIEW_COLUMNS["award_trends"],
        order="_row",
        equals={"province": "province", "current_province": "current_province",
                "bloc_id": "bloc_id", "award_type": "award_type", "status": "status"},
        year="year"),
    "indicator_series": ListSpec(
        source="mv_indicator_series", columns=_VIEW_COLUMNS["indicator_series"],
        order="_series, _year NULLS LAST, period, value",
        equals={"province": "province", "current_province": "current_province",
                "region_exact": "region", "indicator_exact": "indicator", "unit": "unit"},
        year="_year", contains={"indicator": "_fold_indicator", "region": "_fold_region"}),
    "officials": ListSpec(
        source="mv_officials", columns=_VIEW_COLUMNS["officials"],
        order="_row",
        equals={"province": "province", "current_province": "current_province",
                "person_id": "person_id", "organisation_id": "organisation_id"},
        year=("year(first_seen)", "year(last_seen)"), contains={"q": "_fold"}),
    "coverage": ListSpec(
        source="mv_coverage", columns=_VIEW_COLUMNS["coverage"],
        order="_row",
        equals={"source": "source"}, year="_year"),
    "articles": ListSpec(
        source="mv_articles",
        columns=("article_id", "url", "source", "province", "current_province", "district",
                 "title", "published", "author", "extractor_version", "loaded_at"),
        order="_row",
        equals={"province": "province", "current_province": "current_province",
                "source": "source"},
        year="_year", contains={"q": "_fold"}),
    "blocs": ListSpec(
        source="wh.main.entity_blocs",
        columns=("bloc_id", "name", "kind", "province", "current_province", "mentions"),
        order="province NULLS LAST, kind DESC, name",
        equals={"province": "province", "current_province": "current_province", "kind": "kind"},
        contains={"q": fold("name")}),
    "units": ListSpec(
        source="wh.main.entity_units",
        columns=("unit_id", "name", "province", "current_province", "type", "mentions"),
        order="province NULLS LAST, name",
        equals={"province": "province", "current_province": "current_province", "type": "type"},
        contains={"q": fold("name")}),
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
SECTIONS: dict[str, ListSpec] = {
    section: ListSpec(
        source=f"wh.main.{section} AS t",
        joins="JOIN mv_articles AS a ON a.article_id = t.article_id",
        columns=tuple(f"t.{c}" for c in ("article_id", "item_no") + columns + EVIDENCE_COLUMNS)
        + ("a.province", "a.current_province", "a.published", "a.url"),
        # Load order (DuckDB keeps insertion order without ORDER BY): pages stop early
        # instead of sorting every matching fact.
        order="",
        equals={"province": "a.province", "current_province": "a.current_province",
                "article_id": "t.article_id", **_SECTION_FILTERS.get(section, {})},
        year=_SECTION_YEAR.get(section, "a._year"))
    for section, columns in SECTION_COLUMNS.items()
}


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


def list_rows(cur: Cursor, spec: ListSpec, filters: dict[str, Any], limit: int | None,
              offset: int = 0) -> tuple[int | None, list[str], list[tuple]]:
    """(total, columns, rows) of one page (limit None: every row, total not counted)."""
    where, params = _where(spec, filters)
    frm = f"FROM {spec.source} {spec.joins}{where}"
    select = ", ".join(spec.columns)
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
    """Every row matching the filters, as an Arrow table (Parquet downloads)."""
    where, params = _where(spec, filters)
    # A relation (not a DB-API result) hands Arrow its columns without an extra copy.
    order = f" ORDER BY {spec.order}" if spec.order else ""
    return cur.sql(
        f"SELECT {', '.join(spec.columns)} FROM {spec.source} {spec.joins}{where}{order}",
        params=params).to_arrow_table()


# ---------------------------------------------------------------- charts and filter choices

def award_chart(cur: Cursor, filters: dict[str, Any]) -> list[dict]:
    """Award counts by year and type for the chart (rows without a year cannot be drawn)."""
    where, params = _where(VIEWS["award_trends"], filters)
    where = (where + " AND " if where else " WHERE ") + "year IS NOT NULL"
    return _dicts(cur.execute(f"""
        SELECT year, award_type, sum("count")::BIGINT AS "count", sum(items)::BIGINT AS items
        FROM mv_award_trends{where}
        GROUP BY year, award_type ORDER BY year, award_type""", params))


def award_choices(cur: Cursor, province: str | None, province_column: str) -> dict[str, list]:
    """Values the award-trends filters can take (blocs narrowed to the chosen province)."""
    column = "current_province" if province_column == "current_province" else "province"
    blocs = cur.execute(f"""
        SELECT bloc_id, bloc, province FROM mv_award_blocs
        WHERE ? IS NULL OR {column} = ?
        ORDER BY province, bloc LIMIT 500""", [province, province]).fetchall()
    types = [r[0] for r in cur.execute("SELECT award_type FROM mv_award_types").fetchall()]
    return {"blocs": blocs, "award_types": types}


def indicator_groups(cur: Cursor, filters: dict[str, Any], limit: int) -> tuple[int, list[dict]]:
    """(indicator, region, unit) series matching the filters, longest first."""
    if filters.get("year_from") is None and filters.get("year_to") is None:
        # Without a year range every series is whole: read the precounted groups.
        spec = ListSpec(source="mv_indicator_groups",
                        columns=("series", "indicator", "region", "unit", "province", "points"),
                        order="points DESC, indicator, region NULLS LAST, unit NULLS LAST",
                        equals=VIEWS["indicator_series"].equals,
                        contains=VIEWS["indicator_series"].contains)
        total, columns, rows = list_rows(cur, spec, filters, limit)
        return total or 0, [dict(zip(columns, r)) for r in rows]
    where, params = _where(VIEWS["indicator_series"], filters)
    rows = _dicts(cur.execute(f"""
        SELECT _series AS series, any_value(indicator) AS indicator, any_value(region) AS region,
               any_value(unit) AS unit, any_value(province) AS province, count(*) AS points,
               count(*) OVER () AS _total
        FROM mv_indicator_series{where}
        GROUP BY _series
        ORDER BY points DESC, indicator, region NULLS LAST, unit NULLS LAST
        LIMIT ?""", params + [limit]))
    total = rows[0].pop("_total") if rows else 0
    for r in rows[1:]:
        r.pop("_total")
    return total, rows


def indicator_points(cur: Cursor, groups: list[dict], filters: dict[str, Any],
                     linked: int = 8) -> list[dict]:
    if not groups:
        return []
    where, params = _where(VIEWS["indicator_series"], filters)
    where = (where + " AND " if where else " WHERE ") + "_series IN (SELECT unnest(?::BIGINT[]))"
    return _dicts(cur.execute(f"""
        SELECT indicator, region, unit, period, _year AS year, value, estimate, conflict,
               -- source links only for the points the page lists (the newest of each series)
               CASE WHEN row_number() OVER (PARTITION BY _series
                                            ORDER BY _year DESC NULLS LAST, period DESC) <= ?
                    THEN _links END AS links
        FROM mv_indicator_series{where}
        ORDER BY _series, _year NULLS LAST, period""",
        [linked] + params + [[g["series"] for g in groups]]))


# ---------------------------------------------------------------- search (home page)

def search_blocs(cur: Cursor, folded: str, limit: int) -> list[dict]:
    by_name, name_words = _words(fold("b.name"), folded)
    by_alias, alias_words = _words(fold("a.alias"), folded)
    return _dicts(cur.execute(f"""
        SELECT DISTINCT b.bloc_id, b.name, b.kind, b.province
        FROM wh.main.entity_blocs AS b
        LEFT JOIN wh.main.entity_bloc_aliases AS a ON a.bloc_id = b.bloc_id
        WHERE ({by_name}) OR ({by_alias})
        ORDER BY b.province, b.name LIMIT ?""", name_words + alias_words + [limit]))


def search_articles(cur: Cursor, folded: str, limit: int) -> list[dict]:
    clause, words = _words("_fold", folded)
    return _dicts(cur.execute(f"""
        SELECT article_id, title, province, published FROM mv_articles
        WHERE {clause}
        ORDER BY _row LIMIT ?""", words + [limit]))


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

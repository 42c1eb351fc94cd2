"""Keeping the derived tables (facts, history, marts) in step with the raw tables.

Each derived table holds the rows of one calc_* view (warehouse/sql/020_facts.sql,
030_history.sql) and is kept by a key:

- entity_mentions and the fact_* tables by article: a load deletes the rows of every article
  it loads, replaces or removes and inserts the view's rows for the articles it loaded;
- each hist_* table by the key it groups on (a bloc, an award, a series, a person): a load
  recomputes the keys whose facts changed.

The recomputation runs the same views in the schema `scoped` (sql/scoped.sql), whose raw
tables hold only the articles of the load and whose fact tables only the rows of the keys
it touched, so a load of 1,000 articles costs about the same in a warehouse of 10,000 or of
1,000,000. A full rebuild (a new file, a changed lexicon or override file, an upgrade, or
entity resolution moving a spelling that earlier articles use to another entity) runs the
views in `main` over everything. Either way it happens inside the transaction of the load.
"""
from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class Derived:
    table: str
    key: str  # the column the table is kept by
    reads: str | None = None  # the derived table it folds (None: the raw tables)
    # the order a full rebuild writes it in: what pages look rows up by, so a lookup
    # reads few row groups (DuckDB skips those whose min/max exclude the value)
    sort: str | None = None

    @property
    def view(self) -> str:
        return "calc_" + self.table


FACTS = tuple(Derived(t, "article_id", sort=sort) for t, sort in (
    ("fact_leadership", "bloc_id"), ("fact_awards", "bloc_id, recipient_id"),
    ("fact_indicators", "series_key"), ("fact_titles", "person_id"), ("fact_events", "bloc_id"),
    ("fact_members", "bloc_id"), ("fact_blocs", "bloc_id")))
HISTORY = (  # in order: a table comes before the ones that fold it
    Derived("hist_holders", "bloc_id", "fact_leadership"),
    Derived("hist_bloc_leadership_history", "bloc_id", "hist_holders"),
    Derived("hist_awards", "award_key", "fact_awards"),
    Derived("hist_award_trends", "trend_key", "hist_awards"),
    Derived("hist_indicator_series", "series_key", "fact_indicators"),
    Derived("hist_officials", "person_id", "fact_titles"),
)
MARTS = (  # award_trends' rows, names and labels joined (sql/040_marts.sql)
    Derived("mart_award_trends", "trend_key", "hist_award_trends"),
)
# The rows of a mart that show an entity's name, by the kind of entity renamed: when a load
# changes which spelling names an entity, these rows are recomputed too.
RENAMED = {
    "mart_award_trends": """
        SELECT trend_key FROM main.hist_award_trends
        WHERE bloc_id IN (SELECT id FROM _renamed WHERE kind = 'bloc')""",
}
# When a load only adds articles, the history tables that fold facts take the new facts'
# rows (their calc_* view over the new facts alone) and fold them with their own rows of
# the same keys: each query below is its view's aggregation applied to its own output, so
# the cost follows the new facts, not how many facts each key has gathered so far.
_SOURCES = "list_sort(list_distinct(flatten(list(sources)))) AS sources"
MERGES = {
    "hist_holders": f"""
        SELECT bloc_id, year, role, unit_id,
               CASE WHEN bool_or(status = 'serving') THEN 'serving' ELSE 'elected' END AS status,
               {_SOURCES}
        FROM {{rows}} GROUP BY bloc_id, year, role, unit_id""",
    "hist_awards": f"""
        WITH folded AS (
            SELECT award_key, any_value(province) AS province, any_value(award_type) AS award_type,
                   any_value(achievement_year) AS achievement_year,
                   min(struct_pack(s := -award_stage(status), y := year)) AS furthest,
                   max(bloc_id) AS bloc_id, max(n) AS n, sum(reports)::BIGINT AS reports,
                   {_SOURCES}
            FROM {{rows}} GROUP BY award_key)
        SELECT award_key, furthest.y AS year, achievement_year, province, bloc_id, award_type,
               award_status(-furthest.s) AS status, n, reports, sources,
               award_trend_key(furthest.y, achievement_year, province, bloc_id, award_type,
                               -furthest.s) AS trend_key
        FROM folded""",
    "hist_indicator_series": f"""
        WITH facts AS (
            SELECT series_key, region, province, any_value(current_province) AS current_province,
                   min(indicator) AS indicator, period, any_value(period_year) AS period_year,
                   value, unit, bool_or(estimate) AS estimate, {_SOURCES}
            FROM {{rows}} GROUP BY series_key, region, province, period, value, unit)
        SELECT *, count(*) OVER (PARTITION BY series_key, period) > 1 AS conflict FROM facts""",
    "hist_officials": f"""
        SELECT person_id, title, organisation_id, organisation_written,
               min(first_seen) AS first_seen, max(last_seen) AS last_seen,
               sum(articles)::BIGINT AS articles, {_SOURCES}
        FROM {{rows}} GROUP BY person_id, title, organisation_id, organisation_written""",
}
MENTIONS = Derived("entity_mentions", "article_id")
# Recomputed whole by every load (one cheap pass): articles per source and month.
COVERAGE = Derived("mart_coverage", "source", sort="source NULLS LAST, month NULLS LAST")
DERIVED = (MENTIONS, *FACTS, *HISTORY, *MARTS, COVERAGE)
KEYS = sorted({d.key for d in HISTORY})
_FOLDED = (*HISTORY, *MARTS)  # what update() recomputes by key, in this order


def scoped_sql() -> str:
    """The schema `scoped`: each raw table as the rows of the articles in scoped.articles_in_scope,
    each table a hist_* table reads as the rows of the keys in scoped.keys_<key>; the
    calc_* views are created in it too (db.ensure_schema runs their files there)."""
    from thidua.warehouse.db import TABLES

    parts = ["CREATE SCHEMA IF NOT EXISTS scoped",
             "CREATE TABLE IF NOT EXISTS scoped.articles_in_scope (article_id VARCHAR)",
             "CREATE TABLE IF NOT EXISTS scoped.new_articles (article_id VARCHAR)"]
    parts += [f"CREATE TABLE IF NOT EXISTS scoped.keys_{key} (key VARCHAR)" for key in KEYS]
    for table in TABLES:
        parts.append(f"CREATE OR REPLACE VIEW scoped.{table} AS SELECT * FROM main.{table} "
                     "WHERE article_id IN (SELECT article_id FROM scoped.articles_in_scope)")
    for d in _FOLDED:
        # the facts of the keys in scope, or (when a load only adds) of the new articles
        new = (" OR article_id IN (SELECT article_id FROM scoped.new_articles)"
               if d.reads.startswith("fact_") else "")
        parts.append(f"CREATE OR REPLACE VIEW scoped.{d.reads} AS SELECT * FROM main.{d.reads} "
                     f"WHERE {d.key} IN (SELECT key FROM scoped.keys_{d.key}){new}")
    return ";\n".join(parts) + ";\n"


def overrides_fingerprint(overrides: Sequence) -> str:
    return hashlib.sha1(repr(sorted(map(repr, overrides))).encode()).hexdigest()[:16]


def rebuild(con: duckdb.DuckDBPyConnection, tables: Sequence[Derived] = DERIVED) -> None:
    """Every row of `tables` recomputed from everything, sorted by key (lookups then read
    few row groups)."""
    for d in tables:
        con.execute(f"CREATE OR REPLACE TABLE main.{d.table} AS "
                    f"SELECT * FROM main.{d.view} ORDER BY {d.sort or d.key}")


def _fill(con: duckdb.DuckDBPyConnection, table: str, select: str, params=()) -> None:
    con.execute(f"DELETE FROM {table}")
    con.execute(f"INSERT INTO {table} {select}", list(params))


def _keys(con: duckdb.DuckDBPyConnection, d: Derived, where: str) -> None:
    """Add to the scope the keys of `d` that rows of its source matching `where` have."""
    con.execute(f"INSERT INTO scoped.keys_{d.key} SELECT DISTINCT {d.key} FROM main.{d.reads} "
                f"WHERE {where} AND {d.key} IS NOT NULL")


def update(con: duckdb.DuckDBPyConnection, articles: str) -> None:
    """Bring every derived table up to date for the articles `articles` (a SELECT of
    article ids: loaded, replaced or removed), touching only what they change; the table
    _renamed (kind, id) lists the entities whose name the load changed."""
    in_scope = "article_id IN (SELECT article_id FROM scoped.articles_in_scope)"
    _fill(con, "scoped.articles_in_scope", f"SELECT DISTINCT article_id FROM ({articles})")
    for key in KEYS:
        con.execute(f"DELETE FROM scoped.keys_{key}")
    # Only new articles (none of them had facts): fold their facts in (MERGES).
    adding = not any(con.execute(f"SELECT EXISTS (SELECT 1 FROM main.{d.table} WHERE {in_scope})"
                                 ).fetchall()[0][0] for d in FACTS)
    if not adding:
        # keys the articles had before: their old facts go, and what those were part of changes
        for d in HISTORY:
            if d.reads.startswith("fact_"):
                _keys(con, d, in_scope)
        for d in FACTS:
            con.execute(f"DELETE FROM main.{d.table} WHERE {in_scope}")
    for d in FACTS:
        con.execute(f"INSERT INTO main.{d.table} SELECT * FROM scoped.{d.view}")
    if adding:
        _fill(con, "scoped.new_articles", "SELECT article_id FROM scoped.articles_in_scope")
    for d in _FOLDED:
        if d.table in RENAMED:  # the rows showing a renamed entity's name
            con.execute(f"INSERT INTO scoped.keys_{d.key} {RENAMED[d.table]}")
        in_keys = f"{d.key} IN (SELECT key FROM scoped.keys_{d.key})"
        dependents = [h for h in _FOLDED if h.reads == d.table]
        merging = adding and d.table in MERGES
        if merging:
            # the new facts' rows (the keys tables are still empty for this key)
            con.execute(f"CREATE OR REPLACE TEMP TABLE _new_rows AS SELECT * FROM scoped.{d.view}")
            con.execute(f"INSERT INTO scoped.keys_{d.key} SELECT DISTINCT {d.key} FROM _new_rows")
        elif d.reads.startswith("fact_"):
            _keys(con, d, in_scope)  # the keys the articles' facts have now
        for h in dependents:  # what the rows about to change were part of…
            _keys(con, h, in_keys)
        if merging:
            rows = (f"(SELECT * FROM main.{d.table} WHERE {in_keys} "
                    "UNION ALL BY NAME SELECT * FROM _new_rows)")
            con.execute("CREATE OR REPLACE TEMP TABLE _merged AS "
                        + MERGES[d.table].format(rows=rows))
            con.execute(f"DELETE FROM main.{d.table} WHERE {in_keys}")
            con.execute(f"INSERT INTO main.{d.table} BY NAME SELECT * FROM _merged")
            con.execute("DROP TABLE _new_rows; DROP TABLE _merged")
        else:
            con.execute(f"DELETE FROM main.{d.table} WHERE {in_keys}")
            con.execute(f"INSERT INTO main.{d.table} SELECT * FROM scoped.{d.view}")
        for h in dependents:  # …and what the new rows are part of
            _keys(con, h, in_keys)
    for table in ("articles_in_scope", "new_articles", *(f"keys_{key}" for key in KEYS)):
        con.execute(f"DELETE FROM scoped.{table}")


def update_mentions(con: duckdb.DuckDBPyConnection, articles: str) -> None:
    """entity_mentions for the articles `articles`: what entity resolution counts."""
    _fill(con, "scoped.articles_in_scope", f"SELECT DISTINCT article_id FROM ({articles})")
    con.execute("DELETE FROM main.entity_mentions WHERE article_id IN "
                "(SELECT article_id FROM scoped.articles_in_scope)")
    con.execute("INSERT INTO main.entity_mentions SELECT * FROM scoped.calc_entity_mentions")


def refresh(con: duckdb.DuckDBPyConnection, overrides=(),
            timings: dict[str, float] | None = None, articles: str | None = None
            ) -> dict[str, int]:
    """Re-resolve entities, then bring the facts and the history up to date; entity counts
    per kind (and, given `timings`, the seconds each step took).

    `articles`: a SELECT of the ids of the articles a load touched; the update is then
    limited to them when it can be. None: everything is recomputed."""
    from thidua.warehouse import names, resolve

    timings = timings if timings is not None else {}
    started = time.perf_counter()
    fingerprint = overrides_fingerprint(overrides)
    stored = dict(con.execute("SELECT key, value FROM meta WHERE key IN "
                              "('overrides_fingerprint', 'resolver_fingerprint')").fetchall())
    incremental = (articles is not None and stored.get("overrides_fingerprint") == fingerprint
                   and stored.get("resolver_fingerprint") == names.rules_fingerprint())
    resolve.title_parts(con, articles if incremental else None)  # mentions read them
    if incremental:
        update_mentions(con, articles)
    else:
        rebuild(con, [MENTIONS])
    before = resolve.mappings(con) if incremental else None
    names_before = resolve.entity_names(con) if incremental else None
    counts = resolve.refresh(con, overrides)
    resolved = time.perf_counter()
    timings["entity resolution"] = resolved - started
    if incremental and resolve.mappings(con, since=before):
        incremental = False  # a spelling earlier articles use now names another entity
        timings["history: spellings moved"] = 1.0
    if incremental:
        renamed = resolve.renamed(con, names_before)
        con.execute("CREATE OR REPLACE TEMP TABLE _renamed (kind VARCHAR, id VARCHAR)")
        if renamed:
            con.executemany("INSERT INTO _renamed VALUES (?, ?)", renamed)
        try:
            update(con, articles)
        finally:
            con.execute("DROP TABLE _renamed")
        rebuild(con, [COVERAGE])
    else:
        rebuild(con, FACTS + HISTORY + MARTS + (COVERAGE,))
    con.execute("INSERT OR REPLACE INTO meta VALUES ('overrides_fingerprint', ?)", [fingerprint])
    timings["history tables"] = time.perf_counter() - resolved
    return counts


def live(con: duckdb.DuckDBPyConnection) -> None:
    """Turn every derived table into a view of its calc_* query (nothing materialised): for
    a connection whose raw tables are views over files someone else wrote."""
    for d in DERIVED:
        con.execute(f"DROP TABLE IF EXISTS main.{d.table}")
        con.execute(f"CREATE OR REPLACE VIEW main.{d.table} AS SELECT * FROM main.{d.view}")

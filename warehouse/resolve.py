"""Entity resolution over the whole warehouse: every spelling of a unit, bloc or person, in
the province it was read in, mapped to one entity with a stable id.

Set-based: SQL counts the distinct (spelling, province) pairs (stg_*_mentions views); Python
sees each pair once, and only pairs it has not keyed before (the keys are cached in the
alias tables, recomputed when a rule or data file changes); the entity tables are then
rewritten whole from Arrow. Rules, in order:

1. key: mentions whose normalised keys are equal are one entity (names.py);
2. split override: a spelling an analyst split off gets its own literal key;
3. typo (people only): two keys of one province whose names have the same ≥3 syllables
   but one, that one a single edit apart, and which share an organisation or a title, are
   one person, under the more often seen spelling;
4. merge override: the entity of `name` joins the entity of `target`.

An entity's id is the hash of its root key, so the ids of entities an override does not
touch never change.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from thidua.warehouse import names
from thidua.warehouse.overrides import Override
from thidua.warehouse.places import current_province


@dataclass(frozen=True)
class Kind:
    name: str  # unit, person, bloc: the word used in keys, overrides and entity_mentions
    table: str
    aliases: str
    id_column: str
    resolve: Callable[..., names.Mention]


UNIT = Kind("unit", "entity_units", "entity_unit_aliases", "unit_id", names.unit)
BLOC = Kind("bloc", "entity_blocs", "entity_bloc_aliases", "bloc_id", names.bloc)
PERSON = Kind("person", "entity_people", "entity_person_aliases", "person_id", names.person)
KINDS = {k.name: k for k in (UNIT, BLOC, PERSON)}


@dataclass
class Resolution:
    """The outcome for one kind: alias rows and each root key's members."""

    kind: Kind
    rows: list[dict] = field(default_factory=list)  # alias, context, base_key, name, rule, ...
    root: dict[str, str] = field(default_factory=dict)  # base key → root key


def is_fresh(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the rules or data files changed since the last resolution (cached keys void)."""
    stored = con.execute("SELECT value FROM meta WHERE key = 'resolver_fingerprint'").fetchall()
    return not stored or stored[0][0] != names.rules_fingerprint()


def refresh(con: duckdb.DuckDBPyConnection, overrides: Sequence[Override] = ()) -> dict[str, int]:
    """Re-resolve every entity from entity_mentions (kept by history.py, after
    title_parts); returns the number of entities per kind."""
    fingerprint = names.rules_fingerprint()
    fresh = is_fresh(con)
    units = _resolve(con, UNIT, overrides, fresh)
    blocs = _resolve(con, BLOC, overrides, fresh)
    people = _resolve(con, PERSON, overrides, fresh, typo_evidence=_person_evidence(con, units))
    counts = {}
    for result in (units, blocs, people):
        counts[result.kind.name] = _write(con, result)
    _write_bloc_abbreviations(con)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('resolver_fingerprint', ?)", [fingerprint])
    return counts


def mappings(con: duckdb.DuckDBPyConnection, since: dict | None = None):
    """Every spelling's entity, {(kind, alias, context): id}; given an earlier `since`, the
    spellings that then named another entity than now."""
    now = {(kind.name, alias, context): entity for kind in KINDS.values()
           for alias, context, entity in con.execute(
               f"SELECT alias, context, {kind.id_column} FROM {kind.aliases}").fetchall()}
    if since is None:
        return now
    return [key for key, entity in since.items() if key in now and now[key] != entity]


def entity_names(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], str]:
    """Every entity's name, {(kind, id): name}."""
    return {(kind.name, entity): name for kind in KINDS.values()
            for entity, name in con.execute(
                f"SELECT {kind.id_column}, name FROM {kind.table}").fetchall()}


def renamed(con: duckdb.DuckDBPyConnection, before: dict[tuple[str, str], str]
            ) -> list[tuple[str, str]]:
    """(kind, id) of the entities whose name differs from `before` (entity_names())."""
    now = entity_names(con)
    return sorted(key for key, name in now.items() if key in before and before[key] != name)


def title_parts(con: duckdb.DuckDBPyConnection, people: str | None = None) -> None:
    """Split every title not split yet (entity_title_parts): of the articles `people` (a
    SELECT of article ids), or of every article when None or when the rules changed."""
    fresh = is_fresh(con)
    if fresh:
        con.execute("DELETE FROM entity_title_parts")
    scope = "" if fresh or people is None else \
        f" WHERE article_id IN (SELECT article_id FROM ({people}))"
    titles = [r[0] for r in con.execute(
        f"SELECT DISTINCT t.title FROM (SELECT unnest(titles) AS title FROM people{scope}) AS t "
        "WHERE t.title NOT IN (SELECT title FROM entity_title_parts)").fetchall()]
    if not titles:
        return
    parts = [names.split_title(t) for t in titles]
    _insert(con, "entity_title_parts", pa.table({
        "title": pa.array(titles, pa.string()),
        "position": pa.array([p[0] for p in parts], pa.string()),
        "org": pa.array([p[1] for p in parts], pa.string()),
        "org_kind": pa.array([p[2] for p in parts], pa.string()),
    }))


def _resolve(con: duckdb.DuckDBPyConnection, kind: Kind, overrides: Sequence[Override],
             fresh: bool, typo_evidence: dict[str, set[str]] | None = None) -> Resolution:
    hint = "any_value(hint)" if kind is BLOC else "NULL"
    mentions = con.execute(
        f"SELECT alias, coalesce(context, '') AS context, count(*) AS n, {hint} AS hint "
        "FROM entity_mentions WHERE kind = ? AND alias IS NOT NULL AND alias <> '' "
        "GROUP BY alias, coalesce(context, '') ORDER BY alias, context", [kind.name]).fetchall()
    cached = {} if fresh else {
        (a, c): (k, n) for a, c, k, n, rule in con.execute(
            f"SELECT alias, context, base_key, name, rule FROM {kind.aliases}").fetchall()
        if rule != "split"}
    splits = [o for o in overrides if o.action == "split" and o.kind == kind.name]
    units = _UnitSpellings()
    result = Resolution(kind)
    for alias, context, count, hint in mentions:
        if (alias, context) in cached:
            key, name = cached[(alias, context)]
        else:
            found = kind.resolve(alias, context or None, hint) if kind is BLOC else \
                units.get(alias, context or None) if kind is UNIT else \
                kind.resolve(alias, context or None)
            key, name = found.key, found.name
        rule = "key"
        if any(_split_matches(o, alias, context) for o in splits):
            key, rule = names.literal(kind.name, alias, context), "split"
        result.rows.append({"alias": alias, "context": context, "base_key": key, "name": name,
                            "rule": rule, "mentions": count})
    _cluster(con, result, overrides, typo_evidence)
    return result


class _UnitSpellings:
    """names.unit for (spelling, province) pairs, doing the costly part once per spelling.

    One unit name ("Sở Nội vụ") is read in dozens of provinces, and everything names.unit
    works out (abbreviations, canonical name, type) depends on the spelling alone; the
    province only fills the key's province part when the name neither names its own
    province nor is national. So a spelling is resolved once without a province and placed
    in each province; the first placement of every spelling is checked against names.unit
    itself, and a spelling whose check fails is resolved pair by pair."""

    def __init__(self) -> None:
        self.base: dict[str, names.Mention | None] = {}

    def get(self, alias: str, context: str | None) -> names.Mention:
        if context is None:
            return names.unit(alias, None)
        if alias not in self.base:
            base = names.unit(alias, None)
            exact = names.unit(alias, context)
            self.base[alias] = base if self._place(base, context) == exact else None
            return exact
        base = self.base[alias]
        return self._place(base, context) if base is not None else names.unit(alias, context)

    @staticmethod
    def _place(base: names.Mention, context: str) -> names.Mention:
        if base.scope == "national" or base.province is not None:
            return base
        core = base.key.split("|", 2)[2]
        return names.Mention(f"unit|{context}|{core}", base.name, context, base.type,
                             base.scope)


def _split_matches(override: Override, alias: str, context: str) -> bool:
    return (names.fold(override.name) == names.fold(alias)
            and (override.province is None or override.province == context))


class _Roots:
    """Union-find over keys where the caller says which side becomes the root."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.reason: dict[str, str] = {}

    def find(self, key: str) -> str:
        while self.parent.get(key, key) != key:
            key = self.parent[key]
        return key

    def join(self, child: str, root: str, reason: str) -> None:
        a, b = self.find(child), self.find(root)
        if a != b:
            self.parent[a] = b
            self.reason[a] = reason


def _cluster(con: duckdb.DuckDBPyConnection, result: Resolution, overrides: Sequence[Override],
             typo_evidence: dict[str, set[str]] | None) -> None:
    roots = _Roots()
    mentions: dict[str, int] = defaultdict(int)
    for row in result.rows:
        mentions[row["base_key"]] += row["mentions"]
    if typo_evidence is not None:
        keys = {r["base_key"] for r in result.rows if r["rule"] != "split"}
        pairs = _typo_pairs(keys, mentions, typo_evidence)
        together = _named_together(con, result, pairs)
        for typo, canonical in pairs:
            if (typo, canonical) not in together:
                roots.join(typo, canonical, "typo")
    for o in overrides:
        if o.action == "merge" and o.kind == result.kind.name:
            roots.join(o.source_key(), o.target_key(), "merge")
    for row in result.rows:
        key = row["base_key"]
        root = roots.find(key)
        result.root[key] = root
        if root != key and row["rule"] == "key":
            row["rule"] = roots.reason[key]


def _typo_pairs(keys: set[str], mentions: dict[str, int], evidence: dict[str, set[str]]
                ) -> list[tuple[str, str]]:
    """(typo key, canonical key) pairs: same province, ≥3 syllables, all equal but one that
    is one edit off, and a shared organisation or title. Blocking on "every syllable but
    the i-th" keeps this linear in the number of keys."""
    blocks: dict[tuple, list[str]] = defaultdict(list)
    for key in keys:
        words = names.syllables(key)
        if len(words) < 3:
            continue
        province = key.split("|")[1]
        for i in range(len(words)):
            blocks[(province, len(words), i, tuple(words[:i] + words[i + 1:]))].append(key)
    pairs = []
    for (_, _, i, _), members in blocks.items():
        if len(members) < 2:
            continue
        members.sort(key=lambda k: (-mentions[k], k))  # the most seen spelling first
        for j, canonical in enumerate(members):
            for other in members[j + 1:]:
                if (_one_edit(names.syllables(canonical)[i], names.syllables(other)[i])
                        and evidence.get(canonical, set()) & evidence.get(other, set())):
                    pairs.append((other, canonical))
    return pairs


def _named_together(con: duckdb.DuckDBPyConnection, result: Resolution,
                    pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """The candidate pairs named in one same article: two people there, not one misspelt."""
    if not pairs:
        return set()
    wanted = {k for pair in pairs for k in pair}
    spellings = [(r["alias"], r["context"], r["base_key"]) for r in result.rows
                 if r["base_key"] in wanted]
    con.register("_typo_spellings", pa.table({
        "alias": [s[0] for s in spellings], "context": [s[1] for s in spellings],
        "key": [s[2] for s in spellings]}))
    try:
        rows = con.execute(
            "SELECT DISTINCT s.key, m.article_id FROM entity_mentions AS m "
            "JOIN _typo_spellings AS s ON s.alias = m.alias AND s.context = coalesce(m.context, '') "
            "WHERE m.kind = ?", [result.kind.name]).fetchall()
    finally:
        con.unregister("_typo_spellings")
    articles: dict[str, set[str]] = defaultdict(set)
    for key, article_id in rows:
        articles[key].add(article_id)
    return {(a, b) for a, b in pairs if articles[a] & articles[b]}


def _one_edit(a: str, b: str) -> bool:
    """Exactly one insertion, deletion or substitution apart."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k, (x, y) in enumerate(zip(short, long_)) if x != y), len(short))
    return short[i:] == long_[i + 1:]


def _person_evidence(con: duckdb.DuckDBPyConnection, units: Resolution) -> dict[str, set[str]]:
    """Per person key, the organisations (unit root keys) and folded titles seen with it."""
    unit_root = {(r["alias"], r["context"]): units.root[r["base_key"]] for r in units.rows}
    evidence: dict[str, set[str]] = defaultdict(set)
    rows = con.execute(
        "SELECT DISTINCT name, coalesce(province, '') AS context, title, org, org_kind "
        "FROM stg_person_titles WHERE title IS NOT NULL").fetchall()
    for name, context, title, org, org_kind in rows:
        key = names.person(name, context or None).key
        evidence[key].add("title:" + names.fold(title))
        if org_kind == "unit" and (org, context) in unit_root:
            evidence[key].add("unit:" + unit_root[(org, context)])
    return evidence


def _display(rows: list[dict]) -> str:
    # the spelling seen most often, then the longest (abbreviations written out), then A-Z
    return min(rows, key=lambda r: (-r["mentions"], -len(r["name"]), r["name"]))["name"]


def _write(con: duckdb.DuckDBPyConnection, result: Resolution) -> int:
    kind = result.kind
    members: dict[str, list[dict]] = defaultdict(list)
    for row in result.rows:
        members[result.root[row["base_key"]]].append(row)
    entities = []
    for root, rows in sorted(members.items()):
        own = [r for r in rows if r["base_key"] == root] or rows
        name = _display(own)
        province = root.split("|")[1] or None
        entity = {kind.id_column: names.entity_id(root), "name": name, "province": province,
                  "current_province": current_province(province), "key": root,
                  "mentions": sum(r["mentions"] for r in rows)}
        if kind is UNIT:
            entity["type"], entity["scope"] = names.unit_type(names.fold(name))
        elif kind is BLOC:
            entity["kind"] = root.split("|")[2]
        entities.append(entity)
    aliases = [{**r, kind.id_column: names.entity_id(result.root[r["base_key"]])}
               for r in result.rows]
    con.execute(f"DELETE FROM {kind.table}")
    con.execute(f"DELETE FROM {kind.aliases}")
    _insert(con, kind.table, pa.Table.from_pylist(entities) if entities else None)
    _insert(con, kind.aliases, pa.Table.from_pylist(aliases) if aliases else None)
    return len(entities)


def _write_bloc_abbreviations(con: duckdb.DuckDBPyConnection) -> None:
    # "KT-KT" in an article's bloc aliases names the bloc that article resolved
    con.execute("""
        INSERT INTO entity_bloc_aliases BY NAME
        SELECT alias, context, any_value(bloc_id) AS bloc_id, alias AS name,
               any_value(base_key) AS base_key, 'abbreviation' AS rule,
               count(*)::INTEGER AS mentions
        FROM (
            SELECT unnest(b.aliases) AS alias, ba.context, ba.bloc_id, ba.base_key
            FROM (SELECT * FROM blocs WHERE len(aliases) > 0) AS b  -- most blocs have none
            JOIN articles AS a ON a.article_id = b.article_id
            JOIN entity_bloc_aliases AS ba
                ON ba.alias = b.name AND ba.context = coalesce(b.province, a.province, '')
        )
        AS found
        WHERE NOT EXISTS (SELECT 1 FROM entity_bloc_aliases AS e
                          WHERE e.alias = found.alias AND e.context = found.context)
        GROUP BY alias, context
        HAVING count(DISTINCT bloc_id) = 1
    """)


def _insert(con: duckdb.DuckDBPyConnection, table: str, data: pa.Table | None) -> None:
    if data is None or data.num_rows == 0:
        return
    con.register("_entity_rows", data)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _entity_rows")
    finally:
        con.unregister("_entity_rows")

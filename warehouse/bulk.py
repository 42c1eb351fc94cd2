"""The bulk load of JSON Lines files: parsing, checking and flattening inside DuckDB.

The Python path (load.py) spends ~400 µs of Python per record (json.loads, pydantic,
flattening into dicts); here a record costs Python nothing unless it is unusual:

1. lines: each file is memory-mapped and cut at its newlines into an Arrow string array
   (zero copy), so every line keeps its line number, blank lines included;
2. parse and check (one SQL statement, its result kept as Arrow): `json_transform` reads
   each line into a struct shaped after the pydantic models, and record_sql.py's checks,
   derived from the same models, test JSON types, enums, `ge` bounds, required fields,
   nulls, and unknown or repeated keys;
3. a line any check doubts goes to the Python path's own code (load._entry / _check), so a
   rejection carries the same pydantic message and a failed extraction ({"id", "error"}) is
   recorded the same way; records pydantic accepts there rejoin the bulk as canonical JSON;
4. flatten: one INSERT … SELECT per table, UNNESTing each list (item_no = position), with
   the last copy of a repeated article id winning; current_province comes from the
   succession data once per distinct province, district from places.district_of for the
   articles whose title or lead can name one.

Memory: about the size of the files (they are mapped, and the parsed lines kept as Arrow
until the load ends).
"""
from __future__ import annotations

import contextlib
import json
import mmap
import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from thidua.schema import Record
from thidua.warehouse import bounds
from thidua.warehouse import record_sql as rs
from thidua.warehouse import places
from thidua.warehouse.places import current_province, district_of

BATCH_LINES = 4096  # lines per Arrow batch: DuckDB scans batches in parallel
_SHAPE = rs.shape(Record)
_FIELDS = {f.name: f for f in rs.fields(Record)}


def _nulls(styles: Sequence[str]) -> str:
    """A key written with null becomes the sentinel string, so "present with null" stays
    visible; only the spellings a file uses are replaced (each is a pass over the text)."""
    line = "line"
    for style in styles:
        line = f"replace({line}, '{style}', '{style[:-4]}{rs.SENTINEL}')"
    return line


class NotBulk(Exception):
    """The file holds something only the line-by-line path reads exactly (a lone CR)."""


@dataclass
class Source:
    file_no: int
    path: Path
    prefix: str  # "path: " when several files are loaded, as the Python path writes `where`
    table: pa.Table | None = None
    null_styles: tuple[str, ...] = ()  # how the file writes a null value: '":null', '": null'
    string_styles: tuple[str, ...] = ()  # and a key followed by a string: '": "', '":"'
    mapped: mmap.mmap | None = None

    def close(self) -> None:
        self.table = None
        if self.mapped is not None:
            try:
                self.mapped.close()
            except BufferError:  # an Arrow buffer still points into it: the GC closes it
                pass
            self.mapped = None


# ------------------------------------------------------------------ 1. lines

def _lines(source: Source) -> None:
    """Cut the file into lines, as Arrow strings over the file's mapped bytes (no copy)."""
    schema = pa.schema([("file_no", pa.int32()), ("line_no", pa.int64()),
                        ("line", pa.large_string())])
    if source.path.stat().st_size == 0:
        source.table = schema.empty_table()
        return
    with open(source.path, "rb") as handle:
        # MAP_POPULATE (Linux) faults the pages in at once, much faster than one by one
        data = mmap.mmap(handle.fileno(), 0, prot=mmap.PROT_READ,
                         flags=mmap.MAP_SHARED | getattr(mmap, "MAP_POPULATE", 0))
    source.mapped = data
    view = np.frombuffer(data, dtype=np.uint8)
    # Python reads text files with universal newlines: a CR not followed by LF ends a line
    # there and not here, so such a file goes line by line.
    if data.find(b"\r") != -1:
        crs = np.flatnonzero(view == 13)
        if crs[-1] == len(view) - 1 or np.any(view[crs + 1] != 10):
            raise NotBulk(f"{source.path}: carriage returns inside lines")
    # How nulls are written, judged on the first 8 MB (a whole-file search for a spelling
    # that is absent costs a pass); a spelling first seen later only sends lines to pydantic.
    source.null_styles = tuple(s for s in ('":null', '": null')
                               if data.find(s.encode(), 0, 1 << 23) != -1)
    source.string_styles = tuple(s for s in ('": "', '":"')
                                 if data.find(s.encode(), 0, 1 << 23) != -1)
    ends = _line_ends(view)
    offsets = np.concatenate([[0], ends]).astype(np.int64)
    buffer = pa.py_buffer(data)
    batches = []
    # UTF-8 is not checked here: DuckDB's JSON parser rejects a line that is not, which
    # then fails the load when the fallback reads it back (as the Python path would fail)
    for start in range(0, len(ends), BATCH_LINES):
        chunk = offsets[start:start + BATCH_LINES + 1]
        n = len(chunk) - 1
        lines = pa.LargeStringArray.from_buffers(n, pa.py_buffer(chunk.copy()), buffer)
        batches.append(pa.record_batch([
            pa.array(np.full(n, source.file_no, np.int32)),
            pa.array(np.arange(start + 1, start + n + 1, dtype=np.int64)), lines], schema=schema))
    source.table = pa.Table.from_batches(batches, schema)


def _line_ends(view: np.ndarray, chunk: int = 1 << 23) -> np.ndarray:
    """Offsets just past each line (the last line may lack its newline); in chunks, so no
    temporary array is as large as the file."""
    parts = [np.flatnonzero(view[i:i + chunk] == 10) + (i + 1)
             for i in range(0, len(view), chunk)]
    ends = np.concatenate(parts) if parts else np.empty(0, np.int64)
    if not len(ends) or ends[-1] != len(view):
        ends = np.append(ends, len(view))
    return ends


# ------------------------------------------------------------------ 2. parse and check

def _columns() -> str:
    return ", ".join(f"CASE WHEN ok THEN d.{rs.quote(n)} END AS {rs.quote(n)}" for n in _FIELDS)


def _value(name: str, where: str = "") -> str:
    return rs.value(_FIELDS[name], where + rs.quote(name))


def _bound_value(section: str | None, name: str, expr: str) -> str:
    model = Record if section is None else _FIELDS[section].item.model
    return rs.value({f.name: f for f in rs.fields(model)}[name], expr)


def _article_id(prefix: str = "") -> str:
    """load.article_id_for in SQL: the id; else sha1 of the URL; else of the text fields."""
    published = f"{prefix}\"published\""  # as written, checked to be YYYY-MM-DD
    text = ("concat_ws(chr(31), coalesce({s}, ''), coalesce({t}, ''), "
            "coalesce(CASE WHEN {p} <> {nul} THEN {p} END, ''), {b})").format(
        s=_value("source", prefix), t=_value("title", prefix), p=published,
        nul=rs.NUL, b=_value("body", prefix))
    return (f"CASE WHEN {_value('id', prefix)} <> '' THEN {_value('id', prefix)} "
            f"WHEN {_value('url', prefix)} <> '' THEN sha1({_value('url', prefix)})[1:16] "
            f"ELSE 'text-' || sha1({text})[1:16] END")


_KEY_END = '":'  # a key's closing quote and its colon


def _count(patterns: Sequence[str]) -> str:
    """How often the patterns occur in the line (each a pass over its text)."""
    return " + ".join(f"(strlen(line) - strlen(replace(line, '{p}', ''))) // {len(p)}"
                      for p in patterns)


def parse_sql(lines: str, trusted: bool = False, null_styles: Sequence[str] = ('": null',),
              string_styles: Sequence[str] = ('": "', '":"')) -> str:
    """Rows of _bulk_docs from a relation of (file_no, line_no, line[, article_id])."""
    ok = "true" if trusted else (
        "coalesce(starts_with(line, '{') AND NOT contains(line, '\\u0000') AND d IS NOT NULL "
        f"AND {rs.object_ok(Record, 'd')} "
        f"AND {_count([_KEY_END])} = {rs.object_keys(Record, 'd')} "
        f"AND {_count(string_styles)} = {rs.object_strings(Record, 'd')}"
        f" AND {bounds.sql_ok('d', _bound_value)}"
        ", false)")
    article_id = "article_id" if trusted else f"CASE WHEN ok THEN {_article_id('d.')} END"
    parse = f"json_transform({_nulls(null_styles)}, '{_SHAPE}')"
    if not trusted:  # a line that is not JSON gives NULL, not an error
        parse = f"try({parse})"
    return f"""
        SELECT file_no, line_no, ok, CASE WHEN NOT ok THEN line END AS raw,
               {article_id} AS article_id, {_columns()}
        FROM (
            SELECT *, {ok} AS ok
            FROM (SELECT *, {parse} AS d FROM {lines})
        )"""


@contextlib.contextmanager
def _utf8(sources: Sequence[Source]) -> Iterator[None]:
    """DuckDB's word for bytes that are not UTF-8, as Python's (the Python path's error)."""
    try:
        yield
    except duckdb.InvalidInputException as err:
        if "invalid unicode" not in str(err).lower():
            raise
        raise UnicodeError(f"{', '.join(str(s.path) for s in sources)}: not UTF-8 text") from err


# ------------------------------------------------------------------ 3. unusual lines

def _fallback(con: duckdb.DuckDBPyConnection, sources: Sequence[Source],
              handle_line: Callable[[str, str], tuple[str, Any] | None]) -> None:
    """Send the lines the checks doubt through the Python path; re-add the records it accepts."""
    prefixes = {s.file_no: s.prefix for s in sources}
    with _utf8(sources):
        rows = con.execute("SELECT file_no, line_no, raw FROM _bulk_parsed WHERE NOT ok "
                           "ORDER BY file_no, line_no").fetchall()
    con.execute("CREATE OR REPLACE TEMP TABLE _bulk_fixed AS "
                "SELECT * EXCLUDE (raw) FROM _bulk_parsed LIMIT 0")
    con.execute("CREATE OR REPLACE TEMP VIEW _bulk_docs AS "
                "SELECT * EXCLUDE (raw) FROM _bulk_parsed WHERE ok "
                "UNION ALL BY NAME SELECT * FROM _bulk_fixed")
    if not rows:
        return
    accepted: dict[str, list] = {"file_no": [], "line_no": [], "line": [], "article_id": []}
    for file_no, line_no, raw in rows:
        if raw.endswith("\r\n"):  # what universal newlines hand the Python path
            raw = raw[:-2] + "\n"
        outcome = handle_line(f"{prefixes[file_no]}line {line_no}", raw)
        if outcome is None:
            continue
        article_id, record = outcome
        dumped = record.model_dump()
        if _too_big(dumped):  # the Python path's Arrow conversion fails on these too
            raise OverflowError(f"{prefixes[file_no]}line {line_no}: an integer does not "
                                "fit the warehouse's columns")
        accepted["file_no"].append(file_no)
        accepted["line_no"].append(line_no)
        # model_dump keeps NaN and big ints as they are; json.dumps writes them as such
        accepted["line"].append(json.dumps(dumped, default=str, ensure_ascii=False))
        accepted["article_id"].append(article_id)
    if accepted["line"]:
        con.register("_bulk_fixed_lines", pa.table({
            "file_no": pa.array(accepted["file_no"], pa.int32()),
            "line_no": pa.array(accepted["line_no"], pa.int64()),
            "line": pa.array(accepted["line"], pa.large_string()),
            "article_id": pa.array(accepted["article_id"], pa.string())}))
        try:
            con.execute("INSERT INTO _bulk_fixed BY NAME SELECT * EXCLUDE (raw) FROM ("
                        + parse_sql("_bulk_fixed_lines", True) + ")")
        finally:
            con.unregister("_bulk_fixed_lines")


def _too_big(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_too_big(v) for v in value.values())
    if isinstance(value, list):
        return any(_too_big(v) for v in value)
    return isinstance(value, int) and not -2**63 <= value < 2**63


# ------------------------------------------------------------------ 4. flatten

_COLUMNS: dict[str, list[str]] = {}


def _table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """A warehouse table's columns, from the DDL (read once per process, in one query, by
    stage() before the load's transaction: inside one with a large insert pending a catalog
    query costs half a second)."""
    if table not in _COLUMNS:
        for name, column in con.execute(
                "SELECT table_name, column_name FROM duckdb_columns() "
                "WHERE database_name = current_database() AND schema_name = current_schema() "
                "ORDER BY table_name, column_index").fetchall():
            _COLUMNS.setdefault(name, []).append(column)
    return _COLUMNS[table]


def _evidence(x: str) -> str:
    ev = {f.name: f for f in rs.fields(_FIELDS["movement_evidence"].item.model)}
    return ", ".join(f"{rs.value(f, f'{x}.{rs.quote(n)}')} AS evidence_{n}"
                     for n, f in ev.items())


def _section_sql(section: str, columns: list[str]) -> str:
    """INSERT … SELECT for a list of objects: one row per item, fields decoded by the model."""
    model = _FIELDS[section].item.model
    decoded = [f"{rs.value(f, 'x.' + rs.quote(f.name))} AS {rs.quote(f.name)}"
               for f in rs.fields(model) if f.name in columns and f.kind != "model"]
    evidence = [_evidence("x.evidence")] if "evidence" in model.model_fields else []
    return f"""
        INSERT INTO {section} BY NAME
        SELECT article_id, url, item_no, {', '.join(decoded + evidence)},
               extractor_version, $loaded_at AS loaded_at
        FROM (SELECT article_id, url, extractor_version, unnest({section}) AS x,
                     generate_subscripts({section}, 1) - 1 AS item_no
              FROM _bulk_win)"""


def _members_sql() -> str:
    bloc = {f.name: f for f in rs.fields(_FIELDS["blocs"].item.model)}
    member = {f.name: f for f in rs.fields(bloc["members"].item.model)}
    name = rs.value(bloc["name"], 'b."name"')
    return f"""
        INSERT INTO bloc_members BY NAME
        SELECT article_id, url, bloc_item_no, item_no, bloc,
               {rs.value(member['org'], 'm."org"')} AS org,
               {rs.value(member['role'], 'm."role"')} AS role,
               extractor_version, $loaded_at AS loaded_at
        FROM (SELECT article_id, url, extractor_version, bloc_item_no, {name} AS bloc,
                     unnest(b.members) AS m, generate_subscripts(b.members, 1) - 1 AS item_no
              FROM (SELECT article_id, url, extractor_version, unnest(blocs) AS b,
                           generate_subscripts(blocs, 1) - 1 AS bloc_item_no
                    FROM _bulk_win))"""


def _movements_sql() -> str:
    item = _FIELDS["movements"].item
    # movement_evidence runs parallel to movements; a shorter list leaves the tail bare
    return f"""
        INSERT INTO movements BY NAME
        SELECT article_id, url, item_no, {rs.scalar(item, 'm')} AS name, {_evidence('ev')},
               extractor_version, $loaded_at AS loaded_at
        FROM (SELECT article_id, url, extractor_version, m, item_no,
                     movement_evidence[item_no + 1] AS ev
              FROM (SELECT article_id, url, extractor_version, movement_evidence,
                           unnest(movements) AS m, generate_subscripts(movements, 1) - 1 AS item_no
                    FROM _bulk_win))"""


def _articles_sql(columns: list[str], current: dict[str, str | None]) -> str:
    scalars = [f for f in rs.fields(Record) if f.kind not in ("list", "model")
               and f.name in columns]
    decoded = ", ".join(f"{rs.value(f, 'w.' + rs.quote(f.name))} AS {rs.quote(f.name)}"
                        for f in scalars)
    # a handful of provinces: a MAP literal, cheaper than a join
    pairs = [(p, c) for p, c in current.items() if c is not None]
    current_province = (
        f"MAP {{{', '.join(f'{rs.literal(p)}: {rs.literal(c)}' for p, c in pairs)}}}"
        f"[{_value('province', 'w.')}]" if pairs else "NULL::VARCHAR")
    return f"""
        INSERT INTO articles BY NAME
        SELECT w.article_id, {decoded}, $loaded_at AS loaded_at,
               p.district, {current_province} AS current_province
        FROM _bulk_win_raw AS w
        LEFT JOIN _bulk_places AS p ON p.article_id = w.article_id"""


def _may_name_district() -> str:
    """SQL true for the articles places.district_of can find a district in: a district word
    ("huyện"…) in the title, or an organ ("UBND"…) opening the lead. The words are read
    from district_of's own patterns, so the two cannot drift apart silently; the rest (most
    articles) is spared a Python call."""
    words = re.match(r"\(([^()]+)\)", places._DISTRICT)
    lead = re.match(r"\^\[\^\.\\n\]\{0,(\d+)\}\?\(\?:([^()]+)\)",
                    places._LEAD_DISTRICT.pattern)
    if not words or not lead or not places._TITLE_DISTRICT.pattern.endswith(places._DISTRICT):
        raise RuntimeError("places.district_of's patterns changed: update bulk._may_name_district")
    words, organs = words.group(1).split("|"), lead.group(2).split("|")
    if any(re.search(r"[\\.^$*+?{}\[\]|()]", w) for w in words + organs):  # literals only
        raise RuntimeError("places.district_of's patterns changed: update bulk._may_name_district")
    reach = int(lead.group(1)) + max(len(o) for o in organs)  # where an organ may end
    return " OR ".join([f"contains(title, {rs.literal(w)})" for w in words] +
                       [f"contains(left(body, {reach}), {rs.literal(o)})" for o in organs])


def _places(con: duckdb.DuckDBPyConnection) -> tuple[threading.Thread, dict]:
    """Districts of the loaded articles that may name one, computed in a thread while DuckDB
    inserts the sections, and the current province of each distinct province."""
    provinces = [r[0] for r in con.execute(
        "SELECT DISTINCT province FROM _bulk_win WHERE province IS NOT NULL").fetchall()]
    texts = con.sql("SELECT article_id, title, body FROM _bulk_win "
                    f"WHERE {_may_name_district()}").to_arrow_table()
    out: dict[str, Any] = {"current": {p: current_province(p) for p in provinces}}

    def work() -> None:
        try:
            ids = texts.column("article_id").to_pylist()
            titles = texts.column("title").to_pylist()
            bodies = texts.column("body").to_pylist()
            found = [(i, d) for i, d in zip(ids, map(district_of, titles, bodies)) if d]
            # only the articles that name a district: the smaller side of the join
            out["table"] = pa.table({"article_id": pa.array([i for i, _ in found], pa.string()),
                                     "district": pa.array([d for _, d in found], pa.string())})
        except BaseException as exc:  # re-raised by the loading thread
            out["error"] = exc

    thread = threading.Thread(target=work, name="thidua-districts")
    thread.start()
    return thread, out


def flatten(con: duckdb.DuckDBPyConnection, tables: Sequence[str], stats) -> None:
    """Insert the winning copy of every article into every table; counts into stats.rows."""
    loaded_at = datetime.now(timezone.utc).replace(tzinfo=None)
    started = time.perf_counter()
    thread, found = _places(con)
    stats.timings["places"] = time.perf_counter() - started
    try:
        for table in tables:
            if table == "articles":
                continue
            columns = _table_columns(con, table)
            if table == "bloc_members":
                sql = _members_sql()
            elif table == "movements":
                sql = _movements_sql()
            else:
                sql = _section_sql(table, columns)
            started = time.perf_counter()
            stats.rows[table] += con.execute(sql, {"loaded_at": loaded_at}).fetchall()[0][0]
            stats.timings[f"insert {table}"] = time.perf_counter() - started
    finally:
        started = time.perf_counter()
        thread.join()
        stats.timings["wait for districts"] = time.perf_counter() - started
    if "error" in found:
        raise found["error"]
    con.register("_bulk_places", found["table"])
    started = time.perf_counter()
    try:
        stats.rows["articles"] += con.execute(
            _articles_sql(_table_columns(con, "articles"), found["current"]),
            {"loaded_at": loaded_at}).fetchall()[0][0]
    finally:
        con.unregister("_bulk_places")
    stats.timings["insert articles"] = time.perf_counter() - started


# ------------------------------------------------------------------ the load

_POS = "(file_no::BIGINT << 40) + line_no"


def _clashes(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """Lines whose id an earlier line already gave to a different article (load.same_article
    in SQL): (file_no, line_no, article_id, url, first file_no, first line_no, first url)."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _bulk_clash AS
        WITH docs AS (
            SELECT article_id, {_POS} AS pos, file_no, line_no, {_value('url')} AS url,
                   sha1({_value('body')}) AS body_hash
            FROM _bulk_docs
            WHERE article_id IN (SELECT article_id FROM _bulk_docs GROUP BY article_id
                                 HAVING count(*) > 1)
        ),
        firsts AS (
            SELECT * FROM docs
            QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY pos) = 1
        )
        SELECT d.pos, d.file_no, d.line_no, d.article_id, d.url, f.file_no AS first_file,
               f.line_no AS first_line, f.url AS first_url
        FROM docs AS d JOIN firsts AS f USING (article_id)
        WHERE d.pos > f.pos
          AND NOT (d.url IS NOT DISTINCT FROM f.url
                   AND (d.url IS NOT NULL OR d.body_hash = f.body_hash))""")
    return con.execute("SELECT file_no, line_no, article_id, url, first_file, first_line, "
                       "first_url FROM _bulk_clash ORDER BY pos").fetchall()


def stage(con: duckdb.DuckDBPyConnection, paths: Sequence[str | os.PathLike],
          handle_line: Callable[[str, str], tuple[str, Any] | None]) -> list[tuple]:
    """Parse and check every line of `paths`: the view _bulk_docs holds every record that
    passed (the checks or pydantic), _bulk_ids each article id's winning and first line,
    _bulk_win the winning copy of each; unusual lines go through `handle_line`. Run it
    outside the load's transaction (it writes no warehouse table); drop() removes it all.

    Returns the lines whose id clashes with an earlier, different article (_clashes): they
    are left out. Raises NotBulk, before any line is handled, when a file needs the
    line-by-line path."""
    sources = [Source(no, Path(p), f"{p}: " if len(paths) > 1 else "")
               for no, p in enumerate(paths)]
    _table_columns(con, "articles")
    try:
        for source in sources:
            _lines(source)
        styles = sorted({style for s in sources for style in s.null_styles})
        strings = sorted({style for s in sources for style in s.string_styles}) or ['": "']
        lines = pa.concat_tables([s.table for s in sources])
        con.register("_bulk_lines", lines)
        try:
            # kept as Arrow, not a temp table: DuckDB scans Arrow batches in parallel, and a
            # temp table of 100,000 rows is one row group, scanned by one thread
            with _utf8(sources):
                parsed = con.sql(parse_sql("_bulk_lines", null_styles=styles,
                                           string_styles=strings)).to_arrow_table()
        finally:
            con.unregister("_bulk_lines")
            del lines
    finally:
        for source in sources:
            source.close()
    con.register("_bulk_parsed", parsed)
    _fallback(con, sources, handle_line)
    clashes = _clashes(con)
    # the last copy of an id wins; ids are listed in the order first seen
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _bulk_ids AS
        SELECT article_id, max(pos) AS win, min(pos) AS seen, count(*) AS copies
        FROM (SELECT article_id, {_POS} AS pos FROM _bulk_docs)
        WHERE pos NOT IN (SELECT pos FROM _bulk_clash)
        GROUP BY article_id""")
    repeated = con.execute("SELECT count(*) FROM _bulk_ids WHERE copies > 1").fetchall()[0][0]
    con.execute("CREATE OR REPLACE TEMP VIEW _bulk_win_raw AS SELECT * FROM _bulk_docs" + (
        f" WHERE {_POS} IN (SELECT win FROM _bulk_ids)" if repeated or clashes else ""))
    lists = [f"{rs.quote(f.name)}" for f in rs.fields(Record) if f.kind == "list"]
    con.execute(f"""
        CREATE OR REPLACE TEMP VIEW _bulk_win AS
        SELECT article_id, {_value('url')} AS url,
               {_value('extractor_version')} AS extractor_version,
               {_value('province')} AS province, {_value('title')} AS title,
               {_value('body')} AS body, {', '.join(lists)}
        FROM _bulk_win_raw""")
    return clashes


def drop(con: duckdb.DuckDBPyConnection) -> None:
    for view in ("_bulk_win", "_bulk_win_raw", "_bulk_docs"):
        con.execute(f"DROP VIEW IF EXISTS {view}")
    for table in ("_bulk_ids", "_bulk_fixed", "_bulk_clash"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    try:
        con.unregister("_bulk_parsed")
    except duckdb.Error:
        pass

"""Full-text search over the articles (headline and text), ranked, without diacritics.

DuckDB's fts extension cannot be installed for the DuckDB version in use (nothing may be
downloaded), so the index is SQLite's FTS5, which ships inside Python's standard library:
nothing to install, a maintained engine, BM25 ranking, and incremental updates in a
transaction while readers keep reading (WAL mode). tantivy would rank as well but is one
more compiled dependency, and its index would have to be copied or rebuilt on every load.

The index is a file beside the warehouse (`thidua.duckdb.search`). It holds no text, only
the index of each article's folded headline and body (lower case, tone marks and đ folded,
so "giam doc so y te" finds "Giám đốc Sở Y tế"): a load updates it in place, in a SQLite
transaction committed just before the warehouse file is swapped in (swap.writing), so a
reader may briefly see new hits for articles its snapshot does not hold yet; those are
dropped when hits are looked up in the snapshot. A replaced article gets a new entry and
its old one is forgotten (docs), not rewritten.
"""
from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import duckdb

FOLD_SQL = "replace(strip_accents(lower({})), 'đ', 'd')"
TITLE_WEIGHT = 8.0  # a word in the headline counts as much as eight in the text
_WORD = re.compile(r"\w+", re.UNICODE)


def index_path(db: str | Path) -> Path:
    db = Path(db)
    return db.with_name(db.name + ".search")


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    con.execute("PRAGMA journal_mode = WAL")
    con.executescript("""
        CREATE TABLE IF NOT EXISTS docs (rowid INTEGER PRIMARY KEY AUTOINCREMENT, article_id TEXT UNIQUE);
        CREATE VIRTUAL TABLE IF NOT EXISTS words USING fts5(
            title, body, content='', tokenize='unicode61 remove_diacritics 2');
    """)
    return con


class Update:
    """One load's changes to the index, in a transaction: `add` articles from the
    warehouse being written, `commit` just before the swap, `rollback` when the load fails."""

    def __init__(self, db: str | Path) -> None:
        self.path = index_path(db)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = _connect(self.path)
        self.con.execute("BEGIN IMMEDIATE")

    def add(self, con: duckdb.DuckDBPyConnection, article_ids: Iterable[str] | None) -> int:
        """Index the articles (every article when None) as `con` holds them now; an id no
        longer in the warehouse is forgotten."""
        ids = None if article_ids is None else sorted(set(article_ids))
        if ids is None:
            self.con.execute("DELETE FROM docs")
            self.con.execute("INSERT INTO words(words) VALUES ('delete-all')")
        elif ids:
            self.con.executemany("DELETE FROM docs WHERE article_id = ?", [(i,) for i in ids])
        if ids == []:
            return 0
        where = "" if ids is None else " WHERE article_id IN (SELECT unnest(?::VARCHAR[]))"
        title, body = FOLD_SQL.format("coalesce(title, '')"), FOLD_SQL.format("body")
        reader = con.sql(f"SELECT article_id, {title}, {body} FROM articles{where}",
                         params=None if ids is None else [ids]).to_arrow_reader(2048)
        added = 0
        for batch in reader:
            for article_id, title, body in zip(*(c.to_pylist() for c in batch.columns)):
                rowid = self.con.execute("INSERT INTO docs(article_id) VALUES (?)",
                                         (article_id,)).lastrowid
                self.con.execute("INSERT INTO words(rowid, title, body) VALUES (?, ?, ?)",
                                 (rowid, title, body))
                added += 1
        return added

    def commit(self) -> None:
        self.con.execute("COMMIT")
        self.con.close()

    def rollback(self) -> None:
        if self.con.in_transaction:
            self.con.execute("ROLLBACK")
        self.con.close()


def exists(db: str | Path) -> bool:
    return index_path(db).exists()


def words(folded: str) -> list[str]:
    return _WORD.findall(folded)


def search(db: str | Path, folded: str, limit: int = 20, offset: int = 0
           ) -> tuple[int, list[tuple[str, float]]]:
    """(number of matching articles, [(article_id, score)] best first) for a query already
    folded (params.search_text): articles with every word, those with the words side by
    side (the phrase) first, each group by BM25 with the headline weighted."""
    terms = words(folded)
    path = index_path(db)
    if not terms or not path.exists():
        return 0, []
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    every = " AND ".join(f'"{t}"' for t in terms)
    phrase = '"' + " ".join(terms) + '"'
    ranked = ("SELECT docs.article_id, -bm25(words, {w}, 1.0) AS score FROM words "
              "JOIN docs ON docs.rowid = words.rowid WHERE words MATCH ? {extra}"
              "ORDER BY bm25(words, {w}, 1.0) LIMIT ? OFFSET ?")
    try:
        total = con.execute("SELECT count(*) FROM words JOIN docs ON docs.rowid = words.rowid "
                            "WHERE words MATCH ?", (every,)).fetchone()[0]
        together = con.execute("SELECT count(*) FROM words WHERE words MATCH ?",
                               (phrase,)).fetchone()[0] if len(terms) > 1 else 0
        rows = []
        if offset < together:  # the phrase first…
            rows = con.execute(ranked.format(w=TITLE_WEIGHT, extra=""),
                               (phrase, limit, offset)).fetchall()
        if len(rows) < limit:  # …then the articles with the words apart
            rows += con.execute(ranked.format(
                w=TITLE_WEIGHT, extra="AND words.rowid NOT IN "
                                      "(SELECT rowid FROM words WHERE words MATCH ?) "),
                (every, phrase, limit - len(rows), max(0, offset - together))).fetchall()
    finally:
        con.close()
    return total, rows


def snippet(text: str, folded: str, terms: list[str], width: int = 220
            ) -> tuple[str, list[tuple[int, int]]]:
    """A window of `text` around the first query word and the spans of the words in it.
    `folded` is `text` folded as the index folds it (FOLD_SQL), which keeps one character
    for one, so offsets in it are offsets in `text`."""
    if len(folded) != len(text):  # a character that folds to two: mark nothing
        return text[:width], []
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, terms)) + r")\b") if terms else None
    first = pattern.search(folded) if pattern else None
    start = max(0, first.start() - width // 3) if first else 0
    end = min(len(text), start + width)
    spans = [(m.start() - start, m.end() - start)
             for m in pattern.finditer(folded, start, end)] if pattern else []
    return text[start:end], spans

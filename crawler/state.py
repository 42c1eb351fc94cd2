"""What a crawl folder remembers between runs, in one SQLite file (crawl-state.sqlite).

- runs: one row per `thidua crawl` into the folder; a run without `finished_at` was
  interrupted (Ctrl+C, SIGKILL, power cut) and the next crawl resumes it.
- frontier: every URL the current run has scheduled, `pending` until its response has
  gone through every pipeline, then `done`. Resuming re-requests the pending ones and
  skips the done ones, so a killed crawl ends with every page exactly once.
- pages: the seen-URL store. One row per article stored, with the validators
  (ETag, Last-Modified) that make the next run's request conditional, and the content
  fingerprint of the stored version.
- fingerprints: the content fingerprint of every version ever stored, and its article:
  a print view still showing last year's text is a copy, not a new article.
- aliases: other URLs serving an article already stored (print view, mirror, canonical
  link), so both addresses stay known, with their own validators.
- simhashes and simhash_bands: the SimHash of every stored article's main text, cut into
  bands (thidua.crawler.dedup), so a near-copy (print view, mirror, re-post with another
  footer) is found among a million articles by a few indexed lookups.
- meta: `jsonl_size`, the size of pages.jsonl once its last line was registered here;
  lines beyond it were written by a crawl killed before it could register them.

SQLite in WAL mode commits each step on its own: a SIGKILL loses at most the step
in flight, never a committed one.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from thidua.crawler import dedup

STATE_FILE = "crawl-state.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    args TEXT
);
CREATE TABLE IF NOT EXISTS frontier (
    url TEXT PRIMARY KEY,
    run_id INTEGER NOT NULL,
    state TEXT NOT NULL,
    depth INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS frontier_state ON frontier (run_id, state);
CREATE TABLE IF NOT EXISTS pages (
    page_id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    fingerprint TEXT,
    etag TEXT,
    last_modified TEXT,
    fetched_at TEXT NOT NULL,
    versions INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS pages_url ON pages (url);
CREATE INDEX IF NOT EXISTS pages_fingerprint ON pages (fingerprint);
CREATE TABLE IF NOT EXISTS fingerprints (
    fingerprint TEXT PRIMARY KEY,
    page_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS aliases (
    url TEXT PRIMARY KEY,
    page_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS simhashes (page_id TEXT PRIMARY KEY, simhash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS simhash_bands (band INTEGER NOT NULL, value INTEGER NOT NULL,
                                          page_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS simhash_band ON simhash_bands (band, value);
"""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Known:
    """What the seen-URL store holds for one article."""
    page_id: str
    url: str
    fingerprint: str | None
    etag: str | None
    last_modified: str | None


class CrawlState:
    def __init__(self, out_dir: str | Path):
        self.path = Path(out_dir) / STATE_FILE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: autocommit; multi-statement steps use explicit transactions.
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        self.run_id: int | None = None
        self.resumed = False
        self._validators: dict[str, tuple[str | None, str | None]] | None = None
        self._scheduled: set[str] = set()   # URLs schedule() returned: asked for already

    def close(self) -> None:
        self.db.close()

    # -- runs -------------------------------------------------------------------------
    def begin_run(self, args: dict) -> bool:
        """Start a run, or resume the last one if it never finished. True when resuming."""
        row = self.db.execute(
            "SELECT run_id, finished_at FROM runs ORDER BY run_id DESC LIMIT 1").fetchone()
        if row and row[1] is None:
            self.run_id, self.resumed = row[0], True
        else:
            cur = self.db.execute("INSERT INTO runs (started_at, args) VALUES (?, ?)",
                                  (_now(), json.dumps(args, ensure_ascii=False)))
            self.run_id, self.resumed = cur.lastrowid, False
        return self.resumed

    def finish_run(self) -> None:
        self.db.execute("UPDATE runs SET finished_at = ? WHERE run_id = ?", (_now(), self.run_id))

    # -- frontier ---------------------------------------------------------------------
    def pending(self) -> list[tuple[str, int]]:
        return self.db.execute("SELECT url, depth FROM frontier WHERE run_id = ? AND state = 'pending'",
                               (self.run_id,)).fetchall()

    def is_done(self, url: str) -> bool:
        row = self.db.execute("SELECT 1 FROM frontier WHERE url = ? AND run_id = ? AND state = 'done'",
                              (url, self.run_id)).fetchone()
        return row is not None

    def schedule(self, urls: list[tuple[str, int]]) -> list[str]:
        """Record URLs as pending for this run; returns those not already done in it and
        not already returned by this object (the crawl has asked for them once)."""
        wanted = {u: d for u, d in urls if u not in self._scheduled}
        if not wanted:
            return []
        fresh = self._schedule(wanted)
        self._scheduled.update(fresh)
        return fresh

    def _schedule(self, wanted: dict[str, int]) -> list[str]:
        seen: dict[str, tuple[int, str]] = {}
        keys = list(wanted)
        for i in range(0, len(keys), 500):  # SQLite caps the number of bound parameters
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for url, run_id, state in self.db.execute(
                    f"SELECT url, run_id, state FROM frontier WHERE url IN ({marks})", chunk):
                seen[url] = (run_id, state)
        new = [(u, self.run_id, d) for u, d in wanted.items()
               if u not in seen or seen[u][0] != self.run_id]
        if new:
            with self.db:  # one transaction for the page's links
                self.db.execute("BEGIN")
                self.db.executemany("INSERT OR REPLACE INTO frontier VALUES (?, ?, 'pending', ?)", new)
        return [u for u in wanted if u not in seen or seen[u][0] != self.run_id
                or seen[u][1] == "pending"]

    def mark_done(self, url: str, state: str = "done") -> None:
        self.db.execute("INSERT OR REPLACE INTO frontier (url, run_id, state) VALUES (?, ?, ?)",
                        (url, self.run_id, state))

    # -- seen pages, fingerprints, aliases --------------------------------------------
    def known(self, page_id: str) -> Known | None:
        row = self.db.execute("SELECT page_id, url, fingerprint, etag, last_modified FROM pages "
                              "WHERE page_id = ?", (page_id,)).fetchone()
        return Known(*row) if row else None

    def validators(self, url: str) -> tuple[str | None, str | None] | None:
        """(ETag, Last-Modified) last served at `url`, an article's own URL or an alias;
        None for a URL never stored. Held in memory: asked for every link scheduled."""
        if self._validators is None:
            self._validators = {}
            for table in ("aliases", "pages"):  # an article's own URL wins over an alias
                for url_, etag, modified in self.db.execute(
                        f"SELECT url, etag, last_modified FROM {table}"):
                    self._validators[url_] = (etag, modified)
        return self._validators.get(url)

    def remember_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """A page answered 200 with content already stored: keep what it served, for the
        next run's conditional request."""
        cur = self.db.execute("UPDATE pages SET etag = ?, last_modified = ? WHERE url = ?",
                              (etag, last_modified, url))
        if cur.rowcount == 0:
            cur = self.db.execute("UPDATE aliases SET etag = ?, last_modified = ? WHERE url = ?",
                                  (etag, last_modified, url))
        if cur.rowcount and self._validators is not None:
            self._validators[url] = (etag, last_modified)

    def by_fingerprint(self, fingerprint: str) -> str | None:
        row = self.db.execute("SELECT page_id FROM fingerprints WHERE fingerprint = ?",
                              (fingerprint,)).fetchone()
        return row[0] if row else None

    def near_duplicate(self, simhash: str | None) -> str | None:
        """The stored article whose main text nearly is this one (dedup.near)."""
        if not simhash:
            return None
        pieces = dedup.bands(simhash)
        where = " OR ".join("(b.band = ? AND b.value = ?)" for _ in pieces)
        for page_id, other in self.db.execute(
                "SELECT DISTINCT b.page_id, s.simhash FROM simhash_bands b JOIN simhashes s "
                f"ON s.page_id = b.page_id WHERE {where}", [x for piece in pieces for x in piece]):
            if dedup.near(simhash, other):
                return page_id
        return None

    def simhash_of(self, page_id: str) -> str | None:
        row = self.db.execute("SELECT simhash FROM simhashes WHERE page_id = ?", (page_id,)).fetchone()
        return row[0] if row else None

    def stored_in_this_run(self, page_id: str) -> bool:
        """Whether the article's latest version was stored since the current run began (a
        second page of the same URL in one run is a copy, not an update)."""
        row = self.db.execute(
            "SELECT 1 FROM pages p, runs r WHERE p.page_id = ? AND r.run_id = ? "
            "AND p.fetched_at >= r.started_at", (page_id, self.run_id)).fetchone()
        return row is not None

    def _store_simhash(self, page_id: str, simhash: str | None) -> None:
        if not simhash:
            return
        self.db.execute("DELETE FROM simhash_bands WHERE page_id = ?", (page_id,))
        self.db.execute("INSERT OR REPLACE INTO simhashes VALUES (?, ?)", (page_id, simhash))
        self.db.executemany("INSERT INTO simhash_bands VALUES (?, ?, ?)",
                            [(band, value, page_id) for band, value in dedup.bands(simhash)])

    def store(self, page_id: str, url: str, fingerprint: str | None, etag: str | None,
              last_modified: str | None, jsonl_size: int, simhash: str | None = None) -> None:
        """Register an article version just appended to pages.jsonl (ending at jsonl_size)."""
        self.db.execute("BEGIN")
        try:
            self.db.execute(
                "INSERT INTO pages VALUES (?, ?, ?, ?, ?, ?, 1) ON CONFLICT (page_id) DO UPDATE SET "
                "fingerprint = excluded.fingerprint, etag = excluded.etag, "
                "last_modified = excluded.last_modified, fetched_at = excluded.fetched_at, "
                "versions = pages.versions + 1",
                (page_id, url, fingerprint, etag, last_modified, _now()))
            if fingerprint:
                self.db.execute("INSERT OR IGNORE INTO fingerprints VALUES (?, ?)", (fingerprint, page_id))
            self._store_simhash(page_id, simhash)
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('jsonl_size', ?)", (str(jsonl_size),))
            self.db.execute("COMMIT")
            if self._validators is not None:
                self._validators[url] = (etag, last_modified)
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def add_alias(self, url: str, page_id: str, reason: str, etag: str | None = None,
                  last_modified: str | None = None) -> bool:
        """Record another URL of a stored article; False when it was already known."""
        cur = self.db.execute("INSERT OR IGNORE INTO aliases VALUES (?, ?, ?, ?, ?)",
                              (url, page_id, reason, etag, last_modified))
        if cur.rowcount and self._validators is not None:
            self._validators.setdefault(url, (etag, last_modified))
        return cur.rowcount > 0

    def aliases(self) -> list[tuple[str, str, str]]:
        return self.db.execute("SELECT url, page_id, reason FROM aliases ORDER BY page_id, url").fetchall()

    def jsonl_size(self) -> int:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'jsonl_size'").fetchone()
        return int(row[0]) if row else 0

    def counts(self) -> dict:
        q = self.db.execute
        return {"articles": q("SELECT count(*) FROM pages").fetchone()[0],
                "aliases": q("SELECT count(*) FROM aliases").fetchone()[0],
                "runs": q("SELECT count(*) FROM runs").fetchone()[0]}

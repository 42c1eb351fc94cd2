"""Faults and bad input around a crawl, for real: `thidua crawl` killed with SIGTERM or
SIGKILL stops its Scrapy child; a second crawl into a busy folder is refused; Retry-After
is obeyed; a page served as JSON or with a wrong Content-Type is recorded or stored, never
left pending; a start URL without a scheme, an unreachable host and a name that does not
resolve each give one plain line and a non-zero exit."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

import pytest

from thidua.crawler.backoff import retry_after
from thidua.crawler.local_site import LocalSite
from thidua.crawler.lock import FolderBusy, holder
from thidua.crawler.run import CrawlSpec, crawl, run_spec
from thidua.crawler.synthetic_site import build_site

FAST = {"RETRY_BACKOFF_BASE": 0.05, "DOWNLOAD_TIMEOUT": 5}
CLI = [sys.executable, "-m", "thidua.cli"]


def _rows(out: Path) -> int:
    path = out / "pages.jsonl"
    return path.read_bytes().count(b"\n") if path.exists() else 0


def _gone(pid: int) -> bool:
    """The process has ended (a zombie nobody reaped yet counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def _wait(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


@pytest.fixture
def slow_site():
    site = build_site(120, template="portal", per_page=10, seed=31, print_views=False)
    with LocalSite(dict(site.pages), slow={p: 0.1 for p in site.articles}) as s:
        yield site, s


def _start_cli_crawl(url: str, out: Path) -> tuple[subprocess.Popen, int]:
    proc = subprocess.Popen([*CLI, "crawl", "--start-url", url, "--out", str(out), "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert _wait(lambda: _rows(out) >= 3 or proc.poll() is not None, 60), "the crawl did not start"
    child = holder(out)
    assert child is not None and child != "?", "the crawl process holds the folder's lock"
    return proc, int(child)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_killing_thidua_crawl_stops_its_scrapy_child(slow_site, tmp_path, sig):
    site, s = slow_site
    out = tmp_path / "crawl"
    proc, child = _start_cli_crawl(s.url + site.start_path, out)
    assert child != proc.pid
    os.kill(proc.pid, sig)
    proc.wait(timeout=30)
    assert _wait(lambda: _gone(child), 30), "the Scrapy child went on crawling alone"
    fetched = sum(s.hits.values())
    time.sleep(0.5)
    assert sum(s.hits.values()) == fetched
    assert holder(out) is None  # the lock went with the process
    # The run was left open: the next crawl resumes it and every article ends up once.
    report = crawl([s.url + site.start_path], out, settings=FAST)
    assert report.resumed
    ids = [json.loads(line)["id"] for line in (out / "pages.jsonl").read_text().splitlines()]
    assert len(ids) == len(set(ids)) == len(site.articles)


def test_a_second_crawl_into_a_busy_folder_is_refused(slow_site, tmp_path):
    site, s = slow_site
    out = tmp_path / "crawl"
    proc, child = _start_cli_crawl(s.url + site.start_path, out)
    try:
        second = subprocess.run([*CLI, "crawl", "--start-url", s.url + site.start_path, "--out", str(out),
                                 "--quiet"], capture_output=True, text=True, timeout=60)
        assert second.returncode == 1
        lines = [line for line in second.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and f"another crawl (process {child}) is writing into {out}" in lines[0]
        assert "next:" not in second.stdout and "Traceback" not in second.stderr
        with pytest.raises(FolderBusy):
            run_spec(CrawlSpec(start_urls=[s.url + site.start_path], out_dir=str(out)))
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_retry_after_is_obeyed(tmp_path):
    page = build_site(3, template="blog", per_page=3, seed=1, print_views=False)
    with LocalSite(dict(page.pages), busy={page.articles[0]: (1, "2")}) as s:
        report = crawl([s.url + page.start_path], tmp_path, settings=FAST)
        first, second = s.hit_times[page.articles[0]]
    assert second - first >= 1.9, "asked again before the 2 s the server gave"
    assert report.stats["thidua/retry_after"] == 1 and report.articles_written == 3


def test_retry_after_reads_seconds_and_http_dates():
    now = datetime(2026, 1, 1, 8, 0, 0, tzinfo=timezone.utc)
    assert retry_after("120") == 120.0
    assert retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now=now) == 30.0
    assert retry_after(format_datetime(now - timedelta(seconds=30), usegmt=True), now=now) == 0.0
    assert retry_after(None) is None and retry_after("soon") is None


def test_json_and_wrong_content_types_are_recorded_or_stored_never_pending(tmp_path):
    site = build_site(2, template="portal", per_page=2, seed=7, print_views=False)
    article = site.pages[site.articles[0]]
    pages = dict(site.pages)
    links = '<a href="/api/tin.json">API</a><a href="/bai-text.html">t</a><a href="/bai-bin">b</a>'
    pages[site.start_path] = pages[site.start_path].replace(b"</body>", links.encode() + b"</body>")
    raw = {"/api/tin.json": ({"Content-Type": "application/json"}, b'{"tin": [1, 2, 3]}'),
           "/bai-text.html": ({"Content-Type": "text/plain; charset=utf-8"},
                              site.pages[site.articles[1]].replace(b"<h1", b"<h1 data-x='1'")),
           "/bai-bin": ({"Content-Type": "application/octet-stream"}, article)}
    with LocalSite(pages, raw=raw) as s:
        report = crawl([s.url + site.start_path], tmp_path, settings=FAST)
        base = s.url
    reasons = {e.url.rsplit("/", 1)[-1]: e.reason for e in report.errors}
    assert reasons["tin.json"] == "not an HTML page: served as application/json (json)"
    db = sqlite3.connect(tmp_path / "crawl-state.sqlite")
    states = dict(db.execute("SELECT url, state FROM frontier").fetchall())
    db.close()
    assert "pending" not in states.values()
    assert states[base + "/api/tin.json"] == "failed"
    known = {json.loads(a)["url"].rsplit("/", 1)[-1]
             for a in (tmp_path / "aliases.jsonl").read_text().splitlines()}
    stored = {json.loads(r)["url"].rsplit("/", 1)[-1] for r in (tmp_path / "pages.jsonl").read_text().splitlines()}
    # HTML served as text/plain or octet-stream is read as HTML: stored, or known as a copy.
    assert {"bai-text.html", "bai-bin"} <= stored | known
    assert all(e.url.startswith("http") and e.reason for e in report.errors), "every error says what and where"


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "crawl", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("url, says", [
    ("snv.hoabinh.gov.vn/tin-tuc", "has no http:// or https:// scheme; write https://snv.hoabinh.gov.vn/tin-tuc"),
    ("ftp://snv.hoabinh.gov.vn/", "has no http:// or https:// scheme"),
])
def test_a_start_url_without_a_scheme_is_one_line(tmp_path, url, says):
    result = _cli("--start-url", url, "--out", str(tmp_path))
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2 and len(lines) == 1 and says in lines[0], result.stderr
    assert not (tmp_path / "crawl-state.sqlite").exists()


@pytest.mark.parametrize("url, says", [
    ("http://127.0.0.1:9/", "connection refused"),
    ("http://thidua-test-khong-co.invalid/", "DNS lookup failed"),
], ids=["unreachable", "dns"])
def test_nothing_fetched_is_one_plain_line_and_a_failure(tmp_path, url, says):
    result = _cli("--start-url", url, "--out", str(tmp_path))
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 1
    assert lines == [f"thidua crawl: nothing fetched from {url}: {lines[0].split(': ', 2)[-1]}"], result.stderr
    assert says in lines[0] and "Traceback" not in result.stderr
    assert "next:" not in result.stdout

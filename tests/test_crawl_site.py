"""Real crawls over HTTP against generated sites with faults injected (thidua.crawler.local_site):
pagination, an unseen template, robots.txt, retries, timeouts, redirect loops, wrong
encodings, the size cap, copies, incremental re-crawls, SIGKILL and resume, Redis workers."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from thidua.crawler.local_site import LocalSite
from thidua.crawler.pages_file import page_html
from thidua.crawler.run import CrawlSpec, crawl
from thidua.crawler.synthetic_site import build_site
from thidua.crawler.urls import page_id

# Vietnamese the way a legacy CMS stores it: windows-1258, tone marks as combining characters.
LEGACY_TITLE = "Cụm thi đua các huyện miền núi ký kết giao ước thi đua năm 2024"
LEGACY_PARA = ("Sáng ngày 15/3, Cụm thi đua các huyện miền núi tổ chức hội nghị ký kết giao ước "
               "thi đua năm 2024. Đồng chí Chủ tịch UBND huyện, Trưởng cụm, chủ trì hội nghị và "
               "phát động phong trào thi đua yêu nước trong toàn cụm.")
FAST = {"RETRY_BACKOFF_BASE": 0.05, "DOWNLOAD_TIMEOUT": 5}


def _rows(out: Path) -> list[dict]:
    """Complete lines only: a crawl still running may be halfway through writing one."""
    path = out / "pages.jsonl"
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    return [json.loads(line) for line in text[:text.rfind("\n") + 1].splitlines() if line]


def _html(out: Path, row: dict) -> str:
    return page_html(row, out)


def _paths(rows) -> list[str]:
    return sorted(urlsplit(r["url"]).path for r in rows)


def _known_paths(out: Path) -> set[str]:
    """Paths stored as articles or known as another URL of a stored article."""
    aliases = (out / "aliases.jsonl").read_text(encoding="utf-8").splitlines()
    return set(_paths(_rows(out))) | {urlsplit(json.loads(a)["url"]).path for a in aliases}


def _legacy_page(windows_1258) -> bytes:
    paras = "".join(f"<p>{LEGACY_PARA} Đoạn thứ {i}.</p>" for i in range(4))
    html = (f'<html><head><meta charset="utf-8"><title>{LEGACY_TITLE}</title></head><body>'
            f'<div class="noidung"><h1>{LEGACY_TITLE}</h1>{paras}</div></body></html>')
    return windows_1258(html)


@pytest.fixture(scope="module")
def faulty(tmp_path_factory, windows_1258):
    """One crawl of a 'blog' site (a template the project has no selectors for) with a
    private section, a flaky page, a slow one, a redirect loop, a legacy-encoded article
    and an oversized page, all linked from the first listing page."""
    site = build_site(25, template="blog", per_page=10, seed=3)
    pages = dict(site.pages)
    extra = ['<a href="/private/bao-cao-noi-bo.html">nội bộ</a>', '<a href="/flaky.html">flaky</a>',
             '<a href="/slow.html">slow</a>', '<a href="/loop-a.html">loop</a>',
             '<a href="/legacy.html">legacy</a>', '<a href="/huge.html">huge</a>']
    start = site.start_path
    pages[start] = pages[start].replace(b"</body>", "".join(extra).encode() + b"</body>")
    article = pages[site.articles[0]]
    pages["/private/bao-cao-noi-bo.html"] = article
    pages["/flaky.html"] = pages[site.articles[1]].replace("<h1".encode(), b"<h1 data-flaky='1'")
    pages["/slow.html"] = article
    huge = article.replace(b"</body>", b"<!--" + b"x" * 400_000 + b"--></body>")
    legacy = _legacy_page(windows_1258)
    with LocalSite(pages, robots="User-agent: *\nDisallow: /private/\n",
                   flaky={"/flaky.html": 2}, slow={"/slow.html": 4.0},
                   redirects={"/loop-a.html": "/loop-b.html", "/loop-b.html": "/loop-a.html"},
                   raw={"/legacy.html": ({"Content-Type": "text/html; charset=utf-8"}, legacy),
                        "/huge.html": ({"Content-Type": "text/html; charset=utf-8"}, huge)}) as s:
        out = tmp_path_factory.mktemp("faulty")
        report = crawl([s.url + start], out, settings={
            **FAST, "DOWNLOAD_TIMEOUT": 1, "RETRY_TIMES": 2, "DOWNLOAD_MAXSIZE": 300_000})
        yield site, s, out, report


def test_pagination_reaches_every_article_once(faulty):
    site, s, out, report = faulty
    rows = _rows(out)
    stored = set(_paths(rows))
    assert set(site.articles) <= stored
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(s.hits[p] >= 1 for p in site.listings)
    assert stored.isdisjoint(site.listings)


def test_print_views_are_copies_known_by_both_urls(faulty):
    site, s, out, report = faulty
    assert not any(p in _paths(_rows(out)) for p in site.print_views)
    aliases = [json.loads(line) for line in (out / "aliases.jsonl").read_text().splitlines()]
    by_url = {urlsplit(a["url"]).path: a["id"] for a in aliases}
    for print_path, article_path in site.print_views.items():
        assert by_url[print_path] == page_id(s.url + article_path)


def test_generic_path_reads_an_unseen_template(faulty):
    from thidua.extract.pipeline import extract_record

    site, s, out, _ = faulty
    row = next(r for r in _rows(out) if urlsplit(r["url"]).path == site.articles[5])
    record = extract_record(html=_html(out, row), url=row["url"], id=row["id"])
    assert record["title"] == site.titles[site.articles[5]]
    assert record["published"] and record["published"].startswith("2024")


def test_robots_txt_section_is_never_fetched(faulty):
    _, s, _, _ = faulty
    assert s.hits["/robots.txt"] >= 1
    assert not any(p.startswith("/private/") for p in s.hits)


def test_a_page_failing_twice_is_stored_on_the_third_try(faulty):
    _, s, out, report = faulty
    assert s.hits["/flaky.html"] == 3
    assert "/flaky.html" in _known_paths(out)
    assert report.stats["thidua/retries"] >= 2


def test_failures_are_reported_with_reasons_and_the_run_goes_on(faulty):
    site, s, out, report = faulty
    reasons = {urlsplit(e.url).path: e.reason for e in report.errors}
    assert reasons["/slow.html"] == "timeout"
    assert reasons["/loop-a.html"].startswith("redirect loop")
    assert "size cap" in reasons["/huge.html"]
    assert report.finish_reason == "finished"
    [site_report] = report.sites
    assert site_report.errors == len(report.errors)
    assert site_report.articles_new == report.articles_new == len(_rows(out))


def test_a_page_declared_utf8_but_written_in_cp1258_is_decoded(faulty):
    _, _, out, _ = faulty
    [row] = [r for r in _rows(out) if r["url"].endswith("/legacy.html")]
    assert row["encoding"] == "cp1258" and row["declared_encoding"] == "utf-8"
    html = _html(out, row)
    assert LEGACY_TITLE in html and LEGACY_PARA[:60] in html


def test_raw_pages_rebuild_the_records_with_no_network(faulty, tmp_path):
    from click.testing import CliRunner

    from thidua.cli import main

    _, _, out, _ = faulty
    result = CliRunner().invoke(main, ["reextract", str(out), "-o", str(tmp_path / "r.jsonl")])
    records = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert {r["id"] for r in records} == {r["id"] for r in _rows(out)}
    legacy = next(r for r in records if r["url"].endswith("/legacy.html"))
    assert legacy["title"] == LEGACY_TITLE
    assert result.exit_code in (0, 1)  # 1 only if an article has no facts to extract


def test_second_crawl_fetches_only_what_changed(tmp_path):
    site = build_site(30, template="portal", per_page=10, seed=5)
    with LocalSite(dict(site.pages)) as s:
        first = crawl([s.url + site.start_path], tmp_path, settings=FAST)
        assert first.articles_new == 30
        before = (tmp_path / "pages.jsonl").read_bytes()
        seen = len(s.responses)
        second = crawl([s.url + site.start_path], tmp_path, settings=FAST)
        assert second.articles_written == 0 and second.not_modified >= 30
        assert (tmp_path / "pages.jsonl").read_bytes() == before
        statuses = Counter(st for p, st in s.responses[seen:] if p in site.articles)
        assert statuses == {304: 30}
        changed = site.articles[7]
        s.set_page(changed, site.pages[changed].replace(
            b"<p>", "<p>(Cập nhật) Bài viết được bổ sung số liệu. ".encode(), 1))
        new_path = "/tin-tuc/bai-moi-1.html"
        s.set_page(new_path, site.pages[site.articles[8]].replace(
            b"<p>", "<p>Tin mới: hội nghị sơ kết 6 tháng đầu năm của Khối. ".encode(), 1))
        s.set_page(site.start_path, site.pages[site.start_path].replace(
            b"</body>", f'<a href="{new_path}">bài mới</a></body>'.encode()))
        third = crawl([s.url + site.start_path], tmp_path, settings=FAST)
        changed_id = page_id(s.url + changed)
    assert (third.articles_new, third.articles_updated) == (1, 1)
    ids = [r["id"] for r in _rows(tmp_path)]
    assert ids.count(changed_id) == 2  # both versions kept, newest last


def _spec_file(tmp_path: Path, spec: CrawlSpec) -> Path:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(asdict(spec)), encoding="utf-8")
    return path


def test_a_crawl_killed_halfway_resumes_with_every_page_once(tmp_path):
    site = build_site(240, template="portal", per_page=12, seed=9, print_views=0.2)
    out = tmp_path / "crawl"
    with LocalSite(dict(site.pages), slow={p: 0.02 for p in site.articles}) as s:
        settings = {**FAST, "CONCURRENT_REQUESTS_PER_DOMAIN": 4}
        spec = CrawlSpec(start_urls=[s.url + site.start_path], out_dir=str(out), settings=settings)
        child = subprocess.Popen([sys.executable, "-m", "thidua.crawler.run", "--spec",
                                  str(_spec_file(tmp_path, spec))],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while len(_rows(out)) < 80 and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        killed_at = len(_rows(out))
        assert 0 < killed_at < 240, "the kill did not land halfway"
        fetched_before = Counter(s.hits)
        report = crawl([s.url + site.start_path], out, settings=settings)
    rows = _rows(out)
    assert report.resumed
    assert _paths(rows) == sorted(site.articles)          # none missing
    assert len({r["id"] for r in rows}) == len(rows)     # none twice
    refetched = [p for p in site.articles
                 if fetched_before[p] and s.hits[p] > fetched_before[p]]
    # Only the pages in flight at the kill are asked for again.
    assert len(refetched) <= 8, refetched


def test_two_workers_share_one_redis_frontier(tmp_path, redis_url):
    site = build_site(150, template="blog", per_page=15, seed=11, print_views=0.3)
    with LocalSite(dict(site.pages), slow={p: 0.03 for p in site.articles}) as s:
        def worker(n: int):
            return crawl([s.url + site.start_path], tmp_path / f"w{n}", redis_url=redis_url,
                         crawl_id="test-two-workers",
                         settings={**FAST, "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
                                   "THIDUA_IDLE_TIMEOUT": 1})
        with ThreadPoolExecutor(2) as pool:
            reports = list(pool.map(worker, [1, 2]))
    fetched = Counter({p: n for p, n in s.hits.items() if p != "/robots.txt"})
    assert fetched and max(fetched.values()) == 1, fetched.most_common(3)
    rows = _rows(tmp_path / "w1") + _rows(tmp_path / "w2")
    assert _paths(rows) == sorted(site.articles)
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(r.pages_fetched > 0 for r in reports), [r.pages_fetched for r in reports]


def test_since_skips_older_articles_but_walks_the_listings(tmp_path):
    from thidua.extract.html_page import published_date

    site = build_site(40, template="blog", per_page=8, seed=13, print_views=False)
    dates = {p: published_date(site.pages[p]) for p in site.articles}
    assert None not in dates.values()
    since = sorted(dates.values())[len(dates) // 2]
    with LocalSite(dict(site.pages)) as s:
        report = crawl([s.url + site.start_path], tmp_path, since=since.isoformat(), settings=FAST)
        assert all(s.hits[p] == 1 for p in site.listings)
    assert _paths(_rows(tmp_path)) == sorted(p for p, d in dates.items() if d >= since)
    assert report.sites[0].older_than_since == sum(d < since for d in dates.values())


def test_cli_crawl_reports_per_site_and_replays_from_the_http_cache(tmp_path):
    from click.testing import CliRunner

    from thidua.cli import main

    site = build_site(12, template="portal", per_page=5, seed=17, print_views=False)
    runner = CliRunner()
    with LocalSite(dict(site.pages)) as s:
        args = ["crawl", "--start-url", s.url + site.start_path, "--out", str(tmp_path),
                "--quiet", "--http-cache", "--contact", "bantdkt@example.vn"]
        first = runner.invoke(main, args)
        hits_after_first = sum(s.hits.values())
        second = runner.invoke(main, args)
        assert sum(s.hits.values()) == hits_after_first  # every page replayed from the cache
    assert first.exit_code == 0, first.output
    assert "127.0.0.1" in first.output and "12 new and 0 updated articles" in first.output
    assert second.exit_code == 0 and "0 new and 0 updated articles" in second.output
    assert (tmp_path / "httpcache").is_dir()
    bad = runner.invoke(main, ["crawl", "--start-url", "http://127.0.0.1:9/", "--since", "12/01/2024"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output
    neither = runner.invoke(main, ["crawl"])
    assert neither.exit_code == 2 and "--start-url" in neither.output


def test_rel_canonical_and_query_variants_are_one_article_with_all_urls_known(tmp_path):
    site = build_site(6, template="portal", per_page=6, seed=21, print_views=False)
    pages = dict(site.pages)
    article = site.articles[2]
    variant = article + "?from=home"
    mirror = "/chia-se/ban-sao-bai-viet.html"
    pages[mirror] = pages[article].replace(
        b"</head>", f'<link rel="canonical" href="{article}"></head>'.encode())
    pages[site.start_path] = pages[site.start_path].replace(
        b"</body>", f'<a href="{variant}">x</a><a href="{mirror}">y</a></body>'.encode())
    with LocalSite(pages) as s:
        crawl([s.url + site.start_path], tmp_path, settings=FAST)
        article_id = page_id(s.url + article)
    rows = _rows(tmp_path)
    assert _paths(rows) == sorted(site.articles)
    aliases = {json.loads(a)["url"].split("/", 3)[-1]: json.loads(a)["id"]
               for a in (tmp_path / "aliases.jsonl").read_text().splitlines()}
    assert aliases[variant.lstrip("/")] == article_id
    assert aliases[mirror.lstrip("/")] == article_id


def test_a_killed_redis_worker_puts_back_what_it_had_taken(tmp_path, redis_url):
    """Worker 1 is killed halfway; the shared queue still holds what nobody took, and what
    worker 1 had taken goes back when it restarts beside worker 2: every article once."""
    site = build_site(160, template="portal", per_page=16, seed=23, print_views=False)
    crawl_id = "test-killed-worker"
    settings = {**FAST, "CONCURRENT_REQUESTS_PER_DOMAIN": 4, "THIDUA_IDLE_TIMEOUT": 1}
    with LocalSite(dict(site.pages), slow={p: 0.03 for p in site.articles}) as s:
        start = [s.url + site.start_path]
        spec = CrawlSpec(start_urls=start, out_dir=str(tmp_path / "w1"), redis_url=redis_url,
                         crawl_id=crawl_id, settings=settings)
        child = subprocess.Popen([sys.executable, "-m", "thidua.crawler.run", "--spec",
                                  str(_spec_file(tmp_path, spec))],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while len(_rows(tmp_path / "w1")) < 40 and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert 0 < len(_rows(tmp_path / "w1")) < 160, "the kill did not land halfway"

        def worker(n: int):
            return crawl(start, tmp_path / f"w{n}", redis_url=redis_url, crawl_id=crawl_id,
                         settings=settings)
        with ThreadPoolExecutor(2) as pool:
            restarted, _ = pool.map(worker, [1, 2])
    assert restarted.resumed
    rows = _rows(tmp_path / "w1") + _rows(tmp_path / "w2")
    assert _paths(rows) == sorted(site.articles)          # none missing
    assert len({r["id"] for r in rows}) == len(rows)     # none twice

"""Crawling the sample site for real: Scrapy in a child process against 127.0.0.1."""
from __future__ import annotations

import hashlib
import json
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from thidua.crawler.pageinfo import inspect_page
from thidua.crawler.pages_file import open_pages_file, page_html, read_pages
from thidua.crawler.raw_store import read_body
from thidua.crawler.run import crawl
from thidua.crawler.sample_content import ARTICLES, KTKT_2020
from thidua.crawler.settings import crawl_settings, is_local, user_agent
from thidua.crawler.sources import load_sources
from thidua.crawler.state import CrawlState
from thidua.crawler.urls import canonical_url, page_id

SITE = Path(__file__).resolve().parents[1] / "crawler" / "sample_site"
ARTICLE_PATHS = sorted(a.path for a in ARTICLES)


@pytest.fixture(scope="session")
def first_crawl(sample_site_url, tmp_path_factory):
    out = tmp_path_factory.mktemp("crawl")
    started = time.monotonic()
    report = crawl([f"{sample_site_url}/index.html"], out)
    return report, out, time.monotonic() - started


@pytest.fixture(scope="session")
def second_crawl(first_crawl, sample_site_url):
    _, out, _ = first_crawl
    before = (out / "pages.jsonl").read_text(encoding="utf-8")
    return crawl([f"{sample_site_url}/index.html"], out), before, out


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_every_article_found_exactly_once(first_crawl):
    report, out, _ = first_crawl
    rows = _rows(report.pages_path)
    assert report.pages_path == out / "pages.jsonl"
    assert report.articles_written == len(rows) == len(ARTICLES)
    assert sorted(urlsplit(r["url"]).path for r in rows) == ARTICLE_PATHS
    assert len({r["id"] for r in rows}) == len(rows)


def test_no_listing_or_home_page_is_taken_for_an_article(first_crawl):
    paths = {urlsplit(r["url"]).path for r in _rows(first_crawl[0].pages_path)}
    listings = {"/index.html", "/portal/gioi-thieu.html", "/portal/tin-thi-dua/index.html",
                "/portal/tin-thi-dua/page-2.html", "/portal/tin-thi-dua/page-3.html",
                "/tdkt/tin-dia-phuong/index.html", "/tdkt/tin-dia-phuong/trang-2.html",
                "/tdkt/tin-dia-phuong/trang-3.html"}
    assert paths.isdisjoint(listings)


def test_rows_carry_the_record_fields(first_crawl):
    rows = {urlsplit(r["url"]).path: r for r in _rows(first_crawl[0].pages_path)}
    row = rows[KTKT_2020.path]
    assert set(row) == {"id", "url", "status", "fetched_at", "raw", "encoding", "source",
                        "province", "declared_encoding", "fingerprint", "simhash", "etag",
                        "last_modified", "change", "title", "published"}
    assert row["change"] == "new" and row["last_modified"] and row["fingerprint"]
    assert row["id"] == hashlib.sha1(row["url"].encode()).hexdigest()[:16]
    assert row["status"] == 200 and row["encoding"] == "utf-8"
    assert row["title"] == KTKT_2020.title and row["published"] == "2021-01-11"
    # The page is kept once, compressed, in the raw store; the line points at it.
    assert "html" not in row and row["raw"]["file"].startswith("raw/pages-")
    html = page_html(row, first_crawl[0].pages_path.parent)
    assert "bầu Ban QLDA đầu tư xây dựng công trình giao thông làm trưởng Khối" in html
    assert html == (SITE / KTKT_2020.path.lstrip("/")).read_text(encoding="utf-8")
    fetched = datetime.fromisoformat(row["fetched_at"])
    assert fetched.utcoffset().total_seconds() == 0
    assert abs((datetime.now(timezone.utc) - fetched).total_seconds()) < 600


def test_pages_jsonl_holds_no_second_copy_of_the_pages(first_crawl):
    _, out, _ = first_crawl
    pages = (out / "pages.jsonl").stat().st_size
    served = sum((SITE / p.lstrip("/")).stat().st_size for p in ARTICLE_PATHS)
    assert pages < served / 4, "pages.jsonl should describe the pages, not hold them"


def test_tracking_and_print_copies_are_deduplicated(first_crawl):
    report, _, _ = first_crawl
    urls = [r["url"] for r in _rows(report.pages_path)]
    assert not any("utm_" in u or "print=1" in u or "#" in u for u in urls)
    # 7 portal print views (same content, other URL) and the home page's utm link.
    assert report.stats["thidua/articles_duplicates"] == 7
    assert report.duplicates >= 7


def test_raw_pages_are_stored_gzipped_with_status_and_headers(first_crawl, sample_site_url):
    _, out, _ = first_crawl
    metas = [json.loads(line) for line in (out / "raw" / "index.jsonl").read_text().splitlines()]
    by_url = {m["fetched_url"]: m for m in metas}
    url = f"{sample_site_url}/portal/tin-thi-dua/page-2.html"
    meta = by_url[url]
    assert meta["status"] == 200 and meta["is_article"] is False
    assert meta["headers"]["Content-Type"] == ["text/html; charset=utf-8"]
    assert read_body(out / "raw", meta) == (SITE / "portal/tin-thi-dua/page-2.html").read_bytes()
    assert not any("chinhphu.example" in u for u in by_url), "left the allowed domain"


def test_broken_links_are_reported_with_a_reason(first_crawl):
    errors = {e.url.split("/", 3)[-1]: e.reason for e in first_crawl[0].errors}
    assert errors["portal/so-do-site.html"] == "HTTP 404"
    assert errors["tdkt/van-ban.html"] == "HTTP 404"


def test_the_sample_crawl_is_fast(first_crawl):
    report, _, wall = first_crawl
    assert report.pages_fetched >= len(ARTICLES) + 8
    assert wall < 30, f"crawl took {wall:.1f}s"


def test_second_crawl_adds_nothing(second_crawl):
    report, before, out = second_crawl
    assert report.articles_written == 0 and not report.resumed
    # Every stored article was asked for conditionally and answered 304 Not Modified.
    assert report.not_modified == len(ARTICLES)
    assert (out / "pages.jsonl").read_text(encoding="utf-8") == before


def test_max_pages_stops_early(sample_site_url, tmp_path):
    report = crawl([f"{sample_site_url}/index.html"], tmp_path, max_pages=3)
    assert report.finish_reason == "closespider_pagecount"
    assert report.pages_fetched < 20


def test_article_pattern_overrides_the_structure_test(sample_site_url, tmp_path):
    report = crawl([f"{sample_site_url}/tdkt/tin-dia-phuong/index.html"], tmp_path,
                   article_pattern=r"/kim-bang-")
    [row] = _rows(report.pages_path)
    assert row["url"].endswith("/kim-bang-tong-ket-cong-tac-thi-dua-khen-thuong-nam-2020.html")


def test_unreachable_site_gives_errors_not_an_exception(tmp_path):
    report = crawl(["http://127.0.0.1:9/"], tmp_path)
    assert report.articles_written == 0
    assert len(report.errors) == 1 and "connection refused" in report.errors[0].reason


# ---- units --------------------------------------------------------------------------

@pytest.mark.parametrize("url, canonical", [
    ("HTTP://Example.VN:80/a/b.html?utm_source=zalo&id=3#top", "http://example.vn/a/b.html?id=3"),
    ("https://example.vn/a?b=2&a=1", "https://example.vn/a?a=1&b=2"),
    ("http://127.0.0.1:8000/x.html?fbclid=abc", "http://127.0.0.1:8000/x.html"),
    # a path written in Vietnamese and its percent-encoded form are one page
    ("https://example.vn/tin/Thi đua.html", "https://example.vn/tin/Thi%20%C4%91ua.html"),
    ("https://example.vn/tin/Thi%20%c4%91ua.html", "https://example.vn/tin/Thi%20%C4%91ua.html"),
    ("https://example.vn:443/a%7Eb?q=h%C3%A0", "https://example.vn/a~b?q=h%C3%A0"),
])
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical
    assert page_id(url) == hashlib.sha1(canonical.encode()).hexdigest()[:16]


def test_a_listing_with_sibling_teasers_is_not_an_article():
    teaser = "Hội nghị đã đánh giá kết quả phong trào thi đua và bàn giải pháp cho năm tới tại địa phương."
    items = "".join(f'<h3><a href="/tin-{i}.html">Tin số {i}: hội nghị tổng kết thi đua năm 2022 '
                    f"của khối thi đua số {i}</a></h3><p>{teaser}</p>" for i in range(15))
    assert not inspect_page(f"<html><body><div class='list'>{items}</div></body></html>").is_article


def test_an_article_body_gets_a_content_fingerprint():
    html = (SITE / KTKT_2020.path.lstrip("/")).read_text(encoding="utf-8")
    info = inspect_page(html)
    assert info.is_article and len(info.fingerprint) == 40
    assert inspect_page(html.replace("Lượt xem: 1.245", "Lượt xem: 9.999")).fingerprint == info.fingerprint


def _row(url: str, html: str) -> dict:
    return {"id": page_id(url), "url": url, "status": 200, "fetched_at": "2024-01-01T00:00:00+00:00",
            "html": html, "encoding": "utf-8"}


def test_pages_file_left_by_a_killed_crawl_is_repaired(tmp_path):
    """A crawl killed after writing lines the state never registered, and halfway through
    another: the complete lines become known articles, the half line goes."""
    html = (SITE / KTKT_2020.path.lstrip("/")).read_text(encoding="utf-8")
    url = "http://example.vn" + KTKT_2020.path
    whole = json.dumps(_row(url, html), ensure_ascii=False) + "\n"
    half = json.dumps(_row("http://example.vn/b.html", html), ensure_ascii=False)[:200]
    (tmp_path / "pages.jsonl").write_text(whole + half, encoding="utf-8")
    state = CrawlState(tmp_path)
    open_pages_file(tmp_path, state).close()
    assert (tmp_path / "pages.jsonl").read_text(encoding="utf-8") == whole
    known = state.known(page_id(url))
    assert known is not None and known.fingerprint == inspect_page(html).fingerprint
    assert state.by_fingerprint(known.fingerprint) == page_id(url)
    assert state.known(page_id("http://example.vn/b.html")) is None
    assert state.jsonl_size() == len(whole.encode("utf-8"))
    assert [r["id"] for r in read_pages(tmp_path)] == [page_id(url)]


def test_settings_are_polite_and_fast_only_on_loopback(monkeypatch):
    monkeypatch.setenv("THIDUA_CONTACT", "thidua@example.vn")
    assert user_agent() == "thidua/0.1 (+thidua@example.vn)"
    remote = crawl_settings(["https://backan.gov.vn/"], "out")
    local = crawl_settings(["http://127.0.0.1:8000/"], "out")
    assert remote["ROBOTSTXT_OBEY"] and remote["AUTOTHROTTLE_ENABLED"]
    assert not remote["TELNETCONSOLE_ENABLED"] and remote["LOG_LEVEL"] == "WARNING"
    assert remote["AUTOTHROTTLE_START_DELAY"] >= 1 and local["AUTOTHROTTLE_START_DELAY"] < 0.1
    assert 500 in remote["RETRY_HTTP_CODES"] and remote["CONCURRENT_REQUESTS_PER_DOMAIN"] <= 2
    assert is_local(["http://localhost:1/", "http://127.0.0.1/"])
    assert not is_local(["http://127.0.0.1/", "https://hanam.gov.vn/"])


def test_source_registry_loads_and_rejects_duplicate_names(tmp_path):
    sources = load_sources()
    assert sources["sample"].allowed_domains == ("127.0.0.1",)
    assert all(s.start_urls and s.allowed_domains for s in sources.values())
    dup = tmp_path / "sources.toml"
    entry = ('[[source]]\nname = "x"\nprovince = "Hà Nam"\ntemplate = "portal"\n'
             'start_urls = ["https://a.vn/"]\nallowed_domains = ["a.vn"]\n')
    dup.write_text(entry + entry, encoding="utf-8")
    with pytest.raises(ValueError, match="defined twice"):
        load_sources(dup)


def test_a_registry_source_is_crawled_and_reextracted_with_its_selectors(sample_site_url, tmp_path):
    """The `sample` entry, pointed at the served sample site: its next_page selector walks
    the listings, its title/date/body/byline selectors serve re-extraction offline, and
    the records agree with the generic path's."""
    from click.testing import CliRunner

    from thidua.cli import main
    from thidua.crawler.sources import load_sources
    from thidua.extract.pipeline import extract_record

    registry = tmp_path / "sources.toml"
    sample = load_sources()["sample"]
    entry = Path(__file__).resolve().parents[1].joinpath("crawler", "sources.toml").read_text(
        encoding="utf-8")
    start = entry.index('name = "sample"')
    block = entry[entry.rindex("[[source]]", 0, start):entry.index("[[source]]", start)]
    registry.write_text(block.replace(sample.start_urls[0], f"{sample_site_url}/index.html"),
                        encoding="utf-8")
    runner = CliRunner()
    crawled = runner.invoke(main, ["crawl", "--source", "sample", "--registry", str(registry),
                                   "--out", str(tmp_path / "crawl"), "--quiet"])
    assert crawled.exit_code == 0, crawled.output
    rows = _rows(tmp_path / "crawl" / "sample" / "pages.jsonl")
    assert len(rows) == len(ARTICLES) and {r["source"] for r in rows} == {"sample"}
    assert {r["province"] for r in rows} == {sample.province}  # the registry entry's, on every line
    out = tmp_path / "records.jsonl"
    env = {"THIDUA_SOURCES": str(registry)}
    result = runner.invoke(main, ["reextract", str(tmp_path / "crawl"), "-o", str(out)], env=env)
    assert result.exit_code == 0, result.output
    records = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    for row in rows:
        generic = extract_record(html=page_html(row, tmp_path / "crawl" / "sample"), url=row["url"],
                                 id=row["id"])
        assert records[row["id"]]["title"] == generic["title"]
        assert records[row["id"]]["published"] == generic["published"]


def test_extract_jsonl_reads_the_pages_from_the_compressed_store(first_crawl, tmp_path):
    # In child processes: thidua.extract_cli.run binds sys.stdout when first imported, so a
    # second in-process CliRunner call would write to the first one's stream.
    import subprocess
    import sys

    _, out, _ = first_crawl

    def extract(*args, **kwargs):
        return subprocess.run([sys.executable, "-m", "thidua.cli", "extract", "--jsonl", *args],
                              capture_output=True, text=True, timeout=300, **kwargs)

    result = extract(str(out / "pages.jsonl"))
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert result.returncode == 0, result.stderr[-800:]
    assert len(records) == len(ARTICLES) and KTKT_2020.title in {r["title"] for r in records}
    assert all("error" not in r for r in records)
    # Read from stdin, the raw store is found from the current folder.
    piped = extract("-", cwd=out, input=(out / "pages.jsonl").read_text(encoding="utf-8"))
    assert piped.returncode == 0, piped.stderr[-800:]
    assert len([line for line in piped.stdout.splitlines() if '"body"' in line]) == len(ARTICLES)
    # A line whose raw segment is gone says where it looked.
    row = json.loads((out / "pages.jsonl").read_text().splitlines()[0])
    row["raw"]["file"] = "raw/pages-khong-co.gz"
    broken = tmp_path / "pages.jsonl"
    broken.write_text(json.dumps(row) + "\n", encoding="utf-8")
    failed = extract(str(broken))
    [line] = [json.loads(x) for x in failed.stdout.splitlines() if x.startswith("{")]
    assert failed.returncode == 1 and "pages-khong-co.gz" in line["error"] and line["id"] == row["id"]

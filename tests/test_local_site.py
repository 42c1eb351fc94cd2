"""The generated test sites and the fault-injecting local server, over real HTTP (no Scrapy)."""
from __future__ import annotations

import http.client
import json
import re
import subprocess
import sys
import threading
import time
import unicodedata
import urllib.error
import urllib.request
from email.utils import formatdate
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from thidua.crawler.follow import follow_jsonl
from thidua.crawler.local_site import LocalSite
from thidua.crawler.pageinfo import inspect_page
from thidua.crawler.synthetic_site import build_site, to_cp1258


@pytest.fixture(scope="module", params=["portal", "blog"])
def site(request):
    return build_site(120, template=request.param, per_page=10, seed=3)


def _get(site: LocalSite, path: str, headers: dict | None = None, method: str = "GET"):
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


def _links(html: bytes, base: str) -> list[str]:
    doc = lxml.html.fromstring(html)
    return [urljoin(base, href) for href in doc.xpath("//a/@href")]


def _main_paragraphs(html: bytes) -> list[str]:
    doc = lxml.html.fromstring(html)
    return [p.text_content() for p in doc.xpath("//div[@class='noi-dung']/p")]


# ---- synthetic_site ------------------------------------------------------------------

def test_a_2000_article_site_builds_in_well_under_a_few_seconds():
    started = time.perf_counter()
    big = build_site(2000)
    assert time.perf_counter() - started < 3.0
    assert len(big.articles) == 2000 and len(big.listings) == 200
    assert len(big.pages) == 2000 + 200 + 2000 + 1  # articles, listings, print views, about


def test_pagination_alone_reaches_every_article_once(site):
    """Walk the listings over HTTP from the first page, following only listing links."""
    with LocalSite(site.pages) as local:
        queue, seen_listings, found = [site.start_path], set(), []
        while queue:
            path = queue.pop()
            if path in seen_listings:
                continue
            seen_listings.add(path)
            with urllib.request.urlopen(local.url + path, timeout=10) as resp:
                body = resp.read()
            doc = lxml.html.fromstring(body)
            content = doc.xpath("//td[@class='content']|//section[@class='danh-sach']")[0]
            for href in content.xpath(".//a/@href"):
                target = urlsplit(urljoin(local.url + path, href)).path
                if target in site.listings:
                    queue.append(target)
                elif re.search(r"/trang-\d+\.html$|/index\.html$", target) is None:
                    found.append(target)
    assert seen_listings == set(site.listings)
    assert sorted(found) == sorted(site.articles)  # each teased exactly once
    pager = lxml.html.fromstring(site.pages[site.listings[1]]).text_content()
    assert "Trang sau" in pager and "Trang trước" in pager


def test_articles_are_articles_and_listings_are_not(site):
    for path in site.articles:
        info = inspect_page(site.pages[path].decode("utf-8"))
        assert info.is_article, path
    for path in site.listings + site.others:
        assert not inspect_page(site.pages[path].decode("utf-8")).is_article, path


@pytest.mark.parametrize("template", ["portal", "blog"])
def test_every_listing_of_a_large_site_is_rejected(template):
    big = build_site(2000, template=template, seed=11)
    judged = [inspect_page(big.pages[p].decode("utf-8")).is_article for p in big.listings]
    assert not any(judged)


def test_print_views_are_near_duplicates_of_their_article_and_only_of_it(site):
    from thidua.crawler.dedup import near

    assert len(site.print_views) == len(site.articles)
    hashes = {}
    for print_path, article_path in site.print_views.items():
        printed = inspect_page(site.pages[print_path].decode("utf-8"))
        article = inspect_page(site.pages[article_path].decode("utf-8"))
        assert printed.is_article and near(printed.simhash, article.simhash)
        assert print_path.encode() in site.pages[article_path]  # linked as "In bài"
        hashes[article_path] = article.simhash
    values = list(hashes.values())
    close = [(a, b) for i, a in enumerate(values) for b in values[i + 1:] if near(a, b)]
    assert close == [], "two different articles taken for copies of each other"


def test_article_text_has_the_shape_and_vocabulary_of_the_genre(site):
    for path in site.articles:
        paragraphs = _main_paragraphs(site.pages[path])
        assert 3 <= len(paragraphs) <= 6, path
        assert all(150 <= len(p) <= 400 for p in paragraphs), [len(p) for p in paragraphs]
    text = " ".join(" ".join(_main_paragraphs(site.pages[p])) for p in site.articles)
    for phrase in ("Khối thi đua", "Cụm thi đua", "Cờ thi đua", "Bằng khen", "đơn vị trưởng",
                   "giao ước thi đua", "tỷ đồng"):
        assert phrase in text, phrase


def test_templates_carry_their_own_furniture():
    portal = build_site(12, template="portal")
    blog = build_site(12, template="blog")
    page = portal.pages[portal.articles[0]].decode("utf-8")
    assert re.search(r"Cập nhật lúc: \d\d:\d\d \d\d/\d\d/2024", page)
    assert '<td class="content"' in page and "Tin liên quan" in page and "Lượt xem:" in page
    page = blog.pages[blog.articles[0]].decode("utf-8")
    assert re.search(r'<time datetime="2024-\d\d-\d\dT', page) and '<p class="tac-gia">' in page
    assert "<main" in page and "<article" in page and "Tin liên quan" in page
    bare = build_site(12, template="blog", sidebar=False).pages[blog.articles[0]].decode()
    assert "Tin liên quan" not in bare


def test_same_seed_same_site_other_seed_other_texts():
    assert build_site(30, seed=5).pages == build_site(30, seed=5).pages
    a, b = build_site(30, seed=5), build_site(30, seed=6)
    assert _main_paragraphs(a.pages[a.articles[0]]) != _main_paragraphs(b.pages[b.articles[0]])


def test_print_views_can_be_a_share_or_none():
    assert len(build_site(100, print_views=0.1).print_views) == 10
    none = build_site(20, print_views=False)
    assert none.print_views == {} and b"In b\xc3\xa0i" not in none.pages[none.articles[0]]


def test_unknown_template_is_refused():
    with pytest.raises(ValueError):
        build_site(5, template="magazine")


# ---- LocalSite -----------------------------------------------------------------------

PAGE = "<html><body><p>Khối thi đua Nội chính</p></body></html>".encode("utf-8")


def test_pages_are_served_with_validators_and_counted():
    with LocalSite({"/a.html": PAGE}, robots="User-agent: *\nDisallow: /rieng/\n") as site:
        status, headers, body = _get(site, "/a.html")
        assert (status, body) == (200, PAGE)
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert re.fullmatch(r'"[0-9a-f]{20}"', headers["ETag"]) and headers["Last-Modified"]
        status, headers, body = _get(site, "/a.html", method="HEAD")
        assert status == 200 and body == b"" and headers["Content-Length"] == str(len(PAGE))
        status, _, robots = _get(site, "/robots.txt")
        assert status == 200 and robots == b"User-agent: *\nDisallow: /rieng/\n"
        assert _get(site, "/khong-co.html")[0] == 404
        assert site.hits == {"/a.html": 2, "/robots.txt": 1, "/khong-co.html": 1}
        assert site.responses == [("/a.html", 200), ("/a.html", 200), ("/robots.txt", 200),
                                  ("/khong-co.html", 404)]
    with LocalSite({}) as site:
        assert _get(site, "/robots.txt")[0] == 404


def test_conditional_requests_get_304_without_body():
    with LocalSite({"/a.html": PAGE}) as site:
        _, headers, _ = _get(site, "/a.html")
        etag, modified = headers["ETag"], headers["Last-Modified"]
        status, headers304, body = _get(site, "/a.html", {"If-None-Match": etag})
        assert (status, body) == (304, b"") and headers304["ETag"] == etag
        assert _get(site, "/a.html", {"If-None-Match": '"other"'})[0] == 200
        assert _get(site, "/a.html", {"If-Modified-Since": modified})[0] == 304
        long_ago = formatdate(time.time() - 86400, usegmt=True)
        assert _get(site, "/a.html", {"If-Modified-Since": long_ago})[0] == 200
        # If-None-Match decides when both are sent.
        assert _get(site, "/a.html", {"If-None-Match": '"other"', "If-Modified-Since": modified})[0] == 200


def test_set_page_changes_validators_and_remove_page_gives_404():
    with LocalSite({"/a.html": PAGE}) as site:
        _, before, _ = _get(site, "/a.html")
        site.set_page("/a.html", PAGE.replace("Nội chính".encode(), "Văn hóa - Xã hội".encode()))
        site.set_page("/b.html", PAGE)
        status, after, body = _get(site, "/a.html", {"If-None-Match": before["ETag"]})
        assert status == 200 and "Văn hóa".encode() in body
        assert after["ETag"] != before["ETag"] and after["Last-Modified"] != before["Last-Modified"]
        assert _get(site, "/a.html", {"If-Modified-Since": before["Last-Modified"]})[0] == 200
        assert _get(site, "/b.html")[0] == 200
        site.remove_page("/a.html")
        assert _get(site, "/a.html")[0] == 404


def test_flaky_page_answers_500_twice_then_200():
    with LocalSite({"/a.html": PAGE}, flaky={"/a.html": 2}) as site:
        statuses = [_get(site, "/a.html")[0] for _ in range(4)]
        assert statuses == [500, 500, 200, 200]
        assert [s for p, s in site.responses] == statuses


def test_slow_page_times_out_and_does_not_hold_up_shutdown():
    site = LocalSite({"/a.html": PAGE, "/b.html": PAGE}, slow={"/a.html": 30.0}).start()
    try:
        started = time.monotonic()
        with pytest.raises(TimeoutError):
            urllib.request.urlopen(site.url + "/a.html", timeout=0.5)
        assert time.monotonic() - started < 5
        assert _get(site, "/b.html")[0] == 200  # other requests are not queued behind it
    finally:
        started = time.monotonic()
        site.stop()
        assert time.monotonic() - started < 5
    assert site.hits["/a.html"] == 1


def test_redirects_and_redirect_loops():
    with LocalSite({"/moi.html": PAGE}, redirects={"/cu.html": "/moi.html", "/x.html": "/y.html",
                                                   "/y.html": "/x.html"}) as site:
        status, headers, _ = _get(site, "/cu.html")
        assert status == 302 and headers["Location"] == "/moi.html"
        with urllib.request.urlopen(site.url + "/cu.html", timeout=10) as resp:
            assert resp.read() == PAGE and resp.url.endswith("/moi.html")
        with pytest.raises(urllib.error.HTTPError, match="infinite loop"):
            urllib.request.urlopen(site.url + "/x.html", timeout=10)
        assert site.hits["/x.html"] >= 2 and site.hits["/y.html"] >= 2


def test_raw_responses_are_served_byte_for_byte():
    # Declared UTF-8, encoded in Windows-1258 (Vietnamese), as some old portals do.
    text = "<html><body><p>Cờ thi đua của Chính phủ</p></body></html>"
    body = to_cp1258(text)
    big = b"<html><body>" + b"x" * 3_000_000 + b"</body></html>"
    raw = {"/sai-ma.html": ({"Content-Type": "text/html; charset=utf-8", "X-Test": "1"}, body),
           "/to.html": ({"Content-Type": "text/html"}, big)}
    with LocalSite({}, raw=raw) as site:
        status, headers, served = _get(site, "/sai-ma.html")
        assert (status, served) == (200, body)
        assert headers["Content-Type"] == "text/html; charset=utf-8" and headers["X-Test"] == "1"
        with pytest.raises(UnicodeDecodeError):
            served.decode("utf-8")
        assert unicodedata.normalize("NFC", served.decode("cp1258")) == text
        status, headers, served = _get(site, "/to.html")
        assert served == big and headers["Content-Length"] == str(len(big))


def test_posts_go_to_their_form_handler_and_busy_pages_say_when_to_come_back():
    def handler(body: bytes):
        return (200, b"<html><body>trang 2</body></html>") if b"__VIEWSTATE=x" in body else (500, b"no")

    with LocalSite({"/a.html": PAGE}, forms={"/ds.aspx": handler}, busy={"/a.html": (1, "3")}) as site:
        status, headers, _ = _get(site, "/a.html")
        assert (status, headers["Retry-After"]) == (503, "3")
        assert _get(site, "/a.html")[0] == 200
        conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
        conn.request("POST", "/ds.aspx", body=b"__VIEWSTATE=x&__EVENTTARGET=gv",
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        resp = conn.getresponse()
        assert (resp.status, resp.read()) == (200, b"<html><body>trang 2</body></html>")
        conn.request("POST", "/ds.aspx", body=b"__EVENTTARGET=gv")
        assert conn.getresponse().status == 500
        conn.close()
        assert site.posts[0] == ("/ds.aspx", b"__VIEWSTATE=x&__EVENTTARGET=gv")
        assert len(site.hit_times["/a.html"]) == 2


def test_query_strings_serve_the_page_but_are_counted_apart():
    with LocalSite({"/a.html": PAGE}) as site:
        assert _get(site, "/a.html?utm_source=zalo")[2] == PAGE
        assert _get(site, "/a.html")[2] == PAGE
        assert site.hits == {"/a.html?utm_source=zalo": 1, "/a.html": 1}


def test_keep_alive_connections_serve_hundreds_of_requests_a_second():
    with LocalSite({f"/{i}.html": PAGE for i in range(50)}) as site:
        def worker():
            conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
            for i in range(250):
                conn.request("GET", f"/{i % 50}.html")
                assert conn.getresponse().read() == PAGE
            conn.close()
        threads = [threading.Thread(target=worker) for _ in range(4)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        assert sum(site.hits.values()) == 1000
        # Measured here: ~2,900 requests/s. A 40 ms Nagle stall per response would give ~100.
        assert 1000 / elapsed > 250


def test_cli_serves_a_generated_site():
    proc = subprocess.Popen([sys.executable, "-m", "thidua.crawler.local_site", "--articles", "15",
                             "--template", "blog", "--port", "0"],
                            stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        start_url = re.match(r"serving (http://127\.0\.0\.1:\d+/\S+)", line)[1]
        with urllib.request.urlopen(start_url, timeout=10) as resp:
            listing = resp.read()
        assert not inspect_page(listing.decode("utf-8")).is_article
        article = next(u for u in _links(listing, start_url) if re.search(r"-\d+\.html$", u))
        with urllib.request.urlopen(article, timeout=10) as resp:
            assert inspect_page(resp.read().decode("utf-8")).is_article
        root = start_url.split("/tin-tuc/")[0] + "/"
        with urllib.request.urlopen(root, timeout=10) as resp:  # "/" redirects to the listing
            assert resp.url == start_url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# ---- follow_jsonl --------------------------------------------------------------------

def test_follow_yields_complete_lines_while_the_file_grows(tmp_path):
    path = tmp_path / "pages.jsonl"
    rows = [{"id": str(i), "html": "<p>Bằng khen</p>" * (i % 7)} for i in range(200)]
    data = b"".join(json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n" for r in rows)
    done = threading.Event()

    def writer():
        time.sleep(0.1)  # the reader starts before the file exists
        with path.open("wb") as fh:
            for start in range(0, len(data), 37):  # chunks that cut lines and characters
                fh.write(data[start:start + 37])
                fh.flush()
                time.sleep(0.0005)
            fh.write(b'{"id": "half-written')  # killed mid-line
        done.set()

    thread = threading.Thread(target=writer)
    thread.start()
    got = list(follow_jsonl(path, is_done=done.is_set, poll=0.01))
    thread.join()
    assert got == rows


def test_follow_stops_when_done_and_no_file(tmp_path):
    assert list(follow_jsonl(tmp_path / "none.jsonl", is_done=lambda: True)) == []


def test_follow_starts_at_an_offset(tmp_path):
    path = tmp_path / "pages.jsonl"
    path.write_text('{"id": "old"}\n{"id": "new"}\n', encoding="utf-8")
    assert list(follow_jsonl(path, lambda: True, offset=len('{"id": "old"}\n'))) == [{"id": "new"}]

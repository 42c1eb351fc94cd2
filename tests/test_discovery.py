"""Discovery beyond links, each as a real crawl of a site served on 127.0.0.1: RSS and Atom
feeds (announced by a page, or given with --feed), sitemaps (robots.txt, sitemap index,
news sitemap, gzip, the /sitemap.xml probe), ASP.NET postback pagination, listings paged
as ?page= /trang-2 /p2, and an article split over several pages joined into one."""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from thidua.crawler.local_site import LocalSite  # noqa: E402
from thidua.crawler.pages_file import page_html, read_pages  # noqa: E402
from thidua.crawler.run import crawl  # noqa: E402
from thidua.extract.pipeline import extract_record  # noqa: E402
from zoo.model import articles, e, read_viewstate, viewstate  # noqa: E402

FAST = {"RETRY_BACKOFF_BASE": 0.05, "DOWNLOAD_TIMEOUT": 5}
TEXTS = articles()


def article_page(a, extra: str = "", body: list[str] | None = None) -> bytes:
    paras = "".join(f"<p>{e(p)}</p>" for p in (body if body is not None else [a.lead, *a.paragraphs]))
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{e(a.title)}</title></head>'
            f'<body><div class="menu"><a href="/">Trang chủ</a></div><div class="chi-tiet">'
            f'<h1>{e(a.title)}</h1><div class="ngay">Ngày đăng: {a.dmy}</div>{paras}{extra}</div>'
            f'<div class="footer">Cổng thông tin điện tử tỉnh - Địa chỉ: số 1 đường Trần Hưng Đạo</div></body></html>'
            ).encode("utf-8")


def listing_page(items, title: str = "Tin tức", extra: str = "", head: str = "") -> bytes:
    rows = "".join(f'<div class="item"><h3><a href="{path}">{e(a.title)}</a></h3><p>{e(a.lead)}</p></div>'
                   for path, a in items)
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{e(title)}</title>{head}</head>'
            f'<body><h1>{e(title)}</h1><div class="list">{rows}</div>{extra}</body></html>').encode("utf-8")


def _paths(out: Path) -> list[str]:
    return sorted(urlsplit(r["url"]).path + (f"?{urlsplit(r['url']).query}" if urlsplit(r["url"]).query else "")
                  for r in read_pages(out, with_html=False))


def rss(base: str, items) -> bytes:
    entries = "".join(f"<item><title>{e(a.title)}</title><link>{base}{path}</link>"
                      f"<pubDate>{a.day.strftime('%a, %d %b %Y')} 08:00:00 +0700</pubDate></item>"
                      for path, a in items)
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin</title>{entries}</channel></rss>'.encode()


def atom(items) -> bytes:
    entries = "".join(f'<entry><title>{e(a.title)}</title><link href="{path}"/><id>{path}</id>'
                      f"<updated>{a.iso_time}</updated></entry>" for path, a in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Tin</title>{entries}</feed>").encode()


def urlset(base: str, items, news: bool = False) -> bytes:
    def url(path, a):
        if news:
            return (f"<url><loc>{base}{path}</loc><news:news><news:publication_date>{a.iso_time}"
                    f"</news:publication_date></news:news></url>")
        return f"<url><loc>{base}{path}</loc><lastmod>{a.date}</lastmod></url>"
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            + "".join(url(p, a) for p, a in items) + "</urlset>").encode()


def _site(n: int) -> list[tuple[str, object]]:
    return [(f"/tin/{a.slug}.html", a) for a in TEXTS[:n]]


# ---- feeds -------------------------------------------------------------------------------

def test_a_feed_a_page_announces_is_read_for_articles_no_page_links(tmp_path):
    items = _site(4)
    pages = {path: article_page(a) for path, a in items}
    with LocalSite(pages) as s:
        head = '<link rel="alternate" type="application/rss+xml" title="Tin mới" href="/rss/tin-moi.rss">'
        s.set_page("/", listing_page(items[:1], head=head))
        s.set_page("/rss/tin-moi.rss", rss(s.url, items))
        report = crawl([s.url + "/"], tmp_path, settings=FAST)
        assert s.hits["/rss/tin-moi.rss"] == 1
    assert _paths(tmp_path) == sorted(p for p, _ in items)
    assert report.stats["thidua/discovered/feed"] == 4
    raw = [json.loads(line) for line in (tmp_path / "raw" / "index.jsonl").read_text().splitlines()]
    assert any(m["fetched_url"].endswith("/rss/tin-moi.rss") and not m["is_article"] for m in raw)


def test_an_atom_feed_given_with_feed_and_since_skips_old_entries_unfetched(tmp_path):
    items = sorted(_site(6), key=lambda pa: pa[1].date)
    since = items[3][1].date
    pages = {path: article_page(a) for path, a in items}
    with LocalSite(pages, robots="User-agent: *\nAllow: /\n") as s:
        s.set_page("/", listing_page([]))
        s.set_page("/feed.atom", atom(items))
        report = crawl([s.url + "/"], tmp_path, feeds=[s.url + "/feed.atom"], since=since, settings=FAST)
        fetched = {p for p, _ in items if s.hits[p]}
    wanted = {p for p, a in items if a.date >= since}
    assert fetched == wanted                      # older entries were never requested
    assert set(_paths(tmp_path)) == wanted
    assert report.finish_reason == "finished"


# ---- sitemaps ----------------------------------------------------------------------------

def test_sitemaps_named_in_robots_txt_index_news_and_gzip(tmp_path):
    items = _site(7)
    news, rest = items[:3], items[3:]
    pages = {path: article_page(a) for path, a in items}
    with LocalSite(pages) as s:
        s.set_page("/robots.txt", f"User-agent: *\nDisallow: /quan-tri/\nSitemap: {s.url}/sitemap_index.xml\n".encode())
        s.set_page("/sitemap_index.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{s.url}/sitemap-news.xml</loc></sitemap>"
            f"<sitemap><loc>{s.url}/sitemap-bai-viet.xml.gz</loc></sitemap></sitemapindex>").encode())
        s.set_page("/sitemap-news.xml", urlset(s.url, news, news=True))
        s.set_page("/sitemap-bai-viet.xml.gz", gzip.compress(urlset(s.url, rest)))
        s.set_page("/", listing_page([]))  # no page links any article
        report = crawl([s.url + "/"], tmp_path, settings=FAST)
        assert s.hits["/sitemap-news.xml"] == 1 and s.hits["/sitemap-bai-viet.xml.gz"] == 1
    assert _paths(tmp_path) == sorted(p for p, _ in items)
    assert report.stats["thidua/discovered/sitemap"] == 7
    assert not report.errors


def test_sitemap_xml_is_probed_when_robots_names_none_and_its_absence_is_no_error(tmp_path):
    items = _site(3)
    with LocalSite({path: article_page(a) for path, a in items}, robots="User-agent: *\nAllow: /\n") as s:
        s.set_page("/", listing_page([]))
        s.set_page("/sitemap.xml", urlset(s.url, items))
        crawl([s.url + "/"], tmp_path / "with", settings=FAST)
    assert _paths(tmp_path / "with") == sorted(p for p, _ in items)
    with LocalSite({"/": listing_page(items[:1]), items[0][0]: article_page(items[0][1])}) as s:
        report = crawl([s.url + "/"], tmp_path / "without", settings=FAST)
        assert s.hits["/sitemap.xml"] == 1
    assert report.errors == [] and _paths(tmp_path / "without") == [items[0][0]]


def test_news_sitemap_dates_let_since_skip_old_articles_unfetched(tmp_path):
    items = sorted(_site(5), key=lambda pa: pa[1].date)
    since = items[2][1].date
    with LocalSite({path: article_page(a) for path, a in items}) as s:
        s.set_page("/", listing_page([]))
        s.set_page("/robots.txt", f"User-agent: *\nSitemap: {s.url}/news.xml\n".encode())
        s.set_page("/news.xml", urlset(s.url, items, news=True))
        crawl([s.url + "/"], tmp_path, since=since, settings=FAST)
        assert {p for p, a in items if s.hits[p]} == {p for p, a in items if a.date >= since}


# ---- ASP.NET postback pagination -------------------------------------------------------------

def _webforms_listing(items, page: int, pages: int) -> bytes:
    pager = "".join(
        f"<td><span>{p}</span></td>" if p == page else
        f"<td><a href=\"javascript:__doPostBack('ctl00$Main$gvTin','Page${p}')\">{p}</a></td>"
        for p in range(1, pages + 1))
    rows = "".join(f'<tr><td><a href="{path}">{e(a.title)}</a><div class="tomtat">{e(a.lead)}</div></td></tr>'
                   for path, a in items)
    return (f'<html><head><title>Danh sách tin</title></head><body><form method="post" action="./DanhSach.aspx" id="form1">'
            f'<input type="hidden" name="__EVENTTARGET" value=""><input type="hidden" name="__EVENTARGUMENT" value="">'
            f'<input type="hidden" name="__VIEWSTATE" value="{viewstate(f"trang-{page}")}">'
            f'<input type="text" name="ctl00$txtTimKiem" value=""><h1>Danh sách tin</h1>'
            f'<table id="ctl00_Main_gvTin">{rows}<tr class="pager"><td><table><tr>{pager}</tr></table></td></tr></table>'
            f"</form></body></html>").encode("utf-8")


def test_postback_pagination_replays_the_form_with_its_viewstate(tmp_path):
    items = [(f"/ChiTiet.aspx?id={100 + i}", a) for i, a in enumerate(TEXTS[:6])]
    chunks = [items[0:2], items[2:4], items[4:6]]

    def postback(body: bytes):
        fields = {k: v[0] for k, v in parse_qs(body.decode(), keep_blank_values=True).items()}
        if read_viewstate(fields.get("__VIEWSTATE")) is None or fields.get("__EVENTTARGET") != "ctl00$Main$gvTin":
            return 500, b"<html><body>Validation of viewstate MAC failed.</body></html>"
        page = int(fields["__EVENTARGUMENT"].split("$")[1])
        return 200, _webforms_listing(chunks[page - 1], page, 3)

    pages = {path: article_page(a) for path, a in items}
    pages["/DanhSach.aspx"] = _webforms_listing(chunks[0], 1, 3)
    pages["/"] = listing_page([], extra='<a href="/DanhSach.aspx">Danh sách tin</a>')
    with LocalSite(pages, forms={"/DanhSach.aspx": postback}) as s:
        report = crawl([s.url + "/DanhSach.aspx"], tmp_path, settings=FAST)
        posts = [{k: v[0] for k, v in parse_qs(body.decode(), keep_blank_values=True).items()} for _, body in s.posts]
    arguments = [p["__EVENTARGUMENT"] for p in posts]
    assert {"Page$2", "Page$3"} <= set(arguments) and len(arguments) == len(set(arguments))
    assert all(read_viewstate(p["__VIEWSTATE"]) for p in posts)
    assert all("ctl00$txtTimKiem" in p for p in posts)  # every field of the form, as a browser sends
    assert _paths(tmp_path) == sorted(p for p, _ in items)
    assert not report.errors


# ---- listings paged as ?page=, /trang-2, /p2 -------------------------------------------------

@pytest.mark.parametrize("shape", ["/tin-tuc?page={n}", "/tin-tuc/trang-{n}.html", "/thoi-su-p{n}"])
def test_paged_listings_are_walked_and_never_stored(tmp_path, shape):
    items = _site(6)
    first = shape.split("?")[0].replace("/trang-{n}.html", "").replace("-p{n}", "") or "/"
    paths = [first] + [shape.format(n=n) for n in (2, 3)]
    pages = {path: article_page(a) for path, a in items}
    for n, path in enumerate(paths):
        pager = " ".join(f'<a href="{p}">{i + 1}</a>' for i, p in enumerate(paths) if p != path)
        pages[path] = listing_page(items[2 * n:2 * n + 2], extra=f'<div class="pager">{pager}</div>')
    with LocalSite(pages) as s:
        crawl([s.url + first], tmp_path, settings=FAST)
        assert all(s.hits[p] == 1 for p in paths)
    assert _paths(tmp_path) == sorted(p for p, _ in items)


# ---- an article over several pages -------------------------------------------------------------

def test_an_article_split_over_three_pages_is_stored_once_joined(tmp_path):
    a = next(x for x in TEXTS if len(x.paragraphs) >= 6)
    path = f"/tin/{a.slug}.html"
    parts = [[a.lead, *a.paragraphs[:2]], a.paragraphs[2:4], a.paragraphs[4:]]
    urls = [path, f"{path}?page=2", f"{path}?page=3"]

    def pager(i):
        links = " ".join(f'<a href="{u}">{n + 1}</a>' if n != i else f"<b>{n + 1}</b>" for n, u in enumerate(urls))
        return f'<div class="phan-trang">Trang: {links}</div>'

    pages = {u: article_page(a, extra=pager(i), body=parts[i]) for i, u in enumerate(urls)}
    pages["/"] = listing_page([(path, a)])
    with LocalSite(pages) as s:
        crawl([s.url + "/"], tmp_path, settings=FAST)
        assert all(s.hits[u] == 1 for u in urls)
    [row] = read_pages(tmp_path, with_html=False)
    assert urlsplit(row["url"]).path == path and len(row["joined_from"]) == 3
    record = extract_record(html=page_html(row, tmp_path), url=row["url"], id=row["id"])
    body = record["body"]
    positions = [body.find(p[:60]) for p in [a.lead, *a.paragraphs]]
    assert -1 not in positions and positions == sorted(positions), "every part, in order"
    assert "Trang:" not in body and record["title"] == a.title
    raw = [json.loads(line) for line in (tmp_path / "raw" / "index.jsonl").read_text().splitlines()]
    assert sum(1 for m in raw if m.get("part_of")) == 3  # each page as served is kept too

"""`thidua sources check NAME --page FILE` (a saved page, offline) and `--online` (a real
fetch from a local site on 127.0.0.1, never the internet). The test sites are written here:
a SharePoint-style portal section and a WordPress-style newspaper category, each with a
feed and a few articles."""
from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from thidua.cli import main
from thidua.crawler.local_site import LocalSite
from thidua.crawler.page_report import read_page
from thidua.crawler.platforms import guess_from_urls, guess_platform

REAL_PAGES = Path(__file__).resolve().parents[2] / "shared" / "real-pages" / "pages"

HEADLINES = [
    ("khoi-thi-dua-kinh-te-tong-ket-nam-2023", "Khối thi đua Kinh tế tổng kết công tác thi đua, khen thưởng năm 2023"),
    ("cum-thi-dua-cac-huyen-ky-giao-uoc-2024", "Cụm thi đua các huyện, thành phố ký kết giao ước thi đua năm 2024"),
    ("trao-co-thi-dua-cua-chinh-phu", "Trao Cờ thi đua của Chính phủ cho ba tập thể dẫn đầu phong trào thi đua"),
    ("tap-huan-nghiep-vu-thi-dua-khen-thuong", "Tập huấn nghiệp vụ công tác thi đua, khen thưởng cho cán bộ cơ sở"),
    ("bieu-duong-dien-hinh-tien-tien", "Biểu dương điển hình tiên tiến trong phong trào thi đua yêu nước"),
]

PARAGRAPHS = [
    "Sáng 12/01, tại hội trường Ủy ban nhân dân tỉnh, Khối thi đua Kinh tế đã tổ chức hội nghị tổng kết "
    "công tác thi đua, khen thưởng năm 2023 và triển khai nhiệm vụ năm 2024 với sự tham dự của lãnh đạo "
    "các sở, ngành thành viên.",
    "Năm qua, các đơn vị trong khối đã bám sát nhiệm vụ chính trị, phát động nhiều phong trào thi đua "
    "thiết thực, gắn với cải cách hành chính và chuyển đổi số, góp phần hoàn thành các chỉ tiêu được giao.",
    "Hội nghị đã bình xét, suy tôn Sở Tài chính dẫn đầu khối và đề nghị Ủy ban nhân dân tỉnh tặng Cờ thi "
    "đua; Sở Công Thương được bầu làm Trưởng khối, Sở Xây dựng làm Phó Trưởng khối năm 2024.",
    "Kết thúc hội nghị, các đơn vị đã ký kết giao ước thi đua năm 2024, cam kết tiếp tục đổi mới nội dung, "
    "hình thức thi đua và làm tốt công tác phát hiện, nhân rộng các điển hình tiên tiến.",
]

SP_HEAD = ('<meta name="GENERATOR" content="Microsoft SharePoint">'
           '<link rel="stylesheet" href="/_layouts/15/1033/styles/Themable/corev15.css">'
           '<script>var _spPageContextInfo = {webServerRelativeUrl: "/"};</script>')
SP_NAV = ('<nav><a href="/">Trang chủ</a> <a href="/Pages/gioi-thieu.aspx">Giới thiệu</a> '
          '<a href="/Pages/lien-he.aspx">Liên hệ</a> <a href="/Pages/van-ban.aspx">Văn bản</a></nav>')
SP_FEED = "/_layouts/15/listfeed.aspx?List=tin-thi-dua"


def sharepoint_listing(first_is_a_listing: bool = False) -> str:
    items = []
    if first_is_a_listing:
        items.append('<li><a href="/Pages/tin-khoi-thi-dua-nam-2023.aspx">Các tin về khối thi đua các sở, ngành '
                     'của tỉnh năm 2023</a></li>')
    items += [f'<li><a href="/Pages/{slug}.aspx">{title}</a><p>Tóm tắt tin.</p></li>' for slug, title in HEADLINES]
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Thông tin thi đua, khen thưởng</title>'
            f'{SP_HEAD}<link rel="alternate" type="application/rss+xml" title="Tin thi đua" href="{SP_FEED}"></head>'
            f'<body><div id="s4-workspace">{SP_NAV}<h1>Thông tin thi đua, khen thưởng</h1><ul>{"".join(items)}</ul>'
            '<div class="pager"><a href="/Pages/tin-thi-dua.aspx?Page=2">Trang sau</a></div></div></body></html>')


def article(title: str, head: str = SP_HEAD, nav: str = SP_NAV, wrapper: str = "div") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
            f'<body><{wrapper} id="aspnetForm">{nav}<div class="article"><h1 class="title">{title}</h1>'
            f'<div class="date">Ngày đăng: 12/01/2024</div><div class="content">{body}</div></div>'
            f'</{wrapper}></body></html>')


def feed(n: int) -> bytes:
    items = "".join(f"<item><title>{t}</title><link>/Pages/{s}.aspx</link></item>" for s, t in HEADLINES[:n])
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin thi đua</title>'
            f'{items}</channel></rss>').encode("utf-8")


def sharepoint_site(**options) -> LocalSite:
    first_is_a_listing = options.pop("first_is_a_listing", False)
    pages = {"/Pages/tin-thi-dua.aspx": sharepoint_listing(first_is_a_listing).encode("utf-8")}
    pages.update({f"/Pages/{slug}.aspx": article(title).encode("utf-8") for slug, title in HEADLINES})
    pages["/Pages/tin-khoi-thi-dua-nam-2023.aspx"] = sharepoint_listing().encode("utf-8")
    raw = {"/_layouts/15/listfeed.aspx": ({"Content-Type": "application/rss+xml; charset=utf-8"}, feed(3))}
    return LocalSite(pages, raw=raw, **options)


WP_HEAD = ('<meta name="generator" content="WordPress 6.4.2">'
           '<link rel="stylesheet" href="/wp-content/themes/bao-tinh/style.css">'
           '<script src="/wp-includes/js/jquery/jquery.min.js"></script>')


def wordpress_site() -> LocalSite:
    items = "".join(f'<article><h2><a href="/2024/01/{slug}/">{title}</a></h2></article>' for slug, title in HEADLINES[:4])
    listing = (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Thi đua - Khen thưởng</title>{WP_HEAD}'
               '<link rel="alternate" type="application/rss+xml" title="Thi đua &raquo; Feed" '
               'href="/chuyen-muc/thi-dua-khen-thuong/feed/"></head><body>'
               '<nav><a href="/">Trang chủ</a> <a href="/chuyen-muc/xa-hoi/">Xã hội</a></nav>'
               f'<main>{items}</main></body></html>')
    pages = {"/chuyen-muc/thi-dua-khen-thuong/": listing.encode("utf-8")}
    pages.update({f"/2024/01/{slug}/": article(title, WP_HEAD, "").encode("utf-8") for slug, title in HEADLINES})
    raw = {"/chuyen-muc/thi-dua-khen-thuong/feed/": ({"Content-Type": "application/rss+xml"}, feed(4))}
    return LocalSite(pages, raw=raw)


def registry(tmp_path: Path, start_url: str, extra: str = "", name: str = "thu") -> Path:
    path = tmp_path / "sites.toml"
    path.write_text(f'''[[source]]
name = "{name}"
title = "Trang thử"
province = "Cao Bằng"
kind = "board"
start_urls = ["{start_url}"]
written = "2026-12-04"
{extra}
''', encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(main, ["sources", "check", *args])


def article_hits(site: LocalSite, prefix: str) -> int:
    listings = {"/Pages/tin-thi-dua.aspx", "/chuyen-muc/thi-dua-khen-thuong/"}
    return sum(n for path, n in site.hits.items() if path.startswith(prefix) and path not in listings)


# ------------------------------------------------------------------ online, against local sites

def test_online_check_of_a_sharepoint_section_reads_the_listing_the_feed_and_one_article(tmp_path):
    with sharepoint_site() as site:
        path = registry(tmp_path, f"{site.url}/Pages/tin-thi-dua.aspx")
        res = run("thu", "--online", "--file", str(path))
        assert res.exit_code == 0, res.output
        lines = res.output.splitlines()
        assert lines[0] == "thu: entry ok; fetching the site"
        assert "robots.txt: none (HTTP 404): everything allowed" in res.output
        assert "start page: HTTP 200" in res.output
        assert "platform: Microsoft SharePoint (markup '/_layouts/'" in res.output
        assert f"first listing: 5 links look like articles (first: {site.url}/Pages/{HEADLINES[0][0]}.aspx)" in res.output
        assert f"feed: {site.url}{SP_FEED}: HTTP 200, 3 items declared on the start page" in res.output
        assert f"article: {site.url}/Pages/{HEADLINES[0][0]}.aspx: “{HEADLINES[0][1]}”, 2024-01-12" in res.output
        assert lines[-1] == ("thu: reachable, platform Microsoft SharePoint, 5 articles on the first listing, "
                             "feed found, an article read")
        # robots.txt, the start page, the feed and one article: nothing else was fetched.
        assert site.hits["/robots.txt"] == 1 and site.hits["/Pages/tin-thi-dua.aspx"] == 1
        assert site.hits[SP_FEED] == 1 and article_hits(site, "/Pages/") == 1


def test_online_check_tries_the_next_link_when_the_first_is_not_an_article(tmp_path):
    with sharepoint_site(first_is_a_listing=True) as site:
        path = registry(tmp_path, f"{site.url}/Pages/tin-thi-dua.aspx")
        res = run("thu", "--online", "--file", str(path), "--format", "json")
        assert res.exit_code == 0, res.output
        report = json.loads(res.output)[0]["online"]
        assert report["listing_articles"] == 6
        tried = report["articles_tried"]
        assert [t["note"] for t in tried] == ["not an article (page structure)", "article"]
        assert report["article"]["title"] == HEADLINES[0][1] and report["article"]["body_chars"] > 400
        assert report["platform"] == "Microsoft SharePoint" and report["feed_items"] == 3


def test_online_check_of_a_wordpress_category_uses_the_entrys_own_feed_first(tmp_path):
    with wordpress_site() as site:
        start = f"{site.url}/chuyen-muc/thi-dua-khen-thuong/"
        own_feed = f"{site.url}/chuyen-muc/thi-dua-khen-thuong/feed/"
        path = registry(tmp_path, start, f'feeds = ["{own_feed}"]\nplatform = "wordpress"')
        res = run("thu", "--online", "--file", str(path), "--format", "json")
        assert res.exit_code == 0, res.output
        report = json.loads(res.output)[0]["online"]
        assert report["platform"] == "WordPress"
        assert report["feed"]["url"] == own_feed and report["feed"]["note"] == "from the entry"
        assert report["feed_items"] == 4 and report["listing_articles"] == 4
        assert report["article"]["url"] == f"{site.url}/2024/01/{HEADLINES[0][0]}/"
        assert article_hits(site, "/2024/") == 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_host_is_one_clear_line(tmp_path):
    url = f"http://127.0.0.1:{free_port()}/Pages/tin-thi-dua.aspx"
    res = run("thu", "--online", "--file", str(registry(tmp_path, url)))
    assert res.exit_code == 1
    assert res.output.splitlines()[-1] == f"thu: unreachable: {url}: connection refused"
    assert "Traceback" not in res.output and res.exception is None or isinstance(res.exception, SystemExit)


def test_a_host_that_does_not_answer_in_time(tmp_path):
    with sharepoint_site(slow={"/Pages/tin-thi-dua.aspx": 3.0}) as site:
        url = f"{site.url}/Pages/tin-thi-dua.aspx"
        res = run("thu", "--online", "--timeout", "0.5", "--file", str(registry(tmp_path, url)))
        assert res.exit_code == 1
        assert res.output.splitlines()[-1] == f"thu: unreachable: {url}: timed out"


def test_robots_txt_that_forbids_the_section_stops_the_check(tmp_path):
    with sharepoint_site(robots="User-agent: *\nDisallow: /Pages/\n") as site:
        res = run("thu", "--online", "--file", str(registry(tmp_path, f"{site.url}/Pages/tin-thi-dua.aspx")))
        assert res.exit_code == 1
        assert "robots.txt: forbids the start URL" in res.output
        assert f"thu: problem: robots.txt forbids {site.url}/Pages/tin-thi-dua.aspx: not fetched" in res.output
        assert article_hits(site, "/Pages/") == 0 and site.hits["/Pages/tin-thi-dua.aspx"] == 0


def test_a_start_page_that_is_gone(tmp_path):
    with sharepoint_site() as site:
        res = run("thu", "--online", "--file", str(registry(tmp_path, f"{site.url}/Pages/khong-con.aspx")))
        assert res.exit_code == 1
        assert "start page: HTTP 404" in res.output and "thu: problem: start page answered HTTP 404" in res.output


def test_an_entry_with_problems_is_not_fetched(tmp_path):
    with sharepoint_site() as site:
        path = registry(tmp_path, f"{site.url}/Pages/tin-thi-dua.aspx", "article_pattern = '('")
        res = run("thu", "--online", "--file", str(path))
        assert res.exit_code == 1 and "nothing was read or fetched: fix the problems above first" in res.output
        assert sum(site.hits.values()) == 0


# ------------------------------------------------------------------ offline, saved pages

SAVED_AT = "https://snv.example.gov.vn/Pages/tin-thi-dua.aspx"


def saved(tmp_path: Path, name: str, html: str) -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def test_a_saved_listing_is_read_offline(tmp_path):
    listing = saved(tmp_path, "listing.html", sharepoint_listing())
    res = run("thu", "--page", str(listing), "--file", str(registry(tmp_path, SAVED_AT)))
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[0].startswith("thu: ok; offline checks only: nothing was fetched")
    assert f"thu: saved page {listing} (read as {SAVED_AT}):" in res.output
    assert "platform: Microsoft SharePoint" in res.output
    # 5 teasers, 4 menu links and the next-page link are followed; the teasers look like articles.
    assert "links the crawl would follow: 10; 5 look like articles by their headline-like link text" in res.output
    assert f"feeds on the page: https://snv.example.gov.vn{SP_FEED}" in res.output


def test_a_saved_article_reads_as_an_article_and_the_pattern_counts_links(tmp_path):
    page = saved(tmp_path, "article.html", article(HEADLINES[2][1]))
    path = registry(tmp_path, SAVED_AT, "article_pattern = '/Pages/(?!tin-thi-dua)[a-z0-9-]+-[a-z0-9-]+\\.aspx$'")
    res = run("thu", "--page", str(page), "--url", "https://snv.example.gov.vn/Pages/trao-co-thi-dua-cua-chinh-phu.aspx",
              "--file", str(path), "--format", "json")
    assert res.exit_code == 0, res.output
    got = json.loads(res.output)[0]["pages"][0]
    assert got["is_article"] and got["article"]["title"] == HEADLINES[2][1]
    assert got["article"]["published"] == "2024-01-12" and got["article"]["body_chars"] > 400
    listing = saved(tmp_path, "listing.html", sharepoint_listing())
    got = json.loads(run("thu", "--page", str(listing), "--file", str(path), "--format", "json").output)[0]["pages"][0]
    assert got["by_pattern"] and len(got["article_links"]) == 8  # the pattern also takes the menu pages


def test_a_saved_page_with_nothing_to_store_is_a_problem(tmp_path):
    page = saved(tmp_path, "menu.html", f"<html><head>{SP_HEAD}</head><body>{SP_NAV}</body></html>")
    res = run("thu", "--page", str(page), "--file", str(registry(tmp_path, SAVED_AT)))
    assert res.exit_code == 1
    assert "neither an article nor a listing with article links" in res.output


def test_page_needs_one_entry():
    assert run("--all", "--page", __file__).exit_code == 2


def test_an_article_inside_an_aspnet_form_reads_as_an_article():
    # ASP.NET and SharePoint pages wrap the whole body in <form id="aspnetForm">.
    report = read_page(article(HEADLINES[0][1], wrapper="form"), SAVED_AT)
    assert report.is_article


@pytest.mark.skipif(not REAL_PAGES.is_dir(), reason="../shared/real-pages is not on this machine")
def test_a_real_mcms_article_page_is_recognised():
    html = (REAL_PAGES / "nhandan-976641.html").read_text(encoding="utf-8")
    report = read_page(html, "https://nhandan.vn/a-post976641.html")
    assert report.platform.name == "mcms" and report.is_article
    assert report.article.body_chars > 500 and report.article.title


# ------------------------------------------------------------------ the platform signatures

def test_platform_guesses_from_markup_and_addresses():
    assert guess_platform(sharepoint_listing()).name == "sharepoint"
    assert guess_platform(WP_HEAD).name == "wordpress"
    assert guess_platform('<meta name="generator" content="NukeViet v4.5">').name == "nukeviet"
    assert guess_platform("<p>Trang không có dấu hiệu nào.</p>").name is None
    assert guess_from_urls(["https://hanam.gov.vn/Pages/tin.aspx"]).name == "sharepoint"
    assert guess_from_urls(["https://snv.bacninh.gov.vn/en/news/-/details/57424/x"]).name == "liferay"
    assert guess_from_urls(["https://baogialai.com.vn/dai-hoi-post143898.html"]).name == "mcms"
    assert guess_from_urls(["https://tinh.example.vn/tin-tuc/123.htm"]).name is None

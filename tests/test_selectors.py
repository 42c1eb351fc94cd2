"""Registry selectors in html_to_article, the generic path on templates the project has not
seen, and the fallback from one to the other field by field."""
from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest

from thidua.extract.html_page import html_to_article, published_date

# An HTML5 district portal, written for this test: <main><article>, the date only in
# <time datetime> (its text has no day/month/year figures), a header clock showing another
# day, a .tac-gia byline at the end, a share bar and related news with their own dates.
HTML5 = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Cụm thi đua số 3 ký kết giao ước thi đua năm 2024 | Cổng thông tin huyện Tân Kỳ</title>
</head><body>
<header class="site-header"><div class="logo">ỦY BAN NHÂN DÂN HUYỆN TÂN KỲ</div>
<nav><a href="/">Trang chủ</a> <a href="/tin-tuc">Tin tức - Sự kiện</a> <a href="/thi-dua">Thi đua - Khen thưởng</a></nav>
<time datetime="2026-11-23">Thứ Hai, 23/11/2026</time></header>
<main>
<article class="bai-viet">
<h1 class="tieu-de-bai">Cụm thi đua số 3 ký kết giao ước thi đua năm 2024</h1>
<div class="thong-tin"><time datetime="2024-03-15T09:30:00+07:00">Thứ Sáu, 15 tháng Ba, 2024 - 09:30</time></div>
<p class="sapo"><strong>Sáng 14/3, tại Hội trường UBND huyện Tân Kỳ, Cụm thi đua số 3 gồm 5 huyện miền núi tổ chức hội nghị ký kết giao ước thi đua năm 2024.</strong></p>
<div class="noi-dung">
<p>Năm 2023, các đơn vị trong Cụm hoàn thành 24/26 chỉ tiêu kinh tế - xã hội chủ yếu; tổng thu ngân sách toàn Cụm đạt 1.250 tỷ đồng, tăng 8,6% so với năm trước.</p>
<figure><img src="/anh/ky-ket.jpg" alt=""><figcaption>Đại diện lãnh đạo 5 huyện ký giao ước thi đua năm 2024.</figcaption></figure>
<p>Hội nghị thống nhất suy tôn huyện Tân Kỳ là đơn vị Trưởng cụm, huyện Anh Sơn là đơn vị Phó Trưởng cụm năm 2024.</p>
<p>Dịp này, UBND huyện Tân Kỳ được UBND tỉnh tặng Cờ thi đua đơn vị dẫn đầu Cụm thi đua số 3 năm 2023./.</p>
<div class="chia-se">Chia sẻ: <a href="#">Facebook</a> <a href="#">Zalo</a></div>
</div>
<p class="tac-gia">Lê Minh Châu</p>
</article>
<aside class="tin-lien-quan"><h2>Tin liên quan</h2><ul>
<li><a href="/a">Khối thi đua các cơ quan Đảng triển khai nhiệm vụ năm 2024</a> (10/01/2024)</li>
<li><a href="/b">Huyện Anh Sơn tổng kết phong trào thi đua yêu nước năm 2023</a> (05/01/2024)</li>
</ul></aside>
</main>
<footer>Cơ quan chủ quản: UBND huyện Tân Kỳ. Địa chỉ: khối 7, thị trấn Tân Kỳ.</footer>
</body></html>"""

HTML5_BODY = [
    "Sáng 14/3, tại Hội trường UBND huyện Tân Kỳ, Cụm thi đua số 3 gồm 5 huyện miền núi tổ "
    "chức hội nghị ký kết giao ước thi đua năm 2024.",
    "Năm 2023, các đơn vị trong Cụm hoàn thành 24/26 chỉ tiêu kinh tế - xã hội chủ yếu; tổng "
    "thu ngân sách toàn Cụm đạt 1.250 tỷ đồng, tăng 8,6% so với năm trước.",
    "Đại diện lãnh đạo 5 huyện ký giao ước thi đua năm 2024.",
    "Hội nghị thống nhất suy tôn huyện Tân Kỳ là đơn vị Trưởng cụm, huyện Anh Sơn là đơn vị "
    "Phó Trưởng cụm năm 2024.",
    "Dịp này, UBND huyện Tân Kỳ được UBND tỉnh tặng Cờ thi đua đơn vị dẫn đầu Cụm thi đua số 3 "
    "năm 2023./.",
]

# A legacy table-layout department site, written for this test: no <h1>, the headline in a
# <td class="TieuDeTin">, the date in the next row, paragraphs split by <br>, a left menu,
# "Các tin khác" with dates, and the byline in bold at the end.
TABLES = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>SỞ NỘI VỤ - BAN THI ĐUA KHEN THƯỞNG</title></head>
<body bgcolor="#ffffff"><table width="980" align="center" cellpadding="0" cellspacing="0">
<tr><td colspan="2"><img src="/images/banner.jpg" width="980"></td></tr>
<tr><td width="200" valign="top" class="cotTrai"><table width="100%">
<tr><td class="menu"><a href="/gioi-thieu.asp">Giới thiệu chung</a></td></tr>
<tr><td class="menu"><a href="/van-ban.asp">Văn bản thi đua, khen thưởng</a></td></tr>
<tr><td class="menu"><a href="/hoi-dap.asp">Hỏi đáp</a></td></tr></table></td>
<td valign="top" class="cotGiua"><table width="100%" cellpadding="4">
<tr><td class="TieuDeTin">Huyện Quế Phong đón nhận Cờ thi đua của Chính phủ</td></tr>
<tr><td class="NgayDang">(15/01/2024 10:20)</td></tr>
<tr><td class="NoiDungTin"><font face="Arial" size="2">
Chiều 12/01/2024, huyện Quế Phong long trọng tổ chức lễ đón nhận Cờ thi đua của Chính phủ vì đã hoàn thành xuất sắc toàn diện nhiệm vụ công tác, dẫn đầu phong trào thi đua năm 2022.<br><br>
Năm 2023, huyện có 3 xã đạt chuẩn nông thôn mới, tỷ lệ hộ nghèo giảm còn 18,5%; công tác thi đua, khen thưởng được triển khai thiết thực, kịp thời phát hiện và nhân rộng điển hình tiên tiến.<br><br>
Tại buổi lễ, Chủ tịch UBND tỉnh trao Bằng khen cho 4 tập thể và 6 cá nhân của huyện có thành tích xuất sắc trong thực hiện các chương trình mục tiêu quốc gia.<br><br>
<div align="right"><b>Nguyễn Thu Hà</b></div></font></td></tr></table>
<table width="100%" class="tinkhac"><tr><td class="tieudekhac">Các tin khác</td></tr>
<tr><td><a href="/tin.asp?id=881">Khối thi đua Nội chính ký kết giao ước năm 2024</a> (10/01/2024)</td></tr>
<tr><td><a href="/tin.asp?id=876">Hướng dẫn công tác khen thưởng tổng kết năm 2023</a> (28/12/2023)</td></tr>
</table></td></tr>
<tr><td colspan="2" class="chanTrang">Bản quyền thuộc Sở Nội vụ. Điện thoại: 0238 384 4123</td></tr>
</table></body></html>"""

TABLES_BODY = [
    "Chiều 12/01/2024, huyện Quế Phong long trọng tổ chức lễ đón nhận Cờ thi đua của Chính phủ "
    "vì đã hoàn thành xuất sắc toàn diện nhiệm vụ công tác, dẫn đầu phong trào thi đua năm 2022.",
    "Năm 2023, huyện có 3 xã đạt chuẩn nông thôn mới, tỷ lệ hộ nghèo giảm còn 18,5%; công tác "
    "thi đua, khen thưởng được triển khai thiết thực, kịp thời phát hiện và nhân rộng điển hình "
    "tiên tiến.",
    "Tại buổi lễ, Chủ tịch UBND tỉnh trao Bằng khen cho 4 tập thể và 6 cá nhân của huyện có "
    "thành tích xuất sắc trong thực hiện các chương trình mục tiêu quốc gia.",
]

# The same site with a section heading in an <h1> above the headline: the generic rule
# takes the <h1>, a registry entry pointing at the headline cell puts it right.
TABLES_WITH_SECTION_H1 = TABLES.replace(
    '<tr><td class="TieuDeTin">',
    '<tr><td><h1 class="chuyenmuc">Thi đua - Khen thưởng</h1></td></tr>\n<tr><td class="TieuDeTin">')

ALL_GENERIC = {"title": "generic", "date": "generic", "byline": "generic", "body": "generic"}
ALL_SELECTOR = {"title": "selector", "date": "selector", "byline": "selector", "body": "selector"}


def _paras(page: dict) -> list[str]:
    return page["text"].split("\n\n")


# ---- generic path on unseen templates ----------------------------------------------------

def test_html5_page_without_selectors():
    page = html_to_article(HTML5, url="https://tanky.example.vn/tin-tuc/cum-thi-dua-so-3")
    assert page["title"] == "Cụm thi đua số 3 ký kết giao ước thi đua năm 2024"
    assert page["published"] == date(2024, 3, 15)      # the article's <time>, not the clock
    assert page["author"] == "Lê Minh Châu"
    assert _paras(page) == HTML5_BODY
    assert page["via"] == ALL_GENERIC


def test_table_layout_page_without_selectors():
    page = html_to_article(TABLES)
    assert page["title"] == "Huyện Quế Phong đón nhận Cờ thi đua của Chính phủ"
    assert page["published"] == date(2024, 1, 15)
    assert page["author"] == "Nguyễn Thu Hà"
    assert _paras(page) == TABLES_BODY
    assert page["via"] == ALL_GENERIC


# ---- selectors ---------------------------------------------------------------------------

HTML5_CSS = {"title": "article h1", "date": "article time", "byline": ".tac-gia",
             "body": "article .noi-dung", "next_page": "a.trang-sau"}


def test_css_selectors_serve_every_field():
    page = html_to_article(HTML5, selectors=HTML5_CSS)
    assert page["via"] == ALL_SELECTOR
    assert page["title"] == "Cụm thi đua số 3 ký kết giao ước thi đua năm 2024"
    assert page["published"] == date(2024, 3, 15)
    assert page["author"] == "Lê Minh Châu"
    # the selected element only: the lead above it is left out, the share bar is dropped
    assert _paras(page) == HTML5_BODY[1:]


def test_selectors_win_over_the_generic_guess():
    generic = html_to_article(TABLES_WITH_SECTION_H1)
    assert generic["title"] == "Thi đua - Khen thưởng"   # what the generic rule gets wrong
    page = html_to_article(TABLES_WITH_SECTION_H1, selectors={"title": "td.TieuDeTin"})
    assert page["title"] == "Huyện Quế Phong đón nhận Cờ thi đua của Chính phủ"
    assert page["via"] == {**ALL_GENERIC, "title": "selector"}
    assert page["published"] == date(2024, 1, 15)


def test_selector_that_finds_nothing_falls_back_field_by_field():
    page = html_to_article(HTML5, selectors={
        "title": "h1.khong-co", "date": ".ngay-dang", "byline": ".tac-gia",
        "body": "xpath://div[@id='noi-dung-tin']"})
    assert page["via"] == {"title": "generic", "date": "generic", "byline": "selector",
                           "body": "generic"}
    assert page["title"] == "Cụm thi đua số 3 ký kết giao ước thi đua năm 2024"
    assert page["published"] == date(2024, 3, 15)
    assert _paras(page) == HTML5_BODY


def test_selector_whose_text_is_not_a_date_falls_back():
    page = html_to_article(TABLES, selectors={"date": "td.TieuDeTin"})
    assert page["via"]["date"] == "generic"
    assert page["published"] == date(2024, 1, 15)


def test_xpath_selectors_elements_and_strings():
    page = html_to_article(TABLES, selectors={
        "title": "xpath://td[@class='TieuDeTin']",
        "date": "xpath://td[@class='NgayDang']/text()",
        "byline": "xpath://td[@class='NoiDungTin']//b",
        "body": "xpath://td[@class='NoiDungTin']"})
    assert page["via"] == ALL_SELECTOR
    assert page["title"] == "Huyện Quế Phong đón nhận Cờ thi đua của Chính phủ"
    assert page["published"] == date(2024, 1, 15)
    assert page["author"] == "Nguyễn Thu Hà"
    assert _paras(page) == TABLES_BODY                 # the byline line is not body


def test_xpath_union_and_written_out_date():
    page = html_to_article(HTML5.replace("Thứ Sáu, 15 tháng Ba, 2024 - 09:30",
                                         "ngày 15 tháng 3 năm 2024").replace(
        ' datetime="2024-03-15T09:30:00+07:00"', ""), selectors={
        "date": "xpath://article//time",
        "body": "xpath://p[@class='sapo'] | //div[@class='noi-dung']"})
    assert page["published"] == date(2024, 3, 15)
    assert page["via"]["date"] == page["via"]["body"] == "selector"
    assert _paras(page) == HTML5_BODY


def test_date_from_a_meta_tag_attribute():
    html = HTML5.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n<meta property='
                         '"article:published_time" content="2024-03-16T07:00:00+07:00">')
    page = html_to_article(html, selectors={"date": "meta[property='article:published_time']"})
    assert (page["published"], page["via"]["date"]) == (date(2024, 3, 16), "selector")


@pytest.mark.parametrize("selector", ["div.chia-se", "article time"], ids=["furniture", "stub"])
def test_a_body_selector_without_article_text_falls_back(selector):
    page = html_to_article(HTML5, selectors={"body": selector})
    assert page["via"]["body"] == "generic"
    assert _paras(page) == HTML5_BODY


@pytest.mark.parametrize("selectors, message", [
    ({"title": "h1[["}, "invalid CSS selector"),
    ({"body": "xpath://div[@class="}, "invalid XPath selector"),
    ({"tittle": "h1"}, "unknown selector field"),
])
def test_bad_selectors_are_errors(selectors, message):
    with pytest.raises(ValueError, match=message):
        html_to_article(HTML5, selectors=selectors)


# ---- published_date ---------------------------------------------------------------------

@pytest.mark.parametrize("html, expected", [
    (HTML5, date(2024, 3, 15)),
    (TABLES, date(2024, 1, 15)),
    (TABLES.encode("utf-8"), date(2024, 1, 15)),
    ("<html><head><meta property='article:published_time' content='2023-07-12T08:00:00+07:00'>"
     "</head><body><p>Không có dòng ngày.</p></body></html>", date(2023, 7, 12)),
    ("<html><body><p>Trang không ghi ngày đăng.</p></body></html>", None),
], ids=["time", "table", "bytes", "meta", "none"])
def test_published_date(html, expected):
    assert published_date(html) == expected


def test_published_date_with_a_date_selector():
    assert published_date(TABLES, selectors={"date": "td.NgayDang"}) == date(2024, 1, 15)
    html = TABLES.replace("(15/01/2024 10:20)", "(15/01/2024 10:20)</td></tr><tr><td class="
                          "'CapNhat'>Sửa lần cuối 20/02/2024")
    assert published_date(html, selectors={"date": "td.CapNhat"}) == date(2024, 2, 20)


def test_published_date_uses_htmldate_on_the_url_when_the_page_has_no_date():
    html = "<html><body><h1>Khối thi đua Nội chính ký kết giao ước</h1><p>Nội dung.</p></body></html>"
    assert published_date(html, url="https://example.vn/2024/01/10/khoi-thi-dua.html") == date(2024, 1, 10)


# ---- pipeline and CLI --------------------------------------------------------------------

def test_extract_record_passes_selectors():
    from thidua.extract.pipeline import extract_record

    record = extract_record(html=TABLES_WITH_SECTION_H1, id="qp",
                            selectors={"title": "td.TieuDeTin"}, only=())
    assert record["title"] == "Huyện Quế Phong đón nhận Cờ thi đua của Chính phủ"
    assert record["published"] == "2024-01-15"


def test_cli_reads_selectors_from_the_line_and_from_the_registry(tmp_path, monkeypatch):
    from thidua import extract_cli

    registry = tmp_path / "sources.toml"
    registry.write_text('[[source]]\nname = "que-phong-test"\nprovince = "Nghệ An"\n'
                        'start_urls = ["https://quephong.example.vn/"]\n'
                        'selectors = { title = "td.TieuDeTin", next_page = "a.tiep" }\n'
                        '\n[[source]]\nname = "no-selectors"\nprovince = "Nghệ An"\n'
                        'start_urls = ["https://nghean.example.vn/"]\n', encoding="utf-8")
    monkeypatch.setenv("THIDUA_SOURCES", str(registry))   # the registry's own override
    lines = [
        {"id": "own", "html": TABLES_WITH_SECTION_H1, "selectors": {"title": "td.TieuDeTin"}},
        {"id": "none", "html": TABLES_WITH_SECTION_H1},
        {"id": "bad", "html": TABLES, "selectors": "td.TieuDeTin"},
        {"id": "registry", "html": TABLES_WITH_SECTION_H1, "source": "que-phong-test"},
        {"id": "no-selectors", "html": TABLES_WITH_SECTION_H1, "source": "no-selectors"},
        {"id": "unknown-source", "html": TABLES_WITH_SECTION_H1, "source": "khong-co"},
    ]
    out = StringIO()
    failed = extract_cli.run(iter(lines), out)
    rows = {row["id"]: row for row in map(json.loads, out.getvalue().splitlines())}
    assert failed == 1 and '"selectors" must be an object' in rows["bad"]["error"]
    headline = "Huyện Quế Phong đón nhận Cờ thi đua của Chính phủ"
    assert rows["own"]["title"] == rows["registry"]["title"] == headline
    for generic in ("none", "no-selectors", "unknown-source"):
        assert rows[generic]["title"] == "Thi đua - Khen thưởng"


def test_cli_reports_an_unreadable_registry(tmp_path, monkeypatch):
    from thidua import extract_cli

    broken = tmp_path / "broken.toml"
    broken.write_text("[[source]\nname = ", encoding="utf-8")
    monkeypatch.setenv("THIDUA_SOURCES", str(broken))
    out = StringIO()
    assert extract_cli.run(iter([{"id": "x", "html": TABLES, "source": "que-phong"}]), out) == 1
    assert "cannot read the source registry" in json.loads(out.getvalue())["error"]

"""html_to_article on both sample templates and on markup seen on real portals."""
from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from thidua.crawler.sample_content import (ARTICLES, CUM_HUYEN_2020, KIM_BANG_2020, KTKT_2020,
                                           KTKT_2023, KTKT_INSPECTION_2021, KTKT_PACT_2021)
from thidua.crawler.sample_templates import (PORTAL_COUNTER, PORTAL_FOOTER_ADDRESS, TDKT_COUNTER,
                                             TDKT_FOOTER_ADDRESS)
from thidua.extract.html_page import html_to_article

SITE = Path(__file__).resolve().parents[1] / "crawler" / "sample_site"


def _page(article) -> dict:
    html = (SITE / article.path.lstrip("/")).read_text(encoding="utf-8")
    return html_to_article(html, url="http://127.0.0.1:8000" + article.path)


def _ids(a) -> str:
    return a.slug[:40]


@pytest.mark.parametrize("article", ARTICLES, ids=_ids)
def test_body_keeps_every_paragraph_and_the_caption(article):
    text = _page(article)["text"]
    for para in article.paragraphs:
        assert para in text
    if article.caption:
        assert article.caption in text.split("\n\n")
    assert len(text.split("\n\n")) == len(article.paragraphs) + bool(article.caption)


@pytest.mark.parametrize("article", ARTICLES, ids=_ids)
def test_body_drops_page_furniture(article):
    text = _page(article)["text"]
    others = [a.title for a in ARTICLES if a is not article]
    assert [t for t in others if t in text] == []
    for furniture in (PORTAL_FOOTER_ADDRESS, TDKT_FOOTER_ADDRESS, PORTAL_COUNTER, TDKT_COUNTER,
                      "Lượt xem", "Chia sẻ", "BÀI VIẾT CÙNG CHUYÊN MỤC", "Tin bài mới",
                      "Tin liên quan", "Các tin khác", "Trang chủ", "Skip to main content",
                      "Cập nhật lúc", "Ngày đăng", "In bài", "Facebook"):
        assert furniture not in text
    assert not text.startswith(article.title)
    assert article.author not in text.split("\n\n"), "the byline is metadata, not body"


@pytest.mark.parametrize("article", ARTICLES, ids=_ids)
def test_title_date_and_author_are_read_from_the_page(article):
    page = _page(article)
    day, month, year = map(int, article.date.split("/"))
    assert page["title"] == article.title
    assert page["published"] == date(year, month, day)
    assert page["author"] == article.author


@pytest.mark.parametrize("article, published, author", [
    (KTKT_2020, date(2021, 1, 11), "Hà Linh"),          # portal: "( Cập nhật lúc: 11/01/2021 )"
    (KIM_BANG_2020, date(2021, 1, 13), "Đài Kim Bảng"),  # department: "Ngày đăng: 13/01/2021 16:05"
], ids=["portal", "department"])
def test_both_templates_concretely(article, published, author):
    page = _page(article)
    assert (page["published"], page["author"]) == (published, author)


FACTS = {
    KTKT_2020: ["Chiều ngày 08/01, Khối thi đua Kinh tế - Kỹ thuật tổ chức hội nghị tổng kết",
                "Giám đốc Sở NN&PTNT, Trưởng Khối thi đua KTKT năm 2020",
                "Sở Nông nghiệp và Phát triển nông thôn",
                "đề nghị UBND tỉnh tặng Cờ thi đua cho Sở Nông nghiệp và PTNT",
                "tặng Bằng khen cho các đơn vị: Sở Tài nguyên và Môi trường, Sở Công Thương, Sở Xây dựng.",
                "Giá trị sản xuất công nghiệp ước đạt 1.334,251 tỷ đồng, tăng 5,40% so với năm 2019",
                "bầu Ban QLDA đầu tư xây dựng công trình giao thông làm trưởng Khối, Ban Quản lý "
                "Vườn Quốc gia Ba Bể làm phó trưởng Khối năm 2021"],
    KTKT_PACT_2021: ["ký kết giao ước thi đua năm 2021",
                     "Ban Quản lý dự án đầu tư xây dựng công trình giao thông, Trưởng Khối thi đua "
                     "KTKT năm 2021", "Giám đốc Ban Quản lý Vườn Quốc gia Ba Bể, Phó trưởng Khối thi đua "
                     "KTKT năm 2021"],
    KTKT_2023: ["sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2023",
                "Giám đốc Sở Xây dựng (đơn vị Trưởng khối)", "có 11 đơn vị gồm: Sở Xây dựng (Trưởng khối)",
                "Kế hoạch số 21/KH-UBND ngày 16/01/2023 của UBND tỉnh", "Văn bản số 409/TĐKT-KTKT",
                "nông nghiệp và phát triển nông thôn (đơn vị Phó Trưởng khối)"],
    KTKT_INSPECTION_2021: ["Sở Giao thông vận tải, đơn vị Trưởng khối năm 2021"],
    CUM_HUYEN_2020: ["Cụm thi đua các huyện, thành phố tỉnh Bắc Kạn",
                     "“Bắc Kạn chung sức xây dựng nông thôn mới”",
                     "Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị"],
    KIM_BANG_2020: ["Tổng thu ngân sách đạt 1.386 tỷ đồng, đạt 235% dự toán tỉnh giao",
                    "Anh hùng Lao động", "Quyết định số 2015/QĐ-CTN ngày 13/11/2020"],
}


@pytest.mark.parametrize("article", FACTS, ids=_ids)
def test_required_facts_survive_extraction(article):
    text = _page(article)["text"]
    missing = [fact for fact in FACTS[article] if fact not in text]
    assert missing == []


def test_output_is_nfc_even_for_decomposed_input():
    html = (SITE / KTKT_2020.path.lstrip("/")).read_text(encoding="utf-8")
    page = html_to_article(unicodedata.normalize("NFD", html))
    assert page["title"] == KTKT_2020.title
    assert unicodedata.is_normalized("NFC", page["text"])
    assert "Sở Tài nguyên và Môi trường" in page["text"]


# Layouts met on real portals, in our own words: a SharePoint page whose body is a run
# of <div>s with the date under a "tieude" heading, and a WordPress page with a view
# counter, share bar and "BÀI VIẾT CÙNG CHUYÊN MỤC".
SHAREPOINT = """<html><head><title>Tin tức - Sự kiện</title></head><body>
<div id="s4-ribbonrow">Skip Ribbon Commands</div>
<div class="menu-top"><a href="/">Trang chủ</a> <a href="/tt">Kinh tế - Chính trị</a></div>
<div class="left-col"><ul><li><a href="/a">Ngành giáo dục triển khai nhiệm vụ năm học mới</a>
(12/01/2021)</li></ul></div>
<div class="content-main"><div class="tieude-tin">Huyện Thanh Sơn tổng kết phong trào thi đua năm 2020</div>
<div class="ngaydang">Thứ Tư, 13/01/2021 | 09:12</div>
<div class="ExternalClassAB12">
<div>Sáng 12/1, UBND huyện Thanh Sơn tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm
2020 với sự tham dự của lãnh đạo các phòng, ban, đơn vị trên địa bàn.</div>
<div><img src="/img/a.jpg"></div><div><em>Các đại biểu dự hội nghị tổng kết</em></div>
<div>Năm 2020, tổng thu ngân sách trên địa bàn huyện đạt 560 tỷ đồng, bằng 140% dự toán tỉnh
giao; nhiều phong trào thi đua được triển khai sâu rộng tới cơ sở.</div>
<div>Hội nghị đề nghị UBND tỉnh tặng Bằng khen cho 05 tập thể và 09 cá nhân có thành tích xuất
sắc trong năm 2020./.</div>
<div style="text-align:right"><b>Đài Thanh Sơn</b></div></div>
<div class="share-box">Chia sẻ : <a href="#">Facebook</a></div></div>
<div class="footer-bottom">Bản quyền thuộc UBND huyện Thanh Sơn</div></body></html>"""

WORDPRESS = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>Khối thi đua các cơ quan Đảng sơ kết 6 tháng – Sở Nội vụ</title>
<meta property="og:title" content="Khối thi đua các cơ quan Đảng sơ kết 6 tháng – Sở Nội vụ">
<meta property="article:published_time" content="2023-07-12T08:00:00+07:00"></head>
<body><header id="masthead"><nav><a href="/">Trang chủ</a><a href="/gioi-thieu">Giới thiệu</a></nav></header>
<main id="main"><article class="post">
<div class="entry-content">
<p>Ngày 10/7/2023, Khối thi đua các cơ quan Đảng tổ chức hội nghị sơ kết công tác thi đua, khen
thưởng 6 tháng đầu năm 2023 dưới sự chủ trì của đơn vị Trưởng khối là Ban Tổ chức Tỉnh ủy.</p>
<p>Sáu tháng qua, các đơn vị trong Khối đã bám sát nhiệm vụ chính trị, đăng ký thi đua đầy đủ và
thực hiện nghiêm các nội dung giao ước thi đua năm 2023./.</p>
<p>Trần Hoa</p>
<div class="sharedaddy"><h3>Chia sẻ :</h3><a href="#">Facebook</a></div>
</div></article>
<aside class="widget-area"><section><h2>BÀI VIẾT CÙNG CHUYÊN MỤC</h2>
<ul><li><a href="/x">Khối thi đua Văn hóa - Xã hội ký kết giao ước thi đua năm 2023</a></li></ul></section>
<section class="widget_counter"><h2>View Counter</h2><p>Views Today : 74</p><p>Total views : 81861</p></section>
</aside></main><footer>Địa chỉ: số 5 đường Hùng Vương</footer></body></html>"""


def test_sharepoint_style_page():
    page = html_to_article(SHAREPOINT)
    assert page["title"] == "Huyện Thanh Sơn tổng kết phong trào thi đua năm 2020"
    assert page["published"] == date(2021, 1, 13)
    assert page["author"] == "Đài Thanh Sơn"
    paras = page["text"].split("\n\n")
    assert paras[0].startswith("Sáng 12/1, UBND huyện Thanh Sơn")
    assert "Các đại biểu dự hội nghị tổng kết" in paras
    assert paras[-1].endswith("trong năm 2020./.")
    for junk in ("Thứ Tư", "Chia sẻ", "Ngành giáo dục", "Bản quyền", "Skip Ribbon"):
        assert junk not in page["text"]


def test_wordpress_style_page():
    page = html_to_article(WORDPRESS)
    assert page["title"] == "Khối thi đua các cơ quan Đảng sơ kết 6 tháng"
    assert page["published"] == date(2023, 7, 12)
    assert page["author"] == "Trần Hoa"
    assert page["text"].startswith("Ngày 10/7/2023, Khối thi đua các cơ quan Đảng")
    assert page["text"].endswith("giao ước thi đua năm 2023./.")
    for junk in ("Views Today", "Total views", "Chia sẻ", "BÀI VIẾT CÙNG CHUYÊN MỤC", "Hùng Vương",
                 "Văn hóa - Xã hội ký kết"):
        assert junk not in page["text"]


@pytest.mark.parametrize("bad, message", [
    ("Khối thi đua Kinh tế - Kỹ thuật tổng kết năm 2020. Nông Nguyệt", "not HTML"),
    ("", "not HTML"),
    ("<html><body><div class='menu'><a href='/'>Trang chủ</a></div></body></html>", "no article body"),
])
def test_non_articles_raise_value_error(bad, message):
    with pytest.raises(ValueError, match=message):
        html_to_article(bad)


# ---- leads, bylines in header/footer blocks, <br> paragraphs, one trafilatura pass -------

NEWS = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Khối thi đua Nội chính tổng kết năm 2024</title>
<meta property="og:description" content="{lead}"></head><body>
<header class="site-header"><a class="logo" href="/">Báo tỉnh</a><div class="author">Ban Biên tập</div></header>
<div class="article">
<div class="article__header"><h1 class="article__title">Khối thi đua Nội chính tổng kết năm 2024</h1>
<div class="article__meta"><span class="author">Lê Thu Hà</span> <time datetime="2025-01-09T08:00:00+07:00">09/01/2025</time></div>
{sapo}</div>
<div class="article__body">
<p>Năm 2024, các cơ quan trong Khối đã hoàn thành tốt nhiệm vụ chính trị được giao, không có cán bộ vi phạm kỷ luật.</p>
<div class="article-relate"><h3 class="story__heading"><a href="/khoi-van-hoa-post2.html">Khối Văn hóa - Xã hội ký giao ước thi đua năm 2025</a></h3>
<div class="story__summary">Các đơn vị trong Khối Văn hóa - Xã hội thống nhất năm nội dung giao ước cho năm mới.</div></div>
<p>Hội nghị suy tôn Công an tỉnh là đơn vị dẫn đầu Khối và đề nghị UBND tỉnh tặng Cờ thi đua năm 2024./.</p>
</div>
<div class="article-footer"><div class="article__author"><p class="name">TH</p></div></div>
</div><footer class="site-footer"><p>Tổng Biên tập: Nguyễn Văn An</p></footer></body></html>"""
LEAD = "Sáng 8/1, Khối thi đua các cơ quan Nội chính tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2024."


@pytest.mark.parametrize("sapo", [
    f'<div class="article__sapo cms-desc"><p>{LEAD}</p></div>',          # MCMS: outside the body
    f'<p class="description">{LEAD}</p>',                                # VnExpress
    f'<p class="css-1m3kac8">{LEAD}</p>',                                # no class to tell: og:description says
], ids=["mcms", "vnexpress", "og-description"])
def test_the_lead_outside_the_body_goes_in_front_of_it(sapo):
    page = html_to_article(NEWS.format(sapo=sapo, lead=LEAD))
    paras = page["text"].split("\n\n")
    assert paras[0] == LEAD and paras[1].startswith("Năm 2024, các cơ quan trong Khối")
    assert page["text"].count("Sáng 8/1") == 1
    # the related box inside the body is another article, not this one
    assert "Khối Văn hóa - Xã hội" not in page["text"]


def test_an_og_description_the_page_does_not_show_is_not_the_lead():
    page = html_to_article(NEWS.format(sapo="", lead="Tin tức thi đua, khen thưởng của tỉnh, cập nhật hằng ngày cho bạn đọc."))
    assert page["text"].startswith("Năm 2024, các cơ quan trong Khối")


def test_bylines_in_the_articles_own_header_and_footer_blocks():
    page = html_to_article(NEWS.format(sapo="", lead=LEAD))
    assert page["author"] == "Lê Thu Hà"  # not the site header's "Ban Biên tập"
    footer_only = NEWS.format(sapo="", lead=LEAD).replace('<span class="author">Lê Thu Hà</span>', "")
    assert html_to_article(footer_only)["author"] == "TH"  # initials in the article's footer


TABLE_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>UBND HUYỆN</title></head>
<body><table width="990"><tr><td colspan="2"><font color="#FFFFFF"><a href="/">Trang chủ</a> | <a href="/tin.php">Tin tức</a></font></td></tr>
<tr><td width="200"><table><tr><td><b>Liên kết website</b></td></tr><tr><td><a href="/lk.php?id=1">Cổng thông tin điện tử tỉnh</a></td></tr></table></td>
<td><table width="100%"><tr><td class="tieude"><font size="4"><b>Huyện Yên Thủy tổng kết công tác thi đua năm 2023</b></font></td></tr>
<tr><td><font size="1">Ngày cập nhật: 12/01/2024</font></td></tr>
<tr><td><font face="Arial" size="2"><b>Chiều 11/1, UBND huyện tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2023.</b><br><br>
Năm 2023, thu ngân sách trên địa bàn huyện đạt 236 tỷ đồng, vượt 18% dự toán tỉnh giao.<br><br>
Huyện đã khen thưởng 96 tập thể và 284 cá nhân có thành tích trong các phong trào thi đua.<br><br>
<div align="right"><b>Đài Yên Thủy</b></div></font></td></tr></table>
<table><tr><td><b>Các tin khác:</b></td></tr><tr><td>- <a href="/ct.php?id=2">Cụm thi đua số 2 ký giao ước thi đua năm 2024</a> (01/03/2024)</td></tr></table></td></tr>
<tr><td colspan="2"><font size="1">UBND HUYỆN YÊN THỦY<br>Địa chỉ: Khu 2, thị trấn Hàng Trạm, huyện Yên Thủy, tỉnh Hòa Bình<br>
Chịu trách nhiệm chính: Chánh Văn phòng HĐND và UBND huyện Yên Thủy, theo giấy phép số 12/GP-STTTT do Sở Thông tin và Truyền thông cấp.<br>
Ghi rõ nguồn Trang thông tin điện tử huyện Yên Thủy khi phát hành lại thông tin từ website này.</font></td></tr></table></body></html>"""


def test_br_separated_paragraphs_in_a_table_cell_with_font_tags():
    page = html_to_article(TABLE_PAGE)
    assert page["title"] == "Huyện Yên Thủy tổng kết công tác thi đua năm 2023"
    assert page["published"] == date(2024, 1, 12) and page["author"] == "Đài Yên Thủy"
    assert page["text"].split("\n\n") == [
        "Chiều 11/1, UBND huyện tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2023.",
        "Năm 2023, thu ngân sách trên địa bàn huyện đạt 236 tỷ đồng, vượt 18% dự toán tỉnh giao.",
        "Huyện đã khen thưởng 96 tập thể và 284 cá nhân có thành tích trong các phong trào thi đua."]


def test_trafilatura_runs_once_per_page_and_its_metadata_only_when_needed(monkeypatch):
    import trafilatura
    from trafilatura import metadata

    calls = {"extraction": 0, "metadata": 0}
    extraction, examine = trafilatura.bare_extraction, metadata.examine_meta

    def counted_extraction(*args, **kwargs):
        calls["extraction"] += 1
        return extraction(*args, **kwargs)

    def counted_metadata(*args, **kwargs):
        calls["metadata"] += 1
        return examine(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", counted_extraction)
    monkeypatch.setattr(metadata, "examine_meta", counted_metadata)
    for article in ARTICLES:
        _page(article)
    assert calls == {"extraction": len(ARTICLES), "metadata": 0}


REAL = Path(__file__).resolve().parents[2] / "shared" / "real-pages"


@pytest.mark.skipif(not (REAL / "truth.json").exists(), reason="../shared/real-pages is not here")
def test_real_news_pages_keep_their_lead_and_byline():
    import json
    import re

    from thidua.extract.decode import decode_page

    def fold(text):
        text = unicodedata.normalize("NFD", (text or "").lower())
        return re.sub(r"[^0-9a-z]+", "", "".join(c for c in text if not unicodedata.combining(c)).replace("đ", "d"))

    for page in json.loads((REAL / "truth.json").read_text(encoding="utf-8"))["pages"]:
        if page["kind"] != "article":
            continue
        html = decode_page((REAL / "pages" / page["file"]).read_bytes(), None).text
        got = html_to_article(html, page["url"])
        body = fold(got["text"])
        assert fold(page["first_sentence"]) in body and fold(page["last_sentence"]) in body, page["file"]
        assert not [m for m in page["boilerplate_markers"] if fold(m) in body], page["file"]
        assert fold(got["author"]) == fold(page["author"]), page["file"]
        assert got["published"].isoformat() == page["published"], page["file"]

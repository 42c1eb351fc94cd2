"""The crawler's article-or-not verdict and its near-copy fingerprints, on pages written
for these tests, on the zoo's pages and on the real saved pages of ../shared/real-pages."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from thidua.crawler import dedup  # noqa: E402
from thidua.crawler.classify import classify_html, continues_url, kinds  # noqa: E402
from thidua.extract.decode import decode_page  # noqa: E402
from zoo import FAMILIES  # noqa: E402
from zoo.family import build_site  # noqa: E402
from zoo.model import articles, e  # noqa: E402

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-pages"
A, B = articles()[0], articles()[1]


def _article(a, wrapper="div", head="", extra="") -> str:
    body = "".join(f"<p>{e(p)}</p>" for p in [a.lead, *a.paragraphs])
    return (f'<html><head><meta charset="utf-8"><title>{e(a.title)}</title>{head}</head><body>'
            f'<div class="menu"><a href="/">Trang chủ</a></div><{wrapper} class="noi-dung"><h1>{e(a.title)}</h1>'
            f'<div class="ngay">Ngày đăng: {a.dmy}</div>{body}</{wrapper}>{extra}</body></html>')


def test_an_article_inside_one_aspnet_form_is_an_article():
    # The old test dropped every <form> first: on ASP.NET pages that is the whole page.
    html = _article(A).replace("<body>", '<body><form method="post" action="./x.aspx" id="aspnetForm">'
                               '<input type="hidden" name="__VIEWSTATE" value="abc">').replace("</body>", "</form></body>")
    verdict = classify_html(html, "http://so.example.vn/tin-tuc/Pages/bai-viet-so-mot.aspx")
    assert verdict.is_article and verdict.title == A.title and verdict.published == A.date


def test_a_wrapper_holding_article_and_section_is_still_an_article():
    html = _article(A, wrapper="article").replace("<article", "<main><section class='wrap'><article")
    html = html.replace("</article>", "</article><section class='binh-luan'><h3>Bình luận</h3></section></section></main>")
    assert classify_html(html, "http://x.vn/a").is_article


def test_a_listing_of_teasers_is_not_an_article_and_says_why():
    items = "".join(f'<div class="item"><h3><a href="/tin/{a.slug}.html">{e(a.title)}</a></h3><p>{e(a.lead)}</p></div>'
                    for a in articles()[:8])
    verdict = classify_html(f"<html><body><h1>Tin tức</h1><div class='list'>{items}</div></body></html>",
                            "http://x.vn/tin-tuc/trang-2.html")
    assert not verdict.is_article
    assert any("teaser" in r for r in verdict.reasons) and any("listing" in r for r in verdict.reasons)


def test_a_category_page_with_a_hidden_promo_box_of_prose_is_not_an_article():
    promo = "".join(f"<p>{e(p)}</p>" for p in A.paragraphs)
    items = "".join(f'<article class="item-news"><h3 class="title-news"><a href="/{a.slug}-1.html">{e(a.title)}</a></h3>'
                    f'<p class="description"><a href="/{a.slug}-1.html">{e(a.lead)}</a></p></article>'
                    for a in articles()[2:8])
    for box in (f'<div class="modal" id="gioi-thieu">{promo}</div>', f'<div style="display:none">{promo}</div>',
                f"<div hidden>{promo}</div>"):
        page = f'<html><head><meta property="og:type" content="website"></head><body>{box}<h1>Thời sự</h1>{items}</body></html>'
        assert not classify_html(page, "http://x.vn/thoi-su").is_article, box[:30]


def test_metadata_and_url_shape_are_evidence_in_both_directions():
    short = A.paragraphs[0]  # one paragraph of prose: the evidence around it decides
    page = f"<html><head>{{head}}</head><body><h1>{e(A.title)}</h1><p>{e(short)}</p><p>{e(A.lead)}</p></body></html>"
    plain = classify_html(page.format(head=""), "http://x.vn/p")
    news = classify_html(page.format(head='<script type="application/ld+json">{"@type": "NewsArticle"}</script>'),
                         "http://x.vn/so-tai-chinh-dan-dau-khoi-thi-dua-nam-2023-post123.html")
    home = classify_html(page.format(head='<meta property="og:type" content="website">'), "http://x.vn/")
    assert news.score > plain.score > home.score
    assert news.is_article and not home.is_article


def test_the_weights_and_url_patterns_are_data():
    k = kinds()
    assert k.threshold > 0 and {"teasers", "structured_article", "home_url"} <= set(k.weights)
    assert any(p.search("/web/snv/tin-tuc/-/asset_publisher/ab12/content/bai-viet") for p in k.article_url)
    assert any(p.search("/tin-tuc?page=2") for p in k.listing_url)


@pytest.mark.parametrize("url, target, expected", [
    ("http://x.vn/tin/tong-ket-thi-dua.html", "http://x.vn/tin/tong-ket-thi-dua.html?page=2", True),
    ("http://x.vn/index.php/tin-tuc/12-tong-ket-thi-dua", "http://x.vn/index.php/tin-tuc/12-tong-ket-thi-dua?limitstart=1", True),
    ("http://x.vn/2024/01/02/tong-ket-thi-dua/", "http://x.vn/2024/01/02/tong-ket-thi-dua/2/", True),
    ("http://x.vn/tin/tong-ket-thi-dua.html", "http://x.vn/tin/khac-han.html?page=2", False),
    ("http://x.vn/tin-tuc", "http://x.vn/tin-tuc?page=2", False),          # a section, not an article
    ("http://x.vn/tin/tong-ket-thi-dua.html", "http://x.vn/tin/tong-ket-thi-dua.html?id=2", False),
])
def test_continuation_pages_are_the_page_with_a_page_number(url, target, expected):
    assert continues_url(url, target) is expected


def test_near_copies_are_within_a_few_bits_and_different_articles_are_not():
    copy = _article(A, extra="<div class='footer'>Bản in từ cổng thông tin</div>").replace(
        "Ngày đăng", "In lúc 10:00 - Ngày đăng")
    one, printed, other = (classify_html(h, "http://x.vn/a") for h in (_article(A), copy, _article(B)))
    assert dedup.near(one.simhash, printed.simhash)
    assert not dedup.near(one.simhash, other.simhash)
    assert dedup.distance(one.simhash, other.simhash) > dedup.MAX_DISTANCE
    # pigeonhole: hashes within MAX_DISTANCE bits share at least one band
    assert set(dedup.bands(one.simhash)) & set(dedup.bands(printed.simhash))
    assert dedup.simhash("Quá ngắn để so sánh.") is None


def test_two_reports_from_one_template_are_not_copies_of_each_other():
    # Portals publish the same wording for different units and years: the SimHashes are
    # close, the figures are not.
    report = ("Ngày {d}, Công ty Điện lực tỉnh tổ chức lễ đón nhận Huân chương Lao động hạng Nhì và tổng kết "
              "công tác năm {y}. Đơn vị có {n} sáng kiến được công nhận, doanh thu tăng {p}% so với năm trước.\n"
              "Thay mặt lãnh đạo tỉnh, Phó Chủ tịch UBND tỉnh trao Huân chương cho tập thể đơn vị và đề nghị "
              "đơn vị tiếp tục phát huy thành tích, là điểm sáng trong phong trào thi đua của tỉnh.\n"
              "Tập thể người lao động của đơn vị luôn đoàn kết, chủ động đổi mới phương thức làm việc, đẩy mạnh "
              "ứng dụng công nghệ thông tin, nâng cao chất lượng phục vụ người dân và doanh nghiệp.")
    one = dedup.simhash(report.format(d="30/06", y=2023, n=177, p="12,84"))
    other = dedup.simhash(report.format(d="25/01", y=2022, n=93, p="11,06"))
    again = dedup.simhash(report.format(d="30/06", y=2023, n=177, p="12,84") + "\nNguồn: Báo tỉnh")
    assert dedup.near(one, again) and not dedup.near(one, other)


def test_every_zoo_article_is_far_from_every_other():
    hashes = {}
    for family in FAMILIES:
        site = build_site(family, base="http://127.0.0.1:1")
        for path in site.truth:
            hashes[(family.name, path)] = classify_html(site.pages[path].decode(), "http://127.0.0.1:1" + path).simhash
    keys = list(hashes)
    close = [(a, b) for i, a in enumerate(keys) for b in keys[i + 1:]
             if dedup.near(hashes[a], hashes[b])]
    assert close == []


@pytest.mark.skipif(not (REAL / "truth.json").exists(), reason="../shared/real-pages is not here")
def test_real_pages_articles_and_listings():
    truth = json.loads((REAL / "truth.json").read_text(encoding="utf-8"))["pages"]
    wrong = []
    for page in truth:
        html = decode_page((REAL / "pages" / page["file"]).read_bytes(), None).text
        for url in (None, page.get("url")):
            verdict = classify_html(html, url)
            if verdict.is_article != (page["kind"] == "article"):
                wrong.append((page["file"], url, verdict.reasons))
    assert wrong == []


def test_the_numpy_simhash_is_trafilaturas():
    from trafilatura.deduplication import Simhash

    words = " ".join([A.lead, *A.paragraphs]).lower().split()
    tokens = ["".join(w for w in words[i:i + 3] if w.isalnum()) for i in range(len(words) - 2)]
    tokens = [t for t in tokens if len(t) > 4]
    assert dedup.charikar(tokens) == Simhash(" ".join(tokens)).hash


# ---- the prescreen: pages told from their structure and a count of prose, before trafilatura

def _listing_with_footer(n: int) -> str:
    items = "".join(f'<li><h3><a href="/tin/{a.slug}.html">{e(a.title)}</a></h3><span class="ngay">({a.dmy})</span>'
                    f'<p class="tom-tat">{e(a.lead)}</p></li>' for a in articles()[:n])
    return ('<html><head><meta charset="utf-8"><title>Khen thưởng</title></head><body>'
            '<div class="menu"><a href="/">Trang chủ</a> | <a href="/tin">Tin tức</a></div>'
            f'<h1>Thi đua - Khen thưởng</h1><ul class="ds-tin">{items}</ul>'
            '<div class="footer"><p>Cơ quan chủ quản: Ban Thi đua - Khen thưởng tỉnh</p></div></body></html>')


def _full_verdict(html: str, url: str, monkeypatch):
    from thidua.crawler import classify
    with monkeypatch.context() as m:
        m.setattr(classify, "_without_main_text", lambda *args: None)
        return classify.classify_html(html, url)


def test_a_listing_is_told_by_its_prose_count_without_the_main_text(monkeypatch):
    # A section page (no numbered-listing URL) of teasers: structure alone could still
    # reach the threshold, but the page holds no prose outside its teasers.
    calls = []
    import trafilatura
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: calls.append(1))
    verdict = classify_html(_listing_with_footer(4), "http://x.vn/thi-dua-khen-thuong")
    assert not verdict.is_article and calls == []
    assert any("characters of own prose on the whole page" in r for r in verdict.reasons)
    monkeypatch.undo()
    assert not _full_verdict(_listing_with_footer(4), "http://x.vn/thi-dua-khen-thuong", monkeypatch).is_article


def test_a_numbered_listing_is_told_by_its_structure_alone():
    verdict = classify_html(_listing_with_footer(8), "http://x.vn/tin-tuc/trang-3.html")
    assert not verdict.is_article
    assert any("structure alone" in r for r in verdict.reasons)


def test_an_article_is_never_decided_without_its_main_text(monkeypatch):
    from thidua.crawler import classify
    seen = []
    real = classify._without_main_text
    monkeypatch.setattr(classify, "_without_main_text", lambda *a: seen.append(real(*a)) or seen[-1])
    # the article's own page, and the same article with a box of teasers beside it
    related = _listing_with_footer(3).split("<body>")[1].split("</body>")[0]
    for html in (_article(A), _article(A, extra=related)):
        verdict = classify.classify_html(html, "http://x.vn/tin/so-noi-vu-tong-ket-thi-dua.html")
        assert verdict.is_article and verdict.fingerprint and seen[-1] is None


def test_the_prescreen_agrees_with_the_full_reading_on_every_zoo_page(monkeypatch):
    disagree = []
    for family in FAMILIES:
        site = build_site(family, base="http://127.0.0.1:1")
        for path, body in site.pages.items():
            html = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
            if "<html" not in html[:3000].lower():
                continue
            url = "http://127.0.0.1:1" + path
            quick, full = classify_html(html, url), _full_verdict(html, url, monkeypatch)
            if (quick.is_article, quick.fingerprint, quick.title, quick.published) != \
                    (full.is_article, full.fingerprint, full.title, full.published):
                disagree.append((family.name, path))
    assert disagree == []

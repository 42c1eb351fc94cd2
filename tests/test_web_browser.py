"""`thidua serve` in a real browser: the server runs as its own process on 127.0.0.1 over the
demo warehouse, and headless Chromium from the distribution (installed by
scripts/services.sh) drives it through Playwright.

Screenshots of every page visited go to $THIDUA_TEST_OUTPUT/screenshots, or else to
screenshots/ under pytest's temporary folder (printed in the test summary).
"""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

# Slow (Chromium drives the pages): `make test-fast` leaves it out, `make test` runs it.
pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
# As root and without internet: no sandbox, no GPU, nothing fetched in the background.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

KTKT = "Khối thi đua Kinh tế - Kỹ thuật"
LEADER_2021 = "Ban Quản lý dự án đầu tư xây dựng công trình giao thông"
CONFLICTING_2021 = "Sở Giao thông vận tải"
DEPUTY_2021 = "Ban Quản lý Vườn Quốc gia Ba Bể"


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ["THIDUA_TEST_OUTPUT"]) / "screenshots" \
        if os.environ.get("THIDUA_TEST_OUTPUT") else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory):
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run scripts/services.sh (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),  # a fresh --user-data-dir
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900}, locale="vi-VN", accept_downloads=True)
        yield context
        context.close()


@pytest.fixture
def page(browser_context, served):
    """A tab that records console errors and every request leaving 127.0.0.1."""
    tab = browser_context.new_page()
    tab.problems = []
    tab.on("console", lambda m: m.type == "error" and tab.problems.append(f"console: {m.text}"))
    tab.on("pageerror", lambda e: tab.problems.append(f"page error: {e}"))
    tab.on("request", lambda r: r.url.startswith((served, "data:", "blob:", "about:"))
           or tab.problems.append(f"outside request: {r.url}"))
    tab.on("response", lambda r: r.status >= 400 and tab.problems.append(f"{r.status} {r.url}"))
    yield tab
    problems = tab.problems
    tab.close()
    assert not problems, problems


def test_bloc_page_timeline_shows_the_2021_leader_and_deputy(page, served, shots):
    page.goto(served + "/")
    page.get_by_role("link", name="Bắc Kạn").first.click()
    page.get_by_role("link", name=KTKT).click()
    page.wait_for_selector("#timeline")
    assert page.locator("#bloc-name").inner_text() == KTKT

    year = page.locator('li.year[data-year="2021"]')
    pairings = year.locator(".pairing")
    # The best-supported report first; the contradicting one kept and flagged.
    assert pairings.count() == 2
    first, second = pairings.nth(0), pairings.nth(1)
    assert first.locator('[data-role="leader"] .unit').inner_text() == LEADER_2021
    assert first.locator('[data-role="deputy"] .unit').inner_text() == DEPUTY_2021
    assert second.locator('[data-role="leader"] .unit').inner_text() == CONFLICTING_2021
    assert "không thống nhất" in year.locator(".flag").inner_text()
    assert first.locator('[data-role="leader"] a.src').count() >= 1
    assert set(page.locator("li.year").evaluate_all(
        "els => els.map(e => e.dataset.year)")) == {"2020", "2021", "2023"}
    page.screenshot(path=str(shots / "bloc.png"), full_page=True)

    # On a phone the page reflows to one column instead of scrolling sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(shots / "bloc-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _chart_bars(page) -> int:
    page.wait_for_selector('#award-chart[data-rendered="true"]')
    return page.locator("#award-chart svg .mark-rect path").count()


def test_award_trends_filter_changes_chart_and_table(page, served, shots):
    page.goto(served + "/khen-thuong")
    bars_all = _chart_bars(page)
    rows_all = page.locator("#award-table tbody tr").count()
    types_all = set(page.locator("#award-table tbody tr").evaluate_all(
        "els => els.map(e => e.dataset.awardType)"))
    assert len(types_all) > 1 and bars_all > 1
    page.screenshot(path=str(shots / "award-trends.png"), full_page=True)

    with page.expect_navigation():
        page.select_option("#f-award-type", "provincial_emulation_flag")  # submits on change
    assert "award_type=provincial_emulation_flag" in page.url
    bars_one = _chart_bars(page)
    rows = page.locator("#award-table tbody tr")
    assert 0 < rows.count() < rows_all
    assert set(rows.evaluate_all("els => els.map(e => e.dataset.awardType)")) == {
        "provincial_emulation_flag"}
    assert 0 < bars_one < bars_all
    legend = page.locator("#award-chart svg .role-legend").text_content()
    assert "Cờ thi đua của UBND tỉnh" in legend and "Bằng khen" not in legend
    page.screenshot(path=str(shots / "award-trends-filtered.png"), full_page=True)

    # The table's CSV holds the same filtered rows.
    with page.expect_download() as info:
        page.click("#csv-link")
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    records = list(csv.DictReader(io.StringIO(text)))
    assert len(records) == rows.count()
    assert {r["award_type"] for r in records} == {"provincial_emulation_flag"}


def test_official_search_without_diacritics(page, served, shots):
    page.goto(served + "/can-bo")
    page.fill("#official-q", "nguyen thi lan")
    with page.expect_navigation():
        page.press("#official-q", "Enter")
    results = page.locator("#official-results tbody tr")
    assert results.count() == 1
    assert results.first.locator("a").inner_text() == "Nguyễn Thị Lan"
    page.screenshot(path=str(shots / "officials.png"), full_page=True)
    results.first.locator("a").click()
    page.wait_for_selector("#person-titles")
    assert page.locator("#person-name").inner_text() == "Nguyễn Thị Lan"
    assert "Giám đốc" in page.locator("#person-titles").inner_text()
    page.screenshot(path=str(shots / "person.png"), full_page=True)


def test_article_from_a_fact_shows_its_evidence_highlighted(page, served, shots):
    page.goto(served + "/tim-kiem?q=khoi kinh te ky thuat")
    # the bloc among the hits (articles about it come first, headlines naming it)
    page.get_by_role("link", name=KTKT, exact=True).first.click()
    source = page.locator('li.year[data-year="2021"] .pairing').first.locator(
        '[data-role="leader"] a.src').first
    fact = source.get_attribute("href").split("#")[1]
    source.click()
    page.wait_for_selector("#article-body")
    assert f"fact={fact}" in page.url
    marked = page.locator("mark.ev.focus")
    assert marked.count() >= 1
    sentence = " ".join(marked.all_inner_texts())
    assert "trưởng khối" in sentence.lower() and "2021" in sentence
    assert "giao thông" in sentence  # the 2021 leader the link was next to
    assert marked.first.is_visible()
    assert page.evaluate(
        "(() => { const r = document.querySelector('mark.ev.focus').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; })()")
    listed = page.locator(".fact.current")
    assert listed.count() == 1 and listed.get_attribute("data-fact") == fact
    assert "2021" in listed.inner_text()
    # The highlight is exactly the evidence the API gives for that fact.
    article_id = page.url.split("/bai-viet/")[1].split("?")[0]
    section, item_no = fact.split("-")[1], int(fact.split("-")[2])
    detail = page.request.get(f"{served}/api/v1/articles/{article_id}").json()["data"]
    item = next(i for i in detail["facts"][section] if i["item_no"] == item_no)
    assert sentence.strip() == item["evidence_text"].strip()
    # Within it, the words that state the fact stand out.
    words = page.locator("mark.ev.focus strong.words.focus")
    assert words.count() >= 1
    assert "".join(words.all_inner_texts()) == detail["body"][
        item["evidence_span_start"]:item["evidence_span_end"]]
    page.screenshot(path=str(shots / "article.png"), full_page=True)

    # Clicking another fact in the list moves the highlight to its sentence.
    other = page.locator(".fact").filter(has_not=page.locator(".current")).nth(1)
    other_key = other.get_attribute("data-fact")
    other.locator("a.goto").click()
    assert page.locator(".fact.current").get_attribute("data-fact") == other_key
    assert page.locator(f'mark.ev.focus[data-facts~="{other_key}"]').count() >= 1


def test_home_indicators_and_api_pages_render(page, served, shots):
    for path, name in (("/", "home"), ("/chi-tieu", "indicators"), ("/api", "api"),
                       ("/tinh/Thái Nguyên", "province-current")):
        page.goto(served + path)
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    page.goto(served + "/chi-tieu")
    page.wait_for_selector('.chart[data-rendered="true"]')
    assert page.locator(".chart-card").count() >= 5
    page.goto(served + "/")
    assert page.locator("#stat-articles").inner_text() == "13"
    page.goto(served + "/tinh/Thái Nguyên")
    assert page.get_by_role("link", name=KTKT).count() == 1


def test_pages_answer_bad_input_with_a_page_not_a_crash(browser_context, served):
    tab = browser_context.new_page()
    try:
        for path, status in (("/khoi/khong-co", 404), ("/khen-thuong?year_from=abc", 422),
                             ("/khen-thuong?province=Narnia", 422), ("/tinh/Narnia", 404),
                             ("/bai-viet/x'%20OR%201=1", 404), ("/khong-co-trang", 404)):
            response = tab.goto(served + path)
            assert response.status == status, path
            assert tab.locator("#error-detail").inner_text()
    finally:
        tab.close()


# ---------------------------------------------------------------- the analyst's desk

def test_search_ranks_articles_and_lists_units_and_people(page, served, shots):
    page.goto(served + "/")
    page.fill("#q", "so nong nghiep")
    with page.expect_navigation():
        page.press("#q", "Enter")
    hits = page.locator("#article-hits li")
    assert hits.count() >= 1
    assert page.locator("#article-hits mark").count() >= 1  # the words marked in the snippet
    assert "Sở Nông nghiệp" in page.locator("#unit-hits").inner_text()
    page.screenshot(path=str(shots / "search.png"), full_page=True)


def test_units_page_and_a_units_history(page, served, shots):
    page.goto(served + "/don-vi?q=giao thong&province=B%E1%BA%AFc%20K%E1%BA%A1n")
    page.screenshot(path=str(shots / "units.png"), full_page=True)
    page.locator("#unit-results a", has_text="Sở Giao thông vận tải").first.click()
    page.wait_for_selector("#unit-name")
    assert page.locator("#unit-led").count() == 1
    assert KTKT in page.locator("#unit-led").inner_text()
    page.screenshot(path=str(shots / "unit.png"), full_page=True)


def test_comparison_of_two_provinces_on_one_chart(page, served, shots):
    page.goto(served + "/so-sanh")
    page.select_option("#c-province", ["Bắc Kạn", "Hà Nam"])
    with page.expect_navigation():
        page.click("#c-submit")
    page.wait_for_selector('#compare-chart[data-rendered="true"]')
    rows = page.locator("#compare-table tbody tr")
    assert rows.count() == 2
    legend = page.locator("#compare-chart svg .role-legend").text_content()
    assert "Bắc Kạn" in legend and "Hà Nam" in legend
    page.screenshot(path=str(shots / "compare-awards.png"), full_page=True)
    with page.expect_navigation():
        page.select_option("#c-kind", "indicators")
    page.wait_for_selector('#compare-chart[data-rendered="true"]')
    page.screenshot(path=str(shots / "compare-indicators.png"), full_page=True)


def test_chart_downloads_as_png_and_svg(page, served):
    page.goto(served + "/khen-thuong")
    page.wait_for_selector('#award-chart[data-rendered="true"]')
    for kind, magic in (("png", b"\x89PNG"), ("svg", b"<svg")):
        with page.expect_download() as info:
            page.click(f'.chart-actions a[data-download="{kind}"]')
        body = Path(info.value.path()).read_bytes()
        assert info.value.suggested_filename == f"khen-thuong.{kind}"
        assert body.lstrip()[:4] == magic or magic in body[:200]


def test_chart_legend_fits_a_phone_and_keeps_whole_names(page, served, shots):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(served + "/khen-thuong")
    page.wait_for_selector('#award-chart[data-rendered="true"]')
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    legend = page.locator("#award-chart svg .role-legend")
    box = legend.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1
    assert "Bằng khen của UBND tỉnh" in legend.text_content()  # not cut to "Bằng khen c…"
    page.screenshot(path=str(shots / "award-trends-phone.png"), full_page=True)


def test_print_view_of_a_bloc_and_of_awards(page, served, shots):
    page.goto(served + "/tinh/Bắc Kạn")
    page.get_by_role("link", name=KTKT).click()
    page.wait_for_selector("#timeline")
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    assert not page.locator("[data-print]").first.is_visible()
    assert page.locator("#timeline").is_visible()
    page.screenshot(path=str(shots / "bloc-print.png"), full_page=True)
    page.pdf(path=str(shots / "bloc-print.pdf"))
    page.goto(served + "/khen-thuong?province=B%E1%BA%AFc%20K%E1%BA%A1n")
    page.wait_for_selector('#award-chart[data-rendered="true"]')
    assert not page.locator("#award-filters").is_visible()
    assert page.locator("#award-table").is_visible()
    page.pdf(path=str(shots / "awards-print.pdf"))
    page.screenshot(path=str(shots / "awards-print.png"), full_page=True)
    page.emulate_media(media="screen")


def test_current_province_and_excel_download(page, served, shots):
    page.goto(served + "/tinh/Th%C3%A1i%20Nguy%C3%AAn")
    assert "Bắc Kạn" in page.locator("#current-note").inner_text()
    page.click("#awards-link")
    page.wait_for_selector('#award-chart[data-rendered="true"]')
    assert page.locator("#award-table tbody tr").count() > 0
    with page.expect_download() as info:
        page.click("#excel-link")
    import openpyxl
    saved = shots / "khen-thuong.xlsx"
    info.value.save_as(saved)
    assert info.value.suggested_filename == "khen-thuong.xlsx"
    book = openpyxl.load_workbook(saved, read_only=True)
    header = next(book.worksheets[0].iter_rows(values_only=True))
    assert "Hình thức khen thưởng" in header
    page.screenshot(path=str(shots / "awards-current-province.png"), full_page=True)

"""The explorer's pages and the API's answers on points an analyst checks: numbers that add
up, current provinces, search, units, comparison, Excel, safe links, strict parameters,
caching. In-process (TestClient) over the demo warehouse and a synthetic one; the browser
tests drive the same pages in Chromium."""
from __future__ import annotations

import copy
import io
import json
import re
from html import unescape

import duckdb
import openpyxl
import pytest
from fastapi.testclient import TestClient

from thidua.warehouse.load import load_records
from thidua.warehouse.synthetic import generate
from thidua.web.app import create_app
from thidua.web.store import open_snapshot

KTKT = "Khối thi đua Kinh tế - Kỹ thuật"


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory):
    """600 synthetic articles of two provinces, one of them with a javascript: URL and one
    without a province: enough sources per person to collapse."""
    records = list(generate(600, seed=21, provinces=["Bắc Kạn", "Hà Nam"]))
    records[0]["url"] = "javascript:alert(1)"
    records[1]["province"] = None
    path = tmp_path_factory.mktemp("syn-web") / "thidua.duckdb"
    stats = load_records(path, records)
    assert stats.ok
    return path, records


@pytest.fixture(scope="module")
def synthetic(synthetic_db):
    with TestClient(create_app(synthetic_db[0])) as c:
        yield c


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


# ---------------------------------------------------------------- numbers that add up

def test_home_rows_add_up_sorted_in_vietnamese_and_load_time_in_vietnam(synthetic,
                                                                       synthetic_db):
    page = synthetic.get("/").text
    counts = [int(n) for n in re.findall(r'<tr data-articles="(\d+)"', page)]
    assert sum(counts) == 600
    assert "Chưa rõ tỉnh" in page  # the article without a province has its row
    names = re.findall(r'<a href="/tinh/[^"]+">([^<]+)</a></td><td>', page)
    assert names == ["Bắc Kạn", "Hà Nam"]  # B before H, and "Bắc" sorts as Vietnamese does
    with duckdb.connect(str(synthetic_db[0]), read_only=True) as con:
        loaded = con.execute("SELECT max(loaded_at) FROM articles").fetchone()[0]
    from datetime import timedelta
    shown = re.search(r'id="stat-loaded">([^<]+)<', page).group(1)
    assert shown == (loaded + timedelta(hours=7)).strftime("%H:%M %d/%m/%Y")
    assert "giờ Việt Nam" in page


def test_vietnamese_collation_orders_provinces_and_names(demo_db):
    snap = open_snapshot(demo_db)
    with snap.cursor() as cur:
        ordered = [r[0] for r in cur.execute(
            "SELECT x FROM (VALUES ('Đà Nẵng'), ('Bắc Kạn'), ('Điện Biên'), ('Hà Nam'), "
            "('Cà Mau'), ('An Giang')) AS t(x) ORDER BY x COLLATE vi").fetchall()]
    assert ordered == ["An Giang", "Bắc Kạn", "Cà Mau", "Đà Nẵng", "Điện Biên", "Hà Nam"]


# ---------------------------------------------------------------- current provinces

def test_a_current_province_shows_its_former_provinces_blocs_with_a_note(client):
    page = client.get("/tinh/Thái Nguyên").text
    assert 'id="current-note"' in page and "Bắc Kạn" in text_of(page)
    assert KTKT in page
    awards = re.search(r'id="awards-link" href="([^"]+)"', page).group(1)
    answer = client.get(unescape(awards))
    assert answer.status_code == 200
    assert 'data-award-type="' in answer.text  # the merged province's awards are found
    indicators = re.search(r'id="indicators-link" href="([^"]+)"', page).group(1)
    assert "province_mode=current" in indicators
    assert 'class="chart-card"' in client.get(unescape(indicators)).text


def test_award_trends_by_stage_year_with_achievement_year(client):
    rows = client.get("/api/v1/award-trends", params={"per_page": 500}).json()["data"]
    assert rows and all("achievement_year" in r and "award_type_label" in r for r in rows)
    assert any(r["year"] != r["achievement_year"] for r in rows if r["achievement_year"])
    labels = {r["status"]: r["status_label"] for r in rows}
    assert labels.get("proposed") == "Đề nghị"
    page = client.get("/khen-thuong", params={"year_axis": "achievement"}).text
    spec = json.loads(re.search(r'id="award-chart-spec">(.*?)</script>', page, re.S).group(1))
    assert spec["encoding"]["x"]["title"] == "Năm thành tích được khen thưởng"
    assert spec["encoding"]["y"]["axis"]["format"] == ",d"  # counts: whole-number ticks
    domain = spec["encoding"]["x"]["scale"]["domain"]
    assert domain == list(range(domain[0], domain[-1] + 1))  # no year skipped


# ---------------------------------------------------------------- strict parameters, caching

@pytest.mark.parametrize("url", ["/khen-thuong?provinc=Bac%20Kan", "/can-bo?nme=lan",
                                 "/api/v1/award-trends?provinc=x", "/api/v1/meta?x=1",
                                 "/bai-viet?pag=2"])
def test_unknown_parameters_are_rejected_by_name(client, url):
    answer = client.get(url)
    assert answer.status_code == 422
    assert re.search(r"provinc|nme|x|pag", answer.text)
    if not url.startswith("/api"):
        assert "tham số không dùng được" in answer.text


@pytest.mark.parametrize("page", ["²", "1" * 5000, "-3", "1e3", "０"])
def test_odd_page_numbers_are_a_4xx(client, page):
    for url in ("/khen-thuong", "/can-bo", "/api/v1/award-trends", "/bai-viet", "/don-vi"):
        answer = client.get(url, params={"page": page, **({"q": "a"} if "can-bo" in url else {})})
        assert 400 <= answer.status_code < 500, (url, answer.status_code)


def test_each_snapshot_has_an_etag_and_answers_304(client):
    first = client.get("/api/v1/meta")
    tag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "no-cache"
    assert client.get("/khen-thuong").headers["ETag"] == tag  # one tag per snapshot
    again = client.get("/api/v1/meta", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    assert client.get("/static/css/app.css").headers["Cache-Control"].startswith("public")


def test_pages_speak_vietnamese_when_a_parameter_is_wrong(client):
    for url, words in (("/khen-thuong?province=Narnia", "không có tỉnh"),
                       ("/khen-thuong?year_from=2023&year_to=2020", "từ năm"),
                       ("/khong-co", "không có trang"), ("/can-bo?province=Narnia", "không có tỉnh")):
        answer = client.get(url)
        assert answer.status_code in (404, 422)
        detail = re.search(r'id="error-detail">([^<]+)<', answer.text).group(1)
        assert words in unescape(detail), detail
        assert "unknown" not in detail and "is after" not in detail


def test_original_link_only_for_http_urls(synthetic, synthetic_db):
    _, records = synthetic_db
    bad = synthetic.get(f"/bai-viet/{records[0]['id']}").text
    assert "javascript:" not in re.findall(r'href="([^"]+)"', bad).__repr__()
    assert 'id="original-link"' not in bad
    good = synthetic.get(f"/bai-viet/{records[2]['id']}").text
    assert f'id="original-link" href="{records[2]["url"]}"' in good


def test_article_page_marks_the_words_of_each_fact_inside_its_sentence(client, demo_db):
    with duckdb.connect(str(demo_db), read_only=True) as con:
        article_id, body = con.execute(
            "SELECT a.article_id, a.body FROM articles AS a JOIN bloc_leadership AS l "
            "USING (article_id) WHERE l.evidence_span_start IS NOT NULL LIMIT 1").fetchone()
    facts = client.get(f"/api/v1/articles/{article_id}").json()["data"]["facts"]
    page = client.get(f"/bai-viet/{article_id}").text
    marked = {}
    for keys, text in re.findall(r'<strong class="words" data-words="([^"]+)">([^<]*)</strong>',
                                 page):
        for key in keys.split():
            marked[key] = marked.get(key, "") + unescape(text)
    checked = 0
    for section, items in facts.items():
        for item in items:
            start, end = item.get("evidence_span_start"), item.get("evidence_span_end")
            if start is None:
                continue
            words = body[start:end]
            # the words lie inside the sentence, and the page marks exactly them
            assert item["evidence_start"] <= start < end <= item["evidence_end"]
            assert marked[f"fact-{section}-{item['item_no']}"] == words
            checked += 1
    assert checked >= 3


# ---------------------------------------------------------------- collapsed sources

def test_long_source_lists_collapse_to_a_count_with_a_link(synthetic):
    people = synthetic.get("/api/v1/officials", params={"per_page": 500}).json()["data"]
    busiest = max(people, key=lambda r: r["articles"])
    assert busiest["articles"] > 5
    page = synthetic.get(f"/can-bo/{busiest['person_id']}").text
    assert re.search(r"<summary>\d+ nguồn</summary>", page)
    more = f"/bai-viet?person_id={busiest['person_id']}"
    assert more in page
    listed = synthetic.get(more).text
    count = int(re.search(r'id="article-total">([\d.]+) bài viết', listed).group(1).replace(".", ""))
    assert count >= busiest["articles"]


# ---------------------------------------------------------------- search, units, officials

def test_search_finds_article_text_units_and_people_without_diacritics(synthetic):
    page = synthetic.get("/tim-kiem", params={"q": "giam doc so y te"}).text
    hits = re.findall(r'<li><a href="/bai-viet/[^"]+">', page)
    assert hits
    snippet = re.search(r'<p class="snippet">(.*?)</p>', page, re.S).group(1)
    marked = [unescape(m).lower() for m in re.findall(r"<mark>([^<]+)</mark>", snippet)]
    assert {"giám", "đốc", "sở", "y", "tế"} & set(marked)
    units = synthetic.get("/tim-kiem", params={"q": "Sở Xây dựng"}).text
    assert re.search(r'id="unit-hits">.*Sở Xây dựng', units, re.S)
    assert synthetic.get("/tim-kiem", params={"q": "so xay dung"}).text.count("/bai-viet/") == \
        units.count("/bai-viet/")


def test_search_ranks_the_phrase_first(tmp_path):
    body_phrase = "Hội nghị có Giám đốc Sở Y tế phát biểu về công tác thi đua."
    body_apart = "Sở Nội vụ báo cáo; giám định y khoa xong; đốc thúc các đơn vị; tế bào."
    records = [{"id": "apart", "title": "Tin A", "body": body_apart},
               {"id": "phrase", "title": "Tin B", "body": body_phrase}]
    path = tmp_path / "s.duckdb"
    load_records(path, records)
    from thidua.warehouse import search
    total, hits = search.search(path, "giam doc so y te")
    assert total == 2 and [h[0] for h in hits] == ["phrase", "apart"]
    load_records(path, [dict(records[1], body="Tin đã sửa, không còn cụm từ ấy.")])
    total, hits = search.search(path, "giam doc so y te")
    assert [h[0] for h in hits] == ["apart"]  # the replaced text is forgotten


def test_units_page_and_unit_page(synthetic):
    page = synthetic.get("/don-vi", params={"q": "so xay dung"}).text
    link = re.search(r'<a href="(/don-vi/[0-9a-f]+)">Sở Xây dựng</a>', page).group(1)
    unit = synthetic.get(link).text
    assert 'id="unit-name">Sở Xây dựng<' in unit
    assert "Tải Excel" in page


def test_officials_by_province_alone(synthetic):
    page = synthetic.get("/can-bo", params={"province": "Hà Nam"}).text
    total = int(re.search(r'id="official-total">(\d+) người', page).group(1))
    assert total > 5
    api = synthetic.get("/api/v1/people", params={"q": "n", "province": "Hà Nam"}).json()
    assert api["total"] <= total


# ---------------------------------------------------------------- comparison

def test_comparison_table_and_chart_for_awards_and_indicators(synthetic):
    page = synthetic.get("/so-sanh", params=[("province", "Bắc Kạn"), ("province", "Hà Nam")]).text
    assert re.findall(r'<tr data-series="([^"]+)">', page) == ["Bắc Kạn", "Hà Nam"]
    assert 'id="compare-chart"' in page
    spec = json.loads(re.search(r'id="compare-chart-spec">(.*?)</script>', page, re.S).group(1))
    assert {v["series"] for v in spec["data"]["values"]} == {"Bắc Kạn", "Hà Nam"}
    totals = synthetic.get("/api/v1/award-trends", params={"province": "Hà Nam", "per_page": 500,
                                                            "year_from": 2020,
                                                            "year_to": 2020}).json()["data"]
    cell = re.search(r'<tr data-series="Hà Nam">(.*?)</tr>', page, re.S).group(1)
    years = re.findall(r'<th class="num">(\d{4})</th>', page)
    values = re.findall(r'<td class="num">([^<]*)</td>', cell)
    shown = dict(zip(years, values))
    assert shown["2020"].replace(".", "") == str(sum(r["count"] for r in totals))
    indicators = synthetic.get("/so-sanh", params=[("kind", "indicators"), ("province", "Bắc Kạn"),
                                                   ("province", "Hà Nam")]).text
    assert len(re.findall(r'<tr data-series=', indicators)) >= 2


# ---------------------------------------------------------------- Excel

@pytest.mark.parametrize("url", ["/khen-thuong", "/chi-tieu", "/can-bo?q=nguyen",
                                 "/don-vi", "/bai-viet", "/tinh/Bắc Kạn"])
def test_every_table_page_offers_excel_with_vietnamese_names(client, url):
    page = client.get(url).text
    link = unescape(re.search(r'id="excel-link" href="([^"]+)"', page).group(1))
    answer = client.get(link)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(answer.content), read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows and all(isinstance(h, str) for h in rows[0])
    assert not {"province", "award_type", "status", "sources"} & set(rows[0])


def test_excel_of_award_trends_carries_labels(client):
    answer = client.get("/api/v1/award-trends", params={"format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(answer.content), read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    header = rows[0]
    assert "Hình thức khen thưởng" in header and "Năm thành tích" in header
    kinds = {r[header.index("Hình thức khen thưởng")] for r in rows[1:]}
    assert "Bằng khen của UBND tỉnh" in kinds
    assert {r[header.index("Trạng thái")] for r in rows[1:]} <= {"Đề nghị", "Suy tôn, bình xét",
                                                                "Đã trao tặng"}


# ---------------------------------------------------------------- read-only

def test_the_servers_connection_reaches_nothing_but_the_warehouse(demo_db):
    snap = open_snapshot(demo_db)
    with snap.cursor() as cur:
        for sql in ("SELECT * FROM read_csv('/etc/passwd')", "COPY (SELECT 1) TO '/tmp/x.csv'",
                    "INSTALL httpfs", "SET enable_external_access = true",
                    "PRAGMA profiling_output = '/tmp/p.txt'"):
            with pytest.raises(duckdb.Error):
                cur.execute(sql)
        assert cur.execute("SELECT count(*) FROM articles").fetchone()[0] == 13


def test_a_snapshot_copies_nothing_into_memory(demo_db):
    snap = open_snapshot(demo_db)
    tables = snap.con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = 'memory'"
                              ).fetchone()[0]
    assert tables == 0
    # sanity: the same pages work against the copy of records as loaded
    assert copy.copy(snap.info)["articles"] == 13

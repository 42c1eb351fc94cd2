"""The JSON API of `thidua serve` over the real demo warehouse (crawled, extracted, loaded).

The app runs in-process through Starlette's TestClient (httpx): the same ASGI app uvicorn
serves, reading a real DuckDB file read-only. The browser tests start the real server.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import threading
import time

import duckdb
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from thidua.web.app import create_app

KTKT = "Khối thi đua Kinh tế - Kỹ thuật"
LEADER_2021 = "Ban Quản lý dự án đầu tư xây dựng công trình giao thông"
CONFLICTING_2021 = "Sở Giao thông vận tải"
DEPUTY_2021 = "Ban Quản lý Vườn Quốc gia Ba Bể"


@pytest.fixture(scope="module")
def ktkt_id(client) -> str:
    rows = client.get("/api/v1/blocs", params={"province": "Bắc Kạn", "q": "kinh te - ky thuat"}
                      ).json()["data"]
    assert [r["name"] for r in rows] == [KTKT]
    return rows[0]["bloc_id"]


def get(client, url, expect=200, **params):
    response = client.get(url, params=params)
    assert response.status_code == expect, response.text
    return response.json() if "json" in response.headers["content-type"] else response


# ---------------------------------------------------------------- provenance and summary

def test_meta_says_what_is_loaded_and_by_which_extractor(client, demo_db):
    response = client.get("/api/v1/meta")
    body = response.json()
    assert body["data"]["articles"] == 13
    assert body["data"]["provinces"] == 2
    with duckdb.connect(str(demo_db), read_only=True) as con:
        versions = [r[0] for r in con.execute(
            "SELECT DISTINCT extractor_version FROM articles ORDER BY 1").fetchall()]
        loaded = con.execute("SELECT max(loaded_at) FROM articles").fetchone()[0]
    assert body["extractor_versions"] == versions
    assert body["loaded_at"].startswith(loaded.isoformat()[:19])
    assert response.headers["X-Thidua-Extractor"] == ", ".join(versions)
    assert response.headers["X-Thidua-Loaded-At"].startswith(loaded.isoformat()[:19])
    assert response.headers["X-Thidua-Schema"] == str(body["schema_version"])


def test_provinces_show_written_and_current_names(client):
    rows = {r["province"]: r for r in get(client, "/api/v1/provinces")["data"]}
    assert rows["Bắc Kạn"]["current_province"] == "Thái Nguyên"
    assert rows["Hà Nam"]["current_province"] == "Ninh Bình"
    assert rows["Bắc Kạn"]["khoi"] >= 2 and rows["Bắc Kạn"]["articles"] == 7


# ---------------------------------------------------------------- analyst views

def test_bloc_leadership_filters(client, ktkt_id):
    rows = get(client, "/api/v1/bloc-leadership", bloc_id=ktkt_id)["data"]
    assert {r["year"] for r in rows} == {2020, 2021, 2023}
    y2021 = [r for r in rows if r["year"] == 2021]
    assert {r["leader"] for r in y2021} == {LEADER_2021, CONFLICTING_2021}
    assert {r["deputy"] for r in y2021} == {DEPUTY_2021}
    assert all(r["conflict"] for r in y2021)
    assert all(r["sources"] for r in rows)

    by_year = get(client, "/api/v1/bloc-leadership", bloc_id=ktkt_id, year_from=2021,
                  year_to=2021)["data"]
    assert by_year == y2021
    assert get(client, "/api/v1/bloc-leadership", bloc_id=ktkt_id, conflict=True)["data"] == y2021
    written = get(client, "/api/v1/bloc-leadership", province="bac kan")["data"]
    current = get(client, "/api/v1/bloc-leadership", current_province="Thái Nguyên")["data"]
    assert written and written == current
    assert {r["province"] for r in written} == {"Bắc Kạn"}
    assert {r["status"] for r in get(client, "/api/v1/bloc-leadership",
                                     status="elected")["data"]} == {"elected"}
    named = get(client, "/api/v1/bloc-leadership", bloc="khoi thi dua kinh te - ky thuat")["data"]
    assert {r["bloc_id"] for r in named} == {ktkt_id}


def test_award_trends_filters_and_pagination(client, ktkt_id):
    everything = get(client, "/api/v1/award-trends", per_page=500)
    rows = everything["data"]
    assert everything["total"] == len(rows) > 5
    flags = get(client, "/api/v1/award-trends", award_type="provincial_emulation_flag")["data"]
    assert flags and {r["award_type"] for r in flags} == {"provincial_emulation_flag"}
    assert len(flags) < len(rows)
    voted = get(client, "/api/v1/award-trends", status="voted")["data"]
    assert voted and {r["status"] for r in voted} == {"voted"}
    years = get(client, "/api/v1/award-trends", year_from=2019, year_to=2020)["data"]
    assert years and {r["year"] for r in years} <= {2019, 2020}
    ha_nam = get(client, "/api/v1/award-trends", province="Hà Nam")["data"]
    assert ha_nam == get(client, "/api/v1/award-trends", current_province="ninh binh")["data"]
    assert {r["province"] for r in ha_nam} == {"Hà Nam"}
    bloc = get(client, "/api/v1/award-trends", bloc_id=ktkt_id)["data"]
    assert bloc and {r["bloc"] for r in bloc} == {KTKT}

    paged = []
    for page in range(1, 100):
        answer = get(client, "/api/v1/award-trends", per_page=3, page=page)
        assert answer["page"] == page and answer["per_page"] == 3
        assert answer["total"] == len(rows)
        if not answer["data"]:
            break
        paged += answer["data"]
    assert paged == rows


def test_indicator_series_filters(client):
    industry = get(client, "/api/v1/indicator-series", indicator="gia tri san xuat cong nghiep")
    assert {(r["province"], r["value"]) for r in industry["data"]} == {
        ("Bắc Kạn", 1334.251), ("Hà Nam", 108500.0)}
    kim_bang = get(client, "/api/v1/indicator-series", region="Kim Bảng")["data"]
    assert kim_bang and {r["region"] for r in kim_bang} == {"huyện Kim Bảng"}
    y2022 = get(client, "/api/v1/indicator-series", year_from=2022, year_to=2022)["data"]
    assert y2022 and {r["period"] for r in y2022} == {"2022"}
    assert {r["province"] for r in get(client, "/api/v1/indicator-series",
                                       province="Bắc Kạn")["data"]} == {"Bắc Kạn"}


def test_officials_search_ignores_diacritics_and_tone_placement(client):
    plain = get(client, "/api/v1/officials", q="nguyen thi lan")["data"]
    assert plain and {r["person"] for r in plain} == {"Nguyễn Thị Lan"}
    assert get(client, "/api/v1/officials", q="NGUYỄN THỊ LAN")["data"] == plain
    # Old tone placement (Hoà) finds the name written with the new one (Hòa), and back.
    old = get(client, "/api/v1/officials", q="Lục Văn Hoà")["data"]
    assert old and {r["person"] for r in old} == {"Lục Văn Hòa"}
    assert get(client, "/api/v1/officials", q="luc van hoa")["data"] == old
    assert get(client, "/api/v1/officials", q="nguyen", year_from=2023)["data"]
    assert not get(client, "/api/v1/officials", q="nguyen thi lan", year_to=2020)["data"]
    person = plain[0]["person_id"]
    assert {r["person_id"] for r in get(client, "/api/v1/officials",
                                        person_id=person)["data"]} == {person}


def test_coverage_counts_every_article(client):
    rows = get(client, "/api/v1/coverage", per_page=500)["data"]
    assert sum(r["articles"] for r in rows) == 13
    y2021 = get(client, "/api/v1/coverage", year_from=2021, year_to=2021)["data"]
    assert y2021 and all(r["month"].startswith("2021-") for r in y2021)


# ---------------------------------------------------------------- entities

def test_bloc_detail_links_each_holder_to_its_sentence(client, ktkt_id):
    bloc = get(client, f"/api/v1/blocs/{ktkt_id}")["data"]
    assert bloc["name"] == KTKT and bloc["province"] == "Bắc Kạn"
    assert bloc["current_province"] == "Thái Nguyên"
    assert "KT-KT" in bloc["aliases"]
    row = next(r for r in bloc["history"] if r["year"] == 2021 and r["leader"] == LEADER_2021)
    assert row["conflict"] and row["deputy"] == DEPUTY_2021 and row["leader_facts"]
    for fact in row["leader_facts"]:
        article = get(client, f"/api/v1/articles/{fact['article_id']}")["data"]
        item = next(i for i in article["facts"]["bloc_leadership"]
                    if i["item_no"] == fact["item_no"])
        assert item["role"] == "leader" and item["year"] == 2021
        assert article["body"][item["evidence_start"]:item["evidence_end"]] == item["evidence_text"]
    assert bloc["events"] and bloc["awards"]
    assert get(client, "/api/v1/blocs/0000000000000000", expect=404)["detail"].startswith("no bloc")


def test_blocs_and_units_lists(client):
    blocs = get(client, "/api/v1/blocs", per_page=500)
    assert blocs["total"] == len(blocs["data"]) >= 4
    cum = get(client, "/api/v1/blocs", kind="cum")["data"]
    assert cum and {b["kind"] for b in cum} == {"cum"}
    units = get(client, "/api/v1/units", q="nong nghiep va phat trien nong thon",
                province="Bắc Kạn")["data"]
    names = {u["name"] for u in units}
    assert "Sở Nông nghiệp và Phát triển nông thôn" in names
    unit = next(u for u in units if u["name"] == "Sở Nông nghiệp và Phát triển nông thôn")
    detail = get(client, f"/api/v1/units/{unit['unit_id']}")["data"]
    assert detail["unit_id"] == unit["unit_id"]
    get(client, "/api/v1/units/ffffffffffffffff", expect=404)


def test_people_search_and_person_page(client):
    hits = get(client, "/api/v1/people", q="nguyen thi lan")
    assert [p["name"] for p in hits["data"]] == ["Nguyễn Thị Lan"]
    person = get(client, f"/api/v1/people/{hits['data'][0]['person_id']}")["data"]
    assert {t["title"] for t in person["titles"]} >= {"Giám đốc"}
    assert person["appearances"] and person["appearances"][0]["event_type"]
    get(client, "/api/v1/people", q=" ", expect=422)
    get(client, "/api/v1/people", expect=422)
    get(client, "/api/v1/people/ffffffffffffffff", expect=404)


# ---------------------------------------------------------------- articles and sections

def test_articles_list_and_detail(client):
    listed = get(client, "/api/v1/articles", per_page=500)
    assert listed["total"] == 13
    ha_nam = get(client, "/api/v1/articles", province="ha nam")["data"]
    assert ha_nam and {a["province"] for a in ha_nam} == {"Hà Nam"}
    found = get(client, "/api/v1/articles", q="ky ket giao uoc")["data"]
    assert found and all("ký kết giao ước" in a["title"].lower() for a in found)
    assert {a["published"][:4] for a in get(client, "/api/v1/articles", year_from=2023)["data"]} \
        == {"2023"}
    detail = get(client, f"/api/v1/articles/{found[0]['article_id']}")["data"]
    assert set(detail["facts"]) >= {"events", "blocs", "people", "awards", "bloc_leadership",
                                    "indicators", "documents", "movements"}
    for items in detail["facts"].values():
        for item in items:
            if item.get("evidence_text") is not None:
                span = detail["body"][item["evidence_start"]:item["evidence_end"]]
                assert span == item["evidence_text"]
    get(client, "/api/v1/articles/not-there", expect=404)


@pytest.mark.parametrize("section", ["events", "blocs", "people", "awards", "bloc_leadership",
                                     "indicators", "documents", "movements"])
def test_every_section_lists_its_facts(client, section):
    answer = get(client, f"/api/v1/sections/{section}", per_page=500)
    assert answer["total"] == len(answer["data"]) > 0
    first = answer["data"][0]
    assert {"article_id", "item_no", "evidence_text", "province", "published"} <= set(first)
    one = get(client, f"/api/v1/sections/{section}", article_id=first["article_id"])["data"]
    assert one and {r["article_id"] for r in one} == {first["article_id"]}


def test_section_filters(client):
    voted = get(client, "/api/v1/sections/awards", status="voted")["data"]
    assert voted and {r["status"] for r in voted} == {"voted"}
    flags = get(client, "/api/v1/sections/awards", type="government_emulation_flag")["data"]
    assert flags and {r["type"] for r in flags} == {"government_emulation_flag"}
    pacts = get(client, "/api/v1/sections/events", type="pact_signing")["data"]
    assert pacts and {r["type"] for r in pacts} == {"pact_signing"}
    deputies = get(client, "/api/v1/sections/bloc_leadership", role="deputy", year_from=2021,
                   year_to=2021)["data"]
    assert deputies and {(r["role"], r["year"]) for r in deputies} == {("deputy", 2021)}
    assert {r["bloc"] for r in get(client, "/api/v1/sections/events", bloc=KTKT)["data"]} == {KTKT}
    assert {r["province"] for r in get(client, "/api/v1/sections/people",
                                       province="Hà Nam")["data"]} == {"Hà Nam"}
    # A filter the section has no column for is an error, not silently ignored.
    response = client.get("/api/v1/sections/people", params={"status": "voted"})
    assert response.status_code == 422 and "does not apply" in response.json()["detail"]
    response = client.get("/api/v1/sections/awards", params={"type": "golden_medal"})
    assert response.status_code == 422 and "government_emulation_flag" in response.json()["hint"]
    response = client.get("/api/v1/sections/awards", params={"status": "serving"})
    assert response.status_code == 422
    assert client.get("/api/v1/sections/articles").status_code == 422


# ---------------------------------------------------------------- downloads

@pytest.mark.parametrize("path", ["/api/v1/bloc-leadership", "/api/v1/award-trends",
                                  "/api/v1/indicator-series", "/api/v1/officials",
                                  "/api/v1/coverage", "/api/v1/blocs", "/api/v1/units",
                                  "/api/v1/articles", "/api/v1/sections/awards"])
def test_csv_and_parquet_downloads_hold_every_matching_row(client, path):
    total = get(client, path, per_page=1)["total"]
    response = client.get(path, params={"format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.headers["X-Thidua-Extractor"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) - 1 == total
    response = client.get(path, params={"format": "parquet"})
    assert response.headers["content-type"] == "application/vnd.apache.parquet"
    table = pq.read_table(io.BytesIO(response.content))
    assert table.num_rows == total
    assert table.column_names == rows[0]


def test_csv_download_keeps_filters_and_vietnamese(client):
    response = client.get("/api/v1/award-trends",
                          params={"format": "csv", "province": "Bắc Kạn",
                                  "award_type": "provincial_emulation_flag"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows and {(r["province"], r["award_type"]) for r in rows} == {
        ("Bắc Kạn", "provincial_emulation_flag")}


# ---------------------------------------------------------------- bad parameters

@pytest.mark.parametrize("params", [
    {"year_from": "abc"}, {"year_from": "2021.5"}, {"year_from": "1800"}, {"year_to": "30000"},
    {"year_from": "2023", "year_to": "2020"}, {"per_page": "0"}, {"per_page": "501"},
    {"page": "0"}, {"page": "-1"}, {"format": "xml"}, {"award_type": "gold"},
    {"status": "done"}, {"bloc_id": "x' OR '1'='1"}, {"province": "x\x00y"},
])
def test_bad_parameters_get_a_clear_422(client, params):
    response = client.get("/api/v1/award-trends", params=params)
    assert response.status_code == 422, response.text
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    name = next(iter(params))
    assert name in body["detail"] or "year_from" in body["detail"]


@pytest.mark.parametrize("path", ["/api/v1/award-trends", "/api/v1/bloc-leadership",
                                  "/api/v1/officials", "/api/v1/indicator-series",
                                  "/api/v1/articles", "/api/v1/blocs"])
def test_unknown_province_lists_the_known_ones(client, path):
    response = client.get(path, params={"province": "Narnia"})
    assert response.status_code == 422
    body = response.json()
    assert "Narnia" in body["detail"] and "Bắc Kạn" in body["hint"]
    assert len(body["hint"]) >= 63  # every former province, loaded or not
    current = client.get(path, params={"current_province": "Bắc Kạn"})  # merged away in 2025
    assert current.status_code == 422 and "Thái Nguyên" in current.json()["hint"]


SQL_LIKE = ["' OR 1=1 --", "Bắc Kạn'; DROP TABLE articles; --", "%", "_", "\\", "\" OR \"\"=\"",
            "1); DELETE FROM articles WHERE (1=1", "Bắc Kạn' UNION SELECT body FROM articles --"]


@pytest.mark.parametrize("text", SQL_LIKE)
def test_sql_looking_input_is_only_data(client, demo_db, text):
    # As a province: unknown province, not a query.
    response = client.get("/api/v1/award-trends", params={"province": text})
    assert response.status_code == 422 and "unknown province" in response.json()["detail"]
    # As search text: matched literally (LIKE wildcards escaped), so nothing is found.
    for path in ("/api/v1/officials", "/api/v1/people", "/api/v1/articles", "/api/v1/blocs"):
        answer = get(client, path, q=text)
        assert answer["data"] == [] and answer["total"] == 0, path
    # As an id in the path: not found (or refused by its pattern), never an error.
    response = client.get(f"/api/v1/blocs/{text}")
    assert response.status_code in (404, 422)
    with duckdb.connect(str(demo_db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 13


def test_unknown_paths_and_methods(client):
    assert client.get("/api/v1/nothing").status_code == 404
    assert client.get("/api/v1/nothing").json()["detail"].startswith("no such page")
    assert client.post("/api/v1/award-trends").status_code == 405


# ---------------------------------------------------------------- OpenAPI

def test_openapi_document_describes_every_endpoint(client):
    spec = get(client, "/api/v1/openapi.json")
    paths = set(spec["paths"])
    assert paths == {
        "/api/v1/meta", "/api/v1/provinces", "/api/v1/bloc-leadership", "/api/v1/award-trends",
        "/api/v1/indicator-series", "/api/v1/officials", "/api/v1/coverage", "/api/v1/blocs",
        "/api/v1/blocs/{bloc_id}", "/api/v1/units", "/api/v1/units/{unit_id}", "/api/v1/people",
        "/api/v1/people/{person_id}", "/api/v1/articles", "/api/v1/articles/{article_id}",
        "/api/v1/sections/{section}"}
    trends = spec["paths"]["/api/v1/award-trends"]["get"]
    params = {p["name"] for p in trends["parameters"]}
    assert params == {"province", "current_province", "bloc_id", "award_type", "status",
                      "year_from", "year_to", "page", "per_page", "format"}
    content = trends["responses"]["200"]["content"]
    assert {"application/json", "text/csv", "application/vnd.apache.parquet"} <= set(content)
    assert trends["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ErrorOut")
    schemas = spec["components"]["schemas"]
    assert "BlocLeadershipRow" in schemas and "conflict" in schemas["BlocLeadershipRow"]["properties"]
    # No page of the app loads anything from elsewhere: the docs UI (a CDN) is not served.
    assert client.get("/docs").status_code == 404


def test_every_documented_endpoint_answers(client, ktkt_id):
    ids = {"bloc_id": ktkt_id,
           "unit_id": get(client, "/api/v1/units")["data"][0]["unit_id"],
           "person_id": get(client, "/api/v1/people", q="nguyen")["data"][0]["person_id"],
           "article_id": get(client, "/api/v1/articles")["data"][0]["article_id"],
           "section": "awards"}
    spec = get(client, "/api/v1/openapi.json")
    for path in spec["paths"]:
        url = path.format(**ids)
        params = {"q": "nguyen"} if path == "/api/v1/people" else {}
        response = client.get(url, params=params)
        assert response.status_code == 200, (url, response.text)
        assert response.headers["X-Thidua-Extractor"]
        assert response.json()["extractor_versions"]


# ---------------------------------------------------------------- the warehouse file

def test_missing_warehouse_is_a_503_that_says_what_to_do(tmp_path):
    with TestClient(create_app(tmp_path / "none.duckdb")) as c:
        response = c.get("/api/v1/meta")
        assert response.status_code == 503
        assert "thidua load" in response.json()["detail"]
        assert response.headers["Retry-After"]
        page = c.get("/")
        assert page.status_code == 503 and "thidua load" in page.text


def test_old_schema_is_a_503_naming_the_upgrade(tmp_path):
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
        con.execute("INSERT INTO meta VALUES ('warehouse_schema_version', '1')")
    with TestClient(create_app(path)) as c:
        response = c.get("/api/v1/award-trends")
        assert response.status_code == 503
        assert "schema v1" in response.json()["detail"] and "thidua" in response.json()["detail"]


def test_file_held_by_a_writer_is_a_503_not_a_500(tmp_path, demo_db):
    path = tmp_path / "held.duckdb"
    shutil.copy(demo_db, path)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys; con = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
         "sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with TestClient(create_app(path)) as c:
            started = time.monotonic()
            response = c.get("/api/v1/meta")
            assert response.status_code == 503
            assert "load" in response.json()["detail"]
            assert time.monotonic() - started < 10
    finally:
        holder.stdin.close()
        holder.wait(10)
    # Once the writer is gone the same server answers.
    with TestClient(create_app(path)) as c:
        assert c.get("/api/v1/meta").status_code == 200


def test_a_load_swaps_in_whole_and_readers_never_see_half(tmp_path, demo_db):
    """Requests during a load see the warehouse before it or after it, nothing between."""
    from thidua.warehouse import load_records
    from thidua.warehouse.synthetic import generate

    path = tmp_path / "live.duckdb"
    shutil.copy(demo_db, path)
    extra = list(generate(40, seed=7, provinces=["Bắc Kạn"]))
    seen: list[tuple[int, int]] = []
    errors: list[str] = []
    stop = threading.Event()
    with TestClient(create_app(path)) as c:
        def read() -> None:
            while not stop.is_set():
                meta = c.get("/api/v1/meta")
                listed = c.get("/api/v1/articles", params={"per_page": 1})
                if meta.status_code != 200 or listed.status_code != 200:
                    errors.append(f"{meta.status_code} {listed.status_code}")
                    continue
                # Both numbers come from one snapshot each; each is a whole state.
                seen.append((meta.json()["data"]["articles"], listed.json()["total"]))

        readers = [threading.Thread(target=read) for _ in range(3)]
        for t in readers:
            t.start()
        time.sleep(0.3)
        stats = load_records(path, extra)
        assert stats.loaded == 40
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if c.get("/api/v1/meta").json()["data"]["articles"] == 53:
                break
            time.sleep(0.1)
        time.sleep(0.3)
        stop.set()
        for t in readers:
            t.join()
        assert not errors
        assert {n for pair in seen for n in pair} <= {13, 53}
        assert seen[0] == (13, 13) and (53, 53) in seen
        assert c.get("/api/v1/meta").json()["data"]["articles"] == 53
    assert os.path.exists(path)


# ---------------------------------------------------------------- pages

@pytest.mark.parametrize(("url", "status"), [
    ("/", 200), ("/tinh/bac kan", 200), ("/tinh/Thái Nguyên", 200), ("/khen-thuong", 200),
    ("/chi-tieu", 200), ("/can-bo?q=nguyen", 200), ("/tim-kiem?q=%25_", 200), ("/api", 200),
    ("/tinh/Narnia", 404), ("/tinh/%00", 422), ("/khoi/" + "f" * 100, 404),
    ("/khen-thuong?page=abc", 422), ("/khen-thuong?province_mode=x", 422),
    ("/khen-thuong?bloc_id=%27", 422), ("/khen-thuong?year_from=2023&year_to=2020", 422),
    ("/khen-thuong?award_type=gold", 422), ("/can-bo?q=%00", 422),
    ("/can-bo?q=a&province=Narnia", 422), ("/chi-tieu?year_from=1", 422),
    ("/bai-viet/x'%20OR%201=1", 404), ("/can-bo/%20", 404), ("/static/../app.py", 404),
])
def test_pages_answer_every_input_without_a_server_error(client, url, status):
    response = client.get(url)
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    if status == 200 and url != "/api":  # /api lists endpoints, reading no warehouse
        assert response.headers["X-Thidua-Extractor"]
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_pages_keep_filters_in_links_and_downloads(client, ktkt_id):
    page = client.get("/khen-thuong", params={"province": "bac kan", "bloc_id": ktkt_id,
                                              "award_type": "provincial_emulation_flag"}).text
    assert ("/api/v1/award-trends?province=B%E1%BA%AFc+K%E1%BA%A1n&amp;bloc_id=" + ktkt_id
            + "&amp;award_type=provincial_emulation_flag&amp;format=csv") in page
    assert 'data-award-type="provincial_emulation_flag"' in page
    assert 'data-award-type="provincial_certificate_of_merit"' not in page

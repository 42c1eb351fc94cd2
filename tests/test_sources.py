"""The crawler's site registry: the shipped file, the offline checks, `thidua sources`."""
from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from thidua.cli import main
from thidua.crawler.sources import (
    SOURCES_FILE, Source, SourcesError, check_file, check_source, load_sources,
    province_canonical, select,
)

SAMPLE_SITE = SOURCES_FILE.with_name("sample_site")

# Article addresses seen in stored copies of the sites' pages (and in the dev passages'
# metadata) when the entries were written: each entry's article_pattern must accept them.
SEEN_ARTICLES = {
    "baobackan": [
        "https://baobackan.com.vn/cum-thi-dua-khen-thuong-cac-huyen-thanh-pho-ky-giao-uoc-thi-dua-nam-2024-post59788.html",
        "https://baobackan.vn/tang-bang-khen-cho-tap-the-ca-nhan-co-thanh-tich-trong-cac-hoat-dong-ky-niem-80-nam-thanh-lap-qdnd-viet-nam-post68550.html",
    ],
    "thainguyen-tv": ["https://thainguyentv.vn/tong-ket-cong-tac-dan-van-cum-thi-dua-so-3-91013.html"],
    "baohanam": [
        "https://baohanam.com.vn/xa-hoi/26-gia-dinh-liet-sy-tieu-bieu-thi-xa-duy-tien-duoc-nhan-huan-chuong-doc-lap-hang-ba-34673.html",
        "https://baohanam.com.vn/kinh-te/cong-nghiep/so-cong-thuong-trien-khai-nhiem-vu-nam-2019-12712.html",
    ],
    "langson-tdkt": [
        "http://thiduakhenthuong.langson.gov.vn/index.php/vi/tintucsukien/cum-thi-dua-5-huyen-bien-gioi-chuc-hoi-nghi-so-ket-cong-tac-thi-dua-khen-thuong-6-1",
        "http://thiduakhenthuong.langson.gov.vn/vi/quyetdinhkhen/quyet-dinh-so-163qd-ubnd-cua-chu-tich-ubnd-tinh-tang-bang-khen-cho-32-tap-vi-da-co",
        "http://thiduakhenthuong.langson.gov.vn/vi/node/314",
    ],
    "gialai-tdkt": [
        "http://thiduakhenthuong.gialai.gov.vn/index.php?option=com_content&view=article&id=301:nang-cao-trach-nhim-nng-lc-tam-va-tm-can-b-lam-cong-tac-thi-ua-khen-thng-hin-nay&catid=141:thong-tin&Itemid=155",
    ],
    "quangnam-portal": ["https://quangnam.gov.vn/webcenter/portal/ubnd/pages_tin-tuc/chi-tiet?dDocName=PORTAL512708"],
    "quangnam-nongson": ["https://nongson.quangnam.gov.vn/webcenter/portal/nongson/pages_tin-tuc/chi-tiet-tin?dDocName=PORTAL556025"],
    "quangtri-bdt": ["http://bdtquangtri.gov.vn/bai-viet/hoi-nghi-ky-ket-giao-uoc-thi-dua-nam-2021-cua-khoi-cac-co-quan-tham-muu-va-quan-ly-nha-nuoc-ve-van-hoa--xa-hoi-168"],
    "vinhphuc-tamduong": ["http://tamduong.vinhphuc.gov.vn/noidung/tintuc/Lists/VanHoaXaHoi/View_Detail.aspx?ItemID=427"],
    "quangninh-portal": ["https://www.quangninh.gov.vn/Trang/ChiTietTinTuc.aspx?nid=113139"],
    "baodongnai": [
        "https://baodongnai.com.vn/chinh-tri/202501/so-tong-ket-8-phong-trao-thi-dua-yeu-nuoc-vao-nam-2025-d4f4dee",
        "http://www.baodongnai.com.vn/tintuc/201903/tong-ket-phong-trao-thi-dua-cac-tinh-dong-nam-bo-2937015/",
    ],
    "baonghean": ["https://baonghean.vn/bao-nghe-an-duoc-tang-co-thi-dua-cua-chinh-phu-post266756.html"],
    "thanhhoa-truyenhinh": ["https://truyenhinhthanhhoa.vn/phien-hop-thuong-ky-lan-thu-hai-hoi-dong-thi-dua-khen-thuong-tinh-thanh-hoa-180241021164946632.htm"],
    # Entries without an article_pattern: the address must still be inside allowed_domains.
    "backan-portal": ["https://backan.gov.vn/Pages/hoat-dong-cua-ubnd-tinh-264/thong-tin-khen-thuong-xu-phat-267/ubnd-tinh-chi-dao-viec-trao-tang-cac-8c9c139aedbdaca0.aspx"],
    "backan-ict": ["https://ict.backan.gov.vn/Pages/thi-dua-khen-thuong-581/huong-dan-khen-thuong-ky-niem-25-nc-943fc88df1669b7c.aspx"],
    "hanam-portal": ["https://hanam.gov.vn/Pages/hoi-nghi-dien-hinh-tien-tien-huyen-kim-bang-giai-doan-2015---2020.aspx"],
    "hanam-lynhan": ["https://lynhan.hanam.gov.vn/Pages/huyen-ly-nhan-tong-ket-phong-trao-thi-dua-va-khen-thuong-nam-2019.aspx"],
    "haiduong-portal": ["https://haiduong.gov.vn/2024/Trang/ky-giao-uoc-thi-dua.aspx"],
    "caobang-portal": ["http://www.caobang.gov.vn/content/k%E1%BA%BF-ho%E1%BA%A1ch"],
}

ENTRY = """
[[source]]
name = "{name}"
title = "Trang thử"
province = "{province}"
kind = "portal"
start_urls = ["https://tinh.example.gov.vn/tin-thi-dua"]
written = "2026-11-23"
{extra}
"""


def registry(tmp_path: Path, *entries: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text("".join(entries), encoding="utf-8")
    return path


def entry(name: str = "thu", province: str = "Hà Nam", extra: str = "") -> str:
    return ENTRY.format(name=name, province=province, extra=extra)


def one(tmp_path: Path, extra: str = "", province: str = "Hà Nam") -> Source:
    return load_sources(registry(tmp_path, entry(extra=extra, province=province)))["thu"]


# ------------------------------------------------------------------ the shipped registry

def test_shipped_registry_loads_and_every_entry_is_clean():
    sources = load_sources()
    assert 25 <= len(sources) <= 40
    problems = {name: check_source(s) for name, s in sources.items()}
    assert problems == {name: [] for name in sources}
    assert check_file(SOURCES_FILE) == problems


def test_shipped_registry_covers_the_seed_provinces_and_twelve_or_more():
    sources = load_sources()
    provinces = {province_canonical(s.province) for s in sources.values()}
    assert None not in provinces and len(provinces) >= 12
    portals = {(s.province, urlsplit(s.start_urls[0]).hostname) for s in sources.values() if s.kind == "portal"}
    assert ("Bắc Kạn", "backan.gov.vn") in portals and ("Hà Nam", "hanam.gov.vn") in portals
    # The seeds' provinces come with departments and districts, and with the provinces
    # they were merged into on 2025-07-01.
    for province in ("Bắc Kạn", "Hà Nam"):
        kinds = {s.kind for s in sources.values() if s.province == province}
        assert {"portal", "department", "district"} <= kinds, province
    assert {"Thái Nguyên", "Ninh Bình"} <= provinces
    assert sum(s.kind != "sample" for s in sources.values()) >= 10 + 10


def test_real_entries_are_dated_unverified_and_say_where_they_came_from():
    for s in load_sources().values():
        if s.kind == "sample":
            continue
        assert s.written is not None and s.written.isoformat() == "2026-11-23", s.name
        assert s.verified is False, s.name
        assert len(s.note) > 30 and s.title, s.name


def test_sample_entry_still_points_at_the_bundled_site():
    sample = load_sources()["sample"]
    assert sample.start_urls == ("http://127.0.0.1:8000/index.html",)
    assert sample.allowed_domains == ("127.0.0.1",)
    assert sample.template == "portal" and sample.kind == "sample"


@pytest.mark.parametrize("name", sorted(SEEN_ARTICLES))
def test_article_patterns_accept_seen_articles_and_not_the_start_pages(name):
    src = load_sources()[name]
    for url in SEEN_ARTICLES[name]:
        host = urlsplit(url).hostname
        assert any(host == d or host.endswith("." + d) for d in src.allowed_domains), url
        if src.article_pattern:
            assert re.search(src.article_pattern, url), url
    if src.article_pattern:
        for url in src.start_urls:
            assert not re.search(src.article_pattern, url), url


def test_sample_selectors_pick_the_parts_of_the_bundled_pages():
    sel = load_sources()["sample"].selectors
    portal = (SAMPLE_SITE / "portal/tin-thi-dua/khoi-ktkt-tong-ket-thi-dua-nam-2020.html").read_text(encoding="utf-8")
    assert select(sel.title, portal) == ["Khối thi đua Kinh tế - Kỹ thuật tổng kết công tác thi đua, khen thưởng năm 2020"]
    assert "11/01/2021" in select(sel.date, portal)[0]
    assert "Cờ thi đua" in select(sel.body, portal)[0]
    assert select(sel.byline, portal) == ["Hà Linh"]
    tdkt = (SAMPLE_SITE / "tdkt/tin-dia-phuong/kim-bang-tong-ket-cong-tac-thi-dua-khen-thuong-nam-2020.html").read_text(encoding="utf-8")
    assert select(sel.title, tdkt) == ["Kim Bảng tổng kết công tác thi đua, khen thưởng năm 2020"]
    assert "13/01/2021" in select(sel.date, tdkt)[0]
    assert select(sel.byline, tdkt) == ["Đài Kim Bảng"]
    # next_page picks the link element itself: the spider reads its href.
    for page, target in [("portal/tin-thi-dua/index.html", "/portal/tin-thi-dua/page-2.html"),
                         ("portal/tin-thi-dua/page-2.html", "/portal/tin-thi-dua/page-3.html"),
                         ("tdkt/tin-dia-phuong/index.html", "/tdkt/tin-dia-phuong/trang-2.html")]:
        links = select(sel.next_page, (SAMPLE_SITE / page).read_text(encoding="utf-8"))
        assert len(links) == 1 and f'href="{target}"' in links[0], page


# ------------------------------------------------------------------ reading a registry

def test_a_typo_in_a_key_is_an_error_naming_the_key_and_the_fix(tmp_path):
    bad = entry().replace("start_urls", "start_url")
    with pytest.raises(SourcesError) as err:
        load_sources(registry(tmp_path, bad))
    msg = str(err.value)
    assert "mine.toml" in msg and "thu" in msg
    assert "unknown key 'start_url'" in msg and "did you mean 'start_urls'" in msg
    nested = entry(extra='selectors = { titel = "h1" }')
    with pytest.raises(SourcesError, match=r"selectors\.titel: unknown key 'titel'; did you mean 'title'"):
        load_sources(registry(tmp_path, nested))


def test_wrong_types_and_missing_keys_name_the_field(tmp_path):
    with pytest.raises(SourcesError, match=r"thu: verified: .*'perhaps'"):
        one(tmp_path, 'verified = "perhaps"')
    with pytest.raises(SourcesError, match=r"thu: written: .*'23/11/2026'"):
        load_sources(registry(tmp_path, entry().replace('"2026-11-23"', '"23/11/2026"')))
    no_province = "\n".join(ln for ln in entry().splitlines() if not ln.startswith("province"))
    with pytest.raises(SourcesError, match=r"thu: province: required key is missing"):
        load_sources(registry(tmp_path, no_province))
    with pytest.raises(SourcesError, match=r"start_urls: give at least one start URL"):
        load_sources(registry(tmp_path, entry().replace('["https://tinh.example.gov.vn/tin-thi-dua"]', "[]")))


def test_duplicate_names_bad_toml_and_a_single_table_are_errors_naming_the_file(tmp_path):
    path = registry(tmp_path, entry(), entry())
    with pytest.raises(SourcesError, match=r"mine\.toml: source 'thu' is defined twice"):
        load_sources(path)
    assert check_file(path)["thu"] == [f"thu: name: defined twice in {path}"]
    with pytest.raises(SourcesError, match=r"mine\.toml: not valid TOML"):
        load_sources(registry(tmp_path, entry(extra='note = "unterminated')))
    with pytest.raises(SourcesError, match=r"write \[\[source\]\], not \[source\]"):
        load_sources(registry(tmp_path, entry().replace("[[source]]", "[source]")))
    with pytest.raises(SourcesError, match="cannot read"):
        load_sources(tmp_path / "absent.toml")


def test_defaults_and_the_optional_template_field(tmp_path):
    src = one(tmp_path)
    assert src.allowed_domains == ("tinh.example.gov.vn",)  # the start URLs' hosts
    assert src.template is None and src.schedule == "weekly" and src.verified is False
    assert one(tmp_path, 'template = "portal"\nfollow_pattern = "tin-thi-dua"').follow_pattern == ("tin-thi-dua",)


def test_env_var_points_at_the_users_registry(tmp_path, monkeypatch):
    path = registry(tmp_path, entry(name="cua-toi"))
    monkeypatch.setenv("THIDUA_SOURCES", str(path))
    assert list(load_sources()) == ["cua-toi"]


# ------------------------------------------------------------------ offline checks

def test_a_clean_entry_has_no_problems(tmp_path):
    src = one(tmp_path, """allowed_domains = ["example.gov.vn"]
article_pattern = '/tin-thi-dua/[a-z0-9-]+\\.html$'
follow_pattern = ['/tin-thi-dua/']
deny_pattern = ['\\?print=1']
selectors = { title = "h1::text", date = "xpath://span[@class='date']/text()", body = "div.noi-dung", byline = "p.tac-gia::text", next_page = "a.next::attr(href)" }
encoding = "cp1258"
schedule = "monthly"
""")
    assert check_source(src) == []


def test_bad_regexes_name_the_field(tmp_path):
    problems = check_source(one(tmp_path, "article_pattern = '(unclosed'\nfollow_pattern = ['ok', '[a-']"))
    assert len(problems) == 2
    assert problems[0].startswith("thu: article_pattern: regex '(unclosed' does not compile")
    assert problems[1].startswith("thu: follow_pattern[1]: regex '[a-' does not compile")


def test_bad_css_and_xpath_selectors_name_the_field(tmp_path):
    problems = check_source(one(tmp_path, 'selectors = { title = "h1[", body = "xpath://div[@class=", date = "span.date::text" }'))
    assert [p.split(":")[1].strip() for p in problems] == ["selectors.title", "selectors.body"]
    assert "CSS selector 'h1[' does not parse" in problems[0]
    assert "XPath" in problems[1] and "does not parse" in problems[1]


def test_start_url_outside_allowed_domains_and_malformed_urls(tmp_path):
    problems = check_source(one(tmp_path, 'allowed_domains = ["hanam.gov.vn"]'))
    assert problems == ["thu: start_urls[0]: host 'tinh.example.gov.vn' is outside allowed_domains ['hanam.gov.vn']"]
    # A subdomain of an allowed domain is inside it, as for the spider.
    assert check_source(one(tmp_path, 'allowed_domains = ["example.gov.vn"]')) == []
    bad = entry().replace("https://tinh.example.gov.vn/tin-thi-dua", "tinh.example.gov.vn/tin")
    problems = check_source(load_sources(registry(tmp_path, bad))["thu"])
    assert problems == ["thu: start_urls[0]: 'tinh.example.gov.vn/tin' is not an absolute http(s) URL"]
    problems = check_source(one(tmp_path, 'allowed_domains = ["https://tinh.example.gov.vn/"]'))
    assert problems[0].startswith("thu: allowed_domains[0]: 'https://tinh.example.gov.vn/' is not a bare host name")


def test_province_is_matched_without_tone_marks_and_unknown_ones_are_flagged(tmp_path):
    for spelling in ("Ha Nam", "tỉnh Hà Nam", "HÀ NAM", "TP. Hồ Chí Minh", "Thua Thien Hue", "Bà Rịa-Vũng Tàu"):
        assert check_source(one(tmp_path, province=spelling)) == [], spelling
    assert province_canonical("tp ho chi minh") == "Thành phố Hồ Chí Minh"
    problems = check_source(one(tmp_path, province="Hà Nan"))
    assert problems == ["thu: province: 'Hà Nan' is not a province in extract/lexicon/provinces.tsv; did you mean 'Hà Nam'?"]
    assert check_source(one(tmp_path, province="Xứ Đoài"))[0].startswith("thu: province: 'Xứ Đoài' is not a province")


def test_schedule_kind_encoding_name_and_written_are_checked(tmp_path):
    text = entry(extra='schedule = "weekley"\nencoding = "vni-windows"').replace('kind = "portal"', 'kind = "blog"')
    problems = check_source(load_sources(registry(tmp_path, text))["thu"])
    assert problems[0] == ("thu: kind: 'blog' is not one of portal, department, district, emulation-board, "
                           "newspaper, sample")
    assert problems[1] == "thu: schedule: 'weekley' is not one of daily, weekly, monthly; did you mean 'weekly'?"
    assert problems[2].startswith("thu: encoding: 'vni-windows' is not an encoding")
    src = load_sources(registry(tmp_path, entry(name="Trang_Thu").replace('written = "2026-11-23"\n', "")))["Trang_Thu"]
    assert [p.split(":")[1].strip() for p in check_source(src)] == ["name", "written"]


def test_check_file_reports_each_entry_on_its_own(tmp_path):
    path = registry(tmp_path, entry(name="tot"), entry(name="hong").replace("province", "provinse"),
                    entry(name="sai", extra="article_pattern = '('"))
    report = check_file(path)
    assert report["tot"] == []
    assert report["hong"][0] == "hong: province: required key is missing"
    assert report["hong"][1].startswith("hong: provinse: unknown key 'provinse'; did you mean 'province'?")
    assert report["sai"][0].startswith("sai: article_pattern: regex '(' does not compile")


# ------------------------------------------------------------------ the command

def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, ["sources", *args], env=env)


def test_cli_lists_filters_by_province_without_tone_marks_and_prints_json():
    res = run()
    assert res.exit_code == 0, res.output
    assert "backan-portal" in res.output and "https://hanam.gov.vn/" in res.output
    assert res.output.splitlines()[0].split("|")[0].strip() == "name"
    res = run("--province", "bac kan", "--format", "json")
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert rows and {r["province"] for r in rows} == {"Bắc Kạn"}
    assert "backan-portal" in {r["name"] for r in rows}
    assert run("--province", "Atlantis").output.strip().endswith("(0 rows)")


def test_cli_check_exit_codes(tmp_path):
    res = run("check", "hanam-portal")
    assert res.exit_code == 0 and res.output == "hanam-portal: ok\n"
    res = run("check", "--all")
    assert res.exit_code == 0 and "0 with problems" in res.output
    path = registry(tmp_path, entry(name="tot"), entry(name="sai", extra='selectors = { body = "div[" }'))
    res = run("check", "sai", "--file", str(path))
    assert res.exit_code == 1
    assert res.output.startswith("sai: selectors.body: CSS selector 'div[' does not parse")
    assert run("check", "tot", "--file", str(path)).exit_code == 0
    res = run("--file", str(path), "check", "--all")  # --file given to the group
    assert res.exit_code == 1 and "tot: ok" in res.output and "1 with problems" in res.output
    res = run("check", "hanam-portl")
    assert res.exit_code == 1 and "did you mean 'hanam-portal'" in res.output
    assert run("check").exit_code == 2  # neither a name nor --all


def test_cli_reads_the_registry_named_by_the_environment(tmp_path):
    path = registry(tmp_path, entry(name="cua-toi"))
    res = run("--format", "json", env={"THIDUA_SOURCES": str(path)})
    assert [r["name"] for r in json.loads(res.output)] == ["cua-toi"]
    broken = registry(tmp_path, entry(name="x").replace("kind", "knid"), name="broken.toml")
    res = run(env={"THIDUA_SOURCES": str(broken)})
    assert res.exit_code == 1 and "unknown key 'knid'; did you mean 'kind'" in res.output


def test_cli_show_prints_an_entry_that_reads_back_the_same(tmp_path):
    res = run("show", "langson-tdkt")
    assert res.exit_code == 0, res.output
    table = tomllib.loads(res.output)["source"][0]
    assert Source.model_validate(table) == load_sources()["langson-tdkt"]
    # Pasted into a user's own file it loads and checks clean.
    path = registry(tmp_path, res.output)
    assert run("check", "langson-tdkt", "--file", str(path)).exit_code == 0
    res = run("show", "sample", "--format", "json")
    assert json.loads(res.output)["selectors"]["body"] == ".article-body, .news-content"
    assert run("show", "nowhere").exit_code == 1

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
    SOURCES_FILE, Source, SourcesError, check_file, check_source, load_registry, load_sources,
    province_canonical, registry_files, select, source_notices,
)

SAMPLE_SITE = SOURCES_FILE.with_name("sample_site")

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

def test_shipped_registry_loads_from_its_files_and_every_entry_is_clean():
    files = registry_files()
    assert files[0] == SOURCES_FILE and len(files) >= 5  # sources.toml and the region files
    assert all(f.parent.name == "registry" for f in files[1:])
    sources = load_sources()
    assert 100 <= len(sources) <= 250
    problems = {name: check_source(s) for name, s in sources.items()}
    assert problems == {name: [] for name in sources}
    report = check_file(SOURCES_FILE)
    assert {name: report[name] for name in sources} == problems
    assert all(p == [] for key, p in report.items() if key.startswith("[[missing]]"))


def test_shipped_registry_keeps_the_seed_provinces_and_their_successors():
    sources = load_sources()
    provinces = {province_canonical(s.province) for s in sources.values() if s.kind != "national"}
    assert None not in provinces and len(provinces) >= 50
    portals = {(s.province, urlsplit(s.start_urls[0]).hostname) for s in sources.values() if s.kind == "portal"}
    assert ("Bắc Kạn", "backan.gov.vn") in portals and ("Hà Nam", "hanam.gov.vn") in portals
    # The seeds' provinces come with departments and districts, and with the provinces
    # they were merged into on 2025-07-01.
    for province in ("Bắc Kạn", "Hà Nam"):
        kinds = {s.kind for s in sources.values() if s.province == province}
        assert {"portal", "department", "district", "newspaper"} <= kinds, province
    assert {"Thái Nguyên", "Ninh Bình"} <= provinces


def test_real_entries_are_dated_unverified_and_say_where_they_came_from():
    for s in load_sources().values():
        if s.kind == "sample":
            continue
        assert s.written is not None and s.written.isoformat() >= "2026-11-23", s.name
        assert s.verified is False, s.name
        assert len(s.note) > 30 and s.title, s.name


def test_sample_entry_still_points_at_the_bundled_site():
    sample = load_sources()["sample"]
    assert sample.start_urls == ("http://127.0.0.1:8000/index.html",)
    assert sample.allowed_domains == ("127.0.0.1",)
    assert sample.template == "portal" and sample.kind == "sample" and not sample.is_archive


WITH_SEEN = sorted(n for n, s in load_sources().items() if s.seen)


@pytest.mark.parametrize("name", WITH_SEEN)
def test_seen_addresses_fit_the_entry_and_its_article_pattern(name):
    """The addresses an entry was written from are inside its domains; an article_pattern
    accepts at least one of them and none of the start pages."""
    src = load_sources()[name]
    for url in src.seen:
        host = urlsplit(url).hostname
        assert any(host == d or host.endswith("." + d) for d in src.allowed_domains), url
    if src.article_pattern:
        assert any(re.search(src.article_pattern, u) for u in src.seen), src.seen
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
    assert problems == ["thu: province: 'Hà Nan' is not a province in warehouse/lexicon/province_succession.tsv; "
                        "did you mean 'Hà Nam'?"]
    # The 34 current names count as well as the 63 former ones ("Huế" is only a current one).
    assert check_source(one(tmp_path, province="Huế")) == []
    assert check_source(one(tmp_path, province="Xứ Đoài"))[0].startswith("thu: province: 'Xứ Đoài' is not a province")


def test_schedule_kind_encoding_name_and_written_are_checked(tmp_path):
    text = entry(extra='schedule = "weekley"\nencoding = "vni-windows"').replace('kind = "portal"', 'kind = "blog"')
    problems = check_source(load_sources(registry(tmp_path, text))["thu"])
    assert problems[0] == ("thu: kind: 'blog' is not one of portal, board, newspaper, department, district, "
                           "national, sample")
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
    assert res.exit_code == 0
    first = res.output.splitlines()[0]
    assert first.startswith("hanam-portal: ok;") and "nothing was fetched" in first
    # Offline notes do not fail the check: the start page is the home page.
    assert "hanam-portal: note: start_urls[0] is the site's home page" in res.output
    res = run("check", "--all")
    assert res.exit_code == 0 and "0 with problems" in res.output and "nothing was fetched" in res.output
    path = registry(tmp_path, entry(name="tot"), entry(name="sai", extra='selectors = { body = "div[" }'))
    res = run("check", "sai", "--file", str(path))
    assert res.exit_code == 1
    assert res.output.startswith("sai: selectors.body: CSS selector 'div[' does not parse")
    assert run("check", "tot", "--file", str(path)).exit_code == 0
    res = run("check", "tot", "--file", str(path), "--format", "json")
    assert json.loads(res.output) == [{"name": "tot", "problems": [], "notices": [], "pages": [],
                                       "online": None, "fetched": False, "ok": True}]
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


# ------------------------------------------------------------------ the entry model

def test_new_fields_load_and_legacy_kinds_read_as_today(tmp_path):
    src = one(tmp_path, '''platform = "sharepoint"
feeds = ["https://tinh.example.gov.vn/rss/tin-thi-dua.xml"]
sitemaps = ["https://tinh.example.gov.vn/sitemap.xml"]
seen = ["https://tinh.example.gov.vn/Pages/khoi-thi-dua.aspx"]
''')
    assert (src.platform, src.feeds, src.sitemaps) == ("sharepoint", ("https://tinh.example.gov.vn/rss/tin-thi-dua.xml",),
                                                      ("https://tinh.example.gov.vn/sitemap.xml",))
    assert check_source(src) == []
    old = load_sources(registry(tmp_path, entry().replace('kind = "portal"', 'kind = "emulation-board"')))["thu"]
    assert old.kind == "board" and check_source(old) == []


def test_current_province_and_archive_follow_from_the_succession(tmp_path):
    backan = one(tmp_path, province="bac kan")
    assert backan.current_province == "Thái Nguyên" and backan.is_archive
    thainguyen = one(tmp_path, province="Thái Nguyên")
    assert thainguyen.current_province == "Thái Nguyên" and not thainguyen.is_archive
    district = load_sources(registry(tmp_path, entry(province="Thái Nguyên").replace('kind = "portal"', 'kind = "district"')))["thu"]
    assert district.is_archive  # the district level was abolished on 1 July 2025
    kept = one(tmp_path, "archive = false", province="Hà Nam")
    assert not kept.is_archive  # an explicit archive key wins


def test_feeds_seen_and_platform_are_checked(tmp_path):
    problems = check_source(one(tmp_path, '''platform = "sharpoint"
feeds = ["/rss.xml"]
seen = ["https://other.example.vn/a.html"]
'''))
    assert problems[0] == ("thu: platform: 'sharpoint' is not one of sharepoint, liferay, wordpress, joomla, "
                           "drupal, dnn, mcms, webcenter, nukeviet, other, unknown; did you mean 'sharepoint'?")
    assert problems[1] == "thu: feeds[0]: '/rss.xml' is not an absolute http(s) URL"
    assert problems[2] == ("thu: seen[0]: host 'other.example.vn' is outside allowed_domains "
                           "['tinh.example.gov.vn']")
    src = one(tmp_path, "article_pattern = 'tin-thi-dua'")
    assert check_source(src) == ["thu: article_pattern: matches start_urls[0] "
                                 "'https://tinh.example.gov.vn/tin-thi-dua', so the start page would be taken for an article"]


def test_national_sites_have_no_province(tmp_path):
    national = entry(province="").replace('kind = "portal"', 'kind = "national"')
    assert check_source(load_sources(registry(tmp_path, national))["thu"]) == []
    assert check_source(one(tmp_path, province=""))[0] == "thu: province: empty"
    wrong = entry().replace('kind = "portal"', 'kind = "national"')
    assert check_source(load_sources(registry(tmp_path, wrong))["thu"]) == ['thu: province: a national site has province = ""']


def test_notices_name_a_home_page_start_and_a_contradicted_platform(tmp_path):
    home = entry().replace("https://tinh.example.gov.vn/tin-thi-dua", "https://tinh.example.gov.vn/")
    src = load_sources(registry(tmp_path, home + 'platform = "wordpress"\nseen = ["https://tinh.example.gov.vn/Pages/a.aspx"]\n'))["thu"]
    notes = source_notices(src)
    assert notes[0].startswith("thu: start_urls[0] is the site's home page")
    assert notes[1].startswith("thu: platform is 'wordpress' but the addresses look like Microsoft SharePoint")
    assert source_notices(one(tmp_path)) == []


def test_a_registry_is_a_file_with_includes_or_a_folder(tmp_path):
    (tmp_path / "regions").mkdir()
    registry(tmp_path, entry(name="mot"), name="regions/a.toml")
    registry(tmp_path, entry(name="hai", province="Bắc Kạn"), '[[missing]]\nprovince = "Cao Bằng"\nkind = "board"\n'
             'note = "no site of the board was among the stored copies"\n', name="regions/b.toml")
    main_file = registry(tmp_path, 'include = ["regions/*.toml"]\n', entry(name="goc"), name="main.toml")
    reg = load_registry(main_file)
    assert list(reg.sources) == ["goc", "mot", "hai"]
    assert [(m.province, m.kind) for m in reg.missing] == [("Cao Bằng", "board")]
    assert list(load_sources(tmp_path / "regions")) == ["mot", "hai"]
    registry(tmp_path, entry(name="mot"), name="regions/c.toml")
    with pytest.raises(SourcesError, match=r"c\.toml: source 'mot' is defined twice \(first in .*a\.toml\)"):
        load_sources(main_file)
    with pytest.raises(SourcesError, match=r"include 'nowhere/\*\.toml' matches no file"):
        load_sources(registry(tmp_path, 'include = ["nowhere/*.toml"]\n', name="bad.toml"))


def test_missing_notes_are_checked(tmp_path):
    path = registry(tmp_path, '''[[missing]]
province = "Bắc Kạn"
kind = "board"
note = "x"

[[missing]]
province = "Cao Bằng"
kind = "blog"
note = "no site of the board was among the stored copies"

[[missing]]
province = "Cao Bằng"
kind = "board"
nota = "typo"
''')
    report = check_file(path)
    assert report["[[missing]] Bắc Kạn board"] == [
        "[[missing]] Bắc Kạn board: kind: a former province's note is about any archive site: write kind = \"any\"",
        "[[missing]] Bắc Kạn board: note: say why there is no entry and what was searched"]
    assert report["[[missing]] Cao Bằng blog"] == ["[[missing]] Cao Bằng blog: kind: 'blog' is not one of portal, board, newspaper"]
    assert any("unknown key 'nota'; did you mean 'note'" in p for p in report["[[missing]] #3"])


def test_a_start_url_used_twice_is_a_problem(tmp_path):
    report = check_file(registry(tmp_path, entry(name="mot"), entry(name="hai")))
    assert report["mot"] == []
    assert report["hai"] == ["hai: start_urls[0]: 'https://tinh.example.gov.vn/tin-thi-dua' is already a start URL of 'mot'"]


def test_cli_lists_a_province_with_its_former_parts_and_the_gaps():
    res = run("list", "--province", "Thái Nguyên", "--format", "json")
    rows = json.loads(res.output)
    assert {r["province"] for r in rows} == {"Thái Nguyên", "Bắc Kạn"}
    assert rows[0]["province"] == "Thái Nguyên"  # the current province's own sites first
    assert {r["current_province"] for r in rows} == {"Thái Nguyên"}
    assert "backan-portal" in {r["name"] for r in rows} and all(r["is_archive"] for r in rows if r["province"] == "Bắc Kạn" and r["kind"] != "sample")
    res = run("list", "--province", "bac kan")
    assert "thainguyen-portal" not in res.output and "backan-portal" in res.output
    assert "part of Thái Nguyên since 1 July 2025" in res.output
    res = run("list", "--province", "Thái Nguyên", "--kind", "board", "--format", "json")
    assert json.loads(res.output) == []
    res = run("list", "--missing", "--kind", "board")
    assert res.exit_code == 0
    lines = res.output.splitlines()
    assert lines[0].split("|")[:2] == ["province ", " kind "] or lines[0].startswith("province")
    assert any(ln.startswith("Thái Nguyên") and "| board" in ln for ln in lines)
    assert "without a [[missing]] note" in lines[-1]
    assert run("list", "--former").exit_code == 2


def test_cli_missing_reports_gaps_without_a_note(tmp_path):
    path = registry(tmp_path, entry(name="thu", province="Cao Bằng"))
    res = run("list", "--missing", "--file", str(path), "--format", "json")
    gaps = json.loads(res.output)
    assert len(gaps) == 34 * 3 - 1  # one portal of one province is all the file has
    assert {"province": "Cao Bằng", "kind": "board", "note": None, "current": "Cao Bằng"} in gaps
    assert not any(g["province"] == "Cao Bằng" and g["kind"] == "portal" for g in gaps)
    res = run("list", "--missing", "--former", "--file", str(path), "--format", "json")
    assert {g["province"] for g in json.loads(res.output)} >= {"Bắc Kạn", "Hà Nam"}

"""Entity resolution: keys, the rules that merge spellings, overrides and `thidua entities`.

Records here are written for the tests (our own sentences and names), loaded into real
DuckDB files; their spellings are the ones another extractor version or a hand-made record
would carry, so the warehouse's own resolution is what is tested.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from thidua.cli import main as cli
from thidua.warehouse import names, places
from thidua.warehouse.checks import run_checks
from thidua.warehouse.db import connect
from thidua.warehouse.load import load_records
from thidua.warehouse.overrides import read as read_overrides
from thidua.warehouse.query import run_query

NN = "Sở Nông nghiệp và Phát triển nông thôn"


def record(article_id: str, province: str | None, *, leadership=(), awards=(), people=(),
           blocs=(), published="2021-01-11") -> dict:
    return {
        "id": article_id, "url": f"https://tin.example/{article_id}.html", "source": "tin.example",
        "province": province, "title": f"Bài {article_id}", "published": published,
        "body": "Nội dung bài viết.", "extractor_version": "test",
        "bloc_leadership": [dict(bloc=b, year=y, role=r, org=o, status="serving")
                            for b, y, r, o in leadership],
        "awards": [dict(type="provincial_emulation_flag", label="Cờ thi đua", recipient=o,
                        recipient_kind="collective", status="proposed", year=2020)
                   for o in awards],
        "people": [dict(name=n, titles=list(t)) for n, t in people],
        "blocs": [dict(name=n, kind=k, province=province) for n, k in blocs],
    }


def rows(db: Path, sql: str, *params) -> list[dict]:
    columns, found = run_query(db, sql, list(params) or None)
    return [dict(zip(columns, r)) for r in found]


def unit_ids(db: Path) -> dict[str, str]:
    return {r["key"]: r["unit_id"] for r in rows(db, "SELECT key, unit_id FROM entity_units")}


# --- keys -------------------------------------------------------------------------------------

@pytest.mark.parametrize("short, full", [
    ("Sở NN&PTNT", NN),
    ("Sở Nông nghiệp và PTNT", NN),
    ("Sở NN & PTNT tỉnh Bắc Kạn", NN),
    ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
    ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
    ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
    ("Sở LĐTB&XH", "Sở Lao động, Thương binh và Xã hội"),
    ("Sở VH,TT&DL", "Sở Văn hóa - Thể thao và Du lịch"),
    ("Ban QLDA đầu tư xây dựng tỉnh", "Ban Quản lý dự án đầu tư xây dựng"),
    ("UBND tỉnh Bắc Kạn", "Ủy ban nhân dân tỉnh"),
    ("HĐND tỉnh", "Hội đồng nhân dân tỉnh Bắc Kạn"),
    ("Trung tâm Huấn luyện và Thi đấu TDTT", "Trung tâm Huấn luyện và Thi đấu Thể dục thể thao"),
    ("Ủy ban nhân dân huyện Chợ Mới", "UBND huyện Chợ Mới"),
])
def test_spellings_of_one_unit_share_a_key(short: str, full: str) -> None:
    assert names.unit(short, "Bắc Kạn").key == names.unit(full, "Bắc Kạn").key


def test_unit_keys_keep_provinces_and_different_units_apart() -> None:
    assert names.unit("Sở NN&PTNT", "Bắc Kạn").key != names.unit("Sở NN&PTNT", "Hà Nam").key
    # the province a name carries beats the one it was read in
    assert names.unit("Sở Xây dựng tỉnh Hà Nam", "Bắc Kạn").province == "Hà Nam"
    # "thành phố Bắc Kạn" is a city inside Bắc Kạn, not the province
    assert names.unit("UBND thành phố Bắc Kạn", "Bắc Kạn").key != names.unit("UBND tỉnh", "Bắc Kạn").key
    assert names.unit("Sở Tài chính", "Bắc Kạn").key != names.unit("Sở Tư pháp", "Bắc Kạn").key
    # ministries belong to no province
    assert names.unit("Bộ Nội vụ", "Bắc Kạn").key == names.unit("Bộ Nội vụ", "Hà Nam").key


@pytest.mark.parametrize("alias", ["Khối thi đua Kinh tế - Kỹ thuật", "Khối Kinh tế - Kỹ thuật",
                                   "khối thi đua KT-KT", "Khối thi đua KTKT",
                                   "Khối thi đua Kinh tế – Kỹ thuật tỉnh Bắc Kạn"])
def test_bloc_aliases_share_a_key(alias: str) -> None:
    found = names.bloc(alias, "Bắc Kạn")
    assert found.key == "bloc|Bắc Kạn|khoi|kinh tế kỹ thuật" and found.kind == "khoi"


def test_person_keys_fold_case_tone_marks_and_honorifics() -> None:
    key = names.person("Nguyễn Thị Thúy", "Bắc Kạn").key
    assert names.person("bà Nguyễn Thị Thuý", "Bắc Kạn").key == key
    assert names.person("NGUYỄN THỊ THÚY", "Bắc Kạn").key == key
    assert names.person("Nguyễn Thị Thúy", "Hà Nam").key != key


def test_ids_are_hashes_of_keys() -> None:
    import hashlib

    key = names.unit("Sở NN&PTNT", "Bắc Kạn").key
    assert names.entity_id(key) == hashlib.sha1(key.encode()).hexdigest()[:16]


def test_titles_split_into_position_and_organisation() -> None:
    assert names.split_title("Phó Chủ tịch Ủy ban nhân dân tỉnh") == (
        "Phó Chủ tịch", "Ủy ban nhân dân tỉnh", "unit")
    assert names.split_title("Trưởng Khối thi đua Kinh tế - Kỹ thuật năm 2021") == (
        "Trưởng", "Khối thi đua Kinh tế - Kỹ thuật", "bloc")


# --- places -----------------------------------------------------------------------------------

def test_succession_covers_63_provinces_and_34_current_ones() -> None:
    official = places.check_package()  # raises if the data file disagrees with the package
    former = {p.name for p in places.provinces()} - {"Huế"}
    assert len(former) == 63 and len({p.current for p in places.provinces()}) == 34 == len(official)
    assert places.current_province("Bắc Kạn") == "Thái Nguyên"
    assert places.current_province("tỉnh Hà Nam") == "Ninh Bình"
    assert places.current_province("Bà Rịa-Vũng Tàu") == "Thành phố Hồ Chí Minh"
    assert places.current_province("Thừa Thiên Huế") == "Huế"
    assert places.current_province("Thái Nguyên") == "Thái Nguyên"
    assert places.current_province("Atlantis") is None


def test_extractor_provinces_all_have_a_successor() -> None:
    from thidua.extract.lexicon import table

    assert all(places.current_province(r["name"]) for r in table("provinces"))


def test_district_of() -> None:
    lead = "Sáng 12/1, UBND huyện Kim Bảng (tỉnh Hà Nam) tổ chức hội nghị"
    assert places.district_of("Kim Bảng tổng kết năm 2020", lead) == "huyện Kim Bảng"
    assert places.district_of("Thị xã Duy Tiên ra quân", "") is None  # capital T: a headline word
    assert places.district_of("Đoàn công tác làm việc tại thị xã Duy Tiên", "") == "thị xã Duy Tiên"
    assert places.district_of("Tin từ thành phố Đà Nẵng", "") is None  # a province, not a district


# --- resolution in the warehouse --------------------------------------------------------------

KTKT = "Khối thi đua Kinh tế - Kỹ thuật"


def spelled(tmp_path: Path) -> Path:
    db = tmp_path / "w.duckdb"
    stats = load_records(db, [
        record("a1", "Bắc Kạn", leadership=[(KTKT, 2020, "leader", "Sở NN&PTNT")],
               blocs=[(KTKT, "khoi")]),
        record("a2", "Bắc Kạn", awards=["Sở Nông nghiệp và PTNT tỉnh Bắc Kạn"],
               leadership=[("khối thi đua KT-KT", 2021, "leader", "Sở Xây dựng")]),
        record("a3", "Bắc Kạn", people=[("Hoàng Văn Thụ", ["Giám đốc Sở Nông nghiệp & PTNT"])],
               leadership=[("Khối Kinh tế - Kỹ thuật", 2022, "leader", NN)]),
        record("a4", "Hà Nam", leadership=[("Khối thi đua Kinh tế ngành", 2020, "leader",
                                            "Sở NN&PTNT")]),
    ])
    assert stats.ok
    return db


def test_nn_ptnt_spellings_are_one_unit_per_province(tmp_path: Path) -> None:
    db = spelled(tmp_path)
    aliases = rows(db, "SELECT a.alias, a.context, u.unit_id, u.name, u.province "
                       "FROM entity_unit_aliases a JOIN entity_units u USING (unit_id) "
                       "WHERE u.name = ? ORDER BY a.context, a.alias", NN)
    bac_kan = [a for a in aliases if a["context"] == "Bắc Kạn"]
    assert {a["alias"] for a in bac_kan} == {"Sở NN&PTNT", "Sở Nông nghiệp và PTNT tỉnh Bắc Kạn",
                                             "Sở Nông nghiệp & PTNT", NN}
    assert len({a["unit_id"] for a in bac_kan}) == 1
    (ha_nam,) = [a for a in aliases if a["context"] == "Hà Nam"]
    assert ha_nam["unit_id"] != bac_kan[0]["unit_id"] and ha_nam["province"] == "Hà Nam"


def test_bloc_spellings_are_one_bloc_with_its_history(tmp_path: Path) -> None:
    db = spelled(tmp_path)
    history = rows(db, "SELECT bloc, bloc_id, year, leader FROM bloc_leadership_history "
                       "WHERE province = 'Bắc Kạn' ORDER BY year")
    assert [(h["bloc"], h["year"], h["leader"]) for h in history] == [
        (KTKT, 2020, NN), (KTKT, 2021, "Sở Xây dựng"), (KTKT, 2022, NN)]
    assert len({h["bloc_id"] for h in history}) == 1
    officials = rows(db, "SELECT person, title, organisation FROM officials")
    assert officials == [{"person": "Hoàng Văn Thụ", "title": "Giám đốc", "organisation": NN}]


LAN = ("Nguyễn Thị Lan", ["Giám đốc Sở Xây dựng"])


def people_db(tmp_path: Path, *articles: dict) -> Path:
    db = tmp_path / "p.duckdb"
    assert load_records(db, list(articles)).ok
    return db


def person_of(db: Path, name: str) -> dict:
    (row,) = rows(db, "SELECT p.person_id, p.name, a.rule FROM entity_person_aliases a "
                      "JOIN entity_people p USING (person_id) WHERE a.alias = ?", name)
    return row


def test_caption_typo_joins_the_person(tmp_path: Path) -> None:
    db = people_db(tmp_path, record("p1", "Bắc Kạn", people=[LAN]),
                   record("p2", "Bắc Kạn", people=[LAN]),
                   record("p3", "Bắc Kạn", people=[("Nguyễn Thị Lân", ["Giám đốc Sở Xây dựng"])]))
    lan, typo = person_of(db, "Nguyễn Thị Lan"), person_of(db, "Nguyễn Thị Lân")
    assert typo["person_id"] == lan["person_id"] and typo["name"] == "Nguyễn Thị Lan"
    assert typo["rule"] == "typo"
    assert rows(db, "SELECT count(*) AS n FROM entity_people") == [{"n": 1}]


@pytest.mark.parametrize("other", [
    record("p3", "Hà Nam", people=[("Nguyễn Thị Lân", ["Giám đốc Sở Xây dựng"])]),  # province
    record("p3", "Bắc Kạn", people=[("Nguyễn Thị Lân", ["Giám đốc Sở Y tế"])]),  # organisation
    record("p3", "Bắc Kạn", people=[("Nguyễn Thị Lành", ["Giám đốc Sở Xây dựng"])]),  # 2 edits
    record("p3", "Bắc Kạn", people=[("Nguyễn Lân", ["Giám đốc Sở Xây dựng"])]),  # 2 syllables
])
def test_no_typo_merge_without_every_condition(tmp_path: Path, other: dict) -> None:
    name = other["people"][0]["name"]
    base = LAN if len(name.split()) == 3 else ("Nguyễn Lan", LAN[1])
    db = people_db(tmp_path, record("p1", "Bắc Kạn", people=[base]), other)
    assert person_of(db, base[0])["person_id"] != person_of(db, name)["person_id"]


def test_two_names_in_one_article_are_two_people(tmp_path: Path) -> None:
    db = people_db(tmp_path, record("p1", "Bắc Kạn", people=[
        LAN, ("Nguyễn Thị Lân", ["Giám đốc Sở Xây dựng"])]))
    assert person_of(db, "Nguyễn Thị Lan")["person_id"] != person_of(db, "Nguyễn Thị Lân")["person_id"]


# --- overrides and the CLI --------------------------------------------------------------------

def invoke(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_merge_and_split_change_resolution_and_keep_other_ids(tmp_path: Path) -> None:
    db = spelled(tmp_path)
    before = unit_ids(db)
    xd = names.unit("Sở Xây dựng", "Bắc Kạn").key
    nn = names.unit(NN, "Bắc Kạn").key

    out = invoke("entities", "merge", "unit", "Sở Xây dựng", NN, "--province", "Bắc Kạn",
                 "--db", str(db))
    assert f"now resolves to {NN}" in out
    after = unit_ids(db)
    assert xd not in after and after[nn] == before[nn]
    assert {k: v for k, v in before.items() if k != xd} == after  # no other id moved
    history = rows(db, "SELECT year, leader FROM bloc_leadership_history "
                       "WHERE province = 'Bắc Kạn' AND year = 2021")
    assert history == [{"year": 2021, "leader": NN}]
    (override,) = read_overrides(tmp_path / "entity_overrides.tsv")
    assert (override.action, override.name, override.target) == ("merge", "Sở Xây dựng", NN)

    invoke("entities", "split", "unit", "Sở NN&PTNT", "--province", "Bắc Kạn", "--db", str(db))
    split = rows(db, "SELECT a.unit_id, a.rule FROM entity_unit_aliases a "
                     "WHERE a.alias = 'Sở NN&PTNT' AND a.context = 'Bắc Kạn'")
    assert split[0]["rule"] == "split" and split[0]["unit_id"] != after[nn]
    final = unit_ids(db)
    assert final[nn] == before[nn]
    assert {k: v for k, v in final.items() if k.startswith("unit|Hà Nam")} == {
        k: v for k, v in before.items() if k.startswith("unit|Hà Nam")}

    # the overrides outlive a reload
    load_records(db, [record("a5", "Bắc Kạn", leadership=[(KTKT, 2024, "leader", "Sở Xây dựng")])])
    assert rows(db, "SELECT leader FROM bloc_leadership_history WHERE year = 2024") == [
        {"leader": NN}]
    con = connect(db, read_only=True)
    try:
        assert run_checks(con) == []
    finally:
        con.close()


def test_merge_by_id_and_list_show(tmp_path: Path) -> None:
    db = spelled(tmp_path)
    ids = unit_ids(db)
    xd, nn = ids[names.unit("Sở Xây dựng", "Bắc Kạn").key], ids[names.unit(NN, "Bắc Kạn").key]
    listed = invoke("entities", "list", "unit", "--like", "nong nghiep", "--db", str(db))
    assert nn in listed and xd not in listed
    shown = invoke("entities", "show", "unit", nn, "--db", str(db))
    assert "Sở NN&PTNT" in shown and "leader" in shown
    invoke("entities", "merge", "unit", xd, nn, "--db", str(db))
    assert xd not in unit_ids(db).values()


def test_bad_overrides_fail_before_loading(tmp_path: Path) -> None:
    db = spelled(tmp_path)
    (tmp_path / "entity_overrides.tsv").write_text("merge\tunit\tSở Xây dựng\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 1: merge needs a target"):
        load_records(db, [record("a9", "Bắc Kạn")])
    assert rows(db, "SELECT count(*) AS n FROM articles WHERE article_id = 'a9'") == [{"n": 0}]

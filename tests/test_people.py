"""Officials named with their titles: the forms of the genre, merging of mentions, roles, and
the seed / dev passages against their gold records."""
from __future__ import annotations

from difflib import SequenceMatcher

import pytest

from thidua.extract.document import Doc
from thidua.extract.people_names import find_names, title_case
from thidua.extract.pipeline import extract_record
from thidua.extract.recognizers import blocs, people
from thidua.extract.text import normalize



def _people(text: str) -> list[dict]:
    doc = Doc(body=normalize(text))
    doc.facts["blocs"] = blocs.extract(doc)
    out = people.extract(doc)
    for item in out:
        ev, (start, end) = item.pop("evidence"), item.pop("_span")
        assert doc.body[ev["start"]:ev["end"]] == ev["text"]
        assert ev["start"] <= start < end <= ev["end"] and item["name"].split()[-1] in doc.body[start:end]
    return out


def _by_name(text: str) -> dict[str, dict]:
    return {p["name"]: p for p in _people(text)}


# --- the forms of the genre ---------------------------------------------------------------

def test_name_dash_titles_then_verb():
    got = _people("Ông Lò Văn Pằn – Giám đốc Sở NN&PTNT, Trưởng Khối thi đua KTKT năm 2023 phát biểu "
                  "tại hội nghị.")
    assert got == [{"name": "Lò Văn Pằn", "honorific": "ông", "role": "speaker",
                    "titles": ["Giám đốc Sở Nông nghiệp và Phát triển nông thôn",
                               "Trưởng Khối thi đua Kinh tế - Kỹ thuật năm 2023"]}]


def test_list_after_colon_shares_honorific_and_role():
    got = _by_name("Đến dự có các đồng chí: Hà Thị Mai Lan, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh; "
                   "Vi Đức Thọ, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng ban Tổ chức Tỉnh ủy; lãnh đạo các "
                   "sở, ngành.")
    assert set(got) == {"Hà Thị Mai Lan", "Vi Đức Thọ"}
    assert got["Hà Thị Mai Lan"]["titles"] == ["Phó Bí thư Tỉnh ủy", "Chủ tịch Ủy ban nhân dân tỉnh"]
    assert got["Vi Đức Thọ"]["titles"] == ["Ủy viên Ban Thường vụ Tỉnh ủy", "Trưởng Ban Tổ chức Tỉnh ủy"]
    assert {p["honorific"] for p in got.values()} == {"đồng chí"}
    assert {p["role"] for p in got.values()} == {"attendee"}


def test_title_before_name_with_place_in_between():
    got = _people("Phát biểu bế mạc, Bí thư Huyện ủy Yên Thế Thân Văn Hòa yêu cầu các đơn vị tiếp tục "
                  "đổi mới.")
    assert got == [{"name": "Thân Văn Hòa", "honorific": None, "titles": ["Bí thư Huyện ủy Yên Thế"],
                    "role": "speaker"}]


def test_two_titles_before_each_name_in_a_semicolon_list():
    got = _by_name("Dự buổi lễ có Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Lạng Sơn Mạc Văn Quyết; Phó Chủ tịch "
                   "UBND tỉnh Lạng Sơn Hoàng Thị Nga.")
    assert got["Mạc Văn Quyết"]["titles"] == ["Bí thư Tỉnh ủy",
                                              "Chủ tịch Hội đồng nhân dân tỉnh Lạng Sơn"]
    assert got["Hoàng Thị Nga"]["titles"] == ["Phó Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn"]
    assert got["Hoàng Thị Nga"]["role"] == "attendee"


def test_title_before_and_after_the_name():
    got = _people("Phó Chủ tịch UBND tỉnh Đàm Quang Vinh - Chủ tịch Hội đồng Thi đua, Khen thưởng tỉnh "
                  "chủ trì phiên họp.")
    assert got[0]["titles"] == ["Phó Chủ tịch Ủy ban nhân dân tỉnh",
                                "Chủ tịch Hội đồng Thi đua - Khen thưởng tỉnh"]
    assert got[0]["role"] == "chair"


def test_unit_in_brackets_is_kept_description_is_not():
    got = _by_name("Chủ trì hội nghị là bà Tạ Thu Hiền - Trưởng Ban Thi đua, Khen thưởng (Sở Nội vụ) và ông "
                   "Kiều Văn Lợi - Giám đốc Sở Tư pháp (đơn vị Trưởng khối năm 2024).")
    assert got["Tạ Thu Hiền"]["titles"] == ["Trưởng Ban Thi đua - Khen thưởng Sở Nội vụ"]
    assert got["Kiều Văn Lợi"]["titles"] == ["Giám đốc Sở Tư pháp"]
    assert {p["role"] for p in got.values()} == {"chair"}


def test_co_chairs_joined_by_va_share_the_verb():
    got = _by_name("Đồng chí Lưu Văn Tám, Chủ tịch UBND huyện Bảo Lạc (đơn vị Cụm phó) và đồng chí Nông "
                   "Thị Hạnh Chủ tịch UBND huyện Hà Quảng (đơn vị Cụm trưởng) đồng chủ trì hội nghị.")
    assert got["Nông Thị Hạnh"]["titles"] == ["Chủ tịch Ủy ban nhân dân huyện Hà Quảng"]
    assert got["Lưu Văn Tám"]["role"] == got["Nông Thị Hạnh"]["role"] == "chair"


def test_bloc_alias_in_title_is_written_out():
    got = _people("Khối thi đua Nội chính (KTĐNC) tổ chức hội nghị. Ông Phùng Đức Tiến - Giám đốc Sở Tư "
                  "pháp - Trưởng KTĐNC năm 2022 phát biểu.")
    assert got[0]["titles"] == ["Giám đốc Sở Tư pháp", "Trưởng Khối thi đua Nội chính năm 2022"]


def test_delegating_leader_is_not_given_the_presenters_title():
    got = _by_name("Thừa ủy quyền của Chủ tịch nước, Bí thư Tỉnh ủy Tuyên Quang Chẩu Văn Lâm trao "
                   "Huân chương Lao động hạng Nhì cho huyện Lâm Bình.")
    assert got["Chẩu Văn Lâm"]["titles"] == ["Bí thư Tỉnh ủy Tuyên Quang"]
    assert got["Chẩu Văn Lâm"]["role"] == "presenter"


def test_recipients_of_an_award_have_role_other():
    got = _by_name("UBND tỉnh tặng Bằng khen cho 2 cá nhân gồm: ông Lê Quang Hải, Phó Giám đốc Sở Y tế; "
                   "bà Đỗ Thị Vân, Trưởng phòng Nội vụ huyện.")
    assert got["Lê Quang Hải"]["titles"] == ["Phó Giám đốc Sở Y tế"]
    assert {p["role"] for p in got.values()} == {"other"}


def test_former_title_and_abbreviated_title():
    got = _by_name("Trao Bằng khen cho đồng chí Trịnh Văn Cảnh - nguyên Phó Chủ tịch UBND tỉnh. Ông Lục "
                   "Văn Sáng, PGĐ Sở KH&ĐT cùng dự.")
    assert got["Trịnh Văn Cảnh"]["titles"] == ["nguyên Phó Chủ tịch Ủy ban nhân dân tỉnh"]
    assert got["Lục Văn Sáng"]["titles"] == ["Phó Giám đốc Sở Kế hoạch và Đầu tư"]


def test_title_then_honorific_then_name():
    got = _people("Phát biểu tại buổi lễ, Giám đốc Sở Nội vụ, ông Ninh Văn Khải cho biết toàn tỉnh có 120 "
                  "tập thể được khen thưởng.")
    assert got == [{"name": "Ninh Văn Khải", "honorific": "ông", "titles": ["Giám đốc Sở Nội vụ"],
                    "role": "speaker"}]


def test_honorific_before_title_and_verbs_joined_by_va():
    got = _people("Đồng chí Phó Chủ tịch UBND tỉnh Mai Xuân Trường dự và phát biểu chỉ đạo hội nghị.")
    assert got == [{"name": "Mai Xuân Trường", "honorific": "đồng chí",
                    "titles": ["Phó Chủ tịch Ủy ban nhân dân tỉnh"], "role": "speaker"}]


def test_title_in_brackets_after_the_name():
    got = _by_name("Tham dự có ông Lương Văn Kiên (Phó Chủ tịch UBND huyện) và bà Khổng Thị Hà (Trưởng "
                   "phòng Nội vụ huyện).")
    assert got["Lương Văn Kiên"]["titles"] == ["Phó Chủ tịch Ủy ban nhân dân huyện"]
    assert got["Khổng Thị Hà"]["titles"] == ["Trưởng phòng Nội vụ huyện"]


def test_comma_list_of_honorific_names_keeps_each_title():
    got = _by_name("Về dự có ông Giáp Văn Bảo, Giám đốc Sở Tài chính, ông Tống Văn Mạnh, Giám đốc Sở "
                   "Xây dựng.")
    assert got["Giáp Văn Bảo"]["titles"] == ["Giám đốc Sở Tài chính"]
    assert got["Tống Văn Mạnh"]["titles"] == ["Giám đốc Sở Xây dựng"]


def test_abbreviation_dot_does_not_end_the_title():
    got = _people("Tặng Bằng khen cho ông Quách Văn Sơn, Phó Chủ tịch UBND TX. Phú Thọ và các tập thể.")
    assert got[0]["titles"] == ["Phó Chủ tịch Ủy ban nhân dân thị xã Phú Thọ"]


# --- one person once -----------------------------------------------------------------------

def test_caption_repeat_merges_titles_and_keeps_the_stronger_role():
    got = _people("Về dự có ông Vương Đình Huệ - Tỉnh ủy viên - Giám đốc Sở Công Thương; bà Lê Thị Hoa - "
                  "Chánh Văn phòng UBND tỉnh.\n"
                  "Ông Vương Đình Huệ - Giám đốc Sở Công Thương - Trưởng Khối thi đua Kinh tế năm 2021 phát "
                  "biểu tại hội nghị\n"
                  "Kết luận hội nghị, Giám đốc Sở Công Thương Vương Đình Huệ đề nghị các đơn vị nỗ lực.")
    huệ = next(p for p in got if p["name"] == "Vương Đình Huệ")
    assert huệ["titles"] == ["Tỉnh ủy viên", "Giám đốc Sở Công Thương",
                             "Trưởng Khối thi đua Kinh tế năm 2021"]
    assert huệ["role"] == "speaker"
    assert [p["name"] for p in got].count("Vương Đình Huệ") == 1


def test_misspelt_caption_is_the_same_person_but_does_not_change_the_role():
    got = _people("Tham dự có ông Đặng Trọng Lâm - Giám đốc Sở Xây dựng.\n"
                  "Ông Đặng Trong Lâm tặng hoa chúc mừng các đơn vị")
    assert [(p["name"], p["role"]) for p in got] == [("Đặng Trọng Lâm", "attendee")]


# --- not people -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Phong trào thi đua học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Kỷ niệm 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc.",
    "Phó Chủ tịch UBND huyện Kim Bảng phát biểu tại hội nghị.",
    "Chủ tịch UBND Lục Ngạn trao Giấy khen cho các tập thể.",
    "Cờ thi đua được trao cho Trường THPT Lê Hồng Phong, đường Trần Phú, phường Hoàng Văn Thụ.",
    "Giám đốc Sở Công Thương Hà Nam cùng dự hội nghị.",
    "Ông Nguyễn Văn Bình phát biểu tại hội nghị.",   # no title: not an official of the record
    "Lãnh đạo UBND huyện Nông Sơn trao khen thưởng cho các tập thể.",
])
def test_not_a_titled_person(text):
    assert _people(text) == []


def test_byline_is_not_a_person():
    assert _people("Hội nghị đã bầu Trưởng khối năm 2024./.\n\nTrần Minh Hoàng") == []


# --- names ----------------------------------------------------------------------------------

def test_name_is_taken_from_the_end_of_a_capitalised_run():
    text = "Chủ tịch UBND tỉnh Cao Bằng Hoàng Xuân Ánh dự."
    assert [n.name for n in find_names(text)] == ["Hoàng Xuân Ánh"]


def test_four_syllable_name_and_minority_name_in_a_list():
    text = "Có các đồng chí: Y Biêr Niê - Phó Chủ tịch HĐND tỉnh; Lê Thị Thu Hằng - Giám đốc Sở Y tế."
    assert [n.name for n in find_names(text)] == ["Y Biêr Niê", "Lê Thị Thu Hằng"]


def test_title_case():
    assert title_case("NGUYỄN văn a") == "Nguyễn Văn A"
    assert title_case("Điểu K’ré") == "Điểu K’Ré"


# --- the shared seeds and dev passages --------------------------------------------------------

def _norm(s: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in s.lower()).split())


def _similar(a: str, b: str) -> float:
    a, b = _norm(a), _norm(b)
    ta, tb = set(a.split()), set(b.split())
    return max(SequenceMatcher(None, a, b).ratio(), len(ta & tb) / max(len(ta), len(tb), 1))


def people_of(text):
    rec = extract_record(text=text, published="2024-01-10", only=("blocs", "people"))
    return {p["name"]: p["titles"] for p in rec["people"]}


def test_one_title_shared_by_a_colon_list():
    got = people_of("Dự hội nghị có các đồng chí Ủy viên Ban Thường vụ Huyện ủy: Đinh Văn Phúc, Trưởng Ban Tổ chức "
                    "Huyện ủy; Mai Thị Lan, Chủ nhiệm Ủy ban Kiểm tra Huyện ủy.")
    assert got == {"Đinh Văn Phúc": ["Ủy viên Ban Thường vụ Huyện ủy", "Trưởng Ban Tổ chức Huyện ủy"],
                   "Mai Thị Lan": ["Ủy viên Ban Thường vụ Huyện ủy", "Chủ nhiệm Ủy ban Kiểm tra Huyện ủy"]}


def test_an_unknown_abbreviation_keeps_the_rest_of_the_chain():
    got = people_of("Đồng chí Lương Văn Khải - PGĐ Sở GD&ĐT, UVXYZ tỉnh, Trưởng khối năm 2024 phát biểu.")
    assert got["Lương Văn Khải"][0] == "Phó Giám đốc Sở Giáo dục và Đào tạo"
    assert "Trưởng Khối năm 2024" in got["Lương Văn Khải"]


def test_a_unit_s_bloc_role_is_not_the_person_s_title():
    got = people_of("Đồng chí Vi Thị Hằng, Giám đốc Sở Y tế - đơn vị Trưởng khối năm 2023 chủ trì hội nghị.")
    assert got == {"Vi Thị Hằng": ["Giám đốc Sở Y tế"]}


def test_a_bloc_role_written_straight_after_a_unit_is_a_title_of_its_own():
    got = people_of("Ông Lục Văn Thành, chủ tịch UBND xã Hồng Phong cụm trưởng đã trình bày báo cáo.")
    assert got == {"Lục Văn Thành": ["Chủ tịch Ủy ban nhân dân xã Hồng Phong", "Cụm trưởng"]}


def test_a_misspelt_repeat_with_the_same_title_is_one_person():
    got = people_of("Đồng chí Hà Văn Khiêm, Chủ tịch UBND tỉnh phát biểu. Đồng chí Hà Văn Khiêm, Chủ tịch UBND tỉnh "
                    "trao thưởng.\nĐồng chí Hà Văng Khiêm, Chủ tịch UBND tỉnh phát biểu chỉ đạo.")
    assert list(got) == ["Hà Văn Khiêm"]


def test_a_last_syllable_typed_in_lower_case():
    got = people_of("Hội nghị dưới sự chủ trì của đồng chí Trịnh Thu hà, Phó Chủ tịch UBND tỉnh.")
    assert got == {"Trịnh Thu Hà": ["Phó Chủ tịch Ủy ban nhân dân tỉnh"]}


def test_titles_in_abbreviation_are_written_out():
    got = people_of("Tham dự có đ/c Nông Văn Tuấn - UVBCH Đảng bộ tỉnh, Giám đốc Sở Nội vụ; đ/c Hà Thị Hoa - PBT TTHU.")
    assert got == {"Nông Văn Tuấn": ["Ủy viên Ban Chấp hành Đảng bộ tỉnh", "Giám đốc Sở Nội vụ"],
                   "Hà Thị Hoa": ["Phó Bí thư Thường trực Huyện ủy"]}


def test_a_given_name_that_opens_an_honorific():
    got = people_of("Hội nghị do Quyền Chủ tịch UBND tỉnh Hà Sỹ Đồng chủ trì. Đồng chí Lê Văn Đồng, Giám đốc Sở "
                    "Nội vụ dự.")
    assert got == {"Hà Sỹ Đồng": ["Quyền Chủ tịch Ủy ban nhân dân tỉnh"], "Lê Văn Đồng": ["Giám đốc Sở Nội vụ"]}


def test_acting_holders_and_abbreviations_in_brackets_and_dashes_without_spaces():
    got = people_of("Đồng chí Mạc Văn Toàn, Quyền Giám đốc Sở Nội vụ, Chủ tịch Hội đồng Thi đua - Khen thưởng "
                    "(TĐ-KT) tỉnh chủ trì. Bà Lò Thị Vân - UVBCH-Phó chủ tịch UBND huyện dự. Ông Tạ Văn Tiến, "
                    "Trưởng phòng Nội vụ huyện chứng kiến.")
    assert got == {"Mạc Văn Toàn": ["Quyền Giám đốc Sở Nội vụ", "Chủ tịch Hội đồng Thi đua - Khen thưởng tỉnh"],
                   "Lò Thị Vân": ["Ủy viên Ban Chấp hành", "Phó Chủ tịch Ủy ban nhân dân huyện"],
                   "Tạ Văn Tiến": ["Trưởng phòng Nội vụ huyện"]}


def test_a_bloc_role_written_role_first_stays_one_title():
    got = _by_name("Đồng chí Lò Văn Tiến – Chủ tịch UBND huyện Mường Chà, Cụm trưởng Cụm thi đua số 2 chủ trì "
                   "hội nghị.")
    assert got["Lò Văn Tiến"]["titles"][-1] == "Cụm trưởng Cụm thi đua số 2"

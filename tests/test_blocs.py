"""Bloc and cluster names read from sentences written in the genre (own wording)."""
import pytest

from thidua.extract.bloc_names import find_bloc_mentions
from thidua.extract.pipeline import extract_record


def blocs(text, title=None):
    body = (title + "\n" + text) if title else text
    rec = extract_record(text=body, published="2024-01-15", only=("blocs",))
    return [b["name"] for b in rec["blocs"]]


def names(text):
    return [m.name for m in find_bloc_mentions(text) if not m.anaphoric]


@pytest.mark.parametrize("text, expected", [
    ("Khối thi đua số 4 tổ chức hội nghị.", ["Khối thi đua số 4"]),
    ("Sáng nay, Cụm thi đua số IX họp tổng kết.", ["Cụm thi đua số IX"]),
    ("Khối thi đua XI đã hoàn thành các chỉ tiêu.", ["Khối thi đua XI"]),
    ("Khối 02 huyện Mường Nhé dẫn đầu phong trào.", ["Khối 02 huyện Mường Nhé"]),
    ("Cụm thi đua 6 huyện miền núi tổ chức ký kết.", ["Cụm thi đua 6 huyện miền núi"]),
    ("Khối thi đua các Sở, ban, ngành, đoàn thể tỉnh tổ chức hội nghị.", ["Khối thi đua các Sở, ban, ngành, đoàn thể"]),
    ("Cụm thi đua các huyện, thị xã, thành phố của tỉnh đã tổ chức hội nghị.", ["Cụm thi đua các huyện, thị xã, thành phố"]),
    ("Khối cơ quan Tổng hợp tỉnh họp sơ kết.", ["Khối cơ quan Tổng hợp"]),
    ("Khối giao ước thi đua các cơ quan Đảng tiến hành ký kết.", ["Khối giao ước thi đua các cơ quan Đảng"]),
    ("Khối thi đua Kinh tế - Kỹ thuật tỉnh Lào Cai tổng kết năm 2023.", ["Khối thi đua Kinh tế - Kỹ thuật"]),
    ("Khối thi đua các tổ chức chính trị - xã hội tổ chức hội nghị.", ["Khối thi đua các tổ chức chính trị - xã hội"]),
    ("Khối thi đua các doanh nghiệp có vốn nhà nước ký giao ước.", ["Khối thi đua các doanh nghiệp có vốn nhà nước"]),
])
def test_a_name_runs_to_the_verb(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "Đồng chí Lê Văn Hùng, Bí thư Đảng ủy Khối cơ quan tỉnh phát biểu.",
    "Các khối thi đua của tỉnh đã hoàn thành nhiệm vụ.",
    "Tặng cờ cho 12 đơn vị dẫn đầu các cụm, khối thi đua.",
    "Đơn vị dẫn đầu khối cụm thi đua cấp huyện được tặng Giấy khen.",
    "Khối lượng công việc năm 2024 rất lớn.",
    "Cụm công nghiệp Đồng Văn thu hút nhiều dự án.",
    "Sở Nội vụ làm Khối trưởng, Sở Tư pháp làm Khối phó.",
    "Năm 2023, cụm thi đua đã tổ chức nhiều hoạt động.",
    "Ngân hàng làm trưởng Khối, Ban Quản lý dự án làm phó trưởng Khối năm 2025.",
])
def test_not_a_bloc_name(text):
    assert names(text) == []


def test_numbered_blocs_are_never_merged():
    text = ("Chia làm 3 khối (Khối 1 do Sở Tư pháp làm khối trưởng; Khối 2 do Sở Y tế làm khối trưởng; "
            "Khối 3 do Sở Xây dựng làm khối trưởng).")
    assert blocs(text) == ["Khối 1", "Khối 2", "Khối 3"]


def test_forms_of_one_bloc_take_the_fullest_written_in_the_body():
    got = blocs("Ngày 10/1, Khối thi đua các Hội đặc thù tổ chức hội nghị. Tại hội nghị, các đơn vị trong "
                "Khối thi đua các Hội có tính chất đặc thù đã bình xét thi đua.",
                title="KHỐI THI ĐUA CÁC HỘI ĐẶC THÙ TỔNG KẾT NĂM 2023")
    assert got == ["Khối thi đua các Hội có tính chất đặc thù"]


def test_the_form_written_most_often_wins_over_a_longer_one():
    got = blocs("Khối thi đua Nội chính tổng kết năm 2023. Năm qua, Khối thi đua các cơ quan, đơn vị Nội chính "
                "đã hoàn thành nhiệm vụ. Khối thi đua Nội chính đề ra nhiệm vụ năm 2024.")
    assert got == ["Khối thi đua Nội chính"]


def test_an_abbreviation_joins_the_bloc_it_shortens():
    rec = extract_record(text="Khối thi đua Văn hóa - Xã hội tổ chức hội nghị. Lãnh đạo tỉnh đánh giá cao vai trò "
                              "của Khối VH-XH.", published="2024-01-15", only=("blocs",))
    assert [b["name"] for b in rec["blocs"]] == ["Khối thi đua Văn hóa - Xã hội"]


def test_a_bloc_without_thi_dua_is_named_as_written():
    assert blocs("Chiều 5/7, Khối cơ quan Tổng hợp tỉnh tổ chức hội nghị sơ kết. Khối cơ quan Tổng hợp tỉnh "
                 "có 9 đơn vị.") == ["Khối cơ quan Tổng hợp"]


def test_a_bloc_described_by_who_runs_it_is_not_a_name():
    assert blocs("UBND tỉnh ủy quyền tổ chức giao ước đối với Khối thi đua các cơ quan, đơn vị do Liên minh "
                 "Hợp tác xã tỉnh tổ chức.") == []


def test_member_count_from_the_name_or_the_text():
    rec = extract_record(text="Cụm thi đua 6 huyện miền núi tổ chức hội nghị. Khối thi đua Nội chính có 8 đơn vị "
                              "thành viên.", published="2024-01-15", only=("blocs",))
    assert {b["name"]: b["member_count"] for b in rec["blocs"]} == {"Cụm thi đua 6 huyện miền núi": 6,
                                                                    "Khối thi đua Nội chính": 8}

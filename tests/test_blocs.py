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


@pytest.mark.parametrize("text, expected", [
    ("Khối thi đua các tổ chức Chính trị-Xã hội-Nghề nghiệp tỉnh Kon Tum tổ chức hội nghị.",
     ["Khối thi đua các tổ chức Chính trị - Xã hội - Nghề nghiệp"]),
    ("Cụm thi đua các tổ chức chính trị - xã hội và các tổ chức Liên hiệp đã họp.",
     ["Cụm thi đua các tổ chức chính trị - xã hội và các tổ chức Liên hiệp"]),
    ("Khối thi đua các phòng, ban và đơn vị trực thuộc tổ chức hội nghị.",
     ["Khối thi đua các phòng, ban và đơn vị trực thuộc"]),
])
def test_names_with_joined_hyphens_members_and_inner_stop_words(text, expected):
    from thidua.extract.text import normalize
    assert names(normalize(text)) == expected


def test_forms_with_the_same_words_in_another_order_are_one_bloc():
    got = blocs("Khối thi đua các tổ chức xã hội - nghề nghiệp họp. Khối thi đua các tổ chức Chính trị - Xã hội - "
                "Nghề nghiệp ký giao ước. Khối thi đua các tổ chức xã hội, tổ chức xã hội - nghề nghiệp đề ra nhiệm vụ.")
    assert got == ["Khối thi đua các tổ chức xã hội, tổ chức xã hội - nghề nghiệp"]


def members(text, title=None):
    body = (title + "\n" + text) if title else text
    rec = extract_record(text=body, published="2024-01-15", only=("blocs",))
    return {b["name"]: ([m["org"] for m in b["members"]], b["member_count"]) for b in rec["blocs"]}


@pytest.mark.parametrize("text, name, expected, count", [
    # a count and a class of member, then a colon; the last one joined by "và"
    ("Khối thi đua Kinh tế ngành gồm 4 đơn vị: Sở Xây dựng, Sở Công Thương, Sở Tài chính và Ban Quản lý "
     "các khu công nghiệp.", "Khối thi đua Kinh tế ngành",
     ["Sở Xây dựng", "Sở Công Thương", "Sở Tài chính", "Ban Quản lý các khu công nghiệp"], 4),
    # a class of places before bare names: each gets its head, "và" splits places
    ("Cụm thi đua số 5 gồm các huyện: Mường Tè, Sìn Hồ, Phong Thổ và Nậm Nhùn.", "Cụm thi đua số 5",
     ["huyện Mường Tè", "huyện Sìn Hồ", "huyện Phong Thổ", "huyện Nậm Nhùn"], None),
    # the list runs on into the verb of the sentence
    ("Sáng 20/12, cụm thi đua số IV gồm các xã Tân Lập, Tân Hòa, Thị trấn Đồng Mỏ đã tổ chức hội nghị tổng kết.",
     "Cụm thi đua số IV", ["xã Tân Lập", "xã Tân Hòa", "thị trấn Đồng Mỏ"], None),
    # "các sở A, B" distributes "Sở"; a known name with a comma stays whole; ';' separates groups
    ("Khối thi đua các cơ quan tổng hợp có 6 đơn vị thành viên, bao gồm: các sở Nội vụ, Văn hóa, Thể thao và "
     "Du lịch, Ngoại vụ; Văn phòng Đoàn ĐBQH và HĐND tỉnh, Thanh tra tỉnh và Ban Dân tộc tỉnh.",
     "Khối thi đua các cơ quan tổng hợp",
     ["Sở Nội vụ", "Sở Văn hóa, Thể thao và Du lịch", "Sở Ngoại vụ",
      "Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân tỉnh", "Thanh tra tỉnh", "Ban Dân tộc tỉnh"], 6),
    # members in brackets after the name, without "gồm"
    ("Ngày 9/1, Cụm thi đua số 1 (Kim Sơn, Yên Khánh, Yên Mô và huyện Nho Quan) tổ chức hội nghị.",
     "Cụm thi đua số 1", ["Kim Sơn", "Yên Khánh", "Yên Mô", "huyện Nho Quan"], None),
    # "(gồm …)" in brackets, followed by more of the sentence
    ("Huyện Ba Chẽ, Cụm trưởng Cụm thi đua số 2 (gồm các đơn vị Tiên Yên, Ba Chẽ, Bình Liêu) năm 2023 cho biết "
     "cụm đã hoàn thành nhiệm vụ.", "Cụm thi đua số 2", ["Tiên Yên", "Ba Chẽ", "Bình Liêu"], None),
    # announced before the name, after a colon, with role notes and abbreviations
    ("Dự hội nghị có các đơn vị thành viên trong Khối thi đua các đoàn thể: Hội Nông dân tỉnh (Khối trưởng), "
     "Uỷ ban MTTQ tỉnh, Liên đoàn Lao động tỉnh, Tỉnh đoàn.", "Khối thi đua các đoàn thể",
     ["Hội Nông dân tỉnh", "Ủy ban Mặt trận Tổ quốc tỉnh", "Liên đoàn Lao động tỉnh", "Tỉnh đoàn"], None),
    # a bracketed note inside a member is not a member
    ("Khối thi đua Nội chính có 3 đơn vị gồm: Công an tỉnh, Trại giam Thủ Đức (Cục 10) và Hải đoàn 32.",
     "Khối thi đua Nội chính", ["Công an tỉnh", "Trại giam Thủ Đức", "Hải đoàn 32"], 3),
    # the unit each place has, written before the class: "Sở Y tế các tỉnh trong Cụm gồm: A, B"
    ("Dự có lãnh đạo Sở Y tế các tỉnh trong Cụm thi đua Tây Bắc gồm: Sơn La, Điện Biên và Lai Châu.",
     "Cụm thi đua Tây Bắc", ["Sở Y tế tỉnh Sơn La", "Sở Y tế tỉnh Điện Biên", "Sở Y tế tỉnh Lai Châu"], None),
    # an abbreviation in brackets after the name before the list
    ("Khối thi đua Văn hóa - Xã hội (VHXH) có 3 đơn vị bao gồm: Sở Y tế, Sở Giáo dục và Đào tạo, Đài Phát thanh "
     "và Truyền hình tỉnh.", "Khối thi đua Văn hóa - Xã hội",
     ["Sở Y tế", "Sở Giáo dục và Đào tạo", "Đài Phát thanh và Truyền hình tỉnh"], 3),
])
def test_member_lists_of_the_genre(text, name, expected, count):
    got = members(text)
    assert got[name] == (expected, count)


def test_members_one_a_line_below_the_opener():
    text = ("Khối thi đua các cơ quan Đảng gồm 3 đơn vị:\n- Ban Tổ chức Tỉnh ủy;\n- Ban Tuyên giáo Tỉnh ủy;\n"
            "- Văn phòng Tỉnh ủy.\nHội nghị đã bầu Khối trưởng năm 2025.")
    assert members(text)["Khối thi đua các cơ quan Đảng"] == (
        ["Ban Tổ chức Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy", "Văn phòng Tỉnh ủy"], 3)


@pytest.mark.parametrize("text", [
    # "gồm" after a verb lists something else
    "Khối thi đua Nội chính tổ chức đoàn kiểm tra gồm đại diện Sở Tư pháp, Công an tỉnh.",
    # a gloss in brackets is not a member list
    "Khối thi đua các doanh nghiệp (Doanh nghiệp nhà nước) ký kết giao ước.",
    # a list of tasks, not units
    "Khối thi đua Kinh tế ngành gồm 3 nội dung: thi đua lao động giỏi, thi đua sáng tạo, thi đua tiết kiệm.",
])
def test_not_a_member_list(text):
    assert all(not m for m, _ in members(text).values())


def test_two_numbered_blocs_keep_their_own_lists():
    got = members("Khối 1 gồm: Sở Y tế, Sở Tư pháp; Khối 2 gồm: Sở Xây dựng, Sở Tài chính.")
    assert got["Khối 1"][0] == ["Sở Y tế", "Sở Tư pháp"]
    assert got["Khối 2"][0] == ["Sở Xây dựng", "Sở Tài chính"]


def test_a_number_before_or_after_the_descriptor_is_one_bloc():
    got = blocs("Cụm thi đua số 4 Công đoàn ngành Nông nghiệp tổ chức hội nghị. Cụm thi đua Công đoàn số 4 đề ra "
                "nhiệm vụ năm 2024. Cụm thi đua số 4 Công đoàn ngành Nông nghiệp ký kết giao ước.")
    assert got == ["Cụm thi đua số 4 Công đoàn ngành Nông nghiệp"]


def test_a_count_of_federations_opens_a_descriptive_name():
    rec = extract_record(text="Cụm Thi đua 6 LĐLĐ tỉnh miền núi phía Bắc tổ chức hội nghị tổng kết.",
                         published="2024-01-15", only=("blocs",))
    assert [(b["name"], b["member_count"]) for b in rec["blocs"]] == [
        ("Cụm thi đua 6 Liên đoàn Lao động tỉnh miền núi phía Bắc", 6)]


def test_a_unit_after_a_number_is_not_part_of_the_name():
    assert names("Khối 3 Sở Y tế làm khối trưởng.") == ["Khối 3"]


def test_members_take_the_serving_roles_of_the_article():
    text = ("Sáng 10/1, Khối thi đua Nội chính tổ chức hội nghị tổng kết năm 2023. Khối thi đua Nội chính gồm 4 đơn "
            "vị: Công an tỉnh, Tòa án nhân dân tỉnh, Viện Kiểm sát nhân dân tỉnh và Cục Thi hành án dân sự tỉnh. "
            "Đồng chí Trần Văn Bình, Giám đốc Công an tỉnh, Khối trưởng Khối thi đua Nội chính năm 2023 chủ trì "
            "hội nghị. Hội nghị thống nhất bầu Tòa án nhân dân tỉnh làm Khối trưởng năm 2024.")
    rec = extract_record(text=text, published="2024-01-15")
    bloc = next(b for b in rec["blocs"] if b["name"] == "Khối thi đua Nội chính")
    roles = {m["org"]: m["role"] for m in bloc["members"]}
    assert roles["Công an tỉnh"] == "leader"
    assert roles["Tòa án nhân dân tỉnh"] == "member"   # elected for the coming term, not yet its role

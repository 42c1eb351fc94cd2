"""Bloc leadership read from sentences written in the genre, and from the real gold sets."""

import pytest

from thidua.extract.pipeline import extract_record



def lead(text, published="2024-01-20"):
    rec = extract_record(text=text, published=published, only=("blocs", "bloc_leadership"))
    return {(x["year"], x["role"], x["org"], x["status"]) for x in rec["bloc_leadership"]}


def test_elected_pair_takes_the_written_year():
    got = lead("Khối thi đua Nội chính tổng kết năm 2023. Hội nghị đã bầu Sở Tư pháp làm Trưởng khối, "
               "Thanh tra tỉnh làm Phó Trưởng khối năm 2024.")
    assert got == {(2024, "leader", "Sở Tư pháp", "elected"), (2024, "deputy", "Thanh tra tỉnh", "elected")}


def test_serving_role_from_a_title_and_an_abbreviated_bloc():
    got = lead("Khối thi đua Văn hóa - Xã hội (KTĐVHXH) họp tổng kết năm 2023. Ông Trần Văn Bình - Giám "
               "đốc Sở Y tế, Phó trưởng KTĐVHXH năm 2023 phát biểu.")
    assert got == {(2023, "deputy", "Sở Y tế", "serving")}


def test_unit_in_brackets_and_locality_of_a_chairman():
    got = lead("Cụm thi đua số 4 sơ kết 6 tháng đầu năm 2023. Đồng chí Lò Văn Tám, Chủ tịch UBND huyện "
               "Mường Tè (đơn vị Cụm trưởng năm 2023) chủ trì hội nghị.")
    assert got == {(2023, "leader", "huyện Mường Tè", "serving")}


def test_no_unit_no_fact():
    assert lead("Khối thi đua Nội chính tổng kết năm 2023. Hội nghị công bố quyết định trưởng khối, "
                "phó trưởng khối năm 2024.") == set()


def lead_blocs(text, published="2024-01-20"):
    rec = extract_record(text=text, published=published, only=("blocs", "bloc_leadership"))
    return {(x["bloc"], x["year"], x["role"], x["org"]) for x in rec["bloc_leadership"]}


def test_numbered_blocs_each_with_leader_and_deputy():
    got = lead_blocs("Thông báo phân khối thi đua năm 2025. Theo đó chia thành 3 khối (Khối 1 do Sở Tài chính làm "
                     "khối trưởng, Sở Xây dựng làm khối phó; Khối 2 do Ban Dân tộc tỉnh làm khối trưởng, Sở Y tế "
                     "làm khối phó; Khối 3 do Công an tỉnh làm khối trưởng, Sở Tư pháp làm khối phó).")
    assert got == {("Khối 1", 2025, "leader", "Sở Tài chính"), ("Khối 1", 2025, "deputy", "Sở Xây dựng"),
                   ("Khối 2", 2025, "leader", "Ban Dân tộc tỉnh"), ("Khối 2", 2025, "deputy", "Sở Y tế"),
                   ("Khối 3", 2025, "leader", "Công an tỉnh"), ("Khối 3", 2025, "deputy", "Sở Tư pháp")}


def test_a_bloc_with_two_deputies():
    got = lead("Khối thi đua số 5 tổng kết năm 2023. Chủ trì hội nghị có đồng chí Trần Văn Nam, Giám đốc Sở Công "
               "Thương, Khối trưởng; đồng chí Lê Thị Hoa, Phó Giám đốc Sở Tài chính, Khối phó; đồng chí Đỗ Minh "
               "Tâm, Phó Cục trưởng Cục Thống kê, Khối phó.")
    assert got == {(2023, "leader", "Sở Công Thương", "serving"), (2023, "deputy", "Sở Tài chính", "serving"),
                   (2023, "deputy", "Cục Thống kê", "serving")}


@pytest.mark.parametrize("sentence, expected", [
    ("Hội nghị thống nhất Hội Nông dân tỉnh là đơn vị Trưởng khối năm 2024.", (2024, "leader", "Hội Nông dân tỉnh", "elected")),
    ("Các đơn vị đã suy tôn Sở Giáo dục và Đào tạo làm Trưởng khối năm 2024.",
     (2024, "leader", "Sở Giáo dục và Đào tạo", "elected")),
    ("Hội nghị nhất trí bầu Kho bạc Nhà nước tỉnh làm Phó Trưởng khối năm 2024.",
     (2024, "deputy", "Kho bạc Nhà nước tỉnh", "elected")),
    ("Trưởng khối năm 2024 là Sở Khoa học và Công nghệ.", (2024, "leader", "Sở Khoa học và Công nghệ", "serving")),
    ("Đại diện Sở Thông tin và Truyền thông - đơn vị phó Khối trình bày báo cáo.",
     (2023, "deputy", "Sở Thông tin và Truyền thông", "serving")),
])
def test_leadership_phrasings(sentence, expected):
    assert lead("Khối thi đua Văn hóa - Xã hội tổng kết năm 2023. " + sentence) == {expected}


def test_role_before_the_unit():
    got = lead("Cụm thi đua các huyện miền núi ký kết giao ước năm 2024. Là đơn vị Trưởng cụm năm 2024, đại diện "
               "lãnh đạo UBND huyện Bảo Lạc phát động phong trào thi đua.")
    assert got == {(2024, "leader", "huyện Bảo Lạc", "serving")}


def test_roles_in_brackets_after_each_unit():
    got = lead("Cụm thi đua số IV tổng kết năm 2023. Hội nghị đã bầu cụm trưởng và cụm phó năm 2024 là UBND huyện "
               "Yên Thế (Cụm trưởng) và UBND huyện Lục Nam (Cụm phó).")
    assert got == {(2024, "leader", "huyện Yên Thế", "elected"), (2024, "deputy", "huyện Lục Nam", "elected")}


def test_a_chairman_without_the_admin_word_takes_the_one_written_elsewhere():
    got = lead("Ngày 5/7, tại hội trường UBND huyện Tam Đường, Cụm thi đua số 2 sơ kết 6 tháng đầu năm 2024. "
               "Đồng chí Lò Văn Hải, Chủ tịch UBND Tam Đường (đơn vị Cụm trưởng năm 2024) chủ trì.")
    assert got == {(2024, "leader", "huyện Tam Đường", "serving")}


def test_a_title_chain_names_the_unit_not_the_person():
    got = lead("Khối thi đua các cơ quan Đảng tổng kết năm 2023. Chủ trì có đồng chí Vũ Văn An, Tỉnh ủy viên, "
               "Trưởng Ban Dân vận Tỉnh ủy, Khối trưởng.")
    assert got == {(2023, "leader", "Ban Dân vận Tỉnh ủy", "serving")}

"""Bloc leadership read from sentences written in the genre, and from the real gold sets."""


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

"""The province an article is about, from the way articles name it."""
from __future__ import annotations

from thidua.extract.pipeline import extract_record


def _province(text: str) -> str | None:
    return extract_record(text=text, only=("blocs",))["province"]


def test_a_university_named_after_a_city_does_not_move_the_article_there():
    text = ("Khối thi đua số 4 tổng kết năm 2024\n\nHội nghị diễn ra tại Phân hiệu Trường Đại học "
            "Kinh tế TP. Hồ Chí Minh tại Vĩnh Long. Phân hiệu Trường Đại học Kinh tế TP. Hồ Chí Minh "
            "là thành viên mới của khối. Lãnh đạo tỉnh Vĩnh Long dự hội nghị.")
    assert _province(text) == "Vĩnh Long"


def test_the_party_committee_and_the_area_name_the_province_without_tinh():
    assert _province("Cụm thi đua số 2 họp\n\nĐồng chí Phó Bí thư Tỉnh ủy Lâm Đồng dự họp.") == "Lâm Đồng"
    assert _province("Cụm thi đua số 2 họp\n\nCác xã trên địa bàn Tây Ninh đều về đích.") == "Tây Ninh"


def test_the_short_spellings_of_ho_chi_minh_city():
    for spelling in ("TPHCM", "TP.HCM", "TP. HCM"):
        text = f"Cụm thi đua 3 họp\n\nCụm thi đua 3 của UBND {spelling} tổ chức hội nghị sơ kết."
        assert _province(text) == "Thành phố Hồ Chí Minh", spelling

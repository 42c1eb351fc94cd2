"""Indicators: reported figures read from sentences of the genre, and the gold of ../shared."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from thidua.extract.document import Doc
from thidua.extract.recognizers.indicators import extract
from thidua.schema import Indicator

SHARED = Path(__file__).resolve().parents[2] / "shared"


def figures(text: str, year: int = 2023, province: str | None = None) -> list[dict]:
    doc = Doc(body=text, province=province)
    doc.__dict__["year"] = year          # the review year, as the headline would give it
    return extract(doc)


def only(text: str, **kw) -> dict:
    found = figures(text, **kw)
    assert len(found) == 1, found
    return found[0]


# --- figures the recognizer must read (sentences written for these tests) -------------------

@pytest.mark.parametrize("text, expected", [
    ("Tổng thu ngân sách trên địa bàn huyện ước đạt 2.150,5 tỷ đồng, bằng 112% dự toán, tăng 8,5% "
     "so với cùng kỳ năm 2022.",
     dict(value=2150.5, unit="tỷ đồng", plan_pct=112, change_pct=8.5, compared_to="cùng kỳ năm 2022",
          estimate=True)),
    ("Kim ngạch xuất khẩu đạt trên 1.250 triệu USD, giảm 2% so với năm 2022.",
     dict(value=1250, unit="triệu USD", change_pct=-2, compared_to="năm 2022", estimate=False)),
    ("Doanh thu dịch vụ lưu trú đạt hơn 12,4 ngàn tỷ, là con số kỷ lục.",
     dict(value=12.4, unit="nghìn tỷ đồng")),
    ("Sản lượng thủy sản đạt 3.540,5 tấn, bằng 104,2% kế hoạch năm.",
     dict(value=3540.5, unit="tấn", plan_pct=104.2, change_pct=None)),
    ("Đến nay toàn huyện có 12/14 xã đạt chuẩn nông thôn mới.",
     dict(value=12, total=14, unit="xã", period="đến nay")),
    ("Trong năm, huyện hoàn thành 21/23 chỉ tiêu nghị quyết đề ra.",
     dict(value=21, total=23, unit="chỉ tiêu", period="2023")),
    ("Giải quyết việc làm cho 1.320 lao động, đạt 110% kế hoạch.",
     dict(value=1320, unit="lao động", plan_pct=110)),
    ("Tỷ lệ hộ nghèo giảm còn 3,15%.", dict(value=3.15, unit="%", change_pct=None)),
    ("Tỷ lệ che phủ rừng đạt 58,2%, tăng 0,5% so với năm trước.",
     dict(value=58.2, unit="%", change_pct=0.5, compared_to="năm trước")),
    ("Năm 2023, 100% xã, phường triển khai dịch vụ công trực tuyến mức độ 4.", dict(value=100, unit="%")),
    ("Thu nhập bình quân đầu người đạt 52 triệu đồng/người/năm.",
     dict(value=52, unit="triệu đồng/người/năm")),
    ("Trồng mới 850 ha rừng tập trung.", dict(value=850, unit="ha")),
    ("Các khu công nghiệp thu hút thêm 9 dự án đầu tư mới.", dict(value=9, unit="dự án")),
    ("Đào tạo nghề cho 1.200 người.", dict(value=1200, unit="người", name="Người đào tạo nghề")),
])
def test_reads_figure(text, expected):
    item = only(text)
    for key, value in expected.items():
        assert item[key] == value, (key, item)


@pytest.mark.parametrize("text, change, plan, word", [
    ("Tốc độ tăng trưởng kinh tế của tỉnh ước đạt 6,8%.", 6.8, None, "tăng trưởng"),
    ("Giá trị sản xuất nông nghiệp năm 2023 tăng 4,2% so với năm 2022.", 4.2, None, "nông nghiệp"),
    ("Chỉ số sản xuất công nghiệp giảm 1,5%.", -1.5, None, "sản xuất công nghiệp"),
    ("Công tác giải ngân vốn đầu tư công đạt 96%.", None, 96, "giải ngân"),
    ("Thu ngân sách đạt 118% so với dự toán.", None, 118, "thu ngân sách"),
])
def test_growth_or_plan_without_level(text, change, plan, word):
    item = only(text)
    assert item["value"] is None and item["unit"] is None
    assert item["change_pct"] == change and item["plan_pct"] == plan
    assert word in item["name"].lower()


def test_list_of_places_takes_the_measure_announced():
    found = figures("Giá trị sản xuất ở một số xã đạt cao như: Tân Lập đạt 950 tỷ đồng (tăng 7,1% so "
                    "với cùng kỳ); xã Hòa Bình đạt 820 tỷ đồng (tăng 5% so với cùng kỳ).")
    assert [(f["value"], f["change_pct"]) for f in found] == [(950, 7.1), (820, 5)]
    assert all(f["name"] == "Giá trị sản xuất" for f in found)


def test_enumerated_counts_after_one_verb():
    found = figures("Năm 2023, toàn tỉnh có 1.210 khu dân cư, 64 cơ quan và 150 trường học được công "
                    "nhận đạt chuẩn an toàn.")
    assert [(f["value"], f["unit"]) for f in found] == [(1210, "khu dân cư"), (64, "cơ quan"),
                                                        (150, "trường")]


def test_two_figures_of_one_clause_keep_their_own_names():
    found = figures("Đào tạo nghề cho 1.200 người, hỗ trợ 500.000 đồng/người.")
    assert [(f["name"], f["value"], f["unit"]) for f in found] == [
        ("Người đào tạo nghề", 1200, "người"), ("Hỗ trợ", 500000, "đồng")]


def test_second_plan_share_is_not_a_new_figure():
    item = only("Tổng thu ngân sách đạt 980 tỷ đồng, đạt 150% dự toán tỉnh giao, 130% dự toán huyện.")
    assert item["plan_pct"] == 150


def test_region_and_period():
    item = only("Năm 2022, tổng giá trị sản xuất trên địa bàn tỉnh đạt 45.000 tỷ đồng.",
                year=2022, province="Hà Nam")
    assert item["period"] == "2022" and item["region"] == "tỉnh Hà Nam"
    assert only("Quý I/2023, doanh thu bán lẻ đạt 3.100 tỷ đồng.")["period"] == "Quý I/2023"
    assert only("Hiện toàn huyện có 45 hợp tác xã đang hoạt động.")["period"] is None


# --- what is not an indicator ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Hội nghị có 150 đại biểu tham dự.",
    "Chủ tịch UBND tỉnh tặng Bằng khen cho 25 tập thể, 40 cá nhân.",
    "Khen thưởng 1.500 tập thể, cá nhân với tổng số tiền 2 tỷ đồng.",
    "100% đại biểu nhất trí thông qua danh sách đề nghị.",
    "Khối thi đua gồm 15 doanh nghiệp và 4 cơ quan.",
    "Huyện có 18 xã, thị trấn.",
    "Năm 2023 xã Tân An đạt chuẩn nông thôn mới.",
    "Có 3 đồng chí được bầu bổ sung vào Ban Chấp hành.",
    "Năm 2024, phấn đấu tăng trưởng kinh tế đạt 8% và thu ngân sách đạt 1.500 tỷ đồng.",
    "Sản lượng lương thực vượt 5% kế hoạch.",
    "Thực hiện Chương trình trồng 1 tỷ cây xanh giai đoạn 2021 - 2025.",
    "Đại hội Thi đua yêu nước tỉnh lần thứ V diễn ra ngày 12/10/2020.",
    "Kỷ niệm 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc.",
    "Ông Nguyễn Văn A, 56 tuổi, có 30 năm công tác.",
    "Hội nghị thu hút hơn 300 người tham gia.",
    "Huyện có tổng diện tích tự nhiên 258,89 km2.",
    "Các cánh đồng có quy mô từ 30-100 ha.",
])
def test_not_an_indicator(text):
    assert figures(text) == []


def test_items_fit_the_schema():
    for item in figures("Tổng thu ngân sách ước đạt 1.386 tỷ đồng, đạt 235% dự toán; giá trị sản xuất "
                        "tăng 22%; toàn huyện có 13/13 xã đạt chuẩn nông thôn mới."):
        item.pop("_span", None)
        Indicator.model_validate(item)


# --- the gold of the seeds and dev passages ---------------------------------------------------

def _score_module():
    path = SHARED / "tools" / "score.py"
    spec = importlib.util.spec_from_file_location("thidua_shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def brief(items):
    return [(i["name"], i["value"], i["unit"], i["change_pct"], i["plan_pct"]) for i in items]


def test_an_elliptical_list_repeats_the_first_item_s_kind():
    assert brief(figures("Năm 2023, tỷ lệ hộ nghèo giảm còn 2,8%, hộ cận nghèo 3,6%.")) == [
        ("Tỷ lệ hộ nghèo", 2.8, "%", None, None), ("hộ cận nghèo", 3.6, "%", None, None)]
    assert brief(figures("Giá trị sản xuất nông nghiệp tăng 4,2%, công nghiệp 11,3%, dịch vụ 7%.")) == [
        ("Giá trị sản xuất nông nghiệp", None, None, 4.2, None), ("công nghiệp", None, None, 11.3, None),
        ("dịch vụ", None, None, 7, None)]


def test_a_range_is_not_a_figure():
    assert figures("Tốc độ tăng trưởng GRDP năm 2023 ước đạt từ 7 - 7,5%.") == []
    assert figures("Mỗi hộ được hỗ trợ từ 20 đến 30 triệu đồng.") == []


def test_an_absolute_change_is_a_figure_named_by_its_verb():
    assert brief(figures("Thu ngân sách năm 2023 đạt 820 tỷ đồng, tăng 95 tỷ đồng so với năm 2022.")) == [
        ("Thu ngân sách", 820, "tỷ đồng", None, None), ("Thu ngân sách tăng", 95, "tỷ đồng", None, None)]


def test_a_share_of_the_estimate_written_with_so():
    assert brief(figures("Thu ngân sách 412 tỷ đồng, đạt 118,5% so dự toán, tăng 9% so cùng kỳ.")) == [
        ("Thu ngân sách", 412, "tỷ đồng", 9, 118.5)]


def test_parts_of_a_figure_are_not_figures_of_their_own():
    assert brief(figures("Huyện hoàn thành 18/18 chỉ tiêu chủ yếu, trong đó: 11 chỉ tiêu về kinh tế và 7 chỉ tiêu "
                         "về xã hội.")) == [("Chỉ tiêu chủ yếu", 18, "chỉ tiêu", None, None)]
    names = [i["name"] for i in figures("Toàn huyện có 9 xã đạt chuẩn nông thôn mới, trong đó 2 xã đạt chuẩn nông "
                                        "thôn mới nâng cao.")]
    assert len(names) == 2


def test_a_year_after_the_review_is_a_target_only_when_after_publication():
    doc = Doc(body="Thu ngân sách năm 2023 đạt 700 tỷ đồng, tăng 8% so với năm 2022.", published=None)
    doc.__dict__["year"] = 2022          # the headline names the year compared with
    doc.published = __import__("datetime").date(2024, 1, 5)
    assert [i["value"] for i in extract(doc)] == [700]


def test_an_amount_in_two_parts_is_one_value_in_the_larger_unit():
    got = only("Năm 2023, thu ngân sách trên địa bàn huyện Mường Ảng đạt 86 tỷ 250 triệu đồng.")
    assert (got["value"], got["unit"]) == (86.25, "tỷ đồng")
    got = only("Thu nhập bình quân đầu người của xã đạt 45 triệu 600 nghìn đồng.")
    assert (got["value"], got["unit"]) == (45.6, "triệu đồng")


def test_a_list_of_places_after_a_colon_measures_the_head_in_each_place():
    got = figures("Giá trị sản xuất nông nghiệp năm 2023 của các huyện trong cụm đều tăng: Huyện Tam Đảo "
                  "đạt 1.250 tỷ đồng, bằng 101% kế hoạch; Lập Thạch đạt 980,5 tỷ đồng; Sông Lô hơn 760 tỷ "
                  "đồng; thị xã Phúc Yên đạt 1.410 tỷ đồng.")
    assert [(g["name"], g["value"], g["region"]) for g in got] == [
        ("Giá trị sản xuất nông nghiệp", 1250, "huyện Tam Đảo"),
        ("Giá trị sản xuất nông nghiệp", 980.5, "Lập Thạch"),
        ("Giá trị sản xuất nông nghiệp", 760, "Sông Lô"),
        ("Giá trị sản xuất nông nghiệp", 1410, "thị xã Phúc Yên")]
    assert got[0]["plan_pct"] == 101


def test_a_growth_list_without_a_colon_gives_each_place_its_growth():
    got = figures("Về tốc độ tăng trưởng kinh tế, huyện Bảo Lâm tăng cao nhất với 9,4%; huyện Bảo Lạc đạt "
                  "8,2%; huyện Hà Quảng đạt 7,05% và huyện Trùng Khánh đạt 6,3%.")
    assert [(g["name"], g["change_pct"], g["region"]) for g in got] == [
        ("Tốc độ tăng trưởng kinh tế", 9.4, "huyện Bảo Lâm"),
        ("Tốc độ tăng trưởng kinh tế", 8.2, "huyện Bảo Lạc"),
        ("Tốc độ tăng trưởng kinh tế", 7.05, "huyện Hà Quảng"),
        ("Tốc độ tăng trưởng kinh tế", 6.3, "huyện Trùng Khánh")]


def test_what_a_verb_made_is_named_after_its_figure():
    got = figures("Nhân dân hiến hơn 2.500 m2 đất, làm mới 12 km đường giao thông nông thôn, trên 6 km kênh "
                  "mương nội đồng, xây dựng nhà văn hóa thôn trị giá 3 tỷ đồng.")
    assert [(g["name"], g["value"], g["unit"]) for g in got] == [
        ("Đất hiến", 2500, "m2"), ("Đường giao thông nông thôn làm mới", 12, "km"),
        ("Kênh mương nội đồng làm mới", 6, "km"), ("Xây dựng nhà văn hóa thôn", 3, "tỷ đồng")]


def test_an_award_joined_to_a_figure_by_va_is_not_part_of_its_name():
    got = only("Huyện Cao Lãnh được Chủ tịch UBND tỉnh tặng Bằng khen trong thực hiện giao ước năm 2023 và "
               "giải ngân vốn đầu tư công đạt 98% kế hoạch.")
    assert (got["name"], got["plan_pct"]) == ("Giải ngân vốn đầu tư công", 98)

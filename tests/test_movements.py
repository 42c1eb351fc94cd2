"""Named emulation movements: quoted after "phong trào", lists, known standing names."""
from __future__ import annotations


import pytest

from thidua.extract.document import Doc
from thidua.extract.recognizers import movements



def _names(text: str) -> list[str]:
    return [m["name"] for m in movements.extract(Doc(body=text))]


def test_quoted_after_campaign_and_chained_list():
    assert _names("Tiếp tục thực hiện Cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam” và các "
                  "phong trào thi đua: “Dân vận khéo”, “Xanh - sạch - đẹp” và “Ngày thứ bảy tình nguyện”.") == [
        "Người Việt Nam ưu tiên dùng hàng Việt Nam", "Dân vận khéo", "Xanh - sạch - đẹp",
        "Ngày thứ bảy tình nguyện"]


def test_abbreviation_in_brackets_dropped_and_hyphen_kept():
    assert _names("Phong trào thi đua “Hà Tĩnh chung sức xây dựng nông thôn mới (NTM)” và phong trào "
                  "“Chung tay phòng, chống Covid-19” đạt kết quả.") == [
        "Hà Tĩnh chung sức xây dựng nông thôn mới", "Chung tay phòng, chống Covid-19"]


def test_unquoted_list_after_colon_stops_at_a_programme():
    assert _names("Nổi bật là các phong trào: Thi đua dạy tốt học tốt, Chung tay vì người nghèo, "
                  "Chương trình xây nhà cho hộ nghèo…") == ["Thi đua dạy tốt học tốt", "Chung tay vì người nghèo"]


def test_known_movement_without_quotes():
    assert _names("Kết quả phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2023 được nâng lên.") == [
        "Toàn dân bảo vệ an ninh Tổ quốc"]


@pytest.mark.parametrize("text", [
    "Các đơn vị hưởng ứng phong trào thi đua với chủ đề “Đoàn kết, kỷ cương, sáng tạo”.",
    "Nhiều cá nhân đạt danh hiệu “Chiến sĩ thi đua cơ sở”.",
    "Huyện đẩy mạnh các phong trào: thi đua lao động sản xuất, xây dựng nông thôn mới.",
    "Phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2024.",
    "Khu dân cư đạt chuẩn “An toàn về an ninh trật tự” tăng.",
])
def test_not_movements(text):
    assert _names(text) == []


def names_in(text):
    from thidua.extract.pipeline import extract_record
    return extract_record(text=text, published="2024-01-10", only=("movements",))["movements"]


def test_a_quoted_list_after_a_predicate():
    assert names_in("Nhiều phong trào thi đua được triển khai hiệu quả, điển hình như: “Chung tay xây dựng đô thị "
                    "văn minh”, “Ngày Chủ nhật xanh”.") == ["Chung tay xây dựng đô thị văn minh", "Ngày Chủ nhật xanh"]


def test_a_quote_left_open_runs_to_the_clause_end():
    assert names_in("Các xã hưởng ứng phong trào “Vì an ninh Tổ quốc ở khu dân cư. Năm 2024 tiếp tục.") == [
        "Vì an ninh Tổ quốc ở khu dân cư"]


def test_a_quote_cut_off_by_the_end_of_the_text_is_left_out():
    assert names_in("Huyện tổng kết năm 2023\nHuyện hoàn thành các chỉ tiêu. Thực hiện phong trào thi đua “Chung tay vì người ng") == []


def test_a_standing_movement_named_after_a_verb_without_phong_trao():
    assert names_in("Đoàn viên tích cực hưởng ứng Ngày thứ Bảy tình nguyện.") == ["Ngày thứ Bảy tình nguyện"]


def test_a_theme_is_not_a_movement():
    assert names_in("Đẩy mạnh phong trào thi đua với chủ đề “Đoàn kết, kỷ cương, đổi mới”.") == []


def test_quoted_items_of_a_semicolon_list_after_lower_case_ones():
    got = names_in("Tổng kết năm 2024\nCác phong trào nổi bật của năm được biểu dương gồm: cải cách hành chính; "
                   "“Toàn dân đoàn kết xây dựng đời sống văn hóa”; “Doanh nghiệp Việt Nam thịnh vượng”.")
    assert got == ["Toàn dân đoàn kết xây dựng đời sống văn hóa", "Doanh nghiệp Việt Nam thịnh vượng"]

"""The meeting an article reports: type, date (year from context), period, place, bloc."""
from __future__ import annotations

from datetime import date

import pytest

from thidua.extract.document import Doc
from thidua.extract.pipeline import extract_record
from thidua.extract.recognizers import events



def _events(text: str, published: date | None = None, title: str | None = None) -> list[dict]:
    out = events.extract(Doc(body=text, title=title, published=published))
    for item in out:
        assert item.pop("evidence")["text"]
        item.pop("_span", None)
    return out


def test_year_end_review_held_in_january_without_publication_date():
    got = _events("Sáng 15/1, Cụm thi đua số 4 tổ chức hội nghị tổng kết công tác thi đua, khen thưởng "
                  "năm 2023, triển khai nhiệm vụ năm 2024.")
    assert got == [{"type": "annual_review", "date": "2024-01-15", "period_start": "2023-01-01",
                    "period_end": "2023-12-31", "location": None, "bloc": "Cụm thi đua số 4"}]


def test_interim_review_with_place_and_period_year_from_later_mention():
    got = _events("Ngày 25/7/2024, tại Hội trường Sở Y tế, Khối thi đua Văn hóa - Xã hội đã tổ chức hội nghị "
                  "sơ kết 6 tháng đầu năm, phương hướng nhiệm vụ 6 tháng cuối năm 2024.")
    assert got[0]["type"] == "interim_review" and got[0]["date"] == "2024-07-25"
    assert (got[0]["period_start"], got[0]["period_end"]) == ("2024-01-01", "2024-06-30")
    assert got[0]["location"] == "Hội trường Sở Y tế"
    assert got[0]["bloc"] == "Khối thi đua Văn hóa - Xã hội"


def test_event_word_before_its_date():
    got = _events("Hội nghị tổng kết công tác thi đua năm 2023 của Cụm thi đua số 1 được tổ chức vào sáng "
                  "10/1/2024 tại huyện Yên Thế.")
    assert (got[0]["type"], got[0]["date"], got[0]["location"]) == ("annual_review", "2024-01-10", "huyện Yên Thế")


@pytest.mark.parametrize("text,etype", [
    ("Ngày 10/3, UBND tỉnh tổ chức Lễ đón nhận Huân chương Lao động hạng Nhất.", "award_ceremony"),
    ("Sáng 9/3, tỉnh tổ chức Đại hội Thi đua yêu nước lần thứ VI.", "congress"),
    ("Chiều 20/3, các đơn vị trong Khối thi đua Nội chính tổ chức Hội nghị ký kết giao ước thi đua năm 2024.",
     "pact_signing"),
    ("Sáng 5/3, UBND huyện tổ chức Lễ phát động phong trào thi đua năm 2024.", "launch"),
    ("Ngày 14/3, Hội đồng Thi đua - Khen thưởng tỉnh họp phiên thứ hai xét khen thưởng.", "other"),
    ("Sáng 12/3, Đảng bộ huyện tổ chức Lễ kỷ niệm 60 năm thành lập huyện và đón nhận danh hiệu Anh hùng.",
     "award_ceremony"),
])
def test_event_types(text, etype):
    got = _events(text, published=date(2024, 3, 21))
    assert [e["type"] for e in got] == [etype]
    assert got[0]["date"].startswith("2024-03-")
    assert got[0]["period_start"] is None or etype == "other"


def test_first_event_word_decides_a_combined_meeting():
    got = _events("Chiều 10/1, UBND huyện tổ chức hội nghị tổng kết phong trào thi đua năm 2023 và phát động "
                  "thi đua năm 2024.", published=date(2024, 1, 11))
    assert [(e["type"], e["date"]) for e in got] == [("annual_review", "2024-01-10")]


def test_report_date_is_not_the_meeting_date():
    got = _events("Ngày 6/1, huyện X cho biết, đơn vị đã tổ chức Hội nghị tổng kết phong trào thi đua năm 2023.",
                  published=date(2024, 1, 6))
    assert [(e["type"], e["date"]) for e in got] == [("annual_review", None)]


def test_type_from_headline_when_lead_says_only_hoi_nghi():
    got = _events("Sáng 8/1, tại huyện Ba Bể, Cụm thi đua số 2 tổ chức hội nghị.",
                  title="Cụm thi đua số 2 tổng kết công tác thi đua năm 2023", published=date(2024, 1, 9))
    assert [(e["type"], e["date"], e["period_end"]) for e in got] == [("annual_review", "2024-01-08", "2023-12-31")]


def test_meeting_about_coming_year_is_not_a_review():
    assert _events("Sáng 12-1, Sở Nội vụ tổ chức hội nghị triển khai nhiệm vụ năm 2024.") == []


@pytest.mark.parametrize("text", [
    "Ngày 5/2, UBND tỉnh ban hành Kế hoạch số 15/KH-UBND phát động phong trào thi đua năm 2024.",
    "Năm 2023, các đơn vị trong Khối đã ký kết giao ước thi đua và triển khai nhiều phong trào.",
    "Thủ tướng Chính phủ vừa ban hành Quyết định số 12/QĐ-TTg tặng Cờ thi đua cho 5 tập thể.",
])
def test_no_event(text):
    assert _events(text, published=date(2024, 2, 6)) == []


def ev(text: str, published: date) -> list[dict]:
    """Events of an article given as text, through the whole pipeline (furniture, blocs)."""
    return extract_record(text=text, published=published, only=("blocs", "events"))["events"]


def test_a_session_of_the_award_council_is_other():
    got = ev("Sáng 14/12, Hội đồng Thi đua - Khen thưởng tỉnh họp xét khen thưởng tổng kết năm 2023.",
             published=date(2023, 12, 15))
    assert [(e["type"], e["date"]) for e in got] == [("other", "2023-12-14")]


def test_a_legal_preamble_is_not_the_meeting():
    got = ev("Thực hiện Kế hoạch số 15/KH-UBND ngày 10/1/2024 của UBND tỉnh về phát động thi đua năm 2024; "
             "Căn cứ Quyết định số 02/QĐ-KTĐ ngày 12/1/2024.\nChiều 20/3/2024, tại Sở Tư pháp, Khối thi đua Nội "
             "chính tổ chức hội nghị ký kết giao ước thi đua năm 2024.", published=date(2024, 3, 21))
    assert [(e["type"], e["date"]) for e in got] == [("pact_signing", "2024-03-20")]


def test_the_meeting_after_a_preamble_in_one_sentence():
    got = ev("Thực hiện Kế hoạch hoạt động năm 2024 của Khối, chiều ngày 5/4/2024, tại Ban Dân tộc tỉnh, Khối thi "
             "đua Văn hóa - Xã hội tổ chức hội nghị ký kết giao ước thi đua.", published=date(2024, 4, 6))
    assert [(e["type"], e["date"], e["location"]) for e in got] == [("pact_signing", "2024-04-05", "Ban Dân tộc tỉnh")]


def test_page_furniture_above_the_lead_and_a_dotted_date():
    got = ev("Đọc báo in\nTải ứng dụng\nTrang chủ\nXã hội\nChính trị\nKinh tế\nVăn hóa\n(PV) - Chiều 21.2, UBND huyện "
             "Hòa Thành tổng kết công tác thi đua, khen thưởng năm 2023 và phát động thi đua năm 2024.",
             published=date(2024, 2, 22))
    assert [(e["type"], e["date"]) for e in got] == [("annual_review", "2024-02-21")]


def test_a_second_meeting_on_another_day():
    got = ev("Sáng 10/1, Cụm thi đua số 2 tổ chức hội nghị tổng kết công tác thi đua năm 2023. Các đơn vị thống "
             "nhất nhiều nội dung quan trọng.\nChiều 16/1, tại huyện Lục Ngạn, UBND huyện tổ chức lễ trao tặng Huân "
             "chương Lao động hạng Ba cho xã Tân Sơn.", published=date(2024, 1, 17))
    assert [(e["type"], e["date"]) for e in got] == [("annual_review", "2024-01-10"), ("award_ceremony", "2024-01-16")]


def test_a_meeting_that_reviews_the_year_by_another_name():
    got = ev("Sáng 8/4, huyện Ba Chẽ tổ chức Hội nghị đánh giá, tuyên dương khen thưởng các tập thể năm 2023 và "
             "phát động phong trào thi đua năm 2024.", published=date(2024, 4, 9))
    assert [(e["type"], e["date"]) for e in got] == [("annual_review", "2024-04-08")]


def test_session_number_year_is_not_the_reviewed_period():
    got = _events("Hội đồng Thi đua - Khen thưởng huyện vừa họp lần thứ hai năm 2024 để xét các danh hiệu "
                  "cho tập thể, cá nhân.")
    assert [(e["type"], e["period_start"]) for e in got] == [("other", None)]


def test_ten_years_of_a_directive_is_no_year_end_review():
    got = _events("Chiều 3/6/2025, Sở Giáo dục tổ chức hội nghị tổng kết 10 năm thực hiện Chỉ thị số 05 "
                  "của Bộ Chính trị.")
    assert got[0]["type"] == "other" and got[0]["date"] == "2025-06-03"
    assert got[0]["period_start"] is None


def test_undated_lead_takes_the_day_a_later_sentence_gives():
    got = _events("Cụm thi đua số 2 vừa tổ chức hội nghị tổng kết công tác thi đua năm 2024. "
                  "Sáng 14/1/2025, Cụm thi đua số 2 tổ chức hội nghị tổng kết công tác thi đua năm 2024 "
                  "tại huyện Tân Phú.")
    assert len(got) == 1
    assert got[0]["type"] == "annual_review" and got[0]["date"] == "2025-01-14"
    assert got[0]["bloc"] == "Cụm thi đua số 2"


@pytest.mark.parametrize("text, place", [
    # the dot of "TP." is part of the place, not the end of the sentence
    ("Sáng 12/1, tại TP. Vinh, Cụm thi đua số 2 tổ chức hội nghị tổng kết năm 2023.", "TP. Vinh"),
    ("Ngày 5/7, tại Tp. Huế, Khối thi đua Nội chính tổ chức hội nghị sơ kết 6 tháng đầu năm 2024.", "Tp. Huế"),
    # the place ends where a bloc's name begins, even written in lower case
    ("Ngày 22/12 tại nhà văn hóa thôn Bản Chắt cụm thi đua số 6 gồm các xã Tân Lập, Tân Hòa đã tổ chức hội nghị "
     "tổng kết năm 2023.", "nhà văn hóa thôn Bản Chắt"),
])
def test_location_shapes(text, place):
    got = _events(text, published=date(2024, 7, 10))
    assert got and got[0]["location"] == place

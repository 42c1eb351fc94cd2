"""The meeting an article reports: type, date (year from context), period, place, bloc."""
from __future__ import annotations

from datetime import date

import pytest

from thidua.extract.document import Doc
from thidua.extract.recognizers import events



def _events(text: str, published: date | None = None, title: str | None = None) -> list[dict]:
    out = events.extract(Doc(body=text, title=title, published=published))
    for item in out:
        assert item.pop("evidence")["text"]
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

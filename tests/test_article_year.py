"""The year an article reviews, and the term of the bloc leaders it shows serving."""
from __future__ import annotations

from datetime import date

from thidua.extract.article_year import reviewed_year, term_year, year_mentions
from thidua.extract.pipeline import extract_record


def test_a_session_number_year_gives_way_to_the_year_rewarded():
    title = "Hội đồng Thi đua - Khen thưởng thành phố họp lần thứ ba năm 2023"
    body = ("Phiên họp xem xét hồ sơ đề nghị khen thưởng tổng kết công tác năm 2022 của các sở, "
            "ngành và địa phương.")
    assert reviewed_year(title, body, date(2023, 4, 20)) == 2022


def test_the_plan_year_of_the_headline_gives_way_to_a_paragraph_opening_with_its_year():
    title = "Cụm thi đua số 5 triển khai nhiệm vụ năm 2025"
    body = "Sáng 9/1, Cụm thi đua số 5 tổ chức hội nghị.\n\nNăm 2024, các huyện trong cụm thu ngân sách đạt 1.250 tỷ đồng."
    assert reviewed_year(title, body, date(2025, 1, 10)) == 2024


def test_a_review_naming_only_the_coming_year_reviews_the_one_before():
    title = "Khối thi đua Nội chính tổng kết công tác thi đua, triển khai nhiệm vụ năm 2026"
    assert reviewed_year(title, "Các đơn vị trong khối dự hội nghị.", None) == 2025


def test_a_pact_year_is_the_leaders_term_but_not_the_year_reviewed():
    title = "Khối thi đua các trường đại học ký kết giao ước thi đua năm 2024"
    body = "Hội nghị nghe báo cáo kết quả công tác thi đua năm 2023 của khối."
    assert reviewed_year(title, body, None) == 2023
    assert term_year(title, body, None) == 2024


def test_a_year_compared_with_is_not_the_one_reported():
    kinds = year_mentions("thu ngân sách tăng 12% so với năm 2021, cao nhất từ năm 2015")
    assert kinds == [(2021, "compared"), (2015, "plain")]


def test_a_year_end_review_printed_in_february_without_a_year_reviews_the_last_one():
    title = "Cụm thi đua các huyện miền núi tổng kết công tác thi đua"
    assert reviewed_year(title, "Sáng 20/2, hội nghị diễn ra tại huyện Tủa Chùa.", date(2024, 2, 21)) == 2023


def test_awards_and_serving_leaders_take_the_years_in_a_whole_record():
    text = ("Khối thi đua Văn hóa - Xã hội ký kết giao ước thi đua năm 2025\n\n"
            "Sáng 18/2/2025, Khối thi đua Văn hóa - Xã hội tổ chức hội nghị ký kết giao ước thi đua năm 2025. "
            "Sở Y tế, đơn vị Trưởng Khối thi đua Văn hóa - Xã hội, chủ trì hội nghị. "
            "Dịp này, Sở Giáo dục và Đào tạo được đề nghị Chủ tịch UBND tỉnh tặng Bằng khen vì có thành tích "
            "xuất sắc trong công tác thi đua năm 2024.")
    record = extract_record(text=text)
    assert {(x["org"], x["year"]) for x in record["bloc_leadership"]} == {("Sở Y tế", 2025)}
    assert [a["year"] for a in record["awards"]] == [2024]


def test_awards_of_a_numbered_council_session_reward_the_year_reviewed():
    text = ("Hội đồng Thi đua - Khen thưởng tỉnh họp phiên thứ hai năm 2021\n\n"
            "Chiều 6/5, Hội đồng Thi đua - Khen thưởng tỉnh họp xét khen thưởng tổng kết kinh tế - xã hội "
            "năm 2020. Hội đồng thống nhất đề nghị Thủ tướng Chính phủ tặng Bằng khen cho 3 tập thể.")
    record = extract_record(text=text, published="2021-05-07")
    assert [(a["type"], a["year"]) for a in record["awards"]] == [("pm_certificate_of_merit", 2020)]

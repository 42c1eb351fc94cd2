"""Headline, byline and date of text input; lines broken inside a sentence joined back."""
import pytest

from thidua.extract.linebreaks import join_wrapped
from thidua.extract.meta import read_meta
from thidua.extract.pipeline import extract_record

HEADLINE = "Khối thi đua Kinh tế tổng hợp tổng kết công tác thi đua năm 2024"
LEAD = "Sáng 9/1, Khối thi đua Kinh tế tổng hợp tổ chức hội nghị tổng kết năm 2024."


@pytest.mark.parametrize("line, author", [
    ("Ngọc Trâm", "Ngọc Trâm"),
    ("Lan Hương, Quang Vinh", "Lan Hương, Quang Vinh"),
    ("Lan Hương - Quang Vinh", "Lan Hương - Quang Vinh"),
    ("Thu Trang - Trung tâm Văn hóa huyện Yên Thế", "Thu Trang"),
    ("Đức Anh (Báo Quảng Trị)", "Đức Anh"),
    ("BẢO NGỌC", "BẢO NGỌC"),
    ("Đài Truyền thanh Lục Yên", "Đài Truyền thanh Lục Yên"),
])
def test_byline_at_the_foot(line, author):
    assert read_meta([HEADLINE, LEAD, "Các đơn vị ký kết giao ước thi đua năm 2025.", line]).author == author


@pytest.mark.parametrize("line", ["TIN TỨC SỰ KIỆN", "Quang cảnh hội nghị", "Kim Bảng"])
def test_labels_and_places_are_not_bylines(line):
    assert read_meta([HEADLINE, LEAD, line]).author is None


def test_byline_above_the_headline_with_a_timestamp():
    meta = read_meta(["Hải Yến | 08:15 10/01/2025", HEADLINE, LEAD])
    assert (meta.author, meta.title, str(meta.published)) == ("Hải Yến", HEADLINE, "2025-01-10")


def test_byline_above_the_headline_by_family_name():
    meta = read_meta(["Phạm Tuấn", HEADLINE, LEAD])
    assert (meta.author, meta.title) == ("Phạm Tuấn", HEADLINE)


def test_a_given_name_alone_above_the_headline_is_not_taken():
    assert read_meta(["Minh Châu", HEADLINE, LEAD]).author is None


def test_hard_wrapped_text_is_joined_into_sentences():
    lines = ["Chiều 20/12, tại hội trường Ủy ban nhân dân huyện Phú Lương, Cụm thi đua số 4 tổ chức hội",
             "nghị tổng kết. Đồng chí Hà Văn Lâm, Chủ tịch Ủy",
             "ban nhân dân huyện Phú Lương - Cụm trưởng chủ trì. Hội nghị",
             "thống nhất bầu Ủy ban nhân dân huyện Đồng Hỷ là Cụm trưởng năm",
             "2025.",
             "(Toàn cảnh hội nghị)",
             "Các đơn vị ký kết giao ước thi đua."]
    assert join_wrapped(lines) == [
        "Chiều 20/12, tại hội trường Ủy ban nhân dân huyện Phú Lương, Cụm thi đua số 4 tổ chức hội nghị tổng kết. "
        "Đồng chí Hà Văn Lâm, Chủ tịch Ủy ban nhân dân huyện Phú Lương - Cụm trưởng chủ trì. Hội nghị thống nhất "
        "bầu Ủy ban nhân dân huyện Đồng Hỷ là Cụm trưởng năm 2025.",
        "(Toàn cảnh hội nghị)",
        "Các đơn vị ký kết giao ước thi đua."]


def test_a_text_broken_once_keeps_its_other_lines():
    lines = ["Khối thi đua Nội chính", "Sơ kết 6 tháng đầu năm", "các đơn vị trong khối đã hoàn thành."]
    assert join_wrapped(lines) == ["Khối thi đua Nội chính", "Sơ kết 6 tháng đầu năm các đơn vị trong khối đã hoàn thành."]


def test_wrapped_byline_with_its_affiliation():
    rec = extract_record(text="\n".join([HEADLINE, LEAD, "Hội nghị thống nhất các", "nội dung. Các đơn vị",
                                         "ký kết giao ước. Đại diện các đơn vị",
                                         "phát biểu.", "Thanh Huyền - Ủy", "ban MTTQ huyện Tân Yên"]))
    assert rec["author"] == "Thanh Huyền"
    assert "Thanh Huyền" not in rec["body"]

"""Documents cited with a number: number normalised, type, date and issuer."""
from __future__ import annotations

from datetime import date

import pytest

from thidua.extract.document import Doc
from thidua.extract.recognizers import documents
from thidua.extract.recognizers.documents import normalise_number



def _docs(text: str, published: date | None = date(2024, 4, 10)) -> list[dict]:
    out = documents.extract(Doc(body=text, published=published))
    for item in out:
        ev, (start, end) = item.pop("evidence"), item.pop("_span")
        assert ev["start"] <= start < end <= ev["end"]     # the number, inside its sentence
        assert text[start:end].endswith(item["number"].split("/")[-1][-2:]) or text[start:end]
    return out


def test_number_date_and_issuer_after_it():
    got = _docs("Thực hiện Quyết định số 123/QĐ-UBND ngày 5/2/2024 của Chủ tịch UBND tỉnh về việc "
                "tặng Bằng khen cho các tập thể.")
    assert got == [{"number": "123/QĐ-UBND", "type": "Quyết định", "date": "2024-02-05",
                    "issuer": "Chủ tịch UBND tỉnh"}]


def test_space_for_slash_and_date_and_issuer_before():
    got = _docs("Ngày 20/12/2023 Thủ tướng Chính phủ đã ký Quyết định số 1520 QĐ-TTg tặng Cờ thi đua.")
    assert got == [{"number": "1520/QĐ-TTg", "type": "Quyết định", "date": "2023-12-20",
                    "issuer": "Thủ tướng Chính phủ"}]


def test_party_numbering_year_numbering_and_law_code():
    got = _docs("Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15; Chỉ thị 41-CT/TW của Ban Bí thư và "
                "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ.")
    assert [(d["number"], d["type"], d["issuer"]) for d in got] == [
        ("06/2022/QH15", "Luật", None), ("41-CT/TW", "Chỉ thị", "Ban Bí thư"),
        ("98/2023/NĐ-CP", "Nghị định", "Chính phủ")]


def test_list_shares_type_and_issuer_and_district_keeps_its_name():
    got = _docs("Các Quyết định số 12/QĐ-UBND và số 13/QĐ-UBND của UBND huyện Kim Sơn đã được công bố.")
    assert [(d["number"], d["type"], d["issuer"]) for d in got] == [
        ("12/QĐ-UBND", "Quyết định", "UBND huyện Kim Sơn"), ("13/QĐ-UBND", "Quyết định", "UBND huyện Kim Sơn")]


def test_date_without_year_takes_publication_year():
    got = _docs("Theo Công văn 456/SNV-TĐKT ngày 3/4 của Sở Nội vụ, các đơn vị gửi hồ sơ.")
    assert got[0]["date"] == "2024-04-03" and got[0]["issuer"] == "Sở Nội vụ"


def test_repeated_citation_is_one_document_completed_later():
    got = _docs("Triển khai Kế hoạch số 7/KH-UBND. Kế hoạch số 7/KH-UBND ngày 9/1/2024 của UBND tỉnh nêu rõ.")
    assert got == [{"number": "7/KH-UBND", "type": "Kế hoạch", "date": "2024-01-09", "issuer": "UBND tỉnh"}]


@pytest.mark.parametrize("text", [
    "Toàn tỉnh có 45/50 xã đạt chuẩn, đường 3/2 được mở rộng.",
    "Số 12 đường Trần Phú, có số 3 KCN đang hoạt động.",
    "Thực hiện Nghị quyết của HĐND tỉnh về kế hoạch phát triển kinh tế - xã hội năm 2024.",
])
def test_no_document_without_a_number(text):
    assert _docs(text) == []


@pytest.mark.parametrize("raw,number", [("2015 QĐ-CTN", "2015/QĐ-CTN"), ("21 / KH-UBND", "21/KH-UBND"),
                                        ("34-CT/TW", "34-CT/TW"), ("83/2020/NQ-HĐND", "83/2020/NQ-HĐND")])
def test_normalise_number(raw, number):
    assert normalise_number(raw) == number

"""Whatever text comes in, extraction gives a record or a clear error: never a crash."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.extract.guards import InputError
from thidua.extract.pipeline import ExtractionError, extract_record

# pieces of the genre and of page furniture, glued in any order with any punctuation
PIECES = ["Khối thi đua", "Cụm thi đua số", "Trưởng khối", "Khối phó", "do", "làm", "năm 2024", "Sáng 12/1,",
          "tặng Bằng khen cho", "3 tập thể", "và", "Huân chương Lao động hạng", "đồng chí", "Nguyễn Văn",
          "Giám đốc Sở", "tăng", "7,5%", "1.234,5 tỷ đồng", "“", "”", "(", ")", ":", ";", ",", "-", "\n",
          "Kế hoạch số 12/KH-UBND ngày", "phong trào", "bầu", "Thanh tra tỉnh", "Đảng ủy Khối", "các khối",
          "0", "II", "Hội đồng Thi đua - Khen thưởng", "Kết quả,", "Dịp này,", "trong đó:", "còn lại"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=60))
def test_any_text_gives_a_record_or_a_clear_error(parts):
    text = " ".join(parts)
    try:
        record = extract_record(text=text, published="2024-01-15")
    except (ExtractionError, InputError) as exc:
        assert str(exc)
        return
    for section in ("blocs", "people", "awards", "bloc_leadership", "indicators", "documents", "events"):
        for item in record[section]:
            ev = item.get("evidence")
            if ev:
                assert record["body"][ev["start"]:ev["end"]] == ev["text"]

"""The extraction pipeline as spaCy gives it: registered components with declared inputs, facts
as spans over the words that state them, a component of one's own, several processes."""
import io
import json

import pytest
from spacy.language import Language

import thidua.extract
from thidua.extract.components import PipelineOrderError, add_fact
from thidua.extract_cli import Limits, parallel_results, run

TEXT = ("Khối thi đua Văn hóa - Xã hội tổng kết năm 2024\n"
        "Sáng 9/1, tại Sở Y tế, Khối thi đua Văn hóa - Xã hội tổ chức hội nghị tổng kết công tác thi đua năm "
        "2024. Hội nghị thống nhất bầu Sở Giáo dục và Đào tạo làm Trưởng khối năm 2025. Dịp này, Chủ tịch UBND "
        "tỉnh tặng Bằng khen cho 3 tập thể.")


@pytest.fixture(scope="module")
def nlp():
    return thidua.extract.load()


def test_the_pipeline_and_its_declared_dependencies(nlp):
    assert nlp.pipe_names[:2] == ["thidua_sentences", "thidua_blocs"]
    analysis = nlp.analyze_pipes(pretty=False)
    assert not any(analysis["problems"].values())
    assert "doc._.bloc_mentions" in analysis["summary"]["thidua_bloc_leadership"]["requires"]


def test_facts_are_spans_over_their_words(nlp):
    doc = nlp(TEXT)
    assert doc.text == doc._.article.body
    [lead] = doc.spans["bloc_leadership"]
    assert lead.text == "Sở Giáo dục và Đào tạo làm Trưởng khối"
    assert lead._.fact["org"] == "Sở Giáo dục và Đào tạo" and lead._.fact["year"] == 2025
    assert lead.sent.text.startswith("Hội nghị thống nhất bầu")
    [award] = doc.spans["awards"]
    assert award.text == "Bằng khen" and award._.fact["recipient_count"] == 3


def test_the_record_keeps_the_sentence_and_adds_the_words(nlp):
    record = thidua.extract.to_record(nlp(TEXT))
    ev = record["bloc_leadership"][0]["evidence"]
    body = record["body"]
    assert body[ev["start"]:ev["end"]] == ev["text"]
    assert body[ev["span_start"]:ev["span_end"]] == "Sở Giáo dục và Đào tạo làm Trưởng khối"
    assert ev["start"] <= ev["span_start"] < ev["span_end"] <= ev["end"]


def test_read_takes_a_page_and_the_caller_s_context(nlp):
    page = f"<html><head><title>Tin</title></head><body><article><h1>Tin thi đua</h1><p>{TEXT.split(chr(10))[1]}</p>" \
           "</article></body></html>"
    doc = thidua.extract.read(nlp, html=page, url="https://snv.example.gov.vn/tin/1", province="Lạng Sơn",
                              published="2025-01-10", id="p1")
    record = thidua.extract.to_record(doc)
    assert (record["id"], record["province"], record["source"]) == ("p1", "Lạng Sơn", "snv.example.gov.vn")
    assert record["events"][0]["date"] == "2025-01-09"


def test_removing_blocs_fails_loudly():
    nlp = thidua.extract.load()
    nlp.remove_pipe("thidua_blocs")
    with pytest.raises(PipelineOrderError, match="needs doc._.bloc_mentions, set by thidua_blocs"):
        nlp(TEXT)


def test_a_component_of_one_s_own():
    @Language.component("drop_counted_awards_test")
    def drop_counted(doc):
        # an analyst's rule: keep only awards with a named recipient
        doc.spans["awards"] = [s for s in doc.spans["awards"] if s._.fact["recipient"]]
        # … and record the pact the lead mentions as a movement of its own
        token = doc[0]
        doc.spans["movements"] = list(doc.spans["movements"]) + [
            add_fact(doc, token.i, token.i + 1, "movements", {"name": "Thi đua đặc biệt"})]
        return doc

    nlp = thidua.extract.load()
    nlp.add_pipe("drop_counted_awards_test", after="thidua_movements")
    record = thidua.extract.to_record(nlp(TEXT))
    assert record["awards"] == []
    assert record["movements"] == ["Thi đua đặc biệt"]
    assert record["movement_evidence"][0]["span_start"] == 0


def test_several_processes_keep_the_order_and_one_error_stays_one_line():
    items = [{"id": str(i), "text": TEXT} for i in range(12)]
    items[5] = {"id": "5", "text": "   "}
    items[8] = {"id": "8", "error": "line 9: invalid JSON"}
    results = list(parallel_results(iter(items), Limits(), jobs=2))
    assert [r["id"] for r in results] == [str(i) for i in range(12)]
    assert "empty input" in results[5]["error"] and results[8]["error"] == "line 9: invalid JSON"
    assert results[0]["bloc_leadership"] and results[11]["bloc_leadership"] == results[0]["bloc_leadership"]
    out = io.StringIO()
    assert run(items, out, jobs=2) == 2
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == [str(i) for i in range(12)]

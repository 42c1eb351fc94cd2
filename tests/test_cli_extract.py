"""`thidua extract`: the contract other systems and the evaluation depend on."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "000_e399220f78c6bc5e.txt"


def run_cli(*args, stdin=None):
    proc = subprocess.run([sys.executable, "-m", "thidua.cli", "extract", *args], input=stdin,
                          capture_output=True, text=True, encoding="utf-8")
    return proc.returncode, [json.loads(line) for line in proc.stdout.splitlines()], proc.stderr


@pytest.fixture
def seed():
    if not SEED.exists():
        pytest.skip("../shared is not beside the repo")
    return SEED


def test_text_file_gives_one_record_named_by_stem(seed):
    code, records, _ = run_cli(str(seed), "--url", "https://backan.gov.vn/x", "--published", "2021-01-11")
    assert code == 0 and len(records) == 1
    rec = records[0]
    assert rec["id"] == seed.stem and rec["source"] == "backan.gov.vn"
    assert rec["published"] == "2021-01-11" and rec["extractor_version"].startswith("thidua-extract/")
    elected = {(x["year"], x["role"], x["org"]) for x in rec["bloc_leadership"] if x["status"] == "elected"}
    assert (2021, "deputy", "Ban Quản lý Vườn Quốc gia Ba Bể") in elected
    for item in rec["bloc_leadership"]:
        ev = item["evidence"]
        assert rec["body"][ev["start"]:ev["end"]] == ev["text"]


def test_jsonl_stream_keeps_ids_and_reports_bad_lines(seed, tmp_path):
    good = {"id": "a1", "text": seed.read_text(encoding="utf-8"), "published": "2021-01-11"}
    lines = [json.dumps(good, ensure_ascii=False), "{not json", json.dumps({"id": "empty", "text": "  "}),
             json.dumps({"id": "nohtml"}), json.dumps({"id": "bad-date", "text": "x", "published": "11/01/2021"})]
    code, records, err = run_cli("--jsonl", "-", stdin="\n".join(lines) + "\n")
    assert code == 1 and "4 input(s) failed" in err
    assert [r["id"] for r in records] == ["a1", None, "empty", "nohtml", "bad-date"]
    assert "bloc_leadership" in records[0] and "error" not in records[0]
    assert "line 2: invalid JSON" in records[1]["error"]
    assert "empty input" in records[2]["error"]
    assert 'neither "text" nor "html"' in records[3]["error"]
    assert "YYYY-MM-DD" in records[4]["error"]


def test_unreadable_file_is_an_error_line_and_the_rest_goes_on(seed, tmp_path):
    code, records, _ = run_cli(str(tmp_path / "missing.txt"), str(seed))
    assert code == 1
    assert records[0]["id"] == "missing" and "cannot read" in records[0]["error"]
    assert records[1]["id"] == seed.stem and records[1]["blocs"]


def test_legacy_encoded_text_file_is_decoded(tmp_path):
    text = "Khối thi đua Văn hóa - Xã hội tổ chức hội nghị ký kết giao ước thi đua năm 2023 tại Sở Y tế."
    path = tmp_path / "cp.txt"
    path.write_bytes(text.encode("utf-16"))
    code, records, _ = run_cli(str(path))
    assert code == 0
    assert records[0]["blocs"][0]["name"] == "Khối thi đua Văn hóa - Xã hội"



def _cp1258(text: str) -> bytes:
    # windows-1258 has ơ, ư, â … as letters but writes the five tones as combining marks
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def test_windows_1258_files_are_decoded_as_the_crawler_does(tmp_path):
    text = ("Sáng 15/1, Cụm thi đua số 2 tổ chức hội nghị tổng kết công tác thi đua năm 2024 "
            "tại Ủy ban nhân dân huyện Đồng Hỷ.")
    page = tmp_path / "p.html"
    page.write_bytes(b'<html><head><meta charset="windows-1258"><title>T</title></head><body>'
                     b"<article><h1>" + _cp1258("Cụm thi đua số 2 tổng kết năm 2024") + b"</h1><p>"
                     + _cp1258(text) + b"</p></article></body></html>")
    plain = tmp_path / "t.txt"  # no declaration at all: the bytes read best as windows-1258
    plain.write_bytes(_cp1258(text))
    code, records, _ = run_cli(str(page), str(plain))
    assert code == 0
    for rec in records:
        assert "huyện Đồng Hỷ" in rec["body"]
        assert rec["blocs"][0]["name"] == "Cụm thi đua số 2"

GOOD = "Khối thi đua Nội chính tổng kết năm 2023\nSáng 10/1, Khối thi đua Nội chính tổ chức hội nghị tổng kết năm 2023."
BAD_LINES = [
    ('{"id": 7, "text": "x"}', None, "id must be a string, got a number"),
    ('{"id": "u1", "url": 5, "text": "x"}', "u1", "url must be a string"),
    ('{"id": "u2", "url": "not a url", "text": "x"}', "u2", "not an http(s) address"),
    ('{"id": "u3", "url": "ftp://host/x", "text": "x"}', "u3", "not an http(s) address"),
    ('{"id": "t1", "text": ["a", "b"]}', "t1", "text must be a string, got a list"),
    ('{"id": "t2", "text": {"x": 1}}', "t2", "text must be a string, got an object"),
    ('{"id": "n1", "text": "x", "n": 1e400}', None, "too large"),
    ('{"id": "n2", "text": "x", "n": NaN}', None, "not a JSON number"),
    ('[' * 100000 + ']' * 100000, None, "nested too deep"),
    ('"just a string"', None, "not a JSON object"),
    ('{"id": "s1", "text": "x", "selectors": {"title": 3}}', "s1", "selectors.title must be a string"),
    ('{"id": "z1", "text": "Khối thi đua\\u0000 Nội chính"}', "z1", "NUL bytes"),
]


def test_each_bad_line_is_one_error_and_the_stream_goes_on():
    lines = []
    for bad, _, _ in BAD_LINES:
        lines += [bad, json.dumps({"id": f"ok{len(lines)}", "text": GOOD}, ensure_ascii=False)]
    code, records, err = run_cli("--jsonl", "-", stdin="\n".join(lines) + "\n")
    assert code == 1 and f"{len(BAD_LINES)} input(s) failed" in err
    assert "Traceback" not in err
    assert len(records) == 2 * len(BAD_LINES)
    for i, (_, ident, message) in enumerate(BAD_LINES):
        bad, good = records[2 * i], records[2 * i + 1]
        assert bad["id"] == ident and message in bad["error"], (bad, message)
        assert "error" not in good and good["blocs"][0]["name"] == "Khối thi đua Nội chính"


def test_mojibake_is_repaired_with_a_warning():
    broken = GOOD.encode("utf-8").decode("cp1252", errors="replace")
    code, records, _ = run_cli("--jsonl", "-", stdin=json.dumps({"id": "m", "text": broken}) + "\n")
    assert code == 0
    assert records[0]["blocs"][0]["name"] == "Khối thi đua Nội chính"
    assert any("mojibake" in w for w in records[0]["warnings"])


def test_text_that_is_not_vietnamese_says_so():
    english = ("The provincial emulation board held its annual review on Monday. " * 10).strip()
    code, records, _ = run_cli("--jsonl", "-", stdin=json.dumps({"id": "en", "text": english}) + "\n")
    assert code == 0 and any("does not look Vietnamese" in w for w in records[0]["warnings"])


def test_files_sharing_a_stem_get_distinct_ids(tmp_path):
    (tmp_path / "x.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "x.html").write_text(f"<html><body><h1>Tin</h1><p>{GOOD}</p></body></html>", encoding="utf-8")
    _, records, _ = run_cli(str(tmp_path / "x.txt"), str(tmp_path / "x.html"))
    assert [r["id"] for r in records] == ["x.txt", "x.html"]


def test_an_input_over_the_length_cap_names_its_size():
    code, records, _ = run_cli("--jsonl", "-", "--max-chars", "1000",
                               stdin=json.dumps({"id": "big", "text": GOOD * 30}, ensure_ascii=False) + "\n")
    assert code == 1 and records[0]["id"] == "big"
    assert "over the cap of 1,000" in records[0]["error"]


def test_the_time_budget_stops_a_slow_article(monkeypatch):
    from thidua import extract_cli
    from thidua.extract import pipeline

    def slow(**kw):       # a fake: no real article is slow enough to provoke the budget
        import time
        time.sleep(5)
    monkeypatch.setattr(extract_cli, "extract_record", slow)
    out = __import__("io").StringIO()
    failed = extract_cli.run([{"id": "slow", "text": GOOD}], out, extract_cli.Limits(time_budget=0.2))
    assert failed == 1 and "time budget of 0.2 s" in json.loads(out.getvalue())["error"]
    assert pipeline.extract_record is not slow

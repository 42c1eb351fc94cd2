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

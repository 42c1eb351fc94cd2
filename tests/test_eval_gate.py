"""The eval gate: extraction scores on the seeds and dev set never fall below the floors pinned
in tests/eval_baseline.json (scripts/eval_gate.py; lower a floor only on purpose)."""
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("eval_gate", ROOT / "scripts" / "eval_gate.py")
gate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gate)

pytestmark = pytest.mark.skipif(not (gate.SHARED / "dev").is_dir(), reason="../shared/dev is not beside the repo")


def test_no_score_falls_below_its_floor():
    _, figures = gate.current()
    floors = gate.json.loads(gate.BASELINE.read_text(encoding="utf-8"))
    assert gate.lowered(figures, floors) == []


def test_a_lowered_score_is_reported():
    floors = {"dev": {"blocs F1": 0.9, "people P": 0.5}}
    assert gate.lowered({"dev": {"blocs F1": 0.8, "people P": 0.9}}, floors) == ["dev: blocs F1 0.800 < floor 0.900"]
    assert gate.lowered({"dev": {}}, {"dev": {"awards F1": 0.7}}) == ["dev: awards F1 is no longer scored (floor 0.700)"]

"""What the scoring scripts share: ../shared/tools/score.py loaded at run time (it is
third-party and never copied) and a predictions file read into {id: record}."""
from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def score_module(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def arguments(description: str | None = None) -> argparse.ArgumentParser:
    """GOLD_DIR PRED.jsonl [--shared DIR], for a script to add its own options to."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("pred", type=Path)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    return ap


def predictions(path: Path) -> dict[str, dict]:
    preds = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            preds[str(rec.get("id"))] = rec
    return preds

"""The eval gate: extraction scores on the seeds and the dev set against pinned floors.

    .venv/bin/python scripts/eval_gate.py            # print the scores, check them against the floors
    .venv/bin/python scripts/eval_gate.py --write    # pin today's scores as the floors (on purpose only)

Extracts `../shared/seeds/*.txt` (scored against `../shared/gold`) and `../shared/dev`
(`published_hint` as `published`) exactly as `make eval` does, scores them with
`../shared/tools/score.py` and compares every section's precision and F1, the accuracy lines
and the overall F1 with `tests/eval_baseline.json`. A score below its floor fails (exit 1);
lower a floor only on purpose, with `--write`, and say why in the commit.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("THIDUA_SHARED", ROOT.parent / "shared"))
BASELINE = ROOT / "tests" / "eval_baseline.json"
TOLERANCE = 1e-9

_SECTION_ROW = re.compile(r"^(?P<name>\w[\w ]*?)\s+(?P<p>\d\.\d{3})\s+(?P<r>\d\.\d{3})\s+(?P<f>\d\.\d{3})\s+\d+$")
_ACCURACY_ROW = re.compile(r"^(?P<name>[\w ]+?)\s+accuracy (?P<a>\d\.\d{3}) of \d+$")
_OVERALL = re.compile(r"^overall F1 (?P<f>\d\.\d{3})$")


def _records(items) -> str:
    from thidua.extract_cli import run

    out = io.StringIO()
    run(items, out)
    return out.getvalue()


def seed_items() -> list[dict]:
    from thidua.extract_cli import inputs_from_files

    return list(inputs_from_files(sorted(str(p) for p in (SHARED / "seeds").glob("*.txt")), None, None))


def dev_items() -> list[dict]:
    items = []
    for meta in sorted((SHARED / "dev").glob("*.json")):
        m = json.loads(meta.read_text(encoding="utf-8"))
        items.append({"id": m["id"], "text": meta.with_suffix(".txt").read_text(encoding="utf-8"),
                      "url": m.get("url"), "published": m.get("published_hint")})
    return items


def score(gold_dir: Path, records: str) -> tuple[str, dict[str, float]]:
    """score.py's printout and its figures as {"people F1": …, "people P": …, "overall F1": …}."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as fh:
        fh.write(records)
    try:
        printed = subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), str(gold_dir), fh.name],
                                 capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(fh.name)
    figures: dict[str, float] = {}
    for line in printed.splitlines():
        if m := _SECTION_ROW.match(line):
            figures[f"{m['name']} P"] = float(m["p"])
            figures[f"{m['name']} F1"] = float(m["f"])
        elif m := _ACCURACY_ROW.match(line):
            figures[m["name"]] = float(m["a"])
        elif m := _OVERALL.match(line):
            figures["overall F1"] = float(m["f"])
    return printed, figures


def current() -> tuple[dict[str, str], dict[str, dict[str, float]]]:
    printed, figures = {}, {}
    printed["seeds"], figures["seeds"] = score(SHARED / "gold", _records(seed_items()))
    printed["dev"], figures["dev"] = score(SHARED / "dev", _records(dev_items()))
    return printed, figures


def lowered(figures: dict[str, dict[str, float]], floors: dict[str, dict[str, float]]) -> list[str]:
    """Every figure under its floor (or gone), as a line saying which and by how much."""
    out = []
    for set_name, pinned in floors.items():
        for key, floor in pinned.items():
            now = figures.get(set_name, {}).get(key)
            if now is None:
                out.append(f"{set_name}: {key} is no longer scored (floor {floor:.3f})")
            elif now < floor - TOLERANCE:
                out.append(f"{set_name}: {key} {now:.3f} < floor {floor:.3f}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="pin the current scores as the floors")
    ap.add_argument("--baseline", type=Path, default=BASELINE)
    ap.add_argument("--quiet", action="store_true", help="print only the gate's verdict")
    args = ap.parse_args(argv)
    if not (SHARED / "dev").is_dir():
        print(f"eval gate: {SHARED} has no dev set; nothing to score", file=sys.stderr)
        return 2
    printed, figures = current()
    for set_name, text in printed.items():
        if not args.quiet:
            print(f"== {set_name}\n{text}", end="")
    if args.write:
        args.baseline.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"eval gate: floors written to {args.baseline}")
        return 0
    floors = json.loads(args.baseline.read_text(encoding="utf-8"))
    failed = lowered(figures, floors)
    for line in failed:
        print(f"eval gate: LOWER {line}")
    raised = [f"{s}: {k} {v:.3f} > floor {floors.get(s, {}).get(k, 0):.3f}"
              for s, fs in figures.items() for k, v in fs.items() if v > floors.get(s, {}).get(k, 0) + TOLERANCE]
    if raised and not failed:
        print(f"eval gate: {len(raised)} figures above their floors; pin them with --write")
    print("eval gate: " + ("FAILED" if failed else "ok"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""How often an award's `year` agrees with the gold, which score.py does not check.

Usage: scripts/award_years.py GOLD_DIR PRED.jsonl [--show]
An award is compared when a predicted award of its type has its recipient count (or both
name a recipient); it agrees when one of them has the gold's year.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("pred", type=Path)
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    pred = {r["id"]: r for r in map(json.loads, args.pred.read_text(encoding="utf-8").splitlines())}
    agree = compared = 0
    for path in sorted(args.gold_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gold = data.get("gold", data)
        record = pred.get(gold.get("id") or path.stem) or pred.get(path.stem)
        if record is None:
            continue
        for award in gold.get("awards", []):
            same = [p for p in record["awards"] if p["type"] == award["type"]
                    and p["recipient_count"] == award.get("recipient_count")
                    and bool(p["recipient"]) == bool(award.get("recipient"))]
            if not same:
                continue
            compared += 1
            if any(p["year"] == award.get("year") for p in same):
                agree += 1
            elif args.show:
                print(path.stem, award["label"], "gold", award.get("year"), "predicted", [p["year"] for p in same])
    print(f"award year agrees {agree} of {compared} ({agree / max(compared, 1):.3f})")


if __name__ == "__main__":
    main()

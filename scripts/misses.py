"""Every miss of the dev (or seeds) scoring, in full: what gold has that the prediction lacks
and what the prediction adds, per section, with the evidence sentence of extras.

    .venv/bin/python scripts/misses.py GOLD_DIR PRED.jsonl [--section S] [--id ID]

Uses the matching functions of ../shared/tools/score.py, read at run time, so the misses
listed are exactly the ones it counts. Also lists people whose titles and awards whose
status disagree with gold (the accuracy lines of score.py).
"""
from __future__ import annotations

import json
import sys

from score_inputs import arguments, predictions, score_module




def _short(item: dict) -> str:
    ev = item.get("evidence")
    item = {k: v for k, v in item.items() if k != "evidence"}
    out = json.dumps(item, ensure_ascii=False)
    if ev:
        out += "\n        ← " + (ev.get("text") or "")[:300]
    return out


def main(argv=None) -> int:
    ap = arguments()
    ap.add_argument("--section")
    ap.add_argument("--id")
    args = ap.parse_args(argv)
    score = score_module(args.shared)
    preds = predictions(args.pred)
    for f in sorted(args.gold_dir.glob("*.json")):
        if args.id and f.stem != args.id:
            continue
        data = json.loads(f.read_text(encoding="utf-8"))
        gold = data.get("gold", data)
        pred = preds.get(f.stem, {})
        if "error" in pred:
            print(f"{f.stem} ERROR {pred['error']}")
        for section, fn in score.SECTIONS.items():
            if args.section and section != args.section:
                continue
            g, p = score.items(gold, section), score.items(pred, section)
            pairs = score.match(g, p, fn)
            for gi in g:
                if not any(gi is a for a, _ in pairs):
                    print(f"{f.stem} {section} MISSED {_short(gi)}")
            for pi in p:
                if not any(pi is b for _, b in pairs):
                    print(f"{f.stem} {section} EXTRA  {_short(pi)}")
            for gi, pi in pairs:
                if section == "people":
                    bad = [t for t in gi.get("titles") or []
                           if not any(score.sim(t, u) >= 0.7 for u in pi.get("titles") or [])]
                    if bad:
                        print(f"{f.stem} people TITLE {gi['name']}: gold {gi['titles']} got {pi.get('titles')}")
                if section == "awards" and gi.get("status") != pi.get("status"):
                    print(f"{f.stem} awards STATUS {gi.get('label')} → {gi.get('recipient') or gi.get('recipient_count')}:"
                          f" gold {gi.get('status')} got {pi.get('status')}\n        ← {(pi.get('evidence') or {}).get('text', '')[:300]}")
        for field in ("published", "author"):
            if gold.get(field) and score.norm(gold[field]) != score.norm(pred.get(field)):
                print(f"{f.stem} {field} gold {gold[field]!r} got {pred.get(field)!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

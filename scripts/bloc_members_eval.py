"""Bloc members, member counts and event locations against gold: fields ../shared/tools/score.py
does not score (it matches blocs by name, events by date and type), so a change to them is
measured here.

    .venv/bin/python scripts/bloc_members_eval.py GOLD_DIR PRED.jsonl [--show]

Blocs are paired by score.py's `m_blocs`; members of a pair by `sim(..., numbered=True) >= 0.8`
(their roles as an accuracy line); events by `m_events`, their locations by `sim >= 0.8` (both null counts as agreeing,
a null prediction against a gold place as a miss, a place against a null gold as an extra).
"""
from __future__ import annotations

import json

from score_inputs import arguments, predictions, score_module




def _pairs(mod, gold: list, pred: list, fn) -> list[tuple[dict, dict]]:
    return mod.match(gold, pred, fn)


def main(argv=None) -> int:
    ap = arguments()
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args(argv)
    mod = score_module(args.shared)
    preds = predictions(args.pred)
    mem = [0, 0, 0]     # tp, predicted, gold
    cnt = [0, 0, 0]
    loc = [0, 0, 0]
    roles = [0, 0]     # members found with the right role, members found
    for f in sorted(args.gold_dir.glob("*.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        gold = data.get("gold", data)
        pred = preds.get(f.stem, {})
        for g, p in _pairs(mod, mod.items(gold, "blocs"), mod.items(pred, "blocs"), mod.m_blocs):
            gm, pm = g.get("members") or [], p.get("members") or []
            used: set[int] = set()
            hits = 0
            for x in gm:
                for i, y in enumerate(pm):
                    if i not in used and mod.sim(x["org"], y["org"], numbered=True) >= 0.8:
                        used.add(i)
                        hits += 1
                        roles[0] += x.get("role", "member") == y.get("role", "member")
                        roles[1] += 1
                        if args.show and x.get("role", "member") != y.get("role", "member"):
                            print(f"{f.stem} {x['org']}: role gold {x.get('role')} predicted {y.get('role')}")
                        break
            mem[0] += hits
            mem[1] += len(pm)
            mem[2] += len(gm)
            if args.show and (hits < len(gm) or hits < len(pm)):
                print(f"{f.stem} {g['name']}: members {hits}/{len(gm)} gold, {len(pm)} predicted")
                for i, y in enumerate(pm):
                    if i not in used:
                        print("   + ", y["org"], y.get("role"))
                for x in gm:
                    if not any(mod.sim(x["org"], pm[i]["org"], numbered=True) >= 0.8 for i in used):
                        print("   - ", x["org"], x.get("role"))
            gc, pc = g.get("member_count"), p.get("member_count")
            cnt[0] += gc is not None and gc == pc
            cnt[1] += pc is not None
            cnt[2] += gc is not None
            if args.show and gc != pc:
                print(f"{f.stem} {g['name']}: member_count gold {gc} predicted {pc}")
        for g, p in _pairs(mod, mod.items(gold, "events"), mod.items(pred, "events"), mod.m_events):
            gl, pl = g.get("location"), p.get("location")
            loc[1] += pl is not None
            loc[2] += gl is not None
            ok = gl is not None and pl is not None and mod.sim(gl, pl) >= 0.8
            loc[0] += ok
            if args.show and (gl or pl) and not ok:
                print(f"{f.stem} event {g.get('date')}: location gold {gl!r} predicted {pl!r}")
    for name, (tp, np_, ng) in (("members", mem), ("member_count", cnt), ("location", loc)):
        p = tp / np_ if np_ else 1.0
        r = tp / ng if ng else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:<14} P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  gold {ng}  predicted {np_}")
    print(f"member roles   accuracy {roles[0] / roles[1] if roles[1] else 1.0:.3f} of {roles[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

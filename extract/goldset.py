"""The hand-written gold sets (../shared/gold with seeds, ../shared/dev) as test cases."""
from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple


class GoldCase(NamedTuple):
    id: str
    text_path: Path
    gold: dict
    published: str | None


def gold_cases(shared: Path) -> list[GoldCase]:
    """Every seed (bare gold record) and dev passage (`{"gold", "published_hint"}`) found."""
    cases = []
    for gold in sorted((shared / "gold").glob("*.json")):
        cases.append(GoldCase(gold.stem, shared / "seeds" / f"{gold.stem}.txt",
                              json.loads(gold.read_text(encoding="utf-8")), None))
    for meta in sorted((shared / "dev").glob("*.json")):
        m = json.loads(meta.read_text(encoding="utf-8"))
        cases.append(GoldCase(meta.stem, meta.with_suffix(".txt"), m["gold"], m.get("published_hint")))
    return cases

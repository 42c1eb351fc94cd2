"""Cuts page furniture (menus, share buttons, counters, related-article lists) from text input."""
from __future__ import annotations

import re
from functools import lru_cache

from thidua.extract.lexicon import table


@lru_cache(maxsize=1)
def _rules() -> tuple[list[re.Pattern], list[re.Pattern]]:
    drop, cut = [], []
    for row in table("boilerplate"):
        pat = row["pattern"]
        if row["kind"] == "exact":
            rx = re.compile(re.escape(pat) + r"\s*", re.I)
        elif row["kind"] == "prefix":
            rx = re.compile(re.escape(pat) + r".*", re.I)
        else:
            rx = re.compile(pat, re.I)
        (cut if row["action"] == "cut" else drop).append(rx)
    return drop, cut


def strip_boilerplate(lines: list[str]) -> list[str]:
    """Lines of the article only: furniture lines dropped, everything after a cut marker gone."""
    drop, cut = _rules()
    kept = []
    for line in lines:
        if any(rx.fullmatch(line) for rx in cut):
            break
        if line and any(rx.fullmatch(line) for rx in drop):
            continue
        kept.append(line)
    return kept

"""Vocabulary of reported figures, compiled from lexicon/indicator_units.tsv and
lexicon/indicator_cues.tsv into the regexes the indicator recognizer scans with.

Kept apart from the recognizer so that the domain lists stay data and the compiled patterns
are built once per process.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from thidua.extract.lexicon import alternation, table
from thidua.extract.numbers import NUMBER, parse_number

# a word character that is not a digit: what may not touch a phrase on either side
_W = r"[^\W\d_]"


@dataclass(frozen=True)
class Unit:
    name: str
    kind: str  # money, quantity, count


@dataclass(frozen=True)
class Vocabulary:
    figure: re.Pattern          # number [/ number] unit-or-%
    unit_of: dict               # folded spelling -> Unit
    cues: dict                  # role -> compiled regex of its phrases
    compound_of: dict           # (major, minor) word -> (unit of the whole, minors per major)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip()).lower()


def phrase_regex(phrases) -> re.Pattern:
    """Whole-word, case-insensitive match of any of `phrases`."""
    return re.compile(r"(?<!" + _W + r")(?:" + alternation(phrases) + r")(?!" + _W + r")", re.I)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    unit_of: dict[str, Unit] = {}
    free, bare = [], []
    for row in table("indicator_units"):
        unit = Unit(row["unit"], row.get("kind") or "count")
        bare_spellings = [b.strip() for b in (row.get("bare_variants") or "").split("|") if b.strip()]
        for spelling in [row["unit"], *filter(None, (row.get("variants") or "").split("|"))]:
            unit_of[_key(spelling)] = unit
            if spelling.strip() not in bare_spellings:
                free.append(spelling.strip())
        for spelling in bare_spellings:
            unit_of[_key(spelling)] = unit
            bare.append(spelling)
    # a bare spelling ("tỷ") counts only where the phrase ends: punctuation, a bracket or the end
    unit_alt = (r"(?P<unit>%|(?:" + alternation(free) + r")(?!" + _W + r")"
                r"|(?:" + alternation(bare) + r")(?=\s*(?:[,.;:)…/]|$)))")
    compounds = table("indicator_compound_amounts")
    # "153 tỷ 900 triệu đồng": the major word and a second number, the minor word read as the unit
    compound = (r"(?:\s+(?P<major>" + alternation(r["major"] for r in compounds) + r")\s+(?P<minor>"
                + NUMBER + r")(?=\s+(?:" + alternation(r["minor"] for r in compounds) + r")(?!" + _W + r")))?")
    figure = re.compile(
        r"(?<![\w.,/-])(?P<num>" + NUMBER + r")" + compound + r"(?:\s*/\s*(?P<total>" + NUMBER + r"))?\s*"
        + unit_alt, re.I)
    compound_of = {(_key(r["major"]), _key(r["minor"])): (r["unit"], int(r["per"])) for r in compounds}
    by_role: dict[str, list[str]] = {}
    for row in table("indicator_cues"):
        by_role.setdefault(row["role"], []).append(row["phrase"])
    cues = {role: phrase_regex(phrases) for role, phrases in by_role.items()}
    return Vocabulary(figure, unit_of, cues, compound_of)


def unit_named(spelling: str) -> Unit | None:
    if spelling == "%":
        return Unit("%", "percent")
    return vocabulary().unit_of.get(_key(spelling))


def has_cue(role: str, text: str) -> bool:
    rx = vocabulary().cues.get(role)
    return bool(rx and rx.search(text))


def cue_at_end(role: str, text: str) -> re.Match | None:
    """The cue of `role` that ends `text` (spaces and qualifiers aside), if any."""
    rx = vocabulary().cues.get(role)
    if rx is None:
        return None
    last = None
    for m in rx.finditer(text):
        if not text[m.end():].strip():
            last = m if last is None or m.start() < last.start() else last
    return last


def cue_at_start(role: str, text: str) -> re.Match | None:
    """The longest cue of `role` that opens `text` (after spaces)."""
    rx = vocabulary().cues.get(role)
    if rx is None:
        return None
    stripped = len(text) - len(text.lstrip())
    m = rx.match(text, stripped)
    return m


def figure_amount(m: re.Match) -> tuple[str, float | None]:
    """The unit spelling and value of a `figure` match; a two-part amount ("153 tỷ 900 triệu
    đồng") as one value in the major's unit (153.9, "tỷ đồng")."""
    value = parse_number(m["num"])
    if not m["major"] or value is None:
        return m["unit"], value
    minor_word = m["unit"].split()[0]
    unit, per = vocabulary().compound_of.get((_key(m["major"]), _key(minor_word)), (None, 1))
    minor = parse_number(m["minor"])
    if unit is None or minor is None:
        return m["unit"], None
    return unit, value + minor / per

"""Unit names: abbreviations expanded and one spelling per unit (`Sở NN&PTNT` → `Sở Nông
nghiệp và Phát triển nông thôn`), and lists of units split into names."""
from __future__ import annotations

import re
from functools import lru_cache

from thidua.extract.lexicon import alternation, table, words
from thidua.extract.text import LOWER, UPPER, fold_ascii


def _abbrev_regex(abbrev: str) -> str:
    # "NN&PTNT" also matches "NN & PTNT"; "KT-KT" also "KT - KT"
    out = ""
    for part in re.split(r"\s*([&\-,])\s*", abbrev):
        if part in ("&", "-", ","):
            out += r"\s*" + re.escape(part) + r"\s*"
        else:
            out += re.escape(part).replace(r"\ ", r"\s+")
    return out


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[re.Pattern, list[str]]:
    """One regex of every abbreviation (longest first, so "NN và PTNT" wins over "PTNT" at a
    place) and the expansion of each alternative, by group name."""
    rows = sorted(table("abbreviations"), key=lambda r: len(r["abbreviation"]), reverse=True)
    groups = "|".join(f"(?P<a{i}>{_abbrev_regex(r['abbreviation'])})" for i, r in enumerate(rows))
    return re.compile(r"(?<![\w&])(?:" + groups + r")(?![\w&])"), [r["expansion"] for r in rows]


@lru_cache(maxsize=8192)
def expand_abbreviations(text: str) -> str:
    """Write out the abbreviations of `lexicon/abbreviations.tsv` (longest first)."""
    rx, expansions = _abbreviations()
    return rx.sub(lambda m: expansions[int(m.lastgroup[1:])], text)


def _key(name: str) -> str:
    return re.sub(r"[\s,\-]+", " ", name.lower()).strip()


@lru_cache(maxsize=1)
def _canonical_units() -> dict[str, str]:
    out = {}
    for row in table("units"):
        out[_key(row["canonical"])] = row["canonical"]
        for v in filter(None, row.get("variants", "").split("|")):
            out[_key(v.strip())] = row["canonical"]
    return out


def tidy(name: str) -> str:
    """Spaces, dashes written ` - `, no stray punctuation at either end."""
    name = re.sub(r"\s*-\s*", " - ", name)
    name = re.sub(r"\s+", " ", name)
    return name.strip(" ,;:.…/()\"“”'")


@lru_cache(maxsize=8192)
def canonical_org(name: str) -> str:
    """One spelling for a unit: abbreviations expanded, known units in their usual case."""
    name = tidy(expand_abbreviations(tidy(name)))
    name = re.sub(r"\bỦy ban nhân dân\b", "Ủy ban nhân dân", name, flags=re.I)
    known = _canonical_units().get(_key(name))
    if known:
        return known
    # a known unit followed by its place: "Sở Tư pháp tỉnh Lạng Sơn"
    m = re.match(r"(.*?)\s+((?:tỉnh|thành phố|huyện)\s+.+)$", name)
    if m and _key(m.group(1)) in _canonical_units():
        return f"{_canonical_units()[_key(m.group(1))]} {m.group(2)}"
    return name


@lru_cache(maxsize=1)
def unit_head_regex() -> re.Pattern:
    """Matches a word that opens a unit name (Sở, Ban, Ủy ban, huyện…) at a position."""
    return re.compile(r"(?:" + alternation(words("unit_types")) + r")(?=[\s,;.]|$)")


def starts_unit(text: str) -> bool:
    return bool(unit_head_regex().match(text.strip()))


def split_org_list(text: str) -> list[str]:
    """Names in an enumeration "A, B và C" / "A; B; C", keeping commas and "và" that belong
    inside one name ("Sở Văn hóa, Thể thao và Du lịch", "Sở Tài nguyên và Môi trường")."""
    # a missing comma before a new unit ("… môi trường Ban Quản lý …") still splits
    text = re.sub(r"(?<=" + LOWER + r") (?=(?:Sở|Ban Quản lý|Ủy ban|Quỹ|Đài|Báo|Văn phòng) " + UPPER + r")", ", ", text)
    pieces = [p.strip() for p in re.split(r"\s*[;]\s*|\s*,\s*|\s+và\s+(?=" + unit_head_regex().pattern + ")", text)
              if p and p.strip()]
    names: list[str] = []
    for piece in pieces:
        if names and not starts_unit(piece) and not _looks_like_place(piece):
            names[-1] = names[-1] + ", " + piece
        else:
            names.append(piece)
    return [tidy(n) for n in names if tidy(n)]


def _looks_like_place(piece: str) -> bool:
    # bare place names in a cluster's member list: "Vũ Quang, Hương Sơn, Hương Khê"
    words_ = piece.split()
    return 1 <= len(words_) <= 3 and words_[0][:1].isupper() and not starts_unit(piece) and not any(
        w[:1].islower() and len(words_) > 2 for w in words_[1:2])


def fold_key(name: str) -> str:
    """Key for matching names across spellings: no accents, case, punctuation."""
    return re.sub(r"[^a-z0-9]+", " ", fold_ascii(canonical_org(name))).strip()

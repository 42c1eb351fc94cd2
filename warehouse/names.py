"""Normalised keys of units, people and blocs: the text half of entity resolution.

A key is "<kind>|<province>|<normalised name>" (blocs add their kind): two mentions with the
same key are the same entity, and an entity's id is a hash of its key, so ids are the same on
every run and machine. The province is the one the mention was read in (or the one its name
carries, "… tỉnh Bắc Kạn"), as written: before 1 July 2025 the departments of Bắc Kạn and of
Thái Nguyên were different units, so keys never use the current province.

Normalising: NFC and one tone-mark placement (thidua.extract.text), abbreviations written out
(extract/lexicon/abbreviations.tsv plus lexicon/unit_aliases.tsv), the extractor's canonical unit
names (extract/lexicon/units.tsv), case folded, "&" read as "và", punctuation and dashes
dropped. Every function is cached: a load computes each distinct spelling once.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from thidua.extract.orgs import canonical_org, expand_abbreviations, tidy
from thidua.extract.text import normalize
from thidua.warehouse import datafiles
from thidua.warehouse.places import split_province

UNIT_ALIASES_FILE = "unit_aliases.tsv"
UNIT_TYPES_FILE = "unit_types.tsv"
# Bump when a rule below changes, so warehouses recompute the keys they cached.
RULES_VERSION = "1"

_PUNCT = re.compile(r"[\s,.;:\-–—()\"'“”‘’/]+")
_BARE_TINH = re.compile(r"\s+tỉnh$")
_HONORIFIC = re.compile(r"^(?:ông|bà|đồng chí|đ/c)\s+", re.I)
_BLOC_HEAD = re.compile(r"^(khối|cụm)(?:\s+thi\s+đua)?(?:\s+|$)")
_CACHE = 1 << 17


def entity_id(key: str) -> str:
    """16 hex digits of the key's SHA-1: stable across runs, machines and load order."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def fold(text: str) -> str:
    """Case, tone placement, "&", punctuation and spacing folded away; diacritics kept."""
    text = normalize(text).casefold().replace("&", " và ")
    return _PUNCT.sub(" ", text).strip()


# The extractor's lexicons the keys depend on: an edit of one must re-key cached spellings.
_LEXICONS = ("abbreviations.tsv", "units.tsv", "person_titles.txt")


def rules_fingerprint() -> str:
    from thidua.extract.lexicon import LEXICON_DIR

    digest = hashlib.sha1(datafiles.fingerprint(
        UNIT_ALIASES_FILE, UNIT_TYPES_FILE, "province_succession.tsv").encode())
    for name in _LEXICONS:
        digest.update((LEXICON_DIR / name).read_bytes())
    return RULES_VERSION + "-" + digest.hexdigest()[:16]


def _abbrev_regex(alias: str) -> re.Pattern:
    # "TD-TT" also matches "TD - TT"; spaces inside match any run of spaces
    parts = re.split(r"\s*([&\-,])\s*", alias)
    body = "".join(r"\s*" + re.escape(p) + r"\s*" if p in ("&", "-", ",")
                   else re.escape(p).replace(r"\ ", r"\s+") for p in parts)
    return re.compile(r"(?<![\w&])" + body + r"(?![\w&])")


@lru_cache(maxsize=1)
def _word_aliases() -> tuple[tuple[re.Pattern, str], ...]:
    rows = [r for r in datafiles.table(UNIT_ALIASES_FILE) if r["scope"] == "word"]
    rows.sort(key=lambda r: len(r["alias"]), reverse=True)
    return tuple((_abbrev_regex(r["alias"]), r["expansion"]) for r in rows)


@lru_cache(maxsize=1)
def _name_aliases() -> dict[str, str]:
    return {fold(r["alias"]): r["expansion"] for r in datafiles.table(UNIT_ALIASES_FILE)
            if r["scope"] == "name"}


@lru_cache(maxsize=1)
def _unit_types() -> tuple[tuple[str, str, str], ...]:
    rows = sorted(datafiles.table(UNIT_TYPES_FILE), key=lambda r: len(r["prefix"]), reverse=True)
    return tuple((fold(r["prefix"]), r["type"], r["scope"]) for r in rows)


_AMPERSAND = re.compile(r"\s*&\s*")


def expand(name: str) -> str:
    """A unit or bloc name with every known abbreviation written out."""
    # "NN & PTNT" as "NN&PTNT": the extractor's patterns expect the tight form
    name = _AMPERSAND.sub("&", name)
    for pattern, full in _word_aliases():
        name = pattern.sub(full, name)
    return expand_abbreviations(name)


def unit_type(folded: str) -> tuple[str | None, str]:
    """(type, scope) from the words a folded unit name opens with; (None, "province") if unknown."""
    for prefix, kind, scope in _unit_types():
        if folded == prefix or folded.startswith(prefix + " "):
            return kind, scope
    return None, "province"


@dataclass(frozen=True)
class Mention:
    """What one spelling, read in one province, resolves to."""

    key: str
    name: str  # display form: abbreviations expanded, province suffix dropped
    province: str | None  # the key's province
    type: str | None = None
    scope: str | None = None
    kind: str | None = None  # blocs: khoi or cum


@lru_cache(maxsize=_CACHE)
def unit(alias: str, context: str | None) -> Mention:
    """Resolve a unit name read in province `context` (None: unknown)."""
    rest, named = split_province(normalize(alias).strip())
    rest = tidy(rest)
    whole = _name_aliases().get(fold(rest))
    name = canonical_org(_AMPERSAND.sub(" và ", whole or expand(rest)))
    folded = fold(name)
    kind, scope = unit_type(folded)
    province = None if scope == "national" else (named or context or None)
    # "UBND tỉnh" and "UBND tỉnh Bắc Kạn" are the same committee: the bare "tỉnh" only says
    # "of this province", which the key's province part already says.
    core = _BARE_TINH.sub("", folded)
    return Mention(f"unit|{province or ''}|{core}", name, province, kind, scope)


@lru_cache(maxsize=_CACHE)
def person(alias: str, context: str | None) -> Mention:
    """Resolve a person's name read in province `context`; honorifics are not part of it."""
    name = " ".join(_HONORIFIC.sub("", normalize(alias).strip()).split())
    return Mention(f"person|{context or ''}|{fold(name)}", name, context or None)


@lru_cache(maxsize=_CACHE)
def bloc(alias: str, context: str | None, kind: str | None = None) -> Mention:
    """Resolve a bloc's name: "Khối thi đua KT-KT", "Khối Kinh tế - Kỹ thuật" and "Khối thi
    đua Kinh tế - Kỹ thuật" of one province are one bloc."""
    rest, named = split_province(normalize(alias).strip())
    name = tidy(expand(tidy(rest)))
    folded = fold(name)
    head = _BLOC_HEAD.match(folded)
    if head:
        kind = "cum" if head.group(1) == "cụm" else "khoi"
        core = folded[head.end():]
    else:
        core = folded
    kind = kind or "khoi"
    province = named or context or None
    return Mention(f"bloc|{province or ''}|{kind}|{core}", name, province, kind=kind)


def literal(kind: str, alias: str, context: str | None) -> str:
    """The key of a spelling kept apart by a `split` override: its own text, nothing expanded."""
    return f"{kind}|{context or ''}|={fold(alias)}"


def syllables(key: str) -> list[str]:
    return key.rsplit("|", 1)[-1].split()


_TITLE_TAIL = re.compile(r"(?:^|[\s,]+)(?:năm\s+\d{4}|nhiệm\s+kỳ\s+\d{4}\s*-\s*\d{4}|khóa\s+[IVXLC\d]+)\s*$",
                         re.I)
_BLOC_POSITION = re.compile(r"\s((?:Khối|Cụm)(?:\s+thi\s+đua)?)$", re.I)


@lru_cache(maxsize=_CACHE)
def split_title(title: str) -> tuple[str, str | None, str | None]:
    """(position, organisation, organisation kind) of a person's title:
    "Phó Chủ tịch Ủy ban nhân dân tỉnh" → ("Phó Chủ tịch", "Ủy ban nhân dân tỉnh", "unit");
    "Trưởng Khối thi đua Kinh tế - Kỹ thuật năm 2021" → ("Trưởng", "Khối thi đua Kinh tế -
    Kỹ thuật", "bloc"). The position words are the extractor's (lexicon/person_titles.txt)."""
    from thidua.extract.people_titles import head_regex

    text = normalize(title).strip()
    head = head_regex().match(text)
    if not head:
        return text, None, None
    position, org = head.group(0), text[head.end():].strip(" ,-")
    bloc_word = _BLOC_POSITION.search(position)
    if bloc_word:  # "Trưởng Khối thi đua" + "Kinh tế - Kỹ thuật": the bloc is the organisation
        org = f"{bloc_word.group(1)} {org}".strip()
        position = position[:bloc_word.start()]
    while org and (tail := _TITLE_TAIL.search(org)):
        org = org[:tail.start()]
    if not org:
        return position, None, None
    return position, org, "bloc" if _BLOC_HEAD.match(fold(org)) else "unit"

"""Figures listed place by place after one measure: "Tổng giá trị sản xuất năm 2024 của các
huyện đều vượt kế hoạch: Huyện Đak Đoa đạt 12.033 tỷ đồng, …; Mang Yang đạt 8.603,9 tỷ đồng;
…", or without the colon, "Về tổng thu ngân sách … là huyện Ea Kar đạt 153 tỷ đồng; huyện Cư
Kuin đạt 131 tỷ đồng; …". Each item measures what the head announced, in its own place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from thidua.extract.indicator_names import PLACE_WORD, PROPER, name_before
from thidua.extract.lexicon import alternation, table

# a place opening a list item: "huyện Cư Kuin", "Huyện Đak Đoa", "thị xã An Khê", or a bare
# proper name ("Mang Yang") followed by what it reached
_ITEM_PLACE = re.compile(r"^\s*(?:và\s+)?(?P<place>" + PLACE_WORD + PROPER + r"|" + PROPER.replace(r"\s+", r"\s*", 1)
                         + r")(?=\s+(?:đạt|hơn|có|tăng|giảm|ước|với|là|thu|chiếm|trên|khoảng|gần)\s|\s+\d)")
_PLACE_IN = re.compile(r"(?<!\w)(?P<place>" + PLACE_WORD + PROPER + r")(?=\s+(?:đạt|hơn|có|tăng|giảm|ước|với|là|thu|chiếm)\s|\s+\d)")
MIN_ITEMS = 3     # a head and one place may be any sentence; three places make a list


@dataclass
class PlaceList:
    measure: str
    # the sentence cut into clauses: (start, end, place) with place (offset in the sentence,
    # region) for a clause that is an item of the list, else None
    clauses: list[tuple[int, int, tuple[int, str] | None]]


@lru_cache(maxsize=1)
def _heads() -> tuple[re.Pattern, re.Pattern]:
    rows = table("indicator_list_heads")
    def phrases(role: str) -> str:
        return r"(?:" + alternation(r["phrase"] for r in rows if r["role"] == role) + r")(?!\w)"
    return re.compile(r"^\s*" + phrases("opener") + r"\s*", re.I), re.compile(r"(?<!\w)" + phrases("end"), re.I)


def measure_of(head: str) -> str:
    """The measure a list's head announces, without its asides, openers and what follows it."""
    opener, end = _heads()
    head = re.sub(r"\([^)]*\)", " ", head)
    while (m := opener.match(head)):
        head = head[m.end():]
    cut = end.search(head)
    if cut:
        head = head[:cut.start()]
    return name_before(head + " ")


def region_of(place: str) -> str:
    """"Huyện Đak Đoa" opening a list item is the region "huyện Đak Đoa"."""
    place = re.sub(r"\s+", " ", place.strip())
    if re.match(PLACE_WORD + r"\s", place) and not place[:2].isupper():   # not "TP."
        return place[:1].lower() + place[1:]
    return place


_CLAUSE = re.compile(r"[^;…]+")
# "…; huyện Krông Bông 74 tỷ đồng và huyện Lắk đạt 43 tỷ đồng": the last item after "và"
_AND_PLACE = re.compile(r",?\s+và\s+(?=" + PLACE_WORD + PROPER + r")")


def find(sentence: str) -> PlaceList | None:
    """The place list `sentence` makes, or None."""
    spans = [(m.start(), m.end()) for m in _CLAUSE.finditer(sentence)]
    if len(spans) < 2:
        return None
    clauses: list[tuple[int, int, tuple[int, str] | None]] = []
    for start, end in spans[1:]:
        text = sentence[start:end]
        m = _ITEM_PLACE.match(text)
        if m is None:
            clauses.append((start, end, None))
            continue
        ands = list(_AND_PLACE.finditer(text))
        pieces = zip([start] + [start + c.end() for c in ands], [start + c.start() for c in ands] + [end])
        for a, b in pieces:
            item = _ITEM_PLACE.match(sentence[a:b]) or _PLACE_IN.match(sentence[a:b])
            clauses.append((a, b, (a + item.start("place"), region_of(item["place"])) if item else None))
    items = sum(1 for *_, place in clauses if place)
    start, end = spans[0]
    first = sentence[start:end]
    colon = first.rfind(":")
    m = _ITEM_PLACE.match(first[colon + 1:]) if colon >= 0 else None
    if m:
        at = colon + 1 + m.start("place")
    else:
        m = _PLACE_IN.search(first)
        at = m.start("place") if m else -1
    if at < 0 or clauses[0][2] is None or items + 1 < MIN_ITEMS:
        return None
    measure = measure_of(first[:colon] if 0 <= colon < at else first[:at])
    if not measure:
        return None
    return PlaceList(measure, [(start, end, (start + at, region_of(m["place"])))] + clauses)

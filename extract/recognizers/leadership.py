"""Which unit leads (trưởng khối / cụm trưởng) or deputises a bloc in which year.

A role phrase of `lexicon/leadership.tsv` is tied to the unit written next to it:
"bầu A làm Trưởng khối" / "A là Cụm trưởng" / "A (đơn vị Trưởng khối)" / "A, Khối trưởng
Khối …" / "Giám đốc A, Trưởng Khối … năm 2020". A role after an election verb is `elected`
for the year written or the year after the one reviewed; otherwise `serving`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from thidua.extract.document import Doc
from thidua.extract.lexicon import alternation, table, words
from thidua.extract.orgs import canonical_org, starts_unit
from thidua.extract.text import LOWER, UPPER, fold_ascii

_YEAR_AFTER = re.compile(r"^[^;.]{0,90}?năm\s+((?:19|20)\d\d)")
_PLACE = re.compile(r"" + UPPER + r"[\wÀ-ỹ]*(?:\s+" + UPPER + r"[\wÀ-ỹ]*){0,3}")
# "Hội" opens unit names (Hội Nhà báo) but also meetings (Hội nghị công bố quyết định …)
_NOT_UNIT = re.compile(r"Hội (?:nghị|thảo|thao|diễn)\b", re.I)
_BOUNDARY = re.compile(r"[,;:(]|\s-\s|\b(?:có|gồm|là|làm|do|đồng chí|Đồng chí|ông|Ông|bà|Bà|tại|Tại|bầu|đề cử|chọn|dự|cho biết)\s")


@lru_cache(maxsize=1)
def _role_regex() -> re.Pattern:
    phrases = {r["phrase"]: r["role"] for r in table("leadership")}
    return re.compile(r"(?<!\w)(?:" + alternation(phrases) + r")(?!\w)", re.I)


@lru_cache(maxsize=1)
def _role_of() -> dict[str, str]:
    return {fold_ascii(r["phrase"]): r["role"] for r in table("leadership")}


@lru_cache(maxsize=1)
def _election_regex() -> re.Pattern:
    return re.compile(r"\b(?:" + alternation(words("election_verbs")) + r")\b", re.I)


@lru_cache(maxsize=1)
def _title_regex() -> re.Pattern:
    return re.compile(r"^(?:.*?\b)?(?:" + alternation(words("org_titles")) + r")\s+(?P<org>.+)$")


def _unit_from_title(text: str) -> str | None:
    """"Giám đốc Sở Xây dựng" → "Sở Xây dựng"; "Chủ tịch UBND huyện Văn Lãng" → "huyện Văn Lãng"."""
    m = _title_regex().match(text)
    org = m["org"] if m else text
    loc = re.match(r"(?:UBND|Ủy ban nhân dân)\s+(?P<place>(?:huyện|thành phố|thị xã|quận|tỉnh)?\s*" + UPPER + r".*)$", org)
    if loc:
        place = loc["place"].strip()
        return place if re.match(r"(huyện|thành phố|thị xã|quận|tỉnh)\s", place) else place
    return org


def _left_unit(text: str) -> str | None:
    """The unit written just before a role phrase, or None if none is clearly there."""
    text = re.sub(r"(?:\s*\(?\s*(?:đơn vị|cơ quan|đăng cai|là|làm|đại diện|giữ vai trò|giữ chức))+\s*$", "",
                  text.rstrip(" ,-("), flags=re.I)
    cuts = [m.end() for m in _BOUNDARY.finditer(text)]
    # a comma may sit inside the unit's name ("Sở Văn hóa, Thể thao và Du lịch"): widen the
    # segment over at most two more separators until it reads as a unit
    for cut in (list(reversed(cuts))[:3] or [0]):
        seg = text[cut:].strip(" ,-()")
        unit = _unit_from_title(seg) if seg else None
        if unit and _NOT_UNIT.match(unit):
            continue
        if unit and (starts_unit(unit) or _PLACE.fullmatch(unit)) and 1 <= len(unit.split()) <= 16:
            return canonical_org(unit)
    return None


def _bloc_for(doc: Doc, after: str) -> str | None:
    blocs = doc.facts.get("blocs") or []
    if not blocs:
        return None
    head = fold_ascii(after[:80])
    for b in blocs:
        short = fold_ascii(b["name"].split(" ", 3)[-1])
        if short and short in head:
            return b["name"]
    return blocs[0]["name"]


def _alias_regex(doc: Doc) -> re.Pattern | None:
    """"Trưởng KTĐKTN" — a role written with the bloc's abbreviation."""
    aliases = {a for b in doc.facts.get("blocs") or [] for a in b.get("aliases", [])}
    if not aliases:
        return None
    return re.compile(r"(?<!\w)(?P<deputy>Phó\s+)?Trưởng\s+(?:" + alternation(aliases) + r")(?!\w)", re.I)


def _roles(doc: Doc, text: str):
    for m in _role_regex().finditer(text):
        yield m, _role_of().get(fold_ascii(m.group()), "leader")
    alias = _alias_regex(doc)
    if alias:
        for m in alias.finditer(text):
            yield m, "deputy" if m["deputy"] else "leader"


def extract(doc: Doc) -> list[dict]:
    out: list[dict] = []
    seen: set[tuple] = set()
    for sent in doc.sentences:
        text = sent.text
        for m, role in _roles(doc, text):
            before, after = text[:m.start()], text[m.end():]
            elected = bool(_election_regex().search(before))
            unit = _left_unit(before)
            if unit is None:
                unit = _right_unit(after)
            if unit is None:
                continue
            ym = _YEAR_AFTER.match(after)
            if ym:
                year = int(ym.group(1))
            elif doc.year:
                year = doc.year + 1 if elected else doc.year
            else:
                continue
            bloc = _bloc_for(doc, after)
            if bloc is None:
                continue
            key = (bloc, year, role, fold_ascii(unit))
            if key in seen:
                continue
            seen.add(key)
            out.append({"bloc": bloc, "year": year, "role": role, "org": unit,
                        "status": "elected" if elected else "serving", "evidence": sent.evidence()})
    return _keep_consistent(out)


def _right_unit(after: str) -> str | None:
    """"… Trưởng khối là Sở Xây dựng" — the unit named after the role."""
    m = re.match(r"\s*(?:năm\s+\d{4}\s*)?(?:là|:)\s+(?P<u>[^,;.()]+)", after)
    if m and starts_unit(m["u"]):
        unit = _unit_stop().split(m["u"], maxsplit=1)[0]
        return canonical_org(unit.strip())
    return None


@lru_cache(maxsize=1)
def _unit_stop() -> re.Pattern:
    return re.compile(r"\s+(?:" + alternation(words("leadership_unit_stops")) + r")(?!\w)")


def _keep_consistent(items: list[dict]) -> list[dict]:
    """One article names one unit per bloc, year and role; a second candidate for the same
    slot from a weaker pattern (an org read off a person's title) is dropped."""
    best: dict[tuple, dict] = {}
    for it in items:
        slot = (it["bloc"], it["year"], it["role"])
        if slot not in best:
            best[slot] = it
    return list(best.values())

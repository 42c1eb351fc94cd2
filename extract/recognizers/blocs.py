"""Emulation blocs (khối thi đua) and clusters (cụm thi đua) named in the article.

A mention is "Khối thi đua" / "Cụm thi đua" (or "Khối" + a capitalised name) followed by its
name, which runs until a verb or function word of `lexicon/bloc_name_stops.txt`. Mentions of
one bloc in several forms (headline, abbreviation, longer form) are merged; the most frequent
form (then the fullest) names it.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from thidua.extract.document import Doc
from thidua.extract.lexicon import alternation, table, words
from thidua.extract.orgs import canonical_org, split_org_list, tidy
from thidua.extract.places import provinces_named
from thidua.extract.text import fold_ascii

_HEAD = re.compile(r"\b(?P<kind>Khối|khối|KHỐI|Cụm|cụm|CỤM)(?P<td>\s+(?:thi\s+đua|Thi\s+đua|THI\s+ĐUA))?\s+")
_ABBR = re.compile(r"^\s*\((?P<abbr>[A-ZĐ][A-ZĐ\-&]{2,})\)")
_NOT_A_NAME_START = {"và", "trên", "của", "trong", "thuộc", "do", "này", "đó", "cũng", "đã", "tỉnh",
                     "huyện", "trưởng", "phó", "năm"}
_INTER_PROVINCIAL = re.compile(r"các tỉnh|\d+ tỉnh|thành phố trực thuộc|Trung du|miền núi|đồng bằng", re.I)


@lru_cache(maxsize=1)
def _stop_regex() -> re.Pattern:
    return re.compile(r"(?:\s|^)(?:" + alternation(words("bloc_name_stops")) + r")(?=\s|$|[,.;:])")


@lru_cache(maxsize=1)
def _province_suffix() -> re.Pattern:
    names = alternation(r["name"] for r in table("provinces"))
    return re.compile(r"\s+(?:tỉnh|thành phố)\s+(?P<p>" + names + r")$")


def _name_after(text: str, start: int) -> tuple[str, int]:
    """The name part following a bloc head at `start`, and where it ends."""
    rest = text[start:start + 160]
    cut = len(rest)
    m = re.search(r"[.;:()\n\"“”]|-\s*(?:Cụm|Khối|cụm|khối)|,\s(?!thành phố|thị xã|Thể thao|tổ chức|đơn vị|[a-zà-ỹđ]+ [a-zà-ỹđ]+ -)", rest)
    if m:
        cut = m.start()
    for stop in _stop_regex().finditer(rest[:cut]):
        # "tổ chức xã hội" is part of a name, "tổ chức hội nghị" is not
        if not rest[stop.start():].lstrip().startswith(("tổ chức xã hội", "tổ chức chính trị", "tổ chức Chính trị")):
            cut = stop.start()
            break
    name = rest[:cut].strip()
    if name.split(" ", 1)[0].lower() in _NOT_A_NAME_START:
        return "", start
    name = re.sub(r"(?:\s+(?:và|của|các|tỉnh|trong))+$", "", name)
    return name, start + cut


def _clean_name(name: str) -> str:
    name = re.sub(r"^Các\b", "các", name)
    name = re.sub(r"\b0+(\d)", r"\1", name)  # "07 tỉnh" → "7 tỉnh"
    name = re.sub(r"\s+tỉnh$", "", name) if not name.endswith("địa bàn tỉnh") else name
    return tidy(name)


def _mentions(doc: Doc):
    texts = [(doc.title or "", None)] + [(s.text, s) for s in doc.sentences]
    for text, sent in texts:
        for m in _HEAD.finditer(text):
            raw, end = _name_after(text, m.end())
            if not raw or not (m["td"] or raw[:1].isupper() or raw.startswith("các ")):
                continue
            if raw.split()[0] in ("trưởng", "Trưởng", "phó", "Phó"):
                continue
            abbr = _ABBR.match(text[end:])
            name = _clean_name(raw)
            province = None
            ps = _province_suffix().search(name)
            if ps:
                province, name = ps["p"], name[:ps.start()]
            if not name:
                continue
            expanded = canonical_org(name)
            aliases = [abbr["abbr"]] if abbr else []
            if expanded != name and re.fullmatch(r"[A-ZĐ\-&]{3,}", name):
                aliases.append(name)
            kind = "khoi" if m["kind"].lower() == "khối" else "cum"
            yield {"kind": kind, "name": expanded, "aliases": aliases, "province": province,
                   "sentence": sent}


def _same(a: str, b: str) -> bool:
    fa, fb = fold_ascii(a), fold_ascii(b)
    if fa == fb or fa.endswith(" " + fb) or fb.endswith(" " + fa) or fa.startswith(fb + " ") or fb.startswith(fa + " "):
        return True
    return SequenceMatcher(None, fa, fb).ratio() >= 0.8


def _full(kind: str, name: str) -> str:
    return ("Khối thi đua " if kind == "khoi" else "Cụm thi đua ") + name


def extract(doc: Doc) -> list[dict]:
    groups: list[list[dict]] = []
    for mention in _mentions(doc):
        for g in groups:
            if g[0]["kind"] == mention["kind"] and _same(g[0]["name"], mention["name"]):
                g.append(mention)
                break
        else:
            groups.append([mention])
    blocs = []
    for g in groups:
        counts: dict[str, int] = {}
        for m in g:
            counts[m["name"]] = counts.get(m["name"], 0) + 1
        name = max(counts, key=lambda n: (counts[n], len(n)))
        kind = g[0]["kind"]
        full = _full(kind, name)
        province = next((m["province"] for m in g if m["province"]), None)
        if province is None and not _INTER_PROVINCIAL.search(name):
            province = doc.province
        sent = next((m["sentence"] for m in g if m["sentence"] is not None), None)
        aliases = sorted({a for m in g for a in m["aliases"]})
        members, count = _members(doc, full)
        blocs.append({"name": full, "kind": kind, "province": province, "aliases": aliases,
                      "members": members, "member_count": count,
                      "evidence": sent.evidence() if sent else None,
                      "_mentions": len(g)})
    blocs.sort(key=lambda b: -b.pop("_mentions"))
    return blocs


_COUNT = re.compile(r"(?:có|gồm|của|tham gia của)\s+(?P<n>\d{1,3})\s+(?:đơn vị|sở, ngành|sở|huyện|địa phương|thành viên)"
                    r"|(?P<m>\d{1,3})\s+đơn vị(?:\s+thành viên)?\s+(?:Khối|Cụm|trong Khối|trong Cụm|thuộc)", re.I)
_LIST = re.compile(r"(?:bao gồm|gồm có|gồm các (?:đơn vị|huyện|tỉnh|sở, ngành)|gồm)\s*:?\s*(?P<list>[^.]+)")
_ROLE_NOTE = re.compile(r"\s*\((?:đơn vị\s+)?(?P<role>Phó\s+Trưởng\s+khối|Trưởng\s+khối|Cụm\s+trưởng|Cụm\s+phó|Phó\s+trưởng\s+cụm|Trưởng\s+cụm)[^)]*\)", re.I)


def _members(doc: Doc, bloc_name: str) -> tuple[list[dict], int | None]:
    """Members and member count, when the article lists or counts them."""
    count = None
    members: list[dict] = []
    for s in doc.sentences:
        if not re.search(r"Khối|Cụm|khối|cụm", s.text):
            continue
        if count is None:
            c = _COUNT.search(s.text)
            if c:
                count = int(c["n"] or c["m"])
        if members:
            continue
        lm = _LIST.search(s.text)
        if not lm:
            continue
        items = []
        listing = lm["list"]
        for part in split_org_list(_ROLE_NOTE.sub(lambda r: f" ⟨{r['role']}⟩", listing)):
            role = "member"
            note = re.search(r"⟨(.+?)⟩", part)
            if note:
                r = note.group(1).lower()
                role = "deputy" if "phó" in r else "leader"
                part = part.replace(note.group(0), "")
            org = canonical_org(part.strip())
            if len(org.split()) > 12 or not org:
                items = []
                break
            items.append({"org": org, "role": role})
        if len(items) >= 2:
            members = items
    return members, count

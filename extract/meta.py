"""Headline, publication date and byline of an article given as plain text."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from thidua.extract.dates import make_date
from thidua.extract.lexicon import table, words
from thidua.extract.linebreaks import join_wrapped
from thidua.extract.orgs import starts_unit

_NOT_BYLINE = re.compile(r"^(Nguồn|Theo|Ảnh|Toàn cảnh|Quang cảnh|Các đại biểu)\b", re.I)


@dataclass
class TextMeta:
    title: str | None
    published: date | None
    author: str | None
    body_lines: list[str]


def _dateline(line: str) -> date | None:
    for row in table("datelines"):
        m = re.fullmatch(row["pattern"], line.strip(), re.I)
        if m:
            return make_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return None


def _is_headline(line: str) -> bool:
    if not line or len(line) > 250 or len(line.split()) < 4:
        return False
    if line.isupper() and len(line.split()) < 6:
        return False    # a section label in capitals; a headline in capitals is longer
    if line.endswith((".", ":", ";")) or re.search(r"https?://|www\.|\.(?:png|jpe?g|gif)\b", line):
        return False
    if re.match(r"^\(?[A-ZĐ.]{2,}\)?\s*-", line) or re.search(r"\d{1,2}/\d{1,2}", line[:25]):
        return False  # "(BTV) Sáng 4/1, …" opens a lead paragraph, not a headline
    return line[0].isupper() or line[0].isdigit() or line[0] in "\"“"


_NAME_PART = re.compile(r"[^\W\d_]+")
# what may follow a byline's names: an affiliation after a dash or in brackets ("Hoài Thương -
# Ủy ban MTTQ huyện X", "Minh Anh (Báo Y)"), or a timestamp after a bar ("Minh Anh | 14:30 12/01")
_AFFILIATION = re.compile(r"\s*(?:[-–|]\s*|\()(?P<rest>.+?)\)?\s*$")
_TIMESTAMP = re.compile(r"^\s*(?:\d{1,2}[:h]\d{2}|\d{1,2}/\d{1,2})")
_NAME_SEP = re.compile(r"\s*(?:,|\s-\s|–|\bvà\b|&)\s*")


def _one_name(text: str, caps_ok: bool) -> bool:
    """2-4 syllables, each capitalised (or, at the foot of a page, a name in capitals)."""
    parts = text.split()
    if not 2 <= len(parts) <= 4 or not all(_NAME_PART.fullmatch(p) for p in parts):
        return False
    if all(p.isupper() for p in parts):
        return caps_ok and len(parts) <= 3
    return all(p[0].isupper() and (len(p) == 1 or not p[1:].isupper()) for p in parts)


def _names_of(text: str, caps_ok: bool) -> str | None:
    """"Đức Minh, Văn Công" / "Minh Anh - Thu Hà" as written, or None when not only names."""
    parts = [p for p in _NAME_SEP.split(text.strip()) if p]
    if 1 <= len(parts) <= 3 and all(_one_name(p, caps_ok) and not _is_affiliation(p) for p in parts):
        return text.strip()
    return None


def _byline(line: str, at_top: bool = False) -> str | None:
    """The author's name(s) if `line` is a byline. At the top of a page (beside the headline)
    a line of names is taken only with a timestamp or an affiliation, or when it opens with a
    family name; capitals only at the foot (a label in capitals heads many pages)."""
    text = line.strip()
    if len(text) > 120:
        return None
    prefixed = False
    for prefix in words("byline_prefixes"):
        if text.lower().startswith(prefix.lower()):
            text, prefixed = text[len(prefix):].strip(), True
            break
    else:
        if _NOT_BYLINE.match(text):
            return None
    if text.lower() in _not_names():
        return None
    if not at_top and _OUTLET_NAME.fullmatch(text):
        return text  # "Đài Kim Bảng": the outlet signs the report
    names = _names_of(text, caps_ok=not at_top)
    if names:
        if at_top and not prefixed and names.split()[0] not in _family():
            return None
        return names if len(names) <= 60 else None
    # names, then an affiliation or a timestamp
    for m in _AFFILIATION.finditer(text):
        head, rest = text[:m.start()], m["rest"]
        names = _names_of(head, caps_ok=not at_top)
        if names and (_is_affiliation(rest) or _TIMESTAMP.match(rest)):
            return names
    return None


# "Đài Kim Bảng", "Đài Truyền thanh Lục Yên", "Báo Hà Giang": an outlet signing its report
_OUTLET_NAME = re.compile(r"(?:Báo|Đài|Tạp chí|Trung tâm)(?:\s+[^\W\d_]+){0,3}(?:\s+[A-ZĐ][^\W\d_]*){1,3}")


def _is_affiliation(text: str) -> bool:
    return starts_unit(text) or bool(_OUTLET.match(text))


_OUTLET = re.compile(r"(?:Báo|Đài|Tạp chí|Cổng|Trung tâm|TTXVN|VOV|VTV|Ban|Phòng|Văn phòng|Hội)\b")


@lru_cache(maxsize=1)
def _family() -> frozenset[str]:
    return frozenset(words("family_names"))


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return frozenset(w.lower() for w in words("person_not_names"))


def _is_headline_only(line: str) -> bool:
    """A headline of names only would read as a byline; headlines run longer than four words."""
    return len(line.split()) > 8


def _date_in_byline(line: str) -> date | None:
    m = re.search(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d\d)", line)
    return make_date(int(m["y"]), int(m["m"]), int(m["d"])) if m else None


HEAD_LINES = 12      # the headline, date line and byline sit among the first lines, above the lead


def _is_prose(line: str) -> bool:
    """A line of the article's text: a sentence that ends, two sentences (a headline is one,
    even when a cut-off page leaves the lead without its full stop), or a long line."""
    n = len(line.split())
    return n >= 60 or (n >= 10 and bool(re.search(r"[.!?…]\s*$|[.!?]\s+[A-ZĐ]", line)))


def _head(lines: list[str]) -> tuple[str | None, date | None, str | None, set[int]]:
    """Headline, publication date and byline from the lines above the lead, and the lines to
    drop: those, the page furniture above the headline, repeats of the headline. The headline is
    the first line that reads as one; a date line after it is the article's (one above it may be
    the page's clock); a byline may stand above or below it."""
    head = [i for i, ln in enumerate(lines) if ln][:HEAD_LINES]
    lead = next((i for i in head if _is_prose(lines[i])), None)
    window = [i for i in head if lead is None or i < lead]
    dates = [(i, d) for i in window if (d := _dateline(lines[i]))]
    dated = {i for i, _ in dates}
    bylines = [(i, n) for i in window if i not in dated and (n := _byline(lines[i], at_top=True))
               and not _is_headline_only(lines[i])]
    named = {i for i, _ in bylines}
    candidates = [i for i in window if i not in dated and i not in named and _is_headline(lines[i])]
    stamps = sorted(dated | {i for i, _ in bylines if _date_in_byline(lines[i])})
    before_stamp = [i for i in candidates if stamps and i < stamps[-1]]
    if before_stamp:
        title_at = before_stamp[-1]     # the headline stands right above its date line or byline
    else:
        # a section label ("Thi đua khen thưởng") may read as a headline; headlines run longer
        title_at = next((i for i in candidates if len(lines[i].split()) >= 6), candidates[0] if candidates else None)
    if title_at is not None:
        # "null CỤM 3, TỔNG KẾT …" then "CỤM 3, TỔNG KẾT …": a template's junk before a repeat
        repeat = next((j for j in window if j > title_at and lines[j] != lines[title_at]
                       and lines[title_at].endswith(lines[j]) and _is_headline(lines[j])), None)
        if repeat is not None:
            title_at = repeat
    title = lines[title_at] if title_at is not None else (
        lines[head[0]] if head and _is_headline(lines[head[0]]) else None)
    if title is not None and title_at is None:
        title_at = head[0]
    # the byline's own date counts as a date line where it stands
    dates += [(i, d) for i, _ in bylines[:1] if (d := _date_in_byline(lines[i]))]
    after = sorted((i, d) for i, d in dates if title_at is None or i > title_at)
    published = (after or dates or [(None, None)])[0][1]
    author = bylines[0][1] if bylines else None
    drop = dated | ({bylines[0][0]} if bylines else set())
    if title_at is not None:
        drop |= {i for i in window if i <= title_at}   # furniture above the headline, and it
        drop.update(i for i, ln in enumerate(lines[:HEAD_LINES * 2]) if ln == title)
    return title, published, author, drop


def read_meta(lines: list[str]) -> TextMeta:
    """Split the furniture-free lines of a text article into headline, date, byline and body."""
    lines = [re.sub(r"^[•·▪●◦*]\s*", "", ln) for ln in lines]   # list bullets of a page's info box
    while lines and not lines[0]:
        lines.pop(0)
    title, published, author, drop = _head(lines)
    lines = join_wrapped([ln for i, ln in enumerate(lines) if i not in drop])
    drop = set()
    if author is None:
        tail = [i for i, ln in enumerate(lines) if ln][-3:]
        for i in reversed(tail):
            name = _byline(lines[i])
            if name:
                author = name
                drop.add(i)
                break
            if not lines[i].startswith("Nguồn"):
                break
    body = [ln for i, ln in enumerate(lines) if i not in drop]
    return TextMeta(title, published, author, body)

"""Headline, publication date and byline of an article given as plain text."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from thidua.extract.dates import make_date
from thidua.extract.lexicon import table, words

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
    if line.isupper() or line.endswith((".", ":", ";")):
        return False
    if re.match(r"^\(?[A-ZĐ.]{2,}\)?\s*-", line) or re.search(r"\d{1,2}/\d{1,2}", line[:25]):
        return False  # "(BTV) Sáng 4/1, …" opens a lead paragraph, not a headline
    return line[0].isupper() or line[0].isdigit() or line[0] in "\"“"


def _byline(line: str) -> str | None:
    text = line.strip()
    for prefix in words("byline_prefixes"):
        if text.lower().startswith(prefix.lower()):
            text = text[len(prefix):].strip()
            break
    else:
        if _NOT_BYLINE.match(text):
            return None
    parts = text.split()
    if len(text) <= 40 and 2 <= len(parts) <= 5 and all(
            p[0].isupper() and re.fullmatch(r"[^\W\d_]+", p) for p in parts):
        return text
    return None


def read_meta(lines: list[str]) -> TextMeta:
    """Split the furniture-free lines of a text article into headline, date, byline and body."""
    lines = list(lines)
    while lines and not lines[0]:
        lines.pop(0)
    title = published = author = None
    # headline and dateline sit among the first few non-empty lines
    head = [i for i, ln in enumerate(lines) if ln][:4]
    drop: set[int] = set()
    for i in head:
        d = _dateline(lines[i])
        if d and published is None:
            published, _ = d, drop.add(i)
            continue
        if title is None and _is_headline(lines[i]) and i == head[0]:
            title = lines[i]
            drop.add(i)
    if title:  # portals often repeat the headline under the breadcrumb
        drop.update(i for i, ln in enumerate(lines[:12]) if ln == title)
    tail = [i for i, ln in enumerate(lines) if ln and i not in drop][-2:]
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

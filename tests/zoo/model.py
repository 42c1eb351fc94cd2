"""The template zoo's data: articles (articles_*.toml, our own text) and what a generated
site must give back for each of them (Truth)."""
from __future__ import annotations

import base64
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


@dataclass
class Article:
    family: str
    slug: str
    title: str
    date: str          # ISO
    time: str          # HH:MM
    author: str
    lead: str
    paragraphs: list[str]
    tags: list[str] = field(default_factory=list)
    split_after: int | None = None
    n: int = 0         # position in its family, from 1
    path: str = ""     # set by the family

    @property
    def day(self) -> date:
        return date.fromisoformat(self.date)

    @property
    def ymd(self) -> str:
        return self.date.replace("-", "/")

    @property
    def dmy(self) -> str:
        return self.day.strftime("%d/%m/%Y")

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.day.weekday()]

    @property
    def iso_time(self) -> str:
        return f"{self.date}T{self.time}:00+07:00"

    @property
    def id(self) -> int:
        return 4000 + sum(map(ord, self.slug)) * 7 % 5000 + self.n


@dataclass
class Truth:
    """What the crawl must store for one article page, and must not put in its body."""
    family: str
    path: str
    title: str
    published: str
    author: str
    lead: str
    paragraphs: list[str]
    markers: list[str]

    @property
    def last_sentence(self) -> str:
        return re.split(r"(?<=[.!?])\s+", self.paragraphs[-1].strip())[-1]


@dataclass
class ZooSite:
    """One generated site: pages by path, POST handlers by path, and the truth."""
    family: str
    title: str
    province: str
    pages: dict[str, bytes]
    forms: dict = field(default_factory=dict)
    truth: dict[str, Truth] = field(default_factory=dict)     # article path → truth
    copies: dict[str, str] = field(default_factory=dict)      # copy path → article path
    listings: list[str] = field(default_factory=list)         # listing, tag, home pages
    hidden: dict[str, str] = field(default_factory=dict)      # article path → "sitemap"/"feed"
    parts: dict[str, str] = field(default_factory=dict)       # page-2 path → article path
    start_path: str = "/"


@cache
def articles() -> tuple[Article, ...]:
    out = []
    for name in ("articles_a.toml", "articles_b.toml"):
        with (HERE / name).open("rb") as fh:
            out += [Article(**row) for row in tomllib.load(fh)["article"]]
    counts: dict[str, int] = {}
    for a in out:
        counts[a.family] = counts.get(a.family, 0) + 1
        a.n = counts[a.family]
    return tuple(out)


def of_family(family: str) -> list[Article]:
    return [a for a in articles() if a.family == family]


def e(text: str) -> str:
    return escape(text, quote=True)


def viewstate(label: str) -> str:
    """An opaque-looking __VIEWSTATE that says which page issued it (the zoo's server
    refuses a postback without one, as ASP.NET does)."""
    return base64.b64encode(f"/wEPDwUK{label}|zoo".encode()).decode()


def read_viewstate(value: str | None) -> str | None:
    try:
        text = base64.b64decode(value or "").decode()
    except ValueError:
        return None
    return text[len("/wEPDwUK"):-len("|zoo")] if text.startswith("/wEPDwUK") and text.endswith("|zoo") else None

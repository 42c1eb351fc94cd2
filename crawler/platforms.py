"""Which platform a site runs on (SharePoint, Liferay, WordPress...), guessed from evidence.

The signatures are data (platforms.toml): regexes on a page's markup and on the shape of
addresses. `guess_platform(html, urls)` weighs both; `guess_from_urls(urls)` uses the
address shapes alone, which is all an entry written from stored copies of pages has.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PLATFORMS_FILE = Path(__file__).with_name("platforms.toml")
# Values the registry accepts besides the names in platforms.toml.
EXTRA_NAMES = ("other", "unknown")
MARKUP_WEIGHT, URL_WEIGHT, MIN_SCORE = 2, 1, 2


@dataclass(frozen=True)
class Signature:
    name: str
    label: str
    markup: tuple[re.Pattern, ...]
    urls: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class Guess:
    name: str | None  # None: no platform scored enough
    label: str = "not recognised"
    score: int = 0
    evidence: tuple[str, ...] = field(default=())  # the patterns that were found


@lru_cache(maxsize=1)
def signatures() -> tuple[Signature, ...]:
    data = tomllib.loads(PLATFORMS_FILE.read_text(encoding="utf-8"))
    return tuple(Signature(t["name"], t.get("label", t["name"]),
                           tuple(re.compile(p, re.I) for p in t.get("markup", ())),
                           tuple(re.compile(p) for p in t.get("urls", ())))
                 for t in data["platform"])


def platform_names() -> tuple[str, ...]:
    return tuple(s.name for s in signatures()) + EXTRA_NAMES


def label(name: str | None) -> str:
    for s in signatures():
        if s.name == name:
            return s.label
    return name or "unknown"


def _score(sig: Signature, html: str, urls: list[str]) -> tuple[int, list[str]]:
    score, found = 0, []
    for pat in sig.markup:
        if html and pat.search(html):
            score += MARKUP_WEIGHT
            found.append(f"markup {pat.pattern!r}")
    for pat in sig.urls:
        hit = next((u for u in urls if pat.search(u)), None)
        if hit:
            score += URL_WEIGHT
            found.append(f"address {hit}")
    return score, found


def guess_platform(html: str = "", urls=()) -> Guess:
    """The best-scoring platform for a page's HTML and the addresses on it."""
    urls = list(urls)
    best = Guess(None)
    for sig in signatures():
        score, found = _score(sig, html, urls)
        if score >= MIN_SCORE and score > best.score:
            best = Guess(sig.name, sig.label, score, tuple(found))
    return best


def guess_from_urls(urls) -> Guess:
    """The platform the addresses' shapes point at (a single shape is enough here: the
    entry's own addresses are all the evidence an offline check has)."""
    urls = list(urls)
    best = Guess(None)
    for sig in signatures():
        score, found = _score(sig, "", urls)
        if score > best.score:
            best = Guess(sig.name, sig.label, score, tuple(found))
    return best

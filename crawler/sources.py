"""The registry of sites to crawl, kept as data in sources.toml."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10 has no tomllib; tomli is the same parser
    import tomli as tomllib

SOURCES_FILE = Path(__file__).with_name("sources.toml")


@dataclass(frozen=True)
class Source:
    name: str
    province: str
    template: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    article_pattern: str | None = None
    note: str = ""


def load_sources(path: Path = SOURCES_FILE) -> dict[str, Source]:
    """Sources by name; a duplicate name is an error, not a silent overwrite."""
    rows = tomllib.loads(path.read_text(encoding="utf-8")).get("source", [])
    sources: dict[str, Source] = {}
    for row in rows:
        if row["name"] in sources:
            raise ValueError(f"{path}: source {row['name']!r} is defined twice")
        sources[row["name"]] = Source(
            name=row["name"], province=row["province"], template=row["template"],
            start_urls=tuple(row["start_urls"]), allowed_domains=tuple(row["allowed_domains"]),
            article_pattern=row.get("article_pattern"), note=row.get("note", ""))
    return sources

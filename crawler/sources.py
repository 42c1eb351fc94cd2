"""The registry of sites to crawl, kept as data: crawler/sources.toml and the files it
includes (crawler/registry/*.toml, one per region).

`load_sources()` reads a registry into `Source` models: the shape is strict (an unknown key
or a wrong type is an error naming the file, the entry and the key) so that a typo is
caught when the file is read rather than silently ignored. `check_source()` then runs the
offline checks a person editing the file wants before a crawl: URLs, domains, regexes,
selectors, province, platform, schedule. Nothing here touches the network: the entries
were written from stored copies of pages, which is why each one carries `written` and
`verified`; `thidua sources check --online` (thidua.crawler.site_check) is what fetches.
"""
from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from thidua.crawler import source_places
from thidua.crawler.source_places import fold, province_key  # noqa: F401  (re-exported)

SOURCES_FILE = Path(__file__).with_name("sources.toml")
ENV_VAR = "THIDUA_SOURCES"

KINDS = ("portal", "board", "newspaper", "department", "district", "national", "sample")
# Older registries' spellings, read as today's.
LEGACY_KINDS = {"emulation-board": "board"}
# What every current province should have: `thidua sources list --missing` reports gaps.
COVERED_KINDS = ("portal", "board", "newspaper")
SCHEDULES = ("daily", "weekly", "monthly")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
XPATH_PREFIX = "xpath:"
TOP_LEVEL_KEYS = ("include", "source", "missing")


class SourcesError(ValueError):
    """A registry file that cannot be read: bad TOML, a malformed entry, a duplicate name."""


class Selectors(BaseModel):
    """Where the parts of an article are on a page: CSS, or XPath after "xpath:"."""
    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str | None = None
    date: str | None = None
    body: str | None = None
    byline: str | None = None
    next_page: str | None = None


class Source(BaseModel):
    """One site. Every field is described in docs/registry.md and at the top of sources.toml."""
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    title: str = ""
    province: str  # as the site names it, before or after 1 July 2025; "" for national sites
    kind: str = "portal"
    archive: bool | None = None  # None: decided from province and kind (see is_archive)
    template: str | None = None  # older registries named the page layout; kept readable
    start_urls: tuple[str, ...] = Field(min_length=1)
    allowed_domains: tuple[str, ...] = ()
    article_pattern: str | None = None
    follow_pattern: tuple[str, ...] = ()
    deny_pattern: tuple[str, ...] = ()
    selectors: Selectors | None = None
    encoding: str | None = None
    platform: str | None = None
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    seen: tuple[str, ...] = ()  # addresses of the site's pages seen in stored copies
    schedule: str = "weekly"
    written: date | None = None
    verified: bool = False
    note: str = ""

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, data):
        # A single regex may be written as a string; the default domains are the start
        # URLs' hosts, which is what a user means when they leave the key out.
        if isinstance(data, dict):
            data = dict(data)
            for key in ("follow_pattern", "deny_pattern"):
                if isinstance(data.get(key), str):
                    data[key] = [data[key]]
            if isinstance(data.get("kind"), str):
                data["kind"] = LEGACY_KINDS.get(data["kind"], data["kind"])
            if not data.get("allowed_domains"):
                hosts = [urlsplit(u).hostname for u in data.get("start_urls") or [] if isinstance(u, str)]
                data["allowed_domains"] = list(dict.fromkeys(h for h in hosts if h))
        return data

    @property
    def current_province(self) -> str | None:
        """The province the site's province is part of since 1 July 2025."""
        return source_places.current_of(self.province)

    @property
    def is_archive(self) -> bool:
        """A site of a province or district that no longer exists (or marked `archive`):
        its pages are history, re-crawled rarely."""
        if self.archive is not None:
            return self.archive
        if self.kind == "sample":
            return False
        if self.kind == "district":
            return True  # the district level was abolished on 1 July 2025
        return bool(self.province.strip()) and not source_places.is_current(self.province)


class Missing(BaseModel):
    """A [[missing]] table: why a current province has no entry of a kind."""
    model_config = ConfigDict(frozen=True, extra="forbid")

    province: str
    kind: str
    note: str
    written: date | None = None


@dataclass
class Registry:
    sources: dict[str, Source] = field(default_factory=dict)
    missing: list[Missing] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    origin: dict[str, Path] = field(default_factory=dict)  # source name → file


def default_path() -> Path:
    """The registry in use: $THIDUA_SOURCES when set, else the bundled sources.toml."""
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else SOURCES_FILE


def _read_toml(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourcesError(f"{path}: cannot read the registry ({exc.strerror or exc})") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path}: not valid TOML: {exc}") from exc
    unknown = sorted(set(data) - set(TOP_LEVEL_KEYS))
    if unknown:
        raise SourcesError(f"{path}: unknown top-level key(s) {', '.join(map(repr, unknown))}; "
                           "each site is a [[source]] table")
    for key in ("source", "missing"):
        if not isinstance(data.get(key, []), list):
            raise SourcesError(f"{path}: '{key}' must be an array of tables: write [[{key}]], not [{key}]")
    return data


def registry_files(path: Path | str | None = None) -> list[Path]:
    """The files a registry is made of: a folder's *.toml files, or a file and the files its
    `include = ["registry/*.toml"]` names (globs relative to the file), in reading order."""
    path = Path(path) if path is not None else default_path()
    if path.is_dir():
        return sorted(path.glob("*.toml"))
    files: list[Path] = []

    def visit(p: Path) -> None:
        if p.resolve() in {f.resolve() for f in files}:
            return
        files.append(p)
        for pattern in _read_toml(p).get("include", []):
            found = sorted(p.parent.glob(pattern))
            if not found:
                raise SourcesError(f"{p}: include {pattern!r} matches no file")
            for q in found:
                visit(q)

    visit(path)
    return files


def read_entries(path: Path | str | None = None) -> list[dict]:
    """The raw `[[source]]` tables of one registry file, in file order (includes not followed)."""
    return _read_toml(Path(path) if path is not None else default_path()).get("source", [])


def parse_entry(row: dict, index: int = 0) -> Source:
    """One raw table as a `Source`; a `SourcesError` lists every problem with its key."""
    label = _label(row, index)
    try:
        return Source.model_validate(row)
    except ValidationError as exc:
        raise SourcesError("\n".join(f"{label}: {msg}" for msg in _explain(exc))) from None


def _rows(path: Path | str | None):
    """(file, position, raw table, table kind) for every table of the registry."""
    for file in registry_files(path):
        data = _read_toml(file)
        for key in ("source", "missing"):
            for i, row in enumerate(data.get(key, [])):
                yield file, i, row, key


def load_registry(path: Path | str | None = None) -> Registry:
    """Every source and [[missing]] note of a registry. Any malformed entry or duplicate name
    is an error naming the file and the entry, never a silent skip or overwrite."""
    reg = Registry(files=registry_files(path))
    problems: list[str] = []
    for file, i, row, key in _rows(path):
        try:
            if key == "missing":
                reg.missing.append(_parse_missing(row, i))
                continue
            src = parse_entry(row, i)
        except SourcesError as exc:
            problems.append(f"{file}: {exc}")
            continue
        if src.name in reg.sources:
            problems.append(f"{file}: source {src.name!r} is defined twice"
                            f" (first in {reg.origin[src.name]})")
            continue
        reg.sources[src.name] = src
        reg.origin[src.name] = file
    if problems:
        raise SourcesError("\n".join(problems))
    return reg


def load_sources(path: Path | str | None = None) -> dict[str, Source]:
    """Sources by name, in reading order (see `load_registry`)."""
    return load_registry(path).sources


def _parse_missing(row: dict, index: int) -> Missing:
    label = f"[[missing]] #{index + 1}"
    if isinstance(row, dict) and isinstance(row.get("province"), str):
        label = f"[[missing]] {row['province']} {row.get('kind', '')}".rstrip()
    try:
        return Missing.model_validate(row)
    except ValidationError as exc:
        raise SourcesError("\n".join(f"{label}: {msg}" for msg in _explain(exc, Missing))) from None


def selector_error(selector: str) -> str | None:
    """Why a selector does not parse, or None. CSS goes through parsel's translator (the one
    Scrapy uses, so ::text and ::attr() are accepted); "xpath:..." through lxml."""
    if selector.startswith(XPATH_PREFIX):
        from lxml import etree

        expr = selector[len(XPATH_PREFIX):].strip()
        if not expr:
            return "empty XPath after 'xpath:'"
        try:
            etree.XPath(expr)
        except etree.XPathSyntaxError as exc:
            return f"XPath {expr!r} does not parse: {exc}"
        return None
    from cssselect import SelectorError
    from parsel.csstranslator import css2xpath

    if not selector.strip():
        return "empty CSS selector"
    try:
        css2xpath(selector)
    except SelectorError as exc:
        return f"CSS selector {selector!r} does not parse: {exc}"
    return None


def select(selector: str, page) -> list[str]:
    """What a registry selector picks from a page (HTML text or a parsel/Scrapy selector):
    text or attribute values, or the outer HTML of elements, in document order."""
    from parsel import Selector

    sel = page if hasattr(page, "xpath") else Selector(text=page)
    if selector.startswith(XPATH_PREFIX):
        return sel.xpath(selector[len(XPATH_PREFIX):].strip()).getall()
    return sel.css(selector).getall()


def province_canonical(name: str) -> str | None:
    """The succession table's spelling of a province (former or current) written with or
    without tone marks or a 'tỉnh' / 'thành phố' / 'TP' prefix; None when it is not one."""
    return source_places.canonical(name)


def province_matches(source: Source, wanted: str) -> bool:
    """Whether `wanted` (any spelling, tone marks optional) names the source's province."""
    return province_key(source.province) == province_key(wanted)


def _label(row, index: int) -> str:
    name = row.get("name") if isinstance(row, dict) else None
    return name if isinstance(name, str) and name else f"#{index + 1}"


def _suggest(value: str, choices, shown=None) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    if not close:
        return ""
    if shown is not None:
        return f"; did you mean {shown[list(choices).index(close[0])]!r}?"
    return f"; did you mean {close[0]!r}?"


_SELECTOR_FIELDS = tuple(Selectors.model_fields)


def _explain(exc: ValidationError, model=Source) -> list[str]:
    """pydantic's errors in the words of someone editing the TOML file."""
    out = []
    for err in exc.errors():
        loc = [str(x) for x in err["loc"]]
        where = ".".join(loc) if loc else "entry"
        key = loc[-1] if loc else ""
        if err["type"] == "extra_forbidden":
            allowed = _SELECTOR_FIELDS if len(loc) > 1 and loc[0] == "selectors" else tuple(model.model_fields)
            out.append(f"{where}: unknown key {key!r}{_suggest(key, allowed)} "
                       f"(allowed: {', '.join(allowed)})")
        elif err["type"] == "missing":
            out.append(f"{where}: required key is missing")
        elif err["type"] == "too_short" and key == "start_urls":
            out.append(f"{where}: give at least one start URL")
        else:
            out.append(f"{where}: {err['msg']} (got {err.get('input')!r})")
    return out


# The offline checks live in source_checks; importing them here keeps `sources.check_source`
# and friends where callers have always found them.
from thidua.crawler.source_checks import (  # noqa: E402
    check_file, check_missing, check_source, source_notices,
)

__all__ = ["SOURCES_FILE", "ENV_VAR", "KINDS", "COVERED_KINDS", "SourcesError", "Selectors", "Source",
           "Missing", "Registry", "default_path", "registry_files", "read_entries", "parse_entry",
           "load_registry", "load_sources", "check_file", "check_missing", "check_source",
           "source_notices", "selector_error", "select", "fold", "province_key",
           "province_canonical", "province_matches"]

"""The registry of sites to crawl, kept as data in sources.toml.

`load_sources()` reads a registry into `Source` models: the shape is strict (an unknown key
or a wrong type is an error naming the entry and the key) so that a typo is caught when the
file is read rather than silently ignored. `check_source()` then runs the offline checks a
person editing the file wants before a crawl: URLs, domains, regexes, selectors, province,
schedule. Nothing here touches the network: the entries cannot be fetched from where they
are written, which is why each one carries `written` and `verified`.
"""
from __future__ import annotations

import codecs
import difflib
import os
import re
import tomllib
import unicodedata
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

SOURCES_FILE = Path(__file__).with_name("sources.toml")
ENV_VAR = "THIDUA_SOURCES"

KINDS = ("portal", "department", "district", "emulation-board", "newspaper", "sample")
SCHEDULES = ("daily", "weekly", "monthly")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
XPATH_PREFIX = "xpath:"


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
    """One site. Field meanings are documented at the top of sources.toml."""
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    title: str = ""
    province: str
    kind: str = "portal"
    template: str | None = None  # older registries named the page layout; kept readable
    start_urls: tuple[str, ...] = Field(min_length=1)
    allowed_domains: tuple[str, ...] = ()
    article_pattern: str | None = None
    follow_pattern: tuple[str, ...] = ()
    deny_pattern: tuple[str, ...] = ()
    selectors: Selectors | None = None
    encoding: str | None = None
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
            if not data.get("allowed_domains"):
                hosts = [urlsplit(u).hostname for u in data.get("start_urls") or [] if isinstance(u, str)]
                data["allowed_domains"] = list(dict.fromkeys(h for h in hosts if h))
        return data


def default_path() -> Path:
    """The registry in use: $THIDUA_SOURCES when set, else the bundled sources.toml."""
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else SOURCES_FILE


def read_entries(path: Path | str | None = None) -> list[dict]:
    """The raw `[[source]]` tables of a registry file, in file order."""
    path = Path(path) if path is not None else default_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourcesError(f"{path}: cannot read the registry ({exc.strerror or exc})") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path}: not valid TOML: {exc}") from exc
    unknown = sorted(set(data) - {"source"})
    if unknown:
        raise SourcesError(f"{path}: unknown top-level key(s) {', '.join(map(repr, unknown))}; "
                           "each site is a [[source]] table")
    rows = data.get("source", [])
    if not isinstance(rows, list):
        raise SourcesError(f"{path}: 'source' must be an array of tables: write [[source]], not [source]")
    return rows


def parse_entry(row: dict, index: int = 0) -> Source:
    """One raw table as a `Source`; a `SourcesError` lists every problem with its key."""
    label = _label(row, index)
    try:
        return Source.model_validate(row)
    except ValidationError as exc:
        raise SourcesError("\n".join(f"{label}: {msg}" for msg in _explain(exc))) from None


def load_sources(path: Path | str | None = None) -> dict[str, Source]:
    """Sources by name, in file order. Any malformed entry or duplicate name is an error
    naming the file and the entry, never a silent skip or overwrite."""
    path = Path(path) if path is not None else default_path()
    sources: dict[str, Source] = {}
    problems: list[str] = []
    for i, row in enumerate(read_entries(path)):
        try:
            src = parse_entry(row, i)
        except SourcesError as exc:
            problems.append(str(exc))
            continue
        if src.name in sources:
            problems.append(f"source {src.name!r} is defined twice")
            continue
        sources[src.name] = src
    if problems:
        raise SourcesError("\n".join(f"{path}: {p}" for p in problems))
    return sources


def check_file(path: Path | str | None = None) -> dict[str, list[str]]:
    """Problems per entry name for a whole file, each entry read on its own so that one
    broken entry does not hide the state of the others. Entries without a usable name are
    reported under "#<position>"."""
    path = Path(path) if path is not None else default_path()
    report: dict[str, list[str]] = {}
    for i, row in enumerate(read_entries(path)):
        key = _label(row, i)
        try:
            src = parse_entry(row, i)
        except SourcesError as exc:
            report.setdefault(key, []).extend(str(exc).splitlines())
            continue
        if src.name in report:
            report[src.name].append(f"{src.name}: name: defined twice in {path}")
            continue
        report[src.name] = check_source(src)
    return report


def check_source(source: Source) -> list[str]:
    """Offline problems with one entry, each naming the entry and the field; [] when clean."""
    p: list[str] = []
    n = source.name

    if not SLUG.match(n):
        p.append(f"{n}: name: use lower-case letters, digits and single hyphens (like 'hanam-portal')")
    if not source.title.strip() and source.kind != "sample":
        p.append(f"{n}: title: missing; give the site's own name, e.g. 'Cổng thông tin điện tử tỉnh Hà Nam'")
    if source.kind not in KINDS:
        p.append(f"{n}: kind: {source.kind!r} is not one of {', '.join(KINDS)}{_suggest(source.kind, KINDS)}")
    if source.schedule not in SCHEDULES:
        p.append(f"{n}: schedule: {source.schedule!r} is not one of "
                 f"{', '.join(SCHEDULES)}{_suggest(source.schedule, SCHEDULES)}")
    if source.province.strip() and province_canonical(source.province) is None:
        p.append(f"{n}: province: {source.province!r} is not a province in extract/lexicon/provinces.tsv"
                 f"{_suggest(fold(source.province), [fold(x) for x in _province_names()], _province_names())}")
    elif not source.province.strip():
        p.append(f"{n}: province: empty")
    if source.kind != "sample" and source.written is None:
        p.append(f"{n}: written: missing; the date this entry was written (YYYY-MM-DD)")

    for i, domain in enumerate(source.allowed_domains):
        if not _is_host(domain):
            p.append(f"{n}: allowed_domains[{i}]: {domain!r} is not a bare host name "
                     "(write 'example.gov.vn', without scheme, port or path)")
    for i, url in enumerate(source.start_urls):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            p.append(f"{n}: start_urls[{i}]: {url!r} is not an absolute http(s) URL")
        elif not any(_host_within(parts.hostname, d) for d in source.allowed_domains):
            p.append(f"{n}: start_urls[{i}]: host {parts.hostname!r} is outside allowed_domains "
                     f"{list(source.allowed_domains)}")

    for field, pattern in _patterns(source):
        err = _regex_error(pattern)
        if err:
            p.append(f"{n}: {field}: regex {pattern!r} does not compile: {err}")

    if source.selectors is not None:
        for field, selector in source.selectors.model_dump().items():
            if selector is not None:
                err = selector_error(selector)
                if err:
                    p.append(f"{n}: selectors.{field}: {err}")

    if source.encoding is not None:
        try:
            codecs.lookup(source.encoding)
        except LookupError:
            p.append(f"{n}: encoding: {source.encoding!r} is not an encoding Python knows "
                     "(e.g. 'utf-8', 'cp1258')")
    return p


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


def fold(text: str) -> str:
    """Lower case without tone marks or diacritics (đ → d), single spaces: 'Bắc  Kạn' → 'bac kan'."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.lower().replace("-", " ").split())


# Words in front of a province's name that articles and users add or leave out.
_PREFIX = re.compile(r"^(?:tinh|thanh pho|tp\.?|tp)\s+")


def province_key(name: str) -> str:
    return _PREFIX.sub("", fold(name))


def province_canonical(name: str) -> str | None:
    """The lexicon's spelling of a province written with or without tone marks or a
    'tỉnh' / 'thành phố' / 'TP' prefix; None when it is not a province."""
    return _province_index().get(province_key(name))


def province_matches(source: Source, wanted: str) -> bool:
    """Whether `wanted` (any spelling, tone marks optional) names the source's province."""
    return province_key(source.province) == province_key(wanted)


@lru_cache(maxsize=1)
def _province_names() -> tuple[str, ...]:
    from thidua.extract.lexicon import table

    return tuple(row["name"] for row in table("provinces"))


@lru_cache(maxsize=1)
def _province_index() -> dict[str, str]:
    return {province_key(name): name for name in _province_names()}


def _patterns(source: Source):
    if source.article_pattern is not None:
        yield "article_pattern", source.article_pattern
    for i, pat in enumerate(source.follow_pattern):
        yield f"follow_pattern[{i}]", pat
    for i, pat in enumerate(source.deny_pattern):
        yield f"deny_pattern[{i}]", pat


def _regex_error(pattern: str) -> str | None:
    try:
        re.compile(pattern)
    except re.error as exc:
        return str(exc)
    return None


_HOST = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$")


def _is_host(domain: str) -> bool:
    return bool(_HOST.match(domain))


def _host_within(host: str, domain: str) -> bool:
    # The same rule as the spider's: a domain admits itself and its subdomains.
    host, domain = host.lower(), domain.lower()
    return host == domain or host.endswith("." + domain)


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


_FIELDS = tuple(Source.model_fields)
_SELECTOR_FIELDS = tuple(Selectors.model_fields)


def _explain(exc: ValidationError) -> list[str]:
    """pydantic's errors in the words of someone editing the TOML file."""
    out = []
    for err in exc.errors():
        loc = [str(x) for x in err["loc"]]
        where = ".".join(loc) if loc else "entry"
        key = loc[-1] if loc else ""
        if err["type"] == "extra_forbidden":
            allowed = _SELECTOR_FIELDS if len(loc) > 1 and loc[0] == "selectors" else _FIELDS
            out.append(f"{where}: unknown key {key!r}{_suggest(key, allowed)} "
                       f"(allowed: {', '.join(allowed)})")
        elif err["type"] == "missing":
            out.append(f"{where}: required key is missing")
        elif err["type"] == "too_short" and key == "start_urls":
            out.append(f"{where}: give at least one start URL")
        else:
            out.append(f"{where}: {err['msg']} (got {err.get('input')!r})")
    return out

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

import codecs
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


def check_file(path: Path | str | None = None) -> dict[str, list[str]]:
    """Problems per entry name for a whole registry, each entry read on its own so that one
    broken entry does not hide the state of the others. Entries without a usable name are
    reported under "#<position>", [[missing]] notes under "[[missing]] <province> <kind>"."""
    report: dict[str, list[str]] = {}
    start_urls: dict[str, str] = {}
    for file, i, row, key in _rows(path):
        if key == "missing":
            try:
                gap = _parse_missing(row, i)
            except SourcesError as exc:
                report.setdefault(f"[[missing]] #{i + 1}", []).extend(str(exc).splitlines())
                continue
            report[f"[[missing]] {gap.province} {gap.kind}"] = check_missing(gap)
            continue
        label = _label(row, i)
        try:
            src = parse_entry(row, i)
        except SourcesError as exc:
            report.setdefault(label, []).extend(str(exc).splitlines())
            continue
        if src.name in report:
            report[src.name].append(f"{src.name}: name: defined twice in {file}")
            continue
        problems = check_source(src)
        for j, url in enumerate(src.start_urls):
            other = start_urls.setdefault(url.rstrip("/"), src.name)
            if other != src.name:
                problems.append(f"{src.name}: start_urls[{j}]: {url!r} is already a start URL of {other!r}")
        report[src.name] = problems
    return report


def check_missing(gap: Missing) -> list[str]:
    """A [[missing]] note names a current province and a kind of COVERED_KINDS, or a former
    province and kind "any" (it has no archive site at all)."""
    label = f"[[missing]] {gap.province} {gap.kind}"
    p = []
    if source_places.canonical(gap.province) is None:
        p.append(f"{label}: province: {gap.province!r} is not a province in {source_places.SUCCESSION_PATH}")
    elif source_places.is_current(gap.province) and gap.kind not in COVERED_KINDS:
        p.append(f"{label}: kind: {gap.kind!r} is not one of {', '.join(COVERED_KINDS)}")
    elif not source_places.is_current(gap.province) and gap.kind != "any":
        p.append(f"{label}: kind: a former province's note is about any archive site: write kind = \"any\"")
    if len(gap.note.strip()) < 20:
        p.append(f"{label}: note: say why there is no entry and what was searched")
    return p


def check_source(source: Source) -> list[str]:
    """Offline problems with one entry, each naming the entry and the field; [] when clean."""
    from thidua.crawler.platforms import platform_names

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
    p += _province_problems(source)
    if source.kind != "sample" and source.written is None:
        p.append(f"{n}: written: missing; the date this entry was written (YYYY-MM-DD)")
    if source.platform is not None and source.platform not in platform_names():
        p.append(f"{n}: platform: {source.platform!r} is not one of {', '.join(platform_names())}"
                 f"{_suggest(source.platform, platform_names())}")

    for i, domain in enumerate(source.allowed_domains):
        if not _is_host(domain):
            p.append(f"{n}: allowed_domains[{i}]: {domain!r} is not a bare host name "
                     "(write 'example.gov.vn', without scheme, port or path)")
    for key in ("start_urls", "feeds", "sitemaps", "seen"):
        for i, url in enumerate(getattr(source, key)):
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                p.append(f"{n}: {key}[{i}]: {url!r} is not an absolute http(s) URL")
            elif not any(_host_within(parts.hostname, d) for d in source.allowed_domains):
                p.append(f"{n}: {key}[{i}]: host {parts.hostname!r} is outside allowed_domains "
                         f"{list(source.allowed_domains)}")

    for key, pattern in _patterns(source):
        err = _regex_error(pattern)
        if err:
            p.append(f"{n}: {key}: regex {pattern!r} does not compile: {err}")
    if source.article_pattern and not _regex_error(source.article_pattern):
        for i, url in enumerate(source.start_urls):
            if re.search(source.article_pattern, url):
                p.append(f"{n}: article_pattern: matches start_urls[{i}] {url!r}, so the start page "
                         "would be taken for an article")

    if source.selectors is not None:
        for key, selector in source.selectors.model_dump().items():
            if selector is not None:
                err = selector_error(selector)
                if err:
                    p.append(f"{n}: selectors.{key}: {err}")

    if source.encoding is not None:
        try:
            codecs.lookup(source.encoding)
        except LookupError:
            p.append(f"{n}: encoding: {source.encoding!r} is not an encoding Python knows "
                     "(e.g. 'utf-8', 'cp1258')")
    return p


def _province_problems(source: Source) -> list[str]:
    n, province = source.name, source.province.strip()
    if source.kind == "national":
        return [] if not province else [f"{n}: province: a national site has province = \"\""]
    if not province:
        return [f"{n}: province: empty"]
    if source_places.canonical(province) is None:
        names = source_places.province_names()
        return [f"{n}: province: {source.province!r} is not a province in {source_places.SUCCESSION_PATH}"
                f"{_suggest(fold(province), [fold(x) for x in names], names)}"]
    return []


def source_notices(source: Source) -> list[str]:
    """Things worth a look that are not errors: a start page that is the home page, an
    article_pattern no seen address fits, a platform the addresses contradict."""
    from thidua.crawler.platforms import guess_from_urls, label

    n, out = source.name, []
    for i, url in enumerate(source.start_urls):
        if urlsplit(url).path in ("", "/") and not urlsplit(url).query:
            out.append(f"{n}: start_urls[{i}] is the site's home page: the thi đua news section is "
                       "not known (see note)")
    if source.article_pattern and source.seen and not _regex_error(source.article_pattern):
        if not any(re.search(source.article_pattern, u) for u in source.seen):
            out.append(f"{n}: article_pattern fits none of the addresses in seen")
    guess = guess_from_urls([*source.start_urls, *source.seen, *source.feeds])
    if source.platform and guess.name and guess.name != source.platform:
        out.append(f"{n}: platform is {source.platform!r} but the addresses look like {label(guess.name)} "
                   f"({guess.evidence[0]})")
    elif not source.platform and guess.name and source.kind != "sample":
        out.append(f"{n}: platform not given; the addresses look like {label(guess.name)} ({guess.evidence[0]})")
    return out


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

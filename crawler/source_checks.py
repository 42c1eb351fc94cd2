"""Offline checks of registry entries: what `thidua sources check NAME` reports before
anything is fetched. Each problem names the entry and the field; notices (a home-page start,
a platform the addresses contradict) are worth a look but do not fail the check."""
from __future__ import annotations

import codecs
import re
from pathlib import Path
from urllib.parse import urlsplit

from thidua.crawler import source_places
from thidua.crawler.source_places import fold
from thidua.crawler.sources import (
    COVERED_KINDS, KINDS, SCHEDULES, SLUG, Missing, Source, SourcesError, _label, _parse_missing,
    _rows, _suggest, parse_entry, selector_error,
)


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

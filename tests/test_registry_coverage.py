"""The shipped registry against the official list of provinces (vietnam-provinces, the 34
units since 1 July 2025) and the 63 former ones: every province has a live entry of each
kind or a [[missing]] note that says why not, and the entries are evidence-backed."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from vietnam_provinces import Province as Official

from thidua.crawler import source_places
from thidua.crawler.coverage import current_gaps, entries_of, former_gaps
from thidua.crawler.platforms import guess_from_urls
from thidua.crawler.sources import COVERED_KINDS, load_registry

REGISTRY = load_registry()
REAL = [s for s in REGISTRY.sources.values() if s.kind != "sample"]
OFFICIAL = sorted(Official.iter_all(), key=lambda p: int(p.code))


def test_the_succession_table_names_the_34_official_provinces():
    ours = {p.current_code: p.current for p in source_places.current_provinces()}
    assert len(ours) == len(OFFICIAL) == 34
    for p in OFFICIAL:
        assert source_places.province_key(ours[int(p.code)]) == source_places.province_key(p.name), p.name


@pytest.mark.parametrize("official", OFFICIAL, ids=lambda p: p.name)
def test_every_official_province_has_each_kind_or_a_note(official):
    name = source_places.canonical(official.name)
    assert name is not None, official.name
    for kind in COVERED_KINDS:
        live = [s for s in REAL if s.current_province == name and s.kind == kind and not s.is_archive]
        notes = [m for m in REGISTRY.missing if source_places.canonical(m.province) == name and m.kind == kind]
        assert live or notes, f"{name}: no live {kind} entry and no [[missing]] note"
        assert not (live and notes), f"{name}: a {kind} entry and a note saying there is none"


def test_the_gap_report_agrees_and_every_gap_is_explained():
    gaps = current_gaps(REGISTRY)
    assert all(g.note for g in gaps), [(g.province, g.kind) for g in gaps if not g.note]
    covered = 34 * len(COVERED_KINDS) - len(gaps)
    # Figures of this registry (2026-12-04); a change that loses coverage fails here.
    assert covered >= 58
    by_kind = Counter(g.kind for g in gaps)
    assert by_kind["newspaper"] <= 4 and by_kind["portal"] <= 14


def test_every_former_province_has_an_archive_entry_or_a_note():
    assert all(g.note for g in former_gaps(REGISTRY))
    for place in source_places.places():
        if source_places.is_current(place.name):
            continue
        has_entry = any(source_places.canonical(s.province) == place.name for s in REAL)
        assert has_entry or any(source_places.canonical(m.province) == place.name for m in REGISTRY.missing), place.name
        # A former province's sites are archives of the province it became part of.
        for s in REAL:
            if source_places.canonical(s.province) == place.name:
                assert s.is_archive and s.current_province == place.current, s.name


def test_merged_provinces_list_together_under_the_current_one():
    names = {s.province for s in entries_of(REGISTRY, "Thái Nguyên")}
    assert names >= {"Thái Nguyên", "Bắc Kạn"}
    names = {s.province for s in entries_of(REGISTRY, "ninh binh")}
    assert names >= {"Ninh Bình", "Hà Nam", "Nam Định"}
    assert {s.province for s in entries_of(REGISTRY, "Hà Nam")} == {"Hà Nam"}


def test_national_sources_include_the_central_board_and_news_agencies():
    national = {s.name: s for s in REAL if s.kind == "national"}
    assert "tdkt-trunguong" in national and "thiduakhenthuongvn.org.vn" in national["tdkt-trunguong"].allowed_domains
    assert {"vietnamplus", "baotintuc", "vov-khen-thuong", "vtv"} <= set(national)
    assert all(s.province == "" and s.current_province is None for s in national.values())


def test_no_two_entries_share_a_name_a_start_url_or_a_seen_address():
    assert len(REGISTRY.sources) == len({s.name for s in REGISTRY.sources.values()})
    for key in ("start_urls", "seen"):
        urls = Counter(u.rstrip("/") for s in REGISTRY.sources.values() for u in getattr(s, key))
        assert [u for u, n in urls.items() if n > 1] == [], key


@pytest.mark.parametrize("src", REAL, ids=lambda s: s.name)
def test_each_entry_says_where_its_addresses_come_from(src):
    """An entry either lists the stored pages it was written from, or its note says how its
    host is known (inferred from a subdomain, named in a page, a dev passage...)."""
    if not src.seen:
        assert re.search(r"inferred|named|not kept|dev passage", src.note, re.I), src.note
    if urlsplit_path(src.start_urls[0]) in ("", "/"):
        # A home page start is allowed only when the note says no section was seen.
        assert re.search(r"home page|section|listing|inferred|named", src.note, re.I), src.note
    if src.platform and src.platform not in ("other", "unknown"):
        guess = guess_from_urls([*src.start_urls, *src.seen])
        assert guess.name in (None, src.platform), (src.platform, guess)
        assert re.search(r"platform|generator|sharepoint|liferay|joomla|drupal|webcenter|nukeviet|wordpress|mcms",
                         src.note, re.I), src.note


def urlsplit_path(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).path


def test_feeds_seen_in_pages_are_kept():
    with_feeds = {s.name: s.feeds for s in REAL if s.feeds}
    assert with_feeds["dongnai-portal"] == ("https://dongnai.gov.vn/en/news/rss/",)
    assert "https://hoinhabao.thainguyen.gov.vn/vi/news/rss/" in with_feeds["thainguyen-hoinhabao"]

"""Which provinces the registry leaves without a site of a kind (`thidua sources list --missing`).

Each of the 34 current provinces should have a live entry of every kind in COVERED_KINDS
(portal, board, newspaper) or a [[missing]] note saying why not; each former province an
archive entry of any kind, or a note.
"""
from __future__ import annotations

from dataclasses import dataclass

from thidua.crawler import source_places
from thidua.crawler.sources import COVERED_KINDS, Registry, Source


@dataclass(frozen=True)
class Gap:
    province: str
    kind: str  # a kind, or "any" for a former province without any entry
    note: str | None  # the [[missing]] note, None when nothing explains the gap
    current: str  # the province it is part of now (itself for a current one)


def entries_of(registry: Registry, province: str) -> list[Source]:
    """Entries of a province as it is now together with its former parts': 'Thái Nguyên'
    gives Thái Nguyên's and Bắc Kạn's sites, the current province's first. A former
    province gives its own entries only."""
    wanted = source_places.canonical(province)
    if wanted is None:
        return []
    if source_places.is_current(wanted):
        found = [s for s in registry.sources.values() if s.current_province == wanted]
        return sorted(found, key=lambda s: source_places.canonical(s.province) != wanted)
    return [s for s in registry.sources.values() if source_places.canonical(s.province) == wanted]


def _note(registry: Registry, province: str, kind: str) -> str | None:
    for gap in registry.missing:
        if source_places.canonical(gap.province) == province and gap.kind == kind:
            return gap.note
    return None


def current_gaps(registry: Registry, kinds=COVERED_KINDS) -> list[Gap]:
    """(province, kind) pairs of current provinces without a live entry, in code order."""
    out = []
    for place in source_places.current_provinces():
        for kind in kinds:
            if any(s.kind == kind and s.current_province == place.current and not s.is_archive
                   for s in registry.sources.values()):
                continue
            out.append(Gap(place.current, kind, _note(registry, place.current, kind), place.current))
    return out


def former_gaps(registry: Registry) -> list[Gap]:
    """Former provinces (merged on 1 July 2025) without any entry."""
    out = []
    for place in source_places.places():
        if place.name == place.current or source_places.is_current(place.name):
            continue
        if any(source_places.canonical(s.province) == place.name for s in registry.sources.values()):
            continue
        out.append(Gap(place.name, "any", _note(registry, place.name, "any"), place.current))
    return out

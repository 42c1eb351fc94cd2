"""Which province a registry entry belongs to, then and now.

An entry's `province` is written as the site names it: one of the 63 provinces before the
1 July 2025 reorganisation, or one of the 34 since. The succession (which former province
became part of which current one) is the warehouse's data file
warehouse/lexicon/province_succession.tsv, read here so that the registry and the
warehouse agree on it; names are matched without tone marks or a "tỉnh" / "thành phố" /
"TP" prefix, so "ha nam", "tỉnh Hà Nam" and "HÀ NAM" are the same province.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from thidua.extract.text import fold_ascii

SUCCESSION_FILE = "province_succession.tsv"
SUCCESSION_PATH = "warehouse/lexicon/" + SUCCESSION_FILE


@dataclass(frozen=True)
class Place:
    name: str  # the data file's spelling of the province as named then (or now)
    current: str  # the province it is part of since 1 July 2025
    current_code: int  # code of the current province in vietnam-provinces


def fold(text: str) -> str:
    """Lower case without tone marks or diacritics (đ → d), single spaces: 'Bắc  Kạn' → 'bac kan'."""
    return " ".join(fold_ascii(text).replace("-", " ").split())


# Words in front of a province's name that articles and users add or leave out.
_PREFIX = re.compile(r"^(?:tinh|thanh pho|tp\.?|tp)\s+")


def province_key(name: str) -> str:
    return _PREFIX.sub("", fold(name))


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    from thidua.warehouse import datafiles

    return tuple(Place(r["province"], r["current_province"], int(r["current_code"]))
                 for r in datafiles.table(SUCCESSION_FILE))


@lru_cache(maxsize=1)
def _index() -> dict[str, Place]:
    out: dict[str, Place] = {}
    for p in places():
        out[province_key(p.name)] = p
    return out


def lookup(name: str) -> Place | None:
    return _index().get(province_key(name)) if name else None


def province_names() -> tuple[str, ...]:
    """Every province name the registry accepts, former and current."""
    return tuple(p.name for p in places())


def canonical(name: str) -> str | None:
    """The data file's spelling of a province written any way; None when it is not one."""
    found = lookup(name)
    return found.name if found else None


def current_of(name: str) -> str | None:
    """The province `name` is part of since 1 July 2025 ('Bắc Kạn' → 'Thái Nguyên')."""
    found = lookup(name)
    return found.current if found else None


@lru_cache(maxsize=1)
def current_provinces() -> tuple[Place, ...]:
    """The 34 provinces and centrally-run cities, in the order of their codes."""
    seen: dict[str, Place] = {}
    for p in places():
        if p.name == p.current:
            seen.setdefault(p.current, p)
    return tuple(sorted(seen.values(), key=lambda p: p.current_code))


def is_current(name: str) -> bool:
    found = lookup(name)
    return found is not None and found.name == found.current


def former_of(current: str) -> tuple[str, ...]:
    """The former provinces merged into `current`, itself left out ('Thái Nguyên' → ('Bắc Kạn',))."""
    cur = current_of(current)
    return tuple(p.name for p in places() if p.current == cur and p.name != cur)

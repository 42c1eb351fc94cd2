"""Places: the province an article names, the one it belongs to since 1 July 2025, its district.

The 63 → 34 succession is data (lexicon/province_succession.tsv, after Nghị quyết
202/2025/QH15); the current units and their codes come from the `vietnam-provinces` package,
which the data file is checked against whenever the warehouse picks up an edit of it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import duckdb
import pyarrow as pa

from thidua.extract.text import UPPER, normalize
from thidua.warehouse import datafiles

SUCCESSION_FILE = "province_succession.tsv"
_PREFIX = re.compile(r"^(?:tỉnh|thành phố|tp\.?)\s+", re.I)
_PUNCT = re.compile(r"[\s\-,.]+")


@dataclass(frozen=True)
class Province:
    name: str  # as articles write it (the extractor's spelling)
    current: str  # the province it is part of from 1 July 2025
    current_code: int  # code of the current province in vietnam-provinces
    division: str  # "tỉnh" or "thành phố" (centrally-run city)


def fold_place(name: str) -> str:
    """Match key of a province name: case, tone placement, "tỉnh"/"thành phố" and dashes ignored."""
    text = _PREFIX.sub("", normalize(name).strip().casefold())
    return _PUNCT.sub(" ", text).strip()


@lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    return tuple(Province(r["province"], r["current_province"], int(r["current_code"]),
                          r["division"]) for r in datafiles.table(SUCCESSION_FILE))


@lru_cache(maxsize=1)
def _by_key() -> dict[str, Province]:
    return {fold_place(p.name): p for p in provinces()}


def lookup(name: str | None) -> Province | None:
    return _by_key().get(fold_place(name)) if name else None


@lru_cache(maxsize=4096)
def current_province(name: str | None) -> str | None:
    """The province `name` is part of today; None when the name is not a known province."""
    found = lookup(name)
    return found.current if found else None


def check_package() -> dict[int, str]:
    """Official names of the current provinces by code, after checking the data file against
    `vietnam-provinces`: every current code must exist and carry the name the file gives."""
    from vietnam_provinces import Province as Official

    official = {int(p.code): p.name for p in Official.iter_all()}
    problems = []
    for p in provinces():
        name = official.get(p.current_code)
        if name is None:
            problems.append(f"{p.name}: code {p.current_code} is not a current province")
        elif fold_place(name) != fold_place(p.current):
            problems.append(f"{p.name}: code {p.current_code} is {name}, not {p.current}")
    if len({p.current for p in provinces()}) != len(official):
        problems.append(f"{SUCCESSION_FILE} names {len({p.current for p in provinces()})} current "
                        f"provinces; vietnam-provinces has {len(official)}")
    if problems:
        raise ValueError(f"{SUCCESSION_FILE} disagrees with vietnam-provinces: " + "; ".join(problems))
    return official


def sync(con: duckdb.DuckDBPyConnection) -> None:
    """Bring `places_provinces` and articles.current_province up to date with the data file."""
    fingerprint = datafiles.fingerprint(SUCCESSION_FILE)
    stored = con.execute("SELECT value FROM meta WHERE key = 'places_fingerprint'").fetchall()
    if stored and stored[0][0] == fingerprint:
        return
    official = check_package()
    rows = pa.table({
        "province": [p.name for p in provinces()],
        "current_province": [p.current for p in provinces()],
        "current_code": pa.array([p.current_code for p in provinces()], pa.int32()),
        "current_official_name": [official[p.current_code] for p in provinces()],
        "division": [p.division for p in provinces()],
    })
    con.register("_places", rows)
    try:
        con.execute("DELETE FROM places_provinces")
        con.execute("INSERT INTO places_provinces BY NAME SELECT * FROM _places")
    finally:
        con.unregister("_places")
    refresh_articles(con)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('places_fingerprint', ?)", [fingerprint])


def refresh_articles(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute current_province for every article (a handful of distinct provinces)."""
    names = [r[0] for r in con.execute(
        "SELECT DISTINCT province FROM articles WHERE province IS NOT NULL").fetchall()]
    mapping = pa.table({"province": pa.array(names, pa.string()),
                        "current": pa.array([current_province(n) for n in names], pa.string())})
    con.register("_current", mapping)
    try:
        con.execute("UPDATE articles SET current_province = c.current FROM _current AS c "
                    "WHERE articles.province = c.province "
                    "AND articles.current_province IS DISTINCT FROM c.current")
        con.execute("UPDATE articles SET current_province = NULL "
                    "WHERE province IS NULL AND current_province IS NOT NULL")
    finally:
        con.unregister("_current")


@lru_cache(maxsize=1)
def _province_suffix() -> re.Pattern:
    """ "… tỉnh Bắc Kạn" / "… thành phố Đà Nẵng" at the end of a unit's name."""
    def alt(names):
        return "|".join(re.escape(n).replace(r"\ ", r"\s+").replace(r"\-", r"\s*-\s*")
                        for n in sorted(names, key=len, reverse=True))
    names = {p.name for p in provinces()} | {p.current for p in provinces()}
    cities = {p.name for p in provinces() if p.division == "thành phố"}
    cities |= {c.removeprefix("Thành phố ") for c in cities}
    return re.compile(r"[\s,]*\(?\s*(?:(?:tỉnh|Tỉnh)\s+(" + alt(names) + r")"
                      r"|(?:thành phố|Thành phố|TP\.?)\s+(" + alt(cities) + r"))\s*\)?\s*$")


def split_province(name: str) -> tuple[str, str | None]:
    """("Sở Tư pháp", "Lạng Sơn") from "Sở Tư pháp tỉnh Lạng Sơn"; the province as the data file
    spells it. A bare "thành phố Bắc Kạn" is a city, not the province, and stays."""
    m = _province_suffix().search(name)
    if not m or not name[:m.start()].strip():
        return name, None
    found = lookup(m.group(1) or m.group(2))
    return name[:m.start()].strip(), found.name if found else None


_DISTRICT = r"(huyện|thị xã|quận|thành phố)\s+(" + UPPER + r"\w*(?:\s+" + UPPER + r"\w*){0,3})"
_TITLE_DISTRICT = re.compile(r"(?<!\w)" + _DISTRICT)
# The subject of the lead sentence: "Sáng 12/1, UBND huyện Kim Bảng (tỉnh Hà Nam) tổ chức …"
_LEAD_DISTRICT = re.compile(r"^[^.\n]{0,60}?(?:UBND|Ủy ban nhân dân|Huyện ủy|Thị ủy|Thành ủy)\s+"
                            + _DISTRICT)


def district_of(title: str | None, body: str | None) -> str | None:
    """The district an article is about, as written ("huyện Kim Bảng"): named in the headline,
    or as the organiser in the lead sentence. Districts were abolished on 1 July 2025; the
    record contract has no district field, so this is the warehouse's own reading."""
    for pattern, text in ((_TITLE_DISTRICT, title), (_LEAD_DISTRICT, body)):
        m = pattern.search(text or "")
        if not m:
            continue
        place = lookup(m.group(2))
        if m.group(1) == "thành phố" and place and place.division == "thành phố":
            continue  # "thành phố Đà Nẵng" is a province, not a district
        return f"{m.group(1)} {m.group(2)}"
    return None

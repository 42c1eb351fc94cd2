"""Dates and periods as Vietnamese pages write them, with the year taken from context.

dateparser reads the written-out form ("ngày 16 tháng 01 năm 2023"); it cannot read a day
without a year ("Sáng 12/1"), takes "năm 2020" or "5,81%" for dates and costs ~50 ms a
sentence, so the numeric forms are read here by regex and the year is inferred from the
publication date or the period under review.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

# 08/01, 6/7/2023, 10-3-2020, 9.2 (a dot only without year: "Ngày 9.2"), 16/01/2023
NUMERIC_DATE = re.compile(
    r"(?<![\d/.,-])(?P<d>[0-3]?\d)(?P<sep>[/.-])(?P<m>[01]?\d)(?:(?P=sep)(?P<y>(?:19|20)\d\d))?(?![\d/%]|[.,-]\d)")
WRITTEN_DATE = re.compile(
    r"ngày\s+(?P<d>[0-3]?\d)\s+tháng\s+(?P<m>[01]?\d)(?:\s+năm\s+(?P<y>(?:19|20)\d\d))?", re.I)
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    day: int
    month: int
    year: int | None

    def resolve(self, ref: date | None = None, year_hint: int | None = None) -> date | None:
        year = self.year or infer_year(self.day, self.month, ref, year_hint)
        return make_date(year, self.month, self.day)


def make_date(year: int | None, month: int, day: int) -> date | None:
    if not year:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def infer_year(day: int, month: int, ref: date | None, year_hint: int | None = None) -> int | None:
    """Year of a day written without one: the publication year, or the year before when that
    would put the day well after publication (a January article about a December meeting)."""
    if ref is not None:
        candidate = make_date(ref.year, month, day)
        if candidate is not None and candidate > ref + timedelta(days=45):
            return ref.year - 1
        return ref.year
    return year_hint


def find_dates(text: str) -> list[DateMention]:
    """Every date written in `text`, in order; a dotted form needs no year only (9.2)."""
    found: list[DateMention] = []
    for m in WRITTEN_DATE.finditer(text):
        found.append(DateMention(m.start(), m.end(), int(m["d"]), int(m["m"]),
                                 int(m["y"]) if m["y"] else None))
    for m in NUMERIC_DATE.finditer(text):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        d, mo = int(m["d"]), int(m["m"])
        if not (1 <= d <= 31 and 1 <= mo <= 12):
            continue
        if m["sep"] == "." and m["y"]:
            continue  # 1.334.2020-like runs are numbers
        found.append(DateMention(m.start(), m.end(), d, mo, int(m["y"]) if m["y"] else None))
    return sorted(found, key=lambda f: f.start)


@lru_cache(maxsize=4096)
def parse_full_date(text: str) -> date | None:
    """A complete date in any common Vietnamese form (used for datelines and documents)."""
    for mention in find_dates(text):
        if mention.year:
            return mention.resolve()
    import dateparser  # deferred: costs ~0.4 s to import, only needed for rarer forms

    parsed = dateparser.parse(text, languages=["vi"], settings={"DATE_ORDER": "DMY",
                                                               "REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed else None


@dataclass(frozen=True)
class Period:
    text: str
    start: date
    end: date
    kind: str  # year, half, quarter, months, span


_PERIOD_PATTERNS = [
    (re.compile(r"6\s+tháng\s+đầu\s+năm(?:\s+(?P<y>(?:19|20)\d\d))?", re.I), "half1"),
    (re.compile(r"6\s+tháng\s+cuối\s+năm(?:\s+(?P<y>(?:19|20)\d\d))?", re.I), "half2"),
    (re.compile(r"(?P<n>9|3)\s+tháng\s+(?:đầu\s+)?năm(?:\s+(?P<y>(?:19|20)\d\d))?", re.I), "months"),
    (re.compile(r"quý\s+(?P<q>IV|III|II|I|[1-4])\s*(?:/|năm\s+)(?P<y>(?:19|20)\d\d)", re.I), "quarter"),
    (re.compile(r"giai\s+đoạn\s+(?P<y1>(?:19|20)\d\d)\s*-\s*(?P<y>(?:19|20)\d\d)", re.I), "span"),
    (re.compile(r"năm\s+(?P<y>(?:19|20)\d\d)", re.I), "year"),
]


def find_periods(text: str, year_hint: int | None = None) -> list[Period]:
    """Periods named in `text` ("6 tháng đầu năm 2023", "quý I/2023", "năm 2020"…)."""
    out: list[Period] = []
    taken: list[tuple[int, int]] = []
    for rx, kind in _PERIOD_PATTERNS:
        for m in rx.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            y = int(m["y"]) if m.groupdict().get("y") else year_hint
            if not y:
                continue
            if kind == "half1":
                p = Period(m.group(), date(y, 1, 1), date(y, 6, 30), "half")
            elif kind == "half2":
                p = Period(m.group(), date(y, 7, 1), date(y, 12, 31), "half")
            elif kind == "months":
                n = int(m["n"])
                p = Period(m.group(), date(y, 1, 1), date(y, n, 30 if n in (9,) else 31), "months")
            elif kind == "quarter":
                q = ROMAN.get(m["q"].upper()) or int(m["q"])
                end_month = q * 3
                end = (date(y, end_month % 12 + 1, 1) if end_month < 12 else date(y + 1, 1, 1)) - timedelta(days=1)
                p = Period(m.group(), date(y, end_month - 2, 1), end, "quarter")
            elif kind == "span":
                p = Period(m.group(), date(int(m["y1"]), 1, 1), date(y, 12, 31), "span")
            else:
                p = Period(m.group(), date(y, 1, 1), date(y, 12, 31), "year")
            out.append(p)
            taken.append((m.start(), m.end()))
    return out

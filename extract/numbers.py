"""Vietnamese numbers: dot for thousands, comma for decimals (1.334,251 → 1334.251)."""
from __future__ import annotations

import re

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?"
NUMBER_RE = re.compile(NUMBER)


def parse_number(text: str) -> float | None:
    """The value of a number as written on a Vietnamese page, or None when it is not one.

    `1.334,251` → 1334.251, `435,310` → 435.31, `108.500` → 108500, `5.81` → 5.81 (a lone dot
    before other than three digits can only be a decimal point), `07` → 7.
    """
    s = text.strip().replace(" ", "")
    if not s or not re.fullmatch(r"[\d.,]+", s) or not s[0].isdigit():
        return None
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):      # 1.334,251
            s = s.replace(".", "").replace(",", ".")
        else:                                  # 1,334.251 (English style, seen on some portals)
            s = s.replace(",", "")
    elif "," in s:
        if s.count(",") > 1:                   # 1,334,251
            s = s.replace(",", "")
        else:
            s = s.replace(",", ".")
    elif "." in s:
        groups = s.split(".")
        if len(groups) > 2 or len(groups[1]) == 3:
            s = s.replace(".", "")
    try:
        return float(s)
    except ValueError:
        return None


def as_int_or_float(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value

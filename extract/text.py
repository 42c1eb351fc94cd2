"""Text normalisation shared by every stage: NFC, one tone-mark placement, spaces, dashes."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# New-style tone placement (hoà, thuý, uỷ) folded onto the old style the record uses
# (hòa, thúy, ủy). Only at a syllable's end (Hoàng keeps its mark), and not after "q":
# in "quý" the u belongs to the consonant.
_TONE_PAIRS = ("oà òa", "oá óa", "oả ỏa", "oã õa", "oạ ọa", "oè òe", "oé óe", "oẻ ỏe", "oẽ õe",
               "oẹ ọe", "uỳ ùy", "uý úy", "uỷ ủy", "uỹ ũy", "uỵ ụy")
_TONE_MAP: dict[str, str] = {}
for _pair in _TONE_PAIRS:
    _new, _old = _pair.split()
    _TONE_MAP[_new] = _old
    _TONE_MAP[_new[0].upper() + _new[1]] = _old[0].upper() + _old[1]
_TONE_RE = re.compile(r"(?<![qQ])(" + "|".join(map(re.escape, _TONE_MAP)) + r")(?![^\W\d_])")

_DASHES = re.compile(r"[\u2010-\u2015\u2212\u2e3a\u2e3b]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def fold_tones(text: str) -> str:
    """Move tone marks of oa/oe/uy to the first vowel (Thuý → Thúy, Hoà → Hòa, Uỷ → Ủy)."""
    return _TONE_RE.sub(lambda m: _TONE_MAP[m.group(1)], text)


# Letters only Vietnamese writes (a French or German text has none of them): the hyphen rule
# below is Vietnamese typography, and would split "Corona-Pandemie" or "Nord-Ostsee".
_VIETNAMESE_ONLY = re.compile("[ăơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
_WORDS = re.compile(r"[^\W\d_]+")


def looks_vietnamese(text: str) -> bool:
    """Some words carry a letter only Vietnamese uses (1 in 20 of the first 400; any, in a short text)."""
    words = _WORDS.findall(text[:20_000])[:400]
    hits = sum(1 for w in words if _VIETNAMESE_ONLY.search(w))
    return hits >= 1 if len(words) < 20 else hits >= len(words) / 20


_JOINED_NAMES = re.compile(r"(?<=[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ])-(?=[A-ZĐÀ-ỸĂÂÊÔƠƯ])")


def normalize(text: str) -> str:
    """NFC, one tone placement, plain hyphens for dashes, single spaces; line breaks kept; a
    hyphen joining two capitalised names written " - " ("Chính trị-Xã hội" → "Chính trị - Xã hội")
    in Vietnamese text."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00d0", "\u0110")  # Icelandic eth typed for Vietnamese Đ
    text = fold_tones(text)
    text = _DASHES.sub("-", text)
    if looks_vietnamese(text):
        text = _JOINED_NAMES.sub(" - ", text)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


@lru_cache(maxsize=16384)
def fold_ascii(text: str) -> str:
    """Lower-case without diacritics, for matching that ignores accents (nguyen van a)."""
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


# Character classes for regexes: `[A-ZĐÀ-Ỹ]` would also match most lower-case Vietnamese
# letters (the Latin Extended ranges interleave cases), so the classes are built from Unicode.
UPPER = "[" + "".join(sorted({c for c in map(chr, range(0x41, 0x1EFA)) if c.isalpha() and c.isupper()})) + "]"
LOWER = "[" + "".join(sorted({c for c in map(chr, range(0x61, 0x1EFA)) if c.isalpha() and c.islower()})) + "]"

"""Fingerprints of an article's extracted main text, to know a copy when one comes.

Two per article: `text_fingerprint`, a hash of the text itself, says "the same text"
(an unchanged re-fetch, a byte-identical mirror); `simhash` (trafilatura's Charikar
SimHash over the words) says "nearly the same text": a print view without the lead, a
mirror with another footer, a re-post with a changed credit line lands within a few bits
of the original, while two different articles differ in about half of the 64 bits.

Near neighbours are found without comparing against every stored hash: the 64 bits are
cut into BANDS pieces, and two hashes within MAX_DISTANCE bits agree on at least one
whole piece (pigeonhole, MAX_DISTANCE < BANDS), so only hashes sharing a piece are
compared.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from trafilatura.deduplication import Simhash

BITS = 64
BANDS = 4
MAX_DISTANCE = 3   # bits; measured: print views 0, distinct articles 6+
MIN_CHARS = 200    # a shorter text says too little for a SimHash to mean "the same article"
PROSE_CHARS, PROSE_WORDS = 60, 8
SHINGLE = 3
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def normalized(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip().lower()


def text_fingerprint(text: str) -> str:
    return hashlib.sha1(normalized(text).encode("utf-8")).hexdigest()


def simhash(text: str) -> str | None:
    """64-bit SimHash of the text's prose as 16 hex digits, None when too short to compare.

    Only prose paragraphs count (a print view differs from its article in the short lines:
    site name, date line, byline), hashed as three-word shingles: single words are shared
    by every article of a genre, and trafilatura's Simhash samples words by length, so one
    extra line can change which words it keeps."""
    prose = [line for line in text.split("\n") if len(line) >= PROSE_CHARS
             and len(line.split()) >= PROSE_WORDS]
    words = _WORD.findall(normalized(" ".join(prose)))
    if sum(map(len, words)) < MIN_CHARS or len(words) < SHINGLE + 10:
        return None
    shingles = ["".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
    return f"{Simhash(' '.join(shingles), length=BITS).hash:016x}"


def distance(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def bands(value: str) -> list[tuple[int, int]]:
    """(band number, band value) pieces of a hash, for the neighbour index."""
    n = int(value, 16)
    width = BITS // BANDS
    return [(i, (n >> (i * width)) & ((1 << width) - 1)) for i in range(BANDS)]

"""Fingerprints of an article's extracted main text, to know a copy when one comes.

Two per article: `text_fingerprint`, a hash of the text itself, says "the same text"
(an unchanged re-fetch, a byte-identical mirror); `simhash` (trafilatura's Charikar
SimHash over the prose, with a digest of its figures) says "nearly the same text": a
print view without the byline, a mirror with another footer, a re-post with a changed
credit line lands within a few bits of the original and gives the same figures, while
two different articles differ in many bits or in their figures.

Near neighbours are found without comparing against every stored hash: the 64 bits are
cut into BANDS pieces, and two hashes within MAX_DISTANCE bits agree on at least one
whole piece (pigeonhole, MAX_DISTANCE < BANDS), so only hashes sharing a piece are
compared.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from hashlib import blake2b

import numpy as np
from trafilatura.deduplication import Simhash

BITS = 64
BANDS = 4
MAX_DISTANCE = 3   # bits; measured: print views 0, distinct articles 6+
MIN_CHARS = 200    # a shorter text says too little for a SimHash to mean "the same article"
PROSE_CHARS, PROSE_WORDS = 60, 8
SHINGLE = 3
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_FIGURE = re.compile(r"\d+(?:[.,/]\d+)*")


def normalized(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip().lower()


def text_fingerprint(text: str) -> str:
    return hashlib.sha1(normalized(text).encode("utf-8")).hexdigest()


def simhash(text: str) -> str | None:
    """The near-copy fingerprint of a text, "<SimHash, 16 hex>.<figures, 8 hex>", None when
    too short to compare.

    The SimHash (64 bits) is of the text's prose only (a print view differs from its
    article in the short lines: site name, date line, byline), hashed as three-word
    shingles: single words are shared by every article of a genre, and trafilatura's
    Simhash samples words by length, so one extra line can change which words it keeps.
    The figures part digests the numbers the prose gives (dates, counts, amounts): two
    reports written from one template about different units or years read alike to a
    SimHash but not to their figures."""
    prose = [line for line in text.split("\n") if len(line) >= PROSE_CHARS
             and len(line.split()) >= PROSE_WORDS]
    joined = normalized(" ".join(prose))
    words = _WORD.findall(joined)
    if sum(map(len, words)) < MIN_CHARS or len(words) < SHINGLE + 10:
        return None
    shingles = ["".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
    figures = hashlib.sha1(" ".join(sorted(_FIGURE.findall(joined))).encode()).hexdigest()[:8]
    return f"{charikar(shingles):016x}.{figures}"


def near(a: str | None, b: str | None) -> bool:
    """Whether two near-copy fingerprints are the same article: SimHashes within
    MAX_DISTANCE bits and the same figures."""
    if not a or not b:
        return False
    return distance(a, b) <= MAX_DISTANCE and a.partition(".")[2] == b.partition(".")[2]


def charikar(tokens: list[str]) -> int:
    """trafilatura's Simhash of these tokens (Charikar: each token's 64-bit blake2b hash
    votes +1/-1 per bit, the sign of each bit's sum is the bit), computed with numpy: the
    pure-Python loop costs about a millisecond per article, a fifth of classifying it.
    tests/test_classify.py checks both give the same hash."""
    if not tokens:
        return Simhash("", length=BITS).hash
    digests = b"".join(blake2b(t.encode(), digest_size=8).digest() for t in tokens)
    bits = np.unpackbits(np.frombuffer(digests, dtype=np.uint8).reshape(-1, 8), axis=1, bitorder="big")
    votes = (2 * bits.astype(np.int32) - 1).sum(axis=0)  # column j is bit 63 - j of the hash
    return sum(1 << (BITS - 1 - j) for j in range(BITS) if votes[j] >= 0)


def distance(a: str, b: str) -> int:
    """Bits in which the SimHash parts of two fingerprints differ."""
    return (int(a[:16], 16) ^ int(b[:16], 16)).bit_count()


def bands(value: str) -> list[tuple[int, int]]:
    """(band number, band value) pieces of a hash, for the neighbour index."""
    n = int(value[:16], 16)
    width = BITS // BANDS
    return [(i, (n >> (i * width)) & ((1 << width) - 1)) for i in range(BANDS)]

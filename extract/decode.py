"""The real text of a fetched page, whatever its declaration says.

Vietnamese government portals are declared UTF-8 but served in windows-1258, declared
iso-8859-1 / windows-1252 while really UTF-8, or not declared at all. A body that decodes
strictly as its declared UTF-8 is kept at once (valid UTF-8 with non-ASCII bytes is almost
never anything else, and the crawler calls this on every page). Otherwise the candidates —
the declaration, the page's own <meta charset>, charset_normalizer's guesses, and the three
encodings Vietnamese pages actually use — are decoded and scored by how Vietnamese the
result reads: well-formed syllables count for, mojibake ("Ä‘", "á»", "Ã¡"), replacement
characters, C1 controls and stray combining marks count against. charset_normalizer alone
often takes windows-1258 for windows-1252 (the two share most letters); the syllable score
tells them apart because windows-1258 writes tones as combining marks that, read as
windows-1252, become "Ì", "ì", "Ò", "ò", "Þ" in impossible places.

Output text is NFC: windows-1258 yields base letter + combining tone, NFC composes them.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from w3lib.encoding import html_body_declared_encoding, read_bom, resolve_encoding


@dataclass(frozen=True)
class Decoded:
    text: str                # NFC, without a byte-order mark
    encoding: str            # codec actually used: "utf-8", "cp1258", "cp1252"…
    declared: str | None     # the declaration as given
    mismatch: bool           # a declaration was given and it was not the codec used


# Encodings Vietnamese pages are really written in; always among the candidates.
_VIETNAMESE_CANDIDATES = ("utf-8", "cp1258", "cp1252")

# UTF-8 read as windows-1252/1258: a lead byte shown as a Latin letter, then a continuation
# byte shown as a symbol. The leads here are never followed by such a symbol in real
# Vietnamese (Ä, Æ, Å, Ă are not Vietnamese letters; Â, Ã, Ì, Í never end a word before
# a symbol), so a hit is mojibake.
_LEADS = "ÂÃÄÅÆĂÌÍ"
_CONTINUATION = frozenset("\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f"
                          "\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f"
                          + "".join(map(chr, range(0xA0, 0xC0)))
                          + "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")
_MOJIBAKE_PAIRS = ("á»", "áº", "â€")  # Vietnamese letters U+1EA0–U+1EF9, quotes and dashes
_C1 = re.compile("[\x80-\x9f]")
_COMBINING = re.compile("[\u0300-\u036f]")
_WORD = re.compile(r"[^\W\d_]+")
_NON_ASCII_WORD = re.compile(r"[^\W\d_]*[^\x00-\x7f\W\d_][^\W\d_]*")
# Enough words to tell candidates apart; bounds the cost on long legacy pages.
_WORDS_SCORED = 2000

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
                       r"[aăâeêioôơuưy]{1,3}(?:ch|ng|nh|[cmnpt])?")


def canonical_encoding(label: str | None) -> str | None:
    """Python codec name for an encoding label, WHATWG-style ("iso-8859-1" → "cp1252"),
    or None when neither WHATWG nor Python knows the label."""
    if not label:
        return None
    name = resolve_encoding(label.strip())
    if name is None:
        try:
            name = codecs.lookup(label.strip()).name
        except LookupError:
            return None
    return codecs.lookup(name).name


@lru_cache(maxsize=65536)
def _is_syllable(word: str) -> bool:
    """A well-formed Vietnamese syllable: known initial, 1–3 vowels, known final, at most
    one tone mark, and one case pattern (lower, Title or UPPER)."""
    if not (word.islower() or word.isupper() or word.istitle()):
        return False
    parts = unicodedata.normalize("NFD", word.lower())
    if sum(ch in _TONES for ch in parts) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in parts if ch not in _TONES))
    return _SYLLABLE.fullmatch(base) is not None


def _mojibake(text: str) -> int:
    hits = sum(text.count(pair) for pair in _MOJIBAKE_PAIRS)
    for lead in _LEADS:
        i = text.find(lead)
        while i != -1:
            hits += text[i + 1:i + 2] in _CONTINUATION
            i = text.find(lead, i + 1)
    return hits


def _garbage(text: str) -> int:
    """Characters a correct decoding would not produce, in NFC text."""
    return (text.count("\ufffd") + len(_C1.findall(text)) + len(_COMBINING.findall(text))
            + _mojibake(text))


def _syllables(text: str, ascii_too: bool) -> tuple[int, int]:
    """(well-formed, ill-formed) word counts. Without `ascii_too` only words with a
    non-ASCII letter count: ASCII words read the same in every candidate, no evidence."""
    valid = invalid = 0
    words = _WORD.finditer(text) if ascii_too else _NON_ASCII_WORD.finditer(text)
    for n, match in enumerate(words):
        if n == _WORDS_SCORED and not ascii_too:
            break
        if _is_syllable(match[0]):
            valid += 1
        else:
            invalid += 1
    return valid, invalid


def looks_vietnamese(text: str) -> float:
    """Share of the words of `text` that are well-formed Vietnamese syllables, garbage
    characters counting as failed words: ~0.9 for Vietnamese prose, low for mojibake or
    other languages. `text` should be NFC."""
    valid, invalid = _syllables(text, ascii_too=True)
    total = valid + invalid + _garbage(text)
    return valid / total if total else 0.0


def _score(text: str) -> int:
    valid, invalid = _syllables(text, ascii_too=False)
    return valid - invalid - 3 * _garbage(text)


def _reads_well(text: str) -> bool:
    """A strict decoding in a legacy encoding that needs no second opinion."""
    if _garbage(text):
        return False
    valid, invalid = _syllables(text, ascii_too=False)
    return invalid <= max(2, valid // 20)


def _nfc(text: str) -> str:
    # normalize() returns NFC input as is after a quick check: cheap on the fast path.
    return unicodedata.normalize("NFC", text.removeprefix("\ufeff"))


def _detector_guesses(body: bytes) -> list[str]:
    from charset_normalizer import from_bytes  # ~10 ms a page: only on the slow path

    guesses = []
    for match in list(from_bytes(body))[:3]:
        if name := canonical_encoding(match.encoding):
            guesses.append(name)
    return guesses


def _candidates(body: bytes, declared: str | None) -> list[str]:
    """Codecs to try, most trusted first (the order breaks ties)."""
    names = [declared, canonical_encoding(html_body_declared_encoding(body))]
    names += _detector_guesses(body)
    names += _VIETNAMESE_CANDIDATES
    seen: list[str] = []
    for name in names:
        if name and name not in seen:
            seen.append(name)
    return seen


def decode_page(body: bytes, declared: str | None, forced: str | None = None) -> Decoded:
    """Decode a fetched page. `declared` is what the server or page claims (Scrapy's
    response.encoding); `forced` (the registry's `encoding` key) overrides everything.
    Raises ValueError for an unknown forced encoding."""
    wanted = canonical_encoding(declared)

    def result(text: str, used: str) -> Decoded:  # text already NFC
        return Decoded(text, used, declared, declared is not None and used != wanted)

    if forced:
        used = canonical_encoding(forced)
        if used is None:
            raise ValueError(f"unknown encoding {forced!r}")
        return result(_nfc(body.decode(used, "replace")), used)

    bom_encoding, bom = read_bom(body)
    if bom_encoding:
        used = canonical_encoding(bom_encoding)
        return result(_nfc(body[len(bom):].decode(used, "replace")), used)

    if body.isascii() and b"\x00" not in body:
        ascii_safe = wanted and "a<".encode(wanted, "ignore") == b"a<"
        return result(body.decode("ascii"), wanted if ascii_safe else "utf-8")

    first = wanted or "utf-8"
    try:
        text = _nfc(body.decode(first))
    except UnicodeDecodeError as exc:
        # A body cut by the size cap ends inside a character: still that encoding.
        cut = exc.reason == "unexpected end of data" and exc.end == len(body)
        text = _nfc(body.decode(first, "replace")) if cut else None
    except LookupError:
        text = None
    if text is not None and (first == "utf-8" or _reads_well(text)):
        return result(text, first)

    best: tuple[int, int, str, str] | None = None
    for rank, name in enumerate(_candidates(body, wanted)):
        try:
            text = _nfc(body.decode(name, "replace"))
        except LookupError:
            continue
        key = (_score(text), -rank, name, text)
        if best is None or key[:2] > best[:2]:
            best = key
    assert best is not None  # utf-8 is always a candidate
    return result(best[3], best[2])

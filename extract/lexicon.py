"""Loads the domain vocabularies kept as tab-separated files in `lexicon/`.

The files are meant to be edited by a domain expert without Python: one entry per line,
a header row naming the columns, `#` starts a comment line, empty cells are allowed.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).with_name("lexicon")


@lru_cache(maxsize=None)
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `lexicon/<name>.tsv` as dicts keyed by the header; NFC, cells stripped."""
    path = LEXICON_DIR / f"{name}.tsv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.lstrip().startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for row in reader:
        rows.append({k.strip(): unicodedata.normalize("NFC", (v or "").strip())
                     for k, v in row.items() if k is not None})
    return tuple(rows)


@lru_cache(maxsize=None)
def words(name: str) -> tuple[str, ...]:
    """Entries of `lexicon/<name>.txt`: one phrase per line, longest first for regex use."""
    path = LEXICON_DIR / f"{name}.txt"
    items = [unicodedata.normalize("NFC", ln.strip()) for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.lstrip().startswith("#")]
    return tuple(sorted(set(items), key=len, reverse=True))


def alternation(phrases) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any whitespace."""
    parts = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)


@lru_cache(maxsize=None)
def phrase_regex(name: str, before: str = "", after: str = r"(?!\w)", flags: int = re.I) -> re.Pattern:
    """The phrases of `lexicon/<name>.txt` as one compiled regex, `before` and `after` around
    the alternation (by default: a phrase that ends at a word boundary, any case)."""
    return re.compile(before + "(?:" + alternation(words(name)) + ")" + after, flags)

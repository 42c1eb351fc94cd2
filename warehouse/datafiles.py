"""Reading the warehouse's own data files (warehouse/lexicon/*.tsv) that analysts may edit."""
from __future__ import annotations

import csv
import hashlib
import unicodedata
from functools import lru_cache
from importlib import resources


def _text(name: str) -> str:
    return (resources.files("thidua.warehouse") / "lexicon" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of lexicon/<name> as dicts keyed by the header; `#` lines are comments; cells NFC."""
    lines = [ln for ln in _text(name).splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({k.strip(): unicodedata.normalize("NFC", (v or "").strip())
                  for k, v in row.items() if k is not None} for row in reader)


def fingerprint(*names: str) -> str:
    """A short hash of the named data files, stored in the warehouse to notice edits."""
    digest = hashlib.sha1()
    for name in names:
        digest.update(name.encode() + b"\0" + _text(name).encode("utf-8") + b"\0")
    return digest.hexdigest()[:16]

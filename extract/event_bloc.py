"""Which emulation bloc (khối / cụm thi đua) a phrase of the article names.

The blocs recognizer runs first and gives each bloc's canonical name and aliases; a phrase
often writes the name differently ("Cụm thi đua 07 tỉnh …" for "Cụm thi đua 7 tỉnh …", a
shorter form, an abbreviation), so a mention is matched to the known bloc it names. Without
known blocs the mention itself is the answer when it reads as a full name.
"""
from __future__ import annotations

import re

from thidua.extract.bloc_names import BlocMention, find_bloc_mentions
from thidua.extract.recognizers.blocs import name_of


def find_mentions(text: str) -> list[BlocMention]:
    """Bloc names written in `text` (weak mentions, "trong khối các sở", included)."""
    return find_bloc_mentions(text)


def resolve(mention: BlocMention, blocs: list[dict]) -> str | None:
    """Canonical name of the bloc `mention` names, given the facts of the blocs recognizer."""
    if blocs:
        return name_of(mention, blocs)
    if mention.weak or mention.acronym:
        return None
    return mention.name if (mention.number or len(mention.name.split()) >= 4) else None


def alias_mentions(text: str, blocs: list[dict]) -> list[tuple[int, int, str]]:
    """Spans of `text` where a known bloc is named by an alias (KTĐKTN), with its name."""
    out = []
    for b in blocs:
        for alias in b.get("aliases") or []:
            for m in re.finditer(r"(?<![\w])" + re.escape(alias) + r"(?![\w])", text):
                out.append((m.start(), m.end(), b["name"]))
    return sorted(out)


def bloc_before(text: str, limit: int, blocs: list[dict]) -> str | None:
    """The bloc named last in text[:limit] (the subject of a verb at `limit`), or None."""
    best: tuple[int, str] | None = None
    for mention in find_mentions(text[:limit]):
        name = resolve(mention, blocs)
        if name:
            best = (mention.start, name)
    for start, _end, name in alias_mentions(text[:limit], blocs):
        if best is None or start > best[0]:
            best = (start, name)
    return best[1] if best else None

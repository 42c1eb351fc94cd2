"""Which emulation bloc (khối / cụm thi đua) a phrase of the article names.

The blocs recognizer runs first and gives each bloc's canonical name and aliases; a lead
sentence often writes the name differently ("Cụm thi đua 07 tỉnh …" for "Cụm thi đua 7
tỉnh …", or a shorter form), so a mention is matched to the closest known bloc of its kind.
Without known blocs the mention itself, made canonical, is the answer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from thidua.extract.orgs import canonical_org, expand_abbreviations
from thidua.extract.text import fold_ascii

# "Khối thi đua …", "Cụm Thi đua …", "Khối giao ước thi đua …"; not "Khối trưởng", "Cụm phó"
MENTION = re.compile(r"(?<![\w])(?P<head>Khối|Cụm|khối|cụm)\s+(?:giao\s+ước\s+)?(?:thi\s+đua|Thi\s+đua|THI\s+ĐUA)\b")
# where a bloc's name ends in running text: a verb of the lead, a clause break, a year
_NAME_END = re.compile(
    r"\s*[,;(:.“\"]|\s+(?:tổ chức|đã|vừa|do|diễn ra|long trọng|họp|ký|tiến hành|tổng kết|sơ kết|"
    r"phát động|năm\s+\d{4}|gồm|có|là|về|trong|tại|cho biết|được|đóng góp|với|cùng|nhằm)\b", re.I)


@dataclass(frozen=True)
class BlocMention:
    start: int
    end: int
    kind: str      # khoi or cum
    text: str


def find_mentions(text: str) -> list[BlocMention]:
    """Bloc names written in `text`, each up to where running text resumes."""
    out = []
    for m in MENTION.finditer(text):
        if re.search(r"(?:các|những|mỗi|từng)\s+$", text[:m.start()], re.I):
            continue  # "các khối thi đua": blocs in general, not one bloc
        rest = text[m.end():m.end() + 160]
        stop = _NAME_END.search(rest)
        end = m.end() + (stop.start() if stop else len(rest))
        kind = "khoi" if m["head"].lower() == "khối" else "cum"
        out.append(BlocMention(m.start(), end, kind, text[m.start():end].strip()))
    return out


def _tokens(text: str) -> list[str]:
    folded = fold_ascii(expand_abbreviations(text))
    return [t.lstrip("0") or "0" for t in re.findall(r"[a-z0-9]+", folded)]


def _prefix_ratio(name: str, window: str) -> float:
    a, b = _tokens(name), _tokens(window)
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n / len(a) if a else 0.0


def resolve(mention: BlocMention, window: str, blocs: list[dict]) -> str | None:
    """Canonical name of the bloc `mention` names. `window` is the text from the mention's
    start on (longer than the mention, as names may hold commas); `blocs` are the facts of
    the blocs recognizer."""
    same_kind = [b for b in blocs if b.get("kind") in (None, mention.kind) and b.get("name")]
    if same_kind:
        scored = sorted(((_prefix_ratio(b["name"], window), b["name"]) for b in same_kind), reverse=True)
        best, name = scored[0]
        if best >= 0.6 or len(same_kind) == 1:
            return name
        return None
    name = canonical_org(mention.text)
    name = re.sub(r"^(khối|cụm)\s+thi\s+đua", lambda m: f"{m.group(1).capitalize()} thi đua", name, flags=re.I)
    return name if len(name.split()) >= 4 else None  # a name beyond the bare "Khối thi đua"


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
        name = resolve(mention, text[mention.start:mention.start + 200], blocs)
        if name:
            best = (mention.start, name)
    for start, _end, name in alias_mentions(text[:limit], blocs):
        if best is None or start > best[0]:
            best = (start, name)
    return best[1] if best else None

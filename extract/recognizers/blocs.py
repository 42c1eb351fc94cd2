"""Emulation blocs (khối thi đua) and clusters (cụm thi đua) named in the article.

Mentions come from `bloc_names.find_bloc_mentions`. Mentions of one bloc in several forms
(headline, lead, a shorter or longer form, an abbreviation) are grouped: numbered blocs by kind
and number (a number never joins another number: "Khối 2" is not "Khối 3"), descriptive ones
when the words of one form are the words of the other in order ("các Hội đặc thù" / "các Hội
có tính chất đặc thù") or nearly so, an acronym with the form whose syllables it abbreviates.
A group is named by its form written most often in the body, then by the fullest form.
"""
from __future__ import annotations

import bisect
import re
from difflib import SequenceMatcher

from thidua.extract.bloc_members import members_in
from thidua.extract.bloc_names import BlocMention, find_bloc_mentions
from thidua.extract.document import Doc
from thidua.extract.orgs import expand_abbreviations
from thidua.extract.text import fold_ascii

_INTER_PROVINCIAL = re.compile(r"các tỉnh|\d+ tỉnh|thành phố trực thuộc|Trung du|miền núi|đồng bằng|"
                               r"Tây Nguyên|Tây Bắc|Đông Nam Bộ|duyên hải", re.I)
# beyond this many distinct names the pairwise grouping would cost more than the article is
# worth (a pasted directory, a fuzzed input); the rest are grouped by exact key only
MAX_DISTINCT_NAMES = 200


def tokens(desc: str) -> list[str]:
    """Comparable words of a descriptive name: abbreviations written out, no accents, no case."""
    folded = fold_ascii(expand_abbreviations(desc))
    return [t.lstrip("0") or "0" for t in re.findall(r"[a-z0-9]+", folded)]


def _initials(desc: str) -> str:
    return "".join(t[0] for t in tokens(desc) if t != "cac")


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(tok in it for tok in short)


class _Group:
    def __init__(self, mention: BlocMention, sentence, in_body: bool):
        self.kind = mention.kind
        self.number = mention.number
        self.place = _place(mention) if mention.number else None
        self.members: list[tuple[BlocMention, object, bool]] = [(mention, sentence, in_body)]
        self.tokens = tokens(mention.descriptive()) if not mention.number else []

    def accepts(self, m: BlocMention) -> bool:
        if m.kind != self.kind:
            return False
        if self.number or m.number:
            if m.number != self.number:
                return False
            place = _place(m)
            return place is None or self.place is None or place == self.place
        if m.acronym:
            return any(_initials(x.descriptive()) == fold_ascii(re.sub(r"[-&]", "", m.descriptive()))
                       for x, _, _ in self.members if not x.acronym)
        other = tokens(m.descriptive())
        a, b = sorted((self.tokens, other), key=len)
        if not a:
            return False
        if _is_subsequence(a, b) or set(a) <= set(b) or set(b) <= set(a):
            return True   # one form's words are the other's: in order, or the same words re-ordered
        return SequenceMatcher(None, " ".join(a), " ".join(b)).ratio() >= 0.85

    def add(self, m: BlocMention, sentence, in_body: bool) -> None:
        self.members.append((m, sentence, in_body))
        if not m.number and not m.acronym and len(tokens(m.descriptive())) > len(self.tokens):
            self.tokens = tokens(m.descriptive())

    def name(self) -> str:
        """The form written most often in the body, then the fullest; an acronym, an all-caps
        form or a lower-case head without "thi đua" only when nothing else names it."""
        forms: dict[str, list] = {}
        for order, (m, _, in_body) in enumerate(self.members):
            if m.anaphoric or m.weak and any(not x.weak for x, _, _ in self.members):
                continue
            written = _tidy_written(m.name)
            entry = forms.setdefault(written, [0, len(tokens(m.descriptive())), -order, m])
            entry[0] += 1 if in_body else 0
        def rank(item):
            written, (count, size, first, m) = item
            plain = not m.acronym and not written.isupper() and not m.descriptive().isupper()
            return (plain, count, size, first)
        return max(forms.items(), key=rank)[0]


def _place(m: BlocMention) -> str | None:
    place = re.search(r"(?:huyện|thị xã|thành phố|quận|xã|phường)\s+.+$", m.name)
    return fold_ascii(place.group()) if place else None


def _tidy_written(name: str) -> str:
    name = expand_abbreviations(name) if re.search(r"[A-ZĐ]{2,}", name) else name
    name = re.sub(r"^((?:Khối|Cụm)(?: giao ước)?(?: thi đua)?) Các\b", r"\1 các", name)
    return re.sub(r"\s*-\s*", " - ", name)


def _mentions(doc: Doc):
    """(mention, sentence or None for the headline, offset of its text in the body)."""
    for m in find_bloc_mentions(doc.title or ""):
        yield m, None, None
    for sent in doc.sentences:
        for m in find_bloc_mentions(sent.text):
            yield m, sent, sent.start


def _group(doc: Doc) -> list[_Group]:
    groups: list[_Group] = []
    exact: dict[tuple, _Group] = {}
    last: dict[str, _Group] = {}   # the bloc of each kind named most recently
    for m, sent, base in _mentions(doc):
        if m.anaphoric:
            same_kind = [g for g in groups if g.kind == m.kind]
            group = same_kind[0] if len(same_kind) == 1 else last.get(m.kind)
            if group is not None and base is not None:
                group.add(m, sent, True)
                doc.bloc_mentions.append((base + m.start, base + m.end, group))
            continue
        key = (m.kind, m.number, tuple(tokens(m.descriptive())) if not m.number else _place(m))
        group = exact.get(key)
        if group is None and len(exact) < MAX_DISTINCT_NAMES:
            group = next((g for g in groups if g.accepts(m)), None)
        if group is None:
            if m.weak or m.acronym:
                continue  # "trong khối các sở", "Khối VHXH": only a name written elsewhere
            group = _Group(m, sent, base is not None)
            groups.append(group)
        else:
            group.add(m, sent, base is not None)
        exact[key] = group
        last[m.kind] = group
        if base is not None:
            doc.bloc_mentions.append((base + m.start, base + m.end, group))
    return groups


def extract(doc: Doc) -> list[dict]:
    doc.bloc_mentions = []
    groups = _group(doc)
    names = {id(g): g.name() for g in groups}
    doc.bloc_mentions = sorted((s, e, names[id(g)]) for s, e, g in doc.bloc_mentions)
    context = (sorted(s for s, _, _ in doc.bloc_mentions), {id(s): i for i, s in enumerate(doc.sentences)})
    blocs = []
    for g in groups:
        name = names[id(g)]
        province = next((m.province for m, _, _ in g.members if m.province), None)
        if province is None and not _INTER_PROVINCIAL.search(name):
            province = doc.province
        sentences = [s for _, s, _ in g.members if s is not None]
        first = next(((m, s) for m, s, _ in g.members if s is not None and not m.anaphoric), None)
        named = [x for x in g.members if not x[0].anaphoric]
        aliases = sorted({a for m, _, _ in g.members for a in ([m.alias] if m.alias else [])}
                         | {m.descriptive() for m, _, _ in g.members if m.acronym})
        members, count = _members(doc, g, sentences, context)
        if count is None:
            count = next((m.count for m, _, _ in g.members if m.count), None)
        blocs.append({"name": name, "kind": g.kind, "province": province, "aliases": aliases,
                      "members": members, "member_count": count,
                      "evidence": (first[1] if first else sentences[0]).evidence() if sentences else None,
                      "_span": (first[1].start + first[0].start, first[1].start + first[0].end) if first else None,
                      "_mentions": len(named)})
    blocs.sort(key=lambda b: -b.pop("_mentions"))
    return blocs


def name_of(mention: BlocMention, blocs: list[dict]) -> str | None:
    """The bloc of `blocs` (facts of this recognizer) that `mention` names, or None."""
    if mention.anaphoric:
        same_kind = [b["name"] for b in blocs if b.get("kind") == mention.kind]
        return same_kind[0] if len(same_kind) == 1 else None
    candidates = []
    for b in blocs:
        for m in find_bloc_mentions(b["name"]):
            if m.start == 0 and _Group(m, None, True).accepts(mention):
                candidates.append(b["name"])
                break
        else:
            if mention.acronym and mention.descriptive() in (b.get("aliases") or []):
                candidates.append(b["name"])
    return candidates[0] if len(candidates) == 1 else None


_COUNT = re.compile(r"(?:có|gồm|của|tham gia của)\s+(?P<n>\d{1,3})\s+(?:đơn vị|sở, ngành|sở|huyện|địa phương|thành viên)"
                    r"|(?P<m>\d{1,3})\s+đơn vị(?:\s+thành viên)?\s+(?:Khối|Cụm|trong Khối|trong Cụm|thuộc)", re.I)


def _members(doc: Doc, group: _Group, sentences, context) -> tuple[list[dict], int | None]:
    """Members (bloc_members.py) and member count, when a sentence naming the bloc lists or
    counts them. `context` is (mention starts in the body, sorted; sentence → its index),
    made once per article so that many blocs cost no more than one pass each."""
    starts, order = context

    def next_mention(sent, pos: int) -> int:
        i = bisect.bisect_right(starts, sent.start + pos)
        return starts[i] - sent.start if i < len(starts) else len(sent.text)

    mentions = [(s, m.start, m.end) for m, s, _ in group.members if s is not None]
    members, count = members_in(doc.sentences, order, mentions, next_mention)
    if count is None:
        for s in dict.fromkeys(sentences):
            c = _COUNT.search(s.text)
            if c:
                count = int(c["n"] or c["m"])
                break
    return members, count

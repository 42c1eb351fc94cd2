"""Officials named with their titles: name, honorific, titles and the part they played.

The forms of the genre: "Ông A – title, title phát biểu"; "có đồng chí A, title; B, title"
(one honorific for the list); "A - title - title"; a title before the name ("Chủ tịch UBND
tỉnh Cao Văn Trọng", "Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Bắc Giang Dương Văn Thái") and
image captions repeating a person. Mentions of one person are merged (titles united, a
shorter repeat dropped); a name never given a title is not an official of the record.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from dataclasses import dataclass, field

from thidua.extract.document import Doc
from thidua.extract.people_names import NameMention, find_names, honorific_at_end, name_key
from thidua.extract.people_titles import (ROLE_RANK, canonical_title, cue_at_start, head_regex,
                                          last_cue, starts_title, titles_after, titles_before)

# abbreviations with a dot that the sentence splitter may take for a sentence's end
_ABBREV_DOT = re.compile(r"(?<!\w)(?:TP|Tp|TX|VP|TT|GS|PGS|TS|ThS|BS|KS|Q|P)\.$")
_WORTH_A_LOOK = re.compile(r"\b(?:ông|bà|đồng chí|đ/c)\s", re.I)
# "tặng Bằng khen cho ông A": the person receives, the verb before is not his part
_RECIPIENT = re.compile(r"(?:\bcho|\bđối\s+với|\btặng|\bkhen\s+thưởng)\s*(?:các\s+)?$", re.I)


@dataclass
class _Mention:
    name: NameMention
    titles: list[str] = field(default_factory=list)
    start: int = 0            # where the mention (titles before the name, honorific) starts
    end: int = 0              # where the mention (name and titles after it) ends in the sentence
    own: str | None = None    # role from the verb right after the mention
    intro: str | None = None  # role from the clause before it
    honorific: str | None = None


def _bloc_aliases(doc: Doc) -> dict[str, str]:
    out = {}
    for bloc in doc.facts.get("blocs", []):
        for alias in bloc.get("aliases") or []:
            out[alias] = bloc["name"]
    return out


# "các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy: A, Trưởng Ban …; B, …": one title for the list
_SHARED_TITLE = re.compile(r"(?i:các|hai|ba|những)\s+(?P<hon>đồng\s+chí|ông|bà|đ/c)\s+(?P<title>[^:;]{4,80}?)\s*:\s*")


def _share_listed_title(text: str, mentions: list[_Mention], aliases: dict[str, str]) -> None:
    for m in _SHARED_TITLE.finditer(text):
        if not starts_title(m["title"]):
            continue
        title = canonical_title(m["title"], aliases)
        end = text.find(".", m.end())
        for mention in mentions:
            if mention.name.start >= m.end() and (end < 0 or mention.name.start < end) and title:
                if title not in mention.titles:
                    mention.titles.insert(0, title)
                mention.honorific = mention.honorific or " ".join(m["hon"].lower().split()).replace("đ/c", "đồng chí")


def _sentence_mentions(text: str, aliases: dict[str, str]) -> list[_Mention]:
    names = find_names(text)
    mentions = [_Mention(n, honorific=n.honorific) for n in names]
    # titles written before a name belong to it; what precedes them may end the previous mention
    starts = []
    for i, m in enumerate(mentions):
        prev_end = names[i - 1].end if i else 0
        region = text[prev_end:m.name.hon_start]
        before = []
        if m.name.honorific is None:
            before = titles_before(region)
        elif re.search(r"\w\s*,\s*$", region) and not titles_after(text[m.name.end:])[0]:
            # "Phát biểu tại hội nghị, Giám đốc Sở Y tế, ông A cho biết"; not when the title
            # ends the previous person's mention ("ông B, Giám đốc Sở Y tế, ông A, …")
            before = titles_before(region.rstrip()[:-1] + " ")
            if before and i and not region[:region.rfind(before[0])].strip(" ,;-"):
                before = []
        m.titles = [t for t in (canonical_title(r, aliases) for r in before) if t]
        chain_start = m.name.hon_start
        if before:
            chain_start = prev_end + region.rfind(before[0])
            # "đồng chí Bí thư Tỉnh ủy Nguyễn A": the honorific opens the title
            hon = honorific_at_end(text[:chain_start]) if m.honorific is None else None
            if hon:
                m.honorific, chain_start = hon
        m.start = chain_start
        starts.append(chain_start)
    boundary = 0
    for i, m in enumerate(mentions):
        limit = starts[i + 1] if i + 1 < len(mentions) else len(text)
        after, used = titles_after(text[m.name.end:limit])
        for t in (canonical_title(r, aliases) for r in after):
            if t and t not in m.titles:
                m.titles.append(t)
        m.end = m.name.end + used
        m.own = cue_at_start(text[m.end:limit])
        # in "…; ông B" only what follows the ";" introduces B (else B shares A's introduction)
        intro = text[boundary:starts[i]].rsplit(";", 1)[-1]
        if not _RECIPIENT.search(intro.rstrip()):
            m.intro = last_cue(intro)
        elif intro.strip():
            m.intro = "other"
        boundary = m.end
    _share_in_lists(text, mentions)
    _share_listed_title(text, mentions, aliases)
    return mentions


def _share_in_lists(text: str, mentions: list[_Mention]) -> None:
    """What a list states once holds for every name in it: "Về dự có ông A; ông B" (role),
    "có đồng chí A, title; B, title" (honorific); "A … và B … đồng chủ trì" (role of both)."""
    for prev, cur in zip(mentions, mentions[1:]):
        gap = re.sub(r"\([^()]*\)", "", text[prev.end:cur.start])
        if re.fullmatch(r"\s*(?:[;,]|[;,]?\s*và)\s*", gap):
            if cur.intro is None and cur.own is None:
                cur.intro = prev.intro
            if cur.honorific is None and prev.honorific and ";" in gap:
                cur.honorific = prev.honorific
    for cur, nxt in zip(reversed(mentions[:-1]), reversed(mentions[1:])):
        if cur.own is None and cur.intro is None and nxt.own:
            gap = re.sub(r"\([^()]*\)", "", text[cur.end:nxt.start])
            if ";" not in gap and re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", gap):
                cur.own = nxt.own


def _role(m: _Mention) -> str:
    return m.own or m.intro or "other"


def _same_person(a_name: str, a_titles: list[str], b: _Mention) -> bool:
    if a_name == b.name.name:
        return True
    shared = bool({_title_key(t) for t in a_titles} & {_title_key(t) for t in b.titles})
    # one letter's tone mark differs (a typo in a caption): the same person unless both
    # mentions give titles and none in common, when they may be two people
    if name_key(a_name) == name_key(b.name.name):
        return not (a_titles and b.titles) or shared
    # one letter more or less in one syllable ("Cao Văng Trọng" for "Cao Văn Trọng"), with a
    # title in common: a misspelling of the same official
    return shared and _one_letter_apart(a_name, b.name.name)


def _shape(name: str) -> tuple[str, int]:
    words_ = name_key(name).split()
    return (words_[0] if words_ else "", len(words_))


def _one_letter_apart(a: str, b: str) -> bool:
    sa, sb = a.split(), b.split()
    if len(sa) != len(sb) or len(sa) < 3 or sa[0] != sb[0]:
        return False
    diff = [(x, y) for x, y in zip(sa, sb) if x != y]
    return len(diff) == 1 and SequenceMatcher(None, *diff[0]).ratio() >= 0.75 and abs(len(diff[0][0]) - len(diff[0][1])) <= 1


def _title_key(title: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", title.casefold()).split())


def _merge_titles(titles: list[str], new: list[str]) -> None:
    for t in new:
        key = _title_key(t)
        for i, old in enumerate(titles):
            okey = _title_key(old)
            if okey == key or okey.startswith(key + " "):
                break
            if key.startswith(okey + " "):
                titles[i] = t
                break
        else:
            titles.append(t)


def _sentences(doc: Doc):
    """The document's sentences, a split after an abbreviation's dot ("UBND TX. Gò Công",
    "Chánh VP.UBND") undone, each as (text, evidence)."""
    pending = None
    for sent in doc.sentences:
        if pending and _ABBREV_DOT.search(pending[0]) \
                and doc.body[pending[1]["end"]:sent.start] in ("", " ") and sent.text[:1].isupper():
            start = pending[1]["start"]
            text = doc.body[start:sent.end]
            pending = (text, {"text": text, "start": start, "end": sent.end})
            continue
        if pending:
            yield pending
        pending = (sent.text, sent.evidence())
    if pending:
        yield pending


def extract(doc: Doc) -> list[dict]:
    aliases = _bloc_aliases(doc)
    people: list[dict] = []
    by_shape: dict[tuple, list[dict]] = {}
    for text, evidence in _sentences(doc):
        # cheap pass: a sentence naming an official has a position word or an honorific
        if not _WORTH_A_LOOK.search(text) and not head_regex().search(text):
            continue
        for m in _sentence_mentions(text, aliases):
            # only people whose names start and count alike can be one (an index keeps the
            # merging linear in the article's length)
            bucket = by_shape.setdefault(_shape(m.name.name), [])
            person = next((p for p in bucket if _same_person(p["name"], p["titles"], m)), None)
            if person is None:
                person = {"name": m.name.name, "honorific": m.honorific, "titles": list(m.titles),
                          "role": _role(m), "evidence": evidence, "_spellings": {m.name.name: 1},
                          "_span": (evidence["start"] + m.start, evidence["start"] + m.end)}
                people.append(person)
                bucket.append(person)
                continue
            spellings = person["_spellings"]
            spellings[m.name.name] = spellings.get(m.name.name, 0) + 1
            person["name"] = max(spellings, key=lambda n: (spellings[n], -list(spellings).index(n)))
            if person["honorific"] is None:
                person["honorific"] = m.honorific
            if not person["titles"] and m.titles:
                person["evidence"] = evidence
                person["_span"] = (evidence["start"] + m.start, evidence["start"] + m.end)
            _merge_titles(person["titles"], m.titles)
            # a misspelt repeat (a caption's typo) adds titles, but is too loose to change the role
            if person["name"] == m.name.name and ROLE_RANK[_role(m)] > ROLE_RANK[person["role"]]:
                person["role"] = _role(m)
    for p in people:
        p.pop("_spellings")
    return [p for p in people if p["titles"]]

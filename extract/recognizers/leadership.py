"""Which unit leads (trưởng khối / cụm trưởng) or deputises a bloc in which year.

A role phrase of `lexicon/leadership.tsv` is tied to the unit written next to it, in the
shapes of the genre:
- the unit before the role: "bầu A làm Trưởng khối", "A là đơn vị Trưởng khối", "A (Cụm
  phó)", "A - đơn vị phó Khối", "Khối 3 do A làm khối trưởng, B làm khối phó", or a person's
  title naming it: "ông X, Giám đốc A, Trưởng Khối …" (the unit of the title);
- the unit after it: "Trưởng khối năm 2024 là A", "Là đơn vị Trưởng cụm năm 2024, đại diện
  UBND huyện A …".
The bloc is the one named right after the role ("Cụm trưởng Cụm thi đua số II"), else the bloc
named last before it in the sentence ("Khối 3 do A làm khối trưởng"), else the article's bloc.
The year is the one written with the role, else with a role it is coordinated with, else the
year reviewed (serving) or the year after it (elected: an election verb before the role).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from thidua.extract.document import Doc
from thidua.extract.lexicon import alternation, phrase_regex, table, words
from thidua.extract.orgs import canonical_org, starts_unit
from thidua.extract.text import UPPER, fold_ascii

_YEAR = re.compile(r"năm\s+((?:19|20)\d\d)(?!\d)")
_PLACE = re.compile(UPPER + r"[\wÀ-ỹ]*(?:\s+" + UPPER + r"[\wÀ-ỹ]*){0,3}")
# "Hội" opens unit names (Hội Nhà báo) but also meetings (Hội nghị công bố quyết định …)
_NOT_UNIT = re.compile(r"Hội (?:nghị|thảo|thao|diễn|đồng Thi đua)\b", re.I)
# what stands between a unit and its role: "A là đơn vị Trưởng khối", "A (đơn vị Cụm trưởng", "A - "
_LINK = re.compile(r"(?:\s*(?:\(|-|,|là|làm|giữ vai trò|giữ chức|đảm nhận|đơn vị|cơ quan|đăng cai|"
                   r"đại diện|sẽ|tiếp tục|được))+\s*$", re.I)
# what a unit is introduced by: "đại diện lãnh đạo UBND huyện A", "Ban Thường trực Ủy ban MTTQ …"
_REPRESENTATIVE = re.compile(r"^(?:(?:đại\s+diện|lãnh\s+đạo|thay\s+mặt|tập\s+thể|Ban\s+Thường\s+trực|"
                             r"Thường\s+trực|Ban\s+Giám\s+đốc)\s+)+", re.I)
_MAX_UNIT_WORDS = 18


@lru_cache(maxsize=1)
def _election_regex() -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + alternation(words("election_verbs")) + r")(?!\w)", re.I)


@lru_cache(maxsize=1)
def _boundary_regex() -> re.Pattern:
    """Where a unit's name starts, reading back from its role: clause marks, the words of
    `leadership_unit_boundaries.txt`, the election verbs, "và" before another unit."""
    words_ = alternation(list(words("leadership_unit_boundaries")) + list(words("election_verbs")))
    return re.compile(r"[;:()\"“”]|,\s|\s-\s|(?<!\w)(?:" + words_ + r")\s|\svà\s+(?=(?-i:" + _unit_start() + r"))",
                      re.I)


def _unit_start() -> str:
    from thidua.extract.orgs import unit_head_regex
    return unit_head_regex().pattern


def _title_regex() -> re.Pattern:
    return phrase_regex("org_titles", before=r"^(?:.*?\s)?", after=r"\s+(?P<org>.+)$")


def _right_stop() -> re.Pattern:
    return phrase_regex("leadership_unit_stops", before=r"\s+", after=r"(?!\w)|[,;.()]", flags=0)


def _unit_from_title(text: str) -> str:
    """"Giám đốc Sở Xây dựng" → "Sở Xây dựng"; "Chủ tịch UBND huyện Văn Lãng" → "huyện Văn Lãng"."""
    m = _title_regex().match(text)
    org = m["org"] if m else text
    loc = re.match(r"(?:UBND|Ủy ban nhân dân)\s+(?P<place>(?:huyện|thành phố|thị xã|quận|tỉnh|xã|phường|"
                   r"thị trấn)\s+" + UPPER + r".*)$", org)
    return loc["place"].strip() if loc else org


def _as_unit(segment: str, doc: Doc | None = None) -> str | None:
    segment = re.sub(r"^(?:và|cùng|với)\s+", "", segment.strip(" ,-()"))
    segment = _REPRESENTATIVE.sub("", segment).strip(" ,-()")
    if not segment:
        return None
    unit = canonical_org(_REPRESENTATIVE.sub("", _unit_from_title(segment)).strip())
    bare = re.fullmatch(r"(?:Ủy ban nhân dân|UBND)\s+(" + UPPER + r".*)", unit)
    if bare and doc is not None:
        unit = _place_with_admin(bare.group(1), doc)
    unit = _without_trailing_person(unit)
    if not unit or _NOT_UNIT.match(unit) or len(unit.split()) > _MAX_UNIT_WORDS or _NOT_A_UNIT.search(unit):
        return None
    if _ADMIN_WORD.match(unit) and not _ADMIN_UNIT.match(unit):
        return None     # "xã hội", "tỉnh ủy": an administrative word names a place only before its name
    if _PLACE.fullmatch(unit) and _ROLE_WORD.fullmatch(unit):
        return None     # "công nhận Trưởng, Phó Trưởng Cụm …": a role, not a place
    if starts_unit(unit) or starts_unit(unit[:1].lower() + unit[1:]) or _PLACE.fullmatch(unit):
        lowered = unit[:1].lower() + unit[1:]
        if re.match(r"(?:Huyện|Xã|Thị xã|Thành phố|Phường|Thị trấn)\s", unit):
            unit = lowered
        return canonical_org(unit)
    return None


_ADMIN_WORD = re.compile(r"(?i:huyện|xã|phường|thị trấn|thị xã|quận|tỉnh|thành phố)(?!\w)")
_ADMIN_UNIT = re.compile(r"(?i:huyện|xã|phường|thị trấn|thị xã|quận|tỉnh|thành phố)\s+" + UPPER)
_ROLE_WORD = re.compile(r"(?i:trưởng|phó|khối|cụm|đơn vị|cơ quan)(?:\s+(?i:trưởng|phó|khối|cụm))*")
# a clause, not a name: a unit holding a verb of the sentence ("… Liên hiệp đã bầu")
_NOT_A_UNIT = re.compile(r"(?<!\w)(?:đã|sẽ|đang|bầu|được|vừa|tổ chức hội nghị)(?!\w)")


def _without_trailing_person(unit: str) -> str:
    """"Ủy ban Mặt trận Tổ quốc phường X Mai Văn Y" → the unit, without its head's name."""
    from thidua.extract.people_names import find_names

    names = find_names(unit)
    if names and names[-1].end == len(unit) and names[-1].start > 0:
        return unit[:names[-1].start].strip(" ,-")
    return unit


def _place_with_admin(place: str, doc: Doc) -> str:
    """"UBND Đình Lập" → "huyện Đình Lập" when the article writes it so elsewhere, else the
    bare place: the administrative level is not guessed."""
    m = re.search(r"(?<!\w)(huyện|thị xã|thành phố|quận|xã|phường|thị trấn)\s+" + re.escape(place) + r"(?!\w)", doc.body)
    return f"{m.group(1)} {place}" if m else place


def _left_unit(text: str, doc: Doc | None = None) -> str | None:
    """The unit written just before a role phrase, or None if none is clearly there. A comma
    may sit inside the name ("Sở Văn hóa, Thể thao và Du lịch"): the segment widens over at
    most two more separators until it reads as a unit."""
    text = _LINK.sub("", text)
    cuts = [m.end() for m in _boundary_regex().finditer(text)]
    for cut in (list(reversed(cuts))[:3] or [0]):
        unit = _as_unit(text[cut:], doc)
        if unit:
            return unit
    return None


def _right_unit(after: str, doc: Doc | None = None) -> str | None:
    """"… Trưởng khối năm 2024 là Sở Xây dựng", "… là đơn vị Trưởng cụm năm 2024, đại diện
    UBND huyện A": the unit named after the role."""
    m = re.match(r"\s*(?:năm\s+\d{4}\s*)?(?:(?:là|:)\s+|,\s*(?=(?:đại\s+diện|lãnh\s+đạo)\s)|(?=(?:xã|phường|huyện|"
                 r"thị\s+xã|thị\s+trấn|quận)\s+" + UPPER + r"))(?P<u>.{3,160})", after, re.I)
    if not m:
        return None
    if _role_phrases(after[:m.start("u")]):
        return None  # "cụm trưởng và cụm phó … là A (Cụm trưởng) và B (Cụm phó)": each names its own
    unit = _cut_at_verb(_right_stop().split(_REPRESENTATIVE.sub("", m["u"]), maxsplit=1)[0])
    rest = m["u"][m["u"].find(unit) + len(unit):][:24]
    bracket = re.match(r"\s*\(\s*(?:đơn vị\s+)?", rest, re.I)
    if bracket and any(found.start() == bracket.end() for found, _ in _role_phrases(rest)):
        return None
    return _as_unit(unit, doc)


@lru_cache(maxsize=1)
def _name_verbs() -> frozenset[str]:
    return frozenset(w.casefold() for w in words("unit_name_verbs"))


def _cut_at_verb(segment: str) -> str:
    """`segment` up to its first verb or adverb that is not part of a unit's name, by
    underthesea's part-of-speech tags ("UBND huyện A phát động phong trào" → "UBND huyện A")."""
    from underthesea import pos_tag

    pos = 0
    for word, tag in pos_tag(segment):
        at = segment.find(word, pos)
        if at < 0:
            break
        if tag in ("V", "R") and word[:1].islower() and word.casefold() not in _name_verbs():
            return segment[:at].rstrip()
        pos = at + len(word)
    return segment


def _alias_regex(doc: Doc) -> re.Pattern | None:
    """"Trưởng KTĐKTN" — a role written with the bloc's abbreviation."""
    aliases = {a for b in doc.facts.get("blocs") or [] for a in b.get("aliases", [])}
    if not aliases:
        return None
    return re.compile(r"(?<!\w)(?P<deputy>Phó\s+)?Trưởng\s+(?:" + alternation(aliases) + r")(?!\w)", re.I)


@dataclass(frozen=True)
class _Found:
    """A role phrase found in a sentence (read like a regex match by the code that uses it)."""
    at: int
    to: int
    text: str

    def start(self) -> int:
        return self.at

    def end(self) -> int:
        return self.to

    def group(self) -> str:
        return self.text


@lru_cache(maxsize=1)
def _role_matcher():
    """spaCy's PhraseMatcher over the role phrases of `lexicon/leadership.tsv`, in lower case:
    a pure lexicon lookup, token by token."""
    import spacy
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc as SpacyDoc

    from thidua.extract.tokenizer import words_and_spaces

    vocab = spacy.blank("xx").vocab     # a vocabulary that knows each word's lower case
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for row in table("leadership"):
        words, spaces = words_and_spaces(row["phrase"])
        matcher.add(row["role"], [SpacyDoc(vocab, words=words, spaces=spaces)])
    return vocab, matcher


_MAY_HOLD_A_ROLE = re.compile(r"(?i)trưởng|phó")


def _role_phrases(text: str) -> list[tuple[_Found, str]]:
    if not _MAY_HOLD_A_ROLE.search(text):
        return []
    from spacy.tokens import Doc as SpacyDoc

    from thidua.extract.tokenizer import words_and_spaces

    vocab, matcher = _role_matcher()
    words, spaces = words_and_spaces(text)
    doc = SpacyDoc(vocab, words=words, spaces=spaces)
    found = sorted(matcher(doc, as_spans=True), key=lambda sp: (sp.start_char, -len(sp)))
    out, taken = [], -1
    for span in found:          # the longest phrase at each place ("Phó Trưởng khối", not "Trưởng khối")
        if span.start_char < taken:
            continue
        out.append((_Found(span.start_char, span.end_char, span.text), vocab.strings[span.label]))
        taken = span.end_char
    return out


def _roles(doc: Doc, text: str):
    yield from _role_phrases(text)
    alias = _alias_regex(doc)
    if alias:
        for m in alias.finditer(text):
            yield m, "deputy" if m["deputy"] else "leader"


def _mentions_in(doc: Doc, sent) -> list[tuple[int, int, str]]:
    """The bloc mentions inside `sent` (doc.bloc_mentions is in text order: a bisection)."""
    from bisect import bisect_left

    found = doc.bloc_mentions
    i = bisect_left(found, (sent.start,))
    out = []
    while i < len(found) and found[i][0] < sent.end:
        out.append(found[i])
        i += 1
    return out


def _bloc_for(doc: Doc, sent, start: int, end: int) -> tuple[str | None, int]:
    """The bloc a role at sent.text[start:end] belongs to, and where its name ends (the role's
    end when the bloc is not written right after it)."""
    mentions = [(s - sent.start, e - sent.start, name) for s, e, name in _mentions_in(doc, sent)]
    for s, e, name in mentions:
        if start <= s <= end + 1:
            return name, e
    clause_start = sent.text.rfind(";", 0, start) + 1
    before = [m for m in mentions if m[1] <= start]
    in_clause = [m for m in before if m[0] >= clause_start]
    if in_clause or before:
        return (in_clause or before)[-1][2], end
    blocs = doc.facts.get("blocs") or []
    return (blocs[0]["name"] if blocs else None), end


def _year_of(text: str, start: int, end: int, roles: list[tuple[int, int]]) -> int | None:
    """The year written with the role ("Trưởng khối năm 2024", "(Cụm trưởng năm 2019)"), or with
    an earlier role of the same clause it is coordinated with ("cụm trưởng và cụm phó … năm 2023
    là A (Cụm trưởng) và B (Cụm phó)")."""
    clause_end = min((i for i in (text.find(";", end), text.find(".", end)) if i >= 0), default=len(text))
    ym = _YEAR.search(text, end, min(clause_end, end + 90))
    if ym:
        return int(ym.group(1))
    clause_start = text.rfind(";", 0, start) + 1
    for r_start, r_end in reversed(roles):
        if clause_start <= r_start and r_end <= start:
            ym = _YEAR.search(text, r_end, min(r_end + 60, start))
            if ym:
                return int(ym.group(1))
    return None


def extract(doc: Doc) -> list[dict]:
    out: list[dict] = []
    seen: set[tuple] = set()
    for sent in doc.sentences:
        text = sent.text
        found = sorted(_roles(doc, text), key=lambda x: x[0].start())
        spans = [(m.start(), m.end()) for m, _ in found]
        for m, role in found:
            before = text[:m.start()]
            bloc, name_end = _bloc_for(doc, sent, m.start(), m.end())
            if bloc is None:
                continue
            # elected when an election verb governs the role: in its clause, not across a bracket
            # ("… nhất trí tặng Cờ thi đua cho Hội X (đơn vị Cụm trưởng năm 2025)" is serving)
            clause = before[before.rfind(";") + 1:]
            if re.search(r"\(\s*(?i:đơn vị|cơ quan)\s*$", clause):
                clause = clause[clause.rfind("(") + 1:]   # "(đơn vị Cụm trưởng …)" describes the unit
            elected = bool(_election_regex().search(clause))
            unit = _left_unit(before, doc) or _right_unit(text[name_end:], doc)
            if unit is None:
                continue
            year = _year_of(text, m.start(), name_end, spans[:spans.index((m.start(), m.end()))])
            if year is None:
                if not doc.term_year:
                    continue
                year = doc.term_year + 1 if elected else doc.term_year
            key = (bloc, year, role, fold_ascii(unit))
            if key in seen:
                continue
            seen.add(key)
            out.append({"bloc": bloc, "year": year, "role": role, "org": unit,
                        "status": "elected" if elected else "serving", "evidence": sent.evidence(),
                        "_span": _unit_and_role(text, sent.start, unit, m.start(), name_end)})
    return _keep_consistent(out)


def _unit_and_role(text: str, base: int, unit: str, start: int, end: int) -> tuple[int, int]:
    """Where the fact is written: from the unit's name (when found as written, before or just
    after the role) to the end of the role and its bloc."""
    head = unit.split(" ")[-1]
    before = text.rfind(head, max(0, start - 160), start)
    if before >= 0:
        first = text.rfind(unit.split(" ")[0], max(0, start - 160), before + 1)
        return base + (first if first >= 0 else before), base + end
    after = text.find(head, end, end + 200)
    return base + start, base + (after + len(head) if after >= 0 else end)


def _keep_consistent(items: list[dict]) -> list[dict]:
    """One leader per bloc and year: a second candidate for the slot (from a weaker reading
    later in the article) is dropped. A bloc may have several deputies."""
    leaders: set[tuple] = set()
    out = []
    for it in items:
        slot = (it["bloc"], it["year"])
        if it["role"] == "leader":
            if slot in leaders:
                continue
            leaders.add(slot)
        out.append(it)
    return out

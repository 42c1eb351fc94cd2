"""Names of emulation blocs (khối thi đua) and clusters (cụm thi đua) in running text.

A mention is a head, Khối or Cụm, optionally "giao ước" and "thi đua", then either a number
("Khối 3", "Cụm thi đua số VII", "Khối 01 huyện Bắc Trà My") or a descriptive name ("Khối
thi đua các cơ quan Nội chính", "Cụm thi đua 5 huyện biên giới", "Khối các Sở, ban, ngành")
that runs until a verb or function word (`lexicon/bloc_name_stops.txt`), a clause mark, or a
comma that is not followed by another word of the name (`bloc_name_comma_words.txt`).

What is not a name: a role ("Khối trưởng", "Cụm phó"); blocs in general ("các khối thi đua",
"cụm, khối thi đua", "khối cụm"); the bare head referring back ("trong Khối", "Khối thi đua
đã tổ chức"); a unit whose name holds the word ("Đảng ủy Khối cơ quan tỉnh",
`bloc_unit_prefixes.txt`); other senses of the words ("Cụm công nghiệp", "khối lượng",
`bloc_false_heads.txt`). Without "thi đua" a mention needs a capitalised head and a
capitalised word or a class noun after it; a lower-case one only joins a bloc named elsewhere.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from thidua.extract.lexicon import alternation, phrase_regex, table, words
from thidua.extract.text import fold_ascii

_HEAD = re.compile(r"(?<![\w-])(?P<head>Khối|khối|KHỐI|Cụm|cụm|CỤM)(?![\w-])")
_GIAO_UOC = re.compile(r"\s+(?i:giao\s+ước)(?=\s)")
_THI_DUA = re.compile(r"\s+(?i:thi\s+đua)(?![\w])")
_ROLE_AFTER = re.compile(r"\s*(?i:trưởng|phó)(?!\w)")
_NUMBER = re.compile(r"\s+(?:(?P<so>(?i:số))\s*)?(?P<n>\d{1,3}|[IVX]{1,5})(?![\w/.,]\d|[\w/])")
# a count that opens a descriptive name: "Cụm thi đua 5 huyện biên giới", "… 07 tỉnh …"
# a number followed by the district it belongs to: "Khối 01 huyện Bắc Trà My"
_PLACE_AFTER_NUMBER = re.compile(r"\s+(?P<place>(?:huyện|thị\s+xã|thành\s+phố|quận|xã|phường)\s+"
                                 r"[A-ZĐÂĂÊÔƠƯ][^\s,;.()]*(?:\s+[A-ZĐÂĂÊÔƠƯ][^\s,;.()]*){0,3})")
# "… tỉnh", "… tỉnh Hà Nam", "… thành phố Cần Thơ" closing a name: the province, not the name
# (", thành phố" is an item of the name, "trên địa bàn tỉnh" a part of it)
_PROVINCE_TAIL = re.compile(r"(?<![,\s])(?<!địa bàn)\s+(?:tỉnh(?:\s+[A-ZĐÂĂÊÔƠƯ][^\s,;.()]*){0,3}|"
                            r"(?:thành\s+phố|TP\.?)(?:\s+[A-ZĐÂĂÊÔƠƯ][^\s,;.()]*){1,3})$")
_ACRONYM = re.compile(r"[A-ZĐ][A-ZĐ&\-]{1,9}")
_CLAUSE_END = re.compile(r"[.;:()\[\]\n\"“”!?]")
# a dash ends a name before a lower-case word or a role ("… Khối - đơn vị Trưởng khối"); between
# capitalised words it is part of it ("Kinh tế - Kỹ thuật", "Văn hóa - Xã hội")
_DASH_END = re.compile(r"\s*-\s*(?=(?i:đơn\s+vị|cơ\s+quan|trưởng|phó|khối|cụm|nơi|là)(?!\w))")
_MAX_NAME = 160


@dataclass(frozen=True)
class BlocMention:
    start: int              # offsets in the text searched
    end: int
    kind: str               # khoi or cum
    name: str               # as written: "Khối thi đua các cơ quan Nội chính", "Khối 3"
    number: str | None      # "3", "VII", or None for a descriptive name
    thi_dua: bool           # "thi đua" written after the head
    weak: bool              # lower-case head without "thi đua": joins a bloc, never makes one
    count: int | None       # "Cụm thi đua 5 huyện biên giới" → 5
    province: str | None    # a province written after the name ("… tỉnh Hà Nam"), stripped from it
    alias: str | None       # an abbreviation in brackets after it ("(KTĐKTN)")
    anaphoric: bool = False  # the bare head referring back: "trong Khối", "Khối thi đua đã …"

    @property
    def acronym(self) -> bool:
        """"Khối VH-XH", "Khối thi đua KTKT": an abbreviation in place of the name."""
        if self.number or self.anaphoric:
            return False
        rest = self.descriptive()
        return bool(_ACRONYM.fullmatch(rest)) and "-" not in rest.strip("-")[:1]

    def descriptive(self) -> str:
        """The name without its head and "thi đua": "các cơ quan Nội chính"."""
        m = re.match(r"(?:Khối|Cụm)(?:\s+giao\s+ước)?(?:\s+thi\s+đua)?\s*", self.name, re.I)
        return self.name[m.end():] if m else self.name


@lru_cache(maxsize=1)
def _count_noun() -> re.Pattern:
    # a count that opens a descriptive name: "Cụm thi đua 5 huyện biên giới", "… 07 tỉnh …"
    return re.compile(r"\s+(?P<n>\d{1,3})\s+(?P<noun>(?i:" + alternation(words("bloc_count_nouns")) + r"))(?!\w)")


def _after_number() -> re.Pattern:
    return phrase_regex("bloc_name_after_number", before=r"\s+", flags=0)


# "Cụm thi đua Công đoàn số 3": a descriptive name that ends in its number is that numbered bloc
_TRAILING_NUMBER = re.compile(r"\s(?:số|Số)\s*(?P<n>\d{1,3}|[IVX]{1,5})$")


@lru_cache(maxsize=1)
def _stops() -> re.Pattern:
    return re.compile(r"(?:^|\s)(?:" + alternation(words("bloc_name_stops")) + r")(?=\s|$|[,.;:])", re.I)


@lru_cache(maxsize=1)
def _comma_words() -> re.Pattern:
    # case matters: ", ban, ngành" continue a name, ", Ban Quản lý …" names the next unit
    return re.compile(r",\s*(?:" + alternation(words("bloc_name_comma_words")) + r")(?![\w])")


@lru_cache(maxsize=1)
def _inner_phrases() -> re.Pattern:
    return re.compile(r"(?:" + alternation(words("bloc_name_inner_phrases")) + r")(?![\w])", re.I)


@lru_cache(maxsize=1)
def _unit_prefix() -> re.Pattern:
    return re.compile(r"(?:" + alternation(words("bloc_unit_prefixes")) + r")\s+$", re.I)


@lru_cache(maxsize=1)
def _false_heads() -> re.Pattern:
    return re.compile(r"(?:" + alternation(words("bloc_false_heads")) + r")(?![\w])", re.I)


def _dashes_optional(pattern: str) -> str:
    return pattern.replace(r"\s+\-\s+", r"\s*-\s*")


@lru_cache(maxsize=1)
def _class_nouns() -> re.Pattern:
    return re.compile(r"(?<![\w])(?:" + _dashes_optional(alternation(words("bloc_name_comma_words"))) + r")(?![\w])", re.I)


@lru_cache(maxsize=1)
def _province_names() -> dict[str, str]:
    return {fold_ascii(r["name"]): r["name"] for r in table("provinces")}


_GENERIC_BEFORE = re.compile(r"(?:các|những|mỗi|từng|giữa|nhiều|\d+)\s+$|(?:khối|cụm)\s*(?:,|và|/)?\s*$", re.I)
_GENERIC_AFTER = re.compile(r"\s*(?:,|và|/)?\s*(?i:khối|cụm)(?![\w])")


def _name_end(text: str, start: int) -> int:
    """Where a descriptive name starting at `start` ends."""
    window = text[start:start + _MAX_NAME]
    cut = len(window)
    m = _CLAUSE_END.search(window)
    if m:
        cut = m.start()
    pos = 0
    while True:  # a comma ends the name unless another word of the name follows it
        comma = window.find(",", pos, cut)
        if comma < 0:
            break
        if not _comma_words().match(window, comma):
            cut = comma
            break
        pos = comma + 1
    dash = _DASH_END.search(window, 0, cut)
    if dash:
        cut = dash.start()
    inner = [(m.start(), m.end()) for m in _inner_phrases().finditer(window, 0, cut)]
    for stop in _stops().finditer(window, 0, cut):
        word = stop.group().strip()
        at = stop.start() + len(stop.group()) - len(word)
        noun = _class_nouns().match(window, at)
        if noun and len(noun.group()) > len(word):
            continue  # "tổ chức xã hội" is a class of members, "tổ chức hội nghị" a verb
        if any(a <= at < b for a, b in inner):
            continue  # "có vốn", "trực thuộc": part of the name
        if word.lower() == "tổ chức" and re.match(r"\s+[A-ZĐÂĂÊÔƠƯ]", window[at + len(word):at + len(word) + 3]):
            continue  # "các tổ chức Chính trị - Xã hội", "các tổ chức Liên hiệp": members, not a verb
        cut = stop.start()
        break
    return start + len(window[:cut].rstrip())


def _province_of(name: str) -> tuple[str, str | None]:
    m = _PROVINCE_TAIL.search(name)
    if not m:
        return name, None
    tail = re.sub(r"^\s*(?:tỉnh|thành\s+phố|TP\.?)\s*", "", m.group(), flags=re.I)
    province = _province_names().get(fold_ascii(tail)) if tail else None
    return name[:m.start()], province


def _has_content(desc: str) -> bool:
    """A name holds a capitalised word, a number or a class noun ("các huyện, thị xã")."""
    return bool(re.search(r"(?<![\w])[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈÍÌÓÒÚÙÝ]|\d", desc) or _class_nouns().search(desc))


def find_bloc_mentions(text: str) -> list[BlocMention]:
    """Every bloc named in `text`, in order."""
    out: list[BlocMention] = []
    for m in _HEAD.finditer(text):
        mention = _mention_at(text, m)
        if mention is not None:
            out.append(mention)
    return out


def _mention_at(text: str, m: re.Match) -> BlocMention | None:
    head, start = m["head"], m.start()
    before = text[max(0, start - 60):start]
    if _unit_prefix().search(before) or _false_heads().match(text, start):
        return None
    pos = m.end()
    if _ROLE_AFTER.match(text, pos):
        return None  # "Khối trưởng", "Cụm phó"
    generic = bool(_GENERIC_BEFORE.search(before) or _GENERIC_AFTER.match(text, pos))
    g = _GIAO_UOC.match(text, pos)
    if g:
        pos = g.end()
    t = _THI_DUA.match(text, pos)
    thi_dua = bool(t)
    if t:
        pos = t.end()
    repeat = re.match(r"\s+(?i:" + re.escape(head) + r")(?=\s)", text[pos:pos + 12])
    if repeat:  # "Cụm thi đua cụm số VII", "Khối thi đua Khối Nội chính"
        pos += repeat.end()
    if generic:
        return None
    kind = "khoi" if head.lower() == "khối" else "cum"
    written_head = text[start:pos]
    count = None
    number = None
    cn = _count_noun().match(text, pos)
    if cn and re.match(r"\s+[A-ZĐÂĂÊÔƠƯ]", text[cn.end():cn.end() + 3]):
        cn = None  # "Khối 01 huyện Bắc Trà My": a number and its district, not a count
    num = None if cn else _NUMBER.match(text, pos)
    if num:
        number = num["n"].lstrip("0") or "0" if num["n"].isdigit() else num["n"]
        end = num.end()
        place = _PLACE_AFTER_NUMBER.match(text, end)
        if place and not _stops().match(" " + place["place"]):
            end = place.end()
        elif _after_number().match(text, end):
            end = _name_end(text, end + 1)   # "Cụm thi đua số 3 Công đoàn ngành Giao thông"
            _, tail_province = _province_of(text[pos:end])
            end = pos + len(_province_of(text[pos:end])[0]) if tail_province else end
        name = _written(written_head, text[pos:end])
        province = None
    else:
        if cn:
            count = int(cn["n"])
        desc_start = pos + (len(text[pos:pos + 20]) - len(text[pos:pos + 20].lstrip()))
        if desc_start == pos or re.search(r"(?i:trưởng|phó)\s+$", before) and not thi_dua:
            # "Khối," / "làm trưởng Khối Ban …": the head ends here
            return _anaphora(text, start, pos, kind, thi_dua, head)
        end = _name_end(text, desc_start)
        desc = text[desc_start:end]
        desc, province = _province_of(desc)
        desc = re.sub(r"(?:\s+(?:và|của|các|trong|tại|với|cho))+$", "", desc).strip(" ,-")
        if not desc or not _has_content(desc) or re.match(r"(?i:và|của|trong|thuộc|do|này|đó|cũng|đã|năm)\b", desc):
            return _anaphora(text, start, pos, kind, thi_dua, head)
        if not thi_dua and not re.match(r"[A-ZĐÂĂÊÔƠƯ]|(?i:các|cơ quan|doanh nghiệp)\s", desc):
            return None  # "khối lượng công việc", "cụm từ": other senses of the words
        if _described_by_organiser(text, desc_start + len(desc)):
            return None  # "Khối thi đua các cơ quan, đơn vị do Liên minh HTX tỉnh tổ chức"
        end = desc_start + len(desc)
        name = _written(written_head, desc)
        trailing = _TRAILING_NUMBER.search(desc)
        if trailing and not count:
            n = trailing["n"]
            number = n.lstrip("0") or "0" if n.isdigit() else n
    weak = not thi_dua and head[0].islower()
    alias = None
    a = re.match(r"\s*\((?P<a>[A-ZĐ][A-ZĐ\-&]{1,9})\)", text[end:end + 16])
    if a:
        alias = a["a"]
    return BlocMention(start, end, kind, name, number, thi_dua, weak, count, province, alias)


def _anaphora(text: str, start: int, end: int, kind: str, thi_dua: bool, head: str) -> BlocMention | None:
    """The bare head ("trong Khối", "Cụm thi đua đã …"), which names the article's bloc when it
    has one of that kind; a role before it ("Trưởng khối") is no mention at all."""
    if re.search(r"(?i:trưởng|phó)\s+$", text[max(0, start - 8):start]) and not thi_dua:
        return None
    return BlocMention(start, end, kind, _written(text[start:end], ""), None, thi_dua, True, None, None, None,
                       anaphoric=True)


def _written(head: str, rest: str) -> str:
    """The name with its head spelt "Khối" / "Cụm", "thi đua" in lower case."""
    head = re.sub(r"\s+", " ", head).strip()
    head = re.sub(r"(?i)^(khối|cụm)", lambda m: m.group(1).capitalize(), head)
    head = re.sub(r"(?i)\bthi đua\b", "thi đua", head)
    head = re.sub(r"(?i)\bgiao ước\b", "giao ước", head)
    head = re.sub(r"(?i)^(Khối|Cụm)\s+(?:thi đua\s+)?(?:khối|cụm)\b", lambda m: m.group(0).rsplit(" ", 1)[0], head)
    rest = re.sub(r"\s+", " ", rest).strip()
    return f"{head} {rest}".strip()


# "… do Liên minh HTX tỉnh tổ chức": a bloc described by who runs it, not named; "do X là Cụm
# trưởng tổ chức hội nghị" names its leader and stays a name
_ORGANISER = re.compile(r"^\s*do\s+(?:(?!\b(?:là|làm|trưởng|phó)\b)[^,;.]){3,80}?\s+(?:tổ chức|quản lý|phụ trách)"
                        r"(?!\s+(?:hội nghị|Hội nghị|lễ|Lễ))(?![\w])", re.I)


def _described_by_organiser(text: str, end: int) -> bool:
    return bool(_ORGANISER.match(text[end:end + 120]))

"""Vietnamese personal names in running text: "ông Nông Quang Nhất", "Chủ tịch UBND tỉnh
Cao Văn Trọng", "Bí thư Tỉnh ủy Bắc Giang Dương Văn Thái".

A name is 2-4 capitalised syllables starting with a family name of
`lexicon/family_names.txt`. Capitalised runs also hold places and units ("tỉnh Bắc Giang
Dương Văn Thái"), so the name is taken from the end of the run, preferring the common
three-syllable shape; a bare two-syllable run is as likely a place ("Kim Bảng"), a run after
"đường", "trường", "giải"… is a street, school or prize, and known places or historical
figures (`person_not_names.txt`, provinces) are not people.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from thidua.extract.lexicon import phrase_regex, table, words
from thidua.extract.text import fold_ascii

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # "K’Ré"
_HONORIFIC = re.compile(
    r"(?<=[\s(:;,\-])(?P<h>các\s+đồng\s+chí|đồng\s+chí|các\s+đ/c|đ/c|ông|bà)\s*:?\s*$", re.I)
# "…; Y Mửi - Phó Bí thư …": a list item of a name and its title, whatever the family name
_LIST_BEFORE = re.compile(r"[\n;:]\s*$")
_LIST_AFTER = re.compile(r"\s*[-–,]\s*")
# a bare two-syllable name right after a position word or a whole unit ("Tổng Bí thư Tô Lâm",
# "Chủ tịch UBND tỉnh Hà Minh"); after "huyện" or "UBND" it is as likely a district
_SHORT_AFTER = re.compile(r"(?:tỉnh|Trung\s+ương|T\.Ư|Chính\s+phủ|Quốc\s+hội|nước|Việt\s+Nam)\s+$")
# a run right after one of these is named after a person but is a street, school, prize…
_NAMED_AFTER = re.compile(
    r"(?:^|\s)(?:đường|phố|trường|THCS|THPT|tiểu\s+học|cơ\s+sở|phổ\s+thông|giải|giải\s+thưởng|"
    r"quỹ|tư\s+tưởng|phong\s+cách|tấm\s+gương|lăng|bác|tượng|đài|nhà\s+lưu\s+niệm)\s*$", re.I)
_MAX_SYLLABLES = 4


@dataclass(frozen=True)
class NameMention:
    start: int            # offset of the name in the text
    end: int
    name: str             # title-cased
    honorific: str | None  # "ông", "bà", "đồng chí"
    hon_start: int        # where the honorific starts (== start when none)
    run_start: int        # where the capitalised run holding the name starts


@lru_cache(maxsize=1)
def _family() -> frozenset[str]:
    return frozenset(words("family_names"))


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    names = set(words("person_not_names")) | {r["name"] for r in table("provinces")}
    return frozenset(n.casefold() for n in names)


def _title_head() -> re.Pattern:
    # a capitalised word opening a title ends a name: "Lê Tuấn Minh Chủ tịch UBND huyện"
    return phrase_regex("person_titles", after=r"\b")


def _head_at_end() -> re.Pattern:
    return phrase_regex("person_titles", after=r"\s+$")


def title_case(name: str) -> str:
    """"NGUYỄN văn a" → "Nguyễn Văn A"; each part of "K’Ré" keeps its capital."""
    def cap(part: str) -> str:
        return part[:1].upper() + part[1:].lower()
    return " ".join("’".join(cap(p) for p in re.split(r"['’]", w)) for w in name.split())


def name_key(name: str) -> str:
    """Key that ignores case and tone marks ("Đặng Trong Thắng" ~ "Đặng Trọng Thắng")."""
    return " ".join(fold_ascii(name).split())


def _is_name_syllable(tok: str) -> bool:
    return tok[:1].isupper() and (len(tok) == 1 or not tok[1:].isupper())


def _is_honorific_word(text: str, m: re.Match) -> bool:
    """"Ông", "Bà", and "Đồng" of "Đồng chí" open a mention, they are no part of a name ("Hà Sỹ
    Đồng" ends with one)."""
    tok = m.group().casefold()
    if tok in ("ông", "bà"):
        return True
    return tok == "đồng" and bool(re.match(r"\s+chí\b", text[m.end():m.end() + 5], re.I))


def _runs(text: str):
    """Runs of capitalised syllables separated by single spaces: [(start, end), …] per word."""
    run: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        tok = m.group()
        joined = run and text[run[-1][1]:m.start()] == " "
        opener = _is_honorific_word(text, m)
        if not _is_name_syllable(tok) or (run and not joined) or _title_head().match(text, m.start()) or opener:
            if run:
                yield run
            run = []
            if _is_name_syllable(tok) and not _title_head().match(text, m.start()) and not opener:
                run = [(m.start(), m.end())]
            continue
        run.append((m.start(), m.end()))
    if run:
        yield run


def _pick(text: str, run: list[tuple[int, int]], sure: bool, short_ok: bool, named_after: bool):
    """The name's word span inside a run, or None. `sure`: an honorific or a list item says a
    name comes, so the whole run is one; `short_ok`: a bare two-syllable run may be a name."""
    n = len(run)
    tokens = [text[s:e] for s, e in run]
    if sure and 2 <= n <= _MAX_SYLLABLES:
        return 0, n
    for length in (3, 4, 2):
        i = n - length
        if i < 0 or (i == 0 and named_after) or tokens[i] not in _family():
            continue
        # a bare two-syllable run is as likely a place ("Kim Bảng")
        if length == 2 and i == 0 and not short_ok:
            continue
        return i, n
    return None


def honorific_at_end(text: str) -> tuple[str, int] | None:
    """The honorific ending `text` ("… đồng chí ") and where it starts, or None."""
    m = _HONORIFIC.search("\n" + text[-48:])
    if not m:
        return None
    word = " ".join(m["h"].lower().split())
    return ("đồng chí" if word.endswith(("đồng chí", "đ/c")) else word,
            len(text) - len(text[-48:]) + m.start("h") - 1)


def _is_list_item(text: str, end: int) -> bool:
    m = _LIST_AFTER.match(text, end)
    return bool(m) and bool(_title_head().match(text, m.end()))


# "đồng chí Nguyễn Hương giang, Phó Bí thư …": a name's last syllable typed in lower case,
# right after an honorific and before a title
_LOWER_LAST = re.compile(r"(?P<hon>(?:đồng chí|Đồng chí|ông|Ông|bà|Bà|đ/c) )(?P<head>(?:[A-ZĐ][^\W\d_]* ){2,3})"
                         r"(?P<last>[a-zđ][^\W\d_]*)(?=,\s)")


def _capitalise_typed_lower(text: str) -> str:
    """`text` with such a syllable capitalised (same length, so offsets hold)."""
    def fix(m: re.Match) -> str:
        after = text[m.end():m.end() + 40].lstrip(", ")
        if not _title_head().match(after) or m["head"].split()[0] not in _family():
            return m.group()
        return m["hon"] + m["head"] + m["last"][:1].upper() + m["last"][1:]
    return _LOWER_LAST.sub(fix, text)


def find_names(text: str) -> list[NameMention]:
    """Personal names mentioned in `text` (one sentence), in order."""
    out: list[NameMention] = []
    text = _capitalise_typed_lower(text)
    for run in _runs(text):
        if len(run) < 2:
            continue
        # the context before the run: a short window, as the patterns look only at its end
        begin = max(0, run[0][0] - 48)
        before = ("" if begin else "\n") + text[begin:run[0][0]]
        tokens = [text[s:e] for s, e in run]
        hon = _HONORIFIC.search(before)
        if not hon and not any(t in _family() for t in tokens) and not _LIST_BEFORE.search(before):
            continue
        listed = bool(_LIST_BEFORE.search(before)) and _is_list_item(text, run[-1][1])
        short_ok = bool(_SHORT_AFTER.search(before) or _head_at_end().search(before[-40:]))
        picked = _pick(text, run, bool(hon) or listed, short_ok, bool(_NAMED_AFTER.search(before)))
        if not picked:
            continue
        i, j = picked
        start, end = run[i][0], run[j - 1][1]
        name = title_case(text[start:end])
        if name.casefold() in _not_names():
            continue
        honorific, hon_start = (honorific_at_end(text[:start]) if hon and i == 0 else None) or (None, start)
        out.append(NameMention(start, end, name, honorific, hon_start, run[0][0]))
    return out

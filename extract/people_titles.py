"""People's titles (chức danh) next to their names, and the words that tell their role.

A title opens with a position word of `lexicon/person_titles.txt` ("Giám đốc", "Phó Chủ tịch")
and runs over its unit ("Sở Nông nghiệp và PTNT", "Khối thi đua KTKT năm 2020") until a verb
or clause word (`person_title_stops.txt`, `person_roles.tsv`), a ";" or a bracket. Several titles
are chained with "," or " - "; a piece that does not open with a position word continues the
previous title ("Sở Văn hóa, Thể thao và Du lịch", "Ban Thi đua - Khen thưởng").
"""
from __future__ import annotations

import re
from functools import lru_cache

from thidua.extract.lexicon import alternation, phrase_regex, table, words
from thidua.extract.orgs import expand_abbreviations, starts_unit, tidy

# a bloc role written straight after a unit ("Chủ tịch UBND xã X cụm trưởng") is a title of its own
_SEP = re.compile(r"\s*,\s*|\s+[-–]\s*|\s*[-–]\s+|\s+kiêm\s+|(?<![Pp]hó)(?<![Cc]ụm)(?<![Kk]hối)\s+(?=(?i:cụm\s+trưởng|khối\s+trưởng|"
                  r"cụm\s+phó|khối\s+phó|trưởng\s+khối|trưởng\s+cụm)(?!\w))")
_THI_DUA_KHEN_THUONG = re.compile(r"\bthi\s+đua\s*(?:,|-|và)?\s*khen\s+thưởng\b", re.I)
_DOUBLE_BLOC = re.compile(r"\b(?:Khối|Cụm)(?:\s+thi\s+đua)?\s+((?:Khối|Cụm)\s+thi\s+đua)\b", re.I)
_MAX_WORDS = 30
_CEREMONY_BEFORE = re.compile(r"(?:\blễ|\bbuổi)\s+$", re.I)
# titles of the country's leaders, never held together with a local one: in "thừa ủy quyền
# của Chủ tịch nước, Bí thư Tỉnh ủy X Nguyễn A" the first title is someone else's
_LOCAL = re.compile(r"\b(?:tỉnh|Tỉnh|huyện|Huyện|thành phố|Thành ủy|thị xã|xã|phường|Sở)\b")
_TRAILING = re.compile(r"(?:\s+(?:và|cùng|với|của|các|cho))+$")


@lru_cache(maxsize=1)
def _heads() -> dict[str, str]:
    # sorted so that a spelling entered twice in different case gives one answer every run
    return {h.casefold(): h for h in sorted(words("person_titles"))}


class _Prefix:
    """The prefixes of `person_title_prefixes.txt` at a title's start, read on first use."""

    @staticmethod
    @lru_cache(maxsize=1)
    def _rx() -> re.Pattern:
        return re.compile(r"^(?:" + alternation(words("person_title_prefixes")) + r")\s+", re.I)

    def match(self, text: str):
        return self._rx().match(text)

    def sub(self, repl: str, text: str) -> str:
        return self._rx().sub(repl, text)


_PREFIX = _Prefix()


@lru_cache(maxsize=1)
def head_regex() -> re.Pattern:
    # "nguyên Phó Bí thư" (former) is a title too; abbreviations keep their case ("PGĐ")
    abbrevs = [r["abbreviation"] for r in table("person_title_abbreviations")
               if r.get("opens_title") == "yes"]
    return re.compile(r"(?<!\w)(?:(?:" + alternation(words("person_title_prefixes")) + r")\s+)?(?:"
                      + alternation(words("person_titles"))
                      + r"|(?-i:" + alternation(abbrevs) + r"))(?!\w)", re.I)


def _cue_pattern(phrase: str, unless: str) -> str:
    pat = re.escape(phrase).replace(r"\ ", r"\s+")
    if unless:
        words_after = "|".join(re.escape(u).replace(r"\ ", r"\s+") for u in unless.split("|"))
        pat += r"(?!\s+(?:" + words_after + r")(?!\w))"
    return pat


@lru_cache(maxsize=1)
def _cues() -> tuple[dict[str, str], re.Pattern, re.Pattern, re.Pattern]:
    rows = sorted(table("person_roles"), key=lambda r: len(r["phrase"]), reverse=True)
    roles = {r["phrase"].casefold(): r["role"] for r in rows}
    alt = "|".join(_cue_pattern(r["phrase"], r.get("unless_followed_by", ""))
                   for r in rows if r.get("where", "any") != "end")
    end_alt = "|".join(_cue_pattern(r["phrase"], "") for r in rows if r.get("where") == "end")
    # in prose the verbs are lower-case; capitalised they name units ("Ban Chỉ đạo")
    lower = re.compile(r"(?<!\w)(?:" + alt + r")(?!\w)")
    anycase = re.compile(r"(?<!\w)(?:" + alt + r")(?!\w)", re.I)
    at_end = re.compile(r"(?<!\w)(?:" + (end_alt or r"(?!)") + r")(?:\s+các)?\s*$", re.I)
    return roles, lower, anycase, at_end


def _stops() -> re.Pattern:
    return phrase_regex("person_title_stops", before=r"(?<!\w)", flags=0)


def _continuations() -> re.Pattern:
    return phrase_regex("person_title_continuations")


@lru_cache(maxsize=1)
def _title_abbreviations() -> list[tuple[re.Pattern, str]]:
    rows = sorted(table("person_title_abbreviations"), key=lambda r: len(r["abbreviation"]), reverse=True)
    return [(re.compile(r"(?<![\w.])" + re.escape(r["abbreviation"]).replace(r"\ ", r"\s+") + r"(?![\w])"),
             r["expansion"]) for r in rows]


def role_of(phrase: str) -> str:
    return _cues()[0].get(" ".join(phrase.casefold().split()), "other")


ROLE_RANK = {"chair": 4, "speaker": 3, "presenter": 2, "attendee": 1, "other": 0}


def cue_at_start(text: str) -> str | None:
    """Role of the verbs opening `text` ("  phát biểu tại …"), skipping adverbs and a bracket;
    of verbs joined by "và" the weightiest ("dự và phát biểu chỉ đạo" → speaker)."""
    text = re.sub(r"^\s*\([^()]*\)", "", text)
    m = re.match(r"\s*(?:(?:đã|cũng|trực\s+tiếp|đồng\s+thời|và)\s+)*", text)
    roles = []
    cue = _cues()[1].match(text, m.end())
    while cue:
        roles.append(role_of(cue.group()))
        joint = re.match(r"\s*(?:,|và|,\s*và)\s*", text[cue.end():])
        cue = _cues()[1].match(text, cue.end() + joint.end()) if joint else None
    return max(roles, key=ROLE_RANK.get) if roles else None


def last_cue(text: str) -> str | None:
    """Role of the last role word in an introducing clause ("Phát biểu tại hội nghị, …"), of the
    first when the clause ends in "có" ("Dự và phát biểu có …"); a verb naming a ceremony
    ("Dự lễ trao Huân chương … có") does not count."""
    found = [m for m in _cues()[2].finditer(text) if not _CEREMONY_BEFORE.search(text, 0, m.start())]
    if found:
        # "Dự, chỉ đạo và chúc mừng Đại hội có các đồng chí": the first verb governs a list
        cue = found[0] if _cues()[3].search(text) else found[-1]
        # "tặng Bằng khen cho 6 cá nhân gồm: bà A": the people named receive
        if re.search(r"\bcho\b", text[cue.end():]):
            return "other"
        return role_of(cue.group())
    end = _cues()[3].search(text)
    return role_of(end.group().split()[0]) if end else None


def starts_title(text: str) -> bool:
    """Whether a position word opens `text` (any case: after a name and a dash a title is
    expected; before a name, `_pieces_backward` asks for a capital)."""
    return bool(head_regex().match(text))


def _end_of_titles(text: str) -> int:
    """Where a chain of titles starting at 0 stops: clause punctuation, a verb, a bracket that
    does not hold a unit ("(đơn vị Trưởng khối)" describes the unit, "(Sở Nội vụ)" is one)."""
    end = len(text)
    for m in re.finditer(r"[;:\"“”!?\n]|\(|\)|\.(?=\s|$)", text):
        if m.group() == "(" and starts_unit(text[m.end():]) and ")" in text[m.end():]:
            continue
        if m.group() == "(" and _ABBREVIATION_IN_BRACKETS.match(text, m.start()):
            continue  # "Hội đồng Thi đua - Khen thưởng (TĐ-KT) tỉnh": the title goes on
        if m.group() == "." and re.search(r"(?<!\w)[A-ZĐ]{1,4}$", text[:m.start()]):
            continue  # "TX. Gò Công", "TP. Hà Tĩnh"
        if m.group() == ")" and "(" in text[:m.start()]:
            continue
        end = m.start()
        break
    for rx in (_stops(), _cues()[1]):
        m = rx.search(text)
        if m and m.start() < end:
            end = m.start()
    m = re.search(r"\s(?:và|cùng)\s+(?:các|lãnh\s+đạo|đại\s+diện|đông\s+đủ|toàn\s+thể|ông|bà|đồng\s+chí)"
                  r"(?!\w)", text[:end])
    if m:
        end = m.start()
    # "Chủ tịch Liên minh HTX tỉnh - Đơn vị Trưởng khối": what follows describes the unit
    m = _UNIT_ROLE.search(text[:end])
    if m:
        end = m.start()
    return end


_ABBREVIATION_IN_BRACKETS = re.compile(r"\(\s*[A-ZĐ][A-ZĐ&.\-\s]{0,14}\)")
_UNKNOWN_ABBREVIATION = re.compile(r"[A-ZĐ]{2,6}(?:\s|$)")
# "- đơn vị Trưởng khối", "(đơn vị Cụm trưởng …)": the unit's bloc role, not the person's title
_UNIT_ROLE = re.compile(r"\s*(?:[-–,]\s*)?(?i:đơn\s+vị|cơ\s+quan)\s+(?i:phó\s+trưởng|trưởng|phó|khối|cụm)(?!\w)")


def _pieces(text: str) -> list[str]:
    """Titles in a chain: pieces split at "," / " - " / "kiêm", a piece without a position word
    joined back to the one before it."""
    out: list[str] = []
    pos, sep = 0, ""
    for m in list(_SEP.finditer(text)) + [None]:
        piece = text[pos:m.start() if m else len(text)].strip()
        this_sep = sep
        sep = m.group().strip() if m else ""
        pos = m.end() if m else len(text)
        if not piece:
            continue
        if out and not starts_title(piece):
            if this_sep == "," and not (piece[:1].isupper() or piece[:1].isdigit()
                                        or _continuations().match(piece)):
                break
            if this_sep == "," and _UNKNOWN_ABBREVIATION.match(piece):
                out.append(piece)   # "…, TVQX tỉnh": a title in an abbreviation the lexicon lacks
                continue
            out[-1] += (", " if this_sep == "," else " - " if this_sep in "-–" else " ") + piece
        else:
            out.append(piece)
    return out


def titles_after(text: str) -> tuple[list[str], int]:
    """Titles following a name: "– Giám đốc Sở X, Trưởng Khối Y năm 2020 phát biểu" → the two
    titles and the offset where they end (0 and [] when no title follows)."""
    m = re.match(r"\s*(?:[-–,:]\s*)?", text)
    if not starts_title(text[m.end():]):
        # "ông A (Giám đốc Sở X)"
        par = re.match(r"\s*\(([^()]{3,200})\)", text)
        if par and starts_title(par.group(1)):
            inside = par.group(1)
            return [t for t in _pieces(inside[:_end_of_titles(inside)]) if starts_title(t)], par.end()
        return [], 0
    body = text[m.end():]
    end = _end_of_titles(body)
    end = re.search(r"(?:[\s,]+(?:và|cùng|với))*[\s,]*$", body[:end]).start()  # "… (Sở Nội vụ) và ông B"
    # "UVBCH-Phó chủ tịch UBND huyện": two titles joined by a dash without spaces
    chain = re.sub(r"(?<=\w)-(?=" + head_regex().pattern + r")", " - ", body[:end], flags=re.I)
    titles = [t for t in _pieces(chain) if starts_title(t)]
    return titles, m.end() + end


def titles_before(text: str) -> list[str]:
    """Titles written just before a name: "…, Chủ tịch UBND tỉnh " → ["Chủ tịch UBND tỉnh"];
    "có Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Bắc Giang " → both. Only a chain that ends right at
    the name counts; it runs back while each piece is a title."""
    if not re.search(r"[\w.]\s+$", text):
        return []
    clause = re.split(r"[;:\n]", text)[-1]
    pieces = _pieces_backward(clause)
    chain: list[str] = []
    for piece, whole, owner in pieces:
        if owner and any(_LOCAL.search(c) for c in chain):
            break
        chain.insert(0, piece)
        if not whole:
            break
    return chain


def _pieces_backward(clause: str) -> list[tuple[str, bool, bool]]:
    """Title pieces ending the clause, last first, each with whether the title fills its piece
    (only then may an earlier piece be a title of the same person) and whether it follows
    "của" (the title of an owner: "ủy quyền của Chủ tịch nước")."""
    raw: list[str] = []
    seps: list[str] = []
    pos = 0
    for m in list(_SEP.finditer(clause)) + [None]:
        raw.append(clause[pos:m.start() if m else len(clause)].strip())
        seps.append(m.group().strip() if m else "")
        pos = m.end() if m else len(clause)
    # join pieces that continue the one before ("Sở Văn hóa", "Thể thao và Du lịch")
    merged: list[str] = []
    for i, piece in enumerate(raw):
        sep = seps[i - 1] if i else ""
        if merged and piece and not head_regex().search(piece) and (
                sep != "," or piece[:1].isupper() or _continuations().match(piece)):
            merged[-1] += (", " if sep == "," else " - ") + piece
        else:
            merged.append(piece)
    out: list[tuple[str, bool, bool]] = []
    for piece in reversed(merged):
        found = None
        for m in head_regex().finditer(piece):
            tail = piece[m.start():]
            if not _PREFIX.sub("", tail)[:1].isupper():
                continue
            if not _stops().search(tail) and not _cues()[1].search(tail) and "(" not in tail \
                    and ")" not in tail:
                found = m
                break
        if not found:
            break
        owner = bool(re.search(r"\bcủa\s*$", piece[:found.start()]))
        out.append((piece[found.start():], found.start() == 0, owner))
        if found.start() != 0:
            break
    return out


def canonical_title(raw: str, bloc_aliases: dict[str, str] | None = None) -> str | None:
    """A title written out: abbreviations expanded, bloc aliases named, the position word in its
    usual spelling ("Trưởng KTĐKTN năm 2019" → "Trưởng Khối thi đua Kinh tế ngành năm 2019")."""
    text = _ABBREVIATION_IN_BRACKETS.sub(" ", raw)      # "(TĐ-KT)" restates what precedes it
    text = re.sub(r"\(([^()]*)\)", r" \1 ", text)
    text = tidy(" ".join(text.split()))
    for rx, full in _title_abbreviations():
        text = rx.sub(full, text)
    for alias, name in (bloc_aliases or {}).items():
        text = re.sub(r"(?<![\w-])" + re.escape(alias) + r"(?![\w-])", name, text)
    text = _DOUBLE_BLOC.sub(r"\1", text)
    text = expand_abbreviations(text)
    text = re.sub(r"\s*\.\s*", " ", text)  # left by abbreviations: "VP.UBND", "TX. Gò Công"
    text = _THI_DUA_KHEN_THUONG.sub("Thi đua - Khen thưởng", text)
    m = head_regex().match(text)
    if not m:
        return None
    said = " ".join(m.group().split())
    former = _PREFIX.match(said)
    head = _heads().get(said[former.end():].casefold() if former else said.casefold())
    if head and former:
        head = said[:former.end()] + head
    text = tidy(_TRAILING.sub("", (head or m.group()) + text[m.end():]))
    if len(text.split()) > _MAX_WORDS:
        return None
    return text

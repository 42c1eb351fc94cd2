"""Who receives an award: named units or people ("cho Sở Xây dựng", "gồm: A, B và C", a
bulleted list under the award), or counts ("cho 2 tập thể, 1 cá nhân", "07 đơn vị được nhận
danh hiệu …")."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from thidua.extract.award_lexicon import (giver_alternation, kind_alternation, kind_of, mention_regex,
                                          recipient_stop_regex, selector_regex)
from thidua.extract.lexicon import alternation, words
from thidua.extract.orgs import canonical_org, split_org_list, starts_unit, tidy, unit_head_regex

_INTRO = re.compile(r"\s*[”\"]?\s*(?:năm\s+\d{4}\s*)?(?:(?:đã\s+|vừa\s+)?được\s+(?:trao tặng|trao|tặng|phong tặng|xét tặng|"
                    r"đề nghị tặng)\s+)?(?:(?i:cho|tới|đến|gồm có|gồm|là)(?!\w)\s*:?|:)\s*")
_PERSON = re.compile(r"(?<!\w)(?i:ông|bà|đồng chí)\s+(?P<name>\w+(?:\s+\w+){1,4})")
_HONORIFIC = re.compile(r"^(?:ông|bà|đồng chí|anh|chị)\s+(?P<name>\S+(?:\s+\S+){1,4})$", re.I)
_GENERIC = re.compile(r"^(?:các|những|toàn thể|nhiều|một số)(?!\w)", re.I)
_BULLET = re.compile(r"^\s*(?:[-+•*–]|\d{1,2}[.)]|[a-zđ][.)])\s*(?P<text>[^;]+?)\s*(?:[;.,]|;.*)?\s*$")
_ADMIN = ("huyện", "xã", "phường", "thị trấn", "thị xã", "thành phố", "tỉnh", "quận")
_VERBS = r"(?:được|nhận|tặng|trao|trao tặng|đạt|danh hiệu|đề nghị|bầu|suy tôn|xét|vinh dự|đón|" \
         r"đón nhận|công nhận|xếp loại|tặng thưởng|khen thưởng|phong tặng|là)"


@lru_cache(maxsize=1)
def _heads() -> re.Pattern:
    return re.compile(r"^(?:" + alternation(words("award_recipient_heads")) + r")(?!\w)")


def is_unit(text: str) -> bool:
    """Opens with a unit word; a sentence-initial capital counts ("Huyện A, huyện B được …")."""
    text = text.strip()
    lowered = text[:1].lower() + text[1:]
    return starts_unit(text) or starts_unit(lowered) or bool(_heads().match(text))


def _people(span: str) -> list[tuple[str, str]]:
    """People named with an honorific in a recipient list ("ông A, Giám đốc Sở X và bà B")."""
    out = []
    for m in _PERSON.finditer(span):
        name = []
        for w in m["name"].split():
            if not w[:1].isupper():
                break
            name.append(w)
        if len(name) >= 2:
            out.append((" ".join(name), "individual"))
    return out


@dataclass
class Recipients:
    names: list[tuple[str, str]] = field(default_factory=list)   # (canonical name, kind)
    counts: list[tuple[int, str | None]] = field(default_factory=list)   # (count, kind)
    remainder: bool = False     # "cho các đơn vị còn lại"
    open_list: bool = False     # the recipients follow as a bulleted list


# "1.234 cá nhân": a dot groups thousands; "21/23 cá nhân": 21 of the 23 considered
_INT = r"(?P<n>\d{1,3}(?:\.\d{3})+|\d+)(?:/\d+)?"


@lru_cache(maxsize=1)
def count_regex() -> re.Pattern:
    kinds = kind_alternation()
    return re.compile(_INT + r"\s*(?P<w>" + kinds + r")(?:\s*(?:,|và)\s*(?P<w2>" + kinds + r")(?!\w))?(?!\w)",
                      re.I)


@lru_cache(maxsize=1)
def _and_before_unit() -> re.Pattern:
    """ "và" joining two units ("Sở A và Sở B"), not the "và" inside one collective's name
    ("Đảng bộ, chính quyền và nhân dân xã X")."""
    return re.compile(r"\s+và\s+(?!(?i:nhân dân|chính quyền|cán bộ))(?=(?:" + unit_head_regex().pattern + r")|"
                      + _heads().pattern[1:] + r")")


def _kind(word: str, word2: str | None) -> str | None:
    kind = kind_of(word)
    if word2 and kind_of(word2) != kind:
        return None
    return kind


def counts_at(text: str) -> tuple[list[tuple[int, str | None]], int]:
    """Counts at the start of `text` ("2 tập thể, 1 cá nhân"), and where they end."""
    out, pos = [], 0
    while True:
        m = count_regex().match(text, pos)
        if not m:
            break
        out.append((int(m["n"].replace(".", "")), _kind(m["w"], m["w2"])))
        pos = m.end()
        sep = re.match(r"\s*(?:,|và)\s*(?=\d)", text[pos:])
        if not sep:
            break
        following = count_regex().match(text, pos + sep.end())
        if following and _OWN_PREDICATE.match(text[following.end():following.end() + 30].lstrip()):
            break   # "cho 993 tập thể, 5.719 đơn vị đạt …": the next count has a predicate of its own
        pos += sep.end()
    return out, pos


def count_before(pre: str) -> list[tuple[int, str | None]]:
    """Counts right before the award, with only verbs (and the giver of a passive) between:
    "bầu 01 đơn vị được tặng", "37 tập thể và 160 cá nhân được tặng", "59 cá nhân được Chủ tịch
    UBND huyện tặng danh hiệu", "06/6 đơn vị trong cụm … hoàn thành …"."""
    kinds = kind_alternation()
    tail = re.search(_INT + r"\s*(?P<w>" + kinds + r")(?:\s*(?:,|và)\s*(?P<w2>" + kinds + r"))?"
                     r"(?:\s+(?:trong|thuộc|của)\s+[^,;.:\d]{1,40}?)?"
                     r"\s+(?:(?:" + _VERBS + r"|" + giver_alternation() + r")\s+)*(?:[\"“]\s*)?$", pre, re.I)
    if not tail:
        return []
    out = [(int(tail["n"].replace(".", "")), _kind(tail["w"], tail["w2"]))]
    head = pre[:tail.start()]
    while True:  # "37 tập thể và 160 cá nhân": each count is an item
        m = re.search(_INT + r"\s*(?P<w>" + kinds + r")\s*(?:,|và)\s*$", head, re.I)
        if not m or re.search(r"(?<!\w)(?:cho|tới|đến)\s*$", head[:m.start()], re.I):
            break   # "… Cờ thi đua cho 993 tập thể, 5.719 đơn vị đạt …": that count is the flag's
        out.insert(0, (int(m["n"].replace(".", "")), _kind(m["w"], None)))
        head = head[:m.start()]
    return out


_PASSIVE = re.compile(r"\s+(?:đã\s+|vừa\s+)?(?:vinh dự\s+)?(?:được\s+(?:\S+\s+){0,5}?(?:tặng|trao tặng|trao|phong tặng|"
                      r"nhận|khen thưởng|tặng thưởng)|đón nhận|nhận)\s+(?:danh hiệu\s+)?[\"“]?$")


def subjects_before(pre: str) -> list[str]:
    """Units named as the subject of a passive verb right before the award ("Báo X được
    tặng", "Huyện A, huyện B được UBND tỉnh tặng", "xã Y đón nhận", "suy tôn Hội A nhận", "đề
    nghị Thanh tra tỉnh được nhận")."""
    m = _PASSIVE.search(pre)
    if not m:
        return []
    subject = _after_last_cue(re.split(r"[;:]", pre[:m.start()])[-1])
    subject = _and_before_unit().sub(", ", subject)
    out: list[str] = []
    for piece in reversed(split_org_list(subject)):
        piece = tidy(piece)
        # a subject is a short name, not a clause ("tỉnh X long trọng tổ chức Lễ … và")
        if (_GENERIC.match(piece) or re.search(r"[\d()]", piece) or len(piece.split()) > 12
                or re.search(r"(?<!\w)(?:và|cũng|tổ chức|long trọng)$|\stổ chức\s(?!xã hội)", piece)
                or not is_unit(piece)):
            break
        out.insert(0, piece)
    return out


def _after_last_cue(subject: str) -> str:
    """The subject of a passive verb starts after the last cue before it: "suy tôn Hội A nhận",
    "đề nghị Thanh tra tỉnh được nhận", "X tặng hoa chúc mừng các cá nhân được trao tặng"."""
    cues = list(selector_regex().finditer(subject))
    return subject[cues[-1].end():] if cues else subject


def people_before(region: str) -> list[tuple[str, str]]:
    """People named as the subject of a passive verb before the award: "ông A - Giám đốc Sở B
    được trao tặng …", "Các đồng chí A - …; B - … và đồng chí C - … được trao tặng …". `region`
    runs from the previous award (or the sentence's start) to the award."""
    from thidua.extract.people_names import find_names

    m = _PASSIVE.search(region)
    if not m:
        return []
    subject = _after_last_cue(region[:m.start()])
    out = []
    for name in find_names(subject):
        after = subject[name.end:name.end + 4]
        if name.honorific or re.match(r"\s*[-–,(]", after) or not after.strip():
            out.append((name.name, "individual"))
    return out


def _looks_like_place(piece: str) -> bool:
    ws = piece.split()
    return 1 <= len(ws) <= 3 and all(w[:1].isupper() for w in ws) and not is_unit(piece)


def one_name(piece: str, *, admin: str | None = None, ministry: str | None = None) -> tuple[str, str] | None:
    """A list item as a recipient (canonical name, kind), or None when it names none.
    A bare place takes the list's admin word ("các huyện: A, B") or, for a ministry's award,
    becomes that sector's provincial department (Bộ Y tế → "Sở Y tế tỉnh A")."""
    piece = tidy(re.sub(r"^(?:tập thể|đơn vị)\s+", "", piece.strip(), flags=re.I))
    # "Hội X (đơn vị Cụm trưởng năm 2025)": an aside that describes the unit, not its name;
    # a bracket the clause's end left open likewise
    piece = re.sub(r"\s*\((?:[a-zà-ỹđ][^()]*\)?|[^()]*)$", "", piece).strip()
    if not piece or _GENERIC.match(piece):
        return None
    person = _HONORIFIC.match(piece)
    if person:
        name = re.split(r"\s*[,(-]\s*", person["name"])[0]
        if all(w[:1].isupper() for w in name.split()):
            return " ".join(w[:1].upper() + w[1:] for w in name.split()), "individual"
        return None
    if is_unit(piece):
        if piece.split()[0].lower() in _ADMIN:
            piece = piece[:1].lower() + piece[1:]
        return canonical_org(piece), "collective"
    if _looks_like_place(piece):
        if admin:
            return f"{admin} {piece}", "collective"
        if ministry and ministry.startswith("Bộ ") and "Công an" not in ministry and "Quốc phòng" not in ministry:
            return f"Sở {ministry[3:]} tỉnh {piece}", "collective"
    return None


def _admin_of(header: str) -> str | None:
    m = re.search(r"(?i:các)\s+(" + "|".join(_ADMIN) + r")\s*:?\s*$", header)
    return m.group(1).lower() if m else None


def _names(text: str, ministry: str | None) -> tuple[list[tuple[str, str]], bool]:
    stop = recipient_stop_regex().search(text)
    span = text[:stop.start()] if stop else text
    # "cho Hội X và bằng khen cho …": the text was cut at the next award, its "và" left over
    span = re.sub(r"(?:[\s,]+(?:và|cùng|hoặc))+\s*$", "", span)
    header = re.match(r"\s*(?:(?:các|những)\s+(?:tập thể|đơn vị|cá nhân|cơ quan|địa phương|huyện|xã|phường|"
                      r"tỉnh|sở, ngành)(?!\w)|(?:tập thể|đơn vị|cá nhân|cơ quan)(?!\w))?(?:\s+(?:sau|sau đây|như sau))?"
                      r"\s*(?:(?:gồm có|gồm|là)(?!\w))?\s*:?\s*", span, re.I)
    admin = _admin_of(span[:header.end()])
    rest = span[header.end():]
    if re.match(r"(?i:còn lại)(?!\w)", rest.strip()):
        return [], True
    if _PERSON.match(rest.strip()):
        return _people(rest), False
    if not rest.strip() or not (rest.strip()[:1].isupper() or is_unit(rest)):
        return [], False
    # "A và B": split_org_list leaves the "và" on A when B opens with a unit word
    rest = _and_before_unit().sub(", ", rest)
    # a list of bare places: "Yên Thành, Diễn Châu và Quỳnh Lưu"
    pieces = [p for p in re.split(r"\s*,\s*|\s+và\s+", rest.strip()) if p]
    if not all(map(_looks_like_place, pieces)):
        pieces = split_org_list(rest)
    out = []
    for piece in pieces:
        name = one_name(piece, admin=admin, ministry=ministry)
        if name:
            out.append(name)
    return out, False


# a count with a predicate of its own ("5.719 đơn vị đạt …", "… được tặng …") belongs to another award
_OWN_PREDICATE = re.compile(r"(?<!\w)(?:đạt|được|nhận|đón nhận|vinh dự)(?!\w)", re.I)


def after(text: str, ministry: str | None = None) -> Recipients:
    """Recipients in the words following an award, up to its clause's end."""
    res = Recipients()
    intro = _INTRO.match(text)
    if not intro:
        return res
    rest = text[intro.end():]
    res.counts, end = counts_at(rest)
    tail = rest[end:]
    if res.counts:
        more = re.match(r"\s*,?\s*(?:(?i:gồm có|gồm|là)\s*:?|:)\s*", tail)
        if more:
            names, _ = _names(tail[more.end():], ministry)
            if names:
                res.names, res.counts = names, []
        else:
            # "cho 46 tập thể có thành tích …, 19 tập thể có thành tích …": more counts of the
            # same award further on in its clause, each after a comma
            for more_count in re.finditer(r",\s*(?=\d)", tail):
                extra, used = counts_at(tail[more_count.end():])
                segment = re.split(r",", tail[more_count.end() + used:], maxsplit=1)[0]
                if extra and not _OWN_PREDICATE.search(segment):
                    res.counts.extend(extra)
                elif extra:
                    break   # "…, 5.719 đơn vị đạt Tập thể lao động xuất sắc": the next award's count
        res.open_list = not tail.strip(" :,.;")
        return res
    res.names, res.remainder = _names(rest, ministry)
    res.open_list = not res.names and not rest.strip(" :")
    return res


def bullet_names(body: str, line_end: int) -> list[tuple[str, str]]:
    """Units listed one per line ("- Sở Tư pháp tỉnh X;") right after position `line_end`."""
    out = []
    for line in body[line_end:].split("\n"):
        if not line.strip():
            continue
        m = _BULLET.match(line)
        if not m or mention_regex().search(line):
            break
        text = m["text"]
        # an item's address or parent body after a comma is not part of its name
        cut = re.search(r",\s+(?=(?:" + "|".join(_ADMIN) + r")\s|[A-ZĐ]\w*\s)", text)
        if cut and (is_unit(text[cut.end():]) or text[cut.end():].split()[0] in _ADMIN):
            text = text[:cut.start()]
        name = one_name(text)
        if name:
            out.append(name)
    return out

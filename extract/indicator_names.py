"""What a figure measures, where and when: the name, region and period of an indicator, read
from the words around its number.

Names are cut from the clause as written ("Giá trị sản xuất công nghiệp ước đạt 1.334,251
tỷ đồng" → "Giá trị sản xuất công nghiệp"); the verbs, qualifiers, periods and places that
pages put between a name and its number are dropped.
"""
from __future__ import annotations

import re

from thidua.extract.award_lexicon import mention_regex
from thidua.extract.dates import find_periods
from thidua.extract.indicator_lexicon import cue_at_end, has_cue, vocabulary

# lower case, or capitalised opening a list item ("…: Huyện Đak Đoa đạt …")
PLACE_WORD = r"(?:[Tt]ỉnh|[Hh]uyện|[Tt]hành phố|TP\.?|[Tt]hị xã|[Qq]uận|[Xx]ã|[Pp]hường|[Tt]hị trấn)"
_CAP = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴÉÈẺẼẸ"
# a proper name's syllables: capital then lower case ("Kim Bảng", "M’Đrắk"), not an abbreviation ("NTM")
PROPER = r"(?:\s+[" + _CAP + r"](?:[’'][" + _CAP + r"])?[a-zà-ỹđ'’-]+)+"
# a locality named in full ("huyện Kim Bảng", "TP Hà Nội") or the whole area ("toàn tỉnh")
PLACE = re.compile(r"(?<![\w])(?:" + PLACE_WORD + PROPER + r"|toàn\s+(?:tỉnh|huyện|thành phố|thị xã|xã(?!\s+hội))"
                   r"|các\s+khu\s+công\s+nghiệp|(?:trên\s+)?địa\s+bàn\s+(?:toàn\s+)?(?:tỉnh|huyện|thành phố))"
                   r"(?![\w])")
_REGION_LEAD = re.compile(r"^(?:trên|tại|của|ở|trong)\s+$", re.I)
_PERIOD_EXTRA = re.compile(r"(?<![\w])(?:trong\s+năm|trong\s+(?:6|sáu|9|chín)\s+tháng(?:\s+đầu\s+năm)?"
                           r"|quý\s+(?:IV|III|II|I|[1-4])(?:\s*/\s*\d{4})?|đến\s+nay|(?<!thực\s)hiện\s+nay|^\s*hiện)(?![\w])",
                           re.I)
_CONNECTORS = re.compile(
    r"^(?:\s|[,;:.)(\-…]|và\b|trong đó\b|cụ thể\b|đồng thời\b|ngoài ra\b|nhờ đó\b|theo đó\b"
    r"|bên cạnh đó\b|riêng\b|đặc biệt\b|nổi bật\b|tiêu biểu\b|như\b|kết quả\b|còn\b|nâng\b)+", re.I)
# a comma piece opening with these starts a new statement; the name is after it
_FRESH = re.compile(r"^\s*(?:đặc biệt|trong đó|nổi bật|tiêu biểu|riêng|còn|ngoài ra|bên cạnh đó|đồng thời"
                    r"|nhờ đó|theo đó|cụ thể|đáng chú ý)\b", re.I)
# a comma piece opening with these is an adverbial before the name ("Tại Hải Phòng, ...")
_ADVERBIAL = re.compile(r"^\s*(?:tại|ở|trong|năm|qua|theo|sau|đến nay|hiện nay|dù|mặc dù|tuy)\b", re.I)
# "công tác tuyển quân được các đơn vị thực hiện": the agent phrase is not part of the name
_AGENT = re.compile(r"\s+được\s+(?:các|những|mọi)?\s*[^,]*?(?:thực hiện|triển khai|tổ chức)$", re.I)
_TRAILERS = re.compile(r"(?:\s|[,;:(\-]|\bđã\b|\bđược\b|\bcũng\b|\bđều\b|\bthêm\b|\bkhá cao\b|\bcho\b)+$",
                       re.I)
_WORD = re.compile(r"[^\W\d_]+")


_EDGE_ROLES = ("approx", "estimate", "link", "result", "level", "decrease", "increase")


def strip_edges(text: str, roles: tuple = _EDGE_ROLES) -> str:
    """Drop connectors before a name and verbs/qualifiers (cues of `roles`) after it."""
    prev = None
    while prev != text:
        prev = text
        text = _CONNECTORS.sub("", text)
        text = _TRAILERS.sub("", text)
        for role in roles:
            m = cue_at_end(role, text)
            if m and not (role == "increase" and cue_at_end("growth", text)):
                text = text[:m.start()]
    return text.strip()


def remove_places_and_periods(text: str) -> str:
    text = PLACE.sub(" ", text)
    for period in find_periods(text, 2000):
        text = text.replace(period.text, " ")
    text = _PERIOD_EXTRA.sub(" ", text)
    text = re.sub(r"(?<!\w)(?:trên|tại|của|ở|trong|vào)\s*(?=[,;]|$)", " ", text)
    text = re.sub(r"\(\s*\)", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> int:
    return len(_WORD.findall(text))


def _segments(zone: str) -> list[str]:
    """`zone` cut at link verbs (đạt, là, với): the name is usually the last piece."""
    rx = vocabulary().cues["link"]
    out, pos = [], 0
    for m in rx.finditer(zone):
        out.append(zone[pos:m.start()])
        pos = m.end()
    out.append(zone[pos:])
    return out


def _comma_pieces(zone: str) -> str:
    """Drop the comma pieces before a name: adverbials ("Tại Hải Phòng,") and whatever precedes
    a fresh statement ("..., đặc biệt trong Quý 1"). Commas inside a name stay ("Giá trị sản
    xuất công nghiệp, tiểu thủ công nghiệp")."""
    pieces = zone.split(",")
    fresh = [i for i, p in enumerate(pieces) if _FRESH.match(p)]
    if fresh:
        pieces = pieces[fresh[-1]:]
    while len(pieces) > 1 and _ADVERBIAL.match(pieces[0]):
        pieces = pieces[1:]
    return ",".join(pieces)


def name_before(zone: str) -> str:
    """The name standing before a number in `zone` (the clause text since the last figure)."""
    zone = _comma_pieces(zone.rsplit(":", 1)[-1])
    pieces = [strip_edges(remove_places_and_periods(p)) for p in _segments(zone)]
    pieces = [p for p in pieces if words(p)]
    if not pieces:
        return ""
    name = pieces[-1]
    if words(name) < 2 and len(pieces) > 1:
        name = pieces[-2] + " " + name
    # "… được tặng Bằng khen … và Giải ngân vốn đầu tư công đạt 100%": an award is no measure
    parts = re.split(r"\s+và\s+", name)
    if len(parts) > 1 and mention_regex().search(" và ".join(parts[:-1])) and words(parts[-1]) >= 2:
        name = parts[-1]
    # the actor before "đã" is a unit; what it did is the measure ("Khối đã hỗ trợ kinh phí")
    if re.search(r"\bđã\s+\w", name):
        tail = strip_edges(re.split(r"\bđã\s+", name)[-1])
        if words(tail) >= 2:
            name = tail
    name = _AGENT.sub("", name)
    return _capital(strip_edges(name))


_AFTER_END = re.compile(r"[,;:()…]|\.(?:\s|$)|\s-\s|\s+(?=\d)|\s+(?:và|với)\s", re.I)


def name_after(unit: str, rest: str) -> tuple[str, int]:
    """The name of a count written after its number ("98/98 xã đạt chuẩn nông thôn mới") and
    how much of `rest` it takes."""
    m = _AFTER_END.search(rest)
    taken = rest[:m.start()] if m else rest
    tail = strip_edges(" ".join(taken.split()[:14]), ("approx", "link"))
    return (_capital(f"{unit} {tail}".strip()) if unit else _capital(tail)), len(taken)


def lead_name(rest: str) -> tuple[str, int]:
    """The name after a leading share ("100% cơ quan, đơn vị trực thuộc hoàn thành ...")."""
    m = re.search(r"[;:…]|\.(?:\s|$)", rest)
    taken = rest[:m.start()] if m else rest
    return _capital(strip_edges(" ".join(taken.split()[:16]))), len(taken)


def _capital(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,;:-")
    return name[:1].upper() + name[1:] if name else name


def region_in(text: str) -> str | None:
    m = PLACE.search(text)
    if not m:
        return None
    region = re.sub(r"^(?:trên\s+)?địa\s+bàn\s+", "", m.group()).strip()
    return re.sub(r"\s+", " ", region)


def period_in(text: str, year: int | None) -> str | None:
    """The period a clause names, written as the record wants it ("2020", "6 tháng đầu năm
    2020"), "đến nay" for a running total, None for a standing stock ("Hiện toàn tỉnh có")."""
    text = re.sub(r"(?i)so\s+với\s+[^,;.()]*", " ", text)   # the year compared with is not it
    for p in find_periods(text, year):
        if p.kind == "year":
            return str(p.start.year)
        return re.sub(r"\s+", " ", p.text)
    if re.search(r"(?<!\w)(?:đến nay|lũy kế)(?!\w)", text, re.I):
        return "đến nay"
    if is_current(text):
        return None
    m = re.search(r"(?<!\w)quý\s+(IV|III|II|I|[1-4])(?!\w)", text, re.I)
    if m and year:
        return f"Quý {m.group(1)} năm {year}"
    return None


def is_current(text: str) -> bool:
    """A standing stock rather than the review period's result ("Hiện toàn tỉnh có ...")."""
    return bool(re.match(r"\s*Hiện\s", text) or has_cue("current", text))

"""Awards, titles and ratings proposed, voted or conferred (`awards[]`).

An award is a name of `lexicon/awards.tsv` (Cờ thi đua, Bằng khen, Huân chương …) found in a
sentence. Around it are read: its giver (written after it, "của UBND tỉnh", or before it in
the clause, "UBND tỉnh tặng"), the status from the cue words of the sentence so far
(`award_status.tsv`), the recipients that follow ("cho …", "gồm: …", a bulleted list) or
precede it ("07 đơn vị được nhận …"), the achievement year and the decision number.
One item per (type, recipient); a mention naming no recipient and no count is kept only when
nothing else of its type was found (a closing paragraph repeating the awards adds nothing).
"""
from __future__ import annotations

import re
from functools import lru_cache

from thidua.extract import award_recipients as rcp
from thidua.extract.award_lexicon import (Giver, giver_info, giver_regex, level_types, mention_regex, name_info,
                                          negative_regex, rating_cue_regex, status_info, status_regex)
from thidua.extract.award_status import StatusReader, article_status, statuses
from thidua.extract.article_year import OPENING
from thidua.extract.document import Doc
from thidua.extract.lexicon import alternation, table
from thidua.extract.orgs import fold_key

# titles whose giver the articles leave implicit: a giver named before them in the clause
# is usually the presenter of other awards, not theirs
_OWN_GIVER_ONLY = {"rating_excellent", "rating_good", "excellent_labour_collective",
                   "advanced_labour_collective", "emulation_fighter", "other"}
# awards told apart by their giver (Cờ thi đua, Bằng khen, Giấy khen); others by their name
_BY_GIVER = {"government_emulation_flag", "provincial_emulation_flag", "ministry_emulation_flag",
             "pm_certificate_of_merit", "provincial_certificate_of_merit", "ministry_certificate_of_merit",
             "certificate_of_commendation"}
_STATE_AWARDS = {"labour_order", "order_other", "hero"}
_YEAR = re.compile(r"(?<!\w)năm\s+((?:19|20)\d\d)(?!\s*-\s*\d)(?!\d)")
# years of the coming term or plan are not the year the award rewards
_NOT_ACHIEVEMENT = re.compile(r"(?:nhiệm vụ|phương hướng|kế hoạch|phát động|giao ước|ký kết|nhiệm kỳ|"
                              r"giai đoạn|triển khai)[^.;]{0,25}$", re.I)
_LIST_ITEM = re.compile(r"^\s*(?:[-+•*]|\d{1,2}[.)]|[a-zđ][.)])\s")
_DOC_YEAR = re.compile(r"(?i:tổng kết|khen thưởng|thi đua)\s+(?:năm\s+)?((?:19|20)\d\d)(?!\d)")
_DECISION = re.compile(r"(?i:quyết định)\s+(?:số\s*)?(?P<n>\d+)\s*[/ ]\s*(?P<s>QĐ-[A-Za-zĐđ]+(?:-[A-Za-zĐđ]+)*)")
_PLACE_AFTER_GIVER = re.compile(r"(?:\s+[A-ZĐÂÊÔƠƯÁÀẢÃẠÉÈÍÌÓÒÚÙÝ][^\s,;.:()]*){1,3}")


def extract(doc: Doc) -> list[dict]:
    doc_year = _doc_award_year(doc)
    items: list[dict] = []
    reader = StatusReader(doc.body)
    # a bare enumeration ("Cờ thi đua của UBND tỉnh: 54 tập thể; …") takes the headline's cue,
    # else the stage most of the article reports
    fallback = article_status(doc)
    spans_years = False
    carried: dict = {}   # family (@flag, @merit) → the organisation giving the article's awards
    for sent in list(doc.sentences) + ([_Headline(doc.title)] if doc.title else []):
        mentions = list(mention_regex().finditer(sent.text))
        spans_years = _spans_years(sent.text[:mentions[0].start()] if mentions else sent.text, spans_years)
        found = reader.read(sent, [m.start() for m in mentions]) if sent.start is not None else \
            statuses(sent.text, [m.start() for m in mentions], None)[0]
        for i, m in enumerate(mentions):
            nxt = mentions[i + 1].start() if i + 1 < len(mentions) else len(sent.text)
            prev = mentions[i - 1].end() if i else 0
            got = _items(doc, sent, m, nxt, found[i], fallback, doc_year, prev, spans_years, carried)
            if sent.start is None:
                # the headline sums up or restates the body: it adds only awards the body lacks
                body_types = {it["type"] for it in items if it["evidence"] is not None}
                got = [it for it in got if it["type"] not in body_types]
            items.extend(got)
    return _resolve(items)


class _Headline:
    """The headline read as one more sentence, last, so that the body's mentions of an award
    come first and a headline repeating them adds nothing; it has no place in the body."""
    start = None

    def __init__(self, text: str):
        self.text = text

    def evidence(self) -> None:
        return None


def _doc_award_year(doc: Doc) -> int | None:
    """The year the article's awards reward: "khen thưởng năm 2019", "tổng kết 2019" in the
    headline or body, not a plan's or pact's year; none for a school year's review ("tổng kết
    năm học 2020-2021" rewards no calendar year); else the article's year."""
    for text in (doc.title or "", doc.body):
        for m in _DOC_YEAR.finditer(text):
            if not _NOT_ACHIEVEMENT.search(text[max(0, m.start() - 30):m.start()]):
                return int(m.group(1))
    opening = (doc.title or "") + "\n" + doc.body[:OPENING]
    if _SCHOOL_YEAR.search(opening) or _SPAN_ACHIEVEMENT.search(opening):
        return None
    return doc.year


# "có thành tích xuất sắc trong công tác giai đoạn 2016-2020": the article's awards reward a span
_SPAN_ACHIEVEMENT = re.compile(r"(?i)(?<!\w)thành\s+tích[^.;]{0,60}?(?:giai\s+đoạn|(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d)")
_SCHOOL_YEAR = re.compile(r"(?i)(?<!\w)(?:tổng kết|khen thưởng|thi đua)[^.;]{0,40}?năm\s+học\s+(?:19|20)\d\d")


def _year(text: str, start: int, end: int, default: int | None) -> int | None:
    before = [m for m in _YEAR.finditer(text, 0, start) if not _NOT_ACHIEVEMENT.search(text[:m.start()])]
    if before:
        return int(before[-1].group(1))
    for m in _YEAR.finditer(text, end):
        if not _NOT_ACHIEVEMENT.search(text[:m.start()]):
            return int(m.group(1))
    return default


def _giver(m: re.Match, pre_clause: str, type_: str):
    if m["giver"]:
        return giver_info(m["giver"])
    if type_ in _OWN_GIVER_ONLY:
        return None
    if type_ in _STATE_AWARDS:
        # an order is the State President's: a Prime Minister named before it gives another award
        found = [g for g in giver_regex().finditer(pre_clause[-150:]) if (giver_info(g.group()) or Giver("", "")).level == "state"]
        return giver_info(found[-1].group()) if found else None
    found = [g for g in giver_regex().finditer(pre_clause[-150:])]
    return giver_info(found[-1].group()) if found else None


@lru_cache(maxsize=1)
def _span_words() -> tuple[re.Pattern, re.Pattern]:
    rows = table("award_span_words")
    def rx(kind: str, lead: str) -> re.Pattern:
        return re.compile(lead + r"(?:" + alternation(r["phrase"] for r in rows if r["kind"] == kind) + r")(?!\w)", re.I)
    return rx("span", r"(?<!\w)"), rx("again", r"^\W*")


_YEAR_RANGE = re.compile(r"(?<!\d)(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d(?!\d)")


def _rewards_a_span(after: str) -> bool:
    """"… Cờ thi đua cho 4 tập thể dẫn đầu phong trào thi đua năm học 2021 - 2022": the first
    year the award's words name is a range."""
    single, span = _YEAR.search(after), _YEAR_RANGE.search(after)
    return bool(span) and (single is None or span.start() < single.start())


def _spans_years(before_awards: str, previous: bool) -> bool:
    """The awards of a sentence reward several years: its words before them name a span
    ("Trong 5 năm qua (2020-2025)"), or it opens "Cùng thời gian," after a sentence that did."""
    span, again = _span_words()
    if previous and again.match(before_awards):
        return True
    return bool(span.search(before_awards) or _YEAR_RANGE.search(before_awards))


def _items(doc: Doc, sent, m: re.Match, nxt: int, status: str | None, fallback: str | None,
           doc_year: int | None, prev: int = 0, spans_years: bool = False,
           carried: dict | None = None) -> list[dict]:
    text = sent.text
    info = name_info(m["name"])
    pre = text[:m.start()]
    pre_clause = re.split(r";", pre)[-1]
    if negative_regex().search(pre_clause[-60:]):
        return []
    if info.needs_rating_cue and (not rating_cue_regex().search(pre)
                                  or re.match(r"\s*trở lên", text[m.end():])):
        return []
    end = m.end()
    if m["giver"] and re.search(r"(?:tỉnh|huyện|thị xã|thành phố)$", m["giver"]):
        place = _PLACE_AFTER_GIVER.match(text, end)
        if place and not re.match(r"\s*(?:cho|gồm|tặng)\b", place.group()):
            end = place.end()
    if info.type in ("hero", "emulation_fighter") and _names_person(text[end:]) \
            and not re.search(r"danh hiệu\s*[\"“]?$", pre):
        return []  # "Anh hùng Lao động Nguyễn Văn A" is a person's title, not an award here
    label = text[m.start():end].replace("”", "").replace("“", "“").strip()
    if label.count("“") > label.count("”"):
        label = label.replace("“", "") if "”" not in label else label
    giver = _giver(m, pre_clause, info.type)
    if info.type.startswith("@") and carried is not None:
        # an organisation's own flags: "đề nghị Ủy ban MTTQ tỉnh tặng cờ thi đua …", then
        # "… nhất trí đề nghị tặng cờ thi đua cho …": the article's later flags are its too
        if giver is not None and giver.level == "agency":
            carried[info.type] = giver
        elif giver is None:
            giver = carried.get(info.type)
    type_, conferrer = info.type, giver.conferrer if giver else None
    if type_.startswith("@"):
        unstated = "none" if doc.local else "none-national"   # no giver: the province's, if any
        type_, override = level_types()[(type_[1:], giver.level if giver else unstated)]
        conferrer = None if override == "-" else override or conferrer
    year = None if spans_years and not _YEAR.search(text, prev, m.start()) or _rewards_a_span(text[end:nxt]) \
        else _year(text, m.start(), end, doc_year if info.yearly else None)
    decision = _decision(text[:nxt]) if status in ("conferred", None) else None
    base = {"type": type_, "label": label, "conferrer": conferrer, "recipient": None,
            "recipient_count": None, "recipient_kind": info.kind, "status": status, "year": year,
            "decision": decision, "evidence": sent.evidence(),
            "_span": (sent.start + m.start(), sent.start + end) if sent.start is not None else None}

    after_text = re.split(r";", text[end:nxt])[0]
    names, counts, remainder = _recipients(doc, sent, end, after_text, pre_clause, conferrer,
                                           text[prev:m.start()])
    if status is None:
        # no cue before it: the award may be the subject ("Cờ thi đua … được trao cho 5 tập
        # thể") or an item of a bare enumeration ("…: 54 tập thể") under the article's cue
        after_cue = next((c for c in status_regex().finditer(after_text) if status_info(c.group())[0] != "-"), None)
        status = status_info(after_cue.group())[0] if after_cue else fallback
        if status is None or not (names or counts):
            return []
        base["status"] = status
    out = []
    for name, kind in names:
        out.append({**base, "recipient": name, "recipient_kind": kind})
    for count, kind in counts:
        out.append({**base, "recipient_count": count, "recipient_kind": kind or info.kind})
    if not out and not remainder:
        out.append(base)
    return out


def _recipients(doc: Doc, sent, end: int, after_text: str, pre_clause: str, conferrer: str | None,
                region: str = ""):
    """Named recipients, counts, and whether the text said "the remaining units"."""
    found = rcp.after(after_text, conferrer)
    names, counts = list(found.names), list(found.counts)
    line_end = doc.body.find("\n", sent.start + end) if sent.start is not None else -1
    line_rest = doc.body[sent.start + end:line_end] if line_end >= 0 else ""
    # the recipients follow one per line: "…: 02 tập thể" or "… cho 04 tập thể, …, gồm:"
    short_rest = not line_rest.strip(" :.;,0123456789").split(" ", 3)[3:]
    lead_in = line_rest.rstrip().endswith(":") and not mention_regex().search(line_rest)
    if not names and line_rest and (found.open_list and short_rest or lead_in):
        bullets = rcp.bullet_names(doc.body, line_end)
        if bullets:
            names, counts = bullets, []
    if found.remainder:
        names = _remaining_members(doc, sent.text, conferrer)
    if not names and not counts:
        names = rcp.people_before(region) or [n for n in map(rcp.one_name, rcp.subjects_before(pre_clause)) if n]
        if not names:
            counts = rcp.count_before(pre_clause)
        if not names and not counts:
            # "tặng 591 Huân chương các loại", "có 13 Chiến sĩ thi đua toàn quốc": the count of the award
            counted = _AWARD_COUNT.search(pre_clause)
            if counted and not re.fullmatch(r"(?:19|20)\d\d", counted["n"]):
                counts = [(int(counted["n"].replace(".", "")), None)]
    return names, counts, found.remainder


_AWARD_COUNT = re.compile(r"(?<![\w/.,])(?P<n>\d{1,3}(?:\.\d{3})+|\d{1,5})\s+(?:danh hiệu\s+)?[“\"]?$")


def _names_person(text: str) -> bool:
    ws = text.split(None, 2)[:2]
    return len(ws) == 2 and text[:1] == " " and all(w[:1].isupper() and w.isalpha() for w in ws)


def _decision(text: str) -> str | None:
    found = list(_DECISION.finditer(text))
    return f"{found[-1]['n']}/{found[-1]['s']}" if found else None


def _remaining_members(doc: Doc, text: str, conferrer: str | None) -> list[tuple[str, str]]:
    """"các đơn vị còn lại": the members of the article's one listed bloc that no other
    award of the sentence names."""
    blocs = [b for b in doc.facts.get("blocs", []) if b.get("members")]
    if len(blocs) != 1:
        return []
    named = {fold_key(p) for p in re.split(r"\s*,\s*|\s+và\s+|\s+gồm\s+|;\s*", text)}
    out = []
    for piece in (member["org"] for member in blocs[0]["members"]):
        # a member "Sở Y tế tỉnh A" is named in the sentence as "A" or "tỉnh A" too
        place = re.search(r"(?:^|\s)(?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn)\s+(?P<p>.+)$", piece)
        keys = {fold_key(piece)} | ({fold_key(place.group().strip()), fold_key(place["p"])} if place else set())
        if not keys & named:
            name = rcp.one_name(piece, ministry=conferrer)
            if name:
                out.append(name)
    return out


def _variant(item: dict) -> tuple[str, str]:
    """The award an item is, beyond its code: "Chiến sĩ thi đua cấp tỉnh" and "… toàn quốc"
    share a code but are two awards; "Cờ thi đua xuất sắc của UBND tỉnh" and "Cờ thi đua của
    tỉnh" are one."""
    if item["type"] in _BY_GIVER:
        return item["type"], item["conferrer"] or ""
    label = item["label"].lower().replace("sỹ", "sĩ")
    label = re.sub(r"\s+(?:của\s+.*|xuất sắc)$|\s+xuất sắc(?=\s)", "", label)
    return item["type"], re.sub(r"\s+", " ", label)


def _resolve(items: list[dict]) -> list[dict]:
    """One item per (type, recipient); bare mentions only for awards found nowhere else."""
    counted = {_variant(it) for it in items if it["recipient"] or it["recipient_count"] is not None}
    seen: dict[tuple, dict] = {}
    out: list[dict] = []
    for it in items:
        if it["recipient"]:
            key = (it["type"], _class(it["label"]), "name", fold_key(it["recipient"]))
        elif it["recipient_count"] is not None:
            key = (_variant(it), "count", it["recipient_count"], it["recipient_kind"])
        elif _variant(it) in counted or any(t == it["type"] and (it["type"] in _BY_GIVER and not it["conferrer"]
                                                                  or v.startswith(_variant(it)[1]))
                                             for t, v in counted):
            continue  # a bare mention of an award named with its recipients elsewhere
        else:
            key = ("bare",) + _variant(it)
        if key not in seen:
            seen[key] = it
            out.append(it)
        else:
            _fold(seen[key], it)
    return _without_summaries(_without_considered(out))


def _without_considered(items: list[dict]) -> list[dict]:
    """"… xét duyệt cờ thi đua cho 69 đơn vị …; bỏ phiếu thống nhất cờ thi đua cho 48 đơn vị":
    the count put to the vote and the count it carried are one award at its furthest stage,
    the outcome (RECORD.md); a count proposed before a later vote or conferral of the same
    award to the same kind of recipient is dropped."""
    out = []
    for i, it in enumerate(items):
        if it["status"] == "proposed" and it["recipient_count"] is not None and not it["recipient"] and any(
                later["status"] in ("voted", "conferred") and later["recipient_count"] is not None
                and not later["recipient"] and _variant(later) == _variant(it)
                and later["recipient_kind"] == it["recipient_kind"] for later in items[i + 1:]):
            continue
        out.append(it)
    return out


_STAGE = {"proposed": 1, "voted": 2, "conferred": 3}


def _fold(kept: dict, later: dict) -> None:
    """A repeat of an award: the furthest stage the article reports (RECORD.md), and what the
    first mention left out."""
    if _STAGE.get(later["status"], 0) > _STAGE.get(kept["status"], 0):
        kept["status"] = later["status"]
    for field in ("conferrer", "year", "decision"):
        if kept.get(field) is None and later.get(field) is not None:
            kept[field] = later[field]


def _class(label: str) -> str:
    m = re.search(r"hạng\s+(\w+)", label, re.I)
    return m.group(1).lower() if m else ""


def _without_summaries(items: list[dict]) -> list[dict]:
    """"… Huân chương Lao động cho 4 cá nhân. Theo đó, A, B, C và D được trao tặng …": a count
    that only sums up the recipients the article names one by one is not a further award."""
    named: dict[tuple, int] = {}
    for it in items:
        if it["recipient"]:
            key = (it["type"], it["recipient_kind"])
            named[key] = named.get(key, 0) + 1
    return [it for it in items if it["recipient"] or it["recipient_count"] is None
            or named.get((it["type"], it["recipient_kind"])) != it["recipient_count"]]

"""Recognizer for `events`: the meeting or ceremony an article reports.

A report names its meeting in the lead: "Chiều ngày 08/01, Khối thi đua … tổ chức hội nghị
tổng kết … năm 2020". The lead is the first sentence near the top with a meeting word and a
date (or "vừa"), the type comes from the first event word after the date (lexicon
event_types.tsv), then the headline, then the period reviewed. One event per article: the
other things done at the same meeting (pact signing, launch) are parts of it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from thidua.extract.dates import DateMention, Period, find_dates, find_periods, make_date
from thidua.extract.document import Doc
from thidua.extract.event_bloc import bloc_before, find_mentions, resolve
from thidua.extract.lexicon import alternation, table, words

# upper-case letters with Vietnamese marks ("À-Ỹ" as a range would take lower-case ones too)
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isalpha() and c.isupper())
LEAD_SENTENCES = 6          # the lead is among the first sentences of prose of the body
PROSE_MIN_WORDS = 8
REVIEWS = ("annual_review", "interim_review", "other")   # types that review a period
# a full-year review is held from about September of its year to the spring after
LATEST_REVIEW_MONTH = 6


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    type: str
    strong: bool


@lru_cache(maxsize=1)
def _lexicon() -> tuple[re.Pattern, dict[str, tuple[str, bool]]]:
    rows = table("event_types")
    kinds = {_key(r["phrase"]): (r["type"], r["strength"] == "strong") for r in rows}
    rx = re.compile(r"(?<![\w])(?:" + alternation(r["phrase"] for r in rows) + r")(?![\w])", re.I)
    return rx, kinds


def _key(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.lower()).strip()


def cues(text: str) -> list[Cue]:
    """Event words in `text`, outside parentheses and quotes (titles of other things)."""
    rx, kinds = _lexicon()
    out = []
    for m in rx.finditer(text):
        before = text[:m.start()]
        if before.count("(") > before.count(")") or before.count("“") > before.count("”"):
            continue
        kind, strong = kinds[_key(m.group())]
        out.append(Cue(m.start(), m.end(), kind, strong))
    return out


# a date that belongs to a document ("Kế hoạch số 21/KH-UBND ngày 16/01/2023") or a span
_DOC_DATE = re.compile(r"\d+\s?/\s?[A-ZĐ][\w/-]*(?:\s+[A-ZĐ][\w/-]*)?\s*,?\s*(?:ban hành\s+)?ngày\s*$")


def _meeting_dates(text: str) -> list[DateMention]:
    out = []
    for d in find_dates(text):
        before = text[:d.start]
        if _DOC_DATE.search(before[-40:]):
            continue
        if before.count("(") > before.count(")") and not re.search(r"(?:nay|qua)\s*\(\s*$", before):
            continue  # a date in brackets is an aside, except "Sáng nay (20/1)"
        if re.match(r"\s*-\s*\d", text[d.end:]) or re.search(r"\d\s*-\s*$", before):
            continue  # "11/6/1948-11/6/2018"
        out.append(d)
    return out


@dataclass
class Lead:
    sentence: object
    date: DateMention | None
    cue: Cue | None          # the strong event word, if any
    meeting: Cue | None      # a meeting word, when no strong one
    offset: int = 0          # where the report starts in the sentence (after a legal preamble)


@lru_cache(maxsize=1)
def _preamble() -> re.Pattern:
    return re.compile(r"^\W*(?:" + alternation(words("event_preambles")) + r")\s+(?:các\s+)?(?:" +
                      alternation(r["type"] for r in table("document_types")) + r")(?!\w)", re.I)


def _prose(doc: Doc) -> list:
    """The article's first sentences of prose: page furniture above the lead (menus, image
    names, labels) is a line of a few words."""
    out = [s for s in doc.sentences if len(s.text.split()) >= PROSE_MIN_WORDS]
    return out[:LEAD_SENTENCES]


def _lead(doc: Doc) -> Lead | None:
    """The sentence that reports the meeting, its date and its event word."""
    fallback = None
    prose = _prose(doc)
    for sentence in prose:
        text = sentence.text
        offset = 0
        if _preamble().match(text):
            # "Thực hiện Kế hoạch số … ngày …, chiều 25/3, Khối … tổ chức …": what the meeting
            # is based on, then perhaps the meeting itself
            dates = _meeting_dates(text)
            if not dates:
                continue
            offset = text.rfind(",", 0, dates[0].start) + 1
            text = text[offset:]
        found = [c for c in cues(text) if c.type != "report"]
        dates = _meeting_dates(text)
        date_ = dates[0] if dates else None
        # the event word follows the date ("Sáng 12/1, … tổ chức hội nghị tổng kết"), or
        # precedes it ("Hội nghị tổng kết … được tổ chức vào sáng 12/1")
        after = [c for c in found if date_ is None or c.start >= date_.end] or found
        strong = [c for c in after if c.strong]
        weak = [c for c in after if not c.strong and c.type != "meeting"]
        meeting = [c for c in after if c.type == "meeting"]
        first = (strong or meeting or weak or [None])[0]
        if first is not None and _issues_document(text[date_.end if date_ else 0:first.start]):
            continue  # "Ngày 5/2, UBND tỉnh ban hành Kế hoạch … phát động thi đua": a document
        if date_ is not None and _reported(text, date_, first):
            date_ = None
        has_context = date_ is not None or meeting or re.search(r"(?<![\w])vừa(?![\w])", text, re.I)
        if strong and has_context:
            return Lead(sentence, date_, strong[0], None, offset)
        if fallback is None and (meeting or weak) and sentence in prose[:3]:
            fallback = Lead(sentence, date_, weak[0] if weak else None, meeting[0] if meeting else None, offset)
    return fallback


_ISSUING = re.compile(r"(?<![\w])(?:ban hành|ký ban hành|phê duyệt)(?![\w])|(?:Kế hoạch|Quyết định|Chỉ thị|"
                      r"Công văn|Văn bản|Hướng dẫn|Thông báo|Nghị quyết)\s+số", re.I)


def _issues_document(between: str) -> bool:
    return bool(_ISSUING.search(between))


def _reported(text: str, when: DateMention, cue: Cue | None) -> bool:
    """A reporting verb between the date and the event word: the date is the report's."""
    end = cue.start if cue is not None and cue.start > when.end else len(text)
    return any(c.type == "report" for c in cues(text[when.end:end]))


def _title_cue(doc: Doc) -> Cue | None:
    strong = [c for c in cues(doc.title or "") if c.strong and c.type not in ("meeting", "report")]
    return strong[0] if strong else None


_BARE_YEAR = re.compile(r"(?:tổng kết|sơ kết|khen thưởng)\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.I)


# "đợt 1 năm 2025", "lần thứ hai năm 2022", "phiên thứ nhất năm 2020": the session's own year
_SESSION_YEAR = re.compile(r"(?i:đợt|lần\s+thứ|phiên\s+thứ|kỳ\s+họp\s+thứ|phiên)\s+\w+\s*$")
# "tổng kết 10 năm thực hiện Chỉ thị …": a review of a programme, not of a year
_PROGRAMME_REVIEW = re.compile(r"(?i:tổng\s+kết|sơ\s+kết)\s+\d+\s+năm\s+(?:thực\s+hiện|triển\s+khai)")


def _periods(text: str, year_hint: int | None) -> list[Period]:
    found = [p for p in find_periods(text, year_hint)
             if not _SESSION_YEAR.search(text[:max(0, text.find(p.text))])]
    for m in _BARE_YEAR.finditer(text):   # "khen thưởng tổng kết 2019" writes no "năm"
        y = int(m["y"])
        found.append(Period(m["y"], date(y, 1, 1), date(y, 12, 31), "year"))
    return sorted(found, key=lambda p: text.find(p.text))


_FORWARD = re.compile(r"(?:triển khai|phương hướng|nhiệm vụ|kế hoạch|phát động|ký kết|giao ước|chương trình)"
                      r"[^,;]*$", re.I)


def _before(text: str, period: Period) -> str:
    pos = text.find(period.text)
    return text[:pos] if pos >= 0 else ""


def _resolve_date(mention: DateMention, etype: str, period: Period | None, target_year: int | None,
                  doc: Doc) -> date | None:
    """The meeting's day: the year as written, else from what the meeting is about (a review
    of 2020 held on 12/1 is in 2021), else from the publication date."""
    if mention.year:
        return make_date(mention.year, mention.month, mention.day)
    year = None
    if period is not None and etype in REVIEWS:
        if period.kind == "year" or period.kind == "span":
            y = period.end.year
            year = y if mention.month > LATEST_REVIEW_MONTH else y + 1
        else:
            year = period.end.year if mention.month >= period.end.month else period.end.year + 1
    elif target_year is not None and etype in ("pact_signing", "launch"):
        year = target_year - 1 if mention.month == 12 else target_year
    candidate = make_date(year, mention.month, mention.day) if year else None
    if doc.published is not None and (candidate is None or candidate > doc.published + timedelta(days=7)):
        return mention.resolve(ref=doc.published, year_hint=doc.year)
    return candidate or mention.resolve(ref=doc.published, year_hint=doc.year)


@lru_cache(maxsize=1)
def _location_rx() -> re.Pattern:
    """The place after "tại": a capitalised word or a place noun, then up to a clause mark, a
    verb or a bloc's name ("tại hội trường UBND xã X cụm thi đua số 7 gồm …" ends before
    "cụm"); a dot of an abbreviation in it ("TP. Cần Thơ", `place_abbreviations.txt`) is kept."""
    abbrev = alternation(words("place_abbreviations"))
    char = r"(?:(?<![\w.])(?:" + abbrev + r")\s*|[^,;.])"
    return re.compile(
        r"(?<![\w])[Tt]ại\s+(?P<loc>(?:" + abbrev + r"|[" + _UPPER + r"]|(?:huyện|tỉnh|thành phố|thị xã|xã|phường|quận|"
        r"thị trấn|trụ sở|hội trường|nhà văn hóa|trung tâm|trường|nhà|phòng họp|khu|thôn|bản|làng)\s)" + char
        + r"{1,120}?)(?=\s*[,;.]|\s+(?:diễn ra|tổ chức|đã|vừa|long trọng|Khối|Cụm|(?i:khối|cụm)\s+thi\s+đua)\b|$)")


_NOT_PLACE = re.compile(r"^(?:Hội nghị|hội nghị|Buổi|buổi|Lễ|lễ|Văn bản|Kế hoạch|Quyết định|Nghị|Chỉ thị|"
                        r"Thông|Công văn|Hướng dẫn|đây|Đại hội)(?![\w])")


def _location(text: str) -> str | None:
    for m in _location_rx().finditer(text):
        loc = m["loc"].strip()
        if not _NOT_PLACE.match(loc) and len(loc.split()) <= 24:
            return loc
    return None


def _bloc(doc: Doc, text: str, cue_start: int) -> str | None:
    """The bloc holding the meeting: the subject before the event word ("Khối thi đua … tổ
    chức hội nghị"), or "… của Cụm thi đua …" right after it; else the headline's subject."""
    blocs = doc.facts.get("blocs") or []
    name = bloc_before(text, cue_start, blocs)
    if name:
        return name
    for mention in find_mentions(text[cue_start:]):
        prefix = text[cue_start:cue_start + mention.start]
        if re.search(r"\bcủa\s*$", prefix) and not re.search(r"[,;]", prefix):
            return resolve(mention, blocs)
    title = doc.title or ""
    title_cue = _title_cue(doc)
    if title_cue:
        return bloc_before(title, title_cue.start, blocs)
    return None


@lru_cache(maxsize=1)
def _council() -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + alternation(words("event_other_organisers")) + r")(?!\w)", re.I)


def _held_by_award_council(doc: Doc, lead: str, cue_start: int) -> bool:
    """The lead's subject, or the headline's, is the emulation and commendation council."""
    if _council().search(lead[:cue_start] if cue_start else lead[:120]):
        return True
    title = doc.title or ""
    title_cue = next(iter(cues(title)), None)
    return bool(_council().search(title[:title_cue.start] if title_cue else title[:60]))


def extract(doc: Doc) -> list[dict]:
    lead = _lead(doc)
    if lead is None:
        return []
    main = _event(doc, lead, use_title=True)
    if main is None:
        return []
    events = [main]
    for other in _later_leads(doc, lead):
        event = _event(doc, other, use_title=False)
        if not event or not event["date"] or any(event["date"] == e["date"] for e in events):
            continue
        if main["date"] is None and event["type"] == main["type"]:
            # the lead named the meeting without its day, a later sentence gives it: one event
            events[0] = {**event, **{k: v for k, v in main.items() if v is not None and k != "date"}}
            main = events[0]
            continue
        events.append(event)
    return events


# a sentence that opens with the day of a meeting reports a meeting of its own
_OPENS_WITH_DATE = re.compile(r"^\W*(?:\([^)]{1,12}\)\s*-\s*)?(?:(?:Sáng|Chiều|Tối|Trưa)\s+(?:ngày\s+)?|Ngày\s+)\d", re.I)


def _later_leads(doc: Doc, main: Lead) -> list[Lead]:
    """Further meetings the article reports after its lead: "Chiều 15/1, UBND huyện tổ chức lễ
    trao …" opening a later sentence, with an event word of its own after the date."""
    out = []
    for sentence in doc.sentences:
        if sentence.start <= main.sentence.start or not _OPENS_WITH_DATE.match(sentence.text):
            continue
        dates = _meeting_dates(sentence.text)
        if not dates or dates[0].start > 30:
            continue
        found = [c for c in cues(sentence.text) if c.strong and c.type not in ("meeting", "report")
                 and c.start >= dates[0].end]
        if found and not _issues_document(sentence.text[dates[0].end:found[0].start]) \
                and not _reported(sentence.text, dates[0], found[0]):
            out.append(Lead(sentence, dates[0], found[0], None))
    return out


def _event(doc: Doc, lead: Lead, use_title: bool) -> dict | None:
    text = lead.sentence.text[lead.offset:]
    anchor = lead.cue or lead.meeting or lead.date
    anchor_start = anchor.start if anchor is not None else 0
    hint = lead.date.year if lead.date and lead.date.year else None
    if hint is None:
        title_periods = find_periods(doc.title or "")
        hint = title_periods[0].end.year if title_periods else doc.year
    periods = _periods(text[anchor_start:], hint) or (_periods(doc.title or "", hint) if use_title else [])
    period = periods[0] if periods else None
    title_cue = _title_cue(doc) if use_title else None
    if lead.cue is not None:
        etype = lead.cue.type
    elif title_cue is not None:
        etype = title_cue.type
    elif lead.meeting is not None and period is not None:
        # only a meeting word: the period tells a review, unless it is the coming one
        # ("hội nghị triển khai nhiệm vụ năm 2024")
        reviewed = [p for p in periods if not _FORWARD.search(_before(text[anchor_start:], p)[-30:])]
        if not reviewed:
            return None
        period = reviewed[0]
        etype = "annual_review" if period.kind in ("year", "span") else "interim_review"
    elif lead.meeting is not None and _held_by_award_council(doc, text, anchor_start):
        etype = "other"  # the council meets to consider awards: a session of its own, any period
    else:
        return None
    if etype == "annual_review" and period is not None and period.kind in ("half", "quarter", "months"):
        etype = "interim_review"
    if etype in REVIEWS and _held_by_award_council(doc, text, anchor_start):
        etype = "other"  # a council session that reviews awards, not a review of the year's work
    if etype == "annual_review" and _PROGRAMME_REVIEW.search(text[anchor_start:anchor_start + 80]):
        etype, period = "other", None
    when = _resolve_date(lead.date, etype, period, period.end.year if period else None, doc) if lead.date else None
    keep_period = etype in REVIEWS and period is not None
    return {
        "type": etype,
        "date": when.isoformat() if when else None,
        "period_start": period.start.isoformat() if keep_period else None,
        "period_end": period.end.isoformat() if keep_period else None,
        "location": _location(text),
        "bloc": _bloc(doc, text, anchor_start),
        "evidence": lead.sentence.evidence(),
        "_span": _words(lead),
    }


def _words(lead: Lead) -> tuple[int, int]:
    """The words that report the event: from its date (when written before) to its event word."""
    base = lead.sentence.start + lead.offset
    anchor = lead.cue or lead.meeting
    starts = [x.start for x in (lead.date, anchor) if x is not None]
    ends = [x.end for x in (lead.date, anchor) if x is not None]
    if not starts:
        return lead.sentence.start, lead.sentence.end
    return base + min(starts), base + max(ends)

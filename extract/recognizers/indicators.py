"""Recognizer for `indicators`: reported socio-economic and performance figures.

A figure is a number with a unit from lexicon/indicator_units.tsv or a percent. Each clause
(a sentence cut at ";") is read left to right: a number with a unit opens an indicator; a
percent after "tăng/giảm" or before "kế hoạch/dự toán" is that indicator's growth or share of
plan, or, when no figure stands open, an indicator of its own with value null ("tăng 3,5% so
với năm 2019"). Counts of things (xã, dự án, hộ) are taken only after a verb reporting a
result, and clauses about meetings, awards or targets are skipped: a spurious figure costs
more than a missed one.
"""
from __future__ import annotations

import re

from thidua.extract import indicator_lists
from thidua.extract.document import Doc
from thidua.extract.indicator_lexicon import (cue_at_end, cue_at_start, figure_amount, has_cue,
                                              unit_named, vocabulary)
from thidua.extract.indicator_names import (is_current, lead_name, name_after, name_before,
                                            period_in, region_in, remove_places_and_periods,
                                            strip_edges, words)
from thidua.extract.numbers import as_int_or_float, parse_number

_CLAUSE = re.compile(r"[^;…]+")
# ", công nghiệp 17%": a further item of an elliptical list, its verb left out
_ELLIPTIC = re.compile(r"^\s*,\s*(?:và\s+)?(?P<name>[^\W\d_][^\d,;.:()%]{1,60}?)\s*$")
_MAX_ELLIPTIC_WORDS = 7
_RANGE_BEFORE = re.compile(r"\d\s*(?:-|–|đến)\s*$")
_RANGE_AFTER = re.compile(r"\s*(?:-|–|đến)\s*\d")
_COMPARE = re.compile(r"^\s*\)?\s*,?\s*so\s+với\s+(?P<what>[^,;.()]+)", re.I)
_UP_TO_PUNCT = re.compile(r"^[^,;.()]*")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_UNNAMED: dict = {"change_pct": None, "plan_pct": None, "compared_to": None}
# text between an open figure and a modifier that still belongs to it: punctuation, "và", "đạt"
_JOINER = re.compile(r"^(?:\s|[,(]|và\b|đạt\b|ước\s+đạt\b|so\s+với\s+[^,;.()]*[,)]?)*$", re.I)


def extract(doc: Doc) -> list[dict]:
    out: list[dict] = []
    seen: set = set()
    for sentence in doc.sentences:
        for item in _sentence_figures(sentence.text, doc):
            key = (item["name"].lower(), item["value"], item["unit"], item["change_pct"],
                   item["plan_pct"], item["region"])
            if key in seen:
                continue
            seen.add(key)
            item["evidence"] = sentence.evidence()
            if "_span" in item:
                item["_span"] = (sentence.start + item["_span"][0], sentence.start + item["_span"][1])
            out.append(item)
    return out


def _sentence_figures(text: str, doc: Doc) -> list[dict]:
    if not vocabulary().figure.search(text):
        return []
    items: list[dict] = []
    shape = indicator_lists.find(text)
    spans = shape.clauses if shape else [(m.start(), m.end(), None) for m in _CLAUSE.finditer(text)]
    template = None    # the list's first item: the kind of figure the other items give
    for start, end, place in spans:
        count = len(items)
        _clause_figures(text[start:end], text[:start], text, doc, items,
                        shape.measure if shape and place else None)
        if shape and place:
            template = _as_list_item(items[count:], place, shape.measure, template)
    return items


def _as_list_item(new: list[dict], place: tuple[int, str], measure: str, template: dict | None) -> dict | None:
    """The clause's first figure after its place measures the list's measure there; a bare
    percent takes the kind of the list's first item ("tăng trưởng … 12,89%; huyện B đạt 10,87%")."""
    item = next((it for it in new if "_span" in it and it["_span"][0] >= place[0]), None)
    if item is None:
        return template
    item["name"], item["region"] = measure, place[1]
    if template is not None and template["change_pct"] is not None and template["value"] is None \
            and item["change_pct"] is None:
        if item["plan_pct"] is not None and item["value"] is None:
            item["change_pct"], item["plan_pct"] = item["plan_pct"], None
        elif item["unit"] == "%":
            item["change_pct"], item["value"], item["unit"] = item["value"], None, None
    return template or item


def _is_future(clause: str, year: int | None) -> bool:
    if has_cue("future", clause):
        return True
    years = [int(y) for y in _YEAR.findall(clause)]
    return bool(year and years and min(years) > year)


def _clause_figures(clause: str, prefix: str, sentence: str, doc: Doc, items: list[dict],
                    list_measure: str | None = None) -> None:
    """Appends to `items` the figures of `clause`, which follows `prefix` in `sentence`;
    `list_measure` names a figure the clause leaves unnamed (an item of a place list)."""
    # a result is of a year up to the article's publication; a later year is a target
    latest = max(filter(None, (doc.year, doc.published.year if doc.published else None)), default=None)
    if _is_future(clause, latest) or has_cue("exclude_any", clause):
        return
    reader = _ClauseReader(clause, prefix, sentence, doc, items, list_measure)
    for m in vocabulary().figure.finditer(clause):
        if m.start() < reader.consumed:
            continue
        spelling, value = figure_amount(m)
        unit = unit_named(spelling)
        if unit is None or value is None:
            continue
        if unit.kind == "percent":
            reader.percent(m, value)
        else:
            reader.measure(m, unit, value)


class _ClauseReader:
    """Reads one clause's figures left to right, keeping the figure that later growth and
    plan shares attach to (`current`) and how much of the clause is used (`consumed`)."""

    def __init__(self, clause: str, prefix: str, sentence: str, doc: Doc, items: list[dict],
                 list_measure: str | None = None):
        self.clause, self.prefix, self.sentence, self.doc, self.items = clause, prefix, sentence, doc, items
        self.list_measure = list_measure
        self.made = ""   # the verb of the last figure named after itself ("làm mới 15 km đường")
        self.social = has_cue("exclude", clause)    # meeting, award or membership talk
        self.current: dict | None = None
        self.consumed = 0
        self.last_role: str | None = None   # what the clause's last percent was, for elliptical lists
        self.parts_of: str | None = None    # the unit of a figure being broken down ("trong đó: …")

    def _add(self, name: str, value, unit: str | None, zone: str, figure: re.Match | None = None) -> dict:
        self.current = _item(name, value, unit, self.doc, self.clause, self.sentence, zone)
        if figure is not None:    # where the figure is written, from the clause's start in the sentence
            at = len(self.prefix)
            self.current["_span"] = (at + figure.start(), at + figure.end())
        self.items.append(self.current)
        return self.current

    def percent(self, m: re.Match, value: float) -> None:
        zone, rest = self.clause[self.consumed:m.start()], self.clause[m.end():]
        if _RANGE_BEFORE.search(zone) or _RANGE_AFTER.match(rest):
            self.consumed = m.end()    # "từ 6,5 - 7%": a range, often a target
            return
        role, end = _percent_role(zone, rest)
        sibling = _ELLIPTIC.match(zone) if role is None and self.last_role else None
        if sibling and not self.social and words(sibling["name"]) <= _MAX_ELLIPTIC_WORDS:
            # "… nông nghiệp tăng 6%, công nghiệp 17%": the next item of the list, the same kind
            field = {"change": "change_pct", "plan": "plan_pct"}.get(self.last_role)
            previous = self.items[-1] if self.items else {}
            item = self._add(sibling["name"], None if field else value, None if field else "%", zone, m)
            if field:
                sign = -1 if (previous.get(field) or 0) < 0 else 1
                item[field] = as_int_or_float(sign * value)
            self.consumed = m.end()
            return
        if role in ("change", "plan"):
            field = "change_pct" if role == "change" else "plan_pct"
            sign = -1 if role == "change" and cue_at_end("decrease", _unqualified(zone)) else 1
            compared = _compared_to(rest) if role == "change" else None
            current = self.current
            if current is not None and current[field] is None and _belongs(zone):
                current[field] = as_int_or_float(sign * value)
                current["compared_to"] = current["compared_to"] or compared
            else:
                name = _null_name(zone, role, self.items) if current is not _UNNAMED else ""
                name = name or (self.list_measure if current is None else "")
                if name:
                    item = self._add(name, None, None, zone, m)
                    item[field] = as_int_or_float(sign * value)
                    item["compared_to"] = compared
            self.last_role = role
            self.consumed = m.end() + end
        elif role == "ratio":
            self.consumed = m.end() + end
        elif role is None and self.list_measure and self.current is None and not self.social:
            self._add(self.list_measure, value, "%", zone, m)   # "…; huyện B đạt 10,87%"
            self.consumed = m.end()
        elif role in ("rate", "lead") and not self.social:
            # a share: "tỷ lệ che phủ rừng 67%", "100% cơ quan, đơn vị ... hoàn thành"
            name, end = (name_before(zone), end) if role == "rate" else lead_name(rest)
            if name:
                self._add(name, value, "%", zone, m)
                self.last_role = "rate"
                self.consumed = m.end() + end

    def measure(self, m: re.Match, unit, value: float) -> None:
        clause = self.clause
        zone, rest = clause[self.consumed:m.start()], clause[m.end():]
        before = _unqualified(zone)
        marker = cue_at_end("not_before", before)   # "năm 2023 xã ...", "lần thứ 5", not "tổng số"
        if marker and not re.search(r"(?i)tổng\s*$", before[:marker.start()]):
            return
        if _RANGE_BEFORE.search(zone) or _RANGE_AFTER.match(rest):
            self.consumed = m.end()    # "từ 6,5 - 7%", "5 - 7 tỷ đồng": a range, often a target
            return
        part = re.search(r"(?i)trong\s+đó\s*:?\s*(?:có\s+)?$", zone) or (
            self.parts_of == unit.name and re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", zone))
        if re.match(r"\s+còn\s+lại", rest) or (part and not has_cue("result", _UP_TO_PUNCT.match(rest).group())):
            # "3 xã còn lại", "16/16 chỉ tiêu, trong đó: 12 chỉ tiêu về kinh tế và 4 …": the parts
            # of a figure, not results ("8 xã đạt NTM, trong đó 3 xã đạt NTM nâng cao" is one)
            self.parts_of, self.consumed = unit.name, m.end() + len(_UP_TO_PUNCT.match(rest).group().split(" và ")[0])
            return
        change = cue_at_end("increase", before) or cue_at_end("decrease", before)
        if change and unit.kind not in ("count", "member", "person"):
            # "thu ngân sách tăng 120 tỷ đồng so với năm 2022": an absolute change, its own figure
            compare = _COMPARE.match(rest)
            verb = "giảm" if cue_at_end("decrease", before) else "tăng"
            base = self.current["name"] if self.current and self.current is not _UNNAMED and _belongs(zone) \
                else name_before(before[:change.start()])
            if base:
                item = self._add(f"{base} {verb}", value, unit.name, zone, m)
                item["compared_to"] = _compared_to(rest)
            self.consumed = m.end() + (len(compare.group()) if compare else 0)
            return
        if unit.kind in ("count", "member", "person"):
            name, taken = name_after(unit.name, rest)
            if self.social or has_cue("admin_list", m.group() + rest[:taken + 12]) or (
                    unit.kind == "member" and has_cue("membership", clause)) or (
                    unit.kind == "person" and has_cue("gathering", clause)):
                return
            if not (m["total"] or has_cue("result", clause[:m.start()]) or has_cue("result", rest[:taken])):
                return
            if words(name) <= words(unit.name):
                name = _count_name(unit.name, zone)
        else:
            name, taken = ("", 0)
            if unit.kind == "quantity" and _verb_led(zone):
                # "…, làm mới hơn 15 km đường bê tông": what was made is named after the figure
                name, taken = _count_name_after(zone, rest)
                self.made = _verb_led(zone)
            elif unit.kind == "quantity" and self.made and not _unqualified(zone).strip(" ,"):
                # "…, trên 10 km rãnh thoát nước": the next item of what the same verb made
                noun, taken = name_after("", rest)
                name = f"{noun} {self.made}" if words(noun) else ""
            if not name:
                name, taken = _value_name(zone, self.prefix + clause[:m.start()], self.items), 0
            if not name:                        # "trồng mới 1.200 ha rừng": named after it
                name, taken = _count_name_after(zone, rest)
        name = name or (self.list_measure if self.current is None else "")
        if not name:   # a figure we cannot name: its growth and plan go with it, unrecorded
            self.current, self.consumed = _UNNAMED, m.end()
            return
        item = self._add(name, value, unit.name, zone, m)
        item["total"] = as_int_or_float(parse_number(m["total"])) if m["total"] else None
        self.consumed = m.end() + taken


def _unqualified(zone: str) -> str:
    """`zone` without the qualifiers that may stand just before a number (gần, trên, ước)."""
    prev = None
    while prev != zone:
        prev = zone
        zone = zone.rstrip()
        m = cue_at_end("approx", zone)
        if m:
            zone = zone[:m.start()]
    return zone


def _percent_role(zone: str, rest: str) -> tuple[str | None, int]:
    """What a percent is, from the words around it, and how much of `rest` it uses.

    change (tăng 5,81%), plan (đạt 103,7% kế hoạch), ratio (bằng 107,7% so với cùng kỳ: not
    recorded), rate (tỷ lệ ... 67%: the value), lead (100% cơ quan ...: the value, named after).
    """
    before = _unqualified(zone)
    if cue_at_end("exceed", before):
        return "ratio", len(_UP_TO_PUNCT.match(rest).group())
    plan = cue_at_start("plan", re.sub(r"^\s*(?:so\s+với|so|của)\s+", " ", rest))
    if plan:
        return "plan", len(_UP_TO_PUNCT.match(rest).group())
    if cue_at_end("level", before) and (cue_at_end("increase", before[:cue_at_end("level", before).start()])
                                        or cue_at_end("decrease", before[:cue_at_end("level", before).start()])):
        return ("rate", 0) if has_cue("rate", zone) else (None, 0)
    if cue_at_end("increase", before) or cue_at_end("decrease", before):
        compare = _COMPARE.match(rest)
        return "change", len(compare.group()) if compare else 0
    if cue_at_end("ratio", before):
        return "ratio", len(_UP_TO_PUNCT.match(rest).group())
    if has_cue("growth", zone):
        return "change", 0
    if has_cue("rate", zone):
        return "rate", 0
    if cue_at_end("reach", before) and re.match(r"\s*[,;.)]|\s*$|\s+(?:gồm|của|ở|tại)\b", rest):
        return "plan", 0   # "thu ngân sách đạt 105%": of the year's estimate
    if not words(strip_edges(remove_places_and_periods(zone.rsplit(",", 1)[-1]))) and re.match(r"\s+[^\W\d_]", rest):
        return "lead", 0
    return None, 0


def _compared_to(rest: str) -> str | None:
    m = _COMPARE.match(rest)
    return re.sub(r"\s+", " ", m["what"]).strip() if m else None


def _belongs(zone: str) -> bool:
    """Whether a modifier after an open figure is that figure's ("…tỷ đồng, tăng 5,4%")."""
    before = _unqualified(zone)
    for role in ("increase", "decrease", "ratio"):
        m = cue_at_end(role, before)
        if m:
            before = before[:m.start()]
            break
    return bool(_JOINER.match(before))


def _null_name(zone: str, role: str, items: list[dict]) -> str:
    """Name of a growth or plan share that stands alone ("GRDP ... tăng 3,5%")."""
    before = _unqualified(zone)
    if not cue_at_end("growth", before):          # "tăng 3,5%": the verb is not the name
        for cue in ("increase", "decrease", "ratio"):
            m = cue_at_end(cue, before)
            if m:
                before = before[:m.start()]
                break
    name = name_before(before)
    if name and role == "change" and has_cue("growth", zone) and not has_cue("growth", name):
        name = f"{name} tăng trưởng"               # "tăng trưởng với tốc độ 2,58%"
    if not words(name):
        period = re.search(r"(?i)quý\s+(?:IV|III|II|I|[1-4])", zone)
        if role == "change" and period and items:
            return f"{items[-1]['name']} {period.group()}"
        return ""
    return name


def _count_name(unit: str, zone: str) -> str:
    """A count named by its verb: "thành lập mới được 26 hợp tác xã" → "Hợp tác xã thành lập
    mới"; else by the words before it ("nâng tổng số dự án ... lên thành 398 dự án")."""
    before = re.sub(r"\s*(?:được|cho)\s*$", "", _unqualified(zone))
    verb = cue_at_end("result", before)
    named = name_before(zone)
    title = unit[:1].upper() + unit[1:]
    if unit.lower() in named.lower():
        return named
    if verb and not cue_at_end("plain", before):
        return f"{title} {verb.group().lower()}"
    return title


def _verb_led(zone: str) -> str:
    """The verb of what was done when the words right before a figure are one ("hiến trên",
    "làm mới hơn"), not a name and a plain link ("Thu ngân sách đạt"); else ""."""
    tail = re.split(r"[,;:]", _unqualified(zone))[-1]
    verb = cue_at_end("result", tail)
    return verb.group().lower() if verb and not cue_at_end("plain", tail) else ""


def _count_name_after(zone: str, rest: str) -> tuple[str, int]:
    noun, taken = name_after("", rest)
    verb = cue_at_end("result", re.sub(r"\s*(?:được|cho)\s*$", "", _unqualified(zone)))
    if not words(noun):
        return "", 0
    if verb and not cue_at_end("plain", zone.rstrip()):
        noun = f"{noun} {verb.group().lower()}"
    return noun, taken


def _value_name(zone: str, sentence_before: str, items: list[dict]) -> str:
    """The name of a number with a unit. A name that is only a place or a modifier takes what
    the list before it announced ("giá trị sản xuất ... như: Hương Sơn đạt 8,3 nghìn tỷ đồng")
    or what the figure before it measured ("..., bình quân 18,2 tiêu chí/xã")."""
    name = name_before(zone)
    head = _list_head(sentence_before)
    if head and words(name) <= 3:
        return head
    verb = cue_at_end("result", _unqualified(zone))
    if not name and verb and not cue_at_end("plain", _unqualified(zone)):
        return verb.group()[:1].upper() + verb.group()[1:]      # ", hỗ trợ 500.000 đồng/người"
    if items and (not name or has_cue("dangling", name)):
        return f"{items[-1]['name']} {name}".strip()
    return name


def _list_head(sentence_before: str) -> str:
    """The measure announced before a list of examples ("... đạt cao như: A đạt X")."""
    if ":" not in sentence_before:
        return ""
    head = sentence_before.rsplit(":", 1)[0].split(";")[-1]
    if not re.search(r"(?i)(?:như|gồm|là)\s*$", head):
        return ""
    head = re.sub(r"(?i)\s*(?:như|gồm|là)\s*$", "", head)
    head = re.split(r"(?i)\s(?:ở|tại|của)\s+(?:một\s+số|các|nhiều)\s", head)[0]
    head = re.sub(r"(?i)\s*(?:đạt|tăng)\s+(?:cao|khá|tốt)\s*$", "", head)
    return name_before(head)


def _item(name: str, value, unit: str | None, doc: Doc, clause: str, sentence: str,
          zone: str) -> dict:
    period = period_in(clause, doc.year) or period_in(sentence, doc.year)
    if period is None and not is_current(clause) and doc.year:
        period = str(doc.year)
    region = region_in(clause) or region_in(sentence)
    if region in ("tỉnh", "toàn tỉnh") and doc.province and region == "tỉnh":
        region = f"tỉnh {doc.province}"
    return {
        "name": name,
        "value": as_int_or_float(value),
        "unit": unit,
        "total": None,
        "change_pct": None,
        "compared_to": None,
        "plan_pct": None,
        "estimate": has_cue("estimate", zone),
        "period": period,
        "region": region,
    }

"""Recognizer for `documents`: legal and administrative documents cited with a number.

"Kế hoạch số 21/KH-UBND ngày 16/01/2023 của UBND tỉnh", "Chỉ thị 34-CT/TW", "ngày 13/11/2020
Chủ tịch nước đã ký Quyết định số 2015 QĐ-CTN". A document without a number is not recorded:
without one it cannot be told apart from the many plans and resolutions mentioned in passing.
Type words, type codes and issuers are in lexicon/document_*.
"""
from __future__ import annotations

import re
from functools import lru_cache

from thidua.extract.dates import find_dates
from thidua.extract.document import Doc
from thidua.extract.event_bloc import bloc_before
from thidua.extract.lexicon import alternation, table, words

# upper-case letters with Vietnamese marks ("À-Ỹ" as a range would take lower-case ones too)
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isalpha() and c.isupper())
# 21/KH-UBND, 34-CT/TW, 83/2020/NQ-HĐND, 2015 QĐ-CTN (space for "/"), 06/2022/QH15, 231/QĐ-TTg
_SEGMENT = r"[A-ZĐ][A-ZĐa-zđ0-9]*"
NUMBER = (r"(?P<num>\d{1,5}[a-z]?(?:\s?/\s?(?:19|20)\d\d)?(?:\s?[/-]\s?|\s)" + _SEGMENT
          + r"(?:\s?[-/.&]\s?" + _SEGMENT + r")*)(?![\w/])")
_SO = r"(?:\s+(?:số|Số|SỐ))?\s*:?\s*"


@lru_cache(maxsize=1)
def _types() -> tuple[dict[str, str], dict[str, str]]:
    """Type word (lower case) → type as written in the record; number code → type."""
    by_word, by_code = {}, {}
    for row in table("document_types"):
        by_word[row["type"].lower()] = row["type"]
        for code in filter(None, row.get("codes", "").split("|")):
            by_code.setdefault(code.upper(), row["type"])
    return by_word, by_code


@lru_cache(maxsize=1)
def _mention_re() -> re.Pattern:
    type_words = alternation(_types()[0])
    return re.compile(r"(?<![\w])(?:(?P<type>" + type_words + r")" + _SO + r"|(?P<so>số|Số)\s*:?\s*)" + NUMBER,
                      re.I)


@lru_cache(maxsize=1)
def _issuers() -> list[tuple[re.Pattern, str]]:
    out = []
    for row in table("document_issuers"):
        for form in [row["issuer"]] + [v for v in row.get("variants", "").split("|") if v.strip()]:
            out.append((form.strip(), row["issuer"]))
    out.sort(key=lambda p: len(p[0]), reverse=True)
    return [(re.compile(alternation([f]) + r"(?![\w])", re.I), canon) for f, canon in out]


@lru_cache(maxsize=1)
def _issuer_head_re() -> re.Pattern:
    return re.compile(r"(?:" + alternation(words("document_issuer_heads")) + r")(?![\w])")


# where an issuer's name ends after "của": the subject matter, a term, a list, a quote
_ISSUER_END = re.compile(r"\s*[,;(“\"]|\s+(?:về|khóa|khoá|ngày|quy định|hướng dẫn|ban hành|"
                         r"triển khai|tại|đã|là|và\s+(?:các|số|Kế hoạch|Quyết định|Chỉ thị|Nghị))\b|[.:]\s|$")
_AFTER_DATE = re.compile(r"\s*,?\s*(?:ban hành\s+|ký\s+)?(?=ngày\s)", re.I)
_AFTER_OF = re.compile(r"\s*,?\s*của\s+")
# a verb showing that the subject before it issued the document named after it
_ISSUING_VERB = re.compile(r"(?:đã\s+|vừa\s+|mới\s+)?(?:ký|ban hành|phê duyệt|phát động|phát đi|ra)(?![\w])")


def normalise_number(raw: str) -> str:
    """"2015 QĐ-CTN" → "2015/QĐ-CTN"; spaces around "/" and "-" dropped."""
    num = re.sub(r"\s*([/-])\s*", r"\1", raw.strip())
    num = re.sub(r"^(\d{1,5}[a-z]?(?:/\d{4})?)\s+(?=[A-ZĐ])", r"\1/", num)
    return num


def _code_type(number: str) -> str | None:
    by_code = _types()[1]
    for part in re.split(r"[-/.]", number):
        part = re.sub(r"\d+$", "", part).upper()  # QH15: the law of the 15th Quốc hội
        if part in by_code:
            return by_code[part]
    return None


def _type_before(text: str) -> str | None:
    """The type word shortly before a bare "số": "Luật Thi đua, khen thưởng số 06/2022/QH15"."""
    hits = list(re.finditer(r"(?<![\w])(?:" + alternation(_types()[0]) + r")(?![\w])", text[-80:]))
    if hits and not re.search(r"\d", text[-80:][hits[-1].end():]):
        return _types()[0][hits[-1].group().lower()] if hits[-1].group()[0].isupper() else None
    return None


def _issuer_at(text: str) -> str | None:
    """The issuer named at the start of `text` (text after "của")."""
    for rx, canon in _issuers():
        m = rx.match(text)
        if m:
            # a district's body keeps its place ("UBND huyện Kim Sơn"); the province's is "UBND tỉnh"
            place = re.match(r"\s+((?:[" + _UPPER + r"]\w*\s?){1,4})", text[m.end():])
            if place and re.search(r"(?:huyện|thành phố|thị xã|quận|xã)$", canon):
                return f"{canon} {place.group(1).strip()}"
            return canon
    if _issuer_head_re().match(text):
        end = _ISSUER_END.search(text)
        name = text[:end.start() if end else len(text)].strip()
        if 1 < len(name.split()) <= 12:
            return name
    return None


def _issuer_before(region: str, doc: Doc) -> str | None:
    """The subject of an issuing verb just before the document: "Chủ tịch nước đã ký …",
    "UBND thành phố Hà Nội vừa ban hành …", "Khối thi đua … đã phát động thi đua tại …"."""
    verbs = list(_ISSUING_VERB.finditer(region))
    if not verbs:
        return None
    verb = verbs[-1]
    clause = max(region.rfind(",", 0, verb.start()), region.rfind(";", 0, verb.start())) + 1
    subject = region[clause:verb.start()]
    bloc = bloc_before(region, verb.start(), doc.facts.get("blocs") or [])
    if bloc and re.search(r"(?:Khối|Cụm|khối|cụm)\s+(?:[Tt]hi\s+đua|giao ước)", subject):
        return bloc
    starts = [m.start() for rx, _ in _issuers() for m in rx.finditer(subject)]
    starts += [m.start() for m in _issuer_head_re().finditer(subject)]
    for start in sorted(starts):
        issuer = _issuer_at(subject[start:].strip())
        if issuer:
            return issuer
    return None


def _mentions(doc: Doc, sentence) -> list[dict]:
    text = sentence.text
    out: list[dict] = []
    last_type: str | None = None
    taken: list[tuple[int, int]] = []
    for m in _mention_re().finditer(text):
        number = normalise_number(m["num"])
        code = re.sub(r"^[\d/a-z]+", "", number)
        if sum(c.isupper() for c in code) < 2:
            continue
        if re.match(r"\d+[a-z]?(?:\s?/\s?\d{4})?\s[A-ZĐ]", m["num"]) and not re.search(r"[-/]", code):
            continue  # a space stands for "/" only before a full code ("2015 QĐ-CTN"), not "số 3 KCN"
        if m["type"]:
            doc_type = _types()[0][m["type"].lower()]
        else:
            # "… số 12/QĐ-UBND và số 13/QĐ-UBND": the type word of the list, else the code's
            doc_type = last_type if last_type and text[taken[-1][1]:m.start()].strip() in ("và", ",", ";") else None
            doc_type = doc_type or _code_type(number) or _type_before(text[:m.start()])
        last_type = doc_type
        after = text[m.end():m.end() + 200]
        date = issuer = None
        dm = _AFTER_DATE.match(after)
        consumed = 0
        if dm:
            first = find_dates(after[dm.end():dm.end() + 30])
            if first and first[0].start <= 5:
                date = first[0].resolve(ref=doc.published, year_hint=doc.year)
                consumed = dm.end() + first[0].end
        om = _AFTER_OF.match(after[consumed:])
        if om:
            issuer = _issuer_at(after[consumed + om.end():])
        # the date and the issuer may stand before: "ngày 13/11/2020 Chủ tịch nước đã ký Quyết định"
        region_start = max([b for _, b in taken] + [text.rfind(";", 0, m.start()) + 1])
        region = text[region_start:m.start()]
        if _ISSUING_VERB.search(region[-40:]):
            if issuer is None:
                issuer = _issuer_before(region, doc)
            if date is None:
                before = [d for d in find_dates(region) if "(" not in region[max(0, d.start - 2):d.start]]
                if before:
                    date = before[-1].resolve(ref=doc.published, year_hint=doc.year)
        taken.append((m.start(), m.end()))
        out.append({"number": number, "type": doc_type, "date": date.isoformat() if date else None,
                    "issuer": issuer, "evidence": sentence.evidence(), "_span": (m.start(), m.end())})
    return out


def extract(doc: Doc) -> list[dict]:
    found: dict[str, dict] = {}
    for sentence in doc.sentences:
        if not re.search(r"\d\s?[/ -]\s?[A-ZĐ]", sentence.text):
            continue
        items = _mentions(doc, sentence)
        _share_issuers(items, sentence.text)
        for item in items:
            start, end = item["_span"]
            item["_span"] = (sentence.start + start, sentence.start + end)   # the number, in the body
            key = item["number"].upper()
            if key not in found:
                found[key] = item
            else:  # a later citation may give what the first one left out
                for field in ("type", "date", "issuer"):
                    found[key][field] = found[key][field] or item[field]
    return list(found.values())


def _share_issuers(items: list[dict], text: str) -> None:
    """"Quyết định số 12/QĐ-UBND và số 13/QĐ-UBND của UBND huyện": both have that issuer."""
    for a, b in zip(items[-2::-1], items[:0:-1]):
        between = text[a["_span"][1]:b["_span"][0]].strip(" ,")
        if a["issuer"] is None and b["issuer"] and a["type"] == b["type"] and between in ("", "và"):
            a["issuer"] = b["issuer"]

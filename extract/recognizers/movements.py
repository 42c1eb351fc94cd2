"""Recognizer for `movements`: names of emulation movements (phong trào thi đua).

A movement's name is normally quoted right after "phong trào" or "cuộc vận động"
(phong trào “Bắc Kạn chung sức xây dựng nông thôn mới”), often several in a row
("Điển hình như phong trào: “A”; “B”"). Quotes elsewhere are themes, award titles or
document titles and are left out. Without quotes a name is taken only when it is a known
standing movement (lexicon/movement_known.txt), or an item of a list introduced by
"các phong trào …:" whose items start with a capital ("Chung sức xây dựng Nông thôn mới,
Chung tay vì người nghèo, …"): a running phrase such as "phong trào thi đua thực hiện
thắng lợi nhiệm vụ năm 2020" is a description, not a name.
"""
from __future__ import annotations

import re
from functools import lru_cache

from thidua.extract.document import Doc
from thidua.extract.lexicon import alternation, words
from thidua.extract.text import fold_ascii

# upper-case letters with Vietnamese marks ("À-Ỹ" as a range would take lower-case ones too)
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isalpha() and c.isupper())
QUOTE = r"[“\"«‘](?P<q>[^“”\"«»‘’\n]{3,200})[”\"»’]"
_CHAIN = re.compile(r"\s*[;,]?\s*(?:và\s+|hoặc\s+)?" + QUOTE)
_ABBREV_TAIL = re.compile(r"\s*\([A-ZĐ]{2,8}\)\s*$")
# where an unquoted list item's name ends: a reference, the agent, a parenthesis
_ITEM_END = re.compile(r"\s+(?:theo|của|do|được|đã|đạt|với)\s|\s*[(…]|\.\.\.|\s*$")


@lru_cache(maxsize=1)
def _trigger_re() -> re.Pattern:
    return re.compile(r"(?<![\w])(?:" + alternation(words("movement_triggers")) + r")\s*:?\s*(?:" + QUOTE + r"|"
                      + _UNCLOSED.pattern.replace("?P<q>", "?P<u>") + r")", re.I)


@lru_cache(maxsize=1)
def _known_re() -> re.Pattern:
    # a standing movement is named after "phong trào" / "cuộc vận động", or bare after a verb
    # that takes one ("hưởng ứng Ngày thứ Bảy tình nguyện") when written with capitals
    return re.compile(r"(?:(?<![\w])(?i:phong\s+trào(?:\s+thi\s+đua)?|cuộc\s+vận\s+động)\s+(?P<name>(?i:"
                      + alternation(words("movement_known")) + r"))|(?<![\w])(?i:hưởng\s+ứng|thực\s+hiện\s+tốt|tham\s+gia)\s+"
                      r"(?P<bare>" + alternation(words("movement_known")) + r"))(?![\w])")


@lru_cache(maxsize=1)
def _not_name_re() -> re.Pattern:
    return re.compile(r"^(?:" + alternation(words("movement_not_names")) + r")(?![\w])", re.I)


# "các phong trào như:", "Đặc biệt là các phong trào:", "những phong trào thi đua sau:"
# "Các phong trào tiêu biểu được nêu gồm:": a few words may qualify the movements
_LIST_INTRO = re.compile(r"(?:các|những)\s+phong\s+trào(?:\s+thi\s+đua)?(?:\s+[^\W\d][^:;.“\"«]{0,40}?)?"
                         r"(?:\s+(?:như|gồm|sau|là))?\s*:\s*", re.I)
_ITEM_HEAD = re.compile(r"^(?:Phong\s+trào(?:\s+thi\s+đua)?(?:\s+(?:đặc biệt|cao điểm|yêu nước))?)\s+", re.I)


def clean(name: str) -> str:
    """A name as recorded: no quotes, no trailing "(NTM)", single spaces, dashes " - "."""
    name = _ABBREV_TAIL.sub("", name.strip(" ,;:.…\"“”'‘’"))
    name = re.sub(r"\s+-\s*|\s*-\s+", " - ", name)  # "Covid-19" keeps its hyphen
    name = re.sub(r"\s+", " ", name).strip()
    return name[:1].upper() + name[1:]


# "Nhiều phong trào thi đua được triển khai, tiêu biểu như: “A”, “B”": the quoted list of a
# predicate whose subject is movements
_EXAMPLES = re.compile(r"(?i:phong\s+trào|cuộc\s+vận\s+động)[^“\"«.;]{0,120}?(?i:tiêu\s+biểu|điển\s+hình|nổi\s+bật|"
                       r"trong\s+đó|cụ\s+thể)?(?:\s+(?i:như|là|gồm|có))\s*:?\s*(?=[“\"«])")
# an opening quote never closed: the name runs to the clause's end (a name cut off by the end of
# the text is left out)
_UNCLOSED = re.compile(r"[“\"«](?P<q>[^“”\"«»\n]{3,200}?)(?=[.;](?:\s|$))")


def _quoted(text: str) -> list[tuple[int, str]]:
    out = []
    for m in _EXAMPLES.finditer(text):
        pos = m.end()
        while (c := _CHAIN.match(text, pos)) is not None:
            out.append((c.start("q"), c["q"]))
            pos = c.end()
    for m in _trigger_re().finditer(text):
        if m["u"] is not None:
            if not re.search(r"[”\"»]", text[m.end("u"):]):
                out.append((m.start("u"), m["u"]))
            continue
        out.append((m.start("q"), m["q"]))
        pos = m.end()
        while (c := _CHAIN.match(text, pos)) is not None:
            out.append((c.start("q"), c["q"]))
            pos = c.end()
    return out


def _listed(text: str) -> list[tuple[int, str]]:
    """Unquoted items of a list introduced by "các phong trào …:"."""
    out = []
    for intro in _LIST_INTRO.finditer(text):
        rest = text[intro.end():]
        stop = re.search(r"…|\.\.\.|\.\s|\.$", rest)
        rest = rest[:stop.start() if stop else len(rest)]
        sep = r"\s*;\s*" if ";" in rest else r"\s*,\s*(?=[" + _UPPER + "])"
        for item in re.split(sep, rest):
            start = intro.end() + rest.find(item)
            head = _ITEM_HEAD.match(item)
            body = item[head.end():] if head else item
            quoted = re.match(r"\s*" + QUOTE + r"\s*$", body)
            if quoted:
                out.append((start + quoted.start("q"), quoted["q"]))
                continue
            if not body or re.search(r"[“\"«]", body):
                continue  # quotes inside running text are read by _quoted
            if not head and not body[:1].isupper():
                if sep.startswith(r"\s*;"):
                    continue  # a ';' list goes on after an item in running words
                break  # the list has ended in running text
            end = _ITEM_END.search(body)
            name = body[:end.start()]
            if 2 <= len(name.split()) <= 15:
                out.append((start, name))
    return out


def extract(doc: Doc) -> list[dict]:
    seen: set[str] = set()
    out: list[dict] = []
    for sentence in doc.sentences:
        text = sentence.text
        if not re.search(r"phong\s+trào|vận\s+động|hưởng\s+ứng|thực\s+hiện\s+tốt|tham\s+gia", text, re.I):
            continue
        found = _quoted(text) + _listed(text) + [(m.start(), m["name"] or m["bare"]) for m in _known_re().finditer(text)]
        for pos, raw in sorted(found):
            name = clean(raw)
            key = re.sub(r"[^a-z0-9]+", " ", fold_ascii(name)).strip()
            if len(name.split()) < 2 or key in seen or _not_name_re().match(name):
                continue
            seen.add(key)
            out.append({"name": name, "evidence": sentence.evidence(),
                        "_span": (sentence.start + pos, sentence.start + pos + len(raw))})
    return out

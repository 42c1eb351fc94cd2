"""Lines broken inside a sentence (text copied from a PDF, a fixed-width page or an e-mail)
joined back before sentences are split.

A line that ends without closing punctuation and is followed by a line starting in lower case
continues on that line: a paragraph never opens in lower case. A text where that happens
several times is hard-wrapped throughout, and there a line ending without punctuation also
continues on a following line that opens with a capital or a digit ("… cho đơn vị Ủy ban
MTTQ⏎Việt Nam huyện …"), unless that line opens a caption, a list item or a byline's
affiliation. A blank line always ends a paragraph.
"""
from __future__ import annotations

import re

from thidua.extract.text import LOWER

# what a sentence, a heading or a caption may end with
_CLOSED = re.compile(r"[.!?:;…)\]\"”’'»]\s*$|^\s*$")
_OPENS_LOWER = re.compile(r"^" + LOWER)
_LIST_ITEM = re.compile(r"^\s*(?:[-+•*–]|\d{1,2}[.)]|[a-zđ][.)])\s")
_NOT_PROSE = re.compile(r"^\S+\.\S+$|^https?://|^www\.", re.I)   # a bare host or link
# the lines that show a text is wrapped throughout, not just broken once by a page's chrome
WRAPPED_TEXT_MIN_BREAKS = 3


def _continues(line: str, nxt: str, wrapped: bool) -> bool:
    if _CLOSED.search(line) or not nxt.strip() or _NOT_PROSE.match(nxt.strip()):
        return False
    if _OPENS_LOWER.match(nxt):
        return True
    if not wrapped or _LIST_ITEM.match(nxt) or nxt.lstrip().startswith(("(", "[")):
        return False
    return len(line.split()) >= 2 or bool(_OPENS_LOWER.match(line))


def is_hard_wrapped(lines: list[str]) -> bool:
    breaks = sum(1 for line, nxt in zip(lines, lines[1:])
                 if line.strip() and not _CLOSED.search(line) and _OPENS_LOWER.match(nxt))
    return breaks >= WRAPPED_TEXT_MIN_BREAKS


def join_wrapped(lines: list[str]) -> list[str]:
    """`lines` with every line that continues a sentence joined to the line before it."""
    wrapped = is_hard_wrapped(lines)
    out: list[str] = []
    for line in lines:
        if out and out[-1].strip() and _continues(out[-1], line, wrapped):
            out[-1] = out[-1].rstrip() + " " + line.lstrip()
        else:
            out.append(line)
    return out

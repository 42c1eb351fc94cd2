"""Splits the body into sentences with character offsets (underthesea's sentence splitter)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from underthesea import sent_tokenize


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int

    def evidence(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


# A sentence longer than this is cut into pieces (at "; ", else ", ", else a space): real
# sentences of the genre stay well under it (long enumerations reach ~1,200 characters), and
# every recognizer's work per sentence stays bounded, so an article's time grows linearly with
# its length even when it has no punctuation at all.
MAX_SENTENCE = 2000


def _pieces(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of `text` (at `start` in the body) cut into pieces of at most MAX_SENTENCE."""
    out, pos = [], 0
    while len(text) - pos > MAX_SENTENCE:
        window = text[pos:pos + MAX_SENTENCE]
        cut = max(window.rfind("; "), window.rfind(": "))
        if cut < MAX_SENTENCE // 2:
            cut = window.rfind(", ")
        if cut < MAX_SENTENCE // 2:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = MAX_SENTENCE - 1
        end = pos + cut + 1
        out.append((start + pos, start + len(text[:end].rstrip())))
        pos = end + (len(text[end:]) - len(text[end:].lstrip()))
    out.append((start + pos, start + len(text)))
    return out


# underthesea keeps "…" runs and ";" lists together; long enumerations stay one sentence,
# which is what the list recognizers want.
def split(body: str) -> list[Sentence]:
    """Sentences of `body` in order; each one's text is body[start:end]."""
    return [Sentence(body[a:b], a, b) for sent in _split(body) for a, b in _pieces(sent.text, sent.start)
            if body[a:b].strip()]


def _split(body: str) -> list[Sentence]:
    out: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", body):
        base, cursor = para.start(), 0
        chunk = para.group()
        for sent in sent_tokenize(chunk):
            sent = sent.strip()
            if not sent:
                continue
            pos = chunk.find(sent, cursor)
            if pos < 0:  # the splitter altered the text: fall back to the whole rest
                pos = cursor
                sent = chunk[cursor:].strip()
            out.append(Sentence(sent, base + pos, base + pos + len(sent)))
            cursor = pos + len(sent)
    return out

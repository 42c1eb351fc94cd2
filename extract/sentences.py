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


# underthesea keeps "…" runs and ";" lists together; long enumerations stay one sentence,
# which is what the list recognizers want.
def split(body: str) -> list[Sentence]:
    """Sentences of `body` in order; each one's text is body[start:end]."""
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

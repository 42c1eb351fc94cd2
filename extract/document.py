"""The article as the recognizers see it: cleaned body, sentences, context for dates."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from thidua.extract.article_year import reviewed_year, term_year
from thidua.extract.sentences import Sentence, split


_LOCAL = re.compile(r"(?<!\w)(?:tỉnh|huyện|thị xã|quận|UBND|Ủy ban nhân dân|Uỷ ban nhân dân)(?!\w)", re.I)


@dataclass
class Doc:
    body: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    province: str | None = None
    # facts found by earlier stages, by section name, for stages that build on them
    facts: dict[str, list] = field(default_factory=dict)
    # where the body names a bloc: (start, end, canonical bloc name), set by the blocs stage
    bloc_mentions: list[tuple[int, int, str]] = field(default_factory=list)
    author: str | None = None
    id: str | None = None
    warnings: list[str] = field(default_factory=list)   # what was wrong with the input

    @cached_property
    def sentences(self) -> list[Sentence]:
        return split(self.body)

    @cached_property
    def year(self) -> int | None:
        """The year the article reviews (article_year.py), or None when nothing tells it."""
        return reviewed_year(self.title, self.body, self.published)

    @cached_property
    def term_year(self) -> int | None:
        """The term of the bloc leaders the article shows serving (article_year.py)."""
        return term_year(self.title, self.body, self.published)

    @cached_property
    def local(self) -> bool:
        """The article is about a province's or a locality's work: it has a province or names
        local government ("tỉnh", "huyện", "UBND"); a national body's article names none."""
        return bool(self.province) or bool(_LOCAL.search(self.body) or _LOCAL.search(self.title or ""))

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    def first_sentence(self) -> Sentence | None:
        return self.sentences[0] if self.sentences else None

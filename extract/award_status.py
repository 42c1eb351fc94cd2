"""How far each award got: proposed, voted or conferred (RECORD.md: the furthest stage reported).

Cue words (`lexicon/award_status.tsv`) are read left to right. A proposed or voted cue holds for
its clause (";" or ":" ends one) and carries into the next; a vote whose outcome is a proposal
is a vote ("bỏ phiếu … đề nghị tặng"); a weak conferred cue ("tặng", "được nhận") inside a vote
or proposal stays that vote or proposal (the list of what is proposed), a strong one ("trao",
"đón nhận", "công bố quyết định") reports a conferral.

Across sentences the vote or proposal carries on through its paragraph, and into the next
paragraph when that opens with a word that gives a result ("Kết quả, …", "Theo đó, …",
`lexicon/award_result_openers.txt`); words that open a ceremony ("Dịp này", "Tại buổi lễ",
`award_ceremony_openers.txt`) end it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from thidua.extract.award_lexicon import status_info, status_regex
from thidua.extract.lexicon import phrase_regex

PROPOSED, VOTED, CONFERRED = "proposed", "voted", "conferred"
_LIST_ITEM = re.compile(r"^\s*(?:[-+•*]|\d{1,2}[.)]|[a-zđ][.)])\s")


def _result_opener() -> re.Pattern:
    return phrase_regex("award_result_openers", before=r"^\W*")


def _ceremony_opener() -> re.Pattern:
    return phrase_regex("award_ceremony_openers", before=r"^\W*")


def statuses(text: str, positions: list[int], carried: str | None,
             inherit_vote: bool = False) -> tuple[list[str | None], str | None, bool]:
    """The status of each award at `positions` in `text`; the status left open at its end; and
    whether a strong conferral was reported (which ends a vote's context). A clause with a
    proposed or voted cue of its own takes it; with `inherit_vote` the sentence is the result of
    the vote carried in ("Kết quả, Hội đồng thống nhất đề nghị …; đề nghị …"), every clause of it."""
    events = [(m.start(), 1, m.group()) for m in status_regex().finditer(text)]
    events += [(m.start(), 0, None) for m in re.finditer(r"[;:]", text)]
    events += [(p, 2, i) for i, p in enumerate(positions)]
    out: list[str | None] = [None] * len(positions)
    state, clause, strong_conferral = carried, None, False
    for _, what, value in sorted(events, key=lambda e: (e[0], e[1])):
        if what == 0:
            state, clause = clause or state, None
        elif what == 1:
            status, strong = status_info(value)
            if status in (PROPOSED, VOTED):
                if clause is None:
                    # the result of a vote carried in: each of its clauses ("…; đề nghị …") is that vote
                    clause = VOTED if inherit_vote and state == VOTED else status
                elif status == VOTED:
                    clause = VOTED   # "đề nghị … bỏ phiếu": the vote is the furthest stage
            elif status == CONFERRED and clause is None and (strong or state not in (PROPOSED, VOTED)):
                clause = status
                strong_conferral = strong_conferral or strong
        else:
            out[value] = clause or state
    return out, clause or state, strong_conferral


@dataclass
class StatusReader:
    """Carries the vote or proposal of one sentence into the next ones (see the module doc)."""
    body: str
    context: str | None = None      # the vote or proposal going on
    carried: str | None = None      # a status left open by a lead-in ending in ":"
    paragraph: int = -1
    _counted_to: int = 0            # newlines are counted incrementally: linear in the body

    def read(self, sent, positions: list[int]) -> list[str | None]:
        text = sent.text
        paragraph = max(self.paragraph, 0) + self.body.count("\n", self._counted_to, sent.start)
        self._counted_to = sent.start
        if paragraph != self.paragraph:
            if self.paragraph >= 0 and not _result_opener().match(text) and not self.carried:
                self.context = None
            self.paragraph = paragraph
        if _ceremony_opener().match(text):
            self.context = None
        start = self.carried or self.context
        found, final, strong = statuses(text, positions, start, inherit_vote=bool(_result_opener().match(text)))
        if strong:
            self.context = None
        elif final in (PROPOSED, VOTED):
            self.context = final
        self.carried = final if text.rstrip().endswith(":") or _LIST_ITEM.match(text) else None
        return found


def article_status(doc) -> str | None:
    """The stage most of the article's cues report, for awards listed with no cue of their own."""
    counts: dict[str, int] = {}
    for text in (doc.title or "", doc.body):
        for m in status_regex().finditer(text):
            status, strong = status_info(m.group())
            if status in (PROPOSED, VOTED) or status == CONFERRED and strong:
                counts[status] = counts.get(status, 0) + 1
    return max(counts, key=lambda s: (counts[s], s == PROPOSED)) if counts else None

"""What of a page points at other pages: the text of its links, and its teaser items
(a linked headline with its summary: the items of a listing, a related-articles box).
The crawler's classifier weighs them; the body step drops the lines that are theirs."""
from __future__ import annotations

import re
from collections import Counter

from thidua.extract.html_tree import clean, fold

MIN_ANCHOR_TEXT = 15     # folded characters of a link worth comparing lines with
MIN_LINK_TEXT = 20       # a headline link, not "Xem thêm" or a page number
MIN_TEASER_TEXT = 40     # summary text beside the headline link
MAX_TEASER_TEXT = 500    # more than this is an article's text, not a teaser
PROSE_PARAGRAPH = 60


def anchor_texts(tree) -> set[str]:
    """Folded texts of the page's links long enough to be headlines."""
    texts = set()
    for a in tree.iter("a"):
        if a.get("href"):
            text = fold(a.text_content())
            if len(text) >= MIN_ANCHOR_TEXT:
                texts.add(text)
    return texts


def link_share(folded_line: str, anchors: set[str]) -> float:
    """How much of a line is the text of links (a listing item whose headline and summary
    are both links reads as one line)."""
    if len(folded_line) < MIN_ANCHOR_TEXT:
        return 0.0
    covered = sum(len(a) for a in anchors if len(a) <= len(folded_line) and a in folded_line)
    return min(covered / len(folded_line), 1.0)


_TITLE_CLASS = re.compile(r"title|tieu-?de|tieude|headline|heading", re.I)
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LONG_LINK_TEXT = 35      # a link this long is a headline wherever it sits
ITEM_DEPTH = 4           # how far above its headline a teaser item may start


def _is_headline_link(a, text: str) -> bool:
    if len(text) >= LONG_LINK_TEXT:
        return True
    near = [a, a.getparent(), a.getparent().getparent() if a.getparent() is not None else None]
    return any(el is not None and (el.tag in _HEADINGS or _TITLE_CLASS.search(el.get("class", "")))
               for el in near)


def teaser_items(tree) -> list[tuple[str, str]]:
    """(headline, summary) of every teaser item: a headline link with a summary of its own beside it
    (a listing's items, a related-articles box). The item is the largest block around
    the headline that holds no other headline; a headline whose summary is the next
    element (<h3><a>…</a></h3><p>…</p>) counts with it."""
    headlines = []
    for a in tree.iter("a"):
        text = clean(a.text_content())
        if a.get("href") and len(text) >= MIN_LINK_TEXT and _is_headline_link(a, text):
            headlines.append(a)
    per_block: Counter = Counter()
    for a in headlines:
        per_block.update(a.iterancestors())
    sizes: dict = {}

    def size(el) -> int:
        if el not in sizes:
            sizes[el] = len(clean(el.text_content()))
        return sizes[el]

    out = []
    for a in headlines:
        item, limit = a, len(clean(a.text_content())) + MAX_TEASER_TEXT
        for depth, anc in enumerate(a.iterancestors()):
            if depth > ITEM_DEPTH or per_block[anc] != 1 or size(anc) > limit or _holds_an_article(anc):
                break
            item = anc
        summary = _own_text(item)
        nxt = item.getnext()
        for _ in range(2):  # the summary after the headline, perhaps after its date
            if len(summary) >= MIN_TEASER_TEXT or item.tag not in _HEADINGS | {"a"} \
                    or nxt is None or nxt.tag in _HEADINGS:
                break
            summary = _own_text(nxt)
            nxt = nxt.getnext()
        if MIN_TEASER_TEXT <= len(summary) <= MAX_TEASER_TEXT:
            out.append((clean(a.text_content()), summary))
    return out


def _holds_an_article(el) -> bool:
    """The page's own headline, its <main>, or two paragraphs of prose: a teaser item has
    one summary, not an article's text."""
    if el.tag in ("main", "body", "html") or el.find(".//h1") is not None:
        return True
    prose = 0
    for p in el.iter("p"):
        prose += len(clean(p.text_content())) >= PROSE_PARAGRAPH
        if prose >= 2:
            return True
    return False


def _own_text(el) -> str:
    """Text of `el` outside its links."""
    text = clean(el.text_content())
    for a in el.iter("a"):
        text = text.replace(clean(a.text_content()), " ", 1)
    return clean(text)

"""The most own prose a page could show the classifier, read from its tree alone, before
trafilatura: a page below the classifier's `min_own_prose` even by this count is no
article, and the crawl need not extract its main text to know it (listings, menus of
links, pages of teasers: most pages of a portal that are not articles).

The count is an upper bound on what thidua.crawler.classify counts from the main text:
  - the page's text is cut into lines at block elements only (p, div, li, tr…, not <br>
    or table cells), coarser than trafilatura's lines: a coarse line holds every finer
    line cut from it, so summing coarse lines of PROSE_LINE+ characters counts at least
    as much as summing the finer ones;
  - a line's share of link text is taken from the links really inside it, and a line
    counts up to LINK_FACTOR × its text outside links (a finer line the classifier keeps
    has at most half of it in links), never more than its length, and nothing when that
    is under PROSE_LINE (a headline link with its date beside it);
  - a line that is part of a teaser item's summary counts nothing (the classifier drops
    every line that starts inside one);
  - trafilatura's baseline rescue reads an <article> element as one line: each is
    counted again as such (_article_lines).
"""
from __future__ import annotations

import lxml.etree

from thidua.extract.html_links import MIN_ANCHOR_TEXT
from thidua.extract.html_tree import clean, fold

PROSE_LINE = 60     # as thidua.crawler.classify: shorter lines are not prose
LINK_FACTOR = 2.5   # 2 for a line half in links, with room for spacing that folding drops
_BLOCK = frozenset("""p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table tr thead tbody tfoot caption
    blockquote section article header footer nav aside main form figure figcaption pre center
    address hr fieldset details summary body""".split())


def own_prose_bound(tree, teaser_text: str) -> int:
    """At most how many characters of prose outside links and teasers the classifier can
    find on this page (see the module's docstring). `teaser_text`: the folded headlines and
    summaries of the page's teaser items, joined by spaces, as classify builds it."""
    body = tree.find("body")
    if body is None:
        body = tree
    total = 0
    parts: list[str] = []
    linked = 0       # characters of `parts` inside long links
    links: list[bool] = []   # for each open <a>: whether it is a long (headline) link

    def flush() -> None:
        nonlocal total, linked
        if parts:
            line = clean("".join(parts))
            if len(line) >= PROSE_LINE and not (teaser_text and fold(line) in teaser_text):
                own = max(len(line) - linked, 0)
                if LINK_FACTOR * own >= PROSE_LINE:  # else no kept line fits in it
                    total += min(len(line), int(LINK_FACTOR * own))
        parts.clear()
        linked = 0

    def add(text: str | None) -> None:
        nonlocal linked
        if text:
            parts.append(text)
            if any(links):
                linked += len(clean(text))

    for event, el in lxml.etree.iterwalk(body, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else None
        if event == "start":
            if tag in _BLOCK:
                flush()
            if tag == "a":
                links.append(bool(el.get("href")) and len(fold(el.text_content())) >= MIN_ANCHOR_TEXT)
            if tag is not None:
                add(el.text)
        else:
            if tag == "a" and links:
                links.pop()
            if tag in _BLOCK:
                flush()
            if el is not body:
                add(el.tail)
    flush()
    return total + _article_lines(body, teaser_text)


def _article_lines(body, teaser_text: str) -> int:
    """What trafilatura's baseline rescue can add: when the main extraction finds under
    250 characters it may take each outermost <article> as one line, whatever blocks it
    holds; counted on top of the block lines, which the lead may come from."""
    total = 0
    for art in body.xpath(".//article[not(ancestor::article)]"):
        line = clean(art.text_content())
        if len(line) < PROSE_LINE or (teaser_text and fold(line) in teaser_text):
            continue
        linked = sum(len(clean(a.text_content())) for a in art.iter("a")
                     if a.get("href") and len(fold(a.text_content())) >= MIN_ANCHOR_TEXT)
        own = max(len(line) - linked, 0)
        if LINK_FACTOR * own >= PROSE_LINE:
            total += min(len(line), int(LINK_FACTOR * own))
    return total

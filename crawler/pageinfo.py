"""Is a fetched page an article? Structure only (no language processing).

Readability-style scoring: every paragraph of prose (a `<p>`, or a leaf `<div>`/`<td>`
holding 80+ characters) credits its length to its parent and half to its grandparent.
An article page has one container collecting several such paragraphs with few links
among them; a listing page spreads teasers over one item each, so no container
scores high, or the container that does is dense with title links. The winning
container also yields the content fingerprint, so that one article served under two
URLs (print view, mirror) is stored once.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

import lxml.html

MIN_PARAGRAPH_CHARS = 80
MIN_SCORE = 250
MIN_PARAGRAPHS = 2
MAX_LINK_DENSITY = 0.25
_LEAF_BLOCKS = ("div", "td", "li", "span", "font")
_BLOCK_CHILDREN = {"p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "br"}
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class PageInfo:
    is_article: bool
    fingerprint: str | None
    score: float


def _text(el) -> str:
    return _SPACE.sub(" ", el.text_content()).strip()


def _is_paragraph(el) -> bool:
    if el.tag == "p":
        return True
    return el.tag in _LEAF_BLOCKS and not any(
        isinstance(c.tag, str) and c.tag in _BLOCK_CHILDREN for c in el)


def _paragraphs(doc) -> list:
    return [el for el in doc.iter() if isinstance(el.tag, str) and _is_paragraph(el)
            and len(_text(el)) >= MIN_PARAGRAPH_CHARS]


def _best_container(doc):
    scores: dict = defaultdict(float)
    counts: dict = defaultdict(int)
    for para in _paragraphs(doc):
        size = len(_text(para)) - sum(len(_text(a)) for a in para.iter("a"))
        parent = para.getparent()
        if parent is None:
            continue
        scores[parent] += size
        counts[parent] += 1
        grand = parent.getparent()
        if grand is not None:
            scores[grand] += size / 2
            counts[grand] += 1
    if not scores:
        return None, 0.0, 0
    best = max(scores, key=scores.get)
    return best, scores[best], counts[best]


def inspect_page(html: str) -> PageInfo:
    try:
        doc = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return PageInfo(False, None, 0.0)
    for junk in doc.xpath("//script|//style|//noscript|//form|//select"):
        junk.drop_tree()
    block, score, n_paras = _best_container(doc)
    if block is None:
        return PageInfo(False, None, 0.0)
    text = _text(block)
    density = sum(len(_text(a)) for a in block.iter("a")) / max(len(text), 1)
    is_article = score >= MIN_SCORE and n_paras >= MIN_PARAGRAPHS and density <= MAX_LINK_DENSITY
    return PageInfo(is_article, content_fingerprint(text) if is_article else None, score)


def content_fingerprint(text: str) -> str:
    norm = _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip().lower()
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()

"""The article body of a page: picture captions kept as paragraphs, layout tables turned
into blocks, then trafilatura once, then the portals' own furniture lines dropped."""
from __future__ import annotations

import re

import lxml.html
import trafilatura

from thidua.extract import html_links
from thidua.extract.html_tree import clean, fold, furniture_block, hinted

CAPTION_HINT = re.compile(r"caption|chu-?thich|chuthich|mo-?ta-?anh|image-desc|photo-?desc", re.I)
_CAPTION_WORDS = ("caption", "thich", "mo-ta", "mota", "desc")
FURNITURE_LINE = re.compile(
    r"^\(?\s*(cập nhật lúc|ngày đăng|ngày cập nhật|lượt xem|số lượt xem|chia sẻ|in bài|in trang|"
    r"gửi email|bình luận|tin liên quan|bài viết cùng chuyên mục|tin bài mới|views?\b)", re.I)
DATE_ONLY_LINE = re.compile(
    r"^\(?\s*(?:(?:thứ\s+\w+|chủ\s+nhật)\s*,?\s*)?(?:ngày\s*)?(?:\d{1,2}:\d{2}(?::\d{2})?\s*[|,-]?\s*)?"
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}(?:\s*[|,-]?\s*\d{1,2}:\d{2}(?::\d{2})?)?"
    r"\s*(?:\(?GMT[^)]*\)?)?\s*\)?$", re.I)
IMAGE_NAME = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp)$", re.I)


def _replace(el, text: str | None) -> None:
    if text:
        new = lxml.html.Element("p")
        new.text = text
        new.tail = el.tail
        el.getparent().replace(el, new)
    else:
        el.drop_tree()


def captions_as_paragraphs(tree) -> None:
    """Picture blocks become their caption as a paragraph: captions name the people on
    stage ("Ông X – Giám đốc Sở …, Trưởng Khối … phát biểu"), which extractors drop."""
    for fig in tree.xpath("//figure"):
        if fig.getparent() is not None:
            _replace(fig, clean(" ".join(c.text_content() for c in fig.xpath(".//figcaption"))))
    for table in tree.xpath("//table[.//img]"):
        text = clean(table.text_content())
        cells = table.xpath(".//td|.//th")
        if table.getparent() is not None and len(cells) <= 4 and len(text) <= 400:
            _replace(table, text)
    for el in hinted(tree, _CAPTION_WORDS, CAPTION_HINT):
        if el.tag != "p" and el.getparent() is not None and CAPTION_HINT.search(el.get("class", "")):
            _replace(el, clean(el.text_content()))


_BLOCK = frozenset("div p table ul ol dl h1 h2 h3 h4 h5 h6 blockquote section article center form "
                   "figure pre hr".split())
_INLINE_WRAPPERS = frozenset("font span b strong i em a u small big".split())


def br_runs_as_paragraphs(tree) -> None:
    """Paragraphs written as text runs between <br><br> (hand-made pages, old CMS editors:
    a whole article in one <td> or <font>) become <p> elements, so the body extractor sees
    paragraphs instead of one block it may take for page furniture."""
    for el in tree.xpath("//*[br/following-sibling::node()[normalize-space() or self::*][1][self::br]]"):
        if el.tag in ("html", "head", "body", "p") or el.getparent() is None:
            continue
        _split_on_double_br(el)


def _split_on_double_br(el) -> None:
    items: list = [el.text] if el.text else []
    for child in list(el):
        tail, child.tail = child.tail, None
        items.append(child)
        if tail:
            items.append(tail)
    segments: list[list] = [[]]
    i = 0
    while i < len(items):
        item = items[i]
        if not isinstance(item, str) and item.tag == "br":
            j = i + 1
            while j < len(items) and isinstance(items[j], str) and not items[j].strip():
                j += 1
            if j < len(items) and not isinstance(items[j], str) and items[j].tag == "br":
                segments.append([])
                i = j + 1
                continue
        if not isinstance(item, str) and isinstance(item.tag, str) and item.tag in _BLOCK:
            segments += [[item], []]
        else:
            segments[-1].append(item)
        i += 1
    for child in list(el):
        el.remove(child)
    el.text = None
    for segment in segments:
        if not any(not isinstance(x, str) or x.strip() for x in segment):
            continue
        if len(segment) == 1 and not isinstance(segment[0], str) and segment[0].tag in _BLOCK:
            el.append(segment[0])
            continue
        para = lxml.html.Element("p")
        for x in segment:
            if isinstance(x, str):
                if len(para):
                    para[-1].tail = (para[-1].tail or "") + x
                else:
                    para.text = (para.text or "") + x
            else:
                para.append(x)
        el.append(para)
    if el.tag in _INLINE_WRAPPERS:
        el.tag = "div"  # a <font> holding paragraphs is a block now


def unwrap_layout_tables(tree) -> None:
    """Tables used for page layout (old ASP/PHP portals) become <div>s: trafilatura reads
    every table as data and would print a whole article as one "| … |" cell. Layout is a
    table holding another table, a single cell, or a cell with a long run of text; data
    tables pasted from Word (short cells, <p> in each) stay tables. A table of one column
    (a box of links, a stack of blocks) is layout too."""
    for table in tree.xpath("//table"):  # outer first: it must still see its inner tables
        cells = table.xpath("./tr/td|./tr/th|./*/tr/td|./*/tr/th")
        rows = table.xpath("./tr|./*/tr")
        one_column = bool(rows) and all(len(r.xpath("./td|./th")) <= 1 for r in rows)
        if not (table.xpath(".//table") or len(cells) == 1 or one_column
                or any(len(clean(c.text_content())) > 300 for c in cells)):
            continue
        for el in [table, *table.xpath("./thead|./tbody|./tfoot|./tr|./*/tr"), *cells]:
            el.tag = "div"


def main_text(tree, url: str | None, fast: bool = False, recall_retry: bool = True) -> list[str]:
    """trafilatura's main text of `tree` as lines, run once (a second time in recall mode
    only when the first finds nothing). `fast` skips its fallback extractors."""
    opts = dict(url=url, include_comments=False, include_tables=True, include_images=False,
                deduplicate=False, fast=fast)
    doc = trafilatura.bare_extraction(tree, **opts)
    if doc is None and recall_retry:
        doc = trafilatura.bare_extraction(tree, favor_recall=True, **opts)
    text = doc.text if doc is not None else ""
    return [line for line in (clean(ln) for ln in (text or "").splitlines()) if line]


def body_paragraphs(tree, url: str | None, fast: bool = False) -> list[str]:
    """The body's lines. Rewrites picture blocks and layout tables of `tree` in place."""
    captions_as_paragraphs(tree)
    br_runs_as_paragraphs(tree)
    unwrap_layout_tables(tree)
    return main_text(tree, url, fast=fast, recall_retry=not fast)


SHORT_LINE = 80


def furniture_texts(tree, body: list[str] | None = None) -> set[str]:
    """Short texts (box headings such as "Những tin mới hơn", labels) inside the page's
    furniture blocks, folded: a body line equal to one is the heading of a box the body
    extractor let in, not the article. A block that holds the body's longest paragraph is
    the article's column whatever its class says ("content-sidebar-wrap"), and a list item
    is not a box heading (a list of headlines is the link rule's)."""
    longest = fold(max(body or [""], key=len))[:80]
    holds_body: dict = {}
    found = set()
    for el in tree.xpath("//h2|//h3|//h4|//h5|//h6|//p|//strong|//b|//span|//div[not(.//div|.//p)]"):
        text = clean(el.text_content())
        if not 3 <= len(text) <= SHORT_LINE:
            continue
        block = furniture_block(el, lists=False)
        if block is None:
            continue
        if block not in holds_body:
            holds_body[block] = len(longest) >= 40 and longest in fold(block.text_content())
        if not holds_body[block]:
            found.add(fold(text))
    return found


LINK_LINE = 0.6    # share of a line that is link text, above which it is a headline of another page


def _link_lines(lines: list[str], tree, title: str | None) -> list[str]:
    """Lines that are about other pages, dropped: headlines linking to them ("Các tin
    khác" lists the body extractor let in), the short heading right above such a run, and
    the summaries of teaser items (a related box inside the body) not of this article."""
    anchors = html_links.anchor_texts(tree)
    own = fold(title or "")[:40]
    summaries = " ".join(fold(summary) for headline, summary in html_links.teaser_items(tree)
                         if not own or not fold(headline).startswith(own))
    linked = [html_links.link_share(fold(line), anchors) >= LINK_LINE
              or (len(line) >= 40 and fold(line)[:80] in summaries) for line in lines]
    kept = []
    for i, line in enumerate(lines):
        heading = (len(line) <= 50 and not line.endswith((".", "!", "?")) and i + 1 < len(lines)
                   and linked[i + 1])
        if not linked[i] and not heading:
            kept.append(line)
    return kept


def drop_furniture(paragraphs: list[str], title: str | None, tree=None) -> list[str]:
    kept = [p for p in paragraphs if not FURNITURE_LINE.search(p) and not IMAGE_NAME.match(p)
            and not DATE_ONLY_LINE.match(p)]
    if kept and title and clean(kept[0]).casefold() == title.casefold():
        kept = kept[1:]
    if tree is None:
        return kept
    kept = _link_lines(kept, tree, title)
    if any(len(p) <= SHORT_LINE for p in kept):
        furniture = furniture_texts(tree, kept)
        kept = [p for p in kept if len(p) > SHORT_LINE or fold(p) not in furniture]
    return kept

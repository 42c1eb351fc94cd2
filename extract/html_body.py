"""The article body of a page: picture captions kept as paragraphs, layout tables turned
into blocks, then trafilatura once, then the portals' own furniture lines dropped."""
from __future__ import annotations

import re

import lxml.html
import trafilatura

from thidua.extract.html_tree import clean, hinted

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


def unwrap_layout_tables(tree) -> None:
    """Tables used for page layout (old ASP/PHP portals) become <div>s: trafilatura reads
    every table as data and would print a whole article as one "| … |" cell. Layout is a
    table holding another table, a single cell, or a cell with a long run of text; data
    tables pasted from Word (short cells, <p> in each) stay tables."""
    for table in tree.xpath("//table"):  # outer first: it must still see its inner tables
        cells = table.xpath("./tr/td|./tr/th|./*/tr/td|./*/tr/th")
        if not (table.xpath(".//table") or len(cells) == 1
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
    unwrap_layout_tables(tree)
    return main_text(tree, url, fast=fast, recall_retry=not fast)


def drop_furniture(paragraphs: list[str], title: str | None) -> list[str]:
    kept = [p for p in paragraphs if not FURNITURE_LINE.search(p) and not IMAGE_NAME.match(p)
            and not DATE_ONLY_LINE.match(p)]
    if kept and title and clean(kept[0]).casefold() == title.casefold():
        kept = kept[1:]
    return kept

"""An article split over several pages (Joomla's page breaks, WordPress <!--nextpage-->,
"Trang 1 2 3" under a long report) joined into one page: the body of pages 2, 3… is
appended to the body of page 1, and the pager between them removed, so that extraction
reads one article, with one headline, one date and the whole text."""
from __future__ import annotations

import copy
from urllib.parse import urljoin

import lxml.html

from thidua.crawler.urls import canonical_url
from thidua.extract import html_body
from thidua.extract.html_tree import clean, parse

PROBE = 30  # characters of a line looked for in the page's text nodes


def body_container(tree, url: str | None):
    """The element holding the page's main text: the nearest common ancestor of the
    elements holding its first and last lines, as trafilatura extracts them."""
    lines = [line for line in html_body.main_text(copy.deepcopy(tree), url) if len(line) >= PROBE]
    if not lines:
        return None
    holders = []
    for line in (lines[0], lines[-1]):
        probe = clean(line)[:PROBE]
        found = tree.xpath("//text()[contains(normalize-space(.), $p)]", p=probe)
        if found and found[0].getparent() is not None:
            holders.append(found[0].getparent())
    if not holders:
        return None
    first = holders[0]
    if len(holders) == 1:
        return first.getparent() if first.getparent() is not None else first
    others = set(holders[1].iterancestors()) | {holders[1]}
    for el in [first, *first.iterancestors()]:
        if el in others:
            return el if el is not first or el.getparent() is None else el.getparent()
    return None


def _drop_pagers(container, part_urls: set[str], base: str) -> None:
    """Remove the "Trang 1 2 3" blocks: the smallest block around links to the parts."""
    for a in list(container.iter("a")):
        href = (a.get("href") or "").strip()
        if not href or canonical_url(urljoin(base, href)) not in part_urls:
            continue
        block = a
        for anc in a.iterancestors():
            if anc is container or len(clean(anc.text_content())) > 200:
                break
            block = anc
        if block.getparent() is not None:
            block.drop_tree()


def join_pages(pages: list[tuple[str, str]]) -> str:
    """One HTML document from (url, html) of page 1, 2…: page 1 with the other pages'
    bodies appended to its own. A page whose body cannot be found is left out."""
    first_url, first_html = pages[0]
    tree, _ = parse(first_html)
    target = body_container(tree, first_url)
    if target is None:
        return first_html
    part_urls = {canonical_url(url) for url, _ in pages}
    for url, html in pages[1:]:
        other, _ = parse(html)
        source = body_container(other, url)
        if source is None:
            continue
        _drop_pagers(source, part_urls, url)
        for child in source:
            target.append(copy.deepcopy(child))
    _drop_pagers(target, part_urls, first_url)
    return lxml.html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>")

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
from thidua.extract.html_tree import clean, is_article_block, parse

PROBE = 30  # characters of a line looked for in the page's text nodes
STEP = 60


_NOT_BODY = {"h1", "h2", "h3", "h4", "h5", "h6", "header", "title", "head"}


def body_container(tree, url: str | None):
    """The element holding the page's main text: the nearest common ancestor of the
    elements holding its sentences (as trafilatura extracts them), headings and header
    blocks left out (a short page's main text may run the headline into its one paragraph)."""
    lines = html_body.main_text(copy.deepcopy(tree), url)
    # Pieces of every line, every STEP characters: a piece crossing from one element into
    # the next is in no single text node and finds nothing, the others find their holder.
    probes = [clean(line)[i:i + PROBE] for line in lines for i in range(0, max(len(line) - PROBE, 0) + 1, STEP)]
    holders = []
    for probe in probes:
        for node in tree.xpath("//body//text()[contains(normalize-space(.), $p)]", p=probe):
            owner = node.getparent()
            if owner is not None and not any(el.tag in _NOT_BODY or is_article_block(el)
                                             for el in [owner, *owner.iterancestors()]):
                holders.append(owner)
                break
    if not holders:
        return None
    common = [holders[0], *holders[0].iterancestors()]
    for other in holders[1:]:
        mine = {other, *other.iterancestors()}
        common = [el for el in common if el in mine]
    container = common[0] if common else None
    if container is not None and container.tag == "p" and container.getparent() is not None:
        container = container.getparent()  # one paragraph: its block holds the body
    return container


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

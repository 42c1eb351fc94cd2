"""A fetched HTML page → the article it carries: headline, date, byline, lead and clean body.

trafilatura finds the body, once per page; the page's own furniture (headline element,
the "( Cập nhật lúc: dd/mm/yyyy )" or "Ngày đăng:" line, the byline, the lead printed
outside the body container) is read directly, because these portals print dates
day-first and bylines as a bare name at the end, which generic metadata extractors miss
or misread. trafilatura's metadata pass runs only when no other step found a title or a
byline.

The steps, in order, each a small function: parse (html_tree), title, date (html_dates),
body (html_body), lead (html_lead), byline (html_byline). A registry entry may give
per-site selectors (CSS, or XPath after "xpath:") for title, date, byline and body
(html_selectors); each field a selector finds nothing for falls back to the generic path,
and the result's "via" says which path served each field.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

import lxml.etree

from thidua.extract import html_body, html_byline, html_dates, html_lead, html_selectors
from thidua.extract.html_selectors import SELECTOR_FIELDS, compile_selector, select  # noqa: F401
from thidua.extract.html_tree import clean, fold, in_furniture, meta, nfc, parse

_TITLE_HINT = re.compile(r"title|tieu-?de|heading|headline|tieude", re.I)
_LOWER_CLASS = "translate(@class,'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')"
_TITLE_CANDIDATES = lxml.etree.XPath("//h1|//h2|//h3|//*[" + " or ".join(
    f"contains({_LOWER_CLASS},'{hint}')" for hint in ("title", "tieude", "tieu-de")) + "]")


class Page:
    """One page, parsed once; what several steps (and the crawler's classifier) read."""

    def __init__(self, html: str | bytes, url: str | None = None):
        self.tree, self.structured = parse(html)
        self.url = url
        self._metadata: dict | None = None

    def metadata(self) -> dict:
        """trafilatura's title and author from meta tags, JSON-LD and its XPaths, computed
        at most once and only when asked (no date search: the date has its own step)."""
        if self._metadata is None:
            from trafilatura import metadata as tm

            doc = tm.extract_meta_json(self.tree, tm.examine_meta(self.tree))
            self._metadata = {"title": doc.title or tm.extract_title(self.tree),
                              "author": doc.author or tm.extract_author(self.tree)}
        return self._metadata


# ---- title ---------------------------------------------------------------------------

def _announced_titles(tree) -> list[str]:
    """The headline as the page's <title> and og:title give it, folded."""
    found = [tree.findtext(".//title") or "", meta(tree, "og:title", "twitter:title") or ""]
    return [fold(t) for t in found if len(fold(t)) >= 15]


def title_element(tree):
    """The headline element: an h1, h2… or an element whose class says title, outside
    page furniture; one whose text the page's <title> or og:title repeats comes first
    (a portlet's or a side box's heading is often an h2 too)."""
    candidates = []
    announced = None
    for el in _TITLE_CANDIDATES(tree):
        text = clean(el.text_content())
        if not 10 <= len(text) <= 300 or in_furniture(el) or el.xpath(".//a[@href]") and el.tag != "h1":
            continue
        hinted = bool(_TITLE_HINT.search(el.get("class", "") + " " + el.get("id", "")))
        rank = {"h1": 0, "h2": 1}.get(el.tag, 2) - (1.5 if hinted else 0)
        if announced is None:
            announced = _announced_titles(tree)
        folded = fold(text)
        if len(folded) >= 15 and any(folded in t or t in folded for t in announced):
            rank -= 2
        candidates.append((rank, el))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def _strip_site_suffix(title: str) -> str:
    parts = re.split(r"\s+[|–-]\s+(?=[^|–-]*$)", title)
    return parts[0] if len(parts) == 2 and len(parts[0]) > len(parts[1]) else title


def page_title(page: Page, title_el) -> str | None:
    if title_el is not None:
        return clean(title_el.text_content())
    og = meta(page.tree, "og:title", "twitter:title")
    if og:
        return _strip_site_suffix(og)
    if fallback := page.metadata().get("title"):
        return clean(fallback)
    doc_title = page.tree.findtext(".//title")
    return _strip_site_suffix(clean(doc_title)) if doc_title and doc_title.strip() else None


# ---- the article ---------------------------------------------------------------------

def _selected_title(page: Page, chosen: dict, via: dict):
    if found := html_selectors.selected(page.tree, chosen.get("title")):
        via["title"] = "selector"
        el = found[0] if isinstance(found[0], lxml.etree._Element) else None
        return html_selectors.match_text(found[0]), el
    title_el = title_element(page.tree)
    return page_title(page, title_el), title_el


def _selected_body(page: Page, chosen: dict, via: dict, title: str | None) -> list[str]:
    if found := html_selectors.selected(page.tree, chosen.get("body")):
        paragraphs = html_selectors.selected_paragraphs(found, title)
        if len("\n\n".join(paragraphs)) >= 50:
            via["body"] = "selector"
            return paragraphs
        # a stub (a lead, a caption) is not the body: use the generic one
    return html_body.drop_furniture(html_body.body_paragraphs(page.tree, page.url), title, page.tree)


def _with_lead(page: Page, title_el, paragraphs: list[str], via: dict) -> list[str]:
    if via["body"] == "selector" or not paragraphs:
        return paragraphs
    found = html_lead.lead(page.tree, title_el, paragraphs)
    return [found, *paragraphs] if found else paragraphs


def _byline(page: Page, chosen_matches: list, paragraphs: list[str], via: dict) -> str | None:
    if chosen_matches:
        found = html_byline.byline_text(" ".join(html_selectors.match_text(m) for m in chosen_matches))
        if found:
            via["byline"] = "selector"
            return found
    return html_byline.author(page.tree, paragraphs, page.structured,
                              fallback=lambda: page.metadata().get("author"))


def article_from_page(page: Page, selectors: Mapping | None = None) -> dict:
    """html_to_article on a parsed Page (the crawler's classifier keeps the Page)."""
    chosen = html_selectors.checked_selectors(selectors)
    via = dict.fromkeys(SELECTOR_FIELDS, "generic")
    title, title_el = _selected_title(page, chosen, via)
    published = html_selectors.date_from_selected(html_selectors.selected(page.tree, chosen.get("date")))
    if published is not None:
        via["date"] = "selector"
    else:
        published = html_dates.published(page.tree, title_el, page.url, page.structured)
    # Before the body step, which rewrites picture blocks in the tree.
    byline_found = html_selectors.selected(page.tree, chosen.get("byline"))
    paragraphs = _selected_body(page, chosen, via, title)
    paragraphs = _with_lead(page, title_el, paragraphs, via)
    author = _byline(page, byline_found, paragraphs, via)
    if paragraphs and author and html_byline.byline_text(paragraphs[-1]) == author:
        paragraphs = paragraphs[:-1]
    text = "\n\n".join(paragraphs)
    if len(text) < 50:
        raise ValueError("no article body found in the page (less than 50 characters of text)")
    return {"title": nfc(title) if title else None, "published": published,
            "author": nfc(author) if author else None, "text": nfc(text), "via": via}


def html_to_article(html: str | bytes, url: str | None = None, selectors: Mapping | None = None) -> dict:
    """The article of one page: {"title", "published" (date or None), "author", "text",
    "via"}.

    `text` holds the lead (when the page prints one outside the body) and the body,
    paragraphs separated by blank lines, image captions kept as their own paragraphs,
    NFC. `selectors` (a registry entry's: title, date, byline, body; CSS, or XPath after
    "xpath:") are used field by field; a field whose selector finds nothing takes the
    generic path. `via` maps each of those four fields to "selector" or "generic". Raises
    ValueError if `html` is not HTML, a selector does not parse, or no body can be found.
    """
    return article_from_page(Page(html, url), selectors)


def published_date(html: str | bytes, url: str | None = None,
                   selectors: Mapping | None = None) -> date | None:
    """The page's publication date, cheaply (no body extraction): for the crawler's --since
    filter. A `date` selector first, then the page's own date line under the headline,
    labelled dates, meta tags and <time>, then htmldate on the head and URL."""
    page = Page(html, url)
    chosen = html_selectors.checked_selectors(selectors)
    if found := html_selectors.date_from_selected(html_selectors.selected(page.tree, chosen.get("date"))):
        return found
    title_el = None
    if (titles := html_selectors.selected(page.tree, chosen.get("title"))) \
            and isinstance(titles[0], lxml.etree._Element):
        title_el = titles[0]
    return html_dates.published(page.tree, title_el if title_el is not None else title_element(page.tree),
                                url, page.structured)

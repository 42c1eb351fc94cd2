"""A registry entry's selectors (CSS, or XPath after "xpath:") for title, date, byline and
body: compiled once, matched on the page, each field's matches turned into its value."""
from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from datetime import date
from functools import lru_cache

import lxml.etree
import lxml.html

from thidua.extract.html_body import captions_as_paragraphs, drop_furniture
from thidua.extract.html_dates import date_in, iso_date
from thidua.extract.html_tree import clean

SELECTOR_FIELDS = ("title", "date", "byline", "body")
_KNOWN_SELECTOR_KEYS = frozenset(SELECTOR_FIELDS) | {"next_page"}  # next_page: the spider's
_BLOCK_TAGS = frozenset("p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table tr "
                        "thead tbody tfoot section article main figure figcaption center "
                        "address header footer".split())
_CELL_TAGS = frozenset(("td", "th"))
# Pieces inside a selected body that are not article text (share bars, related lists).
_BODY_FURNITURE = re.compile(r"share|social|chia-?se|related|lien-?quan|tin-?khac|comment|"
                             r"binh-?luan|toolbar|\b(?:print|in-?bai|rating|tags?)\b", re.I)


@lru_cache(maxsize=256)
def compile_selector(selector: str):
    """A callable root → matches (elements or strings) for a CSS selector, or an XPath one
    written "xpath:…". Raises ValueError naming the selector when it does not parse."""
    if selector.startswith("xpath:"):
        try:
            return lxml.etree.XPath(selector[len("xpath:"):].strip())
        except lxml.etree.XPathSyntaxError as exc:
            raise ValueError(f"invalid XPath selector {selector!r}: {exc}") from exc
    # parsel's translator, as Scrapy and the registry check use: it knows ::text and ::attr().
    from cssselect import SelectorError
    from parsel.csstranslator import HTMLTranslator

    try:
        return lxml.etree.XPath(HTMLTranslator().css_to_xpath(selector))
    except (SelectorError, lxml.etree.XPathSyntaxError) as exc:
        raise ValueError(f"invalid CSS selector {selector!r}: {exc}") from exc


def select(root, selector: str) -> list:
    """Everything `selector` matches under `root`: elements, or strings for XPath text()
    and @attribute results."""
    found = compile_selector(selector)(root)
    return found if isinstance(found, list) else [found]


def checked_selectors(selectors: Mapping | None) -> dict[str, str]:
    """The title/date/byline/body selectors given, each compiled once to fail early."""
    if not selectors:
        return {}
    if not isinstance(selectors, Mapping):
        raise ValueError(f"selectors must be a mapping of field to selector, not {type(selectors).__name__}")
    unknown = set(selectors) - _KNOWN_SELECTOR_KEYS
    if unknown:
        raise ValueError(f"unknown selector field(s) {sorted(unknown)}; known: "
                         f"{', '.join(sorted(_KNOWN_SELECTOR_KEYS))}")
    out = {}
    for field in SELECTOR_FIELDS:
        value = selectors.get(field)
        if value is None or not str(value).strip():
            continue
        compile_selector(str(value).strip())  # a bad selector fails here, named
        out[field] = str(value).strip()
    return out


def match_text(match) -> str:
    return clean(match.text_content() if isinstance(match, lxml.etree._Element) else str(match))


def selected(tree, selector: str | None) -> list:
    """Matches with text, in document order; an element inside another match is dropped
    (a selector like "div.noi-dung, div.noi-dung p" must not double the body)."""
    if not selector:
        return []
    matches = [m for m in select(tree, selector) if match_text(m)
               or isinstance(m, lxml.etree._Element) and (m.get("datetime") or m.get("content"))]
    elements = {m for m in matches if isinstance(m, lxml.etree._Element)}
    return [m for m in matches if not isinstance(m, lxml.etree._Element)
            or not any(a in elements for a in m.iterancestors())]


def date_from_selected(matches: list) -> date | None:
    """Machine-readable attributes first (datetime, content), then the day-first text the
    portals print, then the written-out and rarer forms through dates.parse_full_date."""
    from thidua.extract.dates import parse_full_date

    for match in matches:
        if isinstance(match, lxml.etree._Element):
            for attr in ("datetime", "content"):
                if found := iso_date(match.get(attr)):
                    return found
        text = match_text(match)
        if found := date_in(text, labelled_only=False):
            return found
        if found := iso_date(text):
            return found
        if text and len(text) <= 200 and (found := parse_full_date(text)):
            return found
    return None


def element_lines(el) -> list[str]:
    """Text of an element as lines: a new line at every block element and <br>, table
    cells joined as "| a | b |" rows like trafilatura's text output."""
    lines = [""]

    def walk(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else None
        if tag is not None:
            if tag == "br":
                lines.append("")
            elif tag in _BLOCK_TAGS:
                lines.append("")
            if tag == "tr":
                lines[-1] += "| "
            if node.text:
                lines[-1] += node.text
            for child in node:
                walk(child)
            if tag in _CELL_TAGS:
                lines[-1] += " | "
            elif tag in _BLOCK_TAGS:
                lines.append("")
        if node.tail and node is not el:
            lines[-1] += node.tail

    walk(el)
    return [line for line in (clean(ln) for ln in lines) if line and line != "|"]


def selected_paragraphs(matches: list, title: str | None) -> list[str]:
    paragraphs: list[str] = []
    for match in matches:
        if not isinstance(match, lxml.etree._Element):
            paragraphs.append(match_text(match))
            continue
        body = copy.deepcopy(match)
        for junk in body.xpath(".//nav|.//aside|.//footer|.//form|.//button|.//*[@class or @id]"):
            hint = f"{junk.get('class', '')} {junk.get('id', '')}"
            if junk.getparent() is not None and (
                    junk.tag in ("nav", "aside", "footer", "form", "button")
                    or _BODY_FURNITURE.search(hint)):
                junk.drop_tree()
        wrapper = lxml.html.Element("div")
        wrapper.append(body)  # captions are rewritten in place: the copy needs a parent
        captions_as_paragraphs(wrapper)
        paragraphs += element_lines(wrapper)
    return drop_furniture(paragraphs, title)

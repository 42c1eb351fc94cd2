"""The publication date of a page: the portals' day-first date line under the headline
("( Cập nhật lúc: 11/01/2021 )", "Ngày đăng: 13/01/2021 16:05"), labelled dates, then
machine-readable ones (meta tags, JSON-LD, <time datetime>), then htmldate on the head
and the URL. Generic extractors read these portals' dates month-first or pick a sidebar's."""
from __future__ import annotations

import re
from datetime import date

import lxml.html

from thidua.extract.html_tree import Structured, clean, in_furniture, meta

# Labels that introduce the page's own publication / update date.
DATE_LABEL = re.compile(
    r"(?:cập\s*nhật(?:\s*lúc)?|ngày\s*cập\s*nhật|ngày\s*đăng|đăng\s*ngày|ngày\s*xuất\s*bản|"
    r"xuất\s*bản|đăng\s*lúc|thời\s*gian\s*đăng|posted|published|updated)\s*:?\s*"
    r"(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[|,-]\s*)?)?"
    r"(?:thứ\s+\w+|chủ\s+nhật)?\s*,?\s*(?:ngày\s*)?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", re.I)
DATE_DMY = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def make_date(d: str, m: str, y: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def iso_date(value: str | None) -> date | None:
    if value and (m := ISO_DATE.search(value)):
        return make_date(m[3], m[2], m[1])
    return None


def date_in(text: str, labelled_only: bool) -> date | None:
    m = DATE_LABEL.search(text)
    if m:
        return make_date(*m.groups())
    if not labelled_only:
        m = DATE_DMY.search(text)
        if m:
            return make_date(*m.groups())
    return None


def date_line_under(title_el) -> date | None:
    """The date line just under the headline; sidebars further down carry other dates."""
    for el in title_el.xpath("following::*[position() <= 40]"):
        if in_furniture(el):
            continue
        own = clean(" ".join(el.xpath("./text()")))
        if own and len(own) <= 120 and (found := date_in(own, labelled_only=False)):
            return found
    return None


def machine_date(tree, structured: Structured | None) -> date | None:
    """meta tags, JSON-LD datePublished, <time datetime> outside page furniture first."""
    value = meta(tree, "article:published_time", "datePublished", "pubdate", "date",
                 "article:modified_time", "dateModified")
    if found := iso_date(value):
        return found
    if structured is not None:
        ld = structured.article_value("datePublished") or structured.article_value("dateModified")
        if found := iso_date(ld if isinstance(ld, str) else None):
            return found
    times = tree.xpath("//time[@datetime]")
    for el in [t for t in times if not in_furniture(t)] + times:
        if found := iso_date(el.get("datetime")):
            return found
    return None


def head_date(tree, url: str | None) -> date | None:
    # htmldate only sees the head and the URL: on the page body it would pick a sidebar date.
    from htmldate import find_date
    head = tree.find("head")
    head_html = lxml.html.tostring(head, encoding="unicode") if head is not None else "<head></head>"
    found = find_date(f"<html>{head_html}<body></body></html>", url=url,
                      extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    return date.fromisoformat(found) if found else None


def published(tree, title_el, url: str | None, structured: Structured | None = None) -> date | None:
    if title_el is not None and (found := date_line_under(title_el)):
        return found
    if found := date_in(clean(tree.text_content()), labelled_only=True):
        return found
    return machine_date(tree, structured) or head_date(tree, url)

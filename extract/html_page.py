"""A fetched HTML page → the article it carries: headline, date, byline and clean body.

trafilatura finds the body; the page's own furniture (headline element, the
"( Cập nhật lúc: dd/mm/yyyy )" or "Ngày đăng:" line, the byline) is read directly,
because these portals print dates day-first and bylines as a bare name at the end,
which generic metadata extractors miss or misread.

A registry entry may give per-site selectors (CSS, or XPath after "xpath:") for title, date,
byline and body; each field a selector finds nothing for falls back to the generic path,
and the result's "via" says which path served each field.
"""
from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from functools import lru_cache

import lxml.etree
import lxml.html
import trafilatura

_HTML_TAG = re.compile(r"<\s*(html|body|div|p|article|main|table|h[1-6]|span|section)\b", re.I)
_SPACE = re.compile(r"[ \t\u00a0\u200b]+")

# Labels that introduce the page's own publication / update date.
_DATE_LABEL = re.compile(
    r"(?:cập\s*nhật(?:\s*lúc)?|ngày\s*cập\s*nhật|ngày\s*đăng|đăng\s*ngày|ngày\s*xuất\s*bản|"
    r"xuất\s*bản|đăng\s*lúc|thời\s*gian\s*đăng|posted|published|updated)\s*:?\s*"
    r"(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[|,-]\s*)?)?"
    r"(?:thứ\s+\w+|chủ\s+nhật)?\s*,?\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", re.I)
_DATE_DMY = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

_FURNITURE = ("header", "nav", "footer", "aside")
_SIDEBAR_HINT = re.compile(r"side|menu|footer|header|related|lien-quan|other|khac|widget|box|"
                           r"breadcrumb|banner|logo|nav", re.I)
_TITLE_HINT = re.compile(r"title|tieu-?de|heading|headline|tieude", re.I)
_AUTHOR_HINT = re.compile(r"author|tac-?gia|tacgia|byline|signature|nguoi-?viet", re.I)
_CAPTION_HINT = re.compile(r"caption|chu-?thich|chuthich|mo-?ta-?anh|image-desc|photo-?desc",
                           re.I)

_BYLINE_PREFIX = re.compile(r"^(?:tác\s*giả|bài(?:\s*(?:và|,)\s*ảnh)?|tin(?:\s*(?:và|,)\s*ảnh)?|"
                            r"theo|nguồn|người\s*viết)\s*:?\s*", re.I)
_NOT_BYLINE = re.compile(r"^(ảnh|toàn cảnh|quang cảnh|các đại biểu|đại biểu|chia sẻ|lượt xem|"
                         r"tin liên quan|bài viết|skip)\b", re.I)
_FURNITURE_LINE = re.compile(
    r"^\(?\s*(cập nhật lúc|ngày đăng|ngày cập nhật|lượt xem|số lượt xem|chia sẻ|in bài|in trang|"
    r"gửi email|bình luận|tin liên quan|bài viết cùng chuyên mục|tin bài mới|views?\b)", re.I)
_DATE_ONLY_LINE = re.compile(
    r"^\(?\s*(?:(?:thứ\s+\w+|chủ\s+nhật)\s*,?\s*)?(?:\d{1,2}:\d{2}(?::\d{2})?\s*[|,-]?\s*)?"
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}(?:\s*[|,-]?\s*\d{1,2}:\d{2}(?::\d{2})?)?"
    r"\s*(?:\(?GMT[^)]*\)?)?\s*\)?$", re.I)
_IMAGE_NAME = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp)$", re.I)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _parse(html: str | bytes) -> lxml.html.HtmlElement:
    if isinstance(html, bytes):
        from thidua.crawler.decode import decode_page  # declared-or-detected, NFC
        html = decode_page(html, None).text
    if not isinstance(html, str) or not _HTML_TAG.search(html):
        raise ValueError("input is not HTML: no HTML elements found")
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)  # lxml refuses str input with a declaration
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ValueError(f"input is not parseable HTML: {exc}") from exc
    for junk in tree.xpath("//script|//style|//noscript|//template"):
        junk.drop_tree()
    return tree


def _in_furniture(el) -> bool:
    for anc in el.iterancestors():
        if anc.tag in _FURNITURE or anc.tag == "li":
            return True
        if _SIDEBAR_HINT.search(f"{anc.get('class', '')} {anc.get('id', '')}"):
            return True
    return False


def _meta(tree, *names: str) -> str | None:
    for name in names:
        for el in tree.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]'):
            if el.get("content", "").strip():
                return _clean(el.get("content"))
    return None


# ---- title ---------------------------------------------------------------------------

_LOWER_CLASS = "translate(@class,'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')"
_TITLE_CANDIDATES = ("//h1|//h2|//h3|//*[" + " or ".join(
    f"contains({_LOWER_CLASS},'{hint}')" for hint in ("title", "tieude", "tieu-de")) + "]")


def _title_element(tree):
    candidates = []
    for el in tree.xpath(_TITLE_CANDIDATES):
        text = _clean(el.text_content())
        if not 10 <= len(text) <= 300 or _in_furniture(el) or el.xpath(".//a[@href]") and el.tag != "h1":
            continue
        hinted = bool(_TITLE_HINT.search(el.get("class", "") + " " + el.get("id", "")))
        rank = {"h1": 0, "h2": 1}.get(el.tag, 2) - (1.5 if hinted else 0)
        candidates.append((rank, el))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def _strip_site_suffix(title: str) -> str:
    parts = re.split(r"\s+[|–-]\s+(?=[^|–-]*$)", title)
    return parts[0] if len(parts) == 2 and len(parts[0]) > len(parts[1]) else title


def _title(tree, title_el, fallback: str | None) -> str | None:
    if title_el is not None:
        return _clean(title_el.text_content())
    og = _meta(tree, "og:title", "twitter:title")
    if og:
        return _strip_site_suffix(og)
    if fallback:
        return _clean(fallback)
    doc_title = tree.findtext(".//title")
    return _strip_site_suffix(_clean(doc_title)) if doc_title and doc_title.strip() else None


# ---- date ----------------------------------------------------------------------------

def _make_date(d: str, m: str, y: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def _date_in(text: str, labelled_only: bool) -> date | None:
    m = _DATE_LABEL.search(text)
    if m:
        return _make_date(*m.groups())
    if not labelled_only:
        m = _DATE_DMY.search(text)
        if m:
            return _make_date(*m.groups())
    return None


def _published(tree, title_el, url: str | None) -> date | None:
    if title_el is not None:
        # The date line sits just under the headline; sidebars further down carry other dates.
        for el in title_el.xpath("following::*[position() <= 40]"):
            if _in_furniture(el):
                continue
            own = _clean(" ".join(el.xpath("./text()")))
            if own and len(own) <= 120 and (found := _date_in(own, labelled_only=False)):
                return found
    page_text = _clean(tree.text_content())
    if found := _date_in(page_text, labelled_only=True):
        return found
    value = _meta(tree, "article:published_time", "datePublished", "pubdate", "date",
                  "article:modified_time", "dateModified")
    if value and (m := _ISO_DATE.search(value)):
        return _make_date(m[3], m[2], m[1])
    times = tree.xpath("//time[@datetime]")
    for el in [t for t in times if not _in_furniture(t)] + times:
        if m := _ISO_DATE.search(el.get("datetime")):
            return _make_date(m[3], m[2], m[1])
    # htmldate only sees the head and the URL: on the page body it would pick a sidebar date.
    from htmldate import find_date
    head = tree.find("head")
    head_html = lxml.html.tostring(head, encoding="unicode") if head is not None else "<head></head>"
    found = find_date(f"<html>{head_html}<body></body></html>", url=url,
                      extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    return date.fromisoformat(found) if found else None


# ---- author --------------------------------------------------------------------------

def _looks_like_byline(line: str) -> bool:
    line = _BYLINE_PREFIX.sub("", line.strip()).strip()
    if not 3 <= len(line) <= 60 or _NOT_BYLINE.search(line) or line.endswith((".", ":", ";")):
        return False
    words = re.sub(r"\([^)]*\)", "", line).replace("-", " ").replace(",", " ").split()
    if not 1 <= len(words) <= 7 or any(ch.isdigit() for ch in line):
        return False
    # Names and outlets are written in title case ("Nông Nguyệt", "Đài Kim Bảng", "TTXVN").
    return all(w[0].isupper() or w.lower() in ("và", "&") for w in words)


def _byline_text(line: str) -> str:
    return _clean(_BYLINE_PREFIX.sub("", line))


def _byline_after_body(tree, last_paragraph: str) -> str | None:
    """A name printed right after the body that the body extractor dropped (a bold,
    right-aligned line on old portals). Only the next text on the page, outside links and
    page furniture, of two words or more: share buttons ("Facebook") are one word."""
    probe = " ".join(last_paragraph.split())[-30:]
    texts = tree.xpath("//text()[normalize-space()]")
    ends = [i for i, node in enumerate(texts) if probe in " ".join(str(node).split())]
    if not ends or ends[-1] + 1 == len(texts):
        return None
    following = texts[ends[-1] + 1]
    owner = following.getparent()
    if owner is not None and following.is_tail:
        owner = owner.getparent()  # a tail belongs to the element around it
    line = _clean(" ".join(str(following).split()))
    if (owner is None or owner.tag == "a" or owner.xpath("ancestor::a") or _in_furniture(owner)
            or len(_BYLINE_PREFIX.sub("", line).split()) < 2 or not _looks_like_byline(line)):
        return None
    return _byline_text(line)


def _author(tree, paragraphs: list[str], fallback: str | None) -> str | None:
    for el in tree.xpath("//*[@class or @id]"):
        if _AUTHOR_HINT.search(f"{el.get('class', '')} {el.get('id', '')}") and not _in_furniture(el):
            text = _clean(el.text_content())
            if text and _looks_like_byline(text):
                return _byline_text(text)
    if paragraphs and _looks_like_byline(paragraphs[-1]):
        return _byline_text(paragraphs[-1])
    if paragraphs and (after := _byline_after_body(tree, paragraphs[-1])):
        return after
    if fallback and _looks_like_byline(fallback):
        return _byline_text(fallback)
    meta = _meta(tree, "author", "article:author", "dc.creator")
    if meta and _looks_like_byline(meta) and not re.search(r"cổng|trang|website|portal", meta, re.I):
        return meta
    return None


# ---- body ----------------------------------------------------------------------------

def _replace(el, text: str | None) -> None:
    if text:
        new = lxml.html.Element("p")
        new.text = text
        new.tail = el.tail
        el.getparent().replace(el, new)
    else:
        el.drop_tree()


def _captions_as_paragraphs(tree) -> None:
    """Picture blocks become their caption as a paragraph: captions name the people on
    stage ("Ông X – Giám đốc Sở …, Trưởng Khối … phát biểu"), which extractors drop."""
    for fig in tree.xpath("//figure"):
        if fig.getparent() is not None:
            _replace(fig, _clean(" ".join(c.text_content() for c in fig.xpath(".//figcaption"))))
    for table in tree.xpath("//table[.//img]"):
        text = _clean(table.text_content())
        cells = table.xpath(".//td|.//th")
        if table.getparent() is not None and len(cells) <= 4 and len(text) <= 400:
            _replace(table, text)
    for el in tree.xpath("//*[@class]"):
        if _CAPTION_HINT.search(el.get("class", "")) and el.tag != "p" and el.getparent() is not None:
            _replace(el, _clean(el.text_content()))


def _unwrap_layout_tables(tree) -> None:
    """Tables used for page layout (old ASP/PHP portals) become <div>s: trafilatura reads
    every table as data and would print a whole article as one "| … |" cell. Layout is a
    table holding another table, a single cell, or a cell with a long run of text; data
    tables pasted from Word (short cells, <p> in each) stay tables."""
    for table in tree.xpath("//table"):  # outer first: it must still see its inner tables
        cells = table.xpath("./tr/td|./tr/th|./*/tr/td|./*/tr/th")
        if not (table.xpath(".//table") or len(cells) == 1
                or any(len(_clean(c.text_content())) > 300 for c in cells)):
            continue
        for el in [table, *table.xpath("./thead|./tbody|./tfoot|./tr|./*/tr"), *cells]:
            el.tag = "div"


def _body_paragraphs(tree, url: str | None) -> list[str]:
    _captions_as_paragraphs(tree)
    _unwrap_layout_tables(tree)
    html = lxml.html.tostring(tree, encoding="unicode")
    opts = dict(url=url, include_comments=False, include_tables=True, include_images=False,
                output_format="txt", deduplicate=False)
    text = trafilatura.extract(html, **opts) or trafilatura.extract(html, favor_recall=True, **opts)
    if not text:
        return []
    return [_clean(line) for line in text.splitlines() if _clean(line)]


def _drop_furniture(paragraphs: list[str], title: str | None) -> list[str]:
    kept = [p for p in paragraphs if not _FURNITURE_LINE.search(p) and not _IMAGE_NAME.match(p)
            and not _DATE_ONLY_LINE.match(p)]
    if kept and title and _clean(kept[0]).casefold() == title.casefold():
        kept = kept[1:]
    return kept


# ---- registry selectors --------------------------------------------------------------

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


def _selectors(selectors: Mapping | None) -> dict[str, str]:
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


def _match_text(match) -> str:
    return _clean(match.text_content() if isinstance(match, lxml.etree._Element) else str(match))


def _selected(tree, selector: str | None) -> list:
    """Matches with text, in document order; an element inside another match is dropped
    (a selector like "div.noi-dung, div.noi-dung p" must not double the body)."""
    if not selector:
        return []
    matches = [m for m in select(tree, selector) if _match_text(m)
               or isinstance(m, lxml.etree._Element) and (m.get("datetime") or m.get("content"))]
    elements = {m for m in matches if isinstance(m, lxml.etree._Element)}
    return [m for m in matches if not isinstance(m, lxml.etree._Element)
            or not any(a in elements for a in m.iterancestors())]


def _date_from_selected(matches: list) -> date | None:
    """Machine-readable attributes first (datetime, content), then the day-first text the
    portals print, then the written-out and rarer forms through dates.parse_full_date."""
    from thidua.extract.dates import parse_full_date

    for match in matches:
        if isinstance(match, lxml.etree._Element):
            for attr in ("datetime", "content"):
                if (m := _ISO_DATE.search(match.get(attr) or "")) and (
                        found := _make_date(m[3], m[2], m[1])):
                    return found
        text = _match_text(match)
        if found := _date_in(text, labelled_only=False):
            return found
        if (m := _ISO_DATE.search(text)) and (found := _make_date(m[3], m[2], m[1])):
            return found
        if text and len(text) <= 200 and (found := parse_full_date(text)):
            return found
    return None


def _element_lines(el) -> list[str]:
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
    return [line for line in (_clean(ln) for ln in lines) if line and line != "|"]


def _selected_paragraphs(matches: list, title: str | None) -> list[str]:
    paragraphs: list[str] = []
    for match in matches:
        if not isinstance(match, lxml.etree._Element):
            paragraphs.append(_match_text(match))
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
        _captions_as_paragraphs(wrapper)
        paragraphs += _element_lines(wrapper)
    return _drop_furniture(paragraphs, title)


# ---- the article ---------------------------------------------------------------------

def html_to_article(html: str, url: str | None = None, selectors: Mapping | None = None) -> dict:
    """The article of one page: {"title", "published" (date or None), "author", "text",
    "via"}.

    `text` holds the body only, paragraphs separated by blank lines, image captions kept
    as their own paragraphs, NFC. `selectors` (a registry entry's: title, date, byline,
    body; CSS, or XPath after "xpath:") are used field by field; a field whose selector
    finds nothing takes the generic path. `via` maps each of those four fields to
    "selector" or "generic". Raises ValueError if `html` is not HTML, a selector does not
    parse, or no body can be found.
    """
    tree = _parse(html)
    chosen = _selectors(selectors)
    via = dict.fromkeys(SELECTOR_FIELDS, "generic")
    generic_meta = _lazy_metadata(tree, url)

    title = title_el = None
    if found := _selected(tree, chosen.get("title")):
        title, via["title"] = _match_text(found[0]), "selector"
        title_el = found[0] if isinstance(found[0], lxml.etree._Element) else None
    if title is None:
        title_el = _title_element(tree)
        title = _title(tree, title_el, getattr(generic_meta(), "title", None))

    published = _date_from_selected(_selected(tree, chosen.get("date")))
    if published is not None:
        via["date"] = "selector"
    else:
        published = _published(tree, title_el, url)

    # Before the generic body step, which rewrites picture blocks in the tree.
    byline_found = _selected(tree, chosen.get("byline"))
    paragraphs = []
    if found := _selected(tree, chosen.get("body")):
        paragraphs = _selected_paragraphs(found, title)
        if len("\n\n".join(paragraphs)) >= 50:
            via["body"] = "selector"
        else:
            paragraphs = []  # a stub (a lead, a caption) is not the body: use the generic one
    if not paragraphs:
        paragraphs = _drop_furniture(_body_paragraphs(tree, url), title)

    author = None
    if byline_found:
        author = _byline_text(" ".join(_match_text(m) for m in byline_found)) or None
        via["byline"] = "selector" if author else "generic"
    if author is None:
        author = _author(tree, paragraphs, getattr(generic_meta(), "author", None))
    if paragraphs and author and _byline_text(paragraphs[-1]) == author:
        paragraphs = paragraphs[:-1]
    text = "\n\n".join(paragraphs)
    if len(text) < 50:
        raise ValueError("no article body found in the page (less than 50 characters of text)")
    return {"title": _nfc(title) if title else None, "published": published,
            "author": _nfc(author) if author else None, "text": _nfc(text), "via": via}


def _lazy_metadata(tree, url: str | None):
    """trafilatura's metadata, computed at most once and only if a generic field needs it
    (it re-parses the whole page)."""
    cache: list = []

    def get():
        if not cache:
            cache.append(trafilatura.bare_extraction(
                lxml.html.tostring(tree, encoding="unicode"), url=url, with_metadata=True,
                include_comments=False))
        return cache[0]
    return get


def published_date(html: str | bytes, url: str | None = None,
                   selectors: Mapping | None = None) -> date | None:
    """The page's publication date, cheaply (no body extraction): for the crawler's --since
    filter. A `date` selector first, then the page's own date line under the headline,
    labelled dates, meta tags and <time>, then htmldate on the head and URL."""
    tree = _parse(html)
    chosen = _selectors(selectors)
    if found := _date_from_selected(_selected(tree, chosen.get("date"))):
        return found
    title_el = None
    if (titles := _selected(tree, chosen.get("title"))) and isinstance(titles[0], lxml.etree._Element):
        title_el = titles[0]
    return _published(tree, title_el if title_el is not None else _title_element(tree), url)

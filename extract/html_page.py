"""A fetched HTML page → the article it carries: headline, date, byline and clean body.

trafilatura finds the body; the page's own furniture (headline element, the
"( Cập nhật lúc: dd/mm/yyyy )" or "Ngày đăng:" line, the byline) is read directly,
because these portals print dates day-first and bylines as a bare name at the end,
which generic metadata extractors miss or misread.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

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
        from charset_normalizer import from_bytes
        best = from_bytes(html).best()
        html = str(best) if best is not None else html.decode("utf-8", "replace")
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

def _title_element(tree):
    candidates = []
    for el in tree.xpath("//h1|//h2|//h3|//*[contains(@class,'title') or contains(@class,'tieude')"
                         " or contains(@class,'tieu-de')]"):
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
    for el in tree.xpath("//time[@datetime]"):
        if m := _ISO_DATE.search(el.get("datetime")):
            return _make_date(m[3], m[2], m[1])
    # htmldate only sees the head and the URL: on the page body it would pick a sidebar date.
    from htmldate import find_date
    head = tree.find("head")
    head_html = lxml.html.tostring(head, encoding="unicode") if head is not None else "<head></head>"
    found = find_date(f"<html>{head_html}<body></body></html>", url=url,
                      extensive_search=False, original_date=True)
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


def _author(tree, paragraphs: list[str], fallback: str | None) -> str | None:
    for el in tree.xpath("//*[@class or @id]"):
        if _AUTHOR_HINT.search(f"{el.get('class', '')} {el.get('id', '')}") and not _in_furniture(el):
            text = _clean(el.text_content())
            if text and _looks_like_byline(text):
                return _byline_text(text)
    if paragraphs and _looks_like_byline(paragraphs[-1]):
        return _byline_text(paragraphs[-1])
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


def _body_paragraphs(tree, url: str | None) -> list[str]:
    _captions_as_paragraphs(tree)
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


def html_to_article(html: str, url: str | None = None) -> dict:
    """The article of one page: {"title", "published" (date or None), "author", "text"}.

    `text` holds the body only, paragraphs separated by blank lines, image captions kept
    as their own paragraphs, NFC. Raises ValueError if `html` is not HTML or no body
    can be found in it.
    """
    tree = _parse(html)
    meta = trafilatura.bare_extraction(lxml.html.tostring(tree, encoding="unicode"), url=url,
                                       with_metadata=True, include_comments=False)
    title_el = _title_element(tree)
    title = _title(tree, title_el, getattr(meta, "title", None))
    published = _published(tree, title_el, url)
    paragraphs = _drop_furniture(_body_paragraphs(tree, url), title)
    author = _author(tree, paragraphs, getattr(meta, "author", None))
    if paragraphs and author and _byline_text(paragraphs[-1]) == author:
        paragraphs = paragraphs[:-1]
    text = "\n\n".join(paragraphs)
    if len(text) < 50:
        raise ValueError("no article body found in the page (less than 50 characters of text)")
    return {"title": _nfc(title) if title else None, "published": published,
            "author": _nfc(author) if author else None, "text": _nfc(text)}

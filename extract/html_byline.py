"""The byline of a page: an author element (also in the article's own header or footer
block), a bare name closing the body or printed just after it, JSON-LD, meta tags."""
from __future__ import annotations

import re
from collections.abc import Callable

from thidua.extract.html_tree import Structured, clean, hinted, in_furniture, meta

AUTHOR_HINT = re.compile(r"author|tac-?gia|tacgia|byline|signature|nguoi-?viet", re.I)
_AUTHOR_WORDS = ("author", "tac-gia", "tacgia", "byline", "signature", "nguoi-viet", "nguoiviet")
BYLINE_PREFIX = re.compile(r"^(?:tác\s*giả|bài(?:\s*(?:và|,)\s*ảnh)?|tin(?:\s*(?:và|,)\s*ảnh)?|"
                           r"theo|nguồn|người\s*viết|người\s*đăng|(?:viết|gửi|đăng)\s*bởi|by)\s*:?\s*",
                           re.I)
_NOT_BYLINE = re.compile(r"^(ảnh|toàn cảnh|quang cảnh|các đại biểu|đại biểu|chia sẻ|lượt xem|"
                         r"tin liên quan|bài viết|skip)\b", re.I)
_INITIALS = re.compile(r"^[A-ZĐ]{2,4}$")
_OUTLET = re.compile(r"cổng|trang|website|portal|báo\b", re.I)


def looks_like_byline(line: str, hinted_element: bool = False) -> bool:
    line = BYLINE_PREFIX.sub("", line.strip()).strip()
    if hinted_element and _INITIALS.match(line):
        return True  # an author box holding initials ("TP", "HL")
    if not 3 <= len(line) <= 60 or _NOT_BYLINE.search(line) or line.endswith((".", ":", ";")):
        return False
    words = re.sub(r"\([^)]*\)", "", line).replace("-", " ").replace(",", " ").split()
    if not 1 <= len(words) <= 7 or any(ch.isdigit() for ch in line):
        return False
    # Names and outlets are written in title case ("Nông Nguyệt", "Đài Kim Bảng", "TTXVN").
    return all(w[0].isupper() or w.lower() in ("và", "&") for w in words)


def byline_text(line: str) -> str:
    return clean(BYLINE_PREFIX.sub("", line))


def byline_after_body(tree, last_paragraph: str) -> str | None:
    """A name printed right after the body that the body extractor dropped (a bold,
    right-aligned line on old portals). Only the next text on the page, outside links and
    page furniture, of two words or more: share buttons ("Facebook") are one word."""
    probe = " ".join(last_paragraph.split())[-30:]
    if not probe:
        return None
    found = tree.xpath("(//text()[normalize-space()][contains(normalize-space(.), $p)])[last()]"
                       "/following::text()[normalize-space()][1]", p=probe)
    if not found:
        return None
    following = found[0]
    owner = following.getparent()
    if owner is not None and following.is_tail:
        owner = owner.getparent()  # a tail belongs to the element around it
    line = clean(" ".join(str(following).split()))
    if (owner is None or owner.tag == "a" or owner.xpath("ancestor::a") or in_furniture(owner)
            or len(BYLINE_PREFIX.sub("", line).split()) < 2 or not looks_like_byline(line)):
        return None
    return byline_text(line)


def _author_element(tree) -> str | None:
    for el in hinted(tree, _AUTHOR_WORDS, AUTHOR_HINT) + tree.xpath('//*[@itemprop="author"]'):
        if in_furniture(el):
            continue
        text = clean(el.text_content())
        if text and looks_like_byline(text, hinted_element=True):
            return byline_text(text)
    return None


def _jsonld_author(structured: Structured | None) -> str | None:
    author = structured.article_value("author") if structured is not None else None
    if isinstance(author, list):
        author = author[0] if author else None
    if isinstance(author, dict):
        author = author.get("name")
    if isinstance(author, str) and looks_like_byline(author) and not _OUTLET.search(author):
        return clean(author)
    return None


def author(tree, paragraphs: list[str], structured: Structured | None = None,
           fallback: Callable[[], str | None] | None = None) -> str | None:
    """`fallback` (trafilatura's metadata, costly) is asked only when nothing else says."""
    if found := _author_element(tree):
        return found
    if paragraphs and looks_like_byline(paragraphs[-1]):
        return byline_text(paragraphs[-1])
    if paragraphs and (after := byline_after_body(tree, paragraphs[-1])):
        return after
    if found := _jsonld_author(structured):
        return found
    guess = fallback() if fallback is not None else None
    if guess and looks_like_byline(guess):
        return byline_text(guess)
    found = meta(tree, "author", "article:author", "dc.creator")
    if found and looks_like_byline(found) and not _OUTLET.search(found):
        return found
    return None

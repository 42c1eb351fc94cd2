"""A page parsed once: the tree every HTML step reads, its structured data (JSON-LD,
Open Graph), and the test of what is page furniture rather than the article.

Parsing drops what no step should read: scripts, styles and templates (after their
JSON-LD is kept), comments, and elements the browser never shows (`hidden`,
`display:none`, `d-none`, pop-up boxes): a category page's hidden promo box of prose
would otherwise read as an article.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

import lxml.etree
import lxml.html

_HTML_TAG = re.compile(r"<\s*(html|body|div|p|article|main|table|h[1-6]|span|section)\b", re.I)
_SPACE = re.compile(r"[ \t\u00a0\u200b]+")
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)

FURNITURE_TAGS = ("header", "nav", "footer", "aside")
SIDEBAR_HINT = re.compile(r"(?<![a-z])(?:side|nav|other)|menu|footer|header|relate|lien-?quan|"
                          r"khac|widget|breadcrumb|banner|logo", re.I)
# "box" names side widgets ("box-tin-moi") but also the main column ("contentBox").
_WEAK_SIDEBAR_HINT = re.compile(r"box", re.I)
_CONTENT_HINT = re.compile(r"content|main|article|detail|body|noi-?dung|chi-?tiet", re.I)
# An article's own header and footer blocks ("article__header", "entry-footer",
# "post-meta"...) carry its byline and date; the site's header and footer do not.
_ARTICLE_BLOCK = re.compile(r"(?:article|entry|post|news|detail|story|content|page|bai-?viet)[-_]*"
                            r"(?:header|footer|head|foot|meta|info)", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_HIDDEN_CLASS = {"hidden", "hide", "d-none", "invisible", "sr-only", "visually-hidden"}
_POPUP_HINT = re.compile(r"(?:^|[\s_-])(?:modal|popup|pop-up|lightbox|overlay)(?:$|[\s_-])", re.I)
_LD_ARTICLE_TYPES = {"newsarticle", "article", "blogposting", "reportagenews", "analysisnewsarticle",
                     "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle",
                     "scholarlyarticle", "report"}


def clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_COMBINING = re.compile("[\u0300-\u036f]+")
_NOT_ALNUM = re.compile(r"[\W_]+")  # letters of every script kept: a Russian line is not ""


def fold(text: str) -> str:
    """Lower case, no tone marks or diacritics, letters and digits only (of any script): for
    comparing texts that differ in normalisation, quotes or spacing."""
    decomposed = unicodedata.normalize("NFD", (text or "").lower().replace("đ", "d"))
    return _NOT_ALNUM.sub("", _COMBINING.sub("", decomposed))


@dataclass
class Structured:
    """What the page says about itself in JSON-LD and Open Graph."""
    jsonld: list[dict] = field(default_factory=list)
    og_type: str | None = None

    @property
    def types(self) -> set[str]:
        found = set()
        for obj in self.jsonld:
            kind = obj.get("@type")
            for k in kind if isinstance(kind, list) else [kind]:
                if isinstance(k, str):
                    found.add(k.lower())
        return found

    @property
    def is_article(self) -> bool:
        return bool(self.types & _LD_ARTICLE_TYPES) or (self.og_type or "").lower() == "article"

    def article_value(self, key: str):
        """A field of the page's JSON-LD article object (datePublished, author...)."""
        for obj in self.jsonld:
            kind = obj.get("@type")
            kinds = {k.lower() for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)}
            if kinds & _LD_ARTICLE_TYPES and obj.get(key):
                return obj[key]
        return None


def _jsonld_objects(text: str) -> list[dict]:
    try:
        data = json.loads(text)
    except ValueError:
        return []
    out, todo = [], [data]
    while todo:
        item = todo.pop()
        if isinstance(item, list):
            todo.extend(item)
        elif isinstance(item, dict):
            out.append(item)
            if isinstance(item.get("@graph"), list):
                todo.extend(item["@graph"])
    return out


def parse(html: str | bytes) -> tuple[lxml.html.HtmlElement, Structured]:
    """The page's tree, without scripts, styles, comments and hidden elements, and its
    structured data. Raises ValueError when `html` is not HTML."""
    if isinstance(html, bytes):
        from thidua.extract.decode import decode_page  # declared-or-detected, NFC
        html = decode_page(html, None).text
    if not isinstance(html, str) or not _HTML_TAG.search(html):
        raise ValueError("input is not HTML: no HTML elements found")
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)  # lxml refuses str input with a declaration
    try:
        tree = lxml.html.fromstring(html, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ValueError(f"input is not parseable HTML: {exc}") from exc
    structured = Structured()
    for script in tree.xpath('//script[contains(@type, "ld+json")]'):
        structured.jsonld += _jsonld_objects(script.text or "")
    og = tree.xpath('//meta[@property="og:type"]/@content')
    structured.og_type = og[0].strip() if og else None
    for junk in tree.xpath("//script|//style|//noscript|//template"):
        junk.drop_tree()
    drop_hidden(tree)
    return tree, structured


def drop_hidden(tree) -> None:
    candidates = tree.xpath("//*[@hidden or @style or @class or @aria-hidden]")
    for el in candidates:
        if el.getparent() is None or el.tag in ("html", "body"):
            continue
        classes = set((el.get("class") or "").lower().split())
        hidden = (el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or "")
                  or classes & _HIDDEN_CLASS or el.get("aria-hidden") == "true")
        if not hidden and _POPUP_HINT.search(f"{el.get('class', '')} {el.get('id', '')}"):
            hidden = not el.xpath(".//h1")  # a page whose article sits in a "modal" keeps it
        if hidden:
            el.drop_tree()


def is_article_block(el) -> bool:
    """The article's own header/footer/meta block (byline, date), not the site's."""
    hint = f"{el.get('class', '')} {el.get('id', '')}"
    if _ARTICLE_BLOCK.search(hint):
        return True
    return el.tag in ("header", "footer") and any(a.tag == "article" for a in el.iterancestors())


def in_furniture(el) -> bool:
    """Inside the site's navigation, header, footer, sidebars or lists of other articles.
    A column whose class says "sidebar" but that holds the headline is the main column
    (VnExpress names its columns sidebar-1 and sidebar-2)."""
    return furniture_block(el) is not None


def furniture_block(el, lists: bool = True):
    """The ancestor that makes `el` page furniture (see in_furniture), or None. `lists`:
    a list item counts as furniture (a list of other articles' headlines)."""
    headline = None
    for anc in el.iterancestors():
        if anc.tag in ("html", "body"):
            return None
        if anc.tag == "li":
            if lists:
                return anc
        elif anc.tag in FURNITURE_TAGS:
            if not is_article_block(anc):
                return anc
        elif is_sidebar_hint(f"{anc.get('class', '')} {anc.get('id', '')}") and not is_article_block(anc):
            if headline is None:
                headline = _headline(anc.getroottree().getroot())
            if headline is False or anc not in headline.iterancestors():
                return anc
    return None


def _headline(root):
    """The page's one <h1> outside header/nav/footer/aside, or False."""
    found = [h for h in root.iter("h1")
             if not any(a.tag in FURNITURE_TAGS for a in h.iterancestors())]
    return found[0] if len(found) == 1 else False


def is_sidebar_hint(hint: str) -> bool:
    return bool(SIDEBAR_HINT.search(hint)) or bool(
        _WEAK_SIDEBAR_HINT.search(hint) and not _CONTENT_HINT.search(hint))


def meta(tree, *names: str) -> str | None:
    for name in names:
        for el in tree.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]'):
            if el.get("content", "").strip():
                return clean(el.get("content"))
    return None


def hinted(tree, words: tuple[str, ...], pattern: re.Pattern) -> list:
    """Elements of `tree` whose class or id matches `pattern`, in document order. The
    elements carrying a class or id are listed once per tree (a long XPath of contains()
    tests costs more than the whole extraction); `words` is kept for callers' clarity."""
    root = tree.getroottree().getroot()
    listed = _HINTS.get(id(root))
    if listed is None or listed[0] is not root:
        listed = (root, [(el, f"{el.get('class', '')} {el.get('id', '')}")
                         for el in root.iter() if isinstance(el.tag, str)
                         and (el.get("class") or el.get("id"))])
        if len(_HINTS) > 8:
            _HINTS.clear()
        _HINTS[id(root)] = listed
    return [el for el, hint in listed[1] if pattern.search(hint)
            and el.getroottree().getroot() is root]  # not cut out of the page since


_HINTS: dict[int, tuple] = {}

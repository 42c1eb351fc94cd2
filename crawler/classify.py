"""Is a fetched page an article? Decided from the main text trafilatura extracts and the
page's structure together, with the weights and URL patterns of page_kinds.toml.

    verdict = classify_html(html, url)
    verdict.is_article, verdict.score, verdict.reasons   # "+2 400+ characters of own prose"...

The evidence: how much prose the main text holds outside link texts and teaser items
(a listing's main text, when trafilatura finds one, is its teasers), how many teaser
items (a linked headline with its summary, repeated) the page has, the page's headline
and date, og:type and JSON-LD types, and the URL's shape. The same pass yields what the
crawler needs next: the text fingerprints that find copies, the title and date (for
--since), the rel=canonical link, and the continuation pages of an article split over
several pages. It runs in the crawl's classifier processes (thidua.crawler.classify_pool).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from thidua.crawler import dedup, prescreen
from thidua.extract import html_body, html_dates, html_lead, html_links
from thidua.extract.html_page import Page, page_title, title_element
from thidua.extract.html_tree import clean, fold

KINDS_FILE = Path(__file__).with_name("page_kinds.toml")
PROSE_LINE = 60
RETRY_BELOW = 400   # characters of prose under which the full extraction is tried too


@dataclass
class Verdict:
    is_article: bool
    score: float
    reasons: list[str] = field(default_factory=list)
    fingerprint: str | None = None   # the main text, exactly (dedup.text_fingerprint)
    simhash: str | None = None       # the main text, nearly (dedup.simhash)
    title: str | None = None
    published: str | None = None     # ISO date
    canonical: str | None = None     # rel=canonical, absolute
    parts: list[str] = field(default_factory=list)  # continuation pages of a split article
    text_chars: int = 0


@dataclass(frozen=True)
class _Kinds:
    threshold: float
    min_own_prose: int
    weights: dict
    article_url: tuple
    listing_url: tuple
    home_url: tuple


@cache
def kinds(path: str = str(KINDS_FILE)) -> _Kinds:
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    url = data["url"]
    compiled = {k: tuple(re.compile(p) for p in url[k]) for k in ("article", "listing", "home")}
    return _Kinds(float(data["threshold"]), int(data["min_own_prose"]), dict(data["weights"]),
                  compiled["article"], compiled["listing"], compiled["home"])


# ---- structure ------------------------------------------------------------------------

def _url_shape(url: str | None, k: _Kinds) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    path = (parts.path or "/").lower()
    target = path + (f"?{parts.query.lower()}" if parts.query else "")
    if not parts.query and any(p.search(path) for p in k.home_url):
        return "home"
    if any(p.search(target) for p in k.listing_url):
        return "listing"
    if any(p.search(target) for p in k.article_url):
        return "article"
    return None


# ---- the verdict ----------------------------------------------------------------------

def _score(evidence: dict, k: _Kinds) -> tuple[float, list[str]]:
    labels = {
        "own_prose": "400+ characters of prose outside links and teasers",
        "long_prose": "1,000+ characters of such prose",
        "paragraphs": "three or more paragraphs of prose",
        "headline": "a headline above the text",
        "dated": "a publication date",
        "structured_article": "og:type or JSON-LD says article",
        "structured_listing": "og:type or JSON-LD says website or collection",
        "article_url": "URL shaped like an article's",
        "listing_url": "URL shaped like a listing's",
        "home_url": "the home page",
        "teasers": "teaser items cover half the main text",
        "teaser_list": "six or more teaser items",
        "link_dense": "half the main text is link text",
    }
    score, reasons = 0.0, []
    for key, present in evidence.items():
        if present and k.weights.get(key):
            weight = k.weights[key]
            score += weight
            reasons.append(f"{weight:+g} {labels[key]}")
    return score, reasons


def _prose(lines: list[str]) -> int:
    return sum(len(line) for line in lines if len(line) >= PROSE_LINE)


def _structural(page: Page, url: str | None, title_el, published, items, k: _Kinds) -> dict:
    """The evidence read from the page's structure, metadata and URL, before its main text."""
    types = page.structured.types
    shape = _url_shape(url, k)
    return {
        "headline": title_el is not None, "dated": published is not None,
        "structured_article": page.structured.is_article,
        "structured_listing": not page.structured.is_article and (
            (page.structured.og_type or "").lower() == "website"
            or bool(types & {"collectionpage", "itemlist", "searchresultspage"})),
        "article_url": shape == "article", "listing_url": shape == "listing",
        "home_url": shape == "home", "teaser_list": len(items) >= 6,
    }


_MAIN_TEXT_EVIDENCE = ("own_prose", "long_prose", "paragraphs", "teasers", "link_dense")
PRESCREEN_BELOW = 2   # structure scoring this or less: count the page's prose before extracting


def _without_main_text(page: Page, url, structural: dict, teaser_text: str, k: _Kinds) -> list[str] | None:
    """Why this page is no article whatever its main text holds, or None when only the
    main text can tell: the best the main text could add still leaves the score below the
    threshold (a home page, a numbered listing of teasers), or the page does not hold
    `min_own_prose` characters of prose even counted generously (thidua.crawler.prescreen)."""
    score, reasons = _score(structural, k)
    best = score + sum(max(k.weights.get(key, 0), 0) for key in _MAIN_TEXT_EVIDENCE)
    if best < k.threshold:
        return reasons + [f"structure alone scores {score:g}: at most {best:g} with any main text "
                          f"(threshold {k.threshold:g})"]
    if score <= PRESCREEN_BELOW:
        bound = prescreen.own_prose_bound(page.tree, teaser_text)
        if bound < k.min_own_prose:
            return reasons + [f"at most {bound} characters of own prose on the whole page "
                              f"(an article has {k.min_own_prose}+)"]
    return None


def classify_page(page: Page, url: str | None = None) -> Verdict:
    k = kinds()
    tree = page.tree
    title_el = title_element(tree)
    title = page_title(page, title_el) if title_el is not None else None
    published = html_dates.published(tree, title_el, url, page.structured)
    items = html_links.teaser_items(tree)
    teaser_text = " ".join(fold(f"{headline} {summary}") for headline, summary in items)
    canonical = _canonical(tree, url)
    structural = _structural(page, url, title_el, published, items, k)
    iso = published.isoformat() if published else None
    # Most pages that are not articles are told from their structure and a count of
    # their prose, without trafilatura; the others, and every article, are read in full.
    if (reasons := _without_main_text(page, url, structural, teaser_text, k)) is not None:
        score, _ = _score(structural, k)
        return Verdict(is_article=False, score=score, reasons=reasons, title=title,
                       published=iso, canonical=canonical)
    anchors = html_links.anchor_texts(tree)
    parts = continuation_pages(tree, url)   # before the body step rewrites the tree
    # fast: without trafilatura's fallback extractors (the crawl classifies every page),
    # unless that leaves a page with a headline or article metadata short of prose.
    lines = html_body.drop_furniture(html_body.body_paragraphs(tree, url, fast=True), title)
    if (title_el is not None or page.structured.is_article) and _prose(lines) < RETRY_BELOW:
        lines = html_body.drop_furniture(html_body.main_text(tree, url), title)
    if lines and (found := html_lead.lead(tree, title_el, lines)):
        lines = [found, *lines]

    main = sum(len(line) for line in lines)
    linked = teased = own = 0
    prose_paragraphs = 0
    body = []   # the lines that are this page's own: fingerprinted
    for line in lines:
        folded = fold(line)
        if folded in anchors or html_links.link_share(folded, anchors) >= 0.5:
            linked += len(line)
        elif folded and teaser_text and folded[:80] in teaser_text:
            teased += len(line)
        else:
            body.append(line)
            if len(line) >= PROSE_LINE:
                own += len(line)
                prose_paragraphs += 1
    evidence = {
        "own_prose": own >= 400, "long_prose": own >= 1000, "paragraphs": prose_paragraphs >= 3,
        **structural,
        "teasers": main > 0 and teased >= main / 2,
        "link_dense": main > 0 and linked >= main / 2,
    }
    score, reasons = _score(evidence, k)
    is_article = score >= k.threshold and own >= k.min_own_prose
    if own < k.min_own_prose:
        reasons.append(f"only {own} characters of own prose (an article has {k.min_own_prose}+)")
    text = "\n\n".join(body)
    return Verdict(
        is_article=is_article, score=score, reasons=reasons,
        fingerprint=dedup.text_fingerprint(text) if is_article else None,
        simhash=dedup.simhash(text) if is_article else None,
        title=title, published=iso,
        canonical=canonical, parts=parts if is_article else [],
        text_chars=main)


def classify_html(html: str, url: str | None = None) -> Verdict:
    """The verdict on one page; a page that is not HTML at all is no article."""
    try:
        page = Page(html, url)
    except ValueError as exc:
        return Verdict(False, 0.0, [str(exc)])
    return classify_page(page, url)


def _canonical(tree, url: str | None) -> str | None:
    href = tree.xpath('//link[@rel="canonical"]/@href')
    if not href or not href[0].strip():
        return None
    return urljoin(url or "", href[0].strip())


# ---- articles split over several pages --------------------------------------------------

_PART_TEXT = re.compile(r"^(?:trang\s*)?(\d{1,2})$|^(?:trang\s+)?(?:tiếp|sau|kế tiếp|next)\b", re.I)


def continuation_pages(tree, url: str | None) -> list[str]:
    """Pages 2, 3… of this article: links numbered like a pager ("2", "Trang 3", "Tiếp")
    whose URL is this page's URL with a page number added (continues_url)."""
    if not url:
        return []
    found: dict[str, None] = {}
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:")) or not _PART_TEXT.match(clean(a.text_content())):
            continue
        target = urljoin(url, href).split("#")[0]
        if continues_url(url, target):
            found[target] = None
    return list(found)[:20]


_PAGE_QUERY = re.compile(r"^(?:page|trang|p|start|limitstart|pageindex|showall)=\d+$", re.I)
_PAGE_SUFFIX = re.compile(r"(?:/|-|_|/trang-|/page/|-p)\d{1,2}")
_EXTENSION = re.compile(r"(?:\.html?|\.aspx?|\.php)$")


def continues_url(url: str, target: str) -> bool:
    """Whether `target` is `url` with a page number added: ?page=2, &start=1, /2/, -2.html.
    Only for article-like addresses (a slug of 8+ characters), not sections."""
    base, other = urlsplit(url), urlsplit(target)
    if other.netloc != base.netloc or (other.path, other.query) == (base.path, base.query):
        return False
    stem = _EXTENSION.sub("", base.path.rstrip("/"))
    if len(stem.rsplit("/", 1)[-1]) < 8:
        return False
    other_stem = _EXTENSION.sub("", other.path.rstrip("/"))
    if other_stem == stem and other.query != base.query:
        extra = set(other.query.split("&")) - set(base.query.split("&"))
        return bool(extra) and all(_PAGE_QUERY.match(q) for q in extra)
    if other.query == base.query and other_stem.startswith(stem):
        return bool(_PAGE_SUFFIX.fullmatch(other_stem[len(stem):]))
    return False


def main(argv: list[str] | None = None) -> int:
    """python -m thidua.crawler.classify PAGE.html [--url URL]: the verdict on a saved page."""
    import argparse
    import json
    from dataclasses import asdict

    from thidua.extract.decode import decode_page

    parser = argparse.ArgumentParser(description="Is a saved page an article? The crawler's verdict and why.")
    parser.add_argument("pages", nargs="+", type=Path)
    parser.add_argument("--url", help="the page's address (its shape is evidence)")
    parser.add_argument("--json", action="store_true", help="the whole verdict as JSON")
    args = parser.parse_args(argv)
    for path in args.pages:
        verdict = classify_html(decode_page(path.read_bytes(), None).text, args.url)
        if args.json:
            print(json.dumps({"file": str(path), **asdict(verdict)}, ensure_ascii=False))
            continue
        kind = "article" if verdict.is_article else "not an article"
        print(f"{path}: {kind} (score {verdict.score:g}, threshold {kinds().threshold:g})")
        for reason in verdict.reasons:
            print(f"  {reason}")
        if verdict.title or verdict.published:
            print(f"  title: {verdict.title!r}, date: {verdict.published}")
        if verdict.parts:
            print(f"  continued on: {', '.join(verdict.parts)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What `thidua sources check` found for one entry, and how it is printed.

`check_one` gathers the offline problems and notices of an entry, the reading of any saved
pages given with --page, and the online check with --online, as one dict (that is also
the --format json output); `print_check` writes it for a person.
"""
from __future__ import annotations

from pathlib import Path

import click

OFFLINE = ("offline checks only: nothing was fetched "
           "(--page FILE reads a saved page of the site, --online fetches the site)")


def _read_saved(path: Path, encoding: str | None) -> str:
    """A saved page decoded as the crawl decodes a served one (its own declaration checked
    against the bytes, NFC)."""
    from w3lib.encoding import html_body_declared_encoding

    from thidua.extract.decode import decode_page

    body = path.read_bytes()
    return decode_page(body, html_body_declared_encoding(body), encoding).text


def check_one(name: str, problems: list[str], registry, *, online: bool = False, pages=(),
              page_url: str | None = None, timeout: float = 20.0, contact: str | None = None) -> dict:
    from thidua.crawler.sources import source_notices

    result = {"name": name, "problems": list(problems), "notices": [], "pages": [],
              "online": None, "fetched": False, "ok": not problems}
    src = registry.sources.get(name) if registry is not None else None
    if src is None:
        return result
    result["notices"] = source_notices(src)
    if problems and (pages or online):
        result["problems"].append(f"{name}: nothing was read or fetched: fix the problems above first")
        return result
    for path in pages:
        result["pages"].append(_page(src, Path(path), page_url or src.start_urls[0]))
        if not result["pages"][-1]["finds_articles"]:
            result["ok"] = False
    if online:
        from thidua.crawler.site_check import check_online

        report = check_online(src, timeout=timeout, contact=contact)
        result["online"] = report.to_dict()
        result["fetched"] = True
        result["ok"] = result["ok"] and report.ok
    return result


def _page(src, path: Path, url: str) -> dict:
    from thidua.crawler.page_report import read_page

    report = read_page(_read_saved(path, src.encoding), url, src)
    out = {"file": str(path), **report.to_dict()}
    article_ok = report.is_article and report.article is not None and not report.article.error
    out["finds_articles"] = article_ok or bool(report.article_links)
    return out


def _platform_line(platform: dict) -> str:
    if not platform["name"]:
        return "not recognised from the markup"
    evidence = ", ".join(platform["evidence"][:3])
    return f"{platform['label']} ({evidence})"


def _article_line(article: dict) -> str:
    if article.get("error"):
        return f"no article read: {article['error']}"
    date = f", {article['published']}" if article.get("published") else ", no date found"
    return f"“{article.get('title') or '(no title)'}”{date}, {article['body_chars']:,} characters of body"


def _print_page(name: str, page: dict) -> None:
    click.echo(f"{name}: saved page {page['file']} (read as {page['url']}):")
    click.echo(f"    platform: {_platform_line(page['platform'])}")
    if page["is_article"]:
        click.echo(f"    reads as an article: {_article_line(page['article'])}")
    how = "by article_pattern" if page["by_pattern"] else "by their headline-like link text"
    sample = f" (first: {page['article_links'][0]})" if page["article_links"] else ""
    click.echo(f"    links the crawl would follow: {page['links']}; "
               f"{len(page['article_links'])} look like articles {how}{sample}")
    if page["next_page"]:
        click.echo(f"    next page: {page['next_page']}")
    click.echo(f"    feeds on the page: {', '.join(page['feeds']) or 'none'}")
    if not page["finds_articles"]:
        click.echo(f"{name}: problem: {page['file']}: neither an article nor a listing with article "
                   "links: the generic reading finds nothing to store here")


def _print_online(name: str, rep: dict) -> None:
    if not rep["reachable"]:  # one line: the host did not answer
        click.echo(f"{name}: {rep['error']}")
        return
    click.echo(f"{name}: online check of {rep['start_url']}:")
    sitemaps = f"; sitemaps: {', '.join(rep['robots_sitemaps'])}" if rep["robots_sitemaps"] else ""
    click.echo(f"    robots.txt: {rep['robots']}{sitemaps}")
    start = rep["start"]
    if start:
        moved = f" → {start['final_url']}" if start["final_url"] and start["final_url"] != start["url"] else ""
        click.echo(f"    start page: HTTP {start['status']}{moved}")
    if rep["error"]:
        click.echo(f"{name}: problem: {rep['error']}")
        return
    page = rep["page"]
    click.echo(f"    platform: {_platform_line(page['platform'])}")
    sample = f" (first: {page['article_links'][0]})" if page["article_links"] else ""
    click.echo(f"    first listing: {rep['listing_articles']} links look like articles{sample}")
    feed = rep["feed"]
    if feed is None:
        click.echo("    feed: none in the entry or on the start page")
    else:
        items = f", {rep['feed_items']} items" if rep["feed_items"] is not None else ""
        click.echo(f"    feed: {feed['url']}: {('HTTP ' + str(feed['status'])) if feed['status'] else ''}"
                   f"{items} {feed['note']}".rstrip())
    for step in rep["articles_tried"]:
        if step["note"] != "article":
            click.echo(f"    tried {step['url']}: {step['note'] or 'HTTP ' + str(step['status'])}")
    if rep["article"]:
        click.echo(f"    article: {rep['article']['url']}: {_article_line(rep['article'])}")
    feed_found = "feed found" if rep["feed_items"] else "no feed found"
    click.echo(f"{name}: reachable, platform {rep['platform'] or 'not recognised'}, "
               f"{rep['listing_articles']} articles on the first listing, {feed_found}, "
               + ("an article read" if rep["article"] else "no article read"))


def print_check(result: dict, brief: bool = False) -> None:
    """`brief` (for --all): no reminder per entry that nothing was fetched."""
    name = result["name"]
    for line in result["problems"]:
        click.echo(line)
    if not result["problems"]:
        if result["fetched"]:
            click.echo(f"{name}: entry ok; fetching the site")
        else:
            click.echo(f"{name}: ok" + ("" if brief else f"; {OFFLINE}"))
    if not brief:
        for line in result["notices"]:
            click.echo(line.replace(f"{name}: ", f"{name}: note: ", 1))
    for page in result["pages"]:
        _print_page(name, page)
    if result["online"] is not None:
        _print_online(name, result["online"])

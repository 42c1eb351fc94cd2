"""`thidua crawl` (a registry source or any site) and `thidua reextract` (rebuild records
from the raw pages a crawl kept, with no network)."""
from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

import click

MAX_ERRORS_SHOWN = 20


def _spec_for_source(name: str, out: Path, registry: str | None, common: dict):
    from thidua.crawler.run import CrawlSpec
    from thidua.crawler.sources import load_sources

    sources = load_sources(Path(registry)) if registry else load_sources()
    if name not in sources:
        raise click.UsageError(f"no source {name!r} in the registry; `thidua sources` lists them")
    src = sources[name]
    selectors = getattr(src, "selectors", None)
    # feeds and sitemaps: registry fields of newer registries, read when present
    feeds = list(getattr(src, "feeds", None) or ()) + common.pop("feeds", [])
    sitemaps = list(getattr(src, "sitemaps", None) or ()) + common.pop("sitemaps", [])
    return CrawlSpec(
        start_urls=list(src.start_urls), out_dir=str(out / name),
        allowed_domains=list(src.allowed_domains), article_pattern=src.article_pattern,
        follow_pattern=list(getattr(src, "follow_pattern", ()) or ()),
        deny_pattern=list(getattr(src, "deny_pattern", ()) or ()),
        source=src.name, province=common.pop("province", None) or src.province,
        encoding=getattr(src, "encoding", None),
        selectors=selectors.model_dump(exclude_none=True) if selectors else {},
        feeds=feeds, sitemaps=sitemaps, **common)


def print_report(report, out=None) -> None:
    from thidua.warehouse.query import format_table

    columns = ["site", "pages", "unchanged (304)", "new", "updated", "copies", "older", "errors"]
    rows = [[s.site, s.pages, s.not_modified, s.articles_new, s.articles_updated,
             s.duplicates + s.articles_unchanged, s.older_than_since, s.errors]
            for s in report.sites]
    click.echo(format_table(columns, rows, "table"), file=out)
    state = "resumed an interrupted crawl; " if report.resumed else ""
    click.echo(f"{state}{report.pages_fetched} pages in {report.elapsed_seconds:.1f} s, "
               f"{report.articles_new} new and {report.articles_updated} updated articles "
               f"→ {report.pages_path} ({report.finish_reason})", file=out)
    for err in report.errors[:MAX_ERRORS_SHOWN]:
        click.echo(f"failed: {err.url} — {err.reason}", err=True)
    if len(report.errors) > MAX_ERRORS_SHOWN:
        click.echo(f"… and {len(report.errors) - MAX_ERRORS_SHOWN} more failures", err=True)


def _nothing_fetched(spec, report) -> str:
    """One line saying why a crawl fetched nothing at all."""
    where = spec.source or spec.start_urls[0]
    start = {e.url: e.reason for e in report.errors}
    reason = next((start[u] for u in spec.start_urls if u in start), None)
    reason = reason or (report.errors[0].reason if report.errors else
                        "no page answered (robots.txt may forbid the start URL)")
    return f"thidua crawl: nothing fetched from {where}: {reason}"


class BadURL(click.ClickException):
    """A URL the crawl cannot start from: one line, exit status 2."""
    exit_code = 2


def check_start_url(url: str) -> str:
    """The URL as given, or BadURL saying in one line what is wrong with it."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        hint = f"; write https://{url.strip()}" if "://" not in url else ""
        raise BadURL(f"{url!r} has no http:// or https:// scheme{hint}")
    if not parts.hostname:
        raise BadURL(f"{url!r} has no host name")
    return url.strip()


def _stored_articles(folder: Path) -> int:
    from thidua.crawler.pages_file import PAGES_FILE

    files = [folder / PAGES_FILE, *folder.glob(f"*/{PAGES_FILE}")]
    return sum(1 for f in files if f.exists() for line in f.open(encoding="utf-8") if line.strip())


@click.command("crawl")
@click.option("--start-url", "start_urls", multiple=True, help="Listing or home page to start from (repeatable).")
@click.option("--source", "sources", multiple=True, help="A registry entry to crawl (repeatable); see `thidua sources`.")
@click.option("--registry", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Registry file (default: $THIDUA_SOURCES or the bundled crawler/sources.toml).")
@click.option("--allow-domain", "domains", multiple=True, help="Domain the crawl may follow (default: the start URLs' hosts).")
@click.option("--feed", "feed_urls", multiple=True, help="An RSS or Atom feed to read for article URLs (repeatable).")
@click.option("--sitemap", "sitemap_urls", multiple=True,
              help="A sitemap or sitemap index to read besides robots.txt's (repeatable).")
@click.option("--province", default=None, help="Province the pages are about, as written (labels every page).")
@click.option("--since", default=None, help="Skip articles published before this date (YYYY-MM-DD).")
@click.option("--max-pages", type=int, default=None, help="Stop after about this many pages.")
@click.option("--out", type=click.Path(file_okay=False), default="data/crawl", show_default=True,
              help="Folder for pages.jsonl, the raw pages and the crawl state (a source gets OUT/NAME).")
@click.option("--contact", default=None, help="Contact address sent in the User-Agent (default: $THIDUA_CONTACT).")
@click.option("--http-cache", is_flag=True, help="Development: keep every response in OUT/httpcache and replay it.")
@click.option("--redis", "redis_url", default=None, help="Share the frontier with other workers through this Redis (redis://host:6379/0).")
@click.option("--crawl-id", default="default", show_default=True, help="Name of the shared crawl in Redis.")
@click.option("--quiet", is_flag=True, help="No progress line.")
def crawl_cmd(start_urls, sources, registry, domains, feed_urls, sitemap_urls, province, since,
              max_pages, out, contact, http_cache, redis_url, crawl_id, quiet) -> None:
    """Crawl news sites with Scrapy: article pages go to OUT/pages.jsonl, raw pages to OUT/raw.

    Besides the links of its pages, the crawl reads the sitemaps robots.txt names (or
    /sitemap.xml), the feeds pages announce, and ASP.NET pagers that post back. Crawling
    the same folder again fetches only new or changed articles; a crawl that was
    interrupted (Ctrl+C, a kill, a crash) resumes where it stopped.
    """
    from datetime import date

    from thidua.crawler.lock import FolderBusy
    from thidua.crawler.run import CrawlFailed, CrawlSpec, run_spec

    if bool(start_urls) == bool(sources):
        raise click.UsageError("give --start-url URL(s) or --source NAME(s)")
    start_urls = [check_start_url(u) for u in start_urls]
    extra = [check_start_url(u) for u in (*feed_urls, *sitemap_urls)]
    if since:
        try:
            date.fromisoformat(since)
        except ValueError as exc:
            raise click.BadParameter(f"{since!r} is not a YYYY-MM-DD date", param_hint="--since") from exc
    out_dir = Path(out)
    common = dict(max_pages=max_pages, since=since, http_cache=http_cache, contact=contact,
                  redis_url=redis_url, crawl_id=crawl_id, progress=not quiet)
    if sources:
        specs = [_spec_for_source(name, out_dir, registry, dict(common, province=province,
                                                              feeds=list(feed_urls),
                                                              sitemaps=list(sitemap_urls)))
                 for name in sources]
    else:
        hosts = {urlsplit(u).hostname for u in [*start_urls, *extra] if urlsplit(u).hostname}
        allowed = list(domains) or sorted(hosts)
        specs = [CrawlSpec(start_urls=list(start_urls), out_dir=str(out_dir), allowed_domains=allowed,
                           province=province, feeds=list(feed_urls), sitemaps=list(sitemap_urls),
                           **common)]
    failed = ran = False
    for spec in specs:
        try:
            report = run_spec(spec)
        except (CrawlFailed, FolderBusy) as exc:
            click.echo(f"thidua crawl: {spec.source or spec.start_urls[0]}: {exc}", err=True)
            failed = True
            continue
        if report.pages_fetched == 0:
            click.echo(_nothing_fetched(spec, report), err=True)
            failed = True
            continue
        print_report(report)
        ran = True
    if ran and _stored_articles(out_dir):
        click.echo(f"next: thidua reextract {out_dir} > records.jsonl && thidua load records.jsonl")
    if failed:
        sys.exit(1)


@click.command("reextract")
@click.argument("crawl_dirs", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="Where the records go (default: stdout).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes extracting at once (default: all cores); records keep the pages' order.")
def reextract_cmd(crawl_dirs, output, jobs) -> None:
    """Rebuild every record from the raw pages kept by earlier crawls (no network).

    Reads CRAWL_DIR/raw (and the raw folders of sources crawled into CRAWL_DIR/NAME), takes
    the newest fetch of each article, drops copies of the same content, and writes one
    record per article as JSON Lines, failures as {"id", "error"}.
    """
    from thidua.crawler.raw_store import raw_articles
    from thidua.extract_cli import default_jobs, run

    errors: list[str] = []
    pages = []
    for folder in crawl_dirs:
        roots = [Path(folder)] + [p.parent for p in sorted(Path(folder).glob("*/raw"))]
        for root in roots:
            pages += raw_articles(root, errors)
    for err in errors:
        click.echo(f"unreadable raw page: {err}", err=True)
    items = ({"id": p.id, "html": p.html, "url": p.url, "source": p.source, "province": p.province}
             for p in pages)
    failed = run(items, out=output, jobs=jobs or default_jobs())
    click.echo(f"{len(pages)} articles re-extracted, {failed} failed", err=True)
    if failed or errors:
        sys.exit(1)

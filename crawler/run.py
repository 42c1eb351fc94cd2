"""Run a crawl from Python, as often as needed in one process.

Twisted's reactor cannot be restarted, so every crawl runs in a child process
(`python -m thidua.crawler.run --spec SPEC.json`), which writes its report as JSON for
the parent. The spec is a CrawlSpec as JSON; the child can also be started by hand.

The child never outlives its parent: on Linux the kernel sends it SIGTERM when the parent
dies (PR_SET_PDEATHSIG), and a watcher thread notices a parent gone anywhere else; either
way Scrapy stops as on Ctrl+C and the run stays open for the next crawl to resume. The
child holds the output folder's lock (thidua.crawler.lock) while it runs.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from thidua.crawler.pages_file import PAGES_FILE


@dataclass
class CrawlSpec:
    """Everything one crawl needs; `settings` overrides any Scrapy or THIDUA_ setting."""
    start_urls: list[str]
    out_dir: str
    allowed_domains: list[str] = field(default_factory=list)
    max_pages: int | None = None
    article_pattern: str | None = None
    follow_pattern: list[str] = field(default_factory=list)
    deny_pattern: list[str] = field(default_factory=list)
    source: str | None = None
    province: str | None = None
    since: str | None = None
    encoding: str | None = None
    selectors: dict = field(default_factory=dict)  # the registry entry's, by field name
    feeds: list[str] = field(default_factory=list)     # RSS/Atom feeds to read as sources
    sitemaps: list[str] = field(default_factory=list)  # sitemaps besides robots.txt's
    http_cache: bool = False
    contact: str | None = None
    redis_url: str | None = None
    crawl_id: str = "default"
    progress: bool = False
    settings: dict = field(default_factory=dict)


@dataclass
class CrawlError:
    url: str
    reason: str


@dataclass
class SiteReport:
    site: str
    pages: int = 0
    not_modified: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    duplicates: int = 0
    older_than_since: int = 0
    errors: int = 0


@dataclass
class CrawlReport:
    pages_fetched: int
    articles_written: int          # new + updated versions appended to pages.jsonl
    articles_new: int
    articles_updated: int
    not_modified: int
    duplicates: int
    errors: list[CrawlError]
    sites: list[SiteReport]
    pages_path: Path
    finish_reason: str
    elapsed_seconds: float
    resumed: bool
    stats: dict = field(default_factory=dict, repr=False)


class CrawlFailed(RuntimeError):
    """The crawl process itself failed (bad settings, crash), as opposed to pages failing."""


BUSY_EXIT = 75  # the child's exit status when another crawl holds the folder (EX_TEMPFAIL)

def crawl(start_urls: list[str], out_dir: Path, allowed_domains: list[str] | None = None,
          max_pages: int | None = None, progress: bool = False,
          article_pattern: str | None = None, timeout: float | None = None, **options) -> CrawlReport:
    """Crawl from `start_urls` within `allowed_domains` (default: the start URLs' hosts),
    appending new article pages to `out_dir/pages.jsonl` and raw pages to `out_dir/raw/`.
    Further keyword options are CrawlSpec fields (since, province, redis_url, settings…)."""
    spec = CrawlSpec(start_urls=list(start_urls), out_dir=str(out_dir),
                     allowed_domains=list(allowed_domains or []), max_pages=max_pages,
                     article_pattern=article_pattern, progress=progress, **options)
    return run_spec(spec, timeout=timeout)


def run_spec(spec: CrawlSpec, timeout: float | None = None) -> CrawlReport:
    from thidua.crawler.lock import FolderBusy, holder

    out_dir = Path(spec.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if (pid := holder(out_dir)) is not None:
        raise FolderBusy(f"another crawl (process {pid}) is writing into {out_dir}; "
                         "wait for it to finish or give another --out")
    with tempfile.TemporaryDirectory(prefix="thidua-crawl-") as tmp:
        spec_file, report_file = Path(tmp) / "spec.json", Path(tmp) / "report.json"
        spec_file.write_text(json.dumps(asdict(spec), ensure_ascii=False), encoding="utf-8")
        cmd = [sys.executable, "-m", "thidua.crawler.run", "--spec", str(spec_file),
               "--report", str(report_file)]
        proc = subprocess.run(cmd, stderr=None if spec.progress else subprocess.PIPE, text=True,
                              timeout=timeout)
        if proc.returncode == BUSY_EXIT:
            raise FolderBusy((proc.stderr or "").strip().splitlines()[-1] if proc.stderr
                             else f"another crawl is writing into {out_dir}")
        if proc.returncode != 0 or not report_file.exists():
            tail = (proc.stderr or "")[-2000:]
            raise CrawlFailed(f"crawl process exited with {proc.returncode}: {tail}")
        data = json.loads(report_file.read_text(encoding="utf-8"))
    return report_from_dict(data, out_dir)


def report_from_dict(data: dict, out_dir: Path) -> CrawlReport:
    return CrawlReport(
        pages_fetched=data["pages_fetched"], articles_written=data["articles_written"],
        articles_new=data["articles_new"], articles_updated=data["articles_updated"],
        not_modified=data["not_modified"], duplicates=data["duplicates"],
        errors=[CrawlError(**e) for e in data["errors"]],
        sites=[SiteReport(**s) for s in data["sites"]],
        pages_path=Path(out_dir) / PAGES_FILE, finish_reason=data["finish_reason"],
        elapsed_seconds=data["elapsed_seconds"], resumed=data["resumed"], stats=data["stats"])


def _sites(stats: dict) -> list[dict]:
    sites: dict[str, dict] = {}
    for key, value in stats.items():
        if key.startswith("thidua/site/"):
            host, what = key[len("thidua/site/"):].rsplit("/", 1)
            what = {"articles_duplicates": "duplicates",
                    "articles_older_than_since": "older_than_since"}.get(what, what)
            site = sites.setdefault(host, {"site": host})
            if what in SiteReport.__dataclass_fields__:
                site[what] = int(value)
    return [sites[h] for h in sorted(sites)]


def _report(stats: dict, errors: list[dict], resumed: bool) -> dict:
    def n(key: str) -> int:
        return int(stats.get(key, 0))
    for key, count in stats.items():
        if key.startswith("spider_exceptions/"):
            errors.append({"url": "(see the crawl log)",
                           "reason": f"the spider raised {key.split('/', 1)[1]} {count} times"})
    elapsed = stats.get("elapsed_time_seconds", 0.0)
    robots = n("robotstxt/response_count") + n("thidua/discovery/robots")
    return {"pages_fetched": max(n("response_received_count") - robots, 0),
            "articles_written": n("thidua/articles_new") + n("thidua/articles_updated"),
            "articles_new": n("thidua/articles_new"),
            "articles_updated": n("thidua/articles_updated"),
            "not_modified": n("thidua/not_modified"),
            "duplicates": n("thidua/articles_duplicates") + n("thidua/articles_unchanged"),
            "errors": errors, "sites": _sites(stats), "resumed": resumed,
            "finish_reason": str(stats.get("finish_reason", "")),
            "elapsed_seconds": float(elapsed),
            "stats": {k: v if isinstance(v, (int, float, str)) else str(v) for k, v in stats.items()}}


def _spec_from_argv(argv: list[str] | None) -> tuple[CrawlSpec, Path | None]:
    parser = argparse.ArgumentParser(description="Crawl news sites into pages.jsonl.")
    parser.add_argument("start_urls", nargs="*")
    parser.add_argument("--spec", type=Path, help="a CrawlSpec as JSON (other options ignored)")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--report", type=Path, help="write the crawl report here as JSON")
    parser.add_argument("--allowed-domain", action="append", dest="allowed_domains")
    parser.add_argument("--max-pages", type=int)
    parser.add_argument("--article-pattern")
    parser.add_argument("--progress", action="store_true")
    args = parser.parse_args(argv)
    if args.spec:
        return CrawlSpec(**json.loads(args.spec.read_text(encoding="utf-8"))), args.report
    if not args.start_urls or not args.out:
        parser.error("give --spec, or START_URLS and --out")
    return CrawlSpec(start_urls=args.start_urls, out_dir=str(args.out),
                     allowed_domains=args.allowed_domains or [], max_pages=args.max_pages,
                     article_pattern=args.article_pattern, progress=args.progress), args.report


def _die_with_parent() -> None:
    """Stop this crawl when the process that started it is gone (killed, crashed)."""
    import os
    import signal
    import threading
    import time

    parent = os.getppid()
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG: the kernel tells us at once
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent or parent == 1:
        return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _quiet_tracebacks() -> None:
    """Failures are reported per page with their reason; Scrapy's own tracebacks for the
    same failures (a robots.txt that cannot be fetched, a refused connection) are noise."""
    import logging

    class NoTraceback(logging.Filter):
        def filter(self, record):
            record.exc_info = record.exc_text = None
            return True

    # A robots.txt that cannot be fetched is the start URL's failure too, reported once.
    logging.getLogger("scrapy.downloadermiddlewares.robotstxt").setLevel(logging.CRITICAL)
    for name in ("scrapy.core.scraper", "scrapy.core.downloader.handlers.http11", "scrapy.core.engine"):
        logging.getLogger(name).addFilter(NoTraceback())


def _child(argv: list[str] | None = None) -> None:
    spec, report_path = _spec_from_argv(argv)
    from thidua.crawler.lock import CrawlLock, FolderBusy

    try:
        lock = CrawlLock(spec.out_dir).acquire()
    except FolderBusy as exc:
        print(str(exc), file=sys.stderr)
        sys.exit(BUSY_EXIT)
    _die_with_parent()

    # Imported here: the parent process never loads Twisted.
    from scrapy.crawler import CrawlerProcess

    from thidua.crawler.settings import crawl_settings
    from thidua.crawler.spiders.portal import PortalSpider

    overrides = dict(spec.settings)
    if spec.redis_url:
        from thidua.crawler.distributed import redis_settings
        overrides = {**redis_settings(spec.redis_url, spec.crawl_id), **overrides}
    settings = crawl_settings(spec.start_urls, spec.out_dir, spec.max_pages,
                              http_cache=spec.http_cache, contact=spec.contact,
                              overrides=overrides)
    if spec.progress:
        settings["THIDUA_PROGRESS"] = True
        settings["EXTENSIONS"] = {"thidua.crawler.progress.Progress": 500}
    process = CrawlerProcess(settings)
    _quiet_tracebacks()  # after CrawlerProcess: its logging setup resets Scrapy's loggers
    crawler = process.create_crawler(PortalSpider)
    process.crawl(crawler, start_urls=spec.start_urls, allowed_domains=spec.allowed_domains,
                  article_pattern=spec.article_pattern, follow_pattern=spec.follow_pattern,
                  deny_pattern=spec.deny_pattern, source=spec.source, province=spec.province,
                  since=spec.since, encoding=spec.encoding, selectors=spec.selectors,
                  feeds=spec.feeds, sitemaps=spec.sitemaps)
    process.start()
    spider = crawler.spider
    import resource

    own, helpers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    crawler.stats.set_value("thidua/cpu/crawl_process", round(own.ru_utime + own.ru_stime, 2))
    crawler.stats.set_value("thidua/cpu/classifier_processes", round(helpers.ru_utime + helpers.ru_stime, 2))
    report = _report(crawler.stats.get_stats(), list(spider.errors), spider.state.resumed)
    text = json.dumps(report, ensure_ascii=False, indent=1, default=str)
    if report_path:
        report_path.write_text(text, encoding="utf-8")
    else:
        print(text)
    lock.release()


if __name__ == "__main__":
    _child()

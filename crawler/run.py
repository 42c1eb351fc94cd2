"""Run a crawl from Python, as often as needed in one process.

Twisted's reactor cannot be restarted, so every crawl runs in a child process
(`python -m thidua.crawler.run`), which writes its report as JSON for the parent.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from thidua.crawler.pipelines import PAGES_FILE


@dataclass
class CrawlError:
    url: str
    reason: str


@dataclass
class CrawlReport:
    pages_fetched: int
    articles_written: int
    duplicates: int
    errors: list[CrawlError]
    pages_path: Path
    finish_reason: str
    elapsed_seconds: float
    stats: dict = field(default_factory=dict, repr=False)


class CrawlFailed(RuntimeError):
    """The crawl process itself failed (bad settings, crash), as opposed to pages failing."""


def crawl(start_urls: list[str], out_dir: Path, allowed_domains: list[str] | None = None,
          max_pages: int | None = None, progress: bool = False,
          article_pattern: str | None = None, timeout: float | None = None) -> CrawlReport:
    """Crawl from `start_urls` within `allowed_domains` (default: the start URLs' hosts),
    appending new article pages to `out_dir/pages.jsonl` and raw pages to `out_dir/raw/`."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="thidua-crawl-") as tmp:
        report_file = Path(tmp) / "report.json"
        cmd = [sys.executable, "-m", "thidua.crawler.run", "--out", str(out_dir),
               "--report", str(report_file), *start_urls]
        for domain in allowed_domains or []:
            cmd += ["--allowed-domain", domain]
        if max_pages:
            cmd += ["--max-pages", str(max_pages)]
        if article_pattern:
            cmd += ["--article-pattern", article_pattern]
        if progress:
            cmd.append("--progress")
        proc = subprocess.run(cmd, stderr=None if progress else subprocess.PIPE, text=True,
                              timeout=timeout)
        if proc.returncode != 0 or not report_file.exists():
            tail = (proc.stderr or "")[-2000:]
            raise CrawlFailed(f"crawl process exited with {proc.returncode}: {tail}")
        data = json.loads(report_file.read_text(encoding="utf-8"))
    return CrawlReport(
        pages_fetched=data["pages_fetched"], articles_written=data["articles_written"],
        duplicates=data["duplicates"], errors=[CrawlError(**e) for e in data["errors"]],
        pages_path=out_dir / PAGES_FILE, finish_reason=data["finish_reason"],
        elapsed_seconds=data["elapsed_seconds"], stats=data["stats"])


def _report(stats: dict, errors: list[dict]) -> dict:
    def n(key: str) -> int:
        return int(stats.get(key, 0))
    for key, count in stats.items():
        if key.startswith("spider_exceptions/"):
            errors.append({"url": "", "reason": f"{key.split('/', 1)[1]} raised {count} times"})
    elapsed = stats.get("elapsed_time_seconds", 0.0)
    return {"pages_fetched": n("response_received_count") - n("robotstxt/response_count"),
            "articles_written": n("thidua/articles_written"),
            "duplicates": n("thidua/duplicates/url") + n("thidua/duplicates/content"),
            "errors": errors, "finish_reason": str(stats.get("finish_reason", "")),
            "elapsed_seconds": float(elapsed),
            "stats": {k: v if isinstance(v, (int, float, str)) else str(v) for k, v in stats.items()}}


def _child(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Crawl news sites into pages.jsonl.")
    parser.add_argument("start_urls", nargs="+")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--report", type=Path, help="write the crawl report here as JSON")
    parser.add_argument("--allowed-domain", action="append", dest="allowed_domains")
    parser.add_argument("--max-pages", type=int)
    parser.add_argument("--article-pattern")
    parser.add_argument("--progress", action="store_true")
    args = parser.parse_args(argv)

    # Imported here: the parent process never loads Twisted.
    from scrapy.crawler import CrawlerProcess

    from thidua.crawler.settings import crawl_settings
    from thidua.crawler.spiders.portal import PortalSpider

    settings = crawl_settings(args.start_urls, args.out, args.max_pages)
    if args.progress:
        settings["THIDUA_PROGRESS"] = True
        settings["EXTENSIONS"] = {"thidua.crawler.progress.Progress": 500}
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(PortalSpider)
    process.crawl(crawler, start_urls=args.start_urls, allowed_domains=args.allowed_domains,
                  article_pattern=args.article_pattern)
    process.start()
    report = _report(crawler.stats.get_stats(), list(crawler.spider.errors))
    text = json.dumps(report, ensure_ascii=False, indent=1, default=str)
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    else:
        print(text)


if __name__ == "__main__":
    _child()

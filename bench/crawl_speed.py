"""Crawl throughput on loopback: a bare Scrapy spider vs thidua's crawl, without and with
extraction, over one generated site served by a separate process; then what turning a
page into an article costs against one trafilatura.extract, and the bytes stored per page.

    python bench/crawl_speed.py [--pages 2000] [--template portal] [--skip-extraction] [--profile]
                                [--repeat N] [--workers N]

Modes, all in one run against the same server:
  bare        a Scrapy spider defined here: follows every in-domain link, stores nothing,
              with thidua's concurrency settings for local sites (the ceiling to compare to);
  crawl       thidua.crawler.run.crawl: robots, sitemaps, feeds, classification of every page
              (trafilatura, in the classifier processes), near-copy detection, raw store,
              pages.jsonl;
  crawl+ext   the same crawl while this process tails pages.jsonl and extracts each article
              from the raw store (crawl and extraction in separate processes).
The table gives Scrapy's own seconds and, beside them, the CPU seconds each mode used: the
bare spider's process; the crawl's own process and its classifier processes apart. On a
machine with a core free for the classifier the crawl's speed is set by its own process.
Page → article: per article page of the site (and the sample site, and ../shared's real
pages when present), html_to_article and the crawl's classify_html against one
trafilatura.extract of the same page.
--profile adds a cProfile of the crawl child (not timed in the table).
Targets (issue 12): crawl ≥ 0.9 × bare in the same run; page → article ≤ 2 × trafilatura.extract.
"""
from __future__ import annotations

import argparse
import json
import os
import math
import pstats
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

REPO = str(Path(__file__).resolve().parents[1]) + "/"
PRINT_SHARE = 0.1  # one article in ten has a print view (the crawl must drop it as a copy)
PER_PAGE = 10
SEED = 0
# Settings the bare spider takes from thidua's (scheduling and politeness, not pipelines).
SHARED_PREFIXES = ("CONCURRENT_", "AUTOTHROTTLE_", "DOWNLOAD_DELAY", "RANDOMIZE_DOWNLOAD_DELAY",
                   "DOWNLOAD_TIMEOUT", "DOWNLOAD_MAXSIZE", "ROBOTSTXT_OBEY", "USER_AGENT",
                   "COOKIES_ENABLED", "REDIRECT_MAX_TIMES", "REACTOR_THREADPOOL_MAXSIZE")


# ---- the site -----------------------------------------------------------------------

def composition(total_pages: int) -> tuple[int, dict[str, int]]:
    """The most articles whose site (articles + listings + print views + about page)
    stays within `total_pages`, and that site's page counts."""
    def counts(n: int) -> dict[str, int]:
        prints = sum(math.floor(i * PRINT_SHARE) > math.floor((i - 1) * PRINT_SHARE)
                     for i in range(1, n + 1))
        return {"articles": n, "listings": math.ceil(n / PER_PAGE), "print views": prints,
                "other": 1}
    n = max(1, round(total_pages / (1 + 1 / PER_PAGE + PRINT_SHARE)))
    while n > 1 and sum(counts(n).values()) > total_pages:
        n -= 1
    while sum(counts(n + 1).values()) <= total_pages:
        n += 1
    return n, counts(n)


def start_server(n_articles: int, template: str) -> tuple[subprocess.Popen, str]:
    """The site in its own process, so that serving never competes with the crawler for a GIL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "thidua.crawler.local_site", "--articles", str(n_articles),
         "--template", template, "--per-page", str(PER_PAGE), "--seed", str(SEED),
         "--print-views", str(PRINT_SHARE), "--port", "0"],
        stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    match = re.match(r"serving (\S+)", line)
    if not match:
        proc.kill()
        sys.exit(f"the site server did not start: {line!r}")
    return proc, match[1]


# ---- mode a: the bare spider (runs in a child: python crawl_speed.py --bare-child) ------

def bare_settings() -> dict:
    from thidua.crawler import settings as thidua_settings

    def shared(key: str) -> bool:
        return key.isupper() and key.startswith(SHARED_PREFIXES)
    settings = {k: v for k, v in vars(thidua_settings).items() if shared(k)}
    settings.update({k: v for k, v in getattr(thidua_settings, "LOCAL_OVERRIDES", {}).items()
                     if shared(k)})
    settings.update({"LOG_LEVEL": "WARNING", "TELNETCONSOLE_ENABLED": False,
                     "REMOTE_CONTROL_ENABLED": False})
    return settings


def bare_child(start_url: str, report: Path) -> None:
    from urllib.parse import urlsplit

    import scrapy
    from scrapy.crawler import CrawlerProcess
    from scrapy.linkextractors import LinkExtractor

    class BareSpider(scrapy.Spider):
        name = "bare"
        start_urls = [start_url]
        links = LinkExtractor()
        host = urlsplit(start_url).hostname

        async def start(self):
            # Filtered like every other request: listing page 2 links back to page 1.
            yield scrapy.Request(start_url, callback=self.parse)

        def parse(self, response):
            for link in self.links.extract_links(response):
                if urlsplit(link.url).hostname == self.host:
                    yield response.follow(link.url, callback=self.parse)

    settings = bare_settings()
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats()
    pages = stats.get("response_received_count", 0) - stats.get("robotstxt/response_count", 0)
    own = resource.getrusage(resource.RUSAGE_SELF)
    report.write_text(json.dumps({"pages": pages, "seconds": stats.get("elapsed_time_seconds", 0.0),
                                  "cpu": own.ru_utime + own.ru_stime, "settings": settings}, default=str),
                      encoding="utf-8")


def run_bare(start_url: str, tmp: Path) -> dict:
    report = tmp / "bare.json"
    started = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--bare-child", start_url, str(report)], check=True)
    data = json.loads(report.read_text(encoding="utf-8"))
    data["wall"] = time.perf_counter() - started
    return data


# ---- modes b and c: thidua's crawl ------------------------------------------------------

def run_crawl(start_url: str, out: Path, workers: str | None = None) -> dict:
    from thidua.crawler.run import crawl

    started = time.perf_counter()
    report = crawl([start_url], out, settings={"THIDUA_CLASSIFY_WORKERS": workers} if workers else {})
    return {"pages": report.pages_fetched, "seconds": report.elapsed_seconds,
            "wall": time.perf_counter() - started, "report": report,
            "cpu": float(report.stats.get("thidua/cpu/crawl_process", 0)),
            "cpu_helpers": float(report.stats.get("thidua/cpu/classifier_processes", 0))}


def run_crawl_with_extraction(start_url: str, out: Path, warm_html: str) -> dict:
    from thidua.crawler import run
    from thidua.crawler.follow import follow_jsonl
    from thidua.crawler.pages_file import page_html
    from thidua.extract.pipeline import ExtractionError, extract_record

    # Start-up (trafilatura, underthesea, lexicons) is paid before the clock starts.
    extract_record(html=warm_html, url="http://127.0.0.1/warm-up.html", id="warm-up")
    outcome: dict = {}

    def crawl_in_background():
        try:
            outcome["report"] = run.crawl([start_url], out)
        except Exception as exc:  # noqa: BLE001 - re-raised below, not swallowed
            outcome["error"] = exc
        outcome["ended"] = time.perf_counter()

    thread = threading.Thread(target=crawl_in_background)
    started = time.perf_counter()
    thread.start()
    extracted, busy, failures = 0, 0.0, Counter()
    for row in follow_jsonl(out / getattr(run, "PAGES_FILE", "pages.jsonl"),
                            is_done=lambda: not thread.is_alive()):
        t0 = time.perf_counter()
        try:
            extract_record(html=page_html(row, out), url=row["url"], id=row["id"])
        except ExtractionError as exc:
            failures[str(exc)[:60]] += 1
        busy += time.perf_counter() - t0
        extracted += 1
    ended = time.perf_counter()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    report = outcome["report"]
    return {"pages": report.pages_fetched, "seconds": ended - started, "wall": ended - started,
            "crawl_seconds": report.elapsed_seconds,
            "crawl_wall": outcome["ended"] - started,
            "extracted": extracted, "extract_busy": busy, "failures": failures, "report": report}


def run_profile(start_url: str, out: Path, tmp: Path, top: int = 15) -> None:
    prof = tmp / "crawl.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "thidua.crawler.run",
                    "--out", str(out), "--report", str(tmp / "profiled.json"), start_url],
                   check=True, stderr=subprocess.DEVNULL)
    stats = pstats.Stats(str(prof))
    total = stats.total_tt or 1.0
    print(f"\ncProfile of the crawl child (python -m cProfile -m thidua.crawler.run): "
          f"{total:.1f} s in profiled frames (profiling itself slows the crawl down)")
    by_package: Counter = Counter()
    rows = []
    for (filename, line, func), (_cc, nc, tt, ct, _) in stats.stats.items():
        by_package[_package(filename)] += tt
        rows.append((tt, ct, nc, f"{_short(filename)}:{line}({func})"))
    print("  self time by package: " + ", ".join(
        f"{pkg} {100 * t / total:.0f} %" for pkg, t in by_package.most_common(8)))
    print(f"  top {top} functions by self time:")
    print(f"  {'self s':>7} {'cum s':>7} {'calls':>9}  function")
    for tt, ct, nc, name in sorted(rows, reverse=True)[:top]:
        print(f"  {tt:7.2f} {ct:7.2f} {nc:9d}  {name}")


def _package(filename: str) -> str:
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1].split("/", 1)[0]
    if filename.startswith(REPO):
        return "thidua"
    if filename.startswith("<"):
        return "builtins"
    return "stdlib"


def _short(filename: str) -> str:
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1]
    if filename.startswith(REPO):
        return filename[len(REPO):]
    return re.sub(r"^.*/lib/python3\.\d+/", "", filename)


# ---- output ---------------------------------------------------------------------------

def print_table(results: list[tuple[str, dict]], bare_rate: float) -> None:
    print(f"\n{'mode':<28} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'vs bare':>8} {'wall s':>7}"
          f" {'cpu ms/page':>12} {'+classifier':>12}")
    for name, r in results:
        rate = r["pages"] / r["seconds"] if r["seconds"] else 0.0
        cpu = f"{1000 * r['cpu'] / r['pages']:.2f}" if r.get("cpu") else "-"
        helpers = f"{1000 * r['cpu_helpers'] / r['pages']:.2f}" if r.get("cpu_helpers") else "-"
        print(f"{name:<28} {r['pages']:>6} {r['seconds']:>8.2f} {rate:>8.1f} "
              f"{rate / bare_rate if bare_rate else 0:>8.2f} {r['wall']:>7.2f} {cpu:>12} {helpers:>12}")
    print("seconds: Scrapy's elapsed_time_seconds (open to close of the spider); wall: with "
          "process start-up. crawl+ext: from starting the crawl to the last article extracted.\n"
          "cpu ms/page: CPU of the crawling process itself; +classifier: CPU of its classifier "
          "processes (on other cores when the machine has them free).")


def page_to_article(pages: dict[str, list[str]], repeat: int = 3) -> None:
    """html_to_article and classify_html against one trafilatura.extract, per page set."""
    import trafilatura

    from thidua.crawler.classify import classify_html
    from thidua.extract.html_page import html_to_article

    def per_page(fn, htmls) -> float:
        for h in htmls[:3]:
            fn(h)
        started = time.perf_counter()
        for _ in range(repeat):
            for h in htmls:
                fn(h)
        return 1000 * (time.perf_counter() - started) / (repeat * len(htmls))

    print(f"\npage → article (ms per page, {repeat} passes; target: html_to_article ≤ 2 × extract)")
    print(f"  {'pages':<26} {'n':>4} {'trafilatura':>12} {'html_to_article':>16} {'ratio':>6} "
          f"{'classify_html':>14} {'ratio':>6}")
    for name, htmls in pages.items():
        if not htmls:
            continue
        base = per_page(lambda h: trafilatura.extract(h), htmls)
        article = per_page(lambda h: html_to_article(h), htmls)
        verdict = per_page(lambda h: classify_html(h, "http://127.0.0.1/tin-tuc/bai-viet-mau.html"), htmls)
        print(f"  {name:<26} {len(htmls):>4} {base:>12.2f} {article:>16.2f} {article / base:>6.2f} "
              f"{verdict:>14.2f} {verdict / base:>6.2f}")


def sample_pages() -> dict[str, list[str]]:
    from thidua.extract.decode import decode_page

    repo = Path(REPO)
    sample = [p.read_text(encoding="utf-8") for p in sorted((repo / "crawler" / "sample_site").glob("*/*/*.html"))
              if not re.search(r"index|page-\d|trang-\d", p.name)]
    real_dir = repo.parent / "shared" / "real-pages"
    real = []
    if (real_dir / "truth.json").exists():
        truth = json.loads((real_dir / "truth.json").read_text(encoding="utf-8"))["pages"]
        real = [decode_page((real_dir / "pages" / t["file"]).read_bytes(), None).text
                for t in truth if t["kind"] == "article"]
    return {"sample site articles": sample, "real pages (../shared)": real}


def print_storage(out: Path, pages: int) -> None:
    jsonl = (out / "pages.jsonl").stat().st_size if (out / "pages.jsonl").exists() else 0
    raw = sum(f.stat().st_size for f in (out / "raw").glob("*") if f.is_file())
    rows = sum(1 for _ in (out / "pages.jsonl").open()) if jsonl else 0
    print(f"\nstorage: pages.jsonl {jsonl / max(rows, 1) / 1024:.2f} KB per stored article ({rows} lines, "
          f"no page text in it); raw store {raw / max(pages, 1) / 1024:.2f} KB per fetched page "
          f"(one gzip copy of each page as served, index included)")


def print_stage_times(stats: dict) -> None:
    stages = {k[len("thidua/time/"):]: v for k, v in stats.items() if k.startswith("thidua/time/")}
    if not stages:
        print("\nwhere the time goes: the crawl report carries no thidua/time/ stats "
              "(run with --profile for a profile)")
        return
    print("\nwhere the time goes (crawl report, thidua/time/*):")
    for key, value in sorted(stages.items(), key=lambda kv: -float(kv[1]) if _num(kv[1]) else 0):
        print(f"  {key:<32} {value}")


def _num(value) -> bool:
    try:
        float(value)
        return True
    except (TypeError, ValueError):
        return False


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--bare-child":
        return bare_child(sys.argv[2], Path(sys.argv[3]))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000, help="size of the site (all pages)")
    parser.add_argument("--template", choices=("portal", "blog"), default="portal")
    parser.add_argument("--skip-extraction", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run bare and crawl N times, alternating, and keep the fastest of each "
                             "(on a busy machine)")
    parser.add_argument("--workers", default=None,
                        help="classifier processes for the crawl (THIDUA_CLASSIFY_WORKERS; default auto)")
    parser.add_argument("--skip-page-cost", action="store_true", help="no page → article timing")
    args = parser.parse_args()

    from thidua.crawler.synthetic_site import build_site

    n_articles, counts = composition(args.pages)
    site = build_site(n_articles, template=args.template, per_page=PER_PAGE, seed=SEED,
                      print_views=PRINT_SHARE)
    assert len(site.pages) == sum(counts.values()), (len(site.pages), counts)
    print(f"site: {len(site.pages)} pages (" + ", ".join(f"{v} {k}" for k, v in counts.items())
          + f"), template {args.template}, {sum(map(len, site.pages.values())) / len(site.pages) / 1024:.1f} KB "
          f"per page on average; expected crawl result: {n_articles} articles, "
          f"{counts['print views']} print-view copies dropped")

    server, start_url = start_server(n_articles, args.template)
    results: list[tuple[str, dict]] = []
    try:
        with tempfile.TemporaryDirectory(prefix="thidua-bench-") as tmp_name:
            tmp = Path(tmp_name)
            print(f"serving at {start_url} (separate process)")
            bare, plain = None, None
            for i in range(max(1, args.repeat)):
                b = run_bare(start_url, tmp)
                c = run_crawl(start_url, tmp / f"crawl-{i}", args.workers)
                if args.repeat > 1:
                    print(f"  run {i + 1}: bare {b['pages'] / b['seconds']:.1f} pages/s, "
                          f"crawl {c['pages'] / c['seconds']:.1f} pages/s")
                bare = b if bare is None or b["seconds"] < bare["seconds"] else bare
                plain = c if plain is None or c["seconds"] < plain["seconds"] else plain
            print("bare spider settings: " + ", ".join(f"{k}={v}" for k, v in sorted(bare["settings"].items())
                                                       if k != "USER_AGENT"))
            results.append(("bare Scrapy spider", bare))
            results.append(("thidua crawl", plain))
            report = plain["report"]
            if not args.skip_extraction:
                ext = run_crawl_with_extraction(start_url, tmp / "crawl-ext",
                                                site.pages[site.articles[0]].decode("utf-8"))
                results.append(("thidua crawl + extraction", ext))
            bare_rate = bare["pages"] / bare["seconds"] if bare["seconds"] else 0.0
            print_table(results, bare_rate)
            print(f"\nthidua crawl: {report.articles_written} articles written, "
                  f"{report.duplicates} duplicates, {len(report.errors)} errors, "
                  f"finish reason {report.finish_reason!r}")
            rate = plain["pages"] / plain["seconds"] if plain["seconds"] else 0.0
            ratio = rate / bare_rate if bare_rate else 0.0
            cpu_ratio = bare["cpu"] / plain["cpu"] if plain.get("cpu") else 0.0
            print(f"target ≥ 0.9 × bare: {'met' if ratio >= 0.9 else 'NOT met'} ({ratio:.2f} in pages/s); "
                  f"the crawl's own process needs {1 / cpu_ratio if cpu_ratio else 0:.2f} × the bare spider's "
                  f"CPU per page, its classifiers {plain.get('cpu_helpers', 0) / max(bare['cpu'], 1e-9):.2f} × more "
                  f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
            if not args.skip_extraction:
                n, busy = ext["extracted"], ext["extract_busy"]
                print(f"crawl + extraction: {n} articles extracted, {n / busy if busy else 0:.1f} "
                      f"articles/s while extracting, {n / ext['seconds']:.1f} articles/s end to end; "
                      f"the crawl finished after {ext['crawl_wall']:.1f} s (its own "
                      f"{ext['crawl_seconds']:.1f} s), extraction was busy "
                      f"{100 * busy / ext['seconds']:.0f} % of the run"
                      + (f"; not extracted: {dict(ext['failures'])}" if ext["failures"] else ""))
            print_stage_times(report.stats)
            print_storage(tmp / "crawl-0", plain["pages"])
            if not args.skip_page_cost:
                articles = [site.pages[p].decode("utf-8") for p in site.articles[:200]]
                page_to_article({f"bench site ({args.template})": articles, **sample_pages()})
            if args.profile:
                run_profile(start_url, tmp / "crawl-prof", tmp)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()

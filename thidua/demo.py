"""`thidua demo`: the whole job on the bundled sample site — serve, crawl, extract, load, show."""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

import click
from tqdm import tqdm

from thidua.extract_cli import extract_item
from thidua.schema import SECTIONS


def extract_pages(pages_path: Path, progress: bool = True):
    """Records for the newest version of every article a crawl stored (its folder's
    pages.jsonl); failures as {"id", "error"}."""
    from thidua.crawler.pages_file import read_pages

    pages = read_pages(Path(pages_path).parent)
    for page in tqdm(pages, desc="extract", unit="page", disable=not progress, leave=False):
        # the same path as `thidua extract --jsonl pages.jsonl`: registry selectors, limits
        result = extract_item({k: page.get(k) for k in ("id", "html", "url", "source", "province")})
        yield {**result, "url": page.get("url")} if "error" in result else result


def run_demo(db: Path, workdir: Path | None = None, progress: bool = True) -> dict:
    from thidua.crawler.run import crawl
    from thidua.crawler.sample_server import serve
    from thidua.warehouse import load_records

    started = time.perf_counter()
    workdir = workdir or Path(tempfile.mkdtemp(prefix="thidua-demo-"))
    with serve() as base:
        click.echo(f"serving the sample site at {base}", err=True)
        report = crawl([f"{base}/"], workdir / "crawl", allowed_domains=["127.0.0.1"], progress=progress)
    click.echo(f"crawled {report.pages_fetched} pages, {report.articles_written} articles", err=True)
    records, failures = [], []
    for rec in extract_pages(Path(report.pages_path), progress=progress):
        (failures if "error" in rec else records).append(rec)
    for f in failures:
        click.echo(f"extraction failed for {f.get('url') or f['id']}: {f['error']}", err=True)
    # failed extractions are loaded too: they land in load_failures, which coverage counts
    stats = load_records(db, records + failures)
    return {"db": str(db), "crawl": report, "records": len(records), "failures": failures,
            "load": stats, "seconds": time.perf_counter() - started}


def summary_queries() -> list[tuple[str, str]]:
    counts = " UNION ALL ".join(
        f"SELECT '{name}' AS section, count(*) AS rows FROM {name}"
        for name in ("articles",) + SECTIONS)
    history = ("SELECT province, current_province, bloc, year, leader, deputy, status, conflict, "
               "len(sources) AS sources FROM bloc_leadership_history "
               "ORDER BY province, bloc, year, leader")
    entities = ("SELECT 'units' AS entities, count(*) AS n FROM entity_units UNION ALL "
                "SELECT 'people', count(*) FROM entity_people UNION ALL "
                "SELECT 'blocs', count(*) FROM entity_blocs")
    return [("Rows per section", counts), ("Resolved entities", entities),
            ("Bloc leadership history", history)]

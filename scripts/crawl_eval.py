"""Crawl the template zoo with the generic crawl and say how it did, per template family.

    .venv/bin/python scripts/crawl_eval.py [--family NAME]... [--show] [--json FILE] [--keep DIR]

Serves every family of tests/zoo on its own port of 127.0.0.1, runs `thidua crawl
--start-url <home page>` (no registry entry, no selectors) into a folder per family, then
`thidua extract --jsonl <folder>/pages.jsonl` (the pages read back from the compressed raw
store), and prints per family: articles, stored exactly once, missing, stored twice,
non-articles stored (listing, tag, search, home pages, copies), bodies complete (lead and
every paragraph) and clean (no furniture), titles, dates and bylines right. `--show` lists
every miss. The CI floors are in tests/test_zoo_crawl.py.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from zoo import FAMILIES  # noqa: E402
from zoo.evaluate import COLUMNS, as_json, read_rows, score, totals  # noqa: E402
from zoo.serve import serve_zoo  # noqa: E402


def thidua_cli() -> list[str]:
    exe = Path(sys.executable).with_name("thidua")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "thidua.cli"]


def crawl_and_extract(base: str, out: Path) -> tuple[list[dict], list[dict], str]:
    crawl = subprocess.run([*thidua_cli(), "crawl", "--start-url", f"{base}/", "--out", str(out), "--quiet"],
                           capture_output=True, text=True, timeout=600)
    pages = out / "pages.jsonl"
    records = []
    if pages.exists():
        extract = subprocess.run([*thidua_cli(), "extract", "--jsonl", str(pages)],
                                 capture_output=True, text=True, timeout=600)
        records = [json.loads(line) for line in extract.stdout.splitlines() if line.strip()]
    return read_rows(out), records, crawl.stdout + crawl.stderr


def print_table(scores) -> None:
    from thidua.warehouse.query import format_table

    rows = [s.row() for s in scores]
    print(format_table(list(COLUMNS), rows, "table"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--family", action="append", help="only these families (repeatable)")
    parser.add_argument("--show", action="store_true", help="list every miss")
    parser.add_argument("--json", type=Path, help="write the scores as JSON here")
    parser.add_argument("--keep", type=Path, help="crawl into this folder and keep it")
    args = parser.parse_args()
    families = [f for f in FAMILIES if not args.family or f.name in args.family]
    if not families:
        parser.error(f"no such family; known: {', '.join(f.name for f in FAMILIES)}")
    scores = []
    with tempfile.TemporaryDirectory(prefix="thidua-zoo-") as tmp, serve_zoo(families) as served:
        root = args.keep or Path(tmp)
        for family, site, local in served:
            rows, records, log = crawl_and_extract(local.url, root / family.name)
            result = score(site, local.url, rows, records)
            if not rows:
                result.problems.append(f"the crawl stored nothing: {log.strip()[-300:]}")
            scores.append(result)
    total = totals(scores)
    print_table([*scores, total])
    n = total.articles or 1
    print(f"zoo: {len(scores)} families, {total.articles} articles; stored exactly once "
          f"{total.stored_once}/{total.articles}, non-articles stored {total.non_articles}, bodies complete "
          f"{100 * total.complete / n:.1f} %, clean {100 * total.clean / n:.1f} %, titles {100 * total.titles / n:.1f} %, "
          f"dates {100 * total.dates / n:.1f} %, bylines {100 * total.authors / n:.1f} %")
    if args.show:
        for s in scores:
            for problem in s.problems:
                print(f"  {s.family}: {problem}")
    if args.json:
        args.json.write_text(as_json([*scores, total]), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

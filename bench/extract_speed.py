"""Extraction speed on one core: articles/s on dev-sized passages, time per stage, start-up,
peak memory, and how time grows with an article's length.

    python bench/extract_speed.py [--articles N] [--corpus DIR] [--no-curve] [--no-jobs] [--copies N]

The corpus defaults to ../shared/dev (46 real passages of 0.6-4 KB), cycled to N articles,
each with its `published_hint`. The size→time curve feeds articles of 1 KB … 1 MB built from
the same passages' bodies, once as prose and once with every punctuation mark and line break
removed (the case that used to be quadratic); ms/KB should stay flat. Last, the whole
`thidua extract --jsonl` command on the passages with --jobs 1 and --jobs 2.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CURVE_KB = (1, 4, 16, 64, 256, 1024)


def startup_seconds() -> float:
    code = ("import time; t=time.perf_counter(); from thidua.extract.pipeline import extract_record; "
            "extract_record(text='Khối thi đua Văn hóa - Xã hội tổ chức hội nghị năm 2023.'); "
            "print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def load_corpus(folder: Path) -> list[tuple[str, str | None]]:
    """(text, published) of each passage: dev layout (ID.txt + ID.json) or bare .txt files."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        meta = path.with_suffix(".json")
        published = json.loads(meta.read_text(encoding="utf-8")).get("published_hint") if meta.exists() else None
        out.append((path.read_text(encoding="utf-8"), published))
    return out


def throughput(extract_record, corpus, articles: int) -> None:
    extract_record(text=corpus[0][0], published=corpus[0][1])   # warm caches: steady state
    timings: dict[str, float] = {}
    size = 0
    started = time.perf_counter()
    for i in range(articles):
        text, published = corpus[i % len(corpus)]
        size += len(text.encode("utf-8"))
        extract_record(text=text, published=published, timings=timings)
    elapsed = time.perf_counter() - started
    print(f"{articles} articles, {size / articles / 1024:.1f} KB each on average")
    print(f"throughput: {articles / elapsed:.1f} articles/s ({elapsed:.2f} s, one process, one core)")
    total = sum(timings.values()) or 1.0
    print("share of time per stage:")
    for stage, secs in sorted(timings.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:16} {100 * secs / total:5.1f} %  ({1000 * secs / articles:.2f} ms/article)")


def curve(extract_record, corpus) -> None:
    bodies = []
    for text, published in corpus:
        try:
            bodies.append(extract_record(text=text, published=published)["body"])
        except ValueError:
            continue
    prose = "\n\n".join(bodies)
    bare = re.sub(r"[.,;:!?()\"“”\n]", " ", prose)
    print("size → time (one article):")
    print(f"  {'KB':>6} {'prose s':>9} {'ms/KB':>7} {'no punct. s':>12} {'ms/KB':>7}")
    for kb in CURVE_KB:
        row = []
        for source in (prose, bare):
            n = kb * 1024
            text = (source * (n // len(source) + 1))[:n]
            started = time.perf_counter()
            extract_record(text=text, published="2024-01-15", max_chars=2 * n)
            row.append(time.perf_counter() - started)
        print(f"  {kb:6} {row[0]:9.3f} {1000 * row[0] / kb:7.2f} {row[1]:12.3f} {1000 * row[1] / kb:7.2f}")


def jobs_speedup(corpus_dir: Path, copies: int = 60, repeat: int = 2) -> None:
    """`thidua extract --jsonl` on the dev passages (repeated), with one and with two jobs,
    alternately `repeat` times (the best of each): other work on the machine slows both."""
    import os
    import tempfile

    lines = []
    for text, published in load_corpus(corpus_dir):
        lines.append(json.dumps({"id": str(len(lines)), "text": text, "published": published}, ensure_ascii=False))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as fh:
        fh.write("\n".join(lines * copies) + "\n")
    seconds: dict[int, float] = {}
    load = os.getloadavg()[0]
    for _ in range(repeat):
        for jobs in (1, 2):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "thidua.cli", "extract", "--jsonl", fh.name, "--jobs", str(jobs)],
                           stdout=subprocess.DEVNULL, check=True)
            seconds[jobs] = min(seconds.get(jobs, float("inf")), time.perf_counter() - started)
    n = len(lines) * copies
    print(f"thidua extract --jsonl, {n} passages, best of {repeat}: --jobs 1 {seconds[1]:.2f} s "
          f"({n / seconds[1]:.0f}/s), --jobs 2 {seconds[2]:.2f} s ({n / seconds[2]:.0f}/s): "
          f"{seconds[1] / seconds[2]:.2f}× (whole commands, start-up included; load average "
          f"{load:.1f} before, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores)")
    Path(fh.name).unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=460)
    parser.add_argument("--corpus", type=Path, default=HERE.parents[1] / "shared" / "dev")
    parser.add_argument("--no-curve", action="store_true", help="skip the size→time curve")
    parser.add_argument("--no-jobs", action="store_true", help="skip the one-job / two-jobs comparison")
    parser.add_argument("--copies", type=int, default=60, help="dev passages repeated this often for --jobs")
    args = parser.parse_args()
    corpus = load_corpus(args.corpus)
    if not corpus:
        sys.exit(f"no .txt articles in {args.corpus}")
    print(f"start-up (imports, models, lexicons, first article): {startup_seconds():.2f} s")

    from thidua.extract.pipeline import extract_record

    throughput(extract_record, corpus, args.articles)
    if not args.no_curve:
        curve(extract_record, corpus)
    if not args.no_jobs:
        jobs_speedup(args.corpus, args.copies)
    print(f"peak memory (RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()

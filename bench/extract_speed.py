"""Extraction throughput on one core: articles/s, share of time per stage, start-up, peak memory.

    python bench/extract_speed.py [--articles N] [--corpus DIR]

The corpus defaults to ../shared/seeds (real ~5 KB articles), cycled to N articles.
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def startup_seconds() -> float:
    code = ("import time; t=time.perf_counter(); from thidua.extract.pipeline import extract_record; "
            "extract_record(text='Khối thi đua Văn hóa - Xã hội tổ chức hội nghị năm 2023.'); "
            "print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--corpus", type=Path, default=HERE.parents[1] / "shared" / "seeds")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))]
    if not texts:
        sys.exit(f"no .txt articles in {args.corpus}")
    print(f"start-up (imports, models, lexicons, first article): {startup_seconds():.2f} s")

    from thidua.extract.pipeline import extract_record

    extract_record(text=texts[0])  # warm caches so the loop measures steady state
    timings: dict[str, float] = {}
    size = 0
    started = time.perf_counter()
    for i in range(args.articles):
        text = texts[i % len(texts)]
        size += len(text.encode("utf-8"))
        extract_record(text=text, published="2021-01-11", timings=timings)
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.articles} articles, {size / args.articles / 1024:.1f} KB each on average")
    print(f"throughput: {args.articles / elapsed:.1f} articles/s ({elapsed:.2f} s, one process)")
    print(f"peak memory (RSS): {peak_mb:.0f} MB")
    total = sum(timings.values()) or 1.0
    print("share of time per stage:")
    for stage, secs in sorted(timings.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:16} {100 * secs / total:5.1f} %  ({1000 * secs / args.articles:.2f} ms/article)")


if __name__ == "__main__":
    main()

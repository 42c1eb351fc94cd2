"""Latency, memory and start-up of `thidua serve` over synthetic warehouses of two sizes.

    python bench/serve_speed.py [--articles 10000,100000] [--clients 8] [--requests 200]
                                [--workers 2] [--only TEXT] [--json FILE]

For each size, builds the warehouse once (synthetic records, thidua.warehouse.synthetic,
loaded as `thidua load` does; kept at data/bench-serve-<n>.duckdb for the next run), starts
the real server (`thidua serve`, uvicorn) on 127.0.0.1, then for each page and endpoint sends
--requests requests from --clients concurrent clients over loopback, rotating through many
blocs, people, units, articles and provinces so no answer is served from one warm row.

Prints, per size: how long the server took to answer its first request, how long opening
one snapshot takes (what each worker does at start and after a load), each worker's
resident memory after the run; per route, p50 / p95 latency and requests/s; and at the end
the p95 of each route at every size with the ratio largest / smallest. Targets: every p95
< 300 ms, workers ≤ 300 MB and snapshot opening ≤ 2 s at 100,000 articles, p95 at 100,000
within 1.3× of p95 at 10,000.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx

TARGET_P95_MS = 300.0
TARGET_RSS_MB = 300.0
TARGET_OPEN_S = 2.0
TARGET_RATIO = 1.3


def build(db: Path, articles: int) -> None:
    import tempfile

    from thidua.warehouse import load_files
    from thidua.warehouse.synthetic import write_jsonl

    db.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        jsonl = Path(folder) / "records.jsonl"
        write_jsonl(jsonl, articles)
        stats = load_files([jsonl], db)
    print(f"built {db}: {stats.loaded} articles in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)


def worker_rss_mb(proc: subprocess.Popen) -> list[float]:
    """Resident memory of each worker process of the server (the server itself when it
    runs one)."""
    import psutil

    parent = psutil.Process(proc.pid)
    children = [c for c in parent.children(recursive=True)
                if "multiprocessing" not in " ".join(c.cmdline()[1:3])] or [parent]
    return sorted(c.memory_info().rss / 1e6 for c in children)


def open_seconds(db: Path) -> float:
    """What a worker does to serve a snapshot: attach the file, read what every page shows."""
    from thidua.web.store import open_snapshot

    started = time.perf_counter()
    snap = open_snapshot(db.resolve())
    elapsed = time.perf_counter() - started
    snap.con.close()
    return elapsed


def start_server(db: Path, workers: int) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(db.with_suffix(".serve.log"), "w")
    proc = subprocess.Popen([sys.executable, "-m", "thidua.cli", "serve", "--db", str(db),
                             "--port", str(port), "--workers", str(workers)],
                            stderr=log, stdout=log)
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    while True:
        try:
            if httpx.get(base + "/api/v1/meta", timeout=60).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.perf_counter() - started > 300:
            proc.kill()
            raise SystemExit("thidua serve did not start")
        time.sleep(0.3)
    ready = time.perf_counter() - started
    print(f"server ready in {ready:.1f} s (Python start-up, imports, the warehouse opened)",
          file=sys.stderr)
    proc.ready_s = ready
    return proc, base


def samples(base: str, rng: random.Random) -> dict[str, list[str]]:
    """Ids and names to rotate through, read from the API itself."""
    def data(path: str, **params) -> list[dict]:
        return httpx.get(base + path, params=params, timeout=60).json()["data"]

    provinces = [p["province"] for p in data("/api/v1/provinces") if p["province"]]
    blocs = [b["bloc_id"] for b in data("/api/v1/blocs", per_page=500)]
    units = [u["unit_id"] for u in data("/api/v1/units", per_page=500)]
    people = [p["person_id"] for p in data("/api/v1/people", q="n", per_page=500)]
    articles = [a["article_id"] for page in (1, 50, 150, 400)
                for a in data("/api/v1/articles", per_page=250, page=page)]
    names = sorted({p["name"] for p in data("/api/v1/people", q="v", per_page=500)})
    from thidua.extract.text import fold_ascii

    queries = [" ".join(fold_ascii(n).split()[-2:]) for n in rng.sample(names, min(50, len(names)))]
    return {"province": provinces, "bloc": blocs, "person": people, "article": articles,
            "unit": units, "q": queries or ["nguyen"],
            "words": ["so xay dung", "giam doc so y te", "ky ket giao uoc", "tong ket thi dua",
                      "bang khen", "co thi dua", "Sở Nội vụ", "hội nghị sơ kết"],
            "award_type": ["provincial_emulation_flag", "provincial_certificate_of_merit",
                           "labour_order", "emulation_fighter"]}


def routes(s: dict[str, list[str]]) -> dict[str, callable]:
    """Route name -> function(rng) giving one URL path with query."""
    c = random.Random.choice

    def prov(r):
        return quote(c(r, s["province"]))

    return {
        "page /": lambda r: "/",
        "page /tinh/{province}": lambda r: f"/tinh/{prov(r)}",
        "page /khoi/{bloc}": lambda r: f"/khoi/{c(r, s['bloc'])}",
        "page /khen-thuong": lambda r: "/khen-thuong",
        "page /khen-thuong?filters": lambda r: (f"/khen-thuong?province={prov(r)}"
                                                f"&award_type={c(r, s['award_type'])}"),
        "page /chi-tieu": lambda r: "/chi-tieu",
        "page /chi-tieu?province": lambda r: f"/chi-tieu?province={prov(r)}",
        "page /can-bo?q": lambda r: f"/can-bo?q={quote(c(r, s['q']))}",
        "page /can-bo/{person}": lambda r: f"/can-bo/{c(r, s['person'])}",
        "page /bai-viet/{article}": lambda r: f"/bai-viet/{c(r, s['article'])}",
        "page /tim-kiem?q": lambda r: f"/tim-kiem?q={quote(c(r, s['q']))}",
        "page /tim-kiem?q=text": lambda r: f"/tim-kiem?q={quote(c(r, s['words']))}",
        "page /don-vi?q": lambda r: f"/don-vi?q={quote(c(r, s['words'])[:12])}",
        "page /don-vi/{unit}": lambda r: f"/don-vi/{c(r, s['unit'])}",
        "page /so-sanh awards": lambda r: (f"/so-sanh?province={prov(r)}&province={prov(r)}"
                                           f"&province={prov(r)}"),
        "page /so-sanh indicators": lambda r: (f"/so-sanh?kind=indicators&province={prov(r)}"
                                               f"&province={prov(r)}"),
        "page /can-bo?province": lambda r: f"/can-bo?province={prov(r)}",
        "page /bai-viet?person_id": lambda r: f"/bai-viet?person_id={c(r, s['person'])}",
        "page /khen-thuong xlsx": lambda r: (f"/khen-thuong?province={prov(r)}"
                                             f"&award_type={c(r, s['award_type'])}&format=xlsx"),
        "api meta": lambda r: "/api/v1/meta",
        "api provinces": lambda r: "/api/v1/provinces",
        "api bloc-leadership": lambda r: (f"/api/v1/bloc-leadership?province={prov(r)}"
                                          f"&year_from=2018&year_to=2022"),
        "api award-trends": lambda r: (f"/api/v1/award-trends?province={prov(r)}"
                                       f"&award_type={c(r, s['award_type'])}"),
        "api award-trends page 40": lambda r: "/api/v1/award-trends?page=40&per_page=100",
        "api award-trends.csv": lambda r: f"/api/v1/award-trends?province={prov(r)}&format=csv",
        "api indicator-series": lambda r: f"/api/v1/indicator-series?province={prov(r)}",
        "api officials": lambda r: f"/api/v1/officials?q={quote(c(r, s['q']))}",
        "api coverage": lambda r: f"/api/v1/coverage?year_from=2020&page={r.randint(1, 20)}",
        "api blocs": lambda r: f"/api/v1/blocs?province={prov(r)}",
        "api blocs/{id}": lambda r: f"/api/v1/blocs/{c(r, s['bloc'])}",
        "api units": lambda r: f"/api/v1/units?province={prov(r)}",
        "api people?q": lambda r: f"/api/v1/people?q={quote(c(r, s['q']))}",
        "api people/{id}": lambda r: f"/api/v1/people/{c(r, s['person'])}",
        "api articles": lambda r: f"/api/v1/articles?province={prov(r)}&year_from=2020",
        "api articles/{id}": lambda r: f"/api/v1/articles/{c(r, s['article'])}",
        "api sections/awards": lambda r: (f"/api/v1/sections/awards?province={prov(r)}"
                                          f"&status=conferred&page={r.randint(1, 5)}"),
        "api sections/people": lambda r: f"/api/v1/sections/people?article_id={c(r, s['article'])}",
    }


async def hammer(base: str, make_url, n: int, clients: int, seed: int) -> dict:
    rng = random.Random(seed)
    urls = [make_url(rng) for _ in range(n)]
    latencies: list[float] = []
    errors: list[str] = []
    queue: asyncio.Queue[str] = asyncio.Queue()
    for url in urls:
        queue.put_nowait(url)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        async def worker() -> None:
            while True:
                try:
                    url = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                t = time.perf_counter()
                response = await client.get(url)
                await response.aread()
                latencies.append((time.perf_counter() - t) * 1000)
                if response.status_code != 200:
                    errors.append(f"{response.status_code} {url}")

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        wall = time.perf_counter() - started
    latencies.sort()
    return {"requests": n, "p50_ms": statistics.median(latencies),
            "p95_ms": latencies[max(0, int(round(0.95 * len(latencies))) - 1)],
            "max_ms": latencies[-1], "req_per_s": n / wall, "errors": errors[:5],
            "error_count": len(errors)}


def run_size(articles: int, args) -> dict:
    db = Path("data") / f"bench-serve-{articles}.duckdb"
    if not db.exists():
        build(db, articles)
    opened = min(open_seconds(db) for _ in range(3))
    proc, base = start_server(db, args.workers)
    try:
        rng = random.Random(0)
        table = routes(samples(base, rng))
        results = {}
        print(f"\n{articles:,} articles: {args.clients} concurrent clients, {args.requests} "
              f"requests per route, {args.workers} server process(es), {db} "
              f"({os.path.getsize(db) / 1e6:.0f} MB)")
        print(f"{'route':32} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>8}  errors")
        for no, (name, make_url) in enumerate(table.items()):
            if args.only and args.only not in name:
                continue
            # A short warm-up so the first connection set-up is not counted.
            asyncio.run(hammer(base, make_url, args.clients, args.clients, seed=10_000 + no))
            r = asyncio.run(hammer(base, make_url, args.requests, args.clients, seed=no))
            results[name] = r
            print(f"{name:32} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['max_ms']:8.1f} "
                  f"{r['req_per_s']:8.1f}  {r['error_count'] or ''} {' '.join(r['errors'][:2])}")
        rss = worker_rss_mb(proc)
    finally:
        proc.terminate()
        proc.wait(10)
    worst = max(results.values(), key=lambda r: r["p95_ms"])
    print(f"server ready in {proc.ready_s:.1f} s; opening a snapshot {opened:.2f} s "
          f"(target ≤ {TARGET_OPEN_S:.0f} s); worker memory after the run: "
          + ", ".join(f"{m:.0f} MB" for m in rss) + f" (target ≤ {TARGET_RSS_MB:.0f} MB); "
          f"worst p95 {worst['p95_ms']:.1f} ms")
    return {"routes": results, "rss_mb": rss, "open_s": opened, "ready_s": proc.ready_s}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", default="10000,100000",
                        help="Warehouse sizes, comma-separated (each built once under data/).")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=200, help="Requests per route.")
    parser.add_argument("--workers", type=int, default=min(os.cpu_count() or 1, 4),
                        help="thidua serve --workers (default: its own default, one per core).")
    parser.add_argument("--only", default=None, help="Only routes whose name contains this.")
    parser.add_argument("--json", type=Path, default=None, help="Also write the figures here.")
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.articles.split(",")]
    runs = {n: run_size(n, args) for n in sizes}
    failed = []
    for n, run in runs.items():
        failed += [f"{name} at {n:,}" for name, r in run["routes"].items()
                   if r["p95_ms"] >= TARGET_P95_MS or r["error_count"]]
        if max(run["rss_mb"]) > TARGET_RSS_MB or run["open_s"] > TARGET_OPEN_S:
            failed.append(f"memory or start-up at {n:,}")
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        print(f"\np95 by size ({small:,} → {large:,} articles), ratio (target ≤ {TARGET_RATIO}):")
        ratios = []
        for name, r in runs[large]["routes"].items():
            base = runs[small]["routes"][name]["p95_ms"]
            ratio = r["p95_ms"] / base if base else float("inf")
            ratios.append(ratio)
            print(f"  {name:32} {base:8.1f} {r['p95_ms']:8.1f}   {ratio:5.2f}")
        worst_small = max(r["p95_ms"] for r in runs[small]["routes"].values())
        worst_large = max(r["p95_ms"] for r in runs[large]["routes"].values())
        print(f"worst p95 {worst_small:.1f} → {worst_large:.1f} ms "
              f"({worst_large / worst_small:.2f}×); median route ratio "
              f"{statistics.median(ratios):.2f}, largest {max(ratios):.2f}")
        if worst_large > TARGET_RATIO * worst_small:
            failed.append("p95 ratio")
    print("targets: " + ("met" if not failed else "missed on " + ", ".join(failed)))
    if args.json:
        args.json.write_text(json.dumps(runs, indent=2, default=str), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

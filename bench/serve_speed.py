"""Latency of `thidua serve` over the 100,000-article synthetic warehouse.

    python bench/serve_speed.py [--articles 100000] [--db PATH] [--clients 8] [--requests 200]
                                [--workers 1]

Builds the warehouse once (synthetic records, thidua.warehouse.synthetic, loaded with
load_records; kept at --db for the next run), starts the real server (`thidua serve`, uvicorn)
on 127.0.0.1, then for each page and endpoint sends --requests requests from --clients
concurrent clients over loopback, rotating through many blocs, people, articles and
provinces so no answer is served from one warm row. Prints p50 / p95 latency and requests/s
per route, and whether every p95 is under the target (300 ms).
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


def build(db: Path, articles: int) -> None:
    from thidua.warehouse import load_records
    from thidua.warehouse.synthetic import generate

    db.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    stats = load_records(db, generate(articles))
    print(f"built {db}: {stats.loaded} articles in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)


def start_server(db: Path, workers: int) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "thidua.cli", "serve", "--db", str(db),
                             "--port", str(port), "--workers", str(workers)],
                            stderr=subprocess.DEVNULL)
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
    print(f"server ready in {time.perf_counter() - started:.1f} s (opens the warehouse and "
          "materialises the views)", file=sys.stderr)
    return proc, base


def samples(base: str, rng: random.Random) -> dict[str, list[str]]:
    """Ids and names to rotate through, read from the API itself."""
    def data(path: str, **params) -> list[dict]:
        return httpx.get(base + path, params=params, timeout=60).json()["data"]

    provinces = [p["province"] for p in data("/api/v1/provinces")]
    blocs = [b["bloc_id"] for b in data("/api/v1/blocs", per_page=500)]
    people = [p["person_id"] for p in data("/api/v1/people", q="n", per_page=500)]
    articles = [a["article_id"] for page in (1, 50, 150, 400)
                for a in data("/api/v1/articles", per_page=250, page=page)]
    names = sorted({p["name"] for p in data("/api/v1/people", q="v", per_page=500)})
    from thidua.extract.text import fold_ascii

    queries = [" ".join(fold_ascii(n).split()[-2:]) for n in rng.sample(names, min(50, len(names)))]
    return {"province": provinces, "bloc": blocs, "person": people, "article": articles,
            "q": queries or ["nguyen"],
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None,
                        help="Warehouse to serve (built there when missing; default "
                             "data/bench-serve-<articles>.duckdb).")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=200, help="Requests per route.")
    parser.add_argument("--workers", type=int, default=min(os.cpu_count() or 1, 4),
                        help="thidua serve --workers (default: its own default, one per core).")
    parser.add_argument("--only", default=None, help="Only routes whose name contains this.")
    parser.add_argument("--json", type=Path, default=None, help="Also write the figures here.")
    args = parser.parse_args(argv)
    db = args.db or Path("data") / f"bench-serve-{args.articles}.duckdb"
    if not db.exists():
        build(db, args.articles)
    proc, base = start_server(db, args.workers)
    try:
        rng = random.Random(0)
        table = routes(samples(base, rng))
        results = {}
        print(f"{args.clients} concurrent clients, {args.requests} requests per route, "
              f"{args.workers} server process(es), {db} ({os.path.getsize(db) / 1e6:.0f} MB)")
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
        worst = max(results.values(), key=lambda r: r["p95_ms"])
        failed = [n for n, r in results.items() if r["p95_ms"] >= TARGET_P95_MS or r["error_count"]]
        print(f"worst p95 {worst['p95_ms']:.1f} ms; target p95 < {TARGET_P95_MS:.0f} ms: "
              + ("met on every route" if not failed else f"missed on {', '.join(failed)}"))
        if args.json:
            args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
        return 1 if failed else 0
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    sys.exit(main())

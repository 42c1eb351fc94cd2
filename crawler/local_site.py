"""A local HTTP site with fault injection, for crawl tests and benchmarks (stdlib only).

    with LocalSite(pages, robots="User-agent: *\\nDisallow: /private/\\n",
                   flaky={"/a.html": 2}, slow={"/b.html": 5.0},
                   redirects={"/x.html": "/y.html", "/y.html": "/x.html"},
                   raw={"/cp1258.html": ({"Content-Type": "text/html; charset=utf-8"}, body)}) as site:
        crawl([site.url + "/tin-tuc/index.html"], out)
        assert site.hits["/a.html"] == 3

Pages are served with Last-Modified and a strong ETag and answer conditional requests
with 304, like the CMSs the crawler meets. `forms={path: handler}` answers POSTs (an
ASP.NET page posting its form back): handler(body bytes) → (status, page bytes).
`busy={path: (n, retry_after)}` answers the first n requests 503 with that Retry-After. Every request is counted in `site.hits`
(path with query) and logged in `site.responses` as (path, status), so tests can assert
what the crawler fetched, how often and in which order.

    python -m thidua.crawler.local_site --articles 200 --template blog --port 8001

serves a generated site (thidua.crawler.synthetic_site) until Ctrl+C.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

_TYPES = {".txt": "text/plain; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml"}
_HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class _Entry:
    """A page with everything its responses need, computed once when it is set."""
    body: bytes
    etag: str
    modified: float  # whole seconds since the epoch
    last_modified: str
    content_type: str


def _content_type(path: str) -> str:
    dot = path.rfind(".")
    return _TYPES.get(path[dot:].lower(), _HTML) if dot > path.rfind("/") else _HTML


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: Scrapy reuses connections
    server_version = "thidua-local-site"
    sys_version = ""
    timeout = 60  # idle keep-alive connections end instead of holding a thread forever
    site: LocalSite  # set on the per-site subclass

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature; quiet by design
        pass

    def do_GET(self):
        self.site._handle(self, head=False)

    def do_HEAD(self):
        self.site._handle(self, head=True)

    def do_POST(self):
        self.site._handle_post(self)

    def reply(self, status: int, headers: list[tuple[str, str]], body: bytes, head: bool) -> None:
        """Status line, headers and body in one write: two small writes on a keep-alive
        socket meet Nagle's algorithm and the peer's delayed ACK (40 ms per response)."""
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = ""
        lines = [f"HTTP/1.1 {status} {phrase}", f"Server: {self.server_version}",
                 f"Date: {self.site._date()}"]
        lines += [f"{k}: {v}" for k, v in headers]
        # A 304 has no body and needs no length; everything else is framed by it.
        if status != 304 and not any(k.lower() == "content-length" for k, _ in headers):
            lines.append(f"Content-Length: {len(body)}")
        if self.close_connection:
            lines.append("Connection: close")
        data = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        if not head and status != 304:
            data += body
        self.site._record(self.path, status)
        self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a handler asleep in a `slow` page never blocks shutdown
    request_queue_size = 128

    def handle_error(self, request, client_address):
        # Clients hang up mid-response on purpose (timeouts, size caps): not worth a traceback.
        pass


class LocalSite:
    """Serves `pages` (path → bytes) on `host:port` (0: any free port) in a background
    thread while the `with` block runs. See the module docstring for the fault options."""

    def __init__(self, pages: dict[str, bytes], *, robots: str | None = None,
                 flaky: dict[str, int] | None = None, slow: dict[str, float] | None = None,
                 redirects: dict[str, str] | None = None,
                 raw: dict[str, tuple[dict[str, str], bytes]] | None = None,
                 forms: dict | None = None, busy: dict[str, tuple[int, str]] | None = None,
                 host: str = "127.0.0.1", port: int = 0):
        self._lock = threading.Lock()
        self._pages: dict[str, _Entry] = {}
        for path, body in pages.items():
            self.set_page(path, body)
        if robots is not None:
            self.set_page("/robots.txt", robots.encode("utf-8"))
        self.flaky = dict(flaky or {})
        self.slow = dict(slow or {})
        self.redirects = dict(redirects or {})
        self.raw = {p: (list(h.items()), b) for p, (h, b) in (raw or {}).items()}
        self.forms = dict(forms or {})
        self.posts: list[tuple[str, bytes]] = []
        self.busy = dict(busy or {})
        self.hit_times: dict[str, list[float]] = {}
        self.hits: Counter[str] = Counter()
        self.responses: list[tuple[str, int]] = []
        self._failures: Counter[str] = Counter()
        self._date_cache = (0, "")
        self._host, self._port = host, port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # ---- lifecycle -----------------------------------------------------------------

    def start(self) -> LocalSite:
        handler = type("Handler", (_Handler,), {"site": self})
        self._server = _Server((self._host, self._port), handler)
        # A short poll interval: stop() waits up to one interval for the loop to notice.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        name="local-site", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None

    def __enter__(self) -> LocalSite:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the site is not running")
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        """Base URL without a trailing slash, e.g. http://127.0.0.1:41234."""
        return f"http://{self._host}:{self.port}"

    # ---- content -------------------------------------------------------------------

    def set_page(self, path: str, body: bytes) -> None:
        """Add or replace a page while serving; its ETag and Last-Modified change with it."""
        old = self._pages.get(path)
        # Last-Modified has one-second resolution: a page replaced within the same second
        # still gets a later date, or If-Modified-Since would hide the change.
        modified = float(int(time.time()))
        if old is not None and modified <= old.modified:
            modified = old.modified + 1
        digest = hashlib.sha1(body).hexdigest()[:20]
        self._pages[path] = _Entry(body, f'"{digest}"', modified,
                                   formatdate(modified, usegmt=True), _content_type(path))

    def remove_page(self, path: str) -> None:
        """The page answers 404 from now on."""
        self._pages.pop(path, None)

    @property
    def paths(self) -> list[str]:
        return sorted(self._pages)

    # ---- serving -------------------------------------------------------------------

    def _date(self) -> str:
        now = int(time.time())
        if self._date_cache[0] != now:
            self._date_cache = (now, formatdate(now, usegmt=True))
        return self._date_cache[1]

    def _record(self, path: str, status: int) -> None:
        with self._lock:
            self.responses.append((path, status))

    def _lookup(self, table: dict, full: str, path: str):
        """An entry for the request: by full path with query, else by path, else unquoted."""
        if full in table:
            return table[full]
        if path in table:
            return table[path]
        return table.get(unquote(path))

    def _handle(self, h: _Handler, head: bool) -> None:
        full = h.path
        path = full.split("?", 1)[0].split("#", 1)[0]
        with self._lock:
            self.hits[full] += 1
            self.hit_times.setdefault(full, []).append(time.monotonic())
        busy = self._lookup(self.busy, full, path)
        if busy is not None:
            with self._lock:
                self._failures[f"busy {path}"] += 1
                refused = self._failures[f"busy {path}"] <= busy[0]
            if refused:
                return h.reply(503, [("Content-Type", "text/plain; charset=utf-8"), ("Retry-After", busy[1])],
                               b"Service Unavailable", head)
        delay = self._lookup(self.slow, full, path)
        if delay:
            time.sleep(delay)
        key = full if full in self.flaky else path
        if key in self.flaky:
            with self._lock:
                self._failures[key] += 1
                failing = self._failures[key] <= self.flaky[key]
            if failing:
                return h.reply(500, [("Content-Type", "text/plain; charset=utf-8")],
                               b"Internal Server Error", head)
        target = self._lookup(self.redirects, full, path)
        if target is not None:
            return h.reply(302, [("Location", target), ("Content-Type", _HTML)], b"", head)
        raw = self._lookup(self.raw, full, path)
        if raw is not None:
            headers, body = raw
            return h.reply(200, headers, body, head)
        entry = self._lookup(self._pages, full, path)
        if entry is None:
            return h.reply(404, [("Content-Type", _HTML)],
                           b"<html><body><h1>404 Not Found</h1></body></html>", head)
        headers = [("Content-Type", entry.content_type), ("Last-Modified", entry.last_modified),
                   ("ETag", entry.etag), ("Cache-Control", "no-cache")]
        if self._not_modified(h, entry):
            return h.reply(304, headers[1:], entry.body, head)
        return h.reply(200, headers, entry.body, head)

    def _handle_post(self, h: _Handler) -> None:
        full = h.path
        path = full.split("?", 1)[0]
        body = h.rfile.read(int(h.headers.get("Content-Length") or 0))
        with self._lock:
            self.hits[f"POST {full}"] += 1
            self.posts.append((full, body))
        handler = self._lookup(self.forms, full, path)
        if handler is None:
            return h.reply(405, [("Content-Type", _HTML)], b"<html><body>405</body></html>", False)
        status, page = handler(body)
        h.reply(status, [("Content-Type", _HTML)], page, False)

    @staticmethod
    def _not_modified(h: _Handler, entry: _Entry) -> bool:
        # RFC 9110 13.2.2: If-None-Match decides when present; If-Modified-Since only otherwise.
        inm = h.headers.get("If-None-Match")
        if inm is not None:
            tags = [t.strip().removeprefix("W/") for t in inm.split(",")]
            return "*" in tags or entry.etag in tags
        ims = h.headers.get("If-Modified-Since")
        if ims:
            try:
                return entry.modified <= parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                return False
        return False


def main(argv: list[str] | None = None) -> None:
    from thidua.crawler.synthetic_site import TEMPLATES, build_site

    parser = argparse.ArgumentParser(description="Serve a generated news site on this machine.")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--template", choices=TEMPLATES, default="portal")
    parser.add_argument("--per-page", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--print-views", type=float, default=1.0,
                        help="share of articles with a print view (0 to 1)")
    parser.add_argument("--no-sidebar", action="store_true")
    parser.add_argument("--robots", help="robots.txt text (default: allow everything)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001, help="0: any free port")
    args = parser.parse_args(argv)
    site = build_site(args.articles, template=args.template, per_page=args.per_page,
                      seed=args.seed, print_views=args.print_views, sidebar=not args.no_sidebar,
                      year=args.year)
    robots = args.robots.replace("\\n", "\n") if args.robots else "User-agent: *\nAllow: /\n"
    local = LocalSite(site.pages, robots=robots, redirects={"/": site.start_path},
                      host=args.host, port=args.port)
    try:
        local.start()
    except OSError as exc:
        sys.exit(f"cannot listen on {args.host}:{args.port}: {exc}")
    # One line a program can parse (bench/crawl_speed.py reads it), then details.
    print(f"serving {local.url}{site.start_path}", flush=True)
    print(f"{len(site.pages)} pages: {len(site.articles)} articles, {len(site.listings)} listings, "
          f"{len(site.print_views)} print views, {len(site.others)} other; "
          f"template {site.template}, province {site.province} (Ctrl+C stops)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        local.stop()


if __name__ == "__main__":
    main()

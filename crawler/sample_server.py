"""Serves the bundled sample site over HTTP, for tests and demos (stdlib only).

    python -m thidua.crawler.sample_server [--port 8000] [--root DIR]
"""
from __future__ import annotations

import argparse
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SAMPLE_SITE = Path(__file__).with_name("sample_site")


class _QuietHandler(SimpleHTTPRequestHandler):
    # Declared so that browsers and Scrapy decode Vietnamese pages without sniffing.
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8",
                      ".css": "text/css; charset=utf-8"}

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass


def _server(root: Path, host: str, port: int) -> ThreadingHTTPServer:
    handler = partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


@contextmanager
def serve(root: Path | str | None = None, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve `root` (default: the sample site) in a background thread; yields the base URL
    without a trailing slash, e.g. http://127.0.0.1:41234."""
    server = _server(Path(root or SAMPLE_SITE), host, port)
    thread = threading.Thread(target=server.serve_forever, name="sample-server", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the thidua sample site.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--root", type=Path, default=SAMPLE_SITE)
    args = parser.parse_args(argv)
    server = _server(args.root, args.host, args.port)
    print(f"serving {args.root} at http://{args.host}:{server.server_address[1]}/ (Ctrl+C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()

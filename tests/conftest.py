"""Shared fixtures."""
from __future__ import annotations

import pytest

from thidua.crawler.sample_server import serve


@pytest.fixture(scope="session")
def sample_site_url():
    """Base URL (no trailing slash) of the bundled sample site served on 127.0.0.1."""
    with serve(host="127.0.0.1", port=0) as url:
        yield url


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real Redis server on 127.0.0.1 for the distributed crawl tests, started here and
    stopped at the end. `make test` installs redis-server (scripts/services.sh)."""
    import shutil
    import socket
    import subprocess
    import time

    import redis

    exe = shutil.which("redis-server")
    if exe is None:
        pytest.fail("redis-server is not installed: run scripts/services.sh (make test does)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    folder = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen([exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail(f"redis-server did not start on port {port}")
            time.sleep(0.05)
    try:
        yield url
    finally:
        client.close()
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def windows_1258():
    """Encodes text as Windows does in windows-1258: ă â ê ô ơ ư đ and a few toned
    letters precomposed, every other tone as a combining mark after its letter."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"

    def encode(text: str) -> bytes:
        out = bytearray()
        for ch in unicodedata.normalize("NFC", text):
            try:
                out += ch.encode("cp1258")
                continue
            except UnicodeEncodeError:
                parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in tones))
            out += (base + "".join(p for p in parts if p in tones)).encode("cp1258")
        return bytes(out)
    return encode


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """The demo warehouse (sample site crawled, extracted, loaded), built once per session."""
    from thidua.demo import run_demo

    path = tmp_path_factory.mktemp("web-demo") / "thidua.duckdb"
    result = run_demo(path, workdir=path.parent / "work", progress=False)
    assert result["records"] == 13 and not result["failures"]
    return path


@pytest.fixture(scope="session")
def client(demo_db):
    """The explorer app over the demo warehouse, in-process (Starlette's TestClient)."""
    from fastapi.testclient import TestClient

    from thidua.web.app import create_app

    with TestClient(create_app(demo_db)) as c:
        yield c


@pytest.fixture(scope="session")
def served(demo_db, tmp_path_factory):
    """`thidua serve` over the demo warehouse as a child process on a free port of
    127.0.0.1; yields its base URL. At the end, the server must have logged no traceback."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(tmp_path_factory.mktemp("serve") / "serve.log", "w+")
    proc = subprocess.Popen([sys.executable, "-m", "thidua.cli", "serve", "--db", str(demo_db),
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/api/v1/meta", timeout=2) as answer:
                if answer.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            log.seek(0)
            pytest.fail(f"thidua serve did not start:\n{log.read()}")
        time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(10)
    log.seek(0)
    output = log.read()
    log.close()
    assert "Traceback" not in output, output

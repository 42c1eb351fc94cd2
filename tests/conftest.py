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

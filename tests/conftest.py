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

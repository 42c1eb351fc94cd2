"""Shared fixtures."""
from __future__ import annotations

import pytest

from thidua.crawler.sample_server import serve


@pytest.fixture(scope="session")
def sample_site_url():
    """Base URL (no trailing slash) of the bundled sample site served on 127.0.0.1."""
    with serve(host="127.0.0.1", port=0) as url:
        yield url

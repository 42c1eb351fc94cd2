"""Canonical page URLs and the stable ids derived from them."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Query keys that only track how a reader arrived; they never select different content.
_TRACKING = ("utm_", "fbclid", "gclid", "zarsrc", "_ga")
_DEFAULT_PORTS = {"http": 80, "https": 443}


@lru_cache(maxsize=2 ** 16)  # a site's menus and sidebars repeat the same links on every page
def canonical_url(url: str) -> str:
    """Lowercase scheme and host, no default port, no fragment, no tracking keys, sorted query,
    one percent-encoding (w3lib's: a path written in Vietnamese and its %-encoded form are one URL)."""
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    netloc = host if parts.port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{parts.port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(_TRACKING)]
    return canonicalize_url(urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), "")))


def page_id(url: str) -> str:
    """First 16 hex digits of sha1 of the canonical URL: stable across crawls."""
    return hashlib.sha1(canonical_url(url).encode("utf-8")).hexdigest()[:16]

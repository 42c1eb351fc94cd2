"""Every zoo family served on its own port of 127.0.0.1 (each site has its own robots.txt,
sitemaps and feeds at the root), for as long as the `with` block runs."""
from __future__ import annotations

from contextlib import ExitStack, contextmanager

from thidua.crawler.local_site import LocalSite
from zoo import FAMILIES
from zoo.family import build_site
from zoo.model import ZooSite


@contextmanager
def serve_zoo(families=FAMILIES):
    """Yields [(family, ZooSite, LocalSite)]: the site's pages built for its own address."""
    with ExitStack() as stack:
        served = []
        for family in families:
            local = stack.enter_context(LocalSite({}))
            site: ZooSite = build_site(family, base=local.url)
            for path, body in site.pages.items():
                local.set_page(path, body)
            local.forms = dict(site.forms)
            served.append((family, site, local))
        yield served

"""Writes crawler/sample_site/ from the sample articles and templates.

Run `python -m thidua.crawler.build_sample_site` after editing the articles or the
templates; tests/test_sample_site.py fails while the committed files are stale.
"""
from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path

from thidua.crawler import sample_templates as t
from thidua.crawler.sample_content import ARTICLES, KTKT_2020, SampleArticle

SITE_DIR = Path(__file__).with_name("sample_site")

ROBOTS = "User-agent: *\nAllow: /\n"
CSS = "body{font-family:Arial,sans-serif}.col-left,.col-main{float:left;width:70%}\n"
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="500" height="300">'
       '<rect width="500" height="300" fill="#ccd"/></svg>\n')


def _newest_first(site: str) -> list[SampleArticle]:
    def key(a: SampleArticle) -> datetime:
        return datetime.strptime(f"{a.date} {a.time}", "%d/%m/%Y %H:%M")
    return sorted((a for a in ARTICLES if a.site == site), key=key, reverse=True)


def render() -> dict[str, str]:
    """Every file of the site: path relative to the site root → text."""
    files = {"index.html": t.home(KTKT_2020), "robots.txt": ROBOTS, "static/site.css": CSS,
             "static/anh-hoi-nghi.svg": SVG, "static/quoc-huy.svg": SVG}
    portal, tdkt = _newest_first("portal"), _newest_first("tdkt")
    for site, items in (("portal", portal), ("tdkt", tdkt)):
        n, pages = t.PER_PAGE[site], math.ceil(len(items) / t.PER_PAGE[site])
        for page in range(1, pages + 1):
            chunk = items[(page - 1) * n: page * n]
            render_listing = t.portal_listing if site == "portal" else t.tdkt_listing
            files[t.listing_page_path(site, page).lstrip("/")] = render_listing(
                page, pages, chunk, items[:5])
        for a in items:
            others = [o for o in items if o is not a]
            render_article = t.portal_article if site == "portal" else t.tdkt_article
            files[a.path.lstrip("/")] = render_article(a, others[:3], others[:5])
    files["portal/gioi-thieu.html"] = t.portal_about(portal[:5])
    return files


def build(site_dir: Path = SITE_DIR) -> list[Path]:
    written = []
    for rel, text in render().items():
        path = site_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    print(f"wrote {len(build())} files under {SITE_DIR}")

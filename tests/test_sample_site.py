"""The bundled sample site: up to date with its sources, served, paginated, our own text."""
from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import lxml.html
import pytest

from thidua.crawler.build_sample_site import SITE_DIR, render
from thidua.crawler.sample_content import ARTICLES
from thidua.crawler.sample_templates import LISTING

SEEDS = Path("/work/shared/seeds")


def _get(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url) as resp:
        return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode("utf-8")


def test_committed_files_match_the_generator():
    rendered = render()
    stale = [rel for rel, text in rendered.items()
             if not (SITE_DIR / rel).exists() or (SITE_DIR / rel).read_text(encoding="utf-8") != text]
    assert stale == [], "run: python -m thidua.crawler.build_sample_site"
    on_disk = {p.relative_to(SITE_DIR).as_posix() for p in SITE_DIR.rglob("*") if p.is_file()}
    assert on_disk == set(rendered)


def test_server_serves_utf8_html_and_permissive_robots(sample_site_url):
    status, ctype, robots = _get(f"{sample_site_url}/robots.txt")
    assert status == 200 and "Allow: /" in robots and "Disallow" not in robots
    status, ctype, html = _get(f"{sample_site_url}/portal/tin-thi-dua/index.html")
    assert status == 200 and ctype == "text/html; charset=utf-8"
    assert "Tin thi đua" in html


def _listing_chain(base: str, site: str, next_label: str) -> list[str]:
    url, chain = f"{base}{LISTING[site]}index.html", []
    while url and len(chain) < 10:
        chain.append(url)
        doc = lxml.html.fromstring(_get(url)[2])
        nxt = [a.get("href") for a in doc.iter("a") if a.text_content().strip() == next_label]
        url = f"{base}{nxt[0]}" if nxt else None
    return chain


@pytest.mark.parametrize("site, next_label, pages", [("portal", "Trang sau", 3), ("tdkt", "»", 3)])
def test_listings_paginate_and_link_every_article_once(sample_site_url, site, next_label, pages):
    chain = _listing_chain(sample_site_url, site, next_label)
    assert len(chain) == pages
    linked = []
    for url in chain:
        doc = lxml.html.fromstring(_get(url)[2])
        items = doc.xpath("//div[@class='news-item']//h3/a/@href | //li[@class='news-row']/a/@href")
        linked += items
    assert sorted(linked) == sorted(a.path for a in ARTICLES if a.site == site)


def test_required_articles_are_present():
    slugs = {a.slug for a in ARTICLES}
    assert {"khoi-ktkt-tong-ket-thi-dua-nam-2020", "khoi-ktkt-ky-ket-giao-uoc-thi-dua-nam-2021",
            "khoi-thi-dua-kinh-te-ky-thuat-bac-kan-so-ket-6-thang-dau-nam-2023",
            "khoi-ktkt-kiem-tra-cheo-cong-tac-thi-dua-tai-vuon-quoc-gia-ba-be",
            "cum-thi-dua-cac-huyen-thanh-pho-so-ket-6-thang-dau-nam-2020",
            "kim-bang-tong-ket-cong-tac-thi-dua-khen-thuong-nam-2020",
            "khoi-thi-dua-kinh-te-nganh-tong-ket-nam-2019"} <= slugs
    assert sum(not a.emulation for a in ARTICLES) == 2
    assert len({a.site for a in ARTICLES}) == 2


# Formulas of the genre that the sample is asked to reuse word for word (the facts the
# extractor tests read); every other sentence of the seeds must be ours in new words.
GENRE_FORMULAS = (
    "Chiều ngày 08/01, Khối thi đua Kinh tế - Kỹ thuật tổ chức hội nghị tổng kết",
    "Giá trị sản xuất công nghiệp ước đạt 1.334,251 tỷ đồng, tăng 5,40% so với năm 2019",
)


def _sentences(text: str) -> list[str]:
    found = [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ“\"])|\n+", text)]
    return [s for s in found if len(s.split()) >= 12 and not s.startswith(GENRE_FORMULAS)]


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the third-party seed articles are not here")
@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else [],
                         ids=lambda p: p.stem)
def test_no_seed_sentence_is_copied(seed):
    ours = _norm(" ".join(" ".join(a.paragraphs) + " " + (a.caption or "") for a in ARTICLES))
    copied = [s for s in _sentences(seed.read_text(encoding="utf-8")) if _norm(s) in ours]
    assert copied == []

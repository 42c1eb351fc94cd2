"""The generic crawl over the template zoo (tests/zoo), over HTTP on 127.0.0.1: every
family served on its own port, crawled with `thidua crawl --start-url <home>` (no registry
entry, no selectors), extracted from the compressed raw store with `thidua extract
--jsonl`, and scored against the truth. The floors are the issue's targets; the same
figures are printed by `make crawl-eval`."""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))

from zoo import FAMILIES  # noqa: E402
from zoo.evaluate import body_complete, leaks, read_rows, score, totals  # noqa: E402
from zoo.family import build_site  # noqa: E402
from zoo.serve import serve_zoo  # noqa: E402

# Slow (real crawls over the template zoo): `make test-fast` leaves it out, `make test` runs it.
pytestmark = pytest.mark.slow

TARGET = 0.98


@pytest.fixture(scope="module")
def zoo_crawl(tmp_path_factory):
    from thidua import extract_cli
    from thidua.cli import main

    out = tmp_path_factory.mktemp("zoo")
    results = {}
    with serve_zoo() as served:
        for family, site, local in served:
            folder = out / family.name
            crawled = CliRunner().invoke(main, ["crawl", "--start-url", f"{local.url}/", "--out", str(folder),
                                                "--quiet", "--province", site.province])
            records = io.StringIO()
            if (folder / "pages.jsonl").exists():
                with (folder / "pages.jsonl").open(encoding="utf-8") as fh:
                    extract_cli.run(extract_cli.inputs_from_jsonl(fh), out=records)
            rows = read_rows(folder)
            parsed = [json.loads(line) for line in records.getvalue().splitlines() if line.strip()]
            results[family.name] = (site, local, crawled, rows, score(site, local.url, rows, parsed))
    return results


def test_the_zoo_has_twelve_families_and_truth_that_holds_together():
    assert len(FAMILIES) >= 12
    titles = set()
    for family in FAMILIES:
        site = build_site(family, base="http://127.0.0.1:1")
        assert site.truth, family.name
        for truth in site.truth.values():
            text = " ".join([truth.lead, *truth.paragraphs])
            # the furniture markers must not be words of the articles themselves
            assert leaks(truth, text) == [], (family.name, truth.path)
            assert body_complete(truth, text) == []
            assert truth.title not in titles
            titles.add(truth.title)


@pytest.mark.parametrize("family", [f.name for f in FAMILIES])
def test_every_article_is_stored_exactly_once_and_nothing_else(zoo_crawl, family):
    site, local, crawled, rows, result = zoo_crawl[family]
    assert crawled.exit_code == 0, crawled.output
    assert (result.stored_once, result.twice, result.missing) == (result.articles, 0, 0), result.problems
    assert result.non_articles == 0, result.problems
    assert {row["province"] for row in rows} == {site.province}


def test_bodies_titles_and_dates_across_the_zoo(zoo_crawl):
    total = totals([r[4] for r in zoo_crawl.values()])
    problems = [p for r in zoo_crawl.values() for p in r[4].problems]
    n = total.articles
    assert n >= 40
    for what in ("complete", "clean", "titles", "dates"):
        assert getattr(total, what) >= TARGET * n, (what, getattr(total, what), n, problems)


def test_postback_pages_feeds_and_sitemaps_were_what_reached_the_hidden_articles(zoo_crawl):
    sharepoint = zoo_crawl["sharepoint"][1]
    posted = [body for path, body in sharepoint.posts]
    assert posted and all(b"__VIEWSTATE=" in body and b"__EVENTTARGET=" in body for body in posted)
    for family, (site, _local, _, rows, _) in zoo_crawl.items():
        stored = {row["url"] for row in rows}
        for path, how in site.hidden.items():
            assert any(url.endswith(path.split("?")[0]) or path in url for url in stored), (family, path, how)

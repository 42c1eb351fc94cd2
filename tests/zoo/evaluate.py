"""How a crawl of a zoo site did, per family: articles stored exactly once, bodies complete
(lead and every paragraph) and clean (no furniture), titles and dates right, non-articles
stored. Text is compared folded (no case, tone marks or punctuation), as
../shared/real-pages/evaluate.py does."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from thidua.crawler.urls import canonical_url
from thidua.extract.html_tree import fold
from zoo.model import Truth, ZooSite

COLUMNS = ("family", "articles", "stored once", "missing", "twice", "non-articles",
           "complete", "clean", "titles", "dates", "authors")


@dataclass
class FamilyScore:
    family: str
    articles: int = 0
    stored_once: int = 0
    missing: int = 0
    twice: int = 0
    non_articles: int = 0
    complete: int = 0
    clean: int = 0
    titles: int = 0
    dates: int = 0
    authors: int = 0
    problems: list[str] = field(default_factory=list)

    def row(self) -> list:
        return [self.family, self.articles, self.stored_once, self.missing, self.twice, self.non_articles,
                self.complete, self.clean, self.titles, self.dates, self.authors]


def body_complete(truth: Truth, body: str) -> list[str]:
    """The parts of the article missing from `body` (empty when complete)."""
    folded = fold(body)
    parts = [("lead", truth.lead)] + [(f"paragraph {i}", p) for i, p in enumerate(truth.paragraphs, 1)]
    return [name for name, text in parts if fold(text) not in folded]


def leaks(truth: Truth, body: str) -> list[str]:
    folded = fold(body)
    return [m for m in truth.markers if fold(m) and fold(m) in folded]


def score(site: ZooSite, base: str, rows: list[dict], records: list[dict]) -> FamilyScore:
    result = FamilyScore(site.family, articles=len(site.truth))
    by_url = {canonical_url(base + path): truth for path, truth in site.truth.items()}
    stored = Counter(row["url"] for row in rows)
    for url, truth in by_url.items():
        if stored[url] == 1:
            result.stored_once += 1
        elif stored[url] == 0:
            result.missing += 1
            result.problems.append(f"missing: {truth.path} ({site.hidden.get(truth.path, 'listed')})")
        else:
            result.twice += 1
            result.problems.append(f"stored {stored[url]} times: {truth.path}")
    for url, n in stored.items():
        if url not in by_url:
            result.non_articles += n
            result.problems.append(f"not an article, stored: {url.split('/', 3)[-1]}")
    records_by_url = {r.get("url"): r for r in records if r.get("url") in by_url}
    for url, truth in by_url.items():
        record = records_by_url.get(url)
        if record is None:
            continue
        if "error" in record:
            result.problems.append(f"extraction failed: {truth.path}: {record['error']}")
            continue
        body = record.get("body") or ""
        missing, leaked = body_complete(truth, body), leaks(truth, body)
        result.complete += not missing
        result.clean += not leaked
        result.titles += fold(record.get("title") or "") == fold(truth.title)
        result.dates += record.get("published") == truth.published
        result.authors += fold(record.get("author") or "") == fold(truth.author)
        if missing:
            result.problems.append(f"body lacks {', '.join(missing)}: {truth.path}")
        if leaked:
            result.problems.append(f"body holds {leaked}: {truth.path}")
        if fold(record.get("title") or "") != fold(truth.title):
            result.problems.append(f"title {record.get('title')!r}: {truth.path}")
        if record.get("published") != truth.published:
            result.problems.append(f"date {record.get('published')} (not {truth.published}): {truth.path}")
    return result


def totals(scores: list[FamilyScore]) -> FamilyScore:
    total = FamilyScore("all")
    for s in scores:
        for key in ("articles", "stored_once", "missing", "twice", "non_articles", "complete", "clean",
                    "titles", "dates", "authors"):
            setattr(total, key, getattr(total, key) + getattr(s, key))
    return total


def read_rows(out: Path) -> list[dict]:
    path = out / "pages.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()] \
        if path.exists() else []


def as_json(scores: list[FamilyScore]) -> str:
    return json.dumps([asdict(s) for s in scores], ensure_ascii=False, indent=1)

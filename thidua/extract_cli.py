"""`thidua extract`: files or a JSON Lines stream in, one record per line out."""
from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, Iterable, Iterator

from thidua.extract.decode import decode_page
from thidua.extract.guards import MAX_CHARS, TIME_BUDGET_S, InputError, time_budget
from thidua.extract.inputs import InputLineError, parse_line
from thidua.extract.pipeline import ExtractionError, extract_record


@lru_cache(maxsize=4)
def _registry(path: str) -> dict | Exception:
    """The source registry, read once per registry file (a crawl's pages.jsonl names the
    same few sources on every line); a failure is remembered as well."""
    from thidua.crawler import sources

    try:
        return sources.load_sources(Path(path))
    except (OSError, ValueError) as exc:
        return exc


def registry_selectors(name: str) -> dict | None:
    """Selectors of the registry entry `name`, None when it has none or is not listed."""
    from thidua.crawler import sources

    default_path = getattr(sources, "default_path", None)
    loaded = _registry(str(default_path() if default_path else sources.SOURCES_FILE))
    if isinstance(loaded, Exception):
        raise ExtractionError(f"cannot read the source registry for {name!r}: {loaded}")
    selectors = getattr(loaded.get(name), "selectors", None)
    if selectors is None:
        return None
    if hasattr(selectors, "model_dump"):
        selectors = selectors.model_dump(exclude_none=True)
    return dict(selectors) or None


def _selectors_of(item: dict) -> dict | None:
    selectors = item.get("selectors")
    if selectors is not None:
        if not isinstance(selectors, Mapping):
            raise ExtractionError('"selectors" must be an object such as {"title": "h1.tieu-de"}')
        return dict(selectors)
    if isinstance(item.get("source"), str) and isinstance(item.get("html"), str):
        return registry_selectors(item["source"])
    return None


def extract_item(item: dict, limits: "Limits | None" = None) -> dict:
    """A record for one input ({"id", "text"|"html", "url"?, "published"?, "source"?,
    "province"?, "selectors"?}: a registry source's selectors apply to its HTML), or
    {"id", "error"} saying what is wrong with it and which input."""
    limits = limits or Limits()
    ident = item.get("id")
    try:
        if not isinstance(item.get("text"), str) and not isinstance(item.get("html"), str):
            raise ExtractionError('input has neither "text" nor "html" string')
        with time_budget(limits.time_budget):
            record = extract_record(
                text=item.get("text"), html=item.get("html"), id=ident, url=item.get("url"),
                published=item.get("published"), selectors=_selectors_of(item),
                province=item.get("province"), max_chars=limits.max_chars)
        return {"id": ident, **{k: v for k, v in record.items() if k != "id"}}
    except (ExtractionError, InputError) as exc:
        return {"id": ident, "error": str(exc)}
    except (RecursionError, MemoryError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        # a fault of the extractor on this input: one error line, and the stream goes on
        return {"id": ident, "error": f"extractor failed on this input ({type(exc).__name__}: {exc}); "
                                      "please report it with the input"}


def default_jobs() -> int:
    """All the cores this process may use."""
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@dataclass(frozen=True)
class Limits:
    """The caps an input must keep (see thidua.extract.guards)."""
    max_chars: int = MAX_CHARS
    time_budget: float | None = TIME_BUDGET_S


def inputs_from_files(paths: Iterable[str], url: str | None, published: str | None) -> Iterator[dict]:
    """One input per file; the id is the file's stem, or its name when two files of the call
    share a stem (x.txt and x.html)."""
    paths = list(paths)
    stems = [Path(name).stem for name in paths]
    for name in paths:
        path = Path(name)
        ident = path.stem if stems.count(path.stem) == 1 else path.name
        item: dict = {"id": ident, "url": url, "published": published}
        try:
            raw = path.read_bytes()
        except OSError as exc:
            yield {**item, "error": f"cannot read {name}: {exc.strerror or exc}"}
            continue
        # The crawler's decoder: a saved page's <meta charset>, else the encoding its bytes
        # read best in (windows-1258 and mislabelled pages of old portals), NFC.
        content = decode_page(raw, None).text
        key = "html" if path.suffix.lower() in (".html", ".htm") else "text"
        yield {**item, key: content}


def with_stored_html(line: str, lineno: int, folder: Path) -> str:
    """A crawl's pages.jsonl line points at its page in the compressed raw store ("raw")
    instead of holding it: the line with the page read from there, relative to the file's
    folder (or the current one for stdin). Raises InputLineError when it cannot be read."""
    if '"raw"' not in line or '"html"' in line:
        return line
    from thidua.crawler.pages_file import StoreError, page_html

    try:
        row = json.loads(line)
    except ValueError:
        return line  # parse_line says what is wrong with it
    if not isinstance(row, dict) or not isinstance(row.get("raw"), dict) or "text" in row:
        return line
    try:
        return json.dumps({**row, "html": page_html(row, folder)}, ensure_ascii=False)
    except StoreError as exc:
        raise InputLineError(f"line {lineno}: {exc}", row.get("id") if isinstance(row.get("id"), str) else None) from None


def inputs_from_jsonl(stream: IO[str]) -> Iterator[dict]:
    """Checked inputs of a JSON Lines stream; a bad line is an item with its error."""
    name = getattr(stream, "name", "")
    folder = Path(name).parent if isinstance(name, str) and Path(name).is_file() else Path.cwd()
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            yield parse_line(with_stored_html(line, lineno, folder), lineno)
        except InputLineError as exc:
            ident = exc.args[1] if len(exc.args) > 1 else None
            yield {"id": ident, "error": exc.args[0]}


def run(items: Iterable[dict], out: IO[str] | None = None, limits: Limits | None = None, jobs: int = 1) -> int:
    """Write one line per input to `out` (stdout by default), in the inputs' order; return how
    many inputs failed. With `jobs` > 1 the inputs are extracted by that many processes."""
    out = out if out is not None else sys.stdout  # looked up per call: tests and callers swap stdout
    limits = limits or Limits()
    results = parallel_results(items, limits, jobs) if jobs > 1 else (_result(item, limits) for item in items)
    failed = 0
    for result in results:
        failed += "error" in result
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return failed


def _result(item: dict, limits: Limits) -> dict:
    return {"id": item.get("id"), "error": item["error"]} if "error" in item else extract_item(item, limits)


_WORKER_LIMITS: Limits | None = None


def _worker_start(limits: Limits) -> None:
    global _WORKER_LIMITS
    _WORKER_LIMITS = limits
    from thidua.extract.nlp import default_pipeline

    default_pipeline()      # loaded once per process (already there when forked)


def _worker_result(item: dict) -> dict:
    return _result(item, _WORKER_LIMITS or Limits())


def parallel_results(items: Iterable[dict], limits: Limits, jobs: int) -> Iterator[dict]:
    """The results of `items` extracted by `jobs` processes, in the inputs' order; at most a
    few inputs per process are in flight, so a long stream is never read into memory whole."""
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    from thidua.extract.nlp import default_pipeline

    default_pipeline()      # loaded before forking: every worker starts with it
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    window = jobs * 8
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_start, initargs=(limits,)) as pool:
        pending: deque = deque()
        for item in items:
            pending.append(pool.submit(_worker_result, item))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

"""`thidua extract`: files or a JSON Lines stream in, one record per line out."""
from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import IO, Iterable, Iterator

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


def _one(item: dict) -> dict:
    """A record for one input, or {"id", "error"} saying what is wrong with it."""
    ident = item.get("id")
    try:
        if not isinstance(item.get("text"), str) and not isinstance(item.get("html"), str):
            raise ExtractionError('input has neither "text" nor "html" string')
        return {"id": ident, **{k: v for k, v in extract_record(
            text=item.get("text"), html=item.get("html"), id=ident, url=item.get("url"),
            published=item.get("published"), selectors=_selectors_of(item)).items()
            if k != "id"}}
    except ExtractionError as exc:
        return {"id": ident, "error": str(exc)}


def inputs_from_files(paths: Iterable[str], url: str | None, published: str | None) -> Iterator[dict]:
    for name in paths:
        path = Path(name)
        item: dict = {"id": path.stem, "url": url, "published": published}
        try:
            raw = path.read_bytes()
            content = raw.decode("utf-8")
        except OSError as exc:
            yield {**item, "error": f"cannot read {name}: {exc.strerror or exc}"}
            continue
        except UnicodeDecodeError:
            from charset_normalizer import from_bytes  # legacy encodings on old portals

            best = from_bytes(raw).best()
            if best is None:
                yield {**item, "error": f"cannot decode {name}: not text in a known encoding"}
                continue
            content = str(best)
        key = "html" if path.suffix.lower() in (".html", ".htm") else "text"
        yield {**item, key: content}


def with_stored_html(item: dict, folder: Path) -> dict:
    """A crawl's pages.jsonl line points at its page in the compressed raw store ("raw")
    instead of holding it: read it from there, relative to the file's folder (or the
    current one for stdin); a page that cannot be read becomes the line's error."""
    if "html" in item or "text" in item or not isinstance(item.get("raw"), dict):
        return item
    from thidua.crawler.pages_file import StoreError, page_html

    try:
        return {**item, "html": page_html(item, folder)}
    except StoreError as exc:
        return {**item, "error": str(exc)}


def inputs_from_jsonl(stream: IO[str]) -> Iterator[dict]:
    name = getattr(stream, "name", "")
    folder = Path(name).parent if isinstance(name, str) and Path(name).is_file() else Path.cwd()
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError("not a JSON object")
        except ValueError as exc:
            yield {"id": None, "error": f"line {lineno}: invalid JSON ({exc})"}
            continue
        yield with_stored_html(item, folder)


def run(items: Iterable[dict], out: IO[str] = sys.stdout) -> int:
    """Write one line per input; return how many inputs failed."""
    failed = 0
    for item in items:
        result = {"id": item.get("id"), "error": item["error"]} if "error" in item else _one(item)
        failed += "error" in result
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return failed

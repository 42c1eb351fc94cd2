"""The bulk load (DuckDB parses, checks and flattens JSONL) against the line-by-line Python
path: the same files into two warehouse files must give identical tables, entities, views,
failures and rejections (messages included), on synthetic records, records extracted from
the bundled sample site, and lines broken in every way the checks look for."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import duckdb
import pytest

from thidua.extract.pipeline import ExtractionError, extract_record
from thidua.warehouse.db import ENTITY_TABLES, HISTORY_TABLES, MART_TABLES, TABLES, VIEWS
from thidua.warehouse.load import LoadStats, load_files
from thidua.warehouse.synthetic import generate

SAMPLE_SITE = Path(__file__).resolve().parents[1] / "crawler" / "sample_site"
COMPARED = TABLES + ENTITY_TABLES + HISTORY_TABLES + MART_TABLES + VIEWS + ("load_failures", "entity_title_parts")
VOLATILE = {"loaded_at", "failed_at"}  # when it happened, not what was loaded


@pytest.fixture(scope="module")
def synthetic() -> list[dict]:
    return list(generate(2000, seed=3))


@pytest.fixture(scope="module")
def extracted() -> list[dict]:
    """Records of the sample site's pages, as `thidua extract` writes them; pages without an
    article (listings) give {"id", "url", "error"} lines, as in the demo."""
    out = []
    for page in sorted(SAMPLE_SITE.rglob("*.html")):
        rel = page.relative_to(SAMPLE_SITE).as_posix()
        url = f"http://127.0.0.1:8000/{rel}"
        try:
            out.append(extract_record(html=page.read_text(encoding="utf-8"), id=page.stem, url=url))
        except ExtractionError as exc:
            out.append({"id": page.stem, "url": url, "error": str(exc)})
    assert sum("error" not in r for r in out) >= 10
    return out


def dumps(record: dict, **kwargs) -> str:
    return json.dumps(record, ensure_ascii=False, **kwargs)


def broken_lines(good: dict) -> list[str]:
    """One line per way a line can go wrong or be unusual, built from a valid record."""
    def variant(new_id: str, change) -> dict:
        record = copy.deepcopy(good)
        record["id"] = new_id
        change(record)
        return record

    def set_path(path, value):
        def change(record):
            target = record
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value
        return change

    events = bool(good["events"])
    lines = [
        # rejected, each with pydantic's message
        dumps(variant("bad-enum", lambda r: r["awards"][0].update(status="maybe"))),
        dumps(variant("extra-key", set_path(["colour"], "red"))),
        dumps(variant("extra-null-key", lambda r: r["people"][0].update(nickname=None))),
        dumps(variant("negative-offset", lambda r: r["people"][0]["evidence"].update(start=-5))),
        dumps(variant("wrong-type", lambda r: r["people"][0].update(name=5))),
        dumps(variant("number-as-title", set_path(["title"], 12))),
        dumps(variant("object-as-title", set_path(["title"], {"text": "Hội nghị"}))),
        dumps(variant("list-as-author", set_path(["author"], ["Minh Anh"]))),
        dumps(variant("bool-as-role", lambda r: r["people"][0].update(role=True))),
        dumps(variant("text-as-offset", lambda r: r["people"][0]["evidence"].update(end="40"))),
        dumps(variant("null-body", set_path(["body"], None))),
        dumps(variant("null-list", set_path(["awards"], None))),
        dumps(variant("null-item", lambda r: r["people"].append(None))),
        dumps(variant("missing-required", lambda r: r["awards"][0].pop("status"))),
        dumps(variant("bad-date", set_path(["published"], "2021-02-30"))),
        '{"id": "cut-short", "title": "Hội nghị tổng kết"',
        "[1, 2, 3]",
        '"just a string"',
        "   ",
        "",
        # failed extractions
        dumps({"id": "failed-page", "url": "https://example.gov.vn/a.html", "error": "no article"}),
        dumps({"id": "failed-then-loaded", "error": "timeout"}),
        # accepted, but not in the bulk checks' canonical form: pydantic decides
        dumps(variant("failed-then-loaded", lambda r: None)),
        dumps(variant("year-as-text", lambda r: r["awards"][0].update(year="2021"))),
        dumps(variant("null-evidence", lambda r: r["people"][0].update(evidence=None))),
        dumps(variant("spaced-colons", lambda r: None), separators=(",", " : ")),
        dumps(variant("quoted", lambda r: r.update(title='Phong trào "Thi đua": nhìn lại'))),
        # the same key twice: json.loads keeps the last
        dumps(variant("twice", lambda r: None))[:-1] + ', "title": "Tiêu đề thứ hai"}',
        # plain lines the bulk checks take: keys left out, backslashes and escapes in text,
        # no id (the URL's hash, else the text's)
        dumps({k: v for k, v in variant("sparse", lambda r: None).items()
               if v is not None and v != []}),
        dumps(variant("backslash", lambda r: r.update(title="C:\\thi-dua\tTab \u00e9 \u2028"))),
        dumps({k: v for k, v in variant("", lambda r: None).items() if k != "id"}),
        dumps({k: v for k, v in variant("", lambda r: None).items() if k not in ("id", "url")}),
    ]
    if events:
        lines.append(dumps(variant("event-date-int",
                                   lambda r: r["events"][0].update(date=20210101))))
    # a repeated id: the last copy wins
    lines.append(dumps(variant("bad-enum", lambda r: None)))
    return lines


def write(path: Path, lines: list[str], newline: str = "\n") -> Path:
    path.write_text(newline.join(lines) + newline, encoding="utf-8")
    return path


def snapshot(db: Path) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for name in COMPARED:
            columns = [r[0] for r in con.execute(f"DESCRIBE {name}").fetchall()]
            kept = ", ".join(f'"{c}"' for c in columns if c not in VOLATILE)
            out[name] = con.execute(f"SELECT {kept} FROM {name} ORDER BY ALL").fetchall()
        return out
    finally:
        con.close()


def outcome(stats: LoadStats) -> dict:
    return {"loaded": stats.loaded, "ids": stats.article_ids, "duplicates": stats.duplicates,
            "replaced": stats.replaced, "rows": {k: v for k, v in stats.rows.items() if v},
            "failures": stats.failures, "removed": stats.removed, "entities": stats.entities,
            "rejected": [(r.where, r.article_id, r.reason) for r in stats.rejected]}


def both(tmp_path: Path, files: list[Path], **kwargs) -> tuple[LoadStats, LoadStats]:
    """Load `files` through both paths into two files; assert the warehouses are identical."""
    bulk = load_files(files, tmp_path / "bulk.duckdb", **kwargs)
    python = load_files(files, tmp_path / "python.duckdb", bulk=False, **kwargs)
    assert outcome(bulk) == outcome(python)
    got, want = snapshot(tmp_path / "bulk.duckdb"), snapshot(tmp_path / "python.duckdb")
    for name in COMPARED:
        assert got[name] == want[name], name
    return bulk, python


def test_same_warehouse_as_python_path(tmp_path: Path, synthetic: list[dict],
                                       extracted: list[dict]) -> None:
    good = next(r for r in extracted if "error" not in r and r["people"] and r["awards"])
    lines = [dumps(r) for r in synthetic[:1000]] + broken_lines(good) + \
        [dumps(r) for r in extracted] + [dumps(r) for r in synthetic[1000:]]
    bulk, _ = both(tmp_path, [write(tmp_path / "records.jsonl", lines)])
    # failed-then-loaded's failure is dropped: the same id loaded in this load
    # the sample site's index pages all have the id "index" but each its own URL: different
    # articles under one id, so every later one is rejected naming the first; the first
    # bad-enum line was rejected, so its later copy is no repeat
    records = [r for r in extracted if "error" not in r]
    repeats = len(records) - len({r["id"] for r in records})
    # failures: failed-page, and the sample pages whose every line is an error (listing pages
    # with no article body; "index" is also a loaded record, so its failure is dropped)
    only_failed = {r["id"] for r in extracted if "error" in r} - {r["id"] for r in records}
    assert bulk.loaded > 2000 and bulk.failures == 1 + len(only_failed) and bulk.duplicates == 0
    clashes = [r for r in bulk.rejected if "is already used by" in r.reason]
    assert len(clashes) == repeats and {r.article_id for r in clashes} <= {"index"}
    rejected = {r.article_id for r in bulk.rejected}
    assert {"bad-enum", "extra-key", "extra-null-key", "negative-offset", "wrong-type",
            "number-as-title", "object-as-title", "list-as-author", "bool-as-role",
            "null-body", "null-item", "bad-date"} <= rejected
    assert "bad-enum" in bulk.article_ids  # its later, valid copy won
    assert {"year-as-text", "sparse", "spaced-colons", "quoted", "twice", "backslash",
            "failed-then-loaded"} <= set(bulk.article_ids)
    # the bulk checks decided every other line; the odd ones went through pydantic (all the
    # broken lines but six plain ones: failed-then-loaded, sparse, backslash, the two without
    # an id and the repeated id), and the sample's failed-extraction lines (listing pages)
    assert bulk.fallback == len(broken_lines(good)) - 6 + sum("error" in r for r in extracted)


def test_several_files_reload_and_replace_version(tmp_path: Path, synthetic: list[dict],
                                                  extracted: list[dict]) -> None:
    good = next(r for r in extracted if "error" not in r and r["people"] and r["awards"])
    first = write(tmp_path / "a.jsonl", [dumps(r) for r in synthetic[:300]] + broken_lines(good))
    # CRLF line ends, and the first file's records again with a new extractor version
    renewed = [dict(r, extractor_version="synthetic/2") for r in synthetic[:150]]
    second = write(tmp_path / "b.jsonl", [dumps(r) for r in renewed + extracted], "\r\n")
    # compact separators, as DuckDB or other tools write JSON, and one line in the other style
    compact = [dumps(r, separators=(",", ":")) for r in synthetic[300:400]]
    third = write(tmp_path / "c.jsonl", compact + [dumps(synthetic[400])])
    bulk, _ = both(tmp_path, [first, second, third])
    assert bulk.fallback < 60
    assert bulk.rejected and all(r.where.startswith(str(first)) or "is already used by"
                                 in r.reason for r in bulk.rejected)
    # into the same two warehouses again: every article replaced in place
    bulk, _ = both(tmp_path, [second])
    # the sample's failed-extraction lines (listing pages) are the only ones decided by pydantic
    assert bulk.replaced == bulk.loaded and bulk.fallback == sum("error" in r for r in extracted)
    bulk, _ = both(tmp_path, [second], replace_version="synthetic/2")
    assert bulk.removed == 150


def test_lone_carriage_return_goes_line_by_line(tmp_path: Path, synthetic: list[dict]) -> None:
    # Python's text mode ends a line at a lone CR; the bulk reader would not
    lines = [dumps(r) for r in synthetic[:20]]
    path = tmp_path / "cr.jsonl"
    path.write_text("\n".join(lines[:10]) + "\r" + "\n".join(lines[10:]) + "\n", encoding="utf-8")
    bulk, _ = both(tmp_path, [path])
    assert bulk.fallback == 0 and bulk.loaded == 20


def test_empty_file(tmp_path: Path) -> None:
    bulk, _ = both(tmp_path, [write(tmp_path / "empty.jsonl", [], "")])
    assert bulk.loaded == 0 and not bulk.rejected


def test_text_that_is_not_utf8_fails_both_paths(tmp_path: Path, synthetic: list[dict]) -> None:
    path = tmp_path / "latin1.jsonl"
    lines = [dumps(r).encode("utf-8") for r in synthetic[:5]]
    path.write_bytes(b"\n".join(lines[:2] + [lines[2].replace(b"\xc4\x91", b"\xff")] + lines[3:]))
    for bulk in (True, False):
        with pytest.raises(UnicodeError):
            load_files([path], tmp_path / f"{bulk}.duckdb", bulk=bulk)
        assert not (tmp_path / f"{bulk}.duckdb").exists()  # nothing half-written was kept


def test_unit_spellings_placed_in_provinces_as_names_unit_resolves_them(
        synthetic: list[dict], extracted: list[dict]) -> None:
    # entity resolution resolves a unit's spelling once and places it in each province
    from thidua.warehouse import names
    from thidua.warehouse.resolve import _UnitSpellings

    spellings = {m["org"] for r in synthetic[:300] + extracted if "error" not in r
                 for b in r["blocs"] for m in b["members"]}
    spellings |= {x["org"] for r in synthetic[:300] for x in r["bloc_leadership"]}
    spellings |= {"UBND tỉnh", "Sở Tư pháp tỉnh Lạng Sơn", "Bộ Nội vụ", "Sở NN&PTNT"}
    provinces = ["Bắc Kạn", "Hà Nam", "Lạng Sơn", "Thành phố Hồ Chí Minh", None]
    units = _UnitSpellings()
    for spelling in sorted(spellings):
        for province in provinces:
            assert units.get(spelling, province) == names.unit(spelling, province), \
                (spelling, province)

"""Vietnamese names of the record's codes (award types, statuses, roles…), read from
lexicon/labels.toml: shown by the explorer, written beside the codes in exports, and kept
in the warehouse's code_labels table so the analyst views carry them too."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

import duckdb
import pyarrow as pa


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    text = (resources.files("thidua.warehouse") / "lexicon" / "labels.toml").read_text(
        encoding="utf-8")
    return tomllib.loads(text)


def label(group: str, code: str | None) -> str:
    """The label of `code` in `group`, or the code itself when the file has none."""
    if code is None:
        return ""
    return labels().get(group, {}).get(code, code)


def sync(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrite code_labels from the file when they differ (one small table)."""
    rows = [(kind, code, text) for kind, codes in labels().items()
            for code, text in codes.items()]
    stored = con.execute("SELECT kind, code, label FROM code_labels ORDER BY ALL").fetchall()
    if stored == sorted(rows):
        return
    con.execute("DELETE FROM code_labels")
    con.register("_labels", pa.table({"kind": [r[0] for r in rows], "code": [r[1] for r in rows],
                                      "label": [r[2] for r in rows]}))
    try:
        con.execute("INSERT INTO code_labels SELECT * FROM _labels")
    finally:
        con.unregister("_labels")

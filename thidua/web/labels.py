"""Vietnamese labels for the warehouse's codes, read from labels.toml."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    text = (resources.files("thidua.web") / "labels.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def label(group: str, code: str | None) -> str:
    """The label of `code` in `group`, or the code itself when the file has none."""
    if code is None:
        return ""
    return labels().get(group, {}).get(code, code)

"""One input of `thidua extract --jsonl`: a JSON object {"id", "text" | "html", "url"?,
"published"?, "province"?, "source"?, "selectors"?}, checked before anything is read.

A line that is not such an object gives one error naming the line and what is wrong with it
(id not a string, url not an http(s) address, text not a string, nesting too deep, a number too
large for a float …); the next lines go on. Other keys (a crawl's pages.jsonl carries many) are
ignored.
"""
from __future__ import annotations

import json
import math
from typing import Any, Optional
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, StrictStr, ValidationError, field_validator


class InputLineError(ValueError):
    """A JSON Lines input that is not an article to extract."""


class ArticleInput(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: Optional[StrictStr] = None
    text: Optional[StrictStr] = None
    html: Optional[StrictStr] = None
    url: Optional[StrictStr] = None
    published: Optional[StrictStr] = None
    province: Optional[StrictStr] = None
    source: Optional[StrictStr] = None
    selectors: Optional[dict[StrictStr, StrictStr]] = None

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None:
            return value
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"is not an http(s) address: {value[:80]!r}")
        return value


def _no_infinity(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError(f"number {text[:20]} is too large")
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse_line(line: str, lineno: int) -> dict:
    """The checked input of one JSON Lines line, as a dict; raises InputLineError."""
    try:
        raw = json.loads(line, parse_float=_no_infinity, parse_constant=_no_constant)
    except RecursionError:
        raise InputLineError(f"line {lineno}: JSON nested too deep") from None
    except ValueError as exc:
        raise InputLineError(f"line {lineno}: invalid JSON ({exc})") from None
    if not isinstance(raw, dict):
        raise InputLineError(f"line {lineno}: not a JSON object")
    try:
        item = ArticleInput.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "input"
        ident = raw.get("id") if isinstance(raw.get("id"), str) else None
        raise InputLineError(f"line {lineno}: {where} {_plain(first)}", ident) from None
    out = item.model_dump(exclude_none=True)
    return out


def _plain(error: dict) -> str:
    """Pydantic's message in the words of this input: "must be a string, got number"."""
    kind = error.get("type", "")
    got = type(error.get("input")).__name__
    got = {"int": "a number", "float": "a number", "dict": "an object", "list": "a list", "bool": "true/false",
           "NoneType": "null"}.get(got, got)
    if kind.startswith("string_type"):
        return f"must be a string, got {got}"
    if kind.startswith("dict_type"):
        return f"must be an object, got {got}"
    return error.get("msg", "is not valid").removeprefix("Value error, ")

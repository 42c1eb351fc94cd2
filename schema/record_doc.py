"""The record's reference page (docs/record.md), written from the pydantic models so that the
page and the contract cannot drift apart: `thidua schema --format markdown > docs/record.md`."""
from __future__ import annotations

import typing
from types import UnionType

from pydantic import BaseModel

from thidua.schema.record import SCHEMA_VERSION, Record

_INTRO = f"""# The record (schema v{SCHEMA_VERSION})

One JSON object per article: what `thidua extract` writes, `thidua load` reads and
`thidua export --format jsonl` gives back. The contract is `../shared/spec/RECORD.md`; its
names are never renamed, only extended. The machine-readable form is
`schema/record-v{SCHEMA_VERSION}.schema.json` (`thidua schema`). This page is generated from
`schema/record.py` by `thidua schema --format markdown`; a test fails when it is out of date.
"""


def _type(annotation: typing.Any) -> tuple[str, list[type[BaseModel]]]:
    """A readable type and the models it refers to."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, UnionType):
        parts = [_type(a) for a in args if a is not type(None)]
        text = " or ".join(p for p, _ in parts)
        return (f"{text} or null" if type(None) in args else text), [m for _, ms in parts for m in ms]
    if origin is list:
        inner, models = _type(args[0])
        return f"list of {inner}", models
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args), []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})", [annotation]
    return getattr(annotation, "__name__", str(annotation)), []


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def markdown() -> str:
    out = [_INTRO]
    queue: list[type[BaseModel]] = [Record]
    seen: set[type[BaseModel]] = set()
    while queue:
        model = queue.pop(0)
        if model in seen:
            continue
        seen.add(model)
        out.append(f"## {model.__name__}\n")
        if model.__doc__:
            out.append(_cell(model.__doc__) + "\n")
        out.append("| field | type | required | meaning |\n|---|---|---|---|")
        for name, info in model.model_fields.items():
            text, models = _type(info.annotation)
            queue.extend(m for m in models if m not in seen)
            required = "yes" if info.is_required() else "no"
            out.append(f"| `{name}` | {_cell(text)} | {required} | {_cell(info.description or '')} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"

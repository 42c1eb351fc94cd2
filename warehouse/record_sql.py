"""The record's pydantic models (schema/record.py) turned into DuckDB SQL, for the bulk load.

Nothing here is written by hand per field: the JSON shape handed to `json_transform`, the
per-line checks and the expressions that decode each value are all derived from the models'
fields, so a field added to the record reaches the bulk load without touching this file.

How a line is read: `json_transform` types every string field (str, Literal, date) as
VARCHAR and every other scalar as JSON, which keeps its raw JSON text, so its JSON type stays
visible (a string where a number belongs is caught, not cast). Before that, every
`"key": null` is rewritten to `"key": "\\u0000"` (the sentinel), so that a key present with
null can be told from a missing key (json_transform gives NULL for both). Two counts close
the gaps: the number of `":` in the line (every key's closing quote and colon) must equal the
number of keys the parse found, which catches keys the models do not know and keys written
twice; and the number of `": "` (a key followed by a string) must equal the number of string
fields found, which catches a number, object or list given where a string belongs (VARCHAR
would silently turn it into text). Anything unusual (a space before a colon, an escaped
quote before a colon, a null object) makes a count differ, and the line goes to pydantic,
which decides; so the checks may be strict, never lax.
"""
from __future__ import annotations

import datetime
import json
import types
import typing
from dataclasses import dataclass
from typing import Any

from annotated_types import Ge
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

SENTINEL = '"\\u0000"'  # the JSON text a null value is rewritten to
NUL = "chr(0)"  # the sentinel read as VARCHAR
STRINGS = ("str", "enum", "date")  # kinds JSON writes as strings: typed VARCHAR


@dataclass(frozen=True)
class Spec:
    """One field (or list item) of a model, as far as SQL needs to know it."""

    name: str
    kind: str  # str, enum, int, float, bool, date, model, list
    nullable: bool = False
    required: bool = False
    default: Any = None  # used when the key is missing (never for required fields)
    enum: tuple[str, ...] = ()
    ge: int | None = None
    model: type[BaseModel] | None = None
    item: Spec | None = None


_SCALARS = {str: "str", int: "int", float: "float", bool: "bool", datetime.date: "date"}


def spec(name: str, annotation: Any, nullable: bool = False, required: bool = False,
         default: Any = None, ge: int | None = None) -> Spec:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"{name}: only Optional[X] unions are supported")
        return spec(name, inner[0], type(None) in args or nullable, required, default, ge)
    common = {"nullable": nullable, "required": required, "default": default, "ge": ge}
    if origin is list:
        return Spec(name, "list", item=spec(name, args[0], required=True), **common)
    if origin is typing.Literal:
        return Spec(name, "enum", enum=tuple(args), **common)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Spec(name, "model", model=annotation, **common)
    if annotation in _SCALARS:
        return Spec(name, _SCALARS[annotation], **common)
    raise TypeError(f"{name}: no SQL mapping for {annotation!r}")


def fields(model: type[BaseModel]) -> list[Spec]:
    out = []
    for name, info in model.model_fields.items():
        if info.alias and info.alias != name:
            raise TypeError(f"{model.__name__}.{name}: aliases are not supported")
        ge = next((m.ge for m in info.metadata if isinstance(m, Ge)), None)
        if info.default_factory is not None:
            default = info.default_factory()
        elif info.default is PydanticUndefined:
            default = None
        else:
            default = info.default
        out.append(spec(name, info.annotation, required=info.is_required(), default=default,
                        ge=ge))
    return out


def shape(model: type[BaseModel]) -> str:
    """The json_transform structure: objects as objects, lists as lists, string fields as
    VARCHAR, other scalars (and the items of lists of scalars) as JSON."""
    def of(s: Spec, item: bool = False) -> Any:
        if s.kind == "model":
            return {f.name: of(f) for f in fields(s.model)}
        if s.kind == "list":
            return [of(s.item, item=True)]
        return "VARCHAR" if s.kind in STRINGS and not item else "JSON"
    return json.dumps({f.name: of(f) for f in fields(model)}, ensure_ascii=False)


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, list) and not value:
        return "[]"
    raise TypeError(f"no SQL literal for {value!r}")


# ------------------------------------------------------------------ checks

class _Names:
    """Fresh lambda parameter names (nested lambdas must not shadow each other)."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return f"_x{self.n}"


def _type_ok(s: Spec, v: str) -> str:
    """v is the JSON text of a present, non-null value."""
    if s.kind == "str":
        return f"starts_with({v}, '\"')"
    if s.kind == "enum":
        return f"{v} IN ({', '.join(literal(json.dumps(e, ensure_ascii=False)) for e in s.enum)})"
    if s.kind == "bool":
        return f"{v} IN ('true', 'false')"
    if s.kind == "int":
        # yyjson writes integers as bare digits; 1.0 or 1e3 are left to pydantic
        check = f"regexp_full_match({v}, '-?[0-9]{{1,18}}')"
        return check if s.ge is None else f"({check} AND TRY_CAST({v} AS BIGINT) >= {s.ge})"
    if s.kind == "float":
        check = (f"(regexp_full_match({v}, '-?[0-9][0-9.eE+-]*') "
                 f"AND TRY_CAST({v} AS DOUBLE) IS NOT NULL)")
        return check if s.ge is None else f"({check} AND TRY_CAST({v} AS DOUBLE) >= {s.ge})"
    if s.kind == "date":
        return (f"(regexp_full_match({v}, '\"[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}\"') "
                f"AND TRY_CAST({v}[2:-2] AS DATE) IS NOT NULL)")
    raise TypeError(s.kind)


def _string_ok(s: Spec, v: str) -> str:
    """v is a VARCHAR field's value, present and not null (the string count vouches that
    it was a JSON string)."""
    if s.kind == "enum":
        return f"{v} IN ({', '.join(literal(e) for e in s.enum)})"
    if s.kind == "date":
        return (f"(regexp_full_match({v}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') "
                f"AND TRY_CAST({v} AS DATE) IS NOT NULL)")
    return "true"


def _field_ok(s: Spec, v: str, names: _Names) -> str:
    missing = "false" if s.required else "true"
    if s.kind == "model":
        # a null object is a NULL struct too: the key count sends it to pydantic
        return f"CASE WHEN {v} IS NULL THEN {missing} ELSE {object_ok(s.model, v, names)} END"
    if s.kind == "list":
        x = names()
        item = f"({x} IS NOT NULL AND {_item_ok(s.item, x, names)})"
        return (f"CASE WHEN {v} IS NULL THEN {missing} "
                f"ELSE coalesce(list_bool_and(list_transform({v}, lambda {x}: {item})), true) END")
    null = "true" if s.nullable else "false"
    if s.kind in STRINGS:
        return (f"CASE WHEN {v} IS NULL THEN {missing} WHEN {v} = {NUL} THEN {null} "
                f"ELSE {_string_ok(s, v)} END")
    return (f"CASE WHEN {v} IS NULL THEN {missing} WHEN {v} = '{SENTINEL}' THEN {null} "
            f"ELSE {_type_ok(s, v)} END")


def _item_ok(s: Spec, x: str, names: _Names) -> str:
    if s.kind == "model":
        return object_ok(s.model, x, names)
    if s.kind == "list":
        raise TypeError("lists of lists are not supported")
    return _type_ok(s, x)


def object_ok(model: type[BaseModel], o: str, names: _Names | None = None) -> str:
    """SQL that is true when the object `o` (a struct of the shape) passes every check."""
    names = names or _Names()
    return "(" + " AND ".join(_field_ok(f, f"{o}.{quote(f.name)}", names)
                              for f in fields(model)) + ")"


def object_keys(model: type[BaseModel], o: str, names: _Names | None = None) -> str:
    """SQL counting the keys present in the object `o` and everything inside it."""
    names = names or _Names()
    parts = []
    for f in fields(model):
        v = f"{o}.{quote(f.name)}"
        parts.append(f"({v} IS NOT NULL)::INTEGER")
        if f.kind == "model":
            parts.append(f"coalesce({object_keys(f.model, v, names)}, 0)")
        elif f.kind == "list" and f.item.kind == "model":
            x = names()
            parts.append(f"coalesce(list_sum(list_transform({v}, lambda {x}: "
                         f"{object_keys(f.item.model, x, names)})), 0)")
    return "(" + " + ".join(parts) + ")"


def object_strings(model: type[BaseModel], o: str, names: _Names | None = None) -> str:
    """SQL counting the string fields (VARCHAR in the shape) present with a non-null value
    in the object `o` and everything inside it: each was written `"key": "…"`."""
    names = names or _Names()
    parts = ["0"]
    for f in fields(model):
        v = f"{o}.{quote(f.name)}"
        if f.kind in STRINGS:
            parts.append(f"coalesce({v} <> {NUL}, false)::INTEGER")
        elif f.kind == "model":
            parts.append(f"coalesce({object_strings(f.model, v, names)}, 0)")
        elif f.kind == "list" and f.item.kind == "model":
            x = names()
            parts.append(f"coalesce(list_sum(list_transform({v}, lambda {x}: "
                         f"{object_strings(f.item.model, x, names)})), 0)")
    return "(" + " + ".join(parts) + ")"


# ------------------------------------------------------------------ values

def text(v: str) -> str:
    """The string a JSON string text stands for (yyjson's unescaping beats slicing quotes off)."""
    return f"json_extract_string({v}, '$')"


# TRY_CAST, not CAST: DuckDB may evaluate a CASE branch on a dictionary's every value,
# sentinels included. Values reaching here passed the checks, or pydantic (bulk.py keeps
# integers beyond 64 bits out, as they would fail the Python path's Arrow conversion).
def scalar(s: Spec, v: str) -> str:
    """The value of a JSON scalar (a number, a boolean, or a list's item)."""
    if s.kind in ("str", "enum"):
        return text(v)
    if s.kind == "int":
        return f"TRY_CAST({v} AS BIGINT)"
    if s.kind == "float":
        return f"TRY_CAST({v} AS DOUBLE)"
    if s.kind == "bool":
        return f"({v} = 'true')"
    if s.kind == "date":
        return f"TRY_CAST(json_extract_string({v}, '$') AS DATE)"
    raise TypeError(s.kind)


def value(s: Spec, v: str, names: _Names | None = None) -> str:
    """SQL for the value of a checked field: its default when missing, NULL when null."""
    names = names or _Names()
    if s.kind == "list":
        x = names()
        if s.item.kind == "model":
            raise TypeError("lists of objects are unnested, not decoded as a value")
        return (f"CASE WHEN {v} IS NULL THEN {literal(s.default)} "
                f"ELSE list_transform({v}, lambda {x}: {scalar(s.item, x)}) END")
    if s.kind == "model":
        raise TypeError("objects are decoded field by field")
    if s.kind in STRINGS:
        decoded = f"TRY_CAST({v} AS DATE)" if s.kind == "date" else v
        return (f"CASE WHEN {v} IS NULL THEN {literal(s.default)} WHEN {v} = {NUL} THEN NULL "
                f"ELSE {decoded} END")
    return (f"CASE WHEN {v} IS NULL THEN {literal(s.default)} WHEN {v} = '{SENTINEL}' THEN NULL "
            f"ELSE {scalar(s, v)} END")

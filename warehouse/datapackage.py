"""The Frictionless Data Package (datapackage.json) that describes an export.

Nothing here is written by hand per column: field names and types come from DuckDB's
DESCRIBE of the exported table or view, descriptions, enums and minimums from the pydantic
record models (schema/record.py), primary keys from the DDL's constraints or the
warehouse's uniqueness checks. A column added to the DDL or a model appears in the next
export's package by itself.
"""
from __future__ import annotations

import json
import re
import types
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import annotated_types
import duckdb
from pydantic import BaseModel

from thidua.schema import SCHEMA_VERSION, Evidence, Record
from thidua.warehouse import checks
from thidua.warehouse.db import schema_version

PACKAGE_NAME = "datapackage.json"
ARTICLE_KEY = "article_id"

# Columns the warehouse adds around the record's own fields (see warehouse/flatten.py).
# They belong to no model, so their descriptions live here.
_KEY_DESCRIPTIONS = {
    "item_no": "Position of the item in its list in the article's record (0-based).",
    "loaded_at": "When the article was loaded into the warehouse (UTC).",
}


@dataclass
class ExportedFile:
    """One file an export wrote, and what it holds."""

    path: Path  # relative to the export folder
    kind: Literal["parquet", "csv", "jsonl", "json-schema", "xlsx"]
    relation: str | None = None  # table or view it holds
    partition: dict[str, Any] = field(default_factory=dict)  # hive key → value


# ---------------------------------------------------------------- column documentation

@dataclass
class ColumnDoc:
    description: str | None = None
    enum: list[str] | None = None
    minimum: int | float | None = None


def _list_item(annotation: Any) -> Any:
    """The item type of list[X] (possibly Optional), else None."""
    for candidate in _unwrap_optional(annotation):
        if get_origin(candidate) is list:
            (item,) = get_args(candidate)
            return item
    return None


def _unwrap_optional(annotation: Any) -> list[Any]:
    if get_origin(annotation) in (Union, types.UnionType):
        return [a for a in get_args(annotation) if a is not type(None)]
    return [annotation]


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _singular(table: str) -> str:
    return table[:-1] if table.endswith("s") else table


def _field_doc(model: type[BaseModel], name: str) -> ColumnDoc:
    info = model.model_fields[name]
    doc = ColumnDoc(description=info.description)
    for candidate in _unwrap_optional(info.annotation):
        if get_origin(candidate) is Literal:
            doc.enum = [str(v) for v in get_args(candidate)]
    for meta in info.metadata:
        if isinstance(meta, (annotated_types.Ge, annotated_types.Gt)):
            doc.minimum = getattr(meta, "ge", None)
            if doc.minimum is None:
                doc.minimum = meta.gt
    return doc


def table_docs() -> dict[str, dict[str, ColumnDoc]]:
    """Per warehouse table, per column: what the record models say about it.

    The table layout follows warehouse/flatten.py: `articles` holds the record's scalar
    fields; a list of models (events, blocs…) is the table of the same name; a list of
    models inside one of those (Bloc.members) is `<singular>_<field>` (bloc_members) and
    names its parent by `<singular>_item_no` and `<singular>`; a list of strings
    (movements) is a table whose `name` column holds them. Every fact table carries the
    Evidence fields as evidence_text / evidence_start / evidence_end / evidence_span_start /
    evidence_span_end.
    """
    evidence = {f"evidence_{name}": _field_doc(Evidence, name) for name in Evidence.model_fields}
    for doc in evidence.values():
        doc.description = f"Evidence: {doc.description}"
    keys = {
        ARTICLE_KEY: ColumnDoc("Identifier of the article (the record's `id`)."),
        "url": _field_doc(Record, "url"),
        **{name: ColumnDoc(text) for name, text in _KEY_DESCRIPTIONS.items()},
    }
    docs: dict[str, dict[str, ColumnDoc]] = {"articles": {
        **keys,
        **{name: _field_doc(Record, name) for name, info in Record.model_fields.items()
           if name != "id" and _list_item(info.annotation) is None},
    }}
    for section, info in Record.model_fields.items():
        item = _list_item(info.annotation)
        if item is None:
            continue
        if not _is_model(item):
            docs[section] = {**keys, **evidence, "name": ColumnDoc(info.description)}
            continue
        docs[section] = {**keys, **evidence, **{
            name: _field_doc(item, name) for name, sub in item.model_fields.items()
            if _list_item(sub.annotation) is None or not _is_model(_list_item(sub.annotation))}}
        for name, sub in item.model_fields.items():
            inner = _list_item(sub.annotation)
            if inner is not None and _is_model(inner):
                parent = _singular(section)
                docs[f"{parent}_{name}"] = {
                    **keys,
                    f"{parent}_item_no": ColumnDoc(f"`item_no` of the {parent} in `{section}`."),
                    parent: ColumnDoc(item.model_fields["name"].description
                                      if "name" in item.model_fields else None),
                    **{n: _field_doc(inner, n) for n in inner.model_fields},
                }
    docs.pop("movement_evidence", None)  # stored as the movements' evidence columns
    return docs


def view_column_doc(view: str, column: str, docs: dict[str, dict[str, ColumnDoc]]
                    ) -> ColumnDoc | None:
    """What a view's column means, found among the tables' columns it is computed from.

    Views are SQL, not models, so their columns are matched by name, and only in the
    table the view is named after: in award_trends, `award_type` is awards.type and
    `status` awards.status; in bloc_leadership_history, `status` is bloc_leadership.status.
    Any other column stays undocumented rather than wrongly documented (officials.title
    is a position, not an article's headline).
    """
    candidates = []
    for table, columns in docs.items():
        singular = _singular(table)
        if column in columns:
            candidates.append((table, columns[column]))
        elif column.startswith(f"{singular}_") and column[len(singular) + 1:] in columns:
            candidates.append((table, columns[column[len(singular) + 1:]]))
    named = [doc for table, doc in candidates if view.startswith(_singular(table))]
    return named[0] if len(named) == 1 else None


# ---------------------------------------------------------------- types and schemas

_SIMPLE_TYPES = {
    "VARCHAR": "string", "UUID": "string", "BOOLEAN": "boolean", "DATE": "date",
    "TIME": "time", "INTERVAL": "duration", "JSON": "any",
    **{t: "integer" for t in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT",
                              "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT")},
    **{t: "number" for t in ("FLOAT", "DOUBLE", "REAL")},
    **{t: "datetime" for t in ("TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP_S",
                               "TIMESTAMP_MS", "TIMESTAMP_NS")},
}


def frictionless_type(duckdb_type: str) -> tuple[str, list[str] | None]:
    """Table Schema type of a DuckDB column type, and the values of an ENUM type."""
    if duckdb_type.endswith("]"):
        return "array", None
    if duckdb_type.startswith(("STRUCT", "MAP")):
        return "object", None
    if duckdb_type.startswith("DECIMAL"):
        return "number", None
    if duckdb_type.startswith("ENUM("):
        return "string", re.findall(r"'((?:[^']|'')*)'", duckdb_type)
    return _SIMPLE_TYPES.get(duckdb_type, "any"), None


def describe(con: duckdb.DuckDBPyConnection, relation: str) -> list[tuple[str, str, bool]]:
    """(column, DuckDB type, nullable) of a table or view, in order."""
    return [(name, dtype, null != "NO")
            for name, dtype, null, *_ in con.execute(f"DESCRIBE {relation}").fetchall()]


def _comments(con: duckdb.DuckDBPyConnection, relation: str) -> dict[str, str]:
    # A COMMENT ON COLUMN in the DDL outranks what the models say.
    rows = con.execute("SELECT column_name, comment FROM duckdb_columns() "
                       "WHERE table_name = ? AND comment IS NOT NULL AND comment <> ''",
                       [relation]).fetchall()
    return dict(rows)


def table_schema(con: duckdb.DuckDBPyConnection, relation: str,
                 docs: dict[str, dict[str, ColumnDoc]], *, view: bool = False) -> dict:
    """A Table Schema for a warehouse table or view, as its exported files hold it."""
    comments = _comments(con, relation)
    fields = []
    for name, dtype, nullable in describe(con, relation):
        ftype, enum = frictionless_type(dtype)
        doc = (view_column_doc(relation, name, docs) if view
               else docs.get(relation, {}).get(name)) or ColumnDoc()
        descriptor: dict[str, Any] = {"name": name, "type": ftype}
        description = comments.get(name) or doc.description
        if description:
            descriptor["description"] = description
        constraints: dict[str, Any] = {}
        # a view's DESCRIBE reports the base column's NOT NULL even through an outer join
        if not nullable and not view:
            constraints["required"] = True
        if enum or (doc.enum and ftype == "string"):
            constraints["enum"] = enum or doc.enum
        if doc.minimum is not None and ftype in ("integer", "number"):
            constraints["minimum"] = doc.minimum
        if constraints:
            descriptor["constraints"] = constraints
        if ftype == "array" and dtype == "VARCHAR[]":
            descriptor["arrayItem"] = {"type": "string"}
        fields.append(descriptor)
    schema: dict[str, Any] = {"fields": fields}
    if not view:
        key = primary_key(con, relation)
        if key:
            schema["primaryKey"] = key
    return schema


def primary_key(con: duckdb.DuckDBPyConnection, table: str) -> list[str] | None:
    """The declared primary key, else the key the warehouse's checks hold unique."""
    rows = con.execute(
        "SELECT constraint_column_names FROM duckdb_constraints() "
        "WHERE table_name = ? AND constraint_type = 'PRIMARY KEY'", [table]).fetchall()
    if rows:
        return list(rows[0][0])
    unique = checks.UNIQUE.get(table)
    return list(unique) if unique else None


def foreign_keys(table: str, columns: list[str], resource_of: dict[str, str]) -> list[dict]:
    """Fact rows point at their article; nested items (bloc_members) at their parent item.

    `resource_of` names the resource of each table in the same partition: an article's
    facts are partitioned with it, so the reference never leaves the partition.
    """
    keys = []
    if table != "articles" and ARTICLE_KEY in columns and "articles" in resource_of:
        keys.append({"fields": [ARTICLE_KEY],
                     "reference": {"resource": resource_of["articles"], "fields": [ARTICLE_KEY]}})
    for column in columns:
        if not column.endswith("_item_no"):
            continue
        parent = next((t for t in resource_of if _singular(t) == column[:-len("_item_no")]), None)
        if parent is not None:
            keys.append({"fields": [ARTICLE_KEY, column],
                         "reference": {"resource": resource_of[parent],
                                       "fields": [ARTICLE_KEY, "item_no"]}})
    return keys


def record_schema() -> dict:
    """A Table Schema of the record's top-level fields, for records.jsonl read as a table.

    Nested lists are `array` here; the JSON Schema beside it checks their insides.
    """
    fields = []
    for name, info in Record.model_fields.items():
        ftype = _python_type(info.annotation)
        descriptor: dict[str, Any] = {"name": name, "type": ftype}
        doc = _field_doc(Record, name)
        if doc.description:
            descriptor["description"] = doc.description
        if info.is_required() or name == "id":
            descriptor["constraints"] = {"required": True}
        fields.append(descriptor)
    return {"fields": fields, "primaryKey": ["id"]}


def _python_type(annotation: Any) -> str:
    (base, *_rest) = _unwrap_optional(annotation)
    if get_origin(base) is list:
        return "array"
    if _is_model(base) or get_origin(base) is dict:
        return "object"
    if base is bool:
        return "boolean"
    if base is int:
        return "integer"
    if base is float:
        return "number"
    if base is date:
        return "date"
    if base is datetime:
        return "datetime"
    if base is str or get_origin(base) is Literal:
        return "string"
    return "any"


# ---------------------------------------------------------------- the package

def slug(value: Any) -> str:
    """A resource-name-safe spelling: ASCII lower case, tones and đ dropped."""
    if value is None:
        return "none"
    text = unicodedata.normalize("NFKD", str(value).replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def _resource_name(file: ExportedFile) -> str:
    if file.kind == "json-schema":
        return "record-schema"
    if file.kind == "xlsx":
        return "analyst-views-xlsx"
    base = file.relation or file.path.stem
    if not re.fullmatch(r"[a-z0-9._-]+", base):
        base = slug(base)
    if file.kind != "parquet" or not file.partition:
        return base
    parts = [slug(v) for v in file.partition.values()]
    return ".".join([base, *parts])


def build(con: duckdb.DuckDBPyConnection, files: list[ExportedFile]) -> dict:
    """The datapackage.json descriptor for the files one export wrote."""
    docs = table_docs()
    names = _unique_names(files)
    # Resource of each table per partition, so foreign keys stay inside a partition.
    by_partition: dict[tuple, dict[str, str]] = {}
    for file in files:
        if file.kind == "parquet":
            key = tuple(sorted(file.partition.items(), key=lambda kv: kv[0]))
            by_partition.setdefault(key, {})[file.relation] = names[id(file)]
    unpartitioned = by_partition.get((), {})
    schemas: dict[tuple[str, bool], dict] = {}
    resources = []
    for file in files:
        resource: dict[str, Any] = {"name": names[id(file)], "path": file.path.as_posix()}
        if file.kind in ("parquet", "csv"):
            is_view = file.kind == "csv"
            cache_key = (file.relation, is_view)
            if cache_key not in schemas:
                schemas[cache_key] = table_schema(con, file.relation, docs, view=is_view)
            schema = json.loads(json.dumps(schemas[cache_key]))
            resource.update(_format(file.kind))
            resource["profile"] = "tabular-data-resource"
            if file.kind == "parquet":
                key = tuple(sorted(file.partition.items(), key=lambda kv: kv[0]))
                targets = {**unpartitioned, **by_partition.get(key, {})}
                fks = foreign_keys(file.relation, [f["name"] for f in schema["fields"]],
                                   targets)
                if fks:
                    schema["foreignKeys"] = fks
                # Parquet has real NULLs: an empty string is a value, not a missing one.
                schema["missingValues"] = []
                resource["table"] = file.relation
                if file.partition:
                    resource["partition"] = file.partition
            else:
                resource["view"] = file.relation
            resource["schema"] = schema
        elif file.kind == "xlsx":
            resource.update({"type": "file", "format": "xlsx", "mediatype": _format("xlsx")[
                "mediatype"], "description": "The analyst views for Excel: one sheet each, "
                "Vietnamese column names, Vietnamese labels in place of codes."})
        elif file.kind == "jsonl":
            resource.update(_format("jsonl"))
            resource["profile"] = "tabular-data-resource"
            resource["schema"] = record_schema()
            resource["jsonSchema"] = next(
                (f.path.as_posix() for f in files if f.kind == "json-schema"), None)
        else:
            resource.update({"type": "json", "format": "json",
                             "mediatype": "application/schema+json", "encoding": "utf-8",
                             "description": "JSON Schema of one record of records.jsonl."})
        resources.append(resource)
    return {
        "name": "thidua-warehouse",
        "title": "thidua: emulation and commendation facts from Vietnamese provincial news",
        "description": ("Tables of the thidua warehouse as Parquet partitioned by the article's "
                        "province and publication year, analyst views as CSV, whole article "
                        "records as JSON Lines. Generated by `thidua export`."),
        "recordSchemaVersion": SCHEMA_VERSION,
        "warehouseSchemaVersion": schema_version(con),
        "resources": resources,
    }


def _format(kind: str) -> dict:
    return {
        "parquet": {"format": "parquet", "mediatype": "application/vnd.apache.parquet"},
        # the files start with a byte-order mark (for Excel)
        "csv": {"format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig"},
        "xlsx": {"format": "xlsx",
                 "mediatype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        "jsonl": {"format": "jsonl", "mediatype": "application/jsonl", "encoding": "utf-8"},
    }[kind]


def _unique_names(files: list[ExportedFile]) -> dict[int, str]:
    names: dict[int, str] = {}
    taken: set[str] = set()
    for file in files:
        base = name = _resource_name(file)
        n = 1
        while name in taken:  # two provinces can share a slug only in theory; keep both
            n += 1
            name = f"{base}-{n}"
        taken.add(name)
        names[id(file)] = name
    return names


def write(con: duckdb.DuckDBPyConnection, out: Path, files: list[ExportedFile]) -> Path:
    target = out / PACKAGE_NAME
    target.write_text(json.dumps(build(con, files), ensure_ascii=False, indent=2,
                                 default=str) + "\n", encoding="utf-8")
    return target


# ---------------------------------------------------------------- validation

def register_parquet_reader() -> None:
    """Make frictionless read Parquet cell for cell as Arrow stores it.

    frictionless's own Parquet parser goes through pandas, which turns a nullable integer
    column into floats (NULL → NaN, a type error) and lists into numpy arrays (not an
    `array`): valid exports would fail. This parser reads the file with pyarrow and
    hands frictionless plain Python values; registering it again is harmless.
    """
    import frictionless
    from frictionless.system import Parser, Plugin

    class ArrowParquetParser(Parser):
        supported_types = ["array", "boolean", "date", "datetime", "integer", "number",
                           "object", "string", "time", "duration", "any"]

        def read_cell_stream_create(self):
            import pyarrow.parquet as pq

            # ParquetFile reads just this file: no partition columns guessed from the path.
            table = pq.ParquetFile(self.resource.normpath).read()
            yield table.column_names
            for batch in table.to_batches():
                columns = [column.to_pylist() for column in batch.columns]
                yield from (list(row) for row in zip(*columns))

    class ArrowParquetPlugin(Plugin):
        def create_parser(self, resource):
            if resource.format in ("parquet", "parq"):
                return ArrowParquetParser(resource)
            return None

    frictionless.system.register("thidua-arrow-parquet", ArrowParquetPlugin())


def validate(descriptor: str | Path):
    """frictionless's validation of an exported package (with the exact Parquet reader)."""
    import frictionless

    register_parquet_reader()
    return frictionless.validate(str(descriptor))


__all__ = ["ColumnDoc", "ExportedFile", "PACKAGE_NAME", "build", "describe", "foreign_keys",
           "frictionless_type", "primary_key", "record_schema", "register_parquet_reader",
           "slug", "table_docs", "table_schema", "validate", "view_column_doc", "write"]


def main(argv: list[str] | None = None) -> int:
    """`thidua check-export EXPORT/datapackage.json`: frictionless's validation with the
    exact Parquet reader; prints each invalid resource and its first errors, exits 1 when
    the package is invalid."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__.splitlines()[0])
    parser.add_argument("descriptor", help="the export's datapackage.json")
    args = parser.parse_args(argv)
    report = validate(args.descriptor)
    tasks = report.tasks
    for task in tasks:
        if not task.valid:
            print(f"INVALID {task.name}: " + "; ".join(
                e.message for e in task.errors[:3]))
    print(f"{'valid' if report.valid else 'invalid'}: {len(tasks)} resources, "
          f"{sum(len(t.errors) for t in tasks)} errors")
    return 0 if report.valid else 1


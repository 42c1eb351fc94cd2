"""Pydantic models of the article record and the JSON Schema generated from them."""
from __future__ import annotations

import json
from pathlib import Path

from thidua.schema.record import (SCHEMA_VERSION, SECTIONS, Award, Bloc, Document, Event,
                                  Evidence, Indicator, Leadership, Member, Person, Record)

SCHEMA_FILE = Path(__file__).with_name(f"record-v{SCHEMA_VERSION}.schema.json")


def json_schema() -> dict:
    """The JSON Schema of one record, as published for other systems."""
    schema = Record.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://thidua.invalid/schema/record-v{SCHEMA_VERSION}.schema.json"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def validate(record: dict) -> Record:
    """Validate a record dict; raises pydantic.ValidationError with every problem listed."""
    return Record.model_validate(record)


__all__ = ["Award", "Bloc", "Document", "Event", "Evidence", "Indicator", "Leadership", "Member",
           "Person", "Record", "SCHEMA_FILE", "SCHEMA_VERSION", "SECTIONS", "json_schema",
           "json_schema_text", "validate"]

"""The committed JSON Schema is the one the models generate, and records validate against it."""
import json
from pathlib import Path

import jsonschema
import pytest
from pydantic import ValidationError

from thidua.schema import SCHEMA_FILE, json_schema, json_schema_text, validate

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def shared():
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared is not beside the repo")
    return SHARED


def test_committed_schema_matches_models():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema_text(), (
        "schema changed: regenerate with `thidua schema > schema/" + SCHEMA_FILE.name + "`")


def test_record_reference_page_is_generated_from_the_models():
    from thidua.schema.record_doc import markdown

    page = (Path(__file__).parents[1] / "docs" / "record.md").read_text(encoding="utf-8")
    assert page == markdown(), "regenerate with `thidua schema --format markdown > docs/record.md`"
    # every section of the record and every field of an award is described
    for heading in ("## Record", "## Award", "## Evidence", "## Bloc", "## Member"):
        assert heading in page
    assert "| `status` | one of `proposed`, `voted`, `conferred` |" in page


def test_gold_records_are_valid(shared):
    for path in sorted((shared / "gold").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.validate(record, json_schema())
        assert validate(record).title == record["title"]


def test_unknown_field_is_refused():
    with pytest.raises(ValidationError, match="extra"):
        validate({"body": "x", "awardz": []})


def test_bad_enum_is_refused():
    with pytest.raises(ValidationError, match="type"):
        validate({"body": "x", "events": [{"type": "party"}]})

"""Property-based run of schemathesis against the OpenAPI document `thidua serve` serves.

The real server runs as a child process on 127.0.0.1 over the demo warehouse; schemathesis
reads /api/v1/openapi.json from it and sends generated requests (valid and invalid) to every
operation. No answer may be a 5xx, and every answer must match what the document promises:
its status code, content type, headers and body schema. Bounded to keep the suite fast.
"""
from __future__ import annotations


import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (content_type_conformance, not_a_server_error,
                                 response_headers_conformance, response_schema_conformance,
                                 status_code_conformance)

# Slow (property-based runs over every endpoint): `make test-fast` leaves it out, `make test` runs it.
pytestmark = pytest.mark.slow

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]


@pytest.fixture(scope="session")
def api_schema(served):
    """The document as the running server serves it."""
    return schemathesis.openapi.from_url(served + "/api/v1/openapi.json")


def _cases() -> list:
    """(operation, mode) pairs: valid requests to every operation, invalid ones to every
    operation that takes parameters (one without has no invalid request to make).

    Collection needs them before the server runs; the app builds the same document without
    opening a warehouse. The test itself uses the document the server serves."""
    from thidua.web.app import create_app

    spec = create_app("unused.duckdb").openapi()
    cases = []
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            label = f"{method.upper()} {path}"
            cases.append(pytest.param(label, GenerationMode.POSITIVE, id=f"{label} valid"))
            if op.get("parameters"):
                cases.append(pytest.param(label, GenerationMode.NEGATIVE, id=f"{label} invalid"))
    return cases


@pytest.mark.parametrize(("label", "mode"), _cases())
def test_api_keeps_its_openapi_promises(api_schema, served, label, mode):
    operation = api_schema.find_operation_by_label(label)
    assert operation is not None, f"the served document lacks {label}"

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=25, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case) -> None:
        case.call_and_validate(base_url=served, checks=CHECKS)

    run()

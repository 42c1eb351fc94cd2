"""Property-based run of schemathesis against the OpenAPI document `thidua serve` serves.

The real server runs as a child process on 127.0.0.1 over the demo warehouse; schemathesis
reads /api/v1/openapi.json from it and sends generated requests (valid and invalid) to every
operation. No answer may be a 5xx, and every answer must match what the document promises:
its status code, content type, headers and body schema. Bounded to keep the suite fast.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (content_type_conformance, not_a_server_error,
                                 response_headers_conformance, response_schema_conformance,
                                 status_code_conformance)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]


def demo_warehouse(tmp_path_factory):
    """The demo warehouse, built once per test session and shared by the web test files."""
    path = tmp_path_factory.getbasetemp() / "web-demo" / "thidua.duckdb"
    if not path.exists():
        from thidua.demo import run_demo

        path.parent.mkdir(parents=True, exist_ok=True)
        result = run_demo(path, workdir=path.parent / "work", progress=False)
        assert result["records"] == 13 and not result["failures"]
    return path


@pytest.fixture(scope="session")
def served_api(tmp_path_factory):
    db = demo_warehouse(tmp_path_factory)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(tmp_path_factory.mktemp("serve-st") / "serve.log", "w+")
    proc = subprocess.Popen([sys.executable, "-m", "thidua.cli", "serve", "--db", str(db),
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/api/v1/meta", timeout=2):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                log.seek(0)
                pytest.fail(f"thidua serve did not start:\n{log.read()}")
            time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(10)
    log.seek(0)
    output = log.read()
    log.close()
    # Whatever was sent, the server logged no unhandled error.
    assert "Traceback" not in output, output


@pytest.fixture(scope="session")
def api_schema(served_api):
    """The document as the running server serves it."""
    return schemathesis.openapi.from_url(served_api + "/api/v1/openapi.json")


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
def test_api_keeps_its_openapi_promises(api_schema, served_api, label, mode):
    operation = api_schema.find_operation_by_label(label)
    assert operation is not None, f"the served document lacks {label}"

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=25, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case) -> None:
        case.call_and_validate(base_url=served_api, checks=CHECKS)

    run()

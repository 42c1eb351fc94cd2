# Everything runs from .venv at the repo root; `make demo` and `make test` set it up first.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: setup services demo test test-fast lint eval bench crawl-eval wheel-check clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

demo: setup
	$(VENV)/bin/thidua demo

# System services the tests start themselves (redis-server), from Debian's packages.
services:
	scripts/services.sh

test: setup services
	$(PY) -m pytest

# The quick loop while editing: everything but the tests marked slow (browser, notebooks,
# schemathesis, template-zoo crawls).
test-fast: setup
	$(PY) -m pytest -m "not slow"

# Static checks (rules in pyproject's [tool.ruff]); CI runs them after the tests.
lint: setup
	$(VENV)/bin/ruff check .

eval: setup
	scripts/eval.sh
	$(PY) scripts/eval_gate.py --quiet

bench: setup
	$(PY) bench/extract_speed.py

# The generic crawl over the template zoo (tests/zoo): per-family articles found, bodies,
# titles, dates; the same figures are floors in tests/test_zoo_crawl.py.
crawl-eval: setup
	$(PY) scripts/crawl_eval.py

# The wheel must carry every subpackage and data file, not only the editable install.
wheel-check: setup
	rm -rf build/wheel-check && $(PY) -m pip wheel -q --no-deps -w build/wheel-check .
	$(PY) scripts/check_wheel.py build/wheel-check/thidua-*.whl

clean:
	rm -rf build dist *.egg-info data

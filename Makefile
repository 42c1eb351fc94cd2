# Everything runs from .venv at the repo root; `make demo` and `make test` set it up first.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: setup demo test eval bench wheel-check clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

demo: setup
	$(VENV)/bin/thidua demo

test: setup
	$(PY) -m pytest

eval: setup
	scripts/eval.sh

bench: setup
	$(PY) bench/extract_speed.py

# The wheel must carry every subpackage and data file, not only the editable install.
wheel-check: setup
	rm -rf build/wheel-check && $(PY) -m pip wheel -q --no-deps -w build/wheel-check .
	$(PYTHON) -m venv build/wheel-check/venv
	build/wheel-check/venv/bin/pip install -q --no-deps build/wheel-check/thidua-*.whl
	cd build && wheel-check/venv/bin/python -c "import importlib.resources as r, thidua.extract.recognizers, thidua.crawler.spiders, thidua.warehouse; \
	  assert r.files('thidua.extract').joinpath('lexicon/abbreviations.tsv').is_file(); \
	  assert r.files('thidua.warehouse').joinpath('sql/001_tables.sql').is_file(); \
	  assert r.files('thidua.crawler').joinpath('sample_site/index.html').is_file(); print('wheel ok')"

clean:
	rm -rf build dist *.egg-info data

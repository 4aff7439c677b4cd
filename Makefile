# Everyday commands. The venv lives in .venv; CI uses .ci/run.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install test quick lint store check bench

$(BIN)/hz:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -e '.[dev]'

install: $(BIN)/hz

test: install
	$(BIN)/python -m pytest -q

quick: install
	$(BIN)/python -m pytest -q -m "not slow"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

store: install
	$(BIN)/python tools/build_store.py

check: install
	$(BIN)/python tools/build_store.py --check
	$(BIN)/hz --db data/facts.json check

bench: install
	$(BIN)/python bench/run.py

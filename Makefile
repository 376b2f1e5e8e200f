# One-command set-up: every target creates .venv and installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
AS_OF ?= 2026-11-25 09:00

.PHONY: demo test bench docs clean

$(BIN)/toolkit: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@

# Validates the sample registers; findings are expected, so exit 1 (errors found) is fine here.
demo: $(BIN)/toolkit
	$(BIN)/toolkit validate workbooks/ --as-of "$(AS_OF)" --lang zh; rc=$$?; [ $$rc -le 1 ]

test: $(BIN)/toolkit
	$(BIN)/python -m pytest -q

# Every figure of the README's Performance section (several minutes; registers are cached).
bench: $(BIN)/toolkit
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/bench_annotate.py

clean:
	rm -rf $(VENV) .pytest_cache

docs: $(BIN)/toolkit
	$(BIN)/python docs/update_readme.py

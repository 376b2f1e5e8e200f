# One-command set-up: every target creates .venv and installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
AS_OF ?= 2026-11-25 09:00

.PHONY: demo test test-pythons test-lowest test-matrix bench docs clean

$(BIN)/toolkit: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@

# Validates the sample registers; findings are expected, so exit 1 (errors found) is fine here.
demo: $(BIN)/toolkit
	$(BIN)/toolkit validate workbooks/ --as-of "$(AS_OF)" --lang zh; rc=$$?; [ $$rc -le 1 ]

# The import contracts first (pyproject.toml [tool.importlinter]): imports run one way.
# The toolkit compiled first: the suite runs the CLI in hundreds of subprocesses, and with
# PYTHONDONTWRITEBYTECODE set (as CI shells may) each would compile every module again.
test: $(BIN)/toolkit
	$(BIN)/lint-imports
	$(BIN)/python -m compileall -q toolkit
	$(BIN)/python -m pytest -q

# The suite on the other supported Pythons (.venv-3.12, .venv-3.13; the one .venv is on runs in
# `make test`) and at the lowest versions pyproject allows (.venv-lowest); see .ci/matrix.
PYTHONS ?= 3.11 3.12 3.13
export PYTHONS

$(BIN)/uv: $(BIN)/toolkit
	$(BIN)/python -m pip install -q uv
	@touch $@

test-pythons: $(BIN)/uv
	UV=$(BIN)/uv bash .ci/matrix pythons

test-lowest: $(BIN)/uv
	UV=$(BIN)/uv bash .ci/matrix lowest

test-matrix: $(BIN)/uv
	UV=$(BIN)/uv bash .ci/matrix all

# Every figure of docs/development.md's Performance section (several minutes; registers are cached).
bench: $(BIN)/toolkit
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/bench_annotate.py

clean:
	rm -rf $(VENV) $(VENV)-*/ .pytest_cache

docs: $(BIN)/toolkit
	$(BIN)/python docs/update_readme.py

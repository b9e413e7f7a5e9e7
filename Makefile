# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 8501
# Local mode listens on this machine only; `make run HOST=0.0.0.0` opens it to the network.
HOST ?= 127.0.0.1
OPSDASH_TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
export OPSDASH_TEST_POSTGRES_URL

.PHONY: install run demo test lint format bench clean

# Reinstall only when the dependencies change.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "opsdash needs Python 3.11 or newer (set PYTHON=python3.x)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

## Set up, fill an empty store with demo data, open the dashboard.
run: install
	$(BIN)/opsdash demo --if-empty
	$(BIN)/opsdash users ensure-demo
	$(BIN)/python -m opsdash.ui.serve --server.address $(HOST) --server.port $(PORT) --server.headless true

## Set up and run the whole test suite (SQLite and PostgreSQL) and the linters.
test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# Torget's commands. `make demo` and `make test` are the two a newcomer needs.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint format install messages clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when a lock file or the project definition changes, so a second run starts fast.
$(STAMP): $(BIN)/python requirements.lock requirements-dev.lock pyproject.toml
	$(BIN)/pip install --quiet -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/torget demo

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/torget makemigrations --check --dry-run
	$(BIN)/python -m torget.system.catalogs --check

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint
	$(BIN)/pytest -q

messages: $(STAMP)
	cd torget && ../$(BIN)/torget makemessages -l nb -l nn -l en --no-location --no-obsolete
	$(BIN)/python -m torget.system.catalogs --compile

bench: $(STAMP)
	$(BIN)/python bench/duty_bench.py

clean:
	rm -rf $(VENV) var

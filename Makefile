# Two commands do all set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB ?= $(CURDIR)/demo.db

.PHONY: demo test install-check lint bench clean

$(BIN)/ipt-network: pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

demo: $(BIN)/ipt-network
	$(BIN)/ipt-network --db "sqlite:///$(DEMO_DB)" demo

test: $(BIN)/ipt-network
	$(BIN)/ruff check ipt_network tests benchmarks app.py setup.py .ci
	$(BIN)/python -m pytest -q

# Build the wheel, install it into a fresh virtual environment elsewhere, serve it and look (.ci/check_install.py).
install-check: $(BIN)/ipt-network
	$(BIN)/python .ci/check_install.py

bench: $(BIN)/ipt-network
	for script in benchmarks/bench_*.py; do $(BIN)/python -m benchmarks.$$(basename $$script .py) || exit 1; done

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm build dist

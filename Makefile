# One entry point for every routine task. `make help` lists the targets.
#
# Every target that runs project code first brings up .venv from the pinned requirements.lock
# (and re-syncs it when requirements.lock or pyproject.toml change), so a fresh clone needs only
# a Python 3.11+ on PATH (override with `make ... PYTHON=python3.12`).

.DEFAULT_GOAL := help
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
MAKEFLAGS += --no-print-directory

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Lives inside .venv, so deleting the venv also forgets that it was ever set up.
STAMP := $(VENV)/.make-bootstrap
PIP := $(BIN)/python -m pip --disable-pip-version-check

CORPUS ?=
OUT ?= reports
# Two workers use both cores of the reference machine (notebook kernels are CPU-bound);
# loadgroup keeps tests that share an expensive fixture on one worker (pytest.mark.xdist_group).
# `make test PYTEST_ARGS=` runs serially.
PYTEST_ARGS ?= -n 2 --dist loadgroup
# Extra options for `make lab`, e.g. LAB_ARGS="--no-browser --port 8899".
LAB_ARGS ?=
# Options for benchmarks/run.py, e.g. BENCH_ARGS="--only corpus --scale 1".
BENCH_ARGS ?=

.PHONY: help venv report test lint format lab lock bench clean distclean

help: ## Show this list of targets
	@echo "Usage: make <target> [CORPUS=dir] [PYTHON=python3.11]"
	@echo
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) \
		| awk 'BEGIN {FS = ":.*## "}; {printf "  %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; raise SystemExit(sys.version_info < (3, 11))' 2>/dev/null || { \
		echo "make: this project needs Python 3.11 or newer, but PYTHON=$(PYTHON) is" \
			"'$$($(PYTHON) --version 2>/dev/null || echo not found)'; run e.g. 'make $(MAKECMDGOALS) PYTHON=python3.11'" >&2; \
		exit 1; }
	@echo "Setting up $(VENV) from requirements.lock (a few minutes the first time) ..."
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet -r requirements.lock
	$(PIP) install --quiet --no-deps -e .
	@touch $@

venv: $(STAMP) ## Create or update .venv from requirements.lock

report: $(STAMP) ## Run every notebook and write HTML + index to reports/ (CORPUS=dir for another corpus)
	$(BIN)/python -m analysis report --out $(OUT)$(if $(CORPUS), --corpus "$(CORPUS)")

test: $(STAMP) ## Lint, then run the whole test suite (notebooks included)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP) ## Check code and notebooks with ruff (lint rules and formatting)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP) ## Reformat code and notebooks with ruff, applying safe lint fixes
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lab: $(STAMP) ## Open JupyterLab in the project root (kernel: the venv's python3)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

bench: $(STAMP) ## Run the benchmarks (benchmarks/run.py; timings on the benchmark speeches)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# The lock is rebuilt in a throwaway venv so that nothing installed by hand leaks into it.
lock: ## Regenerate requirements.lock from pyproject.toml in a throwaway venv
	@$(PYTHON) -c 'import sys; raise SystemExit(sys.version_info < (3, 11))' 2>/dev/null || { \
		echo "make: 'make lock' needs Python 3.11 or newer (PYTHON=$(PYTHON))" >&2; exit 1; }
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
		$(PYTHON) -m venv "$$tmp/venv" && \
		"$$tmp/venv/bin/python" -m pip --disable-pip-version-check install --quiet -e '.[dev]' && \
		{ head -n 1 requirements.lock; \
		  "$$tmp/venv/bin/python" -m pip --disable-pip-version-check freeze --exclude-editable; \
		} > "$$tmp/requirements.lock" && \
		mv "$$tmp/requirements.lock" requirements.lock
	@echo "requirements.lock regenerated; review with 'git diff requirements.lock'," \
		"then update the pins in environment.yml to match (make test checks them)"

clean: ## Remove reports/, build/ and caches (keeps .venv)
	rm -rf reports build .pytest_cache .ruff_cache .hypothesis *.egg-info
	find . -path ./$(VENV) -prune -o -type d \( -name __pycache__ -o -name .ipynb_checkpoints \) \
		-print0 | xargs -0 rm -rf

distclean: clean ## Also remove .venv
	rm -rf $(VENV)

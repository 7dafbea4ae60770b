# One task runner for people and CI. `make run` and `make test` are the two commands the README gives.
SHELL := /bin/bash
PYTHON ?= python3
UV := $(PYTHON) -m uv
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
DEBIAN_PACKAGES := chromium fonts-liberation2 fonts-dejavu-core libreoffice-writer-nogui postgresql
PORT ?= 8501

.PHONY: setup system-deps build serve run test lint bench sample-data dagster

setup:  ## Python environment from the lock file
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --disable-pip-version-check "uv==0.13.9"
	@# Bytecode compiled once here: where PYTHONDONTWRITEBYTECODE is set, every process (the daemon, its
	@# code server, each run) would otherwise compile Dagster from source again (~10 s each).
	@$(UV) sync --frozen --quiet --compile-bytecode

system-deps:  ## Debian packages: Chromium (charts, browser tests), fonts with Vietnamese glyphs, LibreOffice (DOCX → PDF), PostgreSQL (the service test's private cluster)
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

build: setup  ## Load every workbook in data/raw through Dagster and publish the warehouse
	@$(BIN)/chitieu build

serve: setup  ## Serve the dashboard on localhost
	@$(BIN)/chitieu serve --port $(PORT)

run: system-deps setup build serve  ## Install, build the sample warehouse, serve the dashboard

test: system-deps setup  ## Install and run the whole test suite
	@$(BIN)/pytest -q --durations=25

lint: setup
	@$(BIN)/ruff check schemas pipelines analysis dashboards chitieu benchmarks tools tests
	@$(BIN)/ruff format --check schemas pipelines analysis dashboards chitieu benchmarks tools tests

bench: system-deps setup  ## National-scale benchmark (see README)
	@$(BIN)/chitieu bench --scale national --out benchmarks/out/national.json

sample-data: setup  ## Rebuild data/raw from data/sample (the seed documents' facts)
	@$(BIN)/python -m tools.sample

dagster: setup  ## The Dagster UI on http://127.0.0.1:3000
	@DAGSTER_HOME=$${DAGSTER_HOME:-$$PWD/.dagster} $(BIN)/dagster dev -m chitieu.definitions -h 127.0.0.1 -p 3000

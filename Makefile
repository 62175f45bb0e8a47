# The two commands of the README: `make demo` and `make test`. Everything else is a helper for developers.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8
DEMO_DATE ?= 2026-11-25
SCALE ?= 0.05

.PHONY: venv demo test test-fast lint eval train bench bench-analytics celery-check airflow-check screenshot schema dictionary clean

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Installs exactly what uv.lock pins (hashes included); reruns only when the lock changes. Bytecode is compiled at
# install, as pip and the Docker image do: uv skips it by default, and every process (each CLI call, each Airflow
# task) then compiled spaCy's and its dependencies' sources again, about a second each where no .pyc is written.
$(VENV)/.synced: uv.lock pyproject.toml | $(BIN)/uv
	$(BIN)/uv sync --frozen --inexact --compile-bytecode --python $(BIN)/python
	touch $@

venv: $(VENV)/.synced

demo: venv
	$(BIN)/newsevents run --date $(DEMO_DATE) --input samples/articles

test: venv
	bash etl/api/ensure_chromium.sh
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -p no:cacheprovider

test-fast: venv
	$(BIN)/python -m pytest -q -m "not slow and not integration"

lint: venv
	$(BIN)/ruff check .

eval: venv
	$(BIN)/newsevents evaluate

# Re-trains the shipped event classifier from ../shared/train (about 8 minutes on 2 cores; see README).
train: venv
	$(BIN)/newsevents train

bench: venv
	$(BIN)/python bench/run.py --scale $(SCALE)

# Dashboard/analyst query times and storage at EVENTS synthetic events (README "Analysts at scale").
EVENTS ?= 1000000
VIA ?= bulk
bench-analytics: venv
	$(BIN)/newsevents bench-analytics --events $(EVENTS) --via $(VIA) --output bench/analytics-$(EVENTS).json

celery-check: venv
	bash ops/celery_check.sh

# docs/airflow.md's standalone recipe, run as written in a fresh clone of HEAD (minutes; not part of `make test`).
airflow-check:
	bash ops/standalone_check.sh

# The README's docs/dashboard.png, in headless Chromium over the demo's feed (run `make demo` first).
screenshot: venv
	bash etl/api/ensure_chromium.sh
	$(BIN)/python ops/dashboard_screenshot.py

schema: venv
	$(BIN)/newsevents schema

clean:
	rm -rf .newsevents eval-out bench/out

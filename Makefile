# Werkplek — the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers for `make test`: one per CPU core (`make test TEST_WORKERS=0` runs in one process).
TEST_WORKERS ?= auto

.PHONY: run test scaleout browser lint format messages check-python install setup demo serve clean bench bench-quick bench-scan bench-import bench-pdf

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null || { \
	  echo ""; \
	  echo "Werkplek needs Python 3.12 or newer (Django 6.1); '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
	  echo "Install Python 3.12+ (pyenv reads .python-version) or run: make run PYTHON=python3.12"; \
	  echo ""; exit 1; }

$(VENV)/.installed: requirements.txt requirements-dev.txt | check-python
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

install: check-python $(VENV)/.installed

# `make run` is the development server: DEBUG on, SQLite in ./data unless DATABASE_URL says otherwise.
setup: export DEBUG ?= 1
setup: install
	@mkdir -p data
	$(MANAGE) migrate --noinput
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0
	$(MANAGE) load_sector_packs
	$(MANAGE) load_demo

run: export DEBUG ?= 1
run: setup
	@echo ""
	@echo "Werkplek runs on http://$(HOST):$(PORT)/ — sign in with one of the demo logins above."
	@echo "A task worker and the periodic scheduler run beside it; Ctrl+C stops all three."
	SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(PY) scripts/devserver.py $(HOST):$(PORT)

# Browser tests need Chromium: installed here when missing and we are root, else skipped loudly.
CHROMIUM ?= $(or $(WERKPLEK_CHROMIUM),/usr/bin/chromium)

browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Chromium for the browser tests (apt-get install chromium)…"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 \
	      || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1; } \
	      || echo "Could not install chromium: the browser tests will be skipped."; \
	  else \
	    echo ""; \
	    echo "!!! $(CHROMIUM) is missing: the browser tests will be SKIPPED."; \
	    echo "!!! Install it with: sudo apt-get install -y chromium   (or set WERKPLEK_CHROMIUM)"; \
	    echo ""; \
	  fi; \
	fi

test: install browser
	@mkdir -p data
	DEBUG=1 $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The scale-out test (docs/deployment.md, "Tested scale-out"): nginx in front of two gunicorn
# app servers, Redis, PostgreSQL, two task workers and two schedulers on this machine, under a
# short load, then one app server and one worker stopped. CREATES and DROPS the PostgreSQL
# database werkplek_scaleout (SCALEOUT_DATABASE_URL) and FLUSHES Redis database 13
# (SCALEOUT_REDIS_URL). Needs nginx (apt-get install nginx). About two minutes; CI runs it.
scaleout: install
	$(PY) scripts/scaleout.py

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Refresh the message catalogues after changing user-facing strings; then translate nl and fr.
messages: install
	$(PY) scripts/update_messages.py

# The full benchmark (docs/benchmarks.md): a generated organisation of 10,000 trajectories,
# key pages under gunicorn + wrk beside a floor view, queries per page, reminder scan, worker
# memory, import. SQLite always; PostgreSQL too when BENCH_DATABASE_URL names a throwaway
# database (the script CREATES and DROPS it). About 15 min per database on 2 busy cores;
# `make bench-quick` (1,000 trajectories) takes about 4.
bench: install
	$(PY) scripts/bench.py --database $(if $(BENCH_DATABASE_URL),both,sqlite) $(BENCH_ARGS)

bench-quick: install
	$(PY) scripts/bench.py --quick --database $(if $(BENCH_DATABASE_URL),both,sqlite) $(BENCH_ARGS)

# Only the reminder scan over 100k checklist items and 100k credentials.
bench-scan: install
	$(PY) scripts/bench_scan.py $(BENCH_ARGS)

# Timings of importing 10,000 candidates (target: under 30 s); see docs/decisions/imports-exports.md
bench-import: install
	$(PY) scripts/benchmark_import.py

# Render time of a stagemap dossier of about 15 pages (target: under 2 s); see docs/decisions/pdfs.md
bench-pdf: install
	$(PY) scripts/bench_pdf.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

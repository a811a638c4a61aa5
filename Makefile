# Quick start: `make run` (set up and start mldrill) and `make test` (set up, lint, test).
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { command -v $$p; break; }; done)
STAMP := $(VENV)/.installed

.PHONY: setup run test lint unit bank-check sandbox-deps browser-deps frontend bench bench-api clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "mldrill needs Python >= 3.11 on PATH"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,torch,rubric]'
	@touch $@

setup: $(STAMP)

# bubblewrap (and libseccomp) are Debian packages: installed when missing and we are root.
sandbox-deps:
	@if ! command -v bwrap >/dev/null 2>&1 || ! ldconfig -p 2>/dev/null | grep -q libseccomp.so.2; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing bubblewrap and libseccomp2 (Debian packages)"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap libseccomp2 >/dev/null; \
		else \
			echo "error: the sandbox needs bubblewrap and libseccomp2: run 'sudo apt-get install bubblewrap libseccomp2'"; \
			exit 1; \
		fi; \
	fi

# Chromium (Debian package) for the browser tests: installed when missing and we are root.
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing chromium (Debian package) for the browser tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "note: chromium is missing, so the browser tests will be skipped ('sudo apt-get install chromium')"; \
		fi; \
	fi

# The editor bundle: CodeMirror 6 from exactly pinned npm packages (package-lock.json), built
# with esbuild. Without npm the web app falls back to a plain textarea.
EDITOR := src/mldrill/web/static/build/editor.js
FRONTEND := src/mldrill/web/frontend
$(EDITOR): $(FRONTEND)/package.json $(FRONTEND)/package-lock.json $(FRONTEND)/editor.js
	@if command -v npm >/dev/null 2>&1; then \
		cd $(FRONTEND) && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build; \
	else \
		echo "note: npm is missing; the web editor is a plain textarea"; \
	fi

frontend: $(EDITOR)

run: setup sandbox-deps frontend
	$(BIN)/mldrill serve --host 127.0.0.1 --port 8000

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

unit: setup sandbox-deps browser-deps frontend
	$(BIN)/python -m pytest

bank-check: setup sandbox-deps
	$(BIN)/mldrill bank check

test: lint unit bank-check

bench: setup sandbox-deps
	$(BIN)/mldrill bench judge

bench-api: setup sandbox-deps
	$(BIN)/mldrill bench api

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache $(FRONTEND)/node_modules src/mldrill/web/static/build

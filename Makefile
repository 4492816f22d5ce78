# The two commands that matter: `make serve` (the handbook site) and `make test` (everything).
# Both create .venv on first use.
VENV := .venv
PY := $(VENV)/bin/python
# Exact versions of every dependency: what CI and every developer install. pyproject.toml keeps
# the ranges; `make lock` refreshes this file from them, `make test-latest` tests the newest
# versions the ranges allow.
LOCK := requirements.lock
LOCK_PYTHON := 3.11.7
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build build-zensical check test lint bench bench-quick browser-deps clean lock test-latest

AXE := node_modules/axe-core/axe.min.js

$(VENV)/.installed: pyproject.toml $(LOCK)
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

# Refresh the lock file: every dependency at the newest version the ranges allow (needs PyPI).
lock: $(VENV)/.installed
	$(PY) -m pip install --quiet 'uv>=0.9,<1'
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --extra bench --python-version $(LOCK_PYTHON) \
	  --upgrade --quiet -o $(LOCK)

# The whole suite on the newest versions the ranges in pyproject.toml allow (not the lock):
# keeps the ranges honest. Uses its own environment, so the locked one stays as it is.
test-latest: browser-deps $(AXE)
	python3 -m venv .venv-latest
	.venv-latest/bin/python -m pip install --quiet --upgrade -e '.[test,bench]'
	.venv-latest/bin/python -m pip freeze --exclude-editable > .venv-latest/versions.txt
	.venv-latest/bin/python -m pytest

# --dirty: a save re-renders only the pages it changed (see src/handbook/mkdocs_adapter.py)
serve: $(VENV)/.installed
	$(VENV)/bin/mkdocs serve --dirty -a 127.0.0.1:8000

# Checks first, builds beside site/ and swaps only on success: a failed build never leaves a
# half-written site where a good one was.
build: $(VENV)/.installed
	$(VENV)/bin/handbook build

# The same handbook built by Zensical (Material's successor) from `handbook pages`.
build-zensical: $(VENV)/.installed
	$(VENV)/bin/handbook build --engine zensical

check: $(VENV)/.installed
	$(VENV)/bin/handbook check

# ruff, and the layers contract of pyproject.toml (the stages import one way)
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check src hooks tests $(wildcard bench)
	$(VENV)/bin/lint-imports

# Browser tests drive Debian's Chromium; install it (and CJK fonts) when missing and allowed.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/zbarimg ] || ! fc-list 2>/dev/null | grep -qi 'noto.*cjk'; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk zbar-tools >/dev/null) \
	      || echo "warning: could not install chromium / fonts-noto-cjk; browser tests will fail"; \
	  else echo "warning: install chromium and fonts-noto-cjk (Debian packages) for the browser tests"; fi; \
	fi

# axe-core (accessibility checks in the browser tests) comes from the npm registry.
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Records the figures of a full green run in quality/last-run.json (shown on the Quality page).
test: $(VENV)/.installed browser-deps $(AXE) lint
	HANDBOOK_QUALITY_REPORT=1 $(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) bench/run.py

# The short benchmark CI runs: figures only, never a pass/fail on timing (machines are noisy).
bench-quick: $(VENV)/.installed
	$(PY) bench/run.py --quick --out $${TMPDIR:-/tmp}/handbook-bench-quick.md

clean:
	rm -rf site .pytest_cache .hypothesis .venv-latest

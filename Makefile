# Two commands for a new machine: `make serve` and `make test`. Everything else is a step of those.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install index serve test test-fast lint eval bench browser clean

# torch is installed first and pinned: pip then takes the CPU build that lies on this disk
# instead of pulling a multi-GB CUDA build as a dependency of sentence-transformers.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

index: install
	$(VENV)/bin/docqa ingest

serve: install
	$(VENV)/bin/docqa serve --host $(HOST) --port $(PORT)

# Debian's Chromium for the browser tests; Playwright's own browser download cannot work offline.
browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

test: install browser
	$(PY) -m pytest

test-fast: install
	$(PY) -m pytest -m "not slow and not e2e"

# Strict typing everywhere: the service, its tests, the scripts and their support code.
lint: install
	$(VENV)/bin/ruff check app tests scripts devkit
	$(VENV)/bin/ruff format --check app tests scripts devkit
	$(VENV)/bin/mypy app scripts tests devkit

eval: install
	$(PY) scripts/evaluate.py --questions eval/dev.jsonl

# `make bench BENCH_ARGS=--quick` for the one-minute version; see `scripts/bench.py --help`.
bench: install
	$(PY) scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) index/current index/builds .pytest_cache

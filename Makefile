# papeleo — two commands on a fresh Debian machine with Python 3.11:
#   make run    set up what is missing, ingest samples/ into output/
#   make test   set up what is missing, run the whole test suite
SHELL := /bin/bash
.DEFAULT_GOAL := run

VENV   := .venv
PY     := $(VENV)/bin/python
PYTHON ?= $(shell command -v python3.11 || command -v python3)
APT_PACKAGES := tesseract-ocr tesseract-ocr-spa tesseract-ocr-osd poppler-utils \
                libtesseract-dev libleptonica-dev pkg-config chromium chromium-driver

export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 120
export OMP_THREAD_LIMIT := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: setup system-deps venv run test lint format samples docs clean serve serve-stop

setup: system-deps venv

# tesseract with Spanish and orientation detection (osd), poppler-utils, and tesseract's headers
# (tesserocr is built against the very library the tesseract command uses), and Chromium with its
# WebDriver (the HTML pages papeleo writes are tested in a real headless browser); installed with apt when missing.
system-deps:
	@if command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx spa \
	    && tesseract --list-langs 2>/dev/null | grep -qx osd && command -v pdftoppm >/dev/null \
	    && pkg-config --exists tesseract lept 2>/dev/null \
	    && command -v chromium >/dev/null && command -v chromedriver >/dev/null; then \
	  exit 0; \
	fi; \
	echo "papeleo: installing $(APT_PACKAGES) (tesseract with Spanish and orientation data, its headers, poppler-utils, headless Chromium for the page tests)"; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	else \
	  echo "papeleo: tesseract (with the 'spa' and 'osd' data) or poppler-utils is missing, and this user cannot install" >&2; \
	  echo "         system packages. Ask an administrator to run:" >&2; \
	  echo "           sudo apt-get update && sudo apt-get install -y $(APT_PACKAGES)" >&2; \
	  exit 1; \
	fi; \
	export DEBIAN_FRONTEND=noninteractive; \
	$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $(APT_PACKAGES) >/dev/null

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "papeleo needs Python 3.11 or newer, found " + sys.version.split()[0]'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	@# setuptools' notice that an editable install of a flat layout can be shadowed by the
	@# source folders is expected here (the project runs from its root); nothing else is hidden
	PYTHONWARNINGS="ignore::UserWarning:setuptools.command.editable_wheel" \
	  $(PY) -m pip install -q -c constraints.txt --no-binary tesserocr -e ".[dev,flows,ocr-api]"
	@touch $@

run: setup
	$(VENV)/bin/papeleo ingest samples --out output --no-progress --report

# The nightly deployment (docs/nightly.md): a Prefect server on 127.0.0.1:4200 in the background
# (unless PREFECT_API_URL names one), the work pool papeleo-local, the deployment in prefect.yaml,
# and the pool's worker in the foreground; Ctrl-C stops the worker and the server it started.
# Parameters: make serve SERVE_ARGS='--param paths=/data/inbox --param out=/data/papeleo'
serve: setup
	$(PY) -m flows.deployment serve $(SERVE_ARGS)

# Stop a server and worker that a killed `make serve` left running (recorded in .prefect/).
serve-stop: venv
	$(PY) -m flows.deployment stop

# On every core, a test file per worker at a time (--dist loadfile: a module's fixtures, which
# generate and OCR documents, are built once); serial it ran 16 min on 2 cores, 14.5 in two.
test: setup lint
	$(VENV)/bin/pytest -q -n auto --dist loadfile

# Lint, format check and the layer rules (pyproject.toml [tool.importlinter]).
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

samples: setup
	$(PY) samples/make_samples.py

docs: venv
	$(PY) -m schemas.dictionary > docs/datasets.md

clean:
	rm -rf output/*/ .prefect .pytest_cache

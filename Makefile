# Everything a newcomer needs: `make demo` and `make test`. Each target installs what it needs.
SHELL := /bin/bash
PYTHON ?= python3
UV_BOOT := .tools/uv
UV := $(shell command -v uv 2>/dev/null || echo $(UV_BOOT)/bin/uv)
VENV := .venv
SHARED ?= ../shared
export UV_PYTHON_DOWNLOADS := never
# Use the system certificate store (where a proxy's CA lives), not uv's bundled roots.
export UV_NATIVE_TLS := 1
export UV_PROJECT_ENVIRONMENT := $(VENV)
# tiktoken downloads encodings at first use; offline runs read them from this cache instead.
ifneq ($(wildcard $(SHARED)/tiktoken-cache),)
export TIKTOKEN_CACHE_DIR := $(abspath $(SHARED)/tiktoken-cache)
endif
export OPENROUTER_SAMPLES_DIR := $(abspath $(SHARED)/samples)

.PHONY: install test unit integration lint format typecheck bench demo clean

$(UV_BOOT)/bin/uv:
	$(PYTHON) -m venv $(UV_BOOT)
	$(UV_BOOT)/bin/pip install --quiet --disable-pip-version-check "uv>=0.5"

$(VENV)/.synced: pyproject.toml uv.lock | $(if $(findstring $(UV_BOOT),$(UV)),$(UV_BOOT)/bin/uv)
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

install: $(VENV)/.synced

test: install
	$(VENV)/bin/pytest unit_tests integration_tests

unit: install
	$(VENV)/bin/pytest unit_tests

integration: install
	$(VENV)/bin/pytest integration_tests

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

typecheck: install
	$(VENV)/bin/mypy langchain_openrouter

# The bench extra brings matplotlib for the plots; the run rewrites docs/benchmarks.md's figures.
bench: install
	$(UV) sync --frozen --extra bench --quiet
	$(VENV)/bin/python -m bench

demo: install
	$(VENV)/bin/python -m demo

clean:
	rm -rf $(VENV) $(UV_BOOT) .pytest_cache .mypy_cache .ruff_cache

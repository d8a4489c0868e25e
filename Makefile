# Everything a newcomer needs: `make demo` and `make test`. Each target installs what it needs.
SHELL := /bin/bash
PYTHON ?= python3
UV_BOOT := .tools/uv
# UV_SYSTEM_CERTS (uv >= 0.11) replaces the deprecated UV_NATIVE_TLS: a uv whose help does not
# name it (on PATH, or bootstrapped long ago) is not used; a current one is bootstrapped instead.
UV_SPEC := uv>=0.13
knows_system_certs = $(shell $(1) sync --help 2>/dev/null | grep -q UV_SYSTEM_CERTS && echo yes)
PATH_UV := $(shell command -v uv 2>/dev/null)
UV := $(if $(and $(PATH_UV),$(call knows_system_certs,$(PATH_UV))),$(PATH_UV),$(UV_BOOT)/bin/uv)
STALE_BOOT := $(if $(wildcard $(UV_BOOT)/bin/uv),$(if $(call knows_system_certs,$(UV_BOOT)/bin/uv),,FORCE))
VENV := .venv
SHARED ?= ../shared
export UV_PYTHON_DOWNLOADS := never
# Use the system certificate store (where a proxy's CA lives), not uv's bundled roots.
export UV_SYSTEM_CERTS := 1
export UV_PROJECT_ENVIRONMENT := $(VENV)
# tiktoken downloads encodings at first use; offline runs read them from this cache instead.
ifneq ($(wildcard $(SHARED)/tiktoken-cache),)
export TIKTOKEN_CACHE_DIR := $(abspath $(SHARED)/tiktoken-cache)
endif
export OPENROUTER_SAMPLES_DIR := $(abspath $(SHARED)/samples)

.PHONY: install install-demo test test-long unit integration lint format typecheck bench demo clean FORCE

# Installs are quiet (errors still show; pip's -qq also hides warnings about a machine's pip
# configuration) and their command lines are not echoed, so `make demo` starts with the demo's
# own first line.
$(UV_BOOT)/bin/uv: $(STALE_BOOT)
	@$(PYTHON) -m venv $(UV_BOOT)
	@$(UV_BOOT)/bin/pip install -qq --disable-pip-version-check --upgrade "$(UV_SPEC)"

BOOT := $(if $(findstring $(UV_BOOT),$(UV)),$(UV_BOOT)/bin/uv)

# Everything: the package, the dev group (tests, lint) and the demo's extra.
$(VENV)/.synced: pyproject.toml uv.lock | $(BOOT)
	@$(UV) sync --frozen --quiet --extra demo --python $(PYTHON)
	@touch $@

# What the demo needs and no more (the package, rich, langchain), added to whatever is there
# (--inexact), so the demo never removes the test tools and `make test` after it only adds them.
$(VENV)/.synced-demo: pyproject.toml uv.lock | $(BOOT)
	@$(UV) sync --frozen --quiet --inexact --no-default-groups --extra demo --python $(PYTHON)
	@touch $@

install: $(VENV)/.synced

install-demo: $(VENV)/.synced-demo

FORCE:

test: install
	$(VENV)/bin/pytest unit_tests integration_tests

test-long: install
	HYPOTHESIS_PROFILE=long $(VENV)/bin/pytest unit_tests/fuzz

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
	@$(UV) sync --frozen --inexact --extra bench --quiet --python $(PYTHON)
	$(VENV)/bin/python -m bench

demo: install-demo
	@$(VENV)/bin/python -m demo

clean:
	rm -rf $(VENV) $(UV_BOOT) .pytest_cache .mypy_cache .ruff_cache

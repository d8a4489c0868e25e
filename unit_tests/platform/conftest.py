"""An in-process emulator and the connection arguments that point a utility at it."""

from __future__ import annotations

from typing import Any

import pytest

from langchain_openrouter.testing import OpenRouterEmulator

_ENV = (
    "OPENROUTER_API_KEY",
    "OPENROUTER_PROVISIONING_KEY",
    "OPENROUTER_API_BASE",
    "OPENROUTER_BASE_URL",
    "OPENROUTER_APP_URL",
    "OPENROUTER_APP_TITLE",
)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def emu() -> OpenRouterEmulator:
    return OpenRouterEmulator(seed=1)


@pytest.fixture
def sync_kw(emu: OpenRouterEmulator) -> dict[str, Any]:
    """``base_url`` and ``client`` for a sync utility (the key is the test's choice)."""
    return {"base_url": emu.base_url, "client": emu.client()}


@pytest.fixture
def async_kw(emu: OpenRouterEmulator) -> dict[str, Any]:
    return {"base_url": emu.base_url, "client": emu.async_client()}

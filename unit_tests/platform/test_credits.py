"""get_credits / aget_credits against the in-process emulator."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from langchain_openrouter import aget_credits, get_credits
from langchain_openrouter.errors import PermissionDeniedError
from langchain_openrouter.testing import OpenRouterEmulator


def test_get_credits(emu: OpenRouterEmulator, sync_kw: dict[str, Any]) -> None:
    emu.set_credits(42.5)
    credits = get_credits(api_key=emu.provisioning_key, **sync_kw)
    assert (credits.total_credits, credits.total_usage, credits.balance) == (42.5, 0.0, 42.5)
    request = emu.requests[-1]
    assert (request.method, request.path) == ("GET", "/api/v1/credits")


def test_aget_credits(emu: OpenRouterEmulator, async_kw: dict[str, Any]) -> None:
    emu.set_credits(7.25)
    credits = asyncio.run(aget_credits(api_key=emu.provisioning_key, **async_kw))
    assert credits.balance == 7.25


def test_credits_read_the_provisioning_key_first(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENROUTER_API_KEY", emu.api_key)
    monkeypatch.setenv("OPENROUTER_PROVISIONING_KEY", emu.provisioning_key)
    assert get_credits(**sync_kw).total_credits == 100.0


def test_credits_fall_back_to_the_api_key_variable(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENROUTER_API_KEY", emu.provisioning_key)
    assert get_credits(**sync_kw).total_credits == 100.0


def test_an_inference_key_gets_the_typed_403(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    with pytest.raises(PermissionDeniedError, match="Only management keys"):
        get_credits(api_key=emu.api_key, **sync_kw)

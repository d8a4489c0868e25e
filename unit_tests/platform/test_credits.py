"""get_credits, create_coinbase_charge and their async twins against the in-process emulator."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from langchain_openrouter import (
    acreate_coinbase_charge,
    aget_credits,
    create_coinbase_charge,
    get_credits,
)
from langchain_openrouter.errors import APIStatusError, PermissionDeniedError
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


WALLET = "0x" + "ab" * 20


def test_coinbase_sends_the_documented_body_and_raises_the_410(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    with pytest.raises(APIStatusError) as info:
        create_coinbase_charge(25.0, WALLET, 8453, api_key=emu.provisioning_key, **sync_kw)
    error = info.value
    assert type(error) is APIStatusError
    assert (error.status_code, error.code) == (410, 410)
    assert error.message.startswith("The Coinbase APIs used by this endpoint have been deprecated")
    request = emu.requests[-1]
    assert (request.method, request.path) == ("POST", "/api/v1/credits/coinbase")
    assert json.loads(request.body) == {"amount": 25.0, "sender": WALLET, "chain_id": 8453}
    assert [r.path for r in emu.requests].count("/api/v1/credits/coinbase") == 1


def test_acreate_coinbase_charge_raises_the_410(
    emu: OpenRouterEmulator, async_kw: dict[str, Any]
) -> None:
    with pytest.raises(APIStatusError, match="Coinbase Commerce credits API has been removed"):
        asyncio.run(acreate_coinbase_charge(5, WALLET, 1, api_key=emu.provisioning_key, **async_kw))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((0, WALLET, 1), "amount must be a positive number"),
        ((5, "0x123", 1), "sender must be a wallet address"),
        ((5, WALLET, 10), "chain_id must be 1"),
    ],
)
def test_bad_coinbase_arguments_are_refused_before_sending(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any], args: tuple[Any, ...], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        create_coinbase_charge(*args, api_key=emu.provisioning_key, **sync_kw)
    assert emu.requests == []

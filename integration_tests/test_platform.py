"""The platform utilities over real HTTP against the served emulator, sync and async."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from decimal import Decimal

import httpx
import pytest

from langchain_openrouter import (
    ChatOpenRouter,
    aget_credits,
    aget_model,
    alist_models,
    get_credits,
    get_model,
    list_models,
)
from langchain_openrouter.errors import MissingAPIKeyError, PermissionDeniedError
from langchain_openrouter.testing import OpenRouterEmulator


@pytest.fixture
def served() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator(credits=50.0)
    with emu.serve() as base_url:
        yield emu, base_url


@pytest.fixture
def env(served: tuple[OpenRouterEmulator, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment a user sets: both keys and the base URL."""
    emu, base_url = served
    monkeypatch.delenv("OPENROUTER_API_BASE", raising=False)
    monkeypatch.setenv("OPENROUTER_BASE_URL", base_url)
    monkeypatch.setenv("OPENROUTER_API_KEY", emu.api_key)
    monkeypatch.setenv("OPENROUTER_PROVISIONING_KEY", emu.provisioning_key)


@pytest.mark.usefixtures("env")
def test_credits_go_down_after_a_completion(served: tuple[OpenRouterEmulator, str]) -> None:
    before = get_credits()
    assert (before.total_credits, before.total_usage) == (50.0, 0.0)
    ChatOpenRouter(model="openai/gpt-4o-mini").invoke("Hello there")
    after = asyncio.run(aget_credits())
    assert after.total_credits == 50.0
    assert after.total_usage > 0
    assert after.balance == pytest.approx(served[0].credits_left)


def test_arguments_instead_of_the_environment(
    served: tuple[OpenRouterEmulator, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    emu, base_url = served
    for name in ("OPENROUTER_API_KEY", "OPENROUTER_PROVISIONING_KEY", "OPENROUTER_API_BASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OPENROUTER_BASE_URL", "http://127.0.0.1:9/unused")
    with pytest.raises(MissingAPIKeyError, match="OPENROUTER_PROVISIONING_KEY"):
        get_credits(base_url=base_url)
    with httpx.Client() as http:
        credits = get_credits(api_key=emu.provisioning_key, base_url=base_url, client=http)
        assert credits.balance == 50.0
        assert not http.is_closed
    with pytest.raises(PermissionDeniedError):
        get_credits(api_key=emu.api_key, base_url=base_url)


@pytest.mark.usefixtures("env")
def test_catalog_sync_and_async_agree() -> None:
    models = list_models(output_modalities="all")
    assert models == asyncio.run(alist_models(output_modalities="all"))
    tools = list_models(supported_parameters="tools")
    assert 0 < len(tools) < len(models)
    model = get_model("openai/gpt-4o-mini")
    assert model == asyncio.run(aget_model("openai/gpt-4o-mini"))
    assert model in models
    assert model.pricing.prompt == Decimal("0.00000015")


def test_catalog_needs_no_key(
    served: tuple[OpenRouterEmulator, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, base_url = served
    for name in ("OPENROUTER_API_KEY", "OPENROUTER_PROVISIONING_KEY"):
        monkeypatch.delenv(name, raising=False)

    async def both() -> tuple[int, str]:
        async with httpx.AsyncClient() as http:
            models = await alist_models(base_url=base_url, client=http)
            model = await aget_model("anthropic/claude-sonnet-4.5", base_url=base_url, client=http)
            return len(models), model.name

    count, name = asyncio.run(both())
    assert count > 0
    assert name.startswith("Anthropic: Claude Sonnet 4.5")

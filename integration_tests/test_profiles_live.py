"""Live profiles over real HTTP: ``ChatOpenRouter.profile`` against the emulator on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.chat_models import profile_source
from langchain_openrouter.chat_models.profile_source import forget_failures
from langchain_openrouter.chat_models.profiles import get_profile as table_profile
from langchain_openrouter.retrievers import clear_catalog_cache
from langchain_openrouter.testing import OpenRouterEmulator

MODELS_PATH = "/api/v1/models"


@pytest.fixture
def served() -> Iterator[tuple[OpenRouterEmulator, str]]:
    clear_catalog_cache()
    forget_failures()
    emu = OpenRouterEmulator()
    with emu.serve() as base_url:
        yield emu, base_url
    clear_catalog_cache()
    forget_failures()


def model_requests(emu: OpenRouterEmulator) -> int:
    return sum(1 for r in emu.requests if r.path == MODELS_PATH)


def test_profiles_come_from_the_served_catalog(served: tuple[OpenRouterEmulator, str]) -> None:
    emu, base_url = served
    models = [
        ChatOpenRouter(model=m, base_url=base_url, api_key=emu.api_key)
        for m in ("anthropic/claude-sonnet-4.5", "openai/gpt-4o-mini:nitro", "nobody/unknown")
    ]
    assert model_requests(emu) == 0
    claude, mini, unknown = (llm.profile for llm in models)
    assert model_requests(emu) == 1
    assert claude is not None
    assert claude["name"] == "Anthropic: Claude Sonnet 4.5"
    assert claude["max_input_tokens"] == 1000000
    assert claude["max_output_tokens"] == 64000
    assert claude["reasoning_effort_levels"] == [
        "xhigh",
        "high",
        "medium",
        "low",
        "minimal",
        "none",
    ]
    assert mini is not None
    assert mini["name"] == "OpenAI: GPT-4o-mini"
    assert unknown is None


def test_a_failing_catalog_falls_back_to_the_table(
    served: tuple[OpenRouterEmulator, str],
) -> None:
    emu, base_url = served
    emu.fail_next(502, route="/models", times=None)
    llm = ChatOpenRouter(
        model="openai/gpt-4o-mini", base_url=base_url, api_key=emu.api_key, max_retries=0
    )
    assert llm.profile == table_profile("openai/gpt-4o-mini")
    assert model_requests(emu) == 1


def test_a_slow_catalog_times_out_to_the_table(
    served: tuple[OpenRouterEmulator, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    emu, base_url = served
    monkeypatch.setattr(profile_source, "FETCH_TIMEOUT", 0.2)
    emu.faults.delay(2.0, route="/models")
    llm = ChatOpenRouter(
        model="openai/gpt-4o-mini", base_url=base_url, api_key=emu.api_key, max_retries=0
    )
    assert llm.profile == table_profile("openai/gpt-4o-mini")


def test_async_reads_over_http(served: tuple[OpenRouterEmulator, str]) -> None:
    emu, base_url = served

    async def main() -> tuple[Any, list[Any]]:
        models = [
            ChatOpenRouter(model="x-ai/grok-3-mini", base_url=base_url, api_key=emu.api_key)
            for _ in range(5)
        ]
        cold = models[0].profile
        return cold, await asyncio.gather(*(llm.aget_profile() for llm in models))

    cold, profiles = asyncio.run(main())
    assert cold == table_profile("x-ai/grok-3-mini")
    assert [p["reasoning_effort_default"] for p in profiles] == ["low"] * 5
    assert model_requests(emu) == 1

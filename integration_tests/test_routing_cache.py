"""Typed options, the response cache and presets over real HTTP to the served emulator."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from langchain_core.messages import AIMessageChunk

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.routing import ProviderPreferences, Reasoning, WebPlugin
from langchain_openrouter.testing import OpenRouterEmulator


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator(credits=10_000)
    with emu.serve() as base_url:
        yield emu, base_url


def _model(served: tuple[OpenRouterEmulator, str], **kwargs: Any) -> ChatOpenRouter:
    emu, base_url = served
    kwargs.setdefault("model", "openai/gpt-4o-mini")
    return ChatOpenRouter(base_url=base_url, api_key=emu.api_key, **kwargs)


def _last_body(emu: OpenRouterEmulator) -> dict[str, Any]:
    return json.loads(emu.requests[-1].body)  # type: ignore[no-any-return]


def _joined(chunks: list[AIMessageChunk]) -> AIMessageChunk:
    total = chunks[0]
    for chunk in chunks[1:]:
        total += chunk
    return total


def test_typed_options_travel_as_json(served: tuple[OpenRouterEmulator, str]) -> None:
    emu, _ = served
    llm = _model(
        served,
        provider=ProviderPreferences(order=["openai"], allow_fallbacks=False),
        reasoning=Reasoning(effort="low"),
        plugins=[WebPlugin(max_results=2)],
    )
    reply = llm.invoke("Hello there")
    body = _last_body(emu)
    assert body["provider"] == {"order": ["openai"], "allow_fallbacks": False}
    assert body["reasoning"] == {"effort": "low"}
    assert body["plugins"] == [{"id": "web", "max_results": 2}]
    assert reply.content


def test_raw_http_with_a_typo_gets_400(served: tuple[OpenRouterEmulator, str]) -> None:
    emu, base_url = served
    response = httpx.post(
        f"{base_url}/chat/completions",
        headers={"Authorization": f"Bearer {emu.api_key}"},
        json={"messages": [{"role": "user", "content": "Hi"}], "provider": {"ordr": ["openai"]}},
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith(
        "provider: unknown key 'ordr'; did you mean 'order'?"
    )


def test_cache_sync_hit_and_miss(served: tuple[OpenRouterEmulator, str]) -> None:
    emu, _ = served
    llm = _model(served, response_cache=True)
    miss = llm.invoke("Sync cache question")
    hit = llm.invoke("Sync cache question")
    other = llm.invoke("Another sync question")
    assert [m.response_metadata["response_cache_hit"] for m in (miss, hit, other)] == [
        False,
        True,
        False,
    ]
    assert hit.content == miss.content
    assert hit.usage_metadata is not None
    assert hit.usage_metadata["total_tokens"] == 0
    assert emu.generations[str(hit.id)]["response_cache_source_id"] == miss.id


def test_cache_async_hit_and_miss(served: tuple[OpenRouterEmulator, str]) -> None:
    llm = _model(served)

    async def run() -> list[Any]:
        first = await llm.ainvoke("Async cache question", response_cache=True)
        second = await llm.ainvoke("Async cache question", response_cache=True)
        return [first, second]

    first, second = asyncio.run(run())
    assert first.response_metadata["response_cache_hit"] is False
    assert second.response_metadata["response_cache_hit"] is True
    assert second.content == first.content


def test_cache_streams_replay(served: tuple[OpenRouterEmulator, str]) -> None:
    llm = _model(served, response_cache=True)
    miss = _joined(list(llm.stream("Stream cache question")))
    hit_chunks = list(llm.stream("Stream cache question"))
    hit = _joined(hit_chunks)
    assert len(hit_chunks) > 1
    assert hit.content == miss.content
    assert miss.response_metadata["response_cache_hit"] is False
    assert hit.response_metadata["response_cache_hit"] is True

    async def astream() -> AIMessageChunk:
        return _joined([chunk async for chunk in llm.astream("Stream cache question")])

    assert asyncio.run(astream()).response_metadata["response_cache_hit"] is True


def test_cache_on_the_responses_api(served: tuple[OpenRouterEmulator, str]) -> None:
    emu, _ = served
    llm = _model(served, response_cache=True, use_responses_api=True)
    miss = llm.invoke("Responses cache question")
    hit = llm.invoke("Responses cache question")
    streamed = _joined(list(llm.stream("Responses cache question")))
    streamed_hit = _joined(list(llm.stream("Responses cache question")))
    assert emu.requests[-1].path.endswith("/responses")
    assert [m.response_metadata["response_cache_hit"] for m in (miss, hit)] == [False, True]
    assert hit.content == miss.content
    assert hit.usage_metadata is not None
    assert hit.usage_metadata["total_tokens"] == 0
    assert emu.generations[str(hit.id)]["response_cache_source_id"] == miss.id
    # the stream mode is part of the key: the first stream is a miss, the second a hit
    assert streamed.response_metadata["response_cache_hit"] is False
    assert streamed_hit.response_metadata["response_cache_hit"] is True
    assert streamed_hit.content == miss.content


def test_presets_both_ways(served: tuple[OpenRouterEmulator, str]) -> None:
    emu, _ = served
    emu.presets["support"] = {"model": "anthropic/claude-sonnet-4.5", "temperature": 0.2}
    by_model = _model(served, model="@preset/support").invoke("Hi")
    assert by_model.response_metadata["model_name"] == "anthropic/claude-4.5-sonnet-20250929"
    by_field = _model(served, preset="@preset/support").invoke("Hi")
    assert _last_body(emu)["preset"] == "@preset/support"
    assert by_field.response_metadata["model_name"] == "openai/gpt-4o-mini"

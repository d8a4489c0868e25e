"""A whole run under one ``get_openrouter_callback()``, checked against the account's ``/activity``.

A LangGraph agent with a tool (invoked, streamed and awaited), a ``batch`` of 50, an ``abatch``,
prompt caching, a reasoning model, embeddings and rerank all go to the emulator served on
127.0.0.1; the handler's totals must equal, exactly, what ``GET /activity`` reports for the
same window (a fresh account, so the window is everything it served).
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from langchain.agents import create_agent
from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.tools import tool

from langchain_openrouter import (
    ChatOpenRouter,
    OpenRouterEmbeddings,
    OpenRouterRerank,
    get_activity,
    get_openrouter_callback,
)
from langchain_openrouter.callbacks import OpenRouterCostCallbackHandler
from langchain_openrouter.testing import OpenRouterEmulator


@tool
def get_weather(city: str) -> str:
    """Get the current weather for a city."""
    return f"18 C and sunny in {city}"


QUESTION = {"messages": [{"role": "user", "content": "What is the weather in Paris?"}]}
MANUAL = "The travel policy covers trains, hotels and meals in detail. " * 200


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator(credits=1_000)
    with emu.serve() as base_url:
        yield emu, base_url


def _settings(served: tuple[OpenRouterEmulator, str]) -> dict[str, Any]:
    emu, base_url = served
    return {"api_key": emu.api_key, "base_url": base_url, "max_retries": 0}


def _activity(
    served: tuple[OpenRouterEmulator, str], *, names: set[str]
) -> dict[str, dict[str, Any]]:
    """``/activity`` summed per model (its rows are per model and endpoint).

    The handler names the model that answered (``response.model``); /activity names the
    catalog id and the permaslug, one of which is that name.
    """
    emu, base_url = served
    totals: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(int))
    for row in get_activity(api_key=emu.provisioning_key, base_url=base_url):
        total = totals[row.model if row.model in names else str(row.model_permaslug)]
        total["requests"] += row.requests or 0
        total["prompt_tokens"] += row.prompt_tokens or 0
        total["completion_tokens"] += row.completion_tokens or 0
        total["reasoning_tokens"] += row.reasoning_tokens or 0
        total["usage"] = round(total["usage"] + row.usage, 12)
    return {model: dict(total) for model, total in totals.items()}


def _counted(handler: OpenRouterCostCallbackHandler) -> dict[str, dict[str, Any]]:
    return {
        model: {
            "requests": totals.requests,
            "prompt_tokens": totals.input_tokens,
            "completion_tokens": totals.output_tokens,
            "reasoning_tokens": totals.reasoning_tokens,
            "usage": totals.cost,
        }
        for model, totals in handler.by_model.items()
    }


def test_an_agent_and_a_batch_of_50_match_the_activity_exactly(
    served: tuple[OpenRouterEmulator, str],
) -> None:
    emu, _ = served
    assert _activity(served, names=set()) == {}
    settings = _settings(served)
    llm = ChatOpenRouter(model="openai/gpt-4o-mini", **settings)
    agent = create_agent(llm, tools=[get_weather])
    cached = ChatOpenRouter(model="anthropic/claude-sonnet-4.5", **settings)
    thinker = ChatOpenRouter(model="openai/o3-mini", reasoning={"effort": "low"}, **settings)
    embeddings = OpenRouterEmbeddings(
        model="openai/text-embedding-3-small", chunk_size=4, **settings
    )
    reranker = OpenRouterRerank(model="cohere/rerank-v3.5", **settings)
    manual = [
        SystemMessage([{"type": "text", "text": MANUAL, "cache_control": {"type": "ephemeral"}}]),
        HumanMessage("Are taxis covered?"),
    ]

    with get_openrouter_callback() as cb:
        answer = agent.invoke(QUESTION)
        for _ in agent.stream(QUESTION, stream_mode="messages"):
            pass
        asyncio.run(agent.ainvoke(QUESTION))
        llm.batch([f"Question number {i}" for i in range(50)])
        asyncio.run(llm.abatch([f"Async question {i}" for i in range(5)]))
        cached.invoke(manual)
        cached.invoke(manual)
        list(thinker.stream("Think it over"))
        embeddings.embed_documents([f"document {i}" for i in range(10)])
        reranker.rerank("trains", ["Trains are covered", "Taxis are not", "Meals are"])

    assert any(m.type == "tool" for m in answer["messages"])
    # Three agent runs of two model calls each, 55 batched prompts, and the rest.
    assert cb.successful_requests == 6 + 55 + 2 + 1 + 3 + 1
    assert _counted(cb) == _activity(served, names=set(cb.by_model))
    generations = emu.generations.values()
    assert cb.total_cost == round(sum(g["total_cost"] for g in generations), 12)
    assert cb.prompt_tokens_cached == sum(g["native_tokens_cached"] or 0 for g in generations)
    assert cb.prompt_tokens_cached > 0
    assert cb.prompt_tokens_cache_write == cb.prompt_tokens_cached
    assert cb.reasoning_tokens > 0

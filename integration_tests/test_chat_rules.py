"""The chat model's wire rules, each checked over the served emulator (real HTTP on 127.0.0.1)."""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterator

import pytest
from langchain_core.messages import AIMessageChunk
from langchain_core.tools import tool

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.testing import OpenRouterEmulator


@tool
def get_weather(city: str) -> str:
    """Current weather in a city."""
    return f"18 C and sunny in {city}"


@tool
def get_time(timezone: str) -> str:
    """Current time in a timezone."""
    return f"12:00 in {timezone}"


@pytest.fixture
def emu() -> OpenRouterEmulator:
    return OpenRouterEmulator()


@pytest.fixture
def base_url(emu: OpenRouterEmulator) -> Iterator[str]:
    with emu.serve() as url:
        yield url


def chat(emu: OpenRouterEmulator, base_url: str, **kwargs: object) -> ChatOpenRouter:
    return ChatOpenRouter(
        model="openai/gpt-4o-mini", api_key=emu.api_key, base_url=base_url, **kwargs
    )


def summed(chunks: list[AIMessageChunk]) -> AIMessageChunk:
    total = functools.reduce(operator.add, chunks)
    assert isinstance(total, AIMessageChunk)
    return total


# --- streamed tool calls keep their identity ----------------------------------------------

PROMPTS = [
    "What is the weather in Paris, London and Rome?",
    "Get the weather in Paris and the time in Tokyo",
]


@pytest.mark.parametrize("prompt", PROMPTS)
def test_calls_numbered_zero_stream_as_separate_calls(
    emu: OpenRouterEmulator, base_url: str, prompt: str
) -> None:
    llm = chat(emu, base_url).bind_tools([get_weather, get_time])
    invoked = llm.invoke(prompt)
    assert len(invoked.tool_calls) >= 2
    emu.faults.tool_calls_at_index(0)
    streamed = summed(list(llm.stream(prompt)))  # type: ignore[arg-type]
    assert streamed.invalid_tool_calls == []
    assert [(c["name"], c["args"]) for c in streamed.tool_calls] == [
        (c["name"], c["args"]) for c in invoked.tool_calls
    ]
    assert len({c["id"] for c in streamed.tool_calls}) == len(streamed.tool_calls)


async def test_calls_numbered_zero_astream_as_separate_calls(
    emu: OpenRouterEmulator, base_url: str
) -> None:
    llm = chat(emu, base_url).bind_tools([get_weather])
    emu.faults.tool_calls_at_index(0)
    chunks = [chunk async for chunk in llm.astream(PROMPTS[0])]
    assert [c["args"] for c in summed(chunks).tool_calls] == [  # type: ignore[arg-type]
        {"city": "Paris"},
        {"city": "London"},
        {"city": "Rome"},
    ]

"""``create_agent(..., response_format=...)`` against the served emulator, in every strategy.

The scripted model answers in the requested format after a tool round as well as without one:
JSON for the provider strategy (and auto, which picks it for ChatOpenRouter), a call to the
structured-output tool for ``ToolStrategy``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from langchain.agents import create_agent
from langchain.agents.structured_output import ProviderStrategy, ToolStrategy
from langchain_core.messages import AIMessage, ToolMessage
from langchain_core.tools import tool
from pydantic import BaseModel

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.testing import OpenRouterEmulator


class CityReport(BaseModel):
    """A short report on a city."""

    city: str
    temperature_c: float


@tool
def get_weather(city: str) -> str:
    """Get the current weather for a city."""
    return f"18 C and sunny in {city}"


def strategies() -> list[Any]:
    return [
        pytest.param(CityReport, id="auto"),
        pytest.param(ToolStrategy(CityReport), id="tool"),
        pytest.param(ProviderStrategy(CityReport), id="provider"),
    ]


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator()
    with emu.serve() as base_url:
        yield emu, base_url


@pytest.fixture
def llm(served: tuple[OpenRouterEmulator, str]) -> ChatOpenRouter:
    emu, base_url = served
    return ChatOpenRouter(
        model="openai/gpt-4o-mini", api_key=emu.api_key, base_url=base_url, max_retries=0
    )


QUESTION = {"messages": [{"role": "user", "content": "What is the weather in Paris?"}]}


@pytest.mark.parametrize("response_format", strategies())
def test_after_a_tool_round(llm: ChatOpenRouter, response_format: Any) -> None:
    agent = create_agent(llm, tools=[get_weather], response_format=response_format)
    state = agent.invoke(QUESTION)
    assert state["structured_response"] == CityReport(city="Paris", temperature_c=18)
    results = [m for m in state["messages"] if isinstance(m, ToolMessage)]
    assert results[0].name == "get_weather"
    assert results[0].content == "18 C and sunny in Paris"


@pytest.mark.parametrize("response_format", strategies())
def test_without_tools(llm: ChatOpenRouter, response_format: Any) -> None:
    agent = create_agent(llm, tools=[], response_format=response_format)
    state = agent.invoke(QUESTION)
    report = state["structured_response"]
    assert isinstance(report, CityReport)
    assert report.city == "Paris"
    assert not [
        m for m in state["messages"] if isinstance(m, ToolMessage) and m.name != "CityReport"
    ]


@pytest.mark.parametrize("response_format", strategies())
async def test_async_after_a_tool_round(llm: ChatOpenRouter, response_format: Any) -> None:
    agent = create_agent(llm, tools=[get_weather], response_format=response_format)
    state = await agent.ainvoke(QUESTION)
    assert state["structured_response"] == CityReport(city="Paris", temperature_c=18)


def test_tool_strategy_calls_the_structured_tool_after_the_round(
    llm: ChatOpenRouter, served: tuple[OpenRouterEmulator, str]
) -> None:
    emu, _ = served
    before = len(emu.requests)
    agent = create_agent(llm, tools=[get_weather], response_format=ToolStrategy(CityReport))
    state = agent.invoke(QUESTION)
    calls = [c["name"] for m in state["messages"] if isinstance(m, AIMessage) for c in m.tool_calls]
    assert calls == ["get_weather", "CityReport"]
    sent = [r.json() for r in emu.requests[before:]]
    assert [body["tool_choice"] for body in sent] == ["required", "required"]

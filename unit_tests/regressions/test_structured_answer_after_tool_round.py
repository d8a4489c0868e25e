"""An agent asking for structured output gets it after a tool round, in every strategy.

The scripted model used to answer in prose once tool results were in, so
``create_agent(..., response_format=Schema)`` failed (``StructuredOutputValidationError``) with
the default and provider strategies, and under ``ToolStrategy`` a required tool choice called
the same tool again instead of the structured-output tool.
"""

from __future__ import annotations

from typing import Any

import pytest
from langchain.agents import create_agent
from langchain.agents.structured_output import ProviderStrategy, ToolStrategy
from langchain_core.tools import tool
from pydantic import BaseModel

from langchain_openrouter.testing import OpenRouterEmulator


class CityReport(BaseModel):
    """A short report on a city."""

    city: str
    temperature_c: float


@tool
def get_weather(city: str) -> str:
    """Get the current weather for a city."""
    return f"18 C in {city}"


@pytest.mark.parametrize(
    "response_format",
    [CityReport, ToolStrategy(CityReport), ProviderStrategy(CityReport)],
    ids=["auto", "tool", "provider"],
)
def test_structured_response_after_a_tool_round(response_format: Any) -> None:
    emu = OpenRouterEmulator()
    agent = create_agent(emu.chat_model(), tools=[get_weather], response_format=response_format)
    state = agent.invoke({"messages": [{"role": "user", "content": "Weather in Paris?"}]})
    assert state["structured_response"] == CityReport(city="Paris", temperature_c=18)
    # The tool round, then the answer: no loop. (The automatic strategy reads the model's
    # profile, which may fetch GET /models once per process.)
    chat = [r for r in emu.requests if r.path.endswith("/chat/completions")]
    assert len(chat) == 2

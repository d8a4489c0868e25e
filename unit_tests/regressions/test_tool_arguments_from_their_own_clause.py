"""In a prompt that asks for several tools, each call's arguments come from its own clause.

"what is the weather in Paris and what is 6 times 7" called ``multiply`` with ``a=7, b=1``: the
text from "times" onwards was all it read.
"""

from __future__ import annotations

from langchain_core.tools import tool

from langchain_openrouter.testing import OpenRouterEmulator


@tool
def get_weather(city: str) -> str:
    """Get the current weather for a city."""
    return city


@tool
def multiply(a: float, b: float) -> float:
    """Multiply two numbers."""
    return a * b


def test_weather_and_multiplication_in_one_prompt() -> None:
    llm = OpenRouterEmulator().chat_model().bind_tools([get_weather, multiply])
    message = llm.invoke("what is the weather in Paris and what is 6 times 7")
    assert [(c["name"], c["args"]) for c in message.tool_calls] == [
        ("get_weather", {"city": "Paris"}),
        ("multiply", {"a": 6, "b": 7}),
    ]

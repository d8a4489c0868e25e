"""Mixed-tool prompts: each tool's arguments come from the clause that asks for it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from langchain_openrouter.testing.model.tool_use import clauses
from unit_tests.testing.helpers import function_tool

NUMBER = {"type": "number"}
INTEGER = {"type": "integer"}
CITY = {"type": "string"}
WEATHER = function_tool("get_weather", {"city": CITY})
TIME = function_tool("get_time", {"city": CITY})
MULTIPLY = function_tool("multiply", {"a": NUMBER, "b": NUMBER})
ADD = function_tool("add", {"a": INTEGER, "b": INTEGER})
SEARCH = function_tool("search", {"query": {"type": "string"}})


def calls(chat: Any, prompt: str, tools: list[dict[str, Any]], **body: Any) -> list[Any]:
    message = chat(prompt, tools=tools, **body)["choices"][0]["message"]
    return [
        (c["function"]["name"], json.loads(c["function"]["arguments"]))
        for c in message.get("tool_calls") or []
    ]


@pytest.mark.parametrize(
    ("prompt", "tools", "expected"),
    [
        (
            "what is the weather in Paris and what is 6 times 7",
            [WEATHER, MULTIPLY],
            [("get_weather", {"city": "Paris"}), ("multiply", {"a": 6, "b": 7})],
        ),
        (
            "what is 6 times 7 and what is the weather in Paris",
            [WEATHER, MULTIPLY],
            [("multiply", {"a": 6, "b": 7}), ("get_weather", {"city": "Paris"})],
        ),
        (
            "what is six times seven, and the weather in Rome?",
            [MULTIPLY, WEATHER],
            [("multiply", {"a": 6, "b": 7}), ("get_weather", {"city": "Rome"})],
        ),
        (
            "add 2 and 3 and multiply 4 by 5",
            [MULTIPLY, ADD],
            [("add", {"a": 2, "b": 3}), ("multiply", {"a": 4, "b": 5})],
        ),
        (
            "Multiply 4 by 5. Then add two and 3.",
            [ADD, MULTIPLY],
            [("multiply", {"a": 4, "b": 5}), ("add", {"a": 2, "b": 3})],
        ),
        (
            "what is 2 plus 3 then 4 times 5",
            [MULTIPLY, ADD],
            [("add", {"a": 2, "b": 3}), ("multiply", {"a": 4, "b": 5})],
        ),
        (
            "I have 3 cats; what is 6 times 7 and the weather in Paris",
            [WEATHER, MULTIPLY],
            [("multiply", {"a": 6, "b": 7}), ("get_weather", {"city": "Paris"})],
        ),
        (
            "What time is it in Tokyo and what's the weather in Oslo? Also add twelve and 30",
            [ADD, WEATHER, TIME],
            [
                ("get_time", {"city": "Tokyo"}),
                ("get_weather", {"city": "Oslo"}),
                ("add", {"a": 12, "b": 30}),
            ],
        ),
        (
            "weather in Paris and London and 6 times 7",
            [WEATHER, MULTIPLY],
            [
                ("get_weather", {"city": "Paris"}),
                ("get_weather", {"city": "London"}),
                ("multiply", {"a": 6, "b": 7}),
            ],
        ),
        (
            "what is 1.5 times 4, and search for 'langchain openrouter'",
            [SEARCH, MULTIPLY],
            [("multiply", {"a": 1.5, "b": 4}), ("search", {"query": "langchain openrouter"})],
        ),
        (
            "The weather in San Francisco, CA and 8 times nine",
            [WEATHER, MULTIPLY],
            [("get_weather", {"city": "San Francisco, CA"}), ("multiply", {"a": 8, "b": 9})],
        ),
    ],
)
def test_each_tool_reads_its_own_clause(
    chat: Any, prompt: str, tools: list[dict[str, Any]], expected: list[Any]
) -> None:
    assert calls(chat, prompt, tools) == expected


def test_without_parallel_calls_only_the_first_tool_and_its_clause(chat: Any) -> None:
    prompt = "what is the weather in Paris and London and what is 6 times 7"
    got = calls(chat, prompt, [WEATHER, MULTIPLY], parallel_tool_calls=False)
    assert got == [("get_weather", {"city": "Paris"})]


def test_a_clause_with_nothing_to_read_falls_back_to_the_whole_prompt(chat: Any) -> None:
    prompt = "The numbers are 6 and 7. Multiply them, and tell me the weather in Paris"
    assert calls(chat, prompt, [MULTIPLY, WEATHER]) == [
        ("multiply", {"a": 6, "b": 7}),
        ("get_weather", {"city": "Paris"}),
    ]


def test_a_single_tool_reads_the_whole_prompt(chat: Any) -> None:
    assert calls(chat, "Take 2 and 3 and add them", [ADD]) == [("add", {"a": 2, "b": 3})]


def test_clauses_cover_the_prompt_in_mention_order() -> None:
    prompt = "add 2 and 3, then multiply 4 by 5; finally the weather in Oslo"
    regions = clauses(prompt, [WEATHER, MULTIPLY, ADD])
    assert [prompt[start:end] for start, end in regions.values()] == [
        "add 2 and 3",
        "multiply 4 by 5",
        "finally the weather in Oslo",
    ]
    assert clauses("nothing asked", [WEATHER]) == {}

"""Varied conversations for the token-counting tests (the unit and the emulator parity tests).

Each case is a model, a conversation and the tools bound to the call: system, developer, user,
assistant and tool messages, names, single and parallel tool calls, multi-part content, images
(PNG, JPEG, GIF and WebP data URIs at several sizes and details, and a remote URL), non-English
text, numbers, code and JSON.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import (
    AIMessage,
    BaseMessage,
    HumanMessage,
    SystemMessage,
    ToolMessage,
)
from pydantic import BaseModel, Field

from unit_tests.test_image_tokens import gif, jpeg, png, webp

__all__ = ["CASES", "Case"]


@dataclass(frozen=True)
class Case:
    """One counting case."""

    id: str
    model: str
    messages: list[BaseMessage]
    tools: list[Any] = field(default_factory=list)


def get_weather(city: str, unit: str = "celsius") -> str:
    """Current weather in a city."""
    return f"18 {unit} in {city}"


class Flight(BaseModel):
    """Book a flight."""

    origin: str = Field(description="IATA code of the departure airport")
    destination: str = Field(description="IATA code of the arrival airport")
    passengers: int = 1
    cabin: str | None = None


SEARCH = {
    "type": "function",
    "function": {
        "name": "search_docs",
        "description": "Search the documentation.",
        "parameters": {
            "type": "object",
            "properties": {
                "query": {"type": "string"},
                "filters": {
                    "type": "array",
                    "items": {"type": "string", "enum": ["api", "guide", "faq"]},
                },
            },
            "required": ["query"],
        },
    },
}


def _image(data: bytes, mime: str, detail: str | None = None) -> dict[str, Any]:
    url: dict[str, Any] = {"url": f"data:{mime};base64,{base64.b64encode(data).decode()}"}
    if detail:
        url["detail"] = detail
    return {"type": "image_url", "image_url": url}


def _call(name: str, args: dict[str, Any], call_id: str) -> dict[str, Any]:
    return {"name": name, "args": args, "id": call_id, "type": "tool_call"}


SYSTEM = SystemMessage("You are a helpful assistant. Answer briefly and cite your sources.")
DEVELOPER = SystemMessage(
    "Prefer metric units.", additional_kwargs={"__openai_role__": "developer"}
)
WEATHER_ROUND = [
    HumanMessage("What's the weather in Paris?"),
    AIMessage("", tool_calls=[_call("get_weather", {"city": "Paris"}, "call_w1")]),
    ToolMessage("18 celsius in Paris", tool_call_id="call_w1"),
]
PARALLEL_ROUND = [
    HumanMessage("Compare Paris, Lyon and Nice."),
    AIMessage(
        "Checking all three.",
        tool_calls=[
            _call("get_weather", {"city": c}, f"call_p{i}")
            for i, c in enumerate(["Paris", "Lyon", "Nice"])
        ],
    ),
    *[
        ToolMessage(f"{t} celsius in {c}", tool_call_id=f"call_p{i}")
        for i, (c, t) in enumerate([("Paris", 18), ("Lyon", 15), ("Nice", 22)])
    ],
]
LONG_TEXT = " ".join(
    f"Paragraph {i}: the quick brown fox jumps over the lazy dog, then rests for {i * 7} minutes."
    for i in range(40)
)
CODE = 'def add(a: int, b: int) -> int:\n    """Add."""\n    return a + b\n\nprint(add(2, 3))\n'
JSON_TEXT = '{"order": 12345, "items": [{"sku": "A-17", "qty": 2}, {"sku": "B-3", "qty": 1}]}'

CASES: list[Case] = [
    Case("one-short-message", "openai/gpt-4o-mini", [HumanMessage("Hello there")]),
    Case("system-and-user", "openai/gpt-4o", [SYSTEM, HumanMessage("What is 2 + 2?")]),
    Case("developer-role", "openai/gpt-4.1", [DEVELOPER, HumanMessage("How far is 5 miles?")]),
    Case(
        "named-speakers",
        "openai/gpt-4o-mini",
        [
            SYSTEM,
            HumanMessage("I think it is Tuesday.", name="alice"),
            HumanMessage("No, it is Wednesday.", name="bob_smith"),
            AIMessage("It is Wednesday.", name="moderator"),
            HumanMessage("Thanks!", name="alice"),
        ],
    ),
    Case(
        "multi-turn",
        "openai/gpt-5-mini",
        [
            SYSTEM,
            HumanMessage("Name a prime number."),
            AIMessage("7"),
            HumanMessage("Another one, bigger."),
            AIMessage("101"),
            HumanMessage("Their product?"),
        ],
    ),
    Case("tool-round", "openai/gpt-4o-mini", [SYSTEM, *WEATHER_ROUND], [get_weather]),
    Case("parallel-tool-calls", "openai/gpt-4o", [*PARALLEL_ROUND], [get_weather]),
    Case(
        "tools-bound-no-calls", "openai/gpt-4.1-nano", [HumanMessage("Hi")], [get_weather, SEARCH]
    ),
    Case("pydantic-tool", "openai/gpt-4o", [HumanMessage("Fly me from CDG to JFK.")], [Flight]),
    Case(
        "three-tools",
        "openai/o3-mini",
        [SYSTEM, HumanMessage("Plan a trip and check the weather.")],
        [get_weather, Flight, SEARCH],
    ),
    Case(
        "tool-call-then-answer",
        "openai/gpt-4o-mini",
        [*WEATHER_ROUND, AIMessage("It is 18 C in Paris."), HumanMessage("And tomorrow?")],
        [get_weather],
    ),
    Case(
        "multi-part-text",
        "openai/gpt-4o",
        [HumanMessage([{"type": "text", "text": "Part one."}, {"type": "text", "text": "Two."}])],
    ),
    Case(
        "png-auto",
        "openai/gpt-4o",
        [
            HumanMessage(
                [{"type": "text", "text": "Describe."}, _image(png(1024, 768), "image/png")]
            )
        ],
    ),
    Case(
        "png-low",
        "openai/gpt-4o-mini",
        [HumanMessage([_image(png(4000, 3000), "image/png", "low"), "What is it?"])],
    ),
    Case(
        "jpeg-high",
        "openai/gpt-4.1",
        [
            HumanMessage(
                [
                    {"type": "text", "text": "Read it."},
                    _image(jpeg(3000, 800), "image/jpeg", "high"),
                ]
            )
        ],
    ),
    Case(
        "gif-small",
        "openai/gpt-5-mini",
        [HumanMessage([_image(gif(120, 80), "image/gif"), {"type": "text", "text": "Animated?"}])],
    ),
    Case(
        "webp-tall",
        "openai/gpt-4o",
        [HumanMessage([_image(webp(600, 5000, "VP8X"), "image/webp"), "Scroll?"])],
    ),
    Case(
        "remote-image",
        "openai/gpt-4o-mini",
        [
            HumanMessage(
                [
                    {"type": "text", "text": "What is in this picture?"},
                    {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg"}},
                ]
            )
        ],
    ),
    Case(
        "two-images-and-history",
        "openai/gpt-4.1-nano",
        [
            SYSTEM,
            HumanMessage(
                [
                    {"type": "text", "text": "Which is bigger?"},
                    _image(png(512, 512), "image/png"),
                    _image(jpeg(2048, 2048), "image/jpeg"),
                ]
            ),
            AIMessage("The second."),
            HumanMessage("By how much?"),
        ],
    ),
    Case(
        "standard-image-block",
        "openai/gpt-4o",
        [
            HumanMessage(
                [
                    {"type": "text", "text": "Caption this."},
                    {
                        "type": "image",
                        "base64": base64.b64encode(png(800, 600)).decode(),
                        "mime_type": "image/png",
                    },
                ]
            )
        ],
    ),
    Case("long-text", "openai/gpt-4o-mini", [SYSTEM, HumanMessage(LONG_TEXT)]),
    Case("code", "openai/gpt-4.1", [HumanMessage(f"Review this:\n```python\n{CODE}```")]),
    Case(
        "json-and-numbers", "openai/gpt-4o", [HumanMessage(f"Total of {JSON_TEXT}? 3.14159 x 2718")]
    ),
    Case(
        "non-english",
        "openai/gpt-4o",
        [HumanMessage("日本語で答えてください。Ça va ? Привет, как дела? 🎉👍")],
    ),
    Case(
        "tool-result-multi-part",
        "openai/gpt-4o-mini",
        [
            HumanMessage("Search the docs for retries."),
            AIMessage("", tool_calls=[_call("search_docs", {"query": "retries"}, "call_s1")]),
            ToolMessage(
                [{"type": "text", "text": "Retries: 2."}, {"type": "text", "text": " Backoff."}],
                tool_call_id="call_s1",
            ),
        ],
        [SEARCH],
    ),
    Case(
        "o-series-tools",
        "openai/o4-mini",
        [SYSTEM, *PARALLEL_ROUND, HumanMessage("Which is warmest?")],
        [get_weather],
    ),
    Case("gpt-5-plain", "openai/gpt-5", [HumanMessage("Summarise relativity in one line.")]),
    Case("gpt-oss", "openai/gpt-oss-20b", [SYSTEM, HumanMessage("Count to five.")]),
    Case(
        "empty-assistant-content",
        "openai/gpt-4o",
        [
            HumanMessage("Weather?"),
            AIMessage("", tool_calls=[_call("get_weather", {"city": "Oslo"}, "c9")]),
            ToolMessage("-3 celsius in Oslo", tool_call_id="c9"),
        ],
        [get_weather],
    ),
    Case(
        "nested-args",
        "openai/gpt-4.1-nano",
        [
            HumanMessage("Book it."),
            AIMessage(
                "",
                tool_calls=[
                    _call(
                        "Flight",
                        {"origin": "CDG", "destination": "JFK", "passengers": 2, "cabin": None},
                        "call_f1",
                    )
                ],
            ),
            ToolMessage('{"status": "booked", "ref": "XK42"}', tool_call_id="call_f1"),
        ],
        [Flight],
    ),
    # A server tool is in the prompt the model reads (it decides when to call it), so it is billed.
    Case(
        "server-tool",
        "openai/gpt-4o-mini",
        [HumanMessage("What happened in Paris today?")],
        [get_weather, {"type": "openrouter:web_search", "parameters": {"max_results": 3}}],
    ),
    # Other families: the same counter, with the closest tiktoken encoding (an estimate).
    Case("claude", "anthropic/claude-haiku-4.5", [SYSTEM, *WEATHER_ROUND], [get_weather]),
    Case(
        "claude-image",
        "anthropic/claude-sonnet-4.5",
        [HumanMessage([_image(png(1600, 900), "image/png"), "Describe."])],
    ),
    Case("gemini", "google/gemini-2.5-flash", [HumanMessage("Hello from Gemini's side.")]),
    Case("llama", "meta-llama/llama-3.3-70b-instruct", [SYSTEM, HumanMessage(LONG_TEXT[:400])]),
    Case("deepseek-tools", "deepseek/deepseek-chat-v3.1", [*PARALLEL_ROUND], [get_weather]),
]

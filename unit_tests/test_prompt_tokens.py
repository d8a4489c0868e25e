"""Prompt counting: OpenAI's per-message, per-name and tool-call overhead, tools and images."""

from __future__ import annotations

import json
from typing import Any

import tiktoken
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter._prompt_tokens import count_prompt_tokens, tools_tokens
from langchain_openrouter.testing.usage import count_prompt
from unit_tests.test_image_tokens import png


def _enc(name: str) -> tiktoken.Encoding:
    return tiktoken.get_encoding(name)


def chat_openai_count(messages: list[dict[str, Any]], encoding: str) -> int:
    """langchain-openai's ``ChatOpenAI.get_num_tokens_from_messages`` loop over message dicts
    (text content, names, tool calls and tool results), written out with tiktoken directly."""
    enc = _enc(encoding)
    total = 0
    for message in messages:
        total += 3
        for key, value in message.items():
            if key == "tool_call_id":
                total += 3
                continue
            if isinstance(value, list):
                for item in value:
                    if item.get("type") == "text":
                        total += len(enc.encode(item["text"]))
                    else:
                        total += len(enc.encode(item["function"]["arguments"]))
                        total += len(enc.encode(item["function"]["name"]))
            elif value:
                total += len(enc.encode(str(value)))
            if key == "name":
                total += 1
    return total + 3


CONVERSATION = [
    SystemMessage("You are a terse assistant."),
    HumanMessage("What's the weather in Paris and in Lyon?", name="alice"),
    AIMessage(
        "",
        tool_calls=[
            {"name": "get_weather", "args": {"city": "Paris"}, "id": "call_1"},
            {"name": "get_weather", "args": {"city": "Lyon"}, "id": "call_2"},
        ],
    ),
    ToolMessage("18 C and sunny", tool_call_id="call_1"),
    ToolMessage("15 C, light rain", tool_call_id="call_2"),
    AIMessage("Paris: 18 C and sunny. Lyon: 15 C with light rain."),
    HumanMessage([{"type": "text", "text": "Thanks!"}, {"type": "text", "text": " Bye."}]),
]

WIRE = [
    {"role": "system", "content": "You are a terse assistant."},
    {"role": "user", "content": "What's the weather in Paris and in Lyon?", "name": "alice"},
    {
        "role": "assistant",
        "content": "",
        "tool_calls": [
            {"type": "function", "function": {"name": "get_weather", "arguments": a}}
            for a in ('{"city": "Paris"}', '{"city": "Lyon"}')
        ],
    },
    {"role": "tool", "content": "18 C and sunny", "tool_call_id": "call_1"},
    {"role": "tool", "content": "15 C, light rain", "tool_call_id": "call_2"},
    {"role": "assistant", "content": "Paris: 18 C and sunny. Lyon: 15 C with light rain."},
    {
        "role": "user",
        "content": [{"type": "text", "text": "Thanks!"}, {"type": "text", "text": " Bye."}],
    },
]


def test_one_short_message_counts_what_chat_openai_counts() -> None:
    llm = ChatOpenRouter(model="openai/gpt-4o-mini")
    # 3 per message + "user" + "Hello there" (2) + 3 priming the answer
    assert llm.get_num_tokens_from_messages([HumanMessage("Hello there")]) == 9
    assert chat_openai_count([{"role": "user", "content": "Hello there"}], "o200k_base") == 9


def test_a_tool_conversation_counts_as_chat_openai_counts_it() -> None:
    for model, encoding in [("openai/gpt-4o", "o200k_base"), ("openai/gpt-4", "cl100k_base")]:
        expected = chat_openai_count(WIRE, encoding)
        assert ChatOpenRouter(model=model).get_num_tokens_from_messages(CONVERSATION) == expected
    assert chat_openai_count(WIRE, "o200k_base") == 101


def test_names_cost_their_tokens_plus_one() -> None:
    llm = ChatOpenRouter(model="openai/gpt-4o")
    plain = llm.get_num_tokens_from_messages([HumanMessage("hi")])
    named = llm.get_num_tokens_from_messages([HumanMessage("hi", name="alice")])
    assert named - plain == 1 + len(_enc("o200k_base").encode("alice"))


def test_tools_add_their_rendering() -> None:
    def get_weather(city: str, unit: str = "celsius") -> str:
        """Current weather in a city."""
        return city

    llm = ChatOpenRouter(model="openai/gpt-4o")
    bare = llm.get_num_tokens_from_messages([HumanMessage("hi")])
    with_tools = llm.get_num_tokens_from_messages([HumanMessage("hi")], tools=[get_weather])
    rendered = (
        "namespace functions {\n\n// Current weather in a city.\ntype get_weather = (_: {\n"
        "city: string,\nunit?: string,\n}) => any;\n\n} // namespace functions"
    )
    assert with_tools - bare == len(_enc("o200k_base").encode(rendered)) + 9


def test_tool_schemas_render_nested_types() -> None:
    tool = {
        "type": "function",
        "function": {
            "name": "plan",
            "parameters": {
                "type": "object",
                "properties": {
                    "steps": {
                        "type": "array",
                        "description": "In order",
                        "items": {
                            "type": "object",
                            "properties": {"title": {"type": "string"}},
                            "required": ["title"],
                        },
                    },
                    "mode": {"enum": ["fast", "slow"]},
                    "count": {"type": "integer"},
                    "label": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                    "flags": {"type": ["boolean", "null"]},
                },
                "required": ["steps"],
            },
        },
    }
    rendered = (
        "namespace functions {\n\ntype plan = (_: {\n// In order\nsteps: {\n  title: string,\n"
        '}[],\nmode?: "fast" | "slow",\ncount?: number,\nlabel?: string | null,\n'
        "flags?: boolean | null,\n}) => any;\n\n} // namespace functions"
    )
    expected = len(_enc("o200k_base").encode(rendered)) + 9
    assert tools_tokens([tool], "openai/gpt-4o") == expected
    server = {"type": "openrouter:web_search"}
    assert tools_tokens([tool, server], "openai/gpt-4o") == expected + len(
        _enc("o200k_base").encode(json.dumps(server))
    )
    bare = {"type": "function", "function": {"name": "ping"}}
    assert tools_tokens([bare], "openai/gpt-4o") == 9 + len(
        _enc("o200k_base").encode(
            "namespace functions {\n\ntype ping = () => any;\n\n} // namespace functions"
        )
    )


def test_images_follow_the_tile_rule() -> None:
    import base64

    uri = "data:image/png;base64," + base64.b64encode(png(1024, 1024)).decode()
    llm = ChatOpenRouter(model="openai/gpt-4o")
    text_only = llm.get_num_tokens_from_messages([HumanMessage([{"type": "text", "text": "?"}])])
    for block, tokens in [
        ({"type": "image_url", "image_url": {"url": uri}}, 765),
        ({"type": "image_url", "image_url": {"url": uri, "detail": "low"}}, 85),
        ({"type": "image", "base64": uri.split(",")[1], "mime_type": "image/png"}, 765),
        ({"type": "image_url", "image_url": {"url": "https://example.com/x.png"}}, 765),
    ]:
        message = HumanMessage([{"type": "text", "text": "?"}, block])
        assert llm.get_num_tokens_from_messages([message]) - text_only == tokens, block


def test_every_slice_of_a_conversation_counts() -> None:
    """trim_messages counts suffixes: a tool result whose call was cut must still count."""
    llm = ChatOpenRouter(model="openai/gpt-4o")
    for start in range(len(CONVERSATION) + 1):
        part = CONVERSATION[start:]
        assert llm.get_num_tokens_from_messages(part) == chat_openai_count(
            WIRE[start:], "o200k_base"
        )
    assert llm.get_num_tokens_from_messages([]) == 3


def test_the_emulator_bills_what_the_package_counts() -> None:
    tools = [{"type": "function", "function": {"name": "get_weather", "description": "w"}}]
    for model in ["openai/gpt-4o", "anthropic/claude-haiku-4.5", "google/gemini-2.5-flash"]:
        counted = count_prompt_tokens(model, WIRE, tools)
        billed = count_prompt(model, WIRE, tools)
        assert billed.tokens == counted.total
    # Anthropic counts with cl100k_base, Gemini with o200k_base: an estimate either way.
    assert count_prompt("anthropic/claude-haiku-4.5", WIRE).tokens == chat_openai_count(
        WIRE, "cl100k_base"
    )

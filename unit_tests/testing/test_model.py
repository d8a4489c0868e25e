"""The scripted model: tool calls, tool results, structured output, scripts, reasoning, media."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from langchain_openrouter.testing import OpenRouterEmulator
from unit_tests.samples import load_json
from unit_tests.testing.conftest import Call
from unit_tests.testing.helpers import function_tool, sse_events
from unit_tests.testing.shapes import assert_same_shape

WEATHER = function_tool("get_weather", {"city": {"type": "string"}})
ADD = function_tool("add", {"a": {"type": "integer"}, "b": {"type": "integer"}})
MULTIPLY = function_tool("multiply", {"a": {"type": "number"}, "b": {"type": "number"}})
TIME = function_tool("get_time", {"timezone": {"type": "string"}})


def calls_of(body: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    message = body["choices"][0]["message"]
    return [
        (c["function"]["name"], json.loads(c["function"]["arguments"]))
        for c in message.get("tool_calls", [])
    ]


def test_calls_the_tool_the_prompt_asks_for_with_arguments_from_the_prompt(chat: Any) -> None:
    body = chat("What's the weather in Paris?", tools=[WEATHER, ADD])
    assert calls_of(body) == [("get_weather", {"city": "Paris"})]
    choice = body["choices"][0]
    assert choice["finish_reason"] == "tool_calls"
    assert choice["message"]["content"] == ""
    call = choice["message"]["tool_calls"][0]
    assert call["id"].startswith("call_")
    assert len(call["id"]) == 29
    assert (call["type"], call["index"]) == ("function", 0)
    assert_same_shape(
        body,
        load_json("chat_completion_tool_calls.json"),
        allow_extra=(
            "cost",
            "is_byok",
            "cost_details",
            "prompt_tokens_details",
            "completion_tokens_details",
            "system_fingerprint",
        ),
    )


def test_numbers_fill_numeric_arguments_in_order(chat: Any) -> None:
    assert calls_of(chat("add 2 and 3", tools=[WEATHER, ADD])) == [("add", {"a": 2, "b": 3})]
    assert calls_of(chat("What is 6 times seven?", tools=[ADD, MULTIPLY])) == [
        ("multiply", {"a": 6, "b": 7})
    ]


def test_several_tools_in_one_turn(chat: Any) -> None:
    body = chat("Get the weather in Paris and the time in Tokyo", tools=[TIME, WEATHER])
    assert calls_of(body) == [
        ("get_weather", {"city": "Paris"}),
        ("get_time", {"timezone": "Tokyo"}),
    ]
    assert [c["index"] for c in body["choices"][0]["message"]["tool_calls"]] == [0, 1]


def test_one_call_per_place_when_a_place_tool_is_asked_about_several(chat: Any) -> None:
    body = chat("What is the weather in Paris and London?", tools=[WEATHER])
    assert calls_of(body) == [
        ("get_weather", {"city": "Paris"}),
        ("get_weather", {"city": "London"}),
    ]
    single = chat(
        "What is the weather in Paris and London?", tools=[WEATHER], parallel_tool_calls=False
    )
    assert calls_of(single) == [("get_weather", {"city": "Paris"})]


def test_a_place_with_a_region_after_a_comma_is_one_call(chat: Any) -> None:
    location = function_tool("get_weather", {"location": {"type": "string"}})
    body = chat("What is the weather in San Francisco, CA?", tools=[location])
    assert calls_of(body) == [("get_weather", {"location": "San Francisco, CA"})]
    assert calls_of(chat("Weather in Paris, France?", tools=[WEATHER])) == [
        ("get_weather", {"city": "Paris, France"})
    ]


def test_lists_split_on_conjunctions_and_keep_region_codes(chat: Any) -> None:
    assert calls_of(chat("weather in Paris, London and Rome", tools=[WEATHER])) == [
        ("get_weather", {"city": "Paris"}),
        ("get_weather", {"city": "London"}),
        ("get_weather", {"city": "Rome"}),
    ]
    assert calls_of(chat("weather in Austin, TX and Boston, MA", tools=[WEATHER])) == [
        ("get_weather", {"city": "Austin, TX"}),
        ("get_weather", {"city": "Boston, MA"}),
    ]
    assert calls_of(chat("weather in Oslo; Bergen", tools=[WEATHER])) == [
        ("get_weather", {"city": "Oslo"}),
        ("get_weather", {"city": "Bergen"}),
    ]
    assert calls_of(chat("Oslo then Bergen: what is the weather?", tools=[WEATHER])) == [
        ("get_weather", {"city": "Oslo"}),
        ("get_weather", {"city": "Bergen"}),
    ]


def test_no_tool_matches_so_it_answers_in_text(chat: Any) -> None:
    body = chat("Tell me a story", tools=[WEATHER])
    assert body["choices"][0]["message"]["content"] == "Tell me a story"
    assert "tool_calls" not in body["choices"][0]["message"]


def test_tool_choice_none_required_and_forced(chat: Any) -> None:
    prompt = "weather in Rome"
    assert calls_of(chat(prompt, tools=[WEATHER], tool_choice="none")) == []
    assert calls_of(chat("Tell me a story", tools=[ADD, WEATHER], tool_choice="required")) == [
        ("add", {"a": 1, "b": 1})
    ]
    forced = {"type": "function", "function": {"name": "get_time"}}
    assert calls_of(chat(prompt, tools=[WEATHER, TIME], tool_choice=forced)) == [
        ("get_time", {"timezone": "Rome"})
    ]


def test_tool_choice_naming_a_server_tool_runs_it_instead_of_a_function(
    emu: OpenRouterEmulator, chat: Any
) -> None:
    # {"type": "openrouter:web_search"} forces the server tool (openrouter-api.md §2.4):
    # OpenRouter searches, and the model answers without calling the bound function tool.
    forced = {"type": "openrouter:web_search"}
    body = chat("add 2 and 3", tools=[ADD], tool_choice=forced)
    assert calls_of(body) == []
    message = body["choices"][0]["message"]
    assert message["content"] == "add 2 and 3"
    assert [a["url_citation"]["url"] for a in message["annotations"]] == [
        f"https://example.com/add-2-and-3/{i}" for i in (1, 2, 3)
    ]
    assert body["usage"]["server_tool_use_details"]["web_search_requests"] == 1

    def add(a: int, b: int) -> int:
        """Add two integers."""
        return a + b

    llm = emu.chat_model("openai/gpt-4o-mini").bind_tools(
        [add], tool_choice="openrouter:web_search"
    )
    reply = llm.invoke("add 2 and 3")
    assert reply.tool_calls == []
    assert reply.content == "add 2 and 3"


def test_tool_results_end_the_loop_with_an_answer_that_uses_them(chat: Any) -> None:
    first = chat("weather in Paris", tools=[WEATHER])
    assistant = first["choices"][0]["message"]
    call_id = assistant["tool_calls"][0]["id"]
    messages = [
        {"role": "user", "content": "weather in Paris"},
        assistant,
        {"role": "tool", "tool_call_id": call_id, "content": '{"temp_c": 18}'},
    ]
    body = chat(messages=messages, tools=[WEATHER])
    assert body["choices"][0]["message"]["content"] == (
        'Based on the tool results: get_weather returned {"temp_c": 18}.'
    )
    assert body["choices"][0]["finish_reason"] == "stop"


def test_provider_style_tool_call_ids(chat: Any) -> None:
    claude = chat("weather in Oslo", tools=[WEATHER], model="anthropic/claude-haiku-4.5")
    assert claude["choices"][0]["message"]["tool_calls"][0]["id"].startswith("toolu_01")
    assert claude["choices"][0]["native_finish_reason"] == "tool_use"
    gemini = chat(
        "weather in Oslo",
        tools=[WEATHER],
        model="google/gemini-2.5-flash",
        reasoning={"enabled": False},
    )
    assert gemini["choices"][0]["message"]["tool_calls"][0]["id"].startswith("tool_get_weather_")
    assert gemini["choices"][0]["native_finish_reason"] == "STOP"
    mistral = chat(
        "weather in Oslo", tools=[WEATHER], model="mistralai/mistral-small-3.2-24b-instruct"
    )
    assert len(mistral["choices"][0]["message"]["tool_calls"][0]["id"]) == 9


NESTED = {
    "type": "object",
    "$defs": {
        "Address": {
            "type": "object",
            "properties": {
                "street": {"type": "string"},
                "zip": {"type": "string", "pattern": "^[0-9]{5}$"},
            },
            "required": ["street", "zip"],
            "additionalProperties": False,
        },
    },
    "properties": {
        "location": {"type": "string"},
        "temperature": {"type": "number", "minimum": -50, "maximum": 60},
        "conditions": {"enum": ["sunny", "cloudy", "rain"]},
        "tags": {"type": "array", "items": {"type": "string"}, "minItems": 2, "uniqueItems": True},
        "address": {"$ref": "#/$defs/Address"},
        "note": {"anyOf": [{"type": "null"}, {"type": "string", "maxLength": 5}]},
    },
    "required": ["location", "temperature", "conditions", "tags", "address", "note"],
    "additionalProperties": False,
}


def test_json_schema_answers_validate_and_use_the_prompt(chat: Any) -> None:
    body = chat(
        "Weather in London is 18 degrees and cloudy",
        response_format={
            "type": "json_schema",
            "json_schema": {"name": "weather", "schema": NESTED, "strict": True},
        },
    )
    content = json.loads(body["choices"][0]["message"]["content"])
    jsonschema.validate(content, NESTED)
    assert content["location"] == "London"
    assert content["temperature"] == 18
    assert content["conditions"] == "cloudy"
    assert content["address"]["zip"] == "00000"  # generated from the pattern


def test_json_object_answers_are_json(chat: Any) -> None:
    body = chat("give me json", response_format={"type": "json_object"})
    assert json.loads(body["choices"][0]["message"]["content"]) == {"response": "give me json"}


def test_json_object_answers_have_the_keys_the_prompt_names(chat: Any, call: Call) -> None:
    prompt = (
        "Tell me a joke about cats. Return the result as a JSON with 'setup' and 'punchline' keys."
    )
    body = chat(prompt, response_format={"type": "json_object"})
    content = body["choices"][0]["message"]["content"]
    assert content == '{"setup": "example", "punchline": "example"}'
    streamed = call(
        "POST",
        "/chat/completions",
        {
            "messages": [{"role": "user", "content": prompt}],
            "response_format": {"type": "json_object"},
            "stream": True,
        },
    )
    deltas = [
        e["choices"][0]["delta"].get("content") or ""
        for e in sse_events(streamed)[:-1]
        if e.get("choices")
    ]
    assert "".join(deltas) == content


def test_tool_arguments_validate_against_nested_schemas(chat: Any) -> None:
    tool = {"type": "function", "function": {"name": "save_weather", "parameters": NESTED}}
    name, arguments = calls_of(chat("save weather for Berlin", tools=[tool]))[0]
    assert name == "save_weather"
    jsonschema.validate(arguments, NESTED)
    assert arguments["location"] == "Berlin"


def test_scripted_reply_matches_on_model_and_text(emu: OpenRouterEmulator, chat: Any) -> None:
    rule = emu.script("Scripted!", when="weather", model="openai/gpt-4o")
    assert (
        chat("weather?", model="openai/gpt-4o-mini")["choices"][0]["message"]["content"]
        == "weather?"
    )
    assert chat("hello", model="openai/gpt-4o")["choices"][0]["message"]["content"] == "hello"
    assert (
        chat("WEATHER?", model="openai/gpt-4o")["choices"][0]["message"]["content"] == "Scripted!"
    )
    assert rule.used == 1
    assert chat("weather?", model="openai/gpt-4o")["choices"][0]["message"]["content"] == "weather?"


def test_persistent_scripts_and_order(emu: OpenRouterEmulator, chat: Any) -> None:
    emu.script("first", times=None)
    emu.script("second", times=None)
    assert [chat("x")["choices"][0]["message"]["content"] for _ in range(3)] == ["first"] * 3
    emu.clear_scripts()
    assert chat("x")["choices"][0]["message"]["content"] == "x"


def test_scripted_tool_calls_reasoning_and_finish_reason(
    emu: OpenRouterEmulator, chat: Any
) -> None:
    emu.script(
        tool_calls=[
            {"name": "lookup", "arguments": {"q": "cats"}, "id": "call_fixed"},
            {"name": "lookup", "arguments": '{"q": "dogs"}'},
        ],
        reasoning="Two lookups.",
    )
    body = chat("anything", model="openai/gpt-4o-mini")
    message = body["choices"][0]["message"]
    assert [c["function"]["arguments"] for c in message["tool_calls"]] == [
        '{"q": "cats"}',
        '{"q": "dogs"}',
    ]
    assert message["tool_calls"][0]["id"] == "call_fixed"
    assert message["reasoning"] == "Two lookups."
    assert body["choices"][0]["finish_reason"] == "tool_calls"
    emu.script("cut", finish_reason="content_filter", refusal="I can't.")
    choice = chat("x")["choices"][0]
    assert (choice["finish_reason"], choice["message"]["refusal"]) == ("content_filter", "I can't.")


def test_anthropic_reasoning_is_signed_text(chat: Any) -> None:
    body = chat(
        "Reply with ok", model="anthropic/claude-sonnet-4.5", reasoning={"max_tokens": 2000}
    )
    message = body["choices"][0]["message"]
    assert (
        message["reasoning"]
        == 'The user wrote: "Reply with ok". I should repeat their message back.'
    )
    (detail,) = message["reasoning_details"]
    assert (detail["type"], detail["format"], detail["index"]) == (
        "reasoning.text",
        "anthropic-claude-v1",
        0,
    )
    assert detail["text"] == message["reasoning"]
    assert len(detail["signature"]) > 100
    assert body["usage"]["completion_tokens_details"]["reasoning_tokens"] == 16
    assert_same_shape(body, load_json("chat_completion_reasoning.json"))


def test_openai_reasoning_is_summary_plus_encrypted(chat: Any) -> None:
    body = chat("hi", model="openai/o3-mini")
    details = body["choices"][0]["message"]["reasoning_details"]
    assert [(d["type"], d["index"]) for d in details] == [
        ("reasoning.summary", 0),
        ("reasoning.encrypted", 0),
    ]
    assert details[1]["id"].startswith("rs_")
    assert details[1]["data"].startswith("gAAAAA")
    assert body["choices"][0]["native_finish_reason"] == "completed"
    sample = load_json("chat_completion_reasoning_encrypted.json")
    assert_same_shape(
        body,
        sample,
        allow_extra=(
            "cost",
            "is_byok",
            "cost_details",
            "prompt_tokens_details",
            "image_tokens",
            "audio_tokens",
            "system_fingerprint",
        ),
    )


def test_reasoning_switches(chat: Any, call: Call) -> None:
    def reasoning(**body: Any) -> Any:
        return chat("hi", **body)["choices"][0]["message"]["reasoning"]

    assert reasoning(model="anthropic/claude-sonnet-4.5") is None  # off by default
    assert reasoning(model="anthropic/claude-sonnet-4.5:thinking") is not None
    assert reasoning(model="anthropic/claude-sonnet-4.5", reasoning_effort="high") is not None
    assert reasoning(model="google/gemini-2.5-flash") is not None  # on by default
    assert reasoning(model="google/gemini-2.5-flash", reasoning={"effort": "none"}) is None
    assert (
        reasoning(model="openai/gpt-4o-mini", reasoning={"effort": "high"}) is None
    )  # unsupported
    hidden = chat("hi", model="deepseek/deepseek-r1", reasoning={"exclude": True})
    assert hidden["choices"][0]["message"]["reasoning"] is None
    assert hidden["usage"]["completion_tokens_details"]["reasoning_tokens"] > 0
    refused = call(
        "POST",
        "/chat/completions",
        {
            "model": "openai/o3-mini",
            "reasoning": {"effort": "none"},
            "messages": [{"role": "user", "content": "x"}],
        },
    )
    assert refused.status == 400


def test_reasoning_tokens_count_against_max_tokens(chat: Any) -> None:
    body = chat("a long enough prompt to reason about", model="deepseek/deepseek-r1", max_tokens=5)
    usage = body["usage"]
    assert usage["completion_tokens_details"]["reasoning_tokens"] == 5
    assert body["choices"][0]["message"]["content"] == ""
    assert body["choices"][0]["finish_reason"] == "length"


IMAGE = {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}


def test_image_input_where_the_model_accepts_it(chat: Any, call: Call) -> None:
    messages = [{"role": "user", "content": [{"type": "text", "text": "What is this?"}, IMAGE]}]
    body = chat(messages=messages, model="openai/gpt-4o")
    assert body["choices"][0]["message"]["content"] == "What is this?"
    # A PNG signature without its header: the size is unknown, so the default 1024x1024 (765).
    assert body["usage"]["prompt_tokens"] == 3 + 1 + 4 + 765 + 3
    refused = call(
        "POST",
        "/chat/completions",
        {"model": "meta-llama/llama-3.3-70b-instruct", "messages": messages},
    )
    assert refused.status == 404
    assert refused.json()["error"]["message"] == "No endpoints found that support image input"


def test_audio_input_only_where_supported(chat: Any, call: Call) -> None:
    audio = {"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "wav"}}
    messages = [{"role": "user", "content": [audio]}]
    body = chat(messages=messages, model="google/gemini-2.5-flash", reasoning={"enabled": False})
    assert body["choices"][0]["message"]["content"] == "I received 1 attachment(s): input_audio."
    assert (
        call("POST", "/chat/completions", {"model": "openai/gpt-4o", "messages": messages}).status
        == 404
    )


def test_pdf_files_are_accepted_on_every_model(chat: Any) -> None:
    pdf = {
        "type": "file",
        "file": {"filename": "doc.pdf", "file_data": "data:application/pdf;base64,JVBERi0x"},
    }
    messages = [{"role": "user", "content": [{"type": "text", "text": "Summarise"}, pdf]}]
    body = chat(messages=messages, model="meta-llama/llama-3.3-70b-instruct")
    assert body["choices"][0]["message"]["content"] == "Summarise"


def test_image_output(chat: Any, call: Call) -> None:
    body = chat(
        "Draw an axolotl", model="google/gemini-2.5-flash-image", modalities=["image", "text"]
    )
    message = body["choices"][0]["message"]
    assert message["images"][0]["image_url"]["url"].startswith("data:image/png;base64,")
    assert body["usage"]["completion_tokens_details"]["image_tokens"] == 1290
    assert_same_shape(
        body,
        load_json("chat_completion_image_output.json"),
        allow_extra=("cache_write_tokens", "audio_tokens"),
    )
    refused = call(
        "POST",
        "/chat/completions",
        {
            "model": "openai/gpt-4o",
            "modalities": ["image", "text"],
            "messages": [{"role": "user", "content": "x"}],
        },
    )
    assert refused.status == 404
    assert "output modalities" in refused.json()["error"]["message"]


@pytest.mark.parametrize("model", ["minimax/minimax-m2:free", "qwen/qwen3-32b", "x-ai/grok-4-fast"])
def test_other_reasoning_families_use_reasoning_text(chat: Any, model: str) -> None:
    body = chat("hi", model=model, reasoning={"enabled": True})
    detail = body["choices"][0]["message"]["reasoning_details"][0]
    assert detail["type"] == "reasoning.text"
    assert "signature" not in detail

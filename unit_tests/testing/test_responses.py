"""POST /responses: the stateless Responses API over the scripted model."""

from __future__ import annotations

import json
from typing import Any

from unit_tests.samples import load_json
from unit_tests.testing.conftest import Call
from unit_tests.testing.helpers import overflow_message, sse_events
from unit_tests.testing.shapes import assert_same_shape

WEATHER = {
    "type": "function",
    "name": "get_weather",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
    },
}


def respond(call: Call, **body: Any) -> dict[str, Any]:
    response = call("POST", "/responses", body)
    assert response.status == 200, response.body
    return response.json()  # type: ignore[no-any-return]


def test_text_answer_has_the_recorded_shape(call: Call) -> None:
    body = respond(call, model="openai/gpt-4o-mini", input="Say OK")
    assert_same_shape(
        body,
        load_json("responses_basic.json"),
        allow_extra=("output_text", "user"),
        allow_null=("reasoning", "temperature", "top_p"),
    )
    assert body["id"].startswith("gen-")
    assert body["output"][0]["content"][0]["text"] == "Say OK"
    assert body["usage"]["input_tokens"] > 0
    assert body["store"] is False


def test_items_tools_and_instructions(call: Call) -> None:
    body = respond(
        call,
        instructions="Be brief",
        input=[{"role": "user", "content": [{"type": "input_text", "text": "weather in Lima"}]}],
        tools=[WEATHER],
    )
    (item,) = body["output"]
    assert (item["type"], item["name"], json.loads(item["arguments"])) == (
        "function_call",
        "get_weather",
        {"city": "Lima"},
    )
    follow_up = respond(
        call,
        input=[
            {"role": "user", "content": "weather in Lima"},
            {
                "type": "function_call",
                "call_id": item["call_id"],
                "name": "get_weather",
                "arguments": item["arguments"],
            },
            {"type": "function_call_output", "call_id": item["call_id"], "output": "sunny"},
        ],
        tools=[WEATHER],
    )
    assert follow_up["output"][0]["content"][0]["text"] == (
        "Based on the tool results: get_weather returned sunny."
    )


def test_structured_output_and_truncation(call: Call) -> None:
    schema = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}
    body = respond(
        call,
        input="the number 42",
        text={"format": {"type": "json_schema", "name": "n", "schema": schema}},
    )
    assert json.loads(body["output"][0]["content"][0]["text"]) == {"n": 42}
    cut = respond(call, input="a b c d e f g h", max_output_tokens=2)
    assert (cut["status"], cut["incomplete_details"]) == (
        "incomplete",
        {"reason": "max_output_tokens"},
    )


def test_reasoning_item(call: Call) -> None:
    body = respond(call, model="openai/o3-mini", input="2+2?")
    reasoning, message = body["output"]
    assert reasoning["type"] == "reasoning"
    assert reasoning["summary"][0]["type"] == "summary_text"
    assert body["usage"]["output_tokens_details"]["reasoning_tokens"] > 0
    assert message["type"] == "message"
    assert "encrypted_content" not in reasoning
    included = respond(
        call, model="openai/o3-mini", input="2+2?", include=["reasoning.encrypted_content"]
    )
    assert included["output"][0]["encrypted_content"].startswith("gAAAAA")


def test_stateless(call: Call) -> None:
    response = call("POST", "/responses", {"input": "x", "previous_response_id": "gen-1"})
    assert response.status == 400
    assert call("POST", "/responses", {"input": []}).status == 400


def test_stream_events(call: Call) -> None:
    response = call(
        "POST",
        "/responses",
        {"model": "openai/gpt-oss-20b", "input": "What is 2+2?", "stream": True},
    )
    events = sse_events(response)
    assert events[-1] == "[DONE]"
    events = events[:-1]
    assert [e["sequence_number"] for e in events] == list(range(len(events)))
    types = [e["type"] for e in events]
    assert types[:3] == ["response.created", "response.in_progress", "response.output_item.added"]
    assert types[-1] == "response.completed"
    text = "".join(e["delta"] for e in events if e["type"] == "response.output_text.delta")
    assert text == "What is 2+2?"
    sample = sse_events(load_bytes_sample())[:-1]

    def kind(event: dict[str, Any]) -> tuple[str, Any]:
        return event["type"], (event.get("item") or event.get("part") or {}).get("type")

    by_type = {kind(e): e for e in sample}
    for event in events:
        if kind(event) in by_type and event["type"] != "response.completed":
            assert_same_shape(
                event,
                by_type[kind(event)],
                allow_extra=(
                    "phase",
                    "logprobs",
                    "completed_at",
                    "frequency_penalty",
                    "presence_penalty",
                    "top_logprobs",
                    "text",
                    "usage",
                ),
                allow_null=("truncation", "service_tier"),
                opaque=("response",),
            )
    completed = events[-1]["response"]
    assert completed["usage"]["output_tokens"] > 0


def load_bytes_sample() -> bytes:
    from unit_tests.samples import load_bytes

    return load_bytes("responses_stream.sse")


def test_function_call_stream(call: Call) -> None:
    events = sse_events(
        call("POST", "/responses", {"input": "weather in Lima", "tools": [WEATHER], "stream": True})
    )[:-1]
    arguments = "".join(
        e["delta"] for e in events if e["type"] == "response.function_call_arguments.delta"
    )
    assert json.loads(arguments) == {"city": "Lima"}
    done = next(e for e in events if e["type"] == "response.function_call_arguments.done")
    assert done["name"] == "get_weather"


def test_input_over_the_context_length_is_a_truncated_answer_not_an_error(call: Call) -> None:
    # openrouter-api.md §6.2: length-type errors become a successful, truncated response on
    # /responses, where /chat/completions answers the 400.
    text = "word " * 2000
    fits = call("POST", "/responses", {"model": "qwen/qwen3-32b", "input": text})
    prompt = fits.json()["usage"]["input_tokens"]
    body = {"model": "qwen/qwen3-32b", "input": text, "max_output_tokens": 40960 - prompt + 1}
    chat = {"model": "qwen/qwen3-32b", "messages": [{"role": "user", "content": text}]}
    refused = call("POST", "/chat/completions", {**chat, "max_tokens": 40960 - prompt + 1})
    assert refused.status == 400
    assert refused.json()["error"]["message"] == overflow_message(40960, prompt, 40960 - prompt + 1)
    response = call("POST", "/responses", body)
    assert response.status == 200
    answer = response.json()
    assert answer["status"] == "incomplete"
    assert answer["incomplete_details"] == {"reason": "max_output_tokens"}
    assert answer["output"] == []
    assert answer["error"] is None
    assert answer["usage"]["total_tokens"] == 0
    assert answer["usage"]["cost"] == 0
    events = sse_events(call("POST", "/responses", {**body, "stream": True}))[:-1]
    assert [event["type"] for event in events] == [
        "response.created",
        "response.in_progress",
        "response.incomplete",
    ]
    assert events[-1]["response"]["incomplete_details"] == {"reason": "max_output_tokens"}

"""The requested format holds for the final answer, after a tool round too.

``response_format`` (``json_schema``, ``json_object``) shapes the answer whether or not tool
results came before it; with ``tool_choice: "required"``, the answer after a tool round is a
call to the tool not yet called (an agent's structured-output tool).
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema

from unit_tests.testing.helpers import function_tool, sse_events

WEATHER = function_tool("get_weather", {"city": {"type": "string"}})
REPORT_SCHEMA = {
    "type": "object",
    "properties": {
        "city": {"type": "string"},
        "temperature_c": {"type": "number"},
        "summary": {"type": "string"},
    },
    "required": ["city", "temperature_c", "summary"],
    "additionalProperties": False,
}
REPORT = function_tool("CityReport", REPORT_SCHEMA["properties"])
JSON_SCHEMA = {
    "type": "json_schema",
    "json_schema": {"name": "CityReport", "schema": REPORT_SCHEMA, "strict": True},
}
ASK = {"role": "user", "content": "What is the weather in Paris?"}


def tool_round(chat: Any, tools: list[dict[str, Any]], **body: Any) -> list[dict[str, Any]]:
    """The user's question, the model's get_weather call and its result."""
    first = chat(messages=[ASK], tools=tools, **body)["choices"][0]["message"]
    (call,) = first["tool_calls"]
    assert call["function"]["name"] == "get_weather"
    result = {"role": "tool", "tool_call_id": call["id"], "content": "18 C and sunny in Paris"}
    return [ASK, first, result]


def message_of(body: dict[str, Any]) -> dict[str, Any]:
    return body["choices"][0]["message"]  # type: ignore[no-any-return]


def test_json_schema_after_a_tool_round_validates_and_uses_the_results(chat: Any) -> None:
    messages = tool_round(chat, [WEATHER], response_format=JSON_SCHEMA)
    body = chat(messages=messages, tools=[WEATHER], response_format=JSON_SCHEMA)
    answer = json.loads(message_of(body)["content"])
    jsonschema.validate(answer, REPORT_SCHEMA)
    assert answer["city"] == "Paris"
    assert answer["temperature_c"] == 18
    assert body["choices"][0]["finish_reason"] == "stop"
    assert message_of(body).get("tool_calls") is None


def test_json_schema_without_tools_answers_at_once(chat: Any) -> None:
    answer = json.loads(message_of(chat(messages=[ASK], response_format=JSON_SCHEMA))["content"])
    jsonschema.validate(answer, REPORT_SCHEMA)
    assert answer["city"] == "Paris"


def test_json_object_after_a_tool_round_is_a_json_object(chat: Any) -> None:
    fmt = {"type": "json_object"}
    messages = tool_round(chat, [WEATHER], response_format=fmt)
    content = message_of(chat(messages=messages, tools=[WEATHER], response_format=fmt))["content"]
    assert json.loads(content) == {"response": "What is the weather in Paris?"}


def test_the_streamed_answer_after_a_tool_round_is_the_same_json(chat: Any, call: Any) -> None:
    messages = tool_round(chat, [WEATHER], response_format=JSON_SCHEMA)
    body = {"messages": messages, "tools": [WEATHER], "response_format": JSON_SCHEMA}
    whole = message_of(chat(**body))["content"]
    streamed = call("POST", "/chat/completions", {**body, "stream": True})
    deltas = [
        e["choices"][0]["delta"].get("content") or ""
        for e in sse_events(streamed)[:-1]
        if e.get("choices")
    ]
    assert "".join(deltas) == whole


def test_without_a_format_the_answer_after_a_tool_round_quotes_the_results(chat: Any) -> None:
    messages = tool_round(chat, [WEATHER])
    assert message_of(chat(messages=messages, tools=[WEATHER]))["content"] == (
        "Based on the tool results: get_weather returned 18 C and sunny in Paris."
    )


def test_required_after_a_tool_round_calls_the_tool_not_yet_called(chat: Any) -> None:
    tools = [WEATHER, REPORT]
    messages = tool_round(chat, tools, tool_choice="required")
    body = chat(messages=messages, tools=tools, tool_choice="required")
    (call,) = message_of(body)["tool_calls"]
    assert call["function"]["name"] == "CityReport"
    arguments = json.loads(call["function"]["arguments"])
    jsonschema.validate(arguments, REPORT_SCHEMA)
    assert (arguments["city"], arguments["temperature_c"]) == ("Paris", 18)
    assert body["choices"][0]["finish_reason"] == "tool_calls"


def test_required_with_every_tool_called_calls_what_the_prompt_asks_for(chat: Any) -> None:
    messages = tool_round(chat, [WEATHER], tool_choice="required")
    (call,) = message_of(chat(messages=messages, tools=[WEATHER], tool_choice="required"))[
        "tool_calls"
    ]
    assert call["function"]["name"] == "get_weather"


def test_a_new_user_turn_makes_every_tool_callable_again(chat: Any) -> None:
    tools = [WEATHER, REPORT]
    messages = tool_round(chat, tools, tool_choice="required")
    answer = message_of(chat(messages=messages, tools=tools, tool_choice="required"))
    report_result = {"role": "tool", "tool_call_id": answer["tool_calls"][0]["id"], "content": "ok"}
    again = {"role": "user", "content": "And the weather in Rome?"}
    history = [*messages, answer, report_result, again]
    (call,) = message_of(chat(messages=history, tools=tools, tool_choice="required"))["tool_calls"]
    assert (call["function"]["name"], json.loads(call["function"]["arguments"])) == (
        "get_weather",
        {"city": "Rome"},
    )


def test_a_tool_forced_by_name_is_called_even_after_its_results(chat: Any) -> None:
    forced = {"type": "function", "function": {"name": "get_weather"}}
    messages = tool_round(chat, [WEATHER, REPORT], tool_choice=forced)
    body = chat(messages=messages, tools=[WEATHER, REPORT], tool_choice=forced)
    assert [c["function"]["name"] for c in message_of(body)["tool_calls"]] == ["get_weather"]


MULTIPLY = function_tool("multiply", {"a": {"type": "number"}, "b": {"type": "number"}})


def test_required_skips_offered_tools_nobody_asked_for(chat: Any) -> None:
    tools = [WEATHER, MULTIPLY, REPORT]
    messages = tool_round(chat, tools, tool_choice="required")
    (call,) = message_of(chat(messages=messages, tools=tools, tool_choice="required"))["tool_calls"]
    assert call["function"]["name"] == "CityReport"


def test_required_one_at_a_time_calls_every_asked_tool_before_answering(chat: Any) -> None:
    tools = [WEATHER, MULTIPLY, REPORT]
    body: dict[str, Any] = {"tools": tools, "tool_choice": "required", "parallel_tool_calls": False}
    messages: list[dict[str, Any]] = [
        {"role": "user", "content": "What is the weather in Paris and what is 6 times 7?"}
    ]
    names = []
    for result in ("18 C in Paris", "42", "ok"):
        message = message_of(chat(messages=messages, **body))
        (call,) = message["tool_calls"]
        names.append((call["function"]["name"], json.loads(call["function"]["arguments"])))
        messages += [message, {"role": "tool", "tool_call_id": call["id"], "content": result}]
    assert names == [
        ("get_weather", {"city": "Paris"}),
        ("multiply", {"a": 6, "b": 7}),
        ("CityReport", {"city": "Paris", "temperature_c": 18, "summary": names[2][1]["summary"]}),
    ]


def test_the_responses_api_answers_the_format_after_a_tool_round(call: Any) -> None:
    body = {
        "input": [
            {"type": "message", "role": "user", "content": "What is the weather in Paris?"},
            {"type": "function_call", "call_id": "c1", "name": "get_weather", "arguments": "{}"},
            {"type": "function_call_output", "call_id": "c1", "output": "18 C in Paris"},
        ],
        "tools": [{"type": "function", **WEATHER["function"]}],
        "text": {"format": {"type": "json_schema", "name": "CityReport", "schema": REPORT_SCHEMA}},
    }
    response = call("POST", "/responses", body)
    assert response.status == 200, response.body
    (message,) = [item for item in response.json()["output"] if item["type"] == "message"]
    answer = json.loads(message["content"][0]["text"])
    jsonschema.validate(answer, REPORT_SCHEMA)
    assert (answer["city"], answer["temperature_c"]) == ("Paris", 18)

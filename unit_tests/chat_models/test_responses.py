"""The Responses API path: request bodies, the recorded samples replayed, errors, exact values."""

from __future__ import annotations

import functools
import operator
from typing import Any

import httpx
import pytest
from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    HumanMessage,
    SystemMessage,
    ToolMessage,
)

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.chat_models.messages import convert_messages
from langchain_openrouter.chat_models.responses import reasoning_items, to_responses_body
from langchain_openrouter.chat_models.responses_results import parse_response
from langchain_openrouter.chat_models.responses_stream import ResponsesStreamAccumulator
from langchain_openrouter.errors import (
    BadRequestError,
    InternalServerError,
    RateLimitError,
    StreamError,
)
from unit_tests.chat_models.conftest import read_sample
from unit_tests.samples import load_bytes

# --- the recorded non-streaming sample ---------------------------------------------------


def test_basic_sample_parses_exactly() -> None:
    result = parse_response(read_sample("responses_basic.json"))
    message = result.generations[0].message
    assert isinstance(message, AIMessage)
    assert message.content == "OK"
    assert message.id == "gen-1784286312-3R0SU4Mb8ucOpEJ79d2o"
    assert message.tool_calls == []
    assert message.additional_kwargs == {}
    assert message.usage_metadata == {
        "input_tokens": 4020,
        "output_tokens": 5,
        "total_tokens": 4025,
        "input_token_details": {"cache_read": 0, "cache_creation": 4012},
        "output_token_details": {"reasoning": 0},
    }
    metadata = message.response_metadata
    assert metadata["model_name"] == "openai/gpt-5.6-sol"
    assert metadata["finish_reason"] == "stop"
    assert metadata["native_finish_reason"] == "completed"
    assert metadata["status"] == "completed"
    assert metadata["created"] == 1784286312
    assert metadata["service_tier"] == "default"
    assert metadata["model_provider"] == "openrouter"
    assert metadata["cost"] == 0.025265
    assert metadata["is_byok"] is False
    assert metadata["cost_details"] == {
        "upstream_inference_cost": 0.025265,
        "upstream_inference_prompt_cost": 0.025115,
        "upstream_inference_completions_cost": 0.00015,
    }
    # The same names as a chat completion's usage, so cost tracking reads one shape.
    assert metadata["token_usage"] == {
        "prompt_tokens": 4020,
        "prompt_tokens_details": {"cache_write_tokens": 4012, "cached_tokens": 0},
        "completion_tokens": 5,
        "completion_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": 4025,
        "cost": 0.025265,
        "is_byok": False,
        "cost_details": metadata["cost_details"],
    }
    assert result.llm_output == {
        "model_name": "openai/gpt-5.6-sol",
        "id": "gen-1784286312-3R0SU4Mb8ucOpEJ79d2o",
        "token_usage": metadata["token_usage"],
    }
    assert result.generations[0].generation_info == {"finish_reason": "stop"}


# --- the recorded stream -----------------------------------------------------------------

REASONING = 'The user asks: "What is 2+2?" They expect a straightforward answer: 4. Just answer 4.'


def _replay(events: list[dict[str, Any]]) -> tuple[list[AIMessageChunk], AIMessageChunk]:
    acc = ResponsesStreamAccumulator()
    chunks = [c for event in events for c in acc.feed(event)] + acc.finish()
    messages = [c.message for c in chunks]
    assert all(isinstance(m, AIMessageChunk) for m in messages)
    return messages, functools.reduce(operator.add, messages)  # type: ignore[arg-type]


def test_stream_sample_replays_exactly() -> None:
    events = read_sample("responses_stream.sse")
    assert len(events) == 40  # the keep-alive comment and [DONE] are not events
    messages, total = _replay(events)
    # 26 reasoning deltas, 1 text delta, the final chunk.
    assert len(messages) == 28
    assert total.content == "4"
    assert total.additional_kwargs["reasoning"] == REASONING
    assert total.additional_kwargs["reasoning_content"] == REASONING
    # The item ids change between the stream and the final response: the final ones count.
    assert total.additional_kwargs["reasoning_details"] == [
        {
            "type": "reasoning.text",
            "text": REASONING,
            "id": "rs_tmp_ku4i7pagjwn",
            "format": "openai-responses-v1",
            "index": 0,
        }
    ]
    assert total.usage_metadata == {
        "input_tokens": 78,
        "output_tokens": 37,
        "total_tokens": 115,
        "input_token_details": {"cache_read": 0},
        "output_token_details": {"reasoning": 22},
    }
    metadata = total.response_metadata
    assert metadata["finish_reason"] == "stop"
    assert metadata["model_name"] == "openai/gpt-oss-20b"
    assert metadata["id"] == "gen-1764265411-Fu1iEX7h5MRWiL79lb94"
    assert metadata["cost"] == 0.0000113
    assert metadata["cost_details"] == {
        "upstream_inference_cost": None,
        "upstream_inference_prompt_cost": 0.0000039,
        "upstream_inference_completions_cost": 0.0000074,
    }
    assert total.id == "gen-1764265411-Fu1iEX7h5MRWiL79lb94"
    assert total.chunk_position == "last"


def test_stream_sample_aggregate_equals_the_final_response_parsed() -> None:
    events = read_sample("responses_stream.sse")
    _, total = _replay(events)
    parsed = parse_response(events[-1]["response"]).generations[0].message
    assert total.content == parsed.content
    assert total.additional_kwargs == parsed.additional_kwargs
    assert total.usage_metadata == parsed.usage_metadata
    for key in ("finish_reason", "id", "model_name", "token_usage", "cost", "status"):
        assert total.response_metadata[key] == parsed.response_metadata[key]


def _function_call_events() -> list[dict[str, Any]]:
    def call(index: int, item_id: str, call_id: str, name: str, pieces: list[str]) -> list[Any]:
        item = {"type": "function_call", "id": item_id, "call_id": call_id, "name": name}
        return [
            {
                "type": "response.output_item.added",
                "output_index": index,
                "item": {**item, "arguments": ""},
            },
            *[
                {
                    "type": "response.function_call_arguments.delta",
                    "item_id": item_id,
                    "output_index": index,
                    "delta": piece,
                }
                for piece in pieces
            ],
            {
                "type": "response.function_call_arguments.done",
                "item_id": item_id,
                "output_index": index,
                "arguments": "".join(pieces),
                "name": name,
            },
        ]

    final = {
        "id": "gen-9",
        "model": "openai/gpt-5-mini",
        "status": "completed",
        "output": [
            {
                "type": "function_call",
                "id": "fc_1",
                "call_id": "call_a",
                "name": "weather",
                "arguments": '{"city": "Paris"}',
            },
            {
                "type": "function_call",
                "id": "fc_2",
                "call_id": "call_b",
                "name": "time",
                "arguments": '{"tz": "CET"}',
            },
        ],
        "usage": {"input_tokens": 10, "output_tokens": 8, "total_tokens": 18},
    }
    return [
        {
            "type": "response.created",
            "response": {
                "id": "gen-9",
                "model": "openai/gpt-5-mini",
                "status": "in_progress",
                "output": [],
            },
        },
        *call(0, "fc_1", "call_a", "weather", ['{"city"', ': "Par', 'is"}']),
        *call(1, "fc_2", "call_b", "time", ['{"tz": ', '"CET"}']),
        {"type": "response.completed", "response": final},
    ]


def test_stream_function_calls_keep_stable_indexes() -> None:
    messages, total = _replay(_function_call_events())
    indexes = [c["index"] for m in messages for c in m.tool_call_chunks]
    assert indexes == [0, 0, 0, 0, 1, 1, 1]
    first = messages[0].tool_call_chunks[0]
    assert (first["id"], first["name"], first["args"]) == ("call_a", "weather", None)
    # id and name come once per call: LangChain would concatenate a repeat.
    assert [c["id"] for m in messages for c in m.tool_call_chunks].count("call_a") == 1
    assert total.tool_calls == [
        {"name": "weather", "args": {"city": "Paris"}, "id": "call_a", "type": "tool_call"},
        {"name": "time", "args": {"tz": "CET"}, "id": "call_b", "type": "tool_call"},
    ]
    assert total.response_metadata["finish_reason"] == "tool_calls"
    parsed = parse_response(_function_call_events()[-1]["response"]).generations[0].message
    assert parsed.tool_calls == total.tool_calls


def test_stream_done_event_fills_arguments_never_streamed() -> None:
    events = [
        {
            "type": "response.output_item.added",
            "output_index": 0,
            "item": {"type": "function_call", "id": "fc_1", "call_id": "c", "name": "f"},
        },
        {
            "type": "response.function_call_arguments.done",
            "item_id": "fc_1",
            "arguments": '{"x": 1}',
        },
        {"type": "response.completed", "response": {"status": "completed", "output": []}},
    ]
    _, total = _replay(events)
    assert total.tool_calls == [{"name": "f", "args": {"x": 1}, "id": "c", "type": "tool_call"}]


@pytest.mark.parametrize(
    ("event", "code"),
    [
        (
            {"type": "error", "code": "server_error", "message": "boom", "param": None},
            "server_error",
        ),
        (
            {
                "type": "response.failed",
                "response": {
                    "id": "gen-2",
                    "status": "failed",
                    "error": {"code": "rate_limit_exceeded", "message": "boom"},
                },
            },
            "rate_limit_exceeded",
        ),
    ],
)
def test_stream_failure_events_raise_stream_error(event: dict[str, Any], code: str) -> None:
    acc = ResponsesStreamAccumulator()
    acc.feed({"type": "response.output_text.delta", "delta": "Par"})
    with pytest.raises(StreamError) as info:
        acc.feed(event)
    assert info.value.code == code
    assert info.value.message == "boom"
    acc.absorb_error_chunk(info.value.chunk)
    assert acc.partial().content == "Par"


# --- failures and truncation ------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "cls", "status"),
    [
        ("rate_limit_exceeded", RateLimitError, 429),
        ("server_error", InternalServerError, 500),
        ("invalid_prompt", BadRequestError, 400),
    ],
)
def test_failed_response_raises_the_typed_error(code: str, cls: type, status: int) -> None:
    body = {
        "id": "gen-3",
        "status": "failed",
        "error": {"code": code, "message": "nope"},
        "error_type": "upstream_error",
        "output": [],
    }
    with pytest.raises(cls) as info:
        parse_response(body)
    assert info.value.status_code == status
    assert info.value.code == code
    assert info.value.error_type == "upstream_error"
    assert info.value.request_id == "gen-3"


@pytest.mark.parametrize(
    ("reason", "finish"), [("max_output_tokens", "length"), ("content_filter", "content_filter")]
)
def test_incomplete_response_sets_the_finish_reason(reason: str, finish: str) -> None:
    body = {
        "id": "gen-4",
        "status": "incomplete",
        "incomplete_details": {"reason": reason},
        "output": [{"type": "message", "content": [{"type": "output_text", "text": "Par"}]}],
    }
    message = parse_response(body).generations[0].message
    assert message.content == "Par"
    assert message.response_metadata["finish_reason"] == finish
    assert message.response_metadata["native_finish_reason"] == reason
    assert message.response_metadata["incomplete_details"] == {"reason": reason}


# --- request bodies ---------------------------------------------------------------------


def _body(messages: list[Any], **kwargs: Any) -> dict[str, Any]:
    llm = ChatOpenRouter(model="openai/gpt-5-mini", api_key="sk-or-v1-test", **kwargs)
    path, body, _ = llm._prepare(messages, None, {"use_responses_api": True}, stream=False)
    assert path == "/responses"
    return body


def test_request_body_from_a_conversation() -> None:
    history = [
        SystemMessage("Be brief."),
        HumanMessage(
            [
                {"type": "text", "text": "Look"},
                {"type": "image", "url": "https://example.com/a.png"},
            ]
        ),
        AIMessage(
            "Checking.",
            tool_calls=[{"name": "look", "args": {"q": 1}, "id": "c1"}],
            additional_kwargs={
                "reasoning_details": [
                    {
                        "type": "reasoning.summary",
                        "summary": "Use the tool.",
                        "id": "rs_9",
                        "format": "openai-responses-v1",
                        "index": 0,
                    },
                    {
                        "type": "reasoning.encrypted",
                        "data": "gAAAA",
                        "id": "rs_9",
                        "format": "openai-responses-v1",
                        "index": 1,
                    },
                ]
            },
        ),
        ToolMessage("a cat", tool_call_id="c1"),
    ]
    body = _body(history, max_tokens=64, temperature=0, verbosity="low")
    assert body["input"] == [
        {"type": "message", "role": "system", "content": "Be brief."},
        {
            "type": "message",
            "role": "user",
            "content": [
                {"type": "input_text", "text": "Look"},
                {"type": "input_image", "image_url": "https://example.com/a.png", "detail": "auto"},
            ],
        },
        # Ids of OpenAI reasoning items are dropped, as on the chat path: OpenRouter cannot
        # resolve them later; the encrypted content carries the reasoning.
        {
            "type": "reasoning",
            "summary": [{"type": "summary_text", "text": "Use the tool."}],
            "encrypted_content": "gAAAA",
        },
        {
            "type": "message",
            "role": "assistant",
            "content": [{"type": "output_text", "text": "Checking.", "annotations": []}],
        },
        {"type": "function_call", "call_id": "c1", "name": "look", "arguments": '{"q": 1}'},
        {"type": "function_call_output", "call_id": "c1", "output": "a cat"},
    ]
    assert body["max_output_tokens"] == 64
    assert body["temperature"] == 0
    assert body["text"] == {"verbosity": "low"}
    assert body["include"] == ["reasoning.encrypted_content"]
    assert "messages" not in body
    assert "max_tokens" not in body


def test_request_body_tools_choice_and_schema() -> None:
    llm = ChatOpenRouter(model="openai/gpt-5-mini", api_key="sk-or-v1-test")

    def weather(city: str) -> str:
        """Weather in a city."""
        return city

    bound = llm.bind_tools([weather], tool_choice="weather", strict=True)
    kwargs = {**bound.kwargs, "use_responses_api": True}  # type: ignore[attr-defined]
    _, body, _ = llm._prepare([HumanMessage("hi")], None, kwargs, stream=True)
    assert body["tools"] == [
        {
            "type": "function",
            "name": "weather",
            "description": "Weather in a city.",
            "parameters": {
                "type": "object",
                "properties": {"city": {"type": "string"}},
                "required": ["city"],
                "additionalProperties": False,
            },
            "strict": True,
        }
    ]
    assert body["tool_choice"] == {"type": "function", "name": "weather"}
    assert body["stream"] is True
    fmt = {
        "type": "json_schema",
        "json_schema": {"name": "Joke", "schema": {"type": "object"}, "strict": True},
    }
    body = to_responses_body({"messages": [], "response_format": fmt})
    assert body["text"] == {
        "format": {
            "type": "json_schema",
            "name": "Joke",
            "schema": {"type": "object"},
            "strict": True,
        }
    }


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"stop": ["x"]}, "stop"),
        ({"logit_bias": {"1": 2}}, "logit_bias"),
        ({"logprobs": True}, "logprobs"),
    ],
)
def test_parameters_without_a_responses_counterpart_fail_before_sending(
    kwargs: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValueError, match=rf"^{field} is not supported with use_responses_api"):
        _body([HumanMessage("hi")], **kwargs)


def test_video_input_fails_with_the_message_named() -> None:
    video = {"type": "video", "url": "https://example.com/v.mp4", "mime_type": "video/mp4"}
    with pytest.raises(ValueError, match=r"^messages\[0\] \(user\): a 'video_url'"):
        _body([HumanMessage([video])])


def test_reasoning_items_group_details_of_one_item() -> None:
    wire = convert_messages(
        [
            AIMessage(
                "",
                additional_kwargs={
                    "reasoning_details": [
                        {
                            "type": "reasoning.text",
                            "text": "a",
                            "format": "openai-responses-v1",
                            "index": 0,
                        },
                        {
                            "type": "reasoning.encrypted",
                            "data": "E1",
                            "format": "openai-responses-v1",
                            "index": 1,
                        },
                        {
                            "type": "reasoning.encrypted",
                            "data": "E2",
                            "format": "openai-responses-v1",
                            "index": 2,
                        },
                        {
                            "type": "reasoning.text",
                            "text": "claude",
                            "signature": "s",
                            "format": "anthropic-claude-v1",
                            "index": 3,
                        },
                    ]
                },
            )
        ]
    )
    assert reasoning_items(wire[0]["reasoning_details"]) == [
        {
            "type": "reasoning",
            "summary": [],
            "content": [{"type": "reasoning_text", "text": "a"}],
            "encrypted_content": "E1",
        },
        {"type": "reasoning", "summary": [], "encrypted_content": "E2"},
    ]


def test_per_call_flag_routes_one_call(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        if request.url.path.endswith("/responses"):
            return httpx.Response(200, content=load_bytes("responses_basic.json"))
        return httpx.Response(200, content=load_bytes("chat_completion_basic.json"))

    llm = ChatOpenRouter(
        model="openai/gpt-5-mini",
        api_key="sk-or-v1-test",
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
    )
    assert llm.invoke("hi", use_responses_api=True).content == "OK"
    llm.invoke("hi")
    assert [path.rsplit("/", 1)[-1] for path in seen] == ["responses", "completions"]


def test_annotations_and_refusal_in_the_chat_shape() -> None:
    citation = {
        "type": "url_citation",
        "url": "https://example.com",
        "title": "Example",
        "start_index": 0,
        "end_index": 4,
    }
    message_item = {
        "type": "message",
        "content": [
            {"type": "output_text", "text": "Text", "annotations": [citation]},
            {"type": "refusal", "refusal": "No."},
        ],
    }
    final = {"id": "gen-5", "status": "completed", "output": [message_item]}
    parsed = parse_response(final).generations[0].message
    chat_citation = {
        "type": "url_citation",
        "url_citation": {
            "url": "https://example.com",
            "title": "Example",
            "start_index": 0,
            "end_index": 4,
        },
    }
    assert parsed.additional_kwargs == {"refusal": "No.", "annotations": [chat_citation]}
    events = [
        {"type": "response.output_text.delta", "delta": "Text"},
        {"type": "response.output_text.annotation.added", "annotation": citation},
        {"type": "response.refusal.delta", "delta": "No."},
        {"type": "response.completed", "response": final},
    ]
    _, total = _replay(events)
    assert total.content == "Text"
    assert total.additional_kwargs == parsed.additional_kwargs

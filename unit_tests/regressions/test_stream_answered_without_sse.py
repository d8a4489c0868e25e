"""A stream request answered ``200`` without an event stream is read, never yields emptiness.

Users of other integrations report ``200`` answers to ``stream: true`` that carry only
``{"error": {...}}``, and gateways or providers that ignore ``stream`` and return a whole
completion. ``stream()`` used to yield one empty chunk and end. The rule: the stream path looks
at the content type; a JSON error body is retried and raised exactly as the non-streamed path
retries and raises it; a JSON completion is delivered as the stream's chunks (the sum equals
``invoke()``); anything else is a typed error naming the content type. The text never says
"retried" when no retry happened.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from langchain_core.messages import AIMessageChunk

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.errors import (
    APIStatusError,
    BadRequestError,
    InsufficientCreditsError,
    NoProviderAvailableError,
    RateLimitError,
    UpstreamError,
)
from unit_tests.samples import load_json

Answer = Callable[[], httpx.Response]


class Server:
    """Answers every request with ``answer()``; records the bodies."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.bodies: list[bytes] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.bodies.append(request.content)
        return self.answer()


def model(server: Server, **kwargs: Any) -> ChatOpenRouter:
    transport = httpx.MockTransport(server)
    return ChatOpenRouter(
        model="openai/gpt-4o-mini",
        api_key="sk-or-v1-test",
        http_client=httpx.Client(transport=transport),
        http_async_client=httpx.AsyncClient(transport=transport),
        **kwargs,
    )


def json_answer(body: Any, content_type: str = "application/json") -> Answer:
    return lambda: httpx.Response(200, json=body, headers={"content-type": content_type})


def raw_answer(raw: bytes, content_type: str) -> Answer:
    return lambda: httpx.Response(200, content=raw, headers={"content-type": content_type})


def total(chunks: list[Any]) -> AIMessageChunk:
    summed = functools.reduce(operator.add, chunks)
    assert isinstance(summed, AIMessageChunk)
    return summed


def comparable(message: Any) -> dict[str, Any]:
    return {
        "content": message.content,
        "tool_calls": message.tool_calls,
        "invalid_tool_calls": message.invalid_tool_calls,
        "additional_kwargs": message.additional_kwargs,
        "usage_metadata": message.usage_metadata,
        "response_metadata": message.response_metadata,
        "id": message.id,
    }


COMPLETIONS = [
    "chat_completion_basic.json",
    "chat_completion_cached_usage.json",
    "chat_completion_file_annotation.json",
    "chat_completion_image_output.json",
    "chat_completion_reasoning.json",
    "chat_completion_reasoning_encrypted.json",
    "chat_completion_structured.json",
    "chat_completion_tool_calls.json",
    "chat_completion_tool_calls_byok.json",
    "chat_completion_web_search_annotations.json",
]


@pytest.mark.parametrize("sample", COMPLETIONS)
def test_a_whole_completion_streams_as_what_invoke_returns(sample: str) -> None:
    llm = model(Server(json_answer(load_json(sample))))
    invoked = llm.invoke("hi")
    streamed = total(list(llm.stream("hi")))
    assert comparable(streamed) == comparable(invoked)
    assert streamed.content or streamed.tool_calls or streamed.additional_kwargs


@pytest.mark.parametrize(
    "sample", ["chat_completion_basic.json", "chat_completion_tool_calls.json"]
)
async def test_a_whole_completion_astreams_as_what_ainvoke_returns(sample: str) -> None:
    llm = model(Server(json_answer(load_json(sample))))
    invoked = await llm.ainvoke("hi")
    streamed = total([chunk async for chunk in llm.astream("hi")])
    assert comparable(streamed) == comparable(invoked)


def test_the_request_still_asked_for_a_stream() -> None:
    server = Server(json_answer(load_json("chat_completion_basic.json")))
    list(model(server).stream("hi"))
    assert b'"stream":true' in server.bodies[0].replace(b" ", b"")


ERROR_BODIES = [
    ({"error": {"code": 502, "message": "Provider returned error"}}, UpstreamError),
    ({"error": {"code": 429, "message": "Rate limit exceeded"}}, RateLimitError),
    ({"error": {"code": 402, "message": "Insufficient credits"}}, InsufficientCreditsError),
    ({"error": {"code": 400, "message": "Invalid model"}}, BadRequestError),
    ({"error": {"code": 503, "message": "No endpoints"}}, NoProviderAvailableError),
    ({"error": {"code": "server_error", "message": "boom"}}, UpstreamError),
    ({"error": {"message": "no code at all"}}, UpstreamError),
]


@pytest.mark.parametrize(("body", "cls"), ERROR_BODIES)
@pytest.mark.parametrize("max_retries", [0, 2])
def test_a_json_error_body_raises_the_non_streamed_class(
    body: dict[str, Any],
    cls: type[APIStatusError],
    max_retries: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("time.sleep", lambda _: None)
    server = Server(json_answer(body))
    llm = model(server, max_retries=max_retries)
    with pytest.raises(APIStatusError) as non_streamed:
        llm.invoke("hi")
    with pytest.raises(APIStatusError) as streamed:
        list(llm.stream("hi"))
    assert type(streamed.value) is type(non_streamed.value) is cls
    assert streamed.value.message == body["error"]["message"]
    assert "retried" not in str(streamed.value)
    assert "retried" not in str(non_streamed.value)
    # Retried as the status of its code would be, streamed or not.
    attempts = 1 if cls in (BadRequestError, InsufficientCreditsError) else max_retries + 1
    assert (streamed.value.attempts, non_streamed.value.attempts) == (attempts, attempts)
    assert len(server.bodies) == 2 * attempts


async def test_a_json_error_body_raises_in_astream_too() -> None:
    llm = model(Server(json_answer({"error": {"code": 429, "message": "slow down"}})))
    with pytest.raises(RateLimitError, match="slow down"):
        [chunk async for chunk in llm.astream("hi")]


def test_a_choice_error_in_a_whole_completion_raises_with_the_partial() -> None:
    body = load_json("chat_completion_basic.json")
    body["choices"][0]["finish_reason"] = "error"
    body["choices"][0]["error"] = {"code": 502, "message": "provider died"}
    llm = model(Server(json_answer(body)))
    with pytest.raises(UpstreamError) as non_streamed:
        llm.invoke("hi")
    with pytest.raises(UpstreamError) as streamed:
        list(llm.stream("hi"))
    assert streamed.value.partial is not None
    assert streamed.value.partial.content == non_streamed.value.partial.content != ""


OTHER_ANSWERS = [
    ("text/html; charset=utf-8", b"<html><body><h1>Bad gateway</h1></body></html>", "text/html"),
    ("text/plain", b"", "text/plain"),
    ("application/json", b"", "application/json"),
    ("application/json", b"[1, 2]", "application/json"),
    ("application/json", b"not json", "application/json"),
    ("application/octet-stream", b"\x00\x01", "application/octet-stream"),
]


@pytest.mark.parametrize(("content_type", "raw", "named"), OTHER_ANSWERS)
def test_anything_else_is_a_typed_error_naming_the_content_type(
    content_type: str, raw: bytes, named: str
) -> None:
    answer = raw_answer(raw, content_type)
    llm = model(Server(answer), max_retries=0)
    with pytest.raises(APIStatusError) as info:
        list(llm.stream("hi"))
    text = str(info.value)
    assert named in text
    assert "text/event-stream" in text
    assert "retried" not in text
    assert "https://openrouter.ai/api/v1/chat/completions" in text
    assert "sk-or-v1-test" not in text


async def test_anything_else_is_a_typed_error_in_astream_too() -> None:
    answer = raw_answer(b"<p>hi</p>", "text/html")
    llm = model(Server(answer))
    with pytest.raises(APIStatusError, match="text/html"):
        [chunk async for chunk in llm.astream("hi")]


def test_an_event_stream_with_parameters_is_still_an_event_stream() -> None:
    raw = (
        b'data: {"id": "gen-1", "model": "m", "choices": [{"index": 0, "delta": '
        b'{"content": "ok"}, "finish_reason": "stop"}]}\n\ndata: [DONE]\n\n'
    )
    answer = raw_answer(raw, "text/event-stream; charset=utf-8")
    assert total(list(model(Server(answer)).stream("hi"))).content == "ok"


@pytest.mark.parametrize(("content_type", "raw", "named"), OTHER_ANSWERS[:3])
def test_a_non_streamed_answer_that_is_not_json_names_its_content_type(
    content_type: str, raw: bytes, named: str
) -> None:
    llm = model(Server(raw_answer(raw, content_type)))
    with pytest.raises(APIStatusError) as info:
        llm.invoke("hi")
    text = str(info.value)
    assert f"with {named}" in text
    assert "instead of JSON" in text
    assert "https://openrouter.ai/api/v1/chat/completions" in text

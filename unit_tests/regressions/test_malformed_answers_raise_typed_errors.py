"""A malformed 2xx answer raises an ``OpenRouterError`` that says what was wrong.

Found by the property tests in ``unit_tests/fuzz``: a body nested too deeply escaped as
``RecursionError`` from the JSON decoder (plain and streamed answers, error bodies); an
``error_type`` that is an object made the status table raise ``TypeError: unhashable``; a
``data: null`` stream event, a choice that is a string and a Responses ``output`` that is not a
list escaped as ``AttributeError``; a utility answer of the wrong shape escaped as pydantic's
``ValidationError`` (or ``ValueError``) quoting the body, which for the PKCE exchange holds a key;
and an error event whose other fields were malformed lost its ``StreamError`` to the parse
failure of those fields.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from langchain_openrouter import ChatOpenRouter, get_credits
from langchain_openrouter._client.sse import EventStreamDecoder
from langchain_openrouter.chat_models.responses_results import parse_response
from langchain_openrouter.chat_models.results import parse_chat_completion
from langchain_openrouter.chat_models.streaming import StreamAccumulator
from langchain_openrouter.errors import (
    APIStatusError,
    BadRequestError,
    OpenRouterError,
    StreamError,
    error_from_response,
)
from langchain_openrouter.platform import auth, credits

BASE_URL = "https://openrouter.test/api/v1"
DEEP = b"[" * 100_000 + b"]" * 100_000


def _model(status: int, raw: bytes, content_type: str) -> ChatOpenRouter:
    transport = httpx.MockTransport(
        lambda request: httpx.Response(status, content=raw, headers={"content-type": content_type})
    )
    return ChatOpenRouter(
        model="openai/gpt-4o-mini",
        api_key="sk-or-v1-x",
        base_url=BASE_URL,
        max_retries=0,
        http_client=httpx.Client(transport=transport),
    )


def test_json_nested_too_deeply_is_a_typed_error() -> None:
    model = _model(200, DEEP, "application/json")
    try:
        with pytest.raises(APIStatusError, match="instead of JSON"):
            model.invoke("Hi")
    finally:
        model.http_client.close()  # type: ignore[union-attr]


def test_a_stream_event_nested_too_deeply_is_a_typed_error() -> None:
    model = _model(200, b"data: " + DEEP + b"\n\n", "text/event-stream")
    try:
        with pytest.raises(OpenRouterError, match="an event's data is not JSON"):
            list(model.stream("Hi"))
    finally:
        model.http_client.close()  # type: ignore[union-attr]


def test_an_error_body_nested_too_deeply_keeps_its_status_class() -> None:
    response = httpx.Response(400, content=DEEP, request=httpx.Request("GET", BASE_URL))
    error = error_from_response(response)
    assert isinstance(error, BadRequestError)
    assert error.message.startswith("[[[")


def test_an_object_where_error_type_is_a_string_still_maps_the_status() -> None:
    body = b'{"error": {"code": 400, "message": "bad", "metadata": {"error_type": {"a": 1}}}}'
    response = httpx.Response(400, content=body, request=httpx.Request("GET", BASE_URL))
    error = error_from_response(response)
    assert type(error) is BadRequestError
    assert error.message == "bad"


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"choices": ["hello"]}, "choices is not a list of objects"),
        ({"choices": {"0": {}}}, "choices is not a list of objects"),
        ({"choices": [{"message": "hello"}]}, "a choice's message is str"),
        (["not", "an", "object"], "the body is list, not an object"),
        ({"choices": [{"message": {"tool_calls": "x"}}]}, "a value has the wrong type"),
    ],
)
def test_a_malformed_chat_completion_names_the_route_and_the_fault(body: Any, says: str) -> None:
    with pytest.raises(OpenRouterError) as info:
        parse_chat_completion(body)
    assert str(info.value).startswith("OpenRouter's answer to POST /chat/completions is malformed")
    assert says in str(info.value)


def test_a_malformed_responses_answer_names_the_route() -> None:
    with pytest.raises(OpenRouterError, match=r"POST /responses is malformed: output is not a"):
        parse_response({"output": "text"})


def test_a_stream_event_that_is_not_an_object_is_a_typed_error() -> None:
    decoder = EventStreamDecoder()
    with pytest.raises(OpenRouterError, match="an event is NoneType, not an object"):
        decoder.feed(b"data: null\n\n")
    with pytest.raises(OpenRouterError, match="an event's data is not JSON"):
        EventStreamDecoder().feed(b'data: {"choices": [\n\n')


def test_a_malformed_stream_chunk_names_the_stream() -> None:
    with pytest.raises(OpenRouterError, match=r"POST /chat/completions stream is malformed"):
        StreamAccumulator().feed({"choices": [{"delta": "text"}]})


def test_a_utility_answer_of_the_wrong_shape_names_the_fields_not_the_values() -> None:
    with pytest.raises(OpenRouterError) as info:
        credits.CREDITS.parse({"data": {"total_credits": "lots", "total_usage": 0}})
    assert "GET /credits is malformed: total_credits" in str(info.value)
    assert "lots" not in str(info.value)
    with pytest.raises(OpenRouterError) as info:
        auth.EXCHANGE.parse({"key": "sk-or-v1-secret", "user_id": {"nested": True}})
    assert "user_id" in str(info.value)
    assert "sk-or-v1-secret" not in str(info.value)


def test_a_utility_function_over_a_malformed_answer_raises_the_typed_error() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={"data": None}))
    with httpx.Client(transport=transport) as http, pytest.raises(OpenRouterError) as info:
        get_credits(api_key="k", base_url=BASE_URL, client=http)
    assert not isinstance(info.value, APIStatusError)
    assert "GET /credits is malformed" in str(info.value)


def test_an_error_event_with_malformed_fields_still_raises_its_stream_error() -> None:
    model = _model(
        200,
        b'data: {"choices": [{"delta": {"content": "Hel"}}]}\n\n'
        b'data: {"error": {"code": 502, "message": "Provider disconnected"}, "choices": "x"}\n\n',
        "text/event-stream",
    )
    try:
        with pytest.raises(StreamError, match="Provider disconnected") as info:
            list(model.stream("Hi"))
    finally:
        model.http_client.close()  # type: ignore[union-attr]
    assert info.value.code == 502
    assert info.value.partial is not None
    assert info.value.partial.content == "Hel"

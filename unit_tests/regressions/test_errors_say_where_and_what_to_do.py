"""Errors name the URL they tried, where its base URL came from, and one next step.

Tried as a new user would: a closed port gave ``APIConnectionError: ... failed to connect after
3 attempt(s): ConnectError: [Errno 111] Connection refused``, with no URL and no hint, although
the base URL may have come silently from ``OPENROUTER_BASE_URL`` or ``OPENROUTER_API_BASE``. The
rule: every connection, timeout and stream error names the URL it tried (never the key), the
environment variable the base URL came from, and one concrete next step; a 404 from a route
that does not exist points at the base URL's path; a model id without ``author/`` that
OpenRouter does not know gets the prefix suggested; ``.message`` stays OpenRouter's text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest

import langchain_openrouter
from langchain_openrouter import ChatOpenRouter, errors
from langchain_openrouter.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    BadRequestError,
    NotFoundError,
    StreamError,
)
from unit_tests.samples import load_json

KEY = "sk-or-v1-" + "a1b2c3" * 10
URL = "https://openrouter.ai/api/v1/chat/completions"


@pytest.fixture(autouse=True)
def _no_sleep_no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    async def no_sleep(_: float) -> None:
        return None

    monkeypatch.setattr("time.sleep", lambda _: None)
    monkeypatch.setattr("asyncio.sleep", no_sleep)
    for name in ("OPENROUTER_BASE_URL", "OPENROUTER_API_BASE"):
        monkeypatch.delenv(name, raising=False)


def model(handler: Callable[[httpx.Request], httpx.Response], **kwargs: Any) -> ChatOpenRouter:
    transport = httpx.MockTransport(handler)
    return ChatOpenRouter(
        api_key=KEY,
        http_client=httpx.Client(transport=transport),
        http_async_client=httpx.AsyncClient(transport=transport),
        **{"model": "openai/gpt-4o-mini", **kwargs},
    )


def raising(exc: Exception) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return handler


def check_no_key(err: BaseException) -> None:
    assert KEY not in str(err)
    assert KEY not in repr(err)


TRANSPORT_ERRORS = [
    (httpx.ConnectError("[Errno 111] Connection refused"), APIConnectionError,
     "check the host and port of the base URL"),
    (httpx.ConnectTimeout("timed out"), APITimeoutError, "raise the connect timeout"),
    (httpx.ReadTimeout("timed out"), APITimeoutError, "raise timeout="),
    (httpx.RemoteProtocolError("peer closed"), APIConnectionError, "try again later"),
]  # fmt: skip


@pytest.mark.parametrize(("exc", "cls", "step"), TRANSPORT_ERRORS)
@pytest.mark.parametrize("max_retries", [0, 2])
def test_transport_errors_name_the_url_and_a_next_step(
    exc: Exception, cls: type[Exception], step: str, max_retries: int
) -> None:
    with pytest.raises(cls) as info:
        model(raising(exc), max_retries=max_retries).invoke("hi")
    text = str(info.value)
    assert f"POST {URL}" in text
    assert step in text
    assert f"after {max_retries + 1} attempt(s)" in text
    check_no_key(info.value)


@pytest.mark.parametrize("variable", ["OPENROUTER_BASE_URL", "OPENROUTER_API_BASE"])
def test_a_base_url_from_the_environment_is_named(
    monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "http://localhost:9/api/v1")
    llm = model(raising(httpx.ConnectError("refused")), max_retries=0)
    with pytest.raises(APIConnectionError) as info:
        llm.invoke("hi")
    text = str(info.value)
    assert "POST http://localhost:9/api/v1/chat/completions" in text
    assert f"(base URL http://localhost:9/api/v1 from {variable})" in text


def test_a_base_url_passed_in_code_is_not_blamed_on_the_environment() -> None:
    llm = model(raising(httpx.ConnectError("refused")), base_url="https://h:1/api/v1")
    with pytest.raises(APIConnectionError) as info:
        llm.invoke("hi")
    assert "https://h:1/api/v1/chat/completions" in str(info.value)
    assert "from OPENROUTER" not in str(info.value)


async def test_async_transport_errors_name_the_url_too() -> None:
    with pytest.raises(APIConnectionError, match=re.escape(f"POST {URL}")):
        await model(raising(httpx.ConnectError("refused"))).ainvoke("hi")


def sse(*events: bytes) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=b"".join(events), headers={"content-type": "text/event-stream"}
        )

    return handler


CHUNK = (
    b'data: {"id": "gen-1", "model": "m", "choices": [{"index": 0, "delta": {"content": "Hi"}}]}'
    b"\n\n"
)


def test_a_stream_error_names_the_url_and_keeps_the_message() -> None:
    error = b'data: {"id": "gen-1", "error": {"code": 502, "message": "Provider died"}}\n\n'
    with pytest.raises(StreamError) as info:
        list(model(sse(CHUNK, error)).stream("hi"))
    assert info.value.message == "Provider died"
    text = str(info.value)
    assert f"POST {URL}" in text
    assert "calling again may succeed" in text
    check_no_key(info.value)


def test_a_broken_stream_names_the_url() -> None:
    class Broken(httpx.SyncByteStream):
        def __iter__(self) -> Any:
            yield CHUNK
            raise httpx.RemoteProtocolError("peer closed")

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=Broken(), headers={"content-type": "text/event-stream"})

    with pytest.raises(APIConnectionError) as info:
        list(model(handler).stream("hi"))
    assert f"POST {URL}" in str(info.value)
    assert "call again" in str(info.value)


def status(code: int, body: Any, content_type: str = "application/json") -> Callable[..., Any]:
    def handler(request: httpx.Request) -> httpx.Response:
        if isinstance(body, bytes):
            return httpx.Response(code, content=body, headers={"content-type": content_type})
        return httpx.Response(code, json=body)

    return handler


ROUTE_404S = [
    {"error": {"code": 404, "message": "Not Found"}},
    b"<html><body><h1>404</h1>Page not found</body></html>",
    b"",
]


@pytest.mark.parametrize("body", ROUTE_404S, ids=["json", "html", "empty"])
def test_a_404_from_a_route_that_does_not_exist_points_at_the_base_url(body: Any) -> None:
    llm = model(status(404, body, "text/html"), base_url="https://openrouter.ai")
    with pytest.raises(NotFoundError) as info:
        llm.invoke("hi")
    text = str(info.value)
    assert "POST https://openrouter.ai/chat/completions is not an OpenRouter API route" in text
    assert "(it lacks /api/v1)" in text
    assert "check the model id" not in text


def test_a_404_route_hint_names_the_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENROUTER_API_BASE", "https://proxy.local/v2")
    with pytest.raises(NotFoundError) as info:
        model(status(404, {"error": {"code": 404, "message": "Not Found"}})).invoke("hi")
    assert "(base URL https://proxy.local/v2 from OPENROUTER_API_BASE)" in str(info.value)


def test_a_404_about_the_model_keeps_the_model_hint() -> None:
    body = load_json("error_404_no_endpoints.json")
    with pytest.raises(NotFoundError) as info:
        model(status(404, body)).invoke("hi")
    assert info.value.message == body["error"]["message"]
    assert "check the model id" in str(info.value)
    assert "base URL" not in str(info.value)


@pytest.mark.parametrize(
    ("bare", "suggested"),
    [
        ("gpt-4o", "openai/gpt-4o"),
        ("claude-sonnet-4.5", "anthropic/claude-sonnet-4.5"),
        ("gemini-2.5-pro", "google/gemini-2.5-pro"),
        ("llama-3.1-8b-instruct", "meta-llama/llama-3.1-8b-instruct"),
        ("acme-9000", "openai/gpt-4o-mini"),
    ],
)
@pytest.mark.parametrize("code", [400, 404])
def test_an_unknown_model_id_without_author_gets_the_prefix_suggested(
    bare: str, suggested: str, code: int
) -> None:
    body = {
        "error": {
            "message": f"{bare} is not a valid model ID",
            "code": code,
            "availability": {"code": "model_not_found", "requested_models": [bare]},
        }
    }
    with pytest.raises(APIStatusError) as info:
        model(status(code, body), model=bare).invoke("hi")
    assert isinstance(info.value, BadRequestError if code == 400 else NotFoundError)
    assert info.value.message == f"{bare} is not a valid model ID"
    assert f"try {suggested!r} instead of {bare!r}" in str(info.value)


def test_an_unknown_model_id_with_author_keeps_the_plain_hint() -> None:
    body = load_json("error_400_model_not_found.json")
    with pytest.raises(BadRequestError) as info:
        model(status(400, body), model="acme/fake-1.0").invoke("hi")
    assert "author/slug" not in str(info.value)


def test_hints_never_name_a_function_the_package_lacks() -> None:
    hints = [cls.hint for cls in vars(errors).values() if isinstance(cls, type) and
             issubclass(cls, APIStatusError)]  # fmt: skip
    availability = {"code": "model_not_found", "requested_models": ["x"]}
    body = {"error": {"message": "x is not a valid model ID", "availability": availability}}
    with pytest.raises(BadRequestError) as info:
        model(status(400, body), model="x").invoke("hi")
    hints.append(str(info.value))
    named = {name for hint in hints for name in re.findall(r"(\w+)\(\)", hint)}
    assert named == {"list_models"}
    assert all(hasattr(langchain_openrouter, name) for name in named)


def test_a_404_for_a_missing_resource_is_not_blamed_on_the_base_url() -> None:
    body = {"error": {"code": 404, "message": "Generation gen-123 not found"}}
    with pytest.raises(NotFoundError) as info:
        model(status(404, body)).invoke("hi")
    assert "base URL" not in str(info.value)
    assert info.value.message == "Generation gen-123 not found"

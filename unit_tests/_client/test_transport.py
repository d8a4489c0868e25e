from __future__ import annotations

import asyncio
import logging
import pickle
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest

from langchain_openrouter._client import AsyncOpenRouterClient, OpenRouterClient
from langchain_openrouter.errors import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    InsufficientCreditsError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    StreamError,
    UpstreamError,
)
from unit_tests.samples import load_bytes, load_json

KEY = "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
Handler = Callable[[httpx.Request], httpx.Response]


@pytest.fixture(autouse=True)
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    delays: list[float] = []

    async def fake_async_sleep(delay: float) -> None:
        delays.append(delay)

    monkeypatch.setattr("time.sleep", delays.append)
    monkeypatch.setattr("asyncio.sleep", fake_async_sleep)
    return delays


class Broken:
    """A 200 event stream that sends ``pieces`` and then fails with ``error``."""

    def __init__(self, pieces: list[bytes], error: Exception) -> None:
        self.pieces = pieces
        self.error = error

    def response(self, asynchronous: bool) -> httpx.Response:
        pieces, error = self.pieces, self.error

        def body() -> Iterator[bytes]:
            yield from pieces
            raise error

        async def abody() -> AsyncIterator[bytes]:
            for piece in pieces:
                yield piece
            raise error

        content = abody() if asynchronous else body()
        return httpx.Response(200, content=content, headers={"content-type": "text/event-stream"})


Outcome = httpx.Response | Exception | Broken


class Script:
    """Answers requests from a list of outcomes (the last one repeats), recording each request.

    Responses are rebuilt per request, so one script serves sync and async clients alike.
    """

    def __init__(self, *outcomes: Outcome) -> None:
        self.outcomes = list(outcomes)
        self.requests: list[httpx.Request] = []
        self.asynchronous = False

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        outcome = self.outcomes.pop(0) if len(self.outcomes) > 1 else self.outcomes[0]
        if isinstance(outcome, Exception):
            raise outcome
        if isinstance(outcome, Broken):
            return outcome.response(self.asynchronous)
        return httpx.Response(outcome.status_code, headers=outcome.headers, content=outcome.content)


def _sync(script: Handler, **kwargs: Any) -> OpenRouterClient:
    return OpenRouterClient(api_key=KEY, transport=httpx.MockTransport(script), **kwargs)


def _async(script: Script, **kwargs: Any) -> AsyncOpenRouterClient:
    script.asynchronous = True
    return AsyncOpenRouterClient(api_key=KEY, transport=httpx.MockTransport(script), **kwargs)


def _error(status: int, sample: str, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, json=load_json(sample), headers=headers)


OK = httpx.Response(200, json={"data": {"ok": True}})


@pytest.mark.parametrize(
    ("status", "sample"),
    [
        (408, "error_408.json"),
        (429, "error_429.json"),
        (500, "error_500.json"),
        (502, "error_502.json"),
        (503, "error_503.json"),
        (504, "error_500.json"),
    ],
)
def test_retryable_statuses_then_success(status: int, sample: str) -> None:
    script = Script(_error(status, sample), _error(status, sample), OK)
    assert _sync(script).request_json("GET", "/key") == {"data": {"ok": True}}
    assert len(script.requests) == 3


@pytest.mark.parametrize(
    ("status", "sample", "cls"),
    [
        (400, "error_400.json", BadRequestError),
        (401, "error_401.json", AuthenticationError),
        (402, "error_402.json", InsufficientCreditsError),
        (403, "error_403_guardrail.json", PermissionDeniedError),
        (404, "error_404_no_endpoints.json", NotFoundError),
    ],
)
def test_client_errors_are_raised_at_once(status: int, sample: str, cls: type) -> None:
    script = Script(_error(status, sample))
    with pytest.raises(cls) as info:
        _sync(script).request("POST", "/chat/completions", json={})
    assert len(script.requests) == 1
    assert info.value.status_code == status


def test_retries_exhausted_says_how_many_tries(slept: list[float]) -> None:
    script = Script(_error(429, "error_429.json", {"Retry-After": "2"}))
    with pytest.raises(RateLimitError, match="gave up after 3 attempts") as info:
        _sync(script, max_retries=2).request("GET", "/key")
    assert len(script.requests) == 3
    assert info.value.attempts == 3
    assert slept == [2.0, 2.0]


def test_max_retries_zero_means_one_attempt() -> None:
    script = Script(_error(503, "error_503.json"))
    with pytest.raises(Exception, match="503"):
        _sync(script, max_retries=0).request("GET", "/key")
    assert len(script.requests) == 1


def test_connection_errors_are_retried_then_typed() -> None:
    script = Script(httpx.ConnectError("refused"))
    with pytest.raises(APIConnectionError, match="after 3 attempt") as info:
        _sync(script).request("GET", "/key")
    assert not isinstance(info.value, APITimeoutError)
    assert len(script.requests) == 3
    script = Script(httpx.ConnectTimeout("slow"), OK)
    assert _sync(script).request_json("GET", "/key") == {"data": {"ok": True}}


def test_timeouts_become_api_timeout_error() -> None:
    with pytest.raises(APITimeoutError, match="timed out"):
        _sync(Script(httpx.ReadTimeout("slow")), max_retries=0).request("GET", "/key")


def test_per_request_timeout_reaches_httpx() -> None:
    script = Script(OK)
    _sync(script, timeout=(2, 30)).request("GET", "/key")
    assert script.requests[0].extensions["timeout"] == {
        "connect": 2.0,
        "read": 30.0,
        "write": 30.0,
        "pool": 30.0,
    }


def _sse(name: str) -> httpx.Response:
    return httpx.Response(
        200, content=load_bytes(name), headers={"content-type": "text/event-stream"}
    )


def test_stream_yields_every_event_until_done() -> None:
    events = list(
        _sync(Script(_sse("chat_stream_tool_calls.sse"))).stream("POST", "/chat/completions")
    )
    assert len(events) == 13
    assert (
        events[1]["choices"][0]["delta"]["tool_calls"][0]["id"] == "call_EkEAi8FSp8St8OBEmE8pZDuC"
    )


def test_stream_error_event_raises_with_the_chunk() -> None:
    seen: list[Any] = []
    with pytest.raises(StreamError) as info:
        for event in _sync(Script(_sse("chat_stream_midstream_error.sse"))).stream("POST", "/x"):
            seen.append(event)
    assert len(seen) == 3
    assert info.value.code == 400
    assert info.value.chunk["usage"]["completion_tokens"] > 0


def test_stream_is_retried_before_the_first_event() -> None:
    script = Script(
        _error(502, "error_502.json"),
        Broken([b": OPENROUTER PROCESSING\n\n"], httpx.ReadError("dropped")),
        _sse("chat_stream_basic.sse"),
    )
    events = list(_sync(script).stream("POST", "/chat/completions"))
    assert len(script.requests) == 3
    assert len(events) == 3


def test_stream_is_never_retried_after_the_first_event() -> None:
    first = b'data: {"id": "gen-1", "choices": [{"delta": {"content": "Hel"}}]}\n\n'
    script = Script(
        Broken([first], httpx.RemoteProtocolError("peer closed")), _sse("chat_stream_basic.sse")
    )
    received: list[Any] = []
    with pytest.raises(APIConnectionError, match="never sent again"):
        for event in _sync(script).stream("POST", "/chat/completions"):
            received.append(event)
    assert len(script.requests) == 1
    assert received[0]["choices"][0]["delta"]["content"] == "Hel"


def test_stream_pre_stream_http_error_is_typed() -> None:
    with pytest.raises(InsufficientCreditsError):
        list(_sync(Script(_error(402, "error_402.json"))).stream("POST", "/chat/completions"))


def test_user_http_client_is_used_and_never_closed() -> None:
    script = Script(OK)
    http = httpx.Client(transport=httpx.MockTransport(script))
    with OpenRouterClient(api_key=KEY, http_client=http) as client:
        client.request("GET", "/key")
    assert not http.is_closed
    assert len(script.requests) == 1
    http.close()


def test_own_http_client_is_pooled_and_closed() -> None:
    client = _sync(Script(OK))
    first = client.http
    client.request("GET", "/key")
    client.request("GET", "/key")
    assert client.http is first
    client.close()
    assert first.is_closed


def test_secret_never_in_repr_logs_or_errors(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="langchain_openrouter")
    client = _sync(Script(_error(401, "error_401.json")), max_retries=0)
    with pytest.raises(AuthenticationError) as info:
        client.request("GET", "/key")
    err = info.value
    texts = [
        repr(client),
        str(client.config),
        repr(client.config),
        str(err),
        repr(err),
        repr(err.response),
        repr(err.response.request.headers),
        caplog.text,
    ]
    texts.append(pickle.dumps(err).decode("latin-1"))
    restored = pickle.loads(pickle.dumps(err))
    assert (restored.status_code, restored.message, restored.response) == (401, err.message, None)
    assert not [t for t in texts if KEY in t]
    assert "GET /api/v1/key -> 401" in caplog.text


def test_one_debug_line_per_attempt(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="langchain_openrouter")
    _sync(Script(_error(503, "error_503.json"), OK)).request("GET", "/key")
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2
    assert "-> 503" in lines[0]
    assert "retrying in" in lines[0]
    assert "-> 200" in lines[1]
    assert "retries so far: 1" in lines[1]


async def test_async_retries_and_streams() -> None:
    script = Script(_error(500, "error_500.json"), _sse("chat_stream_basic.sse"), OK)
    client = _async(script)
    events = [e async for e in client.stream("POST", "/chat/completions", json={"stream": True})]
    assert len(events) == 3
    assert len(script.requests) == 2
    assert await client.request_json("GET", "/key") == {"data": {"ok": True}}
    await client.aclose()


async def test_async_stream_error_event() -> None:
    client = _async(Script(_sse("chat_stream_midstream_error_documented.sse")))
    with pytest.raises(StreamError):
        async for _ in client.stream("POST", "/chat/completions"):
            pass


async def test_async_errors_match_sync() -> None:
    script = Script(_error(502, "error_502.json"))
    with pytest.raises(UpstreamError, match="gave up after 3"):
        await _async(script).request("GET", "/key")
    assert len(script.requests) == 3


async def test_async_stream_not_retried_after_first_event() -> None:
    first = b'data: {"id": "gen-1", "choices": []}\n\n'
    script = Script(Broken([first], httpx.ReadError("gone")))
    with pytest.raises(APIConnectionError):
        async for _ in _async(script).stream("POST", "/x"):
            pass
    assert len(script.requests) == 1


async def test_async_context_manager_closes() -> None:
    async with _async(Script(OK)) as client:
        http = client.http
        await client.request("GET", "/key")
    assert http.is_closed


def test_wrong_transport_kind_is_a_clear_error() -> None:
    class AsyncOnly(httpx.AsyncBaseTransport):
        pass

    with pytest.raises(TypeError, match="sync httpx transport"):
        _ = OpenRouterClient(api_key=KEY, transport=AsyncOnly()).http
    assert asyncio.iscoroutinefunction(AsyncOpenRouterClient.request)

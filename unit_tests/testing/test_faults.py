"""Fault injection, seen through the internal client: retries, typed errors, stream errors."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from langchain_openrouter._client import AsyncOpenRouterClient, OpenRouterClient, RetryPolicy
from langchain_openrouter.errors import (
    APIConnectionError,
    APITimeoutError,
    BadRequestError,
    InsufficientCreditsError,
    InternalServerError,
    ModerationError,
    NoProviderAvailableError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RequestTimeoutError,
    StreamError,
    UpstreamError,
)
from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.testing.wire import Request
from unit_tests.samples import load_json
from unit_tests.testing.conftest import Call
from unit_tests.testing.helpers import sse_events
from unit_tests.testing.shapes import assert_same_shape

BODY = {"model": "openai/gpt-4o-mini", "messages": [{"role": "user", "content": "one two three"}]}
FAST = RetryPolicy(max_retries=2, initial_delay=0.001, max_delay=0.002)


def client(emu: OpenRouterEmulator, **kwargs: Any) -> OpenRouterClient:
    made = OpenRouterClient(
        api_key=emu.api_key, base_url=emu.base_url, transport=emu.transport, **kwargs
    )
    made.policy = RetryPolicy(
        max_retries=kwargs.get("max_retries", 2), initial_delay=0.001, max_delay=0.002
    )
    return made


def test_rate_limit_twice_then_success_with_retry_after(emu: OpenRouterEmulator) -> None:
    fault = emu.faults.add(route="/chat/completions", status=429, retry_after=0.01, times=2)
    with client(emu) as api:
        body = api.request_json("POST", "/chat/completions", json=BODY)
    assert body["choices"][0]["message"]["content"] == "one two three"
    assert fault.used == 2
    assert [r.route for r in emu.requests] == ["/chat/completions"] * 3
    assert emu.faults.pending == []


def test_final_rate_limit_is_a_typed_error_with_retry_after(
    call: Call, emu: OpenRouterEmulator
) -> None:
    emu.fail_next(429, retry_after=7)
    raw = call("POST", "/chat/completions", BODY)
    assert (raw.status, raw.headers["retry-after"]) == (429, "7")
    assert raw.json() == load_json("error_429.json")
    emu.fail_next(429, retry_after=7)
    with client(emu, max_retries=0) as api, pytest.raises(RateLimitError) as caught:
        api.request("POST", "/chat/completions", json=BODY)
    assert caught.value.retry_after == 7
    assert caught.value.error_type == "rate_limit_exceeded"


@pytest.mark.parametrize(
    ("status", "error", "sample"),
    [
        (400, BadRequestError, None),
        (402, InsufficientCreditsError, "error_402.json"),
        (403, PermissionDeniedError, None),
        (404, NotFoundError, None),
        (408, RequestTimeoutError, "error_408.json"),
        (500, InternalServerError, "error_500.json"),
        (502, UpstreamError, "error_502.json"),
        (503, NoProviderAvailableError, "error_503.json"),
    ],
)
def test_each_status_maps_to_its_error_class(
    emu: OpenRouterEmulator, call: Call, status: int, error: type[Exception], sample: str | None
) -> None:
    emu.fail_next(status)
    response = call("POST", "/chat/completions", BODY)
    assert response.status == status
    if sample is not None:
        assert_same_shape(response.json(), load_json(sample), allow_missing=("user_id",))
    emu.fail_next(status, times=None)
    with client(emu, max_retries=0) as api, pytest.raises(error) as caught:
        api.request("POST", "/chat/completions", json=BODY)
    assert caught.value.status_code == status  # type: ignore[attr-defined]


def test_moderation_fault_quotes_the_flagged_input(emu: OpenRouterEmulator) -> None:
    emu.faults.moderation(reasons=["violence"])
    prompt = "I want to hurt " + "x" * 200 + " right now"
    body = {**BODY, "messages": [{"role": "user", "content": prompt}]}
    with client(emu) as api, pytest.raises(ModerationError) as caught:
        api.request("POST", "/chat/completions", json=body)
    err = caught.value
    assert err.reasons == ["violence"]
    assert err.flagged_input is not None
    assert len(err.flagged_input) == 100
    assert err.flagged_input.startswith("I want to hurt ")
    assert err.flagged_input.endswith(" right now")
    assert_same_shape(err.body, load_json("error_403_moderation.json"))


def test_custom_body_and_headers(emu: OpenRouterEmulator, call: Call) -> None:
    body = load_json("error_429_capacity.json")
    emu.faults.add(status=429, body=body, headers={"x-ratelimit-remaining": "0"})
    response = call("POST", "/chat/completions", BODY)
    assert response.json() == body
    assert response.headers["x-ratelimit-remaining"] == "0"


def test_faults_match_route_method_model_and_pattern(emu: OpenRouterEmulator, call: Call) -> None:
    emu.faults.add(route="/embeddings", status=500)
    emu.faults.add(route="/chat/completions", model="openai/gpt-4o", status=503)
    emu.faults.add(route="/keys*", method="POST", status=500, times=None)
    assert call("POST", "/chat/completions", BODY).status == 200
    assert call("POST", "/chat/completions", {**BODY, "model": "openai/gpt-4o"}).status == 503
    assert call("GET", "/keys", key="management").status == 200
    assert call("POST", "/keys", {"name": "x"}, key="management").status == 500
    assert call("POST", "/keys", {"name": "x"}, key="management").status == 500
    assert (
        call("POST", "/embeddings", {"model": "openai/text-embedding-3-small", "input": "x"}).status
        == 500
    )
    emu.faults.clear()
    assert call("POST", "/keys", {"name": "x"}, key="management").status == 201


def test_documented_stream_error_after_k_chunks(emu: OpenRouterEmulator) -> None:
    emu.faults.stream_error(after=2)
    received = []
    with client(emu) as api, pytest.raises(StreamError) as caught:
        for event in api.stream("POST", "/chat/completions", json={**BODY, "stream": True}):
            received.append(event)
    assert len(received) == 2
    err = caught.value
    assert (err.code, err.error_type) == (502, "provider_unavailable")
    assert err.metadata["provider_code"] == "server_error"
    assert err.chunk["choices"][0]["finish_reason"] == "error"


def test_minimax_stream_error_has_null_finish_reason_and_usage(emu: OpenRouterEmulator) -> None:
    emu.faults.stream_error(after=1, form="minimax")
    with client(emu) as api, pytest.raises(StreamError) as caught:
        list(api.stream("POST", "/chat/completions", json={**BODY, "stream": True}))
    chunk = caught.value.chunk
    assert caught.value.code == 400
    assert caught.value.message == "Token limit reached"
    assert chunk["choices"][0]["finish_reason"] is None
    assert chunk["usage"]["completion_tokens"] == 3


def test_error_event_shapes_match_both_recorded_forms(emu: OpenRouterEmulator, call: Call) -> None:
    from unit_tests.testing.test_stream import recorded

    emu.faults.stream_error(after=1)
    documented = sse_events(call("POST", "/chat/completions", {**BODY, "stream": True}))
    assert documented[-1] == "[DONE]"
    assert_same_shape(documented[-2], recorded("chat_stream_midstream_error_documented.sse")[-1])
    emu.faults.stream_error(after=1, form="minimax")
    minimax = sse_events(call("POST", "/chat/completions", {**BODY, "stream": True}))
    assert_same_shape(
        minimax[-2],
        recorded("chat_stream_midstream_error.sse")[-1],
        allow_extra=("cache_write_tokens", "video_tokens", "audio_tokens"),
    )


def test_stream_error_fault_on_a_non_streamed_request_is_a_choice_error(
    emu: OpenRouterEmulator, call: Call
) -> None:
    emu.faults.stream_error(after=1)
    choice = call("POST", "/chat/completions", BODY).json()["choices"][0]
    assert choice["finish_reason"] == "error"
    assert choice["error"]["code"] == 502
    assert choice["message"]["content"] == "one two three"


def test_dropped_connection_before_answer_is_retried(emu: OpenRouterEmulator) -> None:
    emu.faults.drop()
    with client(emu) as api:
        assert api.request("POST", "/chat/completions", json=BODY).status_code == 200
    emu.faults.drop(times=None)
    with client(emu, max_retries=1) as api, pytest.raises(APIConnectionError) as caught:
        api.request("POST", "/chat/completions", json=BODY)
    assert "RemoteProtocolError" in str(caught.value)


def test_raw_transport_raises_what_httpx_raises(emu: OpenRouterEmulator) -> None:
    emu.faults.drop()
    headers = {"Authorization": f"Bearer {emu.api_key}"}
    with emu.client(headers=headers) as http:
        with pytest.raises(httpx.RemoteProtocolError):
            http.post("/chat/completions", json=BODY)
        emu.faults.drop(after=2)
        with http.stream("POST", "/chat/completions", json={**BODY, "stream": True}) as response:
            assert response.status_code == 200
            with pytest.raises(httpx.RemoteProtocolError):
                response.read()


def test_dropped_connection_mid_stream_is_not_retried(emu: OpenRouterEmulator) -> None:
    emu.faults.drop(after=2)
    received = []
    with client(emu) as api, pytest.raises(APIConnectionError) as caught:
        for event in api.stream("POST", "/chat/completions", json={**BODY, "stream": True}):
            received.append(event)
    assert len(received) == 2
    assert "broke after it started" in str(caught.value)
    assert len(emu.requests) == 1


def test_delay_before_headers_triggers_the_read_timeout(emu: OpenRouterEmulator) -> None:
    emu.faults.delay(30.0)
    with client(emu, max_retries=0, timeout=(1.0, 0.05)) as api, pytest.raises(APITimeoutError):
        api.request("POST", "/chat/completions", json=BODY)


def test_slow_stream_times_out_between_events(emu: OpenRouterEmulator) -> None:
    emu.faults.slow(30.0)
    with client(emu, max_retries=0, timeout=(1.0, 0.05)) as api, pytest.raises(APITimeoutError):
        list(api.stream("POST", "/chat/completions", json={**BODY, "stream": True}))
    emu.faults.slow(0.001)
    request = Request.build(
        "POST", "/api/v1/chat/completions", api_key=emu.api_key, json_body={**BODY, "stream": True}
    )
    delays = {c.delay for c in emu.handle(request).chunks() if c.data.startswith(b"data: {")}
    assert delays == {0.001}


def test_responses_stream_error_event(emu: OpenRouterEmulator, call: Call) -> None:
    emu.faults.stream_error(after=3, route="/responses")
    events = sse_events(call("POST", "/responses", {"input": "hello", "stream": True}))
    assert events[-2] == {
        "type": "error",
        "code": "server_error",
        "message": "Provider disconnected unexpectedly",
        "param": None,
        "sequence_number": 3,
    }


async def test_async_client_retries_and_streams(emu: OpenRouterEmulator) -> None:
    emu.fail_next(503, retry_after=0.01)
    api = AsyncOpenRouterClient(api_key=emu.api_key, base_url=emu.base_url, transport=emu.transport)
    api.policy = FAST
    async with api:
        events = [
            e async for e in api.stream("POST", "/chat/completions", json={**BODY, "stream": True})
        ]
        assert (
            "".join(e["choices"][0]["delta"].get("content") or "" for e in events if e["choices"])
            == "one two three"
        )
        emu.faults.stream_error(after=1)
        with pytest.raises(StreamError):
            async for _ in api.stream("POST", "/chat/completions", json={**BODY, "stream": True}):
                pass
        emu.faults.delay(30.0, times=None)
        with pytest.raises(APITimeoutError):
            await api.request(
                "POST", "/chat/completions", json=BODY, timeout=httpx.Timeout(1.0, read=0.05)
            )

"""Every kind of injected fault, over the in-process transport and over the served socket.

The same raw-httpx assertions run against both, so a client sees the same failure whichever way
the emulator is mounted.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from langchain_openrouter._client.sse import SSEDecoder
from langchain_openrouter.testing import OpenRouterEmulator
from unit_tests.samples import load_json
from unit_tests.testing.shapes import assert_same_shape

BODY = {"model": "openai/gpt-4o-mini", "messages": [{"role": "user", "content": "one two three"}]}
STREAM = {**BODY, "stream": True}


@pytest.fixture
def emu() -> OpenRouterEmulator:
    return OpenRouterEmulator()


@pytest.fixture(params=["in-process", "served"])
def http(request: pytest.FixtureRequest, emu: OpenRouterEmulator) -> Iterator[httpx.Client]:
    """A raw httpx client on the in-process transport, or on a real socket to ``serve()``."""
    headers = {"Authorization": f"Bearer {emu.api_key}"}
    if request.param == "in-process":
        with emu.client(headers=headers) as client:
            yield client
        return
    with emu.serve() as base_url, httpx.Client(base_url=base_url, headers=headers) as client:
        yield client


def events(raw: bytes) -> list[Any]:
    decoder = SSEDecoder()
    return [e.data if e.data == "[DONE]" else e.json() for e in decoder.feed(raw) + decoder.flush()]


def test_status_with_retry_after_for_the_next_n_requests(
    emu: OpenRouterEmulator, http: httpx.Client
) -> None:
    emu.fail_next(429, retry_after=7, times=2)
    for _ in range(2):
        response = http.post("/chat/completions", json=BODY)
        assert (response.status_code, response.headers["retry-after"]) == (429, "7")
        assert response.json() == load_json("error_429.json")
    assert http.post("/chat/completions", json=BODY).status_code == 200


def test_faults_are_per_route(emu: OpenRouterEmulator, http: httpx.Client) -> None:
    emu.fail_next(503, route="/models")
    assert http.post("/chat/completions", json=BODY).status_code == 200
    response = http.get("/models")
    assert response.status_code == 503
    assert_same_shape(response.json(), load_json("error_503.json"), allow_missing=("user_id",))
    assert http.get("/models").status_code == 200


def test_moderation_403_with_metadata(emu: OpenRouterEmulator, http: httpx.Client) -> None:
    emu.faults.moderation(reasons=["harassment"])
    response = http.post("/chat/completions", json=BODY)
    assert response.status_code == 403
    body = response.json()
    assert_same_shape(body, load_json("error_403_moderation.json"))
    metadata = body["error"]["metadata"]
    assert (metadata["reasons"], metadata["flagged_input"]) == (["harassment"], "one two three")
    assert metadata["model_slug"] == "openai/gpt-4o-mini"


@pytest.mark.parametrize(
    ("form", "finish_reason", "sample"),
    [
        ("documented", "error", "chat_stream_midstream_error_documented.sse"),
        ("minimax", None, "chat_stream_midstream_error.sse"),
    ],
)
def test_mid_stream_error_after_k_chunks(
    emu: OpenRouterEmulator, http: httpx.Client, form: str, finish_reason: str | None, sample: str
) -> None:
    from unit_tests.testing.test_stream import recorded

    emu.faults.stream_error(after=2, form=form)  # type: ignore[arg-type]
    response = http.post("/chat/completions", json=STREAM)
    assert response.status_code == 200  # the error arrives inside the stream, not as a status
    received = events(response.content)
    assert received[-1] == "[DONE]"
    *chunks, error = received[:-1]
    assert len(chunks) == 2
    assert error["choices"][0]["finish_reason"] == finish_reason
    assert_same_shape(
        error,
        recorded(sample)[-1],
        allow_extra=("cache_write_tokens", "video_tokens", "audio_tokens"),
    )


def test_dropped_connection_before_the_answer(emu: OpenRouterEmulator, http: httpx.Client) -> None:
    emu.faults.drop()
    with pytest.raises(httpx.RemoteProtocolError):
        http.post("/chat/completions", json=BODY)
    assert http.post("/chat/completions", json=BODY).status_code == 200


def test_dropped_connection_during_the_stream(emu: OpenRouterEmulator, http: httpx.Client) -> None:
    emu.faults.drop(after=2)
    received = b""
    with http.stream("POST", "/chat/completions", json=STREAM) as response:
        assert response.status_code == 200
        with pytest.raises(httpx.RemoteProtocolError):
            for piece in response.iter_raw():
                received += piece
    assert len([e for e in events(received) if isinstance(e, dict)]) == 2
    assert http.post("/chat/completions", json=BODY).status_code == 200


def test_slow_stream_trips_the_read_timeout_between_events(
    emu: OpenRouterEmulator, http: httpx.Client
) -> None:
    emu.faults.slow(5.0)
    with http.stream("POST", "/chat/completions", json=STREAM, timeout=0.2) as response:
        assert response.status_code == 200  # the headers came at once; the events do not
        with pytest.raises(httpx.ReadTimeout):
            response.read()


def test_delay_before_headers_trips_the_read_timeout(
    emu: OpenRouterEmulator, http: httpx.Client
) -> None:
    emu.faults.delay(5.0)
    with pytest.raises(httpx.ReadTimeout):
        http.post("/chat/completions", json=BODY, timeout=0.2)
    assert http.post("/chat/completions", json=BODY).status_code == 200

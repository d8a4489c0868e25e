"""The emulator served on 127.0.0.1, hit with raw httpx and raw sockets.

Faults on both transports are in test_emulator_faults.py; here, the internal client over the wire.
"""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlparse

import httpx
import pytest

from langchain_openrouter._client import OpenRouterClient, RetryPolicy
from langchain_openrouter._client.sse import SSEDecoder
from langchain_openrouter.errors import (
    APIConnectionError,
    APITimeoutError,
    RateLimitError,
    StreamError,
)
from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.testing.hosts.server import EmulatorServer
from langchain_openrouter.testing.wire import Request, Response
from unit_tests.samples import load_json
from unit_tests.testing.shapes import assert_same_shape

BODY = {"model": "openai/gpt-4o-mini", "messages": [{"role": "user", "content": "one two three"}]}


@pytest.fixture
def emu() -> OpenRouterEmulator:
    return OpenRouterEmulator()


@pytest.fixture
def base_url(emu: OpenRouterEmulator) -> Iterator[str]:
    with emu.serve() as url:
        yield url


def auth(emu: OpenRouterEmulator) -> dict[str, str]:
    return {"Authorization": f"Bearer {emu.api_key}"}


def decode(raw: bytes) -> list[Any]:
    decoder = SSEDecoder()
    return [e.data if e.data == "[DONE]" else e.json() for e in decoder.feed(raw) + decoder.flush()]


def test_serves_on_loopback_with_the_api_prefix(base_url: str, emu: OpenRouterEmulator) -> None:
    parsed = urlparse(base_url)
    assert (parsed.scheme, parsed.hostname, parsed.path) == ("http", "127.0.0.1", "/api/v1")
    assert parsed.port
    models = httpx.get(f"{base_url}/models").json()
    assert models["total_count"] == 76
    response = httpx.post(f"{base_url}/chat/completions", json=BODY, headers=auth(emu))
    assert response.status_code == 200
    assert response.headers["x-generation-id"] == response.json()["id"]
    assert_same_shape(response.json(), load_json("chat_completion_structured.json"))
    error = httpx.post(f"{base_url}/chat/completions", json=BODY)
    assert (error.status_code, error.json()) == (401, load_json("error_401.json"))


def test_stream_arrives_chunked_event_by_event(base_url: str, emu: OpenRouterEmulator) -> None:
    with (
        httpx.Client(headers=auth(emu)) as client,
        client.stream(
            "POST", f"{base_url}/chat/completions", json={**BODY, "stream": True}
        ) as response,
    ):
        assert response.headers["transfer-encoding"] == "chunked"
        assert response.headers["content-type"] == "text/event-stream"
        pieces = list(response.iter_raw())
    assert len(pieces) > 5  # one chunk per event, not one buffered body
    events = decode(b"".join(pieces))
    assert events[-1] == "[DONE]"
    text = "".join(c["delta"].get("content") or "" for e in events[:-1] for c in e["choices"])
    assert text == "one two three"


def test_keep_alive_serves_several_requests_on_one_socket(
    base_url: str, emu: OpenRouterEmulator
) -> None:
    port = urlparse(base_url).port
    assert port is not None
    request = (
        "GET /api/v1/models/count HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        "GET /api/v1/key HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {emu.api_key}\r\nConnection: close\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(request)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    assert received.count(b"HTTP/1.1 200 OK") == 2
    assert b'{"data": {"count": 76}}' in received
    assert b"connection: keep-alive" in received
    assert received.rstrip().endswith(b"}}")


def test_chunked_request_bodies_are_read(base_url: str, emu: OpenRouterEmulator) -> None:
    def body() -> Iterator[bytes]:
        yield json.dumps(BODY).encode()

    response = httpx.post(f"{base_url}/chat/completions", content=body(), headers=auth(emu))
    assert response.json()["choices"][0]["message"]["content"] == "one two three"


def test_malformed_http_gets_a_400(base_url: str) -> None:
    port = urlparse(base_url).port
    assert port is not None
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(b"NONSENSE\r\n\r\n")
        received = sock.recv(65536)
    assert received.startswith(b"HTTP/1.1 400 Bad Request")


async def test_two_hundred_concurrent_streams_each_get_their_own_answer(
    base_url: str, emu: OpenRouterEmulator
) -> None:
    limits = httpx.Limits(max_connections=250, max_keepalive_connections=250)
    async with httpx.AsyncClient(headers=auth(emu), limits=limits, timeout=30) as client:

        async def one(index: int) -> str:
            body = {
                **BODY,
                "stream": True,
                "messages": [{"role": "user", "content": f"stream number {index}"}],
            }
            async with client.stream("POST", f"{base_url}/chat/completions", json=body) as response:
                assert response.status_code == 200
                raw = b"".join([piece async for piece in response.aiter_raw()])
            events = decode(raw)
            assert events[-1] == "[DONE]"
            return "".join(
                c["delta"].get("content") or "" for e in events[:-1] for c in e["choices"]
            )

        texts = await asyncio.gather(*(one(i) for i in range(200)))
    assert texts == [f"stream number {i}" for i in range(200)]
    assert len(emu.generations) == 200


def test_delay_before_headers_is_a_typed_timeout(base_url: str, emu: OpenRouterEmulator) -> None:
    emu.faults.delay(5.0, times=None)
    with (
        OpenRouterClient(
            api_key=emu.api_key, base_url=base_url, max_retries=0, timeout=(2.0, 0.2)
        ) as api,
        pytest.raises(APITimeoutError),
    ):
        api.request("POST", "/chat/completions", json=BODY)
    emu.faults.clear()


def test_client_retries_and_stream_errors_over_the_wire(
    base_url: str, emu: OpenRouterEmulator
) -> None:
    with OpenRouterClient(api_key=emu.api_key, base_url=base_url) as api:
        api.policy = RetryPolicy(max_retries=2, initial_delay=0.001, max_delay=0.002)
        emu.fail_next(429, retry_after=0.01, times=2)
        assert api.request_json("POST", "/chat/completions", json=BODY)["choices"]
        emu.fail_next(429, retry_after=0.01, times=3)
        with pytest.raises(RateLimitError):
            api.request("POST", "/chat/completions", json=BODY)
        emu.faults.stream_error(after=2, form="minimax")
        with pytest.raises(StreamError) as caught:
            list(api.stream("POST", "/chat/completions", json={**BODY, "stream": True}))
        assert caught.value.chunk["usage"]["completion_tokens"] == 3
        emu.faults.drop(after=1)
        with pytest.raises(APIConnectionError):
            list(api.stream("POST", "/chat/completions", json={**BODY, "stream": True}))


def test_command_line_server(tmp_path: Any) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "langchain_openrouter.testing", "--port", "0", "--seed", "3"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline().strip() for _ in range(4)]
        base_url = lines[1].split("=", 1)[1]
        key = lines[2].split("=", 1)[1]
        assert key == OpenRouterEmulator(seed=3).api_key
        response = httpx.post(
            f"{base_url}/chat/completions",
            json=BODY,
            headers={"Authorization": f"Bearer {key}"},
            timeout=10,
        )
        assert response.json()["choices"][0]["message"]["content"] == "one two three"
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


def test_closing_a_stream_early_leaves_the_server_serving(
    base_url: str, emu: OpenRouterEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    emu.faults.slow(0.02)
    body = {**BODY, "stream": True, "messages": [{"role": "user", "content": "word " * 200}]}
    with httpx.Client(headers=auth(emu)) as client:
        with client.stream("POST", f"{base_url}/chat/completions", json=body) as response:
            next(response.iter_raw())
        assert client.get(f"{base_url}/models/count").status_code == 200
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


def test_a_slow_answer_does_not_hold_up_other_connections() -> None:
    # The first chat answer loads a tokenizer (about a second); handlers run off the event loop,
    # so a second connection is answered meanwhile. Here the first handler waits for the second.
    first_started, second_answered = threading.Event(), threading.Event()

    def handler(request: Request) -> Response:
        if request.route == "/first":
            first_started.set()
            unblocked = second_answered.wait(timeout=10)
            return Response(200, {}, b"unblocked" if unblocked else b"blocked")
        second_answered.set()
        return Response(200, {}, b"second")

    server = EmulatorServer(handler)
    base_url = server.start()
    try:
        with ThreadPoolExecutor(1) as pool:
            first = pool.submit(httpx.get, f"{base_url}/first", timeout=30)
            assert first_started.wait(timeout=10)
            assert httpx.get(f"{base_url}/second", timeout=30).content == b"second"
            assert first.result().content == b"unblocked"
    finally:
        server.stop()

"""The in-process httpx transport: sync and async clients, streaming chunk by chunk."""

from __future__ import annotations

import json

import httpx

from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.testing.hosts.transport import EmulatorTransport, to_request
from langchain_openrouter.testing.wire import Chunk, Request, Response

BODY = {"messages": [{"role": "user", "content": "a b c d e f"}], "stream": True}


def test_one_transport_serves_sync_and_async_clients(emu: OpenRouterEmulator) -> None:
    assert isinstance(emu.transport, httpx.BaseTransport)
    assert isinstance(emu.transport, httpx.AsyncBaseTransport)
    with emu.client() as http:
        assert http.get("/models/count").json() == {"data": {"count": 76}}


async def test_async_client(emu: OpenRouterEmulator) -> None:
    async with emu.async_client(headers={"Authorization": f"Bearer {emu.api_key}"}) as http:
        response = await http.post(
            "/chat/completions", json={"messages": [{"role": "user", "content": "async"}]}
        )
        assert response.json()["choices"][0]["message"]["content"] == "async"
        async with http.stream("POST", "/chat/completions", json=BODY) as streamed:
            pieces = [p async for p in streamed.aiter_raw()]
    assert len(pieces) > 8


def test_streams_are_handed_over_piece_by_piece(emu: OpenRouterEmulator) -> None:
    produced: list[int] = []

    def handler(request: Request) -> Response:
        def body() -> object:
            for index in range(3):
                produced.append(index)
                yield Chunk(f"data: {index}\n\n".encode())

        return Response(200, {"content-type": "text/event-stream"}, body())  # type: ignore[arg-type]

    with (
        httpx.Client(transport=EmulatorTransport(handler)) as http,
        http.stream("GET", "http://x/api/v1/anything") as response,
    ):
        pieces = response.iter_raw()
        assert next(pieces) == b"data: 0\n\n"
        assert produced == [0]  # nothing buffered ahead
        assert list(pieces) == [b"data: 1\n\n", b"data: 2\n\n"]


def test_request_translation_keeps_query_headers_and_body() -> None:
    request = httpx.Request(
        "POST",
        "http://openrouter.test/api/v1/models?q=llama&limit=2",
        headers={"X-Title": "t"},
        json={"a": 1},
    )
    translated = to_request(request, request.read())
    assert translated.route == "/models"
    assert translated.query == {"q": "llama", "limit": "2"}
    assert translated.headers["x-title"] == "t"
    assert json.loads(translated.body) == {"a": 1}


def test_request_build_helper() -> None:
    request = Request.build(
        "get", "/api/v1/models?output_modalities=all", api_key="k", headers={"X-A": "1"}
    )
    assert (request.method, request.route, request.bearer()) == ("GET", "/models", "k")
    assert request.headers["x-a"] == "1"
    assert Request("GET", "/x", headers={"authorization": "Basic abc"}).bearer() is None

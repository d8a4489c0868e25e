"""Calls beyond the pool wait in our FIFO, never in httpcore's queue (whose cost is quadratic)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from langchain_openrouter._client import AsyncOpenRouterClient, transport

SSE = b'data: {"choices": [{"index": 0, "delta": {"content": "hi"}}]}\n\ndata: [DONE]\n\n'


class Held(httpx.AsyncBaseTransport):
    """Answers only once released; records how many requests reached it at the peak."""

    def __init__(self) -> None:
        self.entered = 0
        self.release = asyncio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.entered += 1
        await self.release.wait()
        if b'"stream":true' in request.content:
            return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=SSE)
        return httpx.Response(200, json={"ok": True})


async def test_calls_beyond_the_cap_wait_their_turn(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transport, "MAX_IN_FLIGHT", 3)
    held = Held()
    client = AsyncOpenRouterClient(api_key="sk-or-v1-test", transport=held, max_retries=0)

    async def invoke() -> object:
        return await client.request_json("POST", "/chat/completions", json={"stream": False})

    async def stream() -> list[object]:
        body = {"stream": True}
        return [event async for event in client.stream("POST", "/chat/completions", json=body)]

    calls = [asyncio.ensure_future(invoke()) for _ in range(5)]
    calls += [asyncio.ensure_future(stream()) for _ in range(5)]
    for _ in range(20):
        await asyncio.sleep(0)
    assert held.entered == 3
    held.release.set()
    results = await asyncio.gather(*calls)
    assert results[:5] == [{"ok": True}] * 5
    streamed: list[Any] = results[5:]
    assert all(events[0]["choices"][0]["delta"]["content"] == "hi" for events in streamed)
    assert held.entered == 10
    await client.aclose()


async def test_a_client_you_pass_keeps_its_own_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transport, "MAX_IN_FLIGHT", 1)
    held = Held()
    async with httpx.AsyncClient(transport=held) as http:
        client = AsyncOpenRouterClient(api_key="sk-or-v1-test", http_client=http, max_retries=0)
        calls = [
            asyncio.ensure_future(client.request_json("POST", "/x", json={})) for _ in range(4)
        ]
        for _ in range(20):
            await asyncio.sleep(0)
        assert held.entered == 4
        held.release.set()
        assert await asyncio.gather(*calls) == [{"ok": True}] * 4

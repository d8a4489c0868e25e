"""A provider error in the middle of a stream must raise, not end as a short answer.

Seen in langchain-openrouter 0.2.9: ``_stream`` looked for ``error`` only on chunks without
``choices``. Minimax's real error chunk (``samples/chat_stream_midstream_error.sse``) has a
choice with ``finish_reason: null``, so the stream ended normally with a truncated answer and
no exception. Here the transport raises ``StreamError`` and the accumulator supplies what was
received before the error, usage included.
"""

from __future__ import annotations

import httpx
import pytest

from langchain_openrouter._client.transport import AsyncOpenRouterClient, OpenRouterClient
from langchain_openrouter.chat_models.streaming import StreamAccumulator
from langchain_openrouter.errors import StreamError
from unit_tests.samples import load_bytes

SAMPLE = "chat_stream_midstream_error.sse"
REASONING = "We need to respond to a greeting. The user"


def serve_sample(request: httpx.Request) -> httpx.Response:
    return httpx.Response(
        200, content=load_bytes(SAMPLE), headers={"content-type": "text/event-stream"}
    )


def test_sync_stream_raises_and_keeps_the_partial_answer() -> None:
    acc = StreamAccumulator()
    yielded = []
    transport = httpx.MockTransport(serve_sample)
    with (
        OpenRouterClient(api_key="sk-or-v1-FAKE", transport=transport) as client,
        pytest.raises(StreamError) as info,
    ):
        for event in client.stream("POST", "/chat/completions", json={"stream": True}):
            yielded += acc.feed(event)
    err = info.value
    acc.absorb_error_chunk(err.chunk)
    err.partial = acc.partial()
    assert err.code == 400
    assert err.status_code == 400
    assert err.message == "Token limit reached"
    assert err.request_id == "gen-1762179802-UN8pkJI4AGZvryk0kFnb"
    assert "".join(c.message.additional_kwargs["reasoning"] for c in yielded) == REASONING
    assert err.partial.additional_kwargs["reasoning"] == REASONING
    assert err.partial.usage_metadata is not None
    assert err.partial.usage_metadata["total_tokens"] == 53
    assert err.partial.response_metadata["error"]["code"] == 400


async def test_async_stream_raises_too() -> None:
    client = AsyncOpenRouterClient(
        api_key="sk-or-v1-FAKE", transport=httpx.MockTransport(serve_sample)
    )
    acc = StreamAccumulator()
    with pytest.raises(StreamError) as info:
        async for event in client.stream("POST", "/chat/completions", json={"stream": True}):
            acc.feed(event)
    assert info.value.code == 400
    acc.absorb_error_chunk(info.value.chunk)
    assert acc.partial().additional_kwargs["reasoning"] == REASONING
    await client.aclose()

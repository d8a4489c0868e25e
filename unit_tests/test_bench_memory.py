"""Long streams keep nothing per chunk: memory regression tests (bounds in bytes, never time).

langchain-core's ``stream()`` keeps every chunk until the end (~1.8 KB each), for any model;
ChatOpenRouter used to keep ~120 bytes more per chunk than the bench's floor model (a
``response_metadata`` on every text chunk, which core copies and keeps, and a list of every
piece of text). The internal client must not buffer a stream at all.
"""

from __future__ import annotations

import asyncio
import gc
import tracemalloc
from collections.abc import Callable

import pytest

from bench import memory
from bench.fixtures import API_KEY, BASE_URL, AsyncMockTransport, MockTransport, stream_events
from langchain_openrouter._client import AsyncOpenRouterClient, OpenRouterClient

CHUNKS = 10_000


def test_chat_keeps_no_more_per_chunk_than_the_floor() -> None:
    floor = memory.traced_peak("floor", CHUNKS)
    chat = memory.traced_peak("chat", CHUNKS)
    # Before the fix: ~120 bytes per chunk. The text itself is ~5 bytes per chunk here.
    assert (chat - floor) / CHUNKS < 16
    assert floor / CHUNKS > 1000  # core keeps every chunk: the measurement sees it


def test_the_callback_free_path_stays_flat() -> None:
    short = memory.traced_peak("chat-callback-free", CHUNKS // 10)
    long = memory.traced_peak("chat-callback-free", CHUNKS)
    # What grows is the text kept for .partial (~5 bytes a chunk), nothing per chunk.
    assert (long - short) / (CHUNKS - CHUNKS // 10) < 16


def _peak(consume: Callable[[], int], n: int) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        assert consume() >= n
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _client_peak(n: int, *, asynchronous: bool) -> int:
    """Peak of consuming an ``n``-event stream through the internal client (events dropped)."""
    body = {"model": "m", "messages": [], "stream": True}
    if not asynchronous:
        transport = MockTransport(stream=stream_events(n))
        with OpenRouterClient(api_key=API_KEY, base_url=BASE_URL, transport=transport) as client:
            assert client.http is not None  # the pool (and its SSL context) exists before tracing
            return _peak(
                lambda: sum(1 for _ in client.stream("POST", "/chat/completions", json=body)), n
            )

    async def run() -> int:
        transport = AsyncMockTransport(stream=stream_events(n))
        async with AsyncOpenRouterClient(
            api_key=API_KEY, base_url=BASE_URL, transport=transport
        ) as client:
            assert client.http is not None
            gc.collect()
            tracemalloc.start()
            try:
                count = 0
                async for _ in client.stream("POST", "/chat/completions", json=body):
                    count += 1
                assert count >= n
                return tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()

    return asyncio.run(run())


@pytest.mark.parametrize("asynchronous", [False, True])
def test_the_internal_client_never_buffers_a_stream(asynchronous: bool) -> None:
    short = _client_peak(CHUNKS // 10, asynchronous=asynchronous)
    long = _client_peak(CHUNKS, asynchronous=asynchronous)
    # One event at a time: 9,000 more events leave the peak where it was (a buffered stream
    # would add their ~3 MB of bytes).
    assert long - short < 20_000
    assert long < 200_000

"""A stream the caller abandons is closed at once, and its connection leaves the pool.

Breaking out of ``stream()``, or cancelling the task that runs ``astream()``, must close the
HTTP response right then: the served emulator sees the client leave (``emu.disconnects``) while
its stream is still stalled, and the pool keeps no connection busy with the abandoned answer.
Each stream here stalls after two chunks for longer than the test may run, so a response left
open would show as a missing disconnect, not as a slow test.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import httpcore
import httpx
import pytest

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.testing.hosts.disconnects import Disconnect

MODEL = "openai/gpt-4o-mini"
PROMPT = "one two three four five"
Served = tuple[OpenRouterEmulator, str]
# The role-only event, "one " and "two ": then the stream stalls.
STALLED = Disconnect("POST", "/chat/completions", headers_sent=True, events_sent=3)


def stall_every_stream(emu: OpenRouterEmulator) -> None:
    emu.faults.slow(60.0, after=3, times=None)


def pool_of(client: httpx.Client | httpx.AsyncClient) -> Any:
    """The httpcore connection pool under an httpx client (httpx has no public accessor)."""
    pool = client._transport._pool  # type: ignore[union-attr]
    assert isinstance(pool, (httpcore.ConnectionPool, httpcore.AsyncConnectionPool))
    return pool


def assert_nothing_held(pool: Any) -> None:
    """No request in flight and no connection busy: the abandoned one was closed."""
    assert pool._requests == []
    assert [c for c in pool.connections if not c.is_idle()] == []


def test_breaking_out_of_stream_closes_the_response_at_once(served_emulator: Served) -> None:
    emu, url = served_emulator
    with ChatOpenRouter(model=MODEL, api_key=emu.api_key, base_url=url) as llm:
        stall_every_stream(emu)
        texts = []
        for chunk in llm.stream(PROMPT):
            texts.append(chunk.text)
            if len(texts) == 2:
                break
        assert texts == ["one ", "two "]
        assert emu.disconnects.wait(1, timeout=10)
        assert emu.disconnects.records == [STALLED]
        pool = pool_of(llm.sync_client.http)
        assert_nothing_held(pool)
        # The pool is whole: the next call goes through at once.
        emu.faults.clear()
        assert llm.invoke("next").content == "next"
        assert len(pool.connections) == 1
        assert_nothing_held(pool)


def test_abandoned_streams_never_pile_up(served_emulator: Served) -> None:
    emu, url = served_emulator
    with ChatOpenRouter(model=MODEL, api_key=emu.api_key, base_url=url) as llm:
        stall_every_stream(emu)
        for n in range(1, 6):
            stream = llm.stream(PROMPT)
            assert next(stream).text == "one "
            stream.close()
            assert emu.disconnects.wait(n, timeout=10)
            assert_nothing_held(pool_of(llm.sync_client.http))
    assert len(emu.disconnects) == 5


def test_cancelling_an_astream_task_closes_the_response_at_once(served_emulator: Served) -> None:
    emu, url = served_emulator
    texts: list[str] = []

    async def main() -> None:
        async with ChatOpenRouter(model=MODEL, api_key=emu.api_key, base_url=url) as llm:
            stall_every_stream(emu)
            two_arrived = asyncio.Event()

            async def consume() -> None:
                async for chunk in llm.astream(PROMPT):
                    texts.append(chunk.text)
                    if len(texts) == 2:
                        two_arrived.set()

            task = asyncio.create_task(consume())
            await two_arrived.wait()
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            # Closed by the time the task is done: nothing of it is left in the pool.
            pool = pool_of(llm.async_client.http)
            assert_nothing_held(pool)
            assert await asyncio.to_thread(emu.disconnects.wait, 1, 10)
            emu.faults.clear()
            assert (await llm.ainvoke("next")).content == "next"
            assert len(pool.connections) == 1
            assert_nothing_held(pool)

    asyncio.run(main())
    assert texts == ["one ", "two "]
    assert emu.disconnects.records == [STALLED]


def test_breaking_out_of_an_aclosing_astream_closes_the_response_at_once(
    served_emulator: Served,
) -> None:
    emu, url = served_emulator

    async def main() -> None:
        async with ChatOpenRouter(model=MODEL, api_key=emu.api_key, base_url=url) as llm:
            stall_every_stream(emu)
            texts = []
            async with contextlib.aclosing(llm.astream(PROMPT)) as stream:
                async for chunk in stream:
                    texts.append(chunk.text)
                    if len(texts) == 2:
                        break
            assert texts == ["one ", "two "]
            assert_nothing_held(pool_of(llm.async_client.http))
            assert await asyncio.to_thread(emu.disconnects.wait, 1, 10)

    asyncio.run(main())
    assert emu.disconnects.records == [STALLED]


def test_a_client_timeout_is_seen_as_a_disconnect(served_emulator: Served) -> None:
    emu, url = served_emulator
    with ChatOpenRouter(model=MODEL, api_key=emu.api_key, base_url=url) as warm:
        warm.invoke("warm up")  # the first answer loads the emulator's token tables
    emu.faults.delay(60.0)
    with (
        ChatOpenRouter(
            model=MODEL, api_key=emu.api_key, base_url=url, timeout=0.3, max_retries=0
        ) as llm,
        pytest.raises(Exception, match="timed out"),
    ):
        llm.invoke("slow")
    assert emu.disconnects.wait(1, timeout=10)
    assert emu.disconnects.records == [Disconnect("POST", "/chat/completions", False, 0)]


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
def test_a_stream_read_to_its_end_keeps_its_connection_for_the_next_call(
    served_emulator: Served, use_async: bool
) -> None:
    # The body is read past [DONE] to its end: a response closed before its end would take
    # its connection out of the pool, and every stream would pay for a new one.
    emu, url = served_emulator
    llm = ChatOpenRouter(model=MODEL, api_key=emu.api_key, base_url=url)

    async def arun() -> tuple[str, list[Any], list[Any]]:
        async with llm:
            text = "".join([c.text async for c in llm.astream(PROMPT)])
            pool = pool_of(llm.async_client.http)
            after_stream = list(pool.connections)
            assert (await llm.ainvoke("plain")).content == "plain"
            return text, after_stream, list(pool.connections)

    if use_async:
        text, after_stream, after_invoke = asyncio.run(arun())
    else:
        with llm:
            text = "".join(c.text for c in llm.stream(PROMPT))
            pool = pool_of(llm.sync_client.http)
            after_stream = list(pool.connections)
            assert llm.invoke("plain").content == "plain"
            after_invoke = list(pool.connections)
    assert text == PROMPT
    assert len(after_stream) == 1
    assert after_invoke == after_stream
    assert len(emu.disconnects) == 0


def test_in_process_the_emulator_sees_the_same_disconnects() -> None:
    emu = OpenRouterEmulator()
    with emu.chat_model(MODEL, timeout=0.3, max_retries=0) as llm:
        assert "".join(c.text for c in llm.stream(PROMPT)) == PROMPT
        assert len(emu.disconnects) == 0  # read to its end: nobody left
        stall_every_stream(emu)
        for chunk in llm.stream(PROMPT):
            if chunk.text == "two ":
                break
        emu.faults.clear()
        emu.faults.delay(60.0)
        with pytest.raises(Exception, match="timed out"):
            llm.invoke("slow")
    assert emu.disconnects.records == [STALLED, Disconnect("POST", "/chat/completions", False, 0)]

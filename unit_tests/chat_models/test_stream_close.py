"""closing_astream: closing it closes the stream registered inside, before it returns."""

from __future__ import annotations

from collections.abc import AsyncGenerator

from langchain_openrouter.chat_models.stream_close import closing_astream, register_astream


async def test_closing_closes_the_inner_stream_before_returning() -> None:
    log: list[str] = []

    async def inner() -> AsyncGenerator[int, None]:
        try:
            for n in range(10):
                yield n
        finally:
            log.append("inner closed")

    async def outer() -> AsyncGenerator[int, None]:
        # As langchain-core's astream: iterates the inner stream and does not close it.
        stream = inner()
        register_astream(stream)
        async for n in stream:
            yield n
        log.append("outer ended")

    wrapped = closing_astream(outer())
    assert [await wrapped.__anext__(), await wrapped.__anext__()] == [0, 1]
    await wrapped.aclose()
    assert log == ["inner closed"]


async def test_a_stream_read_to_its_end_is_left_alone() -> None:
    async def outer() -> AsyncGenerator[int, None]:
        yield 1

    assert [n async for n in closing_astream(outer())] == [1]


async def test_nothing_is_registered_outside_a_step() -> None:
    async def inner() -> AsyncGenerator[int, None]:
        yield 1

    stray = inner()
    register_astream(stray)  # no closing_astream around: ignored
    seen: list[int] = []

    async def outer() -> AsyncGenerator[int, None]:
        yield 2

    async for n in closing_astream(outer()):
        # Between steps the slot is not set: a stream opened here is not taken.
        register_astream(stray)
        seen.append(n)
    assert seen == [2]
    assert await stray.__anext__() == 1  # still open: it was never closed
    await stray.aclose()

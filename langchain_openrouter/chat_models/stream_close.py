"""Closing an abandoned ``astream()`` at once, its HTTP response before ``aclose()`` returns.

langchain-core's ``astream`` iterates our ``_astream`` with ``async for``; closing core's
generator (``aclose()``, ``async with aclosing(...)``, a ``break`` followed by garbage
collection) raises ``GeneratorExit`` in core's frame only. Our generator, suspended in between,
is left to the event loop's async-generator finalizer, which closes it on a later turn of the
loop (or never, on a loop that does not run again), and the HTTP response with it. A sync
generator has no such gap: CPython closes it as soon as its last reference goes.

So ``ChatOpenRouter.astream`` runs core's generator through :func:`closing_astream`, which
hands a :class:`_Slot` to our ``_astream`` (through a context variable set only while core's
generator takes one step) and, when it is itself closed, closes the stream registered there,
then core's generator (which reports the run's end to the callbacks as before).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from contextvars import ContextVar
from typing import Any, TypeVar

__all__: list[str] = []

T = TypeVar("T")


class _Slot:
    """Where the ``_astream`` of one ``astream()`` call leaves its open stream."""

    __slots__ = ("stream",)

    def __init__(self) -> None:
        self.stream: AsyncGenerator[Any, None] | None = None


_SLOT: ContextVar[_Slot | None] = ContextVar("langchain_openrouter_astream_slot", default=None)


def register_astream(stream: AsyncGenerator[Any, None]) -> None:
    """Let the enclosing :func:`closing_astream`, if any, close ``stream`` when it is closed.

    Only the first stream of a step is taken: a model called from inside a callback during
    that step is not ours to close.
    """
    slot = _SLOT.get()
    if slot is not None and slot.stream is None:
        slot.stream = stream


def _closed_by_the_loop() -> bool:
    """Whether this close was started by the event loop, not by the caller.

    A generator dropped without closing is closed by the loop's async-generator finalizer, or
    by ``shutdown_asyncgens`` as ``asyncio.run`` ends; those close every live generator of the
    chain (ours, httpx's and httpcore's) at once, each in a task of its own whose coroutine is
    the generator's ``aclose()``. Closing the chain from here as well would drive one HTTP
    response's close from two tasks, which httpcore's cancel scopes refuse.
    """
    task = asyncio.current_task()
    return task is not None and type(task.get_coro()).__name__ == "async_generator_athrow"


async def closing_astream(outer: AsyncGenerator[T, None]) -> AsyncGenerator[T, None]:
    """``outer``'s items; closing this closes the stream ``outer`` registered, then ``outer``.

    The context variable is set only around each step of ``outer`` (never across a ``yield``
    to the caller), so nothing the caller runs between chunks sees it.
    """
    slot = _Slot()
    try:
        while True:
            token = _SLOT.set(slot)
            try:
                item = await outer.__anext__()
            except StopAsyncIteration:
                return
            finally:
                _SLOT.reset(token)
            yield item
    finally:
        # Ours first: once core's generator is closed, the loop's finalizer may start closing
        # ours concurrently (a second aclose() would then fail as "already running").
        if slot.stream is not None and not _closed_by_the_loop():
            await slot.stream.aclose()
        await outer.aclose()

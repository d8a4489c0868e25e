"""The property every fuzz test asserts: only the package's typed errors escape, with a message."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from langchain_openrouter.errors import OpenRouterError

T = TypeVar("T")


def check_error(err: OpenRouterError) -> None:
    """A typed error says what went wrong: its message and its ``str`` are not blank."""
    assert isinstance(err.message, str), repr(err)
    assert err.message.strip(), repr(err)
    assert str(err).strip(), repr(err)


def typed_only(call: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """``call(...)``'s result, or ``None`` when it raised a typed error with a message.

    Any other exception (``KeyError``, ``TypeError``, ``AttributeError``...) propagates and
    fails the example.
    """
    try:
        return call(*args, **kwargs)
    except OpenRouterError as err:
        check_error(err)
        return None


def atyped_only(make: Callable[[], Awaitable[T]]) -> T | None:
    """:func:`typed_only` for a coroutine, run to completion on a fresh event loop."""

    async def run() -> T | None:
        try:
            return await make()
        except OpenRouterError as err:
            check_error(err)
            return None

    return asyncio.run(run())

"""A process-wide hook through which every request reports its usage and cost.

LangChain's ``Embeddings`` (and the reranker) take no callbacks, so a cost tracker cannot learn
about their requests through a callback manager. Instead every integration calls
:func:`report` once per request, and whoever wants the numbers subscribes with
:func:`add_listener` (or :func:`listening`).

Listeners run synchronously, in the thread and asyncio task that made the request, right after
the response was parsed. A listener can therefore read ``contextvars`` to decide whether the
usage belongs to it (a ``with get_openrouter_callback():`` block, for instance), and nested or
concurrent contexts stay apart. A listener that raises is logged and skipped: usage tracking
never breaks the call that reported it.

Example:
    >>> from langchain_openrouter import _usage
    >>> seen = []
    >>> with _usage.listening(seen.append):
    ...     _usage.report("embeddings", "openai/text-embedding-3-small", {"cost": 2e-07})
    >>> seen[0].kind, seen[0].usage["cost"]
    ('embeddings', 2e-07)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

__all__ = ["UsageKind", "UsageReport", "add_listener", "listening", "remove_listener", "report"]

logger = logging.getLogger("langchain_openrouter")

UsageKind = Literal["chat", "embeddings", "rerank", "responses"]
"""Which kind of request a report is about."""


@dataclass(frozen=True)
class UsageReport:
    """The usage of one OpenRouter request.

    Attributes:
        kind: ``"embeddings"``, ``"chat"``, ``"rerank"`` or ``"responses"``.
        model: The model that answered (the response's ``model``), else the one requested.
        usage: The response's ``usage`` object as sent (tokens; ``cost`` in USD), read-only.
        generation_id: The generation id (``gen-...``), where the response had one.
    """

    kind: UsageKind
    model: str | None
    usage: Mapping[str, Any] = field(default_factory=dict)
    generation_id: str | None = None

    @property
    def cost(self) -> float:
        """``usage.cost`` in USD (0.0 when the response carried none)."""
        value = self.usage.get("cost")
        return float(value) if isinstance(value, (int, float)) else 0.0


Listener = Callable[[UsageReport], None]

_lock = threading.Lock()
# Replaced (never mutated) under the lock, so report() reads it without locking.
_listeners: tuple[Listener, ...] = ()


def add_listener(listener: Listener) -> Callable[[], None]:
    """Call ``listener`` with a :class:`UsageReport` for every request from now on.

    Args:
        listener: A callable taking one :class:`UsageReport`; it should be quick.

    Returns:
        A function that removes the listener again.

    Example:
        >>> remove = add_listener(print)
        >>> remove()
    """
    global _listeners
    with _lock:
        _listeners = (*_listeners, listener)

    def remove() -> None:
        remove_listener(listener)

    return remove


def remove_listener(listener: Listener) -> None:
    """Stop calling ``listener`` (no error if it is not registered)."""
    global _listeners
    with _lock:
        kept = list(_listeners)
        if listener in kept:
            kept.remove(listener)
        _listeners = tuple(kept)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """``add_listener`` for the duration of a ``with`` block."""
    remove = add_listener(listener)
    try:
        yield
    finally:
        remove()


def report(
    kind: UsageKind,
    model: str | None,
    usage: Mapping[str, Any] | None,
    generation_id: str | None = None,
) -> None:
    """Tell every listener about one request's usage (a no-op when nobody listens).

    Args:
        kind: Which kind of request it was.
        model: The model that answered.
        usage: The response's ``usage`` object (``None`` or missing is reported as ``{}``).
        generation_id: The response's generation id, if any.
    """
    listeners = _listeners
    if not listeners:
        return
    event = UsageReport(kind, model, MappingProxyType(dict(usage or {})), generation_id)
    for listener in listeners:
        try:
            listener(event)
        except Exception:
            logger.exception("usage listener %r failed; the request itself succeeded", listener)

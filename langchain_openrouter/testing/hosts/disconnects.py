"""The emulator's record of clients that left before their whole answer was sent.

A client that stops reading a stream (``break`` out of ``stream()``, a cancelled ``astream()``
task, a timeout) should close its connection at once; the served emulator sees the close as soon
as it happens (the in-process transport, the response closed early), stops producing the answer,
and logs it here. Tests assert on it, to prove that a
client releases what it abandons.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

__all__ = ["Disconnect", "DisconnectLog"]


@dataclass(frozen=True)
class Disconnect:
    """One answer the client abandoned.

    Attributes:
        method: The request's HTTP method.
        route: Its path below ``/api/v1`` (e.g. ``"/chat/completions"``).
        headers_sent: Whether the status line and headers had gone out (``False``: the client
            left while the answer was delayed, as a client timeout does).
        events_sent: SSE ``data:`` events written before the client left.
    """

    method: str
    route: str
    headers_sent: bool
    events_sent: int


class DisconnectLog:
    """Answers abandoned by their clients, oldest first (``emu.disconnects``); thread-safe.

    Example:
        .. code-block:: python

            emu.faults.slow(60, after=3)  # three events, then the stream stalls
            with emu.serve() as base_url:
                llm = ChatOpenRouter(model="openai/gpt-4o-mini", base_url=base_url, ...)
                for chunk in llm.stream("one two three four"):
                    break
                assert emu.disconnects.wait(1, timeout=5)
                assert emu.disconnects.records[0].route == "/chat/completions"
    """

    def __init__(self) -> None:
        self._records: list[Disconnect] = []
        self._changed = threading.Condition()

    def __len__(self) -> int:
        with self._changed:
            return len(self._records)

    @property
    def records(self) -> list[Disconnect]:
        """Every disconnect seen so far, oldest first."""
        with self._changed:
            return list(self._records)

    def record(self, disconnect: Disconnect) -> None:
        """Add one (the server calls this from its own thread)."""
        with self._changed:
            self._records.append(disconnect)
            self._changed.notify_all()

    def wait(self, count: int = 1, timeout: float = 5.0) -> bool:
        """Block until at least ``count`` disconnects were seen, or ``timeout`` seconds passed.

        The server notices a close on its own thread, a moment after the client made it.

        Returns:
            Whether ``count`` were seen in time.
        """
        with self._changed:
            return self._changed.wait_for(lambda: len(self._records) >= count, timeout)

    def clear(self) -> None:
        """Forget every record."""
        with self._changed:
            self._records.clear()

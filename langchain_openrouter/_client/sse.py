r"""Incremental event-stream decoding: bytes in, events out, no I/O.

:class:`SSEDecoder` splits the bytes into Server-Sent Events; :class:`EventStreamDecoder` turns
those into OpenRouter's JSON events, stopping at ``[DONE]`` and at an in-band error event.

The SSE decoder follows the WHATWG event-stream rules that matter to OpenRouter: lines end in LF,
CRLF or CR; ``:`` lines are comments (``: OPENROUTER PROCESSING`` keep-alives); several ``data:``
lines of one event join with ``\\n``; a blank line dispatches the event. Input may be split at
any byte, even inside a UTF-8 character or between CR and LF; only the unfinished line is
buffered.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_openrouter._malformed import malformed_answer
from langchain_openrouter.errors import StreamError, error_from_stream_chunk

__all__ = ["DONE", "EventStreamDecoder", "SSEDecoder", "SSEEvent"]

DONE = "[DONE]"


@dataclass(slots=True)
class SSEEvent:
    r"""One dispatched event.

    Attributes:
        data: The ``data`` lines, joined with ``\\n``.
        event: The ``event`` field (``"message"`` when absent).
        id: The last ``id`` field seen, if any.
        retry: The ``retry`` field in milliseconds, if any.
    """

    data: str
    event: str = "message"
    id: str | None = None
    retry: int | None = None

    def json(self) -> Any:
        """The data decoded as JSON."""
        return json.loads(self.data)


@dataclass
class SSEDecoder:
    r"""Feed it bytes as they arrive; it returns the events each feed completes.

    Example:
        >>> decoder = SSEDecoder()
        >>> decoder.feed(b': OPENROUTER PROCESSING\n\ndata: {"a"')
        []
        >>> [e.data for e in decoder.feed(b": 1}\n\n")]
        ['{"a": 1}']
    """

    _text: codecs.IncrementalDecoder = field(
        default_factory=lambda: codecs.getincrementaldecoder("utf-8")(errors="replace")
    )
    _buffer: str = ""
    _pieces: list[str] = field(default_factory=list)
    _data: list[str] = field(default_factory=list)
    _event: str = ""
    _last_id: str | None = None
    _retry: int | None = None
    _pending_cr: bool = False

    def feed(self, chunk: bytes) -> list[SSEEvent]:
        """Decode a piece of the stream.

        Args:
            chunk: The next bytes, split anywhere.

        Returns:
            The events completed by these bytes, in order.
        """
        return self._feed_text(self._text.decode(chunk))

    def flush(self) -> list[SSEEvent]:
        """End of stream: dispatch a last event that had no closing blank line."""
        events = self._feed_text(self._text.decode(b"", final=True))
        if self._pieces:
            self._buffer = "".join(self._pieces) + self._buffer
            self._pieces = []
        if self._buffer:
            line, self._buffer = self._buffer, ""
            self._process_line(line, events)
        self._dispatch(events)
        return events

    def _feed_text(self, text: str) -> list[SSEEvent]:
        events: list[SSEEvent] = []
        if not text:
            return events
        if self._pending_cr:
            self._pending_cr = False
            if text.startswith("\n"):
                text = text[1:]
        if "\n" not in text and "\r" not in text:
            # No line ends here: park the piece instead of re-joining and rescanning the buffer,
            # which keeps a long line arriving in many reads linear.
            if self._buffer:
                self._pieces.append(self._buffer)
                self._buffer = ""
            self._pieces.append(text)
            return events
        if self._pieces:
            buffer = "".join(self._pieces) + text
            self._pieces = []
        else:
            buffer = self._buffer + text
        if "\r" not in buffer:
            # The usual LF-only framing: one split instead of a scan per line.
            lines = buffer.split("\n")
            self._buffer = lines.pop()
            data = self._data
            for line in lines:
                # Nearly every line of an OpenRouter stream is "data: ..." or blank.
                if line.startswith("data: "):
                    data.append(line[6:])
                elif line:
                    self._process_line(line, events)
                else:
                    self._dispatch(events)
                    data = self._data
            return events
        start = 0
        length = len(buffer)
        while True:
            # Find the next line terminator of any of the three kinds.
            lf = buffer.find("\n", start)
            cr = buffer.find("\r", start, lf if lf != -1 else length)
            if cr != -1:
                end, nxt = cr, cr + 1
                if nxt < length and buffer[nxt] == "\n":
                    nxt += 1
                elif nxt == length:
                    # The LF of a CRLF may be the first byte of the next chunk.
                    self._pending_cr = True
            elif lf != -1:
                end, nxt = lf, lf + 1
            else:
                break
            self._process_line(buffer[start:end], events)
            start = nxt
        self._buffer = buffer[start:]
        return events

    def _process_line(self, line: str, events: list[SSEEvent]) -> None:
        if not line:
            self._dispatch(events)
            return
        if line.startswith(":"):
            return
        name, sep, value = line.partition(":")
        if sep and value.startswith(" "):
            value = value[1:]
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id":
            if "\0" not in value:
                self._last_id = value
        elif name == "retry" and value.isdigit():
            self._retry = int(value)

    def _dispatch(self, events: list[SSEEvent]) -> None:
        if self._data:
            events.append(
                SSEEvent(
                    data="\n".join(self._data),
                    event=self._event or "message",
                    id=self._last_id,
                    retry=self._retry,
                )
            )
        self._data = []
        self._event = ""


class EventStreamDecoder:
    r"""Bytes of an OpenRouter event stream in, decoded JSON events out.

    Stops at ``data: [DONE]``. An event with a top-level ``error`` ends the stream: the events
    before it are returned, and :meth:`check` then raises it as a
    :class:`~langchain_openrouter.errors.StreamError` (never a silently truncated answer). An
    event whose data is not a JSON object raises an
    :class:`~langchain_openrouter.errors.OpenRouterError`.

    Example:
        >>> decoder = EventStreamDecoder()
        >>> decoder.feed(b'data: {"a": 1}\n\ndata: [DONE]\n\n'), decoder.done
        ([{'a': 1}], True)
    """

    def __init__(self) -> None:
        self._sse = SSEDecoder()
        self.done = False
        self.error: StreamError | None = None

    def feed(self, data: bytes) -> list[Any]:
        """Decode more bytes; returns the completed JSON events."""
        return self._decode(self._sse.feed(data))

    def flush(self) -> list[Any]:
        """The stream ended: decode what is left."""
        return self._decode(self._sse.flush())

    def _decode(self, events: Sequence[SSEEvent]) -> list[Any]:
        out: list[Any] = []
        for event in events:
            if self.done:
                break
            if event.data == DONE:
                self.done = True
                break
            try:
                payload = json.loads(event.data)
            except (ValueError, RecursionError) as exc:
                # A cut or corrupted event: its text may hold anything, so it is not quoted.
                reason = getattr(exc, "msg", type(exc).__name__)
                raise malformed_answer(
                    "a stream request", f"an event's data is not JSON ({reason})"
                ) from exc
            if not isinstance(payload, dict):
                # Every OpenRouter event is an object; anything else is a broken stream.
                raise malformed_answer(
                    "a stream request", f"an event is {type(payload).__name__}, not an object"
                )
            if "error" in payload:
                self.error = error_from_stream_chunk(payload)
                if self.error is not None:
                    self.done = True
                    break
            out.append(payload)
        return out

    def check(self) -> None:
        """Raise the stream's error event, once the events before it have been handed out."""
        if self.error is not None:
            raise self.error

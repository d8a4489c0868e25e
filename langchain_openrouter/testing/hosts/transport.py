"""The emulator as an httpx transport, for ``httpx.Client`` and ``httpx.AsyncClient`` alike.

Streamed bodies are handed to httpx chunk by chunk (never buffered), with their delays. Faults
surface as httpx would surface them from a real server: a dropped connection raises
``httpx.RemoteProtocolError``, and a delay longer than the request's read timeout raises
``httpx.ReadTimeout`` once that timeout has passed.

A response closed before its body ended (the client abandoned the stream), or given up on by
that simulated timeout, is logged as a
:class:`~langchain_openrouter.testing.hosts.disconnects.Disconnect`, as the served emulator
logs a client that leaves.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Iterator
from urllib.parse import parse_qsl

import httpx

from langchain_openrouter.testing.hosts.disconnects import Disconnect, DisconnectLog
from langchain_openrouter.testing.wire import Chunk, Request, Response

__all__ = ["EmulatorTransport", "to_request"]

Handler = Callable[[Request], Response]
_DROPPED_BEFORE = "Server disconnected without sending a response."
_DROPPED_DURING = (
    "peer closed connection without sending complete message body (incomplete chunked read)"
)


def to_request(request: httpx.Request, body: bytes) -> Request:
    """The emulator's view of an httpx request."""
    query = dict(parse_qsl(request.url.query.decode(), keep_blank_values=True))
    headers = {k.decode().lower(): v.decode() for k, v in request.headers.raw}
    return Request(request.method, request.url.path, query, headers, body)


def _read_timeout(request: httpx.Request) -> float | None:
    timeout = request.extensions.get("timeout") or {}
    value = timeout.get("read")
    return float(value) if value is not None else None


def _timed_out(request: httpx.Request) -> httpx.ReadTimeout:
    return httpx.ReadTimeout("timed out", request=request)


def _response(
    request: httpx.Request, response: Response, stream: httpx.SyncByteStream | httpx.AsyncByteStream
) -> httpx.Response:
    return httpx.Response(
        response.status,
        headers=list(response.headers.items()),
        stream=stream,
        request=request,
        extensions={"http_version": b"HTTP/1.1", "reason_phrase": b""},
    )


class _Body:
    """A streamed body being handed to httpx, and whether its client left before the end."""

    def __init__(
        self, response: Response, request: httpx.Request, seen: Request, log: DisconnectLog
    ) -> None:
        self._chunks = response.chunks()
        self._request = request
        self._seen = seen
        self._log = log
        self._timeout = _read_timeout(request)
        self._events = 0
        self._over = False

    def _next_step(self, chunk: Chunk) -> float:
        """Seconds to wait before ``chunk``: its delay, or a shorter read timeout.

        When the timeout is shorter, :meth:`_after_wait` then raises it.
        """
        if self._timeout is not None and chunk.delay > self._timeout:
            return self._timeout
        return chunk.delay

    def _after_wait(self, chunk: Chunk) -> bytes:
        """The bytes of ``chunk`` once its delay has passed, or the fault it is."""
        if self._timeout is not None and chunk.delay > self._timeout:
            self._left()
            raise _timed_out(self._request)
        if chunk.drop:
            self._over = True  # the server broke it: not the client leaving
            raise httpx.RemoteProtocolError(_DROPPED_DURING, request=self._request)
        self._events += chunk.data.startswith(b"data:")
        return chunk.data

    def _left(self) -> None:
        if not self._over:
            self._over = True
            self._log.record(Disconnect(self._seen.method, self._seen.route, True, self._events))

    def _close(self) -> None:
        self._left()
        close = getattr(self._chunks, "close", None)
        if close is not None:
            close()


class _SyncStream(_Body, httpx.SyncByteStream):
    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._chunks:
            wait = self._next_step(chunk)
            if wait:
                time.sleep(wait)
            data = self._after_wait(chunk)
            if data:
                yield data
        self._over = True

    def close(self) -> None:
        self._close()


class _AsyncStream(_Body, httpx.AsyncByteStream):
    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._chunks:
            wait = self._next_step(chunk)
            if wait:
                await asyncio.sleep(wait)
            data = self._after_wait(chunk)
            if data:
                yield data
        self._over = True

    async def aclose(self) -> None:
        self._close()


class EmulatorTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """An httpx transport that answers from the emulator, with no network.

    Args:
        handler: The emulator's ``handle`` function.
        disconnects: Where to log answers their clients abandoned (default: a new log, at
            :attr:`disconnects`).

    Example:
        .. code-block:: python

            emu = OpenRouterEmulator()
            with httpx.Client(transport=emu.transport) as client:
                client.get("http://openrouter.test/api/v1/models")
    """

    def __init__(self, handler: Handler, *, disconnects: DisconnectLog | None = None) -> None:
        self._handler = handler
        self.disconnects = disconnects if disconnects is not None else DisconnectLog()

    def _gave_up(self, request: httpx.Request, seen: Request) -> httpx.ReadTimeout:
        """The simulated client timeout before the headers, logged as the client leaving."""
        self.disconnects.record(Disconnect(seen.method, seen.route, False, 0))
        return _timed_out(request)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Answer a request from a sync ``httpx.Client``."""
        seen = to_request(request, request.read())
        response = self._handler(seen)
        timeout = _read_timeout(request)
        if response.delay:
            if timeout is not None and response.delay > timeout:
                time.sleep(timeout)
                raise self._gave_up(request, seen)
            time.sleep(response.delay)
        if response.drop:
            raise httpx.RemoteProtocolError(_DROPPED_BEFORE, request=request)
        return _response(request, response, _SyncStream(response, request, seen, self.disconnects))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Answer a request from an ``httpx.AsyncClient``."""
        seen = to_request(request, await request.aread())
        response = self._handler(seen)
        timeout = _read_timeout(request)
        if response.delay:
            if timeout is not None and response.delay > timeout:
                await asyncio.sleep(timeout)
                raise self._gave_up(request, seen)
            await asyncio.sleep(response.delay)
        if response.drop:
            raise httpx.RemoteProtocolError(_DROPPED_BEFORE, request=request)
        return _response(request, response, _AsyncStream(response, request, seen, self.disconnects))

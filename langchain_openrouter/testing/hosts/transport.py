"""The emulator as an httpx transport, for ``httpx.Client`` and ``httpx.AsyncClient`` alike.

Streamed bodies are handed to httpx chunk by chunk (never buffered), with their delays. Faults
surface as httpx would surface them from a real server: a dropped connection raises
``httpx.RemoteProtocolError``, and a delay longer than the request's read timeout raises
``httpx.ReadTimeout`` once that timeout has passed.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Iterator
from urllib.parse import parse_qsl

import httpx

from langchain_openrouter.testing.wire import Request, Response

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


class _SyncStream(httpx.SyncByteStream):
    def __init__(self, response: Response, request: httpx.Request) -> None:
        self._chunks = response.chunks()
        self._request = request
        self._timeout = _read_timeout(request)

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._chunks:
            if chunk.delay:
                if self._timeout is not None and chunk.delay > self._timeout:
                    time.sleep(self._timeout)
                    raise _timed_out(self._request)
                time.sleep(chunk.delay)
            if chunk.drop:
                raise httpx.RemoteProtocolError(_DROPPED_DURING, request=self._request)
            if chunk.data:
                yield chunk.data

    def close(self) -> None:
        close = getattr(self._chunks, "close", None)
        if close is not None:
            close()


class _AsyncStream(httpx.AsyncByteStream):
    def __init__(self, response: Response, request: httpx.Request) -> None:
        self._chunks = response.chunks()
        self._request = request
        self._timeout = _read_timeout(request)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._chunks:
            if chunk.delay:
                if self._timeout is not None and chunk.delay > self._timeout:
                    await asyncio.sleep(self._timeout)
                    raise _timed_out(self._request)
                await asyncio.sleep(chunk.delay)
            if chunk.drop:
                raise httpx.RemoteProtocolError(_DROPPED_DURING, request=self._request)
            if chunk.data:
                yield chunk.data

    async def aclose(self) -> None:
        close = getattr(self._chunks, "close", None)
        if close is not None:
            close()


class EmulatorTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """An httpx transport that answers from the emulator, with no network.

    Args:
        handler: The emulator's ``handle`` function.

    Example:
        .. code-block:: python

            emu = OpenRouterEmulator()
            with httpx.Client(transport=emu.transport) as client:
                client.get("http://openrouter.test/api/v1/models")
    """

    def __init__(self, handler: Handler) -> None:
        self._handler = handler

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Answer a request from a sync ``httpx.Client``."""
        response = self._handler(to_request(request, request.read()))
        timeout = _read_timeout(request)
        if response.delay:
            if timeout is not None and response.delay > timeout:
                time.sleep(timeout)
                raise _timed_out(request)
            time.sleep(response.delay)
        if response.drop:
            raise httpx.RemoteProtocolError(_DROPPED_BEFORE, request=request)
        return _response(request, response, _SyncStream(response, request))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Answer a request from an ``httpx.AsyncClient``."""
        response = self._handler(to_request(request, await request.aread()))
        timeout = _read_timeout(request)
        if response.delay:
            if timeout is not None and response.delay > timeout:
                await asyncio.sleep(timeout)
                raise _timed_out(request)
            await asyncio.sleep(response.delay)
        if response.drop:
            raise httpx.RemoteProtocolError(_DROPPED_BEFORE, request=request)
        return _response(request, response, _AsyncStream(response, request))

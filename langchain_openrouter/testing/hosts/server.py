"""The emulator as a real HTTP/1.1 server on 127.0.0.1 (stdlib asyncio, one background thread).

Keep-alive connections, chunked streaming (each SSE event flushed as it is produced, with its
delay), and faults on the wire: a dropped connection closes the socket, before the status line or
in the middle of a chunked body. Hundreds of concurrent streams share one event loop; the
emulator's handler runs in a worker thread, so a slow answer holds up only its own connection.

A client that closes its connection before the whole answer went out is noticed at once, even
while the answer waits on a delay: the server stops producing it and logs a
:class:`~langchain_openrouter.testing.hosts.disconnects.Disconnect`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from http import HTTPStatus
from urllib.parse import parse_qsl, unquote

from langchain_openrouter.testing.hosts.disconnects import Disconnect, DisconnectLog
from langchain_openrouter.testing.wire import Request, Response, error_response

__all__ = ["EmulatorServer"]

logger = logging.getLogger("langchain_openrouter.testing")

Handler = Callable[[Request], Response]
MAX_HEADER_BYTES = 64 * 1024
MAX_BODY_BYTES = 64 * 1024 * 1024


class _BadRequest(Exception):
    pass


class _Reader(asyncio.StreamReader):
    """A stream reader that also tells when the client closed its side (``gone``).

    The protocol feeds the reader EOF (or the error) as soon as the close arrives, whatever the
    server is doing; nothing has to be read for it, so no byte of a next request is consumed.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(limit=limit)
        self.gone = asyncio.Event()

    def feed_eof(self) -> None:
        super().feed_eof()
        self.gone.set()

    def set_exception(self, exc: Exception) -> None:
        super().set_exception(exc)
        self.gone.set()


async def _left_within(reader: _Reader, seconds: float) -> bool:
    """Wait ``seconds``; ``True`` as soon as the client closes its connection meanwhile."""
    if reader.gone.is_set():
        return True
    try:
        await asyncio.wait_for(reader.gone.wait(), seconds)
    except asyncio.TimeoutError:
        return False
    return True


async def _read_body(reader: asyncio.StreamReader, headers: dict[str, str]) -> bytes:
    if "chunked" in headers.get("transfer-encoding", "").lower():
        parts: list[bytes] = []
        while True:
            size_line = await reader.readuntil(b"\r\n")
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                return b"".join(parts)
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)
    length = headers.get("content-length")
    if not length:
        return b""
    size = int(length)
    if size < 0 or size > MAX_BODY_BYTES:
        raise _BadRequest("bad content-length")
    return await reader.readexactly(size)


async def _read_request(reader: asyncio.StreamReader) -> tuple[Request, bool] | None:
    """The next request on a connection and whether to keep it open; ``None`` at EOF."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        if exc.partial.strip():
            raise _BadRequest("truncated request head") from exc
        return None
    except asyncio.LimitOverrunError as exc:
        raise _BadRequest("request head too large") from exc
    lines = head.decode("latin-1").split("\r\n")
    try:
        method, target, version = lines[0].split(" ", 2)
    except ValueError as exc:
        raise _BadRequest("bad request line") from exc
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if not line:
            continue
        name, sep, value = line.partition(":")
        if not sep:
            raise _BadRequest("bad header line")
        headers[name.strip().lower()] = value.strip()
    try:
        body = await _read_body(reader, headers)
    except ValueError as exc:
        raise _BadRequest("bad body framing") from exc
    path, _, query = target.partition("?")
    connection = headers.get("connection", "").lower()
    keep_alive = connection != "close" and (version != "HTTP/1.0" or connection == "keep-alive")
    request = Request(
        method.upper(), unquote(path), dict(parse_qsl(query, keep_blank_values=True)), headers, body
    )
    return request, keep_alive


def _head(status: int, headers: dict[str, str], keep_alive: bool) -> bytes:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Unknown"
    lines = [f"HTTP/1.1 {status} {phrase}", "server: openrouter-emulator"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    lines.append(f"connection: {'keep-alive' if keep_alive else 'close'}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


class EmulatorServer:
    """Serve a handler on 127.0.0.1 from a background thread.

    Args:
        handler: The emulator's ``handle`` function.
        host: Interface to bind.
        port: Port to bind; 0 picks a free one.
        disconnects: Where to log answers their clients abandoned (default: a new log, at
            :attr:`disconnects`).

    Example:
        .. code-block:: python

            server = EmulatorServer(emu.handle)
            base_url = server.start()  # "http://127.0.0.1:53127/api/v1"
            ...
            server.stop()
    """

    def __init__(
        self,
        handler: Handler,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        disconnects: DisconnectLog | None = None,
    ) -> None:
        self._handler = handler
        self.disconnects = disconnects if disconnects is not None else DisconnectLog()
        self.host = host
        self.port = port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.AbstractServer | None = None
        self._connections: set[asyncio.Task[None]] = set()
        self._ready = threading.Event()
        self._error: BaseException | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>/api/v1``."""
        return f"http://{self.host}:{self.port}/api/v1"

    def start(self) -> str:
        """Start listening; returns the base URL."""
        self._thread = threading.Thread(target=self._run, name="openrouter-emulator", daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._error is not None:
            raise self._error
        return self.base_url

    def stop(self) -> None:
        """Close the listener and every open connection, and end the thread."""
        loop = self._loop
        if loop is None or self._thread is None:
            return
        future = asyncio.run_coroutine_threadsafe(self._shutdown(), loop)
        with contextlib.suppress(Exception):
            future.result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        self._thread.join(timeout=10)
        self._loop = None
        self._thread = None

    def serve_forever(self, ready: Callable[[str], None] | None = None) -> None:
        """Serve in the calling thread until interrupted (for ``python -m``).

        Args:
            ready: Called with the base URL once the port is bound.
        """
        asyncio.run(self._serve_until_cancelled(ready))

    async def _serve_until_cancelled(self, ready: Callable[[str], None] | None) -> None:
        await self._listen()
        server = self._server
        if server is None:
            return
        if ready is not None:
            ready(self.base_url)
        async with server:
            await server.serve_forever()

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._listen())
        except BaseException as exc:  # report bind errors to start()
            self._error = exc
            self._ready.set()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.close()

    async def _listen(self) -> None:
        # asyncio.start_server, with a reader that notices the client leaving.
        def protocol() -> asyncio.StreamReaderProtocol:
            return asyncio.StreamReaderProtocol(_Reader(MAX_HEADER_BYTES), self._connection)

        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(protocol, self.host, self.port, backlog=2048)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._connections):
            task.cancel()
        if self._connections:
            await asyncio.gather(*self._connections, return_exceptions=True)

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if not isinstance(reader, _Reader):  # every connection is made by _listen's protocol
            raise TypeError("EmulatorServer connections need its own reader")
        task = asyncio.current_task()
        if task is not None:
            self._connections.add(task)
        try:
            while True:
                try:
                    parsed = await _read_request(reader)
                except _BadRequest as exc:
                    bad = error_response(400, f"Malformed HTTP request: {exc}")
                    await self._send(reader, writer, bad, keep_alive=False)
                    return
                if parsed is None:
                    return
                request, keep_alive = parsed
                # Off the loop: a slow answer (the first chat answer loads a tokenizer, about a
                # second) must not hold up every other connection.
                response = await asyncio.to_thread(self._handler, request)
                sent = await self._send(
                    reader, writer, response, keep_alive=keep_alive, request=request
                )
                if not sent or not keep_alive:
                    return
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            return
        finally:
            if task is not None:
                self._connections.discard(task)
            writer.close()

    async def _send(
        self,
        reader: _Reader,
        writer: asyncio.StreamWriter,
        response: Response,
        *,
        keep_alive: bool,
        request: Request | None = None,
    ) -> bool:
        """Write a response; ``False`` when the connection was dropped.

        Dropped on purpose (a fault), or by the client leaving before the end (logged).
        """

        def left(headers_sent: bool, events_sent: int) -> bool:
            if request is not None:
                self.disconnects.record(
                    Disconnect(request.method, request.route, headers_sent, events_sent)
                )
            return False

        if response.delay and await _left_within(reader, response.delay):
            return left(False, 0)
        if response.drop:
            writer.transport.close()  # a clean close: the client sees EOF, as from a dead proxy
            return False
        headers = dict(response.headers)
        if isinstance(response.body, bytes):
            headers["content-length"] = str(len(response.body))
            writer.write(_head(response.status, headers, keep_alive) + response.body)
            await writer.drain()
            return True
        headers["transfer-encoding"] = "chunked"
        writer.write(_head(response.status, headers, keep_alive))
        await writer.drain()
        chunks = response.chunks()
        events = 0
        try:
            for chunk in chunks:
                if chunk.delay and await _left_within(reader, chunk.delay):
                    return left(True, events)
                if chunk.drop:
                    writer.transport.close()
                    return False
                if reader.gone.is_set():
                    return left(True, events)
                if chunk.data:
                    writer.write(b"%x\r\n%s\r\n" % (len(chunk.data), chunk.data))
                    await writer.drain()
                    events += chunk.data.startswith(b"data:")
        except ConnectionError:  # the client went away mid-write
            return left(True, events)
        except Exception:  # a broken generator must not leave the client hanging
            logger.exception("emulator stream failed")
            writer.transport.abort()
            return False
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()
        writer.write(b"0\r\n\r\n")
        await writer.drain()
        return True

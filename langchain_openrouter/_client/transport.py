"""``OpenRouterClient`` and ``AsyncOpenRouterClient``: the only code that sends bytes.

Deciding is shared and pure (:class:`_Attempts` for retries, :class:`EventStreamDecoder` for
streams, :class:`ClientConfig` for requests); the two classes differ only in the lines that send,
read and sleep.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from types import TracebackType
from typing import Any

import httpx
from pydantic import SecretStr
from typing_extensions import Self

from langchain_openrouter._client.config import (
    ClientConfig,
    TimeoutLike,
    build_headers,
    make_timeout,
    resolve_base_url,
)
from langchain_openrouter._client.retry import RetryPolicy, next_delay
from langchain_openrouter._client.sse import DONE, SSEDecoder
from langchain_openrouter.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    StreamError,
    error_from_response,
    error_from_stream_chunk,
)

__all__ = ["AsyncOpenRouterClient", "EventStreamDecoder", "OpenRouterClient"]

logger = logging.getLogger("langchain_openrouter")

# Many concurrent agent calls share one client; httpx's default pool of 100 would queue them.
DEFAULT_LIMITS = httpx.Limits(max_connections=1000, max_keepalive_connections=100)


class EventStreamDecoder:
    """Bytes of an OpenRouter event stream in, decoded JSON events out (pure).

    Stops at ``data: [DONE]``. An event with a top-level ``error`` ends the stream: the events
    before it are returned, and :meth:`check` then raises it as a
    :class:`~langchain_openrouter.errors.StreamError` (never a silently truncated answer).
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

    def _decode(self, events: Sequence[Any]) -> list[Any]:
        out: list[Any] = []
        for event in events:
            if self.done:
                break
            if event.data == DONE:
                self.done = True
                break
            payload = json.loads(event.data)
            if isinstance(payload, dict) and "error" in payload:
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


class _Attempts:
    """The retry loop's decisions for one request (pure: no sleeping, no sending)."""

    def __init__(self, policy: RetryPolicy, request: httpx.Request) -> None:
        self.policy = policy
        self.request = request
        self.attempt = 0
        self.started = time.perf_counter()

    def after_error(self, exc: Exception) -> float:
        """Delay before retrying a transport error; raises the typed error when final."""
        if not isinstance(exc, httpx.TransportError):
            raise exc
        delay = next_delay(self.policy, self.attempt, error=exc)
        self._log(None, delay)
        if delay is None:
            cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
            kind = "timed out" if cls is APITimeoutError else "failed to connect"
            raise cls(
                f"Request to OpenRouter {kind} after {self.attempt + 1} attempt(s): "
                f"{type(exc).__name__}: {exc}",
                request=self.request,
            ) from exc
        self.attempt += 1
        return delay

    def after_status(self, response: httpx.Response) -> float:
        """Delay before retrying a non-2xx response (body read); raises when final."""
        error = error_from_response(response)
        delay = next_delay(
            self.policy,
            self.attempt,
            status=response.status_code,
            headers=response.headers,
            retryable=error.retryable,
        )
        self._log(response.status_code, delay)
        if delay is None:
            raise _with_attempts(error, self.attempt + 1)
        self.attempt += 1
        return delay

    def succeeded(self, response: httpx.Response) -> None:
        """Log the final, successful attempt."""
        self._log(response.status_code, None)

    def _log(self, status: int | None, delay: float | None) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s -> %s in %.3fs (retries so far: %d%s)",
                self.request.method,
                self.request.url.path,
                status if status is not None else "no response",
                time.perf_counter() - self.started,
                self.attempt,
                f", retrying in {delay:.2f}s" if delay is not None else "",
            )


def _with_attempts(error: APIStatusError, attempts: int) -> APIStatusError:
    error.attempts = attempts  # type: ignore[attr-defined]
    if attempts > 1:
        error.args = (f"{error.args[0]} [gave up after {attempts} attempts]",)
    return error


# RFC 6761 reserves these names: no resolver answers for them, so a base URL there (the
# in-process emulator's http://openrouter.test/api/v1) is reachable only through a client the
# caller passes; a client of our own would fail on DNS after every retry.
_UNRESOLVABLE = (".test", ".invalid")


def _check_resolvable(base_url: str, argument: str, example: str) -> None:
    """Raise at once when our own client is about to send to a host no DNS resolves."""
    host = httpx.URL(base_url).host.rstrip(".").lower()
    if host.endswith(_UNRESOLVABLE) or host in ("test", "invalid"):
        raise ValueError(
            f"base_url {base_url!r} is on a host no network resolves (a reserved .test/.invalid "
            f"name, as the in-process OpenRouterEmulator's is), so only a client you pass can "
            f"reach it, and none was passed for this call: pass {argument}= (for the emulator, "
            f"{argument}={example}, or build with emu.chat_model(...) or **emu.connection(), "
            "which wire sync and async alike)"
        )


class _BaseClient:
    """Settings shared by the sync and async clients."""

    def __init__(
        self,
        *,
        api_key: SecretStr | str | None = None,
        base_url: str | None = None,
        timeout: TimeoutLike = None,
        max_retries: int = 2,
        app_url: str | None = None,
        app_title: str | None = None,
        app_categories: Sequence[str] | None = None,
        default_headers: Mapping[str, str] | None = None,
        key_env: Sequence[str] = ("OPENROUTER_API_KEY",),
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if isinstance(api_key, str):
            api_key = SecretStr(api_key)
        self.config = ClientConfig(
            api_key=api_key,
            base_url=resolve_base_url(base_url),
            headers=build_headers(
                app_url=app_url,
                app_title=app_title,
                app_categories=app_categories,
                default_headers=default_headers,
            ),
            timeout=make_timeout(timeout),
            key_env=tuple(key_env),
        )
        self.policy = RetryPolicy(max_retries=max_retries)
        self._transport = transport

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.config.base_url!r})"


class OpenRouterClient(_BaseClient):
    """Synchronous client on one long-lived ``httpx.Client``.

    Args:
        api_key: The key; default ``OPENROUTER_API_KEY`` (read at the first request).
        base_url: Default ``OPENROUTER_BASE_URL``, else ``https://openrouter.ai/api/v1``.
        timeout: Seconds, ``(connect, read)``, or an ``httpx.Timeout``; default 10 s / 600 s.
        max_retries: Retries of retryable failures; 0 disables.
        app_url: Sent as ``HTTP-Referer`` (app attribution).
        app_title: Sent as ``X-Title`` and ``X-OpenRouter-Title``.
        app_categories: Sent comma-joined as ``X-OpenRouter-Categories``.
        default_headers: Extra headers, merged last, case-insensitively.
        http_client: Your own ``httpx.Client``; it is used as is and never closed by us.
        key_env: Environment variables to read the key from, in order.
        transport: An httpx transport for the client we create (the emulator's, in tests).

    Example:
        .. code-block:: python

            with OpenRouterClient(api_key="sk-or-v1-...") as client:
                models = client.request_json("GET", "/models")
    """

    def __init__(self, *, http_client: httpx.Client | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._http = http_client
        self._owns_http = http_client is None

    @property
    def http(self) -> httpx.Client:
        """The ``httpx.Client`` this client sends on (created at first use)."""
        if self._http is None:
            transport = self._transport
            if transport is not None and not isinstance(transport, httpx.BaseTransport):
                raise TypeError("OpenRouterClient needs a sync httpx transport")
            if transport is None:
                _check_resolvable(self.config.base_url, "http_client", "emu.client()")
            self._http = httpx.Client(
                timeout=self.config.timeout, limits=DEFAULT_LIMITS, transport=transport
            )
        return self._http

    def close(self) -> None:
        """Close the connection pool (not a user-supplied ``http_client``)."""
        if self._owns_http and self._http is not None:
            self._http.close()
            self._http = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """Send one request, retrying what is safe to retry.

        Args:
            method: HTTP method.
            path: Path under the base URL.
            **kwargs: ``json``, ``params``, ``headers``, ``timeout``, ``authenticate`` as in
                :meth:`ClientConfig.build_request`.

        Returns:
            The successful response, body read.

        Raises:
            APIStatusError: A non-2xx answer (its subclass says which).
            APIConnectionError: No answer after the retries.
        """
        request = self.config.build_request(self.http, method, path, **kwargs)
        response = self._send(request, stream=False)
        return response

    def request_json(self, method: str, path: str, **kwargs: Any) -> Any:
        """Like :meth:`request`, returning the decoded JSON body."""
        return self.request(method, path, **kwargs).json()

    def stream(self, method: str, path: str, **kwargs: Any) -> Iterator[Any]:
        """Send a streaming request and yield its decoded JSON events.

        The request is retried (on the same terms as :meth:`request`) until the first event
        has arrived, never after. The response is closed when the iterator ends or is closed.

        Raises:
            StreamError: An error event arrived inside the stream.
            APIConnectionError: The connection broke mid-stream.
        """
        request = self.config.build_request(self.http, method, path, **kwargs)
        attempts = _Attempts(self.policy, request)
        while True:
            response = self._send(request, stream=True, attempts=attempts)
            decoder = EventStreamDecoder()
            chunks = response.iter_bytes()
            try:
                first: list[Any] = []
                while not first and not decoder.done:
                    data = next(chunks, None)
                    if data is None:
                        first = decoder.flush()
                        break
                    first = decoder.feed(data)
            except httpx.TransportError as exc:
                response.close()
                time.sleep(attempts.after_error(exc))
                continue
            except BaseException:
                response.close()
                raise
            break
        try:
            yield from first
            decoder.check()
            for data in chunks:
                yield from decoder.feed(data)
                decoder.check()
                if decoder.done:
                    return
            yield from decoder.flush()
            decoder.check()
        except httpx.TransportError as exc:
            raise _broken_stream(exc, request) from exc
        finally:
            response.close()

    def _send(
        self, request: httpx.Request, *, stream: bool, attempts: _Attempts | None = None
    ) -> httpx.Response:
        attempts = attempts or _Attempts(self.policy, request)
        while True:
            try:
                response = self.http.send(request, stream=stream)
            except httpx.TransportError as exc:
                time.sleep(attempts.after_error(exc))
                continue
            if response.is_success:
                attempts.succeeded(response)
                return response
            try:
                response.read()
            except httpx.TransportError as exc:
                time.sleep(attempts.after_error(exc))
                continue
            finally:
                response.close()
            time.sleep(attempts.after_status(response))


class AsyncOpenRouterClient(_BaseClient):
    """Asynchronous client on one long-lived ``httpx.AsyncClient``.

    Takes the same arguments as :class:`OpenRouterClient`, with ``http_client`` an
    ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            async with AsyncOpenRouterClient() as client:
                models = await client.request_json("GET", "/models")
    """

    def __init__(self, *, http_client: httpx.AsyncClient | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._http = http_client
        self._owns_http = http_client is None

    @property
    def http(self) -> httpx.AsyncClient:
        """The ``httpx.AsyncClient`` this client sends on (created at first use)."""
        if self._http is None:
            transport = self._transport
            if transport is not None and not isinstance(transport, httpx.AsyncBaseTransport):
                raise TypeError("AsyncOpenRouterClient needs an async httpx transport")
            if transport is None:
                _check_resolvable(self.config.base_url, "http_async_client", "emu.async_client()")
            self._http = httpx.AsyncClient(
                timeout=self.config.timeout, limits=DEFAULT_LIMITS, transport=transport
            )
        return self._http

    async def aclose(self) -> None:
        """Close the connection pool (not a user-supplied ``http_client``)."""
        if self._owns_http and self._http is not None:
            await self._http.aclose()
            self._http = None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """Async :meth:`OpenRouterClient.request`."""
        request = self.config.build_request(self.http, method, path, **kwargs)
        return await self._send(request, stream=False)

    async def request_json(self, method: str, path: str, **kwargs: Any) -> Any:
        """Async :meth:`OpenRouterClient.request_json`."""
        return (await self.request(method, path, **kwargs)).json()

    async def stream(self, method: str, path: str, **kwargs: Any) -> AsyncIterator[Any]:
        """Async :meth:`OpenRouterClient.stream`."""
        request = self.config.build_request(self.http, method, path, **kwargs)
        attempts = _Attempts(self.policy, request)
        while True:
            response = await self._send(request, stream=True, attempts=attempts)
            decoder = EventStreamDecoder()
            chunks = response.aiter_bytes()
            try:
                first: list[Any] = []
                while not first and not decoder.done:
                    data = await anext(chunks, None)
                    if data is None:
                        first = decoder.flush()
                        break
                    first = decoder.feed(data)
            except httpx.TransportError as exc:
                await response.aclose()
                await asyncio.sleep(attempts.after_error(exc))
                continue
            except BaseException:
                await response.aclose()
                raise
            break
        try:
            for event in first:
                yield event
            decoder.check()
            async for data in chunks:
                for event in decoder.feed(data):
                    yield event
                decoder.check()
                if decoder.done:
                    return
            for event in decoder.flush():
                yield event
            decoder.check()
        except httpx.TransportError as exc:
            raise _broken_stream(exc, request) from exc
        finally:
            await response.aclose()

    async def _send(
        self, request: httpx.Request, *, stream: bool, attempts: _Attempts | None = None
    ) -> httpx.Response:
        attempts = attempts or _Attempts(self.policy, request)
        while True:
            try:
                response = await self.http.send(request, stream=stream)
            except httpx.TransportError as exc:
                await asyncio.sleep(attempts.after_error(exc))
                continue
            if response.is_success:
                attempts.succeeded(response)
                return response
            try:
                await response.aread()
            except httpx.TransportError as exc:
                await asyncio.sleep(attempts.after_error(exc))
                continue
            finally:
                await response.aclose()
            await asyncio.sleep(attempts.after_status(response))


def _broken_stream(exc: httpx.TransportError, request: httpx.Request) -> APIConnectionError:
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    return cls(
        f"The stream from OpenRouter broke after it started ({type(exc).__name__}: {exc}); "
        "a started stream is not retried",
        request=request,
    )

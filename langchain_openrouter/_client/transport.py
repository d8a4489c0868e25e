"""``OpenRouterClient`` and ``AsyncOpenRouterClient``: the only code that sends bytes.

Deciding is shared and pure (:class:`~langchain_openrouter._client.retry.Attempts` and
:class:`~langchain_openrouter._client.retry.StreamAttempt` for retries and streams,
:class:`~langchain_openrouter._client.config.ClientConfig` for requests); the two classes differ
only in the lines that send, read and sleep.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
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
from langchain_openrouter._client.retry import (
    Attempts,
    RetryPolicy,
    StreamAttempt,
    as_error_status,
    is_whole_answer,
    json_body,
    without_body,
)

__all__ = ["AsyncOpenRouterClient", "OpenRouterClient"]

# Many concurrent agent calls share one client; httpx's default pool of 100 would queue them.
DEFAULT_LIMITS = httpx.Limits(max_connections=1000, max_keepalive_connections=100)
# Calls beyond the pool wait for a slot here, in a FIFO, instead of in httpcore's queue: httpcore
# rescans every connection for every queued request on each change, so 2,000 concurrent calls on
# 1,000 connections cost minutes of CPU there, and a second here.
MAX_IN_FLIGHT = 1000


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
        self._http: httpx.Client | httpx.AsyncClient | None = None
        self._owns_http = True

    @property
    def owns_pool(self) -> bool:
        """Whether a connection pool of our own is open (``close`` has something to do)."""
        return self._owns_http and self._http is not None

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

    _http: httpx.Client | None

    def __init__(self, *, http_client: httpx.Client | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._http = http_client
        self._owns_http = http_client is None
        # batch() threads reach for the pool together; one of them creates it.
        self._http_lock = threading.Lock()

    @property
    def http(self) -> httpx.Client:
        """The ``httpx.Client`` this client sends on (created once, at first use)."""
        http = self._http
        if http is not None:
            return http
        with self._http_lock:
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
        """Close the connection pool (not a user-supplied ``http_client``); twice is fine."""
        if not self._owns_http:
            return
        with self._http_lock:
            http, self._http = self._http, None
        if http is not None:
            http.close()

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
        return json_body(self.request(method, path, **kwargs))

    def stream(self, method: str, path: str, **kwargs: Any) -> Iterator[Any]:
        """Send a streaming request and yield its decoded JSON events.

        The request is retried (on the same terms as :meth:`request`) until the first event
        has arrived, never after. The response is closed when the iterator ends or is closed.

        Raises:
            StreamError: An error event arrived inside the stream.
            APIConnectionError: The connection broke mid-stream.
        """
        request = self.config.build_request(self.http, method, path, **kwargs)
        attempts = Attempts(self.policy, request)
        while True:
            response = self._send(request, stream=True, attempts=attempts)
            attempt = StreamAttempt(attempts, response)
            try:
                for data in response.iter_bytes():
                    # Past [DONE] the body is still read to its end (normally only the end of
                    # the chunked body): a response closed early loses its pooled connection.
                    if not attempt.done:
                        yield from attempt.feed(data)
                yield from attempt.end()
                return
            except httpx.TransportError as exc:
                delay = attempt.after_error(exc)
            except httpx.DecodingError as exc:
                raise attempts.undecodable(response, exc) from exc
            finally:
                response.close()
            time.sleep(delay)

    def _send(
        self, request: httpx.Request, *, stream: bool, attempts: Attempts | None = None
    ) -> httpx.Response:
        attempts = attempts or Attempts(self.policy, request)
        while True:
            try:
                # Always streamed, then read here: httpx's own read would raise a DecodingError
                # (not a transport error) before the status could be looked at.
                response = self.http.send(request, stream=True)
            except httpx.TransportError as exc:
                time.sleep(attempts.after_error(exc))
                continue
            # A stream answered with JSON is read here like any answer, so that an error in
            # a 200's clothing is retried before the stream starts.
            if response.is_success and stream and not is_whole_answer(response):
                attempts.succeeded(response)
                return response
            answer = response
            try:
                response.read()
            except httpx.TransportError as exc:
                time.sleep(attempts.after_error(exc))
                continue
            except httpx.DecodingError as exc:
                if response.is_success:
                    raise attempts.undecodable(response, exc) from exc
                answer = without_body(response)
            finally:
                response.close()
            answer = as_error_status(answer)
            if answer.is_success:
                attempts.succeeded(answer)
                return answer
            time.sleep(attempts.after_status(answer))


class AsyncOpenRouterClient(_BaseClient):
    """Asynchronous client on one long-lived ``httpx.AsyncClient``.

    Takes the same arguments as :class:`OpenRouterClient`, with ``http_client`` an
    ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            async with AsyncOpenRouterClient() as client:
                models = await client.request_json("GET", "/models")
    """

    _http: httpx.AsyncClient | None

    def __init__(self, *, http_client: httpx.AsyncClient | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._http = http_client
        self._owns_http = http_client is None
        # Made with our pool, on the loop that uses it; a client you pass keeps its own limits.
        self._gate: asyncio.Semaphore | None = None

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
            self._gate = asyncio.Semaphore(MAX_IN_FLIGHT)
        return self._http

    def _slot(self) -> contextlib.AbstractAsyncContextManager[Any]:
        """A place among the calls in flight on our pool (held through a call's retries)."""
        return self._gate if self._gate is not None else contextlib.nullcontext()

    async def aclose(self) -> None:
        """Close the connection pool (not a user-supplied ``http_client``)."""
        if self._owns_http and self._http is not None:
            await self._http.aclose()
            self._http = None
            self._gate = None

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
        async with self._slot():
            return await self._send(request, stream=False)

    async def request_json(self, method: str, path: str, **kwargs: Any) -> Any:
        """Async :meth:`OpenRouterClient.request_json`."""
        return json_body(await self.request(method, path, **kwargs))

    async def stream(self, method: str, path: str, **kwargs: Any) -> AsyncIterator[Any]:
        """Async :meth:`OpenRouterClient.stream`."""
        request = self.config.build_request(self.http, method, path, **kwargs)
        attempts = Attempts(self.policy, request)
        async with self._slot():
            while True:
                response = await self._send(request, stream=True, attempts=attempts)
                attempt = StreamAttempt(attempts, response)
                try:
                    async for data in response.aiter_bytes():
                        # As in the sync client: read past [DONE] to keep the connection.
                        if not attempt.done:
                            for event in attempt.feed(data):
                                yield event
                    for event in attempt.end():
                        yield event
                    return
                except httpx.TransportError as exc:
                    delay = attempt.after_error(exc)
                except httpx.DecodingError as exc:
                    raise attempts.undecodable(response, exc) from exc
                finally:
                    await response.aclose()
                await asyncio.sleep(delay)

    async def _send(
        self, request: httpx.Request, *, stream: bool, attempts: Attempts | None = None
    ) -> httpx.Response:
        attempts = attempts or Attempts(self.policy, request)
        while True:
            try:
                # As in the sync client: streamed, then read here, so a DecodingError is ours.
                response = await self.http.send(request, stream=True)
            except httpx.TransportError as exc:
                await asyncio.sleep(attempts.after_error(exc))
                continue
            # A stream answered with JSON is read here like any answer, so that an error in
            # a 200's clothing is retried before the stream starts.
            if response.is_success and stream and not is_whole_answer(response):
                attempts.succeeded(response)
                return response
            answer = response
            try:
                await response.aread()
            except httpx.TransportError as exc:
                await asyncio.sleep(attempts.after_error(exc))
                continue
            except httpx.DecodingError as exc:
                if response.is_success:
                    raise attempts.undecodable(response, exc) from exc
                answer = without_body(response)
            finally:
                await response.aclose()
            answer = as_error_status(answer)
            if answer.is_success:
                attempts.succeeded(answer)
                return answer
            await asyncio.sleep(attempts.after_status(answer))

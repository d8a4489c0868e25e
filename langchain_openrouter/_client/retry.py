"""The retry policy and the attempt bookkeeping: which outcomes to retry and how long to wait.

Nothing here sleeps or sends. The sync and async transports report each outcome to
:class:`Attempts` (which asks :func:`next_delay`) and to :class:`StreamAttempt` (which retries a
stream until its first event, never after), and do only their own sending and sleeping, so both
retry exactly alike.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn

import httpx

from langchain_openrouter._client.config import url_origin
from langchain_openrouter._client.sse import EventStreamDecoder
from langchain_openrouter.errors import (
    RETRYABLE_STATUSES,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    StreamError,
    error_from_response,
)
from langchain_openrouter.errors import (
    _parse_retry_after as parse_retry_after,
)
from langchain_openrouter.errors import (
    _status_is_retryable as status_is_retryable,
)
from langchain_openrouter.errors import (
    _summarise_text as summarise_text,
)

__all__ = [
    "RETRYABLE_STATUSES",
    "Attempts",
    "RetryPolicy",
    "StreamAttempt",
    "as_error_status",
    "describe_request",
    "is_whole_answer",
    "json_body",
    "next_delay",
    "parse_retry_after",
    "without_body",
]

logger = logging.getLogger("langchain_openrouter")


@dataclass(frozen=True)
class RetryPolicy:
    """How many times to retry, and the backoff between attempts.

    Attributes:
        max_retries: Retries after the first attempt; 0 disables retrying.
        initial_delay: Backoff ceiling of the first retry, in seconds.
        max_delay: Cap of the exponential backoff, in seconds.
        max_retry_after: Cap on a server's ``Retry-After``, so one header cannot block a caller
            for minutes.
    """

    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError(f"max_retries must be >= 0, got {self.max_retries}")


def next_delay(
    policy: RetryPolicy,
    attempt: int,
    *,
    status: int | None = None,
    headers: Mapping[str, str] | httpx.Headers | None = None,
    error: BaseException | None = None,
    retryable: bool | None = None,
    retry_after: float | None = None,
    rand: Callable[[], float] = random.random,
) -> float | None:
    """Seconds to wait before retrying, or ``None`` to stop and surface the outcome.

    Args:
        policy: The retry policy.
        attempt: How many attempts have failed so far, minus one (0 after the first).
        status: The HTTP status of the failed attempt, if it got one.
        headers: Its response headers (for ``Retry-After``).
        error: The transport error of the failed attempt, if it got no response.
        retryable: OpenRouter's own verdict (``error.availability.retryable``), which wins over
            the status when given.
        retry_after: Seconds the body asked us to wait (``error.availability.retry_after``),
            used when there is no ``Retry-After`` header.
        rand: Source of jitter in [0, 1).

    Returns:
        The delay: the server's ``Retry-After`` when it sent one (capped at
        ``max_retry_after``), else full jitter over a capped exponential backoff. ``None`` when
        the outcome is final.
    """
    if attempt >= policy.max_retries:
        return None
    if error is not None:
        if not isinstance(error, httpx.TransportError):
            return None
    elif status is None:
        return None
    else:
        value = httpx.Headers(headers).get("retry-after") if headers else None
        from_header = parse_retry_after(value)
        retry_after = from_header if from_header is not None else retry_after
        if not status_is_retryable(status, retry_after=retry_after, verdict=retryable):
            return None
        if status == 409 and attempt >= 1:
            return None
        if retry_after is not None:
            return min(retry_after, policy.max_retry_after)
    ceiling = min(policy.max_delay, policy.initial_delay * 2.0**attempt)
    return float(ceiling * rand())


def without_body(response: httpx.Response) -> httpx.Response:
    """A non-2xx answer whose body could not be decoded, kept with its status and headers only.

    Its status still decides the error class and the retry; the body is lost either way.
    """
    return _remade(response, response.status_code, b"")


def _remade(response: httpx.Response, status: int, content: bytes) -> httpx.Response:
    """``response`` with another status or body, its headers kept (the body is decoded already)."""
    headers = [
        (name, value)
        for name, value in response.headers.multi_items()
        if name.lower() not in ("content-encoding", "content-length")
    ]
    return httpx.Response(status, headers=headers, content=content, request=response.request)


def is_whole_answer(response: httpx.Response) -> bool:
    """Whether an answer to a stream request is not an event stream, so is read whole.

    A response without a content type is read as an event stream.
    """
    content_type = response.headers.get("content-type")
    return bool(content_type) and not _is_event_stream(content_type)


def error_only(body: Any) -> bool:
    """Whether a 2xx body is only OpenRouter's error object, without an answer beside it.

    A failed Responses object (§6.2) always has ``output`` (empty when it failed): it is an
    answer, raised by its parser. A choice-level error after partial output (§5.6) comes with
    its choices: billed, so raised by the chat parser and never sent again.
    """
    return (
        isinstance(body, dict)
        and isinstance(body.get("error"), dict)
        and not body.get("choices")
        and not body.get("data")
        and "output" not in body
    )


def as_error_status(response: httpx.Response, body: Any = None) -> httpx.Response:
    """A 2xx answer carrying only ``{"error": {...}}``, as the error status it stands for.

    Gateways and some providers fail with a 200 and OpenRouter's error body; its ``error.code``
    (or ``http_status``) takes the place of the status, so the answer is retried, waited for
    and raised exactly as that status would be. A code that is not an error status counts as
    502, a provider failure. Any other answer is returned as it is.

    Args:
        response: The answer, its body read.
        body: Its decoded body, when the caller has it already.

    Example:
        >>> request = httpx.Request("GET", "https://openrouter.ai/api/v1/credits")
        >>> body = {"error": {"code": 429, "message": "slow down"}}
        >>> as_error_status(httpx.Response(200, json=body, request=request)).status_code
        429
    """
    if not response.is_success:
        return response
    if body is None:
        # Most answers never mention an error: they are not decoded twice.
        if b'"error"' not in response.content:
            return response
        try:
            body = json.loads(response.content)
        except (ValueError, RecursionError):
            return response
    if not error_only(body):
        return response
    return _remade(response, _status_of_error(body["error"]), response.content)


def _status_of_error(error: Any) -> int:
    """The status an error object stands for: its ``code`` (or ``http_status``), else 502."""
    code = error.get("code", error.get("http_status")) if isinstance(error, dict) else None
    if isinstance(code, int) and not isinstance(code, bool) and 400 <= code <= 599:
        return code
    return 502


def describe_request(request: httpx.Request) -> str:
    """``METHOD url`` (no query string, never a header) and where the base URL came from."""
    url = request.url
    return f"{request.method} {url.copy_with(query=None)}{url_origin(url)}"


def json_body(response: httpx.Response) -> Any:
    """The decoded JSON body of a successful answer.

    Raises:
        APIStatusError: The body is not JSON (an HTML page from a proxy, an empty body, JSON
            nested too deeply to decode); the message names the content type and the URL
            requested.
    """
    try:
        return response.json()
    except (ValueError, RecursionError):
        raise unexpected_body(
            response.content,
            response.headers.get("content-type"),
            "a request",
            "JSON",
            request=response.request,
            response=response,
            attempts=1,
        ) from None


def unexpected_body(
    raw: bytes,
    content_type: str | None,
    asked: str,
    expected: str,
    *,
    request: httpx.Request,
    response: httpx.Response | None,
    attempts: int,
) -> APIStatusError:
    """The error for a 2xx answer whose body is not what the request asked for."""
    text = raw.decode("utf-8", errors="replace")
    shown = summarise_text(text, limit=200) if text.strip() else "an empty body"
    return APIStatusError(
        f"OpenRouter answered {asked} with {content_type or 'no content type'} instead of "
        f"{expected}: {shown}",
        response=response,
        status_code=response.status_code if response is not None else 200,
        body=text,
        attempts=attempts,
        hint=f"{describe_request(request)}: check that the base URL points at the OpenRouter API",
    )


def next_step(exc: BaseException) -> str:
    """One concrete thing to do about a transport error, for its message.

    Example:
        >>> next_step(httpx.ConnectError("[Errno 111] Connection refused"))
        'check the host and port of the base URL, and your network or proxy'
    """
    if isinstance(exc, httpx.ConnectTimeout):
        return (
            "check the base URL and your network, or raise the connect timeout "
            "(timeout=(connect, read) seconds)"
        )
    if isinstance(exc, httpx.TimeoutException):
        return "raise timeout= (seconds; reasoning models can think for minutes) or try again later"
    if isinstance(exc, httpx.ConnectError):
        return "check the host and port of the base URL, and your network or proxy"
    return "the connection dropped: try again later"


class Attempts:
    """The retry loop's decisions for one request (no sleeping, no sending).

    The transport reports each failed attempt and sleeps for the delay it gets back; when the
    outcome is final, the typed error is raised instead, carrying the number of attempts.
    """

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
                f"Request to OpenRouter ({self.where()}) {kind} after {self.attempt + 1} "
                f"attempt(s): {type(exc).__name__}: {exc}; {next_step(exc)}",
                request=self.request,
                attempts=self.attempt + 1,
            ) from exc
        self.attempt += 1
        return delay

    def after_status(self, response: httpx.Response) -> float:
        """Delay before retrying a non-2xx response (body read); raises when final."""
        error = error_from_response(
            response, attempts=self.attempt + 1, origin=url_origin(self.request.url)
        )
        delay = next_delay(
            self.policy,
            self.attempt,
            status=response.status_code,
            headers=response.headers,
            retryable=error.retryable,
            retry_after=error.retry_after,
        )
        self._log(response.status_code, delay)
        if delay is None:
            raise error
        self.attempt += 1
        return delay

    def undecodable(self, response: httpx.Response, exc: httpx.DecodingError) -> APIStatusError:
        """The error for a 2xx answer whose body its ``Content-Encoding`` cannot decode."""
        encoding = response.headers.get("content-encoding", "")
        return APIStatusError(
            f"OpenRouter's answer could not be decoded as its Content-Encoding {encoding!r} "
            f"says ({type(exc).__name__}: {exc})",
            status_code=response.status_code,
            body="",
            attempts=self.attempt + 1,
            hint=f"{self.where()}: a proxy between you and OpenRouter may be rewriting answers",
        )

    def succeeded(self, response: httpx.Response) -> None:
        """Log the final, successful attempt."""
        self._log(response.status_code, None)

    def where(self) -> str:
        """The request's method and URL (no query string, never a header), and the URL's origin."""
        return describe_request(self.request)

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


class StreamAttempt:
    """One attempt at reading an event stream: retried until its first event, never after.

    The transport feeds it the bytes of a 2xx streaming response and yields what it hands out.
    When the connection breaks, :meth:`after_error` gives the delay before sending the request
    again, as long as no event has been handed out; after that, or when the retries are spent,
    it raises an :class:`~langchain_openrouter.errors.APIConnectionError`. A caller that has
    seen an event therefore never sees it twice.

    A stream request answered with another content type than ``text/event-stream`` (a gateway
    or provider that ignored ``stream``, or an error page) is read whole, and :meth:`end`
    decides: a JSON ``{"error": ...}`` body (retried by the transport first, see
    :func:`as_error_status`) raises the typed error a non-streamed call would raise for it;
    any other JSON object is handed out as the stream's only event (the chat model turns a
    whole completion into chunks); anything else, an empty body included, raises an
    :class:`~langchain_openrouter.errors.APIStatusError` naming the content type. A response
    without a content type is read as an event stream.

    Example:
        .. code-block:: python

            while True:
                response = send(request)
                attempt = StreamAttempt(attempts, response)
                try:
                    for data in response.iter_bytes():
                        if not attempt.done:  # read to the end: the connection is reused
                            yield from attempt.feed(data)
                    yield from attempt.end()
                    return
                except httpx.TransportError as exc:
                    delay = attempt.after_error(exc)
                finally:
                    response.close()
                time.sleep(delay)
    """

    def __init__(self, attempts: Attempts, response: httpx.Response | None = None) -> None:
        self.attempts = attempts
        self.started = False
        self._decoder = EventStreamDecoder()
        self._response = response
        self.content_type = response.headers.get("content-type") if response is not None else None
        # The whole body of a non-SSE answer, or None when the answer is an event stream.
        self._whole: bytearray | None = None
        if response is not None and is_whole_answer(response):
            self._whole = bytearray()

    @property
    def done(self) -> bool:
        """Whether the stream is over (``[DONE]`` or an error event): stop decoding.

        The rest of the body is still read (and ignored), so that the connection goes back to
        the pool.
        """
        return self._decoder.done

    def feed(self, data: bytes) -> Iterator[Any]:
        """The events these bytes complete; then raises the stream's error event, if one came."""
        if self._whole is not None:
            self._whole += data
            return iter(())
        return self._hand_out(self._decoder.feed(data))

    def end(self) -> Iterator[Any]:
        """The events left when the body ended; then raises the stream's error event, if any."""
        if self._whole is not None and self._response is not None:
            return self._hand_out(self._whole_body(bytes(self._whole), self._response))
        return self._hand_out(self._decoder.flush())

    def _hand_out(self, events: list[Any]) -> Iterator[Any]:
        if events:
            self.started = True
        yield from events
        try:
            self._decoder.check()
        except StreamError as err:
            step = (
                "calling again may succeed; add fallback models with models=[...]"
                if err.is_retryable
                else "calling again unchanged will fail the same way"
            )
            err.add_hint(f"{self.attempts.where()}; {step}; .partial holds what arrived")
            raise

    def _whole_body(self, raw: bytes, response: httpx.Response) -> list[Any]:
        """The events of a non-SSE answer (see the class docstring), or the error it is."""
        try:
            body = json.loads(raw) if raw.strip() else None
        except (ValueError, RecursionError):
            body = None
        if isinstance(body, dict) and body.get("error") and not body.get("choices"):
            # Raised as the status its error stands for; the transport has retried an
            # error-only body already (as_error_status), so this answer is the last.
            answer = _remade(response, _status_of_error(body["error"]), raw)
            raise error_from_response(
                answer,
                body,
                attempts=self.attempts.attempt + 1,
                origin=url_origin(self.attempts.request.url),
            )
        if isinstance(body, dict):
            return [body]
        raise unexpected_body(
            raw,
            self.content_type,
            "a stream request",
            "an event stream (text/event-stream)",
            request=self.attempts.request,
            response=response,
            attempts=self.attempts.attempt + 1,
        )

    def after_error(self, exc: httpx.TransportError) -> float:
        """Delay before sending the request again; raises once an event was handed out."""
        if self.started:
            self._broken(exc)
        return self.attempts.after_error(exc)

    def _broken(self, exc: httpx.TransportError) -> NoReturn:
        cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
        raise cls(
            f"The stream from OpenRouter ({self.attempts.where()}) broke after it started "
            f"({type(exc).__name__}: {exc}); a started stream is never sent again: call again "
            "(.partial holds what arrived)",
            request=self.attempts.request,
            attempts=self.attempts.attempt + 1,
        ) from exc


def _is_event_stream(content_type: str) -> bool:
    return content_type.split(";", 1)[0].strip().lower() == "text/event-stream"

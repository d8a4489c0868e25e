"""The exception hierarchy, and the one table that maps an HTTP status to a class.

Every error this package raises for a failed OpenRouter call is an :class:`OpenRouterError`.
Status errors carry what OpenRouter said (``code``, ``message``, ``metadata``) plus a hint that
tells the user what to do about it.

Example:
    .. code-block:: python

        from langchain_openrouter import ChatOpenRouter
        from langchain_openrouter.errors import InsufficientCreditsError, RateLimitError

        try:
            ChatOpenRouter(model="openai/gpt-4o-mini").invoke("Hi")
        except InsufficientCreditsError as err:
            print("top up:", err.message)
        except RateLimitError as err:
            print("slow down; retry after", err.retry_after)
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import httpx

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "InsufficientCreditsError",
    "InternalServerError",
    "MissingAPIKeyError",
    "ModerationError",
    "NoProviderAvailableError",
    "NotFoundError",
    "OpenRouterError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestTimeoutError",
    "StreamError",
    "UpstreamError",
    "error_class_for",
    "error_from_response",
    "error_from_stream_chunk",
]


class OpenRouterError(Exception):
    """Root of every error this package raises for an OpenRouter call."""

    message: str

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only constructors would break the default pickling (used by multiprocessing
        # and some tracing tools): rebuild from the instance state instead. The httpx request
        # and response are left out (None): the request's headers hold the API key.
        state = {k: None if k in _UNPICKLED else v for k, v in self.__dict__.items()}
        return (_restore, (type(self), self.args, state))


_UNPICKLED = frozenset({"request", "response"})


def _restore(cls: type[OpenRouterError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class MissingAPIKeyError(OpenRouterError, ValueError):
    """No API key was given and none is set in the environment."""


class APIConnectionError(OpenRouterError):
    """The request never got an HTTP answer (DNS, refused or dropped connection...)."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request timed out: connecting, or waiting for the next bytes of the answer."""


class APIStatusError(OpenRouterError):
    """OpenRouter answered with a non-2xx status.

    Attributes:
        status_code: The HTTP status of the response.
        code: ``error.code`` from the body (an int, or a string on a few routes).
        message: ``error.message`` from the body, or a summary of a non-JSON body.
        metadata: ``error.metadata`` (``provider_name``, ``raw``, ``reasons``, ...), or ``{}``.
        error_type: The stable ``error_type`` classification, where OpenRouter sent one.
        availability: The model-availability object of capacity/routing errors, or ``None``.
        request_id: The generation id (``X-Generation-Id``), where there is one.
        retry_after: Seconds OpenRouter asked us to wait, where it said.
        body: The decoded JSON body (or the text of a non-JSON body).
        response: The ``httpx.Response``.
    """

    hint = ""

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response | None = None,
        status_code: int | None = None,
        body: Any = None,
        code: int | str | None = None,
        metadata: Mapping[str, Any] | None = None,
        error_type: str | None = None,
        availability: Mapping[str, Any] | None = None,
        request_id: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.status_code = status_code if status_code is not None else _status_of(response)
        self.code = code if code is not None else self.status_code
        self.metadata: dict[str, Any] = dict(metadata or {})
        self.error_type = error_type
        self.availability = dict(availability) if availability else None
        self.request_id = request_id
        self.retry_after = retry_after
        self.body = body
        self.response = response
        text = f"Error code: {self.status_code} - {message}"
        if self.hint:
            text = f"{text} ({self.hint})"
        super().__init__(text)
        self.message = message

    @property
    def retryable(self) -> bool | None:
        """What OpenRouter's availability object says about retrying, if it says."""
        if self.availability is None:
            return None
        value = self.availability.get("retryable")
        return bool(value) if value is not None else None


class BadRequestError(APIStatusError):
    """400: the request is invalid (a parameter, the model id, the context length...)."""

    hint = "fix the request; retrying it unchanged will fail again"


class AuthenticationError(APIStatusError):
    """401: the API key is missing, invalid or disabled."""

    hint = "check OPENROUTER_API_KEY or the api_key argument"


class InsufficientCreditsError(APIStatusError):
    """402: the account or the key has run out of credits."""

    hint = (
        "add credits at https://openrouter.ai/credits, raise the key's limit, or lower max_tokens"
    )


class PermissionDeniedError(APIStatusError):
    """403: refused: a guardrail, the wrong kind of key, or a region restriction."""

    hint = "management routes need a management (provisioning) key; guardrails may block requests"


class ModerationError(PermissionDeniedError):
    """403: the input was flagged by moderation (``metadata`` has ``reasons``)."""

    hint = "the input was flagged by moderation; see .reasons and .flagged_input"

    @property
    def reasons(self) -> list[str]:
        """Why the input was flagged, e.g. ``["violence"]``."""
        return list(self.metadata.get("reasons") or [])

    @property
    def flagged_input(self) -> str | None:
        """The flagged text (at most 100 characters, elided in the middle)."""
        value = self.metadata.get("flagged_input")
        return str(value) if value is not None else None


class NotFoundError(APIStatusError):
    """404: unknown route, resource or model, or no endpoint can serve the model."""

    hint = "check the model id (see list_models()) and your provider and privacy settings"


class RequestTimeoutError(APIStatusError):
    """408: OpenRouter timed the request out."""

    hint = "retried already; try a shorter prompt or a faster model"


class RateLimitError(APIStatusError):
    """429: rate limited by OpenRouter or by the upstream provider."""

    hint = "slow down, add fallback models, or raise max_retries"


class InternalServerError(APIStatusError):
    """500 (and other 5xx without a class of their own): an OpenRouter-side failure."""

    hint = "OpenRouter failed; retried already, try again later"


class UpstreamError(APIStatusError):
    """502: the chosen provider is down or returned an invalid answer."""

    hint = "the provider failed; retried already, add fallback models with models=[...]"


class NoProviderAvailableError(APIStatusError):
    """503: no provider meets the routing requirements, or all are overloaded."""

    hint = "no provider is available; relax provider preferences or add fallback models"


class StreamError(OpenRouterError):
    """An error event inside a stream that had already started (HTTP status 200).

    Attributes:
        code: ``error.code`` of the event (usually an HTTP-like int, sometimes a string).
        status_code: ``code`` when it is an int, else ``None``.
        metadata: ``error.metadata`` of the event, or ``{}``.
        error_type: ``metadata.error_type`` where present.
        request_id: The generation id of the stream.
        chunk: The whole error event, which may also carry ``usage``.
        partial: What had been received before the error; integrations set it (the chat model
            puts the partial ``AIMessageChunk`` here).
    """

    def __init__(
        self,
        message: str,
        *,
        code: int | str | None = None,
        metadata: Mapping[str, Any] | None = None,
        request_id: str | None = None,
        chunk: Mapping[str, Any] | None = None,
    ) -> None:
        self.code = code
        self.status_code = code if isinstance(code, int) else None
        self.metadata: dict[str, Any] = dict(metadata or {})
        self.error_type: str | None = self.metadata.get("error_type")
        self.request_id = request_id
        self.chunk: dict[str, Any] = dict(chunk or {})
        self.partial: Any = None
        super().__init__(f"Stream error {code}: {message}")
        self.message = message


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: InsufficientCreditsError,
    403: PermissionDeniedError,
    404: NotFoundError,
    408: RequestTimeoutError,
    429: RateLimitError,
    500: InternalServerError,
    502: UpstreamError,
    503: NoProviderAvailableError,
}


def _status_of(response: httpx.Response | None) -> int:
    return response.status_code if response is not None else 0


def error_class_for(status: int, metadata: Mapping[str, Any]) -> type[APIStatusError]:
    """The exception class for a status and its ``error.metadata`` (the one status table).

    Example:
        >>> error_class_for(403, {"reasons": ["violence"]}).__name__
        'ModerationError'
    """
    if status == 403 and ("reasons" in metadata or "flagged_input" in metadata):
        return ModerationError
    cls = _STATUS_CLASSES.get(status)
    if cls is not None:
        return cls
    return InternalServerError if status >= 500 else APIStatusError


def _parse_retry_after(value: str | None) -> float | None:
    # Imported here to keep errors.py free of the client package at import time.
    from langchain_openrouter._client.retry import parse_retry_after

    return parse_retry_after(value)


def _decode_body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
        return response.text


def error_from_response(response: httpx.Response, body: Any = None) -> APIStatusError:
    """Build the typed error for a non-2xx response.

    Args:
        response: The response; its body must have been read.
        body: The decoded body, when the caller already has it.

    Returns:
        The matching :class:`APIStatusError` subclass, also for a non-JSON body (an HTML 502 page
        still gives an :class:`UpstreamError`).
    """
    if body is None:
        body = _decode_body(response)
    error = body.get("error") if isinstance(body, dict) else None
    status = response.status_code
    metadata: dict[str, Any] = {}
    availability: Any = None
    if isinstance(error, dict):
        if isinstance(error.get("metadata"), dict):
            metadata = error["metadata"]
        message = str(error.get("message") or response.reason_phrase or "unknown error")
        code = error.get("code", error.get("http_status"))
        error_type = error.get("error_type") or metadata.get("error_type")
        availability = error.get("availability")
    else:
        text = body if isinstance(body, str) else json.dumps(body)
        message = _summarise_text(text) or response.reason_phrase or "unknown error"
        code = None
        error_type = None
    if isinstance(metadata.get("raw"), str) and metadata.get("provider_name"):
        message = f"{message} [{metadata['provider_name']}: {_summarise_text(metadata['raw'])}]"
    retry_after = _parse_retry_after(response.headers.get("retry-after"))
    if retry_after is None and isinstance(availability, dict):
        value = availability.get("retry_after")
        retry_after = float(value) if isinstance(value, (int, float)) else None
    cls = error_class_for(status, metadata)
    return cls(
        message,
        response=response,
        status_code=status,
        body=body,
        code=code,
        metadata=metadata,
        error_type=error_type,
        availability=availability if isinstance(availability, dict) else None,
        request_id=response.headers.get("x-generation-id"),
        retry_after=retry_after,
    )


def error_from_stream_chunk(chunk: Mapping[str, Any]) -> StreamError | None:
    """The :class:`StreamError` for a stream event with a top-level ``error``, else ``None``.

    Any event with an ``error`` object is an error, whatever its ``finish_reason`` says.
    """
    error = chunk.get("error")
    if not error:
        return None
    if not isinstance(error, dict):
        return StreamError(str(error), chunk=chunk, request_id=chunk.get("id"))
    metadata = error.get("metadata") if isinstance(error.get("metadata"), dict) else {}
    return StreamError(
        str(error.get("message") or "stream failed"),
        code=error.get("code"),
        metadata=metadata,
        request_id=chunk.get("id"),
        chunk=chunk,
    )


def _summarise_text(text: str, limit: int = 300) -> str:
    """One line of at most ``limit`` characters, HTML tags and whitespace runs removed."""
    flat = re.sub(r"<[^>]+>", " ", text)
    flat = " ".join(flat.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."

"""The exception hierarchy, and the one table that maps an HTTP status to a class.

Every error this package raises for a failed OpenRouter call is an :class:`OpenRouterError`, and
also the matching class of langchain-core's ``ModelError`` family, so LangChain's agent
middleware treats it right: the retry middleware retries what ``is_retryable`` says, and the
summarization middleware catches the :class:`ContextLengthError` of an over-long prompt as a
``ContextOverflowError``.

Status errors carry what OpenRouter said (``code``, ``message`` exactly as sent, ``metadata``),
the upstream provider's own detail apart (``provider_name``, ``provider_detail``), and a hint,
in ``str(err)``, that tells the user what to do about it.

This module is a leaf: it imports nothing from the rest of the package.

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
import math
import re
from collections.abc import Mapping
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
from langchain_core.exceptions import (
    ContextOverflowError,
    ModelAPIError,
    ModelAuthenticationError,
    ModelConnectionError,
    ModelError,
    ModelInvalidRequestError,
    ModelNotFoundError,
    ModelPermissionDeniedError,
    ModelRateLimitError,
    ModelTimeoutError,
)

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ContextLengthError",
    "InsufficientCreditsError",
    "InternalServerError",
    "LoginDeniedError",
    "LoginError",
    "LoginStateError",
    "LoginTimeoutError",
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

# The transient statuses: 408, 429 and the 5xx family OpenRouter documents, and 409 (auth-code
# conflicts). 400/401/403/404 would fail the same way again; 402 only with ``Retry-After``.
RETRYABLE_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504, 524, 529})


def _status_is_retryable(
    status: int, *, retry_after: float | None = None, verdict: bool | None = None
) -> bool:
    """Whether the same request may succeed after an answer with ``status`` (the retry table).

    Args:
        status: The HTTP status (or the ``code`` of a stream error event).
        retry_after: Seconds the server asked us to wait, where it said.
        verdict: OpenRouter's own ``error.availability.retryable``, which wins when given.

    Returns:
        ``True`` for the transient statuses; a 402 only when the server said when to retry
        (OpenRouter's in-flight budget), and never when OpenRouter's verdict is ``False``.

    Example:
        >>> _status_is_retryable(429), _status_is_retryable(400), _status_is_retryable(402)
        (True, False, False)
    """
    if status == 402 and retry_after is None:
        return False
    if verdict is not None:
        return verdict
    return status == 402 or status in RETRYABLE_STATUSES


def _parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds from a ``Retry-After`` value: delta-seconds or an HTTP date.

    Args:
        value: The header value, or ``None``.
        now: The current time (for tests); defaults to the clock.

    Returns:
        Seconds to wait (never negative, never NaN), or ``None`` when absent or unreadable
        (``-5``, ``nan``, ``soon``, ``1_0``: a malformed header falls back to the backoff).

    Example:
        >>> _parse_retry_after("3"), _parse_retry_after("0.5"), _parse_retry_after("-5")
        (3.0, 0.5, None)
    """
    if value is None:
        return None
    value = value.strip()
    # RFC 9110's delta-seconds are digits (a fraction is accepted too); float() alone would
    # also take "-5", "nan", "inf" and "1_0".
    if _DELTA_SECONDS.fullmatch(value):
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    current = now or datetime.now(timezone.utc)
    return max(0.0, (when - current).total_seconds())


_DELTA_SECONDS = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _body_retry_after(value: Any) -> float | None:
    """Seconds from ``error.availability.retry_after``: a number, or ``None`` when it is not one.

    A negative number reads as 0 (retry now), a number too large for a float as infinity (the
    retry policy caps it); ``true``, a string or ``NaN`` are not numbers of seconds.

    Example:
        >>> _body_retry_after(2), _body_retry_after(-1), _body_retry_after(True)
        (2.0, 0.0, None)
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        seconds = float(value)
    except OverflowError:
        seconds = math.inf
    if math.isnan(seconds):
        return None
    return max(0.0, seconds)


class OpenRouterError(ModelError):
    """Root of every error this package raises for an OpenRouter call.

    It is a langchain-core ``ModelError``: ``is_retryable`` says whether the same call may
    succeed later.
    """

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


class MissingAPIKeyError(OpenRouterError, ModelAuthenticationError, ValueError):
    """No API key was given and none is set in the environment."""


class APIConnectionError(OpenRouterError, ModelConnectionError):
    """The request never got an HTTP answer (DNS, refused or dropped connection...).

    Attributes:
        request: The ``httpx.Request`` (left out when pickled: its headers hold the key).
        attempts: How many times the request was sent.
        partial: What a stream delivered before its connection broke (the chat model's partial
            ``AIMessageChunk``), else ``None``.
    """

    def __init__(
        self,
        message: str,
        *,
        request: httpx.Request | None = None,
        attempts: int = 1,
        partial: Any = None,
    ) -> None:
        super().__init__(message)
        self.request = request
        self.attempts = attempts
        self.partial = partial


class APITimeoutError(APIConnectionError, ModelTimeoutError):
    """The request timed out: connecting, or waiting for the next bytes of the answer."""


class APIStatusError(OpenRouterError):
    """OpenRouter answered with a non-2xx status.

    Attributes:
        status_code: The HTTP status of the response.
        code: ``error.code`` from the body (an int, or a string on a few routes).
        message: ``error.message`` exactly as OpenRouter sent it, or a summary of a non-JSON body.
        metadata: ``error.metadata`` (``provider_name``, ``raw``, ``reasons``, ...), or ``{}``.
        provider_name: The upstream provider that failed (``metadata.provider_name``), if any.
        provider_detail: That provider's own error text (``metadata.raw``), if any.
        error_type: The stable ``error_type`` classification, where OpenRouter sent one.
        availability: The model-availability object of capacity/routing errors, or ``None``.
        request_id: The generation id (``X-Generation-Id``), where there is one.
        retry_after: Seconds OpenRouter asked us to wait, where it said.
        is_retryable: Whether the same request may succeed later (the client's retry table).
        attempts: How many times the request was sent before this answer was final.
        partial: The message generated before a choice failed (§5.6 of the reference), else
            ``None``.
        body: The decoded JSON body (or the text of a non-JSON body).
        response: The ``httpx.Response``.
        hint: What to do about it, shown in ``str(err)`` after the message (never in
            ``message``); the class's hint unless the caller knew a more precise one.
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
        attempts: int = 1,
        partial: Any = None,
        hint: str | None = None,
    ) -> None:
        if hint is not None:
            self.hint = hint
        self.status_code = status_code if status_code is not None else _status_of(response)
        self.code = code if code is not None else self.status_code
        self.metadata: dict[str, Any] = dict(metadata or {})
        self.provider_name, self.provider_detail = _provider_detail(self.metadata)
        self.error_type = error_type
        self.availability = dict(availability) if availability else None
        self.request_id = request_id
        self.retry_after = retry_after
        self.is_retryable = _status_is_retryable(
            self.status_code, retry_after=retry_after, verdict=self.retryable
        )
        self.attempts = attempts
        self.partial = partial
        self.body = body
        self.response = response
        text = f"Error code: {self.status_code} - {message}"
        if self.provider_detail:
            text = f"{text} [{self.provider_name or 'provider'}: {self.provider_detail}]"
        if self.hint:
            text = f"{text} ({self.hint})"
        if attempts > 1:
            text = f"{text} [gave up after {attempts} attempts]"
        super().__init__(text)
        self.message = message

    @property
    def retryable(self) -> bool | None:
        """What OpenRouter's availability object says about retrying, if it says."""
        if self.availability is None:
            return None
        value = self.availability.get("retryable")
        return bool(value) if value is not None else None


class BadRequestError(APIStatusError, ModelInvalidRequestError):
    """400: the request is invalid (a parameter, the model id...)."""

    hint = "fix the request; retrying it unchanged will fail again"


class ContextLengthError(BadRequestError, ContextOverflowError):
    """400: the prompt (with ``max_tokens``) is longer than the model's context window.

    Recognised from OpenRouter's ``context_length_exceeded`` error type and from the wording
    OpenRouter and the upstream providers use ("maximum context length", "prompt is too long"...).
    LangChain's summarization middleware catches it as a ``ContextOverflowError``.
    """

    hint = (
        "shorten the prompt or lower max_tokens, summarize older messages, or enable the "
        "context-compression plugin"
    )


class AuthenticationError(APIStatusError, ModelAuthenticationError):
    """401: the API key is missing, invalid or disabled."""

    hint = "check OPENROUTER_API_KEY or the api_key argument"


class InsufficientCreditsError(APIStatusError):
    """402: the account or the key has run out of credits.

    Retryable only when OpenRouter said when (``Retry-After``: its in-flight budget).
    """

    hint = (
        "add credits at https://openrouter.ai/credits, raise the key's limit, or lower max_tokens"
    )


class PermissionDeniedError(APIStatusError, ModelPermissionDeniedError):
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


class NotFoundError(APIStatusError, ModelNotFoundError):
    """404: unknown route, resource or model, or no endpoint can serve the model."""

    hint = "check the model id (see list_models()) and your provider and privacy settings"


class RequestTimeoutError(APIStatusError, ModelTimeoutError):
    """408: OpenRouter timed the request out."""

    hint = "try again later, with a shorter prompt, or with a faster model"


class RateLimitError(APIStatusError, ModelRateLimitError):
    """429: rate limited by OpenRouter or by the upstream provider."""

    hint = "slow down, add fallback models, or raise max_retries"


class InternalServerError(APIStatusError, ModelAPIError):
    """500 (and other 5xx without a class of their own): an OpenRouter-side failure."""

    hint = "OpenRouter failed; try again later"


class UpstreamError(APIStatusError, ModelAPIError):
    """502: the chosen provider is down or returned an invalid answer."""

    hint = "the provider failed; try again later or add fallback models with models=[...]"


class NoProviderAvailableError(APIStatusError, ModelAPIError):
    """503: no provider meets the routing requirements, or all are overloaded."""

    hint = "no provider is available; relax provider preferences or add fallback models"


class StreamError(OpenRouterError):
    """An error event inside a stream that had already started (HTTP status 200).

    Attributes:
        code: ``error.code`` of the event (usually an HTTP-like int, sometimes a string).
        status_code: ``code`` when it is an int, else ``None``.
        metadata: ``error.metadata`` of the event, or ``{}``.
        provider_name: The upstream provider that failed (``metadata.provider_name``), if any.
        provider_detail: That provider's own error text (``metadata.raw``), if any.
        error_type: ``metadata.error_type`` where present.
        request_id: The generation id of the stream.
        chunk: The whole error event, which may also carry ``usage``.
        is_retryable: Whether calling again may succeed: the retry table applied to ``code``
            (a non-numeric code counts as 502, a provider failure).
        partial: What had been received before the error (the chat model's partial
            ``AIMessageChunk``), else ``None``.
    """

    def __init__(
        self,
        message: str,
        *,
        code: int | str | None = None,
        metadata: Mapping[str, Any] | None = None,
        request_id: str | None = None,
        chunk: Mapping[str, Any] | None = None,
        partial: Any = None,
    ) -> None:
        self.code = code
        self.status_code = code if isinstance(code, int) else None
        self.metadata: dict[str, Any] = dict(metadata or {})
        self.provider_name, self.provider_detail = _provider_detail(self.metadata)
        self.error_type: str | None = self.metadata.get("error_type")
        self.request_id = request_id
        self.chunk: dict[str, Any] = dict(chunk or {})
        self.is_retryable = _status_is_retryable(
            self.status_code if self.status_code is not None else 502
        )
        self.partial = partial
        text = f"Stream error {code}: {message}"
        if self.provider_detail:
            text = f"{text} [{self.provider_name or 'provider'}: {self.provider_detail}]"
        super().__init__(text)
        self.message = message

    def add_hint(self, hint: str) -> None:
        """Append what to do, and where the stream came from, to ``str(err)``.

        ``.message`` keeps OpenRouter's text exactly.
        """
        self.args = (f"{self.args[0]} ({hint})", *self.args[1:])


class LoginError(OpenRouterError):
    """The browser step of ``login()`` (PKCE, ``openrouter-api.md`` §12) did not give a code."""


class LoginTimeoutError(LoginError, TimeoutError):
    """No callback arrived within ``login(timeout=...)`` seconds."""

    is_retryable = True


class LoginDeniedError(LoginError, ModelAuthenticationError):
    """The user denied the app on the consent page (the callback carried ``error=``).

    Attributes:
        error: The callback's ``error`` value, e.g. ``"access_denied"``.
    """

    def __init__(self, message: str, *, error: str) -> None:
        super().__init__(message)
        self.error = error


class LoginStateError(LoginError, ModelAuthenticationError):
    """The callback's ``state`` is not the one ``login()`` sent: the code is not used."""


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

# How OpenRouter and the upstream providers word a prompt over the context window, as found in
# ``error.message`` or the provider's ``metadata.raw``:
_CONTEXT_LENGTH_TEXT = re.compile(
    "|".join(
        [
            # OpenRouter, OpenAI, DeepSeek, Mistral, vLLM hosts: "... maximum context length is N"
            r"maximum context length",
            # OpenAI's error code, and OpenRouter's error_type, quoted inside a raw body
            r"context[_ ]length[_ ]exceeded",
            # Anthropic "prompt is too long: N tokens > M maximum"; Fireworks "The prompt is too
            # long"; Amazon Bedrock "Input is too long for requested model"
            r"(?:prompt|input) is too long",
            # OpenAI Responses "Your input exceeds the context window of this model"
            r"exceeds? the (?:model's )?context window",
            # Google "The input token count (N) exceeds the maximum number of tokens allowed (M)"
            r"exceeds the maximum number of tokens allowed",
            # xAI "This model's maximum prompt length is N but the request contains M tokens"
            r"maximum prompt length",
        ]
    ),
    re.IGNORECASE,
)


def _is_context_length_error(
    message: str, metadata: Mapping[str, Any], error_type: str | None = None
) -> bool:
    """Whether a 400's body says the prompt is over the model's context window.

    Example:
        >>> _is_context_length_error("prompt is too long: 210000 tokens > 200000 maximum", {})
        True
        >>> _is_context_length_error("messages: at least one message is required", {})
        False
    """
    # A tuple, not a set: a malformed body may put an object (unhashable) in these fields.
    codes = (error_type, metadata.get("error_type"), metadata.get("provider_code"))
    if "context_length_exceeded" in codes:
        return True
    raw = metadata.get("raw")
    texts = [message, raw if isinstance(raw, str) else json.dumps(raw) if raw else ""]
    return any(_CONTEXT_LENGTH_TEXT.search(text) for text in texts)


def _status_of(response: httpx.Response | None) -> int:
    return response.status_code if response is not None else 0


def _provider_detail(metadata: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The upstream provider's name and its own error text, one line, from ``error.metadata``."""
    name = metadata.get("provider_name")
    raw = metadata.get("raw")
    if raw is None or raw == "":
        detail = None
    else:
        detail = _summarise_text(raw if isinstance(raw, str) else json.dumps(raw))
    return (str(name) if name else None), detail


def error_class_for(
    status: int, metadata: Mapping[str, Any], message: str = "", error_type: str | None = None
) -> type[APIStatusError]:
    """The exception class for a status and its error body (the one status table).

    Args:
        status: The HTTP status (or an error's ``code``).
        metadata: ``error.metadata``.
        message: ``error.message``: a 400 that says the context is exceeded is a
            :class:`ContextLengthError`.
        error_type: ``error.error_type`` where it sits outside the metadata.

    Example:
        >>> error_class_for(403, {"reasons": ["violence"]}).__name__
        'ModerationError'
        >>> error_class_for(400, {}, "The maximum context length is 8192 tokens.").__name__
        'ContextLengthError'
    """
    if status == 403 and ("reasons" in metadata or "flagged_input" in metadata):
        return ModerationError
    if status == 400 and _is_context_length_error(message, metadata, error_type):
        return ContextLengthError
    cls = _STATUS_CLASSES.get(status)
    if cls is not None:
        return cls
    return InternalServerError if status >= 500 else APIStatusError


def _decode_body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested too deeply
        return response.text


def error_from_response(
    response: httpx.Response, body: Any = None, *, attempts: int = 1, origin: str = ""
) -> APIStatusError:
    """Build the typed error for a non-2xx response.

    Args:
        response: The response; its body must have been read.
        body: The decoded body, when the caller already has it.
        attempts: How many times the request had been sent when this answer came.
        origin: Where the base URL came from, as the client words it (``" (base URL ... from
            OPENROUTER_BASE_URL)"``), for hints that point at the base URL.

    Returns:
        The matching :class:`APIStatusError` subclass, also for a non-JSON body (an HTML 502 page
        still gives an :class:`UpstreamError`). Its hint is the class's, or a more precise one:
        a 404 from a route that does not exist points at the base URL's path, and a model id
        without ``author/`` that OpenRouter does not know gets the prefix suggested.
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
    retry_after = _parse_retry_after(response.headers.get("retry-after"))
    if retry_after is None and isinstance(availability, dict):
        retry_after = _body_retry_after(availability.get("retry_after"))
    cls = error_class_for(status, metadata, message, error_type)
    hint = _precise_hint(
        status,
        message if isinstance(error, dict) else "",
        availability if isinstance(availability, dict) else None,
        response,
        origin,
    )
    return cls(
        message,
        hint=hint,
        response=response,
        status_code=status,
        body=body,
        code=code,
        metadata=metadata,
        error_type=error_type,
        availability=availability if isinstance(availability, dict) else None,
        request_id=response.headers.get("x-generation-id"),
        retry_after=retry_after,
        attempts=attempts,
    )


# Model-name beginnings -> their OpenRouter author, to suggest the prefix of a bare model id.
_AUTHORS = {
    "gpt": "openai",
    "chatgpt": "openai",
    "o1": "openai",
    "o3": "openai",
    "o4": "openai",
    "claude": "anthropic",
    "gemini": "google",
    "gemma": "google",
    "llama": "meta-llama",
    "mistral": "mistralai",
    "mixtral": "mistralai",
    "codestral": "mistralai",
    "ministral": "mistralai",
    "deepseek": "deepseek",
    "grok": "x-ai",
    "qwen": "qwen",
    "qwq": "qwen",
    "command": "cohere",
    "phi": "microsoft",
    "kimi": "moonshotai",
}

_MODEL_WORDS = re.compile(r"model|endpoint", re.IGNORECASE)
_GENERIC_NOT_FOUND = frozenset({"", "not found", "404", "404 not found", "page not found"})


def _precise_hint(
    status: int,
    message: str,
    availability: Mapping[str, Any] | None,
    response: httpx.Response,
    origin: str,
) -> str | None:
    """A hint more precise than the class's, when the answer says more (else ``None``)."""
    if status not in (400, 404):
        return None
    try:
        request = response.request
    except RuntimeError:  # a response built by hand, with no request
        return None
    about_model = availability is not None or bool(_MODEL_WORDS.search(message))
    # A route that does not exist answers with a page, nothing, or a bare "Not Found"; a
    # resource that does not exist (a generation, a key) says which.
    generic = message.strip().rstrip(".").lower() in _GENERIC_NOT_FOUND
    if status == 404 and generic and not about_model and "/model" not in request.url.path:
        url = request.url.copy_with(query=None)
        missing = "" if "/api/v1" in url.path else " (it lacks /api/v1)"
        return (
            f"{request.method} {url} is not an OpenRouter API route{origin}: the base URL's "
            f"path is probably wrong{missing}; OpenRouter's is https://openrouter.ai/api/v1"
        )
    code = (availability or {}).get("code")
    not_found = status == 404 or code == "model_not_found" or "not a valid model" in message
    model = _requested_model(request, availability)
    if not_found and model and "/" not in model:
        author = next(
            (a for prefix, a in _AUTHORS.items() if model.lower().startswith(prefix)), None
        )
        example = f"{author}/{model}" if author else "openai/gpt-4o-mini"
        return (
            f"OpenRouter model ids are author/slug: try {example!r} instead of {model!r}; "
            "list_models() lists them"
        )
    return None


def _requested_model(request: httpx.Request, availability: Mapping[str, Any] | None) -> Any:
    requested = (availability or {}).get("requested_models")
    if isinstance(requested, list) and requested:
        return requested[0]
    try:
        body = json.loads(request.content or b"null")
    except (ValueError, httpx.RequestNotRead):
        return None
    return body.get("model") if isinstance(body, dict) else None


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

"""Fault injection: make the next N matching requests fail the ways OpenRouter fails.

Example:
    .. code-block:: python

        emu.faults.add(route="/chat/completions", status=429, retry_after=1, times=2)
        emu.faults.stream_error(after=3)  # an error event after 3 chunks
        emu.faults.drop(after=2)  # the connection breaks after 2 chunks
        emu.faults.delay(5.0)  # headers come 5 s late: client timeouts fire
"""

from __future__ import annotations

import fnmatch
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, Literal

from langchain_openrouter.testing.wire import Request, Response, error_response, json_response

__all__ = ["DEFAULT_ERRORS", "Fault", "FaultInjector", "StreamErrorForm"]

StreamErrorForm = Literal["documented", "minimax"]

# status -> (message, metadata) as OpenRouter words them (samples/error_*.json; 524 and 529
# have no sample and follow the status table of openrouter-api.md §5.2)
DEFAULT_ERRORS: dict[int, tuple[str, dict[str, Any] | None]] = {
    400: ("Invalid request", {"error_type": "invalid_request"}),
    401: ("Missing Authentication header", None),
    402: (
        "Insufficient credits. Add more using https://openrouter.ai/credits",
        {"error_type": "payment_required"},
    ),
    403: ("Forbidden", {"error_type": "permission_denied"}),
    404: ("Not Found", {"error_type": "not_found"}),
    408: ("Operation timed out. Please try again later.", None),
    413: ("Payload too large", {"error_type": "payload_too_large"}),
    429: ("Rate limit exceeded", {"error_type": "rate_limit_exceeded"}),
    500: ("Internal Server Error", {"error_type": "server"}),
    502: (
        "Provider returned error",
        {
            "provider_name": "OpenAI",
            "raw": '{"error":{"message":"Service unavailable","type":"service_unavailable"}}',
            "error_type": "provider_unavailable",
        },
    ),
    503: (
        "No endpoints available matching your routing requirements",
        {"error_type": "provider_overloaded"},
    ),
    504: ("Upstream request timed out", {"error_type": "timeout"}),
    # The edge network's own timeout (Cloudflare's 524) and an overloaded provider (529):
    # both transient, both retried (openrouter-api.md §5.2).
    524: (
        "A timeout occurred: the upstream did not answer the edge network in time",
        {"error_type": "timeout"},
    ),
    529: ("Provider is overloaded. Please try again later.", {"error_type": "provider_overloaded"}),
}


@dataclass
class Fault:
    """One injected fault; the fields say what goes wrong and for which requests.

    Attributes:
        route: Path below ``/api/v1`` to match (``fnmatch`` pattern, e.g. ``"/keys*"``);
            ``None`` matches every route.
        method: HTTP method to match, or ``None``.
        model: Only requests whose body names this model.
        times: How many matching requests it affects; ``None`` for all until cleared.
        status: Answer with this status and OpenRouter's error body for it.
        message: The error message (default: OpenRouter's for the status).
        metadata: ``error.metadata`` (default: OpenRouter's for the status).
        body: A whole error body to send instead.
        retry_after: Seconds for a ``Retry-After`` header.
        headers: More response headers.
        delay: Seconds to wait before sending the status line (client timeouts fire).
        drop: Break the connection before any answer.
        drop_after: Break a stream after this many data events.
        stream_error_after: Send an in-stream error event after this many data events.
        stream_error_form: ``"documented"`` (``finish_reason: "error"``) or ``"minimax"``
            (``finish_reason: null`` and ``usage``, as recorded from Minimax).
        stream_error_code: ``error.code`` of the error event.
        stream_error_message: ``error.message`` of the error event.
        chunk_delay: Seconds between stream events (a slow stream).
        slow_after: Data events sent at once before ``chunk_delay`` applies (0: from the first
            event; more: a stream that starts, then stalls).
        tool_call_index: Number every streamed tool-call fragment with this ``index``, as
            upstream providers that number every parallel call 0 do.
    """

    route: str | None = "/chat/completions"
    method: str | None = None
    model: str | None = None
    times: int | None = 1
    status: int | None = None
    message: str | None = None
    metadata: Mapping[str, Any] | None = None
    body: Mapping[str, Any] | None = None
    retry_after: float | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False
    drop_after: int | None = None
    stream_error_after: int | None = None
    stream_error_form: StreamErrorForm = "documented"
    stream_error_code: int = 502
    stream_error_message: str = "Provider disconnected unexpectedly"
    chunk_delay: float | None = None
    slow_after: int = 0
    tool_call_index: int | None = None
    used: int = 0

    def matches(self, request: Request, model: str | None) -> bool:
        """Whether this fault applies to ``request`` (for a body naming ``model``)."""
        if self.times is not None and self.used >= self.times:
            return False
        if self.method is not None and self.method.upper() != request.method:
            return False
        if self.route is not None and not fnmatch.fnmatchcase(request.route, self.route):
            return False
        return self.model is None or self.model == model

    @property
    def answers_early(self) -> bool:
        """Whether the fault replaces the whole answer (a status or a dropped connection)."""
        return self.status is not None or self.drop

    def response(self, prompt: str = "") -> Response:
        """The error response of a status fault (or a dropped connection).

        Args:
            prompt: The request's last user text, quoted as ``flagged_input`` by moderation
                faults that did not set one.
        """
        if self.drop:
            return Response(drop=True, delay=self.delay)
        status = self.status or 500
        headers = dict(self.headers)
        if self.retry_after is not None:
            value = self.retry_after
            headers["retry-after"] = str(int(value)) if float(value).is_integer() else str(value)
        if self.body is not None:
            response = json_response(dict(self.body), status=status, headers=headers)
        else:
            message, metadata = DEFAULT_ERRORS.get(status, (_phrase(status), None))
            if self.metadata is not None:
                metadata = dict(self.metadata)
                if "flagged_input" in metadata and metadata["flagged_input"] is None:
                    metadata["flagged_input"] = _elide(prompt)
            response = error_response(status, self.message or message, metadata, headers)
        response.delay = self.delay
        return response

    def renumber_tool_calls(self, events: Sequence[dict[str, Any]]) -> None:
        """Give every tool-call fragment of ``events`` the ``tool_call_index`` (in place)."""
        if self.tool_call_index is None:
            return
        for event in events:
            for choice in event.get("choices") or ():
                for call in (choice.get("delta") or {}).get("tool_calls") or ():
                    call["index"] = self.tool_call_index

    def stream_error_event(self, envelope: Mapping[str, Any], usage: Any) -> dict[str, Any]:
        """The in-stream error event, in the chosen form."""
        error: dict[str, Any] = {
            "code": self.stream_error_code,
            "message": self.stream_error_message,
        }
        if self.stream_error_form == "minimax":
            return {
                "id": envelope["id"],
                "provider": envelope["provider"],
                "error": error,
                "model": envelope["model"],
                "object": "chat.completion.chunk",
                "created": envelope["created"],
                "choices": [
                    {
                        "index": 0,
                        "delta": {"role": "assistant", "content": ""},
                        "finish_reason": None,
                        "native_finish_reason": None,
                        "logprobs": None,
                    }
                ],
                "usage": usage,
            }
        metadata = dict(self.metadata or {"error_type": _error_type(self.stream_error_code)})
        metadata.setdefault("provider_code", "server_error")
        error["metadata"] = metadata
        return {
            "id": envelope["id"],
            "object": "chat.completion.chunk",
            "created": envelope["created"],
            "model": envelope["model"],
            "provider": envelope["provider"],
            "error": error,
            "choices": [
                {
                    "index": 0,
                    "delta": {"content": ""},
                    "finish_reason": "error",
                    "native_finish_reason": "error",
                }
            ],
        }


def _elide(text: str, limit: int = 100) -> str:
    """At most ``limit`` characters, the middle replaced by ``...[truncated]...``."""
    if len(text) <= limit:
        return text
    marker = "...[truncated]..."
    head = (limit - len(marker)) // 2
    return text[:head] + marker + text[-(limit - len(marker) - head) :]


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _error_type(status: int) -> str:
    metadata = DEFAULT_ERRORS.get(status, ("", None))[1] or {}
    return str(metadata.get("error_type", "provider_unavailable"))


class FaultInjector:
    """The emulator's list of pending faults (``emu.faults``)."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()

    @property
    def pending(self) -> list[Fault]:
        """Faults that will still fire."""
        with self._lock:
            return [f for f in self._faults if f.times is None or f.used < f.times]

    def clear(self) -> None:
        """Remove every fault."""
        with self._lock:
            self._faults.clear()

    def add(self, route: str | None = "/chat/completions", **fields: Any) -> Fault:
        """Add a fault; keyword arguments are :class:`Fault` fields.

        Example:
            .. code-block:: python

                emu.faults.add(route="/chat/completions", status=429, retry_after=1, times=2)
        """
        fault = Fault(route=route, **fields)
        with self._lock:
            self._faults.append(fault)
        return fault

    def take(self, request: Request, model: str | None) -> Fault | None:
        """The first fault matching a request, counted as used."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(request, model):
                    fault.used += 1
                    return fault
        return None

    def status(
        self,
        status: int,
        *,
        route: str | None = "/chat/completions",
        times: int | None = 1,
        retry_after: float | None = None,
        **fields: Any,
    ) -> Fault:
        """Answer the next ``times`` requests with ``status`` and OpenRouter's error body."""
        return self.add(route, status=status, times=times, retry_after=retry_after, **fields)

    def rate_limit(
        self,
        *,
        times: int | None = 1,
        retry_after: float | None = 1,
        route: str | None = "/chat/completions",
    ) -> Fault:
        """429 from OpenRouter's own limiter: ``Retry-After`` and the ``X-RateLimit-*`` headers."""
        reset = str(int((time.time() + (retry_after or 60)) * 1000))
        headers = {
            "x-ratelimit-limit": "20",
            "x-ratelimit-remaining": "0",
            "x-ratelimit-reset": reset,
        }
        return self.status(429, route=route, times=times, retry_after=retry_after, headers=headers)

    def stream_error(
        self,
        after: int = 1,
        *,
        form: StreamErrorForm = "documented",
        code: int | None = None,
        message: str | None = None,
        times: int | None = 1,
        route: str | None = "/chat/completions",
        **fields: Any,
    ) -> Fault:
        """An error event inside the stream after ``after`` data events."""
        default_code = 400 if form == "minimax" else 502
        default_message = (
            "Token limit reached" if form == "minimax" else ("Provider disconnected unexpectedly")
        )
        return self.add(
            route,
            stream_error_after=after,
            stream_error_form=form,
            stream_error_code=code if code is not None else default_code,
            stream_error_message=message or default_message,
            times=times,
            **fields,
        )

    def drop(
        self,
        after: int | None = None,
        *,
        times: int | None = 1,
        route: str | None = "/chat/completions",
    ) -> Fault:
        """Break the connection: before answering (``after=None``) or after N stream events."""
        if after is None:
            return self.add(route, drop=True, times=times)
        return self.add(route, drop_after=after, times=times)

    def tool_calls_at_index(
        self, index: int = 0, *, times: int | None = 1, route: str | None = "/chat/completions"
    ) -> Fault:
        """Stream every tool call with the same ``index`` (distinct ids), as some providers do."""
        return self.add(route, tool_call_index=index, times=times)

    def slow(
        self,
        chunk_delay: float,
        *,
        after: int = 0,
        times: int | None = 1,
        route: str | None = "/chat/completions",
    ) -> Fault:
        """Wait ``chunk_delay`` seconds before each stream event after the first ``after``.

        Example:
            .. code-block:: python

                emu.faults.slow(0.5)  # every event half a second late
                emu.faults.slow(60, after=3)  # three events, then the stream stalls
        """
        return self.add(route, chunk_delay=chunk_delay, slow_after=after, times=times)

    def delay(
        self, seconds: float, *, times: int | None = 1, route: str | None = "/chat/completions"
    ) -> Fault:
        """Wait ``seconds`` before sending the status line and headers."""
        return self.add(route, delay=seconds, times=times)

    def moderation(
        self,
        reasons: Sequence[str] = ("violence",),
        *,
        flagged_input: str | None = None,
        model: str = "openai/gpt-4o-mini",
        provider_name: str = "OpenAI",
        times: int | None = 1,
        route: str | None = "/chat/completions",
    ) -> Fault:
        """403 moderation refusal with ``reasons`` and ``flagged_input`` metadata."""
        flagged = _elide(flagged_input) if flagged_input is not None else None
        reason_text = ", ".join(f'"{r}"' for r in reasons)
        return self.add(
            route,
            status=403,
            message=f"{model} requires moderation on {provider_name}. Your input was flagged "
            f"for {reason_text}. No credits were charged.",
            metadata={
                "reasons": list(reasons),
                "flagged_input": flagged,
                "provider_name": provider_name,
                "model_slug": model,
            },
            times=times,
        )

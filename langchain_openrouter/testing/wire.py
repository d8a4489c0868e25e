"""The emulator's plain request and response values, and OpenRouter's error bodies.

Everything the emulator answers is a :class:`Response`: a status, headers and either the whole
body as bytes or an iterator of :class:`Chunk` (an SSE stream, sent piece by piece, each piece
possibly delayed or replaced by a dropped connection). The httpx transport and the 127.0.0.1
server both turn these values into bytes on the wire; nothing here does I/O.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Union
from urllib.parse import parse_qsl

__all__ = [
    "SSE_HEADERS",
    "Chunk",
    "EmulatorError",
    "Request",
    "Response",
    "error_body",
    "error_response",
    "json_response",
    "site_not_found",
    "sse_comment",
    "sse_data",
]

API_PREFIX = "/api/v1"
SSE_HEADERS = {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    "x-accel-buffering": "no",
}


@dataclass(frozen=True)
class Request:
    """One HTTP request as the emulator sees it.

    Attributes:
        method: Upper-case HTTP method.
        path: The URL path (the API lives below ``/api/v1``; anything else is the website).
        query: Query parameters (the last value wins for repeated names).
        headers: Header names lower-cased.
        body: The raw body.
    """

    method: str
    path: str
    query: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    @classmethod
    def build(
        cls,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        headers: Mapping[str, str] | None = None,
        api_key: str | None = None,
    ) -> Request:
        """A request from friendly arguments (``path`` may carry a ``?query``).

        Example:
            >>> Request.build("GET", "/models?output_modalities=all").query
            {'output_modalities': 'all'}
        """
        path, _, raw_query = path.partition("?")
        merged = {k.lower(): v for k, v in (headers or {}).items()}
        if api_key is not None:
            merged["authorization"] = f"Bearer {api_key}"
        body = b"" if json_body is None else json.dumps(json_body).encode()
        if json_body is not None:
            merged.setdefault("content-type", "application/json")
        return cls(method.upper(), path, dict(parse_qsl(raw_query)), merged, body)

    @property
    def on_api(self) -> bool:
        """Whether the path is below ``/api/v1`` (the rest of the host is OpenRouter's website)."""
        return self.path == API_PREFIX or self.path.startswith(API_PREFIX + "/")

    @property
    def route(self) -> str:
        """The path below ``/api/v1``, without a trailing slash."""
        path = self.path
        if path.startswith(API_PREFIX):
            path = path[len(API_PREFIX) :]
        return path.rstrip("/") or "/"

    def json(self) -> Any:
        """The decoded JSON body (``None`` for an empty body); raises ``ValueError`` if invalid."""
        if not self.body.strip():
            return None
        return json.loads(self.body)

    def bearer(self) -> str | None:
        """The bearer token of the ``Authorization`` header, if any."""
        value = self.headers.get("authorization", "")
        scheme, _, token = value.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        return token.strip()


@dataclass(frozen=True)
class Chunk:
    """One piece of a streamed body.

    Attributes:
        data: The bytes to send.
        delay: Seconds to wait before sending them.
        drop: Instead of sending, break the connection (the server closes the socket, the
            in-process transport raises ``httpx.RemoteProtocolError``).
    """

    data: bytes = b""
    delay: float = 0.0
    drop: bool = False


Body = Union[bytes, Iterable[Chunk]]  # noqa: UP007 - a runtime alias on Python 3.10


@dataclass
class Response:
    """What the emulator answers.

    Attributes:
        status: The HTTP status.
        headers: Response headers (lower-case names).
        body: The whole body, or an iterable of :class:`Chunk` for a streamed body.
        delay: Seconds to wait before sending the status line and headers.
        drop: Break the connection instead of answering at all.
    """

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: Body = b""
    delay: float = 0.0
    drop: bool = False

    @property
    def streaming(self) -> bool:
        """Whether the body is a stream of chunks."""
        return not isinstance(self.body, bytes)

    def chunks(self) -> Iterator[Chunk]:
        """The body as chunks (one chunk for a plain body)."""
        if isinstance(self.body, bytes):
            yield Chunk(self.body)
        else:
            yield from self.body

    def json(self) -> Any:
        """The decoded body of a non-streamed response."""
        if not isinstance(self.body, bytes):
            raise TypeError("a streamed response has no single JSON body")
        return json.loads(self.body)


class EmulatorError(Exception):
    """Raised inside a route to answer with an OpenRouter error body."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        metadata: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        body: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.metadata = dict(metadata) if metadata is not None else None
        self.headers = dict(headers or {})
        self.body = dict(body) if body is not None else None

    def response(self) -> Response:
        """The error as an HTTP response."""
        body = self.body or error_body(self.status, self.message, self.metadata)
        return json_response(body, status=self.status, headers=self.headers)


def error_body(
    status: int, message: str, metadata: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """OpenRouter's error envelope: ``{"error": {"code", "message"[, "metadata"]}}``.

    Example:
        >>> error_body(402, "Insufficient credits")["error"]["code"]
        402
    """
    error: dict[str, Any] = {"code": status, "message": message}
    if metadata is not None:
        error["metadata"] = dict(metadata)
    return {"error": error}


def json_response(
    body: Any, *, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    """A JSON response."""
    merged = {"content-type": "application/json"}
    merged.update(headers or {})
    return Response(status, merged, json.dumps(body).encode())


def error_response(
    status: int,
    message: str,
    metadata: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """An error response with OpenRouter's envelope."""
    return json_response(error_body(status, message, metadata), status=status, headers=headers)


def sse_data(payload: Any) -> bytes:
    """One SSE data event; ``"[DONE]"`` is sent as is."""
    text = payload if isinstance(payload, str) else json.dumps(payload, separators=(",", ":"))
    return f"data: {text}\n\n".encode()


def sse_comment(text: str = "OPENROUTER PROCESSING") -> bytes:
    """One SSE comment line, OpenRouter's keep-alive."""
    return f": {text}\n\n".encode()


_SITE_NOT_FOUND = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>404: This page could '
    "not be found. | OpenRouter</title></head><body><h1>404</h1><h2>This page could not be "
    "found.</h2></body></html>"
)


def site_not_found() -> Response:
    """What openrouter.ai answers for a path outside ``/api/v1``: its website's HTML 404 page.

    A base URL missing ``/api/v1`` (``http://host`` instead of ``http://host/api/v1``) lands
    here, so clients see the 404 they would get from the real host, not an answer.
    """
    headers = {"content-type": "text/html; charset=utf-8", "cache-control": "no-store"}
    return Response(404, headers, _SITE_NOT_FOUND.encode())

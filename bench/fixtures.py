"""The canned OpenRouter answers and the in-process transport that serves them.

Bodies are built once, at import, so that serving a request costs the same few microseconds for
every contender: the transport only picks pre-encoded bytes, it parses nothing. The stream is
served one SSE event per read, as a token-by-token network stream arrives.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx

BASE_URL = "https://openrouter.ai/api/v1"
CHAT_URL = f"{BASE_URL}/chat/completions"
API_KEY = "sk-or-v1-bench-not-a-real-key"
MODEL = "openai/gpt-4o-mini"
PROMPT = "Say hi in French."
STREAM_CHUNKS = 2_000
"""Content deltas in the canned stream (a finish chunk, a usage chunk and [DONE] follow)."""

_GEN_ID = "gen-1764028800-Bq7Xk2mZpR4tLw9yHc3N"
_CREATED = 1764028800
_ENVELOPE: dict[str, Any] = {
    "id": _GEN_ID,
    "provider": "OpenAI",
    "model": MODEL,
    "object": "chat.completion.chunk",
    "created": _CREATED,
}
_USAGE: dict[str, Any] = {
    "prompt_tokens": 14,
    "completion_tokens": STREAM_CHUNKS,
    "total_tokens": 14 + STREAM_CHUNKS,
    "cost": 0.0012021,
    "is_byok": False,
    "prompt_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0, "audio_tokens": 0},
    "cost_details": {
        "upstream_inference_cost": 0.0012021,
        "upstream_inference_prompt_cost": 0.0000021,
        "upstream_inference_completions_cost": 0.0012,
    },
    "completion_tokens_details": {"reasoning_tokens": 0, "image_tokens": 0, "audio_tokens": 0},
}
_WORDS = ("Bonjour", " !", " Comment", " ça", " va", " ?", " Je", " suis", " là", ".")


def _dumps(value: Any) -> str:
    # OpenRouter sends compact JSON.
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def completion_body() -> bytes:
    """A realistic non-streaming ``/chat/completions`` answer."""
    return _dumps(
        {
            "id": _GEN_ID,
            "provider": "OpenAI",
            "model": MODEL,
            "object": "chat.completion",
            "created": _CREATED,
            "choices": [
                {
                    "logprobs": None,
                    "finish_reason": "stop",
                    "native_finish_reason": "stop",
                    "index": 0,
                    "message": {
                        "role": "assistant",
                        "content": "Bonjour ! Comment ça va ?",
                        "refusal": None,
                        "reasoning": None,
                    },
                }
            ],
            "system_fingerprint": "fp_b547601dbd",
            "usage": {**_USAGE, "completion_tokens": 8, "total_tokens": 22, "cost": 0.0000069},
        }
    ).encode()


def _chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    return {
        **_ENVELOPE,
        "choices": [
            {
                "index": 0,
                "delta": delta,
                "finish_reason": finish,
                "native_finish_reason": finish,
                "logprobs": None,
            }
        ],
    }


def stream_events(n: int = STREAM_CHUNKS) -> list[bytes]:
    """The SSE stream as OpenRouter sends it, one network read per event.

    Processing comments first (and a keep-alive every 250 deltas), ``n`` content deltas (the
    first also carries the role), a finish chunk, a usage chunk with empty ``choices``, [DONE].
    """
    events = [b": OPENROUTER PROCESSING\n\n"] * 3
    for i in range(n):
        if i and i % 250 == 0:
            events.append(b": OPENROUTER PROCESSING\n\n")
        delta: dict[str, Any] = {"role": "assistant", "content": _WORDS[i % len(_WORDS)]}
        events.append(f"data: {_dumps(_chunk(delta))}\n\n".encode())
    events.append(
        f"data: {_dumps(_chunk({'role': 'assistant', 'content': ''}, 'stop'))}\n\n".encode()
    )
    usage = {**_ENVELOPE, "choices": [], "usage": _USAGE}
    events.append(f"data: {_dumps(usage)}\n\n".encode())
    events.append(b"data: [DONE]\n\n")
    return events


def expected_stream_text(n: int = STREAM_CHUNKS) -> str:
    """The text a consumer of :func:`stream_events` must end up with."""
    return "".join(_WORDS[i % len(_WORDS)] for i in range(n))


COMPLETION = completion_body()
STREAM = stream_events()
_JSON_HEADERS = [(b"content-type", b"application/json")]
_SSE_HEADERS = [(b"content-type", b"text/event-stream"), (b"cache-control", b"no-cache")]


class _Events(httpx.SyncByteStream, httpx.AsyncByteStream):
    """Pre-encoded events handed out one per read, to sync and async readers alike."""

    def __init__(self, events: list[bytes]) -> None:
        self._events = events

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._events)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for event in self._events:
            yield event


def _respond(request: httpx.Request, completion: bytes, stream: list[bytes]) -> httpx.Response:
    # Every contender sends httpx's compact JSON, so a byte search tells a stream request.
    if b'"stream":true' in request.content:
        return httpx.Response(200, headers=_SSE_HEADERS, stream=_Events(stream), request=request)
    return httpx.Response(200, headers=_JSON_HEADERS, content=completion, request=request)


class MockTransport(httpx.BaseTransport):
    """Serves :data:`COMPLETION` or :data:`STREAM` to an ``httpx.Client``, in process."""

    def __init__(self, completion: bytes = COMPLETION, stream: list[bytes] = STREAM) -> None:
        self.completion = completion
        self.stream = stream
        self.requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        return _respond(request, self.completion, self.stream)


class AsyncMockTransport(httpx.AsyncBaseTransport):
    """Serves :data:`COMPLETION` or :data:`STREAM` to an ``httpx.AsyncClient``, in process."""

    def __init__(self, completion: bytes = COMPLETION, stream: list[bytes] = STREAM) -> None:
        self.completion = completion
        self.stream = stream
        self.requests = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        return _respond(request, self.completion, self.stream)


def chat_payload(*, stream: bool = False) -> dict[str, Any]:
    """The body raw httpx sends: what the chat models send for :data:`PROMPT`."""
    payload: dict[str, Any] = {
        "model": MODEL,
        "messages": [{"role": "user", "content": PROMPT}],
        "stream": stream,
    }
    if stream:
        payload["stream_options"] = {"include_usage": True}
    return payload


def auth_headers() -> dict[str, str]:
    """The headers raw httpx and the floor send."""
    return {"Authorization": f"Bearer {API_KEY}"}

"""The response cache of ``openrouter-api.md`` §15.2, one mechanism for every route that has it.

A request that opts in with ``X-OpenRouter-Cache: true`` and is identical to an earlier one (same
route, body, key and stream mode) is answered from the cache: the stored answer with every
billable usage counter at 0, a new generation id, and a ``GET /generation`` record whose
``response_cache_source_id`` names the generation it was copied from. Only successful answers
are stored (a handler stores after it has served).

Example:
    >>> zero_usage({"prompt_tokens": 9, "cost": 0.5, "is_byok": False, "details": {"x": 2}})
    {'prompt_tokens': 0, 'cost': 0.0, 'is_byok': False, 'details': {'x': 0}}
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from langchain_openrouter.testing.context import Ctx
from langchain_openrouter.testing.generation import Served, serve
from langchain_openrouter.testing.model.script import ModelInput
from langchain_openrouter.testing.state import iso

__all__ = [
    "CACHE_HEADER",
    "cache_key",
    "lookup",
    "record_hit",
    "serve_or_replay",
    "store",
    "zero_usage",
]

CACHE_HEADER = "x-openrouter-cache"

# The /generation fields that count billable work; a cache hit reports them as 0.
_BILLED = ("usage", "total_cost", "upstream_inference_cost", "cache_discount")


def cache_key(ctx: Ctx, body: Mapping[str, Any]) -> str | None:
    """The cache key of a request that opted in, else ``None`` (not cached, never answered)."""
    if ctx.request.headers.get(CACHE_HEADER, "").lower() != "true":
        return None
    stream = bool(body.get("stream"))
    rest = {k: v for k, v in body.items() if k != "stream"}
    return f"{ctx.request.path}|{ctx.caller.hash}|{stream}|{json.dumps(rest, sort_keys=True)}"


def lookup(ctx: Ctx, key: str | None) -> tuple[str, Any] | None:
    """``(source generation id, stored answer)`` for a cached request, else ``None``."""
    if key is None:
        return None
    with ctx.state.lock:
        return ctx.state.response_cache.get(key)


def store(ctx: Ctx, key: str | None, source_id: str, answer: Any) -> None:
    """Remember a successful answer (no-op for requests that did not opt in)."""
    if key is not None:
        with ctx.state.lock:
            ctx.state.response_cache[key] = (source_id, answer)


def zero_usage(value: Any) -> Any:
    """A usage object with every count and cost at 0 (flags such as ``is_byok`` kept)."""
    if isinstance(value, Mapping):
        return {k: zero_usage(v) for k, v in value.items()}
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        return 0.0
    if isinstance(value, int):
        return 0
    return value


def record_hit(ctx: Ctx, source_id: str, new_id: str, *, streamed: bool) -> None:
    """Record the ``GET /generation`` data of a cache hit: the source's, at zero cost."""
    record = dict(ctx.state.generations.get(source_id, {}))
    for name, value in record.items():
        if value is not None and (name in _BILLED or "tokens_" in name):
            record[name] = zero_usage(value)
    record.update(
        id=new_id,
        request_id="req-" + new_id[4:],
        created_at=iso(ctx.state.now()),
        streamed=streamed,
        response_cache_source_id=source_id,
    )
    ctx.state.record_generation(ctx.caller, record)


def serve_or_replay(
    ctx: Ctx,
    chat_body: dict[str, Any],
    *,
    stream: bool,
    request_body: Mapping[str, Any] | None = None,
) -> tuple[Served, ModelInput]:
    """A new generation, or the cached one of an identical request under a new id.

    Args:
        ctx: The request's context.
        chat_body: The chat request to serve.
        stream: Whether the answer is streamed (part of the cache key).
        request_body: The body the caller sent, when the route translated it to
            ``chat_body`` (``/responses``): the cache keys on what was sent.
    """
    key = cache_key(ctx, chat_body if request_body is None else request_body)
    hit = lookup(ctx, key)
    if hit is None:
        served, request = serve(ctx, chat_body, streamed=stream)
        store(ctx, key, served.envelope["id"], (served, request))
        return served, request
    source_id, (stored, request) = hit
    envelope = {**stored.envelope, "id": ctx.state.generation_id(), "created": int(ctx.state.now())}
    served = replace(
        stored,
        envelope=envelope,
        usage=zero_usage(stored.usage),
        cost=replace(stored.cost, prompt=0.0, completion=0.0, fees=0.0),
    )
    record_hit(ctx, source_id, envelope["id"], streamed=stream)
    return served, request

"""``POST /chat/completions``: serve one generation, then answer it as a completion or a stream."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from langchain_openrouter.testing import response_cache
from langchain_openrouter.testing.catalog import PROVIDERS
from langchain_openrouter.testing.context import Ctx
from langchain_openrouter.testing.generation import Served
from langchain_openrouter.testing.model.prompt import last_user_text
from langchain_openrouter.testing.model.script import Choice, ModelInput
from langchain_openrouter.testing.stream import chat_chunks, sse_stream
from langchain_openrouter.testing.wire import (
    SSE_HEADERS,
    Response,
    json_response,
)

__all__ = ["chat_completions", "message_wire", "prompt_text"]


def message_wire(choice: Choice) -> dict[str, Any]:
    """The ``message`` object of a non-streamed choice."""
    message: dict[str, Any] = {
        "role": "assistant",
        "content": choice.content,
        "refusal": choice.refusal,
        "reasoning": choice.reasoning,
    }
    if choice.reasoning_details:
        message["reasoning_details"] = [dict(d) for d in choice.reasoning_details]
    if choice.tool_calls:
        message["tool_calls"] = [
            {
                "id": c.id,
                "index": i,
                "type": "function",
                "function": {"name": c.name, "arguments": c.arguments},
            }
            for i, c in enumerate(choice.tool_calls)
        ]
    if choice.images:
        message["images"] = [dict(image) for image in choice.images]
    if choice.annotations:
        message["annotations"] = [dict(a) for a in choice.annotations]
    return message


def completion_body(served: Served, ctx: Ctx) -> dict[str, Any]:
    """The non-streamed ``chat.completion`` body."""
    choices = []
    for index, choice in enumerate(served.completion.choices):
        entry: dict[str, Any] = {
            "logprobs": None,
            "finish_reason": choice.finish_reason,
            "native_finish_reason": choice.native_finish_reason,
            "index": index,
            "message": message_wire(choice),
        }
        fault = ctx.fault
        if fault is not None and fault.stream_error_after is not None and index == 0:
            entry["finish_reason"] = "error"
            entry["error"] = {
                "code": fault.stream_error_code,
                "message": fault.stream_error_message,
                "metadata": {"error_type": "provider_unavailable"},
            }
        choices.append(entry)
    body: dict[str, Any] = {**served.envelope, "object": "chat.completion", "choices": choices}
    body = {k: body[k] for k in ("id", "provider", "model", "object", "created", "choices")}
    if served.model.author == "openai":
        digest = hashlib.sha256(served.model.slug.encode()).hexdigest()
        body["system_fingerprint"] = f"fp_{digest[:10]}"
    elif served.model.author == "anthropic":
        body["system_fingerprint"] = None
    body["usage"] = served.usage
    metadata = router_metadata(ctx, served)
    if metadata is not None:
        body["openrouter_metadata"] = metadata
    return body


def router_metadata(ctx: Ctx, served: Served) -> dict[str, Any] | None:
    """``openrouter_metadata``, when the request opted in with ``X-OpenRouter-Metadata``."""
    headers = ctx.request.headers
    flag = headers.get("x-openrouter-metadata") or headers.get("x-openrouter-experimental-metadata")
    if (flag or "").lower() != "enabled":
        return None
    model = served.model
    names = [PROVIDERS[p].name for p in model.providers]
    requested = str(_json_body(ctx).get("model") or model.id)
    return {
        "requested": requested,
        "strategy": "auto" if requested == "openrouter/auto" else "direct",
        "region": "iad",
        "attempt": 1,
        "is_byok": served.cost.byok,
        "summary": f"available={len(names)}, selected={names[0]}",
        "endpoints": {
            "total": len(names),
            "available": [
                {"provider": name, "model": model.slug, "selected": index == 0}
                for index, name in enumerate(names)
            ],
        },
        "attempts": [{"provider": names[0], "model": model.slug, "status": 200}],
        "pipeline": [],
    }


def _json_body(ctx: Ctx) -> dict[str, Any]:
    try:
        body = ctx.request.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _debug_chunk(served: Served, body: Mapping[str, Any], request: ModelInput) -> dict[str, Any]:
    """The first stream event of ``debug.echo_upstream_body``: the body sent upstream."""
    upstream = {
        k: v for k, v in body.items() if k not in ("models", "provider", "plugins", "debug")
    }
    upstream.update(model=served.model.slug, messages=request.messages, stream=True)
    return {
        **served.envelope,
        "object": "chat.completion.chunk",
        "choices": [],
        "debug": {"echo_upstream_body": upstream},
    }


def chat_completions(ctx: Ctx) -> Response:
    """``POST /chat/completions`` (with presets applied, and the response cache on request)."""
    body = ctx.body()
    stream = bool(body.get("stream"))
    served, request = response_cache.serve_or_replay(ctx, body, stream=stream)
    headers = {"x-generation-id": served.envelope["id"]}
    if not stream:
        return json_response(completion_body(served, ctx), headers=headers)
    events = chat_chunks(
        served.envelope,
        served.completion,
        served.usage,
        placement=ctx.config.usage_placement,
        reasoning_keys=bool(request.reasoning and not request.reasoning_excluded),
    )
    metadata = router_metadata(ctx, served)
    if metadata is not None:
        next(e for e in events if "usage" in e)["openrouter_metadata"] = metadata
    debug = body.get("debug")
    if isinstance(debug, Mapping) and debug.get("echo_upstream_body"):
        events.insert(0, _debug_chunk(served, body, request))
    if ctx.fault is not None:
        ctx.fault.renumber_tool_calls(events)
    error_event = None
    if ctx.fault is not None and ctx.fault.stream_error_after is not None:
        error_event = ctx.fault.stream_error_event(served.envelope, served.usage)
    chunks = sse_stream(
        events,
        keepalive_comments=ctx.config.keepalive_comments,
        chunk_delay=ctx.config.chunk_delay,
        fault=ctx.fault,
        error_event=error_event,
    )
    return Response(200, {**SSE_HEADERS, **headers}, chunks)


def prompt_text(ctx: Ctx) -> str:
    """The last user text of a chat body, for moderation faults (empty when unreadable)."""
    try:
        body = ctx.request.json()
    except ValueError:
        return ""
    messages = body.get("messages") if isinstance(body, dict) else None
    return last_user_text(messages) if isinstance(messages, list) else ""

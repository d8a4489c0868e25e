"""``POST /responses`` (beta, stateless): the Responses API over the same scripted model.

The request is translated to a chat request (``responses_request.py``: ``input`` items to
messages, flat function tools to chat tools), served like a chat completion, and the
answer translated back: ``reasoning``, ``function_call`` and ``message`` output items, usage with
``input_tokens``/``output_tokens``, and when streaming the ``response.*`` events of §6.3.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from langchain_openrouter.testing import response_cache
from langchain_openrouter.testing.context import Ctx
from langchain_openrouter.testing.model.script import Choice
from langchain_openrouter.testing.routes.responses_request import to_chat_body
from langchain_openrouter.testing.stream import split_text, sse_stream
from langchain_openrouter.testing.usage import responses_usage
from langchain_openrouter.testing.wire import (
    SSE_HEADERS,
    EmulatorError,
    Response,
    json_response,
)

# The error types OpenRouter answers on /responses with a truncated response (§6.2).
LENGTH_ERROR_TYPES = frozenset(
    {"context_length_exceeded", "max_tokens_exceeded", "token_limit_exceeded", "string_too_long"}
)

__all__ = ["create_response"]


class _Ids:
    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx

    def __call__(self, prefix: str) -> str:
        return f"{prefix}_tmp_{self.ctx.state.token(11, 'abcdefghijklmnopqrstuvwxyz0123456789')}"


def _flat_annotation(annotation: Mapping[str, Any]) -> dict[str, Any]:
    """A chat ``url_citation`` in the flat Responses shape; other kinds unchanged."""
    if annotation.get("type") == "url_citation" and isinstance(
        annotation.get("url_citation"), Mapping
    ):
        return {"type": "url_citation", **annotation["url_citation"]}
    return dict(annotation)


def _output(choice: Choice, new_id: _Ids, include: Any = ()) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    if choice.reasoning is not None:
        summary = [
            {"type": "summary_text", "text": d["summary"]}
            for d in choice.reasoning_details
            if d.get("type") == "reasoning.summary"
        ]
        items.append(
            {
                "type": "reasoning",
                "id": new_id("rs"),
                "summary": summary,
                "content": [{"type": "reasoning_text", "text": choice.reasoning}],
            }
        )
        encrypted = [d for d in choice.reasoning_details if d.get("type") == "reasoning.encrypted"]
        if encrypted and "reasoning.encrypted_content" in (include or ()):
            items[-1]["encrypted_content"] = encrypted[0]["data"]
    for call in choice.tool_calls:
        items.append(
            {
                "type": "function_call",
                "id": new_id("fc"),
                "call_id": call.id,
                "name": call.name,
                "arguments": call.arguments,
                "status": "completed",
            }
        )
    if choice.content or not choice.tool_calls:
        items.append(
            {
                "type": "message",
                "id": new_id("msg"),
                "role": "assistant",
                "status": "completed",
                "phase": "final_answer",
                "content": [
                    {
                        "type": "output_text",
                        "text": choice.content,
                        "annotations": [_flat_annotation(a) for a in choice.annotations],
                        "logprobs": [],
                    }
                ],
            }
        )
    return items


def _response(
    body: Mapping[str, Any],
    envelope: Mapping[str, Any],
    output: list[dict[str, Any]],
    *,
    status: str,
    usage: dict[str, Any] | None = None,
) -> dict[str, Any]:
    incomplete = status == "incomplete"
    response: dict[str, Any] = {
        "object": "response",
        "id": envelope["id"],
        "created_at": envelope["created"],
        "completed_at": envelope["created"] if status != "in_progress" else None,
        "status": status,
        "error": None,
        "output_text": "",
        "output": output,
        "model": envelope["model"],
        "incomplete_details": {"reason": "max_output_tokens"} if incomplete else None,
        "max_tool_calls": body.get("max_tool_calls"),
        "tools": list(body.get("tools") or []),
        "tool_choice": body.get("tool_choice", "auto"),
        "parallel_tool_calls": body.get("parallel_tool_calls", True),
        "max_output_tokens": body.get("max_output_tokens"),
        "temperature": body.get("temperature"),
        "top_p": body.get("top_p"),
        "frequency_penalty": body.get("frequency_penalty", 0),
        "presence_penalty": body.get("presence_penalty", 0),
        "top_logprobs": 0,
        "metadata": dict(body.get("metadata") or {}),
        "background": False,
        "previous_response_id": None,
        "service_tier": body.get("service_tier") or "auto",
        "truncation": body.get("truncation") or "disabled",
        "store": False,
        "instructions": body.get("instructions"),
        "reasoning": body.get("reasoning"),
        "safety_identifier": body.get("safety_identifier"),
        "prompt_cache_key": body.get("prompt_cache_key"),
        "user": body.get("user"),
        "text": body.get("text") or {"format": {"type": "text"}},
    }
    if usage is not None:
        response["usage"] = usage
    return response


def _events(
    body: Mapping[str, Any],
    envelope: Mapping[str, Any],
    usage: dict[str, Any],
    output: list[dict[str, Any]],
    final_status: str,
) -> Iterator[dict[str, Any]]:
    start = _response(body, envelope, [], status="in_progress")
    yield {"type": "response.created", "response": start}
    yield {"type": "response.in_progress", "response": start}
    for index, item in enumerate(output):
        item_id = item["id"]
        if item["type"] == "reasoning":
            text = item["content"][0]["text"]
            yield {
                "type": "response.output_item.added",
                "output_index": index,
                "item": {"type": "reasoning", "id": item_id, "summary": []},
            }
            yield {
                "type": "response.content_part.added",
                "item_id": item_id,
                "output_index": index,
                "content_index": 0,
                "part": {"type": "reasoning_text", "text": ""},
            }
            for piece in split_text(text):
                yield {
                    "type": "response.reasoning_text.delta",
                    "output_index": index,
                    "item_id": item_id,
                    "content_index": 0,
                    "delta": piece,
                }
            yield {
                "type": "response.reasoning_text.done",
                "output_index": index,
                "item_id": item_id,
                "content_index": 0,
                "text": text,
            }
            yield {
                "type": "response.content_part.done",
                "item_id": item_id,
                "output_index": index,
                "content_index": 0,
                "part": {"type": "reasoning_text", "text": text},
            }
        elif item["type"] == "function_call":
            yield {
                "type": "response.output_item.added",
                "output_index": index,
                "item": {**item, "arguments": "", "status": "in_progress"},
            }
            for piece in split_text(item["arguments"]):
                yield {
                    "type": "response.function_call_arguments.delta",
                    "item_id": item_id,
                    "output_index": index,
                    "delta": piece,
                }
            yield {
                "type": "response.function_call_arguments.done",
                "item_id": item_id,
                "output_index": index,
                "arguments": item["arguments"],
                "name": item["name"],
            }
        else:
            text = item["content"][0]["text"]
            yield {
                "type": "response.output_item.added",
                "output_index": index,
                "item": {
                    "type": "message",
                    "status": "in_progress",
                    "content": [],
                    "id": item_id,
                    "role": "assistant",
                },
            }
            yield {
                "type": "response.content_part.added",
                "item_id": item_id,
                "output_index": index,
                "content_index": 0,
                "part": {"type": "output_text", "annotations": [], "text": ""},
            }
            for piece in split_text(text):
                yield {
                    "type": "response.output_text.delta",
                    "logprobs": [],
                    "output_index": index,
                    "item_id": item_id,
                    "content_index": 0,
                    "delta": piece,
                }
            yield {
                "type": "response.output_text.done",
                "item_id": item_id,
                "output_index": index,
                "content_index": 0,
                "text": text,
                "logprobs": [],
            }
            yield {
                "type": "response.content_part.done",
                "item_id": item_id,
                "output_index": index,
                "content_index": 0,
                "part": {**item["content"][0], "text": text},
            }
        yield {"type": "response.output_item.done", "output_index": index, "item": item}
    kind = "response.completed" if final_status == "completed" else "response.incomplete"
    final = _response(body, envelope, output, status=final_status, usage=usage)
    yield {"type": kind, "response": final}


def _truncated(ctx: Ctx, body: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The envelope and usage of the empty, ``incomplete`` answer a length error becomes."""
    envelope = {
        "id": ctx.state.generation_id(),
        "created": int(ctx.state.now()),
        "model": body.get("model") or ctx.config.default_model,
    }
    usage = {
        "input_tokens": 0,
        "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
        "output_tokens": 0,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": 0,
        "cost": 0,
        "is_byok": False,
    }
    return envelope, usage


def create_response(ctx: Ctx) -> Response:
    """``POST /responses``.

    A length-type error (the prompt does not fit the context) is not an error here: as on
    OpenRouter (openrouter-api.md §6.2) it becomes a successful, truncated response with
    ``status: "incomplete"`` and ``incomplete_details.reason: "max_output_tokens"``.
    """
    body = ctx.body()
    chat_body = to_chat_body(body)
    stream = bool(body.get("stream"))
    try:
        served, _ = response_cache.serve_or_replay(ctx, chat_body, stream=stream, request_body=body)
    except EmulatorError as err:
        if (err.metadata or {}).get("error_type") not in LENGTH_ERROR_TYPES:
            raise
        envelope, usage = _truncated(ctx, body)
        output: list[dict[str, Any]] = []
        status = "incomplete"
    else:
        envelope, usage = served.envelope, responses_usage(served.usage, served.cost)
        choice = served.completion.choices[0]
        output = _output(choice, _Ids(ctx), body.get("include"))
        status = "incomplete" if choice.finish_reason == "length" else "completed"
    headers = {"x-generation-id": envelope["id"]}
    if not stream:
        response = _response(body, envelope, output, status=status, usage=usage)
        return json_response(response, headers=headers)
    events = [
        {**event, "sequence_number": n}
        for n, event in enumerate(_events(body, envelope, usage, output, status))
    ]
    error_event = None
    fault = ctx.fault
    if fault is not None and fault.stream_error_after is not None:
        error_event = {
            "type": "error",
            "code": "server_error",
            "message": fault.stream_error_message,
            "param": None,
            "sequence_number": min(fault.stream_error_after, len(events)),
        }
    chunks = sse_stream(
        events,
        keepalive_comments=ctx.config.keepalive_comments,
        chunk_delay=ctx.config.chunk_delay,
        fault=fault,
        error_event=error_event,
    )
    return Response(200, {**SSE_HEADERS, **headers}, chunks)

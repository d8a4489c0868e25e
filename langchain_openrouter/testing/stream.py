"""A chat completion as OpenRouter streams it: the chunk dicts, then SSE framing and faults.

Chunk order, modelled on the recorded streams in ``samples/``: an opener with an empty content
delta; reasoning fragments (Anthropic: an empty signed opener, text pieces, a signature-only
piece; OpenAI: summary pieces then the encrypted blob); content pieces (one word each); tool-call
fragments (``id``/``type``/``name`` with ``arguments: ""`` first, then argument pieces by
``index``); generated images; the chunk with ``finish_reason``; ``usage`` in one of the three
real placements; ``data: [DONE]``. ``role`` is repeated on every delta, as OpenRouter does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, Literal

from langchain_openrouter.testing.faults import Fault
from langchain_openrouter.testing.model.script import Choice, Completion
from langchain_openrouter.testing.wire import Chunk, sse_comment, sse_data

__all__ = ["UsagePlacement", "chat_chunks", "split_text", "sse_stream"]

UsagePlacement = Literal["separate", "trailing_choice", "finish_chunk"]
COMMENT_EVERY = 10


def split_text(text: str, size: int = 1) -> list[str]:
    """Split into pieces of ``size`` words (each keeps its trailing whitespace).

    Example:
        >>> split_text("Hello big world")
        ['Hello ', 'big ', 'world']
    """
    words = re.findall(r"\s*\S+\s*|\s+", text)
    return ["".join(words[i : i + size]) for i in range(0, len(words), size)]


def _split_arguments(arguments: str, pieces: int = 3) -> list[str]:
    if not arguments:
        return []
    step = max(1, -(-len(arguments) // pieces))
    return [arguments[i : i + step] for i in range(0, len(arguments), step)]


def _reasoning_deltas(choice: Choice) -> Iterator[dict[str, Any]]:
    details = choice.reasoning_details
    if not details or choice.reasoning is None:
        return
    first = details[0]
    fmt = first.get("format")
    if first["type"] == "reasoning.summary":
        for piece in split_text(choice.reasoning, 2):
            yield {
                "reasoning": piece,
                "reasoning_details": [
                    {"type": "reasoning.summary", "summary": piece, "format": fmt, "index": 0}
                ],
            }
        for extra in details[1:]:
            yield {"reasoning": None, "reasoning_details": [dict(extra)]}
        return
    signature = first.get("signature")
    if signature is not None:
        yield {
            "reasoning": None,
            "reasoning_details": [
                {"type": "reasoning.text", "text": "", "signature": "", "format": fmt, "index": 0}
            ],
        }
    for piece in split_text(choice.reasoning, 2):
        yield {
            "reasoning": piece,
            "reasoning_details": [
                {"type": "reasoning.text", "text": piece, "format": fmt, "index": 0}
            ],
        }
    if signature is not None:
        yield {
            "reasoning": None,
            "reasoning_details": [
                {"type": "reasoning.text", "signature": signature, "format": fmt, "index": 0}
            ],
        }


def _choice_deltas(choice: Choice, reasoning_keys: bool) -> Iterator[dict[str, Any]]:
    def delta(**fields: Any) -> dict[str, Any]:
        out: dict[str, Any] = {"role": "assistant", "content": ""}
        if reasoning_keys:
            out.update(reasoning=None, reasoning_details=[])
        out.update(fields)
        return out

    yield delta()
    for fields in _reasoning_deltas(choice):
        yield delta(**fields)
    if choice.refusal:
        yield delta(refusal=choice.refusal)
    for piece in split_text(choice.content):
        yield delta(content=piece)
    for index, call in enumerate(choice.tool_calls):
        yield delta(
            content=None,
            tool_calls=[
                {
                    "index": index,
                    "id": call.id,
                    "type": "function",
                    "function": {"name": call.name, "arguments": ""},
                }
            ],
        )
        for piece in _split_arguments(call.arguments):
            yield delta(
                content=None,
                tool_calls=[{"index": index, "type": "function", "function": {"arguments": piece}}],
            )
    for image in choice.images:
        yield delta(images=[dict(image)])
    for annotation in choice.annotations:
        yield delta(annotations=[dict(annotation)])


def chat_chunks(
    envelope: Mapping[str, Any],
    completion: Completion,
    usage: Mapping[str, Any],
    *,
    placement: UsagePlacement = "separate",
    reasoning_keys: bool = False,
) -> list[dict[str, Any]]:
    """Every chunk of the stream, in order (without the SSE framing).

    Args:
        envelope: ``id``, ``provider``, ``model``, ``created`` shared by all chunks.
        completion: The answer to stream.
        usage: The ``usage`` object.
        placement: ``"separate"`` (a last chunk with ``choices: []``, as documented),
            ``"trailing_choice"`` (an empty-delta choice with ``finish_reason: null`` after the
            finish chunk) or ``"finish_chunk"`` (on the chunk carrying ``finish_reason``).
        reasoning_keys: Put ``reasoning: null`` and ``reasoning_details: []`` on every delta,
            as reasoning models' streams do.

    Returns:
        The chunk dicts.
    """

    def chunk(
        index: int, delta: dict[str, Any], finish: str | None = None, native: str | None = None
    ) -> dict[str, Any]:
        return {
            "id": envelope["id"],
            "provider": envelope["provider"],
            "model": envelope["model"],
            "object": "chat.completion.chunk",
            "created": envelope["created"],
            "choices": [
                {
                    "index": index,
                    "delta": delta,
                    "finish_reason": finish,
                    "native_finish_reason": native,
                    "logprobs": None,
                }
            ],
        }

    out: list[dict[str, Any]] = []
    for index, choice in enumerate(completion.choices):
        out.extend(chunk(index, d) for d in _choice_deltas(choice, reasoning_keys))
    finishes = [
        chunk(i, {"role": "assistant", "content": ""}, c.finish_reason, c.native_finish_reason)
        for i, c in enumerate(completion.choices)
    ]
    out.extend(finishes)
    if placement == "finish_chunk":
        out[-1]["usage"] = dict(usage)
    elif placement == "trailing_choice":
        trailing = chunk(0, {"role": "assistant", "content": ""})
        trailing["usage"] = dict(usage)
        out.append(trailing)
    else:
        last = {k: v for k, v in chunk(0, {}).items() if k != "choices"}
        last["choices"] = []
        last["usage"] = dict(usage)
        out.append(last)
    return out


def sse_stream(
    events: list[dict[str, Any]],
    *,
    keepalive_comments: int = 2,
    chunk_delay: float = 0.0,
    fault: Fault | None = None,
    error_event: Mapping[str, Any] | None = None,
) -> Iterator[Chunk]:
    """Frame events as SSE chunks: keep-alive comments, ``data:`` events, ``[DONE]``.

    A fault can slow the events down (all, or those after its first ``slow_after``: a stream
    that stalls), cut the stream with an error event (``error_event``)
    after ``stream_error_after`` events, or break the connection after ``drop_after`` events.
    """
    slow_after = 0
    slow_delay = chunk_delay
    if fault is not None and fault.chunk_delay is not None:
        slow_after, slow_delay = fault.slow_after, fault.chunk_delay

    def pace(count: int) -> float:
        # A fault's delay starts after its first ``slow_after`` events (a stream that stalls).
        return slow_delay if count >= slow_after else chunk_delay

    for _ in range(keepalive_comments):
        yield Chunk(sse_comment())
    for count, event in enumerate(events):
        delay = pace(count)
        if fault is not None and fault.drop_after is not None and count >= fault.drop_after:
            yield Chunk(drop=True, delay=delay)
            return
        if (
            fault is not None
            and fault.stream_error_after is not None
            and (count >= fault.stream_error_after)
        ):
            yield Chunk(sse_data(dict(error_event or {})), delay=delay)
            yield Chunk(sse_data("[DONE]"))
            return
        if count and count % COMMENT_EVERY == 0:
            yield Chunk(sse_comment())
        yield Chunk(sse_data(event), delay=delay)
    delay = pace(len(events))
    if fault is not None and fault.stream_error_after is not None:
        yield Chunk(sse_data(dict(error_event or {})), delay=delay)
        yield Chunk(sse_data("[DONE]"))
        return
    if fault is not None and fault.drop_after is not None:
        yield Chunk(drop=True, delay=delay)
        return
    yield Chunk(sse_data("[DONE]"), delay=delay)

"""The ``"openrouter"`` content-block translator: OpenRouter messages as LangChain v1 blocks.

Importing this module registers the translator with langchain-core, so
``message.content_blocks`` shows OpenRouter reasoning, text with citations, generated images,
audio, refusals and tool calls as standard blocks. :mod:`.results` imports it, so every message
this package makes can be read this way.

Example:
    >>> from langchain_core.messages import AIMessage
    >>> message = AIMessage(
    ...     "Paris.",
    ...     additional_kwargs={"reasoning": "The capital of France."},
    ...     response_metadata={"model_provider": "openrouter"},
    ... )
    >>> [block["type"] for block in message.content_blocks]
    ['reasoning', 'text']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from langchain_core.messages import AIMessage, AIMessageChunk
from langchain_core.messages import content as types
from langchain_core.messages.block_translators import register_translator
from langchain_core.messages.tool import ToolCall

__all__: list[str] = []

MODEL_PROVIDER = "openrouter"
"""``response_metadata["model_provider"]`` of every message this package makes."""

# Blocks are built as plain dicts: mypy (targeting 3.10) reads langchain-core's NotRequired
# TypedDict keys as required.
_Block = dict[str, Any]


def translate_content(message: AIMessage) -> list[types.ContentBlock]:
    """Standard content blocks of an OpenRouter ``AIMessage``.

    Order: reasoning, text (with citations), images, audio, refusal, tool calls.
    Reasoning comes from ``reasoning_details`` when present (one block per item, the item's
    other fields under ``extras`` so it can be sent back losslessly), else from the
    ``reasoning`` text.

    Raises:
        NotImplementedError: For list content. This is langchain-core's translator protocol,
            not a stub: on it, core applies its own block parsing to content already in blocks.
    """
    if not isinstance(message.content, str):
        raise NotImplementedError
    extras = message.additional_kwargs
    blocks = _reasoning_blocks(extras.get("reasoning"), extras.get("reasoning_details"))
    blocks.extend(_output_blocks(message.content, extras))
    blocks.extend(_tool_call_block(call) for call in message.tool_calls)
    blocks.extend(
        {
            "type": "invalid_tool_call",
            "name": call.get("name"),
            "args": call.get("args"),
            "id": call.get("id"),
            "error": call.get("error"),
        }
        for call in message.invalid_tool_calls
    )
    return cast("list[types.ContentBlock]", blocks)


def translate_content_chunk(chunk: AIMessageChunk) -> list[types.ContentBlock]:
    """Standard content blocks of an OpenRouter ``AIMessageChunk``.

    A streamed delta gives reasoning from its ``reasoning`` text only: the merged
    ``reasoning_details`` arrive once, on the final chunk, and must not repeat reasoning
    already streamed. Tool calls are ``tool_call_chunk`` blocks until the aggregated last
    chunk; their block ``index`` is ``"lc_tc_<tool call index>"``.

    Raises:
        NotImplementedError: For list content. This is langchain-core's translator protocol,
            not a stub: on it, core applies its own block parsing to content already in blocks.
    """
    if not isinstance(chunk.content, str):
        raise NotImplementedError
    extras = chunk.additional_kwargs
    text = extras.get("reasoning")
    # Details sit next to reasoning text only on aggregates (the sum of a stream).
    blocks = _reasoning_blocks(text, extras.get("reasoning_details") if text else None)
    blocks.extend(_output_blocks(chunk.content, extras))
    if chunk.chunk_position == "last":
        blocks.extend(_tool_call_block(call) for call in chunk.tool_calls)
    else:
        for part in chunk.tool_call_chunks:
            block: _Block = {
                "type": "tool_call_chunk",
                "id": part.get("id"),
                "name": part.get("name"),
                "args": part.get("args"),
            }
            if part.get("index") is not None:
                # The tool call's own index would collide with the integer block indices
                # BaseChatModel.stream gives the other blocks (reasoning is 0), and merging
                # would fold the call into that block. langchain-core's own translators use
                # this prefix; merge_dicts keeps ``lc_`` indices as they are.
                block["index"] = f"lc_tc_{part['index']}"
            blocks.append(block)
    return cast("list[types.ContentBlock]", blocks)


def _tool_call_block(call: ToolCall) -> _Block:
    return {"type": "tool_call", "name": call["name"], "args": call["args"], "id": call.get("id")}


def _reasoning_blocks(text: Any, details: Any) -> list[_Block]:
    blocks: list[_Block] = []
    for item in details or ():
        if not isinstance(item, Mapping):
            continue
        field = "summary" if item.get("type") == "reasoning.summary" else "text"
        block: _Block = {"type": "reasoning"}
        if isinstance(item.get(field), str) and item[field]:
            block["reasoning"] = item[field]
        block["extras"] = {k: v for k, v in item.items() if k != field}
        blocks.append(block)
    if isinstance(text, str) and text and not any("reasoning" in b for b in blocks):
        blocks.insert(0, {"type": "reasoning", "reasoning": text})
    return blocks


def _output_blocks(content: str, extras: Mapping[str, Any]) -> list[_Block]:
    blocks: list[_Block] = []
    annotations = extras.get("annotations")
    if content or annotations:
        text: _Block = {"type": "text", "text": content}
        if annotations:
            text["annotations"] = [_annotation_to_v1(a) for a in annotations]
        blocks.append(text)
    for image in extras.get("images") or ():
        blocks.append(_image_to_v1(image))
    audio = extras.get("audio")
    if isinstance(audio, Mapping) and audio.get("data"):
        audio_block: _Block = {"type": "audio", "base64": audio["data"]}
        if audio.get("id"):
            audio_block["id"] = audio["id"]
        others = {k: v for k, v in audio.items() if k not in {"id", "data"}}
        if others:
            audio_block["extras"] = others
        blocks.append(audio_block)
    if isinstance(extras.get("refusal"), str) and extras["refusal"]:
        blocks.append({"type": "refusal", "refusal": extras["refusal"]})
    return blocks


def _annotation_to_v1(annotation: Mapping[str, Any]) -> _Block:
    source = annotation.get("url_citation")
    if annotation.get("type") == "url_citation" and isinstance(source, Mapping):
        citation: _Block = {"type": "citation"}
        for wire, ours in (
            ("url", "url"),
            ("title", "title"),
            ("start_index", "start_index"),
            ("end_index", "end_index"),
            ("content", "cited_text"),
        ):
            if source.get(wire) is not None:
                citation[ours] = source[wire]
        return citation
    return {"type": "non_standard_annotation", "value": dict(annotation)}


def _image_to_v1(image: Any) -> _Block:
    url = image.get("image_url", {}).get("url") if isinstance(image, Mapping) else None
    if not isinstance(url, str):
        return {"type": "non_standard", "value": {"images": image}}
    header, sep, data = url.partition(",")
    if sep and header.startswith("data:") and header.endswith(";base64"):
        return {"type": "image", "base64": data, "mime_type": header[5:-7]}
    return {"type": "image", "url": url}


register_translator(MODEL_PROVIDER, translate_content, translate_content_chunk)

"""LangChain messages -> OpenRouter ``messages`` (pure, no I/O).

Roles map as OpenRouter expects (§2.2): ``SystemMessage`` -> ``system`` (``developer`` when
``additional_kwargs["__openai_role__"] == "developer"``, as langchain-openai marks it),
``HumanMessage`` -> ``user``, ``AIMessage`` -> ``assistant``, ``ToolMessage`` -> ``tool``,
``ChatMessage`` -> its own role. Content may be a string or a list of blocks: LangChain v1
standard blocks (``text``, ``image``, ``audio``, ``video``, ``file``, ``text-plain``; older v0
blocks too) become OpenRouter parts (§2.3); OpenAI-format parts (``text``, ``image_url``,
``input_audio``, ``video_url``, ``file``) pass through; other providers' blocks (Anthropic
``image``/``document`` with a ``source``, Gemini, Bedrock) are translated; ``cache_control`` is
kept. Anthropic ``tool_result`` blocks in a user message become ``tool`` messages.

An assistant message goes back the way the model produced it: tool calls with JSON-string
arguments (invalid ones as they were), ``reasoning`` and ``reasoning_details`` (in order, as
received), ``refusal``, ``images``, ``annotations``. A ChatAnthropic message goes back too: its
``tool_use`` blocks as tool calls (once), its ``thinking`` and ``redacted_thinking`` as signed
``anthropic-claude-v1`` reasoning details.

Problems are reported before any request is sent, as a ``ValueError`` that says which message
and what to fix; nothing is dropped silently.

Example:
    >>> from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage
    >>> convert_messages([
    ...     SystemMessage("Be brief."),
    ...     HumanMessage("Weather in Paris?"),
    ...     AIMessage("", tool_calls=[{"name": "weather", "args": {"city": "Paris"}, "id": "c1"}]),
    ...     ToolMessage("18 C", tool_call_id="c1"),
    ... ])  # doctest: +NORMALIZE_WHITESPACE
    [{'role': 'system', 'content': 'Be brief.'},
     {'role': 'user', 'content': 'Weather in Paris?'},
     {'role': 'assistant', 'content': None, 'tool_calls': [{'id': 'c1', 'type': 'function',
       'function': {'name': 'weather', 'arguments': '{"city": "Paris"}'}}]},
     {'role': 'tool', 'content': '18 C', 'tool_call_id': 'c1'}]
"""

from __future__ import annotations

import json
import mimetypes
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

from langchain_core.messages import (
    AIMessage,
    BaseMessage,
    ChatMessage,
    FunctionMessage,
    HumanMessage,
    SystemMessage,
    ToolMessage,
)
from langchain_core.messages.block_translators.openai import convert_to_openai_image_block

from langchain_openrouter.chat_models.streaming import merge_reasoning_details

__all__ = ["convert_message", "convert_messages"]

# OpenRouter part types (§2.3) that pass through as they are.
_WIRE_PART_TYPES = frozenset(
    {"text", "image_url", "input_audio", "video_url", "input_video", "file"}
)
# LangChain standard (v1 and v0) data block types we translate.
_DATA_BLOCK_TYPES = frozenset({"image", "audio", "video", "file", "text-plain"})
_SERVER_TOOL_BLOCKS = frozenset(
    {"server_tool_call", "server_tool_call_chunk", "server_tool_result"}
)
_CACHE_KEYS = ("cache_control", "prompt_cache_breakpoint")
# The reasoning_details format of Claude's thinking (§3.2.1).
_CLAUDE = "anthropic-claude-v1"
_SUPPORTED = (
    "LangChain blocks text, image, audio, video, file, text-plain, or OpenRouter/OpenAI parts "
    "text, image_url, input_audio, video_url, file"
)
_AUDIO_FORMATS = {
    "mpeg": "mp3",
    "mpeg3": "mp3",
    "x-mp3": "mp3",
    "mp3": "mp3",
    "x-wav": "wav",
    "wave": "wav",
    "vnd.wave": "wav",
    "x-m4a": "m4a",
    "mp4": "m4a",
    "x-aiff": "aiff",
    "aif": "aiff",
    "x-flac": "flac",
    "x-aac": "aac",
    "l16": "pcm16",
}


def convert_messages(
    messages: Sequence[BaseMessage], *, keep_reasoning_ids: bool = False
) -> list[dict[str, Any]]:
    """Convert a conversation to OpenRouter message dicts, validating it first.

    Args:
        messages: The conversation, oldest first.
        keep_reasoning_ids: Send OpenAI Responses reasoning item ids (``rs_...``) back too.
            They are dropped by default: OpenRouter cannot resolve them on a later turn, and
            a replayed one fails the request with a provider 404.

    Returns:
        One dict per message, in order.

    Raises:
        ValueError: The list is empty; a ``ToolMessage`` answers no tool call of a preceding
            ``AIMessage``; or a message cannot be converted (the error says which and why).
    """
    if not messages:
        raise ValueError("OpenRouter needs at least one message; the message list is empty.")
    wire_messages: list[dict[str, Any]] = []
    call_ids: set[str] = set()
    for position, message in enumerate(messages):
        label = f"messages[{position}] ({type(message).__name__})"
        try:
            wires = _wire_messages(message, keep_reasoning_ids=keep_reasoning_ids)
        except ValueError as err:
            raise ValueError(f"{label}: {err}") from None
        for wire in wires:
            if wire["role"] == "assistant":
                call_ids.update(call.get("id") for call in wire.get("tool_calls") or ())
            elif wire["role"] == "tool" and wire.get("tool_call_id") not in call_ids:
                raise ValueError(
                    f"{label}: tool_call_id {wire.get('tool_call_id')!r} answers no tool call "
                    "of a preceding AIMessage. Keep the AIMessage that made the call in the "
                    "history, before its result."
                )
            wire_messages.append(wire)
    return wire_messages


def convert_message(message: BaseMessage, *, keep_reasoning_ids: bool = False) -> dict[str, Any]:
    """Convert one LangChain message to an OpenRouter message dict.

    A ``HumanMessage`` with Anthropic ``tool_result`` blocks and other content becomes
    several messages; convert it with :func:`convert_messages`.

    Args:
        message: The message.
        keep_reasoning_ids: See :func:`convert_messages`.

    Returns:
        The message dict.

    Raises:
        ValueError: The message type or a content block is not supported, a block lacks
            its data, or the message becomes several OpenRouter messages.

    Example:
        >>> convert_message(SystemMessage("Be terse.", additional_kwargs={
        ...     "__openai_role__": "developer"}))
        {'role': 'developer', 'content': 'Be terse.'}
    """
    wires = _wire_messages(message, keep_reasoning_ids=keep_reasoning_ids)
    if len(wires) > 1:
        raise ValueError(
            f"this {type(message).__name__} becomes {len(wires)} OpenRouter messages (its "
            "tool_result blocks are tool messages); convert it with convert_messages."
        )
    return wires[0]


def _wire_messages(message: BaseMessage, *, keep_reasoning_ids: bool) -> list[dict[str, Any]]:
    """One message -> its OpenRouter messages: one, except for Anthropic tool results.

    Anthropic puts tool results in the user turn as ``tool_result`` blocks, ahead of any
    other content; OpenRouter takes them as ``tool`` messages (§2.2). Each block becomes
    one, in order, followed by a user message with the rest of the content, if any.
    ``is_error`` has no field there: the result's content says what went wrong.
    """
    if isinstance(message, HumanMessage) and isinstance(message.content, list):
        blocks = list(enumerate(message.content))
        results = [(i, b) for i, b in blocks if _is_tool_result(b)]
        if results:
            wires = [_tool_result_message(i, cast("Mapping[str, Any]", b)) for i, b in results]
            rest = [(i, b) for i, b in blocks if not _is_tool_result(b)]
            if rest:
                user = {"role": "user", "content": _parts(rest, "user")}
                wires.append(_with_name(user, message))
            return wires
    return [_with_name(_wire_message(message, keep_reasoning_ids=keep_reasoning_ids), message)]


def _is_tool_result(block: Any) -> bool:
    return isinstance(block, Mapping) and block.get("type") == "tool_result"


def _with_name(wire: dict[str, Any], message: BaseMessage) -> dict[str, Any]:
    name = message.name or message.additional_kwargs.get("name")
    if name and wire["role"] != "tool":
        wire["name"] = name
    return wire


def _wire_message(message: BaseMessage, *, keep_reasoning_ids: bool) -> dict[str, Any]:
    wire: dict[str, Any]
    if isinstance(message, ChatMessage):
        wire = _chat_message(message)
    elif isinstance(message, HumanMessage):
        wire = {"role": "user", "content": _content(message.content, "user")}
    elif isinstance(message, AIMessage):
        wire = _assistant_message(message, keep_reasoning_ids=keep_reasoning_ids)
    elif isinstance(message, SystemMessage):
        role = (
            "developer"
            if message.additional_kwargs.get("__openai_role__") == "developer"
            else "system"
        )
        wire = {"role": role, "content": _content(message.content, role)}
    elif isinstance(message, ToolMessage):
        wire = {
            "role": "tool",
            "content": _content(message.content, "tool"),
            "tool_call_id": message.tool_call_id,
        }
    elif isinstance(message, FunctionMessage):
        raise ValueError(
            "FunctionMessage (legacy function calling) is not supported; "
            "answer tool calls with ToolMessage(content, tool_call_id=...)."
        )
    else:
        raise ValueError(f"unsupported message type {type(message).__name__}.")
    return wire


def _tool_result_message(position: int, block: Mapping[str, Any]) -> dict[str, Any]:
    """An Anthropic ``tool_result`` block -> a ``tool`` message."""
    where = f"content[{position}] (tool_result)"
    call_id = block.get("tool_use_id")
    if not call_id:
        raise ValueError(f"{where}: needs the tool_use_id of the call it answers.")
    result = block.get("content")
    if result is None:
        result = ""
    if not isinstance(result, (str, list)):
        raise ValueError(f"{where}: content must be a string or a list of blocks.")
    try:
        content = _content(result, "tool")
    except ValueError as err:
        raise ValueError(f"{where}.{err}") from None
    cache = _cache_fields(block)
    if cache:
        # A breakpoint on the block marks the end of its content.
        if isinstance(content, str):
            content = [{"type": "text", "text": content}]
        if content:
            content[-1] = {**content[-1], **cache}
    return {"role": "tool", "content": content, "tool_call_id": call_id}


def _chat_message(message: ChatMessage) -> dict[str, Any]:
    role = {"human": "user", "ai": "assistant"}.get(message.role, message.role)
    wire: dict[str, Any] = {"role": role, "content": _content(message.content, role)}
    if role == "tool":
        call_id = message.additional_kwargs.get("tool_call_id")
        if not call_id:
            raise ValueError(
                "a ChatMessage with role 'tool' has no tool_call_id; use ToolMessage instead."
            )
        wire["tool_call_id"] = call_id
    return wire


# --- content -----------------------------------------------------------------------------


def _content(content: str | list[str | dict[Any, Any]], role: str) -> str | list[dict[str, Any]]:
    if isinstance(content, str):
        return content
    return _parts(enumerate(content), role)


def _parts(blocks: Iterable[tuple[int, Any]], role: str) -> list[dict[str, Any]]:
    """Content blocks (with their positions, for errors) -> OpenRouter content parts."""
    parts = []
    for position, block in blocks:
        try:
            part = _part(block)
        except ValueError as err:
            raise ValueError(f"content[{position}]: {err}") from None
        if role in {"system", "developer"} and part["type"] != "text":
            raise ValueError(
                f"content[{position}]: {role} messages accept only text; got a "
                f"{part['type']!r} part. Put media in a user message."
            )
        parts.append(part)
    return parts


def _part(block: Any) -> dict[str, Any]:
    """One content block -> one OpenRouter content part."""
    if isinstance(block, str):
        return {"type": "text", "text": block}
    if not isinstance(block, Mapping):
        raise ValueError(f"a content block must be a str or a dict, got {type(block).__name__}.")
    kind = block.get("type")
    if kind == "text":
        return _text_part(block)
    if kind in _WIRE_PART_TYPES and (kind != "file" or isinstance(block.get("file"), Mapping)):
        return _wire_part(block)
    if kind in _DATA_BLOCK_TYPES and not any(_source(block)) and "text" not in block:
        # Another provider's spelling of a known type, e.g. Anthropic's image ``source``.
        block = _translate_foreign(block) or block
    if kind == "image":
        return _image_part(block)
    if kind == "audio":
        return _audio_part(block)
    if kind == "video":
        return _video_part(block)
    if kind == "file":
        return _file_part(block)
    if kind == "text-plain":
        return _text_plain_part(block)
    if kind == "non_standard":
        value = block.get("value")
        if isinstance(value, Mapping) and value.get("type") in _WIRE_PART_TYPES:
            return _part(value)
        inner = value.get("type") if isinstance(value, Mapping) else None
        raise ValueError(
            f"non_standard block of type {inner!r} is not supported; use {_SUPPORTED}."
        )
    translated = _translate_foreign(block)
    if translated is not None:
        return _part(translated)
    raise ValueError(f"content block type {kind!r} is not supported; use {_SUPPORTED}.")


def _translate_foreign(block: Mapping[str, Any]) -> dict[str, Any] | None:
    """Another provider's block (Anthropic, Gemini, Bedrock) as a LangChain data block."""
    blocks = HumanMessage(content=[dict(block)]).content_blocks
    if len(blocks) == 1 and blocks[0].get("type") in _DATA_BLOCK_TYPES:
        return dict(blocks[0])
    return None


def _cache_fields(block: Mapping[str, Any]) -> dict[str, Any]:
    """``cache_control`` (and its OpenAI-style twin) from the block or its ``extras``."""
    extras = block.get("extras")
    fields = {}
    for key in _CACHE_KEYS:
        value = block.get(key)
        if value is None and isinstance(extras, Mapping):
            value = extras.get(key)
        if value is not None:
            fields[key] = value
    return fields


def _text_part(block: Mapping[str, Any]) -> dict[str, Any]:
    text = block.get("text")
    if not isinstance(text, str):
        raise ValueError("a text block needs a 'text' string.")
    # LangChain-only keys (id, index, annotations, extras) are not sent.
    return {"type": "text", "text": text, **_cache_fields(block)}


def _wire_part(block: Mapping[str, Any]) -> dict[str, Any]:
    kind = block["type"]
    part = dict(block)
    if kind == "image_url":
        image_url = block.get("image_url")
        if isinstance(image_url, str):
            part["image_url"] = {"url": image_url}
        elif not (isinstance(image_url, Mapping) and image_url.get("url")):
            raise ValueError("an image_url part needs image_url.url (an https or data: URL).")
    elif kind == "input_audio":
        audio = block.get("input_audio")
        if not (isinstance(audio, Mapping) and audio.get("data") and audio.get("format")):
            raise ValueError("an input_audio part needs input_audio.data (base64) and .format.")
    elif kind in {"video_url", "input_video"}:
        video = block.get("video_url")
        url = video.get("url") if isinstance(video, Mapping) else video
        if not url:
            raise ValueError(f"a {kind} part needs video_url.url (an https or data: URL).")
        part = {"type": "video_url", "video_url": {"url": url}, **_cache_fields(block)}
    elif kind == "file":
        file = block["file"]
        if not (file.get("file_data") or file.get("file_id")):
            raise ValueError("a file part needs file.file_data (URL or data: URL) or file.file_id.")
    return part


def _source(block: Mapping[str, Any]) -> tuple[str | None, str | None, str | None]:
    """(url, base64, file_id) of a v1 block, or of a v0 block with ``source_type``."""
    source_type = block.get("source_type")
    url = block.get("url")
    data = block.get("base64")
    file_id = block.get("file_id")
    if source_type == "base64":
        data = data or block.get("data")
    elif source_type == "id":
        file_id = file_id or block.get("id")
    return url, data, file_id


def _extra(block: Mapping[str, Any], key: str) -> Any:
    for holder in (block, block.get("extras"), block.get("metadata")):
        if isinstance(holder, Mapping) and holder.get(key) is not None:
            return holder[key]
    return None


def _image_part(block: Mapping[str, Any]) -> dict[str, Any]:
    url, data, file_id = _source(block)
    if data and data.startswith("data:"):
        url, data = data, None
    if url:
        part = convert_to_openai_image_block({"type": "image", "url": url})
    elif data:
        mime_type = block.get("mime_type")
        if not mime_type:
            raise ValueError("an image block with base64 data needs a mime_type, e.g. 'image/png'.")
        part = convert_to_openai_image_block(
            {"type": "image", "base64": data, "mime_type": mime_type}
        )
    elif file_id:
        return {"type": "file", "file": {"file_id": file_id}, **_cache_fields(block)}
    else:
        raise ValueError(
            "an image block has no data: give url, base64 (with mime_type) or file_id."
        )
    detail = _extra(block, "detail")
    if detail:
        part["image_url"]["detail"] = detail
    return {**part, **_cache_fields(block)}


def _audio_part(block: Mapping[str, Any]) -> dict[str, Any]:
    url, data, _ = _source(block)
    if not data:
        if url:
            raise ValueError("audio needs base64 data: OpenRouter does not fetch audio URLs.")
        raise ValueError("an audio block has no data: give base64 and mime_type.")
    audio_format = _audio_format(block.get("mime_type"))
    if not audio_format:
        raise ValueError("an audio block needs a mime_type, e.g. 'audio/wav' or 'audio/mpeg'.")
    part = {"type": "input_audio", "input_audio": {"data": data, "format": audio_format}}
    return {**part, **_cache_fields(block)}


def _audio_format(mime_type: Any) -> str | None:
    """``audio/mpeg`` -> ``mp3``: the ``format`` names OpenRouter expects."""
    if not isinstance(mime_type, str) or "/" not in mime_type:
        return None
    subtype = mime_type.split("/", 1)[1].split(";", 1)[0].strip().lower()
    return _AUDIO_FORMATS.get(subtype, subtype) or None


def _video_part(block: Mapping[str, Any]) -> dict[str, Any]:
    url, data, file_id = _source(block)
    if data:
        url = (
            data
            if data.startswith("data:")
            else (f"data:{block.get('mime_type') or 'video/mp4'};base64,{data}")
        )
    if not url:
        if file_id:
            raise ValueError("video file ids are not supported; give url or base64.")
        raise ValueError("a video block has no data: give url or base64 (with mime_type).")
    return {"type": "video_url", "video_url": {"url": url}, **_cache_fields(block)}


def _file_part(block: Mapping[str, Any]) -> dict[str, Any]:
    url, data, file_id = _source(block)
    filename = _extra(block, "filename") or _extra(block, "file_filename")
    file: dict[str, Any] = {}
    if filename:
        file["filename"] = filename
    if url:
        # OpenRouter fetches public URLs itself (§2.3).
        file["file_data"] = url
    elif data:
        mime_type = block.get("mime_type") or _guess_mime(filename) or "application/pdf"
        file["file_data"] = data if data.startswith("data:") else f"data:{mime_type};base64,{data}"
    elif file_id:
        file["file_id"] = file_id
    else:
        raise ValueError("a file block has no data: give url, base64 (with mime_type) or file_id.")
    return {"type": "file", "file": file, **_cache_fields(block)}


def _guess_mime(filename: Any) -> str | None:
    return mimetypes.guess_type(filename)[0] if isinstance(filename, str) else None


def _text_plain_part(block: Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(block.get("text"), str):
        return {"type": "text", "text": block["text"], **_cache_fields(block)}
    return _file_part({**block, "mime_type": block.get("mime_type") or "text/plain"})


# --- assistant messages ------------------------------------------------------------------


def _assistant_message(message: AIMessage, *, keep_reasoning_ids: bool) -> dict[str, Any]:
    extras = message.additional_kwargs
    tool_calls = [_wire_tool_call(call) for call in message.tool_calls]
    tool_calls += [_wire_invalid_tool_call(call) for call in message.invalid_tool_calls]
    if not tool_calls and isinstance(extras.get("tool_calls"), list):
        tool_calls = list(extras["tool_calls"])
    known_ids = {call.get("id") for call in tool_calls}
    images = extras.get("images")
    refusal = extras.get("refusal")
    reasoning_blocks: list[Mapping[str, Any]] = []
    content: str | list[dict[str, Any]] | None
    if isinstance(message.content, str):
        content = message.content
    else:
        parts: list[dict[str, Any]] = []
        for position, block in enumerate(_assistant_blocks(message)):
            kind = block.get("type")
            if kind == "reasoning":
                reasoning_blocks.append(block)
            elif kind in {"tool_call", "tool_call_chunk", "invalid_tool_call"}:
                if block.get("id") not in known_ids:
                    tool_calls.append(_wire_tool_call_block(block))
                    known_ids.add(block.get("id"))
            elif kind == "refusal":
                refusal = refusal or block.get("refusal")
            elif kind in _SERVER_TOOL_BLOCKS:
                # Tools the provider ran itself: their results are already in the text, and
                # chat completions has no way to replay them.
                continue
            elif kind == "image" and images and _is_generated_image(block, images):
                continue
            else:
                try:
                    parts.append(_part(block))
                except ValueError as err:
                    raise ValueError(f"content[{position}]: {err}") from None
        content = _collapse(parts)
    if tool_calls and not content:
        content = None
    wire: dict[str, Any] = {"role": "assistant", "content": content}
    if tool_calls:
        wire["tool_calls"] = tool_calls
    reasoning = extras.get("reasoning")
    if not isinstance(reasoning, str):
        reasoning = extras.get("reasoning_content")
    if not isinstance(reasoning, str) or not reasoning:
        reasoning = "".join(str(b.get("reasoning") or "") for b in reasoning_blocks)
    if reasoning:
        wire["reasoning"] = reasoning
    details = _merge_details(
        extras.get("reasoning_details") or (), _details_from_blocks(reasoning_blocks)
    )
    if details:
        wire["reasoning_details"] = _outbound_details(details, keep_ids=keep_reasoning_ids)
    if isinstance(refusal, str) and refusal:
        wire["refusal"] = refusal
    if images:
        wire["images"] = images
    if extras.get("annotations"):
        wire["annotations"] = extras["annotations"]
    audio = extras.get("audio")
    if isinstance(audio, Mapping) and audio.get("id"):
        # The assistant audio OpenRouter (like OpenAI) takes back is a reference by id.
        wire["audio"] = {"id": audio["id"]}
    return wire


def _assistant_blocks(message: AIMessage) -> list[Mapping[str, Any]]:
    """The standard blocks of an assistant message, Anthropic's in this package's shapes.

    ``content_blocks`` applies langchain-core's translators, so another provider's blocks
    (OpenAI Responses items, v1 blocks) arrive as standard blocks. Anthropic's are read here
    instead (see :func:`_from_anthropic`): its ``thinking`` must go back as the signed
    ``reasoning_details`` item OpenRouter round-trips Claude reasoning as, and its
    ``tool_use`` blocks as the tool calls they name.
    """
    metadata = message.response_metadata
    anthropic = metadata.get("model_provider") == "anthropic"
    if anthropic and metadata.get("output_version") != "v1":
        # langchain-core's Anthropic translator gives every tool_use block the name and args
        # of tool_calls[0] when there is exactly one call; without the provider each block
        # stays as written, and is read on its own below.
        message = message.model_copy(update={"response_metadata": {}})
    blocks: list[Mapping[str, Any]] = []
    for block in message.content_blocks:
        kind = block.get("type")
        value = block.get("value") if kind == "non_standard" else None
        native = _from_anthropic(value) if isinstance(value, Mapping) else None
        if native is not None:
            blocks.append(native)
        elif kind == "reasoning" and anthropic:
            # ChatAnthropic's v1 output: thinking already as a reasoning block.
            extras = block.get("extras")
            extras = extras if isinstance(extras, Mapping) else {}
            blocks.append(_claude_reasoning(block.get("reasoning"), extras))
        else:
            blocks.append(block)
    return blocks


def _from_anthropic(block: Mapping[str, Any]) -> dict[str, Any] | None:
    """An Anthropic assistant block as a standard block, or None if it is not one."""
    kind = block.get("type")
    if kind == "thinking":
        return _claude_reasoning(block.get("thinking"), {"signature": block.get("signature")})
    if kind == "redacted_thinking":
        item = {"type": "reasoning.encrypted", "data": block.get("data"), "format": _CLAUDE}
        return {"type": "reasoning", "extras": item}
    if kind == "tool_use":
        return {
            "type": "tool_call",
            "id": block.get("id"),
            "name": block.get("name"),
            "args": block.get("input") or {},
        }
    if kind in {"server_tool_use", "mcp_tool_use"}:
        return {"type": "server_tool_call", "id": block.get("id"), "name": block.get("name")}
    if isinstance(kind, str) and kind.endswith("_tool_result"):
        return {"type": "server_tool_result", "tool_call_id": block.get("tool_use_id")}
    return None


def _claude_reasoning(text: Any, extras: Mapping[str, Any]) -> dict[str, Any]:
    """A reasoning block carrying Claude's ``reasoning.text`` item, as translate_content makes."""
    item = {key: value for key, value in extras.items() if value is not None}
    if "type" not in item:
        item = {"type": "reasoning.text", **item, "format": _CLAUDE}
    block: dict[str, Any] = {"type": "reasoning", "extras": item}
    if isinstance(text, str):
        block["reasoning"] = text
    return block


def _collapse(parts: list[dict[str, Any]]) -> str | list[dict[str, Any]]:
    """Plain text parts join into a string: every provider takes that from an assistant."""
    if all(part["type"] == "text" and len(part) == 2 for part in parts):
        return "".join(part["text"] for part in parts)
    return parts


def _is_generated_image(block: Mapping[str, Any], images: Iterable[Any]) -> bool:
    url = block.get("url")
    if not url and block.get("base64"):
        url = f"data:{block.get('mime_type')};base64,{block['base64']}"
    return any(
        isinstance(image, Mapping) and (image.get("image_url") or {}).get("url") == url
        for image in images
    )


def _require_id(call: Mapping[str, Any]) -> str:
    call_id = call.get("id")
    if not call_id:
        raise ValueError(
            f"tool call {call.get('name')!r} has no id; OpenRouter needs the id the model "
            "gave it (its ToolMessage refers to it)."
        )
    return str(call_id)


def _wire_tool_call(call: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": _require_id(call),
        "type": "function",
        "function": {
            "name": call["name"],
            "arguments": json.dumps(call.get("args") or {}, ensure_ascii=False),
        },
    }


def _wire_invalid_tool_call(call: Mapping[str, Any]) -> dict[str, Any]:
    # Sent back exactly as the model produced it, so the model can see its own mistake.
    return {
        "id": _require_id(call),
        "type": "function",
        "function": {"name": call.get("name") or "", "arguments": call.get("args") or ""},
    }


def _wire_tool_call_block(block: Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(block.get("args"), Mapping):
        return _wire_tool_call(block)
    return _wire_invalid_tool_call(block)


def _details_from_blocks(blocks: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rebuild ``reasoning_details`` from v1 reasoning blocks made by this package."""
    details = []
    for block in blocks:
        extras = block.get("extras")
        kind = extras.get("type") if isinstance(extras, Mapping) else None
        if not (isinstance(kind, str) and kind.startswith("reasoning.")):
            continue
        field = "summary" if kind == "reasoning.summary" else "text"
        item = dict(cast("Mapping[str, Any]", extras))
        if block.get("reasoning") is not None or field in item:
            item[field] = block.get("reasoning") or ""
        details.append(item)
    return details


def _merge_details(received: Iterable[Any], rebuilt: Iterable[dict[str, Any]]) -> list[Any]:
    """The ``reasoning_details`` of ``additional_kwargs``, then those only the blocks hold.

    A v1 message holds its own items twice (in both places): each is sent once. An item
    without an ``index`` (Claude thinking from another integration) gets the next free one,
    so that no two reasoning blocks share an index and get merged into one.
    """
    details = list(received)
    seen = {_detail_identity(item) for item in details}
    next_index = 1 + max(
        (
            item["index"]
            for item in details
            if isinstance(item, Mapping) and isinstance(item.get("index"), int)
        ),
        default=-1,
    )
    for item in rebuilt:
        identity = _detail_identity(item)
        if identity in seen:
            continue
        seen.add(identity)
        if item.get("index") is None:
            item = {**item, "index": next_index}
            next_index += 1
        details.append(item)
    return details


def _detail_identity(item: Any) -> str:
    """What makes two ``reasoning_details`` items the same, whatever their index."""
    if not isinstance(item, Mapping):
        return repr(item)
    kept = {k: v for k, v in item.items() if k != "index" and v is not None and v != ""}
    return json.dumps(kept, sort_keys=True, default=repr)


def _outbound_details(details: Sequence[Any], *, keep_ids: bool) -> list[Any]:
    """The ``reasoning_details`` to send back: as received, in order.

    Two repairs for histories made by other integrations (and this package's 0.2 releases):
    consecutive fragments of one item (same ``index`` and ``type``) are merged, and a
    ``format`` that chunk merging repeated (``anthropic-claude-v1anthropic-claude-v1``) is
    restored. OpenAI Responses item ids (``rs_...``) are dropped unless ``keep_ids``.
    """
    merged: list[Any] = []
    run: list[Mapping[str, Any]] = []

    def flush() -> None:
        if len(run) == 1:
            merged.append(run[0])
        elif run:
            merged.extend(merge_reasoning_details(run))
        run.clear()

    for item in details:
        if not isinstance(item, Mapping) or item.get("index") is None:
            flush()
            merged.append(item)
        else:
            if run and _detail_key(run[-1]) != _detail_key(item):
                flush()
            run.append(item)
    flush()
    return [_clean_detail(item, keep_ids=keep_ids) for item in merged]


def _detail_key(item: Mapping[str, Any]) -> tuple[Any, Any]:
    return item.get("index"), item.get("type")


def _clean_detail(item: Any, *, keep_ids: bool) -> Any:
    if not isinstance(item, Mapping):
        return item
    fmt = item.get("format")
    repaired = _undo_repetition(fmt) if isinstance(fmt, str) else fmt
    strip_id = not keep_ids and isinstance(item.get("id"), str) and item["id"].startswith("rs_")
    if repaired == fmt and not strip_id:
        return item
    clean = {key: value for key, value in item.items() if not (strip_id and key == "id")}
    if "format" in clean:
        clean["format"] = repaired
    return clean


def _undo_repetition(text: str) -> str:
    """``"abcabcabc"`` -> ``"abc"``; any string that is not a repetition comes back as is."""
    size = len(text)
    for period in range(1, size // 2 + 1):
        if size % period == 0 and text[:period] * (size // period) == text:
            return text[:period]
    return text

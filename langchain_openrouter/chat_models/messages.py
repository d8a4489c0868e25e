"""LangChain messages -> OpenRouter ``messages`` (pure, no I/O).

Roles map as OpenRouter expects (§2.2): ``SystemMessage`` -> ``system`` (``developer`` when
``additional_kwargs["__openai_role__"] == "developer"``, as langchain-openai marks it),
``HumanMessage`` -> ``user``, ``AIMessage`` -> ``assistant``, ``ToolMessage`` -> ``tool``,
``ChatMessage`` -> its own role. Content may be a string or a list of blocks, which
:mod:`.content` turns into OpenRouter parts (§2.3). Anthropic ``tool_result`` blocks in a user
message become ``tool`` messages.

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

from langchain_openrouter.chat_models.content import (
    cache_fields,
    content_to_wire,
    drop_blank_text,
    is_blank_text,
    is_plain_text,
    part_to_wire,
    parts_to_wire,
)
from langchain_openrouter.chat_models.reasoning import (
    details_from_blocks,
    merge_details,
    outbound_details,
)

__all__: list[str] = []

_SERVER_TOOL_BLOCKS = frozenset(
    {"server_tool_call", "server_tool_call_chunk", "server_tool_result"}
)
_CLAUDE = "anthropic-claude-v1"


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
                user = {"role": "user", "content": parts_to_wire(rest, "user")}
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
        wire = {"role": "user", "content": content_to_wire(message.content, "user")}
    elif isinstance(message, AIMessage):
        wire = _assistant_message(message, keep_reasoning_ids=keep_reasoning_ids)
    elif isinstance(message, SystemMessage):
        role = (
            "developer"
            if message.additional_kwargs.get("__openai_role__") == "developer"
            else "system"
        )
        wire = {"role": role, "content": content_to_wire(message.content, role)}
    elif isinstance(message, ToolMessage):
        wire = {
            "role": "tool",
            "content": content_to_wire(message.content, "tool"),
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
        content = content_to_wire(result, "tool")
    except ValueError as err:
        raise ValueError(f"{where}.{err}") from None
    cache = cache_fields(block)
    if cache:
        # A breakpoint on the block marks the end of its content.
        if isinstance(content, str):
            content = [{"type": "text", "text": content}]
        if content:
            content[-1] = {**content[-1], **cache}
    return {"role": "tool", "content": content, "tool_call_id": call_id}


def _chat_message(message: ChatMessage) -> dict[str, Any]:
    role = {"human": "user", "ai": "assistant"}.get(message.role, message.role)
    wire: dict[str, Any] = {"role": role, "content": content_to_wire(message.content, role)}
    if role == "tool":
        call_id = message.additional_kwargs.get("tool_call_id")
        if not call_id:
            raise ValueError(
                "a ChatMessage with role 'tool' has no tool_call_id; use ToolMessage instead."
            )
        wire["tool_call_id"] = call_id
    return wire


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
                    parts.append(part_to_wire(block))
                except ValueError as err:
                    raise ValueError(f"content[{position}]: {err}") from None
        content = _collapse(drop_blank_text(parts)) if parts else ""
    if tool_calls and _is_blank(content):
        # Blank text next to tool calls goes out as null: some upstreams refuse empty text.
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
    details = merge_details(
        extras.get("reasoning_details") or (), details_from_blocks(reasoning_blocks)
    )
    if details:
        wire["reasoning_details"] = outbound_details(details, keep_ids=keep_reasoning_ids)
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
    if all(is_plain_text(part) for part in parts):
        return "".join(part["text"] for part in parts)
    return parts


def _is_blank(content: str | list[dict[str, Any]] | None) -> bool:
    if content is None or isinstance(content, str):
        return not (content or "").strip()
    return all(is_blank_text(part) for part in content)


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

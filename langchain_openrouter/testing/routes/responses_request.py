"""A Responses API request as the chat request it amounts to.

``input`` items become chat messages (``function_call`` items join the assistant message before
them, ``function_call_output`` items become tool messages), flat function tools become chat
tools, ``text.format`` becomes ``response_format`` and ``max_output_tokens`` becomes
``max_tokens``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from langchain_openrouter.testing.wire import EmulatorError

__all__ = ["to_chat_body"]

_PART_TYPES = {"input_text": "text", "output_text": "text", "text": "text"}


def _invalid(message: str) -> EmulatorError:
    return EmulatorError(400, message, metadata={"error_type": "invalid_request"})


def _part(part: Mapping[str, Any]) -> dict[str, Any]:
    kind = part.get("type")
    if kind in _PART_TYPES:
        return {"type": "text", "text": str(part.get("text", ""))}
    if kind == "input_image":
        url = part.get("image_url") or part.get("url") or ""
        return {
            "type": "image_url",
            "image_url": {"url": url, "detail": part.get("detail", "auto")},
        }
    if kind == "input_file":
        data = part.get("file_data") or part.get("file_url")
        return {"type": "file", "file": {"filename": part.get("filename"), "file_data": data}}
    if kind == "input_audio":
        return {"type": "input_audio", "input_audio": part.get("input_audio") or {}}
    raise _invalid(f"input content part type {kind!r} is not supported")


def _content(content: Any) -> Any:
    if isinstance(content, list):
        return [_part(p) for p in content if isinstance(p, Mapping)]
    return content if isinstance(content, str) else ""


def _messages(body: Mapping[str, Any]) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = []
    if body.get("instructions"):
        messages.append({"role": "system", "content": str(body["instructions"])})
    items = body.get("input")
    if isinstance(items, str):
        return [*messages, {"role": "user", "content": items}]
    if not isinstance(items, list) or not items:
        raise _invalid("input: Required")
    for item in items:
        if not isinstance(item, Mapping):
            raise _invalid("input: items must be objects")
        kind = item.get("type", "message")
        if kind == "message":
            messages.append(
                {"role": item.get("role", "user"), "content": _content(item.get("content"))}
            )
        elif kind == "function_call":
            call = {
                "id": item.get("call_id"),
                "type": "function",
                "function": {"name": item.get("name"), "arguments": item.get("arguments", "")},
            }
            last = messages[-1] if messages else None
            if last is not None and last["role"] == "assistant":
                # The calls of a turn follow its message item: one assistant message, as the
                # chat path sends and bills it.
                last.setdefault("tool_calls", []).append(call)
            else:
                messages.append({"role": "assistant", "content": "", "tool_calls": [call]})
        elif kind == "function_call_output":
            # The output is a string, or a list of input parts (text, images, files).
            messages.append(
                {
                    "role": "tool",
                    "tool_call_id": item.get("call_id"),
                    "content": _content(item.get("output")),
                }
            )
    return messages


def to_chat_body(body: Mapping[str, Any]) -> dict[str, Any]:
    """The chat-completions body a Responses request amounts to."""
    if body.get("previous_response_id") is not None:
        raise _invalid(
            "previous_response_id is not supported: the Responses API is stateless; "
            "send the whole conversation in input"
        )
    chat: dict[str, Any] = {"messages": _messages(body)}
    for name in (
        "model",
        "models",
        "temperature",
        "top_p",
        "reasoning",
        "parallel_tool_calls",
        "user",
        "session_id",
        "modalities",
        "provider",
        "service_tier",
        "preset",
        "plugins",
        "route",
        "image_config",
    ):
        if body.get(name) is not None:
            chat[name] = body[name]
    if body.get("max_output_tokens") is not None:
        chat["max_tokens"] = body["max_output_tokens"]
    tools = []
    for tool in body.get("tools") or []:
        if isinstance(tool, Mapping) and tool.get("type") == "function":
            function = {
                k: tool[k] for k in ("name", "description", "parameters", "strict") if k in tool
            }
            tools.append({"type": "function", "function": function})
        elif isinstance(tool, Mapping):
            tools.append(dict(tool))  # server tools: checked, billed and run as on chat
    if tools:
        chat["tools"] = tools
    choice = body.get("tool_choice")
    if isinstance(choice, Mapping) and choice.get("type") == "function":
        choice = {"type": "function", "function": {"name": choice.get("name")}}
    if choice is not None:
        chat["tool_choice"] = choice
    fmt = (body.get("text") or {}).get("format") if isinstance(body.get("text"), Mapping) else None
    if isinstance(fmt, Mapping) and fmt.get("type") == "json_schema":
        chat["response_format"] = {
            "type": "json_schema",
            "json_schema": {
                "name": fmt.get("name", "response"),
                "schema": fmt.get("schema", {}),
                "strict": fmt.get("strict"),
            },
        }
    elif isinstance(fmt, Mapping) and fmt.get("type") == "json_object":
        chat["response_format"] = {"type": "json_object"}
    return chat

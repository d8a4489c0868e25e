"""The Responses API request: a chat request body -> a ``POST /responses`` body (pure, no I/O).

``ChatOpenRouter(use_responses_api=True)`` builds the chat body first, with everything that
path checks and normalises (messages, tools, ``tool_choice``, ``response_format``, per-call
options), then :func:`to_responses_body` lays it out the way ``/responses`` takes it
(openrouter-api.md §6.1): messages become ``input`` items, function tools are flat,
``response_format`` moves to ``text.format``, ``max_tokens`` becomes ``max_output_tokens``, and
encrypted reasoning is always asked for (``include: ["reasoning.encrypted_content"]``) so that
the next turn can send it back.

An assistant message goes back as the items the model produced: ``reasoning`` items rebuilt from
its ``reasoning_details`` (summary, text, encrypted content), its text as an ``output_text``
message, its tool calls as ``function_call`` items; a ``ToolMessage`` becomes a
``function_call_output``. Parameters ``/responses`` has no place for (``stop``, ``n`` > 1,
``logit_bias``, ``logprobs``) raise a ``ValueError`` before any request.

Example:
    >>> body = to_responses_body({
    ...     "model": "openai/gpt-5-mini", "max_tokens": 50,
    ...     "messages": [{"role": "system", "content": "Be brief."},
    ...                  {"role": "user", "content": "Hi"}],
    ...     "tools": [{"type": "function", "function": {"name": "f", "parameters": {}}}],
    ... })
    >>> body["input"]  # doctest: +NORMALIZE_WHITESPACE
    [{'type': 'message', 'role': 'system', 'content': 'Be brief.'},
     {'type': 'message', 'role': 'user', 'content': 'Hi'}]
    >>> body["tools"], body["max_output_tokens"]
    ([{'type': 'function', 'name': 'f', 'parameters': {}}], 50)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__: list[str] = []

RESPONSES_PATH = "/responses"

ENCRYPTED_REASONING = "reasoning.encrypted_content"

# The reasoning_details format OpenRouter gives OpenAI Responses reasoning (§3.2.1).
RESPONSES_FORMAT = "openai-responses-v1"

# Chat parameters with no counterpart on /responses, and what to do instead.
_UNSUPPORTED = {
    "stop": "the Responses API has no stop sequences",
    "logit_bias": "the Responses API takes no logit_bias",
    "logprobs": "ask for logprobs with top_logprobs on the Responses API",
}

_TEXT_PART_TYPES = {"user": "input_text", "system": "input_text", "developer": "input_text"}


def to_responses_body(chat_body: Mapping[str, Any]) -> dict[str, Any]:
    """The ``/responses`` body for a chat-completions body (§6.1).

    Args:
        chat_body: A body as :func:`.payload.build_request` makes it.

    Returns:
        The Responses body; keys it does not translate pass through unchanged.

    Raises:
        ValueError: A parameter the Responses API cannot carry, or a message part it does
            not take (the error names it and says what to do).
    """
    body = dict(chat_body)
    for name, why in _UNSUPPORTED.items():
        if body.get(name) not in (None, False, [], {}):
            raise ValueError(
                f"{name} is not supported with use_responses_api=True ({why}); remove it, "
                "or use the chat completions path (use_responses_api=False)"
            )
    if body.get("n", 1) != 1:
        raise ValueError("n must be 1 with use_responses_api=True (one response per request)")
    body.pop("n", None)
    body["input"] = input_items(body.pop("messages", None) or [])
    caps = [body.pop(key) for key in ("max_completion_tokens", "max_tokens") if key in body]
    if caps and "max_output_tokens" not in body:
        body["max_output_tokens"] = caps[0]
    if "tools" in body:
        body["tools"] = [_flat_tool(tool) for tool in body["tools"]]
    choice = body.get("tool_choice")
    if isinstance(choice, Mapping) and isinstance(choice.get("function"), Mapping):
        body["tool_choice"] = {"type": "function", "name": choice["function"].get("name")}
    text = dict(body.get("text") or {})
    response_format = body.pop("response_format", None)
    if response_format is not None:
        text["format"] = _text_format(response_format)
    verbosity = body.pop("verbosity", None)
    if verbosity is not None:
        text["verbosity"] = verbosity
    if text:
        body["text"] = text
    include = list(body.get("include") or [])
    if ENCRYPTED_REASONING not in include:
        include.append(ENCRYPTED_REASONING)
    body["include"] = include
    return body


def _flat_tool(tool: Mapping[str, Any]) -> dict[str, Any]:
    function = tool.get("function")
    if tool.get("type") == "function" and isinstance(function, Mapping):
        return {"type": "function", **function}
    return dict(tool)


def _text_format(response_format: Mapping[str, Any]) -> dict[str, Any]:
    """``response_format`` (chat) -> ``text.format`` (Responses): the json_schema is flat."""
    spec = response_format.get("json_schema")
    if response_format.get("type") == "json_schema" and isinstance(spec, Mapping):
        return {"type": "json_schema", **spec}
    return dict(response_format)


# --- input items -----------------------------------------------------------------------------


def input_items(messages: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Chat message dicts (as :func:`.messages.convert_messages` makes them) -> ``input`` items.

    Example:
        >>> input_items([
        ...     {"role": "assistant", "content": None, "tool_calls": [{"id": "c1",
        ...      "type": "function", "function": {"name": "f", "arguments": "{}"}}]},
        ...     {"role": "tool", "content": "42", "tool_call_id": "c1"},
        ... ])  # doctest: +NORMALIZE_WHITESPACE
        [{'type': 'function_call', 'call_id': 'c1', 'name': 'f', 'arguments': '{}'},
         {'type': 'function_call_output', 'call_id': 'c1', 'output': '42'}]
    """
    items: list[dict[str, Any]] = []
    for position, message in enumerate(messages):
        role = message.get("role")
        try:
            if role == "assistant":
                items.extend(_assistant_items(message))
            elif role == "tool":
                items.append(
                    {
                        "type": "function_call_output",
                        "call_id": message.get("tool_call_id"),
                        "output": _tool_output(message.get("content")),
                    }
                )
            else:
                items.append(
                    {
                        "type": "message",
                        "role": role,
                        "content": _input_content(message.get("content"), "input_text"),
                    }
                )
        except ValueError as err:
            raise ValueError(f"messages[{position}] ({role}): {err}") from None
    return items


def _input_content(content: Any, text_type: str) -> Any:
    if content is None or isinstance(content, str):
        return content or ""
    return [_input_part(part, text_type) for part in content]


def _tool_output(content: Any) -> Any:
    if content is None or isinstance(content, str):
        return content or ""
    parts = [_input_part(part, "input_text") for part in content]
    if all(part["type"] == "input_text" and len(part) == 2 for part in parts):
        # A text-only result reads best (and most widely) as one string.
        return "".join(part["text"] for part in parts)
    return parts


def _input_part(part: Mapping[str, Any], text_type: str) -> dict[str, Any]:
    """One chat content part (§2.3) -> a Responses input part (§6.1)."""
    kind = part.get("type")
    extra = {k: v for k, v in part.items() if k in ("cache_control", "prompt_cache_breakpoint")}
    if kind == "text":
        return {"type": text_type, "text": part.get("text", ""), **extra}
    if kind == "image_url":
        image = part.get("image_url") or {}
        url = image.get("url") if isinstance(image, Mapping) else image
        out = {"type": "input_image", "image_url": url, "detail": "auto"}
        if isinstance(image, Mapping) and image.get("detail"):
            out["detail"] = image["detail"]
        return {**out, **extra}
    if kind == "file":
        file = dict(part.get("file") or {})
        return {"type": "input_file", **file, **extra}
    if kind == "input_audio":
        return {"type": "input_audio", "input_audio": part.get("input_audio"), **extra}
    raise ValueError(
        f"a {kind!r} content part has no Responses API counterpart (it takes text, images, "
        "files and audio); send it with use_responses_api=False"
    )


def _assistant_items(message: Mapping[str, Any]) -> list[dict[str, Any]]:
    items = reasoning_items(message.get("reasoning_details") or ())
    content = message.get("content")
    parts: list[dict[str, Any]] = []
    if isinstance(content, str) and content:
        parts.append({"type": "output_text", "text": content, "annotations": []})
    elif isinstance(content, list):
        for part in content:
            if part.get("type") != "text":
                raise ValueError(
                    f"an assistant {part.get('type')!r} part cannot be sent to the Responses "
                    "API (assistant messages carry text)"
                )
            parts.append({"type": "output_text", "text": part.get("text", ""), "annotations": []})
    refusal = message.get("refusal")
    if isinstance(refusal, str) and refusal:
        parts.append({"type": "refusal", "refusal": refusal})
    if parts:
        items.append({"type": "message", "role": "assistant", "content": parts})
    for call in message.get("tool_calls") or ():
        function = call.get("function") or {}
        items.append(
            {
                "type": "function_call",
                "call_id": call.get("id"),
                "name": function.get("name"),
                "arguments": function.get("arguments") or "",
            }
        )
    return items


def reasoning_items(details: Iterable[Any]) -> list[dict[str, Any]]:
    """``reasoning_details`` -> ``reasoning`` input items, one per reasoning item.

    Details of one item share an ``id`` (or, ids dropped, follow each other); a summary gives
    ``summary``, a text ``content``, an encrypted detail ``encrypted_content`` (the opaque
    state the model reads back). Details of other families' formats (Claude's signed
    thinking) have no Responses shape and are left out: the encrypted state is what counts.

    Example:
        >>> reasoning_items([
        ...     {"type": "reasoning.summary", "summary": "Add.", "format": "openai-responses-v1"},
        ...     {"type": "reasoning.encrypted", "data": "gAAA", "id": "rs_1",
        ...      "format": "openai-responses-v1"},
        ... ])  # doctest: +NORMALIZE_WHITESPACE
        [{'type': 'reasoning', 'summary': [{'type': 'summary_text', 'text': 'Add.'}],
          'encrypted_content': 'gAAA', 'id': 'rs_1'}]
    """
    items: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for detail in details:
        if not isinstance(detail, Mapping) or detail.get("format") not in (None, RESPONSES_FORMAT):
            continue
        kind = detail.get("type")
        detail_id = detail.get("id")
        field = {
            "reasoning.summary": "summary",
            "reasoning.text": "content",
            "reasoning.encrypted": "encrypted_content",
        }.get(str(kind))
        if field is None:
            continue
        starts_new = (
            current is None
            or (field == "encrypted_content" and "encrypted_content" in current)
            or (detail_id is not None and current.get("id") not in (None, detail_id))
            or (field != "summary" and field in current)
        )
        if starts_new or current is None:
            current = {"type": "reasoning", "summary": []}
            items.append(current)
        if detail_id is not None:
            current["id"] = detail_id
        if field == "summary":
            current["summary"].append({"type": "summary_text", "text": detail.get("summary", "")})
        elif field == "content":
            current["content"] = [{"type": "reasoning_text", "text": detail.get("text", "")}]
        else:
            current["encrypted_content"] = detail.get("data")
    # Keys in a stable, readable order: type, summary, content, encrypted_content, id.
    return [
        {
            key: item[key]
            for key in ("type", "summary", "content", "encrypted_content", "id")
            if key in item
        }
        for item in items
    ]

"""Prompt tokens of a chat request body, counted the way OpenAI bills them.

One function, :func:`count_prompt_tokens`, serves both
``ChatOpenRouter.get_num_tokens_from_messages`` and the emulator's ``usage.prompt_tokens``, so the
two cannot drift. It takes the wire messages and tools of ``POST /chat/completions``
(openrouter-api.md §2).

The rules, in tokens of the model's encoding (``_tokens.encoding_for_model``):

- every message costs 3, plus its ``role``, its text and its ``name`` (plus 1 for having one);
  a ``tool_call_id`` costs 3; each tool call its function name and its arguments;
- an ``image_url`` part follows OpenAI's tile rule (``_image_tokens``); an ``input_audio`` part
  one token per 1,000 base64 characters (at least 50); a ``file`` part its file name plus 100;
  a video part 258 (these three are estimates: OpenAI does not publish them);
- function tools cost their TypeScript-like rendering (the namespace OpenAI's models are known to
  receive them in; OpenAI does not document it, so this is within a few tokens) plus 9; any
  other tool its JSON;
- 3 more prime the answer.

Other message keys (``cache_control``, ``reasoning_details``...) are directives or replayed
provider state and are not counted.

Example:
    >>> from langchain_openrouter._prompt_tokens import count_prompt_tokens
    >>> count_prompt_tokens("openai/gpt-4o", [{"role": "user", "content": "hi"}]).total
    8
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_openrouter._image_tokens import image_url_tokens
from langchain_openrouter._tokens import count_tokens

__all__ = [
    "MessageTokens",
    "PromptTokens",
    "count_prompt_tokens",
    "input_audio_tokens",
    "tools_tokens",
]

TOKENS_PER_MESSAGE = 3
TOKENS_PER_NAME = 1
TOKENS_PER_TOOL_CALL_ID = 3
REPLY_PRIMING = 3
TOOLS_OVERHEAD = 9
AUDIO_BASE64_CHARS_PER_TOKEN = 1000
AUDIO_MINIMUM_TOKENS = 50
FILE_OVERHEAD_TOKENS = 100
VIDEO_TOKENS = 258


@dataclass
class MessageTokens:
    """Tokens of one message, with the input images and audio among them."""

    tokens: int = 0
    images: int = 0
    audio_tokens: int = 0
    audio_parts: int = 0


@dataclass
class PromptTokens:
    """Tokens of a whole prompt: per message, for the tool definitions, and in total."""

    messages: list[MessageTokens] = field(default_factory=list)
    tools: int = 0

    @property
    def total(self) -> int:
        """Every message, the tools and the answer priming."""
        return sum(m.tokens for m in self.messages) + self.tools + REPLY_PRIMING


def input_audio_tokens(data: str) -> int:
    """Tokens of an ``input_audio`` part: one per 1,000 base64 characters, at least 50.

    Example:
        >>> input_audio_tokens("UklGRg=="), input_audio_tokens("A" * 64_000)
        (50, 64)
    """
    return max(AUDIO_MINIMUM_TOKENS, len(data) // AUDIO_BASE64_CHARS_PER_TOKEN)


def _count_part(part: Mapping[str, Any], model: str, tally: MessageTokens) -> None:
    kind = part.get("type")
    if kind == "text":
        tally.tokens += count_tokens(str(part.get("text", "")), model)
    elif kind == "image_url":
        tally.tokens += image_url_tokens(part.get("image_url"))
        tally.images += 1
    elif kind == "input_audio":
        count = input_audio_tokens(str((part.get("input_audio") or {}).get("data", "")))
        tally.tokens += count
        tally.audio_tokens += count
        tally.audio_parts += 1
    elif kind == "file":
        name = str((part.get("file") or {}).get("filename", ""))
        tally.tokens += count_tokens(name, model) + FILE_OVERHEAD_TOKENS
    elif kind in ("video_url", "input_video"):
        tally.tokens += VIDEO_TOKENS


def _count_message(message: Mapping[str, Any], model: str) -> MessageTokens:
    tally = MessageTokens(TOKENS_PER_MESSAGE + count_tokens(str(message.get("role", "")), model))
    content = message.get("content")
    if isinstance(content, str):
        tally.tokens += count_tokens(content, model)
    elif isinstance(content, list):
        for part in content:
            if isinstance(part, Mapping):
                _count_part(part, model, tally)
            elif isinstance(part, str):
                tally.tokens += count_tokens(part, model)
    if message.get("name"):
        tally.tokens += TOKENS_PER_NAME + count_tokens(str(message["name"]), model)
    if message.get("tool_call_id"):
        tally.tokens += TOKENS_PER_TOOL_CALL_ID
    for call in message.get("tool_calls") or []:
        if isinstance(call, Mapping):
            function = call.get("function") or {}
            tally.tokens += count_tokens(str(function.get("name", "")), model)
            tally.tokens += count_tokens(str(function.get("arguments", "")), model)
    legacy = message.get("function_call")
    if isinstance(legacy, Mapping):
        tally.tokens += count_tokens(str(legacy.get("name", "")), model)
        tally.tokens += count_tokens(str(legacy.get("arguments", "")), model)
    return tally


def _schema_type(schema: Any, indent: str) -> str:
    """A JSON schema as the TypeScript type OpenAI renders it as."""
    if not isinstance(schema, Mapping):
        return "any"
    if "enum" in schema and isinstance(schema["enum"], list):
        return " | ".join(json.dumps(v) for v in schema["enum"]) or "any"
    if "const" in schema:
        return json.dumps(schema["const"])
    for key in ("anyOf", "oneOf"):
        if isinstance(schema.get(key), list):
            return " | ".join(_schema_type(s, indent) for s in schema[key]) or "any"
    kind = schema.get("type")
    if isinstance(kind, list):
        return " | ".join(_schema_type({**schema, "type": k}, indent) for k in kind) or "any"
    if kind == "array":
        return f"{_schema_type(schema.get('items'), indent)}[]"
    if kind == "object" and isinstance(schema.get("properties"), Mapping):
        return "{\n" + _properties(schema, indent + "  ") + indent + "}"
    return {"integer": "number", None: "any"}.get(kind, str(kind))


def _properties(schema: Mapping[str, Any], indent: str) -> str:
    required = set(schema.get("required") or ())
    lines = []
    for name, prop in (schema.get("properties") or {}).items():
        if isinstance(prop, Mapping) and prop.get("description"):
            lines.append(f"{indent}// {prop['description']}\n")
        optional = "" if name in required else "?"
        lines.append(f"{indent}{name}{optional}: {_schema_type(prop, indent)},\n")
    return "".join(lines)


def _render_function(function: Mapping[str, Any]) -> str:
    head = f"// {function['description']}\n" if function.get("description") else ""
    params = function.get("parameters")
    if isinstance(params, Mapping) and params.get("properties"):
        return (
            f"{head}type {function.get('name', '')} = (_: {{\n{_properties(params, '')}}}) => any;"
        )
    return f"{head}type {function.get('name', '')} = () => any;"


def tools_tokens(tools: Sequence[Mapping[str, Any]], model: str) -> int:
    """Tokens of the tool definitions: function tools as OpenAI renders them, others as JSON.

    Example:
        >>> tools_tokens([], "openai/gpt-4o")
        0
    """
    functions = [
        t["function"]
        for t in tools
        if t.get("type") == "function" and isinstance(t.get("function"), Mapping)
    ]
    others = [t for t in tools if not (t.get("type") == "function" and t.get("function"))]
    total = sum(count_tokens(json.dumps(t), model) for t in others)
    if functions:
        rendered = "\n\n".join(_render_function(f) for f in functions)
        text = f"namespace functions {{\n\n{rendered}\n\n}} // namespace functions"
        total += count_tokens(text, model) + TOOLS_OVERHEAD
    return total


def count_prompt_tokens(
    model: str,
    messages: Sequence[Mapping[str, Any]],
    tools: Sequence[Mapping[str, Any]] = (),
) -> PromptTokens:
    """Count a chat prompt: wire messages and wire tools of ``POST /chat/completions``.

    Args:
        model: The OpenRouter model id; picks the encoding (exact for OpenAI models, an estimate
            for the others).
        messages: Wire messages (``{"role": ..., "content": ...}``; content a string or parts).
        tools: Wire tools (``{"type": "function", "function": {...}}`` or server tools).

    Returns:
        The per-message counts, the tools' count and the ``total`` (tokens).

    Example:
        >>> count_prompt_tokens("openai/gpt-4o", [{"role": "user", "content": "hi"}]).messages
        [MessageTokens(tokens=5, images=0, audio_tokens=0, audio_parts=0)]
    """
    return PromptTokens(
        [_count_message(m, model) for m in messages],
        tools_tokens(tools, model) if tools else 0,
    )

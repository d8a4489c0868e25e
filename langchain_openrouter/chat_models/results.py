"""A ``/chat/completions`` response body -> LangChain objects (pure, no I/O).

:func:`parse_chat_completion` turns a non-streaming body into a ``ChatResult``; the streaming
path (``streaming.py``) reuses :func:`usage_to_metadata` and :func:`response_metadata` so both
paths report the same keys. Importing this module also registers the ``"openrouter"``
content-block translator (:mod:`.blocks`), so ``message.content_blocks`` of every message it
makes shows LangChain v1 standard blocks.

Example:
    >>> body = {
    ...     "id": "gen-1", "model": "openai/gpt-4o-mini", "provider": "OpenAI",
    ...     "choices": [{"index": 0, "finish_reason": "stop",
    ...                  "message": {"role": "assistant", "content": "Hi!"}}],
    ...     "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
    ... }
    >>> message = parse_chat_completion(body).generations[0].message
    >>> message.content, message.id, message.response_metadata["provider"]
    ('Hi!', 'gen-1', 'OpenAI')
    >>> message.usage_metadata
    {'input_tokens': 3, 'output_tokens': 2, 'total_tokens': 5}
"""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Mapping, Sequence
from typing import Any, cast

from langchain_core.messages import AIMessage
from langchain_core.messages.ai import UsageMetadata
from langchain_core.messages.content import InvalidToolCall
from langchain_core.messages.tool import ToolCall
from langchain_core.messages.tool import invalid_tool_call as make_invalid_tool_call
from langchain_core.messages.tool import tool_call as make_tool_call
from langchain_core.outputs import ChatGeneration, ChatResult

from langchain_openrouter._malformed import malformed_answer, reads_answer

# Imported for its registration of the "openrouter" translator as much as for the name.
from langchain_openrouter.chat_models.blocks import MODEL_PROVIDER
from langchain_openrouter.errors import APIStatusError, OpenRouterError, error_class_for

__all__: list[str] = []

CHAT_ROUTE = "POST /chat/completions"

# Message fields copied to additional_kwargs as they are, when present and not empty.
_PASSTHROUGH_FIELDS = ("refusal", "annotations", "images", "audio")

# Envelope keys copied to response_metadata when present and not null.
_ENVELOPE_FIELDS = ("provider", "created", "system_fingerprint", "service_tier")

# Usage keys that are money or routing facts rather than token counts.
_USAGE_METADATA_FIELDS = ("cost", "cost_details", "is_byok")


@reads_answer(CHAT_ROUTE)
def parse_chat_completion(body: Mapping[str, Any], *, model_name: str | None = None) -> ChatResult:
    """Turn a non-streaming ``/chat/completions`` body into a ``ChatResult``.

    One ``ChatGeneration`` per choice (``n`` > 1 gives several). Unknown fields are ignored,
    missing optional ones are fine.

    Args:
        body: The decoded JSON body.
        model_name: The requested model, reported when the body names none.

    Returns:
        The generations, and ``llm_output`` with ``model_name``, ``id`` and the raw
        ``token_usage``.

    Raises:
        APIStatusError: A choice failed after partial output (§5.6); the subclass follows the
            error code (``UpstreamError`` for 502) and ``.partial`` holds the partial message.
        OpenRouterError: The body has no choices, or is malformed (the message says where).
    """
    if not isinstance(body, Mapping):
        raise malformed_answer(CHAT_ROUTE, f"the body is {type(body).__name__}, not an object")
    choices = body.get("choices") or []
    if not isinstance(choices, list) or not all(isinstance(c, Mapping) for c in choices):
        raise malformed_answer(CHAT_ROUTE, "choices is not a list of objects")
    if not choices:
        error = body.get("error")
        if isinstance(error, Mapping):
            raise choice_error(body, {"error": error}, None)
        raise OpenRouterError(f"OpenRouter returned no choices (generation id {body.get('id')!r})")
    usage = body.get("usage")
    generations = []
    for position, choice in enumerate(choices):
        # Usage and cost belong to the request: only the first generation carries them, so
        # totals over generations count them once.
        message = _parse_message(
            body if position == 0 else _without_usage(body), choice, model_name
        )
        if choice.get("error") or choice.get("finish_reason") == "error":
            raise choice_error(body, choice, message)
        generation_info: dict[str, Any] = {"finish_reason": choice.get("finish_reason")}
        if choice.get("logprobs") is not None:
            generation_info["logprobs"] = choice["logprobs"]
        generations.append(ChatGeneration(message=message, generation_info=generation_info))
    llm_output: dict[str, Any] = {
        "model_name": body.get("model") or model_name,
        "id": body.get("id"),
    }
    if isinstance(usage, Mapping):
        llm_output["token_usage"] = normalize_usage(usage)
    return ChatResult(generations=generations, llm_output=llm_output)


def combine_llm_outputs(
    llm_outputs: Sequence[Mapping[str, Any] | None], *, model_name: str
) -> dict[str, Any]:
    """``llm_output`` of ``generate`` over several prompts: token counts summed, first model.

    Example:
        >>> combine_llm_outputs(
        ...     [{"model_name": "m", "token_usage": {"total_tokens": 3, "cost": 0.5}},
        ...      {"token_usage": {"total_tokens": 4, "cost": 0.25}}, None],
        ...     model_name="fallback",
        ... )
        {'model_name': 'm', 'token_usage': {'total_tokens': 7, 'cost': 0.75}}
    """
    usage: dict[str, Any] = {}
    first_model = None
    for output in llm_outputs:
        if not output:
            continue
        first_model = first_model or output.get("model_name")
        for key, value in (output.get("token_usage") or {}).items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                usage[key] = usage.get(key, 0) + value
    return {"model_name": first_model or model_name, "token_usage": usage}


def _without_usage(body: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in body.items() if key != "usage"}


def _parse_message(
    body: Mapping[str, Any], choice: Mapping[str, Any], model_name: str | None
) -> AIMessage:
    raw = choice.get("message") or {}
    if not isinstance(raw, Mapping):
        raise malformed_answer(CHAT_ROUTE, f"a choice's message is {type(raw).__name__}")
    content = raw.get("content")
    additional_kwargs = message_extras(raw)
    tool_calls, invalid_tool_calls = parse_tool_calls(raw.get("tool_calls"))
    usage = body.get("usage")
    if isinstance(usage, Mapping):
        # Normalized once for both readers (not once each): it is most of their cost.
        normalized = normalize_usage(usage)
        usage_metadata = _usage_metadata(normalized) if usage else None
        metadata = _response_metadata(body, choice, model_name, normalized)
    else:
        usage_metadata = usage_to_metadata(usage)
        metadata = response_metadata(body, choice, model_name=model_name)
    return AIMessage(
        content=content if content is not None else "",
        additional_kwargs=additional_kwargs,
        tool_calls=tool_calls,
        invalid_tool_calls=invalid_tool_calls,
        usage_metadata=usage_metadata,
        response_metadata=metadata,
        id=body.get("id"),
    )


def message_extras(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The ``additional_kwargs`` of an assistant message: reasoning, refusal, images...

    ``reasoning`` is also stored as ``reasoning_content``, the key release 0.2 used and the
    one langchain-core reads for reasoning blocks.
    """
    extras: dict[str, Any] = {}
    reasoning = raw.get("reasoning")
    if reasoning is None:
        reasoning = raw.get("reasoning_content")
    if isinstance(reasoning, str) and reasoning:
        extras["reasoning"] = reasoning
        extras["reasoning_content"] = reasoning
    details = raw.get("reasoning_details")
    if details:
        extras["reasoning_details"] = list(details)
    for key in _PASSTHROUGH_FIELDS:
        value = raw.get(key)
        if value is not None and value != [] and value != "":
            extras[key] = value
    return extras


def parse_tool_calls(
    raw_calls: Sequence[Mapping[str, Any]] | None,
) -> tuple[list[ToolCall], list[InvalidToolCall]]:
    """Split wire tool calls into parsed ``ToolCall``s and ``InvalidToolCall``s.

    ``arguments`` is a JSON string; ``""`` (or missing) means ``{}``. Arguments that are not
    a JSON object become an ``InvalidToolCall`` carrying the raw string; nothing raises.

    Example:
        >>> calls, bad = parse_tool_calls([
        ...     {"id": "a", "function": {"name": "f", "arguments": ""}},
        ...     {"id": "b", "function": {"name": "g", "arguments": "{oops"}},
        ... ])
        >>> calls[0]["args"], bad[0]["args"]
        ({}, '{oops')
    """
    tool_calls: list[ToolCall] = []
    invalid: list[InvalidToolCall] = []
    for raw in raw_calls or ():
        function = raw.get("function") or {}
        name = function.get("name")
        call_id = raw.get("id")
        arguments = function.get("arguments")
        args, error = _parse_arguments(arguments)
        if error is None and name:
            tool_calls.append(
                make_tool_call(name=name, args=cast("dict[str, Any]", args), id=call_id)
            )
        else:
            invalid.append(
                make_invalid_tool_call(
                    name=name,
                    args=arguments if isinstance(arguments, str) else json.dumps(arguments),
                    id=call_id,
                    error=error or "tool call has no function name",
                )
            )
    return tool_calls, invalid


def _parse_arguments(arguments: Any) -> tuple[dict[str, Any] | None, str | None]:
    """(args, None) when ``arguments`` is a JSON object, else (None, why not)."""
    if arguments is None or (isinstance(arguments, str) and not arguments.strip()):
        return {}, None
    if isinstance(arguments, Mapping):
        return dict(arguments), None
    if not isinstance(arguments, str):
        return None, f"arguments must be a JSON string, got {type(arguments).__name__}"
    try:
        value = json.loads(arguments, strict=False)
        if isinstance(value, str):
            # Some models encode the arguments twice.
            value = json.loads(value, strict=False)
    except json.JSONDecodeError as err:
        return None, f"arguments are not valid JSON: {err}"
    if not isinstance(value, dict):
        return None, f"arguments must be a JSON object, got {type(value).__name__}"
    return value, None


def usage_to_metadata(usage: Mapping[str, Any] | None) -> UsageMetadata | None:
    """LangChain ``UsageMetadata`` from an OpenRouter ``usage`` object (§3.5).

    Token details carry only the keys OpenRouter sent; missing nested objects are fine.

    Example:
        >>> usage_to_metadata({
        ...     "prompt_tokens": 2649, "completion_tokens": 100, "total_tokens": 2749,
        ...     "prompt_tokens_details": {"cached_tokens": 2569, "cache_write_tokens": 79},
        ...     "completion_tokens_details": {"reasoning_tokens": 0},
        ... })  # doctest: +NORMALIZE_WHITESPACE
        {'input_tokens': 2649, 'output_tokens': 100, 'total_tokens': 2749,
         'input_token_details': {'cache_read': 2569, 'cache_creation': 79},
         'output_token_details': {'reasoning': 0}}
    """
    if not usage:
        return None
    return _usage_metadata(normalize_usage(usage))


def _usage_metadata(usage: Mapping[str, Any]) -> UsageMetadata:
    """:func:`usage_to_metadata` of a usage already through :func:`normalize_usage`."""
    input_tokens = _int(usage.get("prompt_tokens"))
    output_tokens = _int(usage.get("completion_tokens"))
    total = usage.get("total_tokens")
    metadata: dict[str, Any] = {
        "input_tokens": input_tokens,
        "output_tokens": output_tokens,
        "total_tokens": _int(total) if total is not None else input_tokens + output_tokens,
    }
    prompt_details = usage.get("prompt_tokens_details") or {}
    input_details = _pick(
        prompt_details,
        (
            ("cached_tokens", "cache_read"),
            ("cache_write_tokens", "cache_creation"),
            ("audio_tokens", "audio"),
        ),
    )
    if input_details:
        metadata["input_token_details"] = input_details
    completion_details = usage.get("completion_tokens_details") or {}
    output_details = _pick(
        completion_details, (("reasoning_tokens", "reasoning"), ("audio_tokens", "audio"))
    )
    if output_details:
        metadata["output_token_details"] = output_details
    return cast("UsageMetadata", metadata)


def normalize_usage(usage: Mapping[str, Any]) -> dict[str, Any]:
    """``usage`` with numbers as numbers: a figure sent as a string (``"0.0012"``) is converted.

    Token counts become ints and everything else (``cost``, ``cost_details``...) floats, at any
    depth. A string that is not a number is left out with a warning that names it, so the
    answer still parses.

    Example:
        >>> normalize_usage({"prompt_tokens": "12", "cost": "0.0012", "is_byok": False})
        {'prompt_tokens': 12, 'cost': 0.0012, 'is_byok': False}
    """
    return _numbers(usage, "usage")


def _numbers(source: Mapping[str, Any], path: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in source.items():
        if type(value) in _PLAIN:
            # Most figures are plain numbers: no Mapping check (an ABC look-up) for them.
            out[key] = value
        elif isinstance(value, Mapping):
            out[key] = _numbers(value, f"{path}.{key}")
        elif isinstance(value, str):
            number = _number(value, counts=key.endswith(("tokens", "requests", "_count")))
            if number is None:
                warnings.warn(
                    f"OpenRouter sent {path}.{key} = {value!r}, which is not a number; it is "
                    "left out of the usage and response metadata",
                    UserWarning,
                    stacklevel=2,
                )
                continue
            out[key] = number
        else:
            out[key] = value
    return out


_PLAIN = frozenset({int, float, bool, type(None)})


def _number(text: str, *, counts: bool) -> int | float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    if math.isnan(value) or math.isinf(value):
        return None
    return int(value) if counts and value.is_integer() else value


def _int(value: Any) -> int:
    # Some providers report token counts as floats.
    return int(value) if value is not None else 0


def _pick(source: Mapping[str, Any], names: Sequence[tuple[str, str]]) -> dict[str, int]:
    return {ours: int(source[wire]) for wire, ours in names if source.get(wire) is not None}


def response_metadata(
    body: Mapping[str, Any],
    choice: Mapping[str, Any] | None = None,
    *,
    model_name: str | None = None,
) -> dict[str, Any]:
    """The ``response_metadata`` of a message: who answered, why it stopped, what it cost.

    Args:
        body: The response body (or, when streaming, the envelope fields gathered so far
            plus ``usage``).
        choice: The choice the message came from (``finish_reason``, ``logprobs``).
        model_name: Fallback when the body names no model.

    Returns:
        ``model_name`` (the model that actually answered), ``id``, ``model_provider``,
        ``finish_reason``, ``native_finish_reason``, and where OpenRouter sent them:
        ``provider``, ``created``, ``system_fingerprint``, ``service_tier``, ``cost``,
        ``cost_details``, ``is_byok``, ``server_tool_use_details``, ``logprobs``,
        ``openrouter_metadata``, ``token_usage`` (the raw usage object).
    """
    usage = body.get("usage")
    normalized = normalize_usage(usage) if isinstance(usage, Mapping) else None
    return _response_metadata(body, choice, model_name, normalized)


def _response_metadata(
    body: Mapping[str, Any],
    choice: Mapping[str, Any] | None,
    model_name: str | None,
    usage: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """:func:`response_metadata` with ``body``'s usage already normalized (``None``: none)."""
    metadata: dict[str, Any] = {
        "model_name": body.get("model") or model_name,
        "id": body.get("id"),
        "model_provider": MODEL_PROVIDER,
    }
    if choice is not None:
        metadata["finish_reason"] = choice.get("finish_reason")
        metadata["native_finish_reason"] = choice.get("native_finish_reason")
        if choice.get("logprobs") is not None:
            metadata["logprobs"] = choice["logprobs"]
    for key in _ENVELOPE_FIELDS:
        if body.get(key) is not None:
            metadata[key] = body[key]
    if usage is not None:
        for key in _USAGE_METADATA_FIELDS:
            if usage.get(key) is not None:
                metadata[key] = usage[key]
        server_tools = usage.get("server_tool_use_details") or usage.get("server_tool_use")
        if server_tools:
            metadata["server_tool_use_details"] = server_tools
        metadata["token_usage"] = dict(usage)
    if body.get("openrouter_metadata") is not None:
        metadata["openrouter_metadata"] = body["openrouter_metadata"]
    return metadata


def choice_error(
    body: Mapping[str, Any], choice: Mapping[str, Any], partial: AIMessage | None
) -> APIStatusError:
    """The typed error for a choice that failed after partial output (§5.6).

    The class follows ``error.code`` like an HTTP status (``UpstreamError`` for 502); a
    non-numeric code counts as 502, a provider failure. ``.partial`` holds the message
    generated before the failure.
    """
    error = choice.get("error") or {}
    code = error.get("code")
    status = code if isinstance(code, int) else 502
    metadata: Mapping[str, Any] = error.get("metadata") or {}
    message = str(error.get("message") or "the provider failed after partial output")
    cls = error_class_for(status, metadata, message, metadata.get("error_type"))
    return cls(
        message,
        status_code=status,
        body=dict(body),
        code=code if code is not None else status,
        metadata=metadata,
        error_type=metadata.get("error_type"),
        request_id=body.get("id"),
        partial=partial,
    )

"""A ``POST /responses`` answer -> a ``ChatResult`` shaped like the chat path's (pure, no I/O).

The message a Responses answer gives is the one a chat completion would: text in ``content``,
tool calls in ``tool_calls``, reasoning text in ``additional_kwargs["reasoning"]`` and the
reasoning items as ``reasoning_details`` (in OpenRouter's ``openai-responses-v1`` format, so a
history moves freely between the two paths), ``usage_metadata`` with the same details, and
``response_metadata`` with the same keys: the usage is renamed to the chat names
(:func:`chat_usage`) so cost tracking reads one shape. ``status`` sets the finish reason:
``completed`` is ``stop`` (``tool_calls`` when the model called one), ``incomplete`` is
``length`` (``content_filter`` when filtered), ``failed`` raises the typed error (§6.2).

Example:
    >>> result = parse_response({
    ...     "id": "gen-1", "model": "openai/gpt-5-mini", "status": "completed",
    ...     "output": [{"type": "message", "role": "assistant",
    ...                 "content": [{"type": "output_text", "text": "Hi!"}]}],
    ...     "usage": {"input_tokens": 3, "output_tokens": 2, "total_tokens": 5},
    ... })
    >>> message = result.generations[0].message
    >>> message.content, message.response_metadata["finish_reason"], message.usage_metadata
    ('Hi!', 'stop', {'input_tokens': 3, 'output_tokens': 2, 'total_tokens': 5})
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from langchain_core.messages import AIMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from langchain_openrouter._malformed import malformed_answer, reads_answer
from langchain_openrouter.chat_models.responses import RESPONSES_FORMAT
from langchain_openrouter.chat_models.results import (
    parse_tool_calls,
    response_metadata,
    usage_to_metadata,
)
from langchain_openrouter.errors import APIStatusError, error_class_for

__all__: list[str] = []

RESPONSES_ROUTE = "POST /responses"

# Responses usage names -> chat usage names (§3.5, §6.2).
_USAGE_NAMES = {
    "input_tokens": "prompt_tokens",
    "output_tokens": "completion_tokens",
    "input_tokens_details": "prompt_tokens_details",
    "output_tokens_details": "completion_tokens_details",
}
_COST_NAMES = {
    "upstream_inference_input_cost": "upstream_inference_prompt_cost",
    "upstream_inference_output_cost": "upstream_inference_completions_cost",
}

# OpenAI Responses error codes -> the HTTP status whose error class fits them.
_CODE_STATUS = {
    "server_error": 500,
    "rate_limit_exceeded": 429,
    "invalid_prompt": 400,
    "vector_store_timeout": 408,
    "invalid_image": 400,
    "invalid_image_format": 400,
    "invalid_base64_image": 400,
    "invalid_image_url": 400,
    "image_too_large": 400,
    "image_too_small": 400,
    "image_parse_error": 400,
    "image_content_policy_violation": 400,
    "invalid_image_mode": 400,
    "image_file_too_large": 400,
    "unsupported_image_media_type": 400,
    "empty_image_file": 400,
    "failed_to_download_image": 400,
    "image_file_not_found": 400,
}


@reads_answer(RESPONSES_ROUTE)
def parse_response(body: Mapping[str, Any], *, model_name: str | None = None) -> ChatResult:
    """Turn a non-streaming ``/responses`` body into a ``ChatResult`` (§6.2).

    Args:
        body: The decoded JSON body.
        model_name: The requested model, reported when the body names none.

    Returns:
        One generation, and ``llm_output`` with ``model_name``, ``id`` and ``token_usage``
        (chat names).

    Raises:
        APIStatusError: ``status`` is ``failed``: the subclass follows ``error.code``
            (``RateLimitError`` for ``rate_limit_exceeded``, ``InternalServerError`` for
            ``server_error``...); ``.partial`` holds any output produced before the failure.
        OpenRouterError: The body is malformed (the message says where).
    """
    if not isinstance(body, Mapping):
        raise malformed_answer(RESPONSES_ROUTE, f"the body is {type(body).__name__}, not an object")
    output = body.get("output") or []
    if not isinstance(output, list) or not all(isinstance(item, Mapping) for item in output):
        raise malformed_answer(RESPONSES_ROUTE, "output is not a list of objects")
    usage = chat_usage(body.get("usage"))
    finish_reason, native = finish_reasons(body, output)
    reasoning = reasoning_text(output)
    extras: dict[str, Any] = {}
    if reasoning:
        extras["reasoning"] = reasoning
        extras["reasoning_content"] = reasoning
    extras.update(output_extras(output))
    tool_calls, invalid_tool_calls = parse_tool_calls(
        [
            {"id": item.get("call_id"), "function": item}
            for item in output
            if item.get("type") == "function_call"
        ]
    )
    message = AIMessage(
        content=output_text(output),
        additional_kwargs=extras,
        tool_calls=tool_calls,
        invalid_tool_calls=invalid_tool_calls,
        usage_metadata=usage_to_metadata(usage),
        response_metadata=metadata_of(body, usage, finish_reason, native, model_name),
        id=body.get("id"),
    )
    if body.get("status") == "failed":
        raise response_error(body, partial=message)
    llm_output: dict[str, Any] = {
        "model_name": body.get("model") or model_name,
        "id": body.get("id"),
    }
    if usage is not None:
        llm_output["token_usage"] = usage
    generation = ChatGeneration(message=message, generation_info={"finish_reason": finish_reason})
    return ChatResult(generations=[generation], llm_output=llm_output)


def chat_usage(usage: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A Responses ``usage`` object under the chat names (§3.5), nothing dropped.

    Example:
        >>> chat_usage({"input_tokens": 4, "output_tokens": 1, "total_tokens": 5,
        ...             "input_tokens_details": {"cached_tokens": 2}, "cost": 0.5,
        ...             "cost_details": {"upstream_inference_input_cost": 0.4}})
        ... # doctest: +NORMALIZE_WHITESPACE
        {'prompt_tokens': 4, 'completion_tokens': 1, 'total_tokens': 5,
         'prompt_tokens_details': {'cached_tokens': 2}, 'cost': 0.5,
         'cost_details': {'upstream_inference_prompt_cost': 0.4}}
    """
    if not usage:
        return None
    out: dict[str, Any] = {}
    for key, value in usage.items():
        if key == "cost_details" and isinstance(value, Mapping):
            value = {_COST_NAMES.get(k, k): v for k, v in value.items()}
        elif isinstance(value, Mapping):
            value = dict(value)
        out[_USAGE_NAMES.get(key, key)] = value
    return out


def finish_reasons(
    body: Mapping[str, Any], output: Iterable[Mapping[str, Any]]
) -> tuple[str | None, str | None]:
    """(``finish_reason`` as the chat path names it, the native reason) of a response."""
    status = body.get("status")
    if status == "incomplete":
        details = body.get("incomplete_details") or {}
        reason = details.get("reason") if isinstance(details, Mapping) else None
        return ("content_filter" if reason == "content_filter" else "length"), reason or status
    if status == "failed":
        return "error", status
    if status != "completed":
        return None, status
    called = any(item.get("type") == "function_call" for item in output)
    return ("tool_calls" if called else "stop"), status


def output_text(output: Iterable[Mapping[str, Any]]) -> str:
    """The text of the ``message`` items (``output_text`` may be ``""`` even then, §6.2)."""
    return "".join(
        str(part.get("text") or "")
        for item in output
        if item.get("type") == "message"
        for part in item.get("content") or ()
        if part.get("type") == "output_text"
    )


def reasoning_text(output: Iterable[Mapping[str, Any]]) -> str:
    """The reasoning the items show, item by item: the full text, else the summary.

    Streams show the same: models that stream their reasoning text stream no summary of it.
    """
    pieces: list[str] = []
    for item in output:
        if item.get("type") != "reasoning":
            continue
        parts = item.get("content") or item.get("summary") or ()
        pieces.extend(str(part.get("text") or "") for part in parts)
    return "".join(pieces)


def output_extras(output: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """``reasoning_details``, ``refusal`` and ``annotations`` of the output, chat-shaped."""
    details: list[dict[str, Any]] = []
    refusals: list[str] = []
    annotations: list[dict[str, Any]] = []
    for item in output:
        kind = item.get("type")
        if kind == "reasoning":
            details.extend(reasoning_details(item, index=len(details)))
        elif kind == "message":
            for part in item.get("content") or ():
                if part.get("type") == "refusal":
                    refusals.append(str(part.get("refusal") or ""))
                annotations.extend(chat_annotation(a) for a in part.get("annotations") or ())
    extras: dict[str, Any] = {}
    if details:
        extras["reasoning_details"] = details
    if refusals:
        extras["refusal"] = "".join(refusals)
    if annotations:
        extras["annotations"] = annotations
    return extras


def reasoning_details(item: Mapping[str, Any], *, index: int = 0) -> list[dict[str, Any]]:
    """One ``reasoning`` output item as OpenRouter ``reasoning_details`` (§3.2.1).

    Example:
        >>> item = {"type": "reasoning", "id": "rs_1", "encrypted_content": "gAAA",
        ...         "summary": [{"type": "summary_text", "text": "Add."}]}
        >>> reasoning_details(item)  # doctest: +NORMALIZE_WHITESPACE
        [{'type': 'reasoning.summary', 'summary': 'Add.', 'id': 'rs_1',
          'format': 'openai-responses-v1', 'index': 0},
         {'type': 'reasoning.encrypted', 'data': 'gAAA', 'id': 'rs_1',
          'format': 'openai-responses-v1', 'index': 1}]
    """
    found: list[dict[str, Any]] = []
    summary = "".join(str(p.get("text") or "") for p in item.get("summary") or ())
    if summary:
        found.append({"type": "reasoning.summary", "summary": summary})
    text = "".join(str(p.get("text") or "") for p in item.get("content") or ())
    if text:
        found.append({"type": "reasoning.text", "text": text})
    if item.get("encrypted_content"):
        found.append({"type": "reasoning.encrypted", "data": item["encrypted_content"]})
    tail: dict[str, Any] = {"format": RESPONSES_FORMAT}
    if item.get("id"):
        tail = {"id": item["id"], **tail}
    return [{**detail, **tail, "index": index + n} for n, detail in enumerate(found)]


def chat_annotation(annotation: Mapping[str, Any]) -> dict[str, Any]:
    """A flat Responses ``url_citation`` -> the chat shape (§3.3); other kinds unchanged."""
    if annotation.get("type") != "url_citation" or "url_citation" in annotation:
        return dict(annotation)
    fields = {k: v for k, v in annotation.items() if k != "type"}
    return {"type": "url_citation", "url_citation": fields}


def metadata_of(
    body: Mapping[str, Any],
    usage: Mapping[str, Any] | None,
    finish_reason: str | None,
    native: str | None,
    model_name: str | None,
) -> dict[str, Any]:
    """``response_metadata`` with the chat path's keys, ``status`` and its details added."""
    envelope: dict[str, Any] = {
        key: body.get(key) for key in ("id", "model", "service_tier", "openrouter_metadata")
    }
    envelope["created"] = body.get("created_at")
    if usage is not None:
        envelope["usage"] = usage
    choice = {"finish_reason": finish_reason, "native_finish_reason": native}
    metadata = response_metadata(envelope, choice, model_name=model_name)
    if body.get("status") is not None:
        metadata["status"] = body["status"]
    if body.get("incomplete_details"):
        metadata["incomplete_details"] = body["incomplete_details"]
    return metadata


def response_error(body: Mapping[str, Any], *, partial: Any = None) -> APIStatusError:
    """The typed error of a ``failed`` response (§6.2): the class follows ``error.code``."""
    raw = body.get("error")
    error: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
    code = error.get("code")
    status = code if isinstance(code, int) else _CODE_STATUS.get(str(code), 502)
    message = str(error.get("message") or "the response failed")
    error_type = body.get("error_type") or error.get("error_type")
    metadata = {"error_type": error_type} if error_type else {}
    cls = error_class_for(status, metadata, message, error_type)
    return cls(
        message,
        status_code=status,
        body=dict(body),
        code=code if code is not None else status,
        metadata=metadata,
        error_type=error_type,
        request_id=body.get("id"),
        partial=partial,
    )

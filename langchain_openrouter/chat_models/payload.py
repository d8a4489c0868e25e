"""A LangChain call -> the ``POST /chat/completions`` request body (pure, no I/O).

The chat model gathers its constructor settings as wire-named defaults
(:func:`params_from_fields`); :func:`build_request` lays the messages, the stop sequences and
the per-call keyword arguments over them and splits off what is not body (``extra_headers``,
``extra_query``, ``timeout``). Unset values are omitted: OpenRouter forwards an absent parameter
as absent, which is not the same as sending its default.

Example:
    >>> body, options = build_request(
    ...     {"model": "openai/gpt-4o-mini", "temperature": 0.2},
    ...     [{"role": "user", "content": "Hi"}],
    ...     stop=["END"],
    ...     call_kwargs={"temperature": 0, "extra_headers": {"X-Trace": "1"}},
    ... )
    >>> body["temperature"], body["stop"], options.headers
    (0, ['END'], {'X-Trace': '1'})
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_function, convert_to_openai_tool
from langchain_core.utils.pydantic import is_basemodel_subclass
from typing_extensions import is_typeddict

from langchain_openrouter.chat_models.params import body_param, wire_name

__all__ = [
    "RequestOptions",
    "ToolLike",
    "build_request",
    "check_params",
    "format_tool",
    "format_tools",
    "json_schema_response_format",
    "normalize_stop",
    "normalize_tool_choice",
    "params_from_fields",
    "schema_to_function",
    "tool_names",
]

ToolLike = Mapping[str, Any] | type | Callable[..., Any] | BaseTool

# Keyword arguments LangChain itself passes along that are not OpenRouter parameters.
_LANGCHAIN_KWARGS = frozenset(
    {"ls_structured_output_format", "structured_output_format", "stream", "stream_usage"}
)

# Per-call request options in the OpenAI SDK's spelling: they shape the HTTP request, not the body.
_REQUEST_OPTIONS = frozenset({"extra_headers", "extra_query", "extra_body", "timeout"})

_TOOL_CHOICE_WORDS = {"auto": "auto", "none": "none", "required": "required", "any": "required"}


@dataclass(frozen=True)
class RequestOptions:
    """What a call asks of the HTTP request besides its body.

    Attributes:
        headers: ``extra_headers`` of the call, merged over the client's headers.
        params: ``extra_query`` of the call (query-string parameters), or ``None``.
        timeout: A per-call ``timeout`` (seconds, ``(connect, read)``, ``httpx.Timeout``), or
            ``None`` for the model's.
    """

    headers: dict[str, str] = field(default_factory=dict)
    params: dict[str, Any] | None = None
    timeout: Any = None


def check_params(params: Mapping[str, Any]) -> None:
    """Check the value ranges OpenRouter documents, naming the field at fault.

    The rules are the ones declared with each field (:class:`.params.Body`).

    Args:
        params: Parameters by field name, alias or wire name (constructor fields or per-call
            keyword arguments); ``None`` values and undeclared names are ignored.

    Raises:
        ValueError: For a value of the wrong type or out of range.

    Example:
        >>> check_params({"temperature": 3})
        Traceback (most recent call last):
        ...
        ValueError: temperature must be between 0 and 2, got 3
    """
    for name, value in params.items():
        spec = body_param(name)
        if value is None or spec is None:
            continue
        if spec.integer and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError(f"{name} must be an integer, got {value!r}")
        if spec.low is not None or spec.high is not None:
            _check_range(name, value, spec.low, spec.high, spec.low_inclusive)
        if spec.max_length is not None:
            if not isinstance(value, str):
                raise ValueError(f"{name} must be a string, got {value!r}")
            if len(value) > spec.max_length:
                raise ValueError(
                    f"{name} must be at most {spec.max_length} characters, got {len(value)}"
                )
        if spec.value_range is not None:
            _check_mapping_values(name, value, *spec.value_range)


def _check_range(name: str, value: Any, low: float | None, high: float | None, incl: bool) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise ValueError(f"{name} must be a number, got {value!r}")
    below = low is not None and (value < low if incl else value <= low)
    above = high is not None and value > high
    if not (below or above):
        return
    if high is None:
        raise ValueError(f"{name} must be {'>=' if incl else '>'} {low}, got {value!r}")
    span = f"between {low} and {high}" if incl else f"in ({low}, {high}]"
    raise ValueError(f"{name} must be {span}, got {value!r}")


def _check_mapping_values(name: str, value: Any, low: float, high: float) -> None:
    if not isinstance(value, Mapping):
        raise ValueError(f"{name} must map token ids to biases, got {value!r}")
    for key, item in value.items():
        if isinstance(item, bool) or not isinstance(item, (int, float)) or not low <= item <= high:
            raise ValueError(f"{name}[{key!r}] must be between {low} and {high}, got {item!r}")


def normalize_stop(stop: str | Sequence[str] | None) -> list[str] | None:
    """Stop sequences as a list, or ``None`` when there are none (then omitted from the body).

    Example:
        >>> normalize_stop("END"), normalize_stop([])
        (['END'], None)
    """
    if stop is None:
        return None
    if isinstance(stop, str):
        return [stop]
    stops = list(stop)
    for item in stops:
        if not isinstance(item, str):
            raise ValueError(f"stop sequences must be strings, got {item!r}")
    return stops or None


def params_from_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Wire-named body parameters from constructor fields or per-call keyword arguments.

    Renames the fields whose body key differs (``model_name`` -> ``model``,
    ``openrouter_provider`` -> ``provider``), drops ``None`` values, and folds
    ``reasoning_effort`` into ``reasoning.effort`` (OpenRouter rejects the two when they disagree).

    Example:
        >>> params_from_fields({"openrouter_provider": {"sort": "price"}, "seed": None})
        {'provider': {'sort': 'price'}}
        >>> params_from_fields({"reasoning_effort": "low"})
        {'reasoning': {'effort': 'low'}}
    """
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if value is None:
            continue
        out[wire_name(name)] = value
    effort = out.pop("reasoning_effort", None)
    if effort is not None:
        out["reasoning"] = {**(out.get("reasoning") or {}), "effort": effort}
    if "stop" in out:
        stop = normalize_stop(out.pop("stop"))
        if stop:
            out["stop"] = stop
    return out


def build_request(
    defaults: Mapping[str, Any],
    messages: list[dict[str, Any]],
    *,
    stop: str | Sequence[str] | None = None,
    stream: bool = False,
    call_kwargs: Mapping[str, Any] | None = None,
) -> tuple[dict[str, Any], RequestOptions]:
    """The request body and options for one call.

    Precedence, lowest first: ``defaults`` (the model's settings, ``extra_body`` included),
    the call's keyword arguments, the call's ``stop``, then the call's ``extra_body``.

    Args:
        defaults: Wire-named parameters from the model (see :func:`params_from_fields`).
        messages: Messages already converted to OpenRouter dicts.
        stop: Stop sequences of this call; ``None`` keeps the model's.
        stream: Whether this is a streaming request (``"stream": true``).
        call_kwargs: The call's keyword arguments: body parameters by their field or wire
            name, ``tools``/``tool_choice`` in any form :meth:`bind_tools` accepts, and the
            request options ``extra_body``, ``extra_headers``, ``extra_query``, ``timeout``.

    Returns:
        The JSON body and the :class:`RequestOptions`.

    Raises:
        ValueError: For an out-of-range parameter or an unknown ``tool_choice``.
    """
    kwargs = {k: v for k, v in (call_kwargs or {}).items() if k not in _LANGCHAIN_KWARGS}
    options = {k: kwargs.pop(k) for k in _REQUEST_OPTIONS if k in kwargs}
    check_params(kwargs)
    overrides = params_from_fields(kwargs)
    body: dict[str, Any] = {**defaults, **overrides, "messages": messages}
    if "tools" in overrides:
        body["tools"] = format_tools(overrides["tools"])
    if "tool_choice" in overrides:
        choice = normalize_tool_choice(overrides["tool_choice"], body.get("tools") or [])
        if choice is None:
            del body["tool_choice"]
        else:
            body["tool_choice"] = choice
    if isinstance(body.get("response_format"), type):
        body["response_format"] = json_schema_response_format(body["response_format"])
    call_stop = normalize_stop(stop)
    if call_stop is not None:
        body["stop"] = call_stop
    elif stop is not None:
        # An explicit empty list clears the model's stop sequences for this call.
        body.pop("stop", None)
    if stream:
        body["stream"] = True
    else:
        body.pop("stream", None)
    extra_body = options.get("extra_body")
    if extra_body:
        body.update(dict(extra_body))
    return body, RequestOptions(
        headers=dict(options.get("extra_headers") or {}),
        params=dict(options["extra_query"]) if options.get("extra_query") else None,
        timeout=options.get("timeout"),
    )


def format_tool(tool: ToolLike, *, strict: bool | None = None) -> dict[str, Any]:
    """One tool in OpenRouter's shape.

    Functions, pydantic classes, TypedDicts, LangChain tools, JSON schemas and Anthropic-style
    tool dicts become ``{"type": "function", "function": {...}}``. A dict whose ``type`` is not
    ``"function"`` (OpenRouter server tools such as ``{"type": "openrouter:web_search"}``)
    passes through untouched.

    Example:
        >>> def add(a: int, b: int) -> int:
        ...     '''Add two integers.'''
        ...     return a + b
        >>> format_tool(add)["function"]["name"]
        'add'
    """
    if isinstance(tool, Mapping):
        kind = tool.get("type")
        # "object" is a JSON schema and "custom"/input_schema an Anthropic tool: both converted.
        if (
            isinstance(kind, str)
            and kind not in ("function", "object", "custom")
            and "input_schema" not in tool
        ):
            return dict(tool)
        if kind == "function" and isinstance(tool.get("function"), Mapping):
            formatted = {**tool, "function": dict(tool["function"])}
            if strict is not None:
                formatted["function"]["strict"] = strict
            return formatted
    return convert_to_openai_tool(tool, strict=strict)


def format_tools(tools: Sequence[ToolLike], *, strict: bool | None = None) -> list[dict[str, Any]]:
    """Every tool of ``tools`` through :func:`format_tool`."""
    if isinstance(tools, (str, bytes, Mapping)) or not isinstance(tools, Sequence):
        raise ValueError(f"tools must be a list, got {type(tools).__name__}")
    return [format_tool(tool, strict=strict) for tool in tools]


def tool_names(tools: Sequence[Mapping[str, Any]]) -> list[str]:
    """The function names of formatted tools (server tools have none)."""
    names = []
    for tool in tools:
        function = tool.get("function")
        if isinstance(function, Mapping) and isinstance(function.get("name"), str):
            names.append(function["name"])
    return names


def normalize_tool_choice(
    choice: str | bool | Mapping[str, Any] | None, tools: Sequence[Mapping[str, Any]]
) -> str | dict[str, Any] | None:
    """``tool_choice`` in OpenRouter's shape, checked against the bound tools.

    Args:
        choice: ``"auto"``, ``"none"``, ``"any"`` or ``"required"``; a tool's name; ``True``
            (the only tool); ``False``/``None`` (unset); or a dict, passed through
            (``{"type": "function", "function": {"name": ...}}`` is checked against ``tools``).
        tools: The formatted tools of the request.

    Returns:
        The wire value, or ``None`` to leave ``tool_choice`` out.

    Raises:
        ValueError: A name that is not a bound tool, ``True`` with several tools, or anything
            else that is not a tool choice.

    Example:
        >>> tools = [{"type": "function", "function": {"name": "add"}}]
        >>> normalize_tool_choice("any", tools), normalize_tool_choice("add", tools)
        ('required', {'type': 'function', 'function': {'name': 'add'}})
    """
    if choice is None or choice is False:
        return None
    names = tool_names(tools)
    if choice is True:
        if len(tools) != 1 or len(names) != 1:
            raise ValueError(
                f"tool_choice=True needs exactly one bound function tool, got {len(tools)} tools"
            )
        return {"type": "function", "function": {"name": names[0]}}
    if isinstance(choice, str):
        if choice in _TOOL_CHOICE_WORDS:
            return _TOOL_CHOICE_WORDS[choice]
        if choice.startswith("openrouter:"):
            return {"type": choice}
        if choice in names:
            return {"type": "function", "function": {"name": choice}}
        raise ValueError(
            f"tool_choice {choice!r} is neither 'auto', 'none', 'any', 'required' nor the name "
            f"of a bound tool (bound: {names})"
        )
    if isinstance(choice, Mapping) and isinstance(choice.get("type"), str):
        function = choice.get("function")
        if choice["type"] == "function":
            name = function.get("name") if isinstance(function, Mapping) else None
            if not isinstance(name, str) or (names and name not in names):
                raise ValueError(
                    f"tool_choice {dict(choice)!r} must name a bound tool (bound: {names})"
                )
        return dict(choice)
    raise ValueError(
        "tool_choice must be 'auto', 'none', 'any', 'required', a tool name, True or a dict, "
        f"got {choice!r}"
    )


def json_schema_response_format(
    schema: Mapping[str, Any] | type, *, strict: bool | None = True
) -> dict[str, Any]:
    """A ``response_format`` of type ``json_schema`` for a pydantic class, TypedDict or schema.

    Args:
        schema: A pydantic class, a TypedDict, a JSON schema (with a ``title``) or an
            OpenAI function/tool dict.
        strict: Ask for exact schema adherence (``None`` leaves ``strict`` out).

    Raises:
        ValueError: ``schema`` is not a schema.

    Example:
        >>> fmt = json_schema_response_format({"title": "Joke", "type": "object",
        ...     "properties": {"text": {"type": "string"}}, "required": ["text"]})
        >>> fmt["json_schema"]["name"], fmt["json_schema"]["strict"]
        ('Joke', True)
    """
    function = schema_to_function(schema, strict=strict)
    spec: dict[str, Any] = {
        "name": function["name"],
        "schema": function.get("parameters") or {"type": "object", "properties": {}},
    }
    if function.get("description"):
        spec["description"] = function["description"]
    if strict is not None:
        spec["strict"] = strict
    return {"type": "json_schema", "json_schema": spec}


def schema_to_function(schema: Any, *, strict: bool | None = None) -> dict[str, Any]:
    """The OpenAI function description of a schema, with a clear error for a non-schema.

    Raises:
        ValueError: ``schema`` is not a pydantic class, TypedDict, JSON schema or tool dict.
    """
    is_schema_class = isinstance(schema, type) and (
        is_basemodel_subclass(schema) or is_typeddict(schema)
    )
    if not (is_schema_class or isinstance(schema, Mapping)):
        raise ValueError(_not_a_schema(schema))
    try:
        function = convert_to_openai_function(schema, strict=strict)
    except (ValueError, TypeError, KeyError) as exc:
        raise ValueError(f"{_not_a_schema(schema)} ({exc})") from exc
    if not function.get("name"):
        raise ValueError(_not_a_schema(schema))
    return function


def _not_a_schema(schema: Any) -> str:
    return (
        "schema must be a pydantic class, a TypedDict, or a JSON schema dict with a 'title' "
        f"(or an OpenAI function/tool dict); got {schema!r}"
    )

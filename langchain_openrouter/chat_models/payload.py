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

import difflib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_openrouter._client.config import make_timeout
from langchain_openrouter._settings import OpenRouterSettings, normalize_timeout
from langchain_openrouter.chat_models.params import (
    PARAM_NAMES,
    body_param,
    check_model_id,
    wire_name,
)
from langchain_openrouter.chat_models.response_cache import CACHE_HEADER
from langchain_openrouter.chat_models.tools import (
    format_tools,
    json_schema_response_format,
    normalize_tool_choice,
)
from langchain_openrouter.routing import check_option

__all__: list[str] = []

# Keyword arguments LangChain itself passes along that are not OpenRouter parameters.
_LANGCHAIN_KWARGS = frozenset(
    {"ls_structured_output_format", "structured_output_format", "stream", "stream_usage"}
)

# Per-call request options in the OpenAI SDK's spelling: they shape the HTTP request, not the body.
# ``response_cache`` is ours: it asks for the cache header (§15.2).
_REQUEST_OPTIONS = frozenset(
    {"extra_headers", "extra_query", "extra_body", "timeout", "response_cache"}
)


@dataclass(frozen=True)
class RequestOptions:
    """What a call asks of the HTTP request besides its body.

    Attributes:
        headers: ``extra_headers`` of the call, merged over the client's headers.
        params: ``extra_query`` of the call (query-string parameters), or ``None``.
        timeout: A per-call ``timeout`` (seconds, ``(connect, read)``, ``httpx.Timeout``), or
            ``None`` for the model's.
        response_cache: Send ``X-OpenRouter-Cache: true`` (answer repeats from the cache).
    """

    headers: dict[str, str] = field(default_factory=dict)
    params: dict[str, Any] | None = None
    timeout: Any = None
    response_cache: bool = False

    def send_kwargs(self, *, stream: bool) -> dict[str, Any]:
        """Keyword arguments of the internal client's ``request_json``/``stream`` call."""
        headers = {"Accept": "text/event-stream"} if stream else {}
        if self.response_cache:
            headers[CACHE_HEADER] = "true"
        headers.update(self.headers)
        kwargs: dict[str, Any] = {"headers": headers or None, "params": self.params}
        if self.timeout is not None:
            kwargs["timeout"] = make_timeout(normalize_timeout(self.timeout))
        return kwargs


# Per-call names that are neither declared parameters nor request options but are understood.
_OTHER_CALL_NAMES = frozenset({"tools", "tool_choice", "response_format", "stop"})

# Every per-call name understood as it is (built once: it is looked up on every call).
_KNOWN_CALL_NAMES = PARAM_NAMES | _REQUEST_OPTIONS | _LANGCHAIN_KWARGS | _OTHER_CALL_NAMES


# The model's connection settings under every name. Given per call, such a name would go out as
# a body field and be ignored (the call running on the model's key, with its retries), and
# LangChain would hand it to the callbacks as an invocation parameter: a key into a trace.
_MODEL_SETTINGS = frozenset(
    name
    for field_name, info in OpenRouterSettings.model_fields.items()
    for name in (field_name, info.alias)
    if name is not None and name not in _REQUEST_OPTIONS
)


def refuse_model_settings(names: Iterable[str]) -> None:
    """Refuse a per-call name that is one of the model's connection settings (``api_key=``).

    Raises:
        ValueError: The name is a setting such as ``api_key``, ``base_url`` or ``max_retries``
            (the message never shows the value).

    Example:
        >>> refuse_model_settings(["api_key"])
        Traceback (most recent call last):
        ...
        ValueError: api_key is a setting of the model, not of one call (it would be sent in the \
request body and ignored): build a model with it, ChatOpenRouter(..., api_key=...)
    """
    for name in names:
        if name in _MODEL_SETTINGS:
            raise ValueError(
                f"{name} is a setting of the model, not of one call (it would be sent in the "
                f"request body and ignored): build a model with it, ChatOpenRouter(..., {name}=...)"
            )


def refuse_misspelt(names: Iterable[str]) -> None:
    """Refuse a per-call name that is a near miss of a parameter (``temprature=``).

    An undeclared name is sent in the body as given (OpenRouter adds fields faster than this
    package declares them), so a typo would go out and be ignored: the call would silently run
    with the model's own value. A name this close to a known one is taken for the typo.

    Raises:
        ValueError: The name is one or two letters away from a known parameter.

    Example:
        >>> refuse_misspelt(["temprature"])
        Traceback (most recent call last):
        ...
        ValueError: temprature is not a parameter; did you mean 'temperature'? (a body field this \
package does not know goes in extra_body={'temprature': ...})
    """
    names = list(names)
    refuse_model_settings(names)
    for name in names:
        if name in _KNOWN_CALL_NAMES:
            continue
        close = difflib.get_close_matches(name, sorted(_KNOWN_CALL_NAMES), n=1, cutoff=0.85)
        if close:
            raise ValueError(
                f"{name} is not a parameter; did you mean {close[0]!r}? (a body field this "
                f"package does not know goes in extra_body={{{name!r}: ...}})"
            )


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
        if spec.flag and not isinstance(value, bool):
            raise ValueError(f"{name} must be True or False, got {value!r}")
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
        if spec.option and spec.wire:
            check_option(spec.wire, value, label=name)
        if spec.prefix is not None and not (
            isinstance(value, str) and value.startswith(spec.prefix) and value != spec.prefix
        ):
            raise ValueError(f"{name} must look like '{spec.prefix}<slug>', got {value!r}")
        if spec.model_ids:
            _check_model_ids(spec.wire or name, value)


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


def _check_model_ids(name: str, value: Any) -> None:
    if isinstance(value, str):
        check_model_id(value, name)
        return
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"{name} must be a list of model ids, got {value!r}")
    for position, item in enumerate(value):
        check_model_id(item, f"{name}[{position}]")


def _check_mapping_values(name: str, value: Any, low: float, high: float) -> None:
    if not isinstance(value, Mapping):
        raise ValueError(f"{name} must map token ids to biases, got {value!r}")
    for key, item in value.items():
        if isinstance(item, bool) or not isinstance(item, (int, float)) or not low <= item <= high:
            raise ValueError(f"{name}[{key!r}] must be between {low} and {high}, got {item!r}")


MAX_STOP_SEQUENCES = 4


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
    if not isinstance(stop, Iterable) or isinstance(stop, Mapping):
        raise ValueError(f"stop must be a string or a list of strings, got {stop!r}")
    stops = list(stop)
    for item in stops:
        if not isinstance(item, str):
            raise ValueError(f"stop sequences must be strings, got {item!r}")
    if len(stops) > MAX_STOP_SEQUENCES:
        # OpenRouter's documented limit: a fifth sequence is a 400 after a round trip.
        raise ValueError(
            f"stop takes at most {MAX_STOP_SEQUENCES} sequences, got {len(stops)}: keep the "
            "ones that matter most"
        )
    return stops or None


def params_from_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Wire-named body parameters from constructor fields or per-call keyword arguments.

    Renames the fields whose body key differs (``model_name`` -> ``model``,
    ``openrouter_provider`` -> ``provider``), drops ``None`` values, and folds
    ``reasoning_effort`` into ``reasoning.effort`` (OpenRouter rejects the two when they disagree).

    Raises:
        ValueError: For an option outside the reference, or a ``reasoning_effort`` that
            disagrees with ``reasoning.effort`` or sits next to ``reasoning.max_tokens``.

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
        spec = body_param(name)
        if spec is not None and spec.option and spec.wire:
            value = check_option(spec.wire, value, label=name)
        out[wire_name(name)] = value
    effort = out.pop("reasoning_effort", None)
    if effort is not None:
        # Checked once merged: an effort next to a reasoning.max_tokens budget is exclusive.
        reasoning = out.get("reasoning") or {}
        if reasoning.get("effort") not in (None, effort):
            raise ValueError(
                f"reasoning_effort {effort!r} disagrees with reasoning.effort"
                f" {reasoning['effort']!r}: set the effort in one of them only"
            )
        merged = {**reasoning, "effort": effort}
        out["reasoning"] = check_option("reasoning", merged)
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
            request options ``extra_body``, ``extra_headers``, ``extra_query``, ``timeout``
            and ``response_cache``.

    Returns:
        The JSON body and the :class:`RequestOptions`.

    Raises:
        ValueError: For an out-of-range parameter, an unknown ``tool_choice``, ``n`` > 1
            on a stream, or a ``response_cache`` that is not a bool.
    """
    kwargs = {k: v for k, v in (call_kwargs or {}).items() if k not in _LANGCHAIN_KWARGS}
    options = {k: kwargs.pop(k) for k in _REQUEST_OPTIONS if k in kwargs}
    cache = options.get("response_cache", False)
    if not isinstance(cache, bool):
        # A truthy string such as "false" must not opt in to the cache the caller refused.
        raise ValueError(f"response_cache: expected True or False, got {cache!r}")
    refuse_misspelt(kwargs)
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
    if stream and body.get("n", 1) > 1:
        raise ValueError("n must be 1 when streaming")
    return body, RequestOptions(
        headers=dict(options.get("extra_headers") or {}),
        params=dict(options["extra_query"]) if options.get("extra_query") else None,
        timeout=options.get("timeout"),
        response_cache=cache,
    )

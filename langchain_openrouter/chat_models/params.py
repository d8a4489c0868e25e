"""The request-body parameters of ``ChatOpenRouter``, each declared once with its wire rules.

Every constructor field that is sent in the ``POST /chat/completions`` body is declared here,
on :class:`ChatParams`, with a :class:`Body` marker: its wire name (when it differs from the
field name) and the range OpenRouter documents for it (openrouter-api.md §2.1). Everything
else follows from these declarations: the list of fields the model sends
(:data:`BODY_FIELDS`), the names a per-call keyword argument may use for them (field name,
alias or wire name, :func:`body_param`), and the checks :func:`.payload.check_params` runs at
construction and on every call. The OpenRouter extensions (``reasoning``, ``provider``,
``plugins``, ...) are marked ``option=True``: they take a dict or the typed model of
:mod:`langchain_openrouter.routing` and are checked against it. A field without a ``Body`` marker
is a client setting and is never sent.

Example:
    >>> body_param("openrouter_provider").wire, body_param("provider").wire
    ('provider', 'provider')
    >>> body_param("temperature").high
    2
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from langchain_core.utils import from_env
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from langchain_openrouter.routing import (
    Effort,
    ImageConfig,
    Modality,
    Plugin,
    Prediction,
    ProviderPreferences,
    Reasoning,
    Route,
    Verbosity,
    WebSearchOptions,
    check_option,
)

__all__: list[str] = []


@dataclass(frozen=True)
class Body:
    """Marks a field as a request-body parameter and states how it is checked.

    Attributes:
        wire: The body key, when it differs from the field name (set for every declared field
            once :class:`ChatParams` is built).
        low: Lowest allowed value (``None``: unbounded).
        high: Highest allowed value, inclusive (``None``: unbounded).
        low_inclusive: Whether ``low`` itself is allowed.
        integer: Whether the value must be an int (``bool`` is refused).
        max_length: Longest allowed string.
        value_range: For a mapping, the inclusive range of each of its values.
        option: Checked (and turned into JSON) by :func:`langchain_openrouter.routing.check_option`
            under the wire name.
        prefix: Required start of a string value.
        model_ids: The value is a model id (or a list of them), checked by
            :func:`check_model_id`.
        flag: The value must be ``True`` or ``False`` (set for every ``bool`` field):
            ``bool("false")`` is ``True``, so a string would mean the opposite of what it says.
    """

    wire: str | None = None
    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    integer: bool = False
    max_length: int | None = None
    value_range: tuple[float, float] | None = None
    option: bool = False
    prefix: str | None = None
    model_ids: bool = False
    flag: bool = False


_Json = dict[str, Any]
# The typed options are stored as the JSON that is sent (the before-validator converts them);
# trying the dict first keeps pydantic's smart union from turning that JSON back into a model.
_PLAIN = Field(union_mode="left_to_right")

# What can never be part of a model id: whitespace (spaces, tabs, newlines) and other control
# characters. Everything else is left to OpenRouter, which knows its catalog.
_NOT_IN_ID = re.compile(r"[\s\x00-\x1f\x7f]")


def check_model_id(value: Any, field: str = "model") -> None:
    """Refuse what can never be an OpenRouter model id, naming the field.

    Valid forms include ``author/slug``, ``author/slug:variant`` (``:free``, ``:online``,
    ``:nitro``, ``:floor``, ``:thinking``, ``:extended``), ``openrouter/auto``, presets
    (``@preset/name``), ``~author/slug`` aliases, and ids with dots and digits. Refused: an
    empty or blank id, whitespace or control characters, and an empty ``/`` segment
    (``openai//gpt-4o``, ``/gpt-4o``, ``openai/``).

    Raises:
        ValueError: The id can never be valid; the message names ``field`` and the fix.

    Example:
        >>> check_model_id("anthropic/claude-sonnet-4.5:thinking")
        >>> check_model_id("openai//gpt-4o")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ValueError: model 'openai//gpt-4o' has an empty segment between '/'; use author/slug...
    """
    example = "use author/slug, e.g. 'openai/gpt-4o-mini'"
    if not isinstance(value, str):
        raise ValueError(f"{field} must be a model id string, got {value!r}; {example}")
    if not value.strip():
        raise ValueError(f"{field} is empty; {example}")
    if _NOT_IN_ID.search(value):
        raise ValueError(f"{field} {value!r} contains whitespace or control characters; {example}")
    if "" in value.split("/"):
        raise ValueError(f"{field} {value!r} has an empty segment between '/'; {example}")


class ChatParams(BaseModel):
    """The body parameters of ``ChatOpenRouter`` (unset ones are left out of the request)."""

    model_config = ConfigDict(populate_by_name=True, protected_namespaces=())

    model_name: Annotated[str, Body(wire="model", model_ids=True)] = Field(alias="model")
    """Model id, e.g. ``"openai/gpt-4o-mini"`` or ``"anthropic/claude-sonnet-4.5:nitro"``."""

    models: Annotated[list[str] | None, Body(model_ids=True)] = None
    """Fallback models, tried in order when ``model`` fails or is unavailable."""

    temperature: Annotated[float | None, Body(low=0, high=2)] = None
    """Sampling temperature, 0 to 2."""

    max_tokens: Annotated[int | None, Body(low=1, integer=True)] = None
    """Output cap in tokens (>= 1)."""

    max_completion_tokens: Annotated[int | None, Body(low=1, integer=True)] = None
    """Output cap including reasoning tokens (>= 1)."""

    top_p: Annotated[float | None, Body(low=0, high=1)] = None
    """Nucleus sampling, 0 to 1."""

    top_k: Annotated[int | None, Body(low=0, integer=True)] = None
    """Sample from the k most likely tokens (>= 0; 0 disables). Not for OpenAI models."""

    min_p: Annotated[float | None, Body(low=0, high=1)] = None
    """Minimum token probability relative to the most likely one, 0 to 1."""

    top_a: Annotated[float | None, Body(low=0, high=1)] = None
    """Top-a sampling, 0 to 1."""

    frequency_penalty: Annotated[float | None, Body(low=-2, high=2)] = None
    """Penalty for frequent tokens, -2 to 2."""

    presence_penalty: Annotated[float | None, Body(low=-2, high=2)] = None
    """Penalty for tokens already present, -2 to 2."""

    repetition_penalty: Annotated[float | None, Body(low=0, high=2, low_inclusive=False)] = None
    """Repetition penalty, in (0, 2]; 1 means none."""

    seed: Annotated[int | None, Body(integer=True)] = None
    """Seed for best-effort deterministic sampling."""

    stop: Annotated[list[str] | str | None, Body()] = Field(default=None, alias="stop_sequences")
    """Default stop sequences (a string or a list)."""

    n: Annotated[int, Body(low=1, integer=True)] = 1
    """Number of completions per prompt (>= 1; must be 1 when streaming). Sent when not 1."""

    logit_bias: Annotated[dict[int | str, float] | None, Body(value_range=(-100, 100))] = None
    """Token id -> bias between -100 and 100."""

    logprobs: Annotated[bool | None, Body()] = None
    """Return token log-probabilities."""

    top_logprobs: Annotated[int | None, Body(low=0, high=20, integer=True)] = None
    """How many alternatives per token to return with ``logprobs`` (0 to 20)."""

    reasoning: Annotated[_Json | Reasoning | None, Body(option=True), _PLAIN] = None
    """Reasoning settings, e.g. ``{"effort": "high"}`` or ``Reasoning(max_tokens=2000)``."""

    reasoning_effort: Annotated[Effort | None, Body(option=True)] = None
    """Shorthand for ``reasoning={"effort": ...}`` (as in ``ChatOpenAI``)."""

    verbosity: Annotated[Verbosity | None, Body(option=True)] = None
    """Answer length and detail: ``"low"``, ``"medium"``, ``"high"``, ``"xhigh"``, ``"max"``."""

    openrouter_provider: Annotated[
        _Json | ProviderPreferences | None, Body(wire="provider", option=True), _PLAIN
    ] = Field(default=None, alias="provider")
    """Provider routing preferences, sent as ``provider`` (also accepted as ``provider=``)."""

    route: Annotated[Route | None, Body(option=True)] = None
    """Deprecated routing switch (``"fallback"`` or ``"sort"``)."""

    plugins: Annotated[list[Annotated[_Json | Plugin, _PLAIN]] | None, Body(option=True)] = None
    """Plugins, e.g. ``[{"id": "web", "max_results": 3}]`` or ``[WebPlugin(max_results=3)]``."""

    web_search_options: Annotated[_Json | WebSearchOptions | None, Body(option=True), _PLAIN] = None
    """Native web search options, e.g. ``{"search_context_size": "high"}``."""

    modalities: Annotated[list[Modality] | None, Body(option=True)] = None
    """Output modalities, e.g. ``["image", "text"]`` for image-output models."""

    image_config: Annotated[_Json | ImageConfig | None, Body(option=True), _PLAIN] = None
    """Image options, e.g. ``{"aspect_ratio": "16:9"}`` (provider-specific keys pass)."""

    prediction: Annotated[_Json | Prediction | None, Body(option=True), _PLAIN] = None
    """Predicted output, e.g. ``{"type": "content", "content": "..."}`` (latency)."""

    preset: Annotated[str | None, Body(prefix="@preset/")] = None
    """A stored preset applied by OpenRouter, ``"@preset/<slug>"`` (or pass it as ``model``)."""

    transforms: Annotated[list[str] | None, Body()] = None
    """Legacy prompt transforms, e.g. ``["middle-out"]``."""

    parallel_tool_calls: Annotated[bool | None, Body()] = None
    """Default for allowing several tool calls in one turn (``bind_tools`` can override)."""

    service_tier: Annotated[str | None, Body()] = None
    """Upstream service tier, e.g. ``"flex"`` or ``"priority"``."""

    session_id: Annotated[str | None, Body(max_length=256)] = Field(
        default_factory=from_env("OPENROUTER_SESSION_ID", default=None), validate_default=True
    )
    """Groups requests (sticky routing, logs); env ``OPENROUTER_SESSION_ID``; <= 256 chars."""

    trace: Annotated[dict[str, Any] | None, Body()] = None
    """Observability metadata forwarded to broadcast destinations (``trace_id``, ...)."""

    user: Annotated[str | None, Body(max_length=256)] = None
    """Stable id of your end user (<= 256 chars), for abuse isolation."""

    @model_validator(mode="before")
    @classmethod
    def _check_options(cls, values: Any) -> Any:
        # Every ``Body(option=True)`` field, by whichever name it was given: checked against its
        # typed model and stored as the JSON that is sent (reprs, equality and serialization
        # stay plain).
        if not isinstance(values, dict):
            return values
        out = dict(values)
        for name, value in values.items():
            spec = _BY_NAME.get(name)
            if value is not None and spec is not None and spec.option and spec.wire:
                out[name] = check_option(spec.wire, value, label=name)
        return out

    @field_validator("session_id")
    @classmethod
    def _empty_session_is_unset(cls, value: str | None) -> str | None:
        return value or None


def _declared() -> dict[str, Body]:
    specs: dict[str, Body] = {}
    for name, info in ChatParams.model_fields.items():
        marker = next(m for m in info.metadata if isinstance(m, Body))
        flag = marker.flag or info.annotation in (bool, bool | None)
        specs[name] = Body(**{**marker.__dict__, "wire": marker.wire or name, "flag": flag})
    return specs


_SPECS = _declared()

BODY_FIELDS: tuple[str, ...] = tuple(_SPECS)
"""The constructor fields sent in the body, by field name."""

# Every name a per-call keyword argument may give a declared parameter: its field name, its
# alias and its wire name.
_BY_NAME: dict[str, Body] = {
    **{spec.wire: spec for spec in _SPECS.values() if spec.wire},
    **{
        info.alias: _SPECS[name]
        for name, info in ChatParams.model_fields.items()
        if info.alias is not None
    },
    **_SPECS,
}


PARAM_NAMES: frozenset[str] = frozenset(_BY_NAME)
"""Every name a declared body parameter answers to (field name, alias, wire name)."""


def body_param(name: str) -> Body | None:
    """The declaration of a body parameter by field name, alias or wire name (else ``None``)."""
    return _BY_NAME.get(name)


def wire_name(name: str) -> str:
    """The body key of a parameter named by field name, alias or wire name; others unchanged.

    Example:
        >>> wire_name("stop_sequences"), wire_name("model_name"), wire_name("tools")
        ('stop', 'model', 'tools')
    """
    spec = _BY_NAME.get(name)
    return spec.wire if spec is not None and spec.wire else name

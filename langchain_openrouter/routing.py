"""Typed request options: provider routing, reasoning, plugins and the other OpenRouter extensions.

These pydantic models describe the body fields OpenRouter adds to the OpenAI format
(openrouter-api.md §2.1, §2.6 reasoning, §2.7 provider routing, §2.8 plugins) with exactly the
keys and enums the reference documents. ``ChatOpenRouter`` accepts each option as a dict or as the
model; either way it is checked before any request is made, and a typo fails with the field, the
allowed values and the closest match. The JSON sent is what was given (unset keys left out).
``OpenRouterEmbeddings`` and ``OpenRouterRerank`` check their ``provider`` the same way, and the
emulator answers OpenRouter's 400 for the same mistakes using these definitions.

The module is named for what most of it decides (where and how a request is routed); it is public
so the models can be imported and composed. ``extra_body`` remains the escape hatch for keys newer
than this package: it is sent as given, unchecked.

Example:
    >>> from langchain_openrouter.routing import ProviderPreferences, check_option
    >>> ProviderPreferences(order=["anthropic"], sort="price").to_wire()
    {'order': ['anthropic'], 'sort': 'price'}
    >>> try:
    ...     check_option("provider", {"ordr": ["anthropic"]})
    ... except ValueError as error:
    ...     print(str(error).split("?")[0])
    provider: unknown key 'ordr'; did you mean 'order'
"""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator
from pydantic_core import ErrorDetails
from typing_extensions import Self

from langchain_openrouter._checks import hint

__all__ = [
    "AutoRouterPlugin",
    "ContextCompressionPlugin",
    "Effort",
    "FileParserPlugin",
    "ImageConfig",
    "LatencyPercentiles",
    "MaxPrice",
    "Modality",
    "ModerationPlugin",
    "PassThroughRouterPlugin",
    "PdfOptions",
    "Plugin",
    "Prediction",
    "PredictionText",
    "ProviderPreferences",
    "ProviderSort",
    "Quantization",
    "Reasoning",
    "ResponseHealingPlugin",
    "Route",
    "SortBy",
    "ThroughputPercentiles",
    "Verbosity",
    "WebFetchPlugin",
    "WebPlugin",
    "WebSearchOptions",
    "check_option",
    "check_options",
]

Effort = Literal["max", "xhigh", "high", "medium", "low", "minimal", "none"]
"""Reasoning effort levels (§2.6); ``"none"`` turns reasoning off."""

Verbosity = Literal["low", "medium", "high", "xhigh", "max"]
"""Answer length and detail (§2.1)."""

Route = Literal["fallback", "sort"]
"""Deprecated top-level routing switch (§2.1): an alias of ``provider.sort.partition``."""

Modality = Literal["text", "image", "audio"]
"""Output modalities (§2.1), e.g. ``["image", "text"]``."""

SortBy = Literal["price", "throughput", "latency", "exacto"]
"""What ``provider.sort`` orders endpoints by (§2.7)."""

Quantization = Literal[
    "int4",
    "int8",
    "fp4",
    "mxfp4",
    "nvfp4",
    "fp6",
    "fp8",
    "mxfp8",
    "fp16",
    "bf16",
    "fp32",
    "unknown",
]
"""Quantization levels ``provider.quantizations`` may allow (§2.7)."""


# Numbers keep their JSON type (1 stays 1, not 1.0): what is sent is what was given.
_NonNegative = Annotated[int, Field(ge=0)] | Annotated[float, Field(ge=0)]
_Price = int | float | str


class _Option(BaseModel):
    """Strict base: an unknown key is an error, never silently sent."""

    model_config = ConfigDict(extra="forbid")

    def to_wire(self) -> dict[str, Any]:
        """The JSON object sent: the keys that were set, by their wire names."""
        return self.model_dump(mode="json", exclude_unset=True, by_alias=True)


class Reasoning(_Option):
    """``reasoning`` (§2.6): how much the model thinks and whether the thinking is returned.

    ``effort`` and ``max_tokens`` are exclusive (the reference: use either). ``max_tokens`` is a
    token budget; Anthropic allows 1024 to 128000, and the request's own ``max_tokens`` must be
    larger.

    Example:
        >>> Reasoning(effort="high", exclude=True).to_wire()
        {'effort': 'high', 'exclude': True}
    """

    effort: Effort | None = None
    max_tokens: int | None = Field(default=None, ge=1)
    exclude: bool | None = None
    enabled: bool | None = None
    summary: Literal["auto", "concise", "detailed"] | None = None
    context: Literal["auto", "all_turns", "current_turn"] | None = None
    mode: Literal["standard", "pro"] | None = None

    @model_validator(mode="after")
    def _effort_or_budget(self) -> Self:
        if self.effort is not None and self.max_tokens is not None:
            raise ValueError(
                "effort and max_tokens are exclusive: set either an effort level or a token "
                "budget, not both"
            )
        return self


class ProviderSort(_Option):
    """The object form of ``provider.sort`` (§2.7).

    Example:
        >>> ProviderSort(by="price", partition="none").to_wire()
        {'by': 'price', 'partition': 'none'}
    """

    by: SortBy
    partition: Literal["model", "none"] | None = None


class LatencyPercentiles(_Option):
    """Latency ceilings in seconds by percentile (``provider.preferred_max_latency``)."""

    p50: _NonNegative | None = None
    p75: _NonNegative | None = None
    p90: _NonNegative | None = None
    p99: _NonNegative | None = None


class ThroughputPercentiles(_Option):
    """Throughput floors in tokens/s by percentile (``provider.preferred_min_throughput``)."""

    p50: _NonNegative | None = None
    p75: _NonNegative | None = None
    p90: _NonNegative | None = None
    p99: _NonNegative | None = None


class MaxPrice(_Option):
    """Price ceilings in USD: per million tokens for prompt/completion, else per unit (§2.7)."""

    prompt: _Price | None = None
    completion: _Price | None = None
    request: _Price | None = None
    image: _Price | None = None
    audio: _Price | None = None


class ProviderPreferences(_Option):
    """``provider`` (§2.7): which upstream providers may serve the request, and in what order.

    Example:
        >>> ProviderPreferences(
        ...     order=["anthropic"], allow_fallbacks=False, sort=ProviderSort(by="price")
        ... ).to_wire()
        {'order': ['anthropic'], 'allow_fallbacks': False, 'sort': {'by': 'price'}}
    """

    order: list[str] | None = None
    allow_fallbacks: bool | None = None
    require_parameters: bool | None = None
    data_collection: Literal["allow", "deny"] | None = None
    zdr: bool | None = None
    enforce_distillable_text: bool | None = None
    only: list[str] | None = None
    ignore: list[str] | None = None
    quantizations: list[Quantization] | None = None
    sort: SortBy | ProviderSort | None = None
    preferred_max_latency: _NonNegative | LatencyPercentiles | None = None
    preferred_min_throughput: _NonNegative | ThroughputPercentiles | None = None
    max_price: MaxPrice | None = None


class _Plugin(_Option):
    """Every plugin has an ``id`` (always sent) and may be switched off with ``enabled=False``."""

    enabled: bool | None = None

    @model_validator(mode="after")
    def _id_is_sent(self) -> Self:
        self.model_fields_set.add("id")
        return self


class WebPlugin(_Plugin):
    """``{"id": "web"}``: web search grounding; results return as ``url_citation`` annotations.

    Example:
        >>> WebPlugin(max_results=3).to_wire()
        {'id': 'web', 'max_results': 3}
    """

    id: Literal["web"] = "web"
    engine: Literal["native", "exa", "firecrawl", "parallel", "perplexity"] | None = None
    mode: (
        Literal[
            "instant",
            "fast",
            "auto",
            "deep-lite",
            "deep",
            "deep-reasoning",
            "turbo",
            "basic",
            "advanced",
        ]
        | None
    ) = None
    """Engine-specific: Exa ``instant`` … ``deep-reasoning``; Parallel ``turbo`` … ``advanced``."""
    max_results: int | None = Field(default=None, ge=1)
    max_uses: int | None = Field(default=None, ge=1)
    search_prompt: str | None = None
    include_domains: list[str] | None = None
    exclude_domains: list[str] | None = None
    user_location: dict[str, Any] | None = None


class WebFetchPlugin(_Plugin):
    """``{"id": "web-fetch"}``: fetch the contents of URLs."""

    id: Literal["web-fetch"] = "web-fetch"
    max_uses: int | None = Field(default=None, ge=1)
    max_content_tokens: int | None = Field(default=None, ge=1)
    allowed_domains: list[str] | None = None
    blocked_domains: list[str] | None = None


class PdfOptions(_Option):
    """``pdf`` of the file-parser plugin (``"pdf-text"`` is the deprecated ``cloudflare-ai``)."""

    engine: Literal["mistral-ocr", "cloudflare-ai", "native", "pdf-text"] | None = None


class FileParserPlugin(_Plugin):
    """``{"id": "file-parser"}``: how PDFs are parsed.

    Example:
        >>> FileParserPlugin(pdf=PdfOptions(engine="cloudflare-ai")).to_wire()
        {'id': 'file-parser', 'pdf': {'engine': 'cloudflare-ai'}}
    """

    id: Literal["file-parser"] = "file-parser"
    pdf: PdfOptions | None = None


class ResponseHealingPlugin(_Plugin):
    """``{"id": "response-healing"}``: repairs malformed JSON of non-streamed json_schema calls."""

    id: Literal["response-healing"] = "response-healing"


class ContextCompressionPlugin(_Plugin):
    """``{"id": "context-compression"}``: trims the middle of over-long prompts."""

    id: Literal["context-compression"] = "context-compression"
    engine: Literal["middle-out"] | None = None


class ModerationPlugin(_Plugin):
    """``{"id": "moderation"}``: OpenRouter's moderation."""

    id: Literal["moderation"] = "moderation"


class AutoRouterPlugin(_Plugin):
    """``{"id": "auto-router"}``: constraints for ``openrouter/auto`` (wildcards allowed)."""

    id: Literal["auto-router"] = "auto-router"
    allowed_models: list[str] | None = None
    excluded_models: list[str] | None = None
    cost_tier: str | None = None
    pin_model: str | None = None


class PassThroughRouterPlugin(_Plugin):
    """``auto-beta-router``, ``pareto-router``, ``fusion``: router-specific keys, passed through."""

    model_config = ConfigDict(extra="allow")

    id: Literal["auto-beta-router", "pareto-router", "fusion"]


Plugin = Annotated[
    WebPlugin
    | WebFetchPlugin
    | FileParserPlugin
    | ResponseHealingPlugin
    | ContextCompressionPlugin
    | ModerationPlugin
    | AutoRouterPlugin
    | PassThroughRouterPlugin,
    Field(discriminator="id"),
]
"""One entry of ``plugins`` (§2.8), chosen by its ``id``."""


class WebSearchOptions(_Option):
    """``web_search_options`` (§2.1) for models with native web search."""

    search_context_size: Literal["low", "medium", "high"] | None = None
    user_location: dict[str, Any] | None = None


class ImageConfig(_Option):
    """``image_config`` (§2.1): image options. Providers define more keys; those pass through."""

    model_config = ConfigDict(extra="allow")

    aspect_ratio: str | None = None
    quality: str | None = None


class PredictionText(_Option):
    """One text part of a predicted output."""

    type: Literal["text"] = "text"
    text: str

    @model_validator(mode="after")
    def _type_is_sent(self) -> Self:
        self.model_fields_set.add("type")
        return self


class Prediction(_Option):
    """``prediction`` (§2.1): the expected output, to cut latency.

    Example:
        >>> Prediction(content="def f(): ...").to_wire()
        {'type': 'content', 'content': 'def f(): ...'}
    """

    type: Literal["content"] = "content"
    content: str | list[PredictionText]

    @model_validator(mode="after")
    def _type_is_sent(self) -> Self:
        self.model_fields_set.add("type")
        return self


# Body key -> the type its value must have. One table for the chat model, the embeddings and
# rerank ``provider`` and the emulator's request checks.
_OPTIONS: dict[str, Any] = {
    "reasoning": Reasoning,
    "reasoning_effort": Effort,
    "provider": ProviderPreferences,
    "plugins": list[Plugin],
    "web_search_options": WebSearchOptions,
    "image_config": ImageConfig,
    "modalities": list[Modality],
    "prediction": Prediction,
    "verbosity": Verbosity,
    "route": Route,
}
_ADAPTERS: dict[str, TypeAdapter[Any]] = {key: TypeAdapter(tp) for key, tp in _OPTIONS.items()}


def check_option(key: str, value: Any, *, label: str | None = None) -> Any:
    """Check one option against the reference and return its JSON value.

    Args:
        key: The body key: ``"reasoning"``, ``"reasoning_effort"``, ``"provider"``,
            ``"plugins"``, ``"web_search_options"``, ``"image_config"``, ``"modalities"``,
            ``"prediction"``, ``"verbosity"`` or ``"route"``.
        value: A dict (list, string) or the typed model(s).
        label: The name to report in errors (e.g. ``"openrouter_provider"``); default ``key``.

    Returns:
        The JSON value to send: the keys that were given, in wire form.

    Raises:
        ValueError: An unknown key, a value outside a documented enum, the wrong type, or
            exclusive settings together; the message names the field, the allowed values and
            the closest match.

    Example:
        >>> check_option("route", "sorted")
        Traceback (most recent call last):
        ...
        ValueError: route: 'sorted' is not allowed; did you mean 'sort'? Allowed: 'fallback', 'sort'
    """
    adapter = _ADAPTERS[key]
    try:
        checked = adapter.validate_python(value)
    except ValidationError as error:
        raise ValueError(_describe(error, label or key, _OPTIONS[key])) from None
    return adapter.dump_python(checked, mode="json", exclude_unset=True, by_alias=True)


def check_options(body: Mapping[str, Any]) -> dict[str, Any]:
    """Check every option of a request body (see :func:`check_option`); ``None`` values skipped.

    Returns:
        The checked options in JSON form, by body key.

    Example:
        >>> check_options({"route": "fallback", "model": "x"})
        {'route': 'fallback'}
    """
    return {
        key: check_option(key, body[key])
        for key in _OPTIONS
        if key in body and body[key] is not None
    }


# ---- turning pydantic's errors into one message that says what to write instead --------------

_QUOTED = re.compile(r"'([^']*)'")
# The error kinds that say most about a typo, preferred in this order when a union gives several.
_PREFERRED = ("extra_forbidden", "union_tag_invalid", "literal_error", "value_error")


def _models_in(tp: Any) -> list[type[BaseModel]]:
    """The pydantic models a type annotation can hold (through lists, unions, Annotated)."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(tp):
        found += _models_in(arg)
    return found


def _tag_matches(model: type[BaseModel], part: str) -> bool:
    if model.__name__ == part:
        return True
    field = model.model_fields.get("id")
    return field is not None and part in typing.get_args(field.annotation)


def _walk(root: Any, loc: tuple[int | str, ...]) -> tuple[str, list[type[BaseModel]]]:
    """A readable path for an error location, and the models that can sit at its end."""
    candidates = _models_in(root)
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
            continue
        owner = next((m for m in candidates if part in m.model_fields), None)
        if owner is not None:
            path += f".{part}"
            candidates = _models_in(owner.model_fields[part].annotation)
        else:  # a union member or a discriminator tag: not part of the user's path
            candidates = [m for m in candidates if _tag_matches(m, part)] or candidates
    return path, candidates


def _rank(error: ErrorDetails) -> tuple[int, int]:
    # The most telling kind first; among equals the deepest, so that a dict given to a union
    # of a string enum and an object reports the object's mistake, not the enum's.
    kind = error["type"]
    return (_PREFERRED.index(kind) if kind in _PREFERRED else len(_PREFERRED), -len(error["loc"]))


def _describe(error: ValidationError, label: str, root: Any) -> str:
    first = min(error.errors(include_url=False), key=_rank)
    kind, loc, given = first["type"], tuple(first["loc"]), first.get("input")
    context = first.get("ctx", {})
    if kind == "extra_forbidden":
        path, models = _walk(root, loc[:-1])
        key = str(loc[-1])
        allowed = sorted({name for model in models for name in model.model_fields})
        return f"{label}{path}: unknown key {key!r}{hint(key, allowed)}"
    path, models = _walk(root, loc)
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        field = str(context.get("discriminator", "")).strip("'")
        tags = [t for m in models for t in typing.get_args(m.model_fields[field].annotation)]
        if kind == "union_tag_not_found":
            return f"{label}{path}: {field!r} is required. Allowed: {', '.join(map(repr, tags))}"
        tag = str(context.get("tag", ""))
        return f"{label}{path}: unknown {field} {tag!r}{hint(tag, tags)}"
    if kind == "literal_error":
        values = _QUOTED.findall(str(context.get("expected", "")))
        return f"{label}{path}: {given!r} is not allowed{hint(str(given), values)}"
    if kind == "model_type" and len(models) == 1:
        keys = ", ".join(sorted(models[0].model_fields))
        return (
            f"{label}{path} must be a mapping (or a {models[0].__name__}) with keys among: "
            f"{keys}; got {given!r}"
        )
    message = str(first["msg"]).removeprefix("Value error, ")
    if kind == "value_error":
        return f"{label}{path}: {message}"
    if kind.endswith("_type"):
        # A union of types fails once per member: say every type that would do.
        wanted = [
            str(e["msg"]).removeprefix("Input should be ")
            for e in error.errors(include_url=False)
            if e["type"].endswith("_type") and _walk(root, tuple(e["loc"]))[0] == path
        ]
        message = "Input should be " + " or ".join(dict.fromkeys(wanted))
    return f"{label}{path}: {message}, got {given!r}"

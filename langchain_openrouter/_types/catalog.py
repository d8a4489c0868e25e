"""Credits, the model catalog, its extras, providers and endpoints (openrouter-api.md §7, §8, §10).

Private: import these names from :mod:`langchain_openrouter.types`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import (
    Field,
)

from langchain_openrouter._types.common import APIObject, _Price, _UTCDateTime


class Credits(APIObject):
    """The account's credits (``GET /credits``, ``openrouter-api.md`` §8.3).

    Example:
        >>> Credits(total_credits=100.5, total_usage=25.75).balance
        74.75
    """

    total_credits: float
    """Credits bought in total, USD."""

    total_usage: float
    """Credits spent in total, USD."""

    @property
    def balance(self) -> float:
        """What is left to spend, USD (``total_credits - total_usage``)."""
        return self.total_credits - self.total_usage


class PriceOverride(APIObject):
    """A conditional price set, e.g. other prices above ``min_prompt_tokens`` prompt tokens."""

    min_prompt_tokens: int | None = None
    """The prices apply from this many prompt tokens on."""

    prompt: _Price | None = None
    """USD per prompt token under this condition."""

    completion: _Price | None = None
    """USD per completion token under this condition."""


class ModelPricing(APIObject):
    """A model's prices (§7.2): ``Decimal`` USD per token unless noted; absent means not priced.

    ``-1`` marks variable pricing (routers such as ``openrouter/auto``).
    """

    prompt: _Price
    """USD per prompt token."""

    completion: _Price
    """USD per completion token."""

    request: _Price | None = None
    """USD per request."""

    image: _Price | None = None
    """USD per input image."""

    image_token: _Price | None = None
    """USD per image token."""

    image_output: _Price | None = None
    """USD per output image."""

    audio: _Price | None = None
    """USD per input audio token."""

    audio_output: _Price | None = None
    """USD per output audio token."""

    input_audio_cache: _Price | None = None
    """USD per cached input audio token."""

    web_search: _Price | None = None
    """USD per web search."""

    internal_reasoning: _Price | None = None
    """USD per reasoning token."""

    input_cache_read: _Price | None = None
    """USD per prompt token read from the cache."""

    input_cache_write: _Price | None = None
    """USD per prompt token written to the cache (5-minute TTL)."""

    input_cache_write_1h: _Price | None = None
    """USD per prompt token written to the cache with a 1-hour TTL."""

    discount: float | None = None
    """Discount from 0 to 1."""

    overrides: list[PriceOverride] | None = None
    """Conditional price sets."""


class ModelArchitecture(APIObject):
    """What a model takes and produces (§7.2)."""

    modality: str | None = None
    """Summary such as ``"text+image->text"``."""

    input_modalities: list[str] = Field(default_factory=list)
    """Among ``text``, ``image``, ``file``, ``audio``, ``video``."""

    output_modalities: list[str] = Field(default_factory=list)
    """Among ``text``, ``image``, ``embeddings``, ``audio``, ``video`` and others."""

    tokenizer: str | None = None
    """Tokenizer family, e.g. ``"GPT"``, ``"Claude"`` (an open set)."""

    instruct_type: str | None = None
    """Instruction format, e.g. ``"chatml"``, or ``None``."""


class ModelTopProvider(APIObject):
    """Limits of the model's primary provider (§7.2)."""

    context_length: int | None = None
    """Context window in tokens."""

    max_completion_tokens: int | None = None
    """Output cap in tokens."""

    is_moderated: bool | None = None
    """Whether OpenRouter moderates input for this provider."""


class ModelReasoning(APIObject):
    """Reasoning support of a reasoning model (§7.2)."""

    mandatory: bool
    """Whether reasoning cannot be turned off."""

    supported_efforts: list[str] | None = None
    """Accepted ``reasoning.effort`` values."""

    default_effort: str | None = None
    """The effort used when none is given."""

    default_enabled: bool | None = None
    """Whether reasoning is on by default."""

    supports_max_tokens: bool | None = None
    """Whether ``reasoning.max_tokens`` is accepted."""


class ModelInfo(APIObject):
    """One model of the catalog (``GET /models``, ``GET /model/{author}/{slug}``; §7.2).

    Example:
        >>> m = ModelInfo.model_validate({
        ...     "id": "a/b", "canonical_slug": "a/b-1", "name": "A: B", "created": 0,
        ...     "context_length": 8192, "architecture": {}, "top_provider": {},
        ...     "pricing": {"prompt": "0.000001", "completion": "0.000002"},
        ...     "per_request_limits": None, "supported_parameters": ["tools"],
        ...     "default_parameters": None})
        >>> m.pricing.prompt * 1_000_000, m.created.isoformat()
        (Decimal('1.000000'), '1970-01-01T00:00:00+00:00')
    """

    id: str
    """Routable id, possibly with a variant (``"qwen/qwen3-235b-a22b:free"``)."""

    canonical_slug: str
    """Permanent dated slug (``"openai/gpt-4.1-nano-2025-04-14"``)."""

    name: str
    """Display name, ``"Author: Model"``."""

    created: datetime
    """When the model was added (UTC)."""

    context_length: int | None
    """Context window in tokens."""

    architecture: ModelArchitecture
    """Input and output modalities, tokenizer."""

    pricing: ModelPricing
    """Prices (``Decimal`` USD)."""

    top_provider: ModelTopProvider
    """Limits of the primary provider."""

    per_request_limits: dict[str, Any] | None
    """``{"prompt_tokens", "completion_tokens"}`` limits; almost always ``None``."""

    supported_parameters: list[str]
    """Request parameters the model accepts (``"tools"``, ``"reasoning"``...)."""

    default_parameters: dict[str, Any] | None
    """Provider defaults for sampling parameters; may be empty or all ``None``."""

    hugging_face_id: str | None = None
    """Hugging Face repository id; ``""`` for closed models."""

    description: str | None = None
    """Markdown description."""

    reasoning: ModelReasoning | None = None
    """Reasoning support; only on reasoning models."""

    supported_voices: list[str] | None = None
    """Voices of text-to-speech models."""

    knowledge_cutoff: str | None = None
    """``YYYY-MM-DD`` or ``YYYY-MM`` (kept as sent, as a month is not a date)."""

    expiration_date: date | None = None
    """The model may be removed after this day."""

    links: dict[str, str] | None = None
    """Related routes, e.g. ``{"details": "/api/v1/models/<slug>/endpoints"}``."""

    alias_target: dict[str, Any] | None = None
    """``{"slug", "name"}`` of the model a tilde alias resolves to."""

    benchmarks: dict[str, Any] | None = None
    """Benchmark scores (``artificial_analysis``, ``design_arena``)."""


class ModelCount(APIObject):
    """How many models the catalog lists (``GET /models/count``, §7.3).

    Example:
        >>> ModelCount.model_validate({"count": 352}).count
        352
    """

    count: int
    """Number of models matching the query."""


class Percentiles(APIObject):
    """``p50``/``p75``/``p90``/``p99`` of a measure over the last 30 minutes (§7.6)."""

    p50: float | None = None
    p75: float | None = None
    p90: float | None = None
    p99: float | None = None


class EndpointInfo(APIObject):
    """One model served by one provider (OpenRouter's ``PublicEndpoint``, §7.6 and §10.2).

    Example:
        >>> e = EndpointInfo.model_validate({
        ...     "name": "OpenAI | openai/gpt-4o", "model_id": "openai/gpt-4o",
        ...     "model_name": "OpenAI: GPT-4o", "context_length": 128000,
        ...     "pricing": {"prompt": "0.0000025", "completion": "0.00001"},
        ...     "provider_name": "OpenAI", "tag": "openai", "status": 0})
        >>> e.tag, e.pricing.prompt * 1_000_000
        ('openai', Decimal('2.5000000'))
    """

    name: str
    """``"Provider | model"``."""

    model_id: str
    """The model's permanent (canonical) slug."""

    model_name: str
    """The model's display name."""

    context_length: int | None = None
    """Context window in tokens on this provider."""

    pricing: ModelPricing
    """This provider's prices (``Decimal`` USD per token)."""

    provider_name: str
    """Provider display name (what chat responses put in ``provider``)."""

    tag: str
    """Provider slug, possibly with a region or variant (``"google-vertex/global"``); the value
    for ``provider.order`` / ``only`` / ``ignore``."""

    quantization: str | None = None
    """Weights precision such as ``"fp8"``; ``None`` when not disclosed."""

    max_completion_tokens: int | None = None
    """Output cap in tokens."""

    max_prompt_tokens: int | None = None
    """Prompt cap in tokens."""

    supported_parameters: list[str] = Field(default_factory=list)
    """Request parameters this provider accepts."""

    status: int | None = None
    """``0`` healthy; negative values (``-1``, ``-2``, ``-3``, ``-5``, ``-10``) degraded or
    disabled."""

    uptime_last_5m: float | None = None
    """Uptime over the last 5 minutes, percent."""

    uptime_last_30m: float | None = None
    """Uptime over the last 30 minutes, percent."""

    uptime_last_1d: float | None = None
    """Uptime over the last day, percent."""

    latency_last_30m: Percentiles | None = None
    """Time to first token, milliseconds; ``None`` when the request carried no key."""

    throughput_last_30m: Percentiles | None = None
    """Tokens per second; ``None`` when the request carried no key."""

    supports_implicit_caching: bool | None = None
    """Whether long prompt prefixes are cached without ``cache_control``."""

    supports_voice_cloning: bool | None = None
    """Text-to-speech endpoints only."""


class ModelEndpoints(APIObject):
    """A model and the provider endpoints serving it (§7.6).

    Route: ``GET /models/{author}/{slug}/endpoints``.
    """

    id: str
    """The model id the endpoints were asked for."""

    name: str
    """Display name."""

    created: _UTCDateTime
    """When the model was added (UTC)."""

    description: str | None = None
    """Markdown description."""

    architecture: ModelArchitecture
    """Input and output modalities, tokenizer."""

    endpoints: list[EndpointInfo]
    """One entry per provider (and region) serving the model."""


class ProviderInfo(APIObject):
    """An upstream provider (``GET /providers``, §10.1).

    Example:
        >>> ProviderInfo.model_validate({"name": "OpenAI", "slug": "openai"}).datacenters
        []
    """

    name: str
    """Display name (what chat responses put in ``provider``)."""

    slug: str
    """The value for ``provider.order`` / ``only`` / ``ignore`` and guardrail provider lists."""

    privacy_policy_url: str | None = None
    terms_of_service_url: str | None = None
    status_page_url: str | None = None

    headquarters: str | None = None
    """ISO-3166 alpha-2 country code."""

    datacenters: list[str] = Field(default_factory=list)
    """ISO-3166 alpha-2 country codes of its datacenters."""

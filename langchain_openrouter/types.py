"""The objects OpenRouter's platform routes return, as typed pydantic models.

Every class keeps fields it does not declare (``extra="allow"``), so a field OpenRouter adds
later is readable as an attribute and never lost. Fields the reference marks optional are
optional. Prices are ``Decimal`` (USD per token or per unit, sent as decimal strings), costs
and balances are floats in USD, times are UTC-aware ``datetime`` objects.

Example:
    .. code-block:: python

        from langchain_openrouter import get_model

        model = get_model("openai/gpt-4o-mini")
        print(model.pricing.prompt * 1_000_000, "USD per million prompt tokens")
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    SecretStr,
    field_validator,
    model_validator,
)

__all__ = [
    "APIKey",
    "APIObject",
    "ActivityRow",
    "AssignmentResult",
    "AuthCode",
    "AuthKey",
    "BuiltinFilterRule",
    "CoinbaseCharge",
    "ContentFilter",
    "ContentFilterBuiltin",
    "CreatedAPIKey",
    "Credits",
    "DeleteResult",
    "EndpointInfo",
    "FilterRule",
    "Generation",
    "Guardrail",
    "GuardrailKeyAssignment",
    "GuardrailMemberAssignment",
    "GuardrailRules",
    "KeyInfo",
    "KeyRateLimit",
    "ModelArchitecture",
    "ModelCount",
    "ModelEndpoints",
    "ModelInfo",
    "ModelPricing",
    "ModelReasoning",
    "ModelTopProvider",
    "PKCEPair",
    "Page",
    "Percentiles",
    "PriceOverride",
    "ProviderInfo",
    "ProviderResponse",
    "UnassignmentResult",
]


# ---------------------------------------------------------------------------------------------
# Shared: the base class, UTC times, pages and delete answers
# ---------------------------------------------------------------------------------------------
class APIObject(BaseModel):
    """Base of every object returned by the API: undeclared fields are kept as attributes.

    Example:
        >>> obj = APIObject.model_validate({"new_field": 1})
        >>> obj.new_field
        1
    """

    model_config = ConfigDict(extra="allow", populate_by_name=True, protected_namespaces=())


def _as_utc(value: datetime) -> datetime:
    """OpenRouter writes UTC; a time without an offset is read as UTC, an aware one moved to UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


_UTCDateTime = Annotated[datetime, AfterValidator(_as_utc)]
"""A ``datetime`` always in UTC with its ``tzinfo`` set, from ISO-8601 text or Unix seconds."""

_Price = Annotated[Decimal, PlainSerializer(lambda d: format(d, "f"), when_used="json")]
"""A USD price, parsed from OpenRouter's decimal string and dumped back to it in JSON mode
(positional notation, as sent: ``"0.00000015"``, never ``"1.5E-7"``)."""

_ItemT = TypeVar("_ItemT")


class Page(APIObject, Generic[_ItemT]):
    """One page of a paginated list: ``{"data": [...], "total_count": int}``.

    Example:
        >>> page = Page[Guardrail].model_validate({"data": [], "total_count": 0})
        >>> page.data, page.total_count
        ([], 0)
    """

    data: list[_ItemT]
    """The items of this page."""

    total_count: int | None = None
    """Items across all pages (``offset``/``limit`` select the page)."""


class DeleteResult(APIObject):
    """The answer of a ``DELETE`` (a key, a guardrail): ``{"deleted": true}``."""

    deleted: bool
    """``True`` once the object is gone."""


# ---------------------------------------------------------------------------------------------
# Credits and the model catalog (openrouter-api.md §7, §8)
# ---------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------
# Keys, credits, generations and activity (openrouter-api.md §8)
# ---------------------------------------------------------------------------------------------


_LimitReset = Literal["daily", "weekly", "monthly"]
"""When a key's spending limit resets (midnight UTC; weeks run Monday to Sunday)."""


class KeyRateLimit(APIObject):
    """The deprecated ``rate_limit`` of ``GET /key`` (kept as sent)."""

    requests: int | None = None
    """Requests per interval; ``-1`` on current keys."""

    interval: str | None = None
    """Interval such as ``"10s"``."""

    note: str | None = None
    """OpenRouter's deprecation note."""


class _KeySpend(APIObject):
    """Limit and spend fields shared by ``GET /key`` and the ``/keys`` key object (USD)."""

    limit: float | None = None
    """Spending limit in USD; ``None`` means unlimited."""

    limit_remaining: float | None = None
    """What is left of the limit in the current window, USD; ``None`` means unlimited."""

    limit_reset: _LimitReset | None = None
    """When the limit resets; ``None`` means never."""

    include_byok_in_limit: bool | None = None
    """Whether spend on your own provider keys (BYOK) counts towards the limit."""

    usage: float = 0.0
    """USD spent through OpenRouter credits, all time."""

    usage_daily: float | None = None
    """USD spent this UTC day."""

    usage_weekly: float | None = None
    """USD spent this UTC week (Monday to Sunday)."""

    usage_monthly: float | None = None
    """USD spent this UTC month."""

    byok_usage: float | None = None
    """USD spent on your own provider keys (BYOK), all time."""

    byok_usage_daily: float | None = None
    """BYOK USD this UTC day."""

    byok_usage_weekly: float | None = None
    """BYOK USD this UTC week."""

    byok_usage_monthly: float | None = None
    """BYOK USD this UTC month."""

    creator_user_id: str | None = None
    """The user who created the key."""

    expires_at: _UTCDateTime | None = None
    """When the key stops working; ``None`` means never."""


class KeyInfo(_KeySpend):
    """The calling key (``GET /key``, §8.1): limit, spend, free tier, key kind.

    Older answers carry only ``label``, ``usage``, ``limit``, ``is_free_tier`` and
    ``rate_limit``; every other field is then ``None``.

    Example:
        >>> info = KeyInfo.model_validate({"label": "sk-or-v1-0e6...1c96", "usage": 25.5,
        ...                                "limit": 100, "limit_remaining": 74.5})
        >>> info.limit_remaining, info.is_free_tier
        (74.5, None)
    """

    label: str
    """The key, masked (``sk-or-v1-0e6...1c96``); this route gives no name and no hash."""

    limit: float | None
    """Spending limit in USD; ``None`` means unlimited."""

    is_free_tier: bool | None = None
    """Whether the account has never bought credits."""

    is_management_key: bool | None = None
    """Whether this is a management key (it cannot call completions)."""

    is_provisioning_key: bool | None = None
    """Deprecated duplicate of ``is_management_key``."""

    rate_limit: KeyRateLimit | None = None
    """Deprecated; OpenRouter says it is safe to ignore."""


class APIKey(_KeySpend):
    """A stored key, as the ``/keys`` management routes list, create and update it (§8.2).

    Example:
        >>> key = APIKey.model_validate({
        ...     "hash": "f01d52606dc8f0a8303a7b5cc3fa07109c2e346cec7c0a16b40de462992ce943",
        ...     "name": "Customer Key", "label": "sk-or-v1-abc...123", "disabled": False,
        ...     "created_at": "2025-02-19T20:52:27.363244+00:00"})
        >>> key.name, key.created_at.isoformat()
        ('Customer Key', '2025-02-19T20:52:27.363244+00:00')
    """

    hash: str
    """SHA-256 hex of the key: its identifier in ``/keys/{hash}`` and guardrail assignments."""

    name: str
    """The name given at creation."""

    label: str
    """The key, masked (``sk-or-v1-abc...123``)."""

    disabled: bool
    """Whether the key is refused."""

    created_at: _UTCDateTime
    """When the key was created."""

    updated_at: _UTCDateTime | None = None
    """When the key was last changed; ``None`` if never."""

    workspace_id: str | None = None
    """The workspace the key belongs to."""


class CreatedAPIKey(APIKey):
    """A new key (``POST /keys``, 201): the stored key and, this one time, its secret.

    OpenRouter sends ``{"data": <key>, "key": "sk-or-v1-..."}``; the secret is merged into the
    key object as :attr:`key`, a ``SecretStr`` that prints as ``'**********'``.

    Example:
        >>> created = CreatedAPIKey.model_validate({"key": "sk-or-v1-abc", "data": {
        ...     "hash": "0" * 64, "name": "ci", "label": "sk-or-v1-abc...abc",
        ...     "disabled": False, "created_at": "2025-02-19T20:52:27+00:00"}})
        >>> created.name, created.key, created.key.get_secret_value()
        ('ci', SecretStr('**********'), 'sk-or-v1-abc')
    """

    key: SecretStr
    """The new key; OpenRouter shows it only in this answer, so store it now."""

    @model_validator(mode="before")
    @classmethod
    def _merge_envelope(cls, body: Any) -> Any:
        if isinstance(body, dict) and isinstance(body.get("data"), dict):
            rest = {k: v for k, v in body.items() if k != "data"}
            return {**body["data"], **rest}
        return body


class CoinbaseCharge(APIObject):
    """A Coinbase Commerce charge (``POST /credits/coinbase``, §8.4): historical shape.

    OpenRouter removed the route (it answers 410), so no call returns this any more; it is kept
    so that code written against the old answer still type-checks.
    """

    id: str
    """The charge id."""

    created_at: _UTCDateTime | None = None
    """When the charge was created."""

    expires_at: _UTCDateTime | None = None
    """When the charge expires."""

    web3_data: dict[str, Any] | None = None
    """``{"transfer_intent": {"metadata": ..., "call_data": ...}}`` for the wallet."""


class ProviderResponse(APIObject):
    """One attempt at a provider for a generation, fallbacks included (§8.5)."""

    id: str | None = None
    """The provider's id for the attempt."""

    endpoint_id: str | None = None
    """The OpenRouter endpoint tried."""

    model_permaslug: str | None = None
    """The model's permanent slug."""

    provider_name: str | None = None
    """The provider tried."""

    status: int | None = None
    """The provider's HTTP status."""

    latency: float | None = None
    """Milliseconds the attempt took."""

    is_byok: bool | None = None
    """Whether your own provider key was used."""


class Generation(APIObject):
    """What one generation cost and how it was served (``GET /generation?id=``, §8.5).

    Token counts come twice: ``tokens_*`` as OpenRouter normalises them and ``native_tokens_*``
    as the provider's tokenizer counts them (what is billed). Times are milliseconds, money USD.
    The seed list's ``usage`` object of token counts does not exist: ``usage`` is USD.

    Example:
        >>> gen = Generation.model_validate({"id": "gen-1", "total_cost": 2.42e-05,
        ...                                  "native_tokens_prompt": 131, "latency": 812})
        >>> gen.total_cost, gen.native_tokens_prompt, gen.latency
        (2.42e-05, 131, 812.0)
    """

    id: str
    """The generation id (``gen-...``), as in the completion's ``id``."""

    request_id: str | None = None
    """Groups every generation of one API call."""

    upstream_id: str | None = None
    """The provider's own id."""

    model: str | None = None
    """The model that answered."""

    api_type: str | None = None
    """``completions``, ``embeddings``, ``rerank``, ``tts``, ``stt``, ``video`` or ``image``."""

    provider_name: str | None = None
    """The provider that served it."""

    router: str | None = None
    """The router used (``openrouter/auto`` ...), if any."""

    app_id: int | str | None = None
    """The app the request was attributed to."""

    created_at: _UTCDateTime | None = None
    """When the generation was made."""

    streamed: bool | None = None
    """Whether it was streamed."""

    cancelled: bool | None = None
    """Whether the caller cancelled it."""

    latency: float | None = None
    """Milliseconds until the first token."""

    generation_time: float | None = None
    """Milliseconds the provider spent generating."""

    moderation_latency: float | None = None
    """Milliseconds spent on moderation."""

    tokens_prompt: int | None = None
    """Prompt tokens, normalised."""

    tokens_completion: int | None = None
    """Completion tokens, normalised."""

    native_tokens_prompt: int | None = None
    """Prompt tokens by the provider's tokenizer (billed)."""

    native_tokens_completion: int | None = None
    """Completion tokens by the provider's tokenizer (billed)."""

    native_tokens_reasoning: int | None = None
    """Reasoning tokens by the provider's tokenizer."""

    native_tokens_cached: int | None = None
    """Prompt tokens read from the provider's cache."""

    native_tokens_completion_images: int | None = None
    """Image tokens in the completion."""

    num_media_prompt: int | None = None
    """Media items in the prompt."""

    num_media_completion: int | None = None
    """Media items in the completion."""

    num_input_audio_prompt: int | None = None
    """Audio inputs in the prompt."""

    num_search_results: int | None = None
    """Web search results used."""

    num_fetches: int | None = None
    """Web pages fetched."""

    usage: float | None = None
    """USD charged (same as ``total_cost``)."""

    total_cost: float | None = None
    """USD charged."""

    upstream_inference_cost: float | None = None
    """USD the provider charged your own key (BYOK only)."""

    cache_discount: float | None = None
    """USD saved by prompt caching."""

    is_byok: bool | None = None
    """Whether your own provider key was used."""

    finish_reason: str | None = None
    """Normalised finish reason."""

    native_finish_reason: str | None = None
    """The provider's finish reason."""

    origin: str | None = None
    """The request's origin."""

    http_referer: str | None = None
    """The ``HTTP-Referer`` sent."""

    user_agent: str | None = None
    """The ``User-Agent`` sent."""

    external_user: str | None = None
    """The request's ``user`` field."""

    session_id: str | None = None
    """The request's session id."""

    preset_id: str | None = None
    """The preset used."""

    response_cache_source_id: str | None = None
    """The generation a cached response came from."""

    data_region: str | None = None
    """``global``, ``europe`` or ``us``."""

    service_tier: str | None = None
    """The provider's service tier."""

    web_search_engine: str | None = None
    """The web search engine used."""

    workspace_id: str | None = None
    """The workspace billed."""

    provider_responses: list[ProviderResponse] | None = None
    """Every provider attempt, fallbacks included."""


class ActivityRow(APIObject):
    """Spend and tokens of one UTC day, model and endpoint (``GET /activity``, §8.6).

    Example:
        >>> row = ActivityRow.model_validate({"date": "2025-08-24", "model": "openai/gpt-4.1",
        ...                                   "usage": 0.015, "requests": 5})
        >>> row.date.isoformat(), row.usage, row.requests
        ('2025-08-24', 0.015, 5)
    """

    date: date
    """The UTC day."""

    model: str
    """The model id."""

    model_permaslug: str | None = None
    """The model's permanent slug."""

    endpoint_id: str | None = None
    """The OpenRouter endpoint that served."""

    provider_name: str | None = None
    """The provider."""

    usage: float = 0.0
    """USD spent."""

    byok_usage_inference: float | None = None
    """USD spent on your own provider keys (BYOK)."""

    requests: int = 0
    """Number of requests."""

    prompt_tokens: int = 0
    """Prompt tokens."""

    completion_tokens: int = 0
    """Completion tokens."""

    reasoning_tokens: int = 0
    """Reasoning tokens."""

    workspace_id: str | None = None
    """The workspace (with ``group_by="workspace"``)."""


# ---------------------------------------------------------------------------------------------
# Catalog extras, providers, endpoints and guardrails (openrouter-api.md §7, §10, §11)
# ---------------------------------------------------------------------------------------------


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


class ContentFilterBuiltin(APIObject):
    """A built-in content filter of a guardrail (§11.1)."""

    slug: str
    """``email``, ``phone``, ``ssn``, ``credit-card``, ``ip-address``, ``person-name``,
    ``address`` or ``regex-prompt-injection``."""

    action: str
    """``redact``, ``block`` or ``flag``."""

    label: str | None = None
    """Replacement text OpenRouter assigns, e.g. ``"[EMAIL]"``."""

    scan_scope: str | None = None
    """``user_only`` or ``all_messages`` (prompt injection only)."""


class ContentFilter(APIObject):
    """A custom regular-expression filter of a guardrail (§11.1)."""

    pattern: str
    action: str
    """``redact``, ``block`` or ``flag``."""

    label: str | None = None


class Guardrail(APIObject):
    """A named policy applied to the keys and members it is assigned to (§11.1).

    Example:
        >>> g = Guardrail.model_validate({"id": "g1", "name": "prod",
        ...     "include_byok_in_budgets": False, "limit_usd": 50, "reset_interval": "monthly",
        ...     "created_at": "2025-08-24T10:30:00Z"})
        >>> g.limit_usd, g.created_at.isoformat()
        (50.0, '2025-08-24T10:30:00+00:00')
    """

    id: str
    """The guardrail's uuid."""

    name: str
    description: str | None = None

    limit_usd: float | None = None
    """Spending limit, USD, per ``reset_interval`` (for good when that is ``None``)."""

    reset_interval: str | None = None
    """``daily``, ``weekly``, ``monthly`` or ``None``."""

    include_byok_in_budgets: bool
    """Whether spend on your own provider keys counts against ``limit_usd``."""

    allowed_providers: list[str] | None = None
    """Only these provider slugs may serve."""

    ignored_providers: list[str] | None = None
    """These provider slugs never serve."""

    allowed_models: list[str] | None = None
    """Only these models (canonical slugs) may be used."""

    ignored_models: list[str] | None = None
    """These models (canonical slugs) may not be used."""

    enforce_zdr: bool | None = None
    """Deprecated; OpenRouter copies it into the per-vendor flags."""

    enforce_zdr_anthropic: bool | None = None
    enforce_zdr_openai: bool | None = None
    enforce_zdr_google: bool | None = None
    enforce_zdr_xai: bool | None = None
    enforce_zdr_other: bool | None = None

    enable_free_model_publication: bool | None = None
    enable_free_model_training: bool | None = None
    enable_paid_model_training: bool | None = None

    content_filter_builtins: list[ContentFilterBuiltin] | None = None
    content_filters: list[ContentFilter] | None = None

    workspace_id: str | None = None

    created_at: _UTCDateTime
    updated_at: _UTCDateTime | None = None


class GuardrailKeyAssignment(APIObject):
    """A guardrail assigned to an API key (§11.2)."""

    id: str
    key_hash: str
    """SHA-256 hex of the key."""

    guardrail_id: str
    key_name: str | None = None
    key_label: str | None = None
    """The masked key, ``sk-or-v1-abc...123``."""

    assigned_by: str | None = None
    """User id of whoever assigned it."""

    created_at: _UTCDateTime


class GuardrailMemberAssignment(APIObject):
    """A guardrail assigned to an organisation member (§11.2)."""

    id: str
    user_id: str
    organization_id: str | None = None
    guardrail_id: str
    assigned_by: str | None = None
    created_at: _UTCDateTime


class AssignmentResult(APIObject):
    """What an assignment call changed: ``{"assigned_count": int}``."""

    assigned_count: int


class UnassignmentResult(APIObject):
    """What a removal call changed: ``{"unassigned_count": int}``."""

    unassigned_count: int


_ZDR_VENDORS = ("anthropic", "openai", "google", "xai", "other")
_SEED_SPEND = {
    "max_daily_spend": "daily",
    "max_weekly_spend": "weekly",
    "max_monthly_spend": "monthly",
}
_SEED_RENAMES = {"blocked_models": "ignored_models", "blocked_providers": "ignored_providers"}
_BUILTIN_SLUGS = frozenset(
    {
        "email",
        "phone",
        "ssn",
        "credit-card",
        "ip-address",
        "person-name",
        "address",
        "regex-prompt-injection",
    }
)
_FilterAction = Literal["redact", "block", "flag"]


class BuiltinFilterRule(APIObject):
    """A built-in content filter to turn on (input of :class:`GuardrailRules`)."""

    model_config = ConfigDict(extra="forbid")

    slug: str
    """One of ``email``, ``phone``, ``ssn``, ``credit-card``, ``ip-address``, ``person-name``,
    ``address``, ``regex-prompt-injection``."""

    action: _FilterAction
    scan_scope: Literal["user_only", "all_messages"] | None = None
    """Prompt injection only: scan the user's messages or all of them."""

    @field_validator("slug")
    @classmethod
    def _known_slug(cls, value: str) -> str:
        if value not in _BUILTIN_SLUGS:
            raise ValueError(f"unknown built-in filter {value!r}; one of {sorted(_BUILTIN_SLUGS)}")
        return value


class FilterRule(APIObject):
    """A custom regular-expression filter (input of :class:`GuardrailRules`)."""

    model_config = ConfigDict(extra="forbid")

    pattern: str = Field(min_length=1)
    action: _FilterAction
    label: str | None = None


class GuardrailRules(APIObject):
    """The policy of a guardrail, checked before anything is sent (§11.1).

    Fields are OpenRouter's flat guardrail fields; only the ones you set are sent (on update,
    a list replaces the stored list). The seed list's ``rules`` names are accepted too and
    mapped to them:

    ============================  ===================================================
    seed rule                     live fields
    ============================  ===================================================
    ``max_daily_spend: x``        ``limit_usd: x``, ``reset_interval: "daily"``
    ``max_weekly_spend: x``       ``limit_usd: x``, ``reset_interval: "weekly"``
    ``max_monthly_spend: x``      ``limit_usd: x``, ``reset_interval: "monthly"``
    ``blocked_models``            ``ignored_models``
    ``blocked_providers``         ``ignored_providers``
    ``require_zdr: b``            ``enforce_zdr_anthropic`` ... ``enforce_zdr_other``: ``b``
    ============================  ===================================================

    Raises:
        pydantic.ValidationError: (a ``ValueError``) an unknown rule, a wrong value, or two
            rules setting the same field; the message names the rule.

    Example:
        >>> rules = GuardrailRules.model_validate(
        ...     {"max_daily_spend": 5, "blocked_models": ["openai/gpt-4o"], "require_zdr": True})
        >>> rules.to_wire()["limit_usd"], rules.to_wire()["reset_interval"]
        (5.0, 'daily')
        >>> rules.enforce_zdr_xai, rules.ignored_models
        (True, ['openai/gpt-4o'])
    """

    model_config = ConfigDict(extra="forbid")

    limit_usd: float | None = Field(default=None, ge=0)
    """Spending limit, USD, per ``reset_interval`` (for good when that is ``None``)."""

    reset_interval: Literal["daily", "weekly", "monthly"] | None = None
    include_byok_in_budgets: bool | None = None
    """Count spend on your own provider keys against ``limit_usd``."""

    allowed_providers: list[Annotated[str, Field(min_length=1)]] | None = None
    ignored_providers: list[Annotated[str, Field(min_length=1)]] | None = None
    allowed_models: list[Annotated[str, Field(min_length=1)]] | None = None
    """Model ids or canonical slugs (OpenRouter stores canonical slugs)."""

    ignored_models: list[Annotated[str, Field(min_length=1)]] | None = None
    enforce_zdr: bool | None = None
    """Deprecated by OpenRouter; prefer the per-vendor flags (or the seed's ``require_zdr``)."""

    enforce_zdr_anthropic: bool | None = None
    enforce_zdr_openai: bool | None = None
    enforce_zdr_google: bool | None = None
    enforce_zdr_xai: bool | None = None
    enforce_zdr_other: bool | None = None
    enable_free_model_publication: bool | None = None
    enable_free_model_training: bool | None = None
    enable_paid_model_training: bool | None = None
    content_filter_builtins: list[BuiltinFilterRule] | None = None
    content_filters: list[FilterRule] | None = None

    @model_validator(mode="before")
    @classmethod
    def _map_seed_rules(cls, value: Any) -> Any:
        if not isinstance(value, Mapping):
            return value
        live = dict(value)

        def put(seed: str, field: str, new: Any) -> None:
            if field in live and live[field] != new:
                raise ValueError(f"{seed} and {field} both set {field}; give only one")
            live[field] = new

        for seed, interval in _SEED_SPEND.items():
            if seed in live:
                amount = live.pop(seed)
                if isinstance(amount, bool) or not isinstance(amount, (int, float)) or amount < 0:
                    raise ValueError(f"{seed} must be a number of USD >= 0, got {amount!r}")
                put(seed, "limit_usd", amount)
                put(seed, "reset_interval", interval)
        for seed, field in _SEED_RENAMES.items():
            if seed in live:
                put(seed, field, live.pop(seed))
        if "require_zdr" in live:
            required = live.pop("require_zdr")
            if not isinstance(required, bool):
                raise ValueError(f"require_zdr must be true or false, got {required!r}")
            for vendor in _ZDR_VENDORS:
                put("require_zdr", f"enforce_zdr_{vendor}", required)
        return live

    def to_wire(self) -> dict[str, Any]:
        """The request-body fields: only what was set, in OpenRouter's names."""
        return self.model_dump(exclude_unset=True, exclude_none=False)


# ---------------------------------------------------------------------------------------------
# PKCE OAuth (openrouter-api.md §12)
# ---------------------------------------------------------------------------------------------


class PKCEPair(APIObject):
    """A PKCE code verifier and its challenge (RFC 7636), made by ``create_pkce_pair()``.

    The verifier stays on your side until the exchange; it is a ``SecretStr`` so it never shows
    in reprs or logs. The challenge goes into the authorization URL.

    Example:
        >>> pair = PKCEPair(verifier="v" * 43, challenge="v" * 43, method="plain")
        >>> pair
        PKCEPair(verifier=SecretStr('**********'), challenge='vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv', method='plain')
    """  # noqa: E501

    # Made here, not parsed from OpenRouter: nothing unknown to keep, and a pair never changes.
    model_config = ConfigDict(frozen=True, extra="forbid")

    verifier: SecretStr
    """43 to 128 characters from ``[A-Za-z0-9-._~]``; sent only to ``POST /auth/keys``."""

    challenge: str
    """``base64url(sha256(verifier))`` without padding for ``S256``; the verifier for ``plain``."""

    method: Literal["S256", "plain"]
    """The ``code_challenge_method``."""


class AuthCode(APIObject):
    """An authorization code created server-side (``POST /auth/keys/code``, §12).

    Example:
        >>> AuthCode.model_validate(
        ...     {"id": "auth_code_xyz789", "app_id": 12345, "created_at": "2025-08-24T10:30:00Z"}
        ... ).created_at.isoformat()
        '2025-08-24T10:30:00+00:00'
    """

    id: str
    """The code to exchange for a key (single use, valid 10 minutes)."""

    app_id: int | None = None
    """The app the code belongs to."""

    created_at: _UTCDateTime
    """When the code was created."""


class AuthKey(APIObject):
    """The key a PKCE exchange created (``POST /auth/keys``, §12; the body is not wrapped).

    Example:
        >>> key = AuthKey(key="sk-or-v1-abc", user_id="user_1")
        >>> key, key.key.get_secret_value()
        (AuthKey(key=SecretStr('**********'), user_id='user_1'), 'sk-or-v1-abc')
    """

    key: SecretStr
    """The new API key; ``key.get_secret_value()`` gives the ``sk-or-v1-...`` string."""

    user_id: str | None = None
    """The OpenRouter user who authorized the app, when sent."""

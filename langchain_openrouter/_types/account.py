"""Keys, Coinbase charges, generations and activity (openrouter-api.md §8).

Private: import these names from :mod:`langchain_openrouter.types`.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import (
    SecretStr,
    model_validator,
)

from langchain_openrouter._types.common import APIObject, _UTCDateTime

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

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

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr

__all__ = [
    "APIObject",
    "AuthCode",
    "AuthKey",
    "Credits",
    "ModelArchitecture",
    "ModelInfo",
    "ModelPricing",
    "ModelReasoning",
    "ModelTopProvider",
    "PKCEPair",
    "PriceOverride",
]


class APIObject(BaseModel):
    """Base of every object returned by the API: undeclared fields are kept as attributes.

    Example:
        >>> obj = APIObject.model_validate({"new_field": 1})
        >>> obj.new_field
        1
    """

    model_config = ConfigDict(extra="allow", populate_by_name=True, protected_namespaces=())


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

    prompt: Decimal | None = None
    """USD per prompt token under this condition."""

    completion: Decimal | None = None
    """USD per completion token under this condition."""


class ModelPricing(APIObject):
    """A model's prices (§7.2): ``Decimal`` USD per token unless noted; absent means not priced.

    ``-1`` marks variable pricing (routers such as ``openrouter/auto``).
    """

    prompt: Decimal
    """USD per prompt token."""

    completion: Decimal
    """USD per completion token."""

    request: Decimal | None = None
    """USD per request."""

    image: Decimal | None = None
    """USD per input image."""

    image_token: Decimal | None = None
    """USD per image token."""

    image_output: Decimal | None = None
    """USD per output image."""

    audio: Decimal | None = None
    """USD per input audio token."""

    audio_output: Decimal | None = None
    """USD per output audio token."""

    input_audio_cache: Decimal | None = None
    """USD per cached input audio token."""

    web_search: Decimal | None = None
    """USD per web search."""

    internal_reasoning: Decimal | None = None
    """USD per reasoning token."""

    input_cache_read: Decimal | None = None
    """USD per prompt token read from the cache."""

    input_cache_write: Decimal | None = None
    """USD per prompt token written to the cache (5-minute TTL)."""

    input_cache_write_1h: Decimal | None = None
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


# --- PKCE OAuth (openrouter-api.md §12) -----------------------------------------------------


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

    created_at: datetime
    """When the code was created (UTC)."""


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

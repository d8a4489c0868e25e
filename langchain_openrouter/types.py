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

from langchain_openrouter._types.account import (
    ActivityRow,
    APIKey,
    CoinbaseCharge,
    CreatedAPIKey,
    Generation,
    KeyInfo,
    KeyRateLimit,
    ProviderResponse,
)
from langchain_openrouter._types.auth import (
    AuthCode,
    AuthKey,
    PKCEPair,
)
from langchain_openrouter._types.catalog import (
    Credits,
    EndpointInfo,
    ModelArchitecture,
    ModelCount,
    ModelEndpoints,
    ModelInfo,
    ModelPricing,
    ModelReasoning,
    ModelTopProvider,
    Percentiles,
    PriceOverride,
    ProviderInfo,
)
from langchain_openrouter._types.common import (
    APIObject,
    DeleteResult,
    Page,
)
from langchain_openrouter._types.guardrails import (
    AssignmentResult,
    BuiltinFilterRule,
    ContentFilter,
    ContentFilterBuiltin,
    FilterRule,
    Guardrail,
    GuardrailKeyAssignment,
    GuardrailMemberAssignment,
    GuardrailRules,
    UnassignmentResult,
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

"""Every public name of the package, listed: adding one (or losing one) is a decision.

Modelled on httpx's exported-members test. The lists follow the "Public names" table of the
design; a change here is a change to what users may import.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import pytest

import langchain_openrouter
import langchain_openrouter.chat_models
from langchain_openrouter import (
    callbacks,
    embeddings,
    errors,
    platform,
    rerank,
    retrievers,
    routing,
    testing,
    types,
)

PUBLIC: dict[ModuleType, list[str]] = {
    langchain_openrouter: [
        "ChatOpenRouter",
        "OpenRouterCostCallbackHandler",
        "OpenRouterEmbeddings",
        "OpenRouterModelRetriever",
        "OpenRouterRerank",
        "__version__",
        "aassign_guardrail_keys",
        "aassign_guardrail_members",
        "acount_models",
        "acreate_api_key",
        "acreate_auth_code",
        "acreate_coinbase_charge",
        "acreate_guardrail",
        "adelete_api_key",
        "adelete_guardrail",
        "aexchange_code_for_api_key",
        "aget_activity",
        "aget_credits",
        "aget_generation",
        "aget_guardrail",
        "aget_key_info",
        "aget_model",
        "aiter_api_keys",
        "alist_api_keys",
        "alist_embedding_models",
        "alist_endpoints",
        "alist_guardrail_key_assignments",
        "alist_guardrail_member_assignments",
        "alist_guardrails",
        "alist_models",
        "alist_providers",
        "alist_user_models",
        "alist_zdr_endpoints",
        "alogin",
        "assign_guardrail_keys",
        "assign_guardrail_members",
        "aunassign_guardrail_keys",
        "aunassign_guardrail_members",
        "aupdate_api_key",
        "aupdate_guardrail",
        "build_authorization_url",
        "count_models",
        "create_api_key",
        "create_auth_code",
        "create_coinbase_charge",
        "create_guardrail",
        "create_pkce_pair",
        "delete_api_key",
        "delete_guardrail",
        "exchange_code_for_api_key",
        "get_activity",
        "get_credits",
        "get_generation",
        "get_guardrail",
        "get_key_info",
        "get_model",
        "get_openrouter_callback",
        "iter_api_keys",
        "list_api_keys",
        "list_embedding_models",
        "list_endpoints",
        "list_guardrail_key_assignments",
        "list_guardrail_member_assignments",
        "list_guardrails",
        "list_models",
        "list_providers",
        "list_user_models",
        "list_zdr_endpoints",
        "login",
        "unassign_guardrail_keys",
        "unassign_guardrail_members",
        "update_api_key",
        "update_guardrail",
    ],
    callbacks: ["OpenRouterCostCallbackHandler", "UsageTotals", "get_openrouter_callback"],
    embeddings: [
        "EmbeddingInputError",
        "EmbeddingUsage",
        "InputTooLongError",
        "OpenRouterEmbeddings",
    ],
    errors: [
        "APIConnectionError",
        "APIStatusError",
        "APITimeoutError",
        "AuthenticationError",
        "BadRequestError",
        "ContextLengthError",
        "InsufficientCreditsError",
        "InternalServerError",
        "LoginDeniedError",
        "LoginError",
        "LoginStateError",
        "LoginTimeoutError",
        "MissingAPIKeyError",
        "ModerationError",
        "NoProviderAvailableError",
        "NotFoundError",
        "OpenRouterError",
        "PermissionDeniedError",
        "RateLimitError",
        "RequestTimeoutError",
        "StreamError",
        "UpstreamError",
        "error_class_for",
        "error_from_response",
        "error_from_stream_chunk",
    ],
    types: [
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
    ],
    platform: [
        "aassign_guardrail_keys",
        "aassign_guardrail_members",
        "acount_models",
        "acreate_api_key",
        "acreate_auth_code",
        "acreate_coinbase_charge",
        "acreate_guardrail",
        "adelete_api_key",
        "adelete_guardrail",
        "aexchange_code_for_api_key",
        "aget_activity",
        "aget_credits",
        "aget_generation",
        "aget_guardrail",
        "aget_key_info",
        "aget_model",
        "aiter_api_keys",
        "alist_api_keys",
        "alist_embedding_models",
        "alist_endpoints",
        "alist_guardrail_key_assignments",
        "alist_guardrail_member_assignments",
        "alist_guardrails",
        "alist_models",
        "alist_providers",
        "alist_user_models",
        "alist_zdr_endpoints",
        "alogin",
        "assign_guardrail_keys",
        "assign_guardrail_members",
        "aunassign_guardrail_keys",
        "aunassign_guardrail_members",
        "aupdate_api_key",
        "aupdate_guardrail",
        "build_authorization_url",
        "count_models",
        "create_api_key",
        "create_auth_code",
        "create_coinbase_charge",
        "create_guardrail",
        "create_pkce_pair",
        "delete_api_key",
        "delete_guardrail",
        "exchange_code_for_api_key",
        "get_activity",
        "get_credits",
        "get_generation",
        "get_guardrail",
        "get_key_info",
        "get_model",
        "iter_api_keys",
        "list_api_keys",
        "list_embedding_models",
        "list_endpoints",
        "list_guardrail_key_assignments",
        "list_guardrail_member_assignments",
        "list_guardrails",
        "list_models",
        "list_providers",
        "list_user_models",
        "list_zdr_endpoints",
        "login",
        "unassign_guardrail_keys",
        "unassign_guardrail_members",
        "update_api_key",
        "update_guardrail",
    ],
    rerank: sorted(
        [
            "INDEX_KEY",
            "SCORE_KEY",
            "OpenRouterRerank",
            "RerankInput",
            "RerankResponse",
            "RerankResult",
            "RerankResultDocument",
            "RerankUsage",
            "build_rerank_body",
            "parse_rerank_response",
            "reranked_documents",
        ]
    ),
    retrievers: ["OpenRouterModelRetriever", "clear_catalog_cache", "pick_chat_model"],
    routing: sorted(
        [
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
    ),
    testing: ["Fault", "OpenRouterEmulator", "Request", "Response", "ScriptRule"],
}

# Modules whose names load lazily: their namespace holds only what has been touched.
LAZY = {langchain_openrouter, testing}


@pytest.mark.parametrize("module", PUBLIC, ids=lambda m: m.__name__)
def test_all_lists_exactly_the_public_names(module: ModuleType) -> None:
    assert sorted(module.__all__) == PUBLIC[module]
    if module in LAZY:
        assert sorted(dir(module)) == PUBLIC[module]
    for name in module.__all__:
        assert getattr(module, name) is not None


@pytest.mark.parametrize("module", [m for m in PUBLIC if m not in LAZY], ids=lambda m: m.__name__)
def test_every_public_member_is_in_all(module: ModuleType) -> None:
    """A class or function defined (or re-exported from the package) without an underscore
    is in ``__all__``."""
    members = sorted(
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and not isinstance(value, ModuleType)
        and str(getattr(value, "__module__", "")).startswith(module.__name__)
    )
    assert set(members) <= set(PUBLIC[module]), sorted(set(members) - set(PUBLIC[module]))


def test_root_utilities_are_the_platform_functions() -> None:
    for name in PUBLIC[platform]:
        assert getattr(langchain_openrouter, name) is getattr(platform, name)


def test_chat_model_helpers_export_nothing() -> None:
    package = langchain_openrouter.chat_models
    exported = {
        info.name: importlib.import_module(f"{package.__name__}.{info.name}").__all__
        for info in pkgutil.iter_modules(package.__path__)
    }
    assert exported.pop("base") == ["ChatOpenRouter"]
    assert exported
    assert {name: names for name, names in exported.items() if names} == {}
    assert package.__all__ == ["ChatOpenRouter"]

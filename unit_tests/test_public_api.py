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
        "OpenRouterEmbeddings",
        "OpenRouterModelRetriever",
        "OpenRouterRerank",
        "__version__",
        "acreate_api_key",
        "acreate_coinbase_charge",
        "adelete_api_key",
        "aget_activity",
        "aget_credits",
        "aget_generation",
        "aget_key_info",
        "aget_model",
        "aiter_api_keys",
        "alist_api_keys",
        "alist_models",
        "aupdate_api_key",
        "create_api_key",
        "create_coinbase_charge",
        "delete_api_key",
        "get_activity",
        "get_credits",
        "get_generation",
        "get_key_info",
        "get_model",
        "iter_api_keys",
        "list_api_keys",
        "list_models",
        "update_api_key",
    ],
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
        "CoinbaseCharge",
        "CreatedAPIKey",
        "Credits",
        "DeletedAPIKey",
        "Generation",
        "KeyInfo",
        "KeyRateLimit",
        "ModelArchitecture",
        "ModelInfo",
        "ModelPricing",
        "ModelReasoning",
        "ModelTopProvider",
        "PriceOverride",
        "ProviderResponse",
    ],
    platform: [
        "acreate_api_key",
        "acreate_coinbase_charge",
        "adelete_api_key",
        "aget_activity",
        "aget_credits",
        "aget_generation",
        "aget_key_info",
        "aget_model",
        "aiter_api_keys",
        "alist_api_keys",
        "alist_models",
        "aupdate_api_key",
        "create_api_key",
        "create_coinbase_charge",
        "delete_api_key",
        "get_activity",
        "get_credits",
        "get_generation",
        "get_key_info",
        "get_model",
        "iter_api_keys",
        "list_api_keys",
        "list_models",
        "update_api_key",
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

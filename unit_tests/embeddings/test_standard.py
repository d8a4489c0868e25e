"""langchain-tests' standard unit suite for OpenRouterEmbeddings (no network)."""

from __future__ import annotations

from typing import Any

from langchain_tests.unit_tests import EmbeddingsUnitTests

from langchain_openrouter import OpenRouterEmbeddings


class TestOpenRouterEmbeddingsStandard(EmbeddingsUnitTests):
    @property
    def embeddings_class(self) -> type[OpenRouterEmbeddings]:
        return OpenRouterEmbeddings

    @property
    def embedding_model_params(self) -> dict[str, Any]:
        return {"model": "openai/text-embedding-3-small"}

    @property
    def init_from_env_params(self) -> tuple[dict[str, str], dict[str, Any], dict[str, Any]]:
        return (
            {
                "OPENROUTER_API_KEY": "sk-or-v1-from-env",
                "OPENROUTER_API_BASE": "https://openrouter.example/api/v1",
                "OPENROUTER_APP_URL": "https://app.example",
                "OPENROUTER_APP_TITLE": "Example App",
            },
            {"model": "openai/text-embedding-3-small"},
            {
                "openrouter_api_key": "sk-or-v1-from-env",
                "openrouter_api_base": "https://openrouter.example/api/v1",
                "app_url": "https://app.example",
                "app_title": "Example App",
            },
        )

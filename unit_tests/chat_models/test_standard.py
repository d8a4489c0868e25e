"""langchain-tests' standard unit suite for ChatOpenRouter (no network)."""

from __future__ import annotations

from typing import Any

from langchain_tests.unit_tests import ChatModelUnitTests

from langchain_openrouter import ChatOpenRouter
from unit_tests.chat_models.capabilities import OpenRouterCapabilities


class TestChatOpenRouterStandard(OpenRouterCapabilities, ChatModelUnitTests):
    @property
    def chat_model_class(self) -> type[ChatOpenRouter]:
        return ChatOpenRouter

    @property
    def chat_model_params(self) -> dict[str, Any]:
        return {"model": "openai/gpt-4o-mini"}

    @property
    def init_from_env_params(self) -> tuple[dict[str, str], dict[str, Any], dict[str, Any]]:
        # test_serdes also loads under these variables and compares the request parameters;
        # OPENROUTER_SESSION_ID would (rightly) add a session_id there, so it is tested in
        # test_base.py instead.
        return (
            {
                "OPENROUTER_API_KEY": "sk-or-v1-from-env",
                "OPENROUTER_API_BASE": "https://openrouter.example/api/v1",
                "OPENROUTER_APP_URL": "https://app.example",
                "OPENROUTER_APP_TITLE": "Example App",
            },
            {"model": "openai/gpt-4o-mini"},
            {
                "openrouter_api_key": "sk-or-v1-from-env",
                "openrouter_api_base": "https://openrouter.example/api/v1",
                "app_url": "https://app.example",
                "app_title": "Example App",
            },
        )

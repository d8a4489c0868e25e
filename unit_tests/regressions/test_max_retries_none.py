"""``max_retries=None`` is ChatOpenAI's default: code swapped over must not fail on it."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from langchain_openrouter import ChatOpenRouter, OpenRouterEmbeddings


def test_none_means_the_default_of_two() -> None:
    llm = ChatOpenRouter(model="openai/gpt-4o-mini", api_key="sk-or-v1-x", max_retries=None)
    assert llm.max_retries == 2
    embeddings = OpenRouterEmbeddings(
        model="openai/text-embedding-3-small", api_key="sk-or-v1-x", max_retries=None
    )
    assert embeddings.max_retries == 2


def test_negative_is_still_refused() -> None:
    with pytest.raises(ValidationError, match="max_retries"):
        ChatOpenRouter(model="openai/gpt-4o-mini", api_key="sk-or-v1-x", max_retries=-1)

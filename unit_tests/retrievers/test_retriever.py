"""Documents, the chat-model recipe, embedding blending, catalog kinds and the public surface."""

from __future__ import annotations

import doctest
import importlib
import json
from typing import Any

import pytest
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

import langchain_openrouter
from langchain_openrouter import ChatOpenRouter, OpenRouterModelRetriever
from langchain_openrouter.retrievers import pick_chat_model
from unit_tests.retrievers.conftest import MakeRetriever, model


def test_exported_lazily_from_the_package_root() -> None:
    assert langchain_openrouter.OpenRouterModelRetriever is OpenRouterModelRetriever
    assert "OpenRouterModelRetriever" in langchain_openrouter.__all__


def test_a_document_per_model(over_emulator: MakeRetriever) -> None:
    (doc,) = over_emulator(k=1).invoke("claude sonnet 4.5")
    assert isinstance(doc, Document)
    assert doc.page_content == (
        "Anthropic: Claude Sonnet 4.5 (anthropic/claude-sonnet-4.5)\n"
        "Claude Sonnet 4.5 is Anthropic's most advanced Sonnet model to date, optimized for "
        "real-world agents and coding workflows.\n"
        "Context: 1,000,000 tokens, up to 64,000 output tokens.\n"
        "Price: $3/M input tokens, $15/M output tokens.\n"
        "Input: file, image, text. Output: text.\n"
        "Supports: tool calling, structured outputs, JSON mode, reasoning."
    )
    metadata = doc.metadata
    assert metadata["id"] == "anthropic/claude-sonnet-4.5"
    assert metadata["pricing"]["prompt"] == "0.000003"
    assert metadata["retrieval"]["rank"] == 1
    assert metadata["retrieval"]["terms"] == ["claude", "sonnet", "4.5"]
    assert metadata["retrieval"]["score"] > 0
    assert json.loads(json.dumps(metadata)) == metadata  # plain JSON


def test_the_id_builds_a_working_chat_model(over_emulator: MakeRetriever, emulator: Any) -> None:
    retriever = over_emulator(k=1)
    (doc,) = retriever.invoke("cheapest model with tools and vision")
    llm = ChatOpenRouter(
        model=doc.metadata["id"],
        api_key=emulator.api_key,
        base_url=emulator.base_url,
        http_client=emulator.client(),
    )
    assert llm.invoke("Hello").content == "Hello"


def test_pick_chat_model(over_emulator: MakeRetriever) -> None:
    retriever = over_emulator()
    llm = pick_chat_model(
        "cheapest reasoning model with tools and vision", retriever, temperature=0
    )
    assert llm.model_name == "openai/gpt-5-nano"
    assert llm.temperature == 0
    assert llm.invoke("Hi").content == "Hi"  # the retriever's connection was passed on
    with pytest.raises(LookupError, match="no OpenRouter model meets"):
        pick_chat_model("free image generation", retriever)


def test_pick_chat_model_searches_where_its_connection_arguments_point(
    emulator: Any,
) -> None:
    # Without a retriever, the api_key/base_url/clients given for the chat model are the ones
    # the catalog search uses too (not the environment's, which here would reach the network).
    llm = pick_chat_model(
        "cheapest reasoning model with tools and vision", timeout=5, **emulator.connection()
    )
    assert llm.model_name == "openai/gpt-5-nano"
    assert emulator.requests[-1].path == "/api/v1/models"
    assert llm.invoke("Hi").content == "Hi"


class CountingEmbeddings(Embeddings):
    """Bag-of-letters vectors; counts how often the catalog is embedded."""

    def __init__(self) -> None:
        self.document_calls = 0

    @staticmethod
    def _vector(text: str) -> list[float]:
        return [float(text.lower().count(c)) for c in "abcdefghijklmnopqrstuvwxyz"]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.document_calls += 1
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


def test_embedding_similarity_is_blended(over_models: Any) -> None:
    models = [
        model("a/zzz", description="zzzz zzzz"),
        model("b/aaa", description="aaaa aaaa"),
        model("c/mixed", description="aaaa zzzz"),
    ]
    embeddings = CountingEmbeddings()
    only_vectors, _ = over_models(models, embeddings=embeddings, embedding_weight=1.0, k=3)
    assert only_vectors.invoke("aaaaaaa")[0].metadata["id"] == "b/aaa"
    only_vectors.invoke("zzzzzzzz")
    assert embeddings.document_calls == 1  # catalog vectors are cached per catalog version
    only_vectors.refresh()
    only_vectors.invoke("zzzzzzzz")
    assert embeddings.document_calls == 2
    bm25_only, _ = over_models(models, embeddings=CountingEmbeddings(), embedding_weight=0.0)
    assert bm25_only.invoke("mixed")[0].metadata["id"] == "c/mixed"


async def test_embedding_similarity_async(over_models: Any) -> None:
    models = [model("a/zzz", description="zzzz"), model("b/aaa", description="aaaa")]
    retriever, _ = over_models(models, embeddings=CountingEmbeddings(), embedding_weight=1.0)
    assert (await retriever.ainvoke("zzzzzz"))[0].metadata["id"] == "a/zzz"


@pytest.mark.parametrize(
    ("catalog", "present", "absent"),
    [
        ("chat", "openai/gpt-4o-mini", "openai/text-embedding-3-small"),
        ("embeddings", "openai/text-embedding-3-small", "openai/gpt-4o-mini"),
        ("rerank", "cohere/rerank-v3.5", "openai/gpt-4o-mini"),
        ("all", "cohere/rerank-v3.5", "nothing/at-all"),
    ],
)
def test_catalog_kinds(
    over_emulator: MakeRetriever, catalog: str, present: str, absent: str
) -> None:
    ids = {d.metadata["id"] for d in over_emulator(catalog=catalog, k=200).invoke("")}
    assert present in ids
    assert absent not in ids


def test_expired_models_never_come_back(over_emulator: MakeRetriever) -> None:
    retriever = over_emulator(k=200, include_deprecated=True)
    assert "anthropic/claude-3.7-sonnet" not in {d.metadata["id"] for d in retriever.invoke("")}


def test_the_key_stays_secret(over_emulator: MakeRetriever, emulator: Any) -> None:
    retriever = over_emulator()
    assert emulator.api_key not in repr(retriever)
    assert emulator.api_key not in str(retriever.model_dump())


@pytest.mark.parametrize(
    "module",
    ["catalog_cache", "constraints", "query", "ranking", "summary"],
)
def test_docstring_examples(module: str) -> None:
    name = f"langchain_openrouter.retrievers.{module}"
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0

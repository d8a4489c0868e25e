"""langchain-tests' standard retriever suite for OpenRouterModelRetriever, over real HTTP.

The emulator runs as a server on 127.0.0.1 for the module; the retriever fetches its catalog
(``GET /models``) from there like from OpenRouter.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from langchain_tests.integration_tests import RetrieversIntegrationTests

from langchain_openrouter import OpenRouterModelRetriever
from langchain_openrouter.retrievers import clear_catalog_cache
from langchain_openrouter.testing import OpenRouterEmulator


@pytest.fixture(scope="module")
def emulator() -> Iterator[tuple[OpenRouterEmulator, str]]:
    clear_catalog_cache()
    emu = OpenRouterEmulator()
    with emu.serve() as base_url:
        yield emu, base_url
    clear_catalog_cache()


class TestOpenRouterModelRetriever(RetrieversIntegrationTests):
    @pytest.fixture(autouse=True)
    def _connect(self, emulator: tuple[OpenRouterEmulator, str]) -> None:
        emu, base_url = emulator
        self._params = {"api_key": emu.api_key, "base_url": base_url}

    @property
    def retriever_constructor(self) -> type[OpenRouterModelRetriever]:
        return OpenRouterModelRetriever

    @property
    def retriever_constructor_params(self) -> dict[str, Any]:
        return dict(self._params)

    @property
    def retriever_query_example(self) -> str:
        return "a model that can call tools and read images, with at least 100k context"


def test_served_catalog_answers_a_sentence(emulator: tuple[OpenRouterEmulator, str]) -> None:
    emu, base_url = emulator
    retriever = OpenRouterModelRetriever(api_key=emu.api_key, base_url=base_url, k=1)
    (doc,) = retriever.invoke("cheapest model with tools, vision and 100k context")
    assert doc.metadata["id"] == "openai/gpt-5-nano"


async def test_served_catalog_async(emulator: tuple[OpenRouterEmulator, str]) -> None:
    emu, base_url = emulator
    retriever = OpenRouterModelRetriever(api_key=emu.api_key, base_url=base_url, k=2)
    docs = await retriever.ainvoke("gemini 2.5 pro", providers=["google-ai-studio"])
    assert docs[0].metadata["id"] == "google/gemini-2.5-pro"
    assert len(docs) == 2

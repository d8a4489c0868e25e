"""langchain-tests' standard integration suite for OpenRouterEmbeddings, over real HTTP.

The emulator runs as a server on 127.0.0.1 for the whole module, as for the chat suite.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from langchain_tests.integration_tests import EmbeddingsIntegrationTests

from langchain_openrouter import OpenRouterEmbeddings
from langchain_openrouter.testing import OpenRouterEmulator


@pytest.fixture(scope="module")
def emulator() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator(credits=10_000)
    with emu.serve() as base_url:
        yield emu, base_url


class TestOpenRouterEmbeddingsEmulator(EmbeddingsIntegrationTests):
    @pytest.fixture(autouse=True)
    def _connect(self, emulator: tuple[OpenRouterEmulator, str]) -> None:
        emu, base_url = emulator
        self._params = {
            "model": "openai/text-embedding-3-small",
            "base_url": base_url,
            "api_key": emu.api_key,
        }

    @property
    def embeddings_class(self) -> type[OpenRouterEmbeddings]:
        return OpenRouterEmbeddings

    @property
    def embedding_model_params(self) -> dict[str, Any]:
        return dict(self._params)


class TestOpenRouterEmbeddingsEmulatorBase64(TestOpenRouterEmbeddingsEmulator):
    """The same suite with vectors travelling as base64, chunked one input per request."""

    @property
    def embedding_model_params(self) -> dict[str, Any]:
        return {**self._params, "encoding_format": "base64", "chunk_size": 1}

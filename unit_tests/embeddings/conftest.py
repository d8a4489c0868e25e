"""An ``OpenRouterEmbeddings`` wired to an in-process emulator (no sockets)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from langchain_openrouter import OpenRouterEmbeddings
from langchain_openrouter.testing import OpenRouterEmulator

MakeEmbeddings = Callable[..., OpenRouterEmbeddings]


@pytest.fixture
def emu() -> OpenRouterEmulator:
    return OpenRouterEmulator()


@pytest.fixture
def make(emu: OpenRouterEmulator) -> MakeEmbeddings:
    """``make(**fields)``: an ``OpenRouterEmbeddings`` answering from ``emu``."""

    def build(**fields: Any) -> OpenRouterEmbeddings:
        fields.setdefault("model", "openai/text-embedding-3-small")
        fields.setdefault("max_retries", 0)
        return OpenRouterEmbeddings(
            api_key=emu.api_key,
            base_url=emu.base_url,
            http_client=emu.client(),
            http_async_client=emu.async_client(),
            **fields,
        )

    return build

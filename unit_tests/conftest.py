"""Unit tests never touch the network: every socket but the event loop's own is refused."""

from __future__ import annotations

import pytest
from pytest_socket import disable_socket


@pytest.fixture(autouse=True)
def _no_network() -> None:
    disable_socket(allow_unix_socket=True)


@pytest.fixture(autouse=True)
def _fresh_catalog() -> None:
    """Each test starts with no cached catalog, so whether a profile read or a retriever search
    sends ``GET /models`` never depends on which test ran before (in-process emulators share one
    base URL)."""
    from langchain_openrouter.chat_models.profile_source import forget_failures
    from langchain_openrouter.retrievers import clear_catalog_cache

    clear_catalog_cache()
    forget_failures()

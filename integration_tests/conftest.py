"""Integration tests talk real HTTP to the emulator on 127.0.0.1, and nowhere else.

The live service is reached only when ``OPENROUTER_API_KEY`` is set (tests marked ``live``).
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from pytest_socket import socket_allow_hosts

from langchain_openrouter._client import transport
from langchain_openrouter.testing import OpenRouterEmulator


@pytest.fixture(autouse=True)
def _loopback_only(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("live") and os.environ.get("OPENROUTER_API_KEY"):
        return
    socket_allow_hosts(["127.0.0.1", "localhost", "::1"], allow_unix_socket=True)


@pytest.fixture(autouse=True)
def _fresh_catalog() -> None:
    """Each test starts with no cached catalog, so whether a profile read or a retriever search
    sends ``GET /models`` never depends on which test ran before (in-process emulators share one
    base URL)."""
    from langchain_openrouter.chat_models.profile_source import forget_failures
    from langchain_openrouter.retrievers import clear_catalog_cache

    clear_catalog_cache()
    forget_failures()


@pytest.fixture
def served_emulator() -> Iterator[tuple[OpenRouterEmulator, str]]:
    """A fresh emulator served on 127.0.0.1 for one test, and its base URL.

    Fresh per test, so its request log, faults and counters hold only what the test did.
    """
    emu = OpenRouterEmulator()
    with emu.serve() as base_url:
        yield emu, base_url


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The delays the client waits between attempts, recorded rather than slept.

    Retry tests then assert the exact backoff and ``Retry-After`` delays, and stay fast.
    """
    waited: list[float] = []
    real_sleep = asyncio.sleep

    def sleep(seconds: float) -> None:
        waited.append(seconds)

    async def asleep(seconds: float) -> None:
        waited.append(seconds)
        await real_sleep(0)

    # Only the transport's view of the two modules changes, and only their sleep.
    monkeypatch.setattr(transport, "time", SimpleNamespace(**{**vars(time), "sleep": sleep}))
    monkeypatch.setattr(transport, "asyncio", SimpleNamespace(**{**vars(asyncio), "sleep": asleep}))
    return waited

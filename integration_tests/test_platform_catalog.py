"""Catalog extras, providers and endpoints over real HTTP against the served emulator."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from langchain_openrouter import (
    acount_models,
    alist_embedding_models,
    alist_endpoints,
    alist_providers,
    alist_user_models,
    alist_zdr_endpoints,
    count_models,
    list_embedding_models,
    list_endpoints,
    list_models,
    list_providers,
    list_user_models,
    list_zdr_endpoints,
)
from langchain_openrouter.testing import OpenRouterEmulator
from unit_tests.platform.concurrency import AsyncCountingTransport, CountingTransport


@pytest.fixture
def served() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator()
    with emu.serve() as base_url:
        yield emu, base_url


@pytest.fixture
def env(served: tuple[OpenRouterEmulator, str], monkeypatch: pytest.MonkeyPatch) -> None:
    emu, base_url = served
    monkeypatch.delenv("OPENROUTER_API_BASE", raising=False)
    monkeypatch.delenv("OPENROUTER_PROVISIONING_KEY", raising=False)
    monkeypatch.setenv("OPENROUTER_BASE_URL", base_url)
    monkeypatch.setenv("OPENROUTER_API_KEY", emu.api_key)


@pytest.mark.usefixtures("env")
def test_user_and_embedding_models_and_the_count() -> None:
    user = list_user_models()
    assert user == asyncio.run(alist_user_models())
    assert {m.id for m in user} == {m.id for m in list_models()}
    embedding = list_embedding_models()
    assert embedding == asyncio.run(alist_embedding_models())
    assert {m.id for m in embedding} == {
        "openai/text-embedding-3-small",
        "openai/text-embedding-3-large",
        "mistralai/mistral-embed-2312",
    }
    assert count_models().count == len(user) == 76
    assert asyncio.run(acount_models(output_modalities="all")).count == 82


@pytest.mark.usefixtures("env")
def test_providers_and_zdr_endpoints() -> None:
    providers = list_providers()
    assert providers == asyncio.run(alist_providers())
    slugs = {p.slug for p in providers}
    zdr = list_zdr_endpoints()
    assert [e.name for e in zdr] == [e.name for e in asyncio.run(alist_zdr_endpoints())]
    assert {e.tag for e in zdr} <= slugs
    assert all(e.latency_last_30m is not None for e in zdr)


@pytest.mark.usefixtures("env")
def test_endpoints_of_one_model_sync_and_async() -> None:
    (sync,) = list_endpoints(model="google/gemini-2.5-flash")
    (asynchronous,) = asyncio.run(alist_endpoints(model="google/gemini-2.5-flash"))
    assert sync == asynchronous
    assert sync.id == "google/gemini-2.5-flash"
    assert {e.provider_name for e in sync.endpoints} >= {"Google"}


@pytest.mark.parametrize("bound", [2, 5])
def test_endpoints_of_every_model_sync_never_exceed_the_bound(
    served: tuple[OpenRouterEmulator, str], bound: int
) -> None:
    emu, base_url = served
    counter = CountingTransport(httpx.HTTPTransport(), bound)
    with httpx.Client(transport=counter) as http:
        everything = list_endpoints(max_concurrency=bound, base_url=base_url, client=http)
    assert len(everything) == counter.seen == 82
    assert (counter.peak, counter.starved) == (bound, False)
    served_paths = [r.path for r in emu.requests if r.path.endswith("/endpoints")]
    assert sorted(served_paths) == sorted(f"/api/v1/models/{m.id}/endpoints" for m in everything)


def test_endpoints_of_every_model_async_never_exceed_the_bound(
    served: tuple[OpenRouterEmulator, str],
) -> None:
    _, base_url = served
    counter = AsyncCountingTransport(httpx.AsyncHTTPTransport(), 3)

    async def run() -> int:
        async with httpx.AsyncClient(transport=counter) as http:
            models = await alist_endpoints(max_concurrency=3, base_url=base_url, client=http)
        return sum(len(m.endpoints) for m in models)

    assert asyncio.run(run()) > 82
    assert (counter.seen, counter.peak, counter.starved) == (82, 3, False)

"""The process-wide catalog cache: shared, TTL-bound, refreshable, one fetch when concurrent."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest

from langchain_openrouter._settings import OpenRouterSettings
from langchain_openrouter.retrievers.catalog_cache import (
    CATALOG_CACHE,
    CatalogCache,
    CatalogKind,
    _plain,
    afetch_catalog,
    fetch_catalog,
)
from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.types import ModelInfo
from unit_tests.retrievers.conftest import model
from unit_tests.samples import load_json

MODELS = [model("acme/one"), model("acme/two")]


def _catalog_requests(server: Any) -> int:
    return sum(1 for r in server.requests if r.url.path.endswith("/models"))


def test_first_search_fetches_later_ones_reuse(over_models: Any) -> None:
    retriever, server = over_models(MODELS)
    assert server.requests == []  # lazily: nothing at construction
    retriever.invoke("one")
    retriever.invoke("two")
    assert _catalog_requests(server) == 1
    assert server.requests[0].url.path == "/api/v1/models"
    assert server.requests[0].headers["authorization"] == "Bearer sk-or-test"


def test_instances_with_one_base_url_share_the_catalog(over_models: Any) -> None:
    first, _ = over_models(MODELS)
    second, other_server = over_models([model("other/x")])
    first.invoke("x")
    assert [d.metadata["id"] for d in second.invoke("x", k=5)] == ["acme/one", "acme/two"]
    assert other_server.requests == []
    third, third_server = over_models([model("other/x")], base_url="https://elsewhere.test/v1")
    assert [d.metadata["id"] for d in third.invoke("x")] == ["other/x"]
    assert _catalog_requests(third_server) == 1


def test_ttl_and_refresh() -> None:
    now = [0.0]
    cache = CatalogCache(clock=lambda: now[0])
    fetches: list[int] = []

    def fetch() -> list[dict[str, Any]]:
        fetches.append(1)
        return [model(f"acme/v{len(fetches)}")]

    first = cache.get("u", "chat", 60, fetch)
    now[0] = 59.0
    assert cache.get("u", "chat", 60, fetch) is first
    assert cache.get("u", "chat", 10, fetch) is not first  # a shorter TTL sees it stale
    now[0] = 200.0
    third = cache.get("u", "chat", 60, fetch)
    assert third.models[0]["id"] == "acme/v3"
    assert cache.get("u", "chat", 60, fetch, refresh=True).models[0]["id"] == "acme/v4"
    assert len(fetches) == 4
    assert first.version < third.version


def test_refresh_method(over_models: Any) -> None:
    retriever, server = over_models(MODELS)
    retriever.invoke("x")
    server.models = [model("acme/new")]
    assert retriever.invoke("x")[0].metadata["id"] == "acme/one"
    retriever.refresh()
    assert retriever.invoke("x")[0].metadata["id"] == "acme/new"
    assert _catalog_requests(server) == 2


def test_concurrent_threads_fetch_once() -> None:
    cache = CatalogCache()
    calls: list[int] = []
    gate = threading.Event()

    def fetch() -> list[dict[str, Any]]:
        calls.append(1)
        gate.wait(5)
        return MODELS

    results: list[Any] = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get("u", "chat", 60, fetch)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    time.sleep(0.05)  # let every thread reach the lock; correctness does not depend on it
    gate.set()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len({id(r) for r in results}) == 1


async def test_concurrent_coroutines_fetch_once() -> None:
    cache = CatalogCache()
    calls: list[int] = []

    async def fetch() -> list[dict[str, Any]]:
        calls.append(1)
        await asyncio.sleep(0.01)
        return MODELS

    results = await asyncio.gather(*(cache.aget("u", "chat", 60, fetch) for _ in range(10)))
    assert len(calls) == 1
    assert all(r is results[0] for r in results)


def test_each_event_loop_gets_its_own_lock() -> None:
    cache = CatalogCache()

    async def fetch() -> list[dict[str, Any]]:
        return MODELS

    async def search(refresh: bool) -> Any:
        return await cache.aget("u", "chat", 60, fetch, refresh=refresh)

    first = asyncio.run(search(False))
    # a lock made on the first loop would fail on the second ("bound to a different loop")
    second = asyncio.run(search(True))
    assert second is not first


async def test_async_searches_share_with_sync_ones(over_models: Any) -> None:
    retriever, server = over_models(MODELS)
    docs = await asyncio.gather(*(retriever.ainvoke("one") for _ in range(5)))
    assert all(d[0].metadata["id"] == "acme/one" for d in docs)
    retriever.invoke("one")
    assert _catalog_requests(server) == 1


def test_index_is_built_once_per_version(over_models: Any) -> None:
    retriever, _ = over_models(MODELS)
    retriever.invoke("one")
    snapshot = retriever.snapshot()
    assert snapshot.index is snapshot.index
    retriever.refresh()
    assert retriever.snapshot().index is not snapshot.index


def test_the_shared_cache_is_module_level(over_models: Any) -> None:
    retriever, _ = over_models(MODELS)
    retriever.invoke("one")
    assert CATALOG_CACHE.get("https://catalog.test/api/v1", "chat", 60, list).models[0]["id"] == (
        "acme/one"
    )


def test_peek_never_fetches() -> None:
    now = [0.0]
    cache = CatalogCache(clock=lambda: now[0])
    assert cache.peek("u", "chat") is None
    stored = cache.get("u", "chat", 60, lambda: MODELS)
    now[0] = 100.0
    assert cache.peek("u", "chat") is stored  # any age
    assert cache.peek("u", "chat", ttl=60) is None  # older than the TTL
    assert cache.peek("u", "chat", ttl=200) is stored
    assert cache.peek("u", "rerank") is None


def test_by_id_indexes_ids_then_canonical_slugs() -> None:
    dated = {**model("acme/one"), "canonical_slug": "acme/one-2025-01-01"}
    clash = {**model("acme/two"), "canonical_slug": "acme/one"}  # an id wins over a slug
    snapshot = CatalogCache(clock=lambda: 0.0).get("u", "chat", 60, lambda: [dated, clash])
    assert snapshot.by_id["acme/one"] is snapshot.models[0]
    assert snapshot.by_id["acme/one-2025-01-01"] is snapshot.models[0]
    assert snapshot.by_id["acme/two"] is snapshot.models[1]
    assert len(snapshot.by_id) == 3


@pytest.mark.parametrize("kind", ["chat", "embeddings", "rerank", "all"])
def test_the_catalog_comes_back_as_the_api_sent_it(kind: CatalogKind) -> None:
    # fetch_catalog parses through list_models and dumps back: nothing may change on the way.
    emu = OpenRouterEmulator()
    http = emu.client()
    path = {"chat": "/models", "embeddings": "/embeddings/models"}.get(kind, "/models")
    params = {"output_modalities": kind} if kind in ("rerank", "all") else None
    raw = http.get(emu.base_url + path, params=params).json()["data"]
    settings = OpenRouterSettings(**emu.connection())
    assert fetch_catalog(settings, kind) == raw
    assert asyncio.run(afetch_catalog(settings, kind)) == raw
    assert [r.query for r in emu.requests[1:]] == [params or {}] * 2


def test_sample_models_come_back_as_sent() -> None:
    listed = load_json("models_list_excerpt.json")["data"] + [load_json("model_get.json")["data"]]
    assert [_plain(ModelInfo.model_validate(m)) for m in listed] == listed

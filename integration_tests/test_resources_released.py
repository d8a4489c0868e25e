"""Every public class that holds clients releases them: ``close()``, ``with``, and the GC.

Tried as a new user would, five throwaway ``ChatOpenRouter`` objects used to leave seven
``ResourceWarning: unclosed socket`` warnings behind. The rule: ``close()``/``aclose()`` (and
``with``/``async with``) close the pools the object created, never a client you passed; an
object dropped without closing releases its pools when garbage-collected, without a warning.
The suite runs with ``ResourceWarning`` as an error (pyproject), so these tests would also fail
on a stray warning; each one also records warnings itself, to assert on the count.
"""

from __future__ import annotations

import asyncio
import gc
import threading
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from langchain_openrouter import (
    ChatOpenRouter,
    OpenRouterEmbeddings,
    OpenRouterModelRetriever,
    OpenRouterRerank,
)
from langchain_openrouter._settings import OpenRouterSettings
from langchain_openrouter.testing import OpenRouterEmulator

MODEL = "openai/gpt-4o-mini"


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator()
    with emu.serve() as base_url:
        yield emu, base_url


@pytest.fixture
def connection(served: tuple[OpenRouterEmulator, str]) -> dict[str, str]:
    emu, base_url = served
    return {"api_key": emu.api_key, "base_url": base_url}


def resource_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]


def test_five_throwaway_models_leave_no_socket_behind(connection: dict[str, str]) -> None:
    pools: list[httpx.Client] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for n in range(5):
            llm = ChatOpenRouter(model=MODEL, **connection)
            assert llm.invoke(f"throwaway {n}").content
            pools.append(llm.sync_client.http)
            del llm
        gc.collect()
    assert resource_warnings(caught) == []
    assert [pool.is_closed for pool in pools] == [True] * 5


def test_throwaway_models_inside_a_running_loop(connection: dict[str, str]) -> None:
    async def main() -> list[httpx.AsyncClient]:
        pools = []
        for n in range(5):
            llm = ChatOpenRouter(model=MODEL, **connection)
            assert (await llm.ainvoke(f"async throwaway {n}")).content
            pools.append(llm.async_client.http)
            del llm
            gc.collect()
            # The release is scheduled on this loop; let it run.
            await asyncio.sleep(0.01)
        return pools

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pools = asyncio.run(main())
        gc.collect()
    assert resource_warnings(caught) == []
    assert [pool.is_closed for pool in pools] == [True] * 5


def test_a_model_dropped_as_its_loop_ends_closes_every_connection(
    connection: dict[str, str],
) -> None:
    # Three concurrent requests open three connections; the model dies with the coroutine,
    # while asyncio.run is shutting its loop down. The release must finish before the loop
    # closes (it once raced the shutdown and left two sockets open).
    pools: list[httpx.AsyncClient] = []

    async def main() -> None:
        llm = ChatOpenRouter(model=MODEL, **connection)
        answers = await llm.abatch(["one", "two", "three"])
        assert [a.content for a in answers] == ["one", "two", "three"]
        pools.append(llm.async_client.http)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        asyncio.run(main())
        gc.collect()
    assert resource_warnings(caught) == []
    assert pools[0].is_closed


def test_close_twice_then_use_again(connection: dict[str, str]) -> None:
    llm = ChatOpenRouter(model=MODEL, **connection)
    assert llm.invoke("first").content
    first = llm.sync_client.http
    llm.close()
    assert first.is_closed
    llm.close()
    # Still usable: the next request opens a new pool.
    assert llm.invoke("again").content
    second = llm.sync_client.http
    assert second is not first
    assert not second.is_closed
    llm.close()
    assert second.is_closed


def test_with_closes_the_pool(connection: dict[str, str]) -> None:
    with ChatOpenRouter(model=MODEL, **connection) as llm:
        assert llm.invoke("hi").content
        pool = llm.sync_client.http
        assert not pool.is_closed
    assert pool.is_closed


async def test_async_with_closes_the_loops_pool(connection: dict[str, str]) -> None:
    async with ChatOpenRouter(model=MODEL, **connection) as llm:
        assert (await llm.ainvoke("hi")).content
        pool = llm.async_client.http
        assert llm._loop_clients != {}
    assert pool.is_closed
    assert llm._loop_clients == {}


async def test_aclose_also_closes_the_sync_pool(connection: dict[str, str]) -> None:
    llm = ChatOpenRouter(model=MODEL, **connection)
    assert (await asyncio.to_thread(llm.invoke, "sync")).content
    assert (await llm.ainvoke("async")).content
    sync_pool, async_pool = llm.sync_client.http, llm.async_client.http
    await llm.aclose()
    await llm.aclose()
    assert (sync_pool.is_closed, async_pool.is_closed) == (True, True)


def test_your_clients_stay_open(connection: dict[str, str]) -> None:
    mine = httpx.Client()
    try:
        with ChatOpenRouter(model=MODEL, http_client=mine, **connection) as llm:
            assert llm.invoke("sync").content
        dropped = ChatOpenRouter(model=MODEL, http_client=mine, **connection)
        assert dropped.invoke("then dropped").content
        del dropped
        gc.collect()
        assert not mine.is_closed
        again = ChatOpenRouter(model=MODEL, http_client=mine, **connection)
        assert again.invoke("still open").content
    finally:
        mine.close()


async def test_your_async_client_stays_open(connection: dict[str, str]) -> None:
    mine = httpx.AsyncClient()
    try:
        async with ChatOpenRouter(model=MODEL, http_async_client=mine, **connection) as llm:
            assert (await llm.ainvoke("async with")).content
        closed = ChatOpenRouter(model=MODEL, http_async_client=mine, **connection)
        assert (await closed.ainvoke("then closed")).content
        closed.close()
        await closed.aclose()
        assert not mine.is_closed
        again = ChatOpenRouter(model=MODEL, http_async_client=mine, **connection)
        assert (await again.ainvoke("still open")).content
    finally:
        await mine.aclose()


def _chat(connection: dict[str, str]) -> tuple[OpenRouterSettings, Callable[[Any], Any]]:
    return ChatOpenRouter(model=MODEL, **connection), lambda o: o.invoke("hi").content


def _embeddings(connection: dict[str, str]) -> tuple[OpenRouterSettings, Callable[[Any], Any]]:
    return (
        OpenRouterEmbeddings(model="openai/text-embedding-3-small", **connection),
        lambda o: o.embed_query("hi"),
    )


def _rerank(connection: dict[str, str]) -> tuple[OpenRouterSettings, Callable[[Any], Any]]:
    return (
        OpenRouterRerank(model="cohere/rerank-v3.5", **connection),
        lambda o: o.rerank("capital of France?", ["Paris is in France.", "Bananas."]),
    )


def _retriever(connection: dict[str, str]) -> tuple[OpenRouterSettings, Callable[[Any], Any]]:
    return OpenRouterModelRetriever(k=1, **connection), lambda o: o.invoke("cheap chat model")


MAKERS = [_chat, _embeddings, _rerank, _retriever]


@pytest.mark.parametrize("make", MAKERS, ids=["chat", "embeddings", "rerank", "retriever"])
def test_every_class_closes_with_with(
    make: Callable[[dict[str, str]], tuple[OpenRouterSettings, Callable[[Any], Any]]],
    connection: dict[str, str],
) -> None:
    obj, use = make(connection)
    with obj as entered:
        assert entered is obj
        assert use(obj)
        pool = obj.sync_client.http
    assert pool.is_closed


@pytest.mark.parametrize("make", MAKERS, ids=["chat", "embeddings", "rerank", "retriever"])
def test_every_class_releases_when_dropped(
    make: Callable[[dict[str, str]], tuple[OpenRouterSettings, Callable[[Any], Any]]],
    connection: dict[str, str],
) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        obj, use = make(connection)
        assert use(obj)
        pool = obj.sync_client.http
        del obj
        gc.collect()
    assert resource_warnings(caught) == []
    assert pool.is_closed


def test_racing_threads_create_one_client(connection: dict[str, str]) -> None:
    llm = ChatOpenRouter(model=MODEL, **connection)
    threads_n = 16
    barrier = threading.Barrier(threads_n)
    seen: list[tuple[int, int]] = []

    def reach() -> None:
        barrier.wait()
        client = llm.sync_client
        seen.append((id(client), id(client.http)))

    threads = [threading.Thread(target=reach) for _ in range(threads_n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == threads_n
    assert len(set(seen)) == 1
    llm.close()


def test_batch_shares_one_pool(served: tuple[OpenRouterEmulator, str]) -> None:
    emu, base_url = served
    before = len(emu.requests)
    with ChatOpenRouter(model=MODEL, api_key=emu.api_key, base_url=base_url) as llm:
        answers = llm.batch([f"question {n}" for n in range(8)], config={"max_concurrency": 8})
        assert len(answers) == 8
    assert len(emu.requests) - before == 8


def test_async_client_without_a_loop_is_made_once(connection: dict[str, str]) -> None:
    llm = ChatOpenRouter(model=MODEL, **connection)
    assert llm.async_client is llm.async_client
    llm.close()


def test_a_copy_has_pools_of_its_own(connection: dict[str, str]) -> None:
    llm = ChatOpenRouter(model=MODEL, **connection)
    assert llm.invoke("original").content
    copy = llm.model_copy(update={"temperature": 0.0})
    assert copy.sync_client is not llm.sync_client
    llm.close()
    assert copy.invoke("the copy still works").content
    copy.close()

"""The async client of an event loop is closed and dropped when that loop finishes.

Each ``asyncio.run`` gets its own async client, but the clients of finished loops used to stay
cached and open: 20 ``asyncio.run`` calls left 26 live clients and 39 more open file
descriptors, so a worker running one loop per job grew without bound. The rule: a loop's client
is released when its loop shuts down (or at the next lookup from another loop), its pool closed
without warnings.
"""

from __future__ import annotations

import asyncio
import threading
import warnings

import httpx
import pytest

from langchain_openrouter import ChatOpenRouter
from unit_tests.samples import load_json


def answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=load_json("chat_completion_basic.json"))


class Spy(httpx.AsyncBaseTransport):
    """An async transport that counts how many clients closed it."""

    closed = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return answer(request)

    async def aclose(self) -> None:
        Spy.closed += 1


@pytest.fixture
def llm(monkeypatch: pytest.MonkeyPatch) -> ChatOpenRouter:
    Spy.closed = 0
    real = httpx.AsyncClient

    def client_on_spy(*args: object, **kwargs: object) -> httpx.AsyncClient:
        kwargs["transport"] = Spy()
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(httpx, "AsyncClient", client_on_spy)
    return ChatOpenRouter(
        model="openai/gpt-4o-mini",
        api_key="sk-or-v1-test",
        http_client=httpx.Client(transport=httpx.MockTransport(answer)),
    )


def test_each_asyncio_run_releases_its_client(llm: ChatOpenRouter) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for runs in range(1, 21):
            assert asyncio.run(llm.ainvoke("hi")).content
            assert llm._loop_clients == {}
            assert Spy.closed == runs


def test_the_client_is_reused_within_one_loop(llm: ChatOpenRouter) -> None:
    async def twice() -> bool:
        first = llm.async_client
        await llm.ainvoke("a")
        await llm.ainvoke("b")
        return first is llm.async_client

    assert asyncio.run(twice())
    assert Spy.closed == 1


def test_loops_in_threads_release_their_clients_too(llm: ChatOpenRouter) -> None:
    def work() -> None:
        llm.invoke("sync")
        asyncio.run(llm.ainvoke("async"))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert llm._loop_clients == {}
    assert Spy.closed == 8


def test_a_loop_closed_without_shutdown_is_dropped_at_the_next_lookup(
    llm: ChatOpenRouter,
) -> None:
    loop = asyncio.new_event_loop()
    loop.run_until_complete(llm.ainvoke("hi"))
    assert list(llm._loop_clients) == [loop]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the guard generator of a loop never shut down
        loop.close()
    asyncio.run(llm.ainvoke("again"))
    assert llm._loop_clients == {}


def test_a_client_you_pass_is_never_closed() -> None:
    mine = httpx.AsyncClient(transport=httpx.MockTransport(answer))
    llm = ChatOpenRouter(model="openai/gpt-4o-mini", api_key="sk-or-v1-t", http_async_client=mine)
    asyncio.run(llm.ainvoke("hi"))
    assert not mine.is_closed
    asyncio.run(mine.aclose())

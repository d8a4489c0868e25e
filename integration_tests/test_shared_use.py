"""One ChatOpenRouter shared across threads, asyncio tasks and event loops.

Notebooks, web servers and LangGraph call ``asyncio.run`` again and again, or run loops in
worker threads, with one model object. Every call must get its own answer, and no loop's end may
surface as ``RuntimeError: Event loop is closed`` (raised, logged by asyncio, or reported from a
finalizer). 1,000 concurrent tasks on one loop: integration_tests/test_load.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.testing import OpenRouterEmulator


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator()
    with emu.serve() as base_url:
        yield emu, base_url


@pytest.fixture
def llm(served: tuple[OpenRouterEmulator, str]) -> Iterator[ChatOpenRouter]:
    emu, base_url = served
    model = ChatOpenRouter(model="openai/gpt-4o-mini", api_key=emu.api_key, base_url=base_url)
    with model:
        yield model


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            text += f" {record.exc_info[1]!r}"
        self.messages.append(text)


@contextlib.contextmanager
def no_loop_errors() -> Iterator[list[str]]:
    """Collect what asyncio logs and what finalizers report; the test asserts it stays empty."""
    reported: list[str] = []
    previous = sys.unraisablehook

    def hook(unraisable: Any) -> None:
        reported.append(f"{unraisable.exc_type.__name__}: {unraisable.exc_value}")

    records = _Records()
    asyncio_logger = logging.getLogger("asyncio")
    sys.unraisablehook = hook
    asyncio_logger.addHandler(records)
    try:
        yield reported
        gc.collect()  # finalizers of clients whose loops are gone run now
    finally:
        sys.unraisablehook = previous
        asyncio_logger.removeHandler(records)
        reported.extend(m for m in records.messages if "error" in m.lower() or "closed" in m)


def test_eight_threads_share_one_model_sync(llm: ChatOpenRouter) -> None:
    def work(i: int) -> tuple[str, str]:
        invoked = llm.invoke(f"thread invoke {i}").text
        streamed = "".join(chunk.text for chunk in llm.stream(f"thread stream {i}"))
        return invoked, streamed

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(64)))
    assert results == [(f"thread invoke {i}", f"thread stream {i}") for i in range(64)]


def test_tasks_of_one_loop_share_one_model(llm: ChatOpenRouter) -> None:
    async def stream(i: int) -> str:
        return "".join([chunk.text async for chunk in llm.astream(f"task stream {i}")])

    async def main() -> list[str]:
        streams = [stream(i) for i in range(50)]
        invokes = [llm.ainvoke(f"task invoke {i}") for i in range(50)]
        done = await asyncio.gather(*streams, *invokes)
        return [d if isinstance(d, str) else d.text for d in done]

    expected = [f"task stream {i}" for i in range(50)] + [f"task invoke {i}" for i in range(50)]
    assert asyncio.run(main()) == expected


def test_repeated_asyncio_run_never_meets_a_closed_loop(llm: ChatOpenRouter) -> None:
    async def round_(n: int) -> list[str]:
        invoked = (await llm.ainvoke(f"run {n} invoke")).text
        streamed = "".join([chunk.text async for chunk in llm.astream(f"run {n} stream")])
        # A stream left early: its connection must not outlive the loop noisily.
        async for _ in llm.astream(f"run {n} abandoned"):
            break
        return [invoked, streamed]

    with no_loop_errors() as reported:
        for n in range(15):
            assert asyncio.run(round_(n)) == [f"run {n} invoke", f"run {n} stream"]
            # The sync side between loops, as a notebook cell would.
            assert llm.invoke(f"between {n}").text == f"between {n}"
    assert reported == []


def test_loops_in_threads_at_once_never_meet_a_closed_loop(llm: ChatOpenRouter) -> None:
    failures: list[BaseException] = []
    answers: dict[tuple[int, int], list[str]] = {}
    start = threading.Barrier(6)

    async def round_(t: int, n: int) -> list[str]:
        streamed = "".join([c.text async for c in llm.astream(f"t{t} run {n} stream")])
        return [(await llm.ainvoke(f"t{t} run {n} invoke")).text, streamed]

    def worker(t: int) -> None:
        try:
            start.wait()
            for n in range(4):
                answers[t, n] = asyncio.run(round_(t, n))
        except BaseException as exc:  # reported to the test below, not lost in the thread
            failures.append(exc)

    with no_loop_errors() as reported:
        threads = [threading.Thread(target=worker, args=(t,)) for t in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
    assert reported == []
    assert answers == {
        (t, n): [f"t{t} run {n} invoke", f"t{t} run {n} stream"] for t in range(6) for n in range(4)
    }
    assert llm._loop_clients == {}


def test_a_loop_closed_without_asyncio_run_is_survived(llm: ChatOpenRouter) -> None:
    # Code that makes and closes its own loops (no shutdown_asyncgens, no executor shutdown).
    with no_loop_errors() as reported:
        for n in range(3):
            loop = asyncio.new_event_loop()
            try:
                answer = loop.run_until_complete(llm.ainvoke(f"own loop {n}"))
            finally:
                loop.close()
            assert answer.text == f"own loop {n}"
        assert asyncio.run(llm.ainvoke("after")).text == "after"
    assert [m for m in reported if "Event loop is closed" in m] == []

"""The process-wide usage hook: registration, isolation of failures, threads and tasks."""

from __future__ import annotations

import asyncio
import contextvars
import threading

import pytest

from langchain_openrouter import _usage


def test_listener_gets_reports_until_removed() -> None:
    seen: list[_usage.UsageReport] = []
    remove = _usage.add_listener(seen.append)
    _usage.report("embeddings", "m/a", {"prompt_tokens": 3, "cost": 0.5}, "gen-1")
    remove()
    _usage.report("embeddings", "m/a", {"cost": 1.0})
    assert len(seen) == 1
    event = seen[0]
    assert (event.kind, event.model, event.generation_id, event.cost) == (
        "embeddings",
        "m/a",
        "gen-1",
        0.5,
    )
    assert dict(event.usage) == {"prompt_tokens": 3, "cost": 0.5}
    with pytest.raises(TypeError):
        event.usage["cost"] = 0  # type: ignore[index]
    remove()  # removing twice is harmless


def test_missing_usage_is_an_empty_mapping_with_zero_cost() -> None:
    seen: list[_usage.UsageReport] = []
    with _usage.listening(seen.append):
        _usage.report("chat", None, None)
    assert dict(seen[0].usage) == {}
    assert seen[0].cost == 0.0


def test_a_failing_listener_does_not_stop_the_others(caplog: pytest.LogCaptureFixture) -> None:
    seen: list[_usage.UsageReport] = []

    def broken(_: _usage.UsageReport) -> None:
        raise RuntimeError("boom")

    with _usage.listening(broken), _usage.listening(seen.append):
        _usage.report("embeddings", "m/a", {"cost": 0.1})
    assert len(seen) == 1
    assert "usage listener" in caplog.text


def test_reports_from_many_threads_all_arrive() -> None:
    seen: list[float] = []
    lock = threading.Lock()

    def listener(event: _usage.UsageReport) -> None:
        with lock:
            seen.append(event.cost)

    def work() -> None:
        for _ in range(200):
            _usage.report("embeddings", "m/a", {"cost": 1})

    with _usage.listening(listener):
        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(seen) == 1600
    assert sum(seen) == 1600


async def test_listeners_run_in_the_reporting_task_context() -> None:
    owner: contextvars.ContextVar[str] = contextvars.ContextVar("owner", default="none")
    seen: list[tuple[str, float]] = []
    with _usage.listening(lambda event: seen.append((owner.get(), event.cost))):

        async def task(name: str, cost: float) -> None:
            owner.set(name)
            await asyncio.sleep(0)
            _usage.report("embeddings", "m/a", {"cost": cost})

        await asyncio.gather(task("a", 1.0), task("b", 2.0))
    assert sorted(seen) == [("a", 1.0), ("b", 2.0)]

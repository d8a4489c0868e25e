"""The pure parts of bench/load.py and bench/memory.py that the report writer relies on."""

from __future__ import annotations

import asyncio

from bench.load import LoadResult, Round, percentile, prompts, run_round
from bench.memory import MemoryResult


def test_prompts_are_distinct_across_kinds() -> None:
    streams, invokes = prompts(500)
    assert len(set(streams + invokes)) == 1000


def test_percentile() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.5
    assert percentile(values, 99) == 99.01


def test_run_round_times_every_call_in_order() -> None:
    async def answer(text: str) -> str:
        await asyncio.sleep(0)
        return text

    calls = [lambda t=t: answer(t) for t in ("a", "b", "c")]
    done = asyncio.run(run_round(calls))
    assert isinstance(done, Round)
    assert done.answers == ["a", "b", "c"]
    assert all(0 <= latency <= done.seconds for latency in done.latencies)


def test_results_print_and_serialise() -> None:
    load = LoadResult(1000, 9.6, 8.9, 207.0, 224.0, 4726, 8853, 3568, 8350, 1158, 503, 122, 22, 0)
    assert "207 requests/s" in load.lines()
    assert load.as_dict()["added_p99_ms"] == 503
    memory = MemoryResult(
        lengths=(1000, 100_000),
        floor_peak_mb=(1.8, 181.3),
        chat_peak_mb=(1.8, 181.3),
        extra_bytes_per_chunk=(2.3, 0.0),
        callback_free_peak_mb=0.54,
        chunks=100_000,
        extra_mb=0.0,
        floor_rss_growth_mb=189,
        chat_rss_growth_mb=189,
    )
    assert "100,000 chunks" in memory.lines()
    assert memory.as_dict()["lengths"] == (1000, 100_000)

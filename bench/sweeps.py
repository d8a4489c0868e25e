"""The curves behind the plots: stream time per chunk against stream length, and ``ainvoke``
cost and latency against concurrency, for raw httpx, the floor and ChatOpenRouter.

A per-chunk or per-call cost that stays flat as the stream grows longer or the crowd larger
means nothing in the client grows with it (no list of chunks re-scanned, no lock contended).
Both sweeps interleave the contenders like the main scenarios and report medians.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bench.contenders import NAMES, AsyncContenders, SyncContenders
from bench.fixtures import expected_stream_text, stream_events

STREAM_LENGTHS = (100, 1_000, 3_000, 10_000, 20_000)
"""Content deltas per stream, from a short answer to a very long one."""
CONCURRENCY = (1, 10, 50, 100, 200, 500)
"""Concurrent ``ainvoke`` calls under one ``asyncio.gather``."""
CALLS_PER_SAMPLE = 100
"""At low concurrency a sample repeats the ``gather`` until it has made this many calls."""

Samples = dict[str, dict[int, list[float]]]
"""contender -> x value (stream length or concurrency) -> samples in seconds."""


def _add(samples: Samples, name: str, x: int, value: float) -> None:
    samples.setdefault(name, {}).setdefault(x, []).append(value)


@dataclass(frozen=True)
class SweepSettings:
    """The x values of both sweeps and how many samples each point gets."""

    lengths: tuple[int, ...] = STREAM_LENGTHS
    levels: tuple[int, ...] = CONCURRENCY
    repeats: int = 3
    warmups: int = 1

    @classmethod
    def quick(cls) -> SweepSettings:
        return cls(lengths=(100, 1_000, 5_000), levels=(1, 50, 200), repeats=1, warmups=0)


@dataclass
class StreamSweep:
    """Whole-stream times (seconds) of each contender at each stream length."""

    lengths: list[int]
    samples: Samples = field(default_factory=dict)

    def per_chunk(self, name: str, length: int) -> float:
        """Median seconds per content delta."""
        return statistics.median(self.samples[name][length]) / length

    def overhead_per_chunk(self, name: str, length: int) -> float:
        """Median seconds per delta beyond raw httpx: what the chat model adds to the transport."""
        return self.per_chunk(name, length) - self.per_chunk("raw", length)

    def as_dict(self) -> dict[str, object]:
        return {
            "lengths": self.lengths,
            "samples": self.samples,
            "per_chunk": {
                name: {n: self.per_chunk(name, n) for n in self.lengths} for name in self.samples
            },
        }


@dataclass
class ConcurrencySweep:
    """At each concurrency: wall time per call, and each call's latency from the gather start."""

    levels: list[int]
    per_call: Samples = field(default_factory=dict)
    """Wall time of the sample divided by the calls it made."""
    latency: Samples = field(default_factory=dict)
    """Median, within one sample, of the time from the ``gather`` start to each call's end."""

    def cost(self, name: str, level: int) -> float:
        """Median seconds of wall time per call."""
        return statistics.median(self.per_call[name][level])

    def median_latency(self, name: str, level: int) -> float:
        """Median over samples of a call's median latency, in seconds."""
        return statistics.median(self.latency[name][level])

    def as_dict(self) -> dict[str, object]:
        return {
            "levels": self.levels,
            "per_call": self.per_call,
            "latency": self.latency,
            "cost": {name: {n: self.cost(name, n) for n in self.levels} for name in self.per_call},
        }


def _timed_stream(contenders: SyncContenders, name: str) -> float:
    gc.collect()
    start = time.perf_counter()
    contenders.stream(name)
    return time.perf_counter() - start


def run_streams(settings: SweepSettings) -> StreamSweep:
    """Time whole streams of every length; each length's answers are checked first."""
    sweep = StreamSweep(list(settings.lengths))
    for length in settings.lengths:
        contenders = SyncContenders.build(stream_events(length))
        try:
            expected = expected_stream_text(length)
            for name in NAMES:
                if contenders.stream(name) != expected:
                    raise RuntimeError(f"{name}: wrong text for a {length}-delta stream")
            for round_ in range(settings.warmups + settings.repeats):
                for name in NAMES:
                    elapsed = _timed_stream(contenders, name)
                    if round_ >= settings.warmups:
                        _add(sweep.samples, name, length, elapsed)
        finally:
            contenders.close()
    return sweep


async def _gather(call: Callable[[], Awaitable[str]], n: int) -> tuple[float, list[float]]:
    """(wall time, each call's latency from the start) of ``n`` concurrent calls."""

    async def one() -> float:
        await call()
        return time.perf_counter()

    start = time.perf_counter()
    ends = await asyncio.gather(*(one() for _ in range(n)))
    return time.perf_counter() - start, [end - start for end in ends]


async def _run_concurrency(settings: SweepSettings) -> ConcurrencySweep:
    sweep = ConcurrencySweep(list(settings.levels))
    contenders = AsyncContenders.build()
    try:
        for name in NAMES:
            if await contenders.gather(name, 2) != ["Bonjour ! Comment ça va ?"] * 2:
                raise RuntimeError(f"{name}: wrong ainvoke answers")
        for level in settings.levels:
            rounds = max(1, CALLS_PER_SAMPLE // level)
            for round_ in range(settings.warmups + settings.repeats):
                for name in NAMES:
                    call = contenders.ainvoke(name)
                    gc.collect()
                    wall, latencies = 0.0, []
                    for _ in range(rounds):
                        elapsed, each = await _gather(call, level)
                        wall += elapsed
                        latencies.extend(each)
                    if round_ >= settings.warmups:
                        _add(sweep.per_call, name, level, wall / (rounds * level))
                        _add(sweep.latency, name, level, statistics.median(latencies))
    finally:
        await contenders.close()
    return sweep


def run_concurrency(settings: SweepSettings) -> ConcurrencySweep:
    """Time ``gather`` of every concurrency level (one event loop for the whole sweep)."""
    return asyncio.run(_run_concurrency(settings))

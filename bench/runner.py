"""Timing: warm up, then repeat each measurement with the contenders interleaved, take medians.

Interleaving (raw, floor, chat, raw, floor, chat, ...) spreads any drift of the machine (CPU
frequency, a noisy neighbour) over all three instead of charging it to whichever ran last.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from bench.contenders import NAMES, AsyncContenders, SyncContenders
from bench.fixtures import STREAM_CHUNKS, expected_stream_text


@dataclass(frozen=True)
class Settings:
    """How much work each scenario does."""

    invoke_calls: int = 200
    """Sequential ``invoke`` calls per sample (the sample is their mean)."""
    concurrency: int = 200
    """Concurrent ``ainvoke`` calls per ``gather``."""
    repeats: int = 15
    """Samples per contender and scenario (the median is reported)."""
    warmups: int = 2
    """Untimed rounds before the samples."""

    @classmethod
    def quick(cls) -> Settings:
        return cls(invoke_calls=50, concurrency=200, repeats=3, warmups=1)


@dataclass
class Scenario:
    """One row of the table: the samples of each contender, in seconds."""

    name: str
    unit: str
    samples: dict[str, list[float]] = field(default_factory=dict)

    def median(self, contender: str) -> float:
        return statistics.median(self.samples[contender])

    def ratio(self, top: str, bottom: str) -> float:
        return self.median(top) / self.median(bottom)

    def as_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["median"] = {name: self.median(name) for name in self.samples}
        out["ratio"] = {
            "floor/raw": self.ratio("floor", "raw"),
            "chat/raw": self.ratio("chat", "raw"),
            "chat/floor": self.ratio("chat", "floor"),
        }
        return out


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _interleave(scenario: Scenario, sample: Callable[[str], float], settings: Settings) -> Scenario:
    for _ in range(settings.warmups):
        for name in NAMES:
            sample(name)
    for _ in range(settings.repeats):
        for name in NAMES:
            gc.collect()
            scenario.samples.setdefault(name, []).append(sample(name))
    return scenario


def check_answers(sync: SyncContenders) -> None:
    """Fail loudly if a contender would be timed while giving a wrong answer."""
    expected = expected_stream_text()
    for name in NAMES:
        if sync.invoke(name) != "Bonjour ! Comment ça va ?":
            raise RuntimeError(f"{name}: wrong invoke answer")
        if sync.stream(name) != expected:
            raise RuntimeError(f"{name}: wrong stream text")


def run_sync(settings: Settings) -> list[Scenario]:
    """Per-invoke overhead and per-stream time."""
    sync = SyncContenders.build()
    try:
        check_answers(sync)
        calls = settings.invoke_calls

        def invoke(name: str) -> float:
            def many() -> None:
                for _ in range(calls):
                    sync.invoke(name)

            return _timed(many) / calls

        def stream(name: str) -> float:
            return _timed(lambda: sync.stream(name))

        return [
            _interleave(Scenario("invoke", "per call"), invoke, settings),
            _interleave(
                Scenario(f"stream {STREAM_CHUNKS:,} chunks", "per stream"), stream, settings
            ),
        ]
    finally:
        sync.close()


async def _run_async(settings: Settings) -> Scenario:
    contenders = AsyncContenders.build()
    scenario = Scenario(f"{settings.concurrency} concurrent ainvoke", "wall time")
    n = settings.concurrency
    try:
        for name in NAMES:
            answers = await contenders.gather(name, n)
            if answers != ["Bonjour ! Comment ça va ?"] * n:
                raise RuntimeError(f"{name}: wrong ainvoke answers")
        for round_ in range(settings.warmups + settings.repeats):
            for name in NAMES:
                gc.collect()
                start = time.perf_counter()
                await contenders.gather(name, n)
                elapsed = time.perf_counter() - start
                if round_ >= settings.warmups:
                    scenario.samples.setdefault(name, []).append(elapsed)
    finally:
        await contenders.close()
    return scenario


def run_async(settings: Settings) -> list[Scenario]:
    """Concurrent ``ainvoke`` wall time (one event loop for all samples)."""
    return [asyncio.run(_run_async(settings))]


def run_all(settings: Settings) -> list[Scenario]:
    return [*run_sync(settings), *run_async(settings)]

"""``aembed_documents`` of many short texts against the in-process emulator, vs raw httpx.

Both contenders send the same batched requests (``chunk_size`` inputs each, at most
``max_concurrency`` in flight) through the same emulator transport and put every vector in place
by its ``index``; the raw one does only that, with ``httpx.AsyncClient.post`` and
``response.json()``. The emulator's own work (hashing, JSON) is in both timings, so the ratio
shows what OpenRouterEmbeddings adds on top of the least a correct client must do.

Memory is measured in separate, untimed runs under ``tracemalloc``: the peak while the call runs
and what the returned vectors hold, to show the peak stays proportional to the output.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import Any

import httpx

from langchain_openrouter import OpenRouterEmbeddings
from langchain_openrouter.testing import OpenRouterEmulator

MODEL = "openai/text-embedding-3-small"
TARGET = 1.3
"""OpenRouterEmbeddings should stay within this factor of raw httpx."""

Vectors = list[list[float]]


@dataclass(frozen=True)
class EmbeddingSettings:
    """The size of the embeddings scenario."""

    texts: int = 10_000
    chunk_size: int = 100
    max_concurrency: int = 8
    dimensions: int = 256
    """Vector size requested (``dimensions``): 256 keeps 10,000 vectors at a few tens of MB."""
    repeats: int = 5
    warmups: int = 1

    @classmethod
    def quick(cls) -> EmbeddingSettings:
        return cls(texts=1_000, repeats=1, warmups=0)


@dataclass
class EmbeddingResult:
    """Samples (seconds) and memory (bytes) of both contenders."""

    settings: EmbeddingSettings
    samples: dict[str, list[float]] = field(default_factory=dict)
    peak_bytes: dict[str, int] = field(default_factory=dict)
    output_bytes: dict[str, int] = field(default_factory=dict)

    def median(self, name: str) -> float:
        return statistics.median(self.samples[name])

    def throughput(self, name: str) -> float:
        """Texts embedded per second (median run)."""
        return self.settings.texts / self.median(name)

    @property
    def ratio(self) -> float:
        """OpenRouterEmbeddings / raw httpx, medians."""
        return self.median("ours") / self.median("raw")

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["median"] = {name: self.median(name) for name in self.samples}
        out["ratio"] = self.ratio
        return out

    def line(self) -> str:
        """One Markdown paragraph for the report."""
        s = self.settings
        mb = 1024 * 1024
        verdict = "" if self.ratio <= TARGET else " (over target)"
        return (
            f"Embeddings: `aembed_documents` of {s.texts:,} short texts (chunk_size {s.chunk_size},"
            f" max_concurrency {s.max_concurrency}, {s.dimensions} dimensions) against the "
            f"in-process emulator: OpenRouterEmbeddings {self.median('ours'):.2f} s "
            f"({self.throughput('ours'):,.0f} texts/s), raw httpx {self.median('raw'):.2f} s "
            f"({self.throughput('raw'):,.0f} texts/s) (medians of {s.repeats}): "
            f"**{self.ratio:.2f}x**{verdict}, target <= {TARGET}x. Peak memory (tracemalloc, "
            f"emulator included): OpenRouterEmbeddings {self.peak_bytes['ours'] / mb:.1f} MB, "
            f"raw {self.peak_bytes['raw'] / mb:.1f} MB, for "
            f"{self.output_bytes['ours'] / mb:.1f} MB of returned vectors."
        )


def make_texts(n: int) -> list[str]:
    """``n`` distinct short texts (a sentence each)."""
    return [f"short text number {i} about topic {i % 37}" for i in range(n)]


class Contenders:
    """Both contenders on one emulator, one transport."""

    def __init__(self, settings: EmbeddingSettings) -> None:
        self.settings = settings
        self.emu = OpenRouterEmulator(credits=1_000_000)
        self.http = httpx.AsyncClient(transport=self.emu.transport, timeout=60)
        self.ours = OpenRouterEmbeddings(
            model=MODEL,
            api_key=self.emu.api_key,
            base_url=self.emu.base_url,
            http_async_client=self.http,
            dimensions=settings.dimensions,
            chunk_size=settings.chunk_size,
            max_concurrency=settings.max_concurrency,
        )
        self.headers = {"Authorization": f"Bearer {self.emu.api_key}"}
        self.url = f"{self.emu.base_url}/embeddings"

    async def raw(self, texts: list[str]) -> Vectors:
        """The floor: the same requests, bounded the same way, vectors placed by index."""
        s = self.settings
        out: list[Any] = [None] * len(texts)
        starts = iter(range(0, len(texts), s.chunk_size))

        async def worker() -> None:
            for start in starts:
                body = {
                    "model": MODEL,
                    "dimensions": s.dimensions,
                    "input": texts[start : start + s.chunk_size],
                }
                response = await self.http.post(self.url, json=body, headers=self.headers)
                response.raise_for_status()
                for item in response.json()["data"]:
                    out[start + item["index"]] = item["embedding"]

        await asyncio.gather(*(worker() for _ in range(s.max_concurrency)))
        return out

    async def run(self, name: str, texts: list[str]) -> Vectors:
        if name == "raw":
            return await self.raw(texts)
        return await self.ours.aembed_documents(texts)


async def _timed(call: Callable[[], Awaitable[Vectors]]) -> float:
    gc.collect()
    start = time.perf_counter()
    await call()
    return time.perf_counter() - start


async def _memory(call: Callable[[], Awaitable[Vectors]]) -> tuple[int, int]:
    """(peak bytes during the call, bytes still held by its result)."""
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = await call()
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return peak - base, held - base


async def _run(settings: EmbeddingSettings) -> EmbeddingResult:
    contenders = Contenders(settings)
    texts = make_texts(settings.texts)
    result = EmbeddingResult(settings)
    names = ("raw", "ours")
    try:
        raw = await contenders.run("raw", texts)
        ours = await contenders.run("ours", texts)
        if ours != raw or len(ours) != settings.texts:
            raise RuntimeError("OpenRouterEmbeddings and raw httpx returned different vectors")
        del raw, ours
        for round_ in range(settings.warmups + settings.repeats):
            for name in names:
                elapsed = await _timed(partial(contenders.run, name, texts))
                if round_ >= settings.warmups:
                    result.samples.setdefault(name, []).append(elapsed)
        for name in names:
            peak, held = await _memory(partial(contenders.run, name, texts))
            result.peak_bytes[name] = peak
            result.output_bytes[name] = held
    finally:
        await contenders.http.aclose()
    return result


def run(settings: EmbeddingSettings) -> EmbeddingResult:
    """Time both contenders (interleaved, medians) and measure their memory."""
    return asyncio.run(_run(settings))

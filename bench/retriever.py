"""``python -m bench.retriever``: OpenRouterModelRetriever over a 500-model catalog.

The catalog is the emulator's, scaled to 500 plausible models (``scaled_catalog``), served in
process. Two figures, each the median of many runs:

* index build: the per-version work of a new catalog (constraint facts of every model, their
  bit masks and the BM25 index), i.e. what the first search after a fetch pays beyond the
  fetch itself; wall time, and the process's CPU time (less skewed by a busy machine);
* query: one ``invoke`` from the warm cache (parsing, constraints, scoring, sorting and the
  documents), over a mix of name, capability and sentence queries.

Targets: index build under 50 ms, query p50 under 1 ms.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from dataclasses import dataclass

from langchain_openrouter.retrievers import OpenRouterModelRetriever, clear_catalog_cache
from langchain_openrouter.retrievers.catalog_cache import Snapshot
from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.testing.catalog import scaled_catalog

CATALOG_SIZE = 500
BUILD_TARGET = 0.050
QUERY_TARGET = 0.001
QUERIES = (
    "claude sonnet 4.5",
    "gpt-4.1 mini",
    "a cheap model that can call tools and read images, with at least 100k context",
    "free reasoning model",
    "cheapest model with structured outputs under $1/M",
    "coding assistant with 128k context",
    "newest openai model",
    "multilingual translation",
    "gemini flash",
    "math and science reasoning, open weights",
)


@dataclass(frozen=True)
class RetrieverResult:
    """Medians and percentiles, in seconds."""

    models: int
    build_median: float
    build_cpu_median: float
    query_p50: float
    query_p90: float
    query_cpu_p50: float
    queries: int

    def lines(self) -> str:
        build_ok = "within" if self.build_median < BUILD_TARGET else "OVER"
        query_ok = "within" if self.query_p50 < QUERY_TARGET else "OVER"
        return "\n".join(
            [
                f"| retriever, {self.models} models | median / p50 | p90 | target |",
                "| --- | ---: | ---: | --- |",
                f"| index build (facts, masks, BM25) | {self.build_median * 1e3:.1f} ms "
                f"(CPU {self.build_cpu_median * 1e3:.1f} ms) | | < 50 ms ({build_ok}) |",
                f"| query from warm cache ({self.queries} runs) | "
                f"{self.query_p50 * 1e6:.0f} µs (CPU {self.query_cpu_p50 * 1e6:.0f} µs) | "
                f"{self.query_p90 * 1e6:.0f} µs | "
                f"< 1 ms ({query_ok}) |",
            ]
        )


def run(builds: int = 20, rounds: int = 30) -> RetrieverResult:
    """Time index builds and warm queries; returns the figures."""
    clear_catalog_cache()
    emulator = OpenRouterEmulator(catalog=scaled_catalog(CATALOG_SIZE))
    retriever = OpenRouterModelRetriever(
        api_key=emulator.api_key,
        base_url=emulator.base_url,
        http_client=emulator.client(),
        catalog="all",  # every one of the 500 models, embeddings and rerankers included
        k=5,
    )
    snapshot = retriever.snapshot()
    if len(snapshot.models) != CATALOG_SIZE:
        raise RuntimeError(f"expected {CATALOG_SIZE} models, got {len(snapshot.models)}")
    build_samples = []
    cpu_samples = []
    for _ in range(builds):
        gc.collect()
        fresh = Snapshot(snapshot.models, 0.0)
        start, cpu = time.perf_counter(), time.process_time()
        _ = fresh.filters  # the constraint facts and their masks
        _ = fresh.index
        build_samples.append(time.perf_counter() - start)
        cpu_samples.append(time.process_time() - cpu)
    for query in QUERIES:  # warm: the facts and index of the cached version are built here
        if not retriever.invoke(query):
            raise RuntimeError(f"no result for {query!r}")
    query_samples = []
    query_cpu = []
    gc.collect()
    for _ in range(rounds):
        for query in QUERIES:
            start, cpu = time.perf_counter(), time.process_time()
            retriever.invoke(query)
            query_samples.append(time.perf_counter() - start)
            query_cpu.append(time.process_time() - cpu)
    clear_catalog_cache()
    deciles = statistics.quantiles(query_samples, n=10)
    return RetrieverResult(
        models=CATALOG_SIZE,
        build_median=statistics.median(build_samples),
        build_cpu_median=statistics.median(cpu_samples),
        query_p50=statistics.median(query_samples),
        query_p90=deciles[8],
        query_cpu_p50=statistics.median(query_cpu),
        queries=len(query_samples),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.retriever", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs (a smoke run)")
    args = parser.parse_args(argv)
    result = run(builds=3, rounds=3) if args.quick else run()
    print(result.lines())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

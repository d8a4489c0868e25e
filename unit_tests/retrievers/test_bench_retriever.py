"""Smoke test of the retriever benchmark: it measures working searches (no timing asserted)."""

from __future__ import annotations

from bench import retriever as bench_retriever


def test_one_tiny_run() -> None:
    result = bench_retriever.run(builds=1, rounds=1)
    assert result.models == 500
    assert result.queries == len(bench_retriever.QUERIES)
    assert result.build_median > 0
    assert result.query_p50 > 0
    lines = result.lines()
    assert "| index build (facts, masks, BM25) |" in lines
    assert "query from warm cache (10 runs)" in lines

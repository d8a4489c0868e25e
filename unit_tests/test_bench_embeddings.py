"""Smoke test of the embeddings benchmark: both contenders agree, and every figure is filled.

No timing is asserted; this only proves that ``make bench`` measures working code.
"""

from __future__ import annotations

import pytest

from bench import embeddings


async def test_raw_and_ours_return_the_same_vectors_in_order() -> None:
    settings = embeddings.EmbeddingSettings(texts=25, chunk_size=4, max_concurrency=3)
    contenders = embeddings.Contenders(settings)
    texts = embeddings.make_texts(25)
    try:
        raw = await contenders.run("raw", texts)
        ours = await contenders.run("ours", texts)
    finally:
        await contenders.http.aclose()
    assert ours == raw
    assert len(ours) == 25
    assert {len(v) for v in ours} == {settings.dimensions}
    bodies = [r for r in contenders.emu.requests if r.route == "/embeddings"]
    assert len(bodies) == 2 * 7  # ceil(25 / 4) requests per contender


@pytest.mark.timeout(60)
def test_tiny_run_fills_every_figure() -> None:
    settings = embeddings.EmbeddingSettings(
        texts=30, chunk_size=10, max_concurrency=2, repeats=2, warmups=0
    )
    result = embeddings.run(settings)
    assert {name: len(samples) for name, samples in result.samples.items()} == {
        "raw": 2,
        "ours": 2,
    }
    assert set(result.peak_bytes) == set(result.output_bytes) == {"raw", "ours"}
    assert result.output_bytes["ours"] > 30 * settings.dimensions * 8
    assert result.ratio > 0
    assert result.as_dict()["ratio"] == result.ratio
    line = result.line()
    assert line.startswith("Embeddings: `aembed_documents` of 30 short texts (chunk_size 10,")
    assert "target <= 1.3x" in line
    assert result.throughput("ours") == 30 / result.median("ours")
    assert f"({result.throughput('raw'):,.0f} texts/s)" in line

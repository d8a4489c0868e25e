"""Smoke test of the benchmark: its canned answers, its floor model and one tiny run.

No timing is asserted; this only proves that ``make bench`` measures working code.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from bench import load, memory, pages, report, runner, sweeps
from bench.contenders import AsyncContenders, SyncContenders, make_floor
from bench.fixtures import (
    CHAT_URL,
    COMPLETION,
    STREAM,
    STREAM_CHUNKS,
    AsyncMockTransport,
    MockTransport,
    chat_payload,
    expected_stream_text,
)
from bench.importtime import ImportTimes
from langchain_openrouter._client.sse import EventStreamDecoder
from unit_tests.test_bench_pages import fake_load, fake_memory


def test_stream_fixture_is_a_realistic_openrouter_stream() -> None:
    assert STREAM[:3] == [b": OPENROUTER PROCESSING\n\n"] * 3
    assert STREAM[-1] == b"data: [DONE]\n\n"
    decoder = EventStreamDecoder()
    events = [event for data in STREAM for event in decoder.feed(data)]
    assert decoder.done
    assert len(events) == STREAM_CHUNKS + 2
    assert events[0]["choices"][0]["delta"] == {"role": "assistant", "content": "Bonjour"}
    finish, usage = events[-2], events[-1]
    assert finish["choices"][0]["finish_reason"] == "stop"
    assert usage["choices"] == []
    assert usage["usage"]["completion_tokens"] == STREAM_CHUNKS
    text = "".join(e["choices"][0]["delta"]["content"] for e in events[:-1])
    assert text == expected_stream_text()


def test_transport_serves_json_or_sse_by_request() -> None:
    transport = MockTransport()
    with httpx.Client(transport=transport) as client:
        body = client.post(CHAT_URL, json=chat_payload()).json()
        assert body == json.loads(COMPLETION)
        with client.stream("POST", CHAT_URL, json=chat_payload(stream=True)) as response:
            assert response.headers["content-type"] == "text/event-stream"
            assert sum(1 for line in response.iter_lines() if line.startswith("data: ")) == (
                STREAM_CHUNKS + 3
            )
    assert transport.requests == 2


def test_floor_invoke_and_stream() -> None:
    with httpx.Client(transport=MockTransport()) as client:
        floor = make_floor(client)
        message = floor.invoke("hi")
        assert message.content == "Bonjour ! Comment ça va ?"
        assert message.usage_metadata == {
            "input_tokens": 14,
            "output_tokens": 8,
            "total_tokens": 22,
        }
        chunks = list(floor.stream("hi"))
    total = chunks[0]
    for chunk in chunks[1:]:
        total += chunk
    assert total.content == expected_stream_text()
    assert total.usage_metadata == {
        "input_tokens": 14,
        "output_tokens": STREAM_CHUNKS,
        "total_tokens": 14 + STREAM_CHUNKS,
    }


async def test_floor_ainvoke() -> None:
    async with httpx.AsyncClient(transport=AsyncMockTransport()) as client:
        message = await make_floor(async_client=client).ainvoke("hi")
    assert message.content == "Bonjour ! Comment ça va ?"


def test_every_contender_gives_the_expected_answers() -> None:
    sync = SyncContenders.build()
    try:
        runner.check_answers(sync)
    finally:
        sync.close()


async def test_every_contender_gathers() -> None:
    contenders = AsyncContenders.build()
    try:
        for name in ("raw", "floor", "chat"):
            assert await contenders.gather(name, 3) == ["Bonjour ! Comment ça va ?"] * 3
    finally:
        await contenders.close()


@pytest.mark.timeout(60)
def test_tiny_run_fills_every_cell() -> None:
    settings = runner.Settings(invoke_calls=2, concurrency=3, repeats=2, warmups=0)
    scenarios = runner.run_all(settings)
    assert [s.name for s in scenarios] == [
        "invoke",
        f"stream {STREAM_CHUNKS:,} chunks",
        "3 concurrent ainvoke",
    ]
    for scenario in scenarios:
        assert {name: len(samples) for name, samples in scenario.samples.items()} == {
            "raw": 2,
            "floor": 2,
            "chat": 2,
        }
        assert set(scenario.as_dict()["ratio"]) == {"floor/raw", "chat/raw", "chat/floor"}
    lines = report.table(scenarios).splitlines()
    assert len(lines) == 2 + len(scenarios)
    assert lines[0].startswith("| scenario | raw httpx | floor | ChatOpenRouter |")


def test_import_line_reports_medians() -> None:
    times = ImportTimes(
        core=[0.5, 0.7, 0.6],
        floor=[0.3, 0.2, 0.25],
        extra=[0.32, 0.34, 0.33],
        own=[0.08, 0.1, 0.09],
    )
    assert report.import_line(times) == (
        "Import (medians of 3 fresh interpreters): "
        "`import langchain_openrouter; langchain_openrouter.ChatOpenRouter` takes 330.0 ms "
        "beyond `import langchain_core.language_models` (600.0 ms); the floor "
        "(BaseChatModel + httpx) takes 250.0 ms beyond it; timed after the floor, "
        "ChatOpenRouter takes 90.0 ms."
    )


def test_stage_breakdown_runs() -> None:
    from bench.stages import stages

    rows = stages(runs=1)
    assert [row[0] for row in rows] == [
        "SSEDecoder.feed (lines -> events)",
        "EventStreamDecoder.feed (+ json)",
        "StreamAccumulator.feed/finish",
        "(for scale) chunk objects alone",
    ]


TINY_SWEEPS = sweeps.SweepSettings(lengths=(10, 30), levels=(1, 3), repeats=1, warmups=0)


@pytest.mark.timeout(60)
def test_tiny_sweeps_fill_every_point() -> None:
    streams = sweeps.run_streams(TINY_SWEEPS)
    assert streams.lengths == [10, 30]
    assert {name: sorted(points) for name, points in streams.samples.items()} == {
        "raw": [10, 30],
        "floor": [10, 30],
        "chat": [10, 30],
    }
    assert streams.per_chunk("chat", 30) > 0
    concurrency = sweeps.run_concurrency(TINY_SWEEPS)
    assert concurrency.levels == [1, 3]
    for samples in (concurrency.per_call, concurrency.latency):
        assert {
            name: {n: len(s) for n, s in points.items()} for name, points in samples.items()
        } == {name: {1: 1, 3: 1} for name in ("raw", "floor", "chat")}
    assert set(concurrency.as_dict()["cost"]) == {"raw", "floor", "chat"}  # type: ignore[arg-type]


@pytest.fixture
def tiny_quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """``--quick`` runs as little as can fill every figure."""
    tiny = runner.Settings(invoke_calls=1, concurrency=2, repeats=1, warmups=0)
    monkeypatch.setattr(runner.Settings, "quick", classmethod(lambda cls: tiny))
    monkeypatch.setattr(sweeps.SweepSettings, "quick", classmethod(lambda cls: TINY_SWEEPS))


@pytest.mark.timeout(60)
@pytest.mark.usefixtures("tiny_quick")
def test_main_writes_json_and_no_docs_when_quick(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bench.__main__ import main

    out = tmp_path / "results.json"
    argv = ["--quick", "--no-import", "--no-embeddings", "--no-load", "--docs", str(tmp_path)]
    argv += ["--json", str(out)]
    assert main(argv) == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["settings"] == {
        "invoke_calls": 1,
        "concurrency": 2,
        "repeats": 1,
        "warmups": 0,
    }
    assert [s["name"] for s in results["scenarios"]] == [
        "invoke",
        f"stream {STREAM_CHUNKS:,} chunks",
        "2 concurrent ainvoke",
    ]
    assert results["import"] is None
    assert results["embeddings"] is None
    assert results["streams"]["lengths"] == [10, 30]
    assert results["concurrency"]["levels"] == [1, 3]
    assert results["retriever"]["models"] == 500
    assert results["load"] is None
    assert results["memory"] is None
    assert set(results["machine"]) >= {"date", "cpu", "python", "langchain-core", "load"}
    printed = capsys.readouterr().out
    assert "| scenario | raw httpx | floor | ChatOpenRouter |" in printed
    assert "| content deltas | raw httpx | floor - raw |" in printed
    assert "Docs not written (a --quick or --no-write run)." in printed
    assert f"Results written to {out}" in printed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.json"]


@pytest.mark.timeout(60)
@pytest.mark.usefixtures("tiny_quick")
def test_main_writes_the_docs_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bench.__main__ import main

    # The load and memory runs take a minute each; their figures come from fakes here
    # (bench/load.py and bench/memory.py have their own tests).
    asked: list[tuple[str, bool]] = []

    def fake(name: str, result: object) -> Callable[..., object]:
        def run(quick: bool = False) -> object:
            asked.append((name, quick))
            return result

        return run

    monkeypatch.setattr(load, "run", fake("load", fake_load()))
    monkeypatch.setattr(memory, "run", fake("memory", fake_memory()))
    start, end = pages.markers("results")
    (tmp_path / "benchmarks.md").write_text(f"# B\n\n{start}\n{end}\n", encoding="utf-8")
    (tmp_path / "reliability.md").write_text("# R\n", encoding="utf-8")
    argv = ["--quick", "--write", "--no-import", "--no-embeddings", "--docs", str(tmp_path)]
    assert main(argv) == 0
    page = (tmp_path / "benchmarks.md").read_text(encoding="utf-8")
    assert "### Overhead per chunk against stream length" in page
    assert "### Model retriever" in page
    assert page.endswith(f"{end}\n")
    assert {p.name for p in (tmp_path / "benchmarks").iterdir()} == {
        "stream-overhead.png",
        "concurrency.png",
    }
    assert asked == [("load", True), ("memory", True)]
    assert "### Memory of a 100,000-chunk stream" in page
    assert (tmp_path / "reliability.md").read_text(encoding="utf-8") == "# R\n"
    printed = capsys.readouterr().out
    assert report.load_figures(fake_load()) in printed
    assert f"{tmp_path}/benchmarks.md: figures written" in printed
    assert (
        f"{tmp_path}/reliability.md: no <!-- bench:reliability:start --> marker, left untouched"
    ) in printed


def test_writing_without_matplotlib_stops_before_running(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib.util

    from bench.__main__ import main

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "matplotlib" else real(name)
    )
    assert main(["--write"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "The plots need matplotlib: install the bench extra" in captured.err

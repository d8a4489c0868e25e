"""The docs writer of the bench: marker replacement, the rendered sections, and the pages it
writes or leaves alone. Fake results only: nothing here is timed."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from bench import pages, report
from bench.load import LoadResult
from bench.memory import MemoryResult
from bench.results import Results
from bench.runner import Scenario, Settings
from bench.sweeps import ConcurrencySweep, StreamSweep

START, END = pages.markers("results")
PAGE = f"# Title\n\nProse stays.\n\n{START}\nold figures\n{END}\n\n## After\n\nMore prose.\n"


def test_markers_are_html_comments_named_by_section() -> None:
    assert pages.markers("reliability") == (
        "<!-- bench:reliability:start -->",
        "<!-- bench:reliability:end -->",
    )


def test_only_the_text_between_the_markers_changes() -> None:
    new = pages.replace_section(PAGE, "results", "| a | b |\n| --- | --- |\n| 1 | 2 |")
    assert new == (
        f"# Title\n\nProse stays.\n\n{START}\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n{END}\n"
        "\n## After\n\nMore prose.\n"
    )


def test_replacing_twice_gives_the_same_page() -> None:
    once = pages.replace_section(PAGE, "results", "\n\nfigures\n\n")
    assert once is not None
    assert pages.replace_section(once, "results", "figures") == once


def test_empty_section_and_indented_markers() -> None:
    text = f"a\n  {START}\n  {END}\nb"
    assert pages.replace_section(text, "results", "x") == f"a\n  {START}\n\nx\n\n  {END}\nb"


def test_a_page_without_markers_gives_none() -> None:
    assert pages.replace_section("# Reliability\n\nNo markers here.\n", "reliability", "x") is None
    # Another section's markers are not this section's.
    assert pages.replace_section(PAGE, "reliability", "x") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (f"{START}\nno end\n", "found 1 and 0"),
        (f"no start\n{END}\n", "found 0 and 1"),
        (f"{START}\n{END}\n{START}\n{END}\n", "found 2 and 2"),
        (f"{END}\n{START}\n", "comes before"),
    ],
)
def test_malformed_markers_are_refused(text: str, message: str) -> None:
    with pytest.raises(pages.MarkerError, match=message):
        pages.replace_section(text, "results", "x")


def test_update_page_writes_and_reports(tmp_path: Path) -> None:
    page = tmp_path / "benchmarks.md"
    page.write_text(PAGE, encoding="utf-8")
    assert pages.update_page(page, "results", "new") == f"{page}: figures written"
    assert f"{START}\n\nnew\n\n{END}" in page.read_text(encoding="utf-8")
    assert pages.update_page(page, "results", "new") == f"{page}: figures unchanged"


def test_update_page_leaves_a_page_without_markers_untouched(tmp_path: Path) -> None:
    page = tmp_path / "reliability.md"
    page.write_bytes(b"# Reliability\r\n\r\nHand-written.\r\n")
    message = pages.update_page(page, "reliability", "figures")
    assert message == f"{page}: no <!-- bench:reliability:start --> marker, left untouched"
    assert page.read_bytes() == b"# Reliability\r\n\r\nHand-written.\r\n"
    missing = tmp_path / "absent.md"
    assert pages.update_page(missing, "reliability", "x") == f"{missing}: no such page, not written"
    assert not missing.exists()


def test_update_page_names_the_page_with_bad_markers(tmp_path: Path) -> None:
    page = tmp_path / "benchmarks.md"
    page.write_text(f"{START}\n", encoding="utf-8")
    with pytest.raises(pages.MarkerError, match=r"benchmarks\.md: expected one"):
        pages.update_page(page, "results", "x")
    assert page.read_text(encoding="utf-8") == f"{START}\n"


# Fake results: every figure chosen so the rendered text can be asserted exactly.


def fake_load() -> LoadResult:
    return LoadResult(
        calls=1000,
        chat_seconds=9.5,
        raw_seconds=8.0,
        requests_per_second=210.526,
        raw_requests_per_second=250.0,
        chat_p50_ms=4726.4,
        chat_p99_ms=8853.0,
        raw_p50_ms=3568.0,
        raw_p99_ms=8350.2,
        added_p50_ms=1158.4,
        added_p99_ms=502.8,
        peak_rss_mb=122.4,
        rss_growth_mb=21.6,
        open_fds_after=0,
    )


def fake_memory() -> MemoryResult:
    return MemoryResult(
        lengths=(1_000, 100_000),
        floor_peak_mb=(1.81, 181.3),
        chat_peak_mb=(1.82, 181.3),
        extra_bytes_per_chunk=(2.3, 0.04),
        callback_free_peak_mb=0.512,
        chunks=100_000,
        extra_mb=0.004,
        floor_rss_growth_mb=189.2,
        chat_rss_growth_mb=188.9,
    )


LOAD_FIGURES = """1,000 concurrent `astream` and 1,000 concurrent `ainvoke` calls (2,000 \
requests at once, one event loop) against the emulator served on 127.0.0.1 from a child process \
(`python -m bench.load`); client-added latency is ChatOpenRouter's percentile minus raw \
httpx's in the same run:

| | requests/s | wall time | p50 latency | p99 latency |
| --- | ---: | ---: | ---: | ---: |
| raw httpx | 250 | 8.00 s | 3,568 ms | 8,350 ms |
| ChatOpenRouter | 211 | 9.50 s | 4,726 ms | 8,853 ms |
| client-added | | | **+1,158 ms** | **+503 ms** |

Peak resident memory of the client process during the ChatOpenRouter round: **122 MiB** \
(+22 MiB over the round); 0 file descriptors left open after it."""

MEMORY_FIGURES = """Peak memory (`tracemalloc`) while one stream is consumed with `stream()` \
(`python -m bench.memory`); langchain-core keeps every chunk until the end for both models, so \
what the package keeps is the last column:

| chunks | floor | ChatOpenRouter | beyond the floor |
| ---: | ---: | ---: | ---: |
| 1,000 | 1.8 MB | 1.8 MB | +2.3 B per chunk |
| 100,000 | 181.3 MB | 181.3 MB | +0.0 B per chunk |

On the 100,000-chunk stream ChatOpenRouter holds **+0.0 MB** beyond the floor; without \
callbacks (`model._stream(messages)`) it peaks at 0.51 MB. Resident-set growth of a fresh \
process on that stream: floor 189 MB, ChatOpenRouter 189 MB."""


def test_load_figures_give_throughput_latency_and_memory() -> None:
    assert report.load_figures(fake_load()) == LOAD_FIGURES


def test_load_figures_say_when_descriptors_were_not_counted() -> None:
    result = dataclasses.replace(fake_load(), open_fds_after=-1)
    assert report.load_figures(result).endswith(
        "(+22 MiB over the round); not measured on this platform after it."
    )


def test_memory_figures_give_each_length_and_the_long_stream() -> None:
    assert report.memory_figures(fake_memory()) == MEMORY_FIGURES


def scenario(name: str, unit: str, raw: float, floor: float, chat: float) -> Scenario:
    return Scenario(name, unit, {"raw": [raw], "floor": [floor], "chat": [chat]})


def fake_streams() -> StreamSweep:
    # seconds per whole stream: raw 10 µs, floor 50 µs, chat 60 µs per delta
    return StreamSweep(
        [100, 1000],
        {
            "raw": {100: [0.001], 1000: [0.010]},
            "floor": {100: [0.005], 1000: [0.050]},
            "chat": {100: [0.006], 1000: [0.060]},
        },
    )


def fake_concurrency() -> ConcurrencySweep:
    levels = [1, 100]
    cost = {"raw": 0.0004, "floor": 0.0008, "chat": 0.001}
    return ConcurrencySweep(
        levels,
        per_call={name: {n: [c] for n in levels} for name, c in cost.items()},
        latency={name: {n: [c * n / 2] for n in levels} for name, c in cost.items()},
    )


def fake_results(**parts: Any) -> Results:
    machine = {
        "date": "2026-11-30 08:00 UTC",
        "platform": "Linux-x86_64",
        "cpu": "Test CPU (2 logical CPUs)",
        "python": "CPython 3.11.7",
        "langchain-openrouter": "0.3.0",
        "langchain-core": "1.8.3",
        "httpx": "0.28.1",
        "pydantic": "2.14.4",
        "load": "0.50 (1-minute load average)",
    }
    return Results(
        machine,
        Settings(invoke_calls=200, concurrency=200, repeats=15, warmups=2),
        [
            scenario("invoke", "per call", 0.0004, 0.0008, 0.001),
            scenario("stream 2,000 chunks", "per stream", 0.03, 0.1, 0.2),
        ],
        elapsed=185.4,
        load_at_end="1.25 (1-minute load average)",
        **parts,
    )


def test_run_header_says_when_where_and_under_what_load() -> None:
    assert report.run_header(fake_results()) == (
        "Run of 2026-11-30 08:00 UTC (bench time 3 min 5 s) on:\n"
        "\n"
        "- platform: Linux-x86_64\n"
        "- cpu: Test CPU (2 logical CPUs)\n"
        "- python: CPython 3.11.7\n"
        "- langchain-openrouter 0.3.0, langchain-core 1.8.3, httpx 0.28.1, pydantic 2.14.4\n"
        "- load: 0.50 at the start, 1.25 at the end (1-minute load average; other work on the "
        "machine inflates every figure, the ratios less than the times)\n"
        "\n"
        "15 samples per cell (median shown), 2 warm-up round(s); invoke: 200 sequential calls "
        "per sample; stream: 2,000 content deltas; concurrency: 200."
    )


def test_verdict_names_the_scenarios_over_target() -> None:
    results = fake_results()
    assert report.verdict(results.scenarios) == "Over the 1.5x target: stream 2,000 chunks."
    assert report.verdict(results.scenarios[:1]) == "Every scenario is within the 1.5x target."


def test_stream_table_gives_the_overhead_per_delta() -> None:
    assert report.stream_table(fake_streams()).splitlines()[2:] == [
        "| 100 | 10.0 µs | 40.0 µs | 50.0 µs | +10.0 µs |",
        "| 1,000 | 10.0 µs | 40.0 µs | 50.0 µs | +10.0 µs |",
    ]


def test_concurrency_table_gives_cost_latency_and_ratio() -> None:
    assert report.concurrency_table(fake_concurrency()).splitlines()[2:] == [
        "| 1 | 400 µs / 200 µs | 800 µs / 400 µs | 1.0 ms / 500 µs | 1.25x |",
        "| 100 | 400 µs / 20.0 ms | 800 µs / 40.0 ms | 1.0 ms / 50.0 ms | 1.25x |",
    ]


def test_the_results_section_holds_every_part_that_ran() -> None:
    results = fake_results(
        streams=fake_streams(),
        concurrency=fake_concurrency(),
        load=fake_load(),
        memory=fake_memory(),
    )
    section = report.benchmarks_section(results)
    headings = [line for line in section.splitlines() if line.startswith("### ")]
    assert headings == [
        "### Invoke, stream and concurrency overhead",
        "### Overhead per chunk against stream length",
        "### Cost and latency against concurrency",
        "### 1,000 concurrent streams and 1,000 concurrent invokes",
        "### Memory of a 100,000-chunk stream",
    ]
    assert "](benchmarks/stream-overhead.png)" in section
    assert "](benchmarks/concurrency.png)" in section
    assert (
        f"### 1,000 concurrent streams and 1,000 concurrent invokes\n\n{LOAD_FIGURES}\n\n"
        f"### Memory of a 100,000-chunk stream\n\n{MEMORY_FIGURES}"
    ) in section
    assert report.benchmarks_section(fake_results()).count("### ") == 1


def test_the_reliability_section_has_only_load_and_memory() -> None:
    assert report.reliability_section(fake_results()) is None
    section = report.reliability_section(fake_results(memory=fake_memory()))
    assert section == (
        "Measured by `make bench` on 2026-11-30 08:00 UTC, Test CPU (2 logical CPUs), 1-minute "
        "load average 0.50 at the start and 1.25 at the end; the method and every other figure "
        "are in [Benchmarks](benchmarks.md).\n\n### Memory of a 100,000-chunk stream\n\n"
        + MEMORY_FIGURES
    )


def test_write_docs_draws_plots_and_fills_both_pages(tmp_path: Path) -> None:
    (tmp_path / "benchmarks.md").write_text(PAGE, encoding="utf-8")
    reliability_start, reliability_end = pages.markers("reliability")
    (tmp_path / "reliability.md").write_text(
        f"# Reliability\n\n{reliability_start}\n{reliability_end}\n", encoding="utf-8"
    )
    results = fake_results(
        streams=fake_streams(),
        concurrency=fake_concurrency(),
        load=fake_load(),
        memory=fake_memory(),
    )
    assert pages.write_docs(results, tmp_path) == [
        f"{tmp_path}/benchmarks/stream-overhead.png: drawn",
        f"{tmp_path}/benchmarks/concurrency.png: drawn",
        f"{tmp_path}/benchmarks.md: figures written",
        f"{tmp_path}/reliability.md: figures written",
    ]
    benchmarks = (tmp_path / "benchmarks.md").read_text(encoding="utf-8")
    assert benchmarks.startswith("# Title\n\nProse stays.\n\n")
    assert benchmarks.endswith(f"{MEMORY_FIGURES}\n\n{END}\n\n## After\n\nMore prose.\n")
    reliability = (tmp_path / "reliability.md").read_text(encoding="utf-8")
    assert f"{LOAD_FIGURES}\n\n### Memory" in reliability
    assert reliability.endswith(f"{MEMORY_FIGURES}\n\n{reliability_end}\n")
    assert "chunks | floor" not in benchmarks.split(START)[0]


def test_write_docs_leaves_a_reliability_page_without_markers(tmp_path: Path) -> None:
    (tmp_path / "benchmarks.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "reliability.md").write_text("# Reliability\n", encoding="utf-8")
    done = pages.write_docs(fake_results(load=fake_load()), tmp_path)
    assert done == [
        f"{tmp_path}/benchmarks.md: figures written",
        f"{tmp_path}/reliability.md: no <!-- bench:reliability:start --> marker, left untouched",
    ]
    assert (tmp_path / "reliability.md").read_text(encoding="utf-8") == "# Reliability\n"
    assert not (tmp_path / "benchmarks").exists()

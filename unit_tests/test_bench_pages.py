"""The docs writer of the bench: marker replacement, the rendered sections, and the pages it
writes or leaves alone. Fake results only: nothing here is timed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench import pages, report
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


class FakeFigures:
    def __init__(self, text: str) -> None:
        self.text = text

    def lines(self) -> str:
        return self.text

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text}


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
        load=FakeFigures("LOAD FIGURES"),
        memory=FakeFigures("MEMORY FIGURES"),
    )
    section = report.benchmarks_section(results)
    headings = [line for line in section.splitlines() if line.startswith("### ")]
    assert headings == [
        "### Invoke, stream and concurrency overhead",
        "### Overhead per chunk against stream length",
        "### Cost and latency against concurrency",
        "### 1,000 concurrent calls",
        "### Memory of a 100,000-chunk stream",
    ]
    assert "](benchmarks/stream-overhead.png)" in section
    assert "](benchmarks/concurrency.png)" in section
    assert "LOAD FIGURES\n\n### Memory of a 100,000-chunk stream\n\nMEMORY FIGURES" in section
    assert report.benchmarks_section(fake_results()).count("### ") == 1


def test_the_reliability_section_has_only_load_and_memory() -> None:
    assert report.reliability_section(fake_results()) is None
    section = report.reliability_section(fake_results(memory=FakeFigures("MEMORY FIGURES")))
    assert section == (
        "Measured by `make bench` on 2026-11-30 08:00 UTC, Test CPU (2 logical CPUs), 1-minute "
        "load average 0.50 at the start and 1.25 at the end; the method and every other figure "
        "are in [Benchmarks](benchmarks.md).\n\nMEMORY FIGURES"
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
        load=FakeFigures("LOAD FIGURES"),
        memory=FakeFigures("MEMORY FIGURES"),
    )
    assert pages.write_docs(results, tmp_path) == [
        f"{tmp_path}/benchmarks/stream-overhead.png: drawn",
        f"{tmp_path}/benchmarks/concurrency.png: drawn",
        f"{tmp_path}/benchmarks.md: figures written",
        f"{tmp_path}/reliability.md: figures written",
    ]
    benchmarks = (tmp_path / "benchmarks.md").read_text(encoding="utf-8")
    assert benchmarks.startswith("# Title\n\nProse stays.\n\n")
    assert benchmarks.endswith(f"MEMORY FIGURES\n\n{END}\n\n## After\n\nMore prose.\n")
    reliability = (tmp_path / "reliability.md").read_text(encoding="utf-8")
    assert "LOAD FIGURES\n\nMEMORY FIGURES\n\n<!-- bench:reliability:end -->" in reliability
    assert "MEMORY FIGURES" not in benchmarks.split(START)[0]


def test_write_docs_leaves_a_reliability_page_without_markers(tmp_path: Path) -> None:
    (tmp_path / "benchmarks.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "reliability.md").write_text("# Reliability\n", encoding="utf-8")
    done = pages.write_docs(fake_results(load=FakeFigures("LOAD FIGURES")), tmp_path)
    assert done == [
        f"{tmp_path}/benchmarks.md: figures written",
        f"{tmp_path}/reliability.md: no <!-- bench:reliability:start --> marker, left untouched",
    ]
    assert (tmp_path / "reliability.md").read_text(encoding="utf-8") == "# Reliability\n"
    assert not (tmp_path / "benchmarks").exists()

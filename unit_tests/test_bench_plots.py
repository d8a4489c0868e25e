"""The bench's plots: real PNGs drawn from fake sweeps, and matplotlib kept out of imports.

matplotlib is in the test group (as well as the ``bench`` extra) so these run in ``make test``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench import plots, sweeps

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def stream_sweep() -> sweeps.StreamSweep:
    lengths = [100, 1_000, 20_000]
    per_delta = {"raw": 10e-6, "floor": 50e-6, "chat": 60e-6}
    return sweeps.StreamSweep(
        lengths, {name: {n: [t * n, t * n * 1.1] for n in lengths} for name, t in per_delta.items()}
    )


def concurrency_sweep() -> sweeps.ConcurrencySweep:
    levels = [1, 10, 500]
    cost = {"raw": 0.0004, "floor": 0.0008, "chat": 0.001}
    return sweeps.ConcurrencySweep(
        levels,
        per_call={name: {n: [c] for n in levels} for name, c in cost.items()},
        latency={name: {n: [c * n] for n in levels} for name, c in cost.items()},
    )


def test_stream_plot_writes_a_png(tmp_path: Path) -> None:
    path = plots.stream_plot(stream_sweep(), tmp_path / "new" / "stream.png")
    assert path == tmp_path / "new" / "stream.png"
    assert png_size(path) == (750, 420)


def test_concurrency_plot_writes_a_png(tmp_path: Path) -> None:
    path = plots.concurrency_plot(concurrency_sweep(), tmp_path / "concurrency.png")
    assert png_size(path) == (1000, 420)


def test_the_same_curves_give_the_same_bytes(tmp_path: Path) -> None:
    first = plots.stream_plot(stream_sweep(), tmp_path / "a.png").read_bytes()
    second = plots.stream_plot(stream_sweep(), tmp_path / "b.png").read_bytes()
    assert first == second
    assert b"Software" not in first  # no version stamp that changes with matplotlib


def test_a_missing_contender_is_an_error_not_an_empty_plot(tmp_path: Path) -> None:
    sweep = stream_sweep()
    del sweep.samples["raw"]
    with pytest.raises(KeyError, match="raw"):
        plots.stream_plot(sweep, tmp_path / "x.png")


def test_neither_the_library_nor_the_bench_report_imports_matplotlib() -> None:
    code = (
        "import sys, langchain_openrouter, bench.__main__\n"
        "langchain_openrouter.ChatOpenRouter\n"
        "print('matplotlib' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=root
    )
    assert out.stdout.strip() == "False"

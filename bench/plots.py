"""The two PNGs beside ``docs/benchmarks.md``, drawn with matplotlib's Agg renderer.

matplotlib comes with the ``bench`` extra (``uv sync --extra bench``; ``make bench`` installs
it). It is imported only inside these functions, so importing ``bench`` (or the library) never
loads it, and the figures are drawn on an Agg canvas without touching pyplot's global backend.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bench.contenders import LABELS, NAMES
from bench.sweeps import ConcurrencySweep, StreamSweep

if TYPE_CHECKING:
    from matplotlib.figure import Figure

STREAM_PLOT = "stream-overhead.png"
CONCURRENCY_PLOT = "concurrency.png"
_COLORS = {"raw": "#7f7f7f", "floor": "#1f77b4", "chat": "#d62728", "share": "#ff7f0e"}
_MARKERS = {"raw": "s", "floor": "o", "chat": "^", "share": "v"}
# A PNG without matplotlib's version stamp, so a re-run that draws the same curves writes the
# same bytes.
_PNG_METADATA = {"Software": None}


def _figure(width: float, height: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _save(figure: Figure, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="png", metadata=_PNG_METADATA)
    return path


def stream_plot(sweep: StreamSweep, path: Path) -> Path:
    """Microseconds per content delta beyond raw httpx, against stream length (log scale).

    Four lines: the floor and ChatOpenRouter beyond raw httpx, ChatOpenRouter beyond the floor
    (the package's own share), and raw httpx's own time per delta for scale.

    Args:
        sweep: The stream sweep (``raw``, ``floor`` and ``chat`` samples at each length).
        path: Where the PNG goes; its folder is created.

    Returns:
        ``path``.
    """
    figure = _figure(7.5, 4.2)
    axes = figure.add_subplot()
    for name in ("floor", "chat"):
        overhead = [sweep.overhead_per_chunk(name, n) * 1e6 for n in sweep.lengths]
        axes.plot(
            sweep.lengths,
            overhead,
            marker=_MARKERS[name],
            color=_COLORS[name],
            label=f"{LABELS[name]} - raw httpx",
        )
    # The package's own share: what stays when LangChain's cost (the floor's) is taken away.
    share = [
        (sweep.overhead_per_chunk("chat", n) - sweep.overhead_per_chunk("floor", n)) * 1e6
        for n in sweep.lengths
    ]
    axes.plot(
        sweep.lengths,
        share,
        marker=_MARKERS["share"],
        color=_COLORS["share"],
        label="ChatOpenRouter - floor",
    )
    raw = [sweep.per_chunk("raw", n) * 1e6 for n in sweep.lengths]
    axes.plot(
        sweep.lengths,
        raw,
        marker=_MARKERS["raw"],
        color=_COLORS["raw"],
        linestyle="--",
        label="raw httpx itself",
    )
    axes.set_xscale("log")
    axes.set_xticks(sweep.lengths, [f"{n:,}" for n in sweep.lengths])
    axes.set_ylim(bottom=min(0.0, *share))
    axes.set_xlabel("content deltas in the stream")
    axes.set_ylabel("µs per delta")
    axes.set_title("Stream overhead per chunk beyond raw httpx (median)")
    axes.grid(True, alpha=0.3)
    axes.legend()
    return _save(figure, path)


def concurrency_plot(sweep: ConcurrencySweep, path: Path) -> Path:
    """Wall time per call and median latency of a call, against concurrent ``ainvoke`` calls.

    Args:
        sweep: The concurrency sweep (``raw``, ``floor`` and ``chat`` samples at each level).
        path: Where the PNG goes; its folder is created.

    Returns:
        ``path``.
    """
    figure = _figure(10, 4.2)
    cost_axes, latency_axes = figure.subplots(1, 2)
    for name in NAMES:
        style = {"marker": _MARKERS[name], "color": _COLORS[name], "label": LABELS[name]}
        cost_axes.plot(sweep.levels, [sweep.cost(name, n) * 1e3 for n in sweep.levels], **style)
        latency = [sweep.median_latency(name, n) * 1e3 for n in sweep.levels]
        latency_axes.plot(sweep.levels, latency, **style)
    ticks = [f"{n:,}" for n in sweep.levels]
    cost_axes.set_ylim(bottom=0)
    cost_axes.set_ylabel("ms of wall time per call")
    cost_axes.set_title("Cost per call (wall time / calls)")
    latency_axes.set_yscale("log")
    latency_axes.set_ylabel("ms from gather start to the call's answer")
    latency_axes.set_title("Median latency of a call")
    for axes in (cost_axes, latency_axes):
        axes.set_xscale("log")
        axes.set_xticks(sweep.levels, ticks)
        axes.set_xlabel("concurrent ainvoke calls (one event loop)")
        axes.grid(True, alpha=0.3)
        axes.legend()
    return _save(figure, path)

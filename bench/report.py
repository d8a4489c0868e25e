"""The machine description and the results table (Markdown, so it pastes into the docs)."""

from __future__ import annotations

import datetime
import os
import platform
from importlib import metadata

from bench.contenders import LABELS, NAMES
from bench.fixtures import STREAM_CHUNKS
from bench.importtime import ImportTimes
from bench.load import LoadResult
from bench.memory import MemoryResult
from bench.plots import CONCURRENCY_PLOT, STREAM_PLOT
from bench.results import Results
from bench.runner import Scenario
from bench.sweeps import ConcurrencySweep, StreamSweep

TARGET = 1.5
"""ChatOpenRouter should stay within this factor of the floor."""

_PACKAGES = ("langchain-openrouter", "langchain-core", "httpx", "pydantic")
PLOTS = "benchmarks"
"""The plots' folder, relative to the page (``docs/benchmarks/*.png``)."""


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(package: str) -> str:
    if package == "langchain-openrouter":
        from langchain_openrouter import __version__

        return __version__
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, str]:
    """Where and when the numbers were taken."""
    info = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "platform": platform.platform(),
        "cpu": f"{_cpu()} ({os.cpu_count()} logical CPUs)",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
    }
    info.update({package: _version(package) for package in _PACKAGES})
    info["load"] = load()
    return info


def load() -> str:
    """The 1-minute load average: other work on the machine skews every number."""
    try:
        return f"{os.getloadavg()[0]:.2f} (1-minute load average)"
    except OSError:
        return "unknown"


def _duration(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def table(scenarios: list[Scenario]) -> str:
    """The Markdown results table, one row per scenario."""
    head = (
        "| scenario | raw httpx | floor | ChatOpenRouter "
        "| floor/raw | ChatOpenRouter/raw | ChatOpenRouter/floor |"
    )
    rows = [head, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for s in scenarios:
        verdict = "" if s.ratio("chat", "floor") <= TARGET else " (over target)"
        rows.append(
            f"| {s.name} ({s.unit}) | {_duration(s.median('raw'))} "
            f"| {_duration(s.median('floor'))} | {_duration(s.median('chat'))} "
            f"| {s.ratio('floor', 'raw'):.2f}x | {s.ratio('chat', 'raw'):.2f}x "
            f"| **{s.ratio('chat', 'floor'):.2f}x**{verdict} |"
        )
    return "\n".join(rows)


def import_line(times: ImportTimes) -> str:
    return (
        f"Import (medians of {len(times.extra)} fresh interpreters): "
        f"`import langchain_openrouter; langchain_openrouter.ChatOpenRouter` takes "
        f"{_duration(times.extra_median)} beyond `import langchain_core.language_models` "
        f"({_duration(times.core_median)}); the floor (BaseChatModel + httpx) takes "
        f"{_duration(times.floor_median)} beyond it; timed after the floor, ChatOpenRouter "
        f"takes {_duration(times.own_median)}."
    )


def machine_lines(info: dict[str, str]) -> str:
    return "\n".join(f"- {key}: {value}" for key, value in info.items())


def verdict(scenarios: list[Scenario]) -> str:
    """One sentence: is ChatOpenRouter within the target of the floor everywhere?"""
    over = [s.name for s in scenarios if s.ratio("chat", "floor") > TARGET]
    if not over:
        return f"Every scenario is within the {TARGET}x target."
    return f"Over the {TARGET}x target: {', '.join(over)}."


def stream_table(sweep: StreamSweep) -> str:
    """Per-delta time of raw httpx and what each chat model adds beyond it, at each length."""
    rows = [
        "| content deltas | raw httpx | floor - raw | ChatOpenRouter - raw "
        "| ChatOpenRouter - floor |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for n in sweep.lengths:
        floor = sweep.overhead_per_chunk("floor", n)
        chat = sweep.overhead_per_chunk("chat", n)
        rows.append(
            f"| {n:,} | {sweep.per_chunk('raw', n) * 1e6:.1f} µs | {floor * 1e6:.1f} µs "
            f"| {chat * 1e6:.1f} µs | {(chat - floor) * 1e6:+.1f} µs |"
        )
    return "\n".join(rows)


def concurrency_table(sweep: ConcurrencySweep) -> str:
    """Wall time per call and a call's median latency at each concurrency, and the ratio."""
    head = " | ".join(f"{LABELS[name]} per call / p50" for name in NAMES)
    rows = [
        f"| concurrent calls | {head} | ChatOpenRouter/floor per call |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for n in sweep.levels:
        cells = " | ".join(
            f"{_duration(sweep.cost(name, n))} / {_duration(sweep.median_latency(name, n))}"
            for name in NAMES
        )
        ratio = sweep.cost("chat", n) / sweep.cost("floor", n)
        rows.append(f"| {n:,} | {cells} | {ratio:.2f}x |")
    return "\n".join(rows)


def _minutes(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


def run_header(results: Results) -> str:
    """When, where and under what load the figures were taken, and how long the run took."""
    info = dict(results.machine)
    start_load = info.pop("load", "unknown").split(" ")[0]
    end_load = results.load_at_end.split(" ")[0] or "unknown"
    date = info.pop("date", "")
    packages = ", ".join(f"{p} {info.pop(p)}" for p in _PACKAGES if p in info)
    s = results.settings
    lines = [
        f"Run of {date} (bench time {_minutes(results.elapsed)}) on:",
        "",
        *(f"- {key}: {value}" for key, value in info.items()),
        f"- {packages}",
        f"- load: {start_load} at the start, {end_load} at the end (1-minute load average; "
        "other work on the machine inflates every figure, the ratios less than the times)",
        "",
        f"{s.repeats} samples per cell (median shown), {s.warmups} warm-up round(s); invoke: "
        f"{s.invoke_calls} sequential calls per sample; stream: {STREAM_CHUNKS:,} "
        f"content deltas; concurrency: {s.concurrency}.",
    ]
    return "\n".join(lines)


def benchmarks_section(results: Results) -> str:
    """Every figure of the run, as the Markdown between the ``results`` markers."""
    parts = [
        run_header(results),
        "### Invoke, stream and concurrency overhead",
        table(results.scenarios) + "\n\n" + verdict(results.scenarios),
    ]
    if results.streams is not None:
        parts += [
            "### Overhead per chunk against stream length",
            f"![Microseconds per content delta beyond raw httpx against stream length, for "
            f"the floor and ChatOpenRouter]({PLOTS}/{STREAM_PLOT})",
            stream_table(results.streams),
        ]
    if results.concurrency is not None:
        parts += [
            "### Cost and latency against concurrency",
            f"![Wall time per call and median latency against concurrent ainvoke calls, for "
            f"raw httpx, the floor and ChatOpenRouter]({PLOTS}/{CONCURRENCY_PLOT})",
            concurrency_table(results.concurrency),
        ]
    if results.imports is not None:
        parts += ["### Import time", import_line(results.imports)]
    if results.retriever is not None:
        parts += ["### Model retriever", results.retriever.lines()]
    if results.embeddings is not None:
        parts += ["### Embeddings", results.embeddings.line()]
    if results.load is not None:
        parts += [_load_heading(results.load), load_figures(results.load)]
    if results.memory is not None:
        parts += [_memory_heading(results.memory), memory_figures(results.memory)]
    return "\n\n".join(parts)


def reliability_section(results: Results) -> str | None:
    """The load and memory figures for ``docs/reliability.md``; ``None`` if neither ran."""
    if results.load is None and results.memory is None:
        return None
    info = results.machine
    start_load = info.get("load", "unknown").split(" ")[0]
    end_load = results.load_at_end.split(" ")[0] or "unknown"
    parts = [
        f"Measured by `make bench` on {info.get('date', '')}, {info.get('cpu', '')}, "
        f"1-minute load average {start_load} at the start and {end_load} at the end; "
        "the method and every other figure are in [Benchmarks](benchmarks.md)."
    ]
    if results.load is not None:
        parts += [_load_heading(results.load), load_figures(results.load)]
    if results.memory is not None:
        parts += [_memory_heading(results.memory), memory_figures(results.memory)]
    return "\n\n".join(parts)


def _load_heading(result: LoadResult) -> str:
    return f"### {result.calls:,} concurrent streams and {result.calls:,} concurrent invokes"


def load_figures(result: LoadResult) -> str:
    """Requests/s, p50/p99 latency of raw httpx and ChatOpenRouter, the difference, peak RSS."""
    fds = (
        "not measured on this platform"
        if result.open_fds_after < 0
        else f"{result.open_fds_after} file descriptors left open"
    )
    return "\n".join(
        [
            f"{result.calls:,} concurrent `astream` and {result.calls:,} concurrent `ainvoke` "
            f"calls ({2 * result.calls:,} requests at once, one event loop) against the "
            "emulator served on 127.0.0.1 from a child process (`python -m bench.load`); "
            "client-added latency is ChatOpenRouter's percentile minus raw httpx's in the same "
            "run:",
            "",
            "| | requests/s | wall time | p50 latency | p99 latency |",
            "| --- | ---: | ---: | ---: | ---: |",
            f"| raw httpx | {result.raw_requests_per_second:,.0f} | {result.raw_seconds:.2f} s "
            f"| {result.raw_p50_ms:,.0f} ms | {result.raw_p99_ms:,.0f} ms |",
            f"| ChatOpenRouter | {result.requests_per_second:,.0f} | {result.chat_seconds:.2f} s "
            f"| {result.chat_p50_ms:,.0f} ms | {result.chat_p99_ms:,.0f} ms |",
            f"| client-added | | | **{result.added_p50_ms:+,.0f} ms** "
            f"| **{result.added_p99_ms:+,.0f} ms** |",
            "",
            f"Peak resident memory of the client process during the ChatOpenRouter round: "
            f"**{result.peak_rss_mb:,.0f} MiB** (+{result.rss_growth_mb:,.0f} MiB over the "
            f"round); {fds} after it.",
        ]
    )


def _memory_heading(result: MemoryResult) -> str:
    return f"### Memory of a {result.chunks:,}-chunk stream"


def memory_figures(result: MemoryResult) -> str:
    """Peak memory of one stream through the floor and ChatOpenRouter at each length."""
    rows = [
        f"| {n:,} | {floor:,.1f} MB | {chat:,.1f} MB | {extra:+.1f} B per chunk |"
        for n, floor, chat, extra in zip(
            result.lengths,
            result.floor_peak_mb,
            result.chat_peak_mb,
            result.extra_bytes_per_chunk,
            strict=True,
        )
    ]
    return "\n".join(
        [
            "Peak memory (`tracemalloc`) while one stream is consumed with `stream()` "
            "(`python -m bench.memory`); langchain-core keeps every chunk until the end for "
            "both models, so what the package keeps is the last column:",
            "",
            "| chunks | floor | ChatOpenRouter | beyond the floor |",
            "| ---: | ---: | ---: | ---: |",
            *rows,
            "",
            f"On the {result.chunks:,}-chunk stream ChatOpenRouter holds "
            f"**{result.extra_mb:+.1f} MB** beyond the floor; without callbacks "
            f"(`model._stream(messages)`) it peaks at {result.callback_free_peak_mb:.2f} MB. "
            f"Resident-set growth of a fresh process on that stream: floor "
            f"{result.floor_rss_growth_mb:,.0f} MB, ChatOpenRouter "
            f"{result.chat_rss_growth_mb:,.0f} MB.",
        ]
    )

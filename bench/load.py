"""``python -m bench.load [--quick]``: 1,000 concurrent ``astream`` and ``ainvoke`` calls.

The emulator is served on 127.0.0.1 from a child process (``python -m
langchain_openrouter.testing``), so that it does not share this process's CPU and memory. Every
prompt is distinct and the emulator echoes it, so each answer is checked against its own prompt.

The same calls are made twice, in the same run: with raw httpx (same pool size, same cap on calls
in flight, SSE split by hand) and with ``ChatOpenRouter``. **Client-added latency** is a
percentile of ChatOpenRouter's per-call latency minus the same percentile of raw httpx's: what
the package adds on top of the transport and the emulator's own serving time, which both pay.
A call's latency runs from its start to its last byte, waiting for a connection included (with
2,000 calls on a pool of 1,000 connections, half of them wait).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx

MODEL = "openai/gpt-4o-mini"
CALLS = 1_000
"""Concurrent calls of each kind (``astream`` and ``ainvoke``) in the full run."""
QUICK_CALLS = 200


@dataclass(frozen=True)
class LoadResult:
    """The figures of one load run (``calls`` streams and ``calls`` invokes, all at once).

    Attributes:
        calls: Concurrent calls of each kind; ``2 * calls`` requests in all.
        chat_seconds: Wall time of the ChatOpenRouter round, in seconds.
        raw_seconds: Wall time of the raw httpx round, in seconds.
        requests_per_second: ``2 * calls / chat_seconds`` (ChatOpenRouter).
        raw_requests_per_second: ``2 * calls / raw_seconds`` (raw httpx).
        chat_p50_ms: Median per-call latency through ChatOpenRouter, in milliseconds.
        chat_p99_ms: 99th-percentile per-call latency through ChatOpenRouter, in milliseconds.
        raw_p50_ms: Median per-call latency through raw httpx, in milliseconds.
        raw_p99_ms: 99th-percentile per-call latency through raw httpx, in milliseconds.
        added_p50_ms: Client-added latency at p50: ``chat_p50_ms - raw_p50_ms``.
        added_p99_ms: Client-added latency at p99: ``chat_p99_ms - raw_p99_ms``.
        peak_rss_mb: Peak resident memory of this process during the ChatOpenRouter round,
            in MiB (the emulator runs in another process).
        rss_growth_mb: That peak minus the resident memory just before the round, in MiB.
        open_fds_after: Open file descriptors after the round (model closed) minus before the
            model was made (0: none leaked; ``-1`` where ``/proc/self/fd`` does not exist).
    """

    calls: int
    chat_seconds: float
    raw_seconds: float
    requests_per_second: float
    raw_requests_per_second: float
    chat_p50_ms: float
    chat_p99_ms: float
    raw_p50_ms: float
    raw_p99_ms: float
    added_p50_ms: float
    added_p99_ms: float
    peak_rss_mb: float
    rss_growth_mb: float
    open_fds_after: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def lines(self) -> str:
        """The result as a few lines of text."""
        return (
            f"load: {self.calls:,} concurrent astream + {self.calls:,} concurrent ainvoke on the "
            f"served emulator\n"
            f"  ChatOpenRouter: {self.requests_per_second:,.0f} requests/s "
            f"({self.chat_seconds:.2f} s), p50 {self.chat_p50_ms:.0f} ms, "
            f"p99 {self.chat_p99_ms:.0f} ms\n"
            f"  raw httpx:      {self.raw_requests_per_second:,.0f} requests/s "
            f"({self.raw_seconds:.2f} s), p50 {self.raw_p50_ms:.0f} ms, "
            f"p99 {self.raw_p99_ms:.0f} ms\n"
            f"  client-added latency: p50 {self.added_p50_ms:+.0f} ms, "
            f"p99 {self.added_p99_ms:+.0f} ms; peak RSS {self.peak_rss_mb:.0f} MiB "
            f"(+{self.rss_growth_mb:.0f} MiB during the round); "
            f"descriptors left open: {self.open_fds_after}"
        )


def prompts(calls: int) -> tuple[list[str], list[str]]:
    """Distinct prompts for the streams and the invokes (the emulator echoes each)."""
    streams = [f"load stream {i}: say this back" for i in range(calls)]
    invokes = [f"load invoke {i}: say this back" for i in range(calls)]
    return streams, invokes


@dataclass
class Round:
    """What one round of concurrent calls gave back."""

    answers: list[str]
    latencies: list[float]
    """Seconds per call, in the order of the calls."""
    seconds: float


async def run_round(calls: list[Callable[[], Awaitable[str]]]) -> Round:
    """Start every call at once; time each and the whole."""
    latencies = [0.0] * len(calls)

    async def timed(i: int) -> str:
        start = time.perf_counter()
        answer = await calls[i]()
        latencies[i] = time.perf_counter() - start
        return answer

    start = time.perf_counter()
    answers = await asyncio.gather(*(timed(i) for i in range(len(calls))))
    return Round(list(answers), latencies, time.perf_counter() - start)


def chat_calls(llm: Any, streams: list[str], invokes: list[str]) -> list[Callable[[], Any]]:
    """One ``astream`` per stream prompt and one ``ainvoke`` per invoke prompt."""

    def stream(prompt: str) -> Callable[[], Awaitable[str]]:
        async def call() -> str:
            return "".join([chunk.text async for chunk in llm.astream(prompt)])

        return call

    def invoke(prompt: str) -> Callable[[], Awaitable[str]]:
        async def call() -> str:
            return str((await llm.ainvoke(prompt)).text)

        return call

    return [stream(p) for p in streams] + [invoke(p) for p in invokes]


def raw_calls(
    client: httpx.AsyncClient, key: str, streams: list[str], invokes: list[str]
) -> list[Callable[[], Awaitable[str]]]:
    """The same calls with raw httpx; the gate caps calls in flight at the pool size, as ours."""
    gate = asyncio.Semaphore(1000)
    headers = {"Authorization": f"Bearer {key}"}

    def body(prompt: str, stream: bool) -> dict[str, Any]:
        return {"model": MODEL, "messages": [{"role": "user", "content": prompt}], "stream": stream}

    def stream(prompt: str) -> Callable[[], Awaitable[str]]:
        async def call() -> str:
            pieces = []
            async with (
                gate,
                client.stream(
                    "POST", "/chat/completions", json=body(prompt, True), headers=headers
                ) as response,
            ):
                async for line in response.aiter_lines():
                    if line.startswith("data: ") and line != "data: [DONE]":
                        event = json.loads(line[6:])
                        for choice in event.get("choices") or ():
                            pieces.append(choice.get("delta", {}).get("content") or "")
            return "".join(pieces)

        return call

    def invoke(prompt: str) -> Callable[[], Awaitable[str]]:
        async def call() -> str:
            async with gate:
                response = await client.post(
                    "/chat/completions", json=body(prompt, False), headers=headers
                )
            return str(response.json()["choices"][0]["message"]["content"])

        return call

    return [stream(p) for p in streams] + [invoke(p) for p in invokes]


def check(round_: Round, expected: list[str], who: str) -> None:
    """Fail loudly unless every answer is its own prompt's."""
    wrong = [i for i, (a, e) in enumerate(zip(round_.answers, expected, strict=True)) if a != e]
    if wrong:
        raise RuntimeError(f"{who}: {len(wrong)} wrong answers, e.g. call {wrong[0]}")


def percentile(values: list[float], q: int) -> float:
    """The ``q``-th percentile (1..99) of ``values``."""
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


# --- memory and descriptors of this process --------------------------------------------------


def _status_kib(field: str) -> int | None:
    try:
        text = Path("/proc/self/status").read_text()
    except OSError:
        return None
    match = re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE)
    return int(match.group(1)) if match else None


def reset_peak_rss() -> int:
    """Start a new peak-RSS window (Linux); returns the resident memory now, in KiB."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    now = _status_kib("VmRSS")
    return now if now is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def peak_rss_kib() -> int:
    """Peak resident memory since :func:`reset_peak_rss` (Linux), else of the process, in KiB."""
    peak = _status_kib("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def open_fds() -> int:
    """Open file descriptors of this process (-1 without ``/proc``)."""
    try:
        return len(os.listdir("/proc/self/fd"))
    except OSError:
        return -1


# --- the run ---------------------------------------------------------------------------------


@contextlib.contextmanager
def served_emulator() -> Iterator[tuple[str, str]]:
    """A served emulator in a child process; yields ``(base_url, api_key)``."""
    process = subprocess.Popen(
        [sys.executable, "-m", "langchain_openrouter.testing", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        found: dict[str, str] = {}
        for line in process.stdout:
            name, sep, value = line.strip().partition("=")
            if sep:
                found[name] = value
            if "OPENROUTER_BASE_URL" in found and "OPENROUTER_API_KEY" in found:
                break
        else:
            raise RuntimeError("the emulator did not start")
        yield found["OPENROUTER_BASE_URL"], found["OPENROUTER_API_KEY"]
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


async def _run(base_url: str, key: str, calls: int) -> LoadResult:
    from langchain_openrouter import ChatOpenRouter
    from langchain_openrouter._client.transport import DEFAULT_LIMITS

    streams, invokes = prompts(calls)
    expected = streams + invokes
    warm_s, warm_i = prompts(10)
    async with httpx.AsyncClient(base_url=base_url, limits=DEFAULT_LIMITS, timeout=120) as client:
        await run_round(raw_calls(client, key, warm_s, warm_i))
        raw = await run_round(raw_calls(client, key, streams, invokes))
    check(raw, expected, "raw httpx")

    fds = open_fds()
    llm = ChatOpenRouter(model=MODEL, api_key=key, base_url=base_url, timeout=120)
    try:
        await run_round(chat_calls(llm, warm_s, warm_i))
        before = reset_peak_rss()
        chat = await run_round(chat_calls(llm, streams, invokes))
        peak = peak_rss_kib()
    finally:
        await llm.aclose()
    check(chat, expected, "ChatOpenRouter")
    chat_p50, chat_p99 = percentile(chat.latencies, 50), percentile(chat.latencies, 99)
    raw_p50, raw_p99 = percentile(raw.latencies, 50), percentile(raw.latencies, 99)
    return LoadResult(
        calls=calls,
        chat_seconds=chat.seconds,
        raw_seconds=raw.seconds,
        requests_per_second=2 * calls / chat.seconds,
        raw_requests_per_second=2 * calls / raw.seconds,
        chat_p50_ms=chat_p50 * 1000,
        chat_p99_ms=chat_p99 * 1000,
        raw_p50_ms=raw_p50 * 1000,
        raw_p99_ms=raw_p99 * 1000,
        added_p50_ms=(chat_p50 - raw_p50) * 1000,
        added_p99_ms=(chat_p99 - raw_p99) * 1000,
        peak_rss_mb=peak / 1024,
        rss_growth_mb=max(0, peak - before) / 1024,
        open_fds_after=open_fds() - fds if fds >= 0 else -1,
    )


def run(quick: bool = False) -> LoadResult:
    """Serve the emulator, make the calls with raw httpx then ChatOpenRouter, measure.

    Args:
        quick: 200 calls of each kind instead of 1,000 (a smoke run).

    Raises:
        RuntimeError: An answer was not its prompt's, or the emulator did not start.
    """
    with served_emulator() as (base_url, key):
        return asyncio.run(_run(base_url, key, QUICK_CALLS if quick else CALLS))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="200 calls of each kind")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    args = parser.parse_args(argv)
    result = run(quick=args.quick)
    print(result.lines())
    if args.json:
        args.json.write_text(json.dumps(result.as_dict(), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

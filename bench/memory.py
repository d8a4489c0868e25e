"""``python -m bench.memory [--quick]``: peak memory of consuming one long stream.

langchain-core's ``BaseChatModel.stream()`` keeps every chunk until the stream ends (it merges
them for ``on_llm_end``), about 1.8 KB per chunk whatever the model, so memory grows with the
stream for ChatOpenRouter and for the bench's floor model alike. What this measures is the
difference: ChatOpenRouter's peak minus the floor's on the same stream, per chunk, at several
stream lengths. Flat (a few bytes per chunk at most, the text itself) means the package keeps
nothing per chunk of its own. It also measures the callback-free path (iterating the model's
``_stream``), which keeps nothing per chunk at all (docs/reliability.md, "Long streams and
memory").

Peaks are ``tracemalloc`` peaks (Python allocations while the stream is consumed, the canned
stream's own bytes excluded) and, for the longest stream, the growth of the resident set of a
fresh process (Linux; 0 elsewhere).
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import tracemalloc
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx
from langchain_core.messages import HumanMessage

from bench.contenders import make_chat, make_floor
from bench.fixtures import PROMPT, MockTransport, stream_events
from bench.load import peak_rss_kib, reset_peak_rss

LENGTHS = (1_000, 10_000, 100_000)
QUICK_LENGTHS = (1_000, 5_000, 20_000)
CONTENDERS = ("floor", "chat", "chat-callback-free")

MB = 1_000_000


@dataclass(frozen=True)
class MemoryResult:
    """Peak memory of consuming streams of several lengths.

    Attributes:
        lengths: Stream lengths measured, in content chunks, shortest first; the last is the
            long stream the other single figures refer to.
        floor_peak_mb: ``tracemalloc`` peak of the floor model's ``stream()`` at each length,
            in MB (10^6 bytes).
        chat_peak_mb: The same for ``ChatOpenRouter.stream()``, in MB.
        extra_bytes_per_chunk: ``(chat - floor) / length`` at each length, in bytes per chunk:
            what ChatOpenRouter keeps beyond the floor. Flat and near 0 is the goal.
        callback_free_peak_mb: ``tracemalloc`` peak of iterating ``ChatOpenRouter._stream``
            (no run manager, nothing kept for ``on_llm_end``) on the long stream, in MB.
        chunks: The long stream's length (``lengths[-1]``), in content chunks.
        extra_mb: ``chat - floor`` on the long stream, in MB.
        floor_rss_growth_mb: Resident-set growth of a fresh process consuming the long stream
            through the floor, in MB (0 where the platform cannot tell).
        chat_rss_growth_mb: The same through ChatOpenRouter, in MB.
    """

    lengths: tuple[int, ...]
    floor_peak_mb: tuple[float, ...]
    chat_peak_mb: tuple[float, ...]
    extra_bytes_per_chunk: tuple[float, ...]
    callback_free_peak_mb: float
    chunks: int
    extra_mb: float
    floor_rss_growth_mb: float
    chat_rss_growth_mb: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def lines(self) -> str:
        """The result as a few lines of text."""
        rows = [
            f"  {n:>9,} chunks: floor {f:7.1f} MB, ChatOpenRouter {c:7.1f} MB, "
            f"beyond the floor {e:+6.1f} B/chunk"
            for n, f, c, e in zip(
                self.lengths,
                self.floor_peak_mb,
                self.chat_peak_mb,
                self.extra_bytes_per_chunk,
                strict=True,
            )
        ]
        return "\n".join(
            [
                "memory: peak (tracemalloc) while consuming one stream with .stream()",
                *rows,
                f"  {self.chunks:,} chunks without callbacks (model._stream): "
                f"{self.callback_free_peak_mb:.2f} MB",
                f"  resident-set growth, {self.chunks:,} chunks: floor "
                f"{self.floor_rss_growth_mb:.0f} MB, "
                f"ChatOpenRouter {self.chat_rss_growth_mb:.0f} MB",
            ]
        )


def consumer(name: str, client: httpx.Client) -> Callable[[], int]:
    """A function that consumes one whole stream through ``name``; returns the chunk count."""
    if name == "floor":
        floor = make_floor(client)
        return lambda: _count(floor.stream(PROMPT))
    chat = make_chat(client)
    if name == "chat":
        return lambda: _count(chat.stream(PROMPT))
    messages = [HumanMessage(PROMPT)]
    # The hook stream() wraps: no run manager, so nothing is kept for on_llm_end.
    return lambda: _count(chat._stream(messages))


def _count(chunks: Iterable[object]) -> int:
    n = 0
    for _ in chunks:
        n += 1
    return n


def traced_peak(name: str, length: int) -> int:
    """``tracemalloc`` peak, in bytes, of consuming a ``length``-chunk stream through ``name``."""
    transport = MockTransport(stream=stream_events(10))
    with httpx.Client(transport=transport) as client:
        consume = consumer(name, client)
        # Imports, caches and the model's own lazy state are made before tracing starts.
        consume()
        transport.stream = stream_events(length)
        gc.collect()
        tracemalloc.start()
        try:
            if consume() < length:
                raise RuntimeError(f"{name}: the stream came back short")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    return peak


def rss_growth(name: str, length: int) -> int:
    """Resident-set growth, in bytes, of a fresh process consuming the stream through ``name``."""
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.memory", "--rss-child", name, str(length)],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


def _rss_child(name: str, length: int) -> int:
    transport = MockTransport(stream=stream_events(10))
    with httpx.Client(transport=transport) as client:
        consume = consumer(name, client)
        consume()
        transport.stream = stream_events(length)
        gc.collect()
        before = reset_peak_rss()
        consume()
        return max(0, peak_rss_kib() - before) * 1024


def run(quick: bool = False) -> MemoryResult:
    """Measure the floor and ChatOpenRouter at each length, in this one process.

    Args:
        quick: Streams of 1k, 5k and 20k chunks instead of 1k, 10k and 100k.
    """
    lengths = QUICK_LENGTHS if quick else LENGTHS
    floor = [traced_peak("floor", n) for n in lengths]
    chat = [traced_peak("chat", n) for n in lengths]
    long = lengths[-1]
    return MemoryResult(
        lengths=tuple(lengths),
        floor_peak_mb=tuple(p / MB for p in floor),
        chat_peak_mb=tuple(p / MB for p in chat),
        extra_bytes_per_chunk=tuple(
            (c - f) / n for c, f, n in zip(chat, floor, lengths, strict=True)
        ),
        callback_free_peak_mb=traced_peak("chat-callback-free", long) / MB,
        chunks=long,
        extra_mb=(chat[-1] - floor[-1]) / MB,
        floor_rss_growth_mb=rss_growth("floor", long) / MB,
        chat_rss_growth_mb=rss_growth("chat", long) / MB,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.memory", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="streams of 1k, 5k and 20k chunks")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    parser.add_argument("--rss-child", nargs=2, metavar=("NAME", "LENGTH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rss_child:
        name, length = args.rss_child
        if name not in CONTENDERS:
            parser.error(f"--rss-child: NAME must be one of {', '.join(CONTENDERS)}")
        print(_rss_child(name, int(length)))
        return 0
    result = run(quick=args.quick)
    print(result.lines())
    if args.json:
        args.json.write_text(json.dumps(result.as_dict(), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

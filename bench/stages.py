"""``python -m bench.stages``: each stage of a stream timed alone, without a profiler.

cProfile charges every Python call, which exaggerates code made of many small calls. This
times each stage of the 2,000-delta stream on its own (best of many runs) for ChatOpenRouter
and for the floor's equivalent, so the difference per stage can be read in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from typing import Any

from httpx._decoders import LineDecoder, TextDecoder
from langchain_core.messages import AIMessageChunk
from langchain_core.outputs import ChatGenerationChunk

from bench.fixtures import MODEL, STREAM
from langchain_openrouter._client.sse import EventStreamDecoder, SSEDecoder
from langchain_openrouter.chat_models.streaming import StreamAccumulator


def _best_ms(fn: Callable[[], object], runs: int) -> float:
    fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    # The minimum: this is deterministic CPU work, so anything above it is interference
    # (the advice of the timeit module).
    return min(samples) * 1e3


def _events() -> list[Any]:
    decoder = EventStreamDecoder()
    return [event for data in STREAM for event in decoder.feed(data)]


def stages(runs: int = 21) -> list[tuple[str, float, str, float]]:
    """(ChatOpenRouter stage, ms, floor equivalent, ms) per stream."""
    events = _events()
    deltas = [e["choices"][0]["delta"].get("content") or "" for e in events if e["choices"]]

    def sse_lines() -> None:
        decoder = SSEDecoder()
        for data in STREAM:
            decoder.feed(data)

    def httpx_lines() -> None:
        text, lines = TextDecoder(), LineDecoder()
        for data in STREAM:
            lines.decode(text.decode(data))

    def sse_json() -> None:
        decoder = EventStreamDecoder()
        for data in STREAM:
            decoder.feed(data)

    def httpx_json() -> None:
        text, lines = TextDecoder(), LineDecoder()
        for data in STREAM:
            for line in lines.decode(text.decode(data)):
                if line.startswith("data: ") and line != "data: [DONE]":
                    json.loads(line[6:])

    def accumulate() -> None:
        accumulator = StreamAccumulator(model_name=MODEL)
        for event in events:
            accumulator.feed(event)
        accumulator.finish()

    def floor_chunks() -> None:
        for event in events:
            if event["choices"]:
                content = event["choices"][0]["delta"].get("content") or ""
                ChatGenerationChunk(message=AIMessageChunk(content=content))

    def bare_chunks() -> None:
        for content in deltas:
            ChatGenerationChunk(message=AIMessageChunk(content=content))

    return [
        ("SSEDecoder.feed (lines -> events)", _best_ms(sse_lines, runs),
         "httpx iter_lines decoders", _best_ms(httpx_lines, runs)),
        ("EventStreamDecoder.feed (+ json)", _best_ms(sse_json, runs),
         "httpx lines + json.loads", _best_ms(httpx_json, runs)),
        ("StreamAccumulator.feed/finish", _best_ms(accumulate, runs),
         "floor: AIMessageChunk + ChatGenerationChunk", _best_ms(floor_chunks, runs)),
        ("(for scale) chunk objects alone", _best_ms(bare_chunks, runs),
         "", 0.0),
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stages", description=__doc__)
    parser.add_argument("--runs", type=int, default=21, help="timed runs per stage")
    args = parser.parse_args(argv)
    print(f"ms per 2,000-delta stream, best of {args.runs} runs\n")
    print(f"{'ChatOpenRouter stage':<36} {'ms':>6}   {'floor equivalent':<44} {'ms':>6}")
    for ours, ours_ms, floor, floor_ms in stages(args.runs):
        floor_cell = f"{floor_ms:6.1f}" if floor else ""
        print(f"{ours:<36} {ours_ms:6.1f}   {floor:<44} {floor_cell}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``python -m bench.profiling``: where a ChatOpenRouter stream spends its time (cProfile).

Profiles ``stream()`` of the canned 2,000-chunk stream, for ChatOpenRouter and for the floor,
and prints (1) own time grouped by the library area that spent it, and (2) the top functions.
The grouping answers "is it our parsing, LangChain's chunk handling, or httpx?" at a glance.
cProfile slows every call by a similar factor, so read shares, not absolute times.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
from collections import defaultdict

from bench.contenders import LABELS, SyncContenders

# (substring of the code's file path, area); the first match wins.
_AREAS = (
    ("langchain_openrouter/_client/sse.py", "openrouter: SSE decoding"),
    ("langchain_openrouter/_client/", "openrouter: transport"),
    ("langchain_openrouter/chat_models/streaming.py", "openrouter: chunk building"),
    ("langchain_openrouter/chat_models/", "openrouter: chat model"),
    ("langchain_openrouter/", "openrouter: other"),
    ("bench/", "bench / floor model"),
    ("langchain_core/callbacks/", "langchain_core: callbacks"),
    ("langchain_core/tracers/", "langchain_core: tracers"),
    ("langchain_core/messages/", "langchain_core: messages (chunk init, merge)"),
    ("langchain_core/outputs/", "langchain_core: outputs (ChatGenerationChunk)"),
    ("langchain_core/language_models/", "langchain_core: BaseChatModel.stream"),
    ("langchain_core/", "langchain_core: other"),
    ("pydantic", "pydantic (model init/validation)"),
    ("httpx", "httpx"),
    ("httpcore", "httpx"),
    ("json/", "json"),
    ("codecs", "codecs"),
)


def _area(filename: str, function: str) -> str:
    for fragment, area in _AREAS:
        if fragment in filename:
            return area
    if filename == "~":
        # C functions: name them by what they are.
        if "json" in function or "scanner" in function:
            return "json"
        if "pydantic" in function or "validate" in function:
            return "pydantic (model init/validation)"
        return f"builtins ({function})" if len(function) < 40 else "builtins"
    return "other"


def profile(name: str, streams: int) -> pstats.Stats:
    """cProfile ``streams`` whole streams of the contender ``name`` (after one warm-up)."""
    contenders = SyncContenders.build()
    try:
        contenders.stream(name)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(streams):
            contenders.stream(name)
        profiler.disable()
    finally:
        contenders.close()
    return pstats.Stats(profiler)


def by_area(stats: pstats.Stats) -> list[tuple[str, float, int]]:
    """(area, own seconds, calls), largest first."""
    totals: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)
    for (filename, _, function), (_, ncalls, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        area = _area(filename, function)
        totals[area] += tottime
        calls[area] += ncalls
    return sorted(((a, t, calls[a]) for a, t in totals.items()), key=lambda x: -x[1])


def print_report(name: str, stats: pstats.Stats, top: int) -> None:
    total = stats.total_tt  # type: ignore[attr-defined]
    print(f"\n=== {LABELS[name]}: {total:.3f} s profiled ===")
    print(f"{'area':<48} {'own time':>9} {'share':>6} {'calls':>9}")
    for area, seconds, ncalls in by_area(stats):
        if seconds / total >= 0.005:
            print(f"{area:<48} {seconds:>8.3f}s {seconds / total:>6.1%} {ncalls:>9}")
    print(f"\nTop {top} functions by own time:")
    stats.sort_stats("tottime").print_stats(top)
    print(f"Top {top} functions by cumulative time:")
    stats.sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profiling", description=__doc__)
    parser.add_argument("--streams", type=int, default=10, help="streams profiled (default 10)")
    parser.add_argument("--top", type=int, default=25, help="functions listed (default 25)")
    parser.add_argument(
        "--only", choices=("floor", "chat"), help="profile one contender (default both)"
    )
    args = parser.parse_args(argv)
    for name in [args.only] if args.only else ["floor", "chat"]:
        print_report(name, profile(name, args.streams), args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``python -m bench``: run every scenario, print the figures, and write them into the docs.

``make bench`` runs it in full and writes ``docs/benchmarks.md`` (between its ``bench:results``
markers), the plots in ``docs/benchmarks/`` and, if that page has its ``bench:reliability``
markers, the load and memory figures (``bench.load``, ``bench.memory``) of
``docs/reliability.md``. ``--quick`` is a smoke run that only prints, unless ``--write`` is
given too; ``--no-write`` prints a full run without writing.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

from bench import embeddings, importtime, load, memory, pages, report, runner, sweeps
from bench import retriever as retriever_bench
from bench.fixtures import STREAM_CHUNKS
from bench.results import Results

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    parser.add_argument(
        "--write",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="write the figures and plots into the docs (default: yes, except with --quick)",
    )
    parser.add_argument("--docs", type=Path, default=DOCS, help="the docs folder to write")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write results here")
    parser.add_argument("--no-import", action="store_true", help="skip the import-time runs")
    parser.add_argument("--no-embeddings", action="store_true", help="skip the embeddings run")
    parser.add_argument(
        "--no-sweeps", action="store_true", help="skip the stream-length and concurrency curves"
    )
    parser.add_argument(
        "--no-load",
        action="store_true",
        help="skip the 1,000-call load run and the long-stream memory run",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    write = not args.quick if args.write is None else args.write
    if write and not args.no_sweeps and importlib.util.find_spec("matplotlib") is None:
        print(
            "The plots need matplotlib: install the bench extra (`uv sync --extra bench`, as "
            "`make bench` does) or pass --no-sweeps or --no-write.",
            file=sys.stderr,
        )
        return 2

    settings = runner.Settings.quick() if args.quick else runner.Settings()
    info = report.machine()
    print("langchain-openrouter benchmarks")
    print(report.machine_lines(info))
    print(
        f"\n{settings.repeats} samples per cell (median shown), {settings.warmups} warm-up "
        f"round(s); invoke: {settings.invoke_calls} sequential calls per sample; stream: "
        f"{STREAM_CHUNKS:,} content deltas; concurrency: {settings.concurrency}.\n",
        flush=True,
    )
    started = time.perf_counter()
    loaded = None
    if not args.no_load:
        # First, while the process is small: its peak resident memory is then the load's own
        # (memory freed by the later parts stays resident and would hide the round's growth).
        loaded = load.run(quick=args.quick)
        print(report.load_figures(loaded) + "\n", flush=True)
    results = Results(info, settings, runner.run_all(settings), load=loaded)
    print(report.table(results.scenarios))
    print(report.verdict(results.scenarios), flush=True)
    if not args.no_sweeps:
        curves = sweeps.SweepSettings.quick() if args.quick else sweeps.SweepSettings()
        results.streams = sweeps.run_streams(curves)
        print("\nOverhead per chunk against stream length (medians):")
        print(report.stream_table(results.streams), flush=True)
        results.concurrency = sweeps.run_concurrency(curves)
        print("\nCost per call and median latency against concurrency:")
        print(report.concurrency_table(results.concurrency), flush=True)
    if not args.no_embeddings:
        quick = embeddings.EmbeddingSettings.quick()
        results.embeddings = embeddings.run(quick if args.quick else embeddings.EmbeddingSettings())
        print("\n" + results.embeddings.line(), flush=True)
    if not args.no_load:
        results.memory = memory.run(quick=args.quick)
        print("\n" + report.memory_figures(results.memory), flush=True)
    results.retriever = (
        retriever_bench.run(builds=3, rounds=3) if args.quick else retriever_bench.run()
    )
    print("\n" + results.retriever.lines(), flush=True)
    if not args.no_import:
        results.imports = importtime.measure(runs=3 if args.quick else 5)
        print("\n" + report.import_line(results.imports))
    results.elapsed = time.perf_counter() - started
    results.load_at_end = report.load()
    print(
        f"\nTarget: ChatOpenRouter/floor <= {report.TARGET}x. Bench time: "
        f"{results.elapsed:.0f} s; load at the end: {results.load_at_end}."
    )

    if write:
        for line in pages.write_docs(results, args.docs):
            print(line)
    else:
        print("Docs not written (a --quick or --no-write run).")
    if args.json:
        args.json.write_text(json.dumps(results.as_dict(), indent=2) + "\n", encoding="utf-8")
        print(f"Results written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

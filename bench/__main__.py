"""``python -m bench [--quick] [--json PATH]``: run every scenario and print the table."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bench import embeddings, importtime, report, runner
from bench import retriever as retriever_bench
from bench.fixtures import STREAM_CHUNKS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write results here")
    parser.add_argument("--no-import", action="store_true", help="skip the import-time runs")
    parser.add_argument("--no-embeddings", action="store_true", help="skip the embeddings run")
    args = parser.parse_args(argv)

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
    scenarios = runner.run_all(settings)
    print(report.table(scenarios))
    embedding = None
    if not args.no_embeddings:
        quick = embeddings.EmbeddingSettings.quick()
        embedding = embeddings.run(quick if args.quick else embeddings.EmbeddingSettings())
        print("\n" + embedding.line())
    retrieval = retriever_bench.run(builds=3, rounds=3) if args.quick else retriever_bench.run()
    print("\n" + retrieval.lines())
    times = None
    if not args.no_import:
        times = importtime.measure(runs=3 if args.quick else 5)
        print("\n" + report.import_line(times))
    elapsed = time.perf_counter() - started
    print(
        f"\nTarget: ChatOpenRouter/floor <= {report.TARGET}x. Bench time: {elapsed:.0f} s; "
        f"load at the end: {report.load()}."
    )

    if args.json:
        results = {
            "machine": info,
            "settings": settings.__dict__,
            "scenarios": [s.as_dict() for s in scenarios],
            "embeddings": None if embedding is None else embedding.as_dict(),
            "retriever": retrieval.__dict__,
            "import": None
            if times is None
            else {
                "core_samples": times.core,
                "floor_samples": times.floor,
                "extra_samples": times.extra,
                "own_samples": times.own,
                "core_median": times.core_median,
                "floor_median": times.floor_median,
                "extra_median": times.extra_median,
                "own_median": times.own_median,
            },
        }
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"Results written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

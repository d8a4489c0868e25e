"""Write the figures into the docs: the text between a page's ``bench`` markers is replaced.

A page keeps its hand-written prose (what is measured, the method, how to run) and holds the
figures between two marker lines, which are HTML comments and so invisible on the rendered page::

    <!-- bench:results:start -->
    ...figures written by `make bench`...
    <!-- bench:results:end -->

:func:`replace_section` is pure (text in, text out); :func:`update_page` reads and writes the
file and says what it did. A page without the markers is left as it is, and the message says so.
"""

from __future__ import annotations

from pathlib import Path

from bench import plots, report
from bench.results import Results

RESULTS = "results"
"""The section of ``docs/benchmarks.md`` with every figure of the run."""
RELIABILITY = "reliability"
"""The section of ``docs/reliability.md`` with the load and memory figures."""


class MarkerError(ValueError):
    """A page's markers are present but do not delimit one section."""


def markers(name: str) -> tuple[str, str]:
    """The start and end marker lines of the section ``name``."""
    return f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"


def _lines_equal_to(lines: list[str], marker: str) -> list[int]:
    return [i for i, line in enumerate(lines) if line.strip() == marker]


def replace_section(text: str, name: str, body: str) -> str | None:
    """``text`` with the lines between the ``name`` markers replaced by ``body``.

    The marker lines and everything outside them are kept byte for byte; ``body`` is
    surrounded by one blank line on each side so Markdown after a marker is never glued to it.

    Args:
        text: The page.
        name: The section's name (``"results"`` for ``<!-- bench:results:start -->``).
        body: The new Markdown between the markers.

    Returns:
        The new page, or ``None`` when the page has neither marker.

    Raises:
        MarkerError: Only one of the two markers, either of them twice, or the end before the
            start.
    """
    start_marker, end_marker = markers(name)
    lines = text.splitlines(keepends=True)
    starts = _lines_equal_to(lines, start_marker)
    ends = _lines_equal_to(lines, end_marker)
    if not starts and not ends:
        return None
    if len(starts) != 1 or len(ends) != 1:
        raise MarkerError(
            f"expected one {start_marker!r} line and one {end_marker!r} line, found "
            f"{len(starts)} and {len(ends)}: keep exactly one pair around the figures"
        )
    (start,), (end,) = starts, ends
    if end < start:
        raise MarkerError(f"{end_marker!r} comes before {start_marker!r}: swap them")
    # The start marker ends with a newline: the end marker follows it on a later line.
    middle = f"\n{body.strip()}\n\n"
    return "".join([*lines[: start + 1], middle, *lines[end:]])


def update_page(path: Path, name: str, body: str) -> str:
    """Replace the ``name`` section of the page at ``path``; returns what happened, for the log.

    Raises:
        MarkerError: The page's markers are malformed (the message names the page).
    """
    start_marker, _ = markers(name)
    if not path.exists():
        return f"{path}: no such page, not written"
    text = path.read_text(encoding="utf-8")
    try:
        new = replace_section(text, name, body)
    except MarkerError as error:
        raise MarkerError(f"{path}: {error}") from None
    if new is None:
        return f"{path}: no {start_marker} marker, left untouched"
    if new == text:
        return f"{path}: figures unchanged"
    path.write_text(new, encoding="utf-8")
    return f"{path}: figures written"


def write_docs(results: Results, docs: Path) -> list[str]:
    """Draw the plots and rewrite the figures of ``benchmarks.md`` and ``reliability.md``.

    Args:
        results: The run.
        docs: The docs folder (``docs/`` of the repository).

    Returns:
        One line per file: written, unchanged, or left untouched and why.
    """
    done: list[str] = []
    folder = docs / report.PLOTS
    if results.streams is not None:
        path = plots.stream_plot(results.streams, folder / plots.STREAM_PLOT)
        done.append(f"{path}: drawn")
    if results.concurrency is not None:
        path = plots.concurrency_plot(results.concurrency, folder / plots.CONCURRENCY_PLOT)
        done.append(f"{path}: drawn")
    done.append(update_page(docs / "benchmarks.md", RESULTS, report.benchmarks_section(results)))
    reliability = report.reliability_section(results)
    if reliability is None:
        done.append(f"{docs / 'reliability.md'}: no load or memory figures in this run, untouched")
    else:
        done.append(update_page(docs / "reliability.md", RELIABILITY, reliability))
    return done

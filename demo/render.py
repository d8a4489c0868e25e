"""How the demo looks: rich draws every heading, panel, table, spinner and live stream.

In a terminal the streams update in place and spinners turn while requests are out; when the
output is a file or a pipe, rich prints each final frame once, without colour codes, at a fixed
width, so a log of ``make demo`` reads as well as the terminal.

Example:
    >>> money(6.3e-06)
    '$0.0000063'
    >>> money(99.99993766)
    '$99.99993766'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import ROUND_HALF_EVEN, Decimal
from typing import IO, Any

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

__all__ = [
    "AgentTranscript",
    "answer_panel",
    "live",
    "make_console",
    "money",
    "scene_heading",
    "table",
]

# Width used when the output is not a terminal (rich would otherwise assume 80 columns).
LOG_WIDTH = 110
_EIGHT_PLACES = Decimal("0.00000001")


def make_console(file: IO[str] | None = None) -> Console:
    """A console on ``file`` (default stdout), fixed at a readable width when not a terminal."""
    console = Console(file=file)
    if not console.is_terminal:
        console = Console(file=file, width=LOG_WIDTH)
    return console


def money(value: float | Decimal) -> str:
    """USD in plain notation, to the hundred-millionth of a dollar: never ``6.3e-06``."""
    amount = Decimal(str(value)).quantize(_EIGHT_PLACES, rounding=ROUND_HALF_EVEN)
    sign = "-" if amount < 0 else ""
    whole, _, fraction = f"{abs(amount):f}".partition(".")
    fraction = fraction.rstrip("0").ljust(2, "0")
    return f"{sign}${int(whole):,}.{fraction}"


def scene_heading(console: Console, number: int, title: str, what: str) -> None:
    """A scene's rule and the one sentence that says what it shows."""
    console.print()
    console.rule(f"[bold]{number}. {title}", align="left")
    console.print(Text(what, style="dim"))


def answer_panel(body: RenderableType | str, source: str, *, style: str = "green") -> Panel:
    """A model's answer, titled with who answered (the emulator, or a model via OpenRouter)."""
    return Panel(body, title=source, title_align="left", border_style=style)


def table(
    title: str | None,
    columns: Sequence[str | tuple[str, str]],
    rows: Iterable[Sequence[Any]],
    *,
    caption: str | None = None,
) -> Table:
    """A table; a column given as ``(name, "right")`` is right-aligned (numbers, money)."""
    grid = Table(title=title, caption=caption, title_justify="left", caption_justify="left")
    for column in columns:
        name, justify = column if isinstance(column, tuple) else (column, "left")
        grid.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for row in rows:
        grid.add_row(*(cell if isinstance(cell, Text) else str(cell) for cell in row))
    return grid


@contextmanager
def live(console: Console, renderable: RenderableType) -> Iterator[Live]:
    """Redraw ``renderable`` in place while the block runs, then print its last frame once.

    The live view is transient and the last frame is printed as ordinary output, so a terminal
    and a log end with the same text.
    """
    with Live(renderable, console=console, refresh_per_second=15, transient=True) as view:
        yield view
    console.print(view.renderable)


class AgentTranscript:
    """What an agent is doing, built up from its stream: tokens, tool calls, tool results.

    Feed it the ``(message, metadata)`` pairs of ``agent.stream(..., stream_mode="messages")``
    and show it in a ``rich.live.Live``; it renders as the lines so far.
    """

    def __init__(self) -> None:
        self._lines: list[Text] = []
        self._text: Text | None = None
        # (turn, index) -> [name, arguments so far, line number]
        self._calls: dict[tuple[int, int], list[Any]] = {}
        self._turn = 0
        self.tool_calls: list[str] = []
        self.tool_results: list[str] = []
        self.answer = ""

    def add(self, message: Any) -> None:
        """Take one streamed message chunk (an ``AIMessageChunk`` or a ``ToolMessage``)."""
        if getattr(message, "type", None) == "tool":
            result = f"{message.name} returned {message.content}"
            self.tool_results.append(result)
            self._lines.append(Text(f"  ↳ {result}", style="cyan"))
            self._text = None
            self._turn += 1
            return
        for piece in getattr(message, "tool_call_chunks", None) or ():
            self._add_call_piece(piece)
        text = message.content if isinstance(message.content, str) else ""
        if text:
            if self._text is None:
                self._text = Text()
                self._lines.append(self._text)
            self._text.append(text)
            self.answer += text

    def _add_call_piece(self, piece: Any) -> None:
        # Pieces of one call share the turn and its index; the first carries the name.
        key = (self._turn, int(piece.get("index") or 0))
        if key not in self._calls:
            self._calls[key] = ["", "", len(self._lines)]
            self._lines.append(Text())
            self._text = None
        call = self._calls[key]
        call[0] = call[0] or piece.get("name") or ""
        call[1] += piece.get("args") or ""
        self._lines[call[2]] = Text(f"  → {call[0]}({call[1]})", style="yellow")

    def finish(self) -> None:
        """Record the tool calls as finally written (call this when the stream ends)."""
        self.tool_calls = [f"{name}({args})" for name, args, _ in self._calls.values()]

    def __rich__(self) -> Group:
        return Group(*self._lines) if self._lines else Group(Text("…", style="dim"))

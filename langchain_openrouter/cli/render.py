"""How the command line shows things: money, times, JSON and rich tables (no I/O but stdout).

Money is USD as ``$1.23``, or with two significant digits below a cent (``$0.000063``); times
are UTC (``2025-02-19 20:52 UTC``). Tables go to stdout through rich; on a terminal they fit its
width, elsewhere (a pipe, a file) they are drawn 200 columns wide so nothing is cut.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import click
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

__all__ = ["dump", "emit_json", "fields", "money", "per_million", "plain", "table", "when"]

DASH = "-"
_PIPE_WIDTH = 200


def money(value: float | Decimal | None, *, none: str = DASH) -> str:
    """USD as ``$1.23``, ``-$0.50``, or two significant digits below a cent (``$0.000063``)."""
    if value is None:
        return none
    amount = float(value)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if amount == 0 or amount >= 0.01:
        return f"{sign}${amount:,.2f}"
    decimals = 1 - math.floor(math.log10(amount))
    text = f"{amount:.{decimals}f}".rstrip("0").rstrip(".")
    return f"{sign}${text}"


def per_million(price: Decimal | str | None) -> str:
    """A per-token USD price as USD per million tokens (``$0.15/M``); ``-1`` is variable."""
    if price is None:
        return DASH
    value = Decimal(str(price))
    if value < 0:
        return "variable"
    return f"{money(value * 1_000_000)}/M"


def when(value: dt.datetime | dt.date | None, *, none: str = DASH) -> str:
    """A UTC time to the minute (``2025-02-19 20:52 UTC``), or a day (``2025-02-19``)."""
    if value is None:
        return none
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


def plain(value: Any) -> str:
    """A cell: ``-`` for nothing, ``yes``/``no`` for booleans, lists joined by commas."""
    if value is None or value == []:
        return DASH
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def dump(obj: BaseModel) -> dict[str, Any]:
    """An API object as JSON data; a ``SecretStr`` stays masked (``"**********"``)."""
    return obj.model_dump(mode="json")


def emit_json(data: Any) -> None:
    """Print JSON data, indented, for scripts (``--json``)."""
    if isinstance(data, BaseModel):
        data = dump(data)
    elif isinstance(data, list):
        data = [dump(item) if isinstance(item, BaseModel) else item for item in data]
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _console() -> Console:
    width = None if sys.stdout.isatty() else _PIPE_WIDTH
    return Console(highlight=False, width=width, file=sys.stdout)


def table(
    title: str | None, columns: Sequence[str], rows: Iterable[Sequence[str]], *, empty: str
) -> None:
    """A table with a header; ``empty`` is printed instead when there is no row."""
    rows = list(rows)
    if not rows:
        click.echo(empty)
        return
    grid = Table(title=title, title_justify="left")
    for column in columns:
        grid.add_column(column, overflow="fold")
    for row in rows:
        grid.add_row(*row)
    _console().print(grid)


def fields(title: str, pairs: Iterable[tuple[str, str]]) -> None:
    """One object as a two-column table of field and value."""
    grid = Table(title=title, title_justify="left", show_header=False)
    grid.add_column(style="bold")
    grid.add_column(overflow="fold")
    for name, value in pairs:
        grid.add_row(name, value)
    _console().print(grid)

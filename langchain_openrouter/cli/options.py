"""The options every command takes, and how errors become exit codes.

Exit codes: 0 done; 1 OpenRouter (or the network) refused, with the typed error's message on
stderr; 2 a usage error (a bad argument, or no key where one is needed), with click's usage
line. Commands only parse arguments, call :mod:`langchain_openrouter.platform` and render
(:mod:`langchain_openrouter.cli.views`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import click

from langchain_openrouter.errors import MissingAPIKeyError, OpenRouterError

__all__ = ["Options", "common"]


@dataclass(frozen=True)
class Options:
    """What every command takes: the connection and the output format."""

    api_key: str | None
    base_url: str | None
    as_json: bool

    @property
    def connection(self) -> dict[str, Any]:
        """``api_key`` and ``base_url`` for a platform function (``None``: the environment)."""
        return {"api_key": self.api_key, "base_url": self.base_url}


_COMMON = (
    click.option(
        "--json",
        "as_json",
        is_flag=True,
        help="Print JSON for scripts instead of a table.",
    ),
    click.option(
        "--api-key",
        metavar="KEY",
        help="OpenRouter key; default OPENROUTER_API_KEY (management commands read "
        "OPENROUTER_PROVISIONING_KEY first).",
    ),
    click.option(
        "--base-url",
        metavar="URL",
        help="API base URL; default OPENROUTER_API_BASE, then OPENROUTER_BASE_URL, else "
        "https://openrouter.ai/api/v1.",
    ),
)


def common(command: Callable[..., None]) -> Callable[..., None]:
    """Adds ``--json``, ``--api-key`` and ``--base-url``, and turns errors into exit codes."""

    @functools.wraps(command)
    def run(*, as_json: bool, api_key: str | None, base_url: str | None, **kwargs: Any) -> None:
        options = Options(api_key=api_key, base_url=base_url, as_json=as_json)
        try:
            command(options, **kwargs)
        except MissingAPIKeyError as err:
            raise click.UsageError(f"{err.message} (or pass --api-key)") from err
        except OpenRouterError as err:
            click.echo(f"Error: {err.message}", err=True)
            raise click.exceptions.Exit(1) from err
        except OSError as err:
            click.echo(f"Error: {err}", err=True)
            raise click.exceptions.Exit(1) from err
        except (ValueError, TypeError) as err:
            raise click.UsageError(str(err)) from err

    for option in reversed(_COMMON):
        run = option(run)
    return run

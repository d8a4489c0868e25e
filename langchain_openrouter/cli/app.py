"""The root command: ``langchain-openrouter`` and its subcommands.

Exit codes: 0 done; 1 OpenRouter (or the network) refused, with the typed error's message on
stderr; 2 a usage error, with click's usage line (see :mod:`langchain_openrouter.cli.options`).
"""

from __future__ import annotations

import click

from langchain_openrouter._version import __version__
from langchain_openrouter.cli import account, catalog, keys

__all__ = ["cli"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="langchain-openrouter")
def cli() -> None:
    """OpenRouter from the command line: your keys, credits, activity and the model catalog."""


for _command in (
    account.login,
    account.credits,
    account.key,
    keys.keys,
    account.generation,
    account.activity,
    catalog.models,
    catalog.guardrails,
):
    cli.add_command(_command)

"""Account commands: ``login``, ``credits``, ``key``, ``generation ID`` and ``activity``."""

from __future__ import annotations

import datetime as dt

import click

from langchain_openrouter.cli import views
from langchain_openrouter.cli.options import Options, common
from langchain_openrouter.platform import (
    get_activity,
    get_credits,
    get_generation,
    get_key_info,
)
from langchain_openrouter.platform import (
    login as platform_login,
)

__all__ = ["activity", "credits", "generation", "key", "login"]

DAY = click.DateTime(formats=["%Y-%m-%d"])


@click.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=3000,
    show_default=True,
    help="Port of the local callback server (0: any free port).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=300.0,
    show_default=True,
    help="Seconds to wait for you to approve in the browser.",
)
@click.option("--key-label", help="Name of the new key (default: the app's name).")
@click.option("--limit", type=click.FloatRange(min=0), help="Credit limit of the new key, USD.")
@click.option(
    "--no-browser", is_flag=True, help="Do not open a browser: open the printed URL yourself."
)
@common
def login(
    options: Options,
    port: int,
    timeout: float,
    key_label: str | None,
    limit: float | None,
    no_browser: bool,
) -> None:
    """Get a key of your own through OpenRouter's page in the browser (PKCE).

    The new key is printed once; store it (e.g. as OPENROUTER_API_KEY).
    """
    secret = platform_login(
        port=port,
        timeout=timeout,
        key_label=key_label,
        limit=limit,
        open_browser=(lambda url: None) if no_browser else None,
        base_url=options.base_url,
    )
    views.show_new_key(secret, None, options.as_json)


@click.command()
@common
def credits(options: Options) -> None:
    """Credits bought, spent and left, USD (needs a management key)."""
    views.show_credits(get_credits(**options.connection), options.as_json)


@click.command()
@common
def key(options: Options) -> None:
    """The calling key's limit, spend and kind."""
    views.show_key_info(get_key_info(**options.connection), options.as_json)


@click.command()
@click.argument("generation_id", metavar="ID")
@common
def generation(options: Options, generation_id: str) -> None:
    """Cost, tokens, provider and timing of one generation (its id is gen-...)."""
    views.show_generation(get_generation(generation_id, **options.connection), options.as_json)


@click.command()
@click.option("--start-date", type=DAY, help="First UTC day, YYYY-MM-DD (inclusive).")
@click.option("--end-date", type=DAY, help="Last UTC day, YYYY-MM-DD (inclusive).")
@click.option("--model", multiple=True, help="Only this model id (repeat for several).")
@common
def activity(
    options: Options,
    start_date: dt.datetime | None,
    end_date: dt.datetime | None,
    model: tuple[str, ...],
) -> None:
    """Spend, requests and tokens per day and model, last 30 days (needs a management key)."""
    rows = get_activity(
        start_date=start_date.date() if start_date else None,
        end_date=end_date.date() if end_date else None,
        model=list(model) or None,
        **options.connection,
    )
    views.show_activity(rows, options.as_json)

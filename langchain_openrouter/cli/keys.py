"""``keys list|create|update|delete``: the account's API keys (a management key)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from langchain_openrouter.cli import views
from langchain_openrouter.cli.options import Options, common
from langchain_openrouter.cli.render import emit_json
from langchain_openrouter.platform import (
    create_api_key,
    delete_api_key,
    iter_api_keys,
    update_api_key,
)

__all__ = ["keys"]

RESETS = click.Choice(["daily", "weekly", "monthly"])
WHEN = click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"])
USD = click.FloatRange(min=0)


@click.group()
def keys() -> None:
    """List, create, update and delete API keys (needs a management key)."""


@keys.command("list")
@click.option("--include-disabled", is_flag=True, help="List disabled keys too.")
@common
def list_keys(options: Options, include_disabled: bool) -> None:
    """Every key of the account (never their secrets)."""
    found = list(iter_api_keys(include_disabled=include_disabled, **options.connection))
    views.show_keys(found, options.as_json)


@keys.command("create")
@click.argument("name")
@click.option("--limit", type=USD, help="Spending limit, USD.")
@click.option("--limit-reset", type=RESETS, help="When the limit resets.")
@click.option("--expires-at", type=WHEN, help="Expiry, UTC: YYYY-MM-DD or YYYY-MM-DDTHH:MM.")
@common
def create(
    options: Options,
    name: str,
    limit: float | None,
    limit_reset: Any,
    expires_at: dt.datetime | None,
) -> None:
    """Create a key; its secret is printed this once."""
    created = create_api_key(
        name,
        limit=limit,
        limit_reset=limit_reset,
        expires_at=expires_at.replace(tzinfo=dt.timezone.utc) if expires_at else None,
        **options.connection,
    )
    views.show_created(created, options.as_json)


@keys.command("update")
@click.argument("key", metavar="KEY_OR_HASH")
@click.option("--name", help="New name.")
@click.option("--disable/--enable", "disabled", default=None, help="Refuse or accept the key.")
@click.option("--limit", type=USD, help="New spending limit, USD.")
@click.option("--no-limit", is_flag=True, help="Remove the spending limit.")
@common
def update(
    options: Options,
    key: str,
    name: str | None,
    disabled: bool | None,
    limit: float | None,
    no_limit: bool,
) -> None:
    """Rename, disable, enable or re-limit a key (the full key or its hash)."""
    if no_limit and limit is not None:
        raise click.UsageError("--limit and --no-limit exclude each other")
    changes: dict[str, Any] = {"name": name, "disabled": disabled}
    if no_limit or limit is not None:
        changes["limit"] = limit
    updated = update_api_key(key, **changes, **options.connection)
    views.show_keys([updated], options.as_json)


@keys.command("delete")
@click.argument("key", metavar="KEY_OR_HASH")
@common
def delete(options: Options, key: str) -> None:
    """Delete a key for good (the full key or its hash)."""
    result = delete_api_key(key, **options.connection)
    if options.as_json:
        emit_json(result)
    else:
        click.echo("Deleted." if result.deleted else "Not deleted.")

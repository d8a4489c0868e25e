"""What each command shows: one function per result type, as a table or as ``--json``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click
from pydantic import SecretStr

from langchain_openrouter.cli.render import (
    dump,
    emit_json,
    fields,
    money,
    per_million,
    plain,
    table,
    when,
)
from langchain_openrouter.types import (
    ActivityRow,
    APIKey,
    CreatedAPIKey,
    Credits,
    Generation,
    Guardrail,
    KeyInfo,
)

UNLIMITED = "unlimited"
SHOWN_ONCE = "Store it now: it is shown this once and never again."


def show_credits(credits: Credits, as_json: bool) -> None:
    """``credits``: bought, spent and left, USD."""
    if as_json:
        emit_json({**dump(credits), "balance": credits.balance})
        return
    fields(
        "Credits",
        [
            ("Bought", money(credits.total_credits)),
            ("Spent", money(credits.total_usage)),
            ("Balance", money(credits.balance)),
        ],
    )


def show_key_info(info: KeyInfo, as_json: bool) -> None:
    """``key``: the calling key's limit and spend."""
    if as_json:
        emit_json(info)
        return
    fields(
        f"Key {info.label}",
        [
            ("Limit", money(info.limit, none=UNLIMITED)),
            ("Remaining", money(info.limit_remaining, none=UNLIMITED)),
            ("Limit resets", plain(info.limit_reset or "never")),
            ("Spent", money(info.usage)),
            ("Spent today", money(info.usage_daily)),
            ("Spent this week", money(info.usage_weekly)),
            ("Spent this month", money(info.usage_monthly)),
            ("Free tier", plain(info.is_free_tier)),
            ("Management key", plain(info.is_management_key)),
            ("Expires", when(info.expires_at, none="never")),
        ],
    )


def _key_row(key: APIKey) -> list[str]:
    return [
        key.name,
        key.hash,
        key.label,
        plain(key.disabled),
        money(key.limit, none=UNLIMITED),
        money(key.usage),
        when(key.created_at),
        when(key.expires_at, none="never"),
    ]


_KEY_COLUMNS = ("Name", "Hash", "Label", "Disabled", "Limit", "Spent", "Created", "Expires")


def show_keys(keys: Sequence[APIKey], as_json: bool) -> None:
    """``keys list`` and ``keys update``: stored keys, never their secrets."""
    if as_json:
        emit_json(list(keys))
        return
    table("API keys", _KEY_COLUMNS, [_key_row(key) for key in keys], empty="No API keys.")


def show_new_key(secret: SecretStr, key: APIKey | None, as_json: bool) -> None:
    """``keys create`` and ``login``: the one time a secret is printed."""
    if as_json:
        data: dict[str, Any] = dump(key) if key is not None else {}
        emit_json({**data, "key": secret.get_secret_value()})
        return
    if key is not None:
        show_keys([key], as_json=False)
    click.echo(f"New key: {secret.get_secret_value()}")
    click.echo(SHOWN_ONCE)


def show_created(created: CreatedAPIKey, as_json: bool) -> None:
    """``keys create``: the stored key and, once, its secret."""
    stored = APIKey.model_validate(created.model_dump(exclude={"key"}))
    show_new_key(created.key, stored, as_json)


def show_generation(gen: Generation, as_json: bool) -> None:
    """``generation ID``: cost, tokens, provider and timing of one generation."""
    if as_json:
        emit_json(gen)
        return
    fields(
        f"Generation {gen.id}",
        [
            ("Model", plain(gen.model)),
            ("Provider", plain(gen.provider_name)),
            ("Created", when(gen.created_at)),
            ("Prompt tokens", plain(gen.native_tokens_prompt)),
            ("Completion tokens", plain(gen.native_tokens_completion)),
            ("Reasoning tokens", plain(gen.native_tokens_reasoning)),
            ("Cost", money(gen.total_cost)),
            ("Latency", _milliseconds(gen.latency)),
            ("Generation time", _milliseconds(gen.generation_time)),
            ("Finish reason", plain(gen.finish_reason)),
            ("Streamed", plain(gen.streamed)),
        ],
    )


def _milliseconds(value: float | None) -> str:
    return plain(None) if value is None else f"{value:,.0f} ms"


def show_activity(rows: Sequence[ActivityRow], as_json: bool) -> None:
    """``activity``: spend and tokens per day and model, with a total."""
    if as_json:
        emit_json(list(rows))
        return
    body = [
        [
            when(row.date),
            row.model,
            plain(row.provider_name),
            plain(row.requests),
            plain(row.prompt_tokens),
            plain(row.completion_tokens),
            money(row.usage),
        ]
        for row in rows
    ]
    if body:
        body.append(
            [
                "Total",
                "",
                "",
                plain(sum(row.requests for row in rows)),
                plain(sum(row.prompt_tokens for row in rows)),
                plain(sum(row.completion_tokens for row in rows)),
                money(sum(row.usage for row in rows)),
            ]
        )
    columns = ("Day", "Model", "Provider", "Requests", "Prompt tokens", "Completion tokens")
    table("Activity", (*columns, "Spent"), body, empty="No activity in that range.")


def show_guardrails(guardrails: Sequence[Guardrail], total: int | None, as_json: bool) -> None:
    """``guardrails list``: each guardrail's budget and what it allows."""
    if as_json:
        emit_json({"data": [dump(g) for g in guardrails], "total_count": total})
        return
    rows = [
        [
            g.id,
            g.name,
            money(g.limit_usd, none=UNLIMITED),
            plain(g.reset_interval or "never"),
            plain(g.allowed_models or "any"),
            plain(g.allowed_providers or "any"),
            when(g.created_at),
        ]
        for g in guardrails
    ]
    columns = ("ID", "Name", "Limit", "Resets", "Models", "Providers", "Created")
    table("Guardrails", columns, rows, empty="No guardrails.")


_CAPABILITIES = {
    "tools": "tools",
    "structured_outputs": "structured outputs",
    "reasoning": "reasoning",
}


def _capabilities(model: dict[str, Any]) -> list[str]:
    """What a model can do, in words: tools, structured outputs, reasoning, vision."""
    parameters = set(model.get("supported_parameters") or ())
    found = [word for name, word in _CAPABILITIES.items() if name in parameters]
    if "image" in (model.get("architecture") or {}).get("input_modalities", ()):
        found.append("vision")
    return found


def show_models(models: Sequence[dict[str, Any]], as_json: bool) -> None:
    """``models search``: the retriever's models, best first (catalog JSON with ``--json``)."""
    if as_json:
        emit_json(list(models))
        return
    rows = [
        [
            plain(model["retrieval"]["rank"]),
            model["id"],
            plain(model.get("context_length")),
            per_million(model.get("pricing", {}).get("prompt")),
            per_million(model.get("pricing", {}).get("completion")),
            plain(_capabilities(model)),
        ]
        for model in models
    ]
    columns = ("#", "Model", "Context", "Input", "Output", "Supports")
    table("Models", columns, rows, empty="No model meets those constraints.")

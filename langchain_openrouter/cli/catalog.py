"""``models search`` (through :class:`OpenRouterModelRetriever`) and ``guardrails list``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import click

from langchain_openrouter.cli import views
from langchain_openrouter.cli.options import Options, common
from langchain_openrouter.platform import list_guardrails
from langchain_openrouter.retrievers import OpenRouterModelRetriever

__all__ = ["guardrails", "models"]

SORTS = click.Choice(["relevance", "price", "context_length", "newest"])


@click.group()
def models() -> None:
    """The model catalog."""


@models.command("search")
@click.argument("query")
@click.option("--tools", is_flag=True, help="Only models that call tools.")
@click.option("--vision", is_flag=True, help="Only models that read images.")
@click.option(
    "--max-price", type=click.FloatRange(min=0), help="Highest input price, USD per million tokens."
)
@click.option("--min-context", type=click.IntRange(min=0), help="Smallest context, tokens.")
@click.option("--free", is_flag=True, help="Only free models.")
@click.option("--sort", type=SORTS, default="relevance", show_default=True)
@click.option(
    "-k", "k", type=click.IntRange(min=1), default=5, show_default=True, help="How many models."
)
@common
def search(
    options: Options,
    query: str,
    tools: bool,
    vision: bool,
    max_price: float | None,
    min_context: int | None,
    free: bool,
    sort: Any,
    k: int,
) -> None:
    """Find models for a task: QUERY is read for constraints ("cheap tools 64k")."""
    retriever = OpenRouterModelRetriever(
        supported_parameters=["tools"] if tools else [],
        input_modalities=["image"] if vision else [],
        max_prompt_price=Decimal(str(max_price)) if max_price is not None else None,
        min_context_length=min_context,
        free_only=free,
        sort=sort,
        k=k,
        **options.connection,
    )
    found = [doc.metadata for doc in retriever.invoke(query)]
    views.show_models(found, options.as_json)


@click.group()
def guardrails() -> None:
    """Guardrails: spending and model policies (needs a management key)."""


@guardrails.command("list")
@click.option("--offset", type=click.IntRange(min=0), help="Skip this many guardrails.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many guardrails.")
@common
def list_(options: Options, offset: int | None, limit: int | None) -> None:
    """The account's guardrails."""
    page = list_guardrails(offset=offset, limit=limit, **options.connection)
    views.show_guardrails(page.data, page.total_count, options.as_json)

"""What a run against the real OpenRouter would cost, and asking before spending it.

The estimate is a ceiling: every chat request is counted at its ``max_tokens`` cap, priced at
the catalog's per-token prices (``GET /models``, ``GET /embeddings/models``: free, no key
spent). Nothing is spent unless a person at a terminal answers yes.

Example:
    .. code-block:: python

        cost = estimate_cost(PLAN, prices_for(backend))
        if confirm_spending(console, cost, requests=8, stdin=sys.stdin):
            ...
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TextIO

from rich.console import Console
from rich.prompt import Confirm

from demo.backend import API_KEY_ENV, Backend, DemoModels
from demo.render import money
from langchain_openrouter import list_embedding_models, list_models

__all__ = ["PLAN", "PlannedRequest", "confirm_spending", "estimate_cost", "plan_for", "prices_for"]

# Output caps (tokens) the scenes set on their chat models; the estimate counts them in full.
CHAT_MAX_TOKENS = 400
REASONING_MAX_TOKENS = 1500


@dataclass(frozen=True)
class PlannedRequest:
    """Requests one scene sends to one model, with generous token counts (a ceiling)."""

    model: str
    input_tokens: int
    output_tokens: int
    requests: int = 1


def plan_for(models: DemoModels) -> tuple[PlannedRequest, ...]:
    """The requests a run sends: an agent loop of three calls, then one call per scene."""
    return (
        PlannedRequest(models.chat, 800, CHAT_MAX_TOKENS, requests=3),  # agent with tools
        PlannedRequest(models.chat, 300, CHAT_MAX_TOKENS),  # structured output
        PlannedRequest(models.reasoning, 100, REASONING_MAX_TOKENS),  # reasoning
        # routing: priced at the fallback, the dearer of the two models that may answer
        PlannedRequest(models.fallback, 60, CHAT_MAX_TOKENS),
        PlannedRequest(models.embeddings, 300, 0, requests=2),  # documents, then the query
    )


PLAN = plan_for(DemoModels())


def prices_for(backend: Backend) -> dict[str, tuple[Decimal, Decimal]]:
    """``model id -> (USD per input token, USD per output token)`` from the catalog."""
    connection: dict[str, Any] = backend.connection()
    catalog = [*list_models(**connection), *list_embedding_models(**connection)]
    return {
        model.id: (Decimal(model.pricing.prompt), Decimal(model.pricing.completion))
        for model in catalog
    }


def estimate_cost(
    plan: Iterable[PlannedRequest], prices: Mapping[str, tuple[Decimal, Decimal]]
) -> Decimal:
    """The USD ceiling of ``plan`` at ``prices``.

    Raises:
        LookupError: A planned model is not in the catalog (nothing can be estimated).
    """
    total = Decimal(0)
    for step in plan:
        if step.model not in prices:
            raise LookupError(f"{step.model} is not in the model catalog")
        prompt, completion = prices[step.model]
        total += step.requests * (step.input_tokens * prompt + step.output_tokens * completion)
    return total


def confirm_spending(console: Console, cost: Decimal, requests: int, stdin: TextIO) -> bool:
    """Ask a person whether to spend about ``cost``; ``False`` when nobody can answer.

    Args:
        console: Where the question and the refusal are printed.
        cost: The estimated ceiling, USD.
        requests: How many paid requests the run sends.
        stdin: Where the answer comes from; not a terminal means no one to ask.

    Returns:
        ``True`` only for an explicit yes typed at a terminal.
    """
    console.print(
        f"This run sends {requests} paid requests and costs at most [bold]{money(cost)}[/] of your "
        "OpenRouter credits (catalog prices, every answer at its token cap)."
    )
    if not stdin.isatty():
        console.print(
            "Not spending anything: input is not a terminal, so nobody can confirm. Run "
            f"`make demo` in a terminal to be asked, or unset {API_KEY_ENV} for the free "
            "run against the local emulator."
        )
        return False
    if Confirm.ask("Spend it?", console=console, default=False, stream=stdin):
        return True
    console.print("Nothing spent.")
    return False

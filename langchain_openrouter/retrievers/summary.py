"""A model's readable summary: the ``page_content`` of its document."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from langchain_openrouter.retrievers.constraints import ModelFacts

__all__ = ["format_price", "summarize"]

_CAPABILITIES = (
    ("tools", "tool calling"),
    ("structured_outputs", "structured outputs"),
    ("response_format", "JSON mode"),
    ("reasoning", "reasoning"),
    ("web_search_options", "web search"),
)


def format_price(price: Decimal | None) -> str:
    """USD per million tokens for people: ``$0.15/M``, ``free``, or ``variable``.

    Example:
        >>> format_price(Decimal("0.150000")), format_price(Decimal(0)), format_price(None)
        ('$0.15/M', 'free', 'variable')
    """
    if price is None:
        return "variable"
    if price == 0:
        return "free"
    text = format(price.normalize(), "f")
    return f"${text}/M"


def summarize(model: dict[str, Any], facts: ModelFacts) -> str:
    """Name and id, description, context, prices and capabilities, one topic per line.

    Example:
        >>> model = {"id": "a/b", "name": "A: B", "description": "Fast.", "context_length": 8192,
        ...          "pricing": {"prompt": "0.000001", "completion": "0.000002"},
        ...          "supported_parameters": ["tools"]}
        >>> print(summarize(model, ModelFacts.of(0, model)))
        A: B (a/b)
        Fast.
        Context: 8,192 tokens.
        Price: $1/M input tokens, $2/M output tokens.
        Input: text. Output: text.
        Supports: tool calling.
    """
    top = model.get("top_provider") or {}
    lines = [f"{model.get('name') or facts.id} ({facts.id})"]
    description = str(model.get("description") or "").strip()
    if description:
        lines.append(description)
    context = f"Context: {facts.context_length:,} tokens"
    if top.get("max_completion_tokens"):
        context += f", up to {int(top['max_completion_tokens']):,} output tokens"
    lines.append(context + ".")
    lines.append(
        f"Price: {format_price(facts.prompt_price)} input tokens, "
        f"{format_price(facts.completion_price)} output tokens."
    )
    inputs = ", ".join(sorted(facts.inputs)) or "text"
    outputs = ", ".join(sorted(facts.outputs)) or "text"
    lines.append(f"Input: {inputs}. Output: {outputs}.")
    supports = [label for param, label in _CAPABILITIES if param in facts.parameters]
    if supports:
        lines.append(f"Supports: {', '.join(supports)}.")
    if facts.expiration is not None:
        lines.append(f"Deprecated: removed after {facts.expiration.isoformat()}.")
    return "\n".join(lines)

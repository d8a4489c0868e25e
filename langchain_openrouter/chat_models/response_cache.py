"""OpenRouter's response cache (openrouter-api.md §15.2) on the chat model.

A request opts in with the header ``X-OpenRouter-Cache: true``. OpenRouter answers an identical
earlier request (same body, model, key and stream mode) from its cache: the stored answer, with
every billable usage counter at 0 (so ``usage.cost`` is 0) and a new generation id; streams
replay as streams. No response header flags a hit (the reference leaves it unconfirmed), so a
hit is recognised by its zero usage: a generated answer always counts at least one prompt
token. The generation it was copied from is ``response_cache_source_id`` of
``get_generation(<new id>)``.

Example:
    >>> from langchain_core.messages import AIMessage
    >>> message = AIMessage(
    ...     "Hi", usage_metadata={"input_tokens": 0, "output_tokens": 0, "total_tokens": 0}
    ... )
    >>> mark_cache_hit(message)
    >>> message.response_metadata["response_cache_hit"]
    True
"""

from __future__ import annotations

from langchain_core.messages import BaseMessage

__all__: list[str] = []

CACHE_HEADER = "X-OpenRouter-Cache"


def mark_cache_hit(message: BaseMessage) -> None:
    """Set ``response_metadata["response_cache_hit"]`` from the message's usage, when it has any.

    Only for requests that opted in to the cache; a message without ``usage_metadata`` (a
    stream chunk before the usage one) is left as is.
    """
    usage = getattr(message, "usage_metadata", None)
    if usage is None:
        return
    hit = usage.get("input_tokens", 0) == 0 and usage.get("output_tokens", 0) == 0
    message.response_metadata["response_cache_hit"] = hit

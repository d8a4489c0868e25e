"""Token counts, prompt-cache accounting and cost, as OpenRouter reports them in ``usage``.

Prompt tokens come from the package's own counter (``langchain_openrouter._prompt_tokens``, the
one ``ChatOpenRouter.get_num_tokens_from_messages`` uses), so a prompt the package counts is
billed exactly that: the model family's encoding, OpenAI's per-message, per-name and tool-call
overhead, function tools as OpenAI renders them and images by OpenAI's tile rule. Input audio
tokens are reported again in ``prompt_tokens_details.audio_tokens``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from langchain_openrouter._prompt_tokens import count_prompt_tokens, input_audio_tokens
from langchain_openrouter.testing.catalog import CatalogModel

__all__ = [
    "Cost",
    "PromptCount",
    "chat_usage",
    "compute_cost",
    "count_prompt",
    "input_audio_tokens",
    "responses_usage",
]

# Rerank image documents; chat image parts follow OpenAI's tile rule instead.
IMAGE_INPUT_TOKENS = 85
IMPLICIT_CACHE_MINIMUM = 1024
IMPLICIT_CACHE_STEP = 128


@dataclass
class PromptCount:
    """Prompt tokens, the input images and audio among them, and the cacheable prefix.

    The prefix is the tokens up to the last ``cache_control`` breakpoint (or the implicit one).
    """

    tokens: int
    cache_prefix_tokens: int = 0
    cache_key: str | None = None
    images: int = 0
    implicit: bool = False
    audio_tokens: int = 0
    audio_parts: int = 0


def _has_cache_control(message: Mapping[str, Any]) -> bool:
    if message.get("cache_control"):
        return True
    content = message.get("content")
    return isinstance(content, list) and any(
        isinstance(p, Mapping) and p.get("cache_control") for p in content
    )


def count_prompt(
    model_id: str,
    messages: Sequence[Mapping[str, Any]],
    tools: Sequence[Mapping[str, Any]] = (),
    *,
    top_level_cache: bool = False,
    implicit_cache: bool = False,
) -> PromptCount:
    """Count a chat prompt, and find its cacheable prefix.

    The prefix runs from the first message to the last message holding a ``cache_control``
    breakpoint (all messages with a top-level ``cache_control``); its key identifies it for
    later requests. Without breakpoints, models that cache implicitly (OpenAI, DeepSeek,
    Gemini) cache everything before the last message once it reaches 1,024 tokens, in steps of
    128 (``implicit``: reads are reported, writes are not).
    """
    counted = count_prompt_tokens(model_id, messages, tools)
    tallies = counted.messages
    per_message = [t.tokens for t in tallies]
    tool_tokens = counted.tools
    count = PromptCount(
        counted.total,
        images=sum(t.images for t in tallies),
        audio_tokens=sum(t.audio_tokens for t in tallies),
        audio_parts=sum(t.audio_parts for t in tallies),
    )
    last_breakpoint = -1
    for index, message in enumerate(messages):
        if _has_cache_control(message):
            last_breakpoint = index
    if top_level_cache and messages:
        last_breakpoint = len(messages) - 1
    implicit = False
    if last_breakpoint < 0 and implicit_cache and len(messages) > 1:
        before_last = sum(per_message[:-1]) + tool_tokens
        if before_last >= IMPLICIT_CACHE_MINIMUM:
            last_breakpoint, implicit = len(messages) - 2, True
    if last_breakpoint < 0:
        return count
    prefix = list(messages[: last_breakpoint + 1])
    prefix_tokens = sum(per_message[: last_breakpoint + 1]) + tool_tokens
    if implicit:
        prefix_tokens -= prefix_tokens % IMPLICIT_CACHE_STEP
    count.cache_prefix_tokens = prefix_tokens
    count.cache_key = hashlib.sha256(
        json.dumps([model_id, list(tools), prefix], sort_keys=True, default=str).encode()
    ).hexdigest()
    count.implicit = implicit
    return count


def _price(model: CatalogModel, key: str, fallback: str | None = None) -> Decimal:
    value = model.pricing.get(key)
    if value is None and fallback is not None:
        value = model.pricing.get(fallback)
    try:
        price = Decimal(str(value)) if value is not None else Decimal(0)
    except ArithmeticError:
        return Decimal(0)
    return max(price, Decimal(0))


@dataclass
class Cost:
    """What one request costs, split as ``cost_details`` reports it (USD)."""

    prompt: float
    completion: float
    byok: bool = False
    fees: float = 0.0

    @property
    def upstream(self) -> float:
        """Total upstream (provider) cost."""
        return round(self.prompt + self.completion, 12)

    @property
    def charged(self) -> float:
        """What OpenRouter takes from the balance: upstream cost (unless BYOK) plus its fees."""
        return round((0.0 if self.byok else self.upstream) + self.fees, 12)

    def details(self, *, responses_api: bool = False) -> dict[str, Any]:
        """The ``cost_details`` object (``upstream_inference_cost`` set, as most recordings)."""
        upstream = self.upstream
        if responses_api:
            return {
                "upstream_inference_cost": upstream,
                "upstream_inference_input_cost": self.prompt,
                "upstream_inference_output_cost": self.completion,
            }
        return {
            "upstream_inference_cost": upstream,
            "upstream_inference_prompt_cost": self.prompt,
            "upstream_inference_completions_cost": self.completion,
        }


def compute_cost(
    model: CatalogModel,
    *,
    prompt_tokens: int,
    completion_tokens: int,
    reasoning_tokens: int = 0,
    image_tokens: int = 0,
    cached_tokens: int = 0,
    cache_write_tokens: int = 0,
    input_images: int = 0,
    audio_tokens: int = 0,
    byok: bool = False,
    fees: float = 0.0,
) -> Cost:
    """Cost from the catalog's per-token prices (strings, parsed as ``Decimal``).

    Cached prompt tokens are billed at ``input_cache_read``, written ones at
    ``input_cache_write``, input audio tokens at ``audio`` (else the prompt price; at most as
    many as the prompt has uncached tokens), reasoning tokens at ``internal_reasoning`` (else the
    completion price), image output tokens at ``image_output``; ``request`` and ``image`` are per
    request and per input image.
    """
    uncached = max(0, prompt_tokens - cached_tokens - cache_write_tokens)
    audio = min(audio_tokens, uncached)
    prompt_cost = (
        (uncached - audio) * _price(model, "prompt")
        + audio * _price(model, "audio", "prompt")
        + cached_tokens * _price(model, "input_cache_read", "prompt")
        + cache_write_tokens * _price(model, "input_cache_write", "prompt")
        + input_images * _price(model, "image")
        + _price(model, "request")
    )
    text_tokens = max(0, completion_tokens - reasoning_tokens - image_tokens)
    completion_cost = (
        text_tokens * _price(model, "completion")
        + reasoning_tokens * _price(model, "internal_reasoning", "completion")
        + image_tokens * _price(model, "image_output", "completion")
    )
    return Cost(round(float(prompt_cost), 12), round(float(completion_cost), 12), byok, fees)


def chat_usage(
    *,
    prompt_tokens: int,
    completion_tokens: int,
    cost: Cost,
    cached_tokens: int = 0,
    cache_write_tokens: int = 0,
    reasoning_tokens: int = 0,
    image_tokens: int = 0,
    audio_tokens: int = 0,
    web_searches: int = 0,
) -> dict[str, Any]:
    """The chat ``usage`` object (key order as OpenRouter sends it).

    ``audio_tokens`` are the input audio tokens (part of ``prompt_tokens``); the emulator
    produces no audio output, so ``completion_tokens_details.audio_tokens`` is always 0.
    """
    usage = {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
        "cost": cost.charged,
        "is_byok": cost.byok,
        "prompt_tokens_details": {
            "cached_tokens": cached_tokens,
            "cache_write_tokens": cache_write_tokens,
            "audio_tokens": audio_tokens,
            "video_tokens": 0,
        },
        "cost_details": cost.details(),
        "completion_tokens_details": {
            "reasoning_tokens": reasoning_tokens,
            "image_tokens": image_tokens,
            "audio_tokens": 0,
        },
    }
    if web_searches:
        usage["server_tool_use_details"] = {
            "web_search_requests": web_searches,
            "tool_calls_requested": web_searches,
            "tool_calls_executed": web_searches,
        }
    return usage


def responses_usage(chat: Mapping[str, Any], cost: Cost) -> dict[str, Any]:
    """The Responses API ``usage`` object made from a chat ``usage``."""
    prompt_details = chat["prompt_tokens_details"]
    return {
        "input_tokens": chat["prompt_tokens"],
        "input_tokens_details": {
            "cached_tokens": prompt_details["cached_tokens"],
            "cache_write_tokens": prompt_details["cache_write_tokens"],
        },
        "output_tokens": chat["completion_tokens"],
        "output_tokens_details": {
            "reasoning_tokens": chat["completion_tokens_details"]["reasoning_tokens"]
        },
        "total_tokens": chat["total_tokens"],
        "cost": cost.charged,
        "is_byok": cost.byok,
        "cost_details": cost.details(responses_api=True),
    }

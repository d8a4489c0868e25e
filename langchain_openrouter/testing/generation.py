"""Serve one generation: validate, check spend and guardrails, complete, bill and record it.

``POST /chat/completions``, ``POST /responses`` and ``POST /embeddings`` all go through here, so a
generation is checked, counted, charged and recorded the same way whichever route asked for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from langchain_openrouter.testing.catalog import IMPLICIT_CACHING_AUTHORS, CatalogModel
from langchain_openrouter.testing.context import Ctx
from langchain_openrouter.testing.model.plugins import file_annotations, web_search, web_search_fee
from langchain_openrouter.testing.model.prompt import last_user_text
from langchain_openrouter.testing.model.script import Completion, ModelInput, complete
from langchain_openrouter.testing.policy import apply_guardrail, check_spend, provider_name
from langchain_openrouter.testing.state import iso
from langchain_openrouter.testing.usage import (
    Cost,
    PromptCount,
    chat_usage,
    compute_cost,
    count_prompt,
)
from langchain_openrouter.testing.validate import apply_preset, model_input
from langchain_openrouter.testing.wire import EmulatorError

__all__ = ["Served", "generation_record", "serve"]


@dataclass
class Served:
    """One generation: what was asked, answered, counted and charged."""

    model: CatalogModel
    envelope: dict[str, Any]
    completion: Completion
    usage: dict[str, Any]
    cost: Cost
    prompt: PromptCount


def _context_check(model: CatalogModel, prompt_tokens: int, max_tokens: int | None) -> None:
    """OpenRouter's 400 when the prompt plus the requested output do not fit the context.

    The output side is the request's ``max_tokens`` only: without one, the prompt alone is
    checked (the reference is silent on a default output budget).
    """
    limit = model.context_length
    wanted = prompt_tokens + (max_tokens or 0)
    if limit is not None and wanted > limit:
        raise EmulatorError(
            400,
            f"This endpoint's maximum context length is {limit} tokens. However, you requested "
            f"about {wanted} tokens ({prompt_tokens} of text input, {max_tokens or 0} in the "
            'output). Please reduce the length of either one, or use the "middle-out" '
            "transform to compress your prompt automatically.",
            metadata={"error_type": "context_length_exceeded"},
        )


def serve(
    ctx: Ctx,
    body: Mapping[str, Any],
    *,
    streamed: bool,
    api_type: str = "completions",
) -> tuple[Served, ModelInput]:
    """Apply the preset, validate, check spend and guardrails, complete, bill and record."""
    key = ctx.caller
    body = apply_preset(ctx.state.presets, body)
    request, variants = model_input(ctx.catalog, body, ctx.config.default_model)
    check_spend(ctx.state, key)
    request.messages = list(apply_guardrail(ctx.state, key, request.model, request.messages))
    model = request.model
    prompt = count_prompt(
        model.id,
        request.messages,
        [*request.tools, *request.server_tools],
        top_level_cache=bool(body.get("cache_control")),
        implicit_cache=model.author in IMPLICIT_CACHING_AUTHORS,
    )
    _context_check(model, prompt.tokens, request.max_tokens)
    completion = complete(request, ctx.rules)
    citations = web_search(body, variants, last_user_text(request.messages)) or []
    annotations = file_annotations(request.messages) + citations
    for choice in completion.choices:
        choice.annotations = [dict(a) for a in annotations]
    cached = written = 0
    if prompt.cache_key is not None:
        if ctx.state.cache_lookup(prompt.cache_key):
            cached = prompt.cache_prefix_tokens
        elif not prompt.implicit:
            written = prompt.cache_prefix_tokens
    cost = compute_cost(
        model,
        prompt_tokens=prompt.tokens,
        completion_tokens=completion.completion_tokens,
        reasoning_tokens=completion.reasoning_tokens,
        image_tokens=completion.image_tokens,
        cached_tokens=cached,
        cache_write_tokens=written,
        input_images=prompt.images,
        audio_tokens=prompt.audio_tokens,
        byok=ctx.config.byok,
        fees=web_search_fee(model, len(citations)) if citations else 0.0,
    )
    usage = chat_usage(
        prompt_tokens=prompt.tokens,
        completion_tokens=completion.completion_tokens,
        cost=cost,
        cached_tokens=cached,
        cache_write_tokens=written,
        reasoning_tokens=completion.reasoning_tokens,
        image_tokens=completion.image_tokens,
        audio_tokens=prompt.audio_tokens,
        web_searches=1 if citations else 0,
    )
    envelope = {
        "id": ctx.state.generation_id(),
        "provider": provider_name(model),
        "model": model.served_as,
        "created": int(ctx.state.now()),
    }
    served = Served(model, envelope, completion, usage, cost, prompt)
    ctx.state.charge(key, cost.charged, cost.upstream if cost.byok else 0.0)
    ctx.state.record_generation(key, generation_record(ctx, body, served, streamed, api_type))
    return served, request


def generation_record(
    ctx: Ctx, body: Mapping[str, Any], served: Served, streamed: bool, api_type: str
) -> dict[str, Any]:
    """The ``data`` of ``GET /generation`` for a generation (``_`` keys are internal)."""
    headers = ctx.request.headers
    usage = served.usage
    first = served.completion.choices[0]
    latency = 120 + 2 * usage["completion_tokens"]
    upstream = f"{served.envelope['id']}-upstream"
    endpoint_id = served.model.endpoint_id()
    return {
        "id": served.envelope["id"],
        "request_id": "req-" + served.envelope["id"][4:],
        "upstream_id": upstream,
        "model": served.envelope["model"],
        "api_type": api_type,
        "provider_name": served.envelope["provider"],
        "router": None,
        "app_id": None,
        "created_at": iso(ctx.state.now()),
        "streamed": streamed,
        "cancelled": bool(ctx.fault and (ctx.fault.drop or ctx.fault.drop_after is not None)),
        "latency": latency,
        "generation_time": latency - 100,
        "moderation_latency": 20 if served.model.is_moderated else None,
        "tokens_prompt": usage["prompt_tokens"],
        "tokens_completion": usage["completion_tokens"],
        "native_tokens_prompt": usage["prompt_tokens"],
        "native_tokens_completion": usage["completion_tokens"],
        "native_tokens_reasoning": usage["completion_tokens_details"]["reasoning_tokens"],
        "native_tokens_cached": usage["prompt_tokens_details"]["cached_tokens"],
        "native_tokens_completion_images": usage["completion_tokens_details"]["image_tokens"],
        "num_media_prompt": served.prompt.images or None,
        "num_media_completion": len(first.images) or None,
        "num_input_audio_prompt": served.prompt.audio_parts or None,
        "num_search_results": sum(1 for a in first.annotations if a.get("type") == "url_citation")
        or None,
        "num_fetches": None,
        "usage": served.cost.charged,
        "total_cost": served.cost.charged,
        "upstream_inference_cost": served.cost.upstream if served.cost.byok else None,
        "cache_discount": None,
        "is_byok": served.cost.byok,
        "finish_reason": first.finish_reason,
        "native_finish_reason": first.native_finish_reason,
        "origin": headers.get("http-referer", ""),
        "http_referer": headers.get("http-referer"),
        "user_agent": headers.get("user-agent", ""),
        "external_user": body.get("user"),
        "session_id": body.get("session_id") or headers.get("x-session-id"),
        "preset_id": body.get("preset"),
        "response_cache_source_id": None,
        "data_region": "global",
        "service_tier": body.get("service_tier"),
        "web_search_engine": "exa" if "server_tool_use_details" in usage else None,
        "workspace_id": ctx.caller.workspace_id,
        "provider_responses": [
            {
                "id": upstream,
                "endpoint_id": endpoint_id,
                "model_permaslug": served.model.slug,
                "provider_name": served.envelope["provider"],
                "status": 200,
                "latency": latency - 100,
                "is_byok": served.cost.byok,
            }
        ],
        "_endpoint_id": endpoint_id,
        "_permaslug": served.model.slug,
        "_model_id": served.model.id,
    }

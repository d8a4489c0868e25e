"""The typed OpenRouter options: exact JSON for valid input, exact messages for every mistake."""

from __future__ import annotations

import re
from typing import Any

import pytest

from langchain_openrouter.routing import (
    AutoRouterPlugin,
    ContextCompressionPlugin,
    FileParserPlugin,
    ImageConfig,
    LatencyPercentiles,
    MaxPrice,
    ModerationPlugin,
    PassThroughRouterPlugin,
    PdfOptions,
    Prediction,
    PredictionText,
    ProviderPreferences,
    ProviderSort,
    Reasoning,
    ResponseHealingPlugin,
    ThroughputPercentiles,
    WebFetchPlugin,
    WebPlugin,
    WebSearchOptions,
    check_option,
    check_options,
)

PROVIDER_KEYS = (
    "'allow_fallbacks', 'data_collection', 'enforce_distillable_text', 'ignore', 'max_price', "
    "'only', 'order', 'preferred_max_latency', 'preferred_min_throughput', 'quantizations', "
    "'require_parameters', 'sort', 'zdr'"
)
PLUGIN_IDS = (
    "'web', 'web-fetch', 'file-parser', 'response-healing', 'context-compression', "
    "'moderation', 'auto-router', 'auto-beta-router', 'pareto-router', 'fusion'"
)
EFFORTS = "'max', 'xhigh', 'high', 'medium', 'low', 'minimal', 'none'"


# --- every model sends exactly the keys it was given --------------------------------------------


@pytest.mark.parametrize(
    ("model", "wire"),
    [
        (
            Reasoning(effort="high", exclude=True, summary="concise"),
            {"effort": "high", "exclude": True, "summary": "concise"},
        ),
        (
            Reasoning(max_tokens=2000, enabled=True, context="all_turns", mode="pro"),
            {"max_tokens": 2000, "enabled": True, "context": "all_turns", "mode": "pro"},
        ),
        (Reasoning(effort=None), {"effort": None}),
        (
            ProviderPreferences(
                order=["anthropic", "google-vertex/us-east5"],
                allow_fallbacks=False,
                require_parameters=True,
                data_collection="deny",
                zdr=True,
                enforce_distillable_text=False,
                only=["anthropic"],
                ignore=["deepinfra"],
                quantizations=["fp8", "bf16"],
                sort=ProviderSort(by="throughput", partition="model"),
                preferred_max_latency=LatencyPercentiles(p50=1.5, p99=4),
                preferred_min_throughput=ThroughputPercentiles(p90=50),
                max_price=MaxPrice(prompt=1, completion="2.5", request=0.01, image=0, audio=3),
            ),
            {
                "order": ["anthropic", "google-vertex/us-east5"],
                "allow_fallbacks": False,
                "require_parameters": True,
                "data_collection": "deny",
                "zdr": True,
                "enforce_distillable_text": False,
                "only": ["anthropic"],
                "ignore": ["deepinfra"],
                "quantizations": ["fp8", "bf16"],
                "sort": {"by": "throughput", "partition": "model"},
                "preferred_max_latency": {"p50": 1.5, "p99": 4},
                "preferred_min_throughput": {"p90": 50},
                "max_price": {
                    "prompt": 1,
                    "completion": "2.5",
                    "request": 0.01,
                    "image": 0,
                    "audio": 3,
                },
            },
        ),
        (
            ProviderPreferences(sort="price", preferred_max_latency=2),
            {"sort": "price", "preferred_max_latency": 2},
        ),
        (
            WebPlugin(
                engine="exa",
                mode="deep",
                max_results=3,
                max_uses=2,
                search_prompt="Sources:",
                include_domains=["*.gov"],
                exclude_domains=["example.com/blog"],
                user_location={"country": "FR"},
                enabled=True,
            ),
            {
                "id": "web",
                "engine": "exa",
                "mode": "deep",
                "max_results": 3,
                "max_uses": 2,
                "search_prompt": "Sources:",
                "include_domains": ["*.gov"],
                "exclude_domains": ["example.com/blog"],
                "user_location": {"country": "FR"},
                "enabled": True,
            },
        ),
        (WebPlugin(), {"id": "web"}),
        (
            WebFetchPlugin(
                max_uses=1, max_content_tokens=500, allowed_domains=["a.io"], blocked_domains=[]
            ),
            {
                "id": "web-fetch",
                "max_uses": 1,
                "max_content_tokens": 500,
                "allowed_domains": ["a.io"],
                "blocked_domains": [],
            },
        ),
        (
            FileParserPlugin(pdf=PdfOptions(engine="mistral-ocr")),
            {"id": "file-parser", "pdf": {"engine": "mistral-ocr"}},
        ),
        (ResponseHealingPlugin(), {"id": "response-healing"}),
        (
            ContextCompressionPlugin(engine="middle-out"),
            {"id": "context-compression", "engine": "middle-out"},
        ),
        (ModerationPlugin(enabled=False), {"id": "moderation", "enabled": False}),
        (
            AutoRouterPlugin(
                allowed_models=["anthropic/*"], excluded_models=[], cost_tier="low", pin_model="x"
            ),
            {
                "id": "auto-router",
                "allowed_models": ["anthropic/*"],
                "excluded_models": [],
                "cost_tier": "low",
                "pin_model": "x",
            },
        ),
        (PassThroughRouterPlugin(id="fusion", depth=2), {"id": "fusion", "depth": 2}),
        (WebSearchOptions(search_context_size="high"), {"search_context_size": "high"}),
        (ImageConfig(aspect_ratio="16:9", seed=3), {"aspect_ratio": "16:9", "seed": 3}),
        (Prediction(content="Blue"), {"type": "content", "content": "Blue"}),
        (
            Prediction(content=[PredictionText(text="a")]),
            {"type": "content", "content": [{"type": "text", "text": "a"}]},
        ),
    ],
)
def test_model_sends_exactly_what_was_set(model: Any, wire: dict[str, Any]) -> None:
    assert model.to_wire() == wire


@pytest.mark.parametrize(
    ("key", "value", "wire"),
    [
        (
            "provider",
            {"order": None, "sort": {"by": "price"}},
            {"order": None, "sort": {"by": "price"}},
        ),
        ("provider", ProviderPreferences(zdr=True), {"zdr": True}),
        (
            "plugins",
            [{"id": "web"}, WebPlugin(max_results=1)],
            [{"id": "web"}, {"id": "web", "max_results": 1}],
        ),
        (
            "plugins",
            [{"id": "pareto-router", "anything": [1]}],
            [{"id": "pareto-router", "anything": [1]}],
        ),
        ("reasoning", {}, {}),
        ("reasoning_effort", "minimal", "minimal"),
        ("verbosity", "xhigh", "xhigh"),
        ("route", "fallback", "fallback"),
        ("modalities", ["image", "text"], ["image", "text"]),
        ("image_config", {"quality": "high"}, {"quality": "high"}),
        ("web_search_options", {}, {}),
        ("prediction", {"type": "content", "content": "x"}, {"type": "content", "content": "x"}),
    ],
)
def test_check_option_returns_the_json_sent(key: str, value: Any, wire: Any) -> None:
    assert check_option(key, value) == wire


def test_numbers_keep_their_json_type() -> None:
    sent = check_option("provider", {"max_price": {"prompt": 1, "completion": 0.5}})
    assert sent == {"max_price": {"prompt": 1, "completion": 0.5}}
    assert isinstance(sent["max_price"]["prompt"], int)


def test_check_options_checks_only_the_options_of_a_body() -> None:
    body = {"model": "m", "provider": {"zdr": True}, "verbosity": None, "plugins": [{"id": "web"}]}
    assert check_options(body) == {"provider": {"zdr": True}, "plugins": [{"id": "web"}]}


# --- every mistake: the field, the allowed values, the closest match ----------------------------


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        (
            "provider",
            {"ordr": ["anthropic"]},
            f"provider: unknown key 'ordr'; did you mean 'order'? Allowed: {PROVIDER_KEYS}",
        ),
        (
            "provider",
            {"sort": "cheapest"},
            "provider.sort: 'cheapest' is not allowed. Allowed: 'price', 'throughput', "
            "'latency', 'exacto'",
        ),
        (
            "provider",
            {"sort": "throughpt"},
            "provider.sort: 'throughpt' is not allowed; did you mean 'throughput'? Allowed: "
            "'price', 'throughput', 'latency', 'exacto'",
        ),
        (
            "provider",
            {"sort": {"by": "price", "partition": "all"}},
            "provider.sort.partition: 'all' is not allowed. Allowed: 'model', 'none'",
        ),
        (
            "provider",
            {"sort": {"by": "price", "partiton": "none"}},
            "provider.sort: unknown key 'partiton'; did you mean 'partition'? Allowed: 'by', "
            "'partition'",
        ),
        (
            "provider",
            {"data_collection": "denied"},
            "provider.data_collection: 'denied' is not allowed; did you mean 'deny'? Allowed: "
            "'allow', 'deny'",
        ),
        (
            "provider",
            {"quantizations": ["fp8", "fp7"]},
            "provider.quantizations[1]: 'fp7' is not allowed; did you mean 'fp8'? Allowed: "
            "'int4', 'int8', 'fp4', 'mxfp4', 'nvfp4', 'fp6', 'fp8', 'mxfp8', 'fp16', 'bf16', "
            "'fp32', 'unknown'",
        ),
        (
            "provider",
            {"preferred_max_latency": {"p95": 1}},
            "provider.preferred_max_latency: unknown key 'p95'; did you mean 'p99'? Allowed: "
            "'p50', 'p75', 'p90', 'p99'",
        ),
        (
            "provider",
            {"max_price": {"prompts": 1}},
            "provider.max_price: unknown key 'prompts'; did you mean 'prompt'? Allowed: 'audio', "
            "'completion', 'image', 'prompt', 'request'",
        ),
        (
            "provider",
            {"max_price": {"prompt": [1]}},
            "provider.max_price.prompt: Input should be a valid integer or a valid number or a "
            "valid string, got [1]",
        ),
        (
            "provider",
            {"preferred_min_throughput": {"p50": -2}},
            "provider.preferred_min_throughput.p50: Input should be greater than or equal to 0, "
            "got -2",
        ),
        (
            "plugins",
            {"id": "web"},
            "plugins: Input should be a valid list, got {'id': 'web'}",
        ),
        (
            "provider",
            {"max_price": 3},
            "provider.max_price must be a mapping (or a MaxPrice) with keys among: audio, "
            "completion, image, prompt, request; got 3",
        ),
        (
            "provider",
            ["anthropic"],
            "provider must be a mapping (or a ProviderPreferences) with keys among: "
            + PROVIDER_KEYS.replace("'", "")
            + "; got ['anthropic']",
        ),
        (
            "provider",
            {"order": "anthropic"},
            "provider.order: Input should be a valid list, got 'anthropic'",
        ),
        (
            "provider",
            {"zdr": "maybe"},
            "provider.zdr: Input should be a valid boolean, unable to interpret input, got 'maybe'",
        ),
        (
            "reasoning",
            {"effort": "extreme"},
            f"reasoning.effort: 'extreme' is not allowed. Allowed: {EFFORTS}",
        ),
        (
            "reasoning",
            {"effort": "hgh"},
            f"reasoning.effort: 'hgh' is not allowed; did you mean 'high'? Allowed: {EFFORTS}",
        ),
        (
            "reasoning",
            {"effort": "high", "max_tokens": 2000},
            "reasoning: effort and max_tokens are exclusive: set either an effort level or a "
            "token budget, not both",
        ),
        (
            "reasoning",
            {"max_token": 2000},
            "reasoning: unknown key 'max_token'; did you mean 'max_tokens'? Allowed: 'context', "
            "'effort', 'enabled', 'exclude', 'max_tokens', 'mode', 'summary'",
        ),
        (
            "reasoning",
            {"summary": "short"},
            "reasoning.summary: 'short' is not allowed. Allowed: 'auto', 'concise', 'detailed'",
        ),
        (
            "reasoning",
            {"max_tokens": 0},
            "reasoning.max_tokens: Input should be greater than or equal to 1, got 0",
        ),
        (
            "reasoning_effort",
            "extreme",
            f"reasoning_effort: 'extreme' is not allowed. Allowed: {EFFORTS}",
        ),
        (
            "verbosity",
            "ultra",
            "verbosity: 'ultra' is not allowed. Allowed: 'low', 'medium', 'high', 'xhigh', 'max'",
        ),
        (
            "route",
            "sorted",
            "route: 'sorted' is not allowed; did you mean 'sort'? Allowed: 'fallback', 'sort'",
        ),
        (
            "plugins",
            [{"id": "wbe"}],
            f"plugins[0]: unknown id 'wbe'; did you mean 'web'? Allowed: {PLUGIN_IDS}",
        ),
        ("plugins", [{"max_results": 3}], f"plugins[0]: 'id' is required. Allowed: {PLUGIN_IDS}"),
        (
            "plugins",
            [{"id": "web"}, {"id": "web", "max_reslts": 3}],
            "plugins[1]: unknown key 'max_reslts'; did you mean 'max_results'? Allowed: "
            "'enabled', 'engine', 'exclude_domains', 'id', 'include_domains', 'max_results', "
            "'max_uses', 'mode', 'search_prompt', 'user_location'",
        ),
        (
            "plugins",
            [{"id": "web", "engine": "google"}],
            "plugins[0].engine: 'google' is not allowed. Allowed: 'native', 'exa', 'firecrawl', "
            "'parallel', 'perplexity'",
        ),
        (
            "plugins",
            [{"id": "file-parser", "pdf": {"engine": "ocr"}}],
            "plugins[0].pdf.engine: 'ocr' is not allowed. Allowed: 'mistral-ocr', "
            "'cloudflare-ai', 'native', 'pdf-text'",
        ),
        (
            "plugins",
            [{"id": "response-healing", "strict": True}],
            "plugins[0]: unknown key 'strict'. Allowed: 'enabled', 'id'",
        ),
        (
            "web_search_options",
            {"search_context_size": "huge"},
            "web_search_options.search_context_size: 'huge' is not allowed. Allowed: 'low', "
            "'medium', 'high'",
        ),
        (
            "modalities",
            ["text", "txt"],
            "modalities[1]: 'txt' is not allowed; did you mean 'text'? Allowed: 'text', 'image', "
            "'audio'",
        ),
        (
            "prediction",
            {"type": "content", "contents": "x"},
            "prediction: unknown key 'contents'; did you mean 'content'? Allowed: 'content', "
            "'type'",
        ),
        (
            "prediction",
            {"type": "text", "content": "x"},
            "prediction.type: 'text' is not allowed. Allowed: 'content'",
        ),
    ],
)
def test_mistake_names_field_allowed_values_and_closest_match(
    key: str, value: Any, message: str
) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        check_option(key, value)


def test_label_names_the_argument_the_user_wrote() -> None:
    with pytest.raises(ValueError, match=r"^openrouter_provider: unknown key 'ordr'"):
        check_option("provider", {"ordr": []}, label="openrouter_provider")


def test_typed_models_refuse_the_same_mistakes() -> None:
    with pytest.raises(ValueError, match="effort and max_tokens are exclusive"):
        Reasoning(effort="low", max_tokens=100)
    with pytest.raises(ValueError, match="Extra inputs are not permitted"):
        ProviderPreferences(ordr=["x"])  # type: ignore[call-arg]

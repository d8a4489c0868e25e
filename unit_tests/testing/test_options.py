"""The emulator checks OpenRouter's options, caches chat answers and applies presets.

The checks are the client's own definitions (:mod:`langchain_openrouter.routing`), so requests
that bypass the package (raw httpx, ``extra_body``) meet the same 400 in tests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from langchain_openrouter.testing import OpenRouterEmulator
from unit_tests.testing.conftest import Call
from unit_tests.testing.helpers import sse_events

HI = [{"role": "user", "content": "Hi"}]
CACHE = {"X-OpenRouter-Cache": "true"}


def _error(response: Any) -> dict[str, Any]:
    assert response.status == 400, response.body
    body = response.json()
    assert isinstance(body, dict)
    return body


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "provider",
            {"ordr": ["openai"]},
            "provider: unknown key 'ordr'; did you mean 'order'? Allowed: 'allow_fallbacks', "
            "'data_collection', 'enforce_distillable_text', 'ignore', 'max_price', 'only', "
            "'order', 'preferred_max_latency', 'preferred_min_throughput', 'quantizations', "
            "'require_parameters', 'sort', 'zdr'",
        ),
        (
            "provider",
            {"sort": "cheapest"},
            "provider.sort: 'cheapest' is not allowed. Allowed: 'price', 'throughput', "
            "'latency', 'exacto'",
        ),
        (
            "reasoning",
            {"effort": "extreme"},
            "reasoning.effort: 'extreme' is not allowed. Allowed: 'max', 'xhigh', 'high', "
            "'medium', 'low', 'minimal', 'none'",
        ),
        (
            "reasoning",
            {"effort": "low", "max_tokens": 1024},
            "reasoning: effort and max_tokens are exclusive: set either an effort level or a "
            "token budget, not both",
        ),
        (
            "verbosity",
            "ultra",
            "verbosity: 'ultra' is not allowed. Allowed: 'low', 'medium', 'high', 'xhigh', 'max'",
        ),
        (
            "plugins",
            [{"id": "wbe"}],
            "plugins[0]: unknown id 'wbe'; did you mean 'web'? Allowed: 'web', 'web-fetch', "
            "'file-parser', 'response-healing', 'context-compression', 'moderation', "
            "'auto-router', 'auto-beta-router', 'pareto-router', 'fusion'",
        ),
        (
            "route",
            "sorted",
            "route: 'sorted' is not allowed; did you mean 'sort'? Allowed: 'fallback', 'sort'",
        ),
        (
            "web_search_options",
            {"search_context_size": "max"},
            "web_search_options.search_context_size: 'max' is not allowed. Allowed: 'low', "
            "'medium', 'high'",
        ),
        (
            "prediction",
            {"type": "content"},
            "prediction.content: Field required, got {'type': 'content'}",
        ),
    ],
)
def test_chat_option_mistakes_get_openrouters_400(
    call: Call, field: str, value: Any, message: str
) -> None:
    body = _error(call("POST", "/chat/completions", {"messages": HI, field: value}))
    assert body == {
        "error": {"code": 400, "message": message, "metadata": {"error_type": "invalid_request"}}
    }


def test_responses_embeddings_and_rerank_check_provider_too(call: Call) -> None:
    wrong = {"sort": "cheapest"}
    expected = (
        "provider.sort: 'cheapest' is not allowed. Allowed: 'price', 'throughput', 'latency', "
        "'exacto'"
    )
    requests = [
        ("/responses", {"model": "openai/gpt-4o-mini", "input": "Hi", "provider": wrong}),
        (
            "/embeddings",
            {"model": "openai/text-embedding-3-small", "input": "Hi", "provider": wrong},
        ),
        (
            "/rerank",
            {"model": "cohere/rerank-v3.5", "query": "q", "documents": ["d"], "provider": wrong},
        ),
    ]
    for path, body in requests:
        assert _error(call("POST", path, body))["error"]["message"] == expected, path


def test_valid_options_are_served(call: Call) -> None:
    response = call(
        "POST",
        "/chat/completions",
        {
            "messages": HI,
            "provider": {"order": ["openai"], "sort": {"by": "price", "partition": "none"}},
            "plugins": [{"id": "response-healing"}, {"id": "fusion", "anything": 1}],
            "reasoning": {"effort": "none"},
            "verbosity": "low",
        },
    )
    assert response.status == 200, response.body


# --- response cache -----------------------------------------------------------------------------


def test_chat_cache_hit_miss_and_generation_record(emu: OpenRouterEmulator, call: Call) -> None:
    body = {"model": "openai/gpt-4o-mini", "messages": HI}
    first = call("POST", "/chat/completions", body, headers=CACHE).json()
    hit = call("POST", "/chat/completions", body, headers=CACHE).json()
    uncached = call("POST", "/chat/completions", body).json()
    other = call("POST", "/chat/completions", {**body, "temperature": 0}, headers=CACHE).json()
    assert hit["choices"] == first["choices"]
    assert hit["id"] != first["id"]
    assert first["usage"]["prompt_tokens"] == 8
    assert first["usage"]["cost"] > 0
    assert hit["usage"]["prompt_tokens"] == 0
    assert hit["usage"]["completion_tokens"] == 0
    assert hit["usage"]["total_tokens"] == 0
    assert hit["usage"]["cost"] == 0.0
    assert hit["usage"]["prompt_tokens_details"]["cached_tokens"] == 0
    assert uncached["usage"]["prompt_tokens"] == 8
    assert other["usage"]["prompt_tokens"] == 8
    record = emu.generations[hit["id"]]
    assert record["response_cache_source_id"] == first["id"]
    assert (record["total_cost"], record["tokens_prompt"], record["tokens_completion"]) == (
        0.0,
        0,
        0,
    )
    assert emu.generations[first["id"]]["response_cache_source_id"] is None


def test_chat_cache_keys_on_stream_mode_and_key(emu: OpenRouterEmulator, call: Call) -> None:
    body = {"model": "openai/gpt-4o-mini", "messages": HI, "stream": True}
    first = sse_events(call("POST", "/chat/completions", body, headers=CACHE))
    replay = sse_events(call("POST", "/chat/completions", body, headers=CACHE))
    text = "".join(
        e["choices"][0]["delta"].get("content") or "" for e in first[:-1] if e["choices"]
    )
    again = "".join(
        e["choices"][0]["delta"].get("content") or "" for e in replay[:-1] if e["choices"]
    )
    assert again == text == "Hi"
    assert replay[-1] == "[DONE]"
    usage = next(e["usage"] for e in replay[:-1] if e.get("usage"))
    assert (usage["prompt_tokens"], usage["completion_tokens"], usage["cost"]) == (0, 0, 0.0)
    assert emu.generations[replay[0]["id"]]["streamed"] is True
    # Not streamed: another stream mode, so a new generation.
    plain = call("POST", "/chat/completions", {**body, "stream": False}, headers=CACHE).json()
    assert plain["usage"]["prompt_tokens"] == 8
    other_key = emu.create_key("other")
    elsewhere = call("POST", "/chat/completions", body, key=other_key, headers=CACHE)
    elsewhere_usage = next(e["usage"] for e in sse_events(elsewhere)[:-1] if e.get("usage"))
    assert elsewhere_usage["prompt_tokens"] == 8


def test_only_successful_answers_are_cached(call: Call) -> None:
    bad = {"model": "openai/gpt-4o-mini", "messages": HI, "verbosity": "loud"}
    assert call("POST", "/chat/completions", bad, headers=CACHE).status == 400
    assert call("POST", "/chat/completions", bad, headers=CACHE).status == 400


# --- presets ------------------------------------------------------------------------------------


def test_preset_by_model_or_field(
    emu: OpenRouterEmulator, chat: Callable[..., dict[str, Any]]
) -> None:
    emu.presets["terse"] = {"model": "anthropic/claude-sonnet-4.5", "max_tokens": 50}
    by_model = chat(model="@preset/terse")
    assert by_model["model"] == "anthropic/claude-4.5-sonnet-20250929"
    assert emu.generations[by_model["id"]]["preset_id"] == "@preset/terse"
    by_field = chat(preset="@preset/terse")
    assert by_field["model"] == "anthropic/claude-4.5-sonnet-20250929"
    own_model = chat(preset="@preset/terse", model="openai/gpt-4o-mini")
    assert own_model["model"] == "openai/gpt-4o-mini"
    assert emu.generations[own_model["id"]]["preset_id"] == "@preset/terse"


def test_preset_defaults_are_checked_and_unknown_presets_are_404(
    emu: OpenRouterEmulator, call: Call
) -> None:
    missing = call("POST", "/chat/completions", {"messages": HI, "model": "@preset/nope"})
    assert missing.status == 404
    assert missing.json()["error"]["message"] == "Preset '@preset/nope' not found"
    emu.presets["typo"] = {"provider": {"ordr": ["openai"]}}
    bad = call("POST", "/chat/completions", {"messages": HI, "preset": "@preset/typo"})
    assert _error(bad)["error"]["message"].startswith("provider: unknown key 'ordr'")

"""ChatOpenRouter's typed options, response cache and presets, against the in-process emulator.

Each mistake fails before anything is sent (the emulator's request log stays empty); valid input
sends the same JSON whether it was given as a dict or as the typed model.
"""

from __future__ import annotations

import asyncio
import re
import warnings
from typing import Any

import pytest
from langchain_core.messages import AIMessageChunk

from langchain_openrouter.errors import BadRequestError
from langchain_openrouter.routing import (
    FileParserPlugin,
    PdfOptions,
    Prediction,
    ProviderPreferences,
    ProviderSort,
    Reasoning,
    WebPlugin,
)
from langchain_openrouter.testing import OpenRouterEmulator


@pytest.fixture
def emu() -> OpenRouterEmulator:
    return OpenRouterEmulator()


def _sent(emu: OpenRouterEmulator) -> dict[str, Any]:
    body = emu.requests[-1].json()
    assert isinstance(body, dict)
    return body


def test_typed_models_and_dicts_send_the_same_json(emu: OpenRouterEmulator) -> None:
    typed = emu.chat_model(
        openrouter_provider=ProviderPreferences(order=["openai"], sort=ProviderSort(by="price")),
        reasoning=Reasoning(effort="low", exclude=True),
        plugins=[WebPlugin(max_results=2), FileParserPlugin(pdf=PdfOptions(engine="native"))],
        prediction=Prediction(content="Hi"),
    )
    plain = emu.chat_model(
        openrouter_provider={"order": ["openai"], "sort": {"by": "price"}},
        reasoning={"effort": "low", "exclude": True},
        plugins=[
            {"id": "web", "max_results": 2},
            {"id": "file-parser", "pdf": {"engine": "native"}},
        ],
        prediction={"type": "content", "content": "Hi"},
    )
    typed.invoke("Hi")
    first = _sent(emu)
    plain.invoke("Hi")
    assert _sent(emu) == first
    assert {k: first[k] for k in ("provider", "reasoning", "plugins", "prediction")} == {
        "provider": {"order": ["openai"], "sort": {"by": "price"}},
        "reasoning": {"effort": "low", "exclude": True},
        "plugins": [
            {"id": "web", "max_results": 2},
            {"id": "file-parser", "pdf": {"engine": "native"}},
        ],
        "prediction": {"type": "content", "content": "Hi"},
    }
    # Stored as the JSON sent: reprs, equality and serialization stay plain.
    assert typed.openrouter_provider == {"order": ["openai"], "sort": {"by": "price"}}


def test_provider_is_accepted_as_provider_without_a_warning(emu: OpenRouterEmulator) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        llm = emu.chat_model(provider={"only": ["openai"]})
    assert llm.openrouter_provider == {"only": ["openai"]}
    assert llm.model_kwargs == {}
    llm.invoke("Hi")
    assert _sent(emu)["provider"] == {"only": ["openai"]}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"openrouter_provider": {"ordr": ["a"]}},
            "openrouter_provider: unknown key 'ordr'; did you mean 'order'?",
        ),
        (
            {"provider": {"sort": "cheapest"}},
            "provider.sort: 'cheapest' is not allowed. Allowed: 'price'",
        ),
        (
            {"reasoning": {"effort": "extreme"}},
            "reasoning.effort: 'extreme' is not allowed. Allowed: 'max'",
        ),
        (
            {"reasoning": {"effort": "high", "max_tokens": 10}},
            "reasoning: effort and max_tokens are exclusive",
        ),
        (
            {"reasoning": {"max_tokens": 10}, "reasoning_effort": "low"},
            "reasoning: effort and max_tokens are exclusive",
        ),
        ({"verbosity": "ultra"}, "verbosity: 'ultra' is not allowed. Allowed: 'low', 'medium'"),
        ({"plugins": [{"id": "wbe"}]}, "plugins[0]: unknown id 'wbe'; did you mean 'web'?"),
        ({"route": "fallbak"}, "route: 'fallbak' is not allowed; did you mean 'fallback'?"),
        ({"modalities": ["img"]}, "modalities[0]: 'img' is not allowed"),
        (
            {"web_search_options": {"context_size": "low"}},
            "web_search_options: unknown key 'context_size'",
        ),
        ({"preset": "comedian"}, "preset must look like '@preset/<slug>', got 'comedian'"),
    ],
)
def test_constructor_refuses_mistakes(
    emu: OpenRouterEmulator, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        emu.chat_model(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"provider": {"ordr": ["a"]}}, "provider: unknown key 'ordr'; did you mean 'order'?"),
        (
            {"openrouter_provider": {"zdr": "maybe"}},
            "openrouter_provider.zdr: Input should be a valid boolean",
        ),
        ({"reasoning": {"effort": "extreme"}}, "reasoning.effort: 'extreme' is not allowed"),
        ({"reasoning_effort": "extreme"}, "reasoning_effort: 'extreme' is not allowed"),
        (
            {"plugins": [{"id": "web", "max_reslts": 2}]},
            "plugins[0]: unknown key 'max_reslts'; did you mean 'max_results'?",
        ),
        ({"verbosity": "hgh"}, "verbosity: 'hgh' is not allowed; did you mean 'high'?"),
        (
            {"prediction": {"content": "x", "typ": "content"}},
            "prediction: unknown key 'typ'; did you mean 'type'?",
        ),
        ({"image_config": ["16:9"]}, "image_config must be a mapping (or a ImageConfig)"),
        ({"preset": "@preset/"}, "preset must look like '@preset/<slug>'"),
    ],
)
def test_per_call_and_bound_options_are_checked_before_sending(
    emu: OpenRouterEmulator, kwargs: dict[str, Any], message: str
) -> None:
    llm = emu.chat_model()
    with pytest.raises(ValueError, match=re.escape(message)):
        llm.invoke("Hi", **kwargs)
    with pytest.raises(ValueError, match=re.escape(message)):
        llm.bind(**kwargs).invoke("Hi")
    with pytest.raises(ValueError, match=re.escape(message)):
        list(llm.stream("Hi", **kwargs))
    assert emu.requests == []


def test_per_call_typed_option_is_sent_as_json(emu: OpenRouterEmulator) -> None:
    llm = emu.chat_model(openrouter_provider={"zdr": True})
    llm.bind(provider=ProviderPreferences(order=["openai"])).invoke("Hi", plugins=[WebPlugin()])
    body = _sent(emu)
    assert body["provider"] == {"order": ["openai"]}
    assert body["plugins"] == [{"id": "web"}]


def test_extra_body_is_the_unchecked_escape_hatch(emu: OpenRouterEmulator) -> None:
    llm = emu.chat_model()
    # The package sends extra_body as given; the emulator (like OpenRouter) answers 400.
    with pytest.raises(BadRequestError, match="provider: unknown key 'future_key'"):
        llm.invoke("Hi", extra_body={"provider": {"future_key": True}})
    assert _sent(emu)["provider"] == {"future_key": True}


# --- response cache -----------------------------------------------------------------------------


def test_response_cache_header_from_field_and_per_call(emu: OpenRouterEmulator) -> None:
    emu.chat_model().invoke("Hi")
    assert "x-openrouter-cache" not in emu.requests[-1].headers
    emu.chat_model(response_cache=True).invoke("Hi")
    assert emu.requests[-1].headers["x-openrouter-cache"] == "true"
    emu.chat_model().invoke("Hi", response_cache=True)
    assert emu.requests[-1].headers["x-openrouter-cache"] == "true"
    assert "response_cache" not in _sent(emu)
    emu.chat_model(response_cache=True).invoke("Hi", response_cache=False)
    assert "x-openrouter-cache" not in emu.requests[-1].headers


@pytest.mark.parametrize("value", ["false", 0, None, "yes"])
def test_response_cache_per_call_must_be_a_bool(emu: OpenRouterEmulator, value: Any) -> None:
    # "false" is truthy: taking it as a flag would opt in to the cache the caller refused.
    sent = len(emu.requests)
    with pytest.raises(ValueError, match=r"response_cache: expected True or False, got "):
        emu.chat_model().invoke("Hi", response_cache=value)
    with pytest.raises(ValueError, match=r"response_cache: expected True or False"):
        emu.chat_model().bind(response_cache=value).invoke("Hi", use_responses_api=True)
    assert len(emu.requests) == sent


def test_cache_hit_is_flagged_and_costs_nothing(emu: OpenRouterEmulator) -> None:
    llm = emu.chat_model(response_cache=True)
    first = llm.invoke("Name a colour")
    second = llm.invoke("Name a colour")
    assert first.response_metadata["response_cache_hit"] is False
    assert second.response_metadata["response_cache_hit"] is True
    assert second.content == first.content
    assert second.usage_metadata is not None
    assert second.usage_metadata["input_tokens"] == 0
    assert second.usage_metadata["output_tokens"] == 0
    assert second.id != first.id
    record = emu.generations[str(second.id)]
    assert record["response_cache_source_id"] == first.id
    assert record["total_cost"] == 0.0
    assert emu.generations[str(first.id)]["response_cache_source_id"] is None


def test_no_flag_without_opting_in(emu: OpenRouterEmulator) -> None:
    reply = emu.chat_model().invoke("Hi")
    assert "response_cache_hit" not in reply.response_metadata


def test_streamed_and_async_hits_replay(emu: OpenRouterEmulator) -> None:
    llm = emu.chat_model(response_cache=True)

    def streamed() -> AIMessageChunk:
        chunks = list(llm.stream("Count to three"))
        total = chunks[0]
        for chunk in chunks[1:]:
            total += chunk
        return total

    miss, hit = streamed(), streamed()
    assert hit.content == miss.content
    assert miss.response_metadata["response_cache_hit"] is False
    assert hit.response_metadata["response_cache_hit"] is True
    # Stream mode is part of the key: the non-streamed call is a new generation.
    assert llm.invoke("Count to three").response_metadata["response_cache_hit"] is False

    async def twice() -> list[bool]:
        replies = [await llm.ainvoke("Async please") for _ in range(2)]
        return [r.response_metadata["response_cache_hit"] for r in replies]

    assert asyncio.run(twice()) == [False, True]


# --- presets ------------------------------------------------------------------------------------


def test_preset_as_model_and_as_field(emu: OpenRouterEmulator) -> None:
    emu.presets["comedian"] = {"model": "anthropic/claude-sonnet-4.5", "temperature": 0.9}
    as_model = emu.chat_model("@preset/comedian").invoke("Hi")
    assert _sent(emu)["model"] == "@preset/comedian"
    assert as_model.response_metadata["model_name"] == "anthropic/claude-4.5-sonnet-20250929"
    as_field = emu.chat_model("openai/gpt-4o-mini", preset="@preset/comedian").invoke("Hi")
    assert _sent(emu)["preset"] == "@preset/comedian"
    # The request's own model wins over the preset's.
    assert as_field.response_metadata["model_name"] == "openai/gpt-4o-mini"
    assert emu.generations[str(as_field.id)]["preset_id"] == "@preset/comedian"

"""Ranking quality: hand-written queries and the three models a person would expect first.

Each case is ``(query, expected top 3)``; the top three must be exactly those models, in any
order, and the first listed must come first when ``ordered`` (a query naming one model, or a
sort). Run over the emulator's catalog (76 chat models) and the recorded catalog excerpt.
"""

from __future__ import annotations

from typing import Any

import pytest

from unit_tests.retrievers.conftest import MakeRetriever
from unit_tests.samples import load_json

# (query, expected top 3, whether the first one must be first)
EMULATOR_CASES: list[tuple[str, list[str], bool]] = [
    ("gpt 5", ["openai/gpt-5", "openai/gpt-5-mini", "openai/gpt-5-nano"], True),
    ("gpt-4.1 mini", ["openai/gpt-4.1-mini", "openai/gpt-4.1", "openai/gpt-4.1-nano"], True),
    ("gpt-4o", ["openai/gpt-4o", "openai/gpt-4o-mini", "openai/o4-mini"], True),
    ("o3", ["openai/o3", "openai/o3-mini", "openai/gpt-4o"], True),
    (
        "claude sonnet 4.5",
        ["anthropic/claude-sonnet-4.5", "anthropic/claude-sonnet-4", "anthropic/claude-haiku-4.5"],
        True,
    ),
    (
        "claude opus",
        ["anthropic/claude-opus-4", "anthropic/claude-opus-4.1", "anthropic/claude-opus-4.5"],
        False,
    ),
    (
        "claude haiku",
        ["anthropic/claude-3.5-haiku", "anthropic/claude-haiku-4.5", "anthropic/claude-opus-4.1"],
        False,
    ),
    (
        "gemini 2.5 pro",
        ["google/gemini-2.5-pro", "google/gemini-2.5-flash", "google/gemini-2.5-flash-image"],
        True,
    ),
    (
        "gemini flash",
        ["google/gemini-2.5-flash", "google/gemini-2.5-flash-image", "google/gemini-2.0-flash-001"],
        False,
    ),
    (
        "deepseek r1",
        ["deepseek/deepseek-r1", "deepseek/deepseek-r1-0528", "deepseek/deepseek-r1-0528:free"],
        True,
    ),
    ("qwen3 coder", ["qwen/qwen3-coder", "qwen/qwen3-coder:free", "qwen/qwen3-max"], False),
    (
        "llama 4",
        [
            "meta-llama/llama-4-maverick",
            "meta-llama/llama-4-scout",
            "meta-llama/llama-3.3-70b-instruct:free",
        ],
        False,
    ),
    ("grok 4", ["x-ai/grok-4", "x-ai/grok-4-fast", "x-ai/grok-3-mini"], True),
    ("grok for coding", ["x-ai/grok-code-fast-1", "x-ai/grok-4", "x-ai/grok-4-fast"], True),
    (
        "kimi",
        ["moonshotai/kimi-k2", "moonshotai/kimi-k2-0905", "moonshotai/kimi-k2-thinking"],
        False,
    ),
    ("glm", ["z-ai/glm-4.6", "z-ai/glm-4.5-air", "z-ai/glm-4.5-air:free"], False),
    ("gpt oss", ["openai/gpt-oss-20b", "openai/gpt-oss-20b:free", "openai/gpt-oss-120b"], False),
    (
        "nemotron",
        [
            "nvidia/nemotron-nano-9b-v2:free",
            "nvidia/llama-3.3-nemotron-super-49b-v1.5",
            "openai/gpt-4o-mini",
        ],
        False,
    ),
    (
        "a cheap model that can call tools and read images, with at least 100k context",
        ["openai/gpt-5-nano", "mistralai/mistral-small-3.2-24b-instruct", "amazon/nova-lite-v1"],
        True,
    ),
    (
        "free reasoning model",
        ["qwen/qwen3-235b-a22b:free", "minimax/minimax-m2:free", "openai/gpt-oss-20b:free"],
        False,
    ),
    (
        "cheapest model with structured outputs",
        ["mistralai/mistral-nemo", "meta-llama/llama-3.1-8b-instruct", "openai/gpt-oss-20b"],
        True,
    ),
    ("newest openai model", ["openai/gpt-5.1", "openai/gpt-5", "openai/gpt-5-mini"], True),
    (
        "cheapest anthropic model",
        ["anthropic/claude-3.5-haiku", "anthropic/claude-haiku-4.5", "anthropic/claude-sonnet-4.5"],
        True,
    ),
    (
        "audio and video input",
        ["google/gemini-2.5-flash", "google/gemini-2.5-pro", "google/gemini-2.5-flash-lite"],
        False,
    ),
    (
        "web search with citations",
        ["perplexity/sonar", "perplexity/sonar-reasoning-pro", "openai/gpt-4o-mini"],
        False,
    ),
    (
        "math and science reasoning",
        ["openai/o3", "openai/o3-mini", "google/gemini-2.5-flash"],
        False,
    ),
    (
        "vision model by meta",
        ["meta-llama/llama-4-maverick", "meta-llama/llama-4-scout", "openrouter/auto"],
        False,
    ),
    (
        "model with the longest context",
        ["x-ai/grok-4-fast", "openrouter/auto", "meta-llama/llama-4-scout"],
        False,
    ),
    ("phi", ["microsoft/phi-4", "openai/gpt-4o-mini", "openai/gpt-4o"], True),
    ("amazon nova", ["amazon/nova-lite-v1", "amazon/nova-pro-v1", "openai/gpt-4o-mini"], False),
]

SAMPLE_CASES: list[tuple[str, list[str], bool]] = [
    (
        "claude",
        ["anthropic/claude-sonnet-4.5", "openai/gpt-4.1-nano", "google/gemini-2.5-flash"],
        True,
    ),
    (
        "gemini flash",
        ["google/gemini-2.5-flash", "google/gemini-2.5-flash-image", "openai/gpt-4.1-nano"],
        False,
    ),
    (
        "gpt nano",
        ["openai/gpt-4.1-nano", "openai/gpt-5-mini", "google/gemini-2.5-flash-image"],
        True,
    ),
    (
        "cheapest model with tools",
        [
            "qwen/qwen3-235b-a22b:free",
            "mistralai/mistral-small-3.2-24b-instruct",
            "openai/gpt-4.1-nano",
        ],
        True,
    ),
    (
        "reasoning model with vision",
        ["anthropic/claude-sonnet-4.5", "google/gemini-2.5-flash", "openai/gpt-5-mini"],
        False,
    ),
    ("2m context", ["openrouter/auto", "x-ai/grok-4-fast"], False),
    ("image generation", ["google/gemini-2.5-flash-image", "openrouter/auto"], False),
    ("audio input", ["google/gemini-2.5-flash", "openrouter/auto"], False),
    (
        "under $0.2/M with tools",
        ["openai/gpt-4.1-nano", "meta-llama/llama-3.3-70b-instruct", "qwen/qwen3-235b-a22b:free"],
        False,
    ),
    (
        "mistral small vision",
        [
            "mistralai/mistral-small-3.2-24b-instruct",
            "openai/gpt-4.1-nano",
            "anthropic/claude-sonnet-4.5",
        ],
        True,
    ),
    ("free", ["qwen/qwen3-235b-a22b:free"], True),
]


def _check(documents: list[Any], expected: list[str], ordered: bool) -> None:
    got = [d.metadata["id"] for d in documents]
    assert sorted(got) == sorted(expected), got
    if ordered:
        assert got[0] == expected[0], got


@pytest.mark.parametrize(("query", "expected", "ordered"), EMULATOR_CASES)
def test_emulator_catalog(
    over_emulator: MakeRetriever, query: str, expected: list[str], ordered: bool
) -> None:
    _check(over_emulator(k=3).invoke(query), expected, ordered)


@pytest.mark.parametrize(("query", "expected", "ordered"), SAMPLE_CASES)
def test_recorded_catalog_excerpt(
    over_models: Any, query: str, expected: list[str], ordered: bool
) -> None:
    retriever, _ = over_models(load_json("models_list_excerpt.json")["data"], k=3)
    _check(retriever.invoke(query), expected, ordered)


def test_there_are_enough_cases() -> None:
    assert len(EMULATOR_CASES) >= 25
    assert len(SAMPLE_CASES) >= 10

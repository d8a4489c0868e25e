"""The plain-query parser: each documented word, and what it leaves for the ranking."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from langchain_openrouter.retrievers.query import parse_query


@pytest.mark.parametrize(
    ("query", "constraints"),
    [
        ("vision", {"input_modalities": ["image"]}),
        ("can read images", {"input_modalities": ["image"]}),
        ("multimodal", {"input_modalities": ["image"]}),
        ("audio", {"input_modalities": ["audio"]}),
        ("video input", {"input_modalities": ["video"]}),
        ("PDFs", {"input_modalities": ["file"]}),
        ("image generation", {"output_modalities": ["image"]}),
        ("text-to-image", {"output_modalities": ["image"]}),
        ("tools", {"supported_parameters": ["tools"]}),
        ("function calling", {"supported_parameters": ["tools"]}),
        ("can call tools", {"supported_parameters": ["tools"]}),
        ("structured outputs", {"supported_parameters": ["structured_outputs"]}),
        ("json schema", {"supported_parameters": ["structured_outputs"]}),
        ("json mode", {"supported_parameters": ["response_format"]}),
        ("reasoning", {"supported_parameters": ["reasoning"]}),
        ("thinking", {"supported_parameters": ["reasoning"]}),
        ("free", {"free_only": True}),
        ("open weights", {"open_weights": True}),
        ("open-source", {"open_weights": True}),
        ("128k", {"min_context_length": 128_000}),
        ("1M context", {"min_context_length": 1_000_000}),
        ("at least 200k tokens", {"min_context_length": 200_000}),
        ("100,000 tokens", {"min_context_length": 100_000}),
        ("under $1/M", {"max_prompt_price": Decimal(1)}),
        ("below $0.25 per million", {"max_prompt_price": Decimal("0.25")}),
        ("<= $3/M", {"max_prompt_price": Decimal(3)}),
        ("under $5/M output", {"max_completion_price": Decimal(5)}),
        ("cheapest", {"sort": "price"}),
        ("budget", {"sort": "price"}),
        ("newest", {"sort": "newest"}),
        ("longest context", {"sort": "context_length"}),
    ],
)
def test_each_documented_word(query: str, constraints: dict[str, Any]) -> None:
    parsed = parse_query(query)
    assert parsed.constraints == constraints
    assert parsed.terms == []


def test_a_sentence() -> None:
    parsed = parse_query(
        "A cheap model that can call tools and read images, with at least 100k context, "
        "under $2/M, for coding"
    )
    assert parsed.constraints == {
        "max_prompt_price": Decimal(2),
        "min_context_length": 100_000,
        "input_modalities": ["image"],
        "supported_parameters": ["tools"],
        "sort": "price",
    }
    assert parsed.terms == ["coding"]
    assert [u["phrase"] for u in parsed.understood] == [
        "cheap",
        "call tools",
        "read images",
        "at least 100k context",
        "under $2/M",
    ]
    assert parsed.understood[0] == {"phrase": "cheap", "sort": "price"}
    assert parsed.understood[-1] == {"phrase": "under $2/M", "max_prompt_price": "2"}


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("gpt-4.1 mini", ["gpt", "4.1", "mini"]),
        ("claude sonnet 4.5", ["claude", "sonnet", "4.5"]),
        ("qwen3 235b", ["qwen", "3", "235", "b"]),
        ("gpt 5", ["gpt", "5"]),
        ("llama 3.1 8b", ["llama", "3.1", "8", "b"]),
    ],
)
def test_model_names_are_not_constraints(query: str, terms: list[str]) -> None:
    parsed = parse_query(query)
    assert parsed.constraints == {}
    assert parsed.terms == terms


@pytest.mark.parametrize(
    ("query", "constraints", "terms"),
    [
        # A negated word must not demand the very thing the sentence rules out.
        ("a fast model without reasoning", {}, ["fast"]),
        ("not free, with tools", {"supported_parameters": ["tools"]}, []),
        ("vision, no tools", {"input_modalities": ["image"]}, []),
        ("a non-reasoning coder", {}, ["coder"]),
        ("no cost", {"free_only": True}, []),  # the phrase itself means free
    ],
)
def test_a_negated_word_sets_nothing(
    query: str, constraints: dict[str, Any], terms: list[str]
) -> None:
    parsed = parse_query(query)
    assert parsed.constraints == constraints
    assert parsed.terms == terms


def test_the_tighter_of_two_limits_wins() -> None:
    parsed = parse_query("under $3/M, or better under $1/M, 32k or 128k")
    assert parsed.constraints["max_prompt_price"] == Decimal(1)
    assert parsed.constraints["min_context_length"] == 128_000


def test_constraint_words_reach_the_results(over_emulator: Any) -> None:
    documents = over_emulator(k=2).invoke("free reasoning model with 128k")
    for doc in documents:
        assert doc.metadata["id"].endswith(":free")
        assert "reasoning" in doc.metadata["supported_parameters"]
        assert doc.metadata["context_length"] >= 128_000
        assert doc.metadata["retrieval"]["understood"] == [
            {"phrase": "free", "free_only": True},
            {"phrase": "reasoning", "supported_parameters": "reasoning"},
            {"phrase": "128k", "min_context_length": 128_000},
        ]


def test_query_words_add_to_the_fields(over_emulator: Any) -> None:
    retriever = over_emulator(k=50, supported_parameters=["structured_outputs"], max_prompt_price=5)
    documents = retriever.invoke("vision under $1/M")
    assert documents
    for doc in documents:
        assert "structured_outputs" in doc.metadata["supported_parameters"]
        assert "image" in doc.metadata["architecture"]["input_modalities"]
        assert Decimal(doc.metadata["pricing"]["prompt"]) * 1_000_000 <= 1


def test_an_explicit_sort_beats_a_query_word(over_emulator: Any) -> None:
    documents = over_emulator(k=3).invoke("cheapest", sort="context_length")
    assert documents[0].metadata["retrieval"]["sort"] == "context_length"
    assert documents[0].metadata["context_length"] == 2_000_000


def test_parsing_can_be_turned_off(over_emulator: Any) -> None:
    documents = over_emulator(k=3, parse_query=False).invoke("free")
    assert documents[0].metadata["retrieval"]["understood"] == []
    assert documents[0].metadata["retrieval"]["terms"] == ["free"]

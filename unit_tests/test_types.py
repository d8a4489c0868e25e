"""The public API objects parse every sample exactly, keep unknown fields and lose nothing."""

from __future__ import annotations

import doctest
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from langchain_openrouter import types
from langchain_openrouter.types import APIObject, Credits, ModelInfo
from unit_tests.samples import load_json


def assert_nothing_lost(raw: Any, parsed: Any, where: str = "") -> None:
    """Every key and value of the JSON ``raw`` is in ``parsed``, converted as documented."""
    if isinstance(parsed, BaseModel):
        assert isinstance(raw, dict), where
        for key, value in raw.items():
            assert key in type(parsed).model_fields or key in (parsed.model_extra or {}), (
                f"{where}.{key} lost"
            )
            assert_nothing_lost(value, getattr(parsed, key), f"{where}.{key}")
    elif isinstance(parsed, Decimal):
        assert isinstance(raw, str), where
        assert Decimal(raw) == parsed, where
    elif isinstance(parsed, datetime):
        assert parsed.tzinfo is not None
        assert parsed.utcoffset() == timezone.utc.utcoffset(None)
        if isinstance(raw, str):  # ISO-8601 text, "Z" or an offset
            assert parsed == datetime.fromisoformat(raw.replace("Z", "+00:00")), where
        else:
            assert parsed.timestamp() == raw, where
    elif isinstance(parsed, float) and type(raw) is int:  # JSON has one number type
        assert parsed == raw, where
    elif isinstance(parsed, date):
        assert parsed.isoformat() == raw, where
    elif isinstance(parsed, list):
        assert isinstance(raw, list), where
        assert len(raw) == len(parsed), where
        for i, (r, p) in enumerate(zip(raw, parsed, strict=True)):
            assert_nothing_lost(r, p, f"{where}[{i}]")
    else:
        assert parsed == raw, where
        assert type(parsed) is type(raw), where


def test_credits_sample() -> None:
    raw = load_json("credits.json")["data"]
    credits = Credits.model_validate(raw)
    assert (credits.total_credits, credits.total_usage) == (100.5, 25.75)
    assert credits.balance == 74.75
    assert_nothing_lost(raw, credits, "credits")


def test_model_get_sample_exact_values() -> None:
    raw = load_json("model_get.json")["data"]
    model = ModelInfo.model_validate(raw)
    assert model.id == "anthropic/claude-sonnet-4.5"
    assert model.canonical_slug == "anthropic/claude-4.5-sonnet-20250929"
    assert model.hugging_face_id == ""
    assert model.created == datetime(2025, 9, 29, 16, 1, 16, tzinfo=timezone.utc)
    assert model.context_length == 1_000_000
    assert model.architecture.input_modalities == ["text", "image", "file"]
    assert model.architecture.tokenizer == "Claude"
    assert model.architecture.instruct_type is None
    assert model.pricing.prompt == Decimal("0.000003")
    assert model.pricing.completion == Decimal("0.000015")
    assert model.pricing.input_cache_write_1h == Decimal("0.000006")
    assert model.pricing.request is None
    assert model.top_provider.max_completion_tokens == 64000
    assert model.top_provider.is_moderated is True
    assert model.per_request_limits is None
    assert "structured_outputs" in model.supported_parameters
    assert model.default_parameters == dict.fromkeys(
        [
            "temperature",
            "top_p",
            "top_k",
            "frequency_penalty",
            "presence_penalty",
            "repetition_penalty",
        ]
    )
    assert model.knowledge_cutoff == "2025-01-31"
    assert model.expiration_date is None
    assert model.reasoning is not None
    assert model.reasoning.supported_efforts == [
        "xhigh",
        "high",
        "medium",
        "low",
        "minimal",
        "none",
    ]
    assert (model.reasoning.mandatory, model.reasoning.supports_max_tokens) == (False, True)
    assert model.links == {
        "details": "/api/v1/models/anthropic/claude-4.5-sonnet-20250929/endpoints"
    }
    assert_nothing_lost(raw, model, "model")


def test_every_model_of_the_list_excerpt_parses_with_nothing_lost() -> None:
    raw = load_json("models_list_excerpt.json")["data"]
    models = [ModelInfo.model_validate(m) for m in raw]
    assert len(models) == 11
    for r, m in zip(raw, models, strict=True):
        assert_nothing_lost(r, m, r["id"])
    by_id = {m.id: m for m in models}
    assert by_id["openrouter/auto"].pricing.prompt == Decimal(-1)
    assert by_id["openrouter/auto"].top_provider.context_length is None
    assert by_id["qwen/qwen3-235b-a22b:free"].pricing.completion == Decimal(0)
    grok = by_id["x-ai/grok-4-fast"].pricing
    assert grok.overrides is not None
    assert grok.overrides[0].min_prompt_tokens == 128000
    assert grok.overrides[0].prompt == Decimal("0.0000004")
    gemini = by_id["google/gemini-2.5-flash"]
    assert gemini.pricing.internal_reasoning == Decimal("0.0000025")
    assert gemini.reasoning is not None
    assert gemini.reasoning.default_effort == "medium"
    nano = by_id["openai/gpt-4.1-nano"]
    assert nano.benchmarks is not None
    assert nano.benchmarks["artificial_analysis"]["coding_index"] == 11.1
    assert nano.default_parameters == {}


def test_unknown_fields_are_kept_at_every_level() -> None:
    raw = load_json("model_get.json")["data"]
    raw = {
        **raw,
        "brand_new": {"x": 1},
        "pricing": {**raw["pricing"], "video": "0.5"},
        "top_provider": {**raw["top_provider"], "region": "eu"},
    }
    model = ModelInfo.model_validate(raw)
    assert model.brand_new == {"x": 1}  # type: ignore[attr-defined]
    assert model.pricing.video == "0.5"  # type: ignore[attr-defined]
    assert model.top_provider.region == "eu"  # type: ignore[attr-defined]
    assert model.model_dump()["brand_new"] == {"x": 1}


def test_optional_fields_may_be_absent_and_required_ones_are_named() -> None:
    minimal = {
        "id": "a/b",
        "canonical_slug": "a/b",
        "name": "A: B",
        "created": 0,
        "context_length": None,
        "architecture": {},
        "pricing": {"prompt": "0", "completion": "0"},
        "top_provider": {},
        "per_request_limits": None,
        "supported_parameters": [],
        "default_parameters": None,
    }
    model = ModelInfo.model_validate(minimal)
    assert (model.reasoning, model.description, model.architecture.input_modalities) == (
        None,
        None,
        [],
    )
    with pytest.raises(ValidationError, match=r"pricing\.prompt"):
        ModelInfo.model_validate({**minimal, "pricing": {"completion": "0"}})


def test_every_api_object_shares_the_base() -> None:
    for name in types.__all__:
        assert issubclass(getattr(types, name), APIObject)


def test_doctests() -> None:
    assert doctest.testmod(types).failed == 0

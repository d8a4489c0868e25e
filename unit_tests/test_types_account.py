"""The key, generation and activity objects parse their samples exactly, with nothing lost."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from pydantic import SecretStr, ValidationError

from langchain_openrouter.types import (
    ActivityRow,
    APIKey,
    CoinbaseCharge,
    CreatedAPIKey,
    DeleteResult,
    Generation,
    KeyInfo,
)
from unit_tests.samples import load_json
from unit_tests.test_types import assert_nothing_lost

CREATED = datetime(2025, 2, 19, 20, 52, 27, 363244, tzinfo=timezone.utc)


def test_key_info_sample() -> None:
    raw = load_json("key.json")["data"]
    info = KeyInfo.model_validate(raw)
    assert (info.label, info.limit, info.limit_remaining, info.limit_reset) == (
        "sk-or-v1-0e6...1c96",
        100.0,
        74.5,
        "monthly",
    )
    assert (info.usage, info.usage_daily, info.usage_weekly, info.usage_monthly) == (25.5,) * 4
    assert (info.byok_usage, info.byok_usage_monthly) == (17.38, 17.38)
    assert (info.is_free_tier, info.is_management_key, info.is_provisioning_key) == (
        False,
        False,
        False,
    )
    assert info.include_byok_in_limit is False
    assert info.creator_user_id == "user_2FAKEFAKEFAKEFAKEFAKEFAKE00"
    assert info.expires_at is None
    assert info.rate_limit is not None
    assert (info.rate_limit.requests, info.rate_limit.interval) == (-1, "10s")
    assert_nothing_lost(raw, info, "key")


def test_key_info_of_an_older_answer_needs_only_label_usage_limit() -> None:
    info = KeyInfo.model_validate({"label": "sk-or-v1-a...b", "usage": 1, "limit": None})
    assert (info.usage, info.limit, info.usage_daily, info.rate_limit) == (1.0, None, None, None)
    with pytest.raises(ValidationError, match="label"):
        KeyInfo.model_validate({"usage": 1, "limit": None})


def test_keys_list_sample() -> None:
    raw = load_json("keys_list.json")["data"]
    keys = [APIKey.model_validate(k) for k in raw]
    for r, k in zip(raw, keys, strict=True):
        assert_nothing_lost(r, k, k.name)
    customer, prod, old = keys
    assert customer.hash == "f01d52606dc8f0a8303a7b5cc3fa07109c2e346cec7c0a16b40de462992ce943"
    assert (customer.name, customer.label, customer.limit, customer.limit_reset) == (
        "Customer Key",
        "sk-or-v1-abc...123",
        10.0,
        None,
    )
    assert customer.created_at == CREATED
    assert customer.updated_at == datetime(2025, 2, 19, 21, 24, 11, 708154, tzinfo=timezone.utc)
    assert customer.workspace_id == "0df9e665-d932-5740-b2c7-b52af166bc11"
    assert (prod.limit, prod.limit_remaining, prod.usage, prod.usage_weekly) == (
        None,
        None,
        41.27,
        41.27,
    )
    assert (old.disabled, old.limit_remaining, old.limit_reset) == (True, 0.0, "daily")
    assert old.expires_at == datetime(2026, 1, 1, tzinfo=timezone.utc)


def test_created_key_sample_keeps_the_secret_secret() -> None:
    raw = load_json("key_create.json")
    created = CreatedAPIKey.model_validate(raw)
    assert_nothing_lost(raw["data"], created, "key_create")
    assert isinstance(created.key, SecretStr)
    assert created.key.get_secret_value() == raw["key"]
    assert (created.name, created.limit, created.limit_remaining) == ("My New API Key", 50.0, 50.0)
    assert (created.limit_reset, created.include_byok_in_limit) == ("monthly", True)
    assert created.hash == "3b1f0e2d4c5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"
    assert created.created_at == CREATED
    assert created.updated_at is None
    for text in (repr(created), str(created), created.model_dump_json()):
        assert raw["key"] not in text


def test_deleted_key_sample() -> None:
    assert DeleteResult.model_validate(load_json("key_delete.json")).deleted is True


def test_generation_sample() -> None:
    raw = load_json("generation.json")["data"]
    gen = Generation.model_validate(raw)
    assert_nothing_lost(raw, gen, "generation")
    assert (gen.id, gen.request_id, gen.upstream_id) == (
        "gen-1762047030-dJUcJW4ildNGqK4UV6iJ",
        "req-1762047030-aBcDeFgHiJkLmNoPqRsT",
        "3sniiMddS-upstream",
    )
    assert (gen.model, gen.provider_name, gen.api_type) == (
        "mistralai/mistral-small",
        "Mistral",
        "completions",
    )
    assert gen.created_at == datetime(2025, 11, 2, 1, 30, 30, 433273, tzinfo=timezone.utc)
    assert (gen.latency, gen.generation_time, gen.moderation_latency) == (812, 640, None)
    assert (gen.tokens_prompt, gen.tokens_completion) == (134, 43)
    assert (gen.native_tokens_prompt, gen.native_tokens_completion) == (131, 41)
    assert (gen.native_tokens_reasoning, gen.native_tokens_cached) == (0, 0)
    assert (gen.usage, gen.total_cost, gen.upstream_inference_cost) == (2.42e-05, 2.42e-05, None)
    assert (gen.finish_reason, gen.native_finish_reason) == ("tool_calls", "tool_calls")
    assert (gen.streamed, gen.cancelled, gen.is_byok) == (False, False, False)
    assert (gen.origin, gen.user_agent, gen.data_region) == ("", "python-httpx/0.28.1", "global")
    assert gen.provider_responses is not None
    (attempt,) = gen.provider_responses
    assert (attempt.provider_name, attempt.status, attempt.latency, attempt.is_byok) == (
        "Mistral",
        200,
        640,
        False,
    )
    assert attempt.model_permaslug == "mistralai/mistral-small"


def test_activity_sample() -> None:
    raw = load_json("activity.json")["data"]
    rows = [ActivityRow.model_validate(r) for r in raw]
    for i, (r, row) in enumerate(zip(raw, rows, strict=True)):
        assert_nothing_lost(r, row, f"activity[{i}]")
    first, claude, older = rows
    assert (first.date, first.model, first.model_permaslug) == (
        date(2025, 8, 24),
        "openai/gpt-4.1",
        "openai/gpt-4.1-2025-04-14",
    )
    assert (first.usage, first.byok_usage_inference, first.requests) == (0.015, 0.012, 5)
    assert (first.prompt_tokens, first.completion_tokens, first.reasoning_tokens) == (50, 125, 25)
    assert (claude.provider_name, claude.usage, claude.requests) == ("Amazon Bedrock", 1.2031, 42)
    assert (older.date, older.prompt_tokens, older.completion_tokens) == (
        date(2025, 8, 23),
        120033,
        8123,
    )


def test_timestamps_are_utc_whatever_the_offset_sent() -> None:
    key = APIKey.model_validate(
        {
            "hash": "0" * 64,
            "name": "n",
            "label": "l",
            "disabled": False,
            "created_at": "2025-02-19T22:52:27+02:00",
            "updated_at": "2025-02-19T20:52:27",
        }
    )
    assert key.created_at == datetime(2025, 2, 19, 20, 52, 27, tzinfo=timezone.utc)
    assert key.created_at.utcoffset() == timedelta(0)
    assert key.updated_at == datetime(2025, 2, 19, 20, 52, 27, tzinfo=timezone.utc)


def test_coinbase_charge_keeps_the_historical_shape() -> None:
    raw = {
        "id": "charge-1",
        "created_at": "2025-01-01T00:00:00Z",
        "expires_at": "2025-01-01T01:00:00Z",
        "web3_data": {"transfer_intent": {"metadata": {"chain_id": 8453}, "call_data": {}}},
    }
    charge = CoinbaseCharge.model_validate(raw)
    assert_nothing_lost(raw, charge, "coinbase")
    assert charge.expires_at == datetime(2025, 1, 1, 1, tzinfo=timezone.utc)

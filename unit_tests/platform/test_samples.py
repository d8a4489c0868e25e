"""The catalog, provider, endpoint and guardrail samples parse exactly, with nothing lost.

Each sample goes through the declaration its function uses (``Endpoint.parse``), so the
envelope (``data``, ``total_count``) is checked too.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

import httpx
import pytest

from langchain_openrouter import (
    acreate_guardrail,
    assign_guardrail_keys,
    list_guardrails,
)
from langchain_openrouter.errors import PermissionDeniedError
from langchain_openrouter.platform import guardrail_assignments as assignments
from langchain_openrouter.platform import guardrails, models, providers
from unit_tests.samples import load_json
from unit_tests.test_types import assert_nothing_lost

AUGUST_24 = datetime(2025, 8, 24, 10, 30, tzinfo=timezone.utc)


def test_models_count() -> None:
    raw = load_json("models_count.json")
    count = models.COUNT_MODELS.parse(raw)
    assert count.count == 352
    assert_nothing_lost(raw["data"], count)


def test_providers_excerpt() -> None:
    raw = load_json("providers_excerpt.json")
    got = providers.PROVIDERS.parse(raw)
    assert [p.slug for p in got] == ["openai", "anthropic", "deepinfra", "mistral", "nebius"]
    nebius = got[4]
    assert (nebius.name, nebius.headquarters, nebius.datacenters) == (
        "Nebius",
        "NL",
        ["FI", "NL", "US"],
    )
    assert nebius.status_page_url is None
    assert got[0].privacy_policy_url == "https://openai.com/policies/privacy-policy/"
    for r, p in zip(raw["data"], got, strict=True):
        assert_nothing_lost(r, p, r["slug"])


def test_model_endpoints() -> None:
    raw = load_json("model_endpoints.json")
    model = providers.MODEL_ENDPOINTS.parse(raw)
    assert model.id == "anthropic/claude-sonnet-4.5"
    assert model.created == datetime(2025, 9, 29, 16, 1, 16, tzinfo=timezone.utc)
    assert model.architecture.modality == "text+image+file->text"
    assert [e.tag for e in model.endpoints] == [
        "anthropic",
        "amazon-bedrock",
        "google-vertex/global",
    ]
    google = model.endpoints[2]
    assert (google.provider_name, google.status, google.uptime_last_5m) == ("Google", -2, 88.5)
    assert google.model_id == "anthropic/claude-4.5-sonnet-20250929"
    assert google.context_length == 1_000_000
    assert google.max_prompt_tokens is None
    assert google.quantization is None
    assert google.pricing.input_cache_write_1h == Decimal("0.000006")
    assert google.pricing.web_search == Decimal("0.01")
    assert google.pricing.discount == 0
    assert google.latency_last_30m is not None
    assert google.latency_last_30m.p99 == 4100.0
    assert google.throughput_last_30m is not None
    assert google.throughput_last_30m.p75 == 40.2
    assert google.supports_implicit_caching is False
    assert_nothing_lost(raw["data"], model, "model_endpoints")


def test_zdr_endpoints_excerpt() -> None:
    raw = load_json("endpoints_zdr_excerpt.json")
    (nano,) = providers.ZDR_ENDPOINTS.parse(raw)
    assert nano.name == "OpenAI | openai/gpt-4.1-nano-2025-04-14"
    assert nano.pricing.input_cache_read == Decimal("0.000000025")
    assert (nano.latency_last_30m, nano.throughput_last_30m) == (None, None)
    assert (nano.uptime_last_30m, nano.uptime_last_1d) == (100.0, 99.97)
    assert nano.max_completion_tokens == 32768
    assert nano.supports_implicit_caching is True
    assert_nothing_lost(raw["data"][0], nano, "zdr")


def test_guardrails_list() -> None:
    raw = load_json("guardrails.json")
    page = guardrails.LIST_GUARDRAILS.parse(raw)
    assert page.total_count == 1
    (g,) = page.data
    assert (g.id, g.name) == ("550e8400-e29b-41d4-a716-446655440000", "Production Guardrail")
    assert (g.limit_usd, g.reset_interval, g.include_byok_in_budgets) == (100.0, "monthly", False)
    assert g.allowed_providers == ["openai", "anthropic", "google"]
    assert (g.ignored_providers, g.allowed_models, g.enforce_zdr) == (None, None, None)
    assert (g.enforce_zdr_openai, g.enforce_zdr_google) == (True, False)
    assert g.content_filter_builtins is not None
    injection = g.content_filter_builtins[1]
    assert (injection.slug, injection.action, injection.label, injection.scan_scope) == (
        "regex-prompt-injection",
        "block",
        "[PROMPT_INJECTION]",
        "all_messages",
    )
    assert g.workspace_id == "0df9e665-d932-5740-b2c7-b52af166bc11"
    assert g.created_at == AUGUST_24
    assert g.updated_at == datetime(2025, 8, 24, 15, 45, tzinfo=timezone.utc)
    assert_nothing_lost(raw, page, "guardrails")


def test_guardrail_create() -> None:
    raw = load_json("guardrail_create.json")
    g = guardrails.CREATE_GUARDRAIL.parse(raw)
    assert (g.name, g.limit_usd, g.updated_at) == ("My New Guardrail", 50.0, None)
    assert g.description == "A guardrail for limiting API usage"
    assert g.content_filter_builtins is not None
    assert g.content_filter_builtins[0].scan_scope is None
    assert_nothing_lost(raw["data"], g, "guardrail_create")


def test_guardrail_delete_and_counts() -> None:
    deleted = load_json("guardrail_delete.json")
    assert guardrails.DELETE_GUARDRAIL.parse(deleted).deleted is True
    assert (
        assignments.ASSIGN_KEYS.parse(load_json("guardrail_assign_keys.json")).assigned_count == 1
    )
    removed = assignments.UNASSIGN_MEMBERS.parse(load_json("guardrail_unassign_members.json"))
    assert removed.unassigned_count == 2


def test_guardrail_key_assignments() -> None:
    raw = load_json("guardrail_key_assignments.json")
    for endpoint in (assignments.KEY_ASSIGNMENTS, assignments.ALL_KEY_ASSIGNMENTS):
        page = endpoint.parse(raw)
        (a,) = page.data
        assert page.total_count == 1
        assert a.key_hash == "c56454edb818d6b14bc0d61c46025f1450b0f4012d12304ab40aacb519fcbc93"
        assert (a.key_name, a.key_label, a.assigned_by) == (
            "Production Key",
            "prod-key",
            "user_abc123",
        )
        assert a.guardrail_id == "550e8400-e29b-41d4-a716-446655440001"
        assert a.created_at == AUGUST_24
        assert_nothing_lost(raw, page, "key_assignments")


def test_guardrail_member_assignments() -> None:
    raw = load_json("guardrail_member_assignments.json")
    page = assignments.MEMBER_ASSIGNMENTS.parse(raw)
    (a,) = page.data
    assert (a.user_id, a.organization_id) == ("user_abc123", "org_xyz789")
    assert a.id == "550e8400-e29b-41d4-a716-446655440002"
    assert a.created_at == AUGUST_24
    assert_nothing_lost(raw, page, "member_assignments")


def _answering(name: str, status: int) -> dict[str, Any]:
    body = load_json(name)
    return {
        "transport": httpx.MockTransport(lambda request: httpx.Response(status, json=body)),
        "base_url": "http://openrouter.test/api/v1",
    }


def test_an_inference_key_on_a_guardrail_route_is_the_typed_403() -> None:
    kw = _answering("error_403_management_key_required.json", 403)
    with (
        httpx.Client(transport=kw["transport"]) as http,
        pytest.raises(PermissionDeniedError) as info,
    ):
        list_guardrails(api_key="sk-or-v1-x", base_url=kw["base_url"], client=http)
    assert info.value.status_code == 403
    assert info.value.message == "Only management keys can perform this operation"


def test_a_guardrail_block_carries_its_patterns() -> None:
    kw = _answering("error_403_guardrail.json", 403)

    async def run() -> None:
        async with httpx.AsyncClient(transport=kw["transport"]) as http:
            await acreate_guardrail("x", api_key="sk-or-v1-x", base_url=kw["base_url"], client=http)

    with pytest.raises(PermissionDeniedError) as info:
        asyncio.run(run())
    assert info.value.message == "Request blocked: prompt injection patterns detected"
    assert info.value.metadata == {"patterns": ["ignore all previous instructions"]}


def test_an_assignment_403_is_raised_not_parsed() -> None:
    kw = _answering("error_403_management_key_required.json", 403)
    with httpx.Client(transport=kw["transport"]) as http, pytest.raises(PermissionDeniedError):
        assign_guardrail_keys("g1", "a" * 64, api_key="k", base_url=kw["base_url"], client=http)

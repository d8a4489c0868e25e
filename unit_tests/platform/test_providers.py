"""Providers, per-model endpoints (one, some, all with a bound) and ZDR endpoints, in-process."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import httpx
import pytest

from langchain_openrouter import (
    alist_endpoints,
    alist_providers,
    alist_zdr_endpoints,
    list_endpoints,
    list_models,
    list_providers,
    list_zdr_endpoints,
)
from langchain_openrouter.errors import NotFoundError
from langchain_openrouter.testing import OpenRouterEmulator
from unit_tests.platform.concurrency import AsyncCountingTransport, CountingTransport


def test_list_providers(emu: OpenRouterEmulator, sync_kw: dict[str, Any]) -> None:
    providers = list_providers(**sync_kw)
    by_slug = {p.slug: p for p in providers}
    assert by_slug["mistral"].name == "Mistral"
    assert by_slug["mistral"].headquarters == "FR"
    assert by_slug["mistral"].datacenters == ["FR", "SE"]
    assert by_slug["deepinfra"].status_page_url is None
    request = emu.requests[-1]
    assert (request.path, "authorization" in request.headers) == ("/api/v1/providers", False)


def test_alist_providers_matches(sync_kw: dict[str, Any], async_kw: dict[str, Any]) -> None:
    assert asyncio.run(alist_providers(**async_kw)) == list_providers(**sync_kw)


def test_list_endpoints_for_one_model(emu: OpenRouterEmulator, sync_kw: dict[str, Any]) -> None:
    (sonnet,) = list_endpoints("anthropic/claude-sonnet-4.5", api_key=emu.api_key, **sync_kw)
    assert sonnet.id == "anthropic/claude-sonnet-4.5"
    assert sonnet.architecture.input_modalities == ["text", "image", "file"]
    assert sonnet.endpoints
    first = sonnet.endpoints[0]
    assert first.pricing.prompt == Decimal("0.000003")
    assert first.latency_last_30m is not None
    assert first.latency_last_30m.p50 is not None
    assert emu.requests[-1].path == "/api/v1/models/anthropic/claude-sonnet-4.5/endpoints"


def test_list_endpoints_without_a_key_has_no_latency(sync_kw: dict[str, Any]) -> None:
    (model,) = list_endpoints("openai/gpt-4o-mini", **sync_kw)
    assert all(e.latency_last_30m is None for e in model.endpoints)


def test_list_endpoints_keeps_the_order_asked(sync_kw: dict[str, Any]) -> None:
    asked = ["qwen/qwen3-235b-a22b:free", "openai/gpt-4o-mini", "mistralai/mistral-embed-2312"]
    got = list_endpoints(asked, max_concurrency=2, **sync_kw)
    assert [m.id for m in got] == asked


@pytest.mark.parametrize("bound", [1, 3])
def test_list_endpoints_for_every_model_stays_within_the_bound(
    emu: OpenRouterEmulator, bound: int
) -> None:
    counter = CountingTransport(emu.transport, bound)
    with httpx.Client(transport=counter, base_url=emu.base_url) as http:
        everything = list_endpoints(max_concurrency=bound, base_url=emu.base_url, client=http)
        catalog = list_models(output_modalities="all", base_url=emu.base_url, client=http)
    assert [m.id for m in everything] == [m.id for m in catalog]
    assert counter.seen == len(catalog) == 82
    assert counter.peak == bound
    assert not counter.starved


def test_alist_endpoints_for_every_model_stays_within_the_bound(emu: OpenRouterEmulator) -> None:
    counter = AsyncCountingTransport(emu.transport, 4)

    async def run() -> list[str]:
        async with httpx.AsyncClient(transport=counter, base_url=emu.base_url) as http:
            models = await alist_endpoints(max_concurrency=4, base_url=emu.base_url, client=http)
        return [m.id for m in models]

    ids = asyncio.run(run())
    assert len(ids) == counter.seen == 82
    assert ids[0] == "openai/gpt-4o-mini"
    assert counter.peak == 4
    assert not counter.starved


def test_an_unknown_model_fails_the_whole_listing(
    emu: OpenRouterEmulator, async_kw: dict[str, Any]
) -> None:
    with pytest.raises(NotFoundError, match="no/such"):
        asyncio.run(alist_endpoints(["openai/gpt-4o", "no/such"], **async_kw))


def test_bad_arguments_send_nothing(emu: OpenRouterEmulator, sync_kw: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="max_concurrency must be an int >= 1"):
        list_endpoints("openai/gpt-4o", max_concurrency=0, **sync_kw)
    with pytest.raises(ValueError, match="model: give a model id"):
        list_endpoints([], **sync_kw)
    with pytest.raises(ValueError, match="model_id must be 'author/slug'"):
        list_endpoints(["openai/gpt-4o", "gpt-4o"], **sync_kw)
    with pytest.raises(TypeError, match="model must be a model id, a list of ids or None, got int"):
        list_endpoints(5, **sync_kw)  # type: ignore[arg-type]
    assert emu.requests == []


def test_list_zdr_endpoints(emu: OpenRouterEmulator, sync_kw: dict[str, Any]) -> None:
    endpoints = list_zdr_endpoints(**sync_kw)
    tags = {e.tag for e in endpoints}
    assert "openai" in tags
    assert "anthropic" not in tags
    assert all(e.throughput_last_30m is None for e in endpoints)
    assert emu.requests[-1].path == "/api/v1/endpoints/zdr"


def test_alist_zdr_endpoints_with_a_key_has_latency(
    emu: OpenRouterEmulator, async_kw: dict[str, Any], sync_kw: dict[str, Any]
) -> None:
    endpoints = asyncio.run(alist_zdr_endpoints(api_key=emu.api_key, **async_kw))
    assert [e.name for e in endpoints] == [e.name for e in list_zdr_endpoints(**sync_kw)]
    assert all(e.latency_last_30m is not None for e in endpoints)

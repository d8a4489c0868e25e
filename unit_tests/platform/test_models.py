"""The catalog utilities and their async twins against the in-process emulator."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import pytest

from langchain_openrouter import (
    acount_models,
    aget_model,
    alist_embedding_models,
    alist_models,
    alist_user_models,
    assign_guardrail_keys,
    count_models,
    create_guardrail,
    get_model,
    list_embedding_models,
    list_models,
    list_user_models,
)
from langchain_openrouter.errors import MissingAPIKeyError, NotFoundError
from langchain_openrouter.testing import OpenRouterEmulator


def test_list_models_sends_the_filters_and_parses_every_model(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    everything = list_models(output_modalities="all", **sync_kw)
    text = list_models(**sync_kw)
    tools = list_models(supported_parameters=["tools", "reasoning"], **sync_kw)
    assert len(text) < len(everything)
    assert tools
    assert all({"tools", "reasoning"} <= set(m.supported_parameters) for m in tools)
    assert emu.requests[-1].query == {"supported_parameters": "tools,reasoning"}
    assert "authorization" not in emu.requests[-1].headers


def test_the_catalog_sends_a_key_when_one_is_set(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENROUTER_API_KEY", emu.api_key)
    models = list_models(**sync_kw)
    assert "openai/gpt-4o-mini" in {m.id for m in models}
    assert emu.requests[-1].headers["authorization"] == f"Bearer {emu.api_key}"


def test_alist_models_matches_list_models(
    sync_kw: dict[str, Any], async_kw: dict[str, Any], emu: OpenRouterEmulator
) -> None:
    sync = list_models(api_key=emu.api_key, input_modalities="image", **sync_kw)
    asynchronous = asyncio.run(
        alist_models(api_key=emu.api_key, input_modalities="image", **async_kw)
    )
    assert sync == asynchronous
    assert all("image" in m.architecture.input_modalities for m in sync)


def test_get_model(emu: OpenRouterEmulator, sync_kw: dict[str, Any]) -> None:
    model = get_model("openai/gpt-4o-mini", api_key=emu.api_key, **sync_kw)
    assert model.id == "openai/gpt-4o-mini"
    assert model.pricing.prompt == Decimal("0.00000015")
    assert emu.requests[-1].path == "/api/v1/model/openai/gpt-4o-mini"


def test_aget_model_and_the_fallback_to_the_list_on_404(
    emu: OpenRouterEmulator, async_kw: dict[str, Any]
) -> None:
    emu.fail_next(404, route="/model/anthropic/claude-sonnet-4.5")
    model = asyncio.run(aget_model("anthropic/claude-sonnet-4.5", api_key=emu.api_key, **async_kw))
    assert model.id == "anthropic/claude-sonnet-4.5"
    last = emu.requests[-1]
    assert (last.path, last.query) == ("/api/v1/models", {"output_modalities": "all"})


def test_an_unknown_model_is_not_found(emu: OpenRouterEmulator, sync_kw: dict[str, Any]) -> None:
    with pytest.raises(NotFoundError, match="no/such"):
        get_model("no/such", api_key=emu.api_key, **sync_kw)


def test_a_model_id_without_author_is_refused_before_sending(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    with pytest.raises(ValueError, match="model_id must be 'author/slug'"):
        get_model("gpt-4o-mini", api_key=emu.api_key, **sync_kw)
    assert emu.requests == []


def test_a_model_id_of_the_wrong_type_is_a_type_error_before_sending(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    with pytest.raises(TypeError, match="model_id must be a str such as 'openai/gpt-4o-mini'"):
        get_model(5, api_key=emu.api_key, **sync_kw)  # type: ignore[arg-type]
    assert emu.requests == []


def test_a_dot_segment_in_a_model_id_never_reaches_another_route(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    with pytest.raises(ValueError, match=r"author must not be '\.\.'"):
        get_model("../credits", api_key=emu.api_key, **sync_kw)
    assert emu.requests == []


def test_list_user_models_is_filtered_by_the_keys_guardrail(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    every = list_user_models(api_key=emu.api_key, **sync_kw)
    assert "openai/gpt-4o" in {m.id for m in every}
    assert emu.requests[-1].headers["authorization"] == f"Bearer {emu.api_key}"
    manage = {"api_key": emu.provisioning_key, **sync_kw}
    guardrail = create_guardrail("no 4o", rules={"blocked_models": ["openai/gpt-4o"]}, **manage)
    assign_guardrail_keys(guardrail.id, emu.api_key, **manage)
    allowed = list_user_models(api_key=emu.api_key, **sync_kw)
    assert {m.id for m in every} - {m.id for m in allowed} == {"openai/gpt-4o"}


def test_alist_user_models_needs_a_key(emu: OpenRouterEmulator, async_kw: dict[str, Any]) -> None:
    with pytest.raises(MissingAPIKeyError, match="OPENROUTER_API_KEY"):
        asyncio.run(alist_user_models(**async_kw))
    assert emu.requests == []
    models = asyncio.run(alist_user_models(api_key=emu.api_key, **async_kw))
    assert len(models) == 76


def test_list_embedding_models(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any], async_kw: dict[str, Any]
) -> None:
    models = list_embedding_models(**sync_kw)
    assert [m.id for m in models] == [
        "openai/text-embedding-3-small",
        "openai/text-embedding-3-large",
        "mistralai/mistral-embed-2312",
    ]
    assert all(m.architecture.output_modalities == ["embeddings"] for m in models)
    assert emu.requests[-1].path == "/api/v1/embeddings/models"
    assert asyncio.run(alist_embedding_models(**async_kw)) == models


def test_count_models_agrees_with_the_list(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any], async_kw: dict[str, Any]
) -> None:
    assert count_models(**sync_kw).count == len(list_models(**sync_kw)) == 76
    everything = asyncio.run(acount_models(output_modalities="all", **async_kw))
    assert everything.count == 82
    assert emu.requests[-1].query == {"output_modalities": "all"}

"""get_generation and get_activity, sync and async, against the in-process emulator."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from langchain_openrouter import (
    ChatOpenRouter,
    aget_activity,
    aget_generation,
    get_activity,
    get_generation,
)
from langchain_openrouter.errors import MissingAPIKeyError, NotFoundError
from langchain_openrouter.platform import generations
from langchain_openrouter.testing import OpenRouterEmulator


@pytest.fixture
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same declaration without the waits (their lengths are checked on their own)."""
    endpoint = generations.GET_GENERATION
    fast = dataclasses.replace(endpoint, retry_delays=(0.0,) * len(endpoint.retry_delays))
    monkeypatch.setattr(generations, "GET_GENERATION", fast)


def _complete(emu: OpenRouterEmulator, model: str = "openai/gpt-4o-mini") -> str:
    llm = ChatOpenRouter(
        model=model, api_key=emu.api_key, base_url=emu.base_url, http_client=emu.client()
    )
    gen_id = llm.invoke("Hello there").response_metadata["id"]
    assert isinstance(gen_id, str)
    return gen_id


def test_get_generation_of_a_chat_response(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    gen_id = _complete(emu)
    gen = get_generation(gen_id, api_key=emu.api_key, **sync_kw)
    served = emu.generations[gen_id]
    assert gen.id == gen_id
    assert (gen.model, gen.provider_name) == ("openai/gpt-4o-mini", served["provider_name"])
    assert gen.native_tokens_prompt == served["native_tokens_prompt"] > 0
    assert gen.native_tokens_completion == served["native_tokens_completion"] > 0
    assert gen.total_cost == served["total_cost"] > 0
    assert gen.latency == served["latency"]
    request = emu.requests[-1]
    assert (request.path, request.query) == ("/api/v1/generation", {"id": gen_id})


@pytest.mark.usefixtures("no_waiting")
def test_a_404_right_after_the_response_is_retried(
    emu: OpenRouterEmulator, async_kw: dict[str, Any]
) -> None:
    gen_id = _complete(emu)
    emu.fail_next(404, route="/generation", times=2)
    gen = asyncio.run(aget_generation(gen_id, api_key=emu.api_key, **async_kw))
    assert gen.id == gen_id
    assert [r.path for r in emu.requests].count("/api/v1/generation") == 3


@pytest.mark.usefixtures("no_waiting")
def test_an_unknown_generation_is_not_found_after_the_bounded_retries(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    with pytest.raises(NotFoundError, match="gen-nope") as info:
        get_generation("gen-nope", api_key=emu.api_key, **sync_kw)
    assert "model id" not in str(info.value)
    assert "response_metadata['id']" in str(info.value)
    assert [r.path for r in emu.requests].count("/api/v1/generation") == 4


def test_the_declared_retry_waits_are_short() -> None:
    endpoint = generations.GET_GENERATION
    assert endpoint.retry_statuses == frozenset({404})
    assert len(endpoint.retry_delays) == 3
    assert 0 < sum(endpoint.retry_delays) <= 2.0


def test_an_empty_generation_id_is_refused_before_sending(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    with pytest.raises(ValueError, match="generation_id must be a generation id"):
        get_generation("", api_key=emu.api_key, **sync_kw)
    assert emu.requests == []


def test_get_activity_aggregates_and_filters_client_side(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    ids = [_complete(emu), _complete(emu), _complete(emu, "anthropic/claude-sonnet-4.5")]
    kw = {"api_key": emu.provisioning_key, **sync_kw}
    today = datetime.now(timezone.utc).date()
    rows = get_activity(**kw)
    assert {(r.model, r.requests) for r in rows} == {
        ("openai/gpt-4o-mini", 2),
        ("anthropic/claude-sonnet-4.5", 1),
    }
    mini = next(r for r in rows if r.model == "openai/gpt-4o-mini")
    served = [emu.generations[i] for i in ids[:2]]
    assert mini.date == today
    assert mini.usage == pytest.approx(sum(g["total_cost"] for g in served))
    assert mini.prompt_tokens == sum(g["tokens_prompt"] for g in served)
    assert emu.requests[-1].query == {}

    only = get_activity(model="anthropic/claude-sonnet-4.5", **kw)
    assert [r.model for r in only] == ["anthropic/claude-sonnet-4.5"]
    assert get_activity(end_date=today - timedelta(days=1), **kw) == []
    assert get_activity(start_date=today, **kw) == rows
    assert emu.requests[-1].query == {}


def test_a_one_day_range_is_sent_as_the_live_date_filter(
    emu: OpenRouterEmulator, async_kw: dict[str, Any]
) -> None:
    _complete(emu)
    now = datetime.now(timezone.utc)
    rows = asyncio.run(
        aget_activity(
            start_date=now,
            end_date=now.date(),
            api_key_hash=emu.api_key,
            user_id="user_1",
            group_by="workspace",
            api_key=emu.provisioning_key,
            **async_kw,
        )
    )
    assert [r.requests for r in rows] == [1]
    assert rows[0].workspace_id
    assert emu.requests[-1].query == {
        "date": now.date().isoformat(),
        "api_key_hash": hashlib.sha256(emu.api_key.encode()).hexdigest(),
        "user_id": "user_1",
        "group_by": "workspace",
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start_date": datetime(2025, 1, 1)}, "start_date must be a date or a timezone-aware"),
        ({"start_date": date(2025, 1, 2), "end_date": date(2025, 1, 1)}, "is after end_date"),
        ({"api_key_hash": "abc"}, "api_key_hash must be a full OpenRouter key"),
    ],
)
def test_bad_activity_arguments_are_refused_before_sending(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any], kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        get_activity(api_key=emu.provisioning_key, **kwargs, **sync_kw)
    assert emu.requests == []


@pytest.mark.parametrize("model", [5, ["openai/gpt-4o", 5]])
def test_a_model_filter_of_the_wrong_type_is_refused_before_sending(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any], model: Any
) -> None:
    with pytest.raises(TypeError, match="model must be a model id, a list of ids or None"):
        get_activity(model=model, api_key=emu.provisioning_key, **sync_kw)
    assert emu.requests == []


def test_activity_needs_a_management_key_and_sends_nothing_without(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    with pytest.raises(MissingAPIKeyError, match="management key"):
        get_activity(**sync_kw)
    assert emu.requests == []

"""Keys, credits, generations and activity over real HTTP against the served emulator."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from langchain_openrouter import (
    ChatOpenRouter,
    acreate_api_key,
    acreate_coinbase_charge,
    adelete_api_key,
    aget_activity,
    aget_credits,
    aget_generation,
    aget_key_info,
    aiter_api_keys,
    alist_api_keys,
    aupdate_api_key,
    create_api_key,
    create_coinbase_charge,
    delete_api_key,
    get_activity,
    get_credits,
    get_generation,
    get_key_info,
    iter_api_keys,
    list_api_keys,
    update_api_key,
)
from langchain_openrouter.errors import APIStatusError, AuthenticationError, MissingAPIKeyError
from langchain_openrouter.testing import OpenRouterEmulator

WALLET = "0x" + "12" * 20


@pytest.fixture
def served() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator(credits=50.0)
    with emu.serve() as base_url:
        yield emu, base_url


@pytest.fixture
def emu(
    served: tuple[OpenRouterEmulator, str], monkeypatch: pytest.MonkeyPatch
) -> OpenRouterEmulator:
    """The served emulator, with the environment a user sets: both keys and the base URL."""
    emulator, base_url = served
    monkeypatch.delenv("OPENROUTER_API_BASE", raising=False)
    monkeypatch.setenv("OPENROUTER_BASE_URL", base_url)
    monkeypatch.setenv("OPENROUTER_API_KEY", emulator.api_key)
    monkeypatch.setenv("OPENROUTER_PROVISIONING_KEY", emulator.provisioning_key)
    return emulator


def _ask(api_key: str | None = None, model: str = "openai/gpt-4o-mini") -> str:
    """One completion; its generation id."""
    llm = ChatOpenRouter(model=model, api_key=api_key, max_retries=0)
    gen_id = llm.invoke("Hello there").response_metadata["id"]
    assert isinstance(gen_id, str)
    return gen_id


def test_key_lifecycle(emu: OpenRouterEmulator) -> None:
    expires = datetime.now(timezone.utc) + timedelta(days=1)
    created = create_api_key("ci runner", limit=2.5, limit_reset="daily", expires_at=expires)
    secret = created.key.get_secret_value()
    assert (created.name, created.limit, created.limit_reset) == ("ci runner", 2.5, "daily")
    assert created.expires_at is not None
    assert abs(created.expires_at - expires) < timedelta(milliseconds=1)

    _ask(api_key=secret)
    info = get_key_info(api_key=secret)
    assert (info.limit, info.usage > 0, info.is_management_key) == (2.5, True, False)
    assert info.limit_remaining == pytest.approx(2.5 - info.usage)

    found = [k for k in list_api_keys() if k.hash == created.hash]
    assert [k.name for k in found] == ["ci runner"]
    assert found[0].usage == pytest.approx(info.usage)

    renamed = update_api_key(secret, name="ci", limit=None)
    assert (renamed.name, renamed.limit, renamed.disabled) == ("ci", None, False)
    disabled = update_api_key(created.hash, disabled=True)
    assert disabled.disabled is True
    assert created.hash not in {k.hash for k in iter_api_keys()}
    assert created.hash in {k.hash for k in iter_api_keys(include_disabled=True)}
    with pytest.raises(AuthenticationError):
        _ask(api_key=secret)
    update_api_key(created.hash, disabled=False)
    _ask(api_key=secret)

    assert delete_api_key(created.hash).deleted is True
    assert created.hash not in {k.hash for k in iter_api_keys(include_disabled=True)}
    with pytest.raises(AuthenticationError):
        _ask(api_key=secret)


def test_key_lifecycle_async(emu: OpenRouterEmulator) -> None:
    async def lifecycle() -> str:
        async with httpx.AsyncClient() as http:
            created = await acreate_api_key("async", limit=1, client=http)
            info = await aget_key_info(api_key=created.key, client=http)
            assert (info.limit, info.usage) == (1.0, 0.0)
            assert created.hash in {k.hash for k in await alist_api_keys(client=http)}
            updated = await aupdate_api_key(created.hash, disabled=True, client=http)
            assert updated.disabled is True
            hashes = [k.hash async for k in aiter_api_keys(include_disabled=True, client=http)]
            assert created.hash in hashes
            assert (await adelete_api_key(created.key.get_secret_value(), client=http)).deleted
            assert not http.is_closed
            return created.key.get_secret_value()

    secret = asyncio.run(lifecycle())
    with pytest.raises(AuthenticationError):
        _ask(api_key=secret)


def test_many_keys_are_walked_page_by_page(emu: OpenRouterEmulator) -> None:
    for i in range(120):
        emu.create_key(f"bulk {i}")
    keys = list(iter_api_keys())
    assert len(keys) == len({k.hash for k in keys}) == 121
    assert len(list_api_keys(offset=100)) == 21


def test_credits_and_key_spend_go_up_after_a_completion(emu: OpenRouterEmulator) -> None:
    before = get_credits()
    key_before = get_key_info()
    gen_id = _ask()
    after = asyncio.run(aget_credits())
    spent = get_generation(gen_id).total_cost
    assert spent is not None
    assert spent > 0
    assert after.total_usage - before.total_usage == pytest.approx(spent)
    assert after.balance == pytest.approx(before.balance - spent)
    assert get_key_info().usage - key_before.usage == pytest.approx(spent)


def test_a_generation_found_by_the_chat_response_id(emu: OpenRouterEmulator) -> None:
    gen_id = _ask(model="anthropic/claude-sonnet-4.5")
    gen = get_generation(gen_id)
    again = asyncio.run(aget_generation(gen_id))
    assert gen == again
    served = emu.generations[gen_id]
    assert (gen.id, gen.provider_name) == (gen_id, served["provider_name"])
    assert gen.native_tokens_prompt == served["native_tokens_prompt"]
    assert gen.native_tokens_completion == served["native_tokens_completion"]
    assert gen.total_cost == served["total_cost"]
    assert gen.latency == served["latency"]
    assert gen.provider_responses is not None
    assert gen.provider_responses[0].status == 200


def test_activity_aggregates_the_completions(emu: OpenRouterEmulator) -> None:
    ids = [_ask(), _ask(), _ask(model="anthropic/claude-sonnet-4.5")]
    costs = {i: get_generation(i).total_cost or 0.0 for i in ids}
    today = datetime.now(timezone.utc)
    rows = get_activity(start_date=today - timedelta(days=6), end_date=today)
    assert {r.model: r.requests for r in rows} == {
        "openai/gpt-4o-mini": 2,
        "anthropic/claude-sonnet-4.5": 1,
    }
    assert sum(r.usage for r in rows) == pytest.approx(sum(costs.values()))
    mini = asyncio.run(aget_activity(model="openai/gpt-4o-mini", date=today))
    assert [(r.date, r.requests) for r in mini] == [(today.date(), 2)]
    assert mini[0].usage == pytest.approx(costs[ids[0]] + costs[ids[1]])
    other = emu.create_key("idle")
    assert get_activity(api_key_hash=other) == []


def test_coinbase_answers_410_with_openrouters_message(emu: OpenRouterEmulator) -> None:
    for attempt in (
        lambda: create_coinbase_charge(10, WALLET, 137),
        lambda: asyncio.run(acreate_coinbase_charge(10, WALLET, 137)),
    ):
        with pytest.raises(APIStatusError, match="Use the web credits purchase flow") as info:
            attempt()
        assert info.value.status_code == 410


def test_a_missing_management_key_sends_nothing(
    emu: OpenRouterEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENROUTER_API_KEY")
    monkeypatch.delenv("OPENROUTER_PROVISIONING_KEY")
    sent = len(emu.requests)
    for attempt in (
        lambda: create_api_key("k"),
        lambda: list_api_keys(),
        lambda: asyncio.run(aget_activity()),
        lambda: update_api_key("0" * 64, disabled=True),
    ):
        with pytest.raises(MissingAPIKeyError, match="management key"):
            attempt()
    assert len(emu.requests) == sent

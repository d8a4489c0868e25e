"""The guardrail lifecycle with assignments over real HTTP against the served emulator."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Iterator

import pytest

from langchain_openrouter import (
    ChatOpenRouter,
    aassign_guardrail_keys,
    aassign_guardrail_members,
    acreate_guardrail,
    adelete_guardrail,
    aget_guardrail,
    alist_guardrail_key_assignments,
    alist_guardrail_member_assignments,
    alist_guardrails,
    assign_guardrail_keys,
    assign_guardrail_members,
    aunassign_guardrail_keys,
    aunassign_guardrail_members,
    aupdate_guardrail,
    create_guardrail,
    delete_guardrail,
    get_guardrail,
    list_guardrail_key_assignments,
    list_guardrail_member_assignments,
    list_guardrails,
    list_user_models,
    unassign_guardrail_keys,
    unassign_guardrail_members,
    update_guardrail,
)
from langchain_openrouter.errors import NotFoundError, PermissionDeniedError
from langchain_openrouter.testing import OpenRouterEmulator


@pytest.fixture
def served() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator()
    with emu.serve() as base_url:
        yield emu, base_url


@pytest.fixture
def env(served: tuple[OpenRouterEmulator, str], monkeypatch: pytest.MonkeyPatch) -> None:
    emu, base_url = served
    monkeypatch.delenv("OPENROUTER_API_BASE", raising=False)
    monkeypatch.setenv("OPENROUTER_BASE_URL", base_url)
    monkeypatch.setenv("OPENROUTER_API_KEY", emu.api_key)
    monkeypatch.setenv("OPENROUTER_PROVISIONING_KEY", emu.provisioning_key)


@pytest.mark.usefixtures("env")
def test_lifecycle_sync(served: tuple[OpenRouterEmulator, str]) -> None:
    emu, _ = served
    intern = emu.create_key("intern")
    g = create_guardrail(
        "interns", rules={"max_daily_spend": 1, "blocked_models": ["openai/gpt-4o"]}
    )
    canonical = ["openai/gpt-4o-2024-05-13"]  # OpenRouter stores canonical slugs
    assert (g.limit_usd, g.reset_interval, g.ignored_models) == (1.0, "daily", canonical)
    assert [x.id for x in list_guardrails().data] == [g.id]
    g = update_guardrail(g.id, rules={"allowed_providers": ["openai"]})
    assert (g.allowed_providers, g.ignored_models) == (["openai"], canonical)
    assert get_guardrail(g.id) == g

    assert assign_guardrail_members(g.id, ["user_a", "user_b"]).assigned_count == 2
    assert assign_guardrail_keys(g.id, intern).assigned_count == 1
    keys = list_guardrail_key_assignments(g.id)
    assert [a.key_hash for a in keys.data] == [hashlib.sha256(intern.encode()).hexdigest()]
    assert list_guardrail_key_assignments() == keys
    members = list_guardrail_member_assignments(g.id)
    assert sorted(a.user_id for a in members.data) == ["user_a", "user_b"]
    assert list_guardrail_member_assignments().total_count == 2

    # The guardrail now governs the intern's key.
    assert "openai/gpt-4o" not in {m.id for m in list_user_models(api_key=intern)}
    with pytest.raises(PermissionDeniedError):
        ChatOpenRouter(model="openai/gpt-4o", api_key=intern, max_retries=0).invoke("hi")

    assert unassign_guardrail_members(g.id, "user_a").unassigned_count == 1
    assert unassign_guardrail_keys(g.id, [intern]).unassigned_count == 1
    assert list_guardrail_key_assignments(g.id).total_count == 0
    assert "openai/gpt-4o" in {m.id for m in list_user_models(api_key=intern)}
    assert delete_guardrail(g.id).deleted is True
    assert list_guardrails().total_count == 0
    with pytest.raises(NotFoundError):
        get_guardrail(g.id)


@pytest.mark.usefixtures("env")
def test_lifecycle_async(served: tuple[OpenRouterEmulator, str]) -> None:
    emu, _ = served
    intern = emu.create_key("intern")

    async def run() -> None:
        g = await acreate_guardrail("zdr", rules={"require_zdr": True})
        assert (g.enforce_zdr_openai, g.enforce_zdr_other) == (True, True)
        assert (await alist_guardrails(limit=1)).data == [g]
        g = await aupdate_guardrail(g.id, name="zdr-only", description="no retention")
        assert (await aget_guardrail(g.id)).description == "no retention"
        assert (await aassign_guardrail_members(g.id, "user_c")).assigned_count == 1
        digest = hashlib.sha256(intern.encode()).hexdigest()
        assert (await aassign_guardrail_keys(g.id, digest)).assigned_count == 1
        keys = await alist_guardrail_key_assignments(g.id)
        assert [a.key_name for a in keys.data] == ["intern"]
        assert (await alist_guardrail_key_assignments()).total_count == 1
        members = await alist_guardrail_member_assignments(g.id)
        assert [a.user_id for a in members.data] == ["user_c"]
        assert (await alist_guardrail_member_assignments()).total_count == 1
        assert (await aunassign_guardrail_keys(g.id, intern)).unassigned_count == 1
        assert (await aunassign_guardrail_members(g.id, ["user_c"])).unassigned_count == 1
        assert (await adelete_guardrail(g.id)).deleted is True
        assert (await alist_guardrails()).total_count == 0

    asyncio.run(run())

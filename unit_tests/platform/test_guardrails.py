"""Guardrails and their assignments against the in-process emulator; rules checked before
anything is sent."""

from __future__ import annotations

import asyncio
import doctest
import hashlib
import json
from typing import Any

import pytest
from pydantic import SecretStr

from langchain_openrouter import (
    aassign_guardrail_members,
    acreate_guardrail,
    adelete_guardrail,
    aget_guardrail,
    alist_guardrail_member_assignments,
    alist_guardrails,
    assign_guardrail_keys,
    aunassign_guardrail_members,
    aupdate_guardrail,
    create_guardrail,
    delete_guardrail,
    get_guardrail,
    list_guardrail_key_assignments,
    unassign_guardrail_keys,
    update_guardrail,
)
from langchain_openrouter.errors import MissingAPIKeyError, NotFoundError, PermissionDeniedError
from langchain_openrouter.platform import guardrail_assignments, guardrails
from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.types import GuardrailRules

ZDR = [f"enforce_zdr_{v}" for v in ("anthropic", "openai", "google", "xai", "other")]


@pytest.fixture
def manage(emu: OpenRouterEmulator, sync_kw: dict[str, Any]) -> dict[str, Any]:
    return {"api_key": emu.provisioning_key, **sync_kw}


@pytest.fixture
def amanage(emu: OpenRouterEmulator, async_kw: dict[str, Any]) -> dict[str, Any]:
    return {"api_key": emu.provisioning_key, **async_kw}


def sent(emu: OpenRouterEmulator) -> Any:
    return json.loads(emu.requests[-1].body)


def test_seed_rules_are_sent_as_the_live_flat_fields(
    emu: OpenRouterEmulator, manage: dict[str, Any]
) -> None:
    rules = {
        "max_weekly_spend": 20,
        "blocked_models": ["openai/gpt-4o"],
        "blocked_providers": ["deepseek"],
        "allowed_providers": ["openai", "anthropic"],
        "require_zdr": True,
    }
    g = create_guardrail("interns", description="for interns", rules=rules, **manage)
    request = emu.requests[-1]
    assert (request.method, request.path) == ("POST", "/api/v1/guardrails")
    assert sent(emu) == {
        "name": "interns",
        "description": "for interns",
        "limit_usd": 20.0,
        "reset_interval": "weekly",
        "ignored_models": ["openai/gpt-4o"],
        "ignored_providers": ["deepseek"],
        "allowed_providers": ["openai", "anthropic"],
        **dict.fromkeys(ZDR, True),
    }
    assert (g.limit_usd, g.reset_interval, g.ignored_providers) == (20.0, "weekly", ["deepseek"])
    assert g.ignored_models == ["openai/gpt-4o-2024-05-13"]  # stored as the canonical slug
    assert all(getattr(g, flag) is True for flag in ZDR)


def test_live_fields_and_a_rules_object_are_accepted(
    emu: OpenRouterEmulator, manage: dict[str, Any]
) -> None:
    rules = GuardrailRules(
        limit_usd=3.5,
        content_filter_builtins=[{"slug": "email", "action": "redact"}],  # type: ignore[list-item]
    )
    g = create_guardrail("pii", rules=rules, workspace_id="ws-1", **manage)
    assert sent(emu) == {
        "name": "pii",
        "limit_usd": 3.5,
        "content_filter_builtins": [{"slug": "email", "action": "redact"}],
        "workspace_id": "ws-1",
    }
    assert g.content_filter_builtins is not None
    assert g.content_filter_builtins[0].label == "[EMAIL]"
    assert g.reset_interval is None


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (
            {"max_dayly_spend": 5},
            r"rules\.max_dayly_spend: unknown rule \(did you mean max_daily_spend\?\); known ",
        ),
        ({"limit_usd": -1}, r"rules\.limit_usd: Input should be greater than or equal to 0"),
        ({"max_daily_spend": "5 USD"}, r"max_daily_spend must be a number of USD >= 0"),
        ({"reset_interval": "hourly"}, r"rules\.reset_interval: Input should be 'daily'"),
        (
            {"allowed_models": "openai/gpt-4o"},
            r"rules\.allowed_models: Input should be a valid list",
        ),
        ({"require_zdr": "yes"}, r"require_zdr must be true or false"),
        ({"max_daily_spend": 5, "limit_usd": 6}, r"max_daily_spend and limit_usd both set"),
        ({"max_daily_spend": 5, "max_weekly_spend": 5}, r"both set reset_interval"),
        (
            {"content_filter_builtins": [{"slug": "passport", "action": "block"}]},
            r"rules\.content_filter_builtins\.0\.slug: .*unknown built-in filter 'passport'",
        ),
        (
            {"content_filters": [{"pattern": "x", "action": "erase"}]},
            r"rules\.content_filters\.0\.action: Input should be 'redact', 'block' or 'flag'",
        ),
    ],
)
def test_invalid_rules_name_the_rule_and_send_nothing(
    emu: OpenRouterEmulator, manage: dict[str, Any], rules: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        create_guardrail("g", rules=rules, **manage)
    with pytest.raises(ValueError, match=message):
        update_guardrail("some-id", rules=rules, **manage)
    assert emu.requests == []


def test_invalid_names_and_empty_updates_send_nothing(
    emu: OpenRouterEmulator, manage: dict[str, Any], amanage: dict[str, Any]
) -> None:
    with pytest.raises(ValueError, match="name must be a string of 1 to 200"):
        create_guardrail("", **manage)
    with pytest.raises(ValueError, match="name must be a string of 1 to 200"):
        asyncio.run(acreate_guardrail("x" * 201, **amanage))
    with pytest.raises(ValueError, match="description must be a string of 0 to 1000"):
        create_guardrail("g", description="d" * 1001, **manage)
    with pytest.raises(ValueError, match="needs a name, a description or rules"):
        update_guardrail("some-id", **manage)
    with pytest.raises(TypeError, match="rules must be a GuardrailRules or a mapping"):
        create_guardrail("g", rules=[("limit_usd", 1)], **manage)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="guardrail_id must be a non-empty string"):
        get_guardrail("", **manage)
    with pytest.raises(ValueError, match="limit must be an int from 1 to 100"):
        asyncio.run(alist_guardrails(limit=500, **amanage))
    with pytest.raises(ValueError, match="offset must be an int >= 0"):
        list_guardrail_key_assignments(offset=-1, **manage)
    assert emu.requests == []


def test_guardrail_routes_need_a_management_key(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    with pytest.raises(MissingAPIKeyError, match="management key"):
        create_guardrail("g", **sync_kw)
    with pytest.raises(PermissionDeniedError, match="Only management keys"):
        create_guardrail("g", api_key=emu.api_key, **sync_kw)


def test_lifecycle_sync(emu: OpenRouterEmulator, manage: dict[str, Any]) -> None:
    g = create_guardrail("team", rules={"max_monthly_spend": 100}, **manage)
    assert get_guardrail(g.id, **manage) == g
    updated = update_guardrail(g.id, name="team-b", rules={"allowed_models": ["a/b"]}, **manage)
    assert sent(emu) == {"name": "team-b", "allowed_models": ["a/b"]}
    assert emu.requests[-1].method == "PATCH"
    assert (updated.name, updated.limit_usd, updated.allowed_models) == ("team-b", 100.0, ["a/b"])
    assert updated.updated_at is not None
    intern = emu.create_key("intern")
    stored_hash = hashlib.sha256(emu.api_key.encode()).hexdigest()
    result = assign_guardrail_keys(g.id, [SecretStr(intern), stored_hash], **manage)
    assert result.assigned_count == 2
    assert sent(emu) == {"key_hashes": [hashlib.sha256(intern.encode()).hexdigest(), stored_hash]}
    assert intern not in emu.requests[-1].body.decode()
    page = list_guardrail_key_assignments(g.id, **manage)
    assert page.total_count == 2
    assert {a.key_name for a in page.data} == {"intern", "Default key"}
    assert unassign_guardrail_keys(g.id, intern, **manage).unassigned_count == 1
    assert emu.requests[-1].path == f"/api/v1/guardrails/{g.id}/assignments/keys/remove"
    assert list_guardrail_key_assignments(**manage).total_count == 1
    assert delete_guardrail(g.id, **manage).deleted is True
    assert list_guardrail_key_assignments(**manage).total_count == 0
    with pytest.raises(NotFoundError) as info:
        get_guardrail(g.id, **manage)
    assert "model id" not in str(info.value)
    assert "list_guardrails()" in str(info.value)


def test_an_unknown_guardrail_says_so_on_the_assignment_routes(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    with pytest.raises(NotFoundError) as info:
        assign_guardrail_keys("no-such-id", "0" * 64, api_key=emu.provisioning_key, **sync_kw)
    assert info.value.hint == "no guardrail has that id: deleted already? see list_guardrails()"
    assert "model id" not in str(info.value)


def test_lifecycle_async(emu: OpenRouterEmulator, amanage: dict[str, Any]) -> None:
    async def run() -> None:
        g = await acreate_guardrail("ops", rules={"require_zdr": False}, **amanage)
        assert (await aget_guardrail(g.id, **amanage)).enforce_zdr_google is False
        assert (await aupdate_guardrail(g.id, description="", **amanage)).description == ""
        added = await aassign_guardrail_members(g.id, ["user_a", "user_b"], **amanage)
        assert added.assigned_count == 2
        assert sent(emu) == {"member_user_ids": ["user_a", "user_b"]}
        page = await alist_guardrail_member_assignments(g.id, limit=1, **amanage)
        assert (len(page.data), page.total_count) == (1, 2)
        assert emu.requests[-1].query == {"limit": "1"}
        removed = await aunassign_guardrail_members(g.id, "user_a", **amanage)
        assert removed.unassigned_count == 1
        everyone = await alist_guardrail_member_assignments(**amanage)
        assert [a.user_id for a in everyone.data] == ["user_b"]
        listed = await alist_guardrails(**amanage)
        assert [x.id for x in listed.data] == [g.id]
        assert (await adelete_guardrail(g.id, **amanage)).deleted

    asyncio.run(run())


def test_key_hashes_accept_keys_and_hashes_and_never_echo_a_bad_value() -> None:
    digest = "c56454edb818d6b14bc0d61c46025f1450b0f4012d12304ab40aacb519fcbc93"
    assert guardrail_assignments._key_hashes(digest) == [digest]
    key = "sk-or-v1-" + "0" * 64
    assert (
        guardrail_assignments._key_hashes([key, SecretStr(key)])
        == [hashlib.sha256(key.encode()).hexdigest()] * 2
    )
    with pytest.raises(ValueError, match=r"keys\[1\] must be a full OpenRouter key") as info:
        guardrail_assignments._key_hashes([digest, "secret-looking-value"])
    assert "secret-looking-value" not in str(info.value)
    with pytest.raises(ValueError, match="at least one"):
        guardrail_assignments._key_hashes([])
    with pytest.raises(ValueError, match=r"member_user_ids\[0\]"):
        guardrail_assignments._member_user_ids([""])


def test_doctests() -> None:
    assert doctest.testmod(guardrails).failed == 0
    assert doctest.testmod(guardrail_assignments).failed == 0

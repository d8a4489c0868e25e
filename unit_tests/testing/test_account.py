"""Keys, credits, generations and activity."""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pytest

from langchain_openrouter.testing import OpenRouterEmulator
from unit_tests.samples import load_json
from unit_tests.testing.conftest import Call
from unit_tests.testing.shapes import assert_same_shape

KEY = re.compile(r"sk-or-v1-[0-9a-f]{64}")


def test_ready_made_keys() -> None:
    emu = OpenRouterEmulator()
    assert KEY.fullmatch(emu.api_key)
    assert KEY.fullmatch(emu.provisioning_key)
    assert emu.api_key != emu.provisioning_key
    assert OpenRouterEmulator().api_key == emu.api_key  # seeded: reproducible
    assert OpenRouterEmulator(seed=1).api_key != emu.api_key
    assert emu.api_key not in repr(emu)
    assert emu.provisioning_key not in repr(emu)


def test_current_key_reports_kind_and_spend(call: Call, chat: Any) -> None:
    info = call("GET", "/key").json()
    assert_same_shape(
        info,
        load_json("key.json"),
        allow_null=("limit", "limit_remaining", "limit_reset", "expires_at"),
    )
    assert info["data"]["is_management_key"] is False
    cost = chat("Hello there", model="openai/gpt-4o")["usage"]["cost"]
    data = call("GET", "/key").json()["data"]
    assert data["usage"] == data["usage_daily"] == data["usage_monthly"] == pytest.approx(cost)
    management = call("GET", "/key", key="management").json()["data"]
    assert (management["is_management_key"], management["is_provisioning_key"]) == (True, True)


def test_management_routes_need_the_management_key(call: Call) -> None:
    for method, path in (
        ("GET", "/credits"),
        ("GET", "/activity"),
        ("GET", "/keys"),
        ("POST", "/keys"),
        ("GET", "/guardrails"),
        ("POST", "/guardrails"),
    ):
        response = call(method, path, {"name": "x"})
        assert response.status == 403, path
        assert response.json() == load_json("error_403_management_key_required.json")


def test_credits_reflect_spend(call: Call, chat: Any) -> None:
    assert call("GET", "/credits", key="management").json() == {
        "data": {"total_credits": 100.0, "total_usage": 0.0}
    }
    cost = chat("Hello there", model="anthropic/claude-sonnet-4.5")["usage"]["cost"]
    credits = call("GET", "/credits", key="management").json()
    assert_same_shape(credits, load_json("credits.json"))
    assert credits["data"]["total_usage"] == pytest.approx(cost)


def test_coinbase_is_gone(call: Call) -> None:
    response = call(
        "POST",
        "/credits/coinbase",
        {"amount": 10, "sender": "0x1", "chain_id": 1},
        key="management",
    )
    assert response.status == 410
    assert response.json() == load_json("error_410_coinbase.json")


def test_generation_returns_what_was_served(call: Call, chat: Any, emu: OpenRouterEmulator) -> None:
    body = chat("Hello there", model="openai/gpt-4o-mini", user="user-7", session_id="conv-1")
    response = call(
        "GET",
        f"/generation?id={body['id']}",
        headers={"http-referer": "https://app.example", "user-agent": "tests"},
    )
    data = response.json()["data"]
    assert_same_shape(
        response.json(),
        load_json("generation.json"),
        allow_null=("num_media_prompt", "num_media_completion"),
    )
    assert data["id"] == body["id"]
    assert data["model"] == "openai/gpt-4o-mini"
    assert (data["tokens_prompt"], data["tokens_completion"]) == (9, 2)
    assert data["total_cost"] == data["usage"] == body["usage"]["cost"]
    assert (data["external_user"], data["session_id"], data["streamed"]) == (
        "user-7",
        "conv-1",
        False,
    )
    assert data["provider_responses"][0]["status"] == 200
    assert emu.generations[body["id"]] == data


def test_generation_is_private_to_its_key(call: Call, chat: Any, emu: OpenRouterEmulator) -> None:
    gen_id = chat("x")["id"]
    other = emu.create_key("other")
    assert call("GET", f"/generation?id={gen_id}", key=other).status == 404
    assert call("GET", "/generation?id=gen-0-nope").status == 404
    assert call("GET", "/generation").status == 400


def test_activity_groups_by_day_and_model(call: Call, chat: Any, emu: OpenRouterEmulator) -> None:
    first = chat("one", model="openai/gpt-4o-mini")
    second = chat("two", model="openai/gpt-4o-mini")
    third = chat("three", model="anthropic/claude-haiku-4.5")
    rows = call("GET", "/activity", key="management").json()
    assert_same_shape(rows, load_json("activity.json"))
    by_model = {r["model"]: r for r in rows["data"]}
    mini = by_model["openai/gpt-4o-mini"]
    assert mini["requests"] == 2
    assert mini["usage"] == pytest.approx(first["usage"]["cost"] + second["usage"]["cost"])
    assert (
        mini["prompt_tokens"] == first["usage"]["prompt_tokens"] + second["usage"]["prompt_tokens"]
    )
    assert mini["model_permaslug"] == "openai/gpt-4o-mini-2024-07-18"
    # The catalog id, as in the sample, though the completion named the dated slug.
    haiku = by_model["anthropic/claude-haiku-4.5"]
    assert (haiku["requests"], haiku["model_permaslug"]) == (
        1,
        "anthropic/claude-4.5-haiku-20251001",
    )
    del third
    other = emu.create_key("quiet")
    only = call(
        "GET",
        f"/activity?api_key_hash={hashlib.sha256(other.encode()).hexdigest()}",
        key="management",
    ).json()
    assert only == {"data": []}
    day = mini["date"]
    assert len(call("GET", f"/activity?date={day}", key="management").json()["data"]) == 2
    assert call("GET", "/activity?date=2020-01-01", key="management").json() == {"data": []}
    assert call("GET", "/activity?date=yesterday", key="management").status == 400


def test_keys_crud_addressed_by_hash(call: Call) -> None:
    created = call(
        "POST",
        "/keys",
        {
            "name": "My New API Key",
            "limit": 50,
            "limit_reset": "monthly",
            "include_byok_in_limit": True,
        },
        key="management",
    )
    assert created.status == 201
    body = created.json()
    assert_same_shape(body, load_json("key_create.json"))
    secret = body["key"]
    assert KEY.fullmatch(secret)
    digest = hashlib.sha256(secret.encode()).hexdigest()
    assert body["data"]["hash"] == digest
    assert body["data"]["label"] == f"{secret[:12]}...{secret[-3:]}"
    assert (
        call("GET", f"/keys/{digest}", key="management").json()["data"]["name"] == "My New API Key"
    )
    assert call("GET", f"/keys/{secret}", key="management").json()["data"]["hash"] == digest
    patched = call(
        "PATCH", f"/keys/{digest}", {"disabled": True, "name": "renamed"}, key="management"
    ).json()["data"]
    assert (patched["disabled"], patched["name"]) == (True, "renamed")
    assert patched["updated_at"] is not None
    assert (
        call(
            "POST",
            "/chat/completions",
            {"messages": [{"role": "user", "content": "x"}]},
            key=secret,
        ).status
        == 401
    )
    listed = call("GET", "/keys", key="management").json()
    assert digest not in [k["hash"] for k in listed["data"]]
    listed = call("GET", "/keys?include_disabled=true", key="management").json()
    assert_same_shape(
        listed,
        load_json("keys_list.json"),
        allow_null=("limit", "limit_remaining", "limit_reset", "updated_at"),
    )
    assert digest in [k["hash"] for k in listed["data"]]
    deleted = call("DELETE", f"/keys/{digest}", key="management")
    assert deleted.json() == load_json("key_delete.json")
    assert call("GET", f"/keys/{digest}", key="management").status == 404


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"name": ""},
        {"name": "x", "limit": -1},
        {"name": "x", "limit_reset": "hourly"},
        {"name": "x", "expires_at": "2030-01-01T00:00:00+02:00"},
        {"name": "x", "expires_at": 5},
    ],
)
def test_key_creation_is_validated(call: Call, body: dict[str, Any]) -> None:
    assert call("POST", "/keys", body, key="management").status == 400


def test_key_limit_resets_and_remaining(call: Call, emu: OpenRouterEmulator) -> None:
    created = call(
        "POST",
        "/keys",
        {
            "name": "capped",
            "limit": 1,
            "limit_reset": "daily",
            "expires_at": "2099-01-01T00:00:00Z",
        },
        key="management",
    ).json()
    secret = created["key"]
    call(
        "POST",
        "/chat/completions",
        {"model": "openai/gpt-4o", "messages": [{"role": "user", "content": "Hello there"}]},
        key=secret,
    )
    info = call("GET", "/key", key=secret).json()["data"]
    assert info["limit_remaining"] == pytest.approx(1 - info["usage_daily"])
    assert info["expires_at"] == "2099-01-01T00:00:00Z"

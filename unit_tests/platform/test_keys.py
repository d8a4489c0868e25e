"""get_key_info and the /keys management functions against the in-process emulator."""

from __future__ import annotations

import asyncio
import hashlib
import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from langchain_openrouter import (
    acreate_api_key,
    adelete_api_key,
    aget_key_info,
    aiter_api_keys,
    alist_api_keys,
    aupdate_api_key,
    create_api_key,
    delete_api_key,
    get_key_info,
    iter_api_keys,
    list_api_keys,
    update_api_key,
)
from langchain_openrouter.errors import MissingAPIKeyError, NotFoundError, PermissionDeniedError
from langchain_openrouter.testing import OpenRouterEmulator


def _body(emu: OpenRouterEmulator) -> Any:
    return json.loads(emu.requests[-1].body)


def test_get_key_info_describes_the_calling_key(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    info = get_key_info(api_key=emu.api_key, **sync_kw)
    assert info.label == f"{emu.api_key[:12]}...{emu.api_key[-3:]}"
    assert (info.usage, info.limit, info.is_management_key, info.is_free_tier) == (
        0.0,
        None,
        False,
        False,
    )
    request = emu.requests[-1]
    assert (request.method, request.path) == ("GET", "/api/v1/key")
    assert request.headers["authorization"] == f"Bearer {emu.api_key}"


def test_aget_key_info_of_a_management_key(
    emu: OpenRouterEmulator, async_kw: dict[str, Any]
) -> None:
    info = asyncio.run(aget_key_info(api_key=emu.provisioning_key, **async_kw))
    assert info.is_management_key is True


def test_create_api_key_sends_the_documented_body(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    expires = datetime(2031, 6, 1, 14, 0, tzinfo=timezone(timedelta(hours=2)))
    created = create_api_key(
        "ci",
        limit=5,
        limit_reset="weekly",
        include_byok_in_limit=True,
        expires_at=expires,
        api_key=emu.provisioning_key,
        **sync_kw,
    )
    request = emu.requests[-1]
    assert (request.method, request.path) == ("POST", "/api/v1/keys")
    assert _body(emu) == {
        "name": "ci",
        "limit": 5,
        "limit_reset": "weekly",
        "include_byok_in_limit": True,
        "expires_at": "2031-06-01T12:00:00Z",
    }
    secret = created.key.get_secret_value()
    assert secret.startswith("sk-or-v1-")
    assert created.hash == hashlib.sha256(secret.encode()).hexdigest()
    assert (created.name, created.limit, created.limit_reset) == ("ci", 5.0, "weekly")
    assert created.expires_at == datetime(2031, 6, 1, 12, 0, tzinfo=timezone.utc)
    assert secret not in repr(created)


def test_the_key_lifecycle_async(emu: OpenRouterEmulator, async_kw: dict[str, Any]) -> None:
    kw = {"api_key": emu.provisioning_key, **async_kw}

    async def lifecycle() -> tuple[Any, ...]:
        created = await acreate_api_key("batch", limit=1.0, **kw)
        listed = await alist_api_keys(**kw)
        updated = await aupdate_api_key(created.key.get_secret_value(), disabled=True, **kw)
        hidden = await alist_api_keys(**kw)
        shown = [k.hash async for k in aiter_api_keys(include_disabled=True, **kw)]
        deleted = await adelete_api_key(created.hash, **kw)
        return created, listed, updated, hidden, shown, deleted

    created, listed, updated, hidden, shown, deleted = asyncio.run(lifecycle())
    assert created.hash in {k.hash for k in listed}
    assert (updated.hash, updated.disabled) == (created.hash, True)
    assert created.hash not in {k.hash for k in hidden}
    assert created.hash in shown
    assert deleted.deleted is True
    assert emu.requests[-1].path == f"/api/v1/keys/{created.hash}"


def test_update_sends_only_what_is_given_and_none_clears_the_limit(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    kw = {"api_key": emu.provisioning_key, **sync_kw}
    created = create_api_key("old", limit=3, limit_reset="daily", **kw)
    update_api_key(created.hash, name="new", **kw)
    assert _body(emu) == {"name": "new"}
    key = update_api_key(created.hash, limit=None, limit_reset=None, **kw)
    assert _body(emu) == {"limit": None, "limit_reset": None}
    assert (key.name, key.limit, key.limit_reset) == ("new", None, None)
    with pytest.raises(ValueError, match="at least one of name, disabled"):
        update_api_key(created.hash, **kw)


def test_a_full_key_is_hashed_locally_and_never_sent(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    secret = emu.create_key("victim")
    delete_api_key(secret, api_key=emu.provisioning_key, **sync_kw)
    request = emu.requests[-1]
    assert request.path == f"/api/v1/keys/{hashlib.sha256(secret.encode()).hexdigest()}"
    assert secret not in request.path + request.body.decode()


def test_the_created_secret_str_deletes_its_key(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any], async_kw: dict[str, Any]
) -> None:
    kw = {"api_key": emu.provisioning_key}
    created = create_api_key("by secret", **kw, **sync_kw)
    assert update_api_key(created.key, disabled=True, **kw, **sync_kw).disabled is True
    assert delete_api_key(created.key, **kw, **sync_kw).deleted is True
    created = create_api_key("by secret, async", **kw, **sync_kw)
    assert asyncio.run(adelete_api_key(created.key, **kw, **async_kw)).deleted is True
    assert [r.path.rsplit("/", 1)[-1] for r in emu.requests if r.method == "DELETE"][-1] == (
        created.hash
    )


def test_a_key_of_the_wrong_type_is_a_type_error_before_sending(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    with pytest.raises(TypeError, match="key must be a str or a SecretStr"):
        delete_api_key(12345, api_key=emu.provisioning_key, **sync_kw)  # type: ignore[arg-type]
    assert emu.requests == []


@pytest.mark.parametrize("flag", ["disabled", "include_byok_in_limit"])
def test_a_string_flag_is_refused_rather_than_read_as_true(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any], flag: str
) -> None:
    # bool("false") is True: the key would be disabled by disabled="false".
    with pytest.raises(TypeError, match=f"{flag} must be True or False, got 'false'"):
        update_api_key(emu.api_key, **{flag: "false"}, api_key=emu.provisioning_key, **sync_kw)
    with pytest.raises(TypeError, match="include_byok_in_limit must be True or False"):
        create_api_key("k", include_byok_in_limit=1, api_key=emu.provisioning_key, **sync_kw)  # type: ignore[arg-type]
    assert emu.requests == []


def test_a_bad_key_reference_is_refused_before_sending(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    with pytest.raises(ValueError, match="key must be a full OpenRouter key") as info:
        delete_api_key("not-a-key-0123456789", api_key=emu.provisioning_key, **sync_kw)
    assert "0123456789" not in str(info.value)
    assert emu.requests == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": ""}, "name must be a non-empty string"),
        ({"name": "k", "limit": -1}, "limit must be >= 0 USD"),
        ({"name": "k", "limit": float("nan")}, "limit must be a finite number of USD"),
        ({"name": "k", "limit": float("inf")}, "limit must be a finite number of USD"),
        ({"name": "k", "limit_reset": "yearly"}, "limit_reset must be 'daily'"),
        ({"name": "k", "expires_at": datetime(2030, 1, 1)}, "expires_at must be timezone-aware"),
    ],
)
def test_bad_create_arguments_are_refused_before_sending(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any], kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        create_api_key(api_key=emu.provisioning_key, **kwargs, **sync_kw)
    assert emu.requests == []


def test_list_pages_by_offset_and_the_iterator_walks_every_page(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    for i in range(149):
        emu.create_key(f"k{i:03}")
    kw = {"api_key": emu.provisioning_key, **sync_kw}
    first, second = list_api_keys(**kw), list_api_keys(offset=100, **kw)
    assert (len(first), len(second)) == (100, 50)
    assert emu.requests[-1].query == {"include_disabled": "false", "offset": "100"}
    sent_before = len(emu.requests)
    names = [key.name for key in iter_api_keys(**kw)]
    assert names == [k.name for k in first + second]
    offsets = [r.query["offset"] for r in emu.requests[sent_before:]]
    assert offsets == ["0", "100"]
    with pytest.raises(ValueError, match="offset must be an int >= 0"):
        list_api_keys(offset=-1, **kw)


def test_the_iterator_stops_at_an_empty_page_when_pages_are_full(
    emu: OpenRouterEmulator, async_kw: dict[str, Any]
) -> None:
    for i in range(99):
        emu.create_key(f"k{i}")
    kw = {"api_key": emu.provisioning_key, **async_kw}

    async def collect() -> list[str]:
        return [key.hash async for key in aiter_api_keys(**kw)]

    hashes = asyncio.run(collect())
    assert len(set(hashes)) == len(hashes) == 100
    assert [r.query["offset"] for r in emu.requests] == ["0", "100"]


def test_management_routes_read_the_provisioning_key_first(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENROUTER_API_KEY", emu.api_key)
    monkeypatch.setenv("OPENROUTER_PROVISIONING_KEY", emu.provisioning_key)
    assert [k.name for k in list_api_keys(**sync_kw)] == ["Default key"]
    assert emu.requests[-1].headers["authorization"] == f"Bearer {emu.provisioning_key}"
    assert get_key_info(**sync_kw).is_management_key is False


def test_a_missing_management_key_sends_nothing(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    with pytest.raises(MissingAPIKeyError, match="OPENROUTER_PROVISIONING_KEY or OPENROUTER_API"):
        create_api_key("k", **sync_kw)
    with pytest.raises(MissingAPIKeyError, match="management key"):
        next(iter_api_keys(**sync_kw))
    assert emu.requests == []


def test_typed_errors(emu: OpenRouterEmulator, sync_kw: dict[str, Any]) -> None:
    with pytest.raises(PermissionDeniedError, match="Only management keys"):
        list_api_keys(api_key=emu.api_key, **sync_kw)
    with pytest.raises(NotFoundError) as info:
        update_api_key("0" * 64, disabled=True, api_key=emu.provisioning_key, **sync_kw)
    assert "model id" not in str(info.value)
    assert "list_api_keys()" in str(info.value)

"""The PKCE functions: pairs, the authorization URL, code creation and the exchange.

Against the in-process emulator (the browser step is ``emu.authorize``; the consent page and
``login()`` run end to end in integration_tests/test_login.py).
"""

from __future__ import annotations

import asyncio
import base64
import doctest
import hashlib
import string
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from pydantic import SecretStr

from langchain_openrouter import (
    acreate_auth_code,
    aexchange_code_for_api_key,
    build_authorization_url,
    create_auth_code,
    create_pkce_pair,
    exchange_code_for_api_key,
    get_credits,
)
from langchain_openrouter.errors import (
    BadRequestError,
    MissingAPIKeyError,
    PermissionDeniedError,
)
from langchain_openrouter.platform import auth
from langchain_openrouter.platform.auth import AUTH_CODE, EXCHANGE
from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.types import AuthCode, AuthKey, PKCEPair
from unit_tests.samples import load_json

ALPHABET = set(string.ascii_letters + string.digits + "-._~")
CALLBACK = "http://localhost:51423/callback"
# 43 base64url characters: the shape of an S256 challenge, and a valid plain one.
CHALLENGE = "c" * 43


def sha256_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


# pairs ---------------------------------------------------------------------------------------


def test_s256_pair() -> None:
    pair = create_pkce_pair()
    verifier = pair.verifier.get_secret_value()
    assert pair.method == "S256"
    assert len(verifier) == 64
    assert set(verifier) <= ALPHABET
    assert pair.challenge == sha256_challenge(verifier)
    assert "=" not in pair.challenge
    assert verifier not in repr(pair)
    assert verifier not in pair.model_dump_json()


def test_plain_pair_and_lengths() -> None:
    pair = create_pkce_pair("plain", length=128)
    assert pair.challenge == pair.verifier.get_secret_value()
    assert len(pair.challenge) == 128
    assert len(create_pkce_pair(length=43).verifier.get_secret_value()) == 43


def test_pairs_are_random() -> None:
    verifiers = {create_pkce_pair().verifier.get_secret_value() for _ in range(20)}
    assert len(verifiers) == 20


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"method": "S512"}, "method must be 'S256'"),
        ({"length": 42}, "length must be an int from 43 to 128"),
        ({"length": 129}, "length must be an int from 43 to 128"),
    ],
)
def test_bad_pair_arguments(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        create_pkce_pair(**kwargs)


def test_a_pair_is_frozen() -> None:
    pair = create_pkce_pair()
    with pytest.raises(ValueError, match="frozen"):
        pair.method = "plain"  # type: ignore[misc]


# the authorization URL -------------------------------------------------------------------------


def test_url_on_the_public_site() -> None:
    pair = PKCEPair(verifier=SecretStr("v" * 43), challenge=CHALLENGE, method="S256")
    url = build_authorization_url(
        CALLBACK,
        pair.challenge,
        pair.method,
        limit=2.5,
        expires_at=datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=2))),
        key_label="My app",
        base_url="https://openrouter.ai/api/v1",
    )
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "openrouter.ai", "/auth")
    assert parse_qs(parts.query) == {
        "callback_url": [CALLBACK],
        "code_challenge": [CHALLENGE],
        "code_challenge_method": ["S256"],
        "limit": ["2.5"],
        "expires_at": ["2030-01-02T01:04:05Z"],
        "key_label": ["My app"],
    }


def test_url_site_root_follows_the_base_url(
    emu: OpenRouterEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert build_authorization_url(CALLBACK, CHALLENGE, base_url=emu.base_url).startswith(
        "http://openrouter.test/auth?"
    )
    monkeypatch.setenv("OPENROUTER_BASE_URL", "http://127.0.0.1:8123/api/v1/")
    assert build_authorization_url(CALLBACK, CHALLENGE).startswith("http://127.0.0.1:8123/auth?")
    monkeypatch.setenv("OPENROUTER_API_BASE", "https://proxy.example/openrouter")
    assert build_authorization_url(CALLBACK, CHALLENGE).startswith("https://proxy.example/auth?")
    monkeypatch.delenv("OPENROUTER_API_BASE")
    monkeypatch.delenv("OPENROUTER_BASE_URL")
    assert build_authorization_url(CALLBACK, CHALLENGE).startswith("https://openrouter.ai/auth?")


@pytest.mark.parametrize(
    "url",
    [
        "https://myapp.example/cb",
        "https://myapp.example:8443/cb?x=1",
        "http://localhost/cb",
        "http://localhost:3000/callback",
        "http://127.0.0.1:51423/cb",
    ],
)
def test_accepted_callbacks(url: str) -> None:
    query = parse_qs(urlsplit(build_authorization_url(url, CHALLENGE)).query)
    assert query["callback_url"] == [url]


@pytest.mark.parametrize(
    "url",
    [
        "http://myapp.example/cb",
        "http://localhost.evil.example/cb",
        "http://192.168.1.2:3000/cb",
        "ftp://localhost/cb",
        "/callback",
        "",
    ],
)
def test_refused_callbacks(url: str) -> None:
    with pytest.raises(ValueError, match="callback_url must be"):
        build_authorization_url(url, CHALLENGE)


def test_headless_url_needs_a_challenge() -> None:
    query = parse_qs(urlsplit(build_authorization_url(None, CHALLENGE, "plain")).query)
    assert query == {"code_challenge": [CHALLENGE], "code_challenge_method": ["plain"]}
    with pytest.raises(ValueError, match="needs code_challenge"):
        build_authorization_url(None, None)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"method": "s256"}, "method must be 'S256'"),
        ({"limit": 0}, "limit must be a positive number"),
        ({"expires_at": datetime(2030, 1, 1)}, "expires_at must be timezone-aware"),
    ],
)
def test_bad_url_arguments(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build_authorization_url(CALLBACK, CHALLENGE, **kwargs)


def test_a_flag_is_not_a_limit() -> None:
    with pytest.raises(TypeError, match="limit must be a positive number"):
        build_authorization_url(CALLBACK, CHALLENGE, limit=True)


def test_the_verifier_passed_as_the_challenge_is_refused_without_echoing_it() -> None:
    pair = create_pkce_pair()
    with pytest.raises(TypeError, match=r"code_challenge must be a str \(PKCEPair.challenge\)"):
        build_authorization_url(CALLBACK, pair.verifier)  # type: ignore[arg-type]
    secret = pair.verifier.get_secret_value()
    with pytest.raises(ValueError, match="an S256 code_challenge is 43 base64url") as info:
        build_authorization_url(CALLBACK, secret, "S256")
    assert secret not in str(info.value)


@pytest.mark.parametrize(
    ("challenge", "method"),
    [("abc", "S256"), ("c" * 44, "S256"), ("c" * 42 + "=", "S256"), ("c" * 42, "plain")],
)
def test_a_challenge_no_verifier_can_match_is_refused(challenge: str, method: Any) -> None:
    with pytest.raises(ValueError, match="code_challenge"):
        build_authorization_url(CALLBACK, challenge, method)


def test_create_auth_code_refuses_a_bad_challenge_before_sending(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    with pytest.raises(ValueError, match="an S256 code_challenge is 43 base64url"):
        create_auth_code(CALLBACK, code_challenge="abc", api_key=emu.api_key, **sync_kw)
    assert emu.requests == []


# code creation and the exchange ----------------------------------------------------------------


def test_samples_parse_with_nothing_lost() -> None:
    code = AUTH_CODE.parse(load_json("auth_code.json"))
    assert (code.id, code.app_id) == ("auth_code_xyz789", 12345)
    assert code.created_at == datetime(2025, 8, 24, 10, 30, tzinfo=timezone.utc)
    body = load_json("auth_exchange.json")
    new = EXCHANGE.parse(body)
    assert new.key.get_secret_value() == body["key"]
    assert new.user_id == body["user_id"]
    assert body["key"] not in repr(new)
    assert body["key"] not in new.model_dump_json()
    assert AuthKey.model_validate({**body, "later": 1}).later == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("method", ["S256", "plain"])
def test_code_then_exchange_gives_a_working_key(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any], method: Any
) -> None:
    pair = create_pkce_pair(method)
    expires = datetime.now(timezone.utc) + timedelta(days=1)
    code = create_auth_code(
        CALLBACK,
        code_challenge=pair.challenge,
        code_challenge_method=pair.method,
        limit=3,
        usage_limit_type="monthly",
        expires_at=expires,
        key_label="script",
        api_key=emu.api_key,
        **sync_kw,
    )
    assert isinstance(code, AuthCode)
    sent = emu.requests[-1].json()
    assert sent == {
        "callback_url": CALLBACK,
        "code_challenge": pair.challenge,
        "code_challenge_method": method,
        "limit": 3,
        "usage_limit_type": "monthly",
        "expires_at": expires.isoformat().replace("+00:00", "Z"),
        "key_label": "script",
    }
    new = exchange_code_for_api_key(code.id, pair.verifier, pair.method, **sync_kw)
    request = emu.requests[-1]
    assert (request.method, request.path) == ("POST", "/api/v1/auth/keys")
    assert request.json() == {
        "code": code.id,
        "code_verifier": pair.verifier.get_secret_value(),
        "code_challenge_method": method,
    }
    assert "authorization" not in request.headers
    assert isinstance(new.key, SecretStr)
    assert new.user_id is not None
    key = new.key.get_secret_value()
    record = emu.state.key_by_secret(key)
    assert record is not None
    assert (record.name, record.limit, record.limit_reset) == ("script", 3.0, "monthly")


@pytest.mark.parametrize("method", ["S256", "plain"])
def test_async_code_then_exchange(
    emu: OpenRouterEmulator, async_kw: dict[str, Any], method: Any
) -> None:
    pair = create_pkce_pair(method)

    async def flow() -> AuthKey:
        code = await acreate_auth_code(
            "https://myapp.example/cb",
            code_challenge=pair.challenge,
            code_challenge_method=pair.method,
            api_key=emu.api_key,
            **async_kw,
        )
        return await aexchange_code_for_api_key(code.id, pair.verifier, pair.method, **async_kw)

    new = asyncio.run(flow())
    assert emu.state.key_by_secret(new.key.get_secret_value()) is not None


@pytest.mark.parametrize("method", ["S256", "plain"])
def test_a_wrong_verifier_is_refused(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any], method: Any
) -> None:
    pair = create_pkce_pair(method)
    other = create_pkce_pair(method)
    code = emu.authorize(pair.challenge, method=method)
    with pytest.raises(PermissionDeniedError) as info:
        exchange_code_for_api_key(code, other.verifier, method, **sync_kw)
    assert (info.value.status_code, info.value.message) == (403, "Invalid code or code_verifier")
    assert "management" not in str(info.value)
    assert "create_pkce_pair()" in str(info.value)
    assert exchange_code_for_api_key(code, pair.verifier, method, **sync_kw).key


def test_a_reused_code_is_refused(emu: OpenRouterEmulator, async_kw: dict[str, Any]) -> None:
    pair = create_pkce_pair()
    code = emu.authorize(pair.challenge)

    async def twice() -> None:
        await aexchange_code_for_api_key(code, pair.verifier, **async_kw)
        await aexchange_code_for_api_key(code, pair.verifier, **async_kw)

    with pytest.raises(PermissionDeniedError, match="Invalid code or code_verifier"):
        asyncio.run(twice())


def test_an_expired_code_is_refused() -> None:
    now = [1_800_000_000.0]
    emu = OpenRouterEmulator(clock=lambda: now[0])
    pair = create_pkce_pair()
    code = emu.authorize(pair.challenge)
    now[0] += 601
    with pytest.raises(PermissionDeniedError) as info:
        exchange_code_for_api_key(code, pair.verifier, base_url=emu.base_url, client=emu.client())
    assert info.value.message == "Authorization code expired"


def test_the_method_must_match_the_challenge(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    pair = create_pkce_pair()
    code = emu.authorize(pair.challenge, method="S256")
    with pytest.raises(BadRequestError, match="Invalid code_challenge_method"):
        exchange_code_for_api_key(code, pair.verifier, "plain", **sync_kw)


def test_a_code_without_challenge_exchanges_without_verifier(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any]
) -> None:
    code = emu.authorize()
    exchange_code_for_api_key(code, None, **sync_kw)
    assert emu.requests[-1].json() == {"code": code}


def test_the_exchange_sends_no_key_even_when_one_is_set(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENROUTER_API_KEY", emu.api_key)
    pair = create_pkce_pair()
    exchange_code_for_api_key(emu.authorize(pair.challenge), pair.verifier, **sync_kw)
    assert "authorization" not in emu.requests[-1].headers


def test_the_new_key_works(emu: OpenRouterEmulator, sync_kw: dict[str, Any]) -> None:
    pair = create_pkce_pair()
    new = exchange_code_for_api_key(emu.authorize(pair.challenge), pair.verifier, **sync_kw)
    with pytest.raises(PermissionDeniedError):
        get_credits(api_key=new.key, **sync_kw)  # an inference key, not a management key


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("", "v" * 43), "code must be the non-empty code"),
        (("c", "v" * 42), "code_verifier must be 43 to 128"),
        (("c", "v" * 129), "code_verifier must be 43 to 128"),
        (("c", "v" * 42 + "+"), "code_verifier must be 43 to 128"),
        (("c", "v" * 43, "sha256"), "code_challenge_method must be 'S256'"),
    ],
)
def test_bad_exchange_arguments_send_nothing(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any], args: tuple[Any, ...], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        exchange_code_for_api_key(*args, **sync_kw)
    assert emu.requests == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"callback_url": "http://myapp.example/cb"}, "callback_url must be"),
        ({"usage_limit_type": "yearly"}, "usage_limit_type must be"),
        (
            {"code_challenge": CHALLENGE, "code_challenge_method": "S1"},
            "code_challenge_method must",
        ),
        ({"limit": -1}, "limit must be a positive number"),
        ({"expires_at": datetime(2030, 1, 1)}, "expires_at must be timezone-aware"),
    ],
)
def test_bad_code_arguments_send_nothing(
    emu: OpenRouterEmulator, sync_kw: dict[str, Any], kwargs: dict[str, Any], message: str
) -> None:
    kwargs = {"callback_url": CALLBACK, **kwargs}
    with pytest.raises(ValueError, match=message):
        create_auth_code(api_key=emu.api_key, **kwargs, **sync_kw)
    assert emu.requests == []


def test_code_creation_needs_a_key(emu: OpenRouterEmulator, sync_kw: dict[str, Any]) -> None:
    with pytest.raises(MissingAPIKeyError, match="OPENROUTER_API_KEY"):
        create_auth_code(CALLBACK, **sync_kw)
    assert emu.requests == []


def test_doctests() -> None:
    assert doctest.testmod(auth).failed == 0

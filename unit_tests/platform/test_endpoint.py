"""The endpoint declaration and its two callers (pure parts and the send path)."""

from __future__ import annotations

import asyncio
import doctest
import hashlib
import re
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from langchain_openrouter.errors import (
    MissingAPIKeyError,
    NotFoundError,
    OpenRouterError,
    PermissionDeniedError,
    RateLimitError,
)
from langchain_openrouter.platform import _endpoint
from langchain_openrouter.platform._endpoint import (
    Endpoint,
    acall,
    acall_each,
    call,
    call_each,
    iterate,
    key_hash,
)
from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.types import Credits, ModelInfo


def test_path_placeholders_are_filled_and_encoded() -> None:
    endpoint = Endpoint("GET", "/keys/{hash}", key="management", result=dict)
    assert endpoint.placeholders == frozenset({"hash"})
    assert endpoint.url_path({"hash": "a/b c"}) == "/keys/a%2Fb%20c"


def test_a_missing_placeholder_is_named_before_sending() -> None:
    endpoint = Endpoint("GET", "/model/{author}/{slug}", key="inference", result=dict)
    with pytest.raises(ValueError, match="slug must be a non-empty string"):
        endpoint.url_path({"author": "openai", "slug": ""})


@pytest.mark.parametrize("value", [".", ".."])
def test_a_dot_segment_is_refused_rather_than_resolved_to_another_route(value: str) -> None:
    # httpx resolves dot segments: "/model/../credits" would call GET /credits.
    endpoint = Endpoint("GET", "/model/{author}/{slug}", key="inference", result=dict)
    with pytest.raises(ValueError, match=re.escape(f"author must not be {value!r}")):
        endpoint.url_path({"author": value, "slug": "credits"})


def test_a_dot_segment_sends_nothing(emu: OpenRouterEmulator) -> None:
    endpoint = Endpoint("GET", "/guardrails/{id}", key="management", result=dict)
    with pytest.raises(ValueError, match=r"id must not be '\.'"):
        call(endpoint, path_params={"id": "."}, api_key=emu.provisioning_key, client=emu.client())
    assert emu.requests == []


def test_parse_unwraps_data_or_takes_the_whole_body() -> None:
    assert Endpoint("GET", "/credits", "management", Credits).parse(
        {"data": {"total_credits": 2, "total_usage": 0.5}}
    ) == Credits(total_credits=2.0, total_usage=0.5)
    whole = Endpoint("POST", "/auth/keys", "inference", dict[str, str], unwrap=None)
    assert whole.parse({"key": "k", "user_id": "u"}) == {"key": "k", "user_id": "u"}
    with pytest.raises(OpenRouterError, match="malformed: expected a JSON object with 'data'"):
        Endpoint("GET", "/credits", "management", Credits).parse({"total_credits": 1})


def test_the_declared_key_kind_decides_the_environment_variable(
    emu: OpenRouterEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    credits = Endpoint("GET", "/credits", key="management", result=Credits)
    monkeypatch.setenv("OPENROUTER_API_KEY", emu.api_key)
    monkeypatch.setenv("OPENROUTER_PROVISIONING_KEY", emu.provisioning_key)
    call(credits, base_url=emu.base_url, client=emu.client())
    models = Endpoint("GET", "/models", key="inference", result=list[ModelInfo])
    call(models, base_url=emu.base_url, client=emu.client())
    sent = [r.headers["authorization"] for r in emu.requests[-2:]]
    assert sent == [f"Bearer {emu.provisioning_key}", f"Bearer {emu.api_key}"]


def test_requests_carry_the_attribution_headers_of_the_classes(emu: OpenRouterEmulator) -> None:
    models = Endpoint("GET", "/models", key="inference", result=list[ModelInfo])
    call(models, api_key=emu.api_key, base_url=emu.base_url, client=emu.client())
    headers = emu.requests[-1].headers
    assert headers["http-referer"] == "https://docs.langchain.com"
    assert headers["x-title"] == "LangChain"


def test_retries_and_typed_errors_come_from_the_internal_client(emu: OpenRouterEmulator) -> None:
    credits = Endpoint("GET", "/credits", key="management", result=Credits)
    emu.fail_next(429, route="/credits", retry_after=0)
    got = call(credits, api_key=emu.provisioning_key, base_url=emu.base_url, client=emu.client())
    assert got.total_credits == 100.0
    assert [r.path for r in emu.requests].count("/api/v1/credits") == 2
    emu.fail_next(429, route="/credits", retry_after=0, times=3)
    with pytest.raises(RateLimitError):
        call(credits, api_key=emu.provisioning_key, base_url=emu.base_url, client=emu.client())


def test_async_caller_sends_the_same_request(emu: OpenRouterEmulator) -> None:
    endpoint = Endpoint("GET", "/model/{author}/{slug}", key="inference", result=ModelInfo)
    kw: dict[str, Any] = {"api_key": emu.api_key, "base_url": emu.base_url}
    params = {"author": "openai", "slug": "gpt-4o-mini"}
    sync = call(endpoint, client=emu.client(), path_params=params, **kw)
    first = emu.requests[-1]
    asynchronous = asyncio.run(acall(endpoint, client=emu.async_client(), path_params=params, **kw))
    second = emu.requests[-1]
    assert sync == asynchronous
    assert (first.method, first.path, dict(first.headers)) == (
        second.method,
        second.path,
        dict(second.headers),
    )
    with pytest.raises(NotFoundError):
        asyncio.run(
            acall(
                endpoint,
                client=emu.async_client(),
                path_params={"author": "no", "slug": "such"},
                **kw,
            )
        )


def test_a_user_client_is_never_closed(emu: OpenRouterEmulator) -> None:
    endpoint = Endpoint("GET", "/credits", key="management", result=Credits)
    client = emu.client()
    call(endpoint, api_key=emu.provisioning_key, base_url=emu.base_url, client=client)
    assert not client.is_closed
    async_client = emu.async_client()
    asyncio.run(
        acall(endpoint, api_key=emu.provisioning_key, base_url=emu.base_url, client=async_client)
    )
    assert not async_client.is_closed


def test_the_wrong_client_kind_is_a_type_error_before_sending(emu: OpenRouterEmulator) -> None:
    endpoint = Endpoint("GET", "/credits", key="management", result=Credits)
    with pytest.raises(TypeError, match=r"httpx\.Client here, not httpx\.AsyncClient"):
        call(endpoint, api_key="k", client=httpx.AsyncClient())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"httpx\.AsyncClient here, not httpx\.Client"):
        asyncio.run(acall(endpoint, api_key="k", client=httpx.Client()))  # type: ignore[arg-type]
    assert emu.requests == []


def test_a_missing_management_key_says_which_and_sends_nothing(emu: OpenRouterEmulator) -> None:
    endpoint = Endpoint("GET", "/credits", key="management", result=Credits)
    with pytest.raises(MissingAPIKeyError) as info:
        call(endpoint, base_url=emu.base_url, client=emu.client())
    message = str(info.value)
    assert "management key" in message
    assert "OPENROUTER_PROVISIONING_KEY or OPENROUTER_API_KEY" in message
    assert emu.requests == []


@pytest.mark.parametrize("key", [12345, b"sk-or-v1-abc"])
def test_a_key_of_the_wrong_type_is_a_type_error_before_sending(
    emu: OpenRouterEmulator, key: Any
) -> None:
    endpoint = Endpoint("GET", "/credits", key="management", result=Credits)
    with pytest.raises(TypeError, match="api_key must be a str or a SecretStr"):
        call(endpoint, api_key=key, base_url=emu.base_url, client=emu.client())
    assert emu.requests == []


MODEL = Endpoint("GET", "/model/{author}/{slug}", "inference", ModelInfo, key_required=False)
EACH = [
    {"author": "openai", "slug": "gpt-4o"},
    {"author": "anthropic", "slug": "claude-sonnet-4.5"},
    {"author": "openai", "slug": "gpt-4o-mini"},
]


def test_call_each_returns_in_order_on_one_shared_client(emu: OpenRouterEmulator) -> None:
    client = emu.client()
    got = call_each(MODEL, EACH, max_concurrency=2, base_url=emu.base_url, client=client)
    assert [m.id for m in got] == [
        "openai/gpt-4o",
        "anthropic/claude-sonnet-4.5",
        "openai/gpt-4o-mini",
    ]
    assert sorted(r.path for r in emu.requests) == sorted(
        f"/api/v1/model/{p['author']}/{p['slug']}" for p in EACH
    )
    assert not client.is_closed


def test_acall_each_matches_call_each(emu: OpenRouterEmulator) -> None:
    kw: dict[str, Any] = {"max_concurrency": 2, "base_url": emu.base_url}
    sync = call_each(MODEL, EACH, client=emu.client(), **kw)
    assert asyncio.run(acall_each(MODEL, EACH, client=emu.async_client(), **kw)) == sync


def test_each_raises_the_first_error(emu: OpenRouterEmulator) -> None:
    each = [*EACH[:1], {"author": "no", "slug": "such"}, *EACH[1:]]
    with pytest.raises(NotFoundError, match="no/such"):
        call_each(MODEL, each, max_concurrency=2, base_url=emu.base_url, client=emu.client())
    with pytest.raises(NotFoundError, match="no/such"):
        asyncio.run(
            acall_each(
                MODEL, each, max_concurrency=1, base_url=emu.base_url, client=emu.async_client()
            )
        )


@pytest.mark.parametrize("bound", [0, -1, 1.5, True])
def test_each_refuses_a_bad_bound_before_sending(emu: OpenRouterEmulator, bound: Any) -> None:
    with pytest.raises((ValueError, TypeError), match="max_concurrency"):
        call_each(MODEL, EACH, max_concurrency=bound, base_url=emu.base_url, client=emu.client())
    with pytest.raises((ValueError, TypeError), match="max_concurrency"):
        asyncio.run(
            acall_each(
                MODEL, EACH, max_concurrency=bound, base_url=emu.base_url, client=emu.async_client()
            )
        )
    assert emu.requests == []


def test_a_route_hint_replaces_the_generic_one(emu: OpenRouterEmulator) -> None:
    endpoint = Endpoint(
        "GET", "/guardrails/{id}", "management", dict, hints=((404, "see list_guardrails()"),)
    )
    kw: dict[str, Any] = {"path_params": {"id": "nope"}, "api_key": emu.provisioning_key}
    with pytest.raises(NotFoundError) as info:
        call(endpoint, client=emu.client(), **kw)
    assert str(info.value) == "Error code: 404 - Guardrail not found (see list_guardrails())"
    assert info.value.hint == "see list_guardrails()"
    with pytest.raises(NotFoundError) as ainfo:
        asyncio.run(acall(endpoint, client=emu.async_client(), **kw))
    assert str(ainfo.value) == str(info.value)
    with pytest.raises(PermissionDeniedError, match=r"\(management routes need"):
        call(endpoint, client=emu.client(), **{**kw, "api_key": emu.api_key})


def test_doctests() -> None:
    assert doctest.testmod(_endpoint).failed == 0


def test_a_declared_not_ready_status_is_retried_then_raised(emu: OpenRouterEmulator) -> None:
    endpoint = Endpoint(
        "GET",
        "/credits",
        key="management",
        result=Credits,
        retry_statuses=frozenset({404}),
        retry_delays=(0.0, 0.0),
    )
    kw: dict[str, Any] = {"api_key": emu.provisioning_key, "base_url": emu.base_url}
    emu.fail_next(404, route="/credits", times=2)
    assert call(endpoint, client=emu.client(), **kw).total_credits == 100.0
    emu.fail_next(404, route="/credits", times=3)
    with pytest.raises(NotFoundError):
        asyncio.run(acall(endpoint, client=emu.async_client(), **kw))
    assert [r.path for r in emu.requests].count("/api/v1/credits") == 6
    emu.fail_next(403, route="/credits")
    with pytest.raises(PermissionDeniedError):
        call(endpoint, client=emu.client(), **kw)
    assert [r.path for r in emu.requests].count("/api/v1/credits") == 7


def test_other_routes_retry_no_404() -> None:
    plain = Endpoint("GET", "/credits", key="management", result=Credits)
    assert plain.retry_delay(NotFoundError("gone", status_code=404), 0) is None


def test_iterate_needs_a_paginated_endpoint(emu: OpenRouterEmulator) -> None:
    endpoint = Endpoint("GET", "/keys", key="management", result=list[dict[str, Any]])
    with pytest.raises(ValueError, match="GET /keys is not paginated"):
        next(iterate(endpoint, api_key=emu.provisioning_key, client=emu.client()))
    assert emu.requests == []


def test_key_hash_takes_a_key_or_its_hash() -> None:
    secret = "sk-or-v1-" + "0" * 64
    digest = hashlib.sha256(secret.encode()).hexdigest()
    assert key_hash(secret) == digest
    assert key_hash(digest.upper()) == digest
    with pytest.raises(ValueError, match="api_key_hash must be a full OpenRouter key"):
        key_hash("1234", "api_key_hash")


def test_key_hash_takes_the_secret_str_that_create_api_key_returns() -> None:
    secret = "sk-or-v1-" + "0" * 64
    assert key_hash(SecretStr(secret)) == hashlib.sha256(secret.encode()).hexdigest()


@pytest.mark.parametrize("value", [5, None, b"sk-or-v1-0"])
def test_key_hash_refuses_a_non_string_with_a_type_error(value: Any) -> None:
    with pytest.raises(TypeError, match="key must be a str or a SecretStr"):
        key_hash(value)


def test_a_keyless_route_never_sends_a_key(
    emu: OpenRouterEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENROUTER_API_KEY", emu.api_key)
    monkeypatch.setenv("OPENROUTER_PROVISIONING_KEY", emu.provisioning_key)
    exchange = Endpoint("POST", "/auth/keys", key="none", result=dict[str, str], unwrap=None)
    code = emu.authorize()
    call(exchange, base_url=emu.base_url, client=emu.client(), json={"code": code})
    code = emu.authorize()
    kw: dict[str, Any] = {"api_key": emu.api_key, "base_url": emu.base_url}
    asyncio.run(acall(exchange, client=emu.async_client(), json={"code": code}, **kw))
    assert [r.path for r in emu.requests] == ["/api/v1/auth/keys"] * 2
    assert ["authorization" in r.headers for r in emu.requests] == [False, False]

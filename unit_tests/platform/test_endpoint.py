"""The endpoint declaration and its two callers (pure parts and the send path)."""

from __future__ import annotations

import asyncio
import doctest
from typing import Any

import httpx
import pytest

from langchain_openrouter.errors import MissingAPIKeyError, NotFoundError, RateLimitError
from langchain_openrouter.platform import _endpoint
from langchain_openrouter.platform._endpoint import Endpoint, acall, call
from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.types import Credits, ModelInfo


def test_path_placeholders_are_filled_and_encoded() -> None:
    endpoint = Endpoint("GET", "/keys/{hash}", key="management", result=dict)
    assert endpoint.placeholders == frozenset({"hash"})
    assert endpoint.url_path({"hash": "a/b c"}) == "/keys/a%2Fb%20c"


def test_a_missing_placeholder_is_named_before_sending() -> None:
    endpoint = Endpoint("GET", "/model/{author}/{slug}", key="inference", result=dict)
    with pytest.raises(ValueError, match="needs a non-empty slug"):
        endpoint.url_path({"author": "openai", "slug": ""})


def test_parse_unwraps_data_or_takes_the_whole_body() -> None:
    assert Endpoint("GET", "/credits", "management", Credits).parse(
        {"data": {"total_credits": 2, "total_usage": 0.5}}
    ) == Credits(total_credits=2.0, total_usage=0.5)
    whole = Endpoint("POST", "/auth/keys", "inference", dict[str, str], unwrap=None)
    assert whole.parse({"key": "k", "user_id": "u"}) == {"key": "k", "user_id": "u"}
    with pytest.raises(ValueError, match="expected a JSON object with 'data'"):
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


def test_doctests() -> None:
    assert doctest.testmod(_endpoint).failed == 0


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

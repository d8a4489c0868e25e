"""The key goes only to the configured base URL.

A redirect to another host never carries ``Authorization``: our own client does not follow
redirects (a 3xx is an error), and a caller's ``http_client`` that follows them has httpx strip
the header when the origin changes. A plain-``http://`` base URL off this machine warns once.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import httpx
import pytest

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter._client import config as client_config
from langchain_openrouter._client.config import resolve_base_url
from langchain_openrouter.errors import APIStatusError
from unit_tests.samples import load_json

KEY = "sk-or-v1-CANARY" + "0" * 50
BASE = "https://openrouter.ai/api/v1"
ELSEWHERE = "https://collector.example.net/steal"


def redirecting(seen: list[httpx.Request]) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.host == "openrouter.ai":
            return httpx.Response(307, headers={"Location": ELSEWHERE})
        return httpx.Response(200, json=load_json("chat_completion_basic.json"))

    return handler


@pytest.fixture(autouse=True)
def _no_sleep_no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    async def no_sleep(_: float) -> None:
        return None

    monkeypatch.setattr("time.sleep", lambda _: None)
    monkeypatch.setattr("asyncio.sleep", no_sleep)
    for name in ("OPENROUTER_BASE_URL", "OPENROUTER_API_BASE"):
        monkeypatch.delenv(name, raising=False)


def test_our_client_does_not_follow_a_redirect() -> None:
    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(redirecting(seen))
    llm = ChatOpenRouter(model="openai/gpt-4o-mini", api_key=KEY, max_retries=0)
    llm.sync_client._transport = transport
    with pytest.raises(APIStatusError) as info:
        llm.invoke("hi")
    assert info.value.status_code == 307
    assert [r.url.host for r in seen] == ["openrouter.ai"]
    assert KEY not in str(info.value)


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_following_client_drops_the_key_on_another_host(status: int) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.host == "openrouter.ai":
            return httpx.Response(status, headers={"Location": ELSEWHERE})
        return httpx.Response(200, json=load_json("chat_completion_basic.json"))

    client = httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=True)
    llm = ChatOpenRouter(model="openai/gpt-4o-mini", api_key=KEY, http_client=client)
    llm.invoke("hi")
    assert [r.url.host for r in seen] == ["openrouter.ai", "collector.example.net"]
    assert seen[0].headers["Authorization"] == f"Bearer {KEY}"
    assert "Authorization" not in seen[1].headers
    assert all(KEY not in str(v) for r in seen[1:] for v in r.headers.values())
    client.close()


async def test_a_following_async_client_drops_the_key_on_another_host() -> None:
    seen: list[httpx.Request] = []
    client = httpx.AsyncClient(
        transport=httpx.MockTransport(redirecting(seen)), follow_redirects=True
    )
    llm = ChatOpenRouter(model="openai/gpt-4o-mini", api_key=KEY, http_async_client=client)
    await llm.ainvoke("hi")
    assert [r.url.host for r in seen] == ["openrouter.ai", "collector.example.net"]
    assert "Authorization" not in seen[1].headers
    await client.aclose()


def test_a_same_origin_redirect_keeps_the_key() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/api/v1/chat/completions":
            return httpx.Response(307, headers={"Location": f"{BASE}/v2/chat/completions"})
        return httpx.Response(200, json=load_json("chat_completion_basic.json"))

    client = httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=True)
    ChatOpenRouter(model="openai/gpt-4o-mini", api_key=KEY, http_client=client).invoke("hi")
    assert [r.headers.get("Authorization") for r in seen] == [f"Bearer {KEY}"] * 2
    client.close()


@pytest.fixture
def fresh_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client_config, "_PLAIN_HTTP_WARNED", set())


@pytest.mark.usefixtures("fresh_warnings")
def test_plain_http_elsewhere_warns_once_naming_the_url() -> None:
    url = "http://proxy.corp.example:8080/api/v1"
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        assert resolve_base_url(url) == url
        resolve_base_url(url + "/")
        client = ChatOpenRouter(model="openai/gpt-4o-mini", api_key=KEY, base_url=url).sync_client
    warned = [w for w in record if issubclass(w.category, UserWarning)]
    texts = [str(w.message) for w in warned]
    assert len(texts) == 1
    # Pointed at the caller's line, not at the package's internals.
    assert warned[0].filename == __file__
    assert client.config.base_url == url
    assert "plain http://" in texts[0]
    assert url in texts[0]
    assert "Authorization" in texts[0]
    assert "https://" in texts[0]
    assert KEY not in texts[0]


@pytest.mark.usefixtures("fresh_warnings")
@pytest.mark.parametrize(
    "url",
    [
        "https://openrouter.ai/api/v1",
        "https://example.com/api/v1",
        "http://localhost:8000/api/v1",
        "http://LOCALHOST./api/v1",
        "http://app.localhost/api/v1",
        "http://127.0.0.1:9/api/v1",
        "http://127.1.2.3/api/v1",
        "http://[::1]:8000/api/v1",
        "http://openrouter.test/api/v1",
    ],
)
def test_https_and_local_addresses_do_not_warn(url: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        resolve_base_url(url)


@pytest.mark.usefixtures("fresh_warnings")
def test_plain_http_from_the_environment_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENROUTER_BASE_URL", "http://10.0.0.5/api/v1")
    with pytest.warns(UserWarning, match=r"http://10\.0\.0\.5/api/v1"):
        resolve_base_url(None)

"""Wiring the package to the in-process emulator: one line, sync and async alike.

``emu.chat_model(...)`` and ``**emu.connection()`` wire both directions; a model wired for one
direction only fails at once, before any request, naming the argument that is missing.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter._client.transport import AsyncOpenRouterClient, OpenRouterClient
from langchain_openrouter.testing import OpenRouterEmulator


def test_connection_holds_every_argument_and_fresh_clients(emu: OpenRouterEmulator) -> None:
    first, second = emu.connection(), emu.connection()
    assert set(first) == {"base_url", "api_key", "http_client", "http_async_client"}
    assert first["base_url"] == emu.base_url == "http://openrouter.test/api/v1"
    assert first["api_key"] == emu.api_key
    assert isinstance(first["http_client"], httpx.Client)
    assert isinstance(first["http_async_client"], httpx.AsyncClient)
    assert first["http_client"] is not second["http_client"]


def test_chat_model_answers_sync_and_streamed(emu: OpenRouterEmulator) -> None:
    llm = emu.chat_model("anthropic/claude-haiku-4.5", temperature=0.5)
    assert llm.model_name == "anthropic/claude-haiku-4.5"
    assert llm.invoke("Hello sync").content == "Hello sync"
    assert "".join(str(c.content) for c in llm.stream("one two")) == "one two"
    sent = emu.requests[-1].json()
    assert (sent["model"], sent["temperature"]) == ("anthropic/claude-haiku-4.5", 0.5)


async def test_chat_model_answers_async_and_streamed(emu: OpenRouterEmulator) -> None:
    llm = emu.chat_model()
    assert (await llm.ainvoke("Hello async")).content == "Hello async"
    pieces = [str(c.content) async for c in llm.astream("three four")]
    assert "".join(pieces) == "three four"
    assert len(emu.generations) == 2


def test_chat_model_survives_one_event_loop_per_call(emu: OpenRouterEmulator) -> None:
    llm = emu.chat_model()
    answers = [asyncio.run(llm.ainvoke(f"loop {i}")).content for i in range(3)]
    assert answers == ["loop 0", "loop 1", "loop 2"]


def test_keyword_arguments_win_over_the_connection(emu: OpenRouterEmulator) -> None:
    other = emu.create_key("second")
    llm = emu.chat_model(api_key=other, max_retries=0)
    llm.invoke("with the second key")
    assert emu.requests[-1].headers["authorization"] == f"Bearer {other}"


def test_connection_splats_into_the_chat_model(emu: OpenRouterEmulator) -> None:
    llm = ChatOpenRouter(model="openai/gpt-4o", **emu.connection())
    assert llm.invoke("splatted").content == "splatted"
    assert asyncio.run(llm.ainvoke("splatted async")).content == "splatted async"


async def test_a_model_wired_for_sync_only_fails_its_first_async_call_at_once(
    emu: OpenRouterEmulator,
) -> None:
    llm = ChatOpenRouter(
        model="openai/gpt-4o-mini",
        api_key=emu.api_key,
        base_url=emu.base_url,
        http_client=emu.client(),
        max_retries=5,
    )
    assert llm.invoke("sync works").content == "sync works"
    before = len(emu.requests)
    with pytest.raises(ValueError, match=r"pass http_async_client= ") as caught:
        await llm.ainvoke("async does not")
    assert "http_async_client=emu.async_client()" in str(caught.value)
    assert "emu.chat_model(" in str(caught.value)
    assert "http://openrouter.test/api/v1" in str(caught.value)
    assert emu.api_key not in str(caught.value)
    with pytest.raises(ValueError, match=r"http_async_client="):
        [c async for c in llm.astream("nor async streams")]
    assert len(emu.requests) == before


def test_a_model_wired_for_async_only_fails_its_first_sync_call_at_once(
    emu: OpenRouterEmulator,
) -> None:
    llm = ChatOpenRouter(
        model="openai/gpt-4o-mini",
        api_key=emu.api_key,
        base_url=emu.base_url,
        http_async_client=emu.async_client(),
    )
    with pytest.raises(ValueError, match=r"pass http_client= \(for the emulator, http_client="):
        llm.invoke("sync does not")
    with pytest.raises(ValueError, match=r"http_client="):
        list(llm.stream("nor sync streams"))
    assert emu.requests == []


@pytest.mark.parametrize(
    "base_url", ["http://openrouter.test/api/v1", "http://api.invalid/v1", "http://test./api/v1"]
)
def test_our_own_clients_refuse_hosts_no_dns_resolves(base_url: str) -> None:
    with pytest.raises(ValueError, match="http_client="):
        OpenRouterClient(api_key="k", base_url=base_url).request("GET", "/models")
    with pytest.raises(ValueError, match="http_async_client="):
        asyncio.run(AsyncOpenRouterClient(api_key="k", base_url=base_url).request("GET", "/models"))


def test_a_transport_or_a_resolvable_host_is_not_refused(emu: OpenRouterEmulator) -> None:
    client = OpenRouterClient(api_key=emu.api_key, base_url=emu.base_url, transport=emu.transport)
    assert client.request_json("GET", "/models/count") == {"data": {"count": 76}}
    for host in ("openrouter.ai", "testing.example.com", "my.test.internal"):
        with OpenRouterClient(base_url=f"https://{host}/api/v1") as own:
            assert isinstance(own.http, httpx.Client)

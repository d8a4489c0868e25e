"""A body whose ``Content-Encoding`` lies (a proxy that labels plain bytes gzip or br).

httpx raises ``httpx.DecodingError`` reading such a body, which is not a transport error: it
once escaped every public call untyped. A non-2xx answer is still the typed error of its status
(and retried like it); a 2xx answer is an ``APIStatusError`` naming the encoding.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from langchain_openrouter import ChatOpenRouter, OpenRouterEmbeddings, get_credits
from langchain_openrouter.errors import APIStatusError, BadRequestError, InternalServerError
from langchain_openrouter.testing import OpenRouterEmulator

MODEL = "openai/gpt-4o-mini"
Served = tuple[OpenRouterEmulator, str]
CALLS: dict[str, tuple[str, Callable[[OpenRouterEmulator, str], Any]]] = {
    "invoke": (
        "/chat/completions",
        lambda emu, url: ChatOpenRouter(model=MODEL, api_key=emu.api_key, base_url=url).invoke(
            "Hi"
        ),
    ),
    "ainvoke": (
        "/chat/completions",
        lambda emu, url: asyncio.run(
            ChatOpenRouter(model=MODEL, api_key=emu.api_key, base_url=url).ainvoke("Hi")
        ),
    ),
    "stream": (
        "/chat/completions",
        lambda emu, url: list(
            ChatOpenRouter(model=MODEL, api_key=emu.api_key, base_url=url).stream("Hi")
        ),
    ),
    "embed_query": (
        "/embeddings",
        lambda emu, url: OpenRouterEmbeddings(
            model="openai/text-embedding-3-small", api_key=emu.api_key, base_url=url
        ).embed_query("Hi"),
    ),
    "get_credits": (
        "/credits",
        lambda emu, url: get_credits(api_key=emu.provisioning_key, base_url=url),
    ),
}


def sent(emu: OpenRouterEmulator, route: str) -> int:
    return sum(1 for request in emu.requests if request.route == route)


@pytest.mark.parametrize("how", list(CALLS))
@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_an_undecodable_error_body_is_the_typed_error_of_its_status(
    served_emulator: Served, how: str, encoding: str
) -> None:
    emu, url = served_emulator
    route, call = CALLS[how]
    emu.faults.status(500, route=route, times=None, headers={"content-encoding": encoding})
    with pytest.raises(InternalServerError) as caught:
        call(emu, url)
    assert caught.value.status_code == 500
    assert (caught.value.attempts, sent(emu, route)) == (3, 3)
    emu.faults.clear()
    emu.faults.status(400, route=route, times=1, headers={"content-encoding": encoding})
    with pytest.raises(BadRequestError):
        call(emu, url)
    assert sent(emu, route) == 4


@pytest.mark.parametrize("how", list(CALLS))
def test_an_undecodable_success_body_is_an_api_status_error(
    served_emulator: Served, how: str
) -> None:
    emu, url = served_emulator
    route, call = CALLS[how]
    emu.faults.status(
        200, route=route, times=None, body={"id": "x"}, headers={"content-encoding": "gzip"}
    )
    with pytest.raises(APIStatusError, match="gzip") as caught:
        call(emu, url)
    assert caught.value.status_code == 200
    assert sent(emu, route) == 1

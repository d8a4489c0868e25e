"""A base URL without ``/api/v1`` gets OpenRouter's 404 over real HTTP, as from openrouter.ai."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.errors import NotFoundError
from langchain_openrouter.testing import OpenRouterEmulator


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator()
    with emu.serve() as base_url:
        yield emu, base_url


@pytest.mark.parametrize("suffix", ["", "/", "/v1", "/api"])
def test_chat_model_without_the_api_prefix_raises_not_found(
    served: tuple[OpenRouterEmulator, str], suffix: str
) -> None:
    emu, base_url = served
    host = base_url.removesuffix("/api/v1")
    llm = ChatOpenRouter(
        model="openai/gpt-4o-mini", api_key=emu.api_key, base_url=host + suffix, max_retries=0
    )
    with pytest.raises(NotFoundError) as caught:
        llm.invoke("Hello")
    assert caught.value.status_code == 404


async def test_async_and_streamed_calls_raise_not_found_too(
    served: tuple[OpenRouterEmulator, str],
) -> None:
    emu, base_url = served
    host = base_url.removesuffix("/api/v1")
    llm = ChatOpenRouter(model="openai/gpt-4o-mini", api_key=emu.api_key, base_url=host)
    with pytest.raises(NotFoundError):
        await llm.ainvoke("Hello")
    with pytest.raises(NotFoundError):
        list(llm.stream("Hello"))


def test_the_website_answers_html(served: tuple[OpenRouterEmulator, str]) -> None:
    emu, base_url = served
    response = httpx.post(
        base_url.removesuffix("/api/v1") + "/chat/completions",
        headers={"Authorization": f"Bearer {emu.api_key}"},
        json={"messages": [{"role": "user", "content": "Hello"}]},
    )
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "This page could not be found." in response.text

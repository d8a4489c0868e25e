"""A media URL OpenRouter cannot fetch (a local path, ``ftp://``) is refused before sending.

§2.3 takes an https (or http) URL or a ``data:`` URL for images, video and files; anything else
used to be sent and failed upstream, or was quietly dropped by the provider.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from langchain_core.messages import HumanMessage

from langchain_openrouter import ChatOpenRouter
from unit_tests.samples import load_json

BAD_URLS = ["ftp://example.com/cat.png", "/home/me/cat.png", "file:///home/me/cat.png", "cat.png"]


def _model(sent: list[httpx.Request]) -> ChatOpenRouter:
    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=load_json("chat_completion_basic.json"))

    transport = httpx.MockTransport(answer)
    return ChatOpenRouter(
        model="openai/gpt-4o-mini",
        api_key="sk-or-v1-test",
        http_client=httpx.Client(transport=transport),
    )


def _blocks(url: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        ("url", {"type": "image", "url": url}),
        ("image_url.url", {"type": "image_url", "image_url": {"url": url}}),
        ("image_url.url", {"type": "image_url", "image_url": url}),
        ("url", {"type": "video", "url": url}),
        ("video_url.url", {"type": "video_url", "video_url": {"url": url}}),
        ("url", {"type": "file", "url": url}),
        ("file.file_data", {"type": "file", "file": {"file_data": url}}),
    ]


@pytest.mark.parametrize("url", BAD_URLS)
def test_unfetchable_urls_are_refused_naming_the_field(url: str) -> None:
    sent: list[httpx.Request] = []
    llm = _model(sent)
    for field, block in _blocks(url):
        message = HumanMessage(content=[{"type": "text", "text": "What is this?"}, block])
        with pytest.raises(ValueError, match=rf"{field} must be an https:// .* got '{url}'"):
            llm.invoke([message])
    assert sent == []


def test_fetchable_urls_pass() -> None:
    sent: list[httpx.Request] = []
    llm = _model(sent)
    for url in (
        "https://example.com/cat.png",
        "HTTP://example.com/cat.png",
        "data:image/png;base64,iVBORw0KGgo=",
    ):
        llm.invoke([HumanMessage(content=[{"type": "image", "url": url}])])
    assert len(sent) == 3

"""Paths outside ``/api/v1`` are openrouter.ai's website: an HTML 404, never an API answer."""

from __future__ import annotations

import pytest

from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.testing.wire import Request

CHAT = {"messages": [{"role": "user", "content": "Hello"}]}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/chat/completions"),
        ("POST", "/v1/chat/completions"),
        ("POST", "/api/chat/completions"),
        ("POST", "/api/v2/chat/completions"),
        ("POST", "/api/v1chat/completions"),
        ("GET", "/models"),
        ("POST", "/embeddings"),
        ("GET", "/"),
    ],
)
def test_a_path_outside_the_api_is_the_website_404(
    emu: OpenRouterEmulator, method: str, path: str
) -> None:
    response = emu.handle(Request.build(method, path, json_body=CHAT, api_key=emu.api_key))
    assert response.status == 404
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert isinstance(response.body, bytes)
    assert b"This page could not be found." in response.body
    assert emu.generations == {}


def test_the_same_request_under_the_api_prefix_is_answered(emu: OpenRouterEmulator) -> None:
    response = emu.handle(
        Request.build("POST", "/api/v1/chat/completions", json_body=CHAT, api_key=emu.api_key)
    )
    assert response.status == 200
    assert response.json()["choices"][0]["message"]["content"] == "Hello"


def test_an_unknown_api_route_stays_a_json_404(emu: OpenRouterEmulator) -> None:
    response = emu.handle(Request.build("GET", "/api/v1/nothing-here"))
    assert response.status == 404
    assert response.json() == {
        "error": {"code": 404, "message": "Not Found", "metadata": {"error_type": "not_found"}}
    }

"""A title given in ``default_headers`` under either of its names is sent under both.

OpenRouter reads the app title from ``X-OpenRouter-Title`` and from its older name ``X-Title``.
The package sends both (from ``app_title``). Code migrated from ``ChatOpenAI`` or 0.2.x often
sets ``default_headers={"X-Title": "My app"}``: only ``X-Title`` was replaced, and the request
went out with ``X-Title: My app`` and ``X-OpenRouter-Title: LangChain``, two different titles.
"""

from __future__ import annotations

import pytest

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter._client.config import build_headers
from langchain_openrouter.testing import OpenRouterEmulator


@pytest.mark.parametrize("name", ["X-Title", "x-title", "X-OpenRouter-Title", "x-openrouter-title"])
def test_either_title_name_sets_both(name: str) -> None:
    headers = build_headers(app_title="LangChain", default_headers={name: "My app"})
    assert headers["X-Title"] == "My app"
    assert headers["X-OpenRouter-Title"] == "My app"


def test_both_names_given_are_kept_as_given() -> None:
    headers = build_headers(
        app_title="LangChain", default_headers={"X-Title": "Old", "X-OpenRouter-Title": "New"}
    )
    assert (headers["X-Title"], headers["X-OpenRouter-Title"]) == ("Old", "New")


def test_chat_model_sends_one_title() -> None:
    emu = OpenRouterEmulator()
    llm = ChatOpenRouter(
        model="openai/gpt-4o-mini", default_headers={"X-Title": "My app"}, **emu.connection()
    )
    llm.invoke("Hello")
    sent = emu.requests[-1].headers
    assert (sent["x-title"], sent["x-openrouter-title"]) == ("My app", "My app")

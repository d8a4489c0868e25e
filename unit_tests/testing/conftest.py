"""Fixtures of the emulator tests: a fresh emulator, request helpers and the samples folder."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from langchain_openrouter import _tokens
from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.testing.wire import Request, Response
from unit_tests.samples import SAMPLES_DIR

TIKTOKEN_CACHE = SAMPLES_DIR.parent / "tiktoken-cache"


@pytest.fixture(autouse=True)
def _tiktoken_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exact cl100k counts: point tiktoken at the shared cache when the Makefile did not."""
    if not os.environ.get("TIKTOKEN_CACHE_DIR"):
        monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(TIKTOKEN_CACHE))
        _tokens.reset_encoding_cache()


@pytest.fixture
def samples_dir() -> Path:
    """OPENROUTER_SAMPLES_DIR, else ../shared/samples next to the repository."""
    return SAMPLES_DIR


@pytest.fixture
def emu() -> OpenRouterEmulator:
    return OpenRouterEmulator()


Call = Callable[..., Response]


@pytest.fixture
def call(emu: OpenRouterEmulator) -> Call:
    """``call(method, path, json=None, key="api"|"management"|None|<secret>)`` -> Response."""

    def send(
        method: str, path: str, json: Any = None, key: str | None = "api", **kw: Any
    ) -> Response:
        secret = {"api": emu.api_key, "management": emu.provisioning_key}.get(key or "", key)
        return emu.handle(
            Request.build(method, "/api/v1" + path, json_body=json, api_key=secret, **kw)
        )

    return send


@pytest.fixture
def chat(call: Call) -> Callable[..., dict[str, Any]]:
    """``chat("text", **body)`` -> the decoded 200 body of a chat completion."""

    def send(text: str = "Hello", **body: Any) -> dict[str, Any]:
        body.setdefault("messages", [{"role": "user", "content": text}])
        response = call("POST", "/chat/completions", body)
        assert response.status == 200, response.body
        return response.json()  # type: ignore[no-any-return]

    return send

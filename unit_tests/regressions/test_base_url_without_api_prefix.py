"""A base URL without ``/api/v1`` gets openrouter.ai's 404, not an answer.

The emulator answered ``/chat/completions`` at the root as if it were ``/api/v1/chat/completions``,
so a wrong base URL passed every test against it and failed only against the real service.
"""

from __future__ import annotations

import pytest

from langchain_openrouter.errors import NotFoundError
from langchain_openrouter.testing import OpenRouterEmulator


def test_chat_model_on_the_bare_host_raises_not_found() -> None:
    emu = OpenRouterEmulator()
    host = emu.base_url.removesuffix("/api/v1")
    llm = emu.chat_model(base_url=host, http_client=emu.client(base_url=host), max_retries=0)
    with pytest.raises(NotFoundError):
        llm.invoke("Hello")
    assert emu.generations == {}

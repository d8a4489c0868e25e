"""A model wired to the in-process emulator for sync calls only fails its first async call at once.

An example passing only ``http_client=emu.client()`` failed on ``ainvoke`` with a DNS error on
the emulator's host after three retries; now it is a ``ValueError`` before any request that
names ``http_async_client=``, and ``emu.chat_model()`` wires both directions.
"""

from __future__ import annotations

import pytest

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.testing import OpenRouterEmulator


async def test_half_wired_async_call_names_the_missing_argument() -> None:
    emu = OpenRouterEmulator()
    llm = ChatOpenRouter(
        model="openai/gpt-4o-mini",
        api_key=emu.api_key,
        base_url=emu.base_url,
        http_client=emu.client(),
    )
    with pytest.raises(ValueError, match="http_async_client="):
        await llm.ainvoke("Hello")
    assert (await emu.chat_model().ainvoke("Hello")).content == "Hello"

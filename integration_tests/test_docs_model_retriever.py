"""Every Python example of docs/model-retriever.md runs, against the emulator on 127.0.0.1.

The examples are written for the real service; here the environment points them at a served
emulator, and each starts from an empty catalog cache.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from langchain_openrouter.retrievers import clear_catalog_cache
from langchain_openrouter.testing import OpenRouterEmulator

PAGE = Path(__file__).resolve().parent.parent / "docs" / "model-retriever.md"
BLOCKS = re.findall(r"^```python\n(.*?)^```", PAGE.read_text(), flags=re.DOTALL | re.MULTILINE)


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator(credits=10_000)
    with emu.serve() as base_url:
        yield emu, base_url


def test_the_page_has_examples() -> None:
    assert len(BLOCKS) >= 8


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_example_runs(
    code: str, served: tuple[OpenRouterEmulator, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    emu, base_url = served
    monkeypatch.delenv("OPENROUTER_API_BASE", raising=False)
    monkeypatch.setenv("OPENROUTER_BASE_URL", base_url)
    monkeypatch.setenv("OPENROUTER_API_KEY", emu.api_key)
    clear_catalog_cache()
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(code, str(PAGE), "exec"), {"__name__": "__docs__"})  # noqa: S102
    assert output.getvalue().strip()


def test_the_understood_example_prints_what_it_says(
    served: tuple[OpenRouterEmulator, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    emu, base_url = served
    monkeypatch.setenv("OPENROUTER_BASE_URL", base_url)
    monkeypatch.setenv("OPENROUTER_API_KEY", emu.api_key)
    (block,) = [b for b in BLOCKS if "understood" in b]
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(block, str(PAGE), "exec"), {"__name__": "__docs__"})  # noqa: S102
    printed = output.getvalue()
    assert printed == (
        "[{'phrase': 'free', 'free_only': True}, "
        "{'phrase': 'reasoning', 'supported_parameters': 'reasoning'}, "
        "{'phrase': '128k', 'min_context_length': 128000}]\n['coding']\n"
    )

"""Every Python example in docs/chat.md runs, against the emulator served on 127.0.0.1."""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from langchain_openrouter.testing import OpenRouterEmulator

DOC = Path(__file__).resolve().parent.parent / "docs" / "chat.md"
BLOCKS = re.findall(r"^```python\n(.*?)^```", DOC.read_text(), flags=re.DOTALL | re.MULTILINE)


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator(credits=10_000)
    with emu.serve() as base_url:
        yield emu, base_url


def test_the_page_has_examples() -> None:
    assert len(BLOCKS) >= 10


@pytest.mark.parametrize(
    "code", BLOCKS, ids=[f"block{i}-line{block.count(chr(10))}" for i, block in enumerate(BLOCKS)]
)
def test_example_runs(
    code: str, served: tuple[OpenRouterEmulator, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    emu, base_url = served
    monkeypatch.delenv("OPENROUTER_API_BASE", raising=False)
    monkeypatch.setenv("OPENROUTER_BASE_URL", base_url)
    monkeypatch.setenv("OPENROUTER_API_KEY", emu.api_key)
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(code, str(DOC), "exec"), {"__name__": "__docs__"})  # noqa: S102
    assert output.getvalue().strip()

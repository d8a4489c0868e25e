"""Every Python example in docs/embeddings.md runs, against the emulator on 127.0.0.1.

As in test_docs_examples.py, the examples are written for the real service; the environment
points them at a served emulator (a fresh one per test: the cache example expects a cold cache).
Examples that build their own in-process emulator ignore it.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from langchain_openrouter.testing import OpenRouterEmulator

PAGE = Path(__file__).resolve().parent.parent / "docs" / "embeddings.md"
TEXT = PAGE.read_text()
BLOCKS = re.findall(r"^```python\n(.*?)^```", TEXT, flags=re.DOTALL | re.MULTILINE)


@pytest.fixture
def served() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator(credits=10_000)
    with emu.serve() as base_url:
        yield emu, base_url


def test_page_has_examples() -> None:
    assert len(BLOCKS) >= 7


def run(code: str) -> str:
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(code, str(PAGE), "exec"), {"__name__": "__docs__"})  # noqa: S102
    return output.getvalue()


@pytest.fixture
def env(served: tuple[OpenRouterEmulator, str], monkeypatch: pytest.MonkeyPatch) -> None:
    emu, base_url = served
    monkeypatch.delenv("OPENROUTER_API_BASE", raising=False)
    monkeypatch.setenv("OPENROUTER_BASE_URL", base_url)
    monkeypatch.setenv("OPENROUTER_API_KEY", emu.api_key)


@pytest.mark.usefixtures("env")
@pytest.mark.parametrize(
    "code", BLOCKS, ids=[f"embeddings.md:{TEXT[: TEXT.index(c)].count(chr(10))}" for c in BLOCKS]
)
def test_example_runs(code: str) -> None:
    output = run(code)
    if "print(" in code:
        assert output.strip()


@pytest.mark.usefixtures("env")
def test_examples_print_what_the_page_says() -> None:
    outputs = [run(block) for block in BLOCKS]
    assert outputs[0] == "2 1536\n"
    assert outputs[1] == "256 float\n"
    assert outputs[2] == "10 requests\n"
    assert outputs[3] == "empty input at 1\ninput 1 has 801 tokens (limit 100)\n"
    assert outputs[4].startswith("402 Insufficient credits.")
    failure, resend = outputs[4].splitlines()
    assert failure.endswith(" [2, 3]")
    assert resend == "to resend: [2, 3, 4]"
    first, again = outputs[5].splitlines()
    assert first != "first: 0.0 USD"
    assert again == "again: 0.0 USD"
    assert outputs[6] == "The cat sat on the mat\n"

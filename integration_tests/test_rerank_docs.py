"""Every Python example of docs/rerank.md runs against the emulator served on 127.0.0.1.

Examples are written for the real service (key from ``OPENROUTER_API_KEY``); here the
environment points them at a served emulator. A ```` ```text ```` block right after an example
is its expected output, checked exactly.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from langchain_openrouter.testing import OpenRouterEmulator

PAGE = Path(__file__).resolve().parent.parent / "docs" / "rerank.md"
TEXT = PAGE.read_text()
# A python block, and the text block that follows it with only blank lines between, if any.
EXAMPLE = re.compile(r"^```python\n(.*?)^```\n(?:\s*^```text\n(.*?)^```$)?", re.DOTALL | re.M)
EXAMPLES = [
    (m.group(1), m.group(2), TEXT[: m.start()].count("\n") + 1) for m in EXAMPLE.finditer(TEXT)
]


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator()
    with emu.serve() as base_url:
        yield emu, base_url


def test_the_page_has_its_examples_and_outputs() -> None:
    assert len(EXAMPLES) >= 7
    assert sum(1 for _, output, _ in EXAMPLES if output) >= 6


@pytest.mark.parametrize(
    ("code", "output"),
    [(code, output) for code, output, _ in EXAMPLES],
    ids=[f"rerank.md:{line}" for _, _, line in EXAMPLES],
)
def test_example_runs(
    code: str,
    output: str | None,
    served: tuple[OpenRouterEmulator, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    emu, base_url = served
    monkeypatch.delenv("OPENROUTER_API_BASE", raising=False)
    monkeypatch.setenv("OPENROUTER_BASE_URL", base_url)
    monkeypatch.setenv("OPENROUTER_API_KEY", emu.api_key)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, str(PAGE), "exec"), {"__name__": "__docs__"})  # noqa: S102
    assert printed.getvalue().strip(), "every example on the page prints what it shows"
    if output is not None:
        assert printed.getvalue() == output

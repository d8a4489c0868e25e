"""docs/reliability.md: the examples of its load, memory and threads sections run.

Against the emulator served on 127.0.0.1, with the key and base URL in the environment as the
page assumes. The sections' claims about the code are checked by the tests they name.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator

import pytest

from integration_tests.docs_pages import ROOT, CodeBlock, code_blocks
from langchain_openrouter.testing import OpenRouterEmulator

PAGE = ROOT / "docs" / "reliability.md"
SECTIONS = ("Long streams and memory", "Load", "Threads and event loops")


def section_blocks() -> list[CodeBlock]:
    """The Python blocks under this page's ``SECTIONS`` headings."""
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    headings = [(n + 1, line[3:].strip()) for n, line in enumerate(lines) if line.startswith("## ")]
    ours = []
    for i, (start, title) in enumerate(headings):
        if title in SECTIONS:
            end = headings[i + 1][0] if i + 1 < len(headings) else len(lines) + 1
            ours.append((start, end))
    return [b for b in code_blocks(PAGE) if any(s < b.line < e for s, e in ours)]


BLOCKS = section_blocks()


def test_the_sections_are_there_with_examples() -> None:
    titles = {line[3:].strip() for line in PAGE.read_text().splitlines() if line.startswith("## ")}
    assert set(SECTIONS) <= titles
    assert len(BLOCKS) >= 2


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator()
    with emu.serve() as base_url:
        yield emu, base_url


@pytest.mark.parametrize("block", BLOCKS, ids=[block.id for block in BLOCKS])
def test_example_runs(
    block: CodeBlock, served: tuple[OpenRouterEmulator, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    emu, base_url = served
    monkeypatch.delenv("OPENROUTER_API_BASE", raising=False)
    monkeypatch.setenv("OPENROUTER_BASE_URL", base_url)
    monkeypatch.setenv("OPENROUTER_API_KEY", emu.api_key)
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(block.code, str(block.page), "exec"), {"__name__": "__docs__"})  # noqa: S102
    assert output.getvalue().strip()

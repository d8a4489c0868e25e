"""Every Python example in docs/testing.md runs (each builds its own emulator)."""

from __future__ import annotations

import contextlib
import io

import pytest

from integration_tests.docs_pages import ROOT, CodeBlock, code_blocks

BLOCKS = code_blocks(ROOT / "docs" / "testing.md")


def test_the_page_has_examples() -> None:
    assert len(BLOCKS) >= 10


@pytest.mark.parametrize("block", BLOCKS, ids=[block.id for block in BLOCKS])
def test_example_runs(block: CodeBlock, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENROUTER_API_KEY", "OPENROUTER_BASE_URL", "OPENROUTER_API_BASE"):
        monkeypatch.delenv(name, raising=False)
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(block.code, str(block.page), "exec"), {"__name__": "__docs__"})  # noqa: S102
    assert output.getvalue().strip()

"""Every Python example in docs/testing.md runs (each builds its own emulator)."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parent.parent / "docs" / "testing.md"
BLOCKS = re.findall(r"^```python\n(.*?)^```", DOC.read_text(), flags=re.DOTALL | re.MULTILINE)


def test_the_page_has_examples() -> None:
    assert len(BLOCKS) >= 9


@pytest.mark.parametrize(
    "code", BLOCKS, ids=[f"block{i}-line{block.count(chr(10))}" for i, block in enumerate(BLOCKS)]
)
def test_example_runs(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENROUTER_API_KEY", "OPENROUTER_BASE_URL", "OPENROUTER_API_BASE"):
        monkeypatch.delenv(name, raising=False)
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(code, str(DOC), "exec"), {"__name__": "__docs__"})  # noqa: S102
    assert output.getvalue().strip()

"""Every Python example in README.md and docs/*.md runs, against the emulator on 127.0.0.1.

Examples are written for the real service (key from ``OPENROUTER_API_KEY``); here the
environment points them at a served emulator instead. docs/testing.md builds its own emulators
and is checked without that environment (integration_tests/test_emulator_docs.py).
"""

from __future__ import annotations

import contextlib
import io
import re
import webbrowser
from collections.abc import Iterator
from pathlib import Path

import pytest

from integration_tests.consent_user import httpx_browser
from langchain_openrouter.testing import OpenRouterEmulator

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    ROOT / "README.md",
    ROOT / "docs" / "chat.md",
    ROOT / "docs" / "errors.md",
    ROOT / "docs" / "platform.md",
]
BLOCKS = [
    (page, block)
    for page in PAGES
    for block in re.findall(
        r"^```python\n(.*?)^```", page.read_text(), flags=re.DOTALL | re.MULTILINE
    )
]


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator(credits=10_000)
    with emu.serve() as base_url:
        yield emu, base_url


@pytest.mark.parametrize(
    ("page", "minimum"), [(PAGES[0], 2), (PAGES[1], 10), (PAGES[2], 2), (PAGES[3], 6)]
)
def test_pages_have_examples(page: Path, minimum: int) -> None:
    assert len([b for p, b in BLOCKS if p == page]) >= minimum


@pytest.mark.parametrize(
    ("page", "code"),
    BLOCKS,
    ids=[f"{p.name}:{p.read_text()[: p.read_text().index(c)].count(chr(10))}" for p, c in BLOCKS],
)
def test_example_runs(
    page: Path, code: str, served: tuple[OpenRouterEmulator, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    emu, base_url = served
    monkeypatch.delenv("OPENROUTER_API_BASE", raising=False)
    monkeypatch.setenv("OPENROUTER_BASE_URL", base_url)
    monkeypatch.setenv("OPENROUTER_API_KEY", emu.api_key)
    # docs/platform.md's management routes (credits) read this variable first.
    monkeypatch.setenv("OPENROUTER_PROVISIONING_KEY", emu.provisioning_key)
    # login() opens the consent page: a user who clicks Authorize, played with httpx.
    monkeypatch.setattr(webbrowser, "open", httpx_browser())
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(code, str(page), "exec"), {"__name__": "__docs__"})  # noqa: S102
    if "print(" in code:
        assert output.getvalue().strip()

"""Every Python example in README.md and docs/*.md runs, against the emulator on 127.0.0.1.

Examples are written for the real service (key from ``OPENROUTER_API_KEY``); here the
environment points them at a served emulator instead. docs/testing.md builds its own emulators
and is checked without that environment (integration_tests/test_emulator_docs.py).
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import webbrowser
from collections.abc import Iterator

import pytest

from integration_tests.consent_user import httpx_browser
from integration_tests.docs_pages import ROOT, CodeBlock, code_blocks
from langchain_openrouter.testing import OpenRouterEmulator

PAGES = [
    ROOT / "README.md",
    ROOT / "docs" / "chat.md",
    ROOT / "docs" / "errors.md",
    ROOT / "docs" / "platform.md",
    ROOT / "docs" / "responses-api.md",
    ROOT / "docs" / "cost-tracking.md",
    ROOT / "docs" / "token-counting.md",
    ROOT / "docs" / "routing.md",
    ROOT / "docs" / "reasoning.md",
    ROOT / "docs" / "reliability.md",
    ROOT / "docs" / "quickstart.md",
    ROOT / "docs" / "tools-and-structured-output.md",
    ROOT / "docs" / "multimodal.md",
    ROOT / "docs" / "migrating.md",
]
BLOCKS = [block for page in PAGES for block in code_blocks(page)]


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator(credits=10_000)
    emu.presets["support"] = {"model": "anthropic/claude-sonnet-4.5", "temperature": 0.2}
    with emu.serve() as base_url:
        yield emu, base_url


MINIMUM_EXAMPLES = {
    "README.md": 2,
    "chat.md": 10,
    "errors.md": 2,
    "platform.md": 35,
    "routing.md": 11,
    "reasoning.md": 7,
    "quickstart.md": 7,
    "tools-and-structured-output.md": 12,
    "multimodal.md": 6,
    "migrating.md": 5,
    "reliability.md": 4,
}


@pytest.mark.parametrize(("name", "minimum"), MINIMUM_EXAMPLES.items())
def test_pages_have_examples(name: str, minimum: int) -> None:
    assert len([block for block in BLOCKS if block.page.name == name]) >= minimum


def test_every_platform_function_has_an_example() -> None:
    from langchain_openrouter import platform

    code = "\n".join(block.code for block in BLOCKS if block.page.name == "platform.md")
    assert [name for name in platform.__all__ if not re.search(rf"\b{name}\(", code)] == []


@pytest.mark.parametrize("block", BLOCKS, ids=[block.id for block in BLOCKS])
def test_example_runs(
    block: CodeBlock, served: tuple[OpenRouterEmulator, str], monkeypatch: pytest.MonkeyPatch
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
    # A page may turn on the package's DEBUG logging; later tests must not inherit it.
    package_logger = logging.getLogger("langchain_openrouter")
    level = package_logger.level
    try:
        with contextlib.redirect_stdout(output):
            exec(compile(block.code, str(block.page), "exec"), {"__name__": "__docs__"})  # noqa: S102
    finally:
        package_logger.setLevel(level)
    if "print(" in block.code:
        assert output.getvalue().strip()

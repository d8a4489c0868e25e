"""Every command line in docs/cli.md runs against the served emulator, and its sample output is
what the command prints."""

from __future__ import annotations

import json
import os
import shlex
import webbrowser
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from integration_tests.consent_user import httpx_browser
from integration_tests.docs_pages import ROOT, CodeBlock, code_blocks
from langchain_openrouter import ChatOpenRouter, create_api_key, create_guardrail
from langchain_openrouter.cli import INSTALL_HINT
from langchain_openrouter.cli.app import cli
from langchain_openrouter.testing import OpenRouterEmulator

PAGE = ROOT / "docs" / "cli.md"
BLOCKS = code_blocks(PAGE, "shell")
PROGRAM = "langchain-openrouter"


@pytest.fixture
def emu(monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenRouterEmulator]:
    """A served emulator with the environment a user sets, and one of everything to show."""
    emulator = OpenRouterEmulator(credits=25.0)
    with emulator.serve() as base_url:
        monkeypatch.delenv("OPENROUTER_API_BASE", raising=False)
        monkeypatch.setenv("OPENROUTER_BASE_URL", base_url)
        monkeypatch.setenv("OPENROUTER_API_KEY", emulator.api_key)
        monkeypatch.setenv("OPENROUTER_PROVISIONING_KEY", emulator.provisioning_key)
        monkeypatch.setattr(webbrowser, "open", httpx_browser())
        yield emulator


def commands(block: CodeBlock) -> list[list[str]]:
    lines = [line for line in block.code.splitlines() if line.strip()]
    return [shlex.split(line) for line in lines]


def test_the_page_has_commands_for_every_command() -> None:
    used = {tuple(args[1:3]) for block in BLOCKS for args in commands(block)}
    firsts = {args[0] for args in used}
    assert firsts == {"credits", "key", "activity", "generation", "keys", "models",
                      "guardrails", "login"}  # fmt: skip
    assert {args[1] for args in used if args[0] == "keys"} == {
        "create",
        "list",
        "update",
        "delete",
    }
    assert all(args[0] == PROGRAM for block in BLOCKS for args in commands(block))


def test_the_install_line_is_the_one_the_command_prints() -> None:
    (install,) = code_blocks(PAGE, "bash")
    assert install.code.strip() in INSTALL_HINT


@pytest.mark.parametrize("block", BLOCKS, ids=[block.id for block in BLOCKS])
def test_documented_commands_run(
    block: CodeBlock, emu: OpenRouterEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    llm = ChatOpenRouter(model="openai/gpt-4o-mini")
    monkeypatch.setenv("GENERATION_ID", llm.invoke("Hello").response_metadata["id"])
    monkeypatch.setenv("KEY_HASH", create_api_key("documented").hash)
    create_guardrail("prod budget", rules={"limit_usd": 5, "reset_interval": "monthly"})
    runner = CliRunner()
    for line in block.code.splitlines():
        if not line.strip():
            continue
        args = shlex.split(os.path.expandvars(line))
        result = runner.invoke(cli, args[1:])
        assert result.exit_code == 0, (line, result.output)
        assert result.stdout.strip(), line
        if "--json" in args:
            json.loads(result.stdout)


def test_the_sample_output_is_what_credits_prints(emu: OpenRouterEmulator) -> None:
    (sample,) = code_blocks(PAGE, "text")
    result = CliRunner().invoke(cli, ["credits"])
    assert result.exit_code == 0
    printed = [line.rstrip() for line in result.stdout.splitlines()]
    assert printed == sample.code.splitlines()

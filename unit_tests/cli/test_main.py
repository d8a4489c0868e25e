"""The entry points, the extra's absence, and what importing the package loads."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points, requires

from click.testing import CliRunner

from langchain_openrouter._version import __version__
from langchain_openrouter.cli import INSTALL_HINT
from langchain_openrouter.cli.app import cli

COMMANDS = ["activity", "credits", "generation", "guardrails", "key", "keys", "login", "models"]


def python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )


CORE = (
    "langchain_openrouter.platform",
    "langchain_openrouter.types",
    "langchain_openrouter.errors",
    "langchain_openrouter.retrievers",
    "langchain_openrouter.chat_models",
    "langchain_openrouter.embeddings",
    "langchain_openrouter.testing",
)


def test_importing_the_package_loads_neither_click_nor_rich() -> None:
    done = python(
        "import sys\n"
        "import langchain_openrouter, langchain_openrouter.cli\n"
        "print(sorted({'click', 'rich'} & set(sys.modules)))\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "[]\n"


def test_no_core_module_imports_click_or_rich() -> None:
    # httpx's own command line (httpx._main) imports click and rich whenever they are
    # installed; with it kept out, whatever still loads them would be ours.
    done = python(
        "import sys\n"
        "sys.modules['httpx._main'] = None\n"
        f"for name in {CORE!r}: __import__(name)\n"
        "print(sorted({'click', 'rich'} & set(sys.modules)))\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "[]\n"


def test_the_core_works_without_the_extra() -> None:
    done = python(
        "import sys\n"
        "sys.modules['click'] = sys.modules['rich'] = None\n"
        f"for name in {CORE!r}: __import__(name)\n"
        "from langchain_openrouter import ChatOpenRouter, OpenRouterModelRetriever\n"
        "ChatOpenRouter(model='openai/gpt-4o-mini', api_key='sk-or-v1-x')\n"
        "OpenRouterModelRetriever(k=1)\n"
        "print('ok')\n"
    )
    assert (done.returncode, done.stdout) == (0, "ok\n"), done.stderr


def test_without_the_extra_one_line_and_exit_2() -> None:
    for blocked in ("click", "rich"):
        done = python(
            "import runpy, sys\n"
            f"sys.modules[{blocked!r}] = None\n"
            "sys.argv = ['langchain-openrouter', 'credits']\n"
            "runpy.run_module('langchain_openrouter', run_name='__main__')\n"
        )
        assert done.returncode == 2
        assert done.stdout == ""
        assert done.stderr == INSTALL_HINT + "\n"
        assert 'pip install "langchain-openrouter[cli]"' in done.stderr


def test_python_dash_m_runs_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "langchain_openrouter", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, f"langchain-openrouter, version {__version__}\n")


def test_the_console_script_and_the_extra_are_declared() -> None:
    (script,) = entry_points(group="console_scripts", name="langchain-openrouter")
    assert script.value == "langchain_openrouter.cli:main"
    declared = [r.replace("'", '"') for r in requires("langchain-openrouter") or []]
    extra = [r for r in declared if 'extra == "cli"' in r]
    assert sorted(r.split(">=")[0] for r in extra) == ["click", "rich"]


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    listed = [
        line.split()[0]
        for line in result.stdout.split("Commands:", 1)[1].splitlines()
        if line.strip()
    ]
    assert listed == COMMANDS


def test_every_command_takes_json_api_key_and_base_url() -> None:
    runner = CliRunner()
    leaves = [
        ["login"], ["credits"], ["key"], ["generation"], ["activity"], ["keys", "list"],
        ["keys", "create"], ["keys", "update"], ["keys", "delete"], ["models", "search"],
        ["guardrails", "list"],
    ]  # fmt: skip
    for leaf in leaves:
        result = runner.invoke(cli, [*leaf, "--help"])
        assert result.exit_code == 0, leaf
        for option in ("--json", "--api-key", "--base-url"):
            assert option in result.stdout, (leaf, option)


def test_an_unknown_command_is_exit_2() -> None:
    result = CliRunner().invoke(cli, ["nope"])
    assert result.exit_code == 2
    assert "No such command 'nope'" in result.stderr

"""The command line against the served emulator: output, JSON values and exit codes."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import webbrowser
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from integration_tests.consent_user import httpx_browser
from langchain_openrouter import (
    ChatOpenRouter,
    OpenRouterModelRetriever,
    create_guardrail,
    get_generation,
    get_key_info,
)
from langchain_openrouter.cli.app import cli
from langchain_openrouter.errors import AuthenticationError
from langchain_openrouter.testing import OpenRouterEmulator

ENV_NAMES = (
    "OPENROUTER_API_KEY",
    "OPENROUTER_PROVISIONING_KEY",
    "OPENROUTER_API_BASE",
    "OPENROUTER_BASE_URL",
)


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[OpenRouterEmulator, str]]:
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    emu = OpenRouterEmulator(credits=50.0)
    with emu.serve() as base_url:
        yield emu, base_url


class CLI:
    """Runs ``langchain-openrouter`` in-process, with the URL and keys on the command line."""

    def __init__(self, emu: OpenRouterEmulator, base_url: str) -> None:
        self.emu = emu
        self.base_url = base_url
        self.runner = CliRunner()

    def __call__(self, *args: str, key: str | None = "management") -> Result:
        connection = ["--base-url", self.base_url]
        if key == "management":
            connection += ["--api-key", self.emu.provisioning_key]
        elif key is not None:
            connection += ["--api-key", key]
        return self.runner.invoke(cli, [*args, *connection])

    def ok(self, *args: str, key: str | None = "management") -> str:
        result = self(*args, key=key)
        assert result.exit_code == 0, (result.stdout, result.stderr)
        assert result.stderr == ""
        return result.stdout

    def json(self, *args: str, key: str | None = "management") -> Any:
        return json.loads(self.ok(*args, "--json", key=key))


@pytest.fixture
def run(served: tuple[OpenRouterEmulator, str]) -> CLI:
    return CLI(*served)


def complete(emu: OpenRouterEmulator, base_url: str) -> str:
    """One chat completion with the emulator's inference key; its generation id."""
    llm = ChatOpenRouter(model="openai/gpt-4o-mini", api_key=emu.api_key, base_url=base_url)
    gen_id = llm.invoke("Hello there").response_metadata["id"]
    assert isinstance(gen_id, str)
    return gen_id


def test_key_lifecycle_prints_the_secret_once(run: CLI) -> None:
    created = run.json("keys", "create", "ci runner", "--limit", "2.5", "--limit-reset", "daily")
    secret = created["key"]
    assert secret.startswith("sk-or-v1-")
    digest = hashlib.sha256(secret.encode()).hexdigest()
    assert (created["name"], created["limit"], created["limit_reset"]) == (
        "ci runner",
        2.5,
        "daily",
    )
    assert created["hash"] == digest
    assert created["disabled"] is False

    table = run.ok("keys", "create", "second", "--expires-at", "2030-01-02T03:04")
    new_secret = table.split("New key: ", 1)[1].split()[0]
    assert table.count(new_secret) == 1
    assert "2030-01-02 03:04 UTC" in table
    assert "shown this once" in table

    outputs = [run.ok("keys", "list"), json.dumps(run.json("keys", "list"))]
    listed = run.json("keys", "list")
    mine = next(k for k in listed if k["hash"] == digest)
    assert (mine["name"], mine["limit"], mine["label"].startswith("sk-or-v1-")) == (
        "ci runner",
        2.5,
        True,
    )
    assert "ci runner" in outputs[0]
    assert digest in outputs[0]
    assert "$2.50" in outputs[0]

    updated = run.json("keys", "update", digest, "--name", "renamed", "--disable")
    assert (updated[0]["name"], updated[0]["disabled"], updated[0]["limit"]) == (
        "renamed",
        True,
        2.5,
    )
    outputs.append(json.dumps(updated))
    assert digest not in run.ok("keys", "list")
    assert digest in run.ok("keys", "list", "--include-disabled")
    # the full key works as well as its hash, and is never sent: only its hash
    relimited = run.json("keys", "update", secret, "--enable", "--no-limit")
    assert (relimited[0]["disabled"], relimited[0]["limit"]) == (False, None)
    assert all(secret not in request.path for request in run.emu.requests)

    outputs.append(run.ok("keys", "delete", digest))
    assert outputs[-1].strip() == "Deleted."
    assert digest not in run.ok("keys", "list", "--include-disabled")
    for text in outputs:
        assert secret not in text
        assert run.emu.provisioning_key not in text

    gone = run("key", key=secret)
    assert gone.exit_code == 1
    with pytest.raises(AuthenticationError) as info:
        get_key_info(api_key=secret, base_url=run.base_url)
    assert gone.stderr == f"Error: {info.value.message}\n"
    assert gone.stdout == ""


def test_credits_after_a_completion(run: CLI) -> None:
    before = run.json("credits")
    assert before == {"total_credits": 50.0, "total_usage": 0.0, "balance": 50.0}
    gen = get_generation(
        complete(run.emu, run.base_url), api_key=run.emu.api_key, base_url=run.base_url
    )
    assert gen.total_cost is not None
    assert gen.total_cost > 0
    after = run.json("credits")
    assert after["total_credits"] == 50.0
    assert after["total_usage"] == pytest.approx(gen.total_cost)
    assert after["balance"] == pytest.approx(50.0 - gen.total_cost)
    table = run.ok("credits")
    assert "$50.00" in table
    assert "Balance" in table


def test_key_describes_the_calling_key(run: CLI) -> None:
    info = run.json("key", key=run.emu.api_key)
    assert info["label"].startswith("sk-or-v1-")
    assert info["is_management_key"] is False
    assert run.emu.api_key not in json.dumps(info)
    table = run.ok("key", key=run.emu.api_key)
    assert "unlimited" in table
    assert info["label"] in table


def test_generation_and_activity(run: CLI) -> None:
    gen_id = complete(run.emu, run.base_url)
    expected = get_generation(gen_id, api_key=run.emu.api_key, base_url=run.base_url)
    shown = run.json("generation", gen_id, key=run.emu.api_key)
    assert shown["id"] == gen_id
    assert shown["model"] == expected.model
    assert shown["total_cost"] == expected.total_cost
    assert shown["native_tokens_prompt"] == expected.native_tokens_prompt
    table = run.ok("generation", gen_id, key=run.emu.api_key)
    assert gen_id in table
    assert f"{expected.native_tokens_prompt:,}" in table

    today = datetime.now(timezone.utc).date().isoformat()
    rows = run.json("activity", "--start-date", today, "--end-date", today)
    assert [(r["date"], r["model"], r["requests"]) for r in rows] == [(today, expected.model, 1)]
    assert rows[0]["usage"] == pytest.approx(expected.total_cost)
    assert run.json("activity", "--model", "nobody/none") == []
    table = run.ok("activity")
    assert today in table
    assert "Total" in table
    assert run.ok("activity", "--model", "nobody/none").strip() == "No activity in that range."


def test_models_search_through_the_retriever(run: CLI) -> None:
    found = run.json("models", "search", "cheap tools 64k", "-k", "3", key=None)
    ids = [model["id"] for model in found]
    expected = OpenRouterModelRetriever(base_url=run.base_url, k=3).invoke("cheap tools 64k")
    assert ids == [doc.metadata["id"] for doc in expected]
    assert len(ids) == 3
    assert all("tools" in model["supported_parameters"] for model in found)
    assert all(model["context_length"] >= 64_000 for model in found)
    assert [model["retrieval"]["rank"] for model in found] == [1, 2, 3]
    table = run.ok("models", "search", "cheap tools 64k", "-k", "3", key=None)
    assert all(model_id in table for model_id in ids)


def test_models_search_options(run: CLI) -> None:
    found = run.json(
        "models",
        "search",
        "coding",
        "--tools",
        "--vision",
        "--max-price",
        "1",
        "--min-context",
        "100000",
        "--sort",
        "price",
        "-k",
        "4",
        key=None,
    )
    assert found
    for model in found:
        assert "tools" in model["supported_parameters"]
        assert "image" in model["architecture"]["input_modalities"]
        assert model["context_length"] >= 100_000
        assert float(model["pricing"]["prompt"]) * 1_000_000 <= 1
    prices = [float(model["pricing"]["prompt"]) for model in found]
    assert prices == sorted(prices)
    free = run.json("models", "search", "", "--free", "-k", "2", key=None)
    assert len(free) == 2
    for model in free:
        assert float(model["pricing"]["prompt"]) == float(model["pricing"]["completion"]) == 0


def test_guardrails_list(run: CLI) -> None:
    assert run.ok("guardrails", "list").strip() == "No guardrails."
    made = create_guardrail(
        "prod budget",
        rules={"limit_usd": 5, "reset_interval": "monthly"},
        api_key=run.emu.provisioning_key,
        base_url=run.base_url,
    )
    page = run.json("guardrails", "list")
    assert page["total_count"] == 1
    assert [(g["id"], g["name"], g["limit_usd"]) for g in page["data"]] == [
        (made.id, "prod budget", 5.0)
    ]
    table = run.ok("guardrails", "list")
    assert "prod budget" in table
    assert "$5.00" in table
    assert "monthly" in table


def test_a_bad_key_is_exit_1_with_the_typed_message(run: CLI) -> None:
    result = run("credits", key="sk-or-v1-" + "0" * 64)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    with pytest.raises(AuthenticationError) as info:
        get_key_info(api_key="sk-or-v1-" + "0" * 64, base_url=run.base_url)
    assert result.stderr == f"Error: {info.value.message}\n"
    missing = run("generation", "gen-nope", key=run.emu.api_key)
    assert missing.exit_code == 1
    assert "gen-nope" in missing.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "No such command 'nope'"),
        (["keys", "update", "a" * 64], "needs at least one of name, disabled"),
        (["keys", "update", "a" * 64, "--limit", "1", "--no-limit"], "exclude each other"),
        (["keys", "create", "x", "--limit", "-1"], "--limit"),
        (["activity", "--start-date", "yesterday"], "--start-date"),
        (["activity", "--start-date", "2025-02-02", "--end-date", "2025-02-01"], "after"),
        (["models", "search", "x", "--sort", "best"], "--sort"),
        (["login", "--port", "70000"], "--port"),
    ],
)
def test_usage_errors_are_exit_2(run: CLI, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stdout == ""
    assert run.emu.requests == []


def test_no_key_is_a_usage_error_naming_the_variables(run: CLI) -> None:
    result = run("credits", key=None)
    assert result.exit_code == 2
    assert "OPENROUTER_PROVISIONING_KEY" in result.stderr
    assert "--api-key" in result.stderr


def test_the_environment_is_read(run: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENROUTER_BASE_URL", run.base_url)
    monkeypatch.setenv("OPENROUTER_PROVISIONING_KEY", run.emu.provisioning_key)
    result = run.runner.invoke(cli, ["credits", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total_credits"] == 50.0


def test_login_prints_the_new_key_once(run: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(webbrowser, "open", httpx_browser())
    result = run("login", "--port", "0", "--key-label", "laptop", "--json", key=None)
    assert result.exit_code == 0, result.output
    secret = json.loads(result.stdout)["key"]
    record = run.emu.state.key_by_secret(secret)
    assert record is not None
    assert record.name == "laptop"
    assert secret not in result.stderr
    assert "/auth?callback_url=" in result.stderr


def test_login_denied_is_exit_1(run: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(webbrowser, "open", httpx_browser("deny"))
    result = run("login", "--port", "0", key=None)
    assert result.exit_code == 1
    assert "access_denied" in result.stderr


def test_console_script_login_without_a_browser(served: tuple[OpenRouterEmulator, str]) -> None:
    """End to end through the installed entry point: the user opens the printed URL."""
    emu, base_url = served
    script = Path(sys.executable).with_name("langchain-openrouter")
    with subprocess.Popen(  # noqa: S603 (our own entry point, fixed arguments)
        [str(script), "login", "--no-browser", "--port", "0", "--base-url", base_url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stderr is not None
        lines = []
        for line in process.stderr:
            lines.append(line)
            if "/auth?" in line:
                break
        url = lines[-1].strip()
        assert url.startswith(base_url.removesuffix("/api/v1") + "/auth?")
        httpx_browser()(url)
        stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    assert "No browser" not in "".join(lines) + stderr
    secret = stdout.split("New key: ", 1)[1].split()[0]
    assert stdout.count(secret) == 1
    assert emu.state.key_by_secret(secret) is not None

"""``make demo`` runs this code: every scene must work and print what it found.

Without a key the demo serves the emulator on 127.0.0.1; with one, it asks before spending and
these tests point it at an emulator through the base-URL variable, so nothing here ever
reaches the real service.
"""

from __future__ import annotations

import doctest
import io
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import demo.render
import demo.tools
from demo.app import main
from demo.backend import Backend, DemoModels
from demo.budget import PlannedRequest, estimate_cost, plan_for, prices_for
from demo.render import make_console, money
from langchain_openrouter._client.config import BASE_URL_ENV
from langchain_openrouter.testing import OpenRouterEmulator

ROOT = Path(__file__).resolve().parent.parent
KEY_VARIABLES = ("OPENROUTER_API_KEY", "OPENROUTER_PROVISIONING_KEY", *BASE_URL_ENV)


class Terminal(io.StringIO):
    """Typed answers, as from a person at a terminal."""

    def isatty(self) -> bool:
        return True


def run_demo(environ: dict[str, str], stdin: io.StringIO | None = None) -> tuple[int, str]:
    out = io.StringIO()
    code = main(console=make_console(out), environ=environ, stdin=stdin or io.StringIO())
    return code, out.getvalue()


def money_in(line: str) -> list[Decimal]:
    return [Decimal(value.replace(",", "")) for value in re.findall(r"\$([\d,]+\.\d+)", line)]


def assert_every_scene(out: str) -> None:
    lines = out.splitlines()
    assert "emulator" in lines[0]
    assert "OPENROUTER_API_KEY" in lines[0]
    # 1. the retriever's picks and what it understood
    assert "│ 1 │ meta-llama/llama-3.3-70b-instruct:free │  65,536 │" in out
    assert "understood: sort=price; supported_parameters=tools; min_context_length=64000" in out
    # 2. the agent's tool calls and the tools' real results
    assert '→ calculator({"expression": "1234 * 5678"})' in out
    assert '→ convert_units({"value": 42, "from_unit": "km", "to_unit": "mi"})' in out
    assert "↳ calculator returned 7006652" in out
    assert "↳ convert_units returned 42 km = 26.0976 mi" in out
    assert (
        "Based on the tool results: calculator returned 7006652; convert_units returned 42 km = "
        "26.0976 mi." in out
    )
    # 3. structured output
    assert re.search(r"│ name\s+│ 'Ada Lovelace' │ str\s+│", out)
    assert re.search(r"│ age\s+│ 36\s+│ int\s+│", out)
    assert re.search(r"│ city\s+│ 'London'\s+│ str\s+│", out)
    # 4. reasoning apart from the answer
    reasoning_at = out.index("╭─ reasoning · the emulator's answer")
    answer_at = out.index("╭─ answer · the emulator's answer")
    assert reasoning_at < out.index("17 * 23 = 391.") < answer_at
    assert answer_at < out.index("No. 391 = 17 * 23, so it is not prime.")
    (thought,) = re.findall(r"^(\d+) reasoning tokens, billed as output$", out, re.MULTILINE)
    # 5. the fallback served the answer and says so
    assert "Hello from the fallback model!" in out
    assert "served by anthropic/claude-4.5-haiku-20251001 (Anthropic)" in out
    # 6. the semantic search ranks the banana first
    search = out[out.index("query: Which fruit is rich in potassium?") :]
    first_hit = next(line for line in search.splitlines() if line.startswith("│ 1 │"))
    assert re.fullmatch(
        r"│ 1 │\s+0\.\d{3} │ Bananas are rich in potassium and easy to digest\. │", first_hit
    )
    # 7. money in plain notation; the total and the credits agree
    assert not re.search(r"\d[eE]-\d", out)
    total_row = next(line for line in lines if line.startswith("│ total"))
    assert total_row.split("│")[2].strip() == "7"  # requests
    (spent,) = money_in(total_row)
    credits = next(line for line in lines if line.startswith("Credits left:"))
    left, bought, spent_again = money_in(credits)
    assert (bought, spent_again) == (Decimal(100), spent)
    assert left + spent == bought
    assert Decimal("0.0001") < spent < Decimal("0.01")
    reasoner = next(line for line in lines if line.startswith("│ deepseek/deepseek-r1 "))
    assert reasoner.split("│")[6].strip() == thought != "0"
    # every answer panel is labelled as the emulator's
    titles = [line for line in lines if line.startswith("╭─")]
    assert len(titles) == 5
    assert all("the emulator's answer" in title for title in titles)


def test_demo_runs_every_scene_in_process() -> None:
    code, out = run_demo({})
    assert code == 0
    assert_every_scene(out)


def test_python_m_demo_runs_against_the_emulator() -> None:
    env = {k: v for k, v in os.environ.items() if k not in KEY_VARIABLES}
    done = subprocess.run(
        [sys.executable, "-m", "demo"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith("No OPENROUTER_API_KEY: running against the local OpenRouter")
    assert_every_scene(done.stdout)


def test_with_a_key_it_asks_and_spends_nothing_without_a_terminal() -> None:
    emu = OpenRouterEmulator()
    with emu.serve() as base_url:
        # the emulator's key: a fake one OpenRouter never issued, known to this emulator only
        environ = {"OPENROUTER_API_KEY": emu.api_key, "OPENROUTER_BASE_URL": base_url}
        code, out = run_demo(environ, stdin=io.StringIO("y\n"))
        sent = [request.route for request in emu.requests]
        prices = prices_for(Backend(base_url, emu.api_key, emu.provisioning_key))
    assert code == 0
    assert out.splitlines()[0] == (
        f"OPENROUTER_API_KEY is set: running against the OpenRouter API at {base_url} "
        "(from OPENROUTER_BASE_URL)."
    )
    ceiling = estimate_cost(plan_for(DemoModels()), prices)
    assert Decimal("0.001") < ceiling < Decimal("0.05")  # a few tenths of a cent
    assert f"This run sends 8 paid requests and costs at most {money(ceiling)} of your" in out
    assert "Not spending anything: input is not a terminal" in out
    # only the public catalog was read: no completion, no embedding, nothing spent
    assert sent == ["/models", "/embeddings/models"]
    assert emu.credits_left == 100
    assert "1. Picking a model" not in out


def test_with_a_key_a_yes_at_a_terminal_runs_the_scenes() -> None:
    emu = OpenRouterEmulator()
    with emu.serve() as base_url:
        environ = {"OPENROUTER_API_KEY": emu.api_key, "OPENROUTER_BASE_URL": base_url}
        code, out = run_demo(environ, stdin=Terminal("y\n"))
    assert code == 0
    assert "Spend it? [y/n] (n):" in out
    assert "↳ calculator returned 7006652" in out
    assert "╭─ openai/gpt-4o-mini via OpenRouter" in out
    assert "the emulator's answer" not in out
    # no fault injected: the first model of the fallback list answers
    assert "served by openai/gpt-4o-mini (OpenAI)" in out
    # an inference key cannot read /credits: the key's own spend is shown instead
    (line,) = [line for line in out.splitlines() if line.startswith("Credits:")]
    (spent, *_) = money_in(line)
    assert spent == Decimal(str(round(100 - emu.credits_left, 8)))
    assert "OPENROUTER_PROVISIONING_KEY" in line


def test_with_a_key_a_no_at_a_terminal_spends_nothing() -> None:
    emu = OpenRouterEmulator()
    with emu.serve() as base_url:
        environ = {"OPENROUTER_API_KEY": emu.api_key, "OPENROUTER_BASE_URL": base_url}
        code, out = run_demo(environ, stdin=Terminal("n\n"))
    assert code == 0
    assert out.rstrip().endswith("Nothing spent.")
    assert emu.credits_left == 100


def test_the_estimate_is_the_plan_at_catalog_prices() -> None:
    plan = [PlannedRequest("a", 1000, 100, requests=2), PlannedRequest("e", 300, 0)]
    prices = {
        "a": (Decimal("0.000001"), Decimal("0.000004")),
        "e": (Decimal("0.0000001"), Decimal(0)),
    }
    assert estimate_cost(plan, prices) == Decimal("0.00283")  # 2 * (0.001 + 0.0004) + 0.00003
    with pytest.raises(LookupError, match="b is not in the model catalog"):
        estimate_cost([PlannedRequest("b", 1, 1)], prices)


def test_money_is_plain_notation() -> None:
    assert money(6.3e-06) == "$0.0000063"
    assert money(Decimal("1234.5")) == "$1,234.50"
    assert money(0) == "$0.00"
    assert money(-0.25) == "-$0.25"


@pytest.mark.parametrize("module", [demo.tools, demo.render])
def test_module_examples(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.attempted > 0
    assert result.failed == 0

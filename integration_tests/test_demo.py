"""``make demo`` runs the same code: every step must work and print what it says."""

from __future__ import annotations

import pytest

import demo


def test_demo_runs_every_step(capsys: pytest.CaptureFixture[str]) -> None:
    demo.main()
    out = capsys.readouterr().out
    assert "invoke  -> 'Hello from langchain-openrouter!'" in out
    assert "'streams arrive piece by piece'" in out
    assert "tool    -> get_weather({'city': 'Paris'}) = '18°C and sunny in Paris'" in out
    assert (
        "answer  -> 'Based on the tool results: get_weather returned 18°C and sunny in Paris.'"
        in out
    )
    assert "Capital(country='France', capital='Paris')" in out
    assert "error   -> InsufficientCreditsError: Error code: 402" in out

"""The testing package stays light until used, and exposes its public names."""

from __future__ import annotations

import subprocess
import sys

import pytest

import langchain_openrouter.testing as testing


def test_import_is_lazy() -> None:
    code = (
        "import sys, langchain_openrouter.testing as t; "
        "heavy = [m for m in ('langchain_openrouter.testing.emulator', 'tiktoken', 'httpx') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_names() -> None:
    assert dir(testing) == ["Fault", "OpenRouterEmulator", "Request", "Response", "ScriptRule"]
    assert testing.OpenRouterEmulator.__name__ == "OpenRouterEmulator"
    assert testing.Fault.__name__ == "Fault"
    with pytest.raises(AttributeError, match="Nope"):
        testing.Nope  # noqa: B018

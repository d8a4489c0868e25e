from __future__ import annotations

import subprocess
import sys

import pytest

import langchain_openrouter
import langchain_openrouter.testing
from langchain_openrouter._lazy import lazy_exports


def test_names_load_on_first_use_and_are_cached() -> None:
    namespace: dict[str, object] = {}
    getattr_, dir_ = lazy_exports("pkg", {"dumps": "json"}, namespace, ["dumps"])
    import json

    assert getattr_("dumps") is json.dumps
    assert namespace == {"dumps": json.dumps}
    assert dir_() == ["dumps"]


def test_unknown_names_are_attribute_errors() -> None:
    with pytest.raises(
        AttributeError, match="module 'langchain_openrouter' has no attribute 'Nope'"
    ):
        _ = langchain_openrouter.Nope  # type: ignore[attr-defined]
    with pytest.raises(AttributeError, match=r"'langchain_openrouter\.testing' has no"):
        _ = langchain_openrouter.testing.Nope  # type: ignore[attr-defined]


def test_public_names_resolve() -> None:
    assert langchain_openrouter.ChatOpenRouter.__name__ == "ChatOpenRouter"
    assert langchain_openrouter.testing.OpenRouterEmulator.__name__ == "OpenRouterEmulator"
    assert "ChatOpenRouter" in dir(langchain_openrouter)


def test_the_chat_model_loads_no_catalog_machinery() -> None:
    # The live profile reads the catalog lazily; the retriever, the platform functions and the
    # PKCE login's http.server must not be part of every `import` of the chat model.
    code = (
        "import sys\n"
        "from langchain_openrouter import ChatOpenRouter\n"
        "ChatOpenRouter(model='openai/gpt-4o-mini', api_key='sk-or-v1-x')\n"
        "print(sorted(m for m in sys.modules if m.startswith(("
        "'langchain_openrouter.retrievers', 'langchain_openrouter.platform', 'http.server'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"

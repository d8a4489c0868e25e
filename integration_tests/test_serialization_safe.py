"""The documented serialization round trip (docs/chat.md, "Serialization") never prints a key.

langchain-core revives secrets before it checks the namespace, and its error for a missing
``valid_namespaces`` prints the revived object. The documented path passes no secrets, so
neither the round trip nor that error (the path taken without ``valid_namespaces``) can show
the key; the restored model takes the key from ``OPENROUTER_API_KEY`` at its first request.
"""

from __future__ import annotations

import contextlib
import io
import traceback
from collections.abc import Iterator

import pytest
from langchain_core.load import dumpd, dumps, load, loads
from pydantic import SecretStr

from integration_tests.docs_pages import ROOT, code_blocks
from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.testing.state import KeyRecord

CANARY = "sk-or-v1-CANARY" + "f" * 49
OTHER = "sk-or-v1-CANARY" + "9" * 49


def documented_block() -> str:
    (block,) = [b for b in code_blocks(ROOT / "docs" / "chat.md") if "valid_namespaces" in b.code]
    return block.code


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenRouterEmulator]:
    emu = OpenRouterEmulator()
    for secret in (CANARY, OTHER):
        record = KeyRecord(secret=secret, name="canary", management=False, created=0.0)
        emu.state.keys[record.hash] = record
    with emu.serve() as base_url:
        monkeypatch.delenv("OPENROUTER_API_BASE", raising=False)
        monkeypatch.setenv("OPENROUTER_BASE_URL", base_url)
        monkeypatch.setenv("OPENROUTER_API_KEY", CANARY)
        yield emu


def run(code: str) -> tuple[str, dict[str, object]]:
    output = io.StringIO()
    namespace: dict[str, object] = {"__name__": "__docs__"}
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        exec(compile(code, "docs/chat.md", "exec"), namespace)  # noqa: S102
    return output.getvalue(), namespace


def test_the_documented_round_trip_answers_with_the_key_from_the_environment(
    served: OpenRouterEmulator,
) -> None:
    code = documented_block().replace('"sk-or-v1-..."', repr(OTHER))
    output, namespace = run(code + '\nprint(with_other_key.invoke("Hi").content)\n')
    assert output.splitlines() == ["openai/gpt-4o-mini Hello", "Hi"]
    assert CANARY not in output
    assert OTHER not in output
    assert CANARY not in str(namespace["text"])
    sent = [r.headers.get("authorization") for r in served.requests]
    assert sent == [f"Bearer {CANARY}", f"Bearer {OTHER}"]


@pytest.mark.usefixtures("served")
def test_forgetting_valid_namespaces_prints_no_key() -> None:
    code = documented_block().replace(', valid_namespaces=["langchain_openrouter"]', "")
    assert "valid_namespaces" not in code
    with pytest.raises(ValueError, match="Invalid namespace") as info:
        run(code)
    text = "".join(traceback.format_exception(info.value))
    assert "openrouter_api_key" in text
    assert CANARY not in text


@pytest.mark.usefixtures("served")
# Leaving allowed_objects out is the mistake tried here; core's notice about its default is known.
@pytest.mark.filterwarnings("ignore:The default value of `allowed_objects`")
@pytest.mark.parametrize("allowed", [None, "all"])
def test_other_forgotten_arguments_print_no_key(allowed: str | None) -> None:
    llm = ChatOpenRouter(model="openai/gpt-4o-mini")
    kwargs = {} if allowed is None else {"allowed_objects": allowed}
    with pytest.raises(ValueError, match="langchain_openrouter") as info:
        loads(dumps(llm), **kwargs)  # type: ignore[arg-type]
    assert CANARY not in "".join(traceback.format_exception(info.value))
    with pytest.raises(ValueError, match="langchain_openrouter") as info:
        load(dumpd(llm), **kwargs)  # type: ignore[arg-type]
    assert CANARY not in "".join(traceback.format_exception(info.value))


@pytest.mark.usefixtures("served")
def test_an_explicit_key_is_not_serialized_either() -> None:
    llm = ChatOpenRouter(model="openai/gpt-4o-mini", api_key=SecretStr(OTHER))
    text = dumps(llm)
    assert OTHER not in text
    assert '"id": ["OPENROUTER_API_KEY"]' in text

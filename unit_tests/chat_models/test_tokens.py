"""Counting without a tokenizer file: the estimate is never under the real count."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from langchain_openrouter import ChatOpenRouter, _tokens
from unit_tests.chat_models.conversations import CASES, Case
from unit_tests.testing.conftest import TIKTOKEN_CACHE


@pytest.fixture(autouse=True)
def _fresh_encoding() -> Iterator[None]:
    _tokens.reset_encoding_cache()
    yield
    _tokens.reset_encoding_cache()


def _counts(case: Case) -> int:
    llm = ChatOpenRouter(model=case.model)
    return llm.get_num_tokens_from_messages(case.messages, tools=case.tools or None)


def test_the_fallback_never_counts_under_the_tokenizer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(TIKTOKEN_CACHE))
    exact = {case.id: _counts(case) for case in CASES}
    texts = {case.id: [str(m.content) for m in case.messages] for case in CASES}
    real = {
        case.id: [_tokens.count_tokens(t, case.model) for t in texts[case.id]] for case in CASES
    }
    _tokens.reset_encoding_cache()
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))  # no encoding files here
    with caplog.at_level(logging.WARNING, logger="langchain_openrouter"):
        estimated = {case.id: _counts(case) for case in CASES}
    assert _tokens.encoding("o200k_base") is None
    for case in CASES:
        assert estimated[case.id] >= exact[case.id], case.id
        # An estimate, not a wild guess: non-Latin scripts are where it errs most.
        assert estimated[case.id] <= 3 * exact[case.id], case.id
        for text, count in zip(texts[case.id], real[case.id], strict=True):
            assert _tokens.approximate_tokens(text) >= count, (case.id, text)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert sorted(w.split(" file ")[0] for w in warnings) == [
        "tiktoken's cl100k_base",
        "tiktoken's o200k_base",
    ]
    assert all("TIKTOKEN_CACHE_DIR" in w for w in warnings)


def test_token_ids_without_the_file_say_how_to_get_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    llm = ChatOpenRouter(model="openai/gpt-4o")
    with pytest.raises(RuntimeError, match=r"o200k_base file; set TIKTOKEN_CACHE_DIR"):
        llm.get_token_ids("hello")
    assert llm.get_num_tokens("hello world") == 4


def test_message_likes_count_as_the_messages_invoke_makes_of_them() -> None:
    """What ``invoke`` accepts is counted the same: tuples, dicts, strings, a prompt value."""
    from langchain_core.messages import HumanMessage, SystemMessage
    from langchain_core.prompt_values import ChatPromptValue

    llm = ChatOpenRouter(model="openai/gpt-4o")
    messages = [SystemMessage("Be brief"), HumanMessage("What is 2 + 2?")]
    expected = llm.get_num_tokens_from_messages(messages)
    likes: list[object] = [
        [("system", "Be brief"), ("user", "What is 2 + 2?")],
        [{"role": "system", "content": "Be brief"}, {"role": "user", "content": "What is 2 + 2?"}],
        [SystemMessage("Be brief"), "What is 2 + 2?"],
        ChatPromptValue(messages=messages),
    ]
    for like in likes:
        assert llm.get_num_tokens_from_messages(like) == expected, like  # type: ignore[arg-type]
    assert llm.get_num_tokens_from_messages("hi") == llm.get_num_tokens_from_messages(["hi"])


def test_a_message_that_is_no_message_is_named_by_position() -> None:
    llm = ChatOpenRouter(model="openai/gpt-4o")
    with pytest.raises(TypeError, match=r"messages\[1\]: Unsupported message type"):
        llm.get_num_tokens_from_messages(["hi", 5])  # type: ignore[list-item]
    with pytest.raises(ValueError, match=r"messages\[0\]: Unexpected message type: 'alien'"):
        llm.get_num_tokens_from_messages([{"role": "alien", "content": "hi"}])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="messages must be a list of messages"):
        llm.get_num_tokens_from_messages(5)  # type: ignore[arg-type]

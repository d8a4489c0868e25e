"""get_num_tokens_from_messages against what the emulator bills, and trim_messages on it."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, trim_messages

from langchain_openrouter import _tokens
from langchain_openrouter.errors import BadRequestError
from langchain_openrouter.testing import OpenRouterEmulator
from unit_tests.chat_models.conversations import CASES, Case


@pytest.fixture(scope="module")
def emu() -> OpenRouterEmulator:
    return OpenRouterEmulator(credits=1_000)


def test_the_set_is_varied_enough() -> None:
    assert len(CASES) >= 30
    assert len({case.id for case in CASES}) == len(CASES)
    assert sum(1 for case in CASES if case.tools) >= 10
    assert sum(1 for case in CASES if case.model.startswith("openai/")) >= 25


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_counted_is_billed(emu: OpenRouterEmulator, case: Case) -> None:
    llm = emu.chat_model(case.model)
    counted = llm.get_num_tokens_from_messages(case.messages, tools=case.tools or None)
    runnable = llm.bind_tools(case.tools) if case.tools else llm
    reply = runnable.invoke(case.messages)
    assert isinstance(reply, AIMessage)
    assert reply.usage_metadata is not None
    assert counted == reply.usage_metadata["input_tokens"]
    # The count is not a constant: every part of the case shows in it.
    assert counted > 3 * len(case.messages) + 3
    if case.model.startswith("openai/"):
        assert _tokens.is_exact(case.model)


def test_trim_messages_keeps_what_fits_the_billed_budget(emu: OpenRouterEmulator) -> None:
    llm = emu.chat_model("openai/gpt-4o-mini")
    history = [SystemMessage("You are terse.")]
    for turn in range(12):
        history += [
            HumanMessage(f"Question {turn}: what is {turn} squared?"),
            AIMessage(f"{turn**2}"),
        ]
    history.append(HumanMessage("And 12 squared?"))
    budget = 120
    trimmed = trim_messages(
        history,
        max_tokens=budget,
        token_counter=llm,
        strategy="last",
        include_system=True,
        start_on="human",
    )
    assert isinstance(trimmed[0], SystemMessage)
    assert trimmed[-1].content == "And 12 squared?"
    assert len(trimmed) < len(history)
    billed = llm.invoke(trimmed).usage_metadata
    assert billed is not None
    assert billed["input_tokens"] <= budget
    # One more exchange from the history would have gone over: the trim is as tight as it can be.
    dropped = history[len(history) - len(trimmed) - 1 : len(history) - len(trimmed) + 1]
    wider = [trimmed[0], *dropped, *trimmed[1:]]
    assert llm.get_num_tokens_from_messages(wider) > budget
    assert llm.invoke(wider).usage_metadata["input_tokens"] > budget  # type: ignore[index]


def test_the_answer_is_counted_with_the_models_tokenizer_too() -> None:
    emu = OpenRouterEmulator()
    reply_text = "日本語のテキストを数える"
    emu.script(reply_text, when="japanese", times=None)
    counts = {}
    for model in ["openai/gpt-4o", "anthropic/claude-haiku-4.5"]:
        usage = emu.chat_model(model).invoke("Some japanese, please").usage_metadata
        assert usage is not None
        counts[model] = usage["output_tokens"]
    assert counts == {
        "openai/gpt-4o": _tokens.count_tokens(reply_text, "openai/gpt-4o"),
        "anthropic/claude-haiku-4.5": _tokens.count_tokens(reply_text, "openai/gpt-4"),
    }
    assert counts["openai/gpt-4o"] == 9
    assert counts["anthropic/claude-haiku-4.5"] == 12


def test_the_context_limit_is_checked_on_the_same_count() -> None:
    emu = OpenRouterEmulator()
    llm = emu.chat_model("microsoft/phi-4")  # a 16,384-token context
    messages = [SystemMessage("You are terse."), HumanMessage("Summarise: " + "data " * 300)]
    prompt = llm.get_num_tokens_from_messages(messages)
    room = 16_384 - prompt
    assert llm.invoke(messages, max_tokens=room).usage_metadata["input_tokens"] == prompt  # type: ignore[index]
    with pytest.raises(BadRequestError, match=f"{prompt} of text input, {room + 1} in the output"):
        llm.invoke(messages, max_tokens=room + 1)

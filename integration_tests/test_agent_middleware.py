"""LangChain's agent middleware reads our errors through langchain-core's ``ModelError`` family.

``ModelRetryMiddleware`` retries what ``is_retryable`` allows (and every exception outside the
family), so a 401 must not be retried and a 429 must be; ``SummarizationMiddleware`` catches
``ContextOverflowError`` from its summary call and tries again with the middle of the history cut
out, so OpenRouter's context-length 400 must be a ``ContextLengthError``. The emulator counts
the requests that reached it.
"""

from __future__ import annotations

import pytest
from langchain.agents import create_agent
from langchain.agents.middleware import ModelRetryMiddleware, SummarizationMiddleware
from langchain_core.exceptions import ContextOverflowError
from langchain_core.messages import AIMessage, HumanMessage

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.errors import AuthenticationError, ContextLengthError
from langchain_openrouter.testing import OpenRouterEmulator

MODEL = "openai/gpt-4o-mini"

# OpenRouter's own wording of a prompt over the context window (the 400 it sends).
CONTEXT_LENGTH_BODY = {
    "error": {
        "code": 400,
        "message": (
            "This endpoint's maximum context length is 128000 tokens. However, you requested "
            "about 131000 tokens (130000 of text input, 1000 in the output). Please reduce the "
            'length of either one, or use the "middle-out" transform to compress your prompt '
            "automatically."
        ),
        "metadata": {"error_type": "context_length_exceeded"},
    }
}


@pytest.fixture
def emu() -> OpenRouterEmulator:
    return OpenRouterEmulator()


def _llm(emu: OpenRouterEmulator) -> ChatOpenRouter:
    # max_retries=0: the client's own retries are off, so every retry the emulator sees is the
    # middleware's.
    return ChatOpenRouter(
        model=MODEL,
        api_key=emu.api_key,
        base_url=emu.base_url,
        http_client=emu.client(),
        max_retries=0,
    )


def _chat_requests(emu: OpenRouterEmulator) -> int:
    return sum(1 for request in emu.requests if request.route == "/chat/completions")


def _retrying() -> ModelRetryMiddleware:
    return ModelRetryMiddleware(max_retries=2, initial_delay=0.0, jitter=False, on_failure="error")


def test_retry_middleware_does_not_retry_a_401(emu: OpenRouterEmulator) -> None:
    emu.fail_next(401)
    agent = create_agent(_llm(emu), [], middleware=[_retrying()])
    with pytest.raises(AuthenticationError) as info:
        agent.invoke({"messages": [HumanMessage("Hi")]})
    assert info.value.is_retryable is False
    assert _chat_requests(emu) == 1


def test_retry_middleware_retries_a_429(emu: OpenRouterEmulator) -> None:
    emu.fail_next(429, times=2)
    agent = create_agent(_llm(emu), [], middleware=[_retrying()])
    result = agent.invoke({"messages": [HumanMessage("Hi")]})
    assert _chat_requests(emu) == 3
    answer = result["messages"][-1]
    assert isinstance(answer, AIMessage)
    assert answer.text


def test_summarization_middleware_summarizes_after_a_context_length_400(
    emu: OpenRouterEmulator,
) -> None:
    llm = _llm(emu)
    summarizing = SummarizationMiddleware(model=llm, trigger=("messages", 4), keep=("messages", 1))
    emu.faults.add(status=400, body=CONTEXT_LENGTH_BODY)
    history = [
        HumanMessage("My name is Ada and I am planning a trip to Lisbon in May."),
        AIMessage("Lisbon in May is lovely: mild, sunny and before the summer crowds."),
        HumanMessage("Which neighbourhoods should I stay in?"),
        AIMessage("Alfama for the old town, Chiado for shops, Principe Real for quiet."),
        HumanMessage("What was my name again?"),
    ]

    result = create_agent(llm, [], middleware=[summarizing]).invoke({"messages": history})

    sent = [r.json() for r in emu.requests if r.route == "/chat/completions"]
    # The summary call (400), its retry with the middle cut out (200), then the agent's call.
    assert len(sent) == 3
    first, retry = (body["messages"][-1]["content"] for body in sent[:2])
    assert "middle of conversation omitted" not in first
    assert "middle of conversation omitted" in retry
    messages = result["messages"]
    assert len(messages) < len(history) + 1
    assert "summary" in messages[0].text.lower()
    assert isinstance(messages[-1], AIMessage)
    assert messages[-1].text
    # The agent's own call got the summary instead of the five original messages.
    assert len(sent[2]["messages"]) == len(messages) - 1


def test_context_length_400_from_the_emulator_is_a_context_overflow(
    emu: OpenRouterEmulator,
) -> None:
    emu.faults.add(status=400, body=CONTEXT_LENGTH_BODY)
    with pytest.raises(ContextOverflowError) as info:
        _llm(emu).invoke("Hi")
    assert isinstance(info.value, ContextLengthError)
    assert info.value.message == CONTEXT_LENGTH_BODY["error"]["message"]

"""ChatOpenRouter pointed at the emulator, in-process and served, as docs/testing.md shows."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage, ToolMessage
from langchain_core.tools import tool

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.errors import BadRequestError
from langchain_openrouter.testing import OpenRouterEmulator
from unit_tests.testing.helpers import overflow_message


@tool
def get_weather(city: str) -> str:
    """Current weather in a city."""
    return f"18 C and sunny in {city}"


def test_in_process_chat_model_with_a_scripted_reply() -> None:
    emu = OpenRouterEmulator()
    emu.script("It is sunny in Paris.", when="weather")
    llm = emu.chat_model("openai/gpt-4o-mini")
    assert llm.invoke("What's the weather?").content == "It is sunny in Paris."
    assert llm.invoke("Echo this").content == "Echo this"
    assert emu.requests[-1].route == "/chat/completions"


async def test_served_chat_model_runs_a_tool_loop() -> None:
    emu = OpenRouterEmulator()
    with emu.serve() as base_url:
        llm = ChatOpenRouter(
            model="anthropic/claude-haiku-4.5", api_key=emu.api_key, base_url=base_url
        ).bind_tools([get_weather])
        messages: list = [HumanMessage("What is the weather in Paris?")]
        first = await llm.ainvoke(messages)
        assert [(c["name"], c["args"]) for c in first.tool_calls] == [
            ("get_weather", {"city": "Paris"})
        ]
        messages += [
            first,
            ToolMessage(
                get_weather.invoke(first.tool_calls[0]["args"]),
                tool_call_id=first.tool_calls[0]["id"],
            ),
        ]
        final = await llm.ainvoke(messages)
    assert (
        final.content == "Based on the tool results: get_weather returned 18 C and sunny in Paris."
    )
    assert final.usage_metadata is not None
    assert final.usage_metadata["input_tokens"] > 0


def test_served_prompt_over_the_context_length_is_a_400() -> None:
    emu = OpenRouterEmulator()
    text = "word " * 2000
    with emu.serve() as base_url:
        roomy = ChatOpenRouter(model="openai/gpt-4o-mini", api_key=emu.api_key, base_url=base_url)
        usage = roomy.invoke(text).usage_metadata
        assert usage is not None
        prompt = usage["input_tokens"]
        llm = ChatOpenRouter(
            model="qwen/qwen3-32b", api_key=emu.api_key, base_url=base_url, max_tokens=40000
        )
        sent = len(emu.requests)
        with pytest.raises(BadRequestError) as caught:
            llm.invoke(text)
    assert caught.value.status_code == 400
    assert caught.value.message == overflow_message(40960, prompt, 40000)
    assert caught.value.metadata == {"error_type": "context_length_exceeded"}
    assert len(emu.requests) == sent + 1  # a 400 is not retried

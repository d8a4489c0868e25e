"""``ChatOpenRouter(use_responses_api=True)`` over real HTTP to the emulator's ``/responses``.

Every call here goes to ``POST /responses`` (asserted on the requests the emulator saw); the
same calls on the chat path give the same content, tool calls and usage.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from langchain.agents import create_agent
from langchain_core.messages import AIMessage, AIMessageChunk, HumanMessage, ToolMessage
from langchain_core.tools import tool
from pydantic import BaseModel

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.errors import (
    BadRequestError,
    ContextLengthError,
    NotFoundError,
    RateLimitError,
    StreamError,
)
from langchain_openrouter.testing import OpenRouterEmulator

MODEL = "openai/gpt-5-mini"


class Capital(BaseModel):
    """A country's capital."""

    country: str
    capital: str


@tool
def get_weather(city: str) -> str:
    """Get the current weather for a city."""
    return f"18 C and sunny in {city}"


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator(credits=1_000)
    with emu.serve() as base_url:
        yield emu, base_url


@pytest.fixture
def emu(served: tuple[OpenRouterEmulator, str]) -> OpenRouterEmulator:
    served[0].clear_scripts()
    served[0].faults.clear()
    return served[0]


def _llm(served: tuple[OpenRouterEmulator, str], **kwargs: Any) -> ChatOpenRouter:
    emu, base_url = served
    params: dict[str, Any] = {"model": MODEL, "use_responses_api": True, "max_retries": 0}
    return ChatOpenRouter(base_url=base_url, api_key=emu.api_key, **{**params, **kwargs})


def _sum(chunks: Iterator[AIMessageChunk] | list[AIMessageChunk]) -> AIMessageChunk:
    total: AIMessageChunk | None = None
    for chunk in chunks:
        total = chunk if total is None else total + chunk
    assert total is not None
    return total


def _last_body(emu: OpenRouterEmulator) -> dict[str, Any]:
    request = emu.requests[-1]
    assert request.path.endswith("/responses")
    body: dict[str, Any] = json.loads(request.body)
    return body


def test_invoke_and_stream_agree(
    served: tuple[OpenRouterEmulator, str], emu: OpenRouterEmulator
) -> None:
    llm = _llm(served)
    message = llm.invoke("Say hello to Ada")
    assert _last_body(emu)["input"] == [
        {"type": "message", "role": "user", "content": "Say hello to Ada"}
    ]
    streamed = _sum(llm.stream("Say hello to Ada"))
    assert _last_body(emu)["stream"] is True
    assert message.content == "Say hello to Ada"
    assert streamed.content == message.content
    assert streamed.additional_kwargs["reasoning"] == message.additional_kwargs["reasoning"]
    assert streamed.usage_metadata == message.usage_metadata
    assert message.usage_metadata is not None
    assert message.usage_metadata["input_tokens"] > 0
    assert message.usage_metadata["output_token_details"]["reasoning"] > 0
    assert message.response_metadata["cost"] > 0
    assert streamed.response_metadata["cost"] == message.response_metadata["cost"]
    # The same counts as the chat path for the same request.
    chat = _llm(served, use_responses_api=False).invoke("Say hello to Ada")
    assert chat.content == message.content
    assert chat.usage_metadata is not None
    for key in ("input_tokens", "output_tokens", "total_tokens"):
        assert chat.usage_metadata[key] == message.usage_metadata[key]  # type: ignore[literal-required]
    assert chat.response_metadata["cost"] == message.response_metadata["cost"]


async def test_async_invoke_stream_and_batch(served: tuple[OpenRouterEmulator, str]) -> None:
    llm = _llm(served)
    message = await llm.ainvoke("Hello async")
    streamed = _sum([chunk async for chunk in llm.astream("Hello async")])
    assert streamed.content == message.content == "Hello async"
    assert streamed.usage_metadata == message.usage_metadata
    answers = await llm.abatch(["one", "two", "three"])
    assert [a.content for a in answers] == ["one", "two", "three"]
    assert [a.content for a in llm.batch(["four", "five"])] == ["four", "five"]


def test_per_call_flag(served: tuple[OpenRouterEmulator, str], emu: OpenRouterEmulator) -> None:
    llm = _llm(served, use_responses_api=False)
    llm.invoke("hi", use_responses_api=True)
    assert emu.requests[-1].path.endswith("/responses")
    llm.invoke("hi")
    assert emu.requests[-1].path.endswith("/chat/completions")


def test_tool_round_trip_streamed_and_not(
    served: tuple[OpenRouterEmulator, str], emu: OpenRouterEmulator
) -> None:
    llm = _llm(served).bind_tools([get_weather], tool_choice="get_weather")
    first = llm.invoke("Weather in Paris?")
    assert [(c["name"], c["args"]) for c in first.tool_calls] == [
        ("get_weather", {"city": "Paris"})
    ]
    assert first.response_metadata["finish_reason"] == "tool_calls"
    streamed = _sum(llm.stream("Weather in Paris?"))
    assert [(c["name"], c["args"]) for c in streamed.tool_calls] == [
        ("get_weather", {"city": "Paris"})
    ]
    call = first.tool_calls[0]
    result = ToolMessage(get_weather.invoke(call["args"]), tool_call_id=call["id"])
    answer = (
        _llm(served)
        .bind_tools([get_weather])
        .invoke([HumanMessage("Weather in Paris?"), first, result])
    )
    items = _last_body(emu)["input"]
    assert [item["type"] for item in items] == [
        "message",
        "reasoning",
        "function_call",
        "function_call_output",
    ]
    assert items[2]["call_id"] == items[3]["call_id"] == call["id"]
    assert items[3]["output"] == "18 C and sunny in Paris"
    assert isinstance(answer.content, str)
    assert answer.content
    assert not answer.tool_calls


def test_agent_runs_tools_over_responses(
    served: tuple[OpenRouterEmulator, str], emu: OpenRouterEmulator
) -> None:
    agent = create_agent(_llm(served), tools=[get_weather])
    state = agent.invoke({"messages": [HumanMessage("What is the weather in Lima?")]})
    messages = state["messages"]
    tool_messages = [m for m in messages if isinstance(m, ToolMessage)]
    assert [m.content for m in tool_messages] == ["18 C and sunny in Lima"]
    final = messages[-1]
    assert isinstance(final, AIMessage)
    assert not final.tool_calls
    assert all(r.path.endswith("/responses") for r in emu.requests[-2:])


@pytest.mark.parametrize("method", ["json_schema", "function_calling", "json_mode"])
def test_structured_output(
    served: tuple[OpenRouterEmulator, str], emu: OpenRouterEmulator, method: str
) -> None:
    llm = _llm(served)
    if method == "json_mode":
        schema: Any = None
        out = llm.with_structured_output(schema, method="json_mode").invoke(
            "Answer in JSON: the capital of France"
        )
        assert isinstance(out, dict)
        assert _last_body(emu)["text"] == {"format": {"type": "json_object"}}
        return
    result = llm.with_structured_output(Capital, method=method).invoke(  # type: ignore[arg-type]
        "The capital of France"
    )
    assert isinstance(result, Capital)
    body = _last_body(emu)
    if method == "json_schema":
        fmt = body["text"]["format"]
        assert (fmt["type"], fmt["name"], fmt["strict"]) == ("json_schema", "Capital", True)
        assert fmt["schema"]["required"] == ["country", "capital"]
    else:
        assert body["tool_choice"] == {"type": "function", "name": "Capital"}


def test_encrypted_reasoning_is_carried_across_turns(
    served: tuple[OpenRouterEmulator, str], emu: OpenRouterEmulator
) -> None:
    llm = _llm(served, reasoning={"effort": "low", "summary": "auto"})
    first = llm.invoke("Think about 2+2")
    assert _last_body(emu)["include"] == ["reasoning.encrypted_content"]
    details = first.additional_kwargs["reasoning_details"]
    encrypted = [d for d in details if d["type"] == "reasoning.encrypted"]
    assert len(encrypted) == 1
    assert encrypted[0]["data"].startswith("gAAAAA")
    for follow_up in (llm.invoke, lambda m: _sum(llm.stream(m))):
        follow_up([HumanMessage("Think about 2+2"), first, HumanMessage("And 3+3?")])
        items = _last_body(emu)["input"]
        reasoning = [item for item in items if item["type"] == "reasoning"]
        assert reasoning == [
            {
                "type": "reasoning",
                "summary": [{"type": "summary_text", "text": first.additional_kwargs["reasoning"]}],
                "content": [
                    {"type": "reasoning_text", "text": first.additional_kwargs["reasoning"]}
                ],
                "encrypted_content": encrypted[0]["data"],
            }
        ]
        assert [item["type"] for item in items] == ["message", "reasoning", "message", "message"]


def test_streamed_reasoning_round_trips_too(
    served: tuple[OpenRouterEmulator, str], emu: OpenRouterEmulator
) -> None:
    llm = _llm(served, reasoning={"effort": "low"})
    first = _sum(llm.stream("Think about 5+5"))
    llm.invoke([HumanMessage("Think about 5+5"), first, HumanMessage("Again")])
    reasoning = [i for i in _last_body(emu)["input"] if i["type"] == "reasoning"]
    assert len(reasoning) == 1
    assert reasoning[0]["encrypted_content"].startswith("gAAAAA")


def test_http_errors_are_typed(
    served: tuple[OpenRouterEmulator, str], emu: OpenRouterEmulator
) -> None:
    emu.fail_next(429, route="/responses")
    with pytest.raises(RateLimitError):
        _llm(served).invoke("hi")
    emu.faults.stream_error(after=3, route="/responses")
    llm = _llm(served)
    with pytest.raises(StreamError) as info:
        _sum(llm.stream("a fairly long sentence to stream in pieces"))
    assert info.value.partial is not None


def test_context_overflow_is_a_length_finish_not_an_error(
    served: tuple[OpenRouterEmulator, str],
) -> None:
    # On /responses OpenRouter turns length errors into a truncated answer (§6.2); the chat
    # path raises for the same request.
    llm = _llm(served, model="openai/gpt-4o-mini", max_tokens=10**6)
    message = llm.invoke("hi")
    assert message.content == ""
    assert message.response_metadata["finish_reason"] == "length"
    assert message.response_metadata["incomplete_details"] == {"reason": "max_output_tokens"}
    streamed = _sum(llm.stream("hi"))
    assert streamed.response_metadata["finish_reason"] == "length"
    with pytest.raises(ContextLengthError):
        _llm(served, model="openai/gpt-4o-mini", max_tokens=10**6, use_responses_api=False).invoke(
            "hi"
        )


def test_presets_plugins_and_server_tools_reach_the_responses_route(
    served: tuple[OpenRouterEmulator, str], emu: OpenRouterEmulator
) -> None:
    """OpenRouter's own fields act on ``/responses`` as on ``/chat/completions``."""
    emu.presets["terse"] = {"model": "anthropic/claude-haiku-4.5"}
    llm = _llm(served)
    with pytest.raises(NotFoundError, match="@preset/missing"):
        llm.invoke("Hi", preset="@preset/missing")
    preset_model = _llm(served, model="@preset/terse")
    answer = preset_model.invoke("Hi", preset="@preset/terse")
    assert answer.response_metadata["model_name"] == "anthropic/claude-4.5-haiku-20251001"
    # extra_body is unchecked by the client; the service still refuses a plugin typo.
    with pytest.raises(BadRequestError, match="'wbe'; did you mean 'web'"):
        llm.invoke("Hi", extra_body={"plugins": [{"id": "wbe"}]})
    server_tool = {"type": "openrouter:web_search", "parameters": {"max_results": 3}}
    question = [HumanMessage("What happened in Paris today?")]
    billed = llm.bind_tools([get_weather, server_tool]).invoke(question)
    assert billed.usage_metadata is not None
    counted = llm.get_num_tokens_from_messages(question, tools=[get_weather, server_tool])
    assert billed.usage_metadata["input_tokens"] == counted


def test_web_plugin_citations_match_the_chat_path(
    served: tuple[OpenRouterEmulator, str], emu: OpenRouterEmulator
) -> None:
    question = "What happened in Paris today?"
    chat = _llm(served, use_responses_api=False, plugins=[{"id": "web", "max_results": 2}])
    expected = chat.invoke(question).additional_kwargs["annotations"]
    assert [a["type"] for a in expected] == ["url_citation", "url_citation"]
    llm = _llm(served, plugins=[{"id": "web", "max_results": 2}])
    assert llm.invoke(question).additional_kwargs["annotations"] == expected
    assert _sum(llm.stream(question)).additional_kwargs["annotations"] == expected


def test_an_answer_with_text_and_tool_calls_is_billed_as_one_turn(
    served: tuple[OpenRouterEmulator, str], emu: OpenRouterEmulator
) -> None:
    # The request lays the turn out as a message item then function_call items; billed as two
    # assistant messages it cost more than get_num_tokens_from_messages and the chat path.
    history = [
        HumanMessage("What is the weather in Lima?"),
        AIMessage(
            "Let me look.",
            tool_calls=[{"name": "get_weather", "args": {"city": "Lima"}, "id": "call_1"}],
        ),
        ToolMessage("18 C and sunny in Lima", tool_call_id="call_1"),
    ]
    llm = _llm(served).bind_tools([get_weather])
    chat = _llm(served, use_responses_api=False).bind_tools([get_weather])
    billed = llm.invoke(history).usage_metadata
    chat_billed = chat.invoke(history).usage_metadata
    assert billed is not None
    assert chat_billed is not None
    counted = _llm(served).get_num_tokens_from_messages(history, tools=[get_weather])
    assert billed["input_tokens"] == chat_billed["input_tokens"] == counted

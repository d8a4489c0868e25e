"""ChatOpenRouter over real HTTP to the emulator: agents, streaming tools, structure, failures."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
from langchain_core.messages import AIMessage, AIMessageChunk, HumanMessage, ToolMessage
from langchain_core.tools import tool
from pydantic import BaseModel, Field

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.errors import (
    APIConnectionError,
    InsufficientCreditsError,
    RateLimitError,
    StreamError,
    UpstreamError,
)
from langchain_openrouter.testing import OpenRouterEmulator


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator(credits=10_000)
    with emu.serve() as base_url:
        yield emu, base_url


@pytest.fixture
def emu(served: tuple[OpenRouterEmulator, str]) -> Iterator[OpenRouterEmulator]:
    emulator, _ = served
    yield emulator
    emulator.faults.clear()
    emulator.clear_scripts()


@pytest.fixture
def llm(served: tuple[OpenRouterEmulator, str]) -> ChatOpenRouter:
    emulator, base_url = served
    return ChatOpenRouter(model="openai/gpt-4o-mini", base_url=base_url, api_key=emulator.api_key)


def _last_body(emu: OpenRouterEmulator) -> dict[str, Any]:
    return json.loads(emu.requests[-1].body)  # type: ignore[no-any-return]


@tool
def add(a: int, b: int) -> int:
    """Add two integers."""
    return a + b


@tool
def get_weather(city: str) -> str:
    """Current weather in a city."""
    return f"It is 18 C and sunny in {city}."


class Person(BaseModel):
    """A person mentioned in the text."""

    name: str = Field(description="the person's name")
    age: int = Field(description="age in years")


# --- plain calls ----------------------------------------------------------------------------


def test_invoke_echoes_and_reports_usage(llm: ChatOpenRouter, emu: OpenRouterEmulator) -> None:
    message = llm.invoke("Say something nice")
    assert message.content == "Say something nice"
    assert message.usage_metadata is not None
    assert message.usage_metadata["total_tokens"] == (
        message.usage_metadata["input_tokens"] + message.usage_metadata["output_tokens"]
    )
    assert message.response_metadata["model_name"].startswith("openai/gpt-4o-mini")
    assert message.response_metadata["finish_reason"] == "stop"
    assert message.id is not None
    assert message.id.startswith("gen-")
    assert emu.requests[-1].headers["authorization"] == f"Bearer {emu.api_key}"


def test_stream_sums_to_the_invoke_answer(llm: ChatOpenRouter) -> None:
    chunks = list(llm.stream("one two three four"))
    assert len(chunks) > 2
    total = chunks[0]
    for chunk in chunks[1:]:
        total += chunk
    assert total.content == "one two three four"
    assert total.chunk_position == "last"
    assert total.usage_metadata is not None
    assert total.usage_metadata["output_tokens"] > 0


def test_request_carries_routing_and_attribution(
    served: tuple[OpenRouterEmulator, str], emu: OpenRouterEmulator
) -> None:
    _, base_url = served
    llm = ChatOpenRouter(
        model="anthropic/claude-haiku-4.5",
        base_url=base_url,
        api_key=emu.api_key,
        models=["openai/gpt-4o-mini"],
        openrouter_provider={"sort": "price", "data_collection": "deny"},
        session_id="conv-7",
        app_url="https://example.org/app",
        app_title="Example",
        max_tokens=50,
        temperature=0.2,
    )
    llm.invoke("Hello")
    body = _last_body(emu)
    assert body == {
        "model": "anthropic/claude-haiku-4.5",
        "models": ["openai/gpt-4o-mini"],
        "provider": {"sort": "price", "data_collection": "deny"},
        "session_id": "conv-7",
        "max_tokens": 50,
        "temperature": 0.2,
        "messages": [{"role": "user", "content": "Hello"}],
    }
    headers = emu.requests[-1].headers
    assert headers["http-referer"] == "https://example.org/app"
    assert headers["x-title"] == "Example"


def test_stop_sequence_cuts_the_answer(llm: ChatOpenRouter) -> None:
    assert llm.invoke("alpha beta STOP gamma", stop=["STOP"]).content == "alpha beta "


async def test_async_paths(llm: ChatOpenRouter) -> None:
    assert (await llm.ainvoke("async hello")).content == "async hello"
    chunks = [chunk async for chunk in llm.astream("async stream")]
    total = chunks[0]
    for chunk in chunks[1:]:
        total += chunk
    assert total.content == "async stream"
    results = await llm.abatch([f"item {i}" for i in range(12)])
    assert [r.content for r in results] == [f"item {i}" for i in range(12)]


async def test_astream_events(llm: ChatOpenRouter) -> None:
    events = [event async for event in llm.astream_events("event stream", version="v2")]
    names = [event["event"] for event in events]
    assert names[0] == "on_chat_model_start"
    assert names[-1] == "on_chat_model_end"
    streamed = "".join(
        event["data"]["chunk"].text for event in events if event["event"] == "on_chat_model_stream"
    )
    assert streamed == "event stream"


def test_repeated_asyncio_run_reuses_nothing_from_a_closed_loop(llm: ChatOpenRouter) -> None:
    # Each asyncio.run is a new event loop; a pooled connection of the old loop is unusable.
    for prompt in ("first loop", "second loop", "third loop"):
        assert asyncio.run(llm.ainvoke(prompt)).content == prompt


def test_batch_in_threads(llm: ChatOpenRouter) -> None:
    results = llm.batch([f"thread {i}" for i in range(8)], config={"max_concurrency": 4})
    assert [r.content for r in results] == [f"thread {i}" for i in range(8)]


# --- tools and agents -----------------------------------------------------------------------


def test_tool_call_invoke_and_stream_agree(llm: ChatOpenRouter) -> None:
    with_tools = llm.bind_tools([add, get_weather])
    message = with_tools.invoke("Please add 2 and 3")
    assert [(c["name"], c["args"]) for c in message.tool_calls] == [("add", {"a": 2, "b": 3})]
    total: AIMessageChunk | None = None
    for chunk in with_tools.stream("Please add 2 and 3"):
        total = chunk if total is None else total + chunk
    assert total is not None
    assert [(c["name"], c["args"]) for c in total.tool_calls] == [("add", {"a": 2, "b": 3})]
    assert total.tool_calls[0]["id"]
    assert total.response_metadata["finish_reason"] == "tool_calls"


def test_forced_tool_choice(llm: ChatOpenRouter, emu: OpenRouterEmulator) -> None:
    message = llm.bind_tools([add, get_weather], tool_choice="get_weather").invoke("Hello there")
    assert [c["name"] for c in message.tool_calls] == ["get_weather"]
    assert _last_body(emu)["tool_choice"] == {
        "type": "function",
        "function": {"name": "get_weather"},
    }


def test_tool_round_trip_by_hand(llm: ChatOpenRouter) -> None:
    with_tools = llm.bind_tools([add])
    question = HumanMessage("add 20 and 22")
    call = with_tools.invoke([question])
    assert isinstance(call, AIMessage)
    result = add.invoke(call.tool_calls[0])
    assert isinstance(result, ToolMessage)
    answer = with_tools.invoke([question, call, result])
    assert "42" in answer.text
    assert not answer.tool_calls


@pytest.mark.parametrize("streamed", [False, True])
def test_reasoning_details_go_back_unchanged_across_a_tool_call(
    served: tuple[OpenRouterEmulator, str], emu: OpenRouterEmulator, streamed: bool
) -> None:
    _, base_url = served
    thinker = ChatOpenRouter(
        model="anthropic/claude-sonnet-4.5",
        base_url=base_url,
        api_key=emu.api_key,
        reasoning={"effort": "low"},
    ).bind_tools([get_weather])
    question = HumanMessage("What is the weather in Paris?")
    if streamed:
        total: AIMessageChunk | None = None
        for chunk in thinker.stream([question]):
            total = chunk if total is None else total + chunk
        assert total is not None
        call: AIMessage = total
    else:
        call = thinker.invoke([question])
    details = call.additional_kwargs["reasoning_details"]
    assert details
    assert details[0]["type"] == "reasoning.text"
    assert call.tool_calls[0]["name"] == "get_weather"
    thinker.invoke([question, call, get_weather.invoke(call.tool_calls[0])])
    sent = _last_body(emu)["messages"][1]
    assert sent["role"] == "assistant"
    assert sent["reasoning_details"] == details
    assert sent["tool_calls"][0]["id"] == call.tool_calls[0]["id"]


def test_langchain_agent_runs_the_tool_loop(llm: ChatOpenRouter) -> None:
    from langchain.agents import create_agent

    agent = create_agent(llm, [get_weather], system_prompt="You report the weather.")
    state = agent.invoke({"messages": [HumanMessage("What is the weather in Paris?")]})
    messages = state["messages"]
    assert [m.type for m in messages] == ["human", "ai", "tool", "ai"]
    assert messages[1].tool_calls[0]["name"] == "get_weather"
    assert messages[1].tool_calls[0]["args"] == {"city": "Paris"}
    assert messages[2].content == "It is 18 C and sunny in Paris."
    assert "18 C and sunny in Paris" in messages[3].text


async def test_agent_graph_streams_the_tool_loop_async(llm: ChatOpenRouter) -> None:
    from langchain.agents import create_agent

    agent = create_agent(llm, [add])
    seen: list[str] = []
    async for step in agent.astream(
        {"messages": [HumanMessage("What is 5 plus 7?")]}, stream_mode="updates"
    ):
        seen.extend(step)
    assert seen == ["model", "tools", "model"]
    final = await agent.ainvoke({"messages": [HumanMessage("What is 5 plus 7?")]})
    assert "12" in final["messages"][-1].text


def test_agent_with_structured_response(llm: ChatOpenRouter) -> None:
    from langchain.agents import create_agent

    agent = create_agent(llm, [get_weather], response_format=Person)
    state = agent.invoke({"messages": [HumanMessage("Ada Lovelace was 36.")]})
    assert isinstance(state["structured_response"], Person)


# --- structured output ----------------------------------------------------------------------


@pytest.mark.parametrize("method", ["function_calling", "json_schema"])
def test_structured_output_validates(
    llm: ChatOpenRouter, emu: OpenRouterEmulator, method: str
) -> None:
    person = llm.with_structured_output(Person, method=method).invoke("Ada Lovelace, 36")
    assert isinstance(person, Person)
    body = _last_body(emu)
    if method == "json_schema":
        assert body["response_format"]["json_schema"]["strict"] is True
        assert body["response_format"]["json_schema"]["name"] == "Person"
    else:
        assert body["tool_choice"] == {"type": "function", "function": {"name": "Person"}}


def test_structured_output_streams(llm: ChatOpenRouter) -> None:
    parsed = list(
        llm.with_structured_output(Person, method="json_schema").stream("Grace Hopper, 85")
    )
    assert parsed
    assert all(isinstance(item, Person) for item in parsed)


def test_structured_output_json_mode_and_include_raw(llm: ChatOpenRouter) -> None:
    out = llm.with_structured_output(None, method="json_mode", include_raw=True).invoke(
        "Reply in JSON: hello"
    )
    assert isinstance(out["raw"], AIMessage)
    assert out["parsed"] == {"response": "Reply in JSON: hello"}
    assert out["parsing_error"] is None


# --- failures -------------------------------------------------------------------------------


def test_402_is_raised_at_once(llm: ChatOpenRouter, emu: OpenRouterEmulator) -> None:
    before = len(emu.requests)
    emu.fail_next(402)
    with pytest.raises(InsufficientCreditsError) as info:
        llm.invoke("Hi")
    assert info.value.status_code == 402
    assert len(emu.requests) == before + 1


def test_empty_account_gets_402(served: tuple[OpenRouterEmulator, str]) -> None:
    broke = OpenRouterEmulator(credits=0)
    with broke.serve() as base_url:
        llm = ChatOpenRouter(model="openai/gpt-4o-mini", base_url=base_url, api_key=broke.api_key)
        with pytest.raises(InsufficientCreditsError, match="402"):
            llm.invoke("Hi")


def test_429_is_retried_then_succeeds(llm: ChatOpenRouter, emu: OpenRouterEmulator) -> None:
    before = len(emu.requests)
    emu.fail_next(429, retry_after=0, times=2)
    assert llm.invoke("after the limit").content == "after the limit"
    assert len(emu.requests) == before + 3


def test_429_gives_up_after_max_retries(
    served: tuple[OpenRouterEmulator, str], emu: OpenRouterEmulator
) -> None:
    _, base_url = served
    llm = ChatOpenRouter(
        model="openai/gpt-4o-mini", base_url=base_url, api_key=emu.api_key, max_retries=1
    )
    before = len(emu.requests)
    emu.fail_next(429, retry_after=0, times=5)
    with pytest.raises(RateLimitError) as info:
        llm.invoke("Hi")
    assert info.value.retry_after == 0
    assert len(emu.requests) == before + 2


async def test_429_retry_async_stream(llm: ChatOpenRouter, emu: OpenRouterEmulator) -> None:
    emu.fail_next(429, retry_after=0, times=1)
    chunks = [chunk async for chunk in llm.astream("streamed after retry")]
    assert "".join(chunk.text for chunk in chunks) == "streamed after retry"


def test_midstream_error_raises_with_partial(llm: ChatOpenRouter, emu: OpenRouterEmulator) -> None:
    emu.faults.stream_error(after=2)
    received = []
    with pytest.raises(StreamError) as info:
        for chunk in llm.stream("this answer will break off halfway through"):
            received.append(chunk.text)
    err = info.value
    assert err.code == 502
    assert isinstance(err.partial, AIMessageChunk)
    assert err.partial.text == "".join(received)
    assert "this answer will break off halfway through".startswith(err.partial.text)


async def test_midstream_error_async(llm: ChatOpenRouter, emu: OpenRouterEmulator) -> None:
    emu.faults.stream_error(after=1, form="minimax")
    with pytest.raises(StreamError, match="Token limit reached") as info:
        async for _ in llm.astream("a stream that hits a token limit"):
            pass
    assert isinstance(info.value.partial, AIMessageChunk)
    assert info.value.partial.usage_metadata is not None


def test_streaming_invoke_never_returns_truncated_text(
    served: tuple[OpenRouterEmulator, str], emu: OpenRouterEmulator
) -> None:
    _, base_url = served
    llm = ChatOpenRouter(
        model="openai/gpt-4o-mini", base_url=base_url, api_key=emu.api_key, streaming=True
    )
    emu.faults.stream_error(after=1)
    with pytest.raises(StreamError):
        llm.invoke("a streamed invoke that fails")


def test_502_exhausting_retries(llm: ChatOpenRouter, emu: OpenRouterEmulator) -> None:
    emu.fail_next(502, retry_after=0, times=3)
    with pytest.raises(UpstreamError):
        llm.invoke("Hi")


def test_dropped_connection_is_retried(llm: ChatOpenRouter, emu: OpenRouterEmulator) -> None:
    emu.faults.drop()
    assert llm.invoke("after a dropped connection").content == "after a dropped connection"


def test_connection_dropped_mid_stream_keeps_the_partial(
    llm: ChatOpenRouter, emu: OpenRouterEmulator
) -> None:
    emu.faults.drop(after=2)
    received = []
    with pytest.raises(APIConnectionError, match="broke after it started") as info:
        for chunk in llm.stream("a stream whose connection drops midway through"):
            received.append(chunk.text)
    partial = info.value.partial  # type: ignore[attr-defined]
    assert isinstance(partial, AIMessageChunk)
    assert partial.text == "".join(received)


def test_connection_refused_is_a_connection_error() -> None:
    llm = ChatOpenRouter(
        model="openai/gpt-4o-mini",
        base_url="http://127.0.0.1:9/api/v1",
        api_key="sk-or-v1-x",
        max_retries=0,
    )
    with pytest.raises(APIConnectionError):
        llm.invoke("Hi")

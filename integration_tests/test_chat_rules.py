"""The chat model's wire rules, each checked over the served emulator (real HTTP on 127.0.0.1)."""

from __future__ import annotations

import asyncio
import functools
import json
import operator
import os
import threading
import warnings
from collections.abc import Iterator
from typing import Annotated, Any

import pytest
from langchain_core.messages import AIMessage, AIMessageChunk, HumanMessage, ToolMessage
from langchain_core.tools import tool
from typing_extensions import TypedDict

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.errors import APIConnectionError, NotFoundError
from langchain_openrouter.testing import OpenRouterEmulator


@tool
def get_weather(city: str) -> str:
    """Current weather in a city."""
    return f"18 C and sunny in {city}"


@tool
def get_time(timezone: str) -> str:
    """Current time in a timezone."""
    return f"12:00 in {timezone}"


@pytest.fixture
def emu() -> OpenRouterEmulator:
    return OpenRouterEmulator()


@pytest.fixture
def base_url(emu: OpenRouterEmulator) -> Iterator[str]:
    with emu.serve() as url:
        yield url


_MODELS: list[ChatOpenRouter] = []


@pytest.fixture(autouse=True)
def _close_sync_clients() -> Iterator[None]:
    """Close each model's sync connection pool after its test (no socket left to the GC)."""
    yield
    while _MODELS:
        _MODELS.pop().sync_client.close()


def chat(emu: OpenRouterEmulator, base_url: str, **kwargs: Any) -> ChatOpenRouter:
    kwargs.setdefault("model", "openai/gpt-4o-mini")
    llm = ChatOpenRouter(api_key=emu.api_key, base_url=base_url, **kwargs)
    _MODELS.append(llm)
    return llm


def summed(chunks: list[AIMessageChunk]) -> AIMessageChunk:
    total = functools.reduce(operator.add, chunks)
    assert isinstance(total, AIMessageChunk)
    return total


# --- streamed tool calls keep their identity ----------------------------------------------

PROMPTS = [
    "What is the weather in Paris, London and Rome?",
    "Get the weather in Paris and the time in Tokyo",
]


@pytest.mark.parametrize("prompt", PROMPTS)
def test_calls_numbered_zero_stream_as_separate_calls(
    emu: OpenRouterEmulator, base_url: str, prompt: str
) -> None:
    llm = chat(emu, base_url).bind_tools([get_weather, get_time])
    invoked = llm.invoke(prompt)
    assert len(invoked.tool_calls) >= 2
    emu.faults.tool_calls_at_index(0)
    streamed = summed(list(llm.stream(prompt)))  # type: ignore[arg-type]
    assert streamed.invalid_tool_calls == []
    assert [(c["name"], c["args"]) for c in streamed.tool_calls] == [
        (c["name"], c["args"]) for c in invoked.tool_calls
    ]
    assert len({c["id"] for c in streamed.tool_calls}) == len(streamed.tool_calls)


async def test_calls_numbered_zero_astream_as_separate_calls(
    emu: OpenRouterEmulator, base_url: str
) -> None:
    llm = chat(emu, base_url).bind_tools([get_weather])
    emu.faults.tool_calls_at_index(0)
    chunks = [chunk async for chunk in llm.astream(PROMPTS[0])]
    assert [c["args"] for c in summed(chunks).tool_calls] == [  # type: ignore[arg-type]
        {"city": "Paris"},
        {"city": "London"},
        {"city": "Rome"},
    ]


# --- a stream request answered without SSE ------------------------------------------------


def test_a_whole_completion_answered_to_a_stream_sums_to_invoke(
    emu: OpenRouterEmulator, base_url: str
) -> None:
    llm = chat(emu, base_url).bind_tools([get_weather])
    prompt = "What is the weather in Paris and Rome?"
    whole = (
        emu.client(headers={"Authorization": f"Bearer {emu.api_key}"})
        .post(
            "/chat/completions",
            json={
                "model": "openai/gpt-4o-mini",
                "messages": [{"role": "user", "content": prompt}],
                "tools": [
                    {
                        "type": "function",
                        "function": {
                            "name": "get_weather",
                            "parameters": {
                                "type": "object",
                                "properties": {"city": {"type": "string"}},
                            },
                        },
                    }
                ],
            },
        )
        .json()
    )
    emu.faults.add(status=200, body=whole)
    streamed = summed(list(llm.stream(prompt)))  # type: ignore[arg-type]
    wire = whole["choices"][0]["message"]["tool_calls"]
    assert wire
    assert [(c["id"], c["args"]) for c in streamed.tool_calls] == [
        (c["id"], json.loads(c["function"]["arguments"])) for c in wire
    ]
    assert streamed.usage_metadata is not None
    assert streamed.usage_metadata["total_tokens"] == whole["usage"]["total_tokens"]
    assert streamed.response_metadata["id"] == whole["id"]


async def test_a_json_error_answered_to_a_stream_raises_its_class(
    emu: OpenRouterEmulator, base_url: str
) -> None:
    from langchain_openrouter.errors import UpstreamError

    emu.faults.add(
        status=200, body={"error": {"code": 502, "message": "Provider returned error"}}, times=2
    )
    llm = chat(emu, base_url, max_retries=0)
    with pytest.raises(UpstreamError) as info:
        [chunk async for chunk in llm.astream("hi")]
    assert info.value.message == "Provider returned error"
    assert "retried" not in str(info.value)
    with pytest.raises(UpstreamError):
        list(llm.stream("hi"))


# --- 0.2.x code that passes options through model_kwargs ----------------------------------


def test_0_2x_model_kwargs_reach_the_emulator_as_the_typed_arguments(
    emu: OpenRouterEmulator, base_url: str
) -> None:
    options = {"top_k": 40, "min_p": 0.05, "transforms": ["middle-out"], "logprobs": True}
    chat(emu, base_url, model_kwargs=options).invoke("hi")
    old_style = emu.requests[-1].json()
    chat(emu, base_url, **options).invoke("hi")
    assert old_style == emu.requests[-1].json()
    assert {k: old_style[k] for k in options} == options


# --- bad input fails before any request ---------------------------------------------------


def test_bad_input_never_reaches_the_emulator(emu: OpenRouterEmulator, base_url: str) -> None:
    with pytest.raises(ValueError, match="empty segment"):
        chat(emu, base_url, model="openai//gpt-4o")
    llm = chat(emu, base_url)
    with pytest.raises(ValueError, match="whitespace"):
        llm.invoke("hi", model="openai/gpt 4o")
    bad_tool = {"type": "function", "function": {"name": "get weather", "parameters": {}}}
    with pytest.raises(ValueError, match="must match"):
        llm.bind_tools([bad_tool])
    assert emu.requests == []
    web = {"type": "openrouter:web_search"}
    llm.bind_tools([web]).invoke("hi")
    assert emu.requests[-1].json()["tools"] == [web]


# --- strict schemas that strict mode accepts ----------------------------------------------


class City(TypedDict):
    """A city."""

    name: Annotated[str, ..., "the city's name"]
    country: Annotated[str | None, None, "its country, if known"]


def test_strict_structured_output_round_trips_through_the_emulator(
    emu: OpenRouterEmulator, base_url: str
) -> None:
    llm = chat(emu, base_url).with_structured_output(City, method="json_schema")
    result = llm.invoke("Name a city in France")
    sent = emu.requests[-1].json()["response_format"]["json_schema"]
    assert sent["strict"] is True
    assert sent["schema"]["required"] == ["name", "country"]
    assert sent["schema"]["additionalProperties"] is False
    assert isinstance(result, dict)
    assert set(result) == {"name", "country"}
    assert isinstance(result["name"], str)
    assert result["country"] is None or isinstance(result["country"], str)


# --- messages every upstream accepts ------------------------------------------------------


def test_blank_text_never_reaches_the_emulator(emu: OpenRouterEmulator, base_url: str) -> None:
    call = {"name": "get_weather", "args": {"city": "Paris"}, "id": "call_1"}
    history = [
        HumanMessage(content=[{"type": "text", "text": ""}, {"type": "text", "text": "Paris?"}]),
        AIMessage(content="  ", tool_calls=[call]),
        ToolMessage(content=[{"type": "text", "text": "18 C"}], tool_call_id="call_1"),
    ]
    answer = chat(emu, base_url).bind_tools([get_weather]).invoke(history)
    assert answer.text
    messages = emu.requests[-1].json()["messages"]
    assert messages[0]["content"] == [{"type": "text", "text": "Paris?"}]
    assert messages[1]["content"] is None
    assert messages[2]["content"] == "18 C"


# --- clients of finished event loops are released -----------------------------------------


def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_open_descriptors_stay_flat_over_50_event_loops(
    emu: OpenRouterEmulator, base_url: str
) -> None:
    llm = chat(emu, base_url)

    def sync_and_async_from_a_thread() -> None:
        llm.invoke("from a thread")
        asyncio.run(llm.ainvoke("a loop in a thread"))

    llm.invoke("warm up the sync client")
    asyncio.run(llm.ainvoke("warm up"))
    before = open_descriptors()
    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        for _ in range(50):
            asyncio.run(llm.ainvoke("hi"))
            thread = threading.Thread(target=sync_and_async_from_a_thread)
            thread.start()
            thread.join()
    # The served emulator runs in this process: its end of a keep-alive connection closes on
    # its own schedule, so one or two descriptors may come and go. A leak grows by ~4 a round.
    assert open_descriptors() - before <= 2
    assert llm._loop_clients == {}
    assert len(emu.requests) == 2 + 50 * 3


# --- errors that say where and what to do -------------------------------------------------


def test_a_closed_port_names_the_url_its_origin_and_what_to_do(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}/api/v1"
    monkeypatch.setenv("OPENROUTER_BASE_URL", base)
    monkeypatch.delenv("OPENROUTER_API_BASE", raising=False)
    monkeypatch.setattr("time.sleep", lambda _: None)
    llm = ChatOpenRouter(model="openai/gpt-4o-mini", api_key="sk-or-v1-secret", max_retries=1)
    _MODELS.append(llm)
    with pytest.raises(APIConnectionError) as info:
        llm.invoke("hi")
    text = str(info.value)
    assert f"POST {base}/chat/completions" in text
    assert f"(base URL {base} from OPENROUTER_BASE_URL)" in text
    assert "check the host and port of the base URL" in text
    assert "after 2 attempt(s)" in text
    assert "sk-or-v1-secret" not in text


def test_a_base_url_without_api_v1_says_so(emu: OpenRouterEmulator, base_url: str) -> None:
    root = base_url.removesuffix("/api/v1")
    # OpenRouter's answer to a path outside its API (the emulator's own, once it gives it).
    emu.faults.status(404, route=None)
    with pytest.raises(NotFoundError) as info:
        chat(emu, root).invoke("hi")
    text = str(info.value)
    assert f"POST {root}/chat/completions is not an OpenRouter API route" in text
    assert "(it lacks /api/v1)" in text

"""Streamed chat completions: framing, deltas, usage placements, compared with recorded streams."""

from __future__ import annotations

import json
from typing import Any

import pytest

from langchain_openrouter._client.sse import SSEDecoder
from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.testing.wire import Request, Response
from unit_tests.samples import load_bytes
from unit_tests.testing.conftest import Call
from unit_tests.testing.helpers import function_tool, raw_stream, sse_events
from unit_tests.testing.shapes import assert_same_shape

WEATHER = function_tool("get_weather", {"city": {"type": "string"}})


def recorded(name: str) -> list[Any]:
    decoder = SSEDecoder()
    events = decoder.feed(load_bytes(name)) + decoder.flush()
    return [e.json() for e in events if e.data != "[DONE]"]


def stream(call: Call, text: str = "Hello big world", **body: Any) -> Response:
    body.setdefault("messages", [{"role": "user", "content": text}])
    response = call("POST", "/chat/completions", {**body, "stream": True})
    assert response.status == 200
    return response


def content_of(events: list[Any]) -> str:
    return "".join(
        c["delta"].get("content") or "" for e in events if isinstance(e, dict) for c in e["choices"]
    )


def test_framing_comments_chunks_usage_and_done(call: Call) -> None:
    response = stream(call)
    assert response.headers["content-type"] == "text/event-stream"
    raw = raw_stream(response)
    assert raw.startswith(b": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\ndata: {")
    assert raw.endswith(b"data: [DONE]\n\n")
    events = sse_events(raw)
    assert events[-1] == "[DONE]"
    chunks = events[:-1]
    assert all(c["id"] == response.headers["x-generation-id"] for c in chunks)
    assert chunks[0]["choices"][0]["delta"] == {"role": "assistant", "content": ""}
    assert [c["choices"][0]["delta"]["content"] for c in chunks[1:4]] == ["Hello ", "big ", "world"]
    assert all(c["choices"][0]["delta"]["role"] == "assistant" for c in chunks[:-1])
    finish = chunks[-2]["choices"][0]
    assert (finish["finish_reason"], finish["native_finish_reason"]) == ("stop", "stop")
    assert chunks[-1]["choices"] == []
    assert chunks[-1]["usage"]["completion_tokens"] == 3
    assert content_of(chunks) == "Hello big world"


def test_chunks_have_the_recorded_shapes(call: Call) -> None:
    chunks = sse_events(stream(call, model="anthropic/claude-haiku-4.5"))[:-1]
    sample = recorded("chat_stream_basic.sse")
    assert_same_shape(chunks[1], sample[0], allow_extra=("logprobs",))
    assert_same_shape(chunks[-2], sample[1], allow_extra=("logprobs",))
    assert_same_shape(chunks[-1], sample[2])


def test_stream_and_non_stream_answers_agree(call: Call) -> None:
    text = "The quick brown fox jumps over the lazy dog. " * 3
    whole = call("POST", "/chat/completions", {"messages": [{"role": "user", "content": text}]})
    events = sse_events(stream(call, text))
    assert content_of(events[:-1]) == whole.json()["choices"][0]["message"]["content"]
    assert events[-2]["usage"]["completion_tokens"] == whole.json()["usage"]["completion_tokens"]


def test_tool_call_deltas_are_split_like_the_real_stream(call: Call) -> None:
    events = sse_events(stream(call, "weather in Paris and in London", tools=[WEATHER]))[:-1]
    fragments = [
        tc for e in events for c in e["choices"] for tc in c["delta"].get("tool_calls", [])
    ]
    openers = [f for f in fragments if "id" in f]
    assert [(f["index"], f["function"]) for f in openers] == [
        (0, {"name": "get_weather", "arguments": ""}),
        (1, {"name": "get_weather", "arguments": ""}),
    ]
    for index, city in ((0, "Paris"), (1, "London")):
        pieces = [
            f["function"]["arguments"] for f in fragments if f["index"] == index and "id" not in f
        ]
        assert len(pieces) == 3
        assert json.loads("".join(pieces)) == {"city": city}
    assert events[-2]["choices"][0]["finish_reason"] == "tool_calls"
    sample = recorded("chat_stream_tool_calls.sse")
    opener_event = next(
        e for e in events if e["choices"][0]["delta"].get("tool_calls", [{}])[0].get("id")
    )
    piece_event = next(
        e
        for e in events
        if "tool_calls" in e["choices"][0]["delta"]
        and "id" not in e["choices"][0]["delta"]["tool_calls"][0]
    )
    assert_same_shape(
        opener_event,
        sample[1],
        allow_extra=("system_fingerprint",),
        allow_missing=("system_fingerprint",),
    )
    assert_same_shape(piece_event, sample[2], allow_missing=("system_fingerprint",))


def test_anthropic_reasoning_stream_has_opener_text_and_signature(call: Call) -> None:
    events = sse_events(stream(call, "2+2?", model="anthropic/claude-sonnet-4.5:thinking"))[:-1]
    details = [
        d for e in events for c in e["choices"] for d in c["delta"].get("reasoning_details", [])
    ]
    assert details[0] == {
        "type": "reasoning.text",
        "text": "",
        "signature": "",
        "format": "anthropic-claude-v1",
        "index": 0,
    }
    assert "text" not in details[-1]
    assert len(details[-1]["signature"]) > 100
    text = "".join(e["choices"][0]["delta"].get("reasoning") or "" for e in events if e["choices"])
    assert text == "".join(d.get("text", "") for d in details)
    assert text == 'The user wrote: "2+2?". I should repeat their message back.'
    sample = recorded("chat_stream_reasoning.sse")
    assert_same_shape(events[2], sample[2])
    assert_same_shape(events[0], sample[0])


def test_openai_reasoning_stream_sends_summary_then_encrypted(call: Call) -> None:
    events = sse_events(stream(call, "hi", model="openai/o3-mini"))[:-1]
    kinds = [
        d["type"]
        for e in events
        for c in e["choices"]
        for d in c["delta"].get("reasoning_details", [])
    ]
    assert kinds[-1] == "reasoning.encrypted"
    assert set(kinds[:-1]) == {"reasoning.summary"}


@pytest.mark.parametrize(
    ("placement", "where"),
    [("separate", "empty_choices"), ("trailing_choice", "trailing"), ("finish_chunk", "finish")],
)
def test_usage_placements(placement: Any, where: str) -> None:
    emu = OpenRouterEmulator(usage_placement=placement)
    request = Request.build(
        "POST",
        "/api/v1/chat/completions",
        api_key=emu.api_key,
        json_body={"stream": True, "messages": [{"role": "user", "content": "hi"}]},
    )
    chunks = sse_events(emu.handle(request))[:-1]
    with_usage = [c for c in chunks if "usage" in c]
    assert len(with_usage) == 1
    carrier = with_usage[0]
    if where == "empty_choices":
        assert carrier["choices"] == []
    elif where == "trailing":
        assert carrier["choices"][0]["finish_reason"] is None
        assert chunks[-2]["choices"][0]["finish_reason"] == "stop"
        assert_same_shape(
            carrier,
            recorded("chat_stream_usage_on_choice_chunk.sse")[-1],
            allow_extra=("cache_write_tokens", "video_tokens", "audio_tokens"),
        )
    else:
        assert carrier["choices"][0]["finish_reason"] == "stop"
    assert carrier is chunks[-1]


def test_keepalive_comments_are_configurable_and_interleaved() -> None:
    emu = OpenRouterEmulator(keepalive_comments=17)
    request = Request.build(
        "POST",
        "/api/v1/chat/completions",
        api_key=emu.api_key,
        json_body={"stream": True, "messages": [{"role": "user", "content": "word " * 30}]},
    )
    raw = raw_stream(emu.handle(request)).decode()
    assert raw.startswith(": OPENROUTER PROCESSING\n\n" * 17 + "data: ")
    assert raw.count(": OPENROUTER PROCESSING") == 17 + 3  # one every 10 events


def test_n_choices_stream_each_index(call: Call) -> None:
    events = sse_events(stream(call, "a b", n=2))[:-1]
    for index in (0, 1):
        text = "".join(
            c["delta"].get("content") or ""
            for e in events
            for c in e["choices"]
            if c["index"] == index
        )
        assert text == "a b"


def test_image_output_streams_images(call: Call) -> None:
    events = sse_events(
        stream(call, "draw", model="google/gemini-2.5-flash-image", modalities=["image", "text"])
    )[:-1]
    images = [i for e in events for c in e["choices"] for i in c["delta"].get("images", [])]
    assert len(images) == 1
    assert images[0]["type"] == "image_url"


def test_chunk_delay_is_attached_to_events() -> None:
    emu = OpenRouterEmulator(chunk_delay=0.25)
    request = Request.build(
        "POST",
        "/api/v1/chat/completions",
        api_key=emu.api_key,
        json_body={"stream": True, "messages": [{"role": "user", "content": "hi"}]},
    )
    chunks = list(emu.handle(request).chunks())
    data = [c for c in chunks if c.data.startswith(b"data:")]
    assert {c.delay for c in data} == {0.25}
    assert {c.delay for c in chunks if c.data.startswith(b":")} == {0.0}


def test_a_slow_fault_can_start_after_the_first_events() -> None:
    emu = OpenRouterEmulator()
    emu.faults.slow(30.0, after=2)
    request = Request.build(
        "POST",
        "/api/v1/chat/completions",
        api_key=emu.api_key,
        json_body={"stream": True, "messages": [{"role": "user", "content": "one two three"}]},
    )
    data = [c for c in emu.handle(request).chunks() if c.data.startswith(b"data:")]
    # The role event and "one " at once, then every later event (and [DONE]) stalls.
    assert [c.delay for c in data] == [0.0, 0.0] + [30.0] * (len(data) - 2)

"""Stream events -> chunks: every recorded stream replayed, summed with ``+``, exact values."""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.language_models.chat_models import generate_from_stream
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGenerationChunk, ChatResult

from langchain_openrouter.chat_models.reasoning import merge_reasoning_details
from langchain_openrouter.chat_models.streaming import StreamAccumulator
from unit_tests.chat_models.conftest import read_sample
from unit_tests.samples import names

STREAMS = names(".sse", prefix="chat_stream_")
CLEAN_STREAMS = [n for n in STREAMS if "error" not in n]


@dataclass
class Replay:
    """What feeding one recorded stream gave."""

    events: list[dict[str, Any]]
    acc: StreamAccumulator
    chunks: list[ChatGenerationChunk] = field(default_factory=list)
    error_event: dict[str, Any] | None = None

    @property
    def messages(self) -> list[AIMessageChunk]:
        return [chunk.message for chunk in self.chunks]  # type: ignore[misc]

    def total(self) -> AIMessageChunk:
        """The messages summed one by one, as a user folding a stream does."""
        return functools.reduce(operator.add, self.messages)


def replay(name: str, *, stream_usage: bool = True) -> Replay:
    """Feed a sample's events; stop at an error event as the transport would."""
    run = Replay(events=read_sample(name), acc=StreamAccumulator(stream_usage))
    for event in run.events:
        if "error" in event:
            run.error_event = event
            run.acc.absorb_error_chunk(event)
            return run
        run.chunks += run.acc.feed(event)
    run.chunks += run.acc.finish()
    return run


def deltas(events: list[dict[str, Any]], key: str) -> str:
    """The concatenation of one delta field, computed straight from the events."""
    return "".join(
        choice["delta"].get(key) or ""
        for event in events
        for choice in event.get("choices") or ()
        if "delta" in choice
    )


def test_every_stream_sample_is_covered() -> None:
    assert len(STREAMS) >= 7


@pytest.mark.parametrize("name", CLEAN_STREAMS)
def test_every_clean_stream_sums_to_the_whole_message(name: str) -> None:
    run = replay(name)
    total = run.total()
    first = run.events[0]
    last_usage = next(e["usage"] for e in reversed(run.events) if e.get("usage"))
    assert total.content == deltas(run.events, "content")
    assert total.id == first["id"]
    assert all(message.id == first["id"] for message in run.messages)
    # Usage once: on exactly one chunk, and equal to the stream's usage event.
    assert [m.usage_metadata is not None for m in run.messages].count(True) == 1
    assert total.usage_metadata is not None
    assert total.usage_metadata["input_tokens"] == last_usage["prompt_tokens"]
    assert total.usage_metadata["output_tokens"] == last_usage["completion_tokens"]
    assert total.usage_metadata["total_tokens"] == last_usage["total_tokens"]
    # Metadata once, on the last chunk. Before it, plain text chunks carry none (core keeps each
    # chunk's metadata to the end of the run); the others only the tag their blocks need.
    for message in run.messages[:-1]:
        plain = not message.additional_kwargs and not message.tool_call_chunks
        assert message.response_metadata == ({} if plain else {"model_provider": "openrouter"})
    assert run.messages[-1].chunk_position == "last"
    meta = total.response_metadata
    assert meta["model_name"] == first["model"]
    assert meta["provider"] == first["provider"]
    assert meta["id"] == first["id"]
    assert meta["created"] == first["created"]
    assert meta["model_provider"] == "openrouter"
    assert meta["token_usage"] == last_usage
    if "cost" in last_usage:
        assert meta["cost"] == last_usage["cost"]
        assert meta["cost_details"] == last_usage["cost_details"]
    # generate_from_stream (what invoke uses when streaming) gives the same message.
    generated = generate_from_stream(iter(run.chunks)).generations[0].message
    assert isinstance(generated, AIMessage)
    assert generated.content == total.content
    assert generated.additional_kwargs == total.additional_kwargs
    assert generated.response_metadata == total.response_metadata
    assert generated.usage_metadata == total.usage_metadata
    assert generated.tool_calls == total.tool_calls


def test_basic_stream_with_documented_usage_chunk() -> None:
    run = replay("chat_stream_basic.sse")
    total = run.total()
    assert total.content == "Hello!"
    assert total.usage_metadata == {
        "input_tokens": 254,
        "output_tokens": 5,
        "total_tokens": 259,
        "input_token_details": {"cache_read": 0, "cache_creation": 0, "audio": 0},
        "output_token_details": {"reasoning": 0, "audio": 0},
    }
    meta = total.response_metadata
    assert meta["finish_reason"] == "stop"
    assert meta["native_finish_reason"] == "stop"
    assert meta["provider"] == "Amazon Bedrock"
    assert meta["model_name"] == "anthropic/claude-4.6-sonnet-20260217"
    assert meta["cost"] == 0.000837
    assert meta["is_byok"] is False
    assert "system_fingerprint" not in meta
    assert run.acc.finish_reason == "stop"
    assert run.acc.usage == total.usage_metadata
    assert run.acc.generation_id == "gen-1773012759-4u9w7As08eMtL75bWtu8"


def test_usage_after_the_stop_chunk_does_not_erase_the_finish_reason() -> None:
    run = replay("chat_stream_usage_on_choice_chunk.sse")
    total = run.total()
    assert total.content.startswith("I\u2019m ChatGPT, a large-language-model assistant")
    assert total.content.endswith("just let me know!")
    meta = total.response_metadata
    assert meta["finish_reason"] == "stop"
    assert meta["native_finish_reason"] == "completed"
    assert total.usage_metadata == {
        "input_tokens": 9,
        "output_tokens": 104,
        "total_tokens": 113,
        "input_token_details": {"cache_read": 0, "audio": 0},
        "output_token_details": {"reasoning": 0},
    }
    streamed = [
        detail
        for event in run.events
        for choice in event["choices"]
        for detail in choice["delta"].get("reasoning_details") or ()
    ]
    assert len(streamed) == 1
    assert streamed[0]["type"] == "reasoning.encrypted"
    assert total.additional_kwargs == {"reasoning_details": streamed}


def test_claude_reasoning_stream_merges_into_one_signed_item() -> None:
    run = replay("chat_stream_reasoning.sse")
    total = run.total()
    text = "This is a simple arithmetic question. 2+2 equals 4."
    signature = next(
        detail["signature"]
        for event in run.events
        for detail in event["choices"][0]["delta"].get("reasoning_details") or ()
        if detail.get("signature")
    )
    assert signature.startswith("Et0BCkgIChACGAIq")
    assert total.content == "2 + 2 = 4"
    assert total.additional_kwargs == {
        "reasoning": text,
        "reasoning_content": text,
        "reasoning_details": [
            {
                "type": "reasoning.text",
                "text": text,
                "signature": signature,
                "format": "anthropic-claude-v1",
                "index": 0,
            }
        ],
    }
    assert total.usage_metadata is not None
    assert total.usage_metadata["output_token_details"] == {"reasoning": 13}
    assert total.response_metadata["provider"] == "Google"
    # Only the final chunk has reasoning_details: no partial item is ever emitted.
    with_details = [m for m in run.messages if "reasoning_details" in m.additional_kwargs]
    assert with_details == [run.messages[-1]]


def test_parallel_tool_calls_stream() -> None:
    run = replay("chat_stream_tool_calls.sse")
    total = run.total()
    assert total.content == ""
    assert total.tool_calls == [
        {
            "name": "get_fundamental_data",
            "args": {"symbol": "BA"},
            "id": "call_EkEAi8FSp8St8OBEmE8pZDuC",
            "type": "tool_call",
        },
        {
            "name": "get_technical_data",
            "args": {"symbol": "BA"},
            "id": "call_mEZcwRPJioaEcYAbsgOBrCIY",
            "type": "tool_call",
        },
    ]
    assert total.invalid_tool_calls == []
    fragments = [c for m in run.messages for c in m.tool_call_chunks]
    assert len(fragments) == 10
    # id and name on the first fragment of each index only.
    assert [(f["index"], f["id"] is not None, f["name"] is not None) for f in fragments] == [
        (0, True, True),
        (0, False, False),
        (0, False, False),
        (0, False, False),
        (0, False, False),
        (1, True, True),
        (1, False, False),
        (1, False, False),
        (1, False, False),
        (1, False, False),
    ]
    assert total.response_metadata["finish_reason"] == "tool_calls"
    assert total.usage_metadata == {
        "input_tokens": 1459,
        "output_tokens": 49,
        "total_tokens": 1508,
        "input_token_details": {"cache_read": 0},
        "output_token_details": {"reasoning": 0},
    }


def test_web_search_stream_keeps_annotations_and_usage_on_the_finish_chunk() -> None:
    run = replay("chat_stream_web_search_annotations.sse")
    total = run.total()
    streamed = [
        annotation
        for event in run.events
        for annotation in event["choices"][0]["delta"].get("annotations") or ()
    ]
    assert len(streamed) == 5
    assert total.additional_kwargs == {"annotations": streamed}
    assert total.content == (
        "The URL for Pydantic AI's GitHub repository is:  \n\nhttps://github.com/pydantic/pydantic-ai"
    )
    assert total.usage_metadata is not None
    assert total.usage_metadata["total_tokens"] == 2370
    meta = total.response_metadata
    assert meta["server_tool_use_details"] == {
        "web_search_requests": 1,
        "tool_calls_requested": 1,
        "tool_calls_executed": 1,
    }
    assert meta["cost"] == 0.0076509169000000005
    assert "service_tier" not in meta  # null on the wire
    citations = total.content_blocks[0].get("annotations")
    assert citations is not None
    assert [c.get("url") for c in citations] == [a["url_citation"]["url"] for a in streamed]


def test_minimax_error_keeps_partial_reasoning_and_usage() -> None:
    run = replay("chat_stream_midstream_error.sse")
    assert run.error_event is not None
    assert run.error_event["error"] == {"code": 400, "message": "Token limit reached"}
    partial = run.acc.partial()
    reasoning = "We need to respond to a greeting. The user"
    assert partial.content == ""
    assert partial.additional_kwargs == {
        "reasoning": reasoning,
        "reasoning_content": reasoning,
        "reasoning_details": [
            {"type": "reasoning.text", "text": reasoning, "index": 0, "format": None}
        ],
    }
    assert partial.usage_metadata == {
        "input_tokens": 43,
        "output_tokens": 10,
        "total_tokens": 53,
        "input_token_details": {"cache_read": 0, "audio": 0},
        "output_token_details": {"reasoning": 11},
    }
    meta = partial.response_metadata
    assert meta["finish_reason"] == "length"  # the error chunk's null does not erase it
    assert meta["error"] == {"code": 400, "message": "Token limit reached"}
    assert meta["provider"] == "Minimax"
    assert partial.id == "gen-1762179802-UN8pkJI4AGZvryk0kFnb"


def test_documented_error_keeps_partial_content() -> None:
    run = replay("chat_stream_midstream_error_documented.sse")
    partial = run.acc.partial()
    assert partial.content == "Once upon a time"
    assert partial.usage_metadata is None
    assert partial.response_metadata["finish_reason"] == "error"
    assert partial.response_metadata["error"]["code"] == 502
    assert "".join(str(m.content) for m in run.messages) == "Once upon a time"


# --- the three usage placements, synthetic -------------------------------------------------

USAGE = {"prompt_tokens": 7, "completion_tokens": 3, "total_tokens": 10, "cost": 0.01}


def event(delta: dict[str, Any] | None = None, finish: str | None = None, **top: Any) -> dict:
    choices = [] if delta is None else [{"index": 0, "delta": delta, "finish_reason": finish}]
    return {"id": "gen-x", "model": "m", "provider": "P", "choices": choices, **top}


PLACEMENTS = {
    "own chunk without choices": [
        event({"content": "Hi"}),
        event({"content": ""}, "stop"),
        event(None, usage=USAGE),
    ],
    "empty-delta choice after stop": [
        event({"content": "Hi"}),
        event({"content": ""}, "stop"),
        event({"content": ""}, None, usage=USAGE),
    ],
    "same chunk as the finish": [
        event({"content": "Hi"}),
        event({"content": ""}, "stop", usage=USAGE),
    ],
}


def feed_all(events: list[dict[str, Any]], **kwargs: Any) -> list[ChatGenerationChunk]:
    acc = StreamAccumulator(**kwargs)
    chunks = [chunk for e in events for chunk in acc.feed(e)]
    return chunks + acc.finish()


@pytest.mark.parametrize("events", PLACEMENTS.values(), ids=PLACEMENTS.keys())
def test_usage_is_counted_once_in_every_placement(events: list[dict[str, Any]]) -> None:
    total = functools.reduce(operator.add, [c.message for c in feed_all(events)])
    assert isinstance(total, AIMessageChunk)
    assert total.usage_metadata == {"input_tokens": 7, "output_tokens": 3, "total_tokens": 10}
    assert total.response_metadata["finish_reason"] == "stop"
    assert total.response_metadata["cost"] == 0.01
    assert total.content == "Hi"


def test_repeated_usage_events_still_count_once() -> None:
    events = [event({"content": "Hi"}, usage=USAGE), event({"content": ""}, "stop", usage=USAGE)]
    total = functools.reduce(operator.add, [c.message for c in feed_all(events)])
    assert isinstance(total, AIMessageChunk)
    assert total.usage_metadata is not None
    assert total.usage_metadata["total_tokens"] == 10


def test_stream_usage_off_omits_usage_metadata_only() -> None:
    chunks = feed_all(PLACEMENTS["same chunk as the finish"], stream_usage=False)
    assert all(c.message.usage_metadata is None for c in chunks)  # type: ignore[attr-defined]
    assert chunks[-1].message.response_metadata["cost"] == 0.01


def test_finish_is_emitted_once_and_generation_info_has_the_reason() -> None:
    acc = StreamAccumulator()
    acc.feed(event({"content": "a"}, "length"))
    [last] = acc.finish()
    assert acc.finish() == []
    assert last.generation_info == {"finish_reason": "length"}
    assert last.message.content == ""


def test_empty_stream_still_finishes() -> None:
    acc = StreamAccumulator(model_name="requested/model")
    [last] = acc.finish()
    message = last.message
    assert isinstance(message, AIMessageChunk)
    assert message.content == ""
    assert message.response_metadata["model_name"] == "requested/model"
    assert message.response_metadata["finish_reason"] is None
    assert message.usage_metadata is None


def test_events_with_nothing_to_show_yield_no_chunk() -> None:
    acc = StreamAccumulator()
    assert acc.feed(event({"role": "assistant", "content": "", "reasoning_details": []})) == []
    assert acc.feed(event({})) == []
    assert acc.feed({"id": "gen-x", "choices": [], "debug": {"echo_upstream_body": {}}}) == []


def test_only_choice_zero_is_streamed() -> None:
    acc = StreamAccumulator()
    two = {
        "id": "g",
        "choices": [
            {"index": 1, "delta": {"content": "other"}},
            {"index": 0, "delta": {"content": "mine"}},
        ],
    }
    [chunk] = acc.feed(two)
    assert chunk.message.content == "mine"
    assert acc.feed({"id": "g", "choices": [{"index": 1, "delta": {"content": "x"}}]}) == []


# --- tool-call fragments from less tidy providers ------------------------------------------


def tool_event(*calls: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    return event({"content": None, "tool_calls": list(calls)}, finish)


def fragment(index: int | None, args: Any, call_id: str | None = None, name: str | None = None):
    function: dict[str, Any] = {"arguments": args}
    if name is not None:
        function["name"] = name
    call: dict[str, Any] = {"type": "function", "function": function}
    if index is not None:
        call["index"] = index
    if call_id is not None:
        call["id"] = call_id
    return call


def summed_tool_calls(events: list[dict[str, Any]]) -> list[Any]:
    total = functools.reduce(operator.add, [c.message for c in feed_all(events)])
    assert isinstance(total, AIMessageChunk)
    return [(c["id"], c["name"], c["args"]) for c in total.tool_calls]


def test_id_and_name_repeated_on_every_fragment_are_not_doubled() -> None:
    events = [
        tool_event(fragment(0, '{"city":', "call_1", "weather")),
        tool_event(fragment(0, '"Paris"}', "call_1", "weather")),
    ]
    assert summed_tool_calls(events) == [("call_1", "weather", {"city": "Paris"})]


def test_fragments_without_index_follow_their_id() -> None:
    events = [
        tool_event(fragment(None, '{"a":', "c1", "f")),
        tool_event(fragment(None, "1}")),
        tool_event(fragment(None, "{}", "c2", "g")),
    ]
    assert summed_tool_calls(events) == [("c1", "f", {"a": 1}), ("c2", "g", {})]


def test_empty_arguments_stream_as_no_arguments() -> None:
    events = [tool_event(fragment(0, "", "c1", "now")), event({"content": ""}, "tool_calls")]
    assert summed_tool_calls(events) == [("c1", "now", {})]


def test_object_arguments_are_encoded() -> None:
    assert summed_tool_calls([tool_event(fragment(0, {"a": 1}, "c1", "f"))]) == [
        ("c1", "f", {"a": 1})
    ]


def test_partial_has_the_tool_calls_so_far() -> None:
    acc = StreamAccumulator()
    acc.feed(tool_event(fragment(0, '{"q": "a', "c1", "search")))
    partial = acc.partial()
    assert partial.tool_call_chunks == [
        {"name": "search", "args": '{"q": "a', "id": "c1", "index": 0, "type": "tool_call_chunk"}
    ]


# --- reasoning_details merging (§4.3) ------------------------------------------------------


def test_summary_and_encrypted_items_sharing_an_index_stay_apart() -> None:
    merged = merge_reasoning_details(
        [
            {
                "type": "reasoning.summary",
                "summary": "**Plan",
                "format": "openai-responses-v1",
                "index": 0,
            },
            {
                "type": "reasoning.summary",
                "summary": "ning**",
                "format": "openai-responses-v1",
                "index": 0,
            },
            {
                "type": "reasoning.encrypted",
                "data": "gAAA",
                "id": "rs_1",
                "format": "openai-responses-v1",
                "index": 0,
            },
            {"type": "reasoning.text", "text": "next block", "index": 1},
        ]
    )
    assert merged == [
        {
            "type": "reasoning.summary",
            "summary": "**Planning**",
            "format": "openai-responses-v1",
            "index": 0,
        },
        {
            "type": "reasoning.encrypted",
            "data": "gAAA",
            "id": "rs_1",
            "format": "openai-responses-v1",
            "index": 0,
        },
        {"type": "reasoning.text", "text": "next block", "index": 1},
    ]


def test_items_without_index_merge_only_while_consecutive() -> None:
    merged = merge_reasoning_details(
        [
            {"type": "reasoning.text", "text": "a"},
            {"type": "reasoning.text", "text": "b"},
            {"type": "reasoning.encrypted", "data": "x"},
            {"type": "reasoning.text", "text": "c"},
        ]
    )
    assert merged == [
        {"type": "reasoning.text", "text": "ab"},
        {"type": "reasoning.encrypted", "data": "x"},
        {"type": "reasoning.text", "text": "c"},
    ]


def test_merged_array_comes_back_unchanged() -> None:
    details = read_sample("chat_completion_reasoning_encrypted.json")["choices"][0]["message"][
        "reasoning_details"
    ]
    assert merge_reasoning_details(details) == details


def test_reasoning_delta_chunks_show_reasoning_blocks_once() -> None:
    run = replay("chat_stream_reasoning.sse")
    deltas_with_reasoning = [m for m in run.messages if m.additional_kwargs.get("reasoning")]
    assert [b["type"] for b in deltas_with_reasoning[0].content_blocks] == ["reasoning"]
    # The final chunk carries the details but must not repeat the streamed reasoning.
    assert run.messages[-1].content_blocks == []
    blocks = run.total().content_blocks
    assert [b["type"] for b in blocks] == ["reasoning", "text"]
    assert blocks[0].get("extras", {})["signature"].startswith("Et0B")


def test_tool_call_chunks_show_as_tool_call_chunk_blocks() -> None:
    run = replay("chat_stream_tool_calls.sse")
    first = next(m for m in run.messages if m.tool_call_chunks)
    assert first.content_blocks == [
        {
            "type": "tool_call_chunk",
            "id": "call_EkEAi8FSp8St8OBEmE8pZDuC",
            "name": "get_fundamental_data",
            "args": None,
            "index": "lc_tc_0",
        }
    ]


def test_images_audio_refusal_and_logprobs_accumulate() -> None:
    image = {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}, "index": 0}
    logprob = {"token": "x", "logprob": -0.5, "bytes": None, "top_logprobs": []}
    events = [
        event({"refusal": "I can't", "images": [image], "audio": {"id": "au_1", "data": "AB"}}),
        event({"refusal": " help.", "audio": {"data": "CD", "transcript": "hi"}}),
        {
            "id": "gen-x",
            "choices": [
                {"index": 0, "delta": {"content": "x"}, "logprobs": {"content": [logprob]}}
            ],
        },
    ]
    chunks = feed_all(events)
    total = functools.reduce(operator.add, [c.message for c in chunks])
    assert isinstance(total, AIMessageChunk)
    assert total.additional_kwargs == {
        "refusal": "I can't help.",
        "images": [image],
        "audio": {"id": "au_1", "data": "ABCD", "transcript": "hi"},
    }
    assert total.response_metadata["logprobs"] == {"content": [logprob]}
    assert chunks[-1].generation_info == {"finish_reason": None, "logprobs": {"content": [logprob]}}


# --- driven by LangChain itself ------------------------------------------------------------


class ReplayChatModel(BaseChatModel):
    """A chat model whose ``_stream`` replays recorded events through the accumulator."""

    events: list[dict[str, Any]]

    @property
    def _llm_type(self) -> str:
        return "replay"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return generate_from_stream(self._stream(messages, stop, run_manager, **kwargs))

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        acc = StreamAccumulator()
        for item in self.events:
            yield from acc.feed(item)
        yield from acc.finish()


def test_invoke_through_langchain_gives_the_merged_message() -> None:
    model = ReplayChatModel(events=read_sample("chat_stream_reasoning.sse"))
    message = model.invoke("2+2?")
    assert isinstance(message, AIMessage)
    assert message.content == "2 + 2 = 4"
    [detail] = message.additional_kwargs["reasoning_details"]
    assert detail["format"] == "anthropic-claude-v1"
    assert detail["text"] == "This is a simple arithmetic question. 2+2 equals 4."
    assert message.response_metadata["finish_reason"] == "stop"
    assert message.usage_metadata is not None
    assert message.usage_metadata["total_tokens"] == 79


def test_langchain_stream_in_v1_output_gives_standard_blocks() -> None:
    model = ReplayChatModel(events=read_sample("chat_stream_reasoning.sse"), output_version="v1")
    full = functools.reduce(operator.add, model.stream("2+2?"))
    assert isinstance(full, AIMessageChunk)
    assert [(b["type"], b.get("reasoning") or b.get("text")) for b in full.content] == [  # type: ignore[union-attr]
        ("reasoning", "This is a simple arithmetic question. 2+2 equals 4."),
        ("text", "2 + 2 = 4"),
    ]
    tools = ReplayChatModel(events=read_sample("chat_stream_tool_calls.sse"), output_version="v1")
    full = functools.reduce(operator.add, tools.stream("go"))
    assert isinstance(full, AIMessageChunk)
    assert [b["type"] for b in full.content] == ["tool_call", "tool_call"]  # type: ignore[index]
    assert [c["args"] for c in full.tool_calls] == [{"symbol": "BA"}, {"symbol": "BA"}]


def reasoning_then_tool_calls() -> list[dict[str, Any]]:
    """A reasoning model (Gemini 2.5 shape) thinking, then making two parallel calls."""
    return [
        event({"role": "assistant", "content": "", "reasoning": "Need the "}),
        event({"content": "", "reasoning": "weather twice."}),
        tool_event(fragment(0, "", "call_1", "weather")),
        tool_event(fragment(0, '{"city": "Paris"}')),
        tool_event(fragment(1, '{"city": "Rome"}', "call_2", "weather"), finish="tool_calls"),
    ]


def test_v1_stream_keeps_tool_calls_apart_from_the_reasoning_block() -> None:
    """BaseChatModel.stream numbers blocks 0, 1, ...; a call at tool index 0 must not merge
    into the reasoning block 0 (it did, and the summed message lost its tool_call block)."""
    model = ReplayChatModel(events=reasoning_then_tool_calls(), output_version="v1")
    full = functools.reduce(operator.add, model.stream("go"))
    assert isinstance(full, AIMessageChunk)
    assert full.content_blocks == [
        {"type": "reasoning", "reasoning": "Need the weather twice.", "index": 0},
        {"type": "tool_call", "name": "weather", "args": {"city": "Paris"}, "id": "call_1"},
        {"type": "tool_call", "name": "weather", "args": {"city": "Rome"}, "id": "call_2"},
    ]
    assert [(c["id"], c["args"]) for c in full.tool_calls] == [
        ("call_1", {"city": "Paris"}),
        ("call_2", {"city": "Rome"}),
    ]


async def test_v1_astream_keeps_tool_calls_apart_from_the_reasoning_block() -> None:
    model = ReplayChatModel(events=reasoning_then_tool_calls(), output_version="v1")
    chunks = [chunk async for chunk in model.astream("go")]
    full = functools.reduce(operator.add, chunks)
    assert isinstance(full, AIMessageChunk)
    assert [(b["type"], b.get("id")) for b in full.content_blocks] == [
        ("reasoning", None),
        ("tool_call", "call_1"),
        ("tool_call", "call_2"),
    ]

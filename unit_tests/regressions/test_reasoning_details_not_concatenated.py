"""Summing streamed chunks must not glue ``reasoning_details`` strings together.

Seen in langchain-openrouter 0.2.x (and any integration that puts each delta's
``reasoning_details`` on its chunk): LangChain's ``AIMessageChunk.__add__`` merges list items
that share an ``index`` and concatenates their strings, so ``format`` became
``"anthropic-claude-v1anthropic-claude-v1..."``; agno-agi/agno#8794 replayed the unmerged
fragments instead. Either way Anthropic rejects the next turn ("Invalid signature in thinking
block"). Here the merged array is emitted once, on the final chunk.
"""

from __future__ import annotations

import functools
import operator

from langchain_core.language_models.chat_models import generate_from_stream
from langchain_core.messages import AIMessageChunk

from langchain_openrouter.chat_models.messages import convert_message
from langchain_openrouter.chat_models.streaming import StreamAccumulator
from unit_tests.chat_models.conftest import read_sample


def stream_chunks(name: str) -> list:
    acc = StreamAccumulator()
    chunks = [chunk for event in read_sample(name) for chunk in acc.feed(event)]
    return chunks + acc.finish()


def expected_detail() -> dict:
    fragments = [
        detail
        for event in read_sample("chat_stream_reasoning.sse")
        for detail in event["choices"][0]["delta"].get("reasoning_details") or ()
    ]
    assert len(fragments) == 6
    return {
        "type": "reasoning.text",
        "text": "".join(f.get("text") or "" for f in fragments),
        "signature": next(f["signature"] for f in fragments if f.get("signature")),
        "format": "anthropic-claude-v1",
        "index": 0,
    }


def test_sum_of_chunks_has_one_clean_item() -> None:
    total = functools.reduce(
        operator.add, [c.message for c in stream_chunks("chat_stream_reasoning.sse")]
    )
    assert isinstance(total, AIMessageChunk)
    assert total.additional_kwargs["reasoning_details"] == [expected_detail()]


def test_generate_from_stream_has_one_clean_item() -> None:
    result = generate_from_stream(iter(stream_chunks("chat_stream_reasoning.sse")))
    message = result.generations[0].message
    assert message.additional_kwargs["reasoning_details"] == [expected_detail()]
    assert convert_message(message)["reasoning_details"] == [expected_detail()]


def test_null_format_stays_null() -> None:
    events = read_sample("chat_stream_midstream_error.sse")
    acc = StreamAccumulator()
    for event in events[:-1]:
        acc.feed(event)
    [last] = acc.finish()
    [detail] = last.message.additional_kwargs["reasoning_details"]
    assert detail["format"] is None
    assert detail["type"] == "reasoning.text"

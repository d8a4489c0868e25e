"""The upstream ``provider`` and the raw ``native_finish_reason`` must reach the user.

Seen in langchain-ai/langchainjs#11509: the JS ``ChatOpenRouter`` dropped the top-level
``provider`` (which upstream served the call); OpenAI-compatible clients pointed at OpenRouter
drop both fields. They are kept here, streaming and not.
"""

from __future__ import annotations

import functools
import operator

from langchain_openrouter.chat_models.results import parse_chat_completion
from langchain_openrouter.chat_models.streaming import StreamAccumulator
from unit_tests.chat_models.conftest import read_sample


def test_non_streaming() -> None:
    meta = (
        parse_chat_completion(read_sample("chat_completion_tool_calls_byok.json"))
        .generations[0]
        .message.response_metadata
    )
    assert meta["provider"] == "Google AI Studio"
    assert meta["finish_reason"] == "tool_calls"
    assert meta["native_finish_reason"] == "STOP"


def test_streaming() -> None:
    acc = StreamAccumulator()
    chunks = [c for e in read_sample("chat_stream_usage_on_choice_chunk.sse") for c in acc.feed(e)]
    total = functools.reduce(operator.add, [c.message for c in chunks + acc.finish()])
    assert total.response_metadata["provider"] == "OpenAI"
    assert total.response_metadata["finish_reason"] == "stop"
    assert total.response_metadata["native_finish_reason"] == "completed"

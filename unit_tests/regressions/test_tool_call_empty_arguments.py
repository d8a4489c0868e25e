"""A tool call whose ``arguments`` is ``""`` means "no arguments", not broken JSON.

Seen in microsoft/autogen#5667 and simonw/llm#1164 (OpenRouter models sending ``""`` for
parameterless tools crashed ``json.loads``) and langchain-ai/langchain#27602 (ChatDeepInfra).
"""

from __future__ import annotations

import functools
import operator

from langchain_openrouter.chat_models.messages import convert_message
from langchain_openrouter.chat_models.results import parse_chat_completion
from langchain_openrouter.chat_models.streaming import StreamAccumulator

CALL = {"id": "call_1", "type": "function", "function": {"name": "now", "arguments": ""}}


def test_non_streaming() -> None:
    body = {
        "id": "gen-1",
        "choices": [
            {
                "index": 0,
                "finish_reason": "tool_calls",
                "message": {"role": "assistant", "content": "", "tool_calls": [CALL]},
            }
        ],
    }
    message = parse_chat_completion(body).generations[0].message
    assert message.tool_calls == [{"name": "now", "args": {}, "id": "call_1", "type": "tool_call"}]
    assert message.invalid_tool_calls == []
    assert convert_message(message)["tool_calls"][0]["function"]["arguments"] == "{}"


def test_streaming() -> None:
    acc = StreamAccumulator()
    chunks = acc.feed(
        {"id": "gen-1", "choices": [{"index": 0, "delta": {"tool_calls": [{**CALL, "index": 0}]}}]}
    )
    total = functools.reduce(operator.add, [c.message for c in chunks + acc.finish()])
    assert total.tool_calls == [{"name": "now", "args": {}, "id": "call_1", "type": "tool_call"}]

"""A body without ``system_fingerprint`` (or with fields we do not know) must parse.

Seen in MacPaw/OpenAI#345 (``keyNotFound system_fingerprint`` on every OpenRouter answer) and
OpenRouterTeam/benchmark-harness#23 (the SDK schema required it, so complete answers were
discarded). OpenRouter omits or nulls it for most providers and adds fields over time.
"""

from __future__ import annotations

import copy

from langchain_core.messages import AIMessage

from langchain_openrouter.chat_models.results import parse_chat_completion
from langchain_openrouter.chat_models.streaming import StreamAccumulator
from unit_tests.samples import load_json


def test_missing_fingerprint() -> None:
    body = load_json("chat_completion_basic.json")
    assert "system_fingerprint" not in body
    message = parse_chat_completion(body).generations[0].message
    assert message.content.startswith("Why did the train break up")
    assert "system_fingerprint" not in message.response_metadata


def test_null_fingerprint_and_unknown_fields() -> None:
    body = copy.deepcopy(load_json("chat_completion_reasoning.json"))
    assert body["system_fingerprint"] is None
    body["router_v9"] = {"shape": "unknown"}
    body["choices"][0]["message"]["new_field"] = [1]
    body["usage"]["completion_tokens_details"]["future_tokens"] = 3
    message = parse_chat_completion(body).generations[0].message
    assert isinstance(message, AIMessage)
    assert message.content == "ok"
    assert message.usage_metadata is not None
    assert message.usage_metadata["output_token_details"] == {"reasoning": 48, "audio": 0}


def test_stream_chunk_with_only_a_delta() -> None:
    acc = StreamAccumulator()
    [chunk] = acc.feed({"choices": [{"delta": {"content": "hi"}}]})
    assert chunk.message.content == "hi"
    [last] = acc.finish()
    assert "system_fingerprint" not in last.message.response_metadata

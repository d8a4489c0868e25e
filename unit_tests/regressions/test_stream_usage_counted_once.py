"""Streamed usage must be counted exactly once, wherever it arrives.

Seen in langchain-ai/langchainjs#11054 (fixed by #11457): usage taken from a choice chunk and
again from the final usage chunk was summed twice for OpenAI-compatible providers including
OpenRouter. Release 0.2.x here dropped streamed usage entirely before langchain-ai/langchain#35559.
OpenRouter sends usage in three placements (§4.4); each is counted once.
"""

from __future__ import annotations

import functools
import operator

import pytest
from langchain_core.language_models.chat_models import generate_from_stream

from langchain_openrouter.chat_models.streaming import StreamAccumulator
from unit_tests.chat_models.conftest import read_sample

# sample -> (placement, total tokens)
SAMPLES = {
    "chat_stream_basic.sse": ("own chunk, no choices", 259),
    "chat_stream_usage_on_choice_chunk.sse": ("empty-delta choice after stop", 113),
    "chat_stream_web_search_annotations.sse": ("same chunk as finish_reason", 2370),
}


@pytest.mark.parametrize("name", SAMPLES)
def test_usage_once(name: str) -> None:
    acc = StreamAccumulator()
    chunks = [c for e in read_sample(name) for c in acc.feed(e)] + acc.finish()
    total = functools.reduce(operator.add, [c.message for c in chunks])
    expected = SAMPLES[name][1]
    assert total.usage_metadata is not None
    assert total.usage_metadata["total_tokens"] == expected
    generated = generate_from_stream(iter(chunks)).generations[0].message
    assert generated.usage_metadata is not None
    assert generated.usage_metadata["total_tokens"] == expected

"""The pure half: input checks, request planning, response parsing and base64 decoding."""

from __future__ import annotations

import base64
import struct
from typing import Any

import pytest
from langchain_core.exceptions import ContextOverflowError

from langchain_openrouter import _tokens
from langchain_openrouter.embeddings import EmbeddingInputError, InputTooLongError
from langchain_openrouter.embeddings.wire import EmbeddingJob, decode_embedding, prepare_inputs
from langchain_openrouter.errors import OpenRouterError, RateLimitError
from unit_tests.samples import load_json


def test_base64_sample_decodes_bit_exact() -> None:
    body = load_json("embeddings_base64.json")
    value = body["data"][0]["embedding"]
    assert decode_embedding(value) == [1.0, 2.0, 3.0, 4.0]
    assert decode_embedding(value) == list(struct.unpack("<4f", base64.b64decode(value)))


def test_base64_keeps_float32_values_exactly() -> None:
    values = [0.0023064255, -0.009327292, 1e-30, -3.4e38]
    encoded = base64.b64encode(struct.pack("<4f", *values)).decode()
    assert decode_embedding(encoded) == list(struct.unpack("<4f", struct.pack("<4f", *values)))


@pytest.mark.parametrize("bad", ["not base64!", "AAAAAAA=", 5, None])
def test_bad_embedding_values_raise(bad: Any) -> None:
    with pytest.raises(OpenRouterError):
        decode_embedding(bad)


def test_float_sample_parses_exactly_even_out_of_order() -> None:
    body = load_json("embeddings.json")
    expected = [item["embedding"] for item in body["data"]]
    body["data"].reverse()
    job = EmbeddingJob.plan(["a", "b"], params={"model": "m"}, chunk_size=10)
    job.absorb(job.batches[0], body)
    assert job.result() == expected
    usage = job.usage_summary()
    assert (usage.prompt_tokens, usage.total_tokens, usage.cost, usage.requests) == (
        14,
        14,
        2.8e-07,
        1,
    )
    assert usage.model == "openai/text-embedding-3-small"
    assert usage.is_byok is False


def test_plan_splits_into_chunks_with_the_same_params() -> None:
    job = EmbeddingJob.plan(
        [str(i) for i in range(5)], params={"model": "m", "dimensions": 8}, chunk_size=2
    )
    assert [(b.start, b.stop) for b in job.batches] == [(0, 2), (2, 4), (4, 5)]
    assert job.batches[2].body == {"model": "m", "dimensions": 8, "input": ["4"]}
    assert EmbeddingJob.plan([], params={"model": "m"}, chunk_size=2).batches == []


@pytest.mark.parametrize(
    "data",
    [
        [{"index": 0, "embedding": [1.0]}],
        [{"index": 0, "embedding": [1.0]}, {"index": 0, "embedding": [2.0]}],
        [{"index": 0, "embedding": [1.0]}, {"index": 2, "embedding": [2.0]}],
    ],
)
def test_wrong_count_or_indices_raise(data: list[dict[str, Any]]) -> None:
    job = EmbeddingJob.plan(["a", "b"], params={"model": "m"}, chunk_size=2)
    with pytest.raises(OpenRouterError):
        job.absorb(job.batches[0], {"data": data})


def test_error_inside_a_200_body_is_typed() -> None:
    job = EmbeddingJob.plan(["a"], params={"model": "m"}, chunk_size=2)
    body = {"error": {"code": 429, "message": "Rate limit exceeded", "metadata": {}}}
    with pytest.raises(RateLimitError) as info:
        job.absorb(job.batches[0], body)
    assert info.value.message == "Rate limit exceeded"


def test_empty_string_is_refused_with_its_index() -> None:
    with pytest.raises(EmbeddingInputError, match="input 2 is an empty string") as info:
        prepare_inputs(["a", "b", "", "d"], limit=8191, truncate=False)
    assert info.value.index == 2
    with pytest.raises(EmbeddingInputError, match="input 1 is a int"):
        prepare_inputs(["a", 3], limit=None, truncate=False)  # type: ignore[list-item]


def test_a_single_string_is_not_a_list_of_texts() -> None:
    # Iterating it would embed (and bill) each character as a document.
    with pytest.raises(TypeError, match="texts must be a list of strings, not a str"):
        prepare_inputs("one text", limit=8191, truncate=False)


def test_any_iterable_of_texts_is_read_once() -> None:
    texts = (text for text in ["a", "b", "word " * 50])
    assert prepare_inputs(texts, limit=20, truncate=True)[:2] == ["a", "b"]  # type: ignore[arg-type]
    assert prepare_inputs(iter(["a", "b"]), limit=None, truncate=False) == ["a", "b"]  # type: ignore[arg-type]


def test_over_long_input_names_its_index() -> None:
    long_text = "word " * 50
    tokens = _tokens.count_tokens(long_text)
    with pytest.raises(InputTooLongError) as info:
        prepare_inputs(["short", long_text], limit=20, truncate=False)
    err = info.value
    assert (err.index, err.tokens, err.limit) == (1, tokens, 20)
    assert isinstance(err, ContextOverflowError)
    assert isinstance(err, ValueError)
    assert "input 1 is" in str(err)
    assert "truncate_inputs=True" in str(err)


def test_truncation_cuts_to_the_limit_and_keeps_the_rest() -> None:
    long_text = "word " * 50
    inputs = ["short", long_text]
    out = prepare_inputs(inputs, limit=20, truncate=True)
    assert out[0] == "short"
    assert out[1] == _tokens.truncate(long_text, 20)
    assert _tokens.count_tokens(out[1]) == 20
    assert inputs[1] == long_text  # the caller's list is not modified


def test_no_limit_skips_the_length_check() -> None:
    text = "word " * 50
    assert prepare_inputs([text], limit=None, truncate=False) == [text]


def test_the_length_check_counts_with_the_models_tokenizer() -> None:
    text = "日本語のテキストを数える"  # cl100k_base: 12 tokens, o200k_base: 9
    assert prepare_inputs([text], limit=10, truncate=False, model="qwen/qwen3-embedding-8b")
    with pytest.raises(InputTooLongError) as info:
        prepare_inputs([text], limit=10, truncate=False, model="openai/text-embedding-3-small")
    assert info.value.tokens == 12
    cut = prepare_inputs([text], limit=5, truncate=True, model="qwen/qwen3-embedding-8b")[0]
    assert _tokens.count_tokens(cut, "qwen/qwen3-embedding-8b") == 5
    assert cut == _tokens.truncate(text, 5, "qwen/qwen3-embedding-8b")

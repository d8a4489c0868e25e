"""POST /embeddings: deterministic, similarity-preserving vectors."""

from __future__ import annotations

import base64
import math
import struct
from typing import Any

import pytest

from langchain_openrouter.testing.routes.embeddings import embed
from unit_tests.samples import load_json
from unit_tests.testing.conftest import Call
from unit_tests.testing.shapes import assert_same_shape


def cosine(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


def embeddings(call: Call, inputs: Any, **body: Any) -> dict[str, Any]:
    body.setdefault("model", "openai/text-embedding-3-small")
    response = call("POST", "/embeddings", {"input": inputs, **body})
    assert response.status == 200, response.body
    return response.json()  # type: ignore[no-any-return]


def test_vectors_have_the_model_dimension_and_unit_norm(call: Call) -> None:
    body = embeddings(call, ["hello world", "goodbye"])
    assert_same_shape(body, load_json("embeddings.json"))
    assert [d["index"] for d in body["data"]] == [0, 1]
    vector = body["data"][0]["embedding"]
    assert len(vector) == 1536
    assert math.isclose(math.sqrt(sum(v * v for v in vector)), 1.0, rel_tol=1e-6)
    large = embeddings(call, "hello", model="openai/text-embedding-3-large")
    assert len(large["data"][0]["embedding"]) == 3072
    assert body["usage"]["prompt_tokens"] == 4  # "hello world" 2 tokens, "goodbye" 2
    assert body["usage"]["cost"] == pytest.approx(4 * 0.00000002)


def test_similar_texts_are_closer_than_unrelated_ones(call: Call) -> None:
    texts = ["The cat sat on the mat", "A cat was sitting on the mat", "Quarterly revenue grew 8%"]
    a, b, c = (d["embedding"] for d in embeddings(call, texts)["data"])
    assert cosine(a, b) > 0.5
    assert abs(cosine(a, c)) < 0.2
    assert cosine(a, b) > cosine(a, c)


def test_deterministic(call: Call) -> None:
    assert embeddings(call, "same")["data"] == embeddings(call, "same")["data"]
    assert embed("same", 1536) == embeddings(call, "same")["data"][0]["embedding"]


def test_dimensions_truncate_and_renormalise(call: Call) -> None:
    vector = embeddings(call, "hello", dimensions=256)["data"][0]["embedding"]
    assert len(vector) == 256
    assert math.isclose(sum(v * v for v in vector), 1.0, rel_tol=1e-6)
    assert (
        call(
            "POST",
            "/embeddings",
            {"model": "openai/text-embedding-3-small", "input": "x", "dimensions": 5000},
        ).status
        == 400
    )


def test_base64_encoding(call: Call) -> None:
    body = embeddings(call, "hello", encoding_format="base64")
    assert_same_shape(body, load_json("embeddings_base64.json"), allow_extra=("id", "is_byok"))
    raw = base64.b64decode(body["data"][0]["embedding"])
    decoded = struct.unpack(f"<{len(raw) // 4}f", raw)
    floats = embeddings(call, "hello")["data"][0]["embedding"]
    assert decoded == pytest.approx(floats, abs=1e-6)


def test_token_inputs_and_errors(call: Call) -> None:
    assert len(embeddings(call, [1, 2, 3])["data"]) == 1
    assert len(embeddings(call, [[1, 2], [3]])["data"]) == 2
    for bad in ("", [""], [], None, [{"x"}]):
        response = call(
            "POST",
            "/embeddings",
            {"model": "openai/text-embedding-3-small", "input": bad}
            if bad != [{"x"}]
            else {"model": "openai/text-embedding-3-small", "input": [5.5]},
        )
        assert response.status == 400, bad
    wrong = call("POST", "/embeddings", {"model": "openai/gpt-4o", "input": "x"})
    assert wrong.json()["error"]["availability"]["code"] == "wrong_endpoint"
    assert call("POST", "/embeddings", {"input": "x"}).status == 400

"""The emulator's ``POST /rerank``: ranking, top_n, usage and cost, and OpenRouter's errors."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from langchain_openrouter import _tokens
from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.testing.catalog import CATALOG, Catalog
from langchain_openrouter.testing.routes.rerank import (
    RERANK_MODELS_FALLBACK,
    rerank_model,
    score,
)
from unit_tests.testing.conftest import Call

COHERE = "cohere/rerank-v3.5"
JINA = "jina-ai/jina-reranker-m0"
DOCS = ["Tax law in France", "Red apples are sweet", "Green pears", "An apple a day"]
PNG = "data:image/png;base64,iVBORw0KGgo="


def rerank(call: Call, **body: Any) -> dict[str, Any]:
    body.setdefault("model", COHERE)
    body.setdefault("query", "sweet red apples")
    body.setdefault("documents", DOCS)
    response = call("POST", "/rerank", body)
    assert response.status == 200, response.body
    return response.json()  # type: ignore[no-any-return]


def error(call: Call, **body: Any) -> tuple[int, dict[str, Any]]:
    response = call("POST", "/rerank", body)
    return response.status, response.json()["error"]


def test_results_are_ordered_by_score_with_the_input_index_and_document(call: Call) -> None:
    answer = rerank(call)
    results = answer["results"]
    expected = sorted(range(len(DOCS)), key=lambda i: -score("sweet red apples", DOCS[i]))
    assert [r["index"] for r in results] == expected
    assert expected[:2] == [1, 3]
    assert [r["relevance_score"] for r in results] == [
        score("sweet red apples", DOCS[i]) for i in expected
    ]
    assert results[0]["relevance_score"] > 0.5 > results[-1]["relevance_score"] >= 0.0
    assert results[0]["document"] == {"text": "Red apples are sweet"}
    assert answer["model"] == COHERE
    assert answer["provider"] == "Cohere"
    assert answer["id"].startswith("gen-")


def test_scores_are_deterministic_and_bounded() -> None:
    assert score("apples", "apples") == 1.0
    assert score("apples", "") == 0.0
    assert score("red apples", "apples are red") == score("red apples", "apples are red")
    assert 0.0 <= score("red apples", "quantum chromodynamics") < 0.2


def test_top_n_keeps_the_best_and_more_than_the_documents_returns_all(call: Call) -> None:
    assert [r["index"] for r in rerank(call, top_n=2)["results"]] == [1, 3]
    assert len(rerank(call, top_n=50)["results"]) == len(DOCS)


def test_usage_bills_search_units_at_the_request_price(call: Call, emu: OpenRouterEmulator) -> None:
    query = "sweet red apples"
    usage = rerank(call, query=query)["usage"]
    tokens = sum(_tokens.count_tokens(query) + _tokens.count_tokens(d) for d in DOCS)
    assert usage == {"cost": 0.002, "search_units": 1, "total_tokens": tokens}
    many = rerank(call, documents=[f"doc {i}" for i in range(150)])["usage"]
    assert many["search_units"] == 2
    assert many["cost"] == pytest.approx(0.004)
    assert emu.credits_left == pytest.approx(100 - 0.006)


def test_token_priced_model_bills_tokens_and_images(call: Call) -> None:
    documents = [{"text": "a red apple", "image": "https://img.example/apple.png"}, "pears"]
    usage = rerank(call, model=JINA, documents=documents)["usage"]
    query_tokens = _tokens.count_tokens("sweet red apples")
    text_tokens = _tokens.count_tokens("a red apple") + _tokens.count_tokens("pears")
    assert usage["total_tokens"] == 2 * query_tokens + text_tokens + 85
    assert usage["cost"] == pytest.approx(usage["total_tokens"] * 0.00000005)


def test_image_documents_are_echoed_and_scored_by_their_url(call: Call) -> None:
    documents = [
        {"image": PNG},
        {"image": "https://img.example/red-apples.png"},
        {"text": "tax forms", "image": PNG},
    ]
    results = rerank(call, model=JINA, query="red apples", documents=documents)["results"]
    assert results[0] == {
        "index": 1,
        "relevance_score": score("red apples", "https://img.example/red-apples.png"),
        "document": {"image": "https://img.example/red-apples.png"},
    }
    assert {r["index"]: r["document"] for r in results}[2] == {"text": "tax forms", "image": PNG}


def test_the_generation_is_recorded_as_a_rerank(call: Call, emu: OpenRouterEmulator) -> None:
    gen_id = rerank(call)["id"]
    record = emu.generations[gen_id]
    assert record["api_type"] == "rerank"
    assert record["total_cost"] == 0.002
    assert record["model"] == COHERE


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"query": "q", "documents": ["a"]}, 400, "model: Required"),
        ({"model": COHERE, "documents": ["a"]}, 400, "query: Required"),
        (
            {"model": COHERE, "query": "", "documents": ["a"]},
            400,
            "query: String must contain at least 1 character(s)",
        ),
        (
            {"model": COHERE, "query": "q", "documents": []},
            400,
            "documents: Array must contain at least 1 element(s)",
        ),
        ({"model": COHERE, "query": "q"}, 400, "documents: Expected array"),
        (
            {"model": COHERE, "query": "q", "documents": ["a", 3]},
            400,
            "documents[1]: Expected string or object",
        ),
        (
            {"model": COHERE, "query": "q", "documents": [{}]},
            400,
            "documents[0]: Expected at least one of 'text' or 'image'",
        ),
        (
            {"model": JINA, "query": "q", "documents": [{"image": "file:///etc/passwd"}]},
            400,
            "documents[0].image: Expected an http(s) URL or a data:image/... URI",
        ),
        (
            {"model": COHERE, "query": "q", "documents": ["a"], "top_n": 0},
            400,
            "top_n: Number must be greater than or equal to 1",
        ),
        (
            {"model": COHERE, "query": "q", "documents": ["a"], "top_n": "2"},
            400,
            "top_n: Expected integer",
        ),
        (
            {"model": COHERE, "query": "q", "documents": [{"image": PNG}]},
            404,
            "No endpoints found that support image input",
        ),
    ],
)
def test_bad_requests_get_openrouters_errors(
    call: Call, emu: OpenRouterEmulator, body: dict[str, Any], status: int, message: str
) -> None:
    assert error(call, **body) == (
        status,
        {
            "code": status,
            "message": message,
            "metadata": {"error_type": "invalid_request" if status == 400 else "not_found"},
        },
    )
    assert emu.credits_left == 100


@pytest.mark.parametrize(
    ("model", "message", "code", "detail"),
    [
        ("acme/nope", "acme/nope is not a valid model ID", "model_not_found", None),
        (
            "openai/gpt-4o-mini",
            "openai/gpt-4o-mini is not a rerank model; use /api/v1/chat/completions",
            "wrong_endpoint",
            "/api/v1/chat/completions",
        ),
        (
            "openai/text-embedding-3-small",
            "openai/text-embedding-3-small is not a rerank model; use /api/v1/embeddings",
            "wrong_endpoint",
            "/api/v1/embeddings",
        ),
    ],
)
def test_unknown_and_wrong_kind_models_are_availability_errors(
    call: Call, model: str, message: str, code: str, detail: str | None
) -> None:
    status, body = error(call, model=model, query="q", documents=["a"])
    assert status == 400
    assert body["message"] == message
    assert body["error_type"] == "invalid_request"
    assert body["availability"]["code"] == code
    assert body["availability"]["retryable"] is False
    assert body["availability"].get("constraint", {}).get("detail") == detail


def test_no_credits_is_402_and_a_missing_key_401(call: Call, emu: OpenRouterEmulator) -> None:
    emu.set_credits(0)
    status, body = error(call, model=COHERE, query="q", documents=["a"])
    assert status == 402
    assert body["message"].startswith("Insufficient credits")
    assert body["metadata"] == {"error_type": "payment_required"}
    assert call("POST", "/rerank", {"model": COHERE}, key=None).status == 401


def test_injected_faults_apply_to_the_route(call: Call, emu: OpenRouterEmulator) -> None:
    emu.fail_next(503, route="/rerank", retry_after=3)
    response = call("POST", "/rerank", {"model": COHERE, "query": "q", "documents": ["a"]})
    assert response.status == 503
    assert response.headers["retry-after"] == "3"
    assert rerank(call)["results"]


def test_at_least_two_rerank_models_are_served_and_the_catalog_wins() -> None:
    served = [rerank_model(CATALOG, m.id) for m in RERANK_MODELS_FALLBACK]
    assert len(served) >= 2
    assert all("rerank" in m.output_modalities for m in served)
    assert "image" in rerank_model(CATALOG, JINA).input_modalities
    assert "image" not in rerank_model(CATALOG, COHERE).input_modalities
    own = replace(RERANK_MODELS_FALLBACK[0], name="Catalog's own")
    assert rerank_model(Catalog([*CATALOG.models, own]), own.id).name == "Catalog's own"

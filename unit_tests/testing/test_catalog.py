"""The built-in catalog and its routes, compared with the recorded catalog bodies."""

from __future__ import annotations

from decimal import Decimal

import pytest

from langchain_openrouter.testing.catalog import CATALOG, PROVIDERS
from unit_tests.samples import load_json
from unit_tests.testing.conftest import Call
from unit_tests.testing.shapes import assert_same_shape

REQUIRED = [
    "openai/gpt-4o-mini",
    "openai/gpt-4o",
    "openai/o3-mini",
    "anthropic/claude-sonnet-4.5",
    "google/gemini-2.5-flash",
    "meta-llama/llama-3.3-70b-instruct",
    "deepseek/deepseek-r1",
    "qwen/qwen3-235b-a22b:free",
    "google/gemini-2.5-flash-image",
]


# optional or nullable in the reference (§7.2)
MAYBE_ABSENT = ("reasoning", "default_effort", "supports_max_tokens")
NULLABLE = (
    "supported_efforts",
    "default_effort",
    "knowledge_cutoff",
    "max_completion_tokens",
    "context_length",
)
VARYING = ("pricing", "default_parameters")  # their keys vary by model


def test_catalog_has_the_models_tests_rely_on() -> None:
    assert len(CATALOG.chat_models()) >= 25
    for model_id in REQUIRED:
        assert CATALOG.get(model_id) is not None, model_id
    dims = {m.id: m.dimensions for m in CATALOG.embedding_models()}
    assert dims["openai/text-embedding-3-small"] == 1536
    assert dims["openai/text-embedding-3-large"] == 3072
    assert "image" in CATALOG.get("google/gemini-2.5-flash-image").output_modalities  # type: ignore[union-attr]
    assert CATALOG.get("openai/o3-mini").reasoning is not None  # type: ignore[union-attr]


@pytest.mark.parametrize("model", CATALOG.models, ids=lambda m: m.id)
def test_every_model_is_consistent(model: object) -> None:
    from langchain_openrouter.testing.catalog import CatalogModel

    assert isinstance(model, CatalogModel)
    wire = model.wire()
    assert_same_shape(
        wire,
        load_json("model_get.json")["data"],
        allow_missing=MAYBE_ABSENT,
        allow_extra=("reasoning",),
        allow_null=NULLABLE,
        opaque=VARYING,
    )
    assert isinstance(wire["default_parameters"], dict)
    for key, price in wire["pricing"].items():
        assert isinstance(price, str), key
        Decimal(price)
    assert all(p in PROVIDERS for p in model.providers)
    if "reasoning" in model.supported_parameters and model.tokenizer != "Router":
        assert model.reasoning is not None
        assert model.reasoning_format is not None or model.author == "minimax"
    assert wire["architecture"]["modality"].count("->") == 1


def test_list_models_matches_the_recorded_list(call: Call) -> None:
    body = call("GET", "/models", key=None).json()
    sample = load_json("models_list_excerpt.json")
    sample["data"] = [sample["data"][1]]  # Claude: has every field but benchmarks
    assert_same_shape(
        body,
        sample,
        allow_missing=MAYBE_ABSENT,
        allow_extra=("reasoning",),
        allow_null=NULLABLE,
        opaque=VARYING,
    )
    ids = [m["id"] for m in body["data"]]
    assert body["total_count"] == len(ids) == 76
    assert "openai/text-embedding-3-small" not in ids  # default output_modalities=text


def test_models_filters(call: Call) -> None:
    def ids(query: str) -> set[str]:
        return {m["id"] for m in call("GET", f"/models?{query}").json()["data"]}

    reasoning = ids("supported_parameters=reasoning,tools")
    assert "anthropic/claude-sonnet-4.5" in reasoning
    assert "openai/gpt-4o-mini" not in reasoning
    assert ids("output_modalities=image") == {"google/gemini-2.5-flash-image", "openrouter/auto"}
    assert "openai/text-embedding-3-large" in ids("output_modalities=embeddings")
    assert len(ids("output_modalities=all")) == len(CATALOG.models)
    assert ids("input_modalities=audio") == {
        "google/gemini-2.5-flash",
        "google/gemini-2.5-pro",
        "google/gemini-2.5-flash-lite",
        "google/gemini-2.0-flash-001",
        "google/gemini-3-flash-preview",
        "openrouter/auto",
    }
    assert ids("q=llama") == {
        "meta-llama/llama-3.3-70b-instruct",
        "meta-llama/llama-3.1-8b-instruct",
        "meta-llama/llama-3.3-70b-instruct:free",
        "meta-llama/llama-3.1-405b-instruct",
        "meta-llama/llama-4-maverick",
        "meta-llama/llama-4-scout",
        "nvidia/llama-3.3-nemotron-super-49b-v1.5",
    }
    # Rerank models are listed only when asked for (their output modality is not text).
    assert ids("output_modalities=rerank") == {
        "cohere/rerank-v3.5",
        "cohere/rerank-english-v3.0",
        "jina-ai/jina-reranker-m0",
    }


def test_pagination(call: Call) -> None:
    page = call("GET", "/models?offset=5&limit=10").json()
    assert len(page["data"]) == 10
    assert page["links"]["next"] == "/api/v1/models?offset=15&limit=10"
    last = call("GET", "/models?offset=70&limit=10").json()
    assert (len(last["data"]), last["links"]["next"]) == (6, None)


def test_count_single_model_and_user_models(call: Call) -> None:
    count = call("GET", "/models/count").json()
    assert_same_shape(count, load_json("models_count.json"))
    assert count == {"data": {"count": 76}}
    assert call("GET", "/models/count?output_modalities=all").json()["data"]["count"] == 82
    got = call("GET", "/model/anthropic/claude-sonnet-4.5").json()
    assert_same_shape(got, load_json("model_get.json"))
    assert got["data"]["canonical_slug"] == "anthropic/claude-4.5-sonnet-20250929"
    assert call("GET", "/model/qwen/qwen3-235b-a22b:free").json()["data"]["id"] == (
        "qwen/qwen3-235b-a22b:free"
    )
    assert call("GET", "/model/acme/nothing").status == 404
    assert call("GET", "/models/user", key=None).status == 401
    assert call("GET", "/models/user").json()["total_count"] == 76


def test_model_endpoints(call: Call) -> None:
    body = call("GET", "/models/anthropic/claude-sonnet-4.5/endpoints").json()
    assert_same_shape(body, load_json("model_endpoints.json"), opaque=VARYING)
    endpoints = body["data"]["endpoints"]
    assert [e["provider_name"] for e in endpoints] == ["Anthropic", "Amazon Bedrock", "Google"]
    assert [e["status"] for e in endpoints] == [0, 0, -2]
    anonymous = call("GET", "/models/anthropic/claude-sonnet-4.5/endpoints", key=None).json()
    assert anonymous["data"]["endpoints"][0]["latency_last_30m"] is None


def test_providers_zdr_and_the_nonstandard_endpoints(call: Call) -> None:
    providers = call("GET", "/providers", key=None).json()
    assert_same_shape(
        providers, load_json("providers_excerpt.json"), allow_null=("status_page_url",)
    )
    zdr = call("GET", "/endpoints/zdr", key=None).json()
    assert_same_shape(
        zdr, load_json("endpoints_zdr_excerpt.json"), opaque=VARYING, allow_null=NULLABLE
    )
    assert {e["tag"] for e in zdr["data"]} <= {p.slug for p in PROVIDERS.values() if p.zdr}
    everything = call("GET", "/endpoints")
    assert everything.headers["x-emulator-nonstandard"] == "true"
    assert len(everything.json()["data"]) > len(zdr["data"])


def test_embedding_models(call: Call) -> None:
    body = call("GET", "/embeddings/models", key=None).json()
    assert {m["id"] for m in body["data"]} == {
        "openai/text-embedding-3-small",
        "openai/text-embedding-3-large",
        "mistralai/mistral-embed-2312",
    }
    assert body["total_count"] == 3

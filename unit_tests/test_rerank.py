"""OpenRouterRerank against the in-process emulator, and its pure body and answer functions."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from langchain_core.documents import Document

from langchain_openrouter import OpenRouterRerank, _usage
from langchain_openrouter.errors import (
    BadRequestError,
    InsufficientCreditsError,
    NotFoundError,
    OpenRouterError,
)
from langchain_openrouter.rerank import (
    RerankResponse,
    RerankResult,
    RerankUsage,
    build_rerank_body,
    parse_rerank_response,
    reranked_documents,
)
from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.testing.routes.rerank import score

COHERE = "cohere/rerank-v3.5"
JINA = "jina-ai/jina-reranker-m0"
QUERY = "sweet red apples"
TEXTS = ["Tax law in France", "Red apples are sweet", "Green pears", "An apple a day"]
PNG = "data:image/png;base64,iVBORw0KGgo="


@pytest.fixture
def emu() -> OpenRouterEmulator:
    return OpenRouterEmulator()


@pytest.fixture
def docs() -> list[Document]:
    return [
        Document(text, id=f"doc-{i}", metadata={"source": f"s{i}", "index": 10 + i})
        for i, text in enumerate(TEXTS)
    ]


def make(emu: OpenRouterEmulator, **kwargs: Any) -> OpenRouterRerank:
    kwargs.setdefault("model", COHERE)
    return OpenRouterRerank(
        api_key=emu.api_key,
        base_url=emu.base_url,
        http_client=emu.client(),
        http_async_client=emu.async_client(),
        max_retries=kwargs.pop("max_retries", 0),
        **kwargs,
    )


def sent(emu: OpenRouterEmulator) -> list[dict[str, Any]]:
    return [r.json() for r in emu.requests if r.route == "/rerank"]


def best_first(texts: list[str]) -> list[int]:
    return sorted(range(len(texts)), key=lambda i: (-score(QUERY, texts[i]), i))


# the pure functions ---------------------------------------------------------------------------


def test_body_sends_text_as_strings_and_images_as_objects() -> None:
    documents = [
        "plain",
        Document("caption", metadata={"image": "https://img.example/a.png"}),
        Document(PNG),
        Document("", metadata={"image": PNG}),
        {"text": "t"},
        {"image": "https://img.example/b.jpg"},
        Document("just text", metadata={"pic": PNG}),
    ]
    body = build_rerank_body(COHERE, "q", documents, provider={"order": ["cohere"]}, user=None)
    assert body == {
        "model": COHERE,
        "query": "q",
        "documents": [
            "plain",
            {"text": "caption", "image": "https://img.example/a.png"},
            {"image": PNG},
            {"image": PNG},
            {"text": "t"},
            {"image": "https://img.example/b.jpg"},
            "just text",
        ],
        "provider": {"order": ["cohere"]},
    }
    by_pic = build_rerank_body(COHERE, "q", documents[-1:], image_key="pic")
    assert by_pic["documents"] == [{"text": "just text", "image": PNG}]


def test_top_n_is_capped_at_the_number_of_documents() -> None:
    assert build_rerank_body(COHERE, "q", ["a", "b"], top_n=10)["top_n"] == 2
    assert build_rerank_body(COHERE, "q", ["a", "b"], top_n=1)["top_n"] == 1
    assert "top_n" not in build_rerank_body(COHERE, "q", ["a", "b"])


@pytest.mark.parametrize(
    ("query", "documents", "top_n", "match"),
    [
        ("", ["a"], None, "query must be a non-empty string"),
        ("  ", ["a"], None, "query must be a non-empty string"),
        ("q", [], None, "documents must hold at least one document"),
        ("q", ["a"], 0, r"top_n must be an integer >= 1"),
        ("q", [{"title": "x"}], None, r"documents\[0\] needs a 'text' or an 'image' key"),
        ("q", [{"image": "ftp://x/y.png"}], None, r"documents\[0\]\['image'\] must be an http"),
        (
            "q",
            ["a", Document("b", metadata={"image": "images/b.png"})],
            None,
            r"documents\[1\]\.metadata\['image'\] must be an http\(s\) image URL",
        ),
        # Prefixes alone are not images: no host, no payload, not base64.
        ("q", [{"image": "https://"}], None, r"documents\[0\]\['image'\] must be an http"),
        ("q", [{"image": "data:image/png;base64,"}], None, r"documents\[0\]\['image'\]"),
        ("q", [{"image": "data:image/png,rawbytes"}], None, r"documents\[0\]\['image'\]"),
        ("q", [Document("data:image/png;base64,")], None, r"documents\[0\]\.page_content must"),
    ],
)
def test_bad_input_names_the_field(
    query: str, documents: list[Any], top_n: Any, match: str
) -> None:
    with pytest.raises(ValueError, match=match):
        build_rerank_body(COHERE, query, documents, top_n=top_n)


@pytest.mark.parametrize(
    ("query", "documents", "top_n", "match"),
    [
        (5, ["a"], None, "query must be a non-empty string, got int"),
        ("q", ["a"], True, r"top_n must be an integer >= 1"),
        ("q", ["a", 3], None, r"documents\[1\] must be a string, a Document or"),
        ("q", [{"text": 5}], None, r"documents\[0\]\['text'\] must be a string"),
        # A bare string or mapping would be ranked one character / key at a time, and billed.
        ("q", "one document", None, r"documents must be a list .* got str"),
        ("q", {"text": "a"}, None, r"documents must be a list .* got dict"),
        ("q", Document("a"), None, r"documents must be a list .* got Document"),
        ("q", 5, None, r"documents must be a list .* got int"),
    ],
)
def test_a_wrong_type_is_a_type_error_naming_the_field(
    query: Any, documents: Any, top_n: Any, match: str
) -> None:
    with pytest.raises(TypeError, match=match):
        build_rerank_body(COHERE, query, documents, top_n=top_n)


def test_parse_sorts_by_score_and_keeps_unknown_fields() -> None:
    answer = {
        "id": "gen-1",
        "model": COHERE,
        "results": [
            {"index": 0, "relevance_score": 0.2},
            {"index": 2, "relevance_score": 0.9, "document": {"text": "c"}},
            {"index": 1, "relevance_score": 0.2, "extra": 1},
        ],
        "usage": {"cost": 0.002, "search_units": 1, "billed_units": {"search_units": 1}},
        "new_field": True,
    }
    response = parse_rerank_response(answer, 3)
    assert [r.index for r in response.results] == [2, 0, 1]
    assert response.results[0].document is not None
    assert response.results[0].document.text == "c"
    assert response.results[2].model_extra == {"extra": 1}
    assert response.usage is not None
    assert (response.usage.cost, response.usage.search_units) == (0.002, 1)
    assert response.usage.total_tokens is None
    assert response.usage.model_extra == {"billed_units": {"search_units": 1}}
    assert response.model_extra == {"new_field": True}
    assert response.provider is None


def test_parse_refuses_answers_that_do_not_fit_the_request() -> None:
    with pytest.raises(OpenRouterError, match="ranks document 3, but only 3 were sent"):
        parse_rerank_response({"results": [{"index": 3, "relevance_score": 1.0}]}, 3)
    with pytest.raises(OpenRouterError, match="not a rerank response"):
        parse_rerank_response({"results": [{"relevance_score": "high"}]}, 3)
    with pytest.raises(OpenRouterError, match="not a rerank response"):
        parse_rerank_response(["not", "an", "object"], 3)


def test_reranked_documents_are_copies_with_score_and_input_position(
    docs: list[Document],
) -> None:
    response = RerankResponse(results=[RerankResult(index=2, relevance_score=0.5)])
    (ranked,) = reranked_documents(docs, response)
    assert ranked.page_content == TEXTS[2]
    assert ranked.id == "doc-2"
    assert ranked.metadata == {
        "source": "s2",
        "index": 12,
        "relevance_score": 0.5,
        "rerank_index": 2,
    }
    assert docs[2].metadata == {"source": "s2", "index": 12}


# against the emulator -------------------------------------------------------------------------


def test_compress_documents_orders_by_relevance(
    emu: OpenRouterEmulator, docs: list[Document]
) -> None:
    ranked = make(emu).compress_documents(docs, QUERY)
    order = best_first(TEXTS)
    assert [d.metadata["rerank_index"] for d in ranked] == order
    assert [d.page_content for d in ranked] == [TEXTS[i] for i in order]
    assert [d.metadata["relevance_score"] for d in ranked] == [
        score(QUERY, TEXTS[i]) for i in order
    ]
    assert [d.id for d in ranked] == [f"doc-{i}" for i in order]
    assert all(d.metadata["source"] == f"s{d.metadata['rerank_index']}" for d in ranked)
    assert sent(emu) == [{"model": COHERE, "query": QUERY, "documents": TEXTS}]


async def test_acompress_documents_gives_the_same_answer(
    emu: OpenRouterEmulator, docs: list[Document]
) -> None:
    reranker = make(emu, top_n=2)
    assert await reranker.acompress_documents(docs, QUERY) == reranker.compress_documents(
        docs, QUERY
    )
    assert len(sent(emu)) == 2
    assert sent(emu)[0] == sent(emu)[1]


def test_top_n_field_and_per_call_override(emu: OpenRouterEmulator, docs: list[Document]) -> None:
    reranker = make(emu, top_n=2)
    ranked = reranker.compress_documents(docs, QUERY)
    assert [d.metadata["rerank_index"] for d in ranked] == best_first(TEXTS)[:2]
    assert len(reranker.rerank(QUERY, TEXTS, top_n=1).results) == 1
    assert len(make(emu, top_n=50).compress_documents(docs[:3], QUERY)) == 3
    assert [body.get("top_n") for body in sent(emu)] == [2, 1, 3]


def test_rerank_returns_typed_results_and_keeps_last_usage(emu: OpenRouterEmulator) -> None:
    reranker = make(emu)
    assert reranker.last_usage is None
    answer = reranker.rerank(QUERY, TEXTS)
    assert isinstance(answer, RerankResponse)
    assert answer.model == COHERE
    assert answer.provider == "Cohere"
    assert answer.id is not None
    assert answer.id in emu.generations
    assert answer.results[0].index == 1
    assert answer.results[0].document is not None
    assert answer.results[0].document.text == TEXTS[1]
    assert answer.usage is not None
    assert answer.usage.cost == 0.002
    assert answer.usage.search_units == 1
    assert reranker.last_usage == answer.usage
    assert emu.credits_left == pytest.approx(100 - 0.002)


async def test_arerank_returns_the_same_typed_results(emu: OpenRouterEmulator) -> None:
    reranker = make(emu)
    answer = await reranker.arerank(QUERY, TEXTS, top_n=2)
    assert [r.index for r in answer.results] == best_first(TEXTS)[:2]
    assert reranker.last_usage is not None
    assert reranker.last_usage.cost == 0.002


async def test_empty_documents_send_no_request(emu: OpenRouterEmulator) -> None:
    reranker = make(emu)
    reranker.rerank(QUERY, TEXTS)
    assert reranker.compress_documents([], QUERY) == []
    assert reranker.last_usage is None
    assert await reranker.acompress_documents([], QUERY) == []
    empty = reranker.rerank(QUERY, [])
    assert (empty.results, empty.usage, empty.model) == ([], None, COHERE)
    assert (await reranker.arerank(QUERY, [])).results == []
    assert len(sent(emu)) == 1


def test_bad_input_raises_before_any_request(emu: OpenRouterEmulator) -> None:
    reranker = make(emu)
    with pytest.raises(ValueError, match="query must be a non-empty string"):
        reranker.compress_documents([Document("a")], "")
    with pytest.raises(TypeError, match=r"documents\[0\]\.metadata\['image'\]"):
        reranker.compress_documents([Document("a", metadata={"image": 3})], "q")
    with pytest.raises(TypeError, match="documents must be a list"):
        reranker.rerank("q", "a single string")
    assert emu.requests == []


def test_construction_checks_its_fields() -> None:
    with pytest.raises(ValueError, match="top_n"):
        OpenRouterRerank(model=COHERE, top_n=0)
    with pytest.raises(ValueError, match="provider must be a mapping"):
        OpenRouterRerank(model=COHERE, provider=["cohere"])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="model"):
        OpenRouterRerank()  # type: ignore[call-arg]


def test_routing_and_tracking_fields_are_sent(emu: OpenRouterEmulator) -> None:
    reranker = make(
        emu,
        provider={"order": ["cohere"], "allow_fallbacks": False},
        session_id="s-1",
        trace={"trace_id": "t-1"},
        user="u-1",
        extra_body={"return_documents": False},
    )
    reranker.rerank(QUERY, ["a"])
    assert sent(emu) == [
        {
            "model": COHERE,
            "query": QUERY,
            "documents": ["a"],
            "provider": {"order": ["cohere"], "allow_fallbacks": False},
            "session_id": "s-1",
            "trace": {"trace_id": "t-1"},
            "user": "u-1",
            "return_documents": False,
        }
    ]


def test_image_documents_reach_a_multimodal_model(emu: OpenRouterEmulator) -> None:
    docs = [
        Document("tax forms"),
        Document("", metadata={"image": "https://img.example/red-apples.png"}),
        Document(PNG),
    ]
    ranked = make(emu, model=JINA).compress_documents(docs, "red apples")
    assert ranked[0].metadata["rerank_index"] == 1
    assert ranked[0].metadata["relevance_score"] == score(
        "red apples", "https://img.example/red-apples.png"
    )
    assert sent(emu)[0]["documents"] == [
        "tax forms",
        {"image": "https://img.example/red-apples.png"},
        {"image": PNG},
    ]
    assert make(emu, model=JINA).last_usage is None


def test_images_for_a_text_only_model_are_a_typed_not_found(emu: OpenRouterEmulator) -> None:
    with pytest.raises(NotFoundError, match="support image input") as caught:
        make(emu).compress_documents([Document(PNG)], "red apples")
    assert caught.value.status_code == 404
    assert caught.value.error_type == "not_found"


@pytest.mark.parametrize(
    ("model", "code"),
    [("acme/nope", "model_not_found"), ("openai/gpt-4o-mini", "wrong_endpoint")],
)
async def test_wrong_models_are_typed_bad_requests(
    emu: OpenRouterEmulator, model: str, code: str
) -> None:
    reranker = make(emu, model=model)
    with pytest.raises(BadRequestError) as caught:
        reranker.rerank(QUERY, TEXTS)
    assert caught.value.availability is not None
    assert caught.value.availability["code"] == code
    with pytest.raises(BadRequestError):
        await reranker.arerank(QUERY, TEXTS)
    assert reranker.last_usage is None


def test_no_credits_is_a_typed_error(emu: OpenRouterEmulator) -> None:
    emu.set_credits(0)
    with pytest.raises(InsufficientCreditsError):
        make(emu).rerank(QUERY, TEXTS)


async def test_retryable_failures_are_retried_by_the_shared_client(
    emu: OpenRouterEmulator,
) -> None:
    emu.fail_next(503, route="/rerank", retry_after=0)
    assert make(emu, max_retries=1).rerank(QUERY, TEXTS).results
    emu.fail_next(502, route="/rerank", retry_after=0)
    assert (await make(emu, max_retries=1).arerank(QUERY, TEXTS)).results
    assert len(sent(emu)) == 4


async def test_every_request_reports_its_usage_to_the_usage_hook(
    emu: OpenRouterEmulator,
) -> None:
    reports: list[_usage.UsageReport] = []
    reranker = make(emu)
    with _usage.listening(reports.append):
        answer = reranker.rerank(QUERY, TEXTS)
        async_answer = await reranker.arerank(QUERY, TEXTS[:2])
        reranker.compress_documents([], QUERY)
    assert [(r.kind, r.model, r.generation_id) for r in reports] == [
        ("rerank", COHERE, answer.id),
        ("rerank", COHERE, async_answer.id),
    ]
    assert answer.usage is not None
    assert reports[0].usage["cost"] == answer.usage.cost > 0


def test_the_key_stays_out_of_repr_and_dumps() -> None:
    reranker = OpenRouterRerank(model=COHERE, api_key="sk-or-v1-secret")
    assert "sk-or-v1-secret" not in repr(reranker)
    assert "sk-or-v1-secret" not in str(reranker.model_dump())


def test_user_http_client_is_used_as_is(emu: OpenRouterEmulator) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["authorization"])
        return httpx.Response(200, json={"results": [{"index": 0, "relevance_score": 0.5}]})

    reranker = OpenRouterRerank(
        model=COHERE,
        api_key="sk-or-v1-k",
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
    )
    answer = reranker.rerank("q", ["a"])
    assert seen == ["Bearer sk-or-v1-k"]
    assert reranker.last_usage == RerankUsage()
    assert answer.results == [RerankResult(index=0, relevance_score=0.5)]

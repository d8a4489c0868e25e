"""The public classes and functions, answered malformed bodies over a mock transport.

Each example serves one fuzzed body (with a status and a content type) to the real entry point,
sync and async: ``ChatOpenRouter`` invoke and stream (chat completions and the Responses API),
``OpenRouterEmbeddings``, ``OpenRouterRerank``, ``OpenRouterModelRetriever`` and a handful of
utility functions. Only the package's typed errors may escape, each with a message. No example
sleeps: retries are off, and the utility functions (whose retries a call cannot turn off) only
get statuses they do not retry.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from langchain_openrouter import (
    ChatOpenRouter,
    OpenRouterEmbeddings,
    OpenRouterModelRetriever,
    OpenRouterRerank,
    aget_credits,
    alist_models,
    create_api_key,
    exchange_code_for_api_key,
    get_credits,
    get_generation,
    get_key_info,
    get_openrouter_callback,
    list_api_keys,
    list_guardrails,
    list_models,
    list_providers,
)
from unit_tests.fuzz.checks import atyped_only, typed_only
from unit_tests.fuzz.strategies import RERANK_ANSWER, body_bytes, mutated, sse_bytes
from unit_tests.samples import load_json, names

# Fields of the wrong type in usage are left out with a UserWarning, by design; here they are
# expected by the thousand.
pytestmark = pytest.mark.filterwarnings("ignore:OpenRouter sent:UserWarning")

BASE_URL = "https://openrouter.test/api/v1"
KEY = "sk-or-v1-fuzz"

JSON_TYPES = st.sampled_from(
    ["application/json", "application/json; charset=utf-8", "text/html", "text/plain", None]
)
STREAM_TYPES = st.sampled_from(
    ["text/event-stream", "text/event-stream; charset=utf-8", "application/json", "text/html", None]
)
# Mostly 200 (the parsers' answers); a few error statuses send the body to the error mapping.
STATUSES = st.sampled_from([200, 200, 200, 200, 201, 400, 401, 402, 403, 429, 500, 502, 503])
# One-shot utility calls keep the default retries (with backoff): no status they would retry.
FINAL_STATUSES = st.sampled_from([200, 200, 200, 200, 201, 400, 401, 402, 403])


def _answer(status: int, raw: bytes, content_type: str | None) -> httpx.MockTransport:
    headers = {"content-type": content_type} if content_type else {}
    return httpx.MockTransport(lambda request: httpx.Response(status, content=raw, headers=headers))


def _chat(transport: httpx.MockTransport, *, responses: bool) -> ChatOpenRouter:
    return ChatOpenRouter(
        model="openai/gpt-4o-mini",
        api_key=KEY,
        base_url=BASE_URL,
        max_retries=0,
        use_responses_api=responses,
        http_client=httpx.Client(transport=transport),
        http_async_client=httpx.AsyncClient(transport=transport),
    )


def _close(model: Any) -> None:
    model.http_client.close()


def _drive_chat(model: ChatOpenRouter, stream: bool) -> None:
    # The cost callback reads the usage and metadata of whatever the parsers let through.
    try:
        with get_openrouter_callback() as cost:
            if stream:
                typed_only(lambda: [c.text for c in model.stream("Hi")])
                atyped_only(lambda: _astream_text(model))
            else:
                typed_only(model.invoke, "Hi")
                atyped_only(lambda: model.ainvoke("Hi"))
        assert cost.total_tokens >= 0
    finally:
        _close(model)


async def _astream_text(model: ChatOpenRouter) -> list[str]:
    try:
        return [chunk.text async for chunk in model.astream("Hi")]
    finally:
        await model.http_async_client.aclose()  # type: ignore[union-attr]


@given(
    STATUSES,
    body_bytes(*names(".json", "chat_completion_")),
    JSON_TYPES,
)
@example(200, b'{"choices": [{"message": "hello"}]}', "application/json")
@example(200, b"", "application/json")
@example(200, b'{"choices": [{"message": {"content": "hi"}}]', "application/json")
def test_chat_invoke(status: int, raw: bytes, content_type: str | None) -> None:
    _drive_chat(_chat(_answer(status, raw, content_type), responses=False), stream=False)


@given(
    STATUSES,
    st.sampled_from(names(".sse", "chat_stream_")).flatmap(sse_bytes),
    STREAM_TYPES,
)
@example(200, b'data: {"choices": [{"delta": "hi"}]}\n\n', "text/event-stream")
@example(200, b'{"choices": [{"message": {"content": "hi"}}]}', "application/json")
@example(200, b"data: {\n\ndata: [DONE]\n\n", "text/event-stream")
def test_chat_stream(status: int, raw: bytes, content_type: str | None) -> None:
    _drive_chat(_chat(_answer(status, raw, content_type), responses=False), stream=True)


@given(
    STATUSES,
    st.one_of(body_bytes("responses_basic.json"), sse_bytes("responses_stream.sse")),
    st.one_of(JSON_TYPES, STREAM_TYPES),
    st.booleans(),
)
@example(200, b'{"output": [{"type": "message", "content": "x"}]}', "application/json", False)
def test_responses_api(status: int, raw: bytes, content_type: str | None, stream: bool) -> None:
    _drive_chat(_chat(_answer(status, raw, content_type), responses=True), stream=stream)


@given(STATUSES, body_bytes("embeddings.json", "embeddings_base64.json"), JSON_TYPES)
@example(200, b'{"data": [{"index": 0, "embedding": [1.0, "a"]}]}', "application/json")
@example(200, b'{"data": [{"index": 0, "embedding": [1.0]}, 5]}', "application/json")
def test_embeddings(status: int, raw: bytes, content_type: str | None) -> None:
    transport = _answer(status, raw, content_type)
    embeddings = OpenRouterEmbeddings(
        api_key=KEY,
        base_url=BASE_URL,
        max_retries=0,
        http_client=httpx.Client(transport=transport),
        http_async_client=httpx.AsyncClient(transport=transport),
    )

    async def aembed() -> list[list[float]]:
        try:
            return await embeddings.aembed_documents(["a", "b"])
        finally:
            await embeddings.http_async_client.aclose()  # type: ignore[union-attr]

    try:
        for vectors in (
            typed_only(embeddings.embed_documents, ["a", "b"]),
            atyped_only(aembed),
        ):
            if vectors is not None:
                assert len(vectors) == 2
                assert all(isinstance(x, float) for v in vectors for x in v)
    finally:
        embeddings.http_client.close()  # type: ignore[union-attr]


RERANK_BODY = json.dumps(RERANK_ANSWER).encode()


@given(
    STATUSES,
    st.one_of(
        mutated(RERANK_ANSWER).map(lambda body: json.dumps(body).encode()),
        body_bytes("error_502.json"),
    ),
    JSON_TYPES,
)
@example(200, RERANK_BODY, "application/json")
def test_rerank(status: int, raw: bytes, content_type: str | None) -> None:
    transport = _answer(status, raw, content_type)
    with httpx.Client(transport=transport) as http:
        reranker = OpenRouterRerank(
            model="cohere/rerank-v3.5",
            api_key=KEY,
            base_url=BASE_URL,
            max_retries=0,
            http_client=http,
        )
        typed_only(reranker.rerank, "fruit", ["a", "b", "c"])


MODELS = json.dumps(load_json("models_list_excerpt.json")).encode()


@given(
    st.one_of(st.just(MODELS), body_bytes("models_list_excerpt.json")),
    body_bytes("model_endpoints.json"),
    STATUSES,
    st.booleans(),
)
@example(MODELS, b'{"data": [1, 2]}', 200, True)
@example(b'{"data": [{"id": 5}]}', b"{}", 200, False)
def test_model_retriever(models: bytes, endpoints: bytes, status: int, providers: bool) -> None:
    """The catalog (``GET /models``), and each model's endpoints when providers are asked for."""

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/endpoints"):
            return httpx.Response(status, content=endpoints)
        return httpx.Response(200, content=models)

    with httpx.Client(transport=httpx.MockTransport(answer)) as http:
        retriever = OpenRouterModelRetriever(
            k=2,
            base_url=BASE_URL,
            max_retries=0,
            http_client=http,
            providers=["openai"] if providers else [],
        )
        docs = typed_only(retriever.invoke, "a cheap model with tools")
    for doc in docs or []:
        assert isinstance(doc.metadata["id"], str)


# (a utility function's call, the sample its route answers)
UTILITIES: list[tuple[Callable[[httpx.Client], Any], str]] = [
    (lambda c: get_credits(api_key=KEY, base_url=BASE_URL, client=c), "credits.json"),
    (lambda c: list_models(base_url=BASE_URL, client=c), "models_list_excerpt.json"),
    (lambda c: get_key_info(api_key=KEY, base_url=BASE_URL, client=c), "key.json"),
    (lambda c: list_api_keys(api_key=KEY, base_url=BASE_URL, client=c), "keys_list.json"),
    (lambda c: create_api_key("n", api_key=KEY, base_url=BASE_URL, client=c), "key_create.json"),
    (
        lambda c: get_generation("gen-1", api_key=KEY, base_url=BASE_URL, client=c),
        "generation.json",
    ),
    (lambda c: list_providers(api_key=KEY, base_url=BASE_URL, client=c), "providers_excerpt.json"),
    (lambda c: list_guardrails(api_key=KEY, base_url=BASE_URL, client=c), "guardrails.json"),
    (
        lambda c: exchange_code_for_api_key("code", None, base_url=BASE_URL, client=c),
        "auth_exchange.json",
    ),
]


@given(
    st.sampled_from(range(len(UTILITIES))).flatmap(
        lambda i: st.tuples(st.just(i), body_bytes(UTILITIES[i][1]))
    ),
    FINAL_STATUSES,
    JSON_TYPES,
)
@example((0, b'{"data": {"total_credits": "lots"}}'), 200, "application/json")
@example((2, b'{"data": null}'), 200, "application/json")
def test_utility_functions(case: tuple[int, bytes], status: int, content_type: str | None) -> None:
    index, raw = case
    with httpx.Client(transport=_answer(status, raw, content_type)) as http:
        typed_only(UTILITIES[index][0], http)


@given(FINAL_STATUSES, body_bytes("credits.json", "models_list_excerpt.json"), JSON_TYPES)
def test_async_utility_functions(status: int, raw: bytes, content_type: str | None) -> None:
    transport = _answer(status, raw, content_type)

    async def run(call: Callable[[httpx.AsyncClient], Any]) -> Any:
        async with httpx.AsyncClient(transport=transport) as http:
            return await call(http)

    atyped_only(lambda: run(lambda c: aget_credits(api_key=KEY, base_url=BASE_URL, client=c)))
    atyped_only(lambda: run(lambda c: alist_models(base_url=BASE_URL, client=c)))

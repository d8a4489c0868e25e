"""OpenRouterEmbeddings end to end over the in-process emulator: what it sends and returns."""

from __future__ import annotations

import asyncio
import base64
import json
import struct
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from langchain_openrouter import OpenRouterEmbeddings, _tokens, _usage
from langchain_openrouter.embeddings import EmbeddingInputError, InputTooLongError
from langchain_openrouter.errors import InsufficientCreditsError, UpstreamError
from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.testing.routes.embeddings import embed
from unit_tests.embeddings.conftest import MakeEmbeddings
from unit_tests.samples import load_bytes, load_json

MODEL = "openai/text-embedding-3-small"
TEXTS = [f"text number {i}" for i in range(7)]


def sent(emu: OpenRouterEmulator) -> list[dict[str, Any]]:
    return [json.loads(r.body) for r in emu.requests if r.route == "/embeddings"]


def float32(values: list[float]) -> list[float]:
    return list(struct.unpack(f"<{len(values)}f", struct.pack(f"<{len(values)}f", *values)))


def test_vectors_come_back_in_order_one_request_per_chunk(
    emu: OpenRouterEmulator, make: MakeEmbeddings
) -> None:
    vectors = make(chunk_size=3).embed_documents(TEXTS)
    assert vectors == [embed(text, 1536) for text in TEXTS]
    assert [body["input"] for body in sent(emu)] == [TEXTS[0:3], TEXTS[3:6], TEXTS[6:7]]


def test_every_documented_field_is_sent_by_its_wire_name(
    emu: OpenRouterEmulator, make: MakeEmbeddings
) -> None:
    model = make(
        dimensions=64,
        encoding_format="float",
        input_type="search_document",
        query_input_type="search_query",
        provider={"order": ["openai"], "allow_fallbacks": False},
        user="user-7",
        extra_body={"session_id": "s-1"},
    )
    model.embed_documents(["doc"])
    model.embed_query("query")
    document, query = sent(emu)
    assert document == {
        "model": MODEL,
        "encoding_format": "float",
        "dimensions": 64,
        "input_type": "search_document",
        "provider": {"order": ["openai"], "allow_fallbacks": False},
        "user": "user-7",
        "session_id": "s-1",
        "input": ["doc"],
    }
    assert query["input_type"] == "search_query"
    assert query["input"] == ["query"]
    make().embed_query("plain")
    assert sent(emu)[-1] == {"model": MODEL, "input": ["plain"]}


def test_base64_is_decoded_to_the_same_vectors_at_float32_precision(
    make: MakeEmbeddings,
) -> None:
    floats = make().embed_documents(["hello", "world"])
    decoded = make(encoding_format="base64").embed_documents(["hello", "world"])
    assert decoded == [float32(v) for v in floats]


@pytest.mark.parametrize("name", ["embeddings.json", "embeddings_base64.json"])
def test_recorded_bodies_replay_bit_exact(name: str) -> None:
    recorded = load_bytes(name)
    body = load_json(name)

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=recorded, headers={"content-type": "application/json"})

    transport = httpx.MockTransport(answer)
    model = OpenRouterEmbeddings(
        api_key="sk-or-v1-test",
        http_client=httpx.Client(transport=transport),
        encoding_format="base64" if "base64" in name else None,
    )
    texts = [f"t{i}" for i in range(len(body["data"]))]
    vectors = model.embed_documents(texts)
    if "base64" in name:
        assert vectors == [[1.0, 2.0, 3.0, 4.0]]
    else:
        assert vectors == [item["embedding"] for item in body["data"]]
    assert model.last_usage.prompt_tokens == body["usage"]["prompt_tokens"]
    assert model.last_usage.cost == body["usage"]["cost"]


def test_empty_list_sends_nothing(emu: OpenRouterEmulator, make: MakeEmbeddings) -> None:
    assert make().embed_documents([]) == []
    assert emu.requests == []


async def test_empty_list_sends_nothing_async(
    emu: OpenRouterEmulator, make: MakeEmbeddings
) -> None:
    assert await make().aembed_documents([]) == []
    assert emu.requests == []


def test_empty_string_fails_before_any_request(
    emu: OpenRouterEmulator, make: MakeEmbeddings
) -> None:
    with pytest.raises(EmbeddingInputError, match="input 1 is an empty string") as info:
        make().embed_documents(["fine", "", "fine too"])
    assert info.value.index == 1
    with pytest.raises(EmbeddingInputError, match="input 0"):
        make().embed_query("")
    assert emu.requests == []


def test_over_long_input_fails_before_any_request(
    emu: OpenRouterEmulator, make: MakeEmbeddings
) -> None:
    long_text = "lorem ipsum dolor " * 40
    with pytest.raises(InputTooLongError) as info:
        make(embedding_ctx_length=50).embed_documents(["ok", "ok", long_text])
    assert (info.value.index, info.value.limit) == (2, 50)
    assert info.value.tokens == _tokens.count_tokens(long_text)
    assert emu.requests == []


async def test_truncation_sends_the_first_tokens_only(
    emu: OpenRouterEmulator, make: MakeEmbeddings
) -> None:
    long_text = "lorem ipsum dolor " * 40
    model = make(embedding_ctx_length=50, truncate_inputs=True)
    vectors = await model.aembed_documents(["ok", long_text])
    cut = _tokens.truncate(long_text, 50)
    assert sent(emu)[0]["input"] == ["ok", cut]
    assert vectors[1] == embed(cut, 1536)
    unchecked = make(embedding_ctx_length=50, check_embedding_ctx_length=False)
    unchecked.embed_query(long_text)
    assert sent(emu)[-1]["input"] == [long_text]


def test_response_cache_header_field_and_per_call(
    emu: OpenRouterEmulator, make: MakeEmbeddings
) -> None:
    cached = make(response_cache=True)
    first = cached.embed_documents(["cache me"])
    assert cached.last_usage.cost > 0
    again = cached.embed_documents(["cache me"])
    assert again == first
    assert cached.last_usage.cost == 0
    assert cached.last_usage.prompt_tokens == 0
    plain = make()
    plain.embed_documents(["per call"], response_cache=True)
    plain.embed_documents(["per call"])
    cached.embed_documents(["per call"], response_cache=False)
    headers = [r.headers.get("x-openrouter-cache") for r in emu.requests]
    assert headers == ["true", "true", "true", None, None]


def test_usage_reaches_last_usage_and_the_hook(
    emu: OpenRouterEmulator, make: MakeEmbeddings
) -> None:
    reports: list[_usage.UsageReport] = []
    model = make(chunk_size=3)
    with _usage.listening(reports.append):
        model.embed_documents(TEXTS)
    generations = list(emu.generations.values())
    assert [r.kind for r in reports] == ["embeddings"] * 3
    assert [r.generation_id for r in reports] == [g["id"] for g in generations]
    assert [r.cost for r in reports] == [g["total_cost"] for g in generations]
    assert all(r.model == MODEL for r in reports)
    usage = model.last_usage
    assert usage.requests == 3
    assert usage.prompt_tokens == sum(r.usage["prompt_tokens"] for r in reports)
    assert usage.cost == pytest.approx(sum(g["total_cost"] for g in generations))
    model.embed_query("after")
    assert len(reports) == 3  # the listener was removed with the block


async def test_a_generator_of_texts_gets_every_vector(
    emu: OpenRouterEmulator, make: MakeEmbeddings
) -> None:
    model = make(chunk_size=2)
    expected = model.embed_documents(["a", "b", "c"])
    assert model.embed_documents(t for t in "abc") == expected  # type: ignore[arg-type]
    assert await model.aembed_documents(t for t in "abc") == expected  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not a str"):
        model.embed_documents("abc")  # type: ignore[arg-type]
    assert len(emu.requests) == 6


async def test_a_call_that_sends_nothing_leaves_zero_usage(make: MakeEmbeddings) -> None:
    # last_usage is the last call's: an empty list sent nothing and cost nothing.
    model = make()
    model.embed_documents(["costs something"])
    assert model.last_usage.requests == 1
    assert model.embed_documents([]) == []
    assert (model.last_usage.requests, model.last_usage.cost) == (0, 0)
    model.embed_documents(["costs something"])
    assert await model.aembed_documents([]) == []
    assert (model.last_usage.requests, model.last_usage.cost) == (0, 0)


def test_failed_chunk_names_its_inputs_without_rewriting_the_message(
    emu: OpenRouterEmulator, make: MakeEmbeddings
) -> None:
    emu.faults.add(route="/embeddings", times=1)  # the first request passes untouched
    emu.fail_next(402, route="/embeddings")
    with pytest.raises(InsufficientCreditsError) as info:
        make(chunk_size=3).embed_documents(TEXTS)
    err = info.value
    assert err.input_range == range(3, 6)  # type: ignore[attr-defined]
    assert err.message == "Insufficient credits. Add more using https://openrouter.ai/credits"
    assert err.__notes__ == [
        "The failed request embedded inputs 3 to 5 of 7 (err.input_range); err.partial holds "
        "the vectors received (None for the rest)."
    ]
    assert err.partial == [embed(t, 1536) for t in TEXTS[:3]] + [None] * 4
    assert len(sent(emu)) == 2


def test_retryable_failures_are_retried(emu: OpenRouterEmulator, make: MakeEmbeddings) -> None:
    emu.fail_next(502, route="/embeddings", times=1)
    model = make(max_retries=1)
    assert model.embed_query("retry me") == embed("retry me", 1536)


class Recording(httpx.AsyncBaseTransport):
    """Counts requests in flight and notes the order in which answers come back.

    With ``hold_first``, the answer to the first request waits until every other request has
    been answered: the answers then arrive out of order, deterministically.
    """

    def __init__(self, inner: httpx.AsyncBaseTransport, *, hold_first: int = 0) -> None:
        self.inner = inner
        self.active = 0
        self.peak = 0
        self.started: list[str] = []
        self.finished: list[str] = []
        self._others = hold_first
        self._released = asyncio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        first_input = json.loads(request.content)["input"][0]
        self.started.append(first_input)
        self.active += 1
        self.peak = max(self.peak, self.active)
        try:
            response = await self.inner.handle_async_request(request)
            if self._others and len(self.started) == 1:
                await self._released.wait()
        finally:
            self.active -= 1
        self.finished.append(first_input)
        if self._others and len(self.finished) == self._others:
            self._released.set()
        return response


def recorded(
    emu: OpenRouterEmulator, *, hold_first: int = 0, **fields: Any
) -> tuple[OpenRouterEmbeddings, Recording]:
    recording = Recording(emu.transport, hold_first=hold_first)
    model = OpenRouterEmbeddings(
        api_key=emu.api_key,
        base_url=emu.base_url,
        http_async_client=httpx.AsyncClient(transport=recording),
        max_retries=0,
        **fields,
    )
    return model, recording


async def test_async_order_follows_index_not_arrival(emu: OpenRouterEmulator) -> None:
    model, recording = recorded(emu, hold_first=3, chunk_size=2, max_concurrency=4)
    vectors = await model.aembed_documents(TEXTS)
    assert recording.started[0] == TEXTS[0]
    assert recording.finished[-1] == TEXTS[0]  # the first chunk was answered last
    assert vectors == [embed(text, 1536) for text in TEXTS]
    assert model.last_usage.requests == 4


async def test_async_keeps_at_most_max_concurrency_in_flight(emu: OpenRouterEmulator) -> None:
    emu.faults.delay(0.05, route="/embeddings", times=None)
    texts = [f"item {i}" for i in range(20)]
    model, recording = recorded(emu, chunk_size=2, max_concurrency=3)
    assert await model.aembed_documents(texts) == [embed(t, 1536) for t in texts]
    assert recording.peak == 3
    assert len(recording.finished) == 10


async def test_async_failed_chunk_stops_the_others(emu: OpenRouterEmulator) -> None:
    emu.faults.delay(0.01, route="/embeddings", times=2)
    emu.fail_next(502, route="/embeddings")
    model, recording = recorded(emu, chunk_size=2, max_concurrency=3)
    texts = [f"item {i}" for i in range(20)]
    with pytest.raises(UpstreamError) as info:
        await model.aembed_documents(texts)
    assert info.value.input_range == range(4, 6)  # type: ignore[attr-defined]
    assert len(recording.finished) < 10  # the remaining chunks were never sent


async def test_aembed_query_and_one_client_per_loop(make: MakeEmbeddings) -> None:
    model = make(query_input_type="search_query")
    assert await model.aembed_query("q") == embed("q", 1536)
    assert model.last_usage.requests == 1


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValidationError, match="provider must be a mapping"):
        OpenRouterEmbeddings(provider=["openai"])  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="chunk_size"):
        OpenRouterEmbeddings(chunk_size=0)
    with pytest.raises(ValidationError, match="encoding_format"):
        OpenRouterEmbeddings(encoding_format="int8")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="chunk_size must be >= 1"):
        OpenRouterEmbeddings(api_key="k").embed_documents(["a"], chunk_size=0)


def test_the_key_stays_secret() -> None:
    model = OpenRouterEmbeddings(api_key="sk-or-v1-secret-value")
    assert "secret-value" not in repr(model)
    assert "secret-value" not in str(model.model_dump())
    assert model.openrouter_api_key is not None
    assert model.openrouter_api_key.get_secret_value() == "sk-or-v1-secret-value"


def test_base64_sample_value_roundtrip() -> None:
    value = load_json("embeddings_base64.json")["data"][0]["embedding"]
    assert struct.unpack("<4f", base64.b64decode(value)) == (1.0, 2.0, 3.0, 4.0)


def test_emulator_cache_hit_points_at_its_source(emu: OpenRouterEmulator) -> None:
    headers = {"Authorization": f"Bearer {emu.api_key}", "X-OpenRouter-Cache": "true"}
    body = {"model": MODEL, "input": ["same"], "input_type": "search_document"}
    with emu.client() as http:
        first = http.post("/embeddings", headers=headers, json=body).json()
        hit = http.post("/embeddings", headers=headers, json=body).json()
        other_key = emu.create_key("other")
        miss = http.post(
            "/embeddings", headers={**headers, "Authorization": f"Bearer {other_key}"}, json=body
        ).json()
        bad = http.post("/embeddings", headers=headers, json={**body, "input_type": 3})
    assert hit["data"] == first["data"]
    assert hit["id"] != first["id"]
    assert hit["usage"] == {"prompt_tokens": 0, "total_tokens": 0, "cost": 0.0, "is_byok": False}
    assert emu.generations[hit["id"]]["response_cache_source_id"] == first["id"]
    assert emu.generations[first["id"]]["response_cache_source_id"] is None
    assert miss["usage"]["cost"] > 0
    assert bad.status_code == 400
    assert bad.json()["error"]["message"] == "input_type: Expected string"


def test_usage_of_answered_chunks_counts_when_a_later_one_fails(
    emu: OpenRouterEmulator, make: MakeEmbeddings
) -> None:
    emu.faults.add(route="/embeddings", times=1)
    emu.fail_next(500, route="/embeddings")
    model = make(chunk_size=3)
    with pytest.raises(Exception, match="Internal Server Error"):
        model.embed_documents(TEXTS)
    (generation,) = emu.generations.values()
    assert model.last_usage.requests == 1
    assert model.last_usage.cost == generation["total_cost"]

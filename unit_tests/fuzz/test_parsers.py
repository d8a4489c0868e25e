"""Every response parser, fed malformed answers directly: only typed errors escape.

The parsers are pure, so these run fast; ``test_entry_points`` drives the same bodies through
the public classes and functions over a mock transport.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from langchain_openrouter._client.retry import Attempts, RetryPolicy, StreamAttempt
from langchain_openrouter._client.sse import EventStreamDecoder, SSEDecoder
from langchain_openrouter.chat_models.responses_results import parse_response
from langchain_openrouter.chat_models.responses_stream import ResponsesStreamAccumulator
from langchain_openrouter.chat_models.results import parse_chat_completion
from langchain_openrouter.chat_models.streaming import StreamAccumulator, relay_stream
from langchain_openrouter.embeddings.wire import EmbeddingJob
from langchain_openrouter.errors import StreamError, error_from_response, error_from_stream_chunk
from langchain_openrouter.platform import (
    auth,
    credits,
    generations,
    guardrail_assignments,
    guardrails,
    keys,
    models,
    providers,
)
from langchain_openrouter.platform._endpoint import Endpoint
from langchain_openrouter.rerank import parse_rerank_response
from unit_tests.fuzz.checks import check_error, typed_only
from unit_tests.fuzz.strategies import (
    RERANK_ANSWER,
    any_json,
    body_bytes,
    malformed,
    mutated,
    sse_bytes,
    sse_events,
)
from unit_tests.samples import names

# Fields of the wrong type in usage are left out with a UserWarning, by design; here they are
# expected by the thousand.
pytestmark = pytest.mark.filterwarnings("ignore:OpenRouter sent:UserWarning")

CHAT_SAMPLES = names(".json", "chat_completion_")
STREAM_SAMPLES = names(".sse", "chat_stream_")
ERROR_SAMPLES = names(".json", "error_")

# Each utility route and the sample of its answer.
ENDPOINT_SAMPLES: list[tuple[Endpoint[Any], str]] = [
    (credits.CREDITS, "credits.json"),
    (credits.COINBASE_CHARGE, "credits.json"),
    (keys.KEY_INFO, "key.json"),
    (keys.LIST_KEYS, "keys_list.json"),
    (keys.CREATE_KEY, "key_create.json"),
    (keys.UPDATE_KEY, "key.json"),
    (keys.DELETE_KEY, "key_delete.json"),
    (generations.GET_GENERATION, "generation.json"),
    (generations.GET_ACTIVITY, "activity.json"),
    (models.LIST_MODELS, "models_list_excerpt.json"),
    (models.GET_MODEL, "model_get.json"),
    (models.USER_MODELS, "models_list_excerpt.json"),
    (models.EMBEDDING_MODELS, "models_list_excerpt.json"),
    (models.COUNT_MODELS, "models_count.json"),
    (providers.PROVIDERS, "providers_excerpt.json"),
    (providers.MODEL_ENDPOINTS, "model_endpoints.json"),
    (providers.ZDR_ENDPOINTS, "endpoints_zdr_excerpt.json"),
    (guardrails.LIST_GUARDRAILS, "guardrails.json"),
    (guardrails.CREATE_GUARDRAIL, "guardrail_create.json"),
    (guardrails.GET_GUARDRAIL, "guardrail_create.json"),
    (guardrails.UPDATE_GUARDRAIL, "guardrail_create.json"),
    (guardrails.DELETE_GUARDRAIL, "guardrail_delete.json"),
    (guardrail_assignments.ASSIGN_KEYS, "guardrail_assign_keys.json"),
    (guardrail_assignments.UNASSIGN_KEYS, "guardrail_unassign_members.json"),
    (guardrail_assignments.ASSIGN_MEMBERS, "guardrail_assign_keys.json"),
    (guardrail_assignments.UNASSIGN_MEMBERS, "guardrail_unassign_members.json"),
    (guardrail_assignments.KEY_ASSIGNMENTS, "guardrail_key_assignments.json"),
    (guardrail_assignments.ALL_KEY_ASSIGNMENTS, "guardrail_key_assignments.json"),
    (guardrail_assignments.MEMBER_ASSIGNMENTS, "guardrail_member_assignments.json"),
    (guardrail_assignments.ALL_MEMBER_ASSIGNMENTS, "guardrail_member_assignments.json"),
    (auth.AUTH_CODE, "auth_code.json"),
    (auth.EXCHANGE, "auth_exchange.json"),
]


def test_every_utility_route_is_fuzzed() -> None:
    declared = {
        id(value)
        for module in (
            auth,
            credits,
            generations,
            guardrail_assignments,
            guardrails,
            keys,
            models,
            providers,
        )
        for value in vars(module).values()
        if isinstance(value, Endpoint)
    }
    assert declared == {id(endpoint) for endpoint, _ in ENDPOINT_SAMPLES}


def _events(items: list[Any]) -> Iterator[Any]:
    yield from items


@given(malformed(*CHAT_SAMPLES))
@example({"choices": ["not an object"]})
@example({"choices": [{"message": "text"}]})
@example({"choices": {"0": {}}})
def test_chat_completion_parser(body: Any) -> None:
    typed_only(parse_chat_completion, body, model_name="openai/gpt-4o-mini")


@given(st.sampled_from(STREAM_SAMPLES).flatmap(sse_events), st.booleans())
@example([{"choices": [{"delta": "text"}]}], True)
@example([{"choices": "abc"}], True)
def test_stream_chunk_parser(events: list[Any], stream_usage: bool) -> None:
    accumulator = StreamAccumulator(stream_usage, model_name="m/m")
    typed_only(lambda: list(relay_stream(_events(events), accumulator)))


@given(malformed("responses_basic.json"))
@example({"output": "text"})
@example({"output": [{"type": "message", "content": "text"}]})
def test_responses_parser(body: Any) -> None:
    typed_only(parse_response, body, model_name="openai/gpt-4o-mini")


@given(sse_events("responses_stream.sse"), st.booleans())
@example([{"type": "response.completed", "response": {"output": 3}}], True)
def test_responses_stream_parser(events: list[Any], stream_usage: bool) -> None:
    accumulator = ResponsesStreamAccumulator(stream_usage, model_name="m/m")
    typed_only(lambda: list(relay_stream(_events(events), accumulator)))


@given(malformed("embeddings.json", "embeddings_base64.json"))
@example({"data": [{"index": 0, "embedding": "%%%"}]})
@example({"data": [{"index": 0, "embedding": [1, "a"]}]})
def test_embeddings_parser(body: Any) -> None:
    job = EmbeddingJob.plan(["a"], params={"model": "m/m"}, chunk_size=1)
    if typed_only(job.absorb, job.batches[0], body) is not None or job.vectors[0] is None:
        return
    vector = job.result()[0]
    assert all(isinstance(x, float) for x in vector)


@given(st.one_of(mutated(RERANK_ANSWER), malformed("error_502.json")), st.integers(0, 3))
@example({**RERANK_ANSWER, "results": [{"index": 0, "relevance_score": 1e400}]}, 1)
def test_rerank_parser(body: Any, count: int) -> None:
    response = typed_only(parse_rerank_response, body, count)
    if response is not None:
        assert all(0 <= result.index < count for result in response.results)


@given(
    st.sampled_from(ENDPOINT_SAMPLES).flatmap(
        lambda pair: st.tuples(st.just(pair[0]), malformed(pair[1]))
    )
)
@example((credits.CREDITS, {"data": None}))
@example((models.LIST_MODELS, ["not", "an", "envelope"]))
def test_utility_parsers(case: tuple[Endpoint[Any], Any]) -> None:
    endpoint, body = case
    typed_only(endpoint.parse, body)


@given(
    st.sampled_from([400, 401, 402, 403, 404, 408, 410, 429, 500, 502, 503, 504, 524, 529]),
    body_bytes(*ERROR_SAMPLES),
    st.sampled_from(["application/json", "text/html", "text/plain; charset=latin-1", None]),
)
@example(400, b'{"error": {"message": "", "metadata": {"raw": {"a": [1e400]}}}}', None)
@example(429, b'{"error": {"availability": {"retry_after": 1e400}}}', None)
def test_error_body_parser(status: int, raw: bytes, content_type: str | None) -> None:
    headers = {"content-type": content_type} if content_type else {}
    request = httpx.Request("POST", "https://openrouter.ai/api/v1/chat/completions", json={})
    response = httpx.Response(status, content=raw, headers=headers, request=request)
    check_error(error_from_response(response))


@given(malformed("error_429_provider.json", "error_502.json", "error_403_moderation.json"))
def test_stream_error_chunk_parser(chunk: Any) -> None:
    if not isinstance(chunk, dict):
        chunk = {"error": chunk}
    error = error_from_stream_chunk(chunk)
    if error is not None:
        check_error(error)


def _split(raw: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(raw) + 1) for c in cuts})
    return [raw[a:b] for a, b in zip([0, *points], [*points, len(raw)], strict=True)]


@given(
    st.sampled_from([*STREAM_SAMPLES, "responses_stream.sse"]).flatmap(sse_bytes),
    st.lists(st.integers(0, 2**16), max_size=6),
)
@example(b"data: {\n\n", [])
@example(b"data: \xff\xfe\n\n", [7])
@example(b'data: {"a": 1}\n\ndata: [DONE]\n\ndata: {', [])
def test_sse_decoder(raw: bytes, cuts: list[int]) -> None:
    pieces = _split(raw, cuts)
    events = SSEDecoder()
    for piece in pieces:
        for event in events.feed(piece):
            assert isinstance(event.data, str)
    events.flush()

    decoder = EventStreamDecoder()

    def decode() -> list[Any]:
        out: list[Any] = []
        for piece in pieces:
            out += decoder.feed(piece)
            if decoder.done:
                break
        out += decoder.flush()
        decoder.check()
        return out

    typed_only(decode)


@given(
    st.one_of(
        body_bytes("chat_completion_basic.json", "error_502.json"),
        st.sampled_from(STREAM_SAMPLES).flatmap(sse_bytes),
    ),
    st.sampled_from(
        [
            "application/json",
            "text/event-stream",
            "text/event-stream; charset=utf-8",
            "text/html",
            "application/json; charset=utf-8",
            None,
        ]
    ),
)
@example(b"", "application/json")
@example(b'{"error": "down"}', "application/json")
@example(b'{"error": {"code": "x", "metadata": []}}', "application/json")
def test_stream_content_type_handling(raw: bytes, content_type: str | None) -> None:
    request = httpx.Request("POST", "https://openrouter.ai/api/v1/chat/completions", json={})
    headers = {"content-type": content_type} if content_type else {}
    response = httpx.Response(200, content=raw, headers=headers, request=request)
    attempt = StreamAttempt(Attempts(RetryPolicy(), request), response)

    def read() -> list[Any]:
        out = list(attempt.feed(raw))
        if not attempt.done:
            out += list(attempt.end())
        return out

    events = typed_only(read)
    for event in events or []:
        assert isinstance(event, dict)


@given(any_json)
def test_event_json_from_scratch_never_breaks_the_accumulators(event: Any) -> None:
    for accumulator in (StreamAccumulator(), ResponsesStreamAccumulator()):
        typed_only(lambda acc=accumulator: list(relay_stream(_events([event]), acc)))


@given(
    st.sampled_from(STREAM_SAMPLES).flatmap(sse_events),
    malformed("error_429_provider.json", "error_502.json"),
)
@example([{"usage": 5}], {"error": {"message": "boom"}})
@example([], {"error": {"message": "boom"}, "choices": "abc"})
def test_a_stream_error_event_survives_whatever_came_before(events: list[Any], chunk: Any) -> None:
    """An error event raises its own ``StreamError``, ``.partial`` set, even when it or the
    events before it are malformed in ways the stream could live with."""
    chunk = chunk if isinstance(chunk, dict) else {"error": chunk}
    error = error_from_stream_chunk({**chunk, "error": chunk.get("error") or "boom"})
    assert error is not None
    if typed_only(lambda: list(relay_stream(_events(events), StreamAccumulator()))) is None:
        return  # the events alone are malformed: that error comes first, as it should

    def stream() -> Iterator[Any]:
        yield from events
        raise error

    with pytest.raises(StreamError) as info:
        list(relay_stream(stream(), StreamAccumulator()))
    assert info.value is error
    assert info.value.partial is not None

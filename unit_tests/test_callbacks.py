"""The cost callback: usage.cost totals, streams, threads, tasks, nesting and the usage hook."""

from __future__ import annotations

import asyncio
import contextvars
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from langchain_core.caches import InMemoryCache
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from langchain_core.outputs import ChatGeneration, LLMResult

from langchain_openrouter import (
    ChatOpenRouter,
    OpenRouterCostCallbackHandler,
    OpenRouterEmbeddings,
    OpenRouterRerank,
    _usage,
    get_openrouter_callback,
)
from langchain_openrouter.callbacks import UsageTotals, _format_usd
from langchain_openrouter.errors import StreamError
from langchain_openrouter.testing import OpenRouterEmulator
from unit_tests.samples import load_bytes, load_json

CACHED = load_json("chat_completion_cached_usage.json")
REASONING = load_json("chat_completion_reasoning.json")


def _replaying(body: bytes, content_type: str) -> ChatOpenRouter:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"content-type": content_type})

    return ChatOpenRouter(
        model="anthropic/claude-sonnet-4.5",
        api_key="sk-or-v1-test",
        http_client=httpx.Client(transport=httpx.MockTransport(answer)),
        http_async_client=httpx.AsyncClient(transport=httpx.MockTransport(answer)),
        max_retries=0,
    )


def _json_model(body: dict[str, Any]) -> ChatOpenRouter:
    return _replaying(httpx.Response(200, json=body).content, "application/json")


@pytest.fixture
def emu() -> OpenRouterEmulator:
    return OpenRouterEmulator(credits=1_000)


def _billed(emu: OpenRouterEmulator) -> tuple[int, int, int, float]:
    """Requests, prompt and completion tokens and cost the emulator recorded."""
    generations = list(emu.generations.values())
    return (
        len(generations),
        sum(g["tokens_prompt"] for g in generations),
        sum(g["tokens_completion"] for g in generations),
        round(sum(g["total_cost"] for g in generations), 12),
    )


def _counted(cb: OpenRouterCostCallbackHandler) -> tuple[int, int, int, float]:
    return cb.successful_requests, cb.prompt_tokens, cb.completion_tokens, cb.total_cost


# -- what one response contributes -------------------------------------------------------------


def test_a_cached_response_counts_its_cache_tokens_and_cost() -> None:
    with get_openrouter_callback() as cb:
        _json_model(CACHED).invoke("Hi")
    assert cb.by_model == {
        "anthropic/claude-4.6-sonnet-20260217": UsageTotals(
            requests=1,
            input_tokens=2649,
            output_tokens=100,
            total_tokens=2749,
            cached_tokens=2569,
            cache_write_tokens=79,
            reasoning_tokens=0,
            cost=0.00256995,
        )
    }
    assert (cb.prompt_tokens_cached, cb.prompt_tokens_cache_write) == (2569, 79)


def test_reasoning_tokens_and_costs_add_up_exactly_over_models() -> None:
    with get_openrouter_callback() as cb:
        _json_model(REASONING).invoke("Hi")
        _json_model(REASONING).invoke("Hi")
        _json_model(CACHED).invoke("Hi")
    assert cb.reasoning_tokens == 96
    assert cb.total_tokens == 96 * 2 + 2749
    # 0.000924 * 2 + 0.00256995 as decimals, not float drift.
    assert cb.total_cost == 0.00441795
    assert cb.by_model["anthropic/claude-4.5-sonnet-20250929"].requests == 2


def test_a_streamed_response_counts_once_with_its_cost() -> None:
    llm = _replaying(load_bytes("chat_stream_reasoning.sse"), "text/event-stream")
    with get_openrouter_callback() as cb:
        chunks = list(llm.stream("Hi"))
    assert len(chunks) > 2
    assert cb.by_model == {
        "anthropic/claude-sonnet-4.5": UsageTotals(
            requests=1,
            input_tokens=43,
            output_tokens=36,
            total_tokens=79,
            reasoning_tokens=13,
            cost=0.000669,
        )
    }


def test_a_stream_without_usage_metadata_still_counts(emu: OpenRouterEmulator) -> None:
    llm = emu.chat_model(stream_usage=False)
    with get_openrouter_callback() as cb:
        chunks = list(llm.stream("Count the streamed tokens"))
    assert all(chunk.usage_metadata is None for chunk in chunks)
    assert _counted(cb) == _billed(emu)
    assert cb.total_cost > 0


def test_a_failed_stream_counts_when_its_error_event_carries_the_bill(
    emu: OpenRouterEmulator,
) -> None:
    llm = emu.chat_model(max_retries=0)
    emu.faults.stream_error(after=2, form="minimax")
    with get_openrouter_callback() as cb, pytest.raises(StreamError):
        list(llm.stream("A stream that breaks after two events"))
    assert _counted(cb) == _billed(emu)
    assert cb.total_cost > 0
    # The documented error event carries no usage: nothing to count, though it is billed.
    emu.faults.stream_error(after=2)
    with get_openrouter_callback() as later, pytest.raises(StreamError):
        list(llm.stream("Another stream that breaks"))
    assert later.totals == UsageTotals()


def test_only_the_first_choice_of_a_request_is_counted() -> None:
    usage = {"prompt_tokens": 5, "completion_tokens": 2, "cost": 0.5}
    first = AIMessage(
        "a",
        response_metadata={
            "model_provider": "openrouter",
            "model_name": "m/a",
            "token_usage": usage,
        },
    )
    second = AIMessage("b", response_metadata={"model_provider": "openrouter", "model_name": "m/a"})
    handler = OpenRouterCostCallbackHandler()
    result = LLMResult(
        generations=[[ChatGeneration(message=first), ChatGeneration(message=second)]]
    )
    handler.on_llm_end(result, run_id=uuid.uuid4())
    assert handler.totals == UsageTotals(
        requests=1, input_tokens=5, output_tokens=2, total_tokens=7, cost=0.5
    )


def test_a_response_without_usage_is_a_request_with_nothing_billed() -> None:
    body = {key: value for key, value in REASONING.items() if key != "usage"}
    with get_openrouter_callback() as cb:
        _json_model(body).invoke("Hi")
    assert cb.by_model == {"anthropic/claude-4.5-sonnet-20250929": UsageTotals(requests=1)}


def test_an_answer_from_langchains_own_cache_sends_nothing_and_counts_nothing(
    emu: OpenRouterEmulator,
) -> None:
    llm = emu.chat_model(cache=InMemoryCache())
    with get_openrouter_callback() as cb:
        first = llm.invoke("Cache me")
        second = llm.invoke("Cache me")
    assert second.content == first.content
    assert len(emu.generations) == 1
    assert _counted(cb) == _billed(emu)


def test_other_providers_chat_models_are_not_counted() -> None:
    other = GenericFakeChatModel(
        messages=iter(
            [
                AIMessage(
                    "hi", usage_metadata={"input_tokens": 3, "output_tokens": 1, "total_tokens": 4}
                )
            ]
        )
    )
    with get_openrouter_callback() as cb:
        other.invoke("Hi")
    assert cb.totals == UsageTotals()


def test_an_openrouter_cost_on_another_client_is_counted_from_usage_metadata() -> None:
    message = AIMessage(
        "hi",
        usage_metadata={
            "input_tokens": 10,
            "output_tokens": 4,
            "total_tokens": 14,
            "input_token_details": {"cache_read": 6},
            "output_token_details": {"reasoning": 3},
        },
        response_metadata={"model_name": "openai/gpt-4o-mini", "cost": 1.5e-06},
    )
    handler = OpenRouterCostCallbackHandler()
    handler.on_llm_end(
        LLMResult(generations=[[ChatGeneration(message=message)]]), run_id=uuid.uuid4()
    )
    assert handler.by_model["openai/gpt-4o-mini"] == UsageTotals(
        requests=1,
        input_tokens=10,
        output_tokens=4,
        total_tokens=14,
        cached_tokens=6,
        reasoning_tokens=3,
        cost=1.5e-06,
    )


def test_responses_api_usage_names_and_a_cache_hit() -> None:
    handler = OpenRouterCostCallbackHandler()
    handler.record_usage(
        "openai/gpt-5",
        {
            "input_tokens": 20,
            "input_tokens_details": {"cached_tokens": 8, "cache_write_tokens": 2},
            "output_tokens": 30,
            "output_tokens_details": {"reasoning_tokens": 12},
            "total_tokens": 50,
            "cost": 0.0003,
        },
    )
    # A response-cache hit: a request with zero usage.
    handler.record_usage("openai/gpt-5", {"prompt_tokens": 0, "completion_tokens": 0, "cost": 0})
    assert handler.by_model["openai/gpt-5"] == UsageTotals(
        requests=2,
        input_tokens=20,
        output_tokens=30,
        total_tokens=50,
        cached_tokens=8,
        cache_write_tokens=2,
        reasoning_tokens=12,
        cost=0.0003,
    )


# -- runs: invoke, stream, batch, threads, tasks -------------------------------------------------


def test_invoke_stream_batch_and_abatch_match_what_was_billed(emu: OpenRouterEmulator) -> None:
    llm = emu.chat_model()
    with get_openrouter_callback() as cb:
        llm.invoke("One")
        list(llm.stream("Two words"))
        llm.batch([f"batch prompt {i}" for i in range(8)])
        asyncio.run(llm.abatch([f"async prompt {i}" for i in range(5)]))
    assert cb.successful_requests == 15
    assert _counted(cb) == _billed(emu)
    assert list(cb.by_model) == ["openai/gpt-4o-mini"]


def test_async_stream_is_counted(emu: OpenRouterEmulator) -> None:
    llm = emu.chat_model()

    async def run() -> None:
        async for _ in llm.astream("Streamed asynchronously"):
            pass

    with get_openrouter_callback() as cb:
        asyncio.run(run())
    assert _counted(cb) == _billed(emu)
    assert cb.successful_requests == 1


def test_one_handler_shared_by_many_threads_loses_nothing(emu: OpenRouterEmulator) -> None:
    llm = emu.chat_model()
    handler = OpenRouterCostCallbackHandler()
    barrier = threading.Barrier(6)

    def work(n: int) -> None:
        barrier.wait()
        for i in range(4):
            llm.invoke(f"thread {n} call {i}", config={"callbacks": [handler]})

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert handler.successful_requests == 24
    assert _counted(handler) == _billed(emu)


def test_blocks_in_concurrent_threads_see_only_their_own_requests(
    emu: OpenRouterEmulator,
) -> None:
    llm = emu.chat_model()
    barrier = threading.Barrier(4)
    results: dict[int, OpenRouterCostCallbackHandler] = {}

    def work(n: int) -> None:
        with get_openrouter_callback() as cb:
            barrier.wait()
            for i in range(n + 1):
                llm.invoke(f"thread {n} call {i}")
            barrier.wait()
        results[n] = cb

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {n: cb.successful_requests for n, cb in results.items()} == {0: 1, 1: 2, 2: 3, 3: 4}
    assert sum(cb.total_cost for cb in results.values()) == pytest.approx(_billed(emu)[3])


def test_a_thread_run_in_a_copied_context_counts_in_the_block(emu: OpenRouterEmulator) -> None:
    llm = emu.chat_model()
    with get_openrouter_callback() as cb:
        context = contextvars.copy_context()
        thread = threading.Thread(target=context.run, args=(llm.invoke, "from a thread"))
        thread.start()
        thread.join()
        bare = threading.Thread(target=llm.invoke, args=("a bare thread",))
        bare.start()
        bare.join()
    # The bare thread does not inherit the block, as with every context variable.
    assert cb.successful_requests == 1


def test_gathered_tasks_with_their_own_blocks_stay_apart_and_add_up(
    emu: OpenRouterEmulator,
) -> None:
    llm = emu.chat_model()

    async def task(n: int) -> OpenRouterCostCallbackHandler:
        with get_openrouter_callback() as cb:
            for i in range(n):
                await llm.ainvoke(f"task {n} call {i}")
                await asyncio.sleep(0)
        return cb

    async def main() -> tuple[OpenRouterCostCallbackHandler, list[OpenRouterCostCallbackHandler]]:
        with get_openrouter_callback() as outer:
            inner = await asyncio.gather(*(task(n) for n in (1, 2, 3, 4)))
        return outer, list(inner)

    outer, inner = asyncio.run(main())
    assert [cb.successful_requests for cb in inner] == [1, 2, 3, 4]
    assert _counted(outer) == _billed(emu)
    assert outer.total_tokens == sum(cb.total_tokens for cb in inner)


# -- nesting and leaks -------------------------------------------------------------------------


def test_nested_blocks_count_inner_requests_in_both(emu: OpenRouterEmulator) -> None:
    llm = emu.chat_model()
    embeddings = OpenRouterEmbeddings(model="openai/text-embedding-3-small", **emu.connection())
    with get_openrouter_callback() as outer:
        llm.invoke("before")
        with get_openrouter_callback() as inner:
            llm.invoke("inside")
            with get_openrouter_callback() as innermost:
                llm.invoke("deep inside")
                embeddings.embed_query("deep inside too")
        llm.invoke("after")
    llm.invoke("outside every block")
    assert (outer.successful_requests, inner.successful_requests) == (5, 3)
    assert innermost.successful_requests == 2
    assert list(innermost.by_model) == ["openai/gpt-4o-mini", "openai/text-embedding-3-small"]
    costs = [g["total_cost"] for g in emu.generations.values()]
    assert innermost.total_cost == round(sum(costs[2:4]), 12)
    assert inner.total_cost == round(sum(costs[1:4]), 12)
    assert outer.total_cost == round(sum(costs[:5]), 12)


def test_a_handler_passed_explicitly_inside_a_nested_block_counts_once(
    emu: OpenRouterEmulator,
) -> None:
    llm = emu.chat_model()
    with get_openrouter_callback() as outer, get_openrouter_callback() as inner:
        llm.invoke("Hi", config={"callbacks": [outer]})
        llm.invoke("Hi", config={"callbacks": [inner]})
    assert (outer.successful_requests, inner.successful_requests) == (2, 2)


def test_nothing_leaks_out_of_a_block(emu: OpenRouterEmulator) -> None:
    llm = emu.chat_model()
    embeddings = OpenRouterEmbeddings(model="openai/text-embedding-3-small", **emu.connection())
    assert _usage._listeners == ()
    with get_openrouter_callback() as outer:
        with get_openrouter_callback() as inner:
            llm.invoke("Hi")
        assert len(_usage._listeners) == 1
    assert _usage._listeners == ()
    # The handler still works when passed explicitly, but no longer forwards to the old block.
    llm.invoke("Hi", config={"callbacks": [inner]})
    embeddings.embed_query("not in any block")
    assert (outer.successful_requests, inner.successful_requests) == (1, 2)


def test_a_block_that_raises_is_closed(emu: OpenRouterEmulator) -> None:
    llm = emu.chat_model()
    with pytest.raises(RuntimeError), get_openrouter_callback() as cb:
        llm.invoke("Hi")
        raise RuntimeError("boom")
    llm.invoke("Hi")
    assert cb.successful_requests == 1
    assert _usage._listeners == ()


# -- embeddings and rerank through the usage hook ----------------------------------------------


def test_embeddings_and_rerank_are_credited_to_their_block(emu: OpenRouterEmulator) -> None:
    embeddings = OpenRouterEmbeddings(
        model="openai/text-embedding-3-small", chunk_size=2, **emu.connection()
    )
    reranker = OpenRouterRerank(model="cohere/rerank-v3.5", **emu.connection())
    with get_openrouter_callback() as cb:
        embeddings.embed_documents(["one", "two", "three"])
        asyncio.run(embeddings.aembed_query("four"))
        asyncio.run(embeddings.aembed_documents(["five", "six", "seven", "eight", "nine"]))
        reranker.rerank("capital", ["Paris is the capital", "Bananas"])
    assert _counted(cb) == _billed(emu)
    assert cb.by_model["openai/text-embedding-3-small"].requests == 6
    embedding_costs = [
        g["total_cost"]
        for g in emu.generations.values()
        if g["model"] == "openai/text-embedding-3-small"
    ]
    assert cb.by_model["openai/text-embedding-3-small"].cost == round(sum(embedding_costs), 12)
    assert cb.by_model["cohere/rerank-v3.5"].input_tokens == 8
    assert list(cb.by_model) == ["openai/text-embedding-3-small", "cohere/rerank-v3.5"]


def test_concurrent_embedding_tasks_are_credited_to_their_own_block(
    emu: OpenRouterEmulator,
) -> None:
    embeddings = OpenRouterEmbeddings(model="openai/text-embedding-3-small", **emu.connection())

    async def task(texts: list[str]) -> OpenRouterCostCallbackHandler:
        with get_openrouter_callback() as cb:
            for text in texts:
                await embeddings.aembed_query(text)
                await asyncio.sleep(0)
        return cb

    async def main() -> list[OpenRouterCostCallbackHandler]:
        return list(await asyncio.gather(task(["a"] * 3), task(["b b b b"] * 2)))

    first, second = asyncio.run(main())
    assert (first.successful_requests, second.successful_requests) == (3, 2)
    assert (first.prompt_tokens, second.prompt_tokens) == (3, 8)


def test_chat_reports_on_the_usage_hook_are_not_counted_twice() -> None:
    with get_openrouter_callback() as cb:
        _usage.report("chat", "m/chat", {"prompt_tokens": 4, "cost": 1.0}, "gen-1")
        _usage.report("responses", "m/chat", {"input_tokens": 4, "cost": 1.0}, "gen-2")
        _usage.report("rerank", "m/rerank", {"total_tokens": 9, "cost": 0.25}, "gen-3")
    assert cb.totals == UsageTotals(requests=1, input_tokens=9, total_tokens=9, cost=0.25)


# -- reading the totals ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (6.3e-05, "$0.000063"),
        (0.0, "$0.00"),
        (12.5, "$12.50"),
        (100, "$100.00"),
        (2e-07, "$0.0000002"),
        (0.00441795, "$0.00441795"),
    ],
)
def test_money_is_never_in_scientific_notation(amount: float, text: str) -> None:
    assert _format_usd(amount) == text


def test_the_summary_shows_tokens_and_usd_per_model() -> None:
    handler = OpenRouterCostCallbackHandler()
    handler.record_usage("openai/gpt-4o-mini", CACHED["usage"])
    handler.record_usage("openai/text-embedding-3-small", {"prompt_tokens": 1200, "cost": 2.4e-05})
    assert str(handler) == (
        "OpenRouter usage: 2 requests, 3,849 input tokens (2,569 cached, 79 cache write), "
        "100 output (0 reasoning), $0.00259395\n"
        "  openai/gpt-4o-mini: 1 request, 2,649 input tokens (2,569 cached, 79 cache write), "
        "100 output (0 reasoning), $0.00256995\n"
        "  openai/text-embedding-3-small: 1 request, 1,200 input tokens (0 cached, "
        "0 cache write), 0 output (0 reasoning), $0.000024"
    )
    assert repr(handler) == (
        "OpenRouterCostCallbackHandler(requests=2, total_tokens=3949, total_cost=$0.00259395)"
    )


def test_by_model_is_a_snapshot(emu: OpenRouterEmulator) -> None:
    with get_openrouter_callback() as cb:
        emu.chat_model().invoke("Hi")
        snapshot = cb.by_model
        emu.chat_model().invoke("Hi")
    assert snapshot["openai/gpt-4o-mini"].requests == 1
    assert cb.by_model["openai/gpt-4o-mini"].requests == 2


@pytest.fixture(autouse=True)
def _no_listener_left() -> Iterator[None]:
    yield
    assert _usage._listeners == ()

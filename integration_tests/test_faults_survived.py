"""Retries under faults, proven over real HTTP against the served emulator.

Every retryable answer (408, 429 with ``Retry-After`` in seconds or as an HTTP date, 500, 502,
503, 504, 524, 529) and a connection reset is sent again up to ``max_retries`` times, then the
typed error says how many attempts were made; 400/401/402/403/404 are sent once. Each test
counts the requests the emulator received, for the chat model, the embeddings model and a
utility function, sync and async.

The client's waits are recorded instead of slept (the ``waits`` fixture of ``conftest``), so the
tests assert the exact backoff and ``Retry-After`` delays without spending them; one test sleeps
for real.
"""

from __future__ import annotations

import asyncio
import email.utils
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from langchain_openrouter import ChatOpenRouter, OpenRouterEmbeddings, aget_credits, get_credits
from langchain_openrouter.errors import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    InsufficientCreditsError,
    InternalServerError,
    NoProviderAvailableError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RequestTimeoutError,
    UpstreamError,
)
from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.testing.faults import DEFAULT_ERRORS

MODEL = "openai/gpt-4o-mini"
EMBEDDING_MODEL = "openai/text-embedding-3-small"
RETRIES = 2

Served = tuple[OpenRouterEmulator, str]

RETRYABLE: dict[int, type[APIStatusError]] = {
    408: RequestTimeoutError,
    429: RateLimitError,
    500: InternalServerError,
    502: UpstreamError,
    503: NoProviderAvailableError,
    504: InternalServerError,
    524: InternalServerError,
    529: InternalServerError,
}
FINAL: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: InsufficientCreditsError,
    403: PermissionDeniedError,
    404: NotFoundError,
}


@dataclass(frozen=True)
class Caller:
    """One public entry point: the route it sends to, and how to build and call it."""

    name: str
    route: str
    make: Callable[[OpenRouterEmulator, str], Any]
    call: Callable[[Any, OpenRouterEmulator, str], Any]
    acall: Callable[[Any, OpenRouterEmulator, str], Awaitable[Any]]


class Session:
    """A caller held open for one test (one model, one event loop), sync or async."""

    def __init__(self, caller: Caller, served: Served, use_async: bool) -> None:
        self.caller = caller
        self.route = caller.route
        self.emu, self.url = served
        self.loop = asyncio.new_event_loop() if use_async else None
        self.target = caller.make(self.emu, self.url)

    def __call__(self) -> Any:
        if self.loop is None:
            return self.caller.call(self.target, self.emu, self.url)
        return self.loop.run_until_complete(self.caller.acall(self.target, self.emu, self.url))

    def close(self) -> None:
        if self.loop is None:
            if self.target is not None:
                self.target.close()
            return
        if self.target is not None:
            self.loop.run_until_complete(self.target.aclose())
        self.loop.run_until_complete(self.loop.shutdown_asyncgens())
        self.loop.close()


def _chat_model(emu: OpenRouterEmulator, url: str) -> ChatOpenRouter:
    return ChatOpenRouter(model=MODEL, api_key=emu.api_key, base_url=url, max_retries=RETRIES)


def _embeddings(emu: OpenRouterEmulator, url: str) -> OpenRouterEmbeddings:
    return OpenRouterEmbeddings(
        model=EMBEDDING_MODEL, api_key=emu.api_key, base_url=url, max_retries=RETRIES
    )


async def _ainvoke(llm: ChatOpenRouter, emu: OpenRouterEmulator, url: str) -> Any:
    return (await llm.ainvoke("Hello there")).content


CALLERS = [
    Caller(
        "chat",
        "/chat/completions",
        _chat_model,
        lambda llm, emu, url: llm.invoke("Hello there").content,
        _ainvoke,
    ),
    Caller(
        "embeddings",
        "/embeddings",
        _embeddings,
        lambda embeddings, emu, url: embeddings.embed_query("Hello there"),
        lambda embeddings, emu, url: embeddings.aembed_query("Hello there"),
    ),
    # The utility functions retry with the default max_retries (2).
    Caller(
        "get_credits",
        "/credits",
        lambda emu, url: None,
        lambda _, emu, url: get_credits(api_key=emu.provisioning_key, base_url=url),
        lambda _, emu, url: aget_credits(api_key=emu.provisioning_key, base_url=url),
    ),
]


@pytest.fixture(
    params=[(c, a) for c in CALLERS for a in (False, True)],
    ids=[f"{c.name}-{'async' if a else 'sync'}" for c in CALLERS for a in (False, True)],
)
def call(request: pytest.FixtureRequest, served_emulator: Served) -> Iterator[Session]:
    """Each public entry point, sync and async, against the served emulator."""
    caller, use_async = request.param
    session = Session(caller, served_emulator, use_async)
    try:
        yield session
    finally:
        session.close()


def sent(emu: OpenRouterEmulator, route: str) -> int:
    """How many requests for ``route`` the emulator received."""
    return sum(1 for request in emu.requests if request.route == route)


def assert_backoff(waited: list[float]) -> None:
    """Full jitter under a doubling ceiling: 0.5 s for the first retry, 1 s for the second."""
    assert len(waited) == RETRIES
    for attempt, delay in enumerate(waited):
        assert 0.0 <= delay <= 0.5 * 2**attempt


def test_a_retryable_status_is_sent_max_retries_more_times_then_raised(
    call: Session, waits: list[float]
) -> None:
    emu = call.emu
    for status, error_class in RETRYABLE.items():
        emu.faults.clear()
        waits.clear()
        before = sent(emu, call.route)
        emu.faults.status(status, route=call.route, times=None)
        with pytest.raises(error_class) as caught:
            call()
        assert (status, sent(emu, call.route) - before) == (status, RETRIES + 1)
        assert (caught.value.status_code, caught.value.attempts) == (status, RETRIES + 1)
        # OpenRouter's wording for the status, as the emulator sends it by default.
        assert caught.value.message == DEFAULT_ERRORS[status][0]
        assert f"[gave up after {RETRIES + 1} attempts]" in str(caught.value)
        assert_backoff(waits)


def test_a_connection_reset_is_retried_then_raised_as_a_connection_error(
    call: Session, waits: list[float]
) -> None:
    emu = call.emu
    emu.faults.drop(route=call.route, times=None)
    with pytest.raises(APIConnectionError) as caught:
        call()
    assert sent(emu, call.route) == RETRIES + 1
    assert caught.value.attempts == RETRIES + 1
    assert f"after {RETRIES + 1} attempt(s)" in str(caught.value)
    assert_backoff(waits)


@pytest.mark.parametrize("fault", ["status", "reset"])
def test_transient_faults_are_survived_when_the_retries_suffice(
    call: Session, waits: list[float], fault: str
) -> None:
    emu = call.emu
    if fault == "reset":
        emu.faults.drop(route=call.route, times=RETRIES)
    else:
        emu.faults.status(502, route=call.route, times=RETRIES)
    result = call()
    assert sent(emu, call.route) == RETRIES + 1
    assert len(waits) == RETRIES
    if call.caller.name == "chat":
        assert result == "Hello there"
    elif call.caller.name == "embeddings":
        assert len(result) == 1536
        assert all(isinstance(x, float) for x in result)
    else:
        assert result.total_credits == emu.state.total_credits


def test_a_final_status_is_sent_once(call: Session, waits: list[float]) -> None:
    emu = call.emu
    for status, error_class in FINAL.items():
        emu.faults.clear()
        before = sent(emu, call.route)
        emu.faults.status(status, route=call.route, times=None)
        with pytest.raises(error_class) as caught:
            call()
        assert (status, sent(emu, call.route) - before) == (status, 1)
        assert (caught.value.status_code, caught.value.attempts) == (status, 1)
        assert "gave up after" not in str(caught.value)
    assert waits == []


def test_retry_after_in_seconds_is_waited_exactly(call: Session, waits: list[float]) -> None:
    emu = call.emu
    emu.faults.rate_limit(route=call.route, retry_after=1, times=RETRIES)
    call()
    assert sent(emu, call.route) == RETRIES + 1
    assert waits == [1.0] * RETRIES


def test_retry_after_as_an_http_date_is_waited_until_that_time(
    call: Session, waits: list[float]
) -> None:
    emu = call.emu
    # An HTTP date has whole seconds: two seconds ahead stays in the future while the test runs.
    when = int(time.time()) + 2
    header = email.utils.formatdate(when, usegmt=True)
    emu.faults.status(503, route=call.route, times=None, headers={"retry-after": header})
    before = time.time()
    with pytest.raises(NoProviderAvailableError) as caught:
        call()
    after = time.time()
    assert sent(emu, call.route) == RETRIES + 1
    assert caught.value.attempts == RETRIES + 1
    assert len(waits) == RETRIES
    for delay in waits:
        # The wait runs to the date, as read by the clock at the time of each answer.
        assert when - after <= delay <= when - before


def test_a_huge_retry_after_is_capped_at_a_minute(
    served_emulator: Served, waits: list[float]
) -> None:
    emu, url = served_emulator
    emu.faults.rate_limit(retry_after=3600, times=1)
    with ChatOpenRouter(model=MODEL, api_key=emu.api_key, base_url=url) as llm:
        assert llm.invoke("Patience").content == "Patience"
    assert waits == [60.0]


@pytest.mark.parametrize(
    "header", ["-5", "nan", "inf", "1e400", "1_0", "soon", "", "Wed, 02 Dec 99999 08:00:00 GMT"]
)
def test_an_unreadable_retry_after_header_falls_back_to_the_backoff(
    served_emulator: Served, waits: list[float], header: str
) -> None:
    emu, url = served_emulator
    emu.faults.status(429, times=1, headers={"retry-after": header})
    with ChatOpenRouter(model=MODEL, api_key=emu.api_key, base_url=url) as llm:
        assert llm.invoke("Patience").content == "Patience"
    assert sent(emu, "/chat/completions") == 2
    assert len(waits) == 1
    assert 0.0 <= waits[0] <= 0.5


@pytest.mark.parametrize(
    ("retry_after", "expected"),
    [(-5, 0.0), (10**400, 60.0), (float("nan"), None), (True, None), ("3", None), (0.25, 0.25)],
    ids=["negative", "huge", "nan", "true", "string", "fraction"],
)
def test_an_odd_availability_retry_after_is_read_as_seconds_or_ignored(
    served_emulator: Served, waits: list[float], retry_after: Any, expected: float | None
) -> None:
    # A negative, NaN or huge number in the body once crashed the retry loop with a bare
    # ValueError (time.sleep) or OverflowError instead of waiting or raising a typed error.
    emu, url = served_emulator
    availability = {"retryable": True, "retry_after": retry_after}
    body = {"error": {"code": 503, "message": "No provider", "availability": availability}}
    emu.faults.status(503, times=1, body=body)
    with ChatOpenRouter(model=MODEL, api_key=emu.api_key, base_url=url) as llm:
        assert llm.invoke("Patience").content == "Patience"
    assert sent(emu, "/chat/completions") == 2
    assert len(waits) == 1
    if expected is None:
        assert 0.0 <= waits[0] <= 0.5
    else:
        assert waits[0] == expected


def test_max_retries_zero_sends_once(served_emulator: Served, waits: list[float]) -> None:
    emu, url = served_emulator
    emu.faults.status(500, times=None)
    with (
        ChatOpenRouter(model=MODEL, api_key=emu.api_key, base_url=url, max_retries=0) as llm,
        pytest.raises(InternalServerError) as caught,
    ):
        llm.invoke("Once")
    assert (sent(emu, "/chat/completions"), caught.value.attempts, waits) == (1, 1, [])


def test_the_client_really_sleeps_between_attempts(call: Session) -> None:
    # No ``waits`` fixture here: the delays are slept (a small Retry-After keeps them short).
    call.emu.faults.rate_limit(route=call.route, retry_after=0.05, times=RETRIES)
    call()
    assert sent(call.emu, call.route) == RETRIES + 1


# Fallbacks --------------------------------------------------------------------------------------

PRIMARY = "openai/gpt-4o-mini"
FALLBACK = "google/gemini-2.0-flash-001"


@pytest.mark.parametrize("how", ["invoke", "ainvoke", "stream", "astream"])
def test_a_failing_model_falls_back_to_the_next_of_models(
    served_emulator: Served, waits: list[float], how: str
) -> None:
    emu, url = served_emulator
    # OpenRouter moves on to the next of ``models`` itself: one request, no retry of ours.
    fault = emu.faults.status(503, model=PRIMARY, times=None)
    llm = ChatOpenRouter(
        model=PRIMARY, models=[PRIMARY, FALLBACK], api_key=emu.api_key, base_url=url
    )

    async def arun() -> Any:
        async with llm:
            if how == "ainvoke":
                return await llm.ainvoke("Which model?")
            chunks = [chunk async for chunk in llm.astream("Which model?")]
            return sum(chunks[1:], chunks[0])

    with llm:
        if how == "invoke":
            message: Any = llm.invoke("Which model?")
        elif how == "stream":
            chunks = list(llm.stream("Which model?"))
            message = sum(chunks[1:], chunks[0])
        else:
            message = asyncio.run(arun())
    assert message.content == "Which model?"
    assert message.response_metadata["model_name"] == FALLBACK
    assert message.response_metadata["provider"] == "Google"
    assert (sent(emu, "/chat/completions"), fault.used, waits) == (1, 1, [])


def test_when_every_model_fails_the_error_is_raised_and_retried(
    served_emulator: Served, waits: list[float]
) -> None:
    emu, url = served_emulator
    emu.faults.status(503, model=PRIMARY, times=None)
    emu.faults.status(503, model=FALLBACK, times=None)
    with (
        ChatOpenRouter(
            model=PRIMARY, models=[PRIMARY, FALLBACK], api_key=emu.api_key, base_url=url
        ) as llm,
        pytest.raises(NoProviderAvailableError) as caught,
    ):
        llm.invoke("Anyone?")
    assert caught.value.attempts == RETRIES + 1
    assert sent(emu, "/chat/completions") == RETRIES + 1


# A 200 that carries only OpenRouter's error object -------------------------------------------

ERROR_ONLY_429 = {"error": {"code": 429, "message": "Rate limit exceeded"}}


def test_a_200_with_only_an_error_is_retried_like_its_code(
    call: Session, waits: list[float]
) -> None:
    emu = call.emu
    emu.faults.add(route=call.route, status=200, body=ERROR_ONLY_429, times=None)
    with pytest.raises(RateLimitError) as caught:
        call()
    assert sent(emu, call.route) == RETRIES + 1
    assert (caught.value.status_code, caught.value.attempts) == (429, RETRIES + 1)
    assert caught.value.message == "Rate limit exceeded"
    assert caught.value.is_retryable
    assert_backoff(waits)


def test_a_200_with_only_a_final_error_is_sent_once(call: Session, waits: list[float]) -> None:
    body = {"error": {"code": 400, "message": "Invalid model"}}
    call.emu.faults.add(route=call.route, status=200, body=body, times=None)
    with pytest.raises(BadRequestError) as caught:
        call()
    assert (sent(call.emu, call.route), caught.value.attempts, waits) == (1, 1, [])
    assert not caught.value.is_retryable


def test_a_200_with_only_an_error_waits_its_retry_after(
    served_emulator: Served, waits: list[float]
) -> None:
    emu, url = served_emulator
    emu.faults.add(status=200, body=ERROR_ONLY_429, retry_after=1, times=RETRIES)
    with ChatOpenRouter(model=MODEL, api_key=emu.api_key, base_url=url) as llm:
        assert llm.invoke("Patience").content == "Patience"
    assert (sent(emu, "/chat/completions"), waits) == (RETRIES + 1, [1.0] * RETRIES)


@pytest.mark.parametrize("how", ["stream", "astream"])
def test_a_stream_answered_with_only_an_error_is_retried_like_its_code(
    served_emulator: Served, waits: list[float], how: str
) -> None:
    emu, url = served_emulator
    emu.faults.add(status=200, body=ERROR_ONLY_429, times=None)
    llm = ChatOpenRouter(model=MODEL, api_key=emu.api_key, base_url=url, max_retries=RETRIES)

    async def arun() -> None:
        async with llm:
            [chunk async for chunk in llm.astream("hi")]

    with pytest.raises(RateLimitError) as caught:
        if how == "stream":
            with llm:
                list(llm.stream("hi"))
        else:
            asyncio.run(arun())
    assert sent(emu, "/chat/completions") == RETRIES + 1
    assert caught.value.attempts == RETRIES + 1
    assert_backoff(waits)


@pytest.mark.parametrize("how", ["stream", "astream"])
def test_a_stream_answered_with_only_an_error_is_survived(
    served_emulator: Served, waits: list[float], how: str
) -> None:
    emu, url = served_emulator
    emu.faults.add(status=200, body=ERROR_ONLY_429, times=RETRIES)
    llm = ChatOpenRouter(model=MODEL, api_key=emu.api_key, base_url=url, max_retries=RETRIES)

    async def arun() -> list[Any]:
        async with llm:
            return [chunk async for chunk in llm.astream("Hello there")]

    if how == "stream":
        with llm:
            chunks = list(llm.stream("Hello there"))
    else:
        chunks = asyncio.run(arun())
    assert "".join(str(chunk.content) for chunk in chunks) == "Hello there"
    assert (sent(emu, "/chat/completions"), len(waits)) == (RETRIES + 1, RETRIES)


def test_a_choice_error_after_partial_output_is_not_retried(
    served_emulator: Served, waits: list[float]
) -> None:
    # §5.6: the partial output was billed, so the failure is raised at once, partial attached.
    emu, url = served_emulator
    error = {"code": 429, "message": "Provider disconnected mid-stream"}
    choice = {
        "index": 0,
        "message": {"role": "assistant", "content": "partial output"},
        "finish_reason": "error",
        "error": error,
    }
    body = {"id": "gen-1", "model": MODEL, "choices": [choice], "error": error}
    emu.faults.add(status=200, body=body, times=None)
    with (
        ChatOpenRouter(model=MODEL, api_key=emu.api_key, base_url=url) as llm,
        pytest.raises(RateLimitError) as caught,
    ):
        llm.invoke("hi")
    assert (sent(emu, "/chat/completions"), caught.value.attempts, waits) == (1, 1, [])
    assert caught.value.partial.content == "partial output"

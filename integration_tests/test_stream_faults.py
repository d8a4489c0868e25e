"""Streams under faults, over real HTTP against the served emulator, sync and async.

A connection that breaks before the first event is sent again (the caller sees one whole
answer); after it, never: the stream raises ``APIConnectionError`` after the chunks that
arrived, none repeated. An error event inside the stream raises ``StreamError`` with
OpenRouter's code and message after the chunks before it, and callbacks get ``on_llm_error``.
A server that sends no headers, or a stream that stalls between events, raises
``APITimeoutError`` once the configured read timeout passes: never a hang.
"""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID

import httpx
import pytest
from langchain_core.callbacks import AsyncCallbackHandler, BaseCallbackHandler

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.errors import APIConnectionError, APITimeoutError, StreamError
from langchain_openrouter.testing import OpenRouterEmulator

MODEL = "openai/gpt-4o-mini"
PROMPT = "one two three four five"
# The emulator echoes the prompt a word at a time; the last chunk carries the usage.
WHOLE = ["one ", "two ", "three ", "four ", "five", ""]

Served = tuple[OpenRouterEmulator, str]
sync_and_async = pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])


def chat_model(served: Served, **kwargs: Any) -> ChatOpenRouter:
    emu, url = served
    return ChatOpenRouter(model=MODEL, api_key=emu.api_key, base_url=url, **kwargs)


def sent(emu: OpenRouterEmulator) -> int:
    return sum(1 for request in emu.requests if request.route == "/chat/completions")


def stream_texts(
    llm: ChatOpenRouter, use_async: bool, **kwargs: Any
) -> tuple[list[str], BaseException | None]:
    """The chunks' text a caller received, and the error that ended the stream, if one did."""
    texts: list[str] = []

    def run() -> None:
        for chunk in llm.stream(PROMPT, **kwargs):
            texts.append(chunk.text)

    async def arun() -> None:
        try:
            async for chunk in llm.astream(PROMPT, **kwargs):
                texts.append(chunk.text)
        finally:
            await llm.aclose()

    try:
        asyncio.run(arun()) if use_async else run()
    except Exception as exc:  # the test asserts which one
        return texts, exc
    finally:
        llm.close()
    return texts, None


@sync_and_async
@pytest.mark.parametrize("after", [None, 0], ids=["before-headers", "after-headers"])
def test_a_drop_before_the_first_event_is_sent_again(
    served_emulator: Served, waits: list[float], use_async: bool, after: int | None
) -> None:
    emu, _ = served_emulator
    emu.faults.drop(after=after)
    texts, error = stream_texts(chat_model(served_emulator), use_async)
    assert error is None
    assert texts == WHOLE
    assert sent(emu) == 2
    assert len(waits) == 1


@sync_and_async
def test_a_drop_that_outlasts_the_retries_raises_a_connection_error(
    served_emulator: Served, waits: list[float], use_async: bool
) -> None:
    emu, _ = served_emulator
    emu.faults.drop(after=0, times=None)
    texts, error = stream_texts(chat_model(served_emulator, max_retries=1), use_async)
    assert isinstance(error, APIConnectionError)
    assert error.attempts == 2
    assert (texts, sent(emu)) == ([], 2)


@sync_and_async
def test_a_drop_after_the_first_event_is_not_sent_again(
    served_emulator: Served, use_async: bool
) -> None:
    emu, _ = served_emulator
    # The role-only event, then "one " and "two ": then the connection breaks.
    emu.faults.drop(after=3)
    texts, error = stream_texts(chat_model(served_emulator), use_async)
    assert isinstance(error, APIConnectionError)
    assert "broke after it started" in str(error)
    assert texts == ["one ", "two "]
    assert error.partial is not None
    assert error.partial.content == "one two "
    assert sent(emu) == 1
    assert len(emu.disconnects) == 0  # the server broke it: the client did not walk away


@sync_and_async
@pytest.mark.parametrize(("code", "message"), [(502, None), (429, "Rate limit hit mid-stream")])
def test_an_error_event_mid_stream_raises_stream_error_after_the_chunks_before_it(
    served_emulator: Served, use_async: bool, code: int, message: str | None
) -> None:
    emu, _ = served_emulator
    emu.faults.stream_error(after=3, code=code, message=message)
    texts, error = stream_texts(chat_model(served_emulator), use_async)
    assert isinstance(error, StreamError)
    assert error.code == code
    assert error.message == (message or "Provider disconnected unexpectedly")
    assert texts == ["one ", "two "]
    assert error.partial is not None
    assert error.partial.content == "one two "
    assert sent(emu) == 1


class Recorder(BaseCallbackHandler):
    """What a sync callback handler saw of a run."""

    def __init__(self) -> None:
        self.tokens: list[str] = []
        self.errors: list[BaseException] = []
        self.ended = 0

    def on_llm_new_token(self, token: str, **kwargs: Any) -> None:
        self.tokens.append(token)

    def on_llm_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self.errors.append(error)

    def on_llm_end(self, response: Any, **kwargs: Any) -> None:
        self.ended += 1


class AsyncRecorder(AsyncCallbackHandler):
    """What an async callback handler saw of a run."""

    def __init__(self) -> None:
        self.tokens: list[str] = []
        self.errors: list[BaseException] = []
        self.ended = 0

    async def on_llm_new_token(self, token: str, **kwargs: Any) -> None:
        self.tokens.append(token)

    async def on_llm_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self.errors.append(error)

    async def on_llm_end(self, response: Any, **kwargs: Any) -> None:
        self.ended += 1


@sync_and_async
@pytest.mark.parametrize("fault", ["stream_error", "drop"])
def test_callbacks_get_on_llm_error_after_the_tokens_that_arrived(
    served_emulator: Served, use_async: bool, fault: str
) -> None:
    emu, _ = served_emulator
    if fault == "drop":
        emu.faults.drop(after=3)
    else:
        emu.faults.stream_error(after=3)
    handler = AsyncRecorder() if use_async else Recorder()
    texts, error = stream_texts(
        chat_model(served_emulator), use_async, config={"callbacks": [handler]}
    )
    assert isinstance(error, StreamError if fault == "stream_error" else APIConnectionError)
    assert texts == ["one ", "two "]
    assert handler.tokens == ["one ", "two "]
    assert handler.errors == [error]
    assert handler.ended == 0


@sync_and_async
def test_invoke_on_a_streaming_model_raises_the_stream_error(
    served_emulator: Served, use_async: bool
) -> None:
    emu, _ = served_emulator
    emu.faults.stream_error(after=3, code=503, message="Provider overloaded mid-stream")
    handler = AsyncRecorder() if use_async else Recorder()
    llm = chat_model(served_emulator, streaming=True)

    async def ainvoke() -> Any:
        async with llm:
            return await llm.ainvoke(PROMPT, config={"callbacks": [handler]})

    with llm, pytest.raises(StreamError) as caught:
        asyncio.run(ainvoke()) if use_async else llm.invoke(PROMPT, config={"callbacks": [handler]})
    assert (caught.value.code, caught.value.message) == (503, "Provider overloaded mid-stream")
    assert handler.tokens == ["one ", "two "]
    assert handler.errors == [caught.value]


# Timeouts ---------------------------------------------------------------------------------------

TIMEOUT = 0.3


def warm_up(served: Served) -> int:
    """Answer one request first: the emulator's first answer loads its token tables, and the
    server would read nothing else meanwhile, so a short timeout could fire before it even
    logged the next request. Returns the requests sent so far."""
    with chat_model(served) as llm:
        llm.invoke("warm up")
    return sent(served[0])


def assert_timed_out_after(error: BaseException | None, seconds: float) -> None:
    """The error is our timeout, from httpx's read timeout set to ``seconds``."""
    assert isinstance(error, APITimeoutError)
    assert isinstance(error.__cause__, httpx.ReadTimeout)
    assert error.request is not None
    assert error.request.extensions["timeout"]["read"] == seconds


@sync_and_async
@pytest.mark.parametrize("streamed", [False, True], ids=["invoke", "stream"])
def test_no_headers_within_the_timeout_raises_api_timeout_error(
    served_emulator: Served, waits: list[float], use_async: bool, streamed: bool
) -> None:
    emu, _ = served_emulator
    before = warm_up(served_emulator)
    emu.faults.delay(30.0, times=None)
    llm = chat_model(served_emulator, timeout=TIMEOUT, max_retries=1)
    if streamed:
        texts, error = stream_texts(llm, use_async)
        assert texts == []
    else:
        with llm, pytest.raises(APITimeoutError) as caught:
            asyncio.run(llm.ainvoke(PROMPT)) if use_async else llm.invoke(PROMPT)
        error = caught.value
    assert_timed_out_after(error, TIMEOUT)
    assert "timed out after 2 attempt(s)" in str(error)
    assert isinstance(error, APITimeoutError)
    assert error.attempts == 2
    # The server saw the client give up on both attempts (and so had read both).
    assert emu.disconnects.wait(2, timeout=10)
    assert [d.headers_sent for d in emu.disconnects.records] == [False, False]
    assert (sent(emu) - before, len(waits)) == (2, 1)


@sync_and_async
def test_a_stream_that_stalls_between_events_raises_api_timeout_error(
    served_emulator: Served, waits: list[float], use_async: bool
) -> None:
    emu, _ = served_emulator
    before = warm_up(served_emulator)
    emu.faults.slow(30.0, after=3)
    texts, error = stream_texts(chat_model(served_emulator, timeout=TIMEOUT), use_async)
    assert_timed_out_after(error, TIMEOUT)
    assert isinstance(error, APITimeoutError)
    assert texts == ["one ", "two "]
    assert error.partial is not None
    assert error.partial.content == "one two "
    # A started stream is never sent again, whatever the retries left.
    assert emu.disconnects.wait(1, timeout=10)
    assert [d.events_sent for d in emu.disconnects.records] == [3]
    assert (sent(emu) - before, waits) == (1, [])

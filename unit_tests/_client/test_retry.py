from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from langchain_openrouter._client.retry import (
    RETRYABLE_STATUSES,
    Attempts,
    RetryPolicy,
    StreamAttempt,
    as_error_status,
    next_delay,
    parse_retry_after,
)
from langchain_openrouter.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    RateLimitError,
    StreamError,
)

POLICY = RetryPolicy(max_retries=3, initial_delay=0.5, max_delay=8.0, max_retry_after=60.0)


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504, 524, 529])
def test_retryable_statuses_are_retried(status: int) -> None:
    assert next_delay(POLICY, 0, status=status, rand=lambda: 1.0) == 0.5


@pytest.mark.parametrize("status", [400, 401, 402, 403, 404, 405, 410, 413, 422])
def test_client_errors_are_never_retried(status: int) -> None:
    assert next_delay(POLICY, 0, status=status) is None


def test_the_issue_statuses_are_all_in_the_table() -> None:
    assert {408, 429, 500, 502, 503, 504, 524, 529} <= RETRYABLE_STATUSES
    assert not {400, 401, 402, 403, 404} & RETRYABLE_STATUSES


def test_retries_stop_after_max_retries() -> None:
    assert next_delay(POLICY, 2, status=503, rand=lambda: 1.0) == 2.0
    assert next_delay(POLICY, 3, status=503) is None


def test_zero_max_retries_never_retries() -> None:
    assert next_delay(RetryPolicy(max_retries=0), 0, status=429) is None
    assert next_delay(RetryPolicy(max_retries=0), 0, error=httpx.ConnectError("x")) is None


def test_negative_max_retries_is_rejected() -> None:
    with pytest.raises(ValueError, match="max_retries"):
        RetryPolicy(max_retries=-1)


def test_backoff_is_exponential_and_capped() -> None:
    ceilings = [
        next_delay(RetryPolicy(max_retries=10), a, status=500, rand=lambda: 1.0) for a in range(7)
    ]
    assert ceilings == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]


@given(attempt=st.integers(0, 9), rand=st.floats(0, 1, exclude_max=True))
def test_full_jitter_stays_within_bounds(attempt: int, rand: float) -> None:
    delay = next_delay(RetryPolicy(max_retries=10), attempt, status=502, rand=lambda: rand)
    assert delay is not None
    assert 0.0 <= delay < min(8.0, 0.5 * 2**attempt)


def test_retry_after_seconds_wins_over_backoff() -> None:
    assert next_delay(POLICY, 0, status=429, headers={"retry-after": "3"}) == 3.0


def test_retry_after_http_date() -> None:
    now = datetime(2026, 11, 25, 12, 0, 0, tzinfo=timezone.utc)
    header = format_datetime(now + timedelta(seconds=7), usegmt=True)
    assert parse_retry_after(header, now=now) == 7.0
    assert (
        parse_retry_after(format_datetime(now - timedelta(seconds=7), usegmt=True), now=now) == 0.0
    )


def test_retry_after_is_capped() -> None:
    assert next_delay(POLICY, 0, status=503, headers={"retry-after": "3600"}) == 60.0


@pytest.mark.parametrize("value", [None, "", "soon", "-"])
def test_unreadable_retry_after_is_ignored(value: str | None) -> None:
    assert parse_retry_after(value) is None


def test_402_with_retry_after_is_the_in_flight_budget_case() -> None:
    assert next_delay(POLICY, 0, status=402) is None
    assert next_delay(POLICY, 0, status=402, headers={"Retry-After": "1"}) == 1.0


def test_availability_verdict_wins_over_status() -> None:
    assert next_delay(POLICY, 0, status=503, retryable=False) is None
    assert next_delay(POLICY, 0, status=404, retryable=True, rand=lambda: 1.0) == 0.5


def test_409_is_retried_once() -> None:
    assert next_delay(POLICY, 0, status=409, rand=lambda: 1.0) == 0.5
    assert next_delay(POLICY, 1, status=409) is None


def test_connection_errors_are_retried_other_exceptions_are_not() -> None:
    assert next_delay(POLICY, 0, error=httpx.ConnectError("refused"), rand=lambda: 0.5) == 0.25
    assert next_delay(POLICY, 0, error=httpx.ReadTimeout("slow"), rand=lambda: 1.0) == 0.5
    assert next_delay(POLICY, 0, error=ValueError("bug")) is None


# --- StreamAttempt: retried until the first event, never after --------------------------------

REQUEST = httpx.Request("POST", "https://openrouter.ai/api/v1/chat/completions")


def _stream_attempt(max_retries: int = 2) -> StreamAttempt:
    return StreamAttempt(Attempts(RetryPolicy(max_retries=max_retries), REQUEST))


def test_a_break_before_the_first_event_is_retried() -> None:
    attempt = _stream_attempt()
    assert list(attempt.feed(b': OPENROUTER PROCESSING\n\ndata: {"a"')) == []
    assert not attempt.started
    delay = attempt.after_error(httpx.RemoteProtocolError("peer closed"))
    assert 0.0 <= delay <= 0.5
    assert attempt.attempts.attempt == 1


def test_a_break_after_an_event_is_never_retried() -> None:
    attempt = _stream_attempt()
    assert list(attempt.feed(b'data: {"a": 1}\n\n')) == [{"a": 1}]
    assert attempt.started
    with pytest.raises(APIConnectionError, match="never sent again") as info:
        attempt.after_error(httpx.RemoteProtocolError("peer closed"))
    assert info.value.attempts == 1
    assert attempt.attempts.attempt == 0


def test_a_timeout_after_an_event_is_an_api_timeout_error() -> None:
    attempt = _stream_attempt()
    list(attempt.feed(b'data: {"a": 1}\n\n'))
    with pytest.raises(APITimeoutError):
        attempt.after_error(httpx.ReadTimeout("slow"))


def test_a_break_before_the_first_event_gives_up_when_the_retries_are_spent() -> None:
    attempt = _stream_attempt(max_retries=0)
    with pytest.raises(APIConnectionError, match="after 1 attempt") as info:
        attempt.after_error(httpx.ConnectError("refused"))
    assert info.value.attempts == 1


def test_the_error_event_is_raised_after_the_events_before_it() -> None:
    attempt = _stream_attempt()
    raw = b'data: {"a": 1}\n\ndata: {"error": {"code": 429, "message": "slow down"}}\n\n'
    events = attempt.feed(raw)
    assert next(events) == {"a": 1}
    with pytest.raises(StreamError, match="slow down") as info:
        next(events)
    assert info.value.is_retryable
    assert attempt.done


def test_end_flushes_an_event_without_its_blank_line() -> None:
    attempt = _stream_attempt()
    assert list(attempt.feed(b'data: {"a": 1}')) == []
    assert list(attempt.end()) == [{"a": 1}]


def test_the_bodys_retry_after_is_used_when_there_is_no_header() -> None:
    assert next_delay(POLICY, 0, status=429, retry_after=40.0) == 40.0
    assert next_delay(POLICY, 0, status=429, headers={"Retry-After": "3"}, retry_after=40.0) == 3.0
    assert next_delay(POLICY, 0, status=402, retry_after=1.0) == 1.0


# --- StreamAttempt: an answer that is not an event stream -------------------------------------


def _non_sse_attempt(content_type: str, max_retries: int = 2) -> StreamAttempt:
    response = httpx.Response(200, headers={"content-type": content_type}, request=REQUEST)
    return StreamAttempt(Attempts(RetryPolicy(max_retries=max_retries), REQUEST), response)


def test_a_json_completion_is_the_only_event() -> None:
    attempt = _non_sse_attempt("application/json; charset=utf-8")
    assert list(attempt.feed(b'{"id": "gen-1", "choi')) == []
    assert list(attempt.feed(b'ces": []}')) == []
    assert list(attempt.end()) == [{"id": "gen-1", "choices": []}]
    assert attempt.started


def test_a_json_error_body_is_raised_as_its_status_class() -> None:
    attempt = _non_sse_attempt("application/json")
    list(attempt.feed(b'{"error": {"code": 429, "message": "slow down"}}'))
    with pytest.raises(RateLimitError) as info:
        list(attempt.end())
    assert info.value.message == "slow down"
    assert info.value.attempts == 1
    assert "retried" not in str(info.value)


def test_a_body_that_is_not_json_names_its_content_type() -> None:
    attempt = _non_sse_attempt("text/html")
    list(attempt.feed(b"<h1>Gateway</h1>"))
    with pytest.raises(APIStatusError, match=r"text/html instead of an event stream") as info:
        list(attempt.end())
    assert "Gateway" in str(info.value)
    assert "https://openrouter.ai/api/v1/chat/completions" in str(info.value)


def test_an_answer_without_content_type_is_read_as_an_event_stream() -> None:
    response = httpx.Response(200, request=REQUEST)
    attempt = StreamAttempt(Attempts(RetryPolicy(), REQUEST), response)
    assert list(attempt.feed(b'data: {"a": 1}\n\n')) == [{"a": 1}]


# --- as_error_status: a 2xx that is only an error object ----------------------------------


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"error": {"code": 429, "message": "slow down"}}, 429),
        ({"error": {"code": 400, "message": "bad"}, "user_id": "u"}, 400),
        ({"error": {"http_status": 503, "message": "no provider"}}, 503),
        ({"error": {"code": "server_error", "message": "?"}}, 502),
        ({"error": {"code": 200, "message": "?"}}, 502),
        ({"error": {"code": True, "message": "?"}}, 502),
        ({"error": {"code": 429}, "choices": []}, 429),
        ({"error": {"code": 429}, "data": None}, 429),
    ],
)
def test_a_2xx_with_only_an_error_takes_the_status_of_its_code(
    body: dict[str, object], status: int
) -> None:
    answer = as_error_status(httpx.Response(200, json=body, request=REQUEST))
    assert answer.status_code == status
    assert answer.json() == body


@pytest.mark.parametrize(
    "body",
    [
        {"choices": [{"finish_reason": "error", "error": {"code": 429}}], "error": {"code": 429}},
        {"data": [{"embedding": [0.1]}], "error": {"code": 429}},
        {"object": "response", "status": "failed", "output": [], "error": {"code": "x"}},
        {"error": "a string, not OpenRouter's error object"},
        {"error": None, "id": "gen-1"},
        ["error"],
    ],
)
def test_any_other_answer_keeps_its_status(body: object) -> None:
    response = httpx.Response(200, json=body, request=REQUEST)
    assert as_error_status(response) is response


def test_a_non_json_body_that_mentions_an_error_keeps_its_status() -> None:
    response = httpx.Response(200, content=b'<p>"error"</p>', request=REQUEST)
    assert as_error_status(response) is response

"""The retry policy as pure functions: which outcomes to retry and how long to wait.

Nothing here sleeps or sends; the sync and async transports ask :func:`next_delay` after each
attempt and do their own sleeping, so both retry exactly alike.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

import httpx

__all__ = ["RETRYABLE_STATUSES", "RetryPolicy", "next_delay", "parse_retry_after"]

# 408, 429 and the 5xx family; 409 once (auth-code conflicts) per the reference. 400/401/402/403/
# 404 are never retried: the same request would fail the same way.
RETRYABLE_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504, 524, 529})


@dataclass(frozen=True)
class RetryPolicy:
    """How many times to retry, and the backoff between attempts.

    Attributes:
        max_retries: Retries after the first attempt; 0 disables retrying.
        initial_delay: Backoff ceiling of the first retry, in seconds.
        max_delay: Cap of the exponential backoff, in seconds.
        max_retry_after: Cap on a server's ``Retry-After``, so one header cannot block a caller
            for minutes.
    """

    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError(f"max_retries must be >= 0, got {self.max_retries}")


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds from a ``Retry-After`` value: delta-seconds or an HTTP date.

    Args:
        value: The header value, or ``None``.
        now: The current time (for tests); defaults to the clock.

    Returns:
        Seconds to wait (never negative), or ``None`` when absent or unreadable.

    Example:
        >>> parse_retry_after("3")
        3.0
    """
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    current = now or datetime.now(timezone.utc)
    return max(0.0, (when - current).total_seconds())


def next_delay(
    policy: RetryPolicy,
    attempt: int,
    *,
    status: int | None = None,
    headers: Mapping[str, str] | httpx.Headers | None = None,
    error: BaseException | None = None,
    retryable: bool | None = None,
    rand: Callable[[], float] = random.random,
) -> float | None:
    """Seconds to wait before retrying, or ``None`` to stop and surface the outcome.

    Args:
        policy: The retry policy.
        attempt: How many attempts have failed so far, minus one (0 after the first).
        status: The HTTP status of the failed attempt, if it got one.
        headers: Its response headers (for ``Retry-After``).
        error: The transport error of the failed attempt, if it got no response.
        retryable: OpenRouter's own verdict (``error.availability.retryable``), which wins over
            the status when given.
        rand: Source of jitter in [0, 1).

    Returns:
        The delay: the server's ``Retry-After`` when it sent one (capped at
        ``max_retry_after``), else full jitter over a capped exponential backoff. ``None`` when
        the outcome is final.
    """
    if attempt >= policy.max_retries:
        return None
    if error is not None:
        if not isinstance(error, httpx.TransportError):
            return None
    elif status is None:
        return None
    else:
        value = httpx.Headers(headers).get("retry-after") if headers else None
        retry_after = parse_retry_after(value)
        if status == 402 and retry_after is None:
            return None
        if retryable is False:
            return None
        if status not in RETRYABLE_STATUSES and status != 402 and retryable is not True:
            return None
        if status == 409 and attempt >= 1:
            return None
        if retry_after is not None:
            return min(retry_after, policy.max_retry_after)
    ceiling = min(policy.max_delay, policy.initial_delay * 2.0**attempt)
    return float(ceiling * rand())

"""One generation's stats and the account's activity: ``get_generation()``, ``get_activity()``.

OpenRouter routes: ``GET /generation?id=`` (any key that made the generation) and
``GET /activity`` (a management key); ``openrouter-api.md`` §8.5, §8.6.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Literal

import httpx
from pydantic import SecretStr

from langchain_openrouter._checks import check_text
from langchain_openrouter.platform._endpoint import Endpoint, acall, call, key_hash
from langchain_openrouter.platform.models import _model_list
from langchain_openrouter.types import ActivityRow, Generation

__all__ = ["aget_activity", "aget_generation", "get_activity", "get_generation"]

# Stats appear a moment after the response: right after it the route may answer 404, so a 404
# is retried a few times with short waits (1.75 s in all) before it is believed.
GET_GENERATION: Endpoint[Generation] = Endpoint(
    "GET",
    "/generation",
    key="inference",
    result=Generation,
    retry_statuses=frozenset({404}),
    retry_delays=(0.25, 0.5, 1.0),
    hints=(
        (
            404,
            "pass the completion's id (response_metadata['id']) with the key that made it; "
            "retried already",
        ),
    ),
)
GET_ACTIVITY: Endpoint[list[ActivityRow]] = Endpoint(
    "GET", "/activity", key="management", result=list[ActivityRow]
)

Day = dt.date | dt.datetime
"""A UTC day: a ``date``, or a timezone-aware ``datetime`` (its UTC date is taken)."""


def _generation_params(generation_id: str) -> dict[str, str]:
    if not isinstance(generation_id, str):
        raise TypeError(
            "generation_id must be a str such as 'gen-1762047030-...', got "
            f"{type(generation_id).__name__}"
        )
    if not generation_id.strip():
        raise ValueError(
            "generation_id must be a generation id such as 'gen-1762047030-...' (the "
            "completion's id, response_metadata['id'] on a ChatOpenRouter message)"
        )
    return {"id": generation_id}


def _day(value: Day | None, field: str) -> dt.date | None:
    """The UTC day of a ``date`` or an aware ``datetime`` (pure)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(
                f"{field} must be a date or a timezone-aware datetime (a naive datetime has no "
                "UTC day); e.g. datetime.now(timezone.utc)"
            )
        return value.astimezone(dt.timezone.utc).date()
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"{field} must be a date or a datetime, got {type(value).__name__}")


class _ActivityQuery:
    """What ``get_activity`` sends and how it filters the rows it gets back (pure)."""

    def __init__(
        self,
        start_date: Day | None,
        end_date: Day | None,
        model: str | Sequence[str] | None,
        date: Day | None,
        api_key_hash: SecretStr | str | None,
        user_id: str | None,
        workspace_id: str | None,
        group_by: Literal["workspace"] | None,
    ) -> None:
        self.start = _day(start_date, "start_date")
        self.end = _day(end_date, "end_date")
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"start_date {self.start} is after end_date {self.end}")
        self.models = set(_model_list(model)) if model is not None else set()
        day = _day(date, "date")
        if day is None and self.start is not None and self.start == self.end:
            # A one-day range is exactly what the live route's own `date` filter selects.
            day = self.start
        if group_by not in (None, "workspace"):
            raise ValueError(f"group_by must be 'workspace' or None, got {group_by!r}")
        self.params: dict[str, Any] = {
            "date": day.isoformat() if day else None,
            "api_key_hash": key_hash(api_key_hash, "api_key_hash") if api_key_hash else None,
            "user_id": check_text(user_id, "user_id", example="'user_...'"),
            "workspace_id": check_text(workspace_id, "workspace_id"),
            "group_by": group_by,
        }

    def keep(self, rows: list[ActivityRow]) -> list[ActivityRow]:
        """The rows within the date range and of the wanted models."""
        return [
            row
            for row in rows
            if (self.start is None or row.date >= self.start)
            and (self.end is None or row.date <= self.end)
            and (not self.models or {row.model, row.model_permaslug} & self.models)
        ]


def get_generation(
    generation_id: str,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> Generation:
    """What one generation cost, how many tokens it used and who served it, how fast.

    OpenRouter route: ``GET /generation?id=`` (§8.5), with the key that made the generation.
    Stats appear shortly after the response, so a 404 is retried three times (after 0.25, 0.5
    and 1 s) before it is raised. The seed list's ``usage`` object of token counts does not
    exist: token counts are ``tokens_*`` (normalised) and ``native_tokens_*`` (the provider's,
    billed), and ``usage`` / ``total_cost`` are USD.

    Args:
        generation_id: The generation id (``gen-...``): a completion's ``id``, which
            ``ChatOpenRouter`` puts in ``response_metadata["id"]``.
        api_key: Default ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        :class:`~langchain_openrouter.types.Generation`: ``native_tokens_prompt`` /
        ``native_tokens_completion`` (tokens), ``total_cost`` (float USD), ``latency`` and
        ``generation_time`` (milliseconds), ``provider_name``.

    Raises:
        TypeError: The id is not a ``str`` (nothing is sent).
        ValueError: An empty id (nothing is sent).
        MissingAPIKeyError: No key given or in the environment (nothing is sent).
        NotFoundError: No such generation for this key, after the retries (404).

    Example:
        .. code-block:: python

            from langchain_openrouter import ChatOpenRouter, get_generation

            reply = ChatOpenRouter(model="openai/gpt-4o-mini").invoke("Hi")
            gen = get_generation(reply.response_metadata["id"])
            print(gen.provider_name, gen.native_tokens_prompt, gen.total_cost, "USD")
    """
    params = _generation_params(generation_id)
    return call(GET_GENERATION, api_key=api_key, base_url=base_url, client=client, params=params)


async def aget_generation(
    generation_id: str,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> Generation:
    """Async :func:`get_generation`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            gen = await aget_generation(reply.response_metadata["id"])
    """
    params = _generation_params(generation_id)
    return await acall(
        GET_GENERATION, api_key=api_key, base_url=base_url, client=client, params=params
    )


def get_activity(
    *,
    start_date: Day | None = None,
    end_date: Day | None = None,
    model: str | Sequence[str] | None = None,
    date: Day | None = None,
    api_key_hash: SecretStr | str | None = None,
    user_id: str | None = None,
    workspace_id: str | None = None,
    group_by: Literal["workspace"] | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> list[ActivityRow]:
    """Spend, requests and tokens per UTC day, model and endpoint, over the last 30 days.

    OpenRouter route: ``GET /activity`` (§8.6), with a management key. The seed list's
    ``start_date``, ``end_date`` and ``model`` are not filters of the live route: they are
    applied here to the rows it returns (a one-day range is sent as the route's ``date``).
    The live filters ``date``, ``api_key_hash``, ``user_id``, ``workspace_id`` and
    ``group_by`` are sent as they are. OpenRouter covers completed UTC days only.

    Args:
        start_date: First UTC day to keep (inclusive): a ``date`` or an aware ``datetime``.
        end_date: Last UTC day to keep (inclusive).
        model: Keep only rows of this model id or permaslug, or of any of several.
        date: Ask OpenRouter for this one UTC day only.
        api_key_hash: Only the activity of one key: its hash, or the full key (hashed locally).
        user_id: Only the activity of one organisation member.
        workspace_id: Only the activity of one workspace.
        group_by: ``"workspace"`` adds ``workspace_id`` to each row.
        api_key: A management key; default ``OPENROUTER_PROVISIONING_KEY``, then
            ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        :class:`~langchain_openrouter.types.ActivityRow` rows, newest day first as OpenRouter
        sends them; ``usage`` in float USD.

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        ValueError: A naive ``datetime``, ``start_date`` after ``end_date``, or a bad
            ``api_key_hash`` (nothing is sent).
        MissingAPIKeyError: No management key given or in the environment (nothing is sent).
        PermissionDeniedError: The key is not a management key (403).

    Example:
        .. code-block:: python

            from datetime import date, timedelta

            from langchain_openrouter import get_activity

            rows = get_activity(start_date=date.today() - timedelta(days=7))
            print(sum(row.usage for row in rows), "USD in the last week")
    """
    query = _ActivityQuery(
        start_date, end_date, model, date, api_key_hash, user_id, workspace_id, group_by
    )
    rows = call(
        GET_ACTIVITY, api_key=api_key, base_url=base_url, client=client, params=query.params
    )
    return query.keep(rows)


async def aget_activity(
    *,
    start_date: Day | None = None,
    end_date: Day | None = None,
    model: str | Sequence[str] | None = None,
    date: Day | None = None,
    api_key_hash: SecretStr | str | None = None,
    user_id: str | None = None,
    workspace_id: str | None = None,
    group_by: Literal["workspace"] | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> list[ActivityRow]:
    """Async :func:`get_activity`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            rows = await aget_activity(model="openai/gpt-4o-mini")
    """
    query = _ActivityQuery(
        start_date, end_date, model, date, api_key_hash, user_id, workspace_id, group_by
    )
    rows = await acall(
        GET_ACTIVITY, api_key=api_key, base_url=base_url, client=client, params=query.params
    )
    return query.keep(rows)

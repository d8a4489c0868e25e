"""The calling key and the account's keys: ``get_key_info()`` and the ``/keys`` management routes.

OpenRouter routes: ``GET /key`` (any key) and ``GET/POST /keys``, ``PATCH/DELETE /keys/{hash}``
(a management key; ``openrouter-api.md`` §8.1, §8.2). Where the seed list addressed keys by an
id, OpenRouter addresses them by hash (§13): every function here takes a full key or its hash
and hashes a full key locally (SHA-256 hex), so a secret is never sent in a URL.
"""

from __future__ import annotations

import enum
import math
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timezone
from typing import Any, Literal

import httpx
from pydantic import SecretStr

from langchain_openrouter._checks import check_flag, check_text
from langchain_openrouter.platform._endpoint import (
    Endpoint,
    acall,
    aiterate,
    call,
    check_offset,
    iterate,
    key_hash,
)
from langchain_openrouter.types import APIKey, CreatedAPIKey, DeleteResult, KeyInfo

__all__ = [
    "acreate_api_key",
    "adelete_api_key",
    "aget_key_info",
    "aiter_api_keys",
    "alist_api_keys",
    "aupdate_api_key",
    "create_api_key",
    "delete_api_key",
    "get_key_info",
    "iter_api_keys",
    "list_api_keys",
    "update_api_key",
]

KEY_INFO: Endpoint[KeyInfo] = Endpoint("GET", "/key", key="inference", result=KeyInfo)
LIST_KEYS: Endpoint[list[APIKey]] = Endpoint(
    "GET", "/keys", key="management", result=list[APIKey], offset_param="offset"
)
# The answer is {"data": <key>, "key": <secret>}: CreatedAPIKey merges both.
CREATE_KEY: Endpoint[CreatedAPIKey] = Endpoint(
    "POST", "/keys", key="management", result=CreatedAPIKey, unwrap=None
)
_NO_SUCH_KEY = (
    (404, "no key of this account has that hash: deleted already? see list_api_keys()"),
)
UPDATE_KEY: Endpoint[APIKey] = Endpoint(
    "PATCH", "/keys/{hash}", key="management", result=APIKey, hints=_NO_SUCH_KEY
)
DELETE_KEY: Endpoint[DeleteResult] = Endpoint(
    "DELETE", "/keys/{hash}", "management", DeleteResult, unwrap=None, hints=_NO_SUCH_KEY
)

LimitReset = Literal["daily", "weekly", "monthly"]
_RESETS = (None, "daily", "weekly", "monthly")


class _Keep(enum.Enum):
    """Marks an update argument left out: ``None`` is a value there (no limit, no reset)."""

    KEEP = "KEEP"


KEEP = _Keep.KEEP


def _limit(limit: float | None) -> float | None:
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, (int, float))):
        raise TypeError(f"limit must be USD as a number, or None for no limit; got {limit!r}")
    if limit is not None and not math.isfinite(limit):
        raise ValueError(
            f"limit must be a finite number of USD, or None for no limit; got {limit!r}"
        )
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be >= 0 USD, or None for no limit; got {limit!r}")
    return limit


def _limit_reset(reset: str | None) -> str | None:
    if reset not in _RESETS:
        raise ValueError(f"limit_reset must be 'daily', 'weekly', 'monthly' or None; got {reset!r}")
    return reset


def _name(name: str) -> str:
    checked: str = check_text(name, "name", example="'ci runner'")
    if checked is None:
        raise TypeError("name must be a str such as 'ci runner', got NoneType")
    return checked


def _utc(expires_at: datetime) -> str:
    """``expires_at`` as ISO-8601 UTC, the only zone OpenRouter accepts."""
    if not isinstance(expires_at, datetime):
        raise TypeError(f"expires_at must be a datetime, got {type(expires_at).__name__}")
    if expires_at.tzinfo is None or expires_at.utcoffset() is None:
        raise ValueError(
            "expires_at must be timezone-aware (a naive datetime is ambiguous); "
            "e.g. datetime(2030, 1, 1, tzinfo=timezone.utc)"
        )
    return expires_at.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def _create_body(
    name: str,
    limit: float | None,
    limit_reset: LimitReset | None,
    include_byok_in_limit: bool | None,
    expires_at: datetime | None,
    workspace_id: str | None,
    creator_user_id: str | None,
) -> dict[str, Any]:
    """The ``POST /keys`` body, checked (pure)."""
    body: dict[str, Any] = {"name": _name(name)}
    if limit is not None:
        body["limit"] = _limit(limit)
    if limit_reset is not None:
        body["limit_reset"] = _limit_reset(limit_reset)
    if include_byok_in_limit is not None:
        body["include_byok_in_limit"] = check_flag(include_byok_in_limit, "include_byok_in_limit")
    if expires_at is not None:
        body["expires_at"] = _utc(expires_at)
    if workspace_id is not None:
        body["workspace_id"] = check_text(workspace_id, "workspace_id")
    if creator_user_id is not None:
        body["creator_user_id"] = check_text(creator_user_id, "creator_user_id")
    return body


def _update_body(
    name: str | None,
    disabled: bool | None,
    limit: float | _Keep | None,
    limit_reset: LimitReset | _Keep | None,
    include_byok_in_limit: bool | None,
) -> dict[str, Any]:
    """The ``PATCH /keys/{hash}`` body: only what is given (pure)."""
    body: dict[str, Any] = {}
    if name is not None:
        body["name"] = _name(name)
    if disabled is not None:
        body["disabled"] = check_flag(disabled, "disabled")
    if not isinstance(limit, _Keep):
        body["limit"] = _limit(limit)
    if not isinstance(limit_reset, _Keep):
        body["limit_reset"] = _limit_reset(limit_reset)
    if include_byok_in_limit is not None:
        body["include_byok_in_limit"] = check_flag(include_byok_in_limit, "include_byok_in_limit")
    if not body:
        raise ValueError(
            "update_api_key needs at least one of name, disabled, limit, limit_reset, "
            "include_byok_in_limit"
        )
    return body


def _list_params(include_disabled: bool, workspace_id: str | None) -> dict[str, Any]:
    return {
        "include_disabled": "true" if check_flag(include_disabled, "include_disabled") else "false",
        "workspace_id": check_text(workspace_id, "workspace_id"),
    }


def _hash_param(key: SecretStr | str) -> dict[str, str]:
    return {"hash": key_hash(key, "key")}


def get_key_info(
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> KeyInfo:
    """The calling key's limit, spend, free-tier status and kind.

    OpenRouter route: ``GET /key`` (§8.1), with any key: it describes the key it is called
    with. The seed list's ``label, usage, limit, is_free_tier, rate_limit`` are all there;
    ``rate_limit`` is deprecated, and the live route adds ``limit_remaining``, the daily,
    weekly and monthly ``usage_*`` and BYOK spend, and ``is_management_key``.

    Args:
        api_key: The key to describe; default ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        :class:`~langchain_openrouter.types.KeyInfo`; money in float USD, ``limit`` and
        ``limit_remaining`` ``None`` when unlimited.

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        MissingAPIKeyError: No key given or in the environment (nothing is sent).
        AuthenticationError: The key is unknown, disabled or expired (401).

    Example:
        .. code-block:: python

            from langchain_openrouter import get_key_info

            info = get_key_info()
            print(info.label, info.usage_monthly, "USD this month")
    """
    return call(KEY_INFO, api_key=api_key, base_url=base_url, client=client)


async def aget_key_info(
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> KeyInfo:
    """Async :func:`get_key_info`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            info = await aget_key_info()
    """
    return await acall(KEY_INFO, api_key=api_key, base_url=base_url, client=client)


def list_api_keys(
    *,
    offset: int = 0,
    include_disabled: bool = False,
    workspace_id: str | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> list[APIKey]:
    """One page of the account's inference keys (never their secrets).

    OpenRouter route: ``GET /keys`` (§8.2), with a management key. OpenRouter sends no total
    and pages by position: pass ``offset=`` the number of keys already seen for the next page,
    or use :func:`iter_api_keys` for all of them.

    Args:
        offset: How many keys to skip (>= 0).
        include_disabled: Also list disabled keys.
        workspace_id: Only the keys of this workspace.
        api_key: A management key; default ``OPENROUTER_PROVISIONING_KEY``, then
            ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        Up to a page of :class:`~langchain_openrouter.types.APIKey` (an empty list past the end).

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        ValueError: ``offset`` is negative (nothing is sent).
        MissingAPIKeyError: No key given or in the environment (nothing is sent).
        PermissionDeniedError: The key is not a management key (403).

    Example:
        .. code-block:: python

            from langchain_openrouter import list_api_keys

            for key in list_api_keys(include_disabled=True):
                print(key.name, key.label, "disabled" if key.disabled else "active")
    """
    params = {**_list_params(include_disabled, workspace_id), "offset": check_offset(offset)}
    return call(LIST_KEYS, api_key=api_key, base_url=base_url, client=client, params=params)


async def alist_api_keys(
    *,
    offset: int = 0,
    include_disabled: bool = False,
    workspace_id: str | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> list[APIKey]:
    """Async :func:`list_api_keys`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            second_page = await alist_api_keys(offset=100)
    """
    params = {**_list_params(include_disabled, workspace_id), "offset": check_offset(offset)}
    return await acall(LIST_KEYS, api_key=api_key, base_url=base_url, client=client, params=params)


def iter_api_keys(
    *,
    include_disabled: bool = False,
    workspace_id: str | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> Iterator[APIKey]:
    """Every key of the account, fetching ``GET /keys`` page after page as you iterate.

    Takes the arguments of :func:`list_api_keys` but ``offset``. The pages go over one
    connection; the last page is the first empty one or one shorter than the pages before.
    Keys created or deleted meanwhile may shift the pages.

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        MissingAPIKeyError: No management key, when iteration starts (nothing is sent).
        PermissionDeniedError: The key is not a management key (403).

    Example:
        .. code-block:: python

            from langchain_openrouter import iter_api_keys

            spend = sum(key.usage for key in iter_api_keys(include_disabled=True))
    """
    return iterate(
        LIST_KEYS,
        api_key=api_key,
        base_url=base_url,
        client=client,
        params=_list_params(include_disabled, workspace_id),
    )


def aiter_api_keys(
    *,
    include_disabled: bool = False,
    workspace_id: str | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> AsyncIterator[APIKey]:
    """Async :func:`iter_api_keys`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            names = [key.name async for key in aiter_api_keys()]
    """
    return aiterate(
        LIST_KEYS,
        api_key=api_key,
        base_url=base_url,
        client=client,
        params=_list_params(include_disabled, workspace_id),
    )


def create_api_key(
    name: str,
    *,
    limit: float | None = None,
    limit_reset: LimitReset | None = None,
    include_byok_in_limit: bool | None = None,
    expires_at: datetime | None = None,
    workspace_id: str | None = None,
    creator_user_id: str | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> CreatedAPIKey:
    """Create an inference key; the answer holds its secret, shown this once.

    OpenRouter route: ``POST /keys`` (§8.2), with a management key; it answers 201. The seed
    list's ``name, limit, expires_at`` map as they are (``expires_at`` is sent as ISO-8601 UTC,
    the only zone OpenRouter accepts); the live route adds ``limit_reset``,
    ``include_byok_in_limit``, ``workspace_id`` and ``creator_user_id``.

    Args:
        name: The key's name (non-empty).
        limit: Spending limit in USD (>= 0); default none.
        limit_reset: ``"daily"``, ``"weekly"`` or ``"monthly"`` (at midnight UTC); default never.
        include_byok_in_limit: Whether spend on your own provider keys counts towards the limit.
        expires_at: When the key stops working: a timezone-aware ``datetime``, converted to UTC.
        workspace_id: The workspace to create the key in.
        creator_user_id: The organisation member to create the key for.
        api_key: A management key; default ``OPENROUTER_PROVISIONING_KEY``, then
            ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        :class:`~langchain_openrouter.types.CreatedAPIKey`: the stored key (``hash``, ``name``,
        ``label``, ``limit`` ...) and ``key``, the secret as a ``SecretStr``.

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        ValueError: An empty name, a negative limit, an unknown ``limit_reset`` or a naive
            ``expires_at`` (nothing is sent).
        MissingAPIKeyError: No key given or in the environment (nothing is sent).
        PermissionDeniedError: The key is not a management key (403).
        BadRequestError: OpenRouter refused a field (400).

    Example:
        .. code-block:: python

            from datetime import datetime, timedelta, timezone

            from langchain_openrouter import create_api_key

            created = create_api_key(
                "ci runner",
                limit=5.0,
                limit_reset="monthly",
                expires_at=datetime.now(timezone.utc) + timedelta(days=30),
            )
            secret = created.key.get_secret_value()  # store it: it is shown only now
            print(created.hash, created.limit)
    """
    body = _create_body(
        name, limit, limit_reset, include_byok_in_limit, expires_at, workspace_id, creator_user_id
    )
    return call(CREATE_KEY, api_key=api_key, base_url=base_url, client=client, json=body)


async def acreate_api_key(
    name: str,
    *,
    limit: float | None = None,
    limit_reset: LimitReset | None = None,
    include_byok_in_limit: bool | None = None,
    expires_at: datetime | None = None,
    workspace_id: str | None = None,
    creator_user_id: str | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> CreatedAPIKey:
    """Async :func:`create_api_key`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            created = await acreate_api_key("batch job", limit=1.0)
    """
    body = _create_body(
        name, limit, limit_reset, include_byok_in_limit, expires_at, workspace_id, creator_user_id
    )
    return await acall(CREATE_KEY, api_key=api_key, base_url=base_url, client=client, json=body)


def update_api_key(
    key: SecretStr | str,
    *,
    name: str | None = None,
    disabled: bool | None = None,
    limit: float | _Keep | None = KEEP,
    limit_reset: LimitReset | _Keep | None = KEEP,
    include_byok_in_limit: bool | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> APIKey:
    """Rename, disable or enable a key, or change its limit; only what is given changes.

    OpenRouter route: ``PATCH /keys/{hash}`` (§8.2), with a management key. The seed list's
    ``PATCH /keys/{key_id}`` maps to the key's hash: pass the full key or its hash.

    Args:
        key: The key to change: the full key (hashed locally, never sent) or its hash
            (:attr:`APIKey.hash`).
        name: A new name.
        disabled: ``True`` to refuse the key, ``False`` to accept it again.
        limit: A new limit in USD, or ``None`` to remove the limit; left out, it stays.
        limit_reset: ``"daily"``, ``"weekly"``, ``"monthly"``, or ``None`` for never.
        include_byok_in_limit: Whether BYOK spend counts towards the limit.
        api_key: A management key; default ``OPENROUTER_PROVISIONING_KEY``, then
            ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        The key as stored after the change.

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        ValueError: ``key`` is neither a key nor a hash, nothing to change, or a bad value
            (nothing is sent).
        MissingAPIKeyError: No management key given or in the environment (nothing is sent).
        NotFoundError: No such key (404).

    Example:
        .. code-block:: python

            from langchain_openrouter import update_api_key

            key = update_api_key(key_hash, disabled=True)
            print(key.name, "disabled:", key.disabled)
    """
    body = _update_body(name, disabled, limit, limit_reset, include_byok_in_limit)
    return call(
        UPDATE_KEY,
        api_key=api_key,
        base_url=base_url,
        client=client,
        path_params=_hash_param(key),
        json=body,
    )


async def aupdate_api_key(
    key: SecretStr | str,
    *,
    name: str | None = None,
    disabled: bool | None = None,
    limit: float | _Keep | None = KEEP,
    limit_reset: LimitReset | _Keep | None = KEEP,
    include_byok_in_limit: bool | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> APIKey:
    """Async :func:`update_api_key`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            key = await aupdate_api_key(key_hash, limit=None)  # no limit any more
    """
    body = _update_body(name, disabled, limit, limit_reset, include_byok_in_limit)
    return await acall(
        UPDATE_KEY,
        api_key=api_key,
        base_url=base_url,
        client=client,
        path_params=_hash_param(key),
        json=body,
    )


def delete_api_key(
    key: SecretStr | str,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> DeleteResult:
    """Delete a key for good; requests made with it are then refused (401).

    OpenRouter route: ``DELETE /keys/{hash}`` (§8.2), with a management key. The seed list's
    ``DELETE /keys/{key_id}`` maps to the key's hash: pass the full key or its hash.

    Args:
        key: The full key (hashed locally, never sent) or its hash.
        api_key: A management key; default ``OPENROUTER_PROVISIONING_KEY``, then
            ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        :class:`~langchain_openrouter.types.DeleteResult` with ``deleted=True``.

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        ValueError: ``key`` is neither a key nor a hash (nothing is sent).
        MissingAPIKeyError: No management key given or in the environment (nothing is sent).
        NotFoundError: No such key (404).

    Example:
        .. code-block:: python

            from langchain_openrouter import delete_api_key

            assert delete_api_key(key_hash).deleted
    """
    return call(
        DELETE_KEY, api_key=api_key, base_url=base_url, client=client, path_params=_hash_param(key)
    )


async def adelete_api_key(
    key: SecretStr | str,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> DeleteResult:
    """Async :func:`delete_api_key`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            await adelete_api_key(key_hash)
    """
    return await acall(
        DELETE_KEY, api_key=api_key, base_url=base_url, client=client, path_params=_hash_param(key)
    )

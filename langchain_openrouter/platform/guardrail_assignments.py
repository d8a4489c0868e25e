"""Who a guardrail applies to: keys and members assigned, unassigned and listed.

Each function comes sync and async and takes a management key.

OpenRouter routes: ``/guardrails/{id}/assignments/keys``, ``.../members``, their ``/remove``
forms and ``/guardrails/assignments/...`` (``openrouter-api.md`` §11.2). The seed list's
``POST /guardrails/{id}/keys`` and ``/members`` are these ``/assignments/`` routes; keys are
addressed by their SHA-256 hash, so a full key given here is hashed locally and never sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx
from pydantic import SecretStr

from langchain_openrouter._checks import check_text
from langchain_openrouter.platform._endpoint import Endpoint, acall, call, key_hash
from langchain_openrouter.platform.guardrails import _NO_SUCH_GUARDRAIL, _page_params
from langchain_openrouter.types import (
    AssignmentResult,
    GuardrailKeyAssignment,
    GuardrailMemberAssignment,
    Page,
    UnassignmentResult,
)

__all__ = [
    "aassign_guardrail_keys",
    "aassign_guardrail_members",
    "alist_guardrail_key_assignments",
    "alist_guardrail_member_assignments",
    "assign_guardrail_keys",
    "assign_guardrail_members",
    "aunassign_guardrail_keys",
    "aunassign_guardrail_members",
    "list_guardrail_key_assignments",
    "list_guardrail_member_assignments",
    "unassign_guardrail_keys",
    "unassign_guardrail_members",
]

_ONE = "/guardrails/{guardrail_id}/assignments"
ASSIGN_KEYS: Endpoint[AssignmentResult] = Endpoint(
    "POST",
    f"{_ONE}/keys",
    key="management",
    result=AssignmentResult,
    unwrap=None,
    hints=_NO_SUCH_GUARDRAIL,
)
UNASSIGN_KEYS: Endpoint[UnassignmentResult] = Endpoint(
    "POST",
    f"{_ONE}/keys/remove",
    key="management",
    result=UnassignmentResult,
    unwrap=None,
    hints=_NO_SUCH_GUARDRAIL,
)
ASSIGN_MEMBERS: Endpoint[AssignmentResult] = Endpoint(
    "POST",
    f"{_ONE}/members",
    key="management",
    result=AssignmentResult,
    unwrap=None,
    hints=_NO_SUCH_GUARDRAIL,
)
UNASSIGN_MEMBERS: Endpoint[UnassignmentResult] = Endpoint(
    "POST",
    f"{_ONE}/members/remove",
    key="management",
    result=UnassignmentResult,
    unwrap=None,
    hints=_NO_SUCH_GUARDRAIL,
)
KEY_ASSIGNMENTS: Endpoint[Page[GuardrailKeyAssignment]] = Endpoint(
    "GET",
    f"{_ONE}/keys",
    "management",
    Page[GuardrailKeyAssignment],
    unwrap=None,
    hints=_NO_SUCH_GUARDRAIL,
)
ALL_KEY_ASSIGNMENTS: Endpoint[Page[GuardrailKeyAssignment]] = Endpoint(
    "GET", "/guardrails/assignments/keys", "management", Page[GuardrailKeyAssignment], unwrap=None
)
MEMBER_ASSIGNMENTS: Endpoint[Page[GuardrailMemberAssignment]] = Endpoint(
    "GET",
    f"{_ONE}/members",
    "management",
    Page[GuardrailMemberAssignment],
    unwrap=None,
    hints=_NO_SUCH_GUARDRAIL,
)
ALL_MEMBER_ASSIGNMENTS: Endpoint[Page[GuardrailMemberAssignment]] = Endpoint(
    "GET",
    "/guardrails/assignments/members",
    "management",
    Page[GuardrailMemberAssignment],
    unwrap=None,
)

Keys = str | SecretStr | Sequence[str | SecretStr]
Members = str | Sequence[str]


def _key_hashes(keys: Keys) -> list[str]:
    """``key_hashes`` of the request: hashes kept, full keys hashed locally (pure).

    Example:
        >>> _key_hashes("sk-or-v1-abc")[0][:12]
        '128cd81d318f'
        >>> _key_hashes(["c56454edb818d6b14bc0d61c46025f1450b0f4012d12304ab40aacb519fcbc93"])
        ['c56454edb818d6b14bc0d61c46025f1450b0f4012d12304ab40aacb519fcbc93']

    Raises:
        ValueError: No key, or a value that is neither a key (``sk-or-...``) nor a 64-hex hash;
            the message shows its position, never the value.
    """
    if not isinstance(keys, (str, SecretStr, Sequence)):
        raise TypeError(
            f"keys must be a key, a key hash or a list of them, got {type(keys).__name__}"
        )
    items = [keys] if isinstance(keys, (str, SecretStr)) else list(keys)
    if not items:
        raise ValueError("keys: give at least one API key or key hash")
    return [
        key_hash(item.get_secret_value() if isinstance(item, SecretStr) else item, f"keys[{i}]")
        for i, item in enumerate(items)
    ]


def _member_user_ids(members: Members) -> list[str]:
    """``member_user_ids`` of the request, checked (pure).

    Raises:
        ValueError: No id, or an empty one.
    """
    if not isinstance(members, (str, Sequence)):
        raise TypeError(
            f"member_user_ids must be a user id or a list of them, got {type(members).__name__}"
        )
    items = [members] if isinstance(members, str) else list(members)
    if not items:
        raise ValueError("member_user_ids: give at least one user id (user_...)")
    for i, item in enumerate(items):
        check_text(item, f"member_user_ids[{i}]", example="'user_...'")
        if item is None:
            raise TypeError(f"member_user_ids[{i}] must be a user id such as 'user_...'")
    return items


def _keys_call(guardrail_id: str, keys: Keys) -> dict[str, Any]:
    return {
        "path_params": {"guardrail_id": guardrail_id},
        "json": {"key_hashes": _key_hashes(keys)},
    }


def _members_call(guardrail_id: str, members: Members) -> dict[str, Any]:
    return {
        "path_params": {"guardrail_id": guardrail_id},
        "json": {"member_user_ids": _member_user_ids(members)},
    }


def assign_guardrail_keys(
    guardrail_id: str,
    keys: Keys,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> AssignmentResult:
    """Apply a guardrail to API keys. A key holds one guardrail: this replaces its previous one.

    OpenRouter route: ``POST /guardrails/{id}/assignments/keys`` with ``{"key_hashes": [...]}``
    (§11.2), management key. The seed list's ``POST /guardrails/{id}/keys`` with keys maps to
    it: a full key (``sk-or-...``) is hashed locally (SHA-256 hex) and only the hash is sent.

    Args:
        guardrail_id: The guardrail's ``id``.
        keys: One key or hash, or a list of them (``str`` or ``SecretStr``).
        api_key: A management key; default ``OPENROUTER_PROVISIONING_KEY``, then
            ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        :class:`~langchain_openrouter.types.AssignmentResult` (``assigned_count``).

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        ValueError: No key, or a value that is neither a key nor a hash (nothing is sent).
        NotFoundError: No such guardrail or key (404).
        PermissionDeniedError: The key is not a management key (403).

    Example:
        .. code-block:: python

            from langchain_openrouter import assign_guardrail_keys

            assign_guardrail_keys(guardrail_id, [intern_key, "c56454edb818d6b1..."])
    """
    kw = _keys_call(guardrail_id, keys)
    return call(ASSIGN_KEYS, api_key=api_key, base_url=base_url, client=client, **kw)


async def aassign_guardrail_keys(
    guardrail_id: str,
    keys: Keys,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> AssignmentResult:
    """Async :func:`assign_guardrail_keys`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            await aassign_guardrail_keys(guardrail_id, intern_key)
    """
    kw = _keys_call(guardrail_id, keys)
    return await acall(ASSIGN_KEYS, api_key=api_key, base_url=base_url, client=client, **kw)


def unassign_guardrail_keys(
    guardrail_id: str,
    keys: Keys,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> UnassignmentResult:
    """Take a guardrail off API keys (keys it was not on are skipped).

    OpenRouter route: ``POST /guardrails/{id}/assignments/keys/remove`` (§11.2), management
    key; keys as in :func:`assign_guardrail_keys`.

    Args:
        guardrail_id: The guardrail's ``id``.
        keys: One key or hash, or a list of them; full keys are hashed locally.
        api_key: A management key; default ``OPENROUTER_PROVISIONING_KEY``, then
            ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        :class:`~langchain_openrouter.types.UnassignmentResult` (``unassigned_count``).

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        ValueError: No key, or a value that is neither a key nor a hash (nothing is sent).
        NotFoundError: No such guardrail (404).

    Example:
        .. code-block:: python

            from langchain_openrouter import unassign_guardrail_keys

            print(unassign_guardrail_keys(guardrail_id, intern_key).unassigned_count)
    """
    kw = _keys_call(guardrail_id, keys)
    return call(UNASSIGN_KEYS, api_key=api_key, base_url=base_url, client=client, **kw)


async def aunassign_guardrail_keys(
    guardrail_id: str,
    keys: Keys,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> UnassignmentResult:
    """Async :func:`unassign_guardrail_keys`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            await aunassign_guardrail_keys(guardrail_id, intern_key)
    """
    kw = _keys_call(guardrail_id, keys)
    return await acall(UNASSIGN_KEYS, api_key=api_key, base_url=base_url, client=client, **kw)


def assign_guardrail_members(
    guardrail_id: str,
    member_user_ids: Members,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> AssignmentResult:
    """Apply a guardrail to organisation members.

    OpenRouter route: ``POST /guardrails/{id}/assignments/members`` with
    ``{"member_user_ids": [...]}`` (§11.2), management key; the seed list's
    ``POST /guardrails/{id}/members`` maps to it.

    Args:
        guardrail_id: The guardrail's ``id``.
        member_user_ids: One user id (``"user_..."``) or a list of them.
        api_key: A management key; default ``OPENROUTER_PROVISIONING_KEY``, then
            ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        :class:`~langchain_openrouter.types.AssignmentResult` (``assigned_count``).

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        ValueError: No id or an empty one (nothing is sent).
        NotFoundError: No such guardrail (404).

    Example:
        .. code-block:: python

            from langchain_openrouter import assign_guardrail_members

            assign_guardrail_members(guardrail_id, ["user_abc123"])
    """
    kw = _members_call(guardrail_id, member_user_ids)
    return call(ASSIGN_MEMBERS, api_key=api_key, base_url=base_url, client=client, **kw)


async def aassign_guardrail_members(
    guardrail_id: str,
    member_user_ids: Members,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> AssignmentResult:
    """Async :func:`assign_guardrail_members`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            await aassign_guardrail_members(guardrail_id, "user_abc123")
    """
    kw = _members_call(guardrail_id, member_user_ids)
    return await acall(ASSIGN_MEMBERS, api_key=api_key, base_url=base_url, client=client, **kw)


def unassign_guardrail_members(
    guardrail_id: str,
    member_user_ids: Members,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> UnassignmentResult:
    """Take a guardrail off organisation members (members it was not on are skipped).

    OpenRouter route: ``POST /guardrails/{id}/assignments/members/remove`` (§11.2),
    management key.

    Args:
        guardrail_id: The guardrail's ``id``.
        member_user_ids: One user id or a list of them.
        api_key: A management key; default ``OPENROUTER_PROVISIONING_KEY``, then
            ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        :class:`~langchain_openrouter.types.UnassignmentResult` (``unassigned_count``).

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        ValueError: No id or an empty one (nothing is sent).
        NotFoundError: No such guardrail (404).

    Example:
        .. code-block:: python

            from langchain_openrouter import unassign_guardrail_members

            unassign_guardrail_members(guardrail_id, "user_abc123")
    """
    kw = _members_call(guardrail_id, member_user_ids)
    return call(UNASSIGN_MEMBERS, api_key=api_key, base_url=base_url, client=client, **kw)


async def aunassign_guardrail_members(
    guardrail_id: str,
    member_user_ids: Members,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> UnassignmentResult:
    """Async :func:`unassign_guardrail_members`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            await aunassign_guardrail_members(guardrail_id, "user_abc123")
    """
    kw = _members_call(guardrail_id, member_user_ids)
    return await acall(UNASSIGN_MEMBERS, api_key=api_key, base_url=base_url, client=client, **kw)


def _listing(guardrail_id: str | None, offset: int | None, limit: int | None) -> dict[str, Any]:
    params = _page_params(offset, limit)
    if check_text(guardrail_id, "guardrail_id") is None:
        return {"params": params}
    return {"params": params, "path_params": {"guardrail_id": guardrail_id}}


def list_guardrail_key_assignments(
    guardrail_id: str | None = None,
    *,
    offset: int | None = None,
    limit: int | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> Page[GuardrailKeyAssignment]:
    """One page of key assignments: of one guardrail, or of the whole account.

    OpenRouter routes: ``GET /guardrails/{id}/assignments/keys``, and
    ``GET /guardrails/assignments/keys`` when ``guardrail_id`` is ``None`` (§11.2), management
    key.

    Args:
        guardrail_id: The guardrail's ``id``; ``None`` for every guardrail.
        offset: Assignments to skip (>= 0).
        limit: Page size, 1-100 (OpenRouter's default 50).
        api_key: A management key; default ``OPENROUTER_PROVISIONING_KEY``, then
            ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        :class:`~langchain_openrouter.types.Page` of
        :class:`~langchain_openrouter.types.GuardrailKeyAssignment`.

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        ValueError: ``offset``/``limit`` out of range (nothing is sent).
        NotFoundError: No such guardrail (404).

    Example:
        .. code-block:: python

            from langchain_openrouter import list_guardrail_key_assignments

            for a in list_guardrail_key_assignments(guardrail_id).data:
                print(a.key_name, a.key_hash)
    """
    endpoint = ALL_KEY_ASSIGNMENTS if guardrail_id is None else KEY_ASSIGNMENTS
    kw = _listing(guardrail_id, offset, limit)
    return call(endpoint, api_key=api_key, base_url=base_url, client=client, **kw)


async def alist_guardrail_key_assignments(
    guardrail_id: str | None = None,
    *,
    offset: int | None = None,
    limit: int | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> Page[GuardrailKeyAssignment]:
    """Async :func:`list_guardrail_key_assignments`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            page = await alist_guardrail_key_assignments()
    """
    endpoint = ALL_KEY_ASSIGNMENTS if guardrail_id is None else KEY_ASSIGNMENTS
    kw = _listing(guardrail_id, offset, limit)
    return await acall(endpoint, api_key=api_key, base_url=base_url, client=client, **kw)


def list_guardrail_member_assignments(
    guardrail_id: str | None = None,
    *,
    offset: int | None = None,
    limit: int | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> Page[GuardrailMemberAssignment]:
    """One page of member assignments: of one guardrail, or of the whole account.

    OpenRouter routes: ``GET /guardrails/{id}/assignments/members``, and
    ``GET /guardrails/assignments/members`` when ``guardrail_id`` is ``None`` (§11.2),
    management key.

    Args:
        guardrail_id: The guardrail's ``id``; ``None`` for every guardrail.
        offset: Assignments to skip (>= 0).
        limit: Page size, 1-100 (OpenRouter's default 50).
        api_key: A management key; default ``OPENROUTER_PROVISIONING_KEY``, then
            ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        :class:`~langchain_openrouter.types.Page` of
        :class:`~langchain_openrouter.types.GuardrailMemberAssignment`.

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        ValueError: ``offset``/``limit`` out of range (nothing is sent).
        NotFoundError: No such guardrail (404).

    Example:
        .. code-block:: python

            from langchain_openrouter import list_guardrail_member_assignments

            users = [a.user_id for a in list_guardrail_member_assignments(guardrail_id).data]
    """
    endpoint = ALL_MEMBER_ASSIGNMENTS if guardrail_id is None else MEMBER_ASSIGNMENTS
    kw = _listing(guardrail_id, offset, limit)
    return call(endpoint, api_key=api_key, base_url=base_url, client=client, **kw)


async def alist_guardrail_member_assignments(
    guardrail_id: str | None = None,
    *,
    offset: int | None = None,
    limit: int | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> Page[GuardrailMemberAssignment]:
    """Async :func:`list_guardrail_member_assignments`; ``client`` is an httpx.AsyncClient.

    Example:
        .. code-block:: python

            page = await alist_guardrail_member_assignments(guardrail_id, limit=10)
    """
    endpoint = ALL_MEMBER_ASSIGNMENTS if guardrail_id is None else MEMBER_ASSIGNMENTS
    kw = _listing(guardrail_id, offset, limit)
    return await acall(endpoint, api_key=api_key, base_url=base_url, client=client, **kw)

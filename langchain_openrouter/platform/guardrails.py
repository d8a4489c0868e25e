"""Guardrails: list, get, create, update and delete, sync and async (management key).

OpenRouter routes: ``/guardrails`` and ``/guardrails/{id}`` (``openrouter-api.md`` §11). The
seed list's ``rules`` object does not exist on the wire: a guardrail's policy is a set of flat
fields, and :class:`~langchain_openrouter.types.GuardrailRules` maps the seed names to them
(and checks every value) before anything is sent. Assignments to keys and members are in
:mod:`langchain_openrouter.platform.guardrail_assignments`.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

import httpx
from pydantic import SecretStr, ValidationError
from pydantic_core import ErrorDetails

from langchain_openrouter._checks import check_int, check_text
from langchain_openrouter.platform._endpoint import Endpoint, acall, call, check_offset
from langchain_openrouter.types import DeleteResult, Guardrail, GuardrailRules, Page

__all__ = [
    "acreate_guardrail",
    "adelete_guardrail",
    "aget_guardrail",
    "alist_guardrails",
    "aupdate_guardrail",
    "create_guardrail",
    "delete_guardrail",
    "get_guardrail",
    "list_guardrails",
    "update_guardrail",
]

LIST_GUARDRAILS: Endpoint[Page[Guardrail]] = Endpoint(
    "GET", "/guardrails", key="management", result=Page[Guardrail], unwrap=None
)
CREATE_GUARDRAIL: Endpoint[Guardrail] = Endpoint(
    "POST", "/guardrails", key="management", result=Guardrail
)
_NO_SUCH_GUARDRAIL = ((404, "no guardrail has that id: deleted already? see list_guardrails()"),)
GET_GUARDRAIL: Endpoint[Guardrail] = Endpoint(
    "GET", "/guardrails/{guardrail_id}", "management", Guardrail, hints=_NO_SUCH_GUARDRAIL
)
UPDATE_GUARDRAIL: Endpoint[Guardrail] = Endpoint(
    "PATCH", "/guardrails/{guardrail_id}", "management", Guardrail, hints=_NO_SUCH_GUARDRAIL
)
DELETE_GUARDRAIL: Endpoint[DeleteResult] = Endpoint(
    "DELETE",
    "/guardrails/{guardrail_id}",
    "management",
    DeleteResult,
    unwrap=None,
    hints=_NO_SUCH_GUARDRAIL,
)

Rules = GuardrailRules | Mapping[str, Any] | None

_MAX_NAME = 200
_MAX_DESCRIPTION = 1000
_MAX_PAGE = 100


def _page_params(offset: int | None, limit: int | None) -> dict[str, Any]:
    """``offset``/``limit`` query values of the guardrail listings, checked (pure).

    Raises:
        TypeError: ``offset`` or ``limit`` is not an int.
        ValueError: ``offset`` below 0 or ``limit`` outside 1-100.
    """
    if offset is not None:
        check_offset(offset)
    if limit is not None:
        check_int(limit, "limit", low=1, high=_MAX_PAGE)
    return {"offset": offset, "limit": limit}


_SEED_NAMES = (
    "max_daily_spend",
    "max_weekly_spend",
    "max_monthly_spend",
    "blocked_models",
    "blocked_providers",
    "require_zdr",
)


def _problem(error: ErrorDetails) -> str:
    """One validation problem as ``rules.<field>: <what is wrong>``."""
    # A ValueError raised by our own checks reads better without pydantic's "Value error, ".
    what = str(error.get("ctx", {}).get("error") or error["msg"])
    if not error["loc"]:
        return what
    where = "rules." + ".".join(str(part) for part in error["loc"])
    if error["type"] == "extra_forbidden":
        known = sorted([*GuardrailRules.model_fields, *_SEED_NAMES])
        close = difflib.get_close_matches(str(error["loc"][-1]), known, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        return f"{where}: unknown rule{hint}; known rules are {', '.join(known)}"
    return f"{where}: {what}"


def _rules(rules: Rules) -> dict[str, Any]:
    if rules is None:
        return {}
    if isinstance(rules, GuardrailRules):
        return rules.to_wire()
    if not isinstance(rules, Mapping):
        raise TypeError(f"rules must be a GuardrailRules or a mapping, got {type(rules).__name__}")
    try:
        return GuardrailRules.model_validate(dict(rules)).to_wire()
    except ValidationError as error:
        problems = "; ".join(_problem(e) for e in error.errors())
        raise ValueError(f"invalid guardrail rules: {problems}") from None


def _text(name: str, value: str | None, maximum: int, *, empty: bool) -> dict[str, Any]:
    if value is None:
        return {}
    least = 0 if empty else 1
    if not isinstance(value, str):
        raise TypeError(
            f"{name} must be a str of {least} to {maximum} characters, got {type(value).__name__}"
        )
    if len(value) > maximum or (not empty and not value.strip()):
        raise ValueError(f"{name} must be a string of {least} to {maximum} characters")
    return {name: value}


def _create_body(
    name: str, description: str | None, rules: Rules, workspace_id: str | None
) -> dict[str, Any]:
    """The ``POST /guardrails`` body, checked before sending (pure).

    Example:
        >>> _create_body("ci", None, {"max_weekly_spend": 3}, None)
        {'name': 'ci', 'limit_usd': 3.0, 'reset_interval': 'weekly'}
    """
    if name is None:
        raise TypeError("name must be a str of 1 to 200 characters, got NoneType")
    body = {
        **_text("name", name, _MAX_NAME, empty=False),
        **_text("description", description, _MAX_DESCRIPTION, empty=True),
        **_rules(rules),
    }
    if workspace_id is not None:
        body["workspace_id"] = check_text(workspace_id, "workspace_id")
    return body


def _update_body(name: str | None, description: str | None, rules: Rules) -> dict[str, Any]:
    """The ``PATCH /guardrails/{id}`` body: only what changes (pure).

    Raises:
        ValueError: Nothing to change, or a value is invalid.
    """
    body = {
        **_text("name", name, _MAX_NAME, empty=False),
        **_text("description", description, _MAX_DESCRIPTION, empty=True),
        **_rules(rules),
    }
    if not body:
        raise ValueError("update_guardrail needs a name, a description or rules to change")
    return body


def list_guardrails(
    *,
    offset: int | None = None,
    limit: int | None = None,
    workspace_id: str | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> Page[Guardrail]:
    """One page of the account's guardrails.

    OpenRouter route: ``GET /guardrails`` (§11.2), management key.

    Args:
        offset: Guardrails to skip (>= 0); OpenRouter's default 0.
        limit: Page size, 1-100; OpenRouter's default 50.
        workspace_id: Only this workspace's guardrails.
        api_key: A management key; default ``OPENROUTER_PROVISIONING_KEY``, then
            ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        :class:`~langchain_openrouter.types.Page` of
        :class:`~langchain_openrouter.types.Guardrail` (``data`` and ``total_count``).

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        ValueError: ``offset``/``limit`` out of range (nothing is sent).
        MissingAPIKeyError: No key given or in the environment (nothing is sent).
        PermissionDeniedError: The key is not a management key (403).

    Example:
        .. code-block:: python

            from langchain_openrouter import list_guardrails

            page = list_guardrails(limit=100)
            print(page.total_count, [g.name for g in page.data])
    """
    params = {
        **_page_params(offset, limit),
        "workspace_id": check_text(workspace_id, "workspace_id"),
    }
    return call(LIST_GUARDRAILS, api_key=api_key, base_url=base_url, client=client, params=params)


async def alist_guardrails(
    *,
    offset: int | None = None,
    limit: int | None = None,
    workspace_id: str | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> Page[Guardrail]:
    """Async :func:`list_guardrails`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            page = await alist_guardrails()
    """
    params = {
        **_page_params(offset, limit),
        "workspace_id": check_text(workspace_id, "workspace_id"),
    }
    return await acall(
        LIST_GUARDRAILS, api_key=api_key, base_url=base_url, client=client, params=params
    )


def get_guardrail(
    guardrail_id: str,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> Guardrail:
    """One guardrail by id.

    OpenRouter route: ``GET /guardrails/{id}`` (§11.2), management key.

    Args:
        guardrail_id: The guardrail's ``id``.
        api_key: A management key; default ``OPENROUTER_PROVISIONING_KEY``, then
            ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        The :class:`~langchain_openrouter.types.Guardrail`.

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        ValueError: ``guardrail_id`` is empty (nothing is sent).
        NotFoundError: No such guardrail (404).
        PermissionDeniedError: The key is not a management key (403).

    Example:
        .. code-block:: python

            from langchain_openrouter import get_guardrail

            guardrail = get_guardrail("550e8400-e29b-41d4-a716-446655440000")
            print(guardrail.name, guardrail.limit_usd, guardrail.reset_interval)
    """
    return call(
        GET_GUARDRAIL,
        api_key=api_key,
        base_url=base_url,
        client=client,
        path_params={"guardrail_id": guardrail_id},
    )


async def aget_guardrail(
    guardrail_id: str,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> Guardrail:
    """Async :func:`get_guardrail`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            guardrail = await aget_guardrail(guardrail_id)
    """
    return await acall(
        GET_GUARDRAIL,
        api_key=api_key,
        base_url=base_url,
        client=client,
        path_params={"guardrail_id": guardrail_id},
    )


def create_guardrail(
    name: str,
    *,
    description: str | None = None,
    rules: Rules = None,
    workspace_id: str | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> Guardrail:
    """Create a guardrail; it applies once assigned to keys or members.

    Assign it with :func:`~langchain_openrouter.platform.assign_guardrail_keys` or
    :func:`~langchain_openrouter.platform.assign_guardrail_members`.
    OpenRouter route: ``POST /guardrails`` (§11.2), management key; OpenRouter answers 201.
    The seed list's ``rules`` object is not on the wire: ``rules`` takes OpenRouter's flat
    fields (``limit_usd``, ``reset_interval``, ``allowed_models``, ``ignored_models``,
    ``allowed_providers``, ``ignored_providers``, ``enforce_zdr_*``, content filters ...) and
    the seed names, mapped as :class:`~langchain_openrouter.types.GuardrailRules` documents:
    ``max_daily_spend``/``max_weekly_spend``/``max_monthly_spend`` become ``limit_usd`` with
    ``reset_interval`` ``daily``/``weekly``/``monthly``, ``blocked_models`` and
    ``blocked_providers`` become ``ignored_models`` and ``ignored_providers``, and
    ``require_zdr`` sets all five ``enforce_zdr_*`` flags.

    Args:
        name: 1-200 characters.
        description: Up to 1000 characters.
        rules: A :class:`~langchain_openrouter.types.GuardrailRules` or a mapping of rules;
            spend limits are USD.
        workspace_id: The workspace to create it in; default the key's.
        api_key: A management key; default ``OPENROUTER_PROVISIONING_KEY``, then
            ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        The new :class:`~langchain_openrouter.types.Guardrail` (models as canonical slugs).

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        ValueError: An unknown rule or a wrong value; the message names it (nothing is sent).
        MissingAPIKeyError: No key given or in the environment (nothing is sent).
        PermissionDeniedError: The key is not a management key (403).
        BadRequestError: OpenRouter refused a value (400).

    Example:
        .. code-block:: python

            from langchain_openrouter import create_guardrail

            guardrail = create_guardrail(
                "interns",
                rules={"max_daily_spend": 5, "blocked_models": ["openai/gpt-4o"]},
            )
            print(guardrail.id, guardrail.limit_usd, guardrail.reset_interval)
    """
    body = _create_body(name, description, rules, workspace_id)
    return call(CREATE_GUARDRAIL, api_key=api_key, base_url=base_url, client=client, json=body)


async def acreate_guardrail(
    name: str,
    *,
    description: str | None = None,
    rules: Rules = None,
    workspace_id: str | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> Guardrail:
    """Async :func:`create_guardrail`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            guardrail = await acreate_guardrail("ci", rules={"require_zdr": True})
    """
    body = _create_body(name, description, rules, workspace_id)
    return await acall(
        CREATE_GUARDRAIL, api_key=api_key, base_url=base_url, client=client, json=body
    )


def update_guardrail(
    guardrail_id: str,
    *,
    name: str | None = None,
    description: str | None = None,
    rules: Rules = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> Guardrail:
    """Change a guardrail: only what is given is sent.

    OpenRouter route: ``PATCH /guardrails/{id}`` (§11.2), management key. A list given in
    ``rules`` replaces the stored list. ``rules`` maps the seed list's names as
    :func:`create_guardrail` does.

    Args:
        guardrail_id: The guardrail's ``id``.
        name: A new name, 1-200 characters.
        description: A new description, up to 1000 characters (``""`` clears it).
        rules: Rules to change (a :class:`~langchain_openrouter.types.GuardrailRules` or a
            mapping); a rule set to ``None`` is cleared.
        api_key: A management key; default ``OPENROUTER_PROVISIONING_KEY``, then
            ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        The updated :class:`~langchain_openrouter.types.Guardrail`.

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        ValueError: Nothing to change, an unknown rule or a wrong value (nothing is sent).
        NotFoundError: No such guardrail (404).
        PermissionDeniedError: The key is not a management key (403).

    Example:
        .. code-block:: python

            from langchain_openrouter import update_guardrail

            update_guardrail(guardrail_id, rules={"allowed_providers": ["openai", "anthropic"]})
    """
    body = _update_body(name, description, rules)
    return call(
        UPDATE_GUARDRAIL,
        api_key=api_key,
        base_url=base_url,
        client=client,
        path_params={"guardrail_id": guardrail_id},
        json=body,
    )


async def aupdate_guardrail(
    guardrail_id: str,
    *,
    name: str | None = None,
    description: str | None = None,
    rules: Rules = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> Guardrail:
    """Async :func:`update_guardrail`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            await aupdate_guardrail(guardrail_id, name="renamed")
    """
    body = _update_body(name, description, rules)
    return await acall(
        UPDATE_GUARDRAIL,
        api_key=api_key,
        base_url=base_url,
        client=client,
        path_params={"guardrail_id": guardrail_id},
        json=body,
    )


def delete_guardrail(
    guardrail_id: str,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> DeleteResult:
    """Delete a guardrail (its assignments go with it).

    OpenRouter route: ``DELETE /guardrails/{id}`` (§11.2), management key.

    Args:
        guardrail_id: The guardrail's ``id``.
        api_key: A management key; default ``OPENROUTER_PROVISIONING_KEY``, then
            ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        :class:`~langchain_openrouter.types.DeleteResult` (``deleted`` is ``True``).

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        NotFoundError: No such guardrail (404).
        PermissionDeniedError: The key is not a management key (403).

    Example:
        .. code-block:: python

            from langchain_openrouter import delete_guardrail

            assert delete_guardrail(guardrail_id).deleted
    """
    return call(
        DELETE_GUARDRAIL,
        api_key=api_key,
        base_url=base_url,
        client=client,
        path_params={"guardrail_id": guardrail_id},
    )


async def adelete_guardrail(
    guardrail_id: str,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> DeleteResult:
    """Async :func:`delete_guardrail`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            await adelete_guardrail(guardrail_id)
    """
    return await acall(
        DELETE_GUARDRAIL,
        api_key=api_key,
        base_url=base_url,
        client=client,
        path_params={"guardrail_id": guardrail_id},
    )

"""The account's credits: ``get_credits()`` / ``aget_credits()`` (``GET /credits``)."""

from __future__ import annotations

import httpx
from pydantic import SecretStr

from langchain_openrouter.platform._endpoint import Endpoint, acall, call
from langchain_openrouter.types import Credits

__all__ = ["aget_credits", "get_credits"]

CREDITS: Endpoint[Credits] = Endpoint("GET", "/credits", key="management", result=Credits)


def get_credits(
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> Credits:
    """Credits bought and spent by the account, in USD.

    OpenRouter route: ``GET /credits`` (``openrouter-api.md`` §8.3), which takes a management
    key. The seed list's ``credits`` and daily/weekly/monthly ``usage`` do not exist on the live
    route; the balance is ``total_credits - total_usage`` (:attr:`Credits.balance`), and the
    per-period spend of one key is on ``GET /key``.

    Args:
        api_key: A management key; default ``OPENROUTER_PROVISIONING_KEY``, then
            ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        ``Credits`` with ``total_credits`` and ``total_usage`` (float USD) and ``balance``.

    Raises:
        MissingAPIKeyError: No key given or in the environment (nothing is sent).
        PermissionDeniedError: The key is not a management key (403).
        AuthenticationError: The key is unknown or disabled (401).

    Example:
        .. code-block:: python

            from langchain_openrouter import get_credits

            credits = get_credits()
            print(f"{credits.balance:.2f} USD left")
    """
    return call(CREDITS, api_key=api_key, base_url=base_url, client=client)


async def aget_credits(
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> Credits:
    """Async :func:`get_credits`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            credits = await aget_credits()
    """
    return await acall(CREDITS, api_key=api_key, base_url=base_url, client=client)

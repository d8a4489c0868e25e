"""The account's credits and buying them, sync and async.

``get_credits()`` reads ``GET /credits``; ``create_coinbase_charge()`` sends
``POST /credits/coinbase``, which OpenRouter has removed (it answers 410).
"""

from __future__ import annotations

import re
from typing import Any

import httpx
from pydantic import SecretStr

from langchain_openrouter.platform._endpoint import Endpoint, acall, call
from langchain_openrouter.types import CoinbaseCharge, Credits

__all__ = ["acreate_coinbase_charge", "aget_credits", "create_coinbase_charge", "get_credits"]

CREDITS: Endpoint[Credits] = Endpoint("GET", "/credits", key="management", result=Credits)
COINBASE_CHARGE: Endpoint[CoinbaseCharge] = Endpoint(
    "POST", "/credits/coinbase", key="management", result=CoinbaseCharge
)

# Ethereum, Polygon and Base: the chains the route accepted (openrouter-api.md §8.4).
COINBASE_CHAINS = (1, 137, 8453)
_WALLET = re.compile(r"0x[0-9a-fA-F]{40}")


def _coinbase_body(amount: float, sender: str, chain_id: int) -> dict[str, Any]:
    """The historical ``POST /credits/coinbase`` body, checked (pure)."""
    if isinstance(amount, bool) or not isinstance(amount, (int, float)):
        raise TypeError(f"amount must be a positive number of USD, got {amount!r}")
    if not amount > 0:
        raise ValueError(f"amount must be a positive number of USD, got {amount!r}")
    if not isinstance(sender, str):
        raise TypeError(
            f"sender must be a wallet address '0x' + 40 hex digits, got {type(sender).__name__}"
        )
    if not _WALLET.fullmatch(sender):
        raise ValueError(f"sender must be a wallet address '0x' + 40 hex digits, got {sender!r}")
    if isinstance(chain_id, bool) or not isinstance(chain_id, int):
        raise TypeError(
            f"chain_id must be the int 1 (Ethereum), 137 (Polygon) or 8453 (Base), got {chain_id!r}"
        )
    if chain_id not in COINBASE_CHAINS:
        raise ValueError(
            f"chain_id must be 1 (Ethereum), 137 (Polygon) or 8453 (Base), got {chain_id!r}"
        )
    return {"amount": amount, "sender": sender, "chain_id": chain_id}


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
        TypeError: An argument of the wrong type (nothing is sent).
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


def create_coinbase_charge(
    amount: float,
    sender: str,
    chain_id: int,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> CoinbaseCharge:
    """Ask for a Coinbase Commerce charge to buy credits with crypto: OpenRouter refuses (410).

    OpenRouter route: ``POST /credits/coinbase`` (§8.4), with a management key. OpenRouter
    removed the Coinbase credits API: the route now always answers ``410 Gone``. This function
    still sends the documented body, so that it works again should the route come back, and
    raises the 410 as an :class:`~langchain_openrouter.errors.APIStatusError` (``status_code``
    410) carrying OpenRouter's message. Buy credits at https://openrouter.ai/settings/credits.

    Args:
        amount: USD to buy (> 0).
        sender: The paying wallet address, ``"0x"`` and 40 hex digits.
        chain_id: ``1`` (Ethereum), ``137`` (Polygon) or ``8453`` (Base).
        api_key: A management key; default ``OPENROUTER_PROVISIONING_KEY``, then
            ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        The charge, :class:`~langchain_openrouter.types.CoinbaseCharge` (historical shape;
        OpenRouter no longer creates one).

    Raises:
        APIStatusError: 410: the route is gone (``err.status_code == 410``, ``err.message`` is
            OpenRouter's explanation).
        TypeError: ``amount`` is not a number (nothing is sent).
        ValueError: A bad amount, wallet address or chain (nothing is sent).
        MissingAPIKeyError: No key given or in the environment (nothing is sent).

    Example:
        .. code-block:: python

            from langchain_openrouter import create_coinbase_charge
            from langchain_openrouter.errors import APIStatusError

            try:
                create_coinbase_charge(10.0, "0x" + "ab" * 20, 8453)
            except APIStatusError as err:
                print(err.status_code, err.message)  # 410: buy credits on the website
    """
    body = _coinbase_body(amount, sender, chain_id)
    return call(COINBASE_CHARGE, api_key=api_key, base_url=base_url, client=client, json=body)


async def acreate_coinbase_charge(
    amount: float,
    sender: str,
    chain_id: int,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> CoinbaseCharge:
    """Async :func:`create_coinbase_charge`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            await acreate_coinbase_charge(10.0, wallet, 8453)  # raises APIStatusError (410)
    """
    body = _coinbase_body(amount, sender, chain_id)
    return await acall(
        COINBASE_CHARGE, api_key=api_key, base_url=base_url, client=client, json=body
    )

"""``login()`` / ``alogin()``: the whole PKCE flow (``openrouter-api.md`` §12) for a script.

A one-shot callback server listens on ``127.0.0.1``; the browser opens OpenRouter's consent
page; when the user approves, OpenRouter redirects to the server with a code, which is checked
(``state``) and exchanged for a new key. Sync and async share everything but the waiting and
the exchange call.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
import sys
import webbrowser
from collections.abc import Callable, Mapping
from datetime import datetime
from types import TracebackType
from typing import Any
from urllib.parse import urlencode

import httpx
from pydantic import SecretStr
from typing_extensions import Self

from langchain_openrouter.errors import (
    LoginDeniedError,
    LoginError,
    LoginStateError,
    LoginTimeoutError,
)
from langchain_openrouter.platform._callback import CallbackServer
from langchain_openrouter.platform.auth import (
    PKCEMethod,
    aexchange_code_for_api_key,
    build_authorization_url,
    create_pkce_pair,
    exchange_code_for_api_key,
)

__all__ = ["alogin", "login"]

CALLBACK_HOST = "127.0.0.1"
CALLBACK_PATH = "/callback"
DEFAULT_PORT = 3000
DEFAULT_TIMEOUT = 300.0

BrowserOpener = Callable[[str], Any]
"""Opens a URL for the user; returning ``False`` means no browser could (``webbrowser.open``)."""


class _Flow:
    """One login: the PKCE pair, the ``state``, the callback server and the URL to open."""

    def __init__(
        self,
        *,
        port: int,
        timeout: float,
        method: PKCEMethod,
        key_label: str | None,
        limit: float | None,
        expires_at: datetime | None,
        base_url: str | None,
    ) -> None:
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
            raise TypeError(f"timeout must be a number of seconds, got {type(timeout).__name__}")
        if isinstance(port, bool) or not isinstance(port, int):
            raise TypeError(f"port must be an int (0 for any free port), got {type(port).__name__}")
        if not timeout > 0:
            raise ValueError(f"timeout must be > 0 seconds, got {timeout!r}")
        if isinstance(port, bool) or not 0 <= port <= 65535:
            raise ValueError(f"port must be 0 (any free port) to 65535, got {port!r}")
        self.timeout = timeout
        self.pair = create_pkce_pair(method)
        self._state = secrets.token_urlsafe(24)
        self.server = CallbackServer(CALLBACK_HOST, port, CALLBACK_PATH, self._judge)
        try:
            callback = (
                f"http://{CALLBACK_HOST}:{self.server.port}{CALLBACK_PATH}"
                f"?{urlencode({'state': self._state})}"
            )
            self.url = build_authorization_url(
                callback,
                self.pair.challenge,
                self.pair.method,
                limit=limit,
                expires_at=expires_at,
                key_label=key_label,
                base_url=base_url,
            )
        except BaseException:
            self.server.close()
            raise
        self.server.start()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.server.close()

    def _judge(self, query: Mapping[str, str]) -> str:
        """The code of a callback, or the login error it stands for."""
        if not hmac.compare_digest(query.get("state", ""), self._state):
            raise LoginStateError(
                "The login callback's state does not match the one sent: the answer is not "
                "from this login (a stale tab or a forged redirect); run login() again"
            )
        if "error" in query:
            raise LoginDeniedError(
                f"The authorization was refused on OpenRouter's page ({query['error']})",
                error=query["error"],
            )
        code = query.get("code", "")
        if not code:
            raise LoginError("The login callback came without a code; run login() again")
        return code

    def announce(self, open_browser: BrowserOpener | None) -> None:
        """Print the URL and open it (``webbrowser.open`` unless another opener is given)."""
        print(f"Open this page to authorize the app on OpenRouter:\n  {self.url}", file=sys.stderr)
        opened = (open_browser or webbrowser.open)(self.url)
        if opened is False:
            print("No browser could be opened: open the page above yourself.", file=sys.stderr)

    def code(self, code: str | None) -> str:
        """The code :meth:`CallbackServer.wait` gave, or the timeout error."""
        if code is None:
            raise LoginTimeoutError(
                f"No answer from OpenRouter's page within {self.timeout:g} s; run login() "
                "again (with a larger timeout=) and approve the app in the browser"
            )
        return code


def login(
    *,
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    method: PKCEMethod = "S256",
    key_label: str | None = None,
    limit: float | None = None,
    expires_at: datetime | None = None,
    open_browser: BrowserOpener | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> SecretStr:
    """Get an OpenRouter key of the user's own through the browser (PKCE), for scripts.

    Listens on ``http://127.0.0.1:<port>/callback`` (one request), prints and opens
    OpenRouter's consent page (``<site>/auth``, the site root of ``base_url``), waits for the
    redirect, checks its ``state`` (a random value sent in the callback URL), and exchanges the
    code with ``POST /auth/keys`` (§12). Works in notebooks: it blocks the cell, not a loop.

    Args:
        port: Callback port; OpenRouter accepts ``http://127.0.0.1`` on any port; ``0`` picks a
            free one.
        timeout: Seconds to wait for the user to approve.
        method: PKCE method, ``"S256"`` (recommended) or ``"plain"``.
        key_label: Name of the key to create (default: the app's name).
        limit: Credit limit (USD) offered for the key.
        expires_at: Expiry offered for the key, a timezone-aware ``datetime``.
        open_browser: Opens the URL; default :func:`webbrowser.open`. The URL is printed to
            stderr too, and a note when no browser opened (``open_browser`` returned ``False``).
        base_url: The API base URL; default ``OPENROUTER_API_BASE``, then
            ``OPENROUTER_BASE_URL``, else ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` for the exchange; used as is and never closed by us.

    Returns:
        The new key (``.get_secret_value()`` gives ``sk-or-v1-...``).

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        ValueError: A bad ``port``, ``timeout``, ``limit`` or ``expires_at`` (before listening).
        OSError: The port is taken.
        LoginTimeoutError: No callback within ``timeout`` seconds.
        LoginDeniedError: The user clicked Deny (the callback carried ``error=``).
        LoginStateError: The callback's ``state`` is not this login's.
        PermissionDeniedError: OpenRouter refused the exchange (expired or used code).

    Example:
        .. code-block:: python

            from langchain_openrouter import ChatOpenRouter, login

            key = login()  # opens the browser; approve, and the key comes back
            llm = ChatOpenRouter(model="openai/gpt-4o-mini", api_key=key)
    """
    _check_callables(open_browser, client, httpx.Client)
    with _Flow(
        port=port,
        timeout=timeout,
        method=method,
        key_label=key_label,
        limit=limit,
        expires_at=expires_at,
        base_url=base_url,
    ) as flow:
        flow.announce(open_browser)
        code = flow.code(flow.server.wait(flow.timeout))
    new = exchange_code_for_api_key(
        code, flow.pair.verifier, flow.pair.method, base_url=base_url, client=client
    )
    return new.key


def _check_callables(
    open_browser: Any, client: Any, expected: type[httpx.Client] | type[httpx.AsyncClient]
) -> None:
    """Arguments used only after the user's approval, checked before the browser opens."""
    if open_browser is not None and not callable(open_browser):
        raise TypeError(
            "open_browser must be a callable taking the URL (like webbrowser.open), got "
            f"{type(open_browser).__name__}"
        )
    if client is not None and not isinstance(client, expected):
        raise TypeError(
            f"client= takes an {expected.__module__}.{expected.__qualname__} here, not "
            f"{type(client).__module__}.{type(client).__qualname__}"
        )


async def alogin(
    *,
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    method: PKCEMethod = "S256",
    key_label: str | None = None,
    limit: float | None = None,
    expires_at: datetime | None = None,
    open_browser: BrowserOpener | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> SecretStr:
    """Async :func:`login`: the event loop keeps running while the user approves.

    ``open_browser`` and the wait run in a worker thread; ``client`` is an
    ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            key = await alogin(port=0, timeout=120)
    """
    _check_callables(open_browser, client, httpx.AsyncClient)
    with _Flow(
        port=port,
        timeout=timeout,
        method=method,
        key_label=key_label,
        limit=limit,
        expires_at=expires_at,
        base_url=base_url,
    ) as flow:
        await asyncio.to_thread(flow.announce, open_browser)
        code = flow.code(await asyncio.to_thread(flow.server.wait, flow.timeout))
    new = await aexchange_code_for_api_key(
        code, flow.pair.verifier, flow.pair.method, base_url=base_url, client=client
    )
    return new.key

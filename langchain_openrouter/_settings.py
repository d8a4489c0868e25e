"""Connection settings shared by every public class: one pydantic mixin, not three copies.

``ChatOpenRouter``, ``OpenRouterEmbeddings`` and ``OpenRouterModelRetriever`` inherit these
fields (with the 0.2.x aliases and environment variables) and the lazily created, cached
internal clients built from them.
"""

from __future__ import annotations

import asyncio
import warnings
import weakref
from collections.abc import Mapping
from typing import Any

import httpx
from langchain_core.utils import from_env, secret_from_env
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, SecretStr, field_validator

from langchain_openrouter._client import AsyncOpenRouterClient, OpenRouterClient
from langchain_openrouter._client.config import TimeoutLike

__all__ = ["OpenRouterSettings", "normalize_timeout"]

# 0.2.x took milliseconds; an integer this large is a millisecond value, not 17 minutes.
_MS_THRESHOLD = 1000


def normalize_timeout(value: Any) -> TimeoutLike:
    """Seconds (float), ``(connect, read)`` seconds, an ``httpx.Timeout``, or ``None``.

    An ``int`` of 1000 or more is read as milliseconds (the 0.2.x unit), with a
    ``DeprecationWarning``.

    Example:
        >>> normalize_timeout(30)
        30
    """
    if value is None or isinstance(value, httpx.Timeout):
        return value
    if isinstance(value, bool):
        raise ValueError("timeout must be seconds, a (connect, read) pair or an httpx.Timeout")
    if isinstance(value, int) and value >= _MS_THRESHOLD:
        warnings.warn(
            f"timeout={value} is read as milliseconds ({value / 1000:g} s), the unit of "
            "langchain-openrouter 0.2.x; pass seconds as a float instead "
            f"(timeout={value / 1000:g}).",
            DeprecationWarning,
            stacklevel=6,
        )
        return value / 1000
    if isinstance(value, (int, float)):
        if value <= 0:
            raise ValueError(f"timeout must be > 0 seconds, got {value!r}")
        return value
    if isinstance(value, (tuple, list)) and len(value) == 2:
        connect, read = float(value[0]), float(value[1])
        if connect <= 0 or read <= 0:
            raise ValueError(f"timeout seconds must be > 0, got {value!r}")
        return (connect, read)
    raise ValueError(
        f"timeout must be seconds, a (connect, read) pair or an httpx.Timeout, got {value!r}"
    )


class OpenRouterSettings(BaseModel):
    """Connection fields and the cached internal clients built from them."""

    model_config = ConfigDict(populate_by_name=True, arbitrary_types_allowed=True)

    openrouter_api_key: SecretStr | None = Field(
        alias="api_key", default_factory=secret_from_env("OPENROUTER_API_KEY", default=None)
    )
    """API key; default ``OPENROUTER_API_KEY``. Checked at the first request, not here."""

    openrouter_api_base: str | None = Field(
        alias="base_url",
        default_factory=from_env(["OPENROUTER_API_BASE", "OPENROUTER_BASE_URL"], default=None),
    )
    """Base URL; default ``OPENROUTER_API_BASE``, ``OPENROUTER_BASE_URL``, else the public API."""

    app_url: str | None = Field(default_factory=from_env("OPENROUTER_APP_URL", default=None))
    """Your app's URL, sent as ``HTTP-Referer`` for attribution; env ``OPENROUTER_APP_URL``."""

    app_title: str | None = Field(default_factory=from_env("OPENROUTER_APP_TITLE", default=None))
    """Your app's name, sent as ``X-Title``; env ``OPENROUTER_APP_TITLE``."""

    app_categories: list[str] | None = None
    """Marketplace categories (e.g. ``["cli-agent"]``), sent as ``X-OpenRouter-Categories``."""

    request_timeout: Any = Field(default=None, alias="timeout")
    """Seconds, ``(connect, read)`` seconds or an ``httpx.Timeout``. Default: 10 s to connect,
    600 s between reads. An int >= 1000 is read as milliseconds (0.2.x), with a warning."""

    max_retries: int = Field(default=2, ge=0)
    """Retries of 408/429/5xx answers and connection errors; 0 disables retrying."""

    default_headers: Mapping[str, str] | None = Field(default=None, exclude=True, repr=False)
    """Headers sent on every request, merged over the attribution headers."""

    http_client: httpx.Client | None = Field(default=None, exclude=True)
    """Your own ``httpx.Client`` for sync calls; used as is, never closed by us."""

    http_async_client: httpx.AsyncClient | None = Field(default=None, exclude=True)
    """Your own ``httpx.AsyncClient`` for async calls; used as is, never closed by us."""

    _sync_client: OpenRouterClient | None = PrivateAttr(default=None)
    _async_client: AsyncOpenRouterClient | None = PrivateAttr(default=None)
    _loop_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, AsyncOpenRouterClient] = (
        PrivateAttr(default_factory=weakref.WeakKeyDictionary)
    )

    @field_validator("request_timeout", mode="before")
    @classmethod
    def _check_timeout(cls, value: Any) -> TimeoutLike:
        return normalize_timeout(value)

    def _client_kwargs(self) -> dict[str, Any]:
        """Arguments for the internal clients, from these fields."""
        return {
            "api_key": self.openrouter_api_key,
            "base_url": self.openrouter_api_base,
            "timeout": self.request_timeout,
            "max_retries": self.max_retries,
            "app_url": self.app_url,
            "app_title": self.app_title,
            "app_categories": self.app_categories,
            "default_headers": self.default_headers,
        }

    @property
    def sync_client(self) -> OpenRouterClient:
        """The internal sync client, created at first use and reused."""
        if self._sync_client is None:
            self._sync_client = OpenRouterClient(
                http_client=self.http_client, **self._client_kwargs()
            )
        return self._sync_client

    @property
    def async_client(self) -> AsyncOpenRouterClient:
        """The internal async client for the running event loop.

        An ``httpx.AsyncClient`` is bound to the loop it first ran on, so each loop gets a
        client of its own (``asyncio.run`` twice works); it is dropped with its loop. A client
        you set up yourself (``http_async_client=``, or an integration's ``client=``) is always
        used as is.
        """
        if self._async_client is not None:
            return self._async_client
        if self.http_async_client is not None:
            self._async_client = AsyncOpenRouterClient(
                http_client=self.http_async_client, **self._client_kwargs()
            )
            return self._async_client
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return AsyncOpenRouterClient(**self._client_kwargs())
        # A loop runs in one thread, so no two threads ever race for the same key.
        client = self._loop_clients.get(loop)
        if client is None:
            client = self._loop_clients[loop] = AsyncOpenRouterClient(**self._client_kwargs())
        return client

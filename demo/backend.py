"""Where the demo's requests go: the emulator on 127.0.0.1, or the real OpenRouter.

With no ``OPENROUTER_API_KEY`` the demo serves an :class:`OpenRouterEmulator` on a free local
port and wires every class to it; with a key, it uses that key and the base URL the environment
names (``OPENROUTER_API_BASE``, ``OPENROUTER_BASE_URL``), else OpenRouter's own.

Example:
    .. code-block:: python

        with open_backend({}) as backend:
            assert backend.is_emulator
            llm = ChatOpenRouter(model=backend.models.chat, **backend.connection())
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from langchain_openrouter._client.config import BASE_URL_ENV, DEFAULT_BASE_URL
from langchain_openrouter.testing import OpenRouterEmulator

__all__ = ["API_KEY_ENV", "MANAGEMENT_KEY_ENV", "Backend", "DemoModels", "open_backend"]

API_KEY_ENV = "OPENROUTER_API_KEY"
MANAGEMENT_KEY_ENV = "OPENROUTER_PROVISIONING_KEY"
# Seconds between the emulator's stream events, so its streams are seen arriving live.
EMULATOR_CHUNK_DELAY = 0.02


@dataclass(frozen=True)
class DemoModels:
    """The model ids each scene uses (they exist on OpenRouter and in the emulator's catalog)."""

    chat: str = "openai/gpt-4o-mini"
    reasoning: str = "deepseek/deepseek-r1"
    fallback: str = "anthropic/claude-haiku-4.5"
    embeddings: str = "openai/text-embedding-3-small"


@dataclass
class Backend:
    """The service the demo talks to, and how to say so.

    Attributes:
        base_url: The API root requests go to.
        api_key: The inference key (never shown).
        management_key: The key for ``GET /credits`` (never shown).
        emulator: The local emulator, or ``None`` for OpenRouter.
        base_url_from: The environment variable that set ``base_url``, if one did.
        models: The models the scenes use.
    """

    base_url: str
    api_key: str = field(repr=False)
    management_key: str = field(repr=False)
    emulator: OpenRouterEmulator | None = None
    base_url_from: str | None = None
    models: DemoModels = DemoModels()

    @property
    def is_emulator(self) -> bool:
        """Whether the answers come from the local emulator."""
        return self.emulator is not None

    def connection(self) -> dict[str, Any]:
        """``api_key`` and ``base_url`` for any class or function of the package."""
        return {"api_key": self.api_key, "base_url": self.base_url}

    def management_connection(self) -> dict[str, Any]:
        """The same for routes that take a management key (``get_credits``)."""
        return {"api_key": self.management_key, "base_url": self.base_url}

    def source(self, model: str) -> str:
        """Who answered, for the label on every answer."""
        if self.emulator is not None:
            return f"the emulator's answer (scripted, as {model})"
        return f"{model} via OpenRouter"

    def banner(self) -> str:
        """The demo's first line: which service every answer below comes from."""
        if self.emulator is not None:
            return (
                f"No {API_KEY_ENV}: running against the local OpenRouter emulator at "
                f"{self.base_url}; every answer below is the emulator's, not a real model's."
            )
        if self.base_url_from is None:
            return f"{API_KEY_ENV} is set: running against the real OpenRouter at {self.base_url}."
        return (
            f"{API_KEY_ENV} is set: running against the OpenRouter API at {self.base_url} "
            f"(from {self.base_url_from})."
        )


def _base_url(environ: Mapping[str, str]) -> tuple[str, str | None]:
    for name in BASE_URL_ENV:
        if environ.get(name):
            return environ[name].rstrip("/"), name
    return DEFAULT_BASE_URL, None


@contextmanager
def open_backend(environ: Mapping[str, str] | None = None) -> Iterator[Backend]:
    """The backend for this environment, open for the ``with`` block.

    Args:
        environ: The environment to read (default ``os.environ``).

    Yields:
        The emulator served on 127.0.0.1 when ``OPENROUTER_API_KEY`` is unset or empty,
        else the real OpenRouter (at the base URL the environment names, if any).
    """
    environ = os.environ if environ is None else environ
    api_key = environ.get(API_KEY_ENV)
    if api_key:
        base_url, base_url_from = _base_url(environ)
        management_key = environ.get(MANAGEMENT_KEY_ENV) or api_key
        yield Backend(base_url, api_key, management_key, base_url_from=base_url_from)
        return
    emulator = OpenRouterEmulator(chunk_delay=EMULATOR_CHUNK_DELAY)
    with emulator.serve() as base_url:
        yield Backend(base_url, emulator.api_key, emulator.provisioning_key, emulator=emulator)

"""Connection settings shared by every public class, and the resolver for one-shot calls.

``ChatOpenRouter`` and the other public classes inherit :class:`OpenRouterSettings` (with the
0.2.x aliases and environment variables) and the lazily created, cached internal clients built
from it. The utility functions (``get_credits()`` ...) resolve their key, base URL and client
with :func:`call_client` / :func:`acall_client`, which build the same settings object: one
resolution logic for both.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import threading
import warnings
import weakref
from collections.abc import AsyncGenerator, AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from types import TracebackType
from typing import Any, Literal

import httpx
from langchain_core.utils import from_env, secret_from_env
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SecretStr,
    ValidationInfo,
    field_validator,
    model_validator,
)
from typing_extensions import Self

from langchain_openrouter._client import AsyncOpenRouterClient, OpenRouterClient
from langchain_openrouter._client.config import (
    BASE_URL_ENV,
    TimeoutLike,
    check_base_url,
    check_categories,
    check_header,
)
from langchain_openrouter.errors import MissingAPIKeyError

__all__ = [
    "KEY_ENV",
    "KeyKind",
    "OpenRouterSettings",
    "acall_client",
    "call_client",
    "normalize_timeout",
    "resolve_api_key",
]

KeyKind = Literal["inference", "management", "none"]
"""Which kind of key an endpoint accepts (``openrouter-api.md`` §1.2); ``"none"`` for routes
that must be called without one (the PKCE exchange, §12)."""

KEY_ENV: dict[KeyKind, tuple[str, ...]] = {
    "inference": ("OPENROUTER_API_KEY",),
    # Management routes take a management (formerly "provisioning") key; an account with one
    # key for everything keeps it in OPENROUTER_API_KEY.
    "management": ("OPENROUTER_PROVISIONING_KEY", "OPENROUTER_API_KEY"),
    "none": (),
}
"""Environment variables a key is read from, in order, by key kind."""


_KEY_PAGES: dict[KeyKind, str] = {
    "inference": "https://openrouter.ai/keys",
    "management": "https://openrouter.ai/settings/management-keys",
}


def resolve_api_key(
    api_key: SecretStr | str | None, kind: KeyKind, *, required: bool = True
) -> SecretStr | None:
    """The key to send: the argument, else the first environment variable set for ``kind``.

    Args:
        api_key: The key given by the caller, if any.
        kind: ``"inference"`` (``OPENROUTER_API_KEY``), ``"management"``
            (``OPENROUTER_PROVISIONING_KEY``, then ``OPENROUTER_API_KEY``) or ``"none"`` (a
            route that takes no key: always ``None``, whatever is given or set).
        required: ``False`` for public routes (``GET /models``): no key is then ``None``.

    Returns:
        The key, or ``None`` when none is found and none is required (or the route takes none).

    Raises:
        TypeError: ``api_key`` is neither a ``str`` nor a ``SecretStr``.
        MissingAPIKeyError: A key is required, none was given and none of the variables is
            set; the message names the variables and, for management routes, that a
            management key is needed.

    Example:
        >>> resolve_api_key("sk-or-v1-abc", "management")
        SecretStr('**********')
    """
    if kind == "none":
        return None
    if isinstance(api_key, SecretStr):
        api_key = api_key.get_secret_value()
    if api_key is not None and not isinstance(api_key, str):
        # Not sent: "Bearer 12345" would only come back as a 401 that blames the key's value.
        raise TypeError(f"api_key must be a str or a SecretStr, got {type(api_key).__name__}")
    key = api_key or next((os.environ[n] for n in KEY_ENV[kind] if os.environ.get(n)), None)
    if key:
        return SecretStr(key)
    if not required:
        return None
    names = " or ".join(KEY_ENV[kind])
    what = "management key (this route refuses inference keys)" if kind == "management" else "key"
    raise MissingAPIKeyError(
        f"No OpenRouter API {what}: pass api_key=... or set {names} "
        f"(create one at {_KEY_PAGES[kind]})"
    )


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
        if not 0 < value < math.inf:
            raise ValueError(f"timeout must be > 0 seconds and finite, got {value!r}")
        return value
    if isinstance(value, (tuple, list)) and len(value) == 2:
        connect, read = float(value[0]), float(value[1])
        if not (0 < connect < math.inf and 0 < read < math.inf):
            raise ValueError(f"timeout seconds must be finite and > 0, got {value!r}")
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
        default_factory=from_env(list(BASE_URL_ENV), default=None),
    )
    """Base URL; default ``OPENROUTER_API_BASE``, ``OPENROUTER_BASE_URL``, else the public API."""

    app_url: str | None = Field(
        default_factory=from_env("OPENROUTER_APP_URL", default="https://docs.langchain.com")
    )
    """Your app's URL, sent as ``HTTP-Referer`` for attribution; env ``OPENROUTER_APP_URL``."""

    app_title: str | None = Field(
        default_factory=from_env("OPENROUTER_APP_TITLE", default="LangChain")
    )
    """Your app's name, sent as ``X-Title`` and ``X-OpenRouter-Title``; env
    ``OPENROUTER_APP_TITLE``."""

    app_categories: list[str] | None = None
    """Marketplace categories (e.g. ``["cli-agent"]``), sent as ``X-OpenRouter-Categories``."""

    request_timeout: Any = Field(default=None, alias="timeout")
    """Seconds, ``(connect, read)`` seconds or an ``httpx.Timeout``. Default: 10 s to connect,
    600 s between reads. An int >= 1000 is read as milliseconds (0.2.x), with a warning."""

    max_retries: int = Field(default=2, ge=0)
    """Retries of 408/429/5xx answers and connection errors; 0 disables retrying. ``None``
    (``ChatOpenAI``'s default) means the default, 2."""

    default_headers: Mapping[str, str] | None = Field(default=None, exclude=True, repr=False)
    """Headers sent on every request, merged over the attribution headers."""

    http_client: httpx.Client | None = Field(default=None, exclude=True)
    """Your own ``httpx.Client`` for sync calls; used as is, never closed by us."""

    http_async_client: httpx.AsyncClient | None = Field(default=None, exclude=True)
    """Your own ``httpx.AsyncClient`` for async calls; used as is, never closed by us."""

    client: httpx.Client | httpx.AsyncClient | None = Field(default=None, exclude=True)
    """Shorthand for ``http_client=`` (an ``httpx.Client``) or ``http_async_client=`` (an
    ``httpx.AsyncClient``), as the utility functions' ``client=`` takes; never closed by us."""

    _clients: _Clients = PrivateAttr(default_factory=lambda: _Clients())

    def __getstate__(self) -> dict[Any, Any]:
        """Pickle state without the key and without the clients built from it.

        A pickle is a file anyone who can read it can load, so like ``dumpd`` it carries no
        key: the unpickled object reads ``OPENROUTER_API_KEY`` at its first request (or set
        ``api_key`` on it again). The cached clients hold the key and open sockets; the copy
        builds its own.
        """
        state = super().__getstate__()
        # The clients holder pickles as an empty one (``_Clients.__reduce__``).
        state["__dict__"] = {**state["__dict__"], "openrouter_api_key": None}
        return state

    @model_validator(mode="before")
    @classmethod
    def _one_name_each(cls, values: Any) -> Any:
        """Refuse a field given under two of its names: one would silently win."""
        if not isinstance(values, dict):
            return values
        for name, info in cls.model_fields.items():
            if info.alias is not None and info.alias != name and {name, info.alias} <= set(values):
                raise ValueError(
                    f"{info.alias}= and {name}= are the same argument, given twice with "
                    f"different names; pass only {info.alias}="
                )
        return values

    @field_validator("openrouter_api_key", mode="before")
    @classmethod
    def _check_key(cls, value: Any) -> Any:
        if value is None or isinstance(value, (str, SecretStr)):
            return value
        # Not sent: "Bearer 12345" would only come back as a 401 that blames the key's value.
        raise TypeError(f"api_key must be a str or a SecretStr, got {type(value).__name__}")

    @field_validator("openrouter_api_base", mode="before")
    @classmethod
    def _check_base_url(cls, value: Any) -> Any:
        return None if value is None else check_base_url(value)

    @field_validator("app_categories", mode="before")
    @classmethod
    def _check_categories(cls, value: Any) -> Any:
        if value is not None:
            check_categories(value)
        return value

    @field_validator("max_retries", mode="before")
    @classmethod
    def _default_retries(cls, value: Any) -> Any:
        # ChatOpenAI's default is None ("the client's default"); code swapped over keeps working.
        return 2 if value is None else value

    @field_validator("app_url", "app_title")
    @classmethod
    def _check_attribution(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value:
            check_header(str(info.field_name), "X-Title", value)
        return value

    @field_validator("default_headers")
    @classmethod
    def _check_default_headers(cls, value: Mapping[str, str] | None) -> Any:
        for name, header in (value or {}).items():
            check_header(f"default_headers[{name!r}]", name, header)
        return value

    @field_validator("request_timeout", mode="before")
    @classmethod
    def _check_timeout(cls, value: Any) -> TimeoutLike:
        return normalize_timeout(value)

    @field_validator("client", mode="before")
    @classmethod
    def _check_client(cls, value: Any) -> Any:
        if value is None or isinstance(value, (httpx.Client, httpx.AsyncClient)):
            return value
        raise TypeError(
            "client= takes an httpx.Client or an httpx.AsyncClient, not "
            f"{type(value).__module__}.{type(value).__qualname__} (0.2.x took an `openrouter` "
            "SDK client; that SDK is no longer used). To customise HTTP, pass "
            "http_client=httpx.Client(...) and/or http_async_client=httpx.AsyncClient(...)."
        )

    @model_validator(mode="after")
    def _client_is_http_client(self) -> Self:
        if self.client is None:
            return self
        field = "http_client" if isinstance(self.client, httpx.Client) else "http_async_client"
        if getattr(self, field) not in (None, self.client):
            raise ValueError(f"client= and {field}= name two clients; pass only {field}=")
        setattr(self, field, self.client)
        return self

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
            "key_env": KEY_ENV["inference"],
        }

    @property
    def sync_client(self) -> OpenRouterClient:
        """The internal sync client, created at first use (once, even when threads race)."""
        clients = self._clients
        client = clients.sync
        if client is None:
            with _CREATE_LOCK:
                if clients.sync is None:
                    clients.sync = OpenRouterClient(
                        http_client=self.http_client, **self._client_kwargs()
                    )
                    clients.watch(self)
                client = clients.sync
        return client

    @property
    def async_client(self) -> AsyncOpenRouterClient:
        """The internal async client for the running event loop.

        An ``httpx.AsyncClient`` is bound to the loop it first ran on, so each loop gets a
        client of its own (``asyncio.run`` twice works); it is closed when its loop shuts down
        (``asyncio.run`` does that), or dropped at the next lookup once its loop has closed. A
        client you set up yourself (``http_async_client=``, or an integration's ``client=``) is
        always used as is. Looked up with no running loop, one client is made and kept.
        """
        clients = self._clients
        if self.http_async_client is not None or not _loop_running():
            client = clients.detached
            if client is None:
                with _CREATE_LOCK:
                    if clients.detached is None:
                        clients.detached = AsyncOpenRouterClient(
                            http_client=self.http_async_client, **self._client_kwargs()
                        )
                        clients.watch(self)
                    client = clients.detached
            return client
        loop = asyncio.get_running_loop()
        # A loop runs in one thread, so no two threads ever race for the same key.
        entry = clients.loops.get(loop)
        if entry is None:
            _drop_closed_loops(clients.loops)
            entry = clients.loops[loop] = _LoopClient(
                AsyncOpenRouterClient(**self._client_kwargs()), loop, clients.loops
            )
            clients.watch(self)
        return entry.client

    @property
    def _loop_clients(self) -> dict[asyncio.AbstractEventLoop, _LoopClient]:
        """The internal async clients by event loop (still open)."""
        return self._clients.loops

    def close(self) -> None:
        """Close the connection pools this object created; yours (``http_client=`` ...) stay open.

        Safe to call twice; the object stays usable and opens new pools at its next request.
        An async pool is closed on its own event loop: at once if that loop is idle, else
        scheduled on it. Objects dropped without ``close()`` release their pools when
        garbage-collected.

        Example:
            .. code-block:: python

                llm = ChatOpenRouter(model="openai/gpt-4o-mini")
                try:
                    llm.invoke("Hello")
                finally:
                    llm.close()
        """
        self._clients.release()

    async def aclose(self) -> None:
        """Async :meth:`close`: the pool of the running loop is closed before this returns.

        Example:
            .. code-block:: python

                async with ChatOpenRouter(model="openai/gpt-4o-mini") as llm:
                    await llm.ainvoke("Hello")
        """
        clients = self._clients
        entry = clients.loops.pop(asyncio.get_running_loop(), None)
        if entry is not None:
            await entry.guard.aclose()
        detached, clients.detached = clients.detached, None
        if detached is not None:
            await detached.aclose()
        clients.release()

    def __copy__(self) -> Self:
        # pydantic copies private attributes by reference: the copy would share, and could
        # close, the original's pools.
        copied = super().__copy__()
        copied._clients = _Clients()
        return copied

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        copied = super().__deepcopy__(memo)
        copied._clients = _Clients()
        return copied

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()


# One lock for every object: a client is created once per object, so it is rarely contended.
_CREATE_LOCK = threading.Lock()


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


class _Clients:
    """The internal clients one settings object created, and their release.

    A copy or a pickle of the object starts with none of its own: two objects never share a
    pool that one of them would close. The release runs at ``close()`` and, through a
    ``weakref.finalize`` on the owner, when the owner is garbage-collected.
    """

    __slots__ = ("detached", "finalizer", "loops", "sync")

    def __init__(self) -> None:
        self.sync: OpenRouterClient | None = None
        self.detached: AsyncOpenRouterClient | None = None
        self.loops: dict[asyncio.AbstractEventLoop, _LoopClient] = {}
        self.finalizer: weakref.finalize[Any, Any] | None = None

    def __copy__(self) -> _Clients:
        return _Clients()

    def __deepcopy__(self, memo: dict[int, Any]) -> _Clients:
        return _Clients()

    def __reduce__(self) -> tuple[type[_Clients], tuple[()]]:
        return (_Clients, ())

    def watch(self, owner: object) -> None:
        """Release these clients when ``owner`` is garbage-collected.

        The callback holds only this holder, never the owner, so it cannot keep it alive.
        """
        if self.finalizer is None:
            self.finalizer = weakref.finalize(owner, self.release)
            # At interpreter exit the OS reclaims the sockets; loops may be gone by then.
            self.finalizer.atexit = False

    def release(self) -> None:
        """Close every client held; those of other event loops on their own loop."""
        sync, self.sync = self.sync, None
        if sync is not None:
            sync.close()
        detached, self.detached = self.detached, None
        if detached is not None:
            _close_detached(detached)
        while self.loops:
            _release_on_its_loop(*self.loops.popitem())


def _release_on_its_loop(loop: asyncio.AbstractEventLoop, entry: _LoopClient) -> None:
    """Close ``entry``'s pool on ``loop``: now if the loop is idle, else as soon as it runs.

    The guard stays registered with the loop, so a loop that shuts down first still waits for
    the pool to close.
    """
    if loop.is_closed():
        return
    if not loop.is_running():
        step = entry.guard.aclose()
        try:
            loop.run_until_complete(step)
            return
        except RuntimeError:
            # Another loop runs in this thread: this one cannot run now.
            step.close()
    # The loop may close in between (another thread); then its sockets went with it.
    with contextlib.suppress(RuntimeError):
        loop.call_soon_threadsafe(entry.start_closing)


def _close_detached(client: AsyncOpenRouterClient) -> None:
    """Close a client made with no loop running: on the running loop, else on a new one."""
    if not client.owns_pool:
        return
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        # A pool that ran on a loop now gone cannot be closed on another; its sockets go
        # with it.
        with contextlib.suppress(Exception):
            asyncio.run(client.aclose())
        return
    task = loop.create_task(client.aclose())
    _PENDING.add(task)
    task.add_done_callback(_PENDING.discard)


# Closing tasks kept until done: the loop itself holds its tasks only weakly.
_PENDING: set[asyncio.Task[None]] = set()


class _LoopClient:
    """The internal async client of one event loop, closed when that loop shuts down.

    ``asyncio.run`` (like any loop shut down with ``shutdown_asyncgens``) closes every async
    generator still open on its loop while the loop still runs; a guard generator started here
    is one of them, and its ``finally`` closes the client's pool there, so no socket outlives
    its loop and nothing warns. A loop closed without that step is dropped from the cache at
    the next lookup from another loop.

    A release asked for while the loop runs (``close()``, or the owner garbage-collected)
    starts one closing task; the guard, if the loop shuts down meanwhile, waits for that task
    instead of racing it, so the loop never stops with the pool half closed.
    """

    __slots__ = ("client", "closing", "guard")

    def __init__(
        self,
        client: AsyncOpenRouterClient,
        loop: asyncio.AbstractEventLoop,
        clients: dict[asyncio.AbstractEventLoop, _LoopClient],
    ) -> None:
        self.client = client
        self.closing: asyncio.Task[None] | None = None
        # Kept here: the loop itself only holds its async generators weakly.
        self.guard = _release_at_shutdown(self, loop, clients)
        step = self.guard.__anext__()
        # Runs the guard to its first yield (no await before it), which registers it with
        # the running loop's async-generator hooks.
        with contextlib.suppress(StopIteration):
            step.send(None)

    def start_closing(self) -> None:
        """Start closing the pool (on its loop's thread, while the loop runs)."""
        if self.closing is None:
            self.closing = asyncio.ensure_future(self.client.aclose())
            _PENDING.add(self.closing)
            self.closing.add_done_callback(_PENDING.discard)

    async def close(self) -> None:
        """Close the pool, or wait for the closing already started."""
        task = self.closing
        if task is None or task.cancelled():
            await self.client.aclose()
        else:
            await task


async def _release_at_shutdown(
    entry: _LoopClient,
    loop: asyncio.AbstractEventLoop,
    clients: dict[asyncio.AbstractEventLoop, _LoopClient],
) -> AsyncGenerator[None, None]:
    try:
        yield
    finally:
        clients.pop(loop, None)
        await entry.close()


def _drop_closed_loops(clients: dict[asyncio.AbstractEventLoop, _LoopClient]) -> None:
    for loop in [loop for loop in clients if loop.is_closed()]:
        clients.pop(loop, None)


def _one_shot(
    kind: KeyKind,
    api_key: SecretStr | str | None,
    base_url: str | None,
    client: httpx.Client | httpx.AsyncClient | None,
    expected: type[httpx.Client] | type[httpx.AsyncClient],
    required: bool,
) -> dict[str, Any]:
    """Internal-client arguments of one utility call, checked before anything is sent."""
    if client is not None and not isinstance(client, expected):
        raise TypeError(
            f"client= takes an {expected.__module__}.{expected.__qualname__} here, not "
            f"{type(client).__module__}.{type(client).__qualname__}"
        )
    key = resolve_api_key(api_key, kind, required=required)
    # An unset base URL is left out so the field's own environment lookup decides it.
    given = {"base_url": base_url} if base_url else {}
    settings = OpenRouterSettings(api_key=key, **given)
    return {**settings._client_kwargs(), "key_env": KEY_ENV[kind]}


@contextmanager
def call_client(
    kind: KeyKind,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
    required: bool = True,
) -> Iterator[OpenRouterClient]:
    """The internal sync client for one utility call, closed after it (never ``client``).

    Args:
        kind: The key kind the route accepts (decides the environment variables read).
        api_key: The key; default from the environment (:func:`resolve_api_key`).
        base_url: Default ``OPENROUTER_API_BASE``, ``OPENROUTER_BASE_URL``, else the public API.
        client: An ``httpx.Client`` to send on, used as is and left open.
        required: ``False`` for public routes: without a key, the client sends none.

    Raises:
        MissingAPIKeyError: No key (before anything is sent).
        TypeError: ``client`` is not an ``httpx.Client``.
    """
    internal = OpenRouterClient(
        http_client=client, **_one_shot(kind, api_key, base_url, client, httpx.Client, required)
    )
    try:
        yield internal
    finally:
        internal.close()


@asynccontextmanager
async def acall_client(
    kind: KeyKind,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
    required: bool = True,
) -> AsyncIterator[AsyncOpenRouterClient]:
    """Async :func:`call_client`: ``client`` is an ``httpx.AsyncClient``."""
    internal = AsyncOpenRouterClient(
        http_client=client,
        **_one_shot(kind, api_key, base_url, client, httpx.AsyncClient, required),
    )
    try:
        yield internal
    finally:
        await internal.aclose()

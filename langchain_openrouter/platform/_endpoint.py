"""An OpenRouter route declared once, and the one sync and one async caller of every utility.

A utility function is a declaration plus a call::

    CREDITS = Endpoint("GET", "/credits", key="management", result=Credits)

    def get_credits(*, api_key=None, base_url=None, client=None) -> Credits:
        return call(CREDITS, api_key=api_key, base_url=base_url, client=client)

The callers build the request from the declaration, send it through the internal client (its
retries, timeouts and typed errors) and parse the answer into the declared public type. Only
the lines that send (and sleep) differ between :func:`call` and :func:`acall`, and between
:func:`iterate` and :func:`aiterate`, which walk an offset-paginated list route page by page.
:func:`call_each` and :func:`acall_each` run one of them for many paths at once, with a bound.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import time
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from string import Formatter
from typing import Any, Generic, TypeVar
from urllib.parse import quote

import httpx
from pydantic import SecretStr, TypeAdapter

from langchain_openrouter._checks import check_int, check_text
from langchain_openrouter._client import AsyncOpenRouterClient, OpenRouterClient
from langchain_openrouter._malformed import malformed_answer, shape_problem
from langchain_openrouter._settings import KeyKind, acall_client, call_client
from langchain_openrouter.errors import APIStatusError

__all__ = [
    "Endpoint",
    "acall",
    "acall_each",
    "aiterate",
    "call",
    "call_each",
    "check_offset",
    "iterate",
    "key_hash",
]

T = TypeVar("T")

# Model ids keep their ':variant' suffix readable in the path, as OpenRouter's own links do.
_PATH_SAFE = ":@"


@dataclass(frozen=True)
class Endpoint(Generic[T]):
    """One route: how to call it and what it returns.

    Args:
        method: HTTP method.
        path: Path under the base URL; ``{name}`` placeholders are filled from the call's
            ``path_params``, each percent-encoded (so ``/`` inside a value stays one segment).
        key: ``"inference"`` or ``"management"``: which key the route accepts, and so which
            environment variables the key is read from; ``"none"`` for a route that must get
            no ``Authorization`` header at all (the PKCE exchange), whatever is set.
        result: The public type of the answer (a pydantic model, or e.g. ``list[ModelInfo]``).
        unwrap: The envelope field holding the result (OpenRouter's ``"data"``); ``None`` parses
            the whole body.
        key_required: ``False`` for public routes (``GET /models``): a key is sent when one is
            given or set, and the call goes out without one otherwise.
        retry_statuses: Statuses that mean "not ready yet" on this route (``GET /generation``
            answers 404 for a moment after the response), retried after each of
            ``retry_delays`` in turn, on top of the internal client's own retries.
        retry_delays: Seconds to wait before each of those retries; their number bounds them.
        offset_param: The query parameter a paginated list route pages by (``"offset"``), for
            :func:`iterate` / :func:`aiterate`.
        hints: ``(status, hint)`` pairs: what to fix when this route answers that status,
            in place of the error class's generic hint (a 404 from ``DELETE /keys/{hash}`` is
            about the key, not a model id).

    Example:
        >>> from langchain_openrouter.types import Credits
        >>> CREDITS = Endpoint("GET", "/credits", key="management", result=Credits)
        >>> CREDITS.parse({"data": {"total_credits": 1.5, "total_usage": 0.5}}).balance
        1.0
        >>> Endpoint("GET", "/model/{author}/{slug}", "inference", dict).url_path(
        ...     {"author": "qwen", "slug": "qwen3:free"})
        '/model/qwen/qwen3:free'
    """

    method: str
    path: str
    key: KeyKind
    result: Any
    unwrap: str | None = "data"
    key_required: bool = True
    retry_statuses: frozenset[int] = frozenset()
    retry_delays: tuple[float, ...] = ()
    offset_param: str | None = None
    hints: tuple[tuple[int, str], ...] = ()
    placeholders: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        names = frozenset(n for _, n, _, _ in Formatter().parse(self.path) if n)
        object.__setattr__(self, "placeholders", names)

    @cached_property
    def _adapter(self) -> TypeAdapter[T]:
        return TypeAdapter(self.result)

    def url_path(self, path_params: Mapping[str, str] | None = None) -> str:
        """The path with its placeholders filled (pure).

        Raises:
            TypeError: A placeholder's value is not a ``str``.
            ValueError: A placeholder has no value, a blank one, or ``"."`` / ``".."``.
        """
        params = dict(path_params or {})
        for name in sorted(self.placeholders):
            if check_text(params.get(name), name) is None:
                raise TypeError(f"{name} must be a str, got None ({self.method} {self.path})")
            # Percent-encoding leaves dots alone and the URL resolves dot segments, so
            # "/model/../credits" would reach another route (GET /credits).
            if str(params[name]) in (".", ".."):
                raise ValueError(
                    f"{self.method} {self.path}: {name} must not be {str(params[name])!r} "
                    "(a path segment that names the parent route, not a resource)"
                )
        return self.path.format(**{n: quote(str(params[n]), safe=_PATH_SAFE) for n in params})

    def parse(self, body: Any) -> T:
        """The public object from a decoded JSON body (pure).

        Raises:
            OpenRouterError: The body does not have the documented shape; the message names
                the fields that are wrong (never their values: some answers hold keys).
        """
        route = f"{self.method} {self.path}"
        if self.unwrap is not None:
            if not isinstance(body, dict) or self.unwrap not in body:
                got = f"keys {sorted(body)[:5]}" if isinstance(body, dict) else type(body).__name__
                raise malformed_answer(
                    route, f"expected a JSON object with {self.unwrap!r}, got {got}"
                )
            body = body[self.unwrap]
        try:
            return self._adapter.validate_python(body)
        except (ValueError, RecursionError) as exc:
            raise malformed_answer(route, shape_problem(exc)) from exc

    def retry_delay(self, error: APIStatusError, retries: int) -> float | None:
        """Seconds to wait before sending again after ``error``, or ``None`` to raise it (pure).

        Args:
            error: The typed error of the last attempt (the internal client's retries spent).
            retries: How many times this route has already been retried for the call.

        Example:
            >>> from langchain_openrouter.errors import NotFoundError
            >>> gen = Endpoint("GET", "/generation", "inference", dict,
            ...                retry_statuses=frozenset({404}), retry_delays=(0.2, 0.5))
            >>> not_yet = NotFoundError("Generation gen-1 not found", status_code=404)
            >>> [gen.retry_delay(not_yet, n) for n in range(3)]
            [0.2, 0.5, None]
        """
        if error.status_code in self.retry_statuses and retries < len(self.retry_delays):
            return self.retry_delays[retries]
        return None

    def explain(self, error: APIStatusError) -> APIStatusError:
        """``error`` with this route's hint for its status, if the route declares one.

        Example:
            >>> from langchain_openrouter.errors import NotFoundError
            >>> keys = Endpoint("DELETE", "/keys/{hash}", "management", dict,
            ...                 hints=((404, "see list_api_keys()"),))
            >>> str(keys.explain(NotFoundError("API key not found", status_code=404)))
            'Error code: 404 - API key not found (see list_api_keys())'
        """
        hint = dict(self.hints).get(error.status_code or 0)
        if hint is None or not error.hint:
            return error
        # The class hint is part of the message built in __init__; swap it there too.
        error.args = (str(error).replace(f"({error.hint})", f"({hint})", 1), *error.args[1:])
        error.hint = hint
        return error


_KEY_HASH = re.compile(r"[0-9a-fA-F]{64}")


def key_hash(value: SecretStr | str, field: str = "key") -> str:
    """OpenRouter's identifier of a stored key: the key's hash, from the key or the hash (pure).

    OpenRouter addresses keys by the lowercase hex SHA-256 of the whole key string
    (``openrouter-api.md`` §1.2); a full key is hashed here, locally, and never sent.

    Args:
        value: A full key (``sk-or-...``, a ``str`` or the ``SecretStr`` that
            ``create_api_key()`` returns) or its 64-hex-digit hash.
        field: The argument's name, for the error message.

    Raises:
        TypeError: ``value`` is not a ``str`` or a ``SecretStr`` (nothing is sent).
        ValueError: ``value`` is neither a key nor a hash (nothing is sent).

    Example:
        >>> key_hash("sk-or-v1-abc")[:16]
        '128cd81d318f4aa7'
        >>> key_hash("F01D52606DC8F0A8303A7B5CC3FA07109C2E346CEC7C0A16B40DE462992CE943")[:8]
        'f01d5260'
    """
    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    if not isinstance(value, str):
        raise TypeError(
            f"{field} must be a str or a SecretStr (a full key or its hash), "
            f"got {type(value).__name__}"
        )
    if value.startswith("sk-"):
        return hashlib.sha256(value.encode()).hexdigest()
    if _KEY_HASH.fullmatch(value):
        return value.lower()
    # The value is not echoed: a key pasted without its prefix is still a secret.
    raise ValueError(
        f"{field} must be a full OpenRouter key ('sk-or-v1-...') or its 64-hex-digit SHA-256 "
        f"hash (APIKey.hash), got a {len(value)}-character string that is neither"
    )


def check_offset(offset: int) -> int:
    """A list route's ``offset`` (items to skip), checked before anything is sent (pure).

    Raises:
        TypeError: ``offset`` is not an int.
        ValueError: ``offset`` is below 0.

    Example:
        >>> check_offset(100)
        100
    """
    return check_int(offset, "offset", low=0)


def _request_args(
    endpoint: Endpoint[Any],
    sender: OpenRouterClient | AsyncOpenRouterClient,
    path_params: Mapping[str, str] | None,
    params: Mapping[str, Any] | None,
    json: Any,
    timeout: float | None = None,
) -> tuple[str, dict[str, Any]]:
    """``(path, request keyword arguments)`` of one call, shared by both callers."""
    authenticate = endpoint.key != "none" and (
        endpoint.key_required or sender.config.api_key is not None
    )
    kwargs: dict[str, Any] = {"params": params, "authenticate": authenticate}
    if json is not None:
        kwargs["json"] = json
    if timeout is not None:
        kwargs["timeout"] = httpx.Timeout(timeout)
    return endpoint.url_path(path_params), kwargs


def _send(
    endpoint: Endpoint[Any], sender: OpenRouterClient, path: str, kwargs: dict[str, Any]
) -> Any:
    """The decoded body, retrying the route's own "not ready yet" statuses."""
    retries = 0
    while True:
        try:
            return sender.request_json(endpoint.method, path, **kwargs)
        except APIStatusError as error:
            delay = endpoint.retry_delay(error, retries)
            if delay is None:
                endpoint.explain(error)
                raise
        time.sleep(delay)
        retries += 1


async def _asend(
    endpoint: Endpoint[Any], sender: AsyncOpenRouterClient, path: str, kwargs: dict[str, Any]
) -> Any:
    """Async :func:`_send`."""
    retries = 0
    while True:
        try:
            return await sender.request_json(endpoint.method, path, **kwargs)
        except APIStatusError as error:
            delay = endpoint.retry_delay(error, retries)
            if delay is None:
                endpoint.explain(error)
                raise
        await asyncio.sleep(delay)
        retries += 1


def send(
    endpoint: Endpoint[T],
    sender: OpenRouterClient,
    *,
    path_params: Mapping[str, str] | None = None,
    params: Mapping[str, Any] | None = None,
    json: Any = None,
    timeout: float | None = None,
) -> T:
    """Call ``endpoint`` on an internal client that is already set up, and parse the answer.

    The public classes use this with their own connection settings (key, base URL, retries,
    headers); :func:`call` is the same for one-shot utility calls.

    Args:
        endpoint: The declaration.
        sender: The internal client to send on (its retries and typed errors apply).
        path_params: Values of the path's placeholders.
        params: Query parameters (``None`` values are dropped, lists comma-joined).
        json: The JSON body, if any.
        timeout: Seconds this request may take (every phase), instead of the client's.

    Returns:
        The parsed result.
    """
    path, kwargs = _request_args(endpoint, sender, path_params, params, json, timeout)
    return endpoint.parse(_send(endpoint, sender, path, kwargs))


async def asend(
    endpoint: Endpoint[T],
    sender: AsyncOpenRouterClient,
    *,
    path_params: Mapping[str, str] | None = None,
    params: Mapping[str, Any] | None = None,
    json: Any = None,
    timeout: float | None = None,
) -> T:
    """Async :func:`send`."""
    path, kwargs = _request_args(endpoint, sender, path_params, params, json, timeout)
    return endpoint.parse(await _asend(endpoint, sender, path, kwargs))


def call(
    endpoint: Endpoint[T],
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
    path_params: Mapping[str, str] | None = None,
    params: Mapping[str, Any] | None = None,
    json: Any = None,
) -> T:
    """Call ``endpoint`` once and return its public object.

    Args:
        endpoint: The declaration.
        api_key: The key; default from the environment for the endpoint's key kind.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on (used as is, never closed by us).
        path_params: Values of the path's placeholders.
        params: Query parameters (``None`` values are dropped, lists comma-joined).
        json: The JSON body, if any.

    Returns:
        The parsed result.

    Raises:
        MissingAPIKeyError: No key, before anything is sent.
        APIStatusError: The API answered with an error (the subclass says which).
        APIConnectionError: No answer after the retries.
    """
    with call_client(
        endpoint.key,
        api_key=api_key,
        base_url=base_url,
        client=client,
        required=endpoint.key_required,
    ) as sender:
        return send(endpoint, sender, path_params=path_params, params=params, json=json)


async def acall(
    endpoint: Endpoint[T],
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
    path_params: Mapping[str, str] | None = None,
    params: Mapping[str, Any] | None = None,
    json: Any = None,
) -> T:
    """Async :func:`call`: ``client`` is an ``httpx.AsyncClient``."""
    async with acall_client(
        endpoint.key,
        api_key=api_key,
        base_url=base_url,
        client=client,
        required=endpoint.key_required,
    ) as sender:
        return await asend(endpoint, sender, path_params=path_params, params=params, json=json)


def _next_offset(offset: int, received: int, longest: int) -> int | None:
    """Offset of the page after one of ``received`` items, or ``None`` when it was the last.

    OpenRouter sends no total and does not document its page size, so the size is learnt: an
    empty page, or one shorter than an earlier page, is the last.

    Example:
        >>> _next_offset(0, 100, 0), _next_offset(100, 37, 100), _next_offset(100, 0, 100)
        (100, None, None)
    """
    if received == 0 or received < longest:
        return None
    return offset + received


def _page_params(
    endpoint: Endpoint[Any], params: Mapping[str, Any] | None, offset: int
) -> dict[str, Any]:
    if endpoint.offset_param is None:
        raise ValueError(f"{endpoint.method} {endpoint.path} is not paginated")
    return {**(params or {}), endpoint.offset_param: offset}


def iterate(
    endpoint: Endpoint[list[T]],
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
    path_params: Mapping[str, str] | None = None,
    params: Mapping[str, Any] | None = None,
    offset: int = 0,
) -> Iterator[T]:
    """Every item of a paginated list route, fetching page after page as they are consumed.

    Takes the arguments of :func:`call`; ``offset`` is where to start. All pages go over one
    connection. Items created or deleted while iterating may shift the pages (OpenRouter pages
    by position).

    Raises:
        ValueError: The endpoint declares no ``offset_param``.
    """
    with call_client(
        endpoint.key,
        api_key=api_key,
        base_url=base_url,
        client=client,
        required=endpoint.key_required,
    ) as sender:
        longest = 0
        next_offset: int | None = offset
        while next_offset is not None:
            page_params = _page_params(endpoint, params, next_offset)
            path, kwargs = _request_args(endpoint, sender, path_params, page_params, None)
            page = endpoint.parse(_send(endpoint, sender, path, kwargs))
            yield from page
            next_offset = _next_offset(next_offset, len(page), longest)
            longest = max(longest, len(page))


async def aiterate(
    endpoint: Endpoint[list[T]],
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
    path_params: Mapping[str, str] | None = None,
    params: Mapping[str, Any] | None = None,
    offset: int = 0,
) -> AsyncIterator[T]:
    """Async :func:`iterate`: ``client`` is an ``httpx.AsyncClient``."""
    async with acall_client(
        endpoint.key,
        api_key=api_key,
        base_url=base_url,
        client=client,
        required=endpoint.key_required,
    ) as sender:
        longest = 0
        next_offset: int | None = offset
        while next_offset is not None:
            page_params = _page_params(endpoint, params, next_offset)
            path, kwargs = _request_args(endpoint, sender, path_params, page_params, None)
            page = endpoint.parse(await _asend(endpoint, sender, path, kwargs))
            for item in page:
                yield item
            next_offset = _next_offset(next_offset, len(page), longest)
            longest = max(longest, len(page))


def _check_bound(max_concurrency: int) -> None:
    check_int(max_concurrency, "max_concurrency", low=1)


def call_each(
    endpoint: Endpoint[T],
    each: Sequence[Mapping[str, str]],
    *,
    max_concurrency: int,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
    params: Mapping[str, Any] | None = None,
) -> list[T]:
    """:func:`call` once per path-parameter mapping of ``each``, on threads, in order.

    At most ``max_concurrency`` requests are in flight; every call shares one connection pool
    (``client`` when given). The first error is raised and the calls not yet started are
    dropped.

    Args:
        endpoint: The declaration.
        each: One ``path_params`` mapping per call.
        max_concurrency: Requests in flight at most (>= 1).
        api_key: As :func:`call`.
        base_url: As :func:`call`.
        client: As :func:`call`.
        params: Query parameters sent with every call.

    Returns:
        The parsed results, in the order of ``each``.

    Raises:
        TypeError: ``max_concurrency`` is not an int (nothing is sent).
        ValueError: ``max_concurrency`` below 1 (nothing is sent).
        MissingAPIKeyError: No key, before anything is sent.
        APIStatusError: A call was answered with an error.
    """
    _check_bound(max_concurrency)
    with call_client(
        endpoint.key,
        api_key=api_key,
        base_url=base_url,
        client=client,
        required=endpoint.key_required,
    ) as sender:
        shared = sender.http

        def one(path_params: Mapping[str, str]) -> T:
            return call(
                endpoint,
                api_key=api_key,
                base_url=base_url,
                client=shared,
                path_params=path_params,
                params=params,
            )

        pool = ThreadPoolExecutor(max_workers=max(1, min(max_concurrency, len(each))))
        try:
            return list(pool.map(one, each))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


async def acall_each(
    endpoint: Endpoint[T],
    each: Sequence[Mapping[str, str]],
    *,
    max_concurrency: int,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
    params: Mapping[str, Any] | None = None,
) -> list[T]:
    """Async :func:`call_each`: tasks gated by a semaphore; ``client`` is an httpx.AsyncClient.

    On the first error the other calls are cancelled.
    """
    _check_bound(max_concurrency)
    async with acall_client(
        endpoint.key,
        api_key=api_key,
        base_url=base_url,
        client=client,
        required=endpoint.key_required,
    ) as sender:
        shared = sender.http
        gate = asyncio.Semaphore(max_concurrency)

        async def one(path_params: Mapping[str, str]) -> T:
            async with gate:
                return await acall(
                    endpoint,
                    api_key=api_key,
                    base_url=base_url,
                    client=shared,
                    path_params=path_params,
                    params=params,
                )

        tasks = [asyncio.ensure_future(one(path_params)) for path_params in each]
        try:
            return list(await asyncio.gather(*tasks))
        except BaseException:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise

"""An OpenRouter route declared once, and the one sync and one async caller of every utility.

A utility function is a declaration plus a call::

    CREDITS = Endpoint("GET", "/credits", key="management", result=Credits)

    def get_credits(*, api_key=None, base_url=None, client=None) -> Credits:
        return call(CREDITS, api_key=api_key, base_url=base_url, client=client)

The callers build the request from the declaration, send it through the internal client (its
retries, timeouts and typed errors) and parse the answer into the declared public type. Only
the lines that send differ between :func:`call` and :func:`acall`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from string import Formatter
from typing import Any, Generic, TypeVar
from urllib.parse import quote

import httpx
from pydantic import SecretStr, TypeAdapter

from langchain_openrouter._client import AsyncOpenRouterClient, OpenRouterClient
from langchain_openrouter._settings import KeyKind, acall_client, call_client

__all__ = ["Endpoint", "acall", "call"]

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
            ValueError: A placeholder has no value, or an empty one.
        """
        params = dict(path_params or {})
        missing = sorted(n for n in self.placeholders if not params.get(n))
        if missing:
            raise ValueError(f"{self.method} {self.path} needs a non-empty {', '.join(missing)}")
        return self.path.format(**{n: quote(str(params[n]), safe=_PATH_SAFE) for n in params})

    def parse(self, body: Any) -> T:
        """The public object from a decoded JSON body (pure).

        Raises:
            pydantic.ValidationError: The body does not have the documented shape.
        """
        if self.unwrap is not None:
            if not isinstance(body, dict) or self.unwrap not in body:
                raise ValueError(
                    f"{self.method} {self.path}: expected a JSON object with {self.unwrap!r}, "
                    f"got {str(body)[:200]!r}"
                )
            body = body[self.unwrap]
        return self._adapter.validate_python(body)


def _request_args(
    endpoint: Endpoint[Any],
    sender: OpenRouterClient | AsyncOpenRouterClient,
    path_params: Mapping[str, str] | None,
    params: Mapping[str, Any] | None,
    json: Any,
) -> tuple[str, dict[str, Any]]:
    """``(path, request keyword arguments)`` of one call, shared by both callers."""
    authenticate = endpoint.key != "none" and (
        endpoint.key_required or sender.config.api_key is not None
    )
    kwargs: dict[str, Any] = {"params": params, "authenticate": authenticate}
    if json is not None:
        kwargs["json"] = json
    return endpoint.url_path(path_params), kwargs


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
        path, kwargs = _request_args(endpoint, sender, path_params, params, json)
        body = sender.request_json(endpoint.method, path, **kwargs)
    return endpoint.parse(body)


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
        path, kwargs = _request_args(endpoint, sender, path_params, params, json)
        body = await sender.request_json(endpoint.method, path, **kwargs)
    return endpoint.parse(body)

"""Providers and their endpoints: ``list_providers()``, ``list_endpoints()``, ZDR endpoints.

``list_providers()``, ``list_endpoints()`` and ``list_zdr_endpoints()``, each sync and async.

OpenRouter routes: ``GET /providers``, ``GET /models/{author}/{slug}/endpoints`` and
``GET /endpoints/zdr`` (``openrouter-api.md`` §7.6, §10). The seed list's ``GET /endpoints``
does not exist (§10.3): ``list_endpoints()`` asks the per-model route, for every model of the
catalog when no model is named, several models at a time.
"""

from __future__ import annotations

from collections.abc import Sequence

import httpx
from pydantic import SecretStr

from langchain_openrouter._checks import check_int, check_text
from langchain_openrouter.platform._endpoint import (
    Endpoint,
    acall,
    acall_each,
    call,
    call_each,
)
from langchain_openrouter.platform.models import (
    _EVERY_MODEL,
    LIST_MODELS,
    _model_list,
    _path_params,
)
from langchain_openrouter.types import EndpointInfo, ModelEndpoints, ProviderInfo

__all__ = [
    "alist_endpoints",
    "alist_providers",
    "alist_zdr_endpoints",
    "list_endpoints",
    "list_providers",
    "list_zdr_endpoints",
]

PROVIDERS: Endpoint[list[ProviderInfo]] = Endpoint(
    "GET", "/providers", key="inference", result=list[ProviderInfo], key_required=False
)
MODEL_ENDPOINTS: Endpoint[ModelEndpoints] = Endpoint(
    "GET",
    "/models/{author}/{slug}/endpoints",
    key="inference",
    result=ModelEndpoints,
    key_required=False,
)
ZDR_ENDPOINTS: Endpoint[list[EndpointInfo]] = Endpoint(
    "GET", "/endpoints/zdr", key="inference", result=list[EndpointInfo], key_required=False
)

DEFAULT_CONCURRENCY = 8
"""Per-model requests in flight at most when :func:`list_endpoints` asks for many models."""


def _model_ids(model: str | Sequence[str]) -> list[str]:
    ids = _model_list(model)
    if not ids:
        raise ValueError("model: give a model id, a list of ids, or None for every model")
    for i, model_id in enumerate(ids):
        check_text(model_id, "model" if isinstance(model, str) else f"model[{i}]")
    return ids


def list_providers(
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> list[ProviderInfo]:
    """The upstream providers OpenRouter routes to.

    OpenRouter route: ``GET /providers`` (§10.1). Public: a key is sent only when given or set.
    A provider's ``slug`` is what ``provider.order`` / ``only`` / ``ignore`` and guardrail
    provider lists take; its ``name`` is what chat responses put in ``provider``.

    Args:
        api_key: Default ``OPENROUTER_API_KEY``; without one the request goes out unauthenticated.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        :class:`~langchain_openrouter.types.ProviderInfo` objects (headquarters and datacenters
        as ISO-3166 alpha-2 codes).

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        APIStatusError: OpenRouter answered with an error.

    Example:
        .. code-block:: python

            from langchain_openrouter import list_providers

            eu = [p.slug for p in list_providers() if p.headquarters in {"FR", "DE", "NL"}]
    """
    return call(PROVIDERS, api_key=api_key, base_url=base_url, client=client)


async def alist_providers(
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> list[ProviderInfo]:
    """Async :func:`list_providers`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            providers = await alist_providers()
    """
    return await acall(PROVIDERS, api_key=api_key, base_url=base_url, client=client)


def list_endpoints(
    model: str | Sequence[str] | None = None,
    *,
    max_concurrency: int = DEFAULT_CONCURRENCY,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> list[ModelEndpoints]:
    """The provider endpoints serving a model, some models, or every model.

    The seed list's ``GET /endpoints`` is not an OpenRouter route (§10.3). This function calls
    ``GET /models/{author}/{slug}/endpoints`` (§7.6) for each model; with ``model=None`` it
    first lists the whole catalog (``GET /models?output_modalities=all``) and asks for every
    model, at most ``max_concurrency`` requests at a time on threads, sharing one connection
    pool. Public: a key is sent only when given or set; with one, latency and throughput are
    filled in.

    Args:
        model: A model id (``"openai/gpt-4o-mini"``; variants such as ``:free`` are their own
            entries), a list of ids, or ``None`` for every model.
        max_concurrency: Requests in flight at most (>= 1).
        api_key: Default ``OPENROUTER_API_KEY``; without one the request goes out unauthenticated.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        One :class:`~langchain_openrouter.types.ModelEndpoints` per model, in the order asked
        (catalog order for ``None``); its ``endpoints`` hold one
        :class:`~langchain_openrouter.types.EndpointInfo` per provider (prices ``Decimal`` USD
        per token, latency in milliseconds, throughput in tokens per second).

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        ValueError: A model id is not ``author/slug``, the list is empty, or
            ``max_concurrency`` is below 1 (nothing is sent).
        NotFoundError: A model does not exist (the remaining requests are dropped).

    Example:
        .. code-block:: python

            from langchain_openrouter import list_endpoints

            (sonnet,) = list_endpoints("anthropic/claude-sonnet-4.5")
            for endpoint in sonnet.endpoints:
                print(endpoint.tag, endpoint.status, endpoint.uptime_last_1d)
    """
    check_int(max_concurrency, "max_concurrency", low=1)
    if model is None:
        models = call(
            LIST_MODELS, api_key=api_key, base_url=base_url, client=client, params=_EVERY_MODEL
        )
        model = [m.id for m in models]
    each = [_path_params(model_id) for model_id in _model_ids(model)]
    return call_each(
        MODEL_ENDPOINTS,
        each,
        max_concurrency=max_concurrency,
        api_key=api_key,
        base_url=base_url,
        client=client,
    )


async def alist_endpoints(
    model: str | Sequence[str] | None = None,
    *,
    max_concurrency: int = DEFAULT_CONCURRENCY,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> list[ModelEndpoints]:
    """Async :func:`list_endpoints`; ``client`` is an ``httpx.AsyncClient``.

    The per-model requests run as tasks, at most ``max_concurrency`` at a time (an
    ``asyncio.Semaphore``).

    Example:
        .. code-block:: python

            everything = await alist_endpoints(max_concurrency=4)
    """
    check_int(max_concurrency, "max_concurrency", low=1)
    if model is None:
        models = await acall(
            LIST_MODELS, api_key=api_key, base_url=base_url, client=client, params=_EVERY_MODEL
        )
        model = [m.id for m in models]
    each = [_path_params(model_id) for model_id in _model_ids(model)]
    return await acall_each(
        MODEL_ENDPOINTS,
        each,
        max_concurrency=max_concurrency,
        api_key=api_key,
        base_url=base_url,
        client=client,
    )


def list_zdr_endpoints(
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> list[EndpointInfo]:
    """Every endpoint that keeps no data (Zero Data Retention).

    What ``provider.zdr: true`` and a guardrail's ZDR flags would leave.

    OpenRouter route: ``GET /endpoints/zdr`` (§10.2). Public: a key is sent only when given or
    set; without one, latency and throughput are ``None``.

    Args:
        api_key: Default ``OPENROUTER_API_KEY``; without one the request goes out unauthenticated.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        :class:`~langchain_openrouter.types.EndpointInfo` objects; ``model_id`` names the model
        (canonical slug), ``tag`` the provider.

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        APIStatusError: OpenRouter answered with an error.

    Example:
        .. code-block:: python

            from langchain_openrouter import list_zdr_endpoints

            zdr_models = {e.model_id for e in list_zdr_endpoints()}
    """
    return call(ZDR_ENDPOINTS, api_key=api_key, base_url=base_url, client=client)


async def alist_zdr_endpoints(
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> list[EndpointInfo]:
    """Async :func:`list_zdr_endpoints`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            endpoints = await alist_zdr_endpoints()
    """
    return await acall(ZDR_ENDPOINTS, api_key=api_key, base_url=base_url, client=client)

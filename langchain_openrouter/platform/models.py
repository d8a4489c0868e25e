"""The model catalog: ``list_models()`` and ``get_model()``, sync and async.

OpenRouter routes: ``GET /models`` and ``GET /model/{author}/{slug}`` (``openrouter-api.md``
§7.1, §7.5). The seed list's ``GET /models/{id}`` does not exist; ``get_model`` calls the
singular route and, where an older deployment answers 404, finds the model in the full list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx
from pydantic import SecretStr

from langchain_openrouter.errors import NotFoundError
from langchain_openrouter.platform._endpoint import Endpoint, acall, call
from langchain_openrouter.types import ModelInfo

__all__ = ["aget_model", "alist_models", "get_model", "list_models"]

LIST_MODELS: Endpoint[list[ModelInfo]] = Endpoint(
    "GET", "/models", key="inference", result=list[ModelInfo], key_required=False
)
GET_MODEL: Endpoint[ModelInfo] = Endpoint(
    "GET", "/model/{author}/{slug}", key="inference", result=ModelInfo, key_required=False
)

Filter = str | Sequence[str] | None

# The whole catalog, for the get_model fallback: /models lists text models unless asked.
_EVERY_MODEL = {"output_modalities": "all"}


def _filters(
    supported_parameters: Filter,
    input_modalities: Filter,
    output_modalities: Filter,
    category: str | None,
) -> dict[str, Any]:
    return {
        "supported_parameters": supported_parameters,
        "input_modalities": input_modalities,
        "output_modalities": output_modalities,
        "category": category,
    }


def _path_params(model_id: str) -> dict[str, str]:
    author, _, slug = model_id.partition("/")
    if not author or not slug:
        raise ValueError(
            f"model_id must be 'author/slug' such as 'openai/gpt-4o-mini', got {model_id!r}"
        )
    return {"author": author, "slug": slug}


def _pick(models: list[ModelInfo], model_id: str, error: NotFoundError) -> ModelInfo:
    for model in models:
        if model_id in (model.id, model.canonical_slug):
            return model
    raise error


def list_models(
    *,
    supported_parameters: Filter = None,
    input_modalities: Filter = None,
    output_modalities: Filter = None,
    category: str | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> list[ModelInfo]:
    """The models OpenRouter lists, with prices, limits and capabilities.

    OpenRouter route: ``GET /models`` (§7.1). Public: a key is sent only when given or set.

    Args:
        supported_parameters: Only models that accept all of these request parameters, e.g.
            ``["tools", "structured_outputs"]``.
        input_modalities: Only models taking these inputs (``text``, ``image``, ``file``,
            ``audio``).
        output_modalities: Only models producing these outputs; OpenRouter's default is
            ``"text"`` (image-only and embedding models are then left out); ``"all"`` lists
            every model.
        category: A use-case category such as ``"programming"``.
        api_key: Default ``OPENROUTER_API_KEY``; without one the request goes out unauthenticated.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        The models, as :class:`~langchain_openrouter.types.ModelInfo` (prices ``Decimal`` USD
        per token).

    Raises:
        MissingAPIKeyError: No key given or in the environment (nothing is sent).
        APIStatusError: OpenRouter answered with an error.

    Example:
        .. code-block:: python

            from langchain_openrouter import list_models

            for model in list_models(supported_parameters=["tools"]):
                print(model.id, model.context_length)
    """
    return call(
        LIST_MODELS,
        api_key=api_key,
        base_url=base_url,
        client=client,
        params=_filters(supported_parameters, input_modalities, output_modalities, category),
    )


async def alist_models(
    *,
    supported_parameters: Filter = None,
    input_modalities: Filter = None,
    output_modalities: Filter = None,
    category: str | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> list[ModelInfo]:
    """Async :func:`list_models`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            models = await alist_models(output_modalities="all")
    """
    return await acall(
        LIST_MODELS,
        api_key=api_key,
        base_url=base_url,
        client=client,
        params=_filters(supported_parameters, input_modalities, output_modalities, category),
    )


def get_model(
    model_id: str,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> ModelInfo:
    """One model of the catalog, by id (variants and aliases resolve) or canonical slug.

    OpenRouter route: ``GET /model/{author}/{slug}`` (§7.5); on a 404 the full list
    (``GET /models?output_modalities=all``) is searched, as older deployments lack the route.

    Args:
        model_id: ``"author/slug"``, e.g. ``"openai/gpt-4o-mini"``.
        api_key: Default ``OPENROUTER_API_KEY``; without one the request goes out unauthenticated.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        The model.

    Raises:
        ValueError: ``model_id`` is not ``author/slug`` (nothing is sent).
        NotFoundError: No such model.

    Example:
        .. code-block:: python

            from langchain_openrouter import get_model

            model = get_model("openai/gpt-4o-mini")
            print(model.name, model.pricing.prompt * 1_000_000, "USD per million prompt tokens")
    """
    path_params = _path_params(model_id)
    connection: dict[str, Any] = {"api_key": api_key, "base_url": base_url, "client": client}
    try:
        return call(GET_MODEL, path_params=path_params, **connection)
    except NotFoundError as error:
        return _pick(call(LIST_MODELS, params=_EVERY_MODEL, **connection), model_id, error)


async def aget_model(
    model_id: str,
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> ModelInfo:
    """Async :func:`get_model`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            model = await aget_model("anthropic/claude-sonnet-4.5")
    """
    path_params = _path_params(model_id)
    connection: dict[str, Any] = {"api_key": api_key, "base_url": base_url, "client": client}
    try:
        return await acall(GET_MODEL, path_params=path_params, **connection)
    except NotFoundError as error:
        models = await acall(LIST_MODELS, params=_EVERY_MODEL, **connection)
        return _pick(models, model_id, error)

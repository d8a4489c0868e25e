"""The model catalog: all models, one model, the account's, embedding models, the count.

``list_models()``, ``get_model()``, ``list_user_models()``, ``list_embedding_models()`` and
``count_models()``, each sync and async.

OpenRouter routes: ``GET /models``, ``GET /model/{author}/{slug}``, ``GET /models/user``,
``GET /embeddings/models`` and ``GET /models/count`` (``openrouter-api.md`` §7, §9.2). The
seed list's ``GET /models/{id}`` does not exist; ``get_model`` calls the singular route and,
where an older deployment answers 404, finds the model in the full list.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import httpx
from pydantic import SecretStr

from langchain_openrouter._checks import check_choices, check_text
from langchain_openrouter.errors import NotFoundError
from langchain_openrouter.platform._endpoint import Endpoint, acall, call
from langchain_openrouter.types import ModelCount, ModelInfo

__all__ = [
    "acount_models",
    "aget_model",
    "alist_embedding_models",
    "alist_models",
    "alist_user_models",
    "count_models",
    "get_model",
    "list_embedding_models",
    "list_models",
    "list_user_models",
]

LIST_MODELS: Endpoint[list[ModelInfo]] = Endpoint(
    "GET", "/models", key="inference", result=list[ModelInfo], key_required=False
)
GET_MODEL: Endpoint[ModelInfo] = Endpoint(
    "GET", "/model/{author}/{slug}", key="inference", result=ModelInfo, key_required=False
)
USER_MODELS: Endpoint[list[ModelInfo]] = Endpoint(
    "GET", "/models/user", key="inference", result=list[ModelInfo]
)
EMBEDDING_MODELS: Endpoint[list[ModelInfo]] = Endpoint(
    "GET", "/embeddings/models", key="inference", result=list[ModelInfo], key_required=False
)
COUNT_MODELS: Endpoint[ModelCount] = Endpoint(
    "GET", "/models/count", key="inference", result=ModelCount, key_required=False
)

Filter = str | Sequence[str] | None

# The whole catalog, for the get_model fallback: /models lists text models unless asked.
_EVERY_MODEL = {"output_modalities": "all"}


INPUT_MODALITIES = ("text", "image", "file", "audio", "video")
"""What a catalog model may take (``architecture.input_modalities``, openrouter-api.md §7.1)."""
OUTPUT_MODALITIES = (
    "text",
    "image",
    "embeddings",
    "audio",
    "video",
    "rerank",
    "speech",
    "transcription",
)
"""What a catalog model may produce (``architecture.output_modalities``, §7.1)."""


def _names(value: Filter, field: str) -> str | Sequence[str] | None:
    """A filter of names (a str or a list of them), with no empty name (pure)."""
    if value is None:
        return None
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, Sequence):
        raise TypeError(f"{field} must be a str or a list of str, got {type(value).__name__}")
    for item in items:
        check_text(item, field)
    return value


def _filters(
    supported_parameters: Filter,
    input_modalities: Filter,
    output_modalities: Filter,
    category: str | None,
) -> dict[str, Any]:
    """The ``GET /models`` query, checked: a misspelt modality would silently list nothing."""
    return {
        "supported_parameters": _names(supported_parameters, "supported_parameters"),
        "input_modalities": _modalities(input_modalities, "input_modalities", INPUT_MODALITIES),
        "output_modalities": _modalities(
            output_modalities, "output_modalities", (*OUTPUT_MODALITIES, "all")
        ),
        "category": check_text(category, "category", example="'programming'"),
    }


def _modalities(value: Filter, field: str, allowed: Sequence[str]) -> Filter:
    # OpenRouter takes a comma-separated string too ("text,image").
    items = value.split(",") if isinstance(value, str) else value
    if items is not None:
        check_choices(items, field, allowed)
    return value


def _model_list(model: str | Sequence[str]) -> list[str]:
    """One model id or a sequence of them, as a list; a ``TypeError`` for anything else."""
    if isinstance(model, str):
        return [model]
    ids = list(model) if isinstance(model, Iterable) else None
    if ids is None or not all(isinstance(m, str) for m in ids):
        what = type(model).__name__ + ("" if ids is None else " with a non-str item")
        raise TypeError(f"model must be a model id, a list of ids or None, got {what}")
    return ids


def _path_params(model_id: str) -> dict[str, str]:
    if not isinstance(model_id, str):
        raise TypeError(
            f"model_id must be a str such as 'openai/gpt-4o-mini', got {type(model_id).__name__}"
        )
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
        TypeError: An argument of the wrong type (nothing is sent).
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
        TypeError: An argument of the wrong type (nothing is sent).
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


def list_user_models(
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> list[ModelInfo]:
    """The models this account may use.

    The catalog filtered by the account's provider preferences, privacy settings and
    guardrails.

    OpenRouter route: ``GET /models/user`` (§7.4), which needs a key: the answer depends on it.
    Same objects as :func:`list_models`; the whole list is returned (no ``offset``/``limit``).

    Args:
        api_key: Default ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        The models, as :class:`~langchain_openrouter.types.ModelInfo`.

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        MissingAPIKeyError: No key given or in the environment (nothing is sent).
        AuthenticationError: The key is unknown or disabled (401).

    Example:
        .. code-block:: python

            from langchain_openrouter import list_user_models

            allowed = {m.id for m in list_user_models()}
            print("openai/gpt-4o-mini" in allowed)
    """
    return call(USER_MODELS, api_key=api_key, base_url=base_url, client=client)


async def alist_user_models(
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> list[ModelInfo]:
    """Async :func:`list_user_models`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            models = await alist_user_models()
    """
    return await acall(USER_MODELS, api_key=api_key, base_url=base_url, client=client)


def list_embedding_models(
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> list[ModelInfo]:
    """The models ``POST /embeddings`` accepts (output modality ``embeddings``).

    OpenRouter route: ``GET /embeddings/models`` (§9.2), the same as
    ``list_models(output_modalities="embeddings")``. Public: a key is sent only when given or
    set. The whole list is returned (no ``offset``/``limit``).

    Args:
        api_key: Default ``OPENROUTER_API_KEY``; without one the request goes out unauthenticated.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        The models, as :class:`~langchain_openrouter.types.ModelInfo` (prices ``Decimal`` USD
        per input token).

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        APIStatusError: OpenRouter answered with an error.

    Example:
        .. code-block:: python

            from langchain_openrouter import list_embedding_models

            for model in list_embedding_models():
                print(model.id, model.pricing.prompt * 1_000_000, "USD per million tokens")
    """
    return call(EMBEDDING_MODELS, api_key=api_key, base_url=base_url, client=client)


async def alist_embedding_models(
    *,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> list[ModelInfo]:
    """Async :func:`list_embedding_models`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            models = await alist_embedding_models()
    """
    return await acall(EMBEDDING_MODELS, api_key=api_key, base_url=base_url, client=client)


def count_models(
    *,
    output_modalities: Filter = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> ModelCount:
    """How many models :func:`list_models` would list, without fetching them.

    OpenRouter route: ``GET /models/count`` (§7.3). Public: a key is sent only when given or
    set.

    Args:
        output_modalities: As in :func:`list_models`; OpenRouter's default counts text-output
            models only, ``"all"`` counts every model.
        api_key: Default ``OPENROUTER_API_KEY``; without one the request goes out unauthenticated.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        :class:`~langchain_openrouter.types.ModelCount`; the number is ``.count``.

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        APIStatusError: OpenRouter answered with an error.

    Example:
        .. code-block:: python

            from langchain_openrouter import count_models

            print(count_models(output_modalities="all").count, "models")
    """
    return call(
        COUNT_MODELS,
        api_key=api_key,
        base_url=base_url,
        client=client,
        params={
            "output_modalities": _modalities(
                output_modalities, "output_modalities", (*OUTPUT_MODALITIES, "all")
            )
        },
    )


async def acount_models(
    *,
    output_modalities: Filter = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> ModelCount:
    """Async :func:`count_models`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            total = (await acount_models()).count
    """
    return await acall(
        COUNT_MODELS,
        api_key=api_key,
        base_url=base_url,
        client=client,
        params={
            "output_modalities": _modalities(
                output_modalities, "output_modalities", (*OUTPUT_MODALITIES, "all")
            )
        },
    )

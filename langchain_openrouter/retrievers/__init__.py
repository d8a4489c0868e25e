"""Find OpenRouter models for a task: :class:`OpenRouterModelRetriever` and a chat-model helper.

Modules: ``catalog_cache`` (the shared, TTL-bound catalog and its fetch), ``constraints`` (the
typed hard constraints), ``query`` (the plain-query parser), ``ranking`` (BM25), ``summary``
(each document's text) and ``retriever`` (the ``BaseRetriever``).
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

from langchain_openrouter._settings import OpenRouterSettings
from langchain_openrouter.retrievers import catalog_cache as _catalog_cache
from langchain_openrouter.retrievers.retriever import OpenRouterModelRetriever

if TYPE_CHECKING:
    from langchain_openrouter.chat_models import ChatOpenRouter

__all__ = ["OpenRouterModelRetriever", "clear_catalog_cache", "pick_chat_model"]


def clear_catalog_cache() -> None:
    """Forget every cached catalog; the next search of any retriever fetches it again."""
    _catalog_cache.CATALOG_CACHE.clear()


def pick_chat_model(
    query: str, retriever: OpenRouterModelRetriever | None = None, **chat_kwargs: Any
) -> ChatOpenRouter:
    """The best model for ``query`` as a ready ``ChatOpenRouter``.

    Args:
        query: What the model is for, e.g. ``"cheapest model with tools and 128k context"``.
        retriever: The retriever to search with (its constraints apply); default a new one
            with the connection settings of ``chat_kwargs`` (``api_key``, ``base_url``,
            HTTP clients, ``timeout`` ...), else those found in the environment.
        **chat_kwargs: More ``ChatOpenRouter`` arguments (``temperature=0`` ...). The
            retriever's ``api_key``, ``base_url`` and HTTP clients are passed on unless given.

    Returns:
        ``ChatOpenRouter(model=<the top result's id>, ...)``.

    Raises:
        TypeError: ``query`` is not a ``str`` or ``retriever`` not a retriever (nothing sent).
        ValueError: A bad ``ChatOpenRouter`` argument in ``chat_kwargs`` (nothing sent).
        LookupError: No model meets the query's constraints.

    Example:
        .. code-block:: python

            from langchain_openrouter.retrievers import pick_chat_model

            llm = pick_chat_model("cheapest model with tools and vision")
            print(llm.model_name)
    """
    from langchain_openrouter.chat_models import ChatOpenRouter

    if not isinstance(query, str):
        raise TypeError(
            f"query must be a str such as 'cheap model with tools', got {type(query).__name__}"
        )
    if retriever is not None and not isinstance(retriever, OpenRouterModelRetriever):
        raise TypeError(
            f"retriever must be an OpenRouterModelRetriever or None, got {type(retriever).__name__}"
        )
    # The chat arguments are checked before the search: a bad temperature found after it
    # would have cost a catalog request. Warnings come from the model actually returned.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ChatOpenRouter(model="openrouter/auto", **chat_kwargs)
    if retriever is None:
        # The search must reach the OpenRouter (or emulator) the chat model will talk to.
        connection_names = {
            name
            for field_name, info in OpenRouterSettings.model_fields.items()
            for name in (field_name, info.alias)
            if name is not None
        }
        retriever = OpenRouterModelRetriever(
            **{name: value for name, value in chat_kwargs.items() if name in connection_names}
        )
    documents = retriever.invoke(query, k=1)
    if not documents:
        raise LookupError(
            f"no OpenRouter model meets the constraints of {query!r}; loosen the query or the "
            "retriever's fields"
        )
    connection = {
        "api_key": retriever.openrouter_api_key,
        "base_url": retriever.openrouter_api_base,
        "http_client": retriever.http_client,
        "http_async_client": retriever.http_async_client,
    }
    for name, value in connection.items():
        if value is not None:
            chat_kwargs.setdefault(name, value)
    return ChatOpenRouter(model=documents[0].metadata["id"], **chat_kwargs)

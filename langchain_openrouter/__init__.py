"""OpenRouter for LangChain.

The public names load lazily: ``import langchain_openrouter`` stays cheap, and tiktoken, the
emulator and the chat model's dependencies load only when first used. The platform utilities
(``get_credits()`` ...) are importable from here and from :mod:`langchain_openrouter.platform`;
the objects they return live in :mod:`langchain_openrouter.types`.

Example:
    .. code-block:: python

        from langchain_openrouter import ChatOpenRouter, get_credits

        llm = ChatOpenRouter(model="openai/gpt-4o-mini")
        print(llm.invoke("Say hi").content)
        print(get_credits().balance)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from langchain_openrouter._lazy import lazy_exports
from langchain_openrouter._version import __version__

if TYPE_CHECKING:
    from langchain_openrouter.callbacks import (
        OpenRouterCostCallbackHandler,
        get_openrouter_callback,
    )
    from langchain_openrouter.chat_models import ChatOpenRouter
    from langchain_openrouter.embeddings import OpenRouterEmbeddings
    from langchain_openrouter.platform import (
        acreate_api_key,
        acreate_coinbase_charge,
        adelete_api_key,
        aget_activity,
        aget_credits,
        aget_generation,
        aget_key_info,
        aget_model,
        aiter_api_keys,
        alist_api_keys,
        alist_models,
        aupdate_api_key,
        create_api_key,
        create_coinbase_charge,
        delete_api_key,
        get_activity,
        get_credits,
        get_generation,
        get_key_info,
        get_model,
        iter_api_keys,
        list_api_keys,
        list_models,
        update_api_key,
    )
    from langchain_openrouter.rerank import OpenRouterRerank
    from langchain_openrouter.retrievers import OpenRouterModelRetriever

_PLATFORM = "langchain_openrouter.platform"

# public name -> module that defines it
_LAZY: dict[str, str] = {
    "ChatOpenRouter": "langchain_openrouter.chat_models",
    "OpenRouterCostCallbackHandler": "langchain_openrouter.callbacks",
    "OpenRouterEmbeddings": "langchain_openrouter.embeddings",
    "OpenRouterModelRetriever": "langchain_openrouter.retrievers",
    "OpenRouterRerank": "langchain_openrouter.rerank",
    "acreate_api_key": _PLATFORM,
    "acreate_coinbase_charge": _PLATFORM,
    "adelete_api_key": _PLATFORM,
    "aget_activity": _PLATFORM,
    "aget_credits": _PLATFORM,
    "aget_generation": _PLATFORM,
    "aget_key_info": _PLATFORM,
    "aget_model": _PLATFORM,
    "aiter_api_keys": _PLATFORM,
    "alist_api_keys": _PLATFORM,
    "alist_models": _PLATFORM,
    "aupdate_api_key": _PLATFORM,
    "create_api_key": _PLATFORM,
    "create_coinbase_charge": _PLATFORM,
    "delete_api_key": _PLATFORM,
    "get_activity": _PLATFORM,
    "get_credits": _PLATFORM,
    "get_generation": _PLATFORM,
    "get_key_info": _PLATFORM,
    "get_model": _PLATFORM,
    "get_openrouter_callback": "langchain_openrouter.callbacks",
    "iter_api_keys": _PLATFORM,
    "list_api_keys": _PLATFORM,
    "list_models": _PLATFORM,
    "update_api_key": _PLATFORM,
}

__all__ = [
    "ChatOpenRouter",
    "OpenRouterCostCallbackHandler",
    "OpenRouterEmbeddings",
    "OpenRouterModelRetriever",
    "OpenRouterRerank",
    "__version__",
    "acreate_api_key",
    "acreate_coinbase_charge",
    "adelete_api_key",
    "aget_activity",
    "aget_credits",
    "aget_generation",
    "aget_key_info",
    "aget_model",
    "aiter_api_keys",
    "alist_api_keys",
    "alist_models",
    "aupdate_api_key",
    "create_api_key",
    "create_coinbase_charge",
    "delete_api_key",
    "get_activity",
    "get_credits",
    "get_generation",
    "get_key_info",
    "get_model",
    "get_openrouter_callback",
    "iter_api_keys",
    "list_api_keys",
    "list_models",
    "update_api_key",
]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals(), __all__)

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
    from langchain_openrouter.chat_models import ChatOpenRouter
    from langchain_openrouter.platform import (
        acreate_auth_code,
        aexchange_code_for_api_key,
        aget_credits,
        aget_model,
        alist_models,
        alogin,
        build_authorization_url,
        create_auth_code,
        create_pkce_pair,
        exchange_code_for_api_key,
        get_credits,
        get_model,
        list_models,
        login,
    )

_PLATFORM = "langchain_openrouter.platform"

# public name -> module that defines it
_LAZY: dict[str, str] = {
    "ChatOpenRouter": "langchain_openrouter.chat_models",
    "acreate_auth_code": _PLATFORM,
    "aexchange_code_for_api_key": _PLATFORM,
    "aget_credits": _PLATFORM,
    "aget_model": _PLATFORM,
    "alist_models": _PLATFORM,
    "alogin": _PLATFORM,
    "build_authorization_url": _PLATFORM,
    "create_auth_code": _PLATFORM,
    "create_pkce_pair": _PLATFORM,
    "exchange_code_for_api_key": _PLATFORM,
    "get_credits": _PLATFORM,
    "get_model": _PLATFORM,
    "list_models": _PLATFORM,
    "login": _PLATFORM,
}

__all__ = [
    "ChatOpenRouter",
    "__version__",
    "acreate_auth_code",
    "aexchange_code_for_api_key",
    "aget_credits",
    "aget_model",
    "alist_models",
    "alogin",
    "build_authorization_url",
    "create_auth_code",
    "create_pkce_pair",
    "exchange_code_for_api_key",
    "get_credits",
    "get_model",
    "list_models",
    "login",
]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals(), __all__)

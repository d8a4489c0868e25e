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
        aassign_guardrail_keys,
        aassign_guardrail_members,
        acount_models,
        acreate_guardrail,
        adelete_guardrail,
        aget_credits,
        aget_guardrail,
        aget_model,
        alist_embedding_models,
        alist_endpoints,
        alist_guardrail_key_assignments,
        alist_guardrail_member_assignments,
        alist_guardrails,
        alist_models,
        alist_providers,
        alist_user_models,
        alist_zdr_endpoints,
        assign_guardrail_keys,
        assign_guardrail_members,
        aunassign_guardrail_keys,
        aunassign_guardrail_members,
        aupdate_guardrail,
        count_models,
        create_guardrail,
        delete_guardrail,
        get_credits,
        get_guardrail,
        get_model,
        list_embedding_models,
        list_endpoints,
        list_guardrail_key_assignments,
        list_guardrail_member_assignments,
        list_guardrails,
        list_models,
        list_providers,
        list_user_models,
        list_zdr_endpoints,
        unassign_guardrail_keys,
        unassign_guardrail_members,
        update_guardrail,
    )

_PLATFORM = "langchain_openrouter.platform"

# public name -> module that defines it
_LAZY: dict[str, str] = {
    "ChatOpenRouter": "langchain_openrouter.chat_models",
    "aassign_guardrail_keys": _PLATFORM,
    "aassign_guardrail_members": _PLATFORM,
    "acount_models": _PLATFORM,
    "acreate_guardrail": _PLATFORM,
    "adelete_guardrail": _PLATFORM,
    "aget_credits": _PLATFORM,
    "aget_guardrail": _PLATFORM,
    "aget_model": _PLATFORM,
    "alist_embedding_models": _PLATFORM,
    "alist_endpoints": _PLATFORM,
    "alist_guardrail_key_assignments": _PLATFORM,
    "alist_guardrail_member_assignments": _PLATFORM,
    "alist_guardrails": _PLATFORM,
    "alist_models": _PLATFORM,
    "alist_providers": _PLATFORM,
    "alist_user_models": _PLATFORM,
    "alist_zdr_endpoints": _PLATFORM,
    "assign_guardrail_keys": _PLATFORM,
    "assign_guardrail_members": _PLATFORM,
    "aunassign_guardrail_keys": _PLATFORM,
    "aunassign_guardrail_members": _PLATFORM,
    "aupdate_guardrail": _PLATFORM,
    "count_models": _PLATFORM,
    "create_guardrail": _PLATFORM,
    "delete_guardrail": _PLATFORM,
    "get_credits": _PLATFORM,
    "get_guardrail": _PLATFORM,
    "get_model": _PLATFORM,
    "list_embedding_models": _PLATFORM,
    "list_endpoints": _PLATFORM,
    "list_guardrail_key_assignments": _PLATFORM,
    "list_guardrail_member_assignments": _PLATFORM,
    "list_guardrails": _PLATFORM,
    "list_models": _PLATFORM,
    "list_providers": _PLATFORM,
    "list_user_models": _PLATFORM,
    "list_zdr_endpoints": _PLATFORM,
    "unassign_guardrail_keys": _PLATFORM,
    "unassign_guardrail_members": _PLATFORM,
    "update_guardrail": _PLATFORM,
}

__all__ = [
    "ChatOpenRouter",
    "__version__",
    "aassign_guardrail_keys",
    "aassign_guardrail_members",
    "acount_models",
    "acreate_guardrail",
    "adelete_guardrail",
    "aget_credits",
    "aget_guardrail",
    "aget_model",
    "alist_embedding_models",
    "alist_endpoints",
    "alist_guardrail_key_assignments",
    "alist_guardrail_member_assignments",
    "alist_guardrails",
    "alist_models",
    "alist_providers",
    "alist_user_models",
    "alist_zdr_endpoints",
    "assign_guardrail_keys",
    "assign_guardrail_members",
    "aunassign_guardrail_keys",
    "aunassign_guardrail_members",
    "aupdate_guardrail",
    "count_models",
    "create_guardrail",
    "delete_guardrail",
    "get_credits",
    "get_guardrail",
    "get_model",
    "list_embedding_models",
    "list_endpoints",
    "list_guardrail_key_assignments",
    "list_guardrail_member_assignments",
    "list_guardrails",
    "list_models",
    "list_providers",
    "list_user_models",
    "list_zdr_endpoints",
    "unassign_guardrail_keys",
    "unassign_guardrail_members",
    "update_guardrail",
]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals(), __all__)

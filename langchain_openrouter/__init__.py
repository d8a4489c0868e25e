"""OpenRouter for LangChain.

The public names load lazily: ``import langchain_openrouter`` stays cheap, and tiktoken, the
emulator and the chat model's dependencies load only when first used.

Example:
    .. code-block:: python

        from langchain_openrouter import ChatOpenRouter

        llm = ChatOpenRouter(model="openai/gpt-4o-mini")
        print(llm.invoke("Say hi").content)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from langchain_openrouter._lazy import lazy_exports
from langchain_openrouter._version import __version__

if TYPE_CHECKING:
    from langchain_openrouter.chat_models import ChatOpenRouter
    from langchain_openrouter.retrievers import OpenRouterModelRetriever

# public name -> module that defines it
_LAZY: dict[str, str] = {
    "ChatOpenRouter": "langchain_openrouter.chat_models",
    "OpenRouterModelRetriever": "langchain_openrouter.retrievers",
}

__all__ = ["ChatOpenRouter", "OpenRouterModelRetriever", "__version__"]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals(), __all__)

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

from importlib import import_module
from typing import TYPE_CHECKING, Any

from langchain_openrouter._version import __version__

if TYPE_CHECKING:
    from langchain_openrouter.chat_models import ChatOpenRouter

# public name -> module that defines it
_LAZY: dict[str, str] = {
    "ChatOpenRouter": "langchain_openrouter.chat_models",
}

__all__ = ["ChatOpenRouter", "__version__"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'langchain_openrouter' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)

"""The OpenRouter chat model.

``ChatOpenRouter`` loads on first access, so the pure helpers (``payload``, ``profiles``...)
import without the model's dependencies. The helper modules export nothing (their ``__all__`` is
empty): the package's public names are those of ``langchain_openrouter``, ``.types``,
``.errors``, ``.platform`` and ``.testing``, listed in unit_tests/test_public_api.py.

Example:
    .. code-block:: python

        from langchain_openrouter.chat_models import ChatOpenRouter

        llm = ChatOpenRouter(model="openai/gpt-4o-mini")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from langchain_openrouter.chat_models.base import ChatOpenRouter

__all__ = ["ChatOpenRouter"]


def __getattr__(name: str) -> Any:
    if name != "ChatOpenRouter":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from langchain_openrouter.chat_models.base import ChatOpenRouter

    globals()[name] = ChatOpenRouter
    return ChatOpenRouter

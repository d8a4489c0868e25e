"""Lazy public names for a package ``__init__``: a name's module loads at its first use.

This keeps ``import langchain_openrouter`` (and ``.testing``) cheap: the chat model, tiktoken
and the emulator load only when someone touches them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from importlib import import_module
from typing import Any


def lazy_exports(
    package: str, table: Mapping[str, str], namespace: dict[str, Any], public: Sequence[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module-level ``__getattr__`` and ``__dir__`` of a package with lazy names.

    Args:
        package: The package's ``__name__`` (for error messages).
        table: Public name -> the module that defines it.
        namespace: The package's ``globals()``; a loaded name is cached there.
        public: The package's ``__all__``.

    Returns:
        ``(__getattr__, __dir__)``.

    Example:
        >>> getattr_, dir_ = lazy_exports("pkg", {"dumps": "json"}, {}, ["dumps"])
        >>> getattr_("dumps").__module__, dir_()
        ('json', ['dumps'])
    """

    def __getattr__(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(public)

    return __getattr__, __dir__

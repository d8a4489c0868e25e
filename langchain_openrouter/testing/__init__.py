"""A local OpenRouter for tests, demos and offline development.

``OpenRouterEmulator`` loads lazily: importing this package costs nothing until it is used.

Example:
    .. code-block:: python

        from langchain_openrouter.testing import OpenRouterEmulator

        emu = OpenRouterEmulator()
        with emu.serve() as base_url:
            ...  # point any OpenRouter client at base_url with api_key=emu.api_key
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from langchain_openrouter._lazy import lazy_exports

if TYPE_CHECKING:
    from langchain_openrouter.testing.emulator import OpenRouterEmulator
    from langchain_openrouter.testing.faults import Fault
    from langchain_openrouter.testing.model.script import ScriptRule
    from langchain_openrouter.testing.wire import Request, Response

_LAZY: dict[str, str] = {
    "OpenRouterEmulator": "langchain_openrouter.testing.emulator",
    "Fault": "langchain_openrouter.testing.faults",
    "ScriptRule": "langchain_openrouter.testing.model.script",
    "Request": "langchain_openrouter.testing.wire",
    "Response": "langchain_openrouter.testing.wire",
}

__all__ = ["Fault", "OpenRouterEmulator", "Request", "Response", "ScriptRule"]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals(), __all__)

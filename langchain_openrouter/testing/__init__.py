"""A local OpenRouter for tests, demos and offline development.

``OpenRouterEmulator`` loads lazily: importing this package costs nothing until it is used.

Where things are: ``emulator.py`` is the public class; ``app.py`` routes a :class:`Request` to a
:class:`Response` (pure), handing each route a ``context.py`` ``Ctx`` over ``state.py`` (keys,
credits, guardrails, generations), ``catalog.py`` (models, providers) and ``faults.py``.
``generation.py`` serves one generation for every model route: ``validate.py`` checks the body,
``policy.py`` credits and guardrails, ``usage.py`` counts and bills, ``stream.py`` frames SSE,
``wire.py`` holds the request, response and error shapes. ``routes/`` has one module per API
area, ``model/`` the scripted model (script rules, tool use, JSON mode, schemas, prompt
reading, plugins), ``hosts/`` the 127.0.0.1 server and the httpx transport.

Example:
    .. code-block:: python

        from langchain_openrouter.testing import OpenRouterEmulator

        emu = OpenRouterEmulator()
        llm = emu.chat_model("openai/gpt-4o-mini")  # in-process, sync and async
        assert llm.invoke("Hello").content == "Hello"
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

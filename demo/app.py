"""The demo from start to end: say where it runs, ask before spending, run the scenes.

Example:
    .. code-block:: python

        from demo.app import main

        exit_code = main()  # as `python -m demo` does
"""

from __future__ import annotations

import sys
import time
from collections.abc import Mapping
from typing import TextIO

from rich.console import Console

from demo.backend import open_backend
from demo.budget import confirm_spending, estimate_cost, plan_for, prices_for
from demo.render import make_console
from langchain_openrouter import get_openrouter_callback
from langchain_openrouter.errors import OpenRouterError

__all__ = ["main"]


def main(
    *,
    console: Console | None = None,
    environ: Mapping[str, str] | None = None,
    stdin: TextIO | None = None,
) -> int:
    """Run the demo; returns the exit code.

    Args:
        console: Where to draw (default: stdout).
        environ: The environment to read ``OPENROUTER_API_KEY`` and the base URL from
            (default ``os.environ``).
        stdin: Where a yes to spending comes from (default ``sys.stdin``).

    Returns:
        0 when the demo ran, or when it stopped because spending was not confirmed; 1 when a
        request failed (the error is printed).
    """
    console = console or make_console()
    started = time.perf_counter()
    with open_backend(environ) as backend:
        # The first line says which service answers, before anything else is printed.
        console.print(backend.banner(), style="bold", soft_wrap=True, highlight=False)
        with console.status("Loading LangChain…"):
            # LangChain and LangGraph take seconds to import: after the first line, not before.
            from demo.scenes import SCENES, show_costs
        try:
            if not backend.is_emulator:
                plan = plan_for(backend.models)
                with console.status("Pricing the run from the model catalog…"):
                    cost = estimate_cost(plan, prices_for(backend))
                requests = sum(step.requests for step in plan)
                if not confirm_spending(console, cost, requests, stdin or sys.stdin):
                    return 0
            with get_openrouter_callback() as cb:
                for scene in SCENES:
                    scene(console, backend)
            show_costs(console, backend, cb)
        except OpenRouterError as error:
            console.print(f"[red]The demo stopped: {type(error).__name__}: {error}")
            return 1
    console.print(f"\nDone in {time.perf_counter() - started:.1f} s.", style="dim")
    return 0

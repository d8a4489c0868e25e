"""Import time of ``langchain_openrouter`` beyond ``langchain_core``, in fresh interpreters.

Each run starts a new interpreter that first imports ``langchain_core.language_models``
(which any LangChain app has already paid for), then times importing the package and
resolving ``ChatOpenRouter`` (the lazy attribute loads the chat model). The baseline run times
``langchain_core.language_models`` itself, for scale.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from dataclasses import dataclass

_CORE = """
import time
t = time.perf_counter()
import langchain_core.language_models
print(time.perf_counter() - t)
"""

_PACKAGE = """
import time
import langchain_core.language_models
t = time.perf_counter()
import langchain_openrouter
langchain_openrouter.ChatOpenRouter
print(time.perf_counter() - t)
"""


@dataclass(frozen=True)
class ImportTimes:
    """Medians in seconds, with all samples."""

    core: list[float]
    extra: list[float]

    @property
    def core_median(self) -> float:
        return statistics.median(self.core)

    @property
    def extra_median(self) -> float:
        return statistics.median(self.extra)


def _once(code: str) -> float:
    # The code is one of this module's constants, run by the current interpreter.
    command = [sys.executable, "-c", code]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    return float(out.strip().splitlines()[-1])


def measure(runs: int = 5) -> ImportTimes:
    """Median of ``runs`` fresh interpreters each (after one untimed run to fill .pyc caches)."""
    _once(_CORE)
    _once(_PACKAGE)
    core: list[float] = []
    extra: list[float] = []
    for _ in range(runs):
        core.append(_once(_CORE))
        extra.append(_once(_PACKAGE))
    return ImportTimes(core, extra)

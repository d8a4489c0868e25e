"""Import time of ``langchain_openrouter`` beyond ``langchain_core``, in fresh interpreters.

Each run starts a new interpreter that first imports ``langchain_core.language_models``
(which any LangChain app has already paid for), then times importing the package and
resolving ``ChatOpenRouter`` (the lazy attribute loads the chat model). For scale, other runs
time ``langchain_core.language_models`` itself, and the floor model (``BaseChatModel``, httpx
and a 30-line subclass): in langchain-core 1.x ``langchain_core.language_models`` loads
``BaseChatModel`` lazily, so the floor shows what any chat model pays on top of it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
# Installed packages have bytecode; without it every run would time the compiler. A private
# cache directory gives the runs bytecode without writing into the repository or the venv, even
# where PYTHONDONTWRITEBYTECODE is set.
_PYCACHE = Path(tempfile.gettempdir()) / "langchain-openrouter-bench-pycache"

_CORE = """
import time
t = time.perf_counter()
import langchain_core.language_models
print(time.perf_counter() - t)
"""

_AFTER_CORE = """
import time
import langchain_core.language_models
t = time.perf_counter()
{}
print(time.perf_counter() - t)
"""

_LOAD_PACKAGE = "import langchain_openrouter\nlangchain_openrouter.ChatOpenRouter"
_FLOOR = _AFTER_CORE.format("import bench.floor")
_PACKAGE = _AFTER_CORE.format(_LOAD_PACKAGE)
# Timed after the floor: what ChatOpenRouter costs beyond what any chat model pays (measured
# directly, since the difference of two 1.7 s medians is mostly noise).
_OWN = _AFTER_CORE.replace("t = time", "import bench.floor\nt = time").format(_LOAD_PACKAGE)


@dataclass(frozen=True)
class ImportTimes:
    """Samples in seconds: the core import; the floor's and the package's time beyond it; the
    package's time beyond the floor."""

    core: list[float]
    floor: list[float]
    extra: list[float]
    own: list[float]

    @property
    def core_median(self) -> float:
        return statistics.median(self.core)

    @property
    def floor_median(self) -> float:
        return statistics.median(self.floor)

    @property
    def extra_median(self) -> float:
        return statistics.median(self.extra)

    @property
    def own_median(self) -> float:
        return statistics.median(self.own)


def _once(code: str) -> float:
    # The code is one of this module's constants, run by the current interpreter.
    command = [sys.executable, "-c", code]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(_PYCACHE)
    out = subprocess.run(  # noqa: S603
        command, check=True, capture_output=True, text=True, cwd=_ROOT, env=env
    ).stdout
    return float(out.strip().splitlines()[-1])


def measure(runs: int = 5) -> ImportTimes:
    """Median of ``runs`` fresh interpreters each (after one untimed run fills the bytecode)."""
    for code in (_CORE, _FLOOR, _PACKAGE, _OWN):
        _once(code)
    times = ImportTimes([], [], [], [])
    for _ in range(runs):
        times.core.append(_once(_CORE))
        times.floor.append(_once(_FLOOR))
        times.extra.append(_once(_PACKAGE))
        times.own.append(_once(_OWN))
    return times

"""Everything one ``python -m bench`` run measured, in one object the report renders.

Each part is ``None`` when the run skipped it (``--no-import``, ``--no-embeddings``, ...), and
the report then leaves its figures out rather than printing stale ones.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from bench.embeddings import EmbeddingResult
from bench.importtime import ImportTimes
from bench.load import LoadResult
from bench.memory import MemoryResult
from bench.retriever import RetrieverResult
from bench.runner import Scenario, Settings
from bench.sweeps import ConcurrencySweep, StreamSweep


@dataclass
class Results:
    """One run: the machine, then every part's result (``None`` when skipped)."""

    machine: dict[str, str]
    settings: Settings
    scenarios: list[Scenario]
    elapsed: float = 0.0
    """Seconds the whole run took."""
    load_at_end: str = ""
    """The 1-minute load average when the run ended (the machine dict has it at the start)."""
    streams: StreamSweep | None = None
    concurrency: ConcurrencySweep | None = None
    imports: ImportTimes | None = None
    retriever: RetrieverResult | None = None
    embeddings: EmbeddingResult | None = None
    load: LoadResult | None = None
    """``bench.load``: 1,000 concurrent streams and invokes on the served emulator."""
    memory: MemoryResult | None = None
    """``bench.memory``: peak memory of long streams, ChatOpenRouter against the floor."""

    def as_dict(self) -> dict[str, Any]:
        """Every figure and sample, for ``--json``."""
        imports = self.imports
        return {
            "machine": self.machine,
            "settings": asdict(self.settings),
            "elapsed": self.elapsed,
            "load_at_end": self.load_at_end,
            "scenarios": [s.as_dict() for s in self.scenarios],
            "streams": None if self.streams is None else self.streams.as_dict(),
            "concurrency": None if self.concurrency is None else self.concurrency.as_dict(),
            "import": None
            if imports is None
            else {
                "core_samples": imports.core,
                "floor_samples": imports.floor,
                "extra_samples": imports.extra,
                "own_samples": imports.own,
                "core_median": imports.core_median,
                "floor_median": imports.floor_median,
                "extra_median": imports.extra_median,
                "own_median": imports.own_median,
            },
            "retriever": None if self.retriever is None else asdict(self.retriever),
            "embeddings": None if self.embeddings is None else self.embeddings.as_dict(),
            "load": None if self.load is None else self.load.as_dict(),
            "memory": None if self.memory is None else self.memory.as_dict(),
        }

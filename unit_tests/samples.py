"""Where the shared OpenRouter samples live, for every test module that replays them."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

_REPO = Path(__file__).resolve().parent.parent
SAMPLES_DIR = Path(os.environ.get("OPENROUTER_SAMPLES_DIR") or _REPO.parent / "shared" / "samples")


def sample_path(name: str) -> Path:
    """The path of one sample file; fails the test clearly when the folder is missing."""
    path = SAMPLES_DIR / name
    if not path.exists():
        raise FileNotFoundError(
            f"sample {name} not found in {SAMPLES_DIR} (set OPENROUTER_SAMPLES_DIR)"
        )
    return path


def load_json(name: str) -> Any:
    """A JSON sample, decoded."""
    return json.loads(sample_path(name).read_text())


def load_bytes(name: str) -> bytes:
    """A sample's raw bytes (SSE streams)."""
    return sample_path(name).read_bytes()


def names(suffix: str, prefix: str = "") -> list[str]:
    """Sorted sample names with this prefix and suffix."""
    return sorted(p.name for p in SAMPLES_DIR.glob(f"{prefix}*{suffix}"))

"""Fixtures for the chat-model tests: the shared OpenRouter samples, decoded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from langchain_openrouter._client.sse import EventStreamDecoder
from unit_tests.samples import SAMPLES_DIR, load_bytes, load_json


def read_sample(name: str) -> Any:
    """A sample: the decoded body of a ``.json`` file, the list of events of an ``.sse`` one.

    SSE samples keep their error events (the transport would raise on them); tests decide.
    """
    if name.endswith(".sse"):
        decoder = EventStreamDecoder()
        events = decoder.feed(load_bytes(name)) + decoder.flush()
        return [*events, decoder.error.chunk] if decoder.error else events
    return load_json(name)


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The samples folder (``OPENROUTER_SAMPLES_DIR``, else ``<repo>/../shared/samples``)."""
    if not SAMPLES_DIR.is_dir():
        pytest.fail(f"samples folder {SAMPLES_DIR} is missing; set OPENROUTER_SAMPLES_DIR")
    return SAMPLES_DIR


@pytest.fixture
def load_sample(samples_dir: Path) -> Callable[[str], Any]:
    """``load_sample(name)``: see :func:`read_sample`."""
    return read_sample

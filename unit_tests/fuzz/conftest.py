"""Hypothesis profiles for the malformed-answer property tests.

``default`` (``make test``): 30 examples per test, a few seconds for the whole folder.
``long`` (``make test-long``, or ``HYPOTHESIS_PROFILE=long``): 1,000 examples per test, over
20,000 in all across the folder (at least 10,000 are asked for); a test may then take longer
than the suite's per-test timeout, so the fuzz tests get a longer one.

Both profiles are derandomized and keep no example database: a run draws the same examples on
every machine and in CI, and a failure prints the ``@example`` (and a reproduction blob) that
replays it. There is no deadline: the machines that run the suite are shared, and a slow
example is not a failing one.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
_HERE = Path(__file__).resolve().parent
_COMMON = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "print_blob": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}

settings.register_profile("default", max_examples=30, **_COMMON)
settings.register_profile("long", max_examples=1_000, **_COMMON)
settings.load_profile(PROFILE)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if PROFILE != "long":
        return
    for item in items:
        if _HERE in item.path.parents:
            item.add_marker(pytest.mark.timeout(1800))

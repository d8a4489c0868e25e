"""Hypothesis profiles for the malformed-answer property tests.

``default`` (``make test``) keeps the whole folder to a few seconds; ``long`` (``make test-long``,
``HYPOTHESIS_PROFILE=long``) runs 1,000 examples per test, over 10,000 in all. Both are
derandomized and keep no example database, so a run is the same on every machine and in CI;
a failure prints the ``@example`` that reproduces it. No deadline: the machines that run the
suite are shared, and a slow example is not a failing one.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "print_blob": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}

settings.register_profile("default", max_examples=20, **_COMMON)
settings.register_profile("long", max_examples=1_000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

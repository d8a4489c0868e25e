"""Speed benchmarks of ChatOpenRouter against raw httpx and a minimal httpx chat model.

Run ``make bench`` (or ``python -m bench --quick``) from the repository root; see
``docs/benchmarks.md`` for what is measured and how.
"""

"""Every docstring example in the package (and in the tests' shapes helper) runs and holds."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import langchain_openrouter as package

MODULES = sorted(
    ["unit_tests.testing.shapes"]
    + [
        m.name
        for m in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")
        if not m.name.endswith("__main__")
    ]
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_the_walk_finds_examples() -> None:
    """Guard against a walk that silently finds nothing to run."""
    attempted = sum(
        doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS).attempted
        for name in MODULES
    )
    assert attempted > 50

"""The docstring examples of the emulator modules, of _tokens and of the shapes helper run."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import langchain_openrouter.testing as package

MODULES = sorted(
    ["langchain_openrouter._tokens", "unit_tests.testing.shapes"]
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

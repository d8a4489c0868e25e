"""The docstring examples of the embeddings modules and of the usage hook run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["langchain_openrouter._usage", "langchain_openrouter.embeddings.wire"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0

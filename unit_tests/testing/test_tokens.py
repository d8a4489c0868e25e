from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from langchain_openrouter import _tokens
from unit_tests.testing.conftest import TIKTOKEN_CACHE


@pytest.fixture(autouse=True)
def _fresh_encoding() -> Iterator[None]:
    _tokens.reset_encoding_cache()
    yield
    _tokens.reset_encoding_cache()


def test_counts_with_the_cached_cl100k_encoding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(TIKTOKEN_CACHE))
    enc = _tokens.encoding()
    assert enc is not None
    assert enc.name == "cl100k_base"
    assert _tokens.count_tokens("hello world") == 2
    assert _tokens.count_tokens("") == 0
    assert _tokens.count_tokens("<|endoftext|>") == 7  # special tokens count as plain text
    assert _tokens.truncate("hello world, this is a test", 3) == "hello world,"
    assert _tokens.truncate("hi", 5) == "hi"


def test_missing_cache_falls_back_to_the_approximation_with_one_warning(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    import tiktoken

    def no_download(name: str) -> None:
        raise AssertionError("tiktoken must not be asked to download")

    monkeypatch.setattr(tiktoken, "get_encoding", no_download)
    with caplog.at_level(logging.WARNING, logger="langchain_openrouter"):
        assert _tokens.count_tokens("hello world") == 3  # ceil(11 / 4)
        assert _tokens.count_tokens("abcd") == 1
        assert _tokens.encoding() is None
    warnings = [r for r in caplog.records if "approximation" in r.getMessage()]
    assert len(warnings) == 1
    assert _tokens.truncate("abcdefghij", 2) == "abcdefgh"


def test_disabled_cache_dir_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", "")
    assert _tokens.encoding() is None
    assert _tokens.count_tokens("x" * 9) == 3


def test_broken_cache_file_degrades_instead_of_crashing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    import tiktoken

    def broken(name: str) -> None:
        raise ValueError("corrupt file")

    monkeypatch.setattr(tiktoken, "get_encoding", broken)
    monkeypatch.setattr(_tokens.os.path, "isfile", lambda path: True)
    with caplog.at_level(logging.WARNING, logger="langchain_openrouter"):
        assert _tokens.count_tokens("hello world") == 3
    assert any("corrupt file" in r.getMessage() for r in caplog.records)


def test_cache_file_name_matches_tiktoken(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", "/somewhere")
    assert _tokens._cache_file() == "/somewhere/9b5ad71b2ce5302211f9c61530b329a4922fc6a4"
    monkeypatch.delenv("TIKTOKEN_CACHE_DIR")
    monkeypatch.setenv("DATA_GYM_CACHE_DIR", "/other")
    assert _tokens._cache_file() == "/other/9b5ad71b2ce5302211f9c61530b329a4922fc6a4"

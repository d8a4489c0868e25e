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
    # An emoji spans several byte tokens: a cut inside one drops it, never sends U+FFFD.
    cut = _tokens.truncate("🎉" * 20, 5)
    assert cut == "🎉" * (len(cut))
    assert 0 < len(cut) < 20


def test_each_model_family_counts_with_its_encoding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(TIKTOKEN_CACHE))
    text = "日本語のテキストを数える"  # the two encodings disagree on Japanese
    cl100k, o200k = (_tokens.count_tokens(text, m) for m in ("openai/gpt-4", "openai/gpt-4o"))
    assert (cl100k, o200k) == (12, 9)
    for model, name in [
        ("openai/gpt-4o-mini", "o200k_base"),
        ("openai/gpt-4.1-nano", "o200k_base"),
        ("openai/gpt-5-mini", "o200k_base"),
        ("openai/o3-mini", "o200k_base"),
        ("openai/o1", "o200k_base"),
        ("openai/gpt-oss-20b:free", "o200k_base"),
        ("gpt-4o", "o200k_base"),
        ("openai/gpt-3.5-turbo", "cl100k_base"),
        ("openai/gpt-4-turbo", "cl100k_base"),
        ("openai/text-embedding-3-small", "cl100k_base"),
        ("anthropic/claude-sonnet-4.5", "cl100k_base"),
        ("google/gemini-2.5-flash", "o200k_base"),
        ("meta-llama/llama-3.3-70b-instruct", "o200k_base"),
        (None, "cl100k_base"),
    ]:
        assert _tokens.encoding_for_model(model) == name, model
    assert _tokens.is_exact("openai/gpt-4o")
    assert _tokens.is_exact("openai/gpt-3.5-turbo")
    assert not _tokens.is_exact("anthropic/claude-sonnet-4.5")
    assert not _tokens.is_exact("openai/whisper")  # unknown OpenAI names are estimates too
    assert _tokens.truncate(text, 2, "openai/gpt-4o") == "日本語"


def test_missing_cache_falls_back_to_the_estimate_with_one_warning_per_encoding(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    import tiktoken

    def no_download(name: str) -> None:
        raise AssertionError("tiktoken must not be asked to download")

    monkeypatch.setattr(tiktoken, "get_encoding", no_download)
    with caplog.at_level(logging.WARNING, logger="langchain_openrouter"):
        assert _tokens.count_tokens("hello world") == 4  # ceil(5 / 3) + ceil(6 / 3)
        assert _tokens.count_tokens("abcd") == 2
        assert _tokens.count_tokens("hello world", "openai/gpt-4o") == 4
        assert _tokens.count_tokens("again", "openai/gpt-4o") == 2
        assert _tokens.encoding() is None
        assert _tokens.encoding("o200k_base") is None
    warnings = [r.getMessage() for r in caplog.records if "estimate" in r.getMessage()]
    assert len(warnings) == 2
    cl100k, o200k = warnings
    assert "cl100k_base" in cl100k
    assert "o200k_base" in o200k
    # The warning says how to get the file: where it goes and the variable that points there.
    assert "TIKTOKEN_CACHE_DIR" in cl100k
    assert "tiktoken.get_encoding('cl100k_base')" in cl100k
    assert "9b5ad71b2ce5302211f9c61530b329a4922fc6a4" in cl100k  # the file name to copy
    assert _tokens.truncate("abcdefghij", 2) == "abcdef"
    assert _tokens.truncate("hello world", 3) == "hello wor"
    assert _tokens.truncate("hi, there", 2) == "hi,"


def test_the_estimate_errs_high_but_never_above_the_bytes() -> None:
    for text, expected in [
        ("", 0),
        ("1234567", 3),  # digits in groups of three, as both encodings split them
        ("a, b!", 4),
        ("    ", 1),
        ("日本", 4),  # three UTF-8 bytes each: two tokens
        ("é", 1),
        ("🎉", 3),
    ]:
        assert _tokens.approximate_tokens(text) == expected, text
        assert _tokens.approximate_tokens(text) <= len(text.encode("utf-8"))


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
        assert _tokens.count_tokens("hello world") == 4
    assert any("corrupt file" in r.getMessage() for r in caplog.records)


def test_cache_file_name_matches_tiktoken(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", "/somewhere")
    assert _tokens._cache_file() == "/somewhere/9b5ad71b2ce5302211f9c61530b329a4922fc6a4"
    assert _tokens._cache_file("o200k_base") == (
        "/somewhere/fb374d419588a4632f3f557e76b4b70aebbca790"
    )
    monkeypatch.delenv("TIKTOKEN_CACHE_DIR")
    monkeypatch.setenv("DATA_GYM_CACHE_DIR", "/other")
    assert _tokens._cache_file() == "/other/9b5ad71b2ce5302211f9c61530b329a4922fc6a4"

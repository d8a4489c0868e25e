"""The shared argument checks: the type decides TypeError or ValueError, the message the fix."""

from __future__ import annotations

from typing import Any

import pytest

from langchain_openrouter._checks import check_choices, check_flag, check_int, check_text, hint


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (5, TypeError, "workspace_id must be a str such as 'ws-1', got int"),
        (b"ws", TypeError, "workspace_id must be a str such as 'ws-1', got bytes"),
        ("", ValueError, "workspace_id must be a non-empty string such as 'ws-1', got ''"),
        (" \t", ValueError, "workspace_id must be a non-empty string"),
    ],
)
def test_text(value: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        check_text(value, "workspace_id", example="'ws-1'")


def test_text_passes_none_and_strings_through() -> None:
    assert check_text(None, "x") is None
    assert check_text(" a ", "x") == " a "


@pytest.mark.parametrize("value", ["false", 0, 1, None])
def test_a_flag_is_a_bool_only(value: Any) -> None:
    with pytest.raises(TypeError, match="include_raw must be True or False"):
        check_flag(value, "include_raw")


@pytest.mark.parametrize(
    ("value", "error"), [(True, TypeError), (2.0, TypeError), ("3", TypeError), (0, ValueError)]
)
def test_int(value: Any, error: type[Exception]) -> None:
    with pytest.raises(error, match=r"limit must be an int from 1 to 100, got"):
        check_int(value, "limit", low=1, high=100)


def test_choices_name_the_closest_match() -> None:
    allowed = ("text", "image", "embeddings")
    assert check_choices(["text", "image"], "m", allowed) == ["text", "image"]
    with pytest.raises(
        ValueError, match="m: 'embedding' is not allowed; did you mean 'embeddings'"
    ):
        check_choices("embedding", "m", allowed)
    with pytest.raises(TypeError, match="m must be a str or a list of str, got int"):
        check_choices(5, "m", allowed)
    with pytest.raises(TypeError, match="m must be a str, one of 'text'"):
        check_choices([5], "m", allowed)


def test_hint_without_a_close_match_lists_the_values() -> None:
    assert hint("zzz", ["a", "b"]) == ". Allowed: 'a', 'b'"

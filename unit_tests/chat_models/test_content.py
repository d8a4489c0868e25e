from __future__ import annotations

import pytest

from langchain_openrouter.chat_models.content import (
    cache_fields,
    content_to_wire,
    part_to_wire,
    parts_to_wire,
)


def test_strings_pass_through_and_blocks_become_parts() -> None:
    assert content_to_wire("Hi", "user") == "Hi"
    assert content_to_wire(["Hi", {"type": "text", "text": "there"}], "user") == [
        {"type": "text", "text": "Hi"},
        {"type": "text", "text": "there"},
    ]


def test_standard_image_block_becomes_an_image_url_part() -> None:
    part = part_to_wire({"type": "image", "base64": "iVBORw0K", "mime_type": "image/png"})
    assert part == {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0K"}}


def test_standard_audio_block_becomes_input_audio_with_its_format() -> None:
    part = part_to_wire({"type": "audio", "base64": "UklGRg==", "mime_type": "audio/wav"})
    assert part == {"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "wav"}}


def test_anthropic_image_source_is_translated() -> None:
    block = {"type": "image", "source": {"type": "url", "url": "https://example.com/a.png"}}
    assert part_to_wire(block) == {
        "type": "image_url",
        "image_url": {"url": "https://example.com/a.png"},
    }


def test_openai_parts_pass_through_with_cache_control() -> None:
    block = {"type": "text", "text": "long", "cache_control": {"type": "ephemeral"}}
    assert part_to_wire(block) == block
    assert cache_fields(block) == {"cache_control": {"type": "ephemeral"}}


def test_errors_name_the_block_and_the_role_rule() -> None:
    with pytest.raises(ValueError, match=r"content\[1\]: .*'mystery'"):
        parts_to_wire(enumerate(["ok", {"type": "mystery"}]), "user")
    with pytest.raises(ValueError, match="system messages accept only text"):
        content_to_wire([{"type": "image", "url": "https://example.com/a.png"}], "system")

"""LangChain messages -> OpenRouter message dicts: roles, blocks, round trips, validation."""

from __future__ import annotations

import functools
import json
import operator
from typing import Any

import pytest
from langchain_core.language_models._utils import _normalize_messages
from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    ChatMessage,
    FunctionMessage,
    HumanMessage,
    SystemMessage,
    ToolMessage,
)

from langchain_openrouter.chat_models.messages import convert_message, convert_messages
from langchain_openrouter.chat_models.results import parse_chat_completion
from langchain_openrouter.chat_models.streaming import StreamAccumulator
from unit_tests.chat_models.conftest import read_sample

EPHEMERAL = {"type": "ephemeral"}


def user_parts(*blocks: Any) -> list[dict[str, Any]]:
    content = convert_message(HumanMessage(content=list(blocks)))["content"]
    assert isinstance(content, list)
    return content


def parsed(name: str) -> AIMessage:
    message = parse_chat_completion(read_sample(name)).generations[0].message
    assert isinstance(message, AIMessage)
    return message


def streamed(name: str) -> AIMessageChunk:
    acc = StreamAccumulator()
    chunks = [chunk for event in read_sample(name) for chunk in acc.feed(event)]
    total = functools.reduce(operator.add, [c.message for c in chunks + acc.finish()])
    assert isinstance(total, AIMessageChunk)
    return total


# --- roles --------------------------------------------------------------------------------


def test_roles() -> None:
    wire = convert_messages(
        [
            SystemMessage("sys"),
            SystemMessage("dev", additional_kwargs={"__openai_role__": "developer"}),
            ChatMessage(role="developer", content="dev2"),
            HumanMessage("hi", name="ada"),
            AIMessage("hello", name="bot"),
            ChatMessage(role="critic", content="meh"),
            ChatMessage(role="human", content="again"),
        ]
    )
    assert wire == [
        {"role": "system", "content": "sys"},
        {"role": "developer", "content": "dev"},
        {"role": "developer", "content": "dev2"},
        {"role": "user", "content": "hi", "name": "ada"},
        {"role": "assistant", "content": "hello", "name": "bot"},
        {"role": "critic", "content": "meh"},
        {"role": "user", "content": "again"},
    ]


def test_name_from_additional_kwargs_as_release_0_2_did() -> None:
    wire = convert_message(HumanMessage("hi", additional_kwargs={"name": "ada"}))
    assert wire == {"role": "user", "content": "hi", "name": "ada"}


def test_tool_round_trip() -> None:
    call = {"name": "get_weather", "args": {"city": "Paris"}, "id": "call_abc123"}
    wire = convert_messages(
        [
            HumanMessage("Weather?"),
            AIMessage("", tool_calls=[call]),
            ToolMessage('{"temp_c": 18}', tool_call_id="call_abc123", name="get_weather"),
        ]
    )
    assert wire[1:] == [
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "call_abc123",
                    "type": "function",
                    "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
                }
            ],
        },
        {"role": "tool", "content": '{"temp_c": 18}', "tool_call_id": "call_abc123"},
    ]


def test_tool_message_with_list_content() -> None:
    wire = convert_messages(
        [
            AIMessage("", tool_calls=[{"name": "shot", "args": {}, "id": "c1"}]),
            ToolMessage(
                content=[
                    {"type": "text", "text": "see"},
                    {"type": "image", "url": "https://e.com/a.png"},
                ],
                tool_call_id="c1",
            ),
        ]
    )
    assert wire[1]["content"] == [
        {"type": "text", "text": "see"},
        {"type": "image_url", "image_url": {"url": "https://e.com/a.png"}},
    ]


def test_arguments_keep_non_ascii() -> None:
    ai = AIMessage("", tool_calls=[{"name": "f", "args": {"city": "Zürich"}, "id": "c"}])
    assert convert_message(ai)["tool_calls"][0]["function"]["arguments"] == '{"city": "Zürich"}'


def test_invalid_tool_calls_go_back_as_they_were() -> None:
    ai = AIMessage(
        "",
        invalid_tool_calls=[{"name": "f", "args": '{"a": ', "id": "c9", "error": "bad JSON"}],
    )
    assert convert_message(ai)["tool_calls"] == [
        {"id": "c9", "type": "function", "function": {"name": "f", "arguments": '{"a": '}}
    ]


def test_assistant_with_text_and_tool_calls_keeps_the_text() -> None:
    ai = AIMessage("Let me check.", tool_calls=[{"name": "f", "args": {}, "id": "c"}])
    wire = convert_message(ai)
    assert wire["content"] == "Let me check."
    assert wire["tool_calls"][0]["function"]["arguments"] == "{}"


# --- round trips of what the model produced ----------------------------------------------


def test_parsed_tool_call_goes_back_as_received() -> None:
    body = read_sample("chat_completion_tool_calls.json")
    received = body["choices"][0]["message"]["tool_calls"][0]
    sent = convert_message(parsed("chat_completion_tool_calls.json"))
    assert sent["content"] is None
    [call] = sent["tool_calls"]
    assert call["id"] == received["id"] == "3sniiMddS"
    assert call["function"]["name"] == received["function"]["name"]
    assert json.loads(call["function"]["arguments"]) == json.loads(
        received["function"]["arguments"]
    )


def test_signed_reasoning_goes_back_verbatim() -> None:
    wire = read_sample("chat_completion_reasoning.json")["choices"][0]["message"]
    sent = convert_message(parsed("chat_completion_reasoning.json"))
    assert sent == {
        "role": "assistant",
        "content": "ok",
        "reasoning": wire["reasoning"],
        "reasoning_details": wire["reasoning_details"],
    }


def test_streamed_reasoning_goes_back_as_one_signed_item() -> None:
    sent = convert_message(streamed("chat_stream_reasoning.sse"))
    [detail] = sent["reasoning_details"]
    assert detail["format"] == "anthropic-claude-v1"
    assert detail["text"] == "This is a simple arithmetic question. 2+2 equals 4."
    signatures = [
        d["signature"]
        for event in read_sample("chat_stream_reasoning.sse")
        for d in event["choices"][0]["delta"].get("reasoning_details") or ()
        if d.get("signature")
    ]
    assert [detail["signature"]] == signatures
    assert sent["content"] == "2 + 2 = 4"


def test_encrypted_reasoning_goes_back_in_order_without_the_responses_id() -> None:
    wire = read_sample("chat_completion_reasoning_encrypted.json")["choices"][0]["message"]
    message = parsed("chat_completion_reasoning_encrypted.json")
    sent = convert_message(message)
    summary, encrypted = wire["reasoning_details"]
    assert sent["reasoning_details"][0] == summary
    assert sent["reasoning_details"][1] == {k: v for k, v in encrypted.items() if k != "id"}
    kept = convert_message(message, keep_reasoning_ids=True)
    assert kept["reasoning_details"] == wire["reasoning_details"]


def test_images_and_annotations_go_back() -> None:
    image = parsed("chat_completion_image_output.json")
    assert convert_message(image)["images"] == image.additional_kwargs["images"]
    pdf = parsed("chat_completion_file_annotation.json")
    assert convert_message(pdf)["annotations"][0]["file"]["hash"].startswith("a1e01852b473")


def test_refusal_and_audio_reference_go_back() -> None:
    ai = AIMessage(
        "",
        additional_kwargs={
            "refusal": "No.",
            "audio": {"id": "au_1", "data": "AAAA", "transcript": "x"},
        },
    )
    assert convert_message(ai) == {
        "role": "assistant",
        "content": "",
        "refusal": "No.",
        "audio": {"id": "au_1"},
    }


def test_v1_content_blocks_of_our_own_message_go_back() -> None:
    """With output_version="v1" the content is the standard blocks; they must convert back."""
    original = parsed("chat_completion_reasoning.json")
    blocks = original.content_blocks
    v1 = AIMessage(
        content=blocks,  # type: ignore[arg-type]
        response_metadata={**original.response_metadata, "output_version": "v1"},
    )
    sent = convert_message(v1)
    wire = read_sample("chat_completion_reasoning.json")["choices"][0]["message"]
    assert sent["content"] == "ok"
    assert sent["reasoning"] == wire["reasoning"]
    assert sent["reasoning_details"] == wire["reasoning_details"]


def test_v1_blocks_with_tool_calls_and_generated_image() -> None:
    image = {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}, "index": 0}
    v1 = AIMessage(
        content_blocks=[
            {"type": "reasoning", "reasoning": "think"},
            {"type": "text", "text": "Here:"},
            {"type": "image", "base64": "AAAA", "mime_type": "image/png"},
            {"type": "tool_call", "name": "f", "args": {"x": 1}, "id": "c1"},
        ],
        additional_kwargs={"images": [image]},
    )
    assert convert_message(v1) == {
        "role": "assistant",
        "content": "Here:",
        "tool_calls": [
            {"id": "c1", "type": "function", "function": {"name": "f", "arguments": '{"x": 1}'}}
        ],
        "reasoning": "think",
        "images": [image],
    }


def test_another_providers_message_converts_through_langchain_translators() -> None:
    anthropic = AIMessage(
        content=[
            {"type": "thinking", "thinking": "hmm", "signature": "sig"},
            {"type": "text", "text": "hi"},
            {"type": "tool_use", "id": "toolu_1", "name": "f", "input": {"a": 1}},
        ],
        tool_calls=[{"name": "f", "args": {"a": 1}, "id": "toolu_1"}],
        response_metadata={"model_provider": "anthropic"},
    )
    assert convert_message(anthropic) == {
        "role": "assistant",
        "content": "hi",
        "tool_calls": [
            {
                "id": "toolu_1",
                "type": "function",
                "function": {"name": "f", "arguments": '{"a": 1}'},
            }
        ],
        "reasoning": "hmm",
        "reasoning_details": [
            {
                "type": "reasoning.text",
                "signature": "sig",
                "format": "anthropic-claude-v1",
                "text": "hmm",
                "index": 0,
            }
        ],
    }


# --- Anthropic-format assistant content (ChatAnthropic's messages, replayed) -------------

ADDER_CALL = {"name": "my_adder_tool", "args": {"a": 1, "b": 2}, "id": "abc123"}
ADDER_USE = {"type": "tool_use", "id": "abc123", "name": "my_adder_tool", "input": {"a": 1, "b": 2}}
ADDER_WIRE = {
    "id": "abc123",
    "type": "function",
    "function": {"name": "my_adder_tool", "arguments": '{"a": 1, "b": 2}'},
}
CLAUDE = "anthropic-claude-v1"


@pytest.mark.parametrize("provider", [None, "anthropic"])
def test_tool_use_blocks_already_in_tool_calls_are_sent_once(provider: str | None) -> None:
    """What standard test_tool_message_histories_list_content sends (it raised before)."""
    ai = AIMessage(
        [{"type": "text", "text": "some text"}, ADDER_USE],
        tool_calls=[ADDER_CALL],
        response_metadata={"model_provider": provider} if provider else {},
    )
    wire = convert_messages([HumanMessage("1 + 2?"), ai, ToolMessage("3", tool_call_id="abc123")])
    assert wire[1] == {"role": "assistant", "content": "some text", "tool_calls": [ADDER_WIRE]}
    assert wire[2] == {"role": "tool", "content": "3", "tool_call_id": "abc123"}


@pytest.mark.parametrize("provider", [None, "anthropic"])
def test_tool_use_block_missing_from_tool_calls_becomes_a_tool_call(provider: str | None) -> None:
    """Nothing is dropped: with one tool call, langchain-core's Anthropic translator would
    give the second tool_use block the first call's name and id."""
    ai = AIMessage(
        [
            ADDER_USE,
            {"type": "tool_use", "id": "toolu_2", "name": "search", "input": {"q": "x"}},
        ],
        tool_calls=[ADDER_CALL],
        response_metadata={"model_provider": provider} if provider else {},
    )
    assert convert_message(ai) == {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            ADDER_WIRE,
            {
                "id": "toolu_2",
                "type": "function",
                "function": {"name": "search", "arguments": '{"q": "x"}'},
            },
        ],
    }


def test_thinking_blocks_go_back_as_signed_claude_reasoning_details() -> None:
    ai = AIMessage(
        [
            {"type": "thinking", "thinking": "First, ", "signature": "S1"},
            {"type": "redacted_thinking", "data": "ENC"},
            {"type": "thinking", "thinking": "then.", "signature": "S2"},
            {"type": "text", "text": "Hello"},
        ]
    )
    assert convert_message(ai) == {
        "role": "assistant",
        "content": "Hello",
        "reasoning": "First, then.",
        "reasoning_details": [
            {
                "type": "reasoning.text",
                "signature": "S1",
                "format": CLAUDE,
                "text": "First, ",
                "index": 0,
            },
            {"type": "reasoning.encrypted", "data": "ENC", "format": CLAUDE, "index": 1},
            {
                "type": "reasoning.text",
                "signature": "S2",
                "format": CLAUDE,
                "text": "then.",
                "index": 2,
            },
        ],
    }


def test_thinking_blocks_follow_received_details_and_are_not_repeated() -> None:
    received = {
        "type": "reasoning.text",
        "text": "earlier",
        "signature": "S0",
        "format": CLAUDE,
        "index": 0,
    }
    ai = AIMessage(
        [
            {"type": "thinking", "thinking": "earlier", "signature": "S0"},
            {"type": "thinking", "thinking": "new", "signature": "S1"},
            {"type": "text", "text": "ok"},
        ],
        additional_kwargs={"reasoning_details": [received]},
    )
    assert convert_message(ai)["reasoning_details"] == [
        received,
        {"type": "reasoning.text", "signature": "S1", "format": CLAUDE, "text": "new", "index": 1},
    ]


def test_v1_output_of_chat_anthropic_goes_back_signed() -> None:
    ai = AIMessage(
        content_blocks=[
            {"type": "reasoning", "reasoning": "hmm", "extras": {"signature": "sig"}},
            {"type": "text", "text": "hi"},
            {"type": "non_standard", "value": {"type": "redacted_thinking", "data": "ENC"}},
        ],
        response_metadata={"model_provider": "anthropic", "output_version": "v1"},
    )
    sent = convert_message(ai)
    assert sent["content"] == "hi"
    assert sent["reasoning_details"] == [
        {"type": "reasoning.text", "signature": "sig", "format": CLAUDE, "text": "hmm", "index": 0},
        {"type": "reasoning.encrypted", "data": "ENC", "format": CLAUDE, "index": 1},
    ]


def test_anthropic_server_tool_blocks_are_not_replayed() -> None:
    """Claude ran these itself; their results are in the text and have no chat-completions
    form."""
    ai = AIMessage(
        [
            {"type": "server_tool_use", "id": "srvtoolu_1", "name": "web_search", "input": {}},
            {"type": "web_search_tool_result", "tool_use_id": "srvtoolu_1", "content": []},
            {"type": "text", "text": "Found it."},
        ]
    )
    assert convert_message(ai) == {"role": "assistant", "content": "Found it."}


def test_our_own_v1_message_sends_each_reasoning_detail_once() -> None:
    original = parsed("chat_completion_reasoning_encrypted.json")
    v1 = AIMessage(
        content=original.content_blocks,  # type: ignore[arg-type]
        additional_kwargs=original.additional_kwargs,
        response_metadata={**original.response_metadata, "output_version": "v1"},
    )
    sent = convert_message(v1, keep_reasoning_ids=True)
    assert sent["reasoning_details"] == original.additional_kwargs["reasoning_details"]


def test_repairs_fragmented_and_doubled_details_from_older_histories() -> None:
    ai = AIMessage(
        "ok",
        additional_kwargs={
            "reasoning_details": [
                {
                    "type": "reasoning.text",
                    "text": "a",
                    "format": "anthropic-claude-v1",
                    "index": 0,
                },
                {"type": "reasoning.text", "text": "b", "signature": "S", "index": 0},
                {
                    "type": "reasoning.text",
                    "text": "c",
                    "format": "google-gemini-v1google-gemini-v1google-gemini-v1",
                    "index": 1,
                },
            ]
        },
    )
    assert convert_message(ai)["reasoning_details"] == [
        {
            "type": "reasoning.text",
            "text": "ab",
            "format": "anthropic-claude-v1",
            "index": 0,
            "signature": "S",
        },
        {"type": "reasoning.text", "text": "c", "format": "google-gemini-v1", "index": 1},
    ]


# --- content blocks -----------------------------------------------------------------------


def test_text_blocks_drop_langchain_keys_and_keep_cache_control() -> None:
    assert user_parts(
        "plain",
        {"type": "text", "text": "a", "id": "lc_1", "index": 0, "cache_control": EPHEMERAL},
        {
            "type": "text",
            "text": "b",
            "extras": {"cache_control": {"type": "ephemeral", "ttl": "1h"}},
        },
    ) == [
        {"type": "text", "text": "plain"},
        {"type": "text", "text": "a", "cache_control": EPHEMERAL},
        {"type": "text", "text": "b", "cache_control": {"type": "ephemeral", "ttl": "1h"}},
    ]


def test_v1_image_blocks() -> None:
    assert user_parts(
        {"type": "image", "url": "https://e.com/a.png", "extras": {"detail": "high"}},
        {"type": "image", "base64": "iVBOR", "mime_type": "image/png", "cache_control": EPHEMERAL},
        {"type": "image", "base64": "data:image/jpeg;base64,/9j/"},
        {"type": "image", "file_id": "file-1"},
    ) == [
        {"type": "image_url", "image_url": {"url": "https://e.com/a.png", "detail": "high"}},
        {
            "type": "image_url",
            "image_url": {"url": "data:image/png;base64,iVBOR"},
            "cache_control": EPHEMERAL,
        },
        {"type": "image_url", "image_url": {"url": "data:image/jpeg;base64,/9j/"}},
        {"type": "file", "file": {"file_id": "file-1"}},
    ]


def test_v0_blocks_with_source_type() -> None:
    assert user_parts(
        {"type": "image", "source_type": "url", "url": "https://e.com/a.png"},
        {"type": "image", "source_type": "base64", "data": "iVBOR", "mime_type": "image/png"},
        {"type": "file", "source_type": "base64", "data": "JVBE", "mime_type": "application/pdf"},
    ) == [
        {"type": "image_url", "image_url": {"url": "https://e.com/a.png"}},
        {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBOR"}},
        {"type": "file", "file": {"file_data": "data:application/pdf;base64,JVBE"}},
    ]


def test_file_blocks() -> None:
    assert user_parts(
        {"type": "file", "url": "https://e.com/c.pdf", "filename": "c.pdf"},
        {
            "type": "file",
            "base64": "JVBE",
            "mime_type": "application/pdf",
            "extras": {"filename": "d.pdf"},
        },
        {"type": "file", "base64": "aGk=", "filename": "notes.txt"},
        {"type": "file", "file_id": "file-9"},
    ) == [
        {"type": "file", "file": {"filename": "c.pdf", "file_data": "https://e.com/c.pdf"}},
        {
            "type": "file",
            "file": {"filename": "d.pdf", "file_data": "data:application/pdf;base64,JVBE"},
        },
        {
            "type": "file",
            "file": {"filename": "notes.txt", "file_data": "data:text/plain;base64,aGk="},
        },
        {"type": "file", "file": {"file_id": "file-9"}},
    ]


@pytest.mark.parametrize(
    ("mime_type", "audio_format"),
    [
        ("audio/wav", "wav"),
        ("audio/x-wav", "wav"),
        ("audio/mpeg", "mp3"),
        ("audio/mp3", "mp3"),
        ("audio/flac", "flac"),
        ("audio/ogg; codecs=opus", "ogg"),
        ("audio/x-m4a", "m4a"),
        ("audio/aac", "aac"),
    ],
)
def test_audio_format_from_mime_type(mime_type: str, audio_format: str) -> None:
    assert user_parts({"type": "audio", "base64": "UklG", "mime_type": mime_type}) == [
        {"type": "input_audio", "input_audio": {"data": "UklG", "format": audio_format}}
    ]


def test_video_blocks() -> None:
    assert user_parts(
        {"type": "video", "url": "https://e.com/v.mp4"},
        {"type": "video", "base64": "AAAA", "mime_type": "video/webm"},
        {"type": "video", "base64": "BBBB"},
    ) == [
        {"type": "video_url", "video_url": {"url": "https://e.com/v.mp4"}},
        {"type": "video_url", "video_url": {"url": "data:video/webm;base64,AAAA"}},
        {"type": "video_url", "video_url": {"url": "data:video/mp4;base64,BBBB"}},
    ]


def test_text_plain_blocks() -> None:
    assert user_parts(
        {"type": "text-plain", "text": "hello", "mime_type": "text/plain"},
        {"type": "text-plain", "base64": "aGk=", "mime_type": "text/plain"},
    ) == [
        {"type": "text", "text": "hello"},
        {"type": "file", "file": {"file_data": "data:text/plain;base64,aGk="}},
    ]


def test_openai_format_parts_pass_through() -> None:
    parts = [
        {"type": "text", "text": "Summarise", "cache_control": EPHEMERAL},
        {"type": "image_url", "image_url": {"url": "https://e.com/d.png", "detail": "original"}},
        {"type": "input_audio", "input_audio": {"data": "UklG", "format": "wav"}},
        {"type": "video_url", "video_url": {"url": "https://e.com/v.mp4"}},
        {"type": "file", "file": {"filename": "c.pdf", "file_data": "https://e.com/c.pdf"}},
    ]
    assert user_parts(*parts) == parts
    assert user_parts({"type": "image_url", "image_url": "https://e.com/x.png"}) == [
        {"type": "image_url", "image_url": {"url": "https://e.com/x.png"}}
    ]
    assert user_parts({"type": "input_video", "video_url": {"url": "https://e.com/v.mp4"}}) == [
        {"type": "video_url", "video_url": {"url": "https://e.com/v.mp4"}}
    ]


def test_blocks_normalized_by_langchain_core_convert_back_to_the_wire_format() -> None:
    """BaseChatModel rewrites OpenAI audio and file parts as v1 blocks before we see them."""
    original = [
        {"type": "input_audio", "input_audio": {"data": "UklG", "format": "wav"}},
        {
            "type": "file",
            "file": {"filename": "a.pdf", "file_data": "data:application/pdf;base64,JVBE"},
        },
        {"type": "file", "file": {"file_data": "https://e.com/y.pdf"}},
        {"type": "image_url", "image_url": {"url": "https://e.com/i.png", "detail": "high"}},
    ]
    [normalized] = _normalize_messages([HumanMessage(content=original)])  # type: ignore[arg-type]
    assert normalized.content[0]["type"] == "audio"  # type: ignore[index]
    assert convert_message(normalized)["content"] == original


def test_other_providers_blocks_are_translated() -> None:
    assert user_parts(
        {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBOR"}},
        {
            "type": "document",
            "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBE"},
        },
    ) == [
        {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBOR"}},
        {"type": "file", "file": {"file_data": "data:application/pdf;base64,JVBE"}},
    ]


def test_anthropic_media_blocks_by_url_and_with_cache_control() -> None:
    assert user_parts(
        {"type": "image", "source": {"type": "url", "url": "https://e.com/a.png"}},
        {
            "type": "image",
            "source": {"type": "base64", "media_type": "image/jpeg", "data": "/9j/"},
            "cache_control": EPHEMERAL,
        },
        {"type": "document", "source": {"type": "url", "url": "https://e.com/c.pdf"}},
        {
            "type": "document",
            "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBE"},
            "cache_control": EPHEMERAL,
        },
        {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "hi"}},
    ) == [
        {"type": "image_url", "image_url": {"url": "https://e.com/a.png"}},
        {
            "type": "image_url",
            "image_url": {"url": "data:image/jpeg;base64,/9j/"},
            "cache_control": EPHEMERAL,
        },
        {"type": "file", "file": {"file_data": "https://e.com/c.pdf"}},
        {
            "type": "file",
            "file": {"file_data": "data:application/pdf;base64,JVBE"},
            "cache_control": EPHEMERAL,
        },
        {"type": "text", "text": "hi"},
    ]


def color_call() -> AIMessage:
    return AIMessage(
        [
            {"type": "text", "text": "Hmm let me think about that"},
            {"type": "tool_use", "input": {"fav_color": "green"}, "id": "foo", "name": "picker"},
        ],
        tool_calls=[{"name": "picker", "args": {"fav_color": "green"}, "id": "foo"}],
    )


COLOR_CALL_WIRE = {
    "role": "assistant",
    "content": "Hmm let me think about that",
    "tool_calls": [
        {
            "id": "foo",
            "type": "function",
            "function": {"name": "picker", "arguments": '{"fav_color": "green"}'},
        }
    ],
}


def test_anthropic_tool_results_become_tool_messages_before_the_rest() -> None:
    """The langchain-tests docstring example of an Anthropic history (§2.2: tool messages)."""
    human = HumanMessage(
        [
            {
                "type": "tool_result",
                "tool_use_id": "foo",
                "content": [{"type": "text", "text": "green is a great pick!"}],
                "is_error": False,
            },
            {"type": "text", "text": "what's my sister's favorite color"},
        ],
        name="ada",
    )
    assert convert_messages([HumanMessage("pick"), color_call(), human])[1:] == [
        COLOR_CALL_WIRE,
        {
            "role": "tool",
            "content": "green is a great pick!",
            "tool_call_id": "foo",
        },
        {
            "role": "user",
            "content": [{"type": "text", "text": "what's my sister's favorite color"}],
            "name": "ada",
        },
    ]
    with pytest.raises(ValueError, match="becomes 2 OpenRouter messages"):
        convert_message(human)


def test_tool_results_alone_send_no_empty_user_message() -> None:
    human = HumanMessage(
        [
            {"type": "tool_result", "tool_use_id": "foo", "content": "42"},
            {
                "type": "tool_result",
                "tool_use_id": "bar",
                "content": "7",
                "cache_control": EPHEMERAL,
            },
            {"type": "tool_result", "tool_use_id": "baz"},
        ]
    )
    ai = AIMessage(
        "",
        tool_calls=[
            {"name": "f", "args": {}, "id": "foo"},
            {"name": "f", "args": {}, "id": "bar"},
            {"name": "f", "args": {}, "id": "baz"},
        ],
    )
    assert convert_messages([ai, human])[1:] == [
        {"role": "tool", "content": "42", "tool_call_id": "foo"},
        {
            "role": "tool",
            "content": [{"type": "text", "text": "7", "cache_control": EPHEMERAL}],
            "tool_call_id": "bar",
        },
        {"role": "tool", "content": "", "tool_call_id": "baz"},
    ]


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ({"type": "tool_result", "content": "x"}, r"content\[1\] \(tool_result\): needs the"),
        (
            {"type": "tool_result", "tool_use_id": "foo", "content": [{"type": "widget"}]},
            r"content\[1\] \(tool_result\)\.content\[0\]: content block type 'widget'",
        ),
        (
            {"type": "tool_result", "tool_use_id": "foo", "content": {"type": "text"}},
            "content must be a string or a list",
        ),
        (
            {"type": "tool_result", "tool_use_id": "nope", "content": "x"},
            r"messages\[2\] \(HumanMessage\): tool_call_id 'nope' answers no tool call",
        ),
    ],
)
def test_unusable_tool_results_are_rejected_with_a_reason(block: Any, message: str) -> None:
    human = HumanMessage([{"type": "text", "text": "ok"}, block])
    with pytest.raises(ValueError, match=message):
        convert_messages([HumanMessage("pick"), color_call(), human])


def test_what_standard_test_anthropic_inputs_sends() -> None:
    """Both histories of langchain-tests' test_anthropic_inputs, as BaseChatModel passes them."""
    image = {"type": "base64", "media_type": "image/png", "data": "iVBOR"}
    first = [
        SystemMessage("you're a good assistant"),
        HumanMessage(
            [
                {"type": "text", "text": "what's your favorite color", "cache_control": EPHEMERAL},
                {"type": "image", "source": image},
            ]
        ),
        color_call(),
        ToolMessage("That's a great pick!", tool_call_id="foo"),
    ]
    assert convert_messages(_normalize_messages(first)) == [
        {"role": "system", "content": "you're a good assistant"},
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "what's your favorite color", "cache_control": EPHEMERAL},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBOR"}},
            ],
        },
        COLOR_CALL_WIRE,
        {"role": "tool", "content": "That's a great pick!", "tool_call_id": "foo"},
    ]
    second = [
        HumanMessage([{"type": "text", "text": "Hello"}]),
        AIMessage(
            [
                {"type": "thinking", "thinking": "A greeting.", "signature": "ErUBCkYICBgC"},
                {"type": "text", "text": "Hello, how are you?"},
            ]
        ),
        HumanMessage([{"type": "text", "text": "Well, thanks."}]),
    ]
    assert convert_messages(_normalize_messages(second))[1] == {
        "role": "assistant",
        "content": "Hello, how are you?",
        "reasoning": "A greeting.",
        "reasoning_details": [
            {
                "type": "reasoning.text",
                "signature": "ErUBCkYICBgC",
                "format": CLAUDE,
                "text": "A greeting.",
                "index": 0,
            }
        ],
    }


def test_non_standard_wrapping_a_wire_part_is_unwrapped() -> None:
    part = {"type": "image_url", "image_url": {"url": "https://e.com/a.png"}}
    assert user_parts({"type": "non_standard", "value": part}) == [part]


def test_system_message_text_blocks() -> None:
    wire = convert_message(
        SystemMessage(content=[{"type": "text", "text": "rules", "cache_control": EPHEMERAL}])
    )
    assert wire == {
        "role": "system",
        "content": [{"type": "text", "text": "rules", "cache_control": EPHEMERAL}],
    }


# --- validation ---------------------------------------------------------------------------


def test_empty_conversation() -> None:
    with pytest.raises(ValueError, match="at least one message"):
        convert_messages([])


def test_tool_message_without_its_call() -> None:
    with pytest.raises(ValueError, match=r"messages\[1\].*'call_9' answers no tool call"):
        convert_messages([HumanMessage("hi"), ToolMessage("42", tool_call_id="call_9")])


def test_tool_message_before_its_call() -> None:
    ai = AIMessage("", tool_calls=[{"name": "f", "args": {}, "id": "c1"}])
    with pytest.raises(ValueError, match="answers no tool call"):
        convert_messages([ToolMessage("42", tool_call_id="c1"), ai])


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ({"type": "thinking", "thinking": "x"}, "content block type 'thinking' is not supported"),
        ({"type": "mystery"}, "content block type 'mystery' is not supported"),
        ({"text": "no type"}, "content block type None is not supported"),
        ({"type": "image"}, "image block has no data"),
        ({"type": "image", "base64": "iVBOR"}, "needs a mime_type"),
        ({"type": "audio", "mime_type": "audio/wav"}, "audio block has no data"),
        ({"type": "audio", "url": "https://e.com/a.mp3"}, "does not fetch audio URLs"),
        ({"type": "audio", "base64": "UklG"}, "audio block needs a mime_type"),
        ({"type": "video"}, "video block has no data"),
        ({"type": "file"}, "file block has no data"),
        ({"type": "text"}, "text block needs a 'text' string"),
        ({"type": "image_url", "image_url": {}}, "image_url part needs image_url.url"),
        ({"type": "input_audio", "input_audio": {"data": "x"}}, "input_audio part needs"),
        ({"type": "non_standard", "value": {"type": "x"}}, "non_standard block of type 'x'"),
    ],
)
def test_unusable_blocks_are_rejected_with_a_reason(block: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message) as info:
        convert_messages([HumanMessage(content=["ok", block])])
    assert "messages[0] (HumanMessage): content[1]" in str(info.value)


def test_a_block_that_is_neither_text_nor_dict_is_rejected() -> None:
    message = HumanMessage(content=["ok"])
    message.content.append(42)  # type: ignore[arg-type]  # bypasses pydantic validation
    with pytest.raises(ValueError, match=r"content\[1\]: a content block must be a str or a dict"):
        convert_message(message)


def test_media_in_a_system_message_is_rejected() -> None:
    with pytest.raises(ValueError, match="system messages accept only text; got a 'image_url'"):
        convert_message(SystemMessage(content=[{"type": "image", "url": "https://e.com/a.png"}]))


def test_unsupported_message_types() -> None:
    with pytest.raises(ValueError, match="FunctionMessage"):
        convert_message(FunctionMessage(content="x", name="f"))
    with pytest.raises(ValueError, match="role 'tool' has no tool_call_id"):
        convert_message(ChatMessage(role="tool", content="x"))


def test_tool_call_without_id_is_rejected() -> None:
    ai = AIMessage("", tool_calls=[{"name": "f", "args": {}, "id": None}])
    with pytest.raises(ValueError, match="tool call 'f' has no id"):
        convert_message(ai)


def test_unknown_block_in_an_assistant_message_is_rejected() -> None:
    ai = AIMessage(content=[{"type": "text", "text": "a"}, {"type": "widget"}])
    with pytest.raises(ValueError, match="'widget' is not supported"):
        convert_messages([ai])


def test_input_messages_are_not_modified() -> None:
    block = {"type": "text", "text": "a", "id": "lc_1", "cache_control": EPHEMERAL}
    message = HumanMessage(content=[block])
    convert_messages([message])
    assert message.content == [
        {"type": "text", "text": "a", "id": "lc_1", "cache_control": EPHEMERAL}
    ]

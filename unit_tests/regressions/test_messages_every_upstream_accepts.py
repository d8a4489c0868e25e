"""Messages go out in shapes every upstream behind OpenRouter accepts.

Blank text must not reach the upstream (Anthropic refuses empty text blocks; OpenRouter may
pass them through): an assistant turn whose text is blank next to tool calls goes out with
``content: null``, and blank text parts of a multimodal message are dropped. A tool result
whose parts are all text goes out as one string. Usage figures that arrive as strings become
numbers, or the parse says why not.
"""

from __future__ import annotations

import functools
import operator
import warnings
from typing import Any

import pytest
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from langchain_openrouter.chat_models.messages import convert_message
from langchain_openrouter.chat_models.results import parse_chat_completion
from langchain_openrouter.chat_models.streaming import StreamAccumulator

CALL = {"name": "get_weather", "args": {"city": "Paris"}, "id": "call_1", "type": "tool_call"}
IMAGE = {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}}


@pytest.mark.parametrize(
    "content",
    [
        "",
        " ",
        "\n\t ",
        [],
        [{"type": "text", "text": ""}],
        [{"type": "text", "text": "  "}, {"type": "text", "text": "\n"}],
        [""],
    ],
)
def test_blank_assistant_text_next_to_tool_calls_is_null(content: Any) -> None:
    wire = convert_message(AIMessage(content=content, tool_calls=[CALL]))
    assert wire["content"] is None
    assert wire["tool_calls"][0]["id"] == "call_1"


def test_assistant_text_next_to_tool_calls_is_kept() -> None:
    wire = convert_message(AIMessage(content=" Let me check. ", tool_calls=[CALL]))
    assert wire["content"] == " Let me check. "
    blocks = [{"type": "text", "text": ""}, {"type": "text", "text": "Checking."}]
    assert convert_message(AIMessage(content=blocks, tool_calls=[CALL]))["content"] == "Checking."


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ([{"type": "text", "text": ""}, IMAGE], [IMAGE]),
        ([{"type": "text", "text": "  "}, IMAGE, {"type": "text", "text": ""}], [IMAGE]),
        (
            ["", {"type": "text", "text": "What is this?"}, IMAGE],
            [{"type": "text", "text": "What is this?"}, IMAGE],
        ),
    ],
)
def test_blank_text_parts_of_a_multimodal_user_message_are_dropped(
    content: list[Any], expected: list[Any]
) -> None:
    assert convert_message(HumanMessage(content=content))["content"] == expected


def test_a_message_of_only_blank_text_keeps_one_part() -> None:
    wire = convert_message(HumanMessage(content=[{"type": "text", "text": ""}]))
    assert wire["content"] == [{"type": "text", "text": ""}]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ([{"type": "text", "text": "18 C"}], "18 C"),
        ([{"type": "text", "text": "18 C"}, {"type": "text", "text": "sunny"}], "18 C\nsunny"),
        (["18 C", "sunny"], "18 C\nsunny"),
        ([{"type": "text", "text": "18 C"}, {"type": "text", "text": ""}], "18 C"),
        ("18 C", "18 C"),
    ],
)
def test_an_all_text_tool_result_is_one_string(content: Any, expected: str) -> None:
    wire = convert_message(ToolMessage(content=content, tool_call_id="call_1"))
    assert wire == {"role": "tool", "content": expected, "tool_call_id": "call_1"}


def test_a_tool_result_with_an_image_stays_a_list() -> None:
    content = [{"type": "text", "text": "the chart:"}, IMAGE]
    wire = convert_message(ToolMessage(content=content, tool_call_id="call_1"))
    assert wire["content"] == [{"type": "text", "text": "the chart:"}, IMAGE]


def body(usage: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "gen-1",
        "model": "m",
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": "hi"}}],
        "usage": usage,
    }  # fmt: skip


STRING_USAGE = {
    "prompt_tokens": "12",
    "completion_tokens": "3.0",
    "total_tokens": "15",
    "cost": "0.00042",
    "cost_details": {"upstream_inference_cost": "0.0004"},
    "prompt_tokens_details": {"cached_tokens": "8"},
    "completion_tokens_details": {"reasoning_tokens": "1"},
    "is_byok": False,
}


def check_numbers(message: Any) -> None:
    assert message.usage_metadata == {
        "input_tokens": 12,
        "output_tokens": 3,
        "total_tokens": 15,
        "input_token_details": {"cache_read": 8},
        "output_token_details": {"reasoning": 1},
    }
    metadata = message.response_metadata
    assert metadata["cost"] == 0.00042
    assert isinstance(metadata["cost"], float)
    assert metadata["cost_details"] == {"upstream_inference_cost": 0.0004}
    assert metadata["token_usage"]["prompt_tokens"] == 12
    assert metadata["is_byok"] is False


def test_usage_figures_sent_as_strings_become_numbers() -> None:
    result = parse_chat_completion(body(STRING_USAGE))
    check_numbers(result.generations[0].message)
    assert result.llm_output is not None
    assert result.llm_output["token_usage"]["cost"] == 0.00042


def test_usage_figures_sent_as_strings_become_numbers_in_a_stream() -> None:
    acc = StreamAccumulator()
    chunks = acc.feed({"id": "gen-1", "model": "m", "choices": [
        {"index": 0, "delta": {"content": "hi"}, "finish_reason": "stop"}]})  # fmt: skip
    chunks += acc.feed({"id": "gen-1", "model": "m", "choices": [], "usage": STRING_USAGE})
    chunks += acc.finish()
    check_numbers(functools.reduce(operator.add, [c.message for c in chunks]))


def test_a_usage_figure_that_is_not_a_number_is_named_and_left_out() -> None:
    usage = {"prompt_tokens": 4, "completion_tokens": 1, "total_tokens": 5, "cost": "n/a"}
    with pytest.warns(UserWarning, match=r"usage\.cost = 'n/a'.*not a number"):
        message = parse_chat_completion(body(usage)).generations[0].message
    assert "cost" not in message.response_metadata
    assert message.usage_metadata is not None
    assert message.usage_metadata["total_tokens"] == 5


def test_numbers_sent_as_numbers_are_untouched() -> None:
    usage = {"prompt_tokens": 4, "completion_tokens": 1, "total_tokens": 5, "cost": 0}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        message = parse_chat_completion(body(usage)).generations[0].message
    assert message.response_metadata["cost"] == 0

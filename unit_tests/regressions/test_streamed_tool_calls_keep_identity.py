"""Streamed tool calls keep the identity the provider gave them.

Some upstream providers behind OpenRouter number every parallel call ``index: 0`` with
distinct ids. The second call used to be read as a continuation of the first: its id and name
were dropped, LangChain merged the argument strings, and the user got one call with no error.
The rule: a fragment belongs to a call by its ``id`` (by its index only when it has no id); a
new id, or a name arriving for a call that has a different one, starts a new call with its own
LangChain chunk index; ids and names are never concatenated; streamed and non-streamed answers
of one turn give the same ``tool_calls``.
"""

from __future__ import annotations

import functools
import operator
from typing import Any

import pytest
from langchain_core.messages import AIMessageChunk

from langchain_openrouter.chat_models.results import parse_chat_completion
from langchain_openrouter.chat_models.streaming import StreamAccumulator


def event(*calls: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    delta = {"role": "assistant", "content": None, "tool_calls": list(calls)}
    return {
        "id": "gen-1",
        "model": "m",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def fragment(
    index: int | None, args: Any = None, call_id: str | None = None, name: str | None = None
) -> dict[str, Any]:
    function: dict[str, Any] = {}
    if name is not None:
        function["name"] = name
    if args is not None:
        function["arguments"] = args
    call: dict[str, Any] = {"type": "function", "function": function}
    if index is not None:
        call["index"] = index
    if call_id is not None:
        call["id"] = call_id
    return call


def streamed(events: list[dict[str, Any]]) -> AIMessageChunk:
    acc = StreamAccumulator()
    chunks = [c for e in events for c in acc.feed(e)] + acc.finish()
    total = functools.reduce(operator.add, [c.message for c in chunks])
    assert isinstance(total, AIMessageChunk)
    return total


def calls(events: list[dict[str, Any]]) -> list[tuple[Any, Any, Any]]:
    total = streamed(events)
    assert total.invalid_tool_calls == []
    return [(c["id"], c["name"], c["args"]) for c in total.tool_calls]


def non_streamed(wire_calls: list[dict[str, Any]]) -> list[tuple[Any, Any, Any]]:
    body = {
        "id": "gen-1",
        "model": "m",
        "choices": [
            {
                "index": 0,
                "finish_reason": "tool_calls",
                "message": {"role": "assistant", "content": None, "tool_calls": wire_calls},
            }
        ],
    }
    message = parse_chat_completion(body).generations[0].message
    return [(c["id"], c["name"], c["args"]) for c in message.tool_calls]  # type: ignore[attr-defined]


WIRE: list[dict[str, Any]] = [
    {
        "id": "call_a",
        "type": "function",
        "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
    },
    {
        "id": "call_b",
        "type": "function",
        "function": {"name": "get_time", "arguments": '{"timezone": "Tokyo"}'},
    },
    {
        "id": "call_c",
        "type": "function",
        "function": {"name": "get_weather", "arguments": '{"city": "Rome"}'},
    },
]
EXPECTED = [
    ("call_a", "get_weather", {"city": "Paris"}),
    ("call_b", "get_time", {"timezone": "Tokyo"}),
    ("call_c", "get_weather", {"city": "Rome"}),
]


def test_complete_calls_all_at_index_zero_each_in_own_chunk() -> None:
    events = [event({**c, "index": 0}) for c in WIRE]
    assert calls(events) == EXPECTED == non_streamed(WIRE)


def test_complete_calls_all_at_index_zero_in_one_chunk() -> None:
    assert calls([event(*({**c, "index": 0} for c in WIRE))]) == EXPECTED


def test_ids_only_on_first_fragment_all_at_index_zero() -> None:
    events = []
    for call in WIRE:
        args = call["function"]["arguments"]
        events.append(event(fragment(0, "", call["id"], call["function"]["name"])))
        events += [event(fragment(0, args[i : i + 4])) for i in range(0, len(args), 4)]
    assert calls(events) == EXPECTED


def test_ids_on_every_fragment_at_index_zero() -> None:
    events = []
    for call in WIRE:
        args = call["function"]["arguments"]
        half = len(args) // 2
        events.append(event(fragment(0, args[:half], call["id"], call["function"]["name"])))
        events.append(event(fragment(0, args[half:], call["id"])))
    assert calls(events) == EXPECTED


def test_interleaved_fragments_of_two_calls_by_index() -> None:
    events = [
        event(fragment(0, "", "call_a", "get_weather"), fragment(1, "", "call_b", "get_time")),
        event(fragment(1, '{"timezone": ')),
        event(fragment(0, '{"city": ')),
        event(fragment(0, '"Paris"}'), fragment(1, '"Tokyo"}')),
    ]
    assert calls(events) == EXPECTED[:2]


def test_interleaved_fragments_of_two_calls_by_id_at_one_index() -> None:
    events = [
        event(fragment(0, '{"city": ', "call_a", "get_weather")),
        event(fragment(0, '{"timezone": ', "call_b", "get_time")),
        event(fragment(0, '"Paris"}', "call_a")),
        event(fragment(0, '"Tokyo"}', "call_b")),
    ]
    assert calls(events) == EXPECTED[:2]


def test_calls_with_no_arguments_at_index_zero() -> None:
    events = [
        event(fragment(0, "", "call_a", "now")),
        event(fragment(0, None, "call_b", "now")),
        event(fragment(0, "{}", "call_c", "today")),
    ]
    wire = [
        {"id": "call_a", "function": {"name": "now", "arguments": ""}},
        {"id": "call_b", "function": {"name": "now"}},
        {"id": "call_c", "function": {"name": "today", "arguments": "{}"}},
    ]
    expected: list[tuple[Any, Any, Any]] = [
        ("call_a", "now", {}),
        ("call_b", "now", {}),
        ("call_c", "today", {}),
    ]
    assert calls(events) == expected == non_streamed(wire)


def test_new_name_without_id_at_same_index_starts_a_new_call() -> None:
    events = [
        event(fragment(0, '{"city": "Paris"}', None, "get_weather")),
        event(fragment(0, '{"timezone": "Tokyo"}', None, "get_time")),
    ]
    assert [(n, a) for _, n, a in calls(events)] == [
        ("get_weather", {"city": "Paris"}),
        ("get_time", {"timezone": "Tokyo"}),
    ]


def test_same_name_without_id_after_complete_arguments_is_a_new_call() -> None:
    events = [
        event(fragment(0, '{"city": "Paris"}', None, "get_weather")),
        event(fragment(0, '{"city": "Rome"}', None, "get_weather")),
    ]
    assert [a for _, _, a in calls(events)] == [{"city": "Paris"}, {"city": "Rome"}]


def test_name_repeated_on_unfinished_call_is_a_continuation() -> None:
    events = [
        event(fragment(0, '{"city": ', "call_a", "get_weather")),
        event(fragment(0, '"Paris"}', None, "get_weather")),
    ]
    assert calls(events) == [EXPECTED[0]]


def test_late_id_completes_the_call_it_belongs_to() -> None:
    events = [
        event(fragment(0, '{"city": ', None, "get_weather")),
        event(fragment(0, '"Paris"}', "call_a")),
    ]
    assert calls(events) == [EXPECTED[0]]


def test_ids_and_names_are_never_concatenated() -> None:
    events = [
        event(fragment(0, '{"city": "Paris"}', "call_a", "get_weather")),
        event(fragment(0, "", "call_a", "get_weather")),
        event(fragment(0, '{"city": "Rome"}', "call_c", "get_weather")),
    ]
    total = streamed(events)
    assert [c["id"] for c in total.tool_calls] == ["call_a", "call_c"]
    assert [c["name"] for c in total.tool_calls] == ["get_weather", "get_weather"]


def test_each_call_gets_its_own_chunk_index() -> None:
    acc = StreamAccumulator()
    chunks = [c for call in WIRE for c in acc.feed(event({**call, "index": 0}))]
    indexes = [tc["index"] for c in chunks for tc in c.message.tool_call_chunks]  # type: ignore[attr-defined]
    assert indexes == [0, 1, 2]


def test_partial_lists_every_call() -> None:
    acc = StreamAccumulator()
    for call in WIRE[:2]:
        acc.feed(event({**call, "index": 0}))
    partial = acc.partial()
    assert [(c["id"], c["index"]) for c in partial.tool_call_chunks] == [
        ("call_a", 0),
        ("call_b", 1),
    ]


@pytest.mark.parametrize("index", [None, 0, 5])
def test_streamed_equals_non_streamed_whatever_the_provider_index(index: int | None) -> None:
    events = []
    for call in WIRE:
        events.append(event(fragment(index, "", call["id"], call["function"]["name"])))
        events.append(event(fragment(index, call["function"]["arguments"])))
    assert calls(events) == non_streamed(WIRE) == EXPECTED

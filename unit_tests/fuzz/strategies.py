"""Malformed OpenRouter answers: real samples mutated, and bodies made from scratch.

A mutation picks a place anywhere in a decoded sample and drops the key there, swaps its value
for one of another type, nulls it, truncates it, or adds an unknown field beside it. Bodies made
from scratch are arbitrary JSON; the byte strategies cut, corrupt and stretch the encoded form
(truncated JSON, invalid UTF-8, huge lines, ``[DONE]`` where it does not belong).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

from hypothesis import strategies as st

from unit_tests.samples import load_bytes, load_json

__all__ = [
    "RERANK_ANSWER",
    "any_json",
    "body_bytes",
    "malformed",
    "mutated",
    "sse_bytes",
    "sse_events",
]

# POST /rerank has no recorded sample; this is the answer the reference documents.
RERANK_ANSWER = {
    "id": "gen-1",
    "model": "cohere/rerank-v3.5",
    "results": [
        {"index": 0, "relevance_score": 0.2},
        {"index": 2, "relevance_score": 0.9, "document": {"text": "c"}},
        {"index": 1, "relevance_score": 0.2},
    ],
    "usage": {"cost": 0.002, "search_units": 1},
}

# Leaves of every JSON type, kept small so that deep documents stay cheap to build.
_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(["", "[DONE]", "null", "{", "0", "-1", "data: x", "\x00", "\ud7ff"]),
)

any_json: st.SearchStrategy[Any] = st.recursive(
    _leaf,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=12), children, max_size=4),
    ),
    max_leaves=12,
)


def _places(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path into ``value`` (keys of objects, positions of arrays), the root first."""
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _places(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _places(child, (*path, index))


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    parent = value
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = new
    return value


def _delete(value: Any, path: tuple[Any, ...]) -> Any:
    if not path:
        return value
    parent = value
    for step in path[:-1]:
        parent = parent[step]
    del parent[path[-1]]
    return value


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


@st.composite
def _mutate_once(draw: st.DrawFn, value: Any) -> Any:
    places = list(_places(value))
    path = draw(st.sampled_from(places))
    target = _get(value, path)
    op = draw(
        st.sampled_from(["drop", "swap", "null", "truncate", "unknown", "wrap", "deep_nulls"])
    )
    if op == "drop":
        return _delete(value, path)
    if op == "swap":
        return _replace(value, path, draw(any_json))
    if op == "null":
        return _replace(value, path, None)
    if op == "truncate":
        if isinstance(target, (str, list)):
            return _replace(value, path, target[: draw(st.integers(0, max(len(target) - 1, 0)))])
        if isinstance(target, dict):
            keys = list(target)[: draw(st.integers(0, max(len(target) - 1, 0)))]
            return _replace(value, path, {k: target[k] for k in keys})
        return _replace(value, path, draw(st.sampled_from(["", [], {}])))
    if op == "unknown":
        if isinstance(target, dict):
            target[draw(st.text(min_size=1, max_size=10))] = draw(any_json)
            return value
        if isinstance(target, list):
            target.append(draw(any_json))
            return value
        return _replace(value, path, {"unexpected": target})
    if op == "wrap":
        return _replace(value, path, [target])
    # deep_nulls: every leaf under the place becomes null.
    return _replace(value, path, _nulled(target))


def _nulled(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _nulled(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nulled(v) for v in value]
    return None


@st.composite
def mutated(draw: st.DrawFn, sample: Any, max_mutations: int = 4) -> Any:
    """``sample`` (a decoded JSON document) with one to ``max_mutations`` mutations."""
    value = copy.deepcopy(sample)
    for _ in range(draw(st.integers(1, max_mutations))):
        value = draw(_mutate_once(value))
    return value


def malformed(*sample_names: str) -> st.SearchStrategy[Any]:
    """A decoded body: one of the samples mutated, or arbitrary JSON."""
    samples = [load_json(name) for name in sample_names]
    return st.one_of(
        st.sampled_from(samples).flatmap(mutated),
        any_json,
        st.sampled_from(samples).flatmap(lambda s: any_json.map(lambda j: {**s, "data": j}))
        if all(isinstance(s, dict) for s in samples)
        else any_json,
    )


@st.composite
def _corrupt_bytes(draw: st.DrawFn, raw: bytes) -> bytes:
    op = draw(st.sampled_from(["truncate", "invalid_utf8", "huge_line", "splice", "empty"]))
    if op == "truncate":
        return raw[: draw(st.integers(0, max(len(raw) - 1, 0)))]
    if op == "invalid_utf8":
        at = draw(st.integers(0, len(raw)))
        junk = draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80\x80", b"\xf4\x90"]))
        return raw[:at] + junk + raw[at:]
    if op == "huge_line":
        at = draw(st.integers(0, len(raw)))
        filler = draw(st.sampled_from([b"a", b"{", b"[", b" "]))
        return raw[:at] + filler * draw(st.integers(10_000, 300_000)) + raw[at:]
    if op == "splice":
        at = draw(st.integers(0, len(raw)))
        return raw[:at] + draw(st.binary(max_size=30)) + raw[at:]
    return b""


def body_bytes(*sample_names: str) -> st.SearchStrategy[bytes]:
    """Raw bodies of a JSON route: malformed JSON encoded, or encoded samples corrupted."""
    encoded = [json.dumps(load_json(name)).encode() for name in sample_names]
    return st.one_of(
        malformed(*sample_names).map(lambda v: json.dumps(v).encode()),
        st.sampled_from(encoded).flatmap(_corrupt_bytes),
        st.binary(max_size=200),
        st.just(b"[DONE]"),
        st.just(b"data: [DONE]\n\n"),
    )


def _split_events(raw: bytes) -> list[bytes]:
    return [e for e in raw.replace(b"\r\n", b"\n").split(b"\n\n") if e.strip()]


def _event_json(event: bytes) -> Any:
    lines = [line[5:].strip() for line in event.split(b"\n") if line.startswith(b"data:")]
    data = b"\n".join(lines)
    if not data or data == b"[DONE]":
        return None
    return json.loads(data)


@st.composite
def sse_events(draw: st.DrawFn, sample_name: str) -> list[Any]:
    """The decoded events of an SSE sample, some of them mutated, dropped, repeated or moved."""
    events = [
        e for e in (_event_json(e) for e in _split_events(load_bytes(sample_name))) if e is not None
    ]
    events = copy.deepcopy(events)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["mutate", "mutate", "drop", "repeat", "insert"]))
        if not events:
            events.append(draw(any_json))
            continue
        at = draw(st.integers(0, len(events) - 1))
        if op == "mutate":
            events[at] = draw(mutated(events[at], max_mutations=2))
        elif op == "drop":
            del events[at]
        elif op == "repeat":
            events.insert(at, copy.deepcopy(events[at]))
        else:
            events.insert(at, draw(any_json))
    return events


@st.composite
def sse_bytes(draw: st.DrawFn, sample_name: str) -> bytes:
    """An SSE body: a sample's events mutated and re-framed, or the sample's bytes corrupted."""
    raw = load_bytes(sample_name)
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return draw(_corrupt_bytes(raw))
    if choice == 1:
        # [DONE] in odd places: first, twice, inside an event, without its blank line.
        at = draw(st.integers(0, len(raw)))
        done = draw(st.sampled_from([b"data: [DONE]\n\n", b"data: [DONE]", b"[DONE]", b"\n[DONE]"]))
        return raw[:at] + done + raw[at:]
    events = draw(sse_events(sample_name))
    separator = draw(st.sampled_from([b"\n\n", b"\r\n\r\n", b"\r\r"]))
    framed = b"".join(b"data: " + json.dumps(e).encode() + separator for e in events)
    if choice == 2:
        return framed + b"data: [DONE]\n\n"
    return framed

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from langchain_openrouter._client.sse import EventStreamDecoder, SSEDecoder
from langchain_openrouter.errors import StreamError
from unit_tests.samples import load_bytes, names

STREAMS = names(".sse")


def _events(pieces: list[bytes]) -> list[str]:
    decoder = SSEDecoder()
    out = [e.data for piece in pieces for e in decoder.feed(piece)]
    return out + [e.data for e in decoder.flush()]


def _expected(raw: bytes) -> list[str]:
    """The samples' data lines, read the simple way (one-line events)."""
    text = raw.decode()
    return [line[len("data: ") :] for line in text.splitlines() if line.startswith("data: ")]


def test_every_stream_sample_is_present() -> None:
    assert len(STREAMS) >= 8


@pytest.mark.parametrize("name", STREAMS)
def test_sample_decodes_to_its_data_lines(name: str) -> None:
    raw = load_bytes(name)
    assert _events([raw]) == _expected(raw)


@pytest.mark.parametrize("name", STREAMS)
def test_sample_split_at_every_byte_boundary(name: str) -> None:
    raw = load_bytes(name)
    expected = _expected(raw)
    for cut in range(1, len(raw)):
        assert _events([raw[:cut], raw[cut:]]) == expected, f"split at byte {cut}"


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_sample_split_into_random_pieces(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(STREAMS))
    raw = load_bytes(name)
    cuts = sorted(data.draw(st.sets(st.integers(1, len(raw) - 1), max_size=40)))
    pieces = [raw[a:b] for a, b in zip([0, *cuts], [*cuts, len(raw)], strict=True)]
    assert _events(pieces) == _expected(raw)


@pytest.mark.parametrize("name", STREAMS)
def test_crlf_framing_gives_the_same_events(name: str) -> None:
    raw = load_bytes(name)
    crlf = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    one_byte_at_a_time = [crlf[i : i + 1] for i in range(len(crlf))]
    assert _events(one_byte_at_a_time) == _expected(raw)


def test_bare_cr_line_endings() -> None:
    assert _events([b"data: a\r\rdata: b\r", b"\r"]) == ["a", "b"]


def test_comments_are_ignored() -> None:
    raw = b": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\ndata: {}\n\n"
    assert _events([raw]) == ["{}"]


def test_multi_line_data_joins_with_newline() -> None:
    assert _events([b'data: {"a":\ndata: 1}\n\n']) == ['{"a":\n1}']


def test_field_without_space_and_other_fields() -> None:
    decoder = SSEDecoder()
    events = decoder.feed(b"event: ping\nid: 7\nretry: 100\ndata:x\n\n")
    assert [(e.event, e.id, e.retry, e.data) for e in events] == [("ping", "7", 100, "x")]


def test_utf8_character_split_across_reads() -> None:
    raw = 'data: {"t": "héllo ☃"}\n\n'.encode()
    cut = raw.index("☃".encode()) + 1
    assert _events([raw[:cut], raw[cut:]]) == ['{"t": "héllo ☃"}']


def test_last_event_without_blank_line_is_flushed() -> None:
    assert _events([b"data: tail"]) == ["tail"]


def test_decoder_keeps_only_the_unfinished_line() -> None:
    decoder = SSEDecoder()
    decoder.feed(b"data: 1\n\n" * 1000 + b"data: par")
    assert decoder._buffer + "".join(decoder._pieces) == "data: par"


def test_event_stream_decoder_stops_at_done() -> None:
    raw = b'data: {"a": 1}\n\ndata: [DONE]\n\ndata: {"never": true}\n\n'
    decoder = EventStreamDecoder()
    assert decoder.feed(raw) == [{"a": 1}]
    assert decoder.done
    assert decoder.flush() == []


def test_event_stream_decoder_holds_back_the_error_event() -> None:
    raw = b'data: {"a": 1}\n\ndata: {"error": {"code": 502, "message": "gone"}}\n\n'
    decoder = EventStreamDecoder()
    assert decoder.feed(raw) == [{"a": 1}]
    assert decoder.done
    with pytest.raises(StreamError, match="gone"):
        decoder.check()


@pytest.mark.parametrize("name", STREAMS)
def test_every_sample_event_is_json(name: str) -> None:
    decoder = EventStreamDecoder()
    events = decoder.feed(load_bytes(name)) + decoder.flush()
    assert events
    assert all(isinstance(e, dict) for e in events)
    assert json.dumps(events)

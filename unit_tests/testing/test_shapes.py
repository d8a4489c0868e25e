"""The shape helper itself, and the samples no other emulator test compares with."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

import pytest

from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.testing.wire import Request
from unit_tests.samples import load_json
from unit_tests.testing.conftest import Call
from unit_tests.testing.helpers import sse_events
from unit_tests.testing.shapes import assert_same_shape, shape_differences
from unit_tests.testing.test_stream import recorded


def test_reports_every_differing_path() -> None:
    sample = {"a": {"b": [{"type": "x", "n": 1}, {"type": "y", "s": "t"}]}, "c": None, "d": True}
    actual = {
        "a": {"b": [{"type": "y", "s": 1}, {"type": "x", "n": 2.5, "extra": 0}]},
        "c": {},
        "e": 1,
    }
    assert shape_differences(actual, sample) == [
        "$.a.b[0].s: expected string, got number",
        "$.a.b[1].extra: unexpected",
        "$.d: missing",
        "$.e: unexpected",
    ]
    assert (
        shape_differences(
            actual, sample, allow_extra=("extra", "e"), allow_missing=("d",), opaque=("b",)
        )
        == []
    )
    assert shape_differences({"x": None}, {"x": 1}, allow_null=("x",)) == []
    with pytest.raises(AssertionError, match=r"\$\.d: missing"):
        assert_same_shape({}, {"d": 1})


def test_byok_forced_tool_call_matches_its_recording() -> None:
    emu = OpenRouterEmulator(byok=True)
    tool = {
        "type": "function",
        "function": {
            "name": "final_result",
            "parameters": {
                "type": "object",
                "properties": {"space_count": {"type": "integer"}},
                "required": ["space_count"],
            },
        },
    }
    body = emu.handle(
        Request.build(
            "POST",
            "/api/v1/chat/completions",
            api_key=emu.api_key,
            json_body={
                "model": "google/gemini-2.5-flash",
                "reasoning": {"enabled": False},
                "tool_choice": "required",
                "tools": [tool],
                "messages": [{"role": "user", "content": "3 spaces"}],
            },
        )
    ).json()
    assert_same_shape(
        body,
        load_json("chat_completion_tool_calls_byok.json"),
        allow_extra=("cache_write_tokens", "audio_tokens"),
    )
    assert body["usage"]["cost"] == 0
    assert body["choices"][0]["message"]["tool_calls"][0]["id"].startswith("tool_final_result_")


def test_file_annotation_answer_matches_its_recording(chat: Any) -> None:
    pdf = "data:application/pdf;base64," + base64.b64encode(b"(Dummy PDF file) Tj").decode()
    body = chat(
        model="openai/gpt-5-mini",
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "What is in it?"},
                    {"type": "file", "file": {"filename": "filename.pdf", "file_data": pdf}},
                ],
            }
        ],
    )
    assert_same_shape(
        body,
        load_json("chat_completion_file_annotation.json"),
        allow_extra=(
            "cost",
            "is_byok",
            "cost_details",
            "prompt_tokens_details",
            "image_tokens",
            "audio_tokens",
            "system_fingerprint",
            "cache_write_tokens",
            "video_tokens",
        ),
    )
    file = body["choices"][0]["message"]["annotations"][0]["file"]
    assert file["hash"] == hashlib.sha256(pdf.encode()).hexdigest()


def test_web_search_stream_matches_its_recording(call: Call) -> None:
    events = sse_events(
        call(
            "POST",
            "/chat/completions",
            {
                "model": "openai/gpt-4o-mini:online",
                "stream": True,
                "messages": [{"role": "user", "content": "pydantic ai"}],
            },
        )
    )[:-1]
    sample = recorded("chat_stream_web_search_annotations.sse")
    cited = next(e for e in events if e["choices"] and "annotations" in e["choices"][0]["delta"])
    sample_cited = next(e for e in sample if "annotations" in e["choices"][0]["delta"])
    assert_same_shape(
        cited, sample_cited, allow_extra=("logprobs", "finish_reason", "native_finish_reason")
    )
    assert_same_shape(events[-1]["usage"], sample[-1]["usage"], allow_extra=("is_byok",))


def test_availability_errors_match_their_recordings(emu: OpenRouterEmulator, call: Call) -> None:
    guardrail = call(
        "POST", "/guardrails", {"name": "eu", "allowed_providers": ["mistral"]}, key="management"
    ).json()["data"]
    call(
        "POST",
        f"/guardrails/{guardrail['id']}/assignments/keys",
        {"key_hashes": [hashlib.sha256(emu.api_key.encode()).hexdigest()]},
        key="management",
    )
    response = call(
        "POST",
        "/chat/completions",
        {"model": "openai/gpt-4o", "messages": [{"role": "user", "content": "x"}]},
    )
    assert response.status == 404
    assert_same_shape(
        response.json(), load_json("error_404_no_endpoints.json"), allow_missing=("code",)
    )


def test_provider_error_fault_matches_its_recording(emu: OpenRouterEmulator, call: Call) -> None:
    emu.fail_next(
        429,
        message="Provider returned error",
        metadata={
            "provider_name": "Google",
            "raw": "google/gemini-2.0-flash-exp:free is rate-limited",
        },
    )
    body = call(
        "POST", "/chat/completions", {"messages": [{"role": "user", "content": "x"}]}
    ).json()
    assert_same_shape(body, load_json("error_429_provider.json"), allow_missing=("user_id",))

"""Plugins and routing extras: file and web annotations, fallbacks, router metadata, debug."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from langchain_openrouter.testing import OpenRouterEmulator
from unit_tests.samples import load_json
from unit_tests.testing.conftest import Call
from unit_tests.testing.helpers import sse_events
from unit_tests.testing.shapes import assert_same_shape

PDF = b"%PDF-1.4\n1 0 obj\nBT /F1 12 Tf 72 712 Td (Dummy PDF file) Tj ET\nendobj\n%%EOF"
PDF_PART = {
    "type": "file",
    "file": {
        "filename": "filename.pdf",
        "file_data": "data:application/pdf;base64," + base64.b64encode(PDF).decode(),
    },
}


def test_pdf_parts_come_back_as_file_annotations(chat: Any) -> None:
    body = chat(
        messages=[{"role": "user", "content": [{"type": "text", "text": "Summarise"}, PDF_PART]}]
    )
    (annotation,) = body["choices"][0]["message"]["annotations"]
    assert annotation["file"]["name"] == "filename.pdf"
    assert [p["text"] for p in annotation["file"]["content"]] == [
        '<file name="filename.pdf">',
        "Dummy PDF file",
        "</file>",
    ]
    sample = load_json("chat_completion_file_annotation.json")["choices"][0]["message"][
        "annotations"
    ]
    assert_same_shape(annotation, sample[0])


@pytest.mark.parametrize(
    "body",
    [
        {"model": "openai/gpt-4o-mini:online"},
        {"plugins": [{"id": "web", "max_results": 3}]},
        {"tools": [{"type": "openrouter:web_search"}]},
        {"web_search_options": {}},
    ],
)
def test_web_search_adds_citations_usage_and_fee(chat: Any, body: dict[str, Any]) -> None:
    answer = chat("pydantic ai framework", **body)
    annotations = answer["choices"][0]["message"]["annotations"]
    assert [a["url_citation"]["url"] for a in annotations] == [
        f"https://example.com/pydantic-ai-framework/{i}" for i in (1, 2, 3)
    ]
    usage = answer["usage"]
    assert usage["server_tool_use_details"] == {
        "web_search_requests": 1,
        "tool_calls_requested": 1,
        "tool_calls_executed": 1,
    }
    upstream = usage["cost_details"]["upstream_inference_cost"]
    assert usage["cost"] == pytest.approx(upstream + 0.01)  # gpt-4o-mini's web_search price
    sample = load_json("chat_completion_web_search_annotations.json")
    assert_same_shape(annotations[0], sample["choices"][0]["message"]["annotations"][0])
    assert_same_shape(usage, sample["usage"], allow_extra=("is_byok",))


def test_disabled_web_plugin_and_streamed_citations(chat: Any, call: Call) -> None:
    quiet = chat("x", plugins=[{"id": "web", "enabled": False}])
    assert "annotations" not in quiet["choices"][0]["message"]
    events = sse_events(
        call(
            "POST",
            "/chat/completions",
            {
                "model": "openai/gpt-4o-mini:online",
                "stream": True,
                "messages": [{"role": "user", "content": "news"}],
            },
        )
    )[:-1]
    cited = [e for e in events if e["choices"] and "annotations" in e["choices"][0]["delta"]]
    assert len(cited) == 3
    assert all(len(e["choices"][0]["delta"]["annotations"]) == 1 for e in cited)
    assert all(e["choices"][0]["delta"]["content"] == "" for e in cited)


def test_models_fallback_past_a_failing_model(emu: OpenRouterEmulator, call: Call) -> None:
    emu.faults.add(model="openai/gpt-4o", status=503)
    response = call(
        "POST",
        "/chat/completions",
        {
            "model": "openai/gpt-4o",
            "models": ["anthropic/claude-haiku-4.5"],
            "messages": [{"role": "user", "content": "x"}],
        },
    )
    assert response.status == 200
    assert response.json()["model"] == "anthropic/claude-4.5-haiku-20251001"
    emu.faults.add(model="openai/gpt-4o", status=503)
    alone = call(
        "POST",
        "/chat/completions",
        {"model": "openai/gpt-4o", "messages": [{"role": "user", "content": "x"}]},
    )
    assert alone.status == 503
    emu.faults.add(status=503)  # a platform failure: no fallback
    assert (
        call(
            "POST",
            "/chat/completions",
            {
                "model": "openai/gpt-4o",
                "models": ["anthropic/claude-haiku-4.5"],
                "messages": [{"role": "user", "content": "x"}],
            },
        ).status
        == 503
    )


def test_router_metadata_when_asked(call: Call) -> None:
    body = {"model": "openai/gpt-4o", "messages": [{"role": "user", "content": "x"}]}
    assert "openrouter_metadata" not in call("POST", "/chat/completions", body).json()
    answer = call(
        "POST", "/chat/completions", body, headers={"X-OpenRouter-Metadata": "enabled"}
    ).json()
    metadata = answer["openrouter_metadata"]
    assert (metadata["requested"], metadata["strategy"]) == ("openai/gpt-4o", "direct")
    assert metadata["endpoints"]["available"][0] == {
        "provider": "OpenAI",
        "model": "openai/gpt-4o-2024-05-13",
        "selected": True,
    }
    events = sse_events(
        call(
            "POST",
            "/chat/completions",
            {**body, "stream": True},
            headers={"X-OpenRouter-Experimental-Metadata": "enabled"},
        )
    )[:-1]
    assert "openrouter_metadata" in events[-1]


def test_debug_echoes_the_upstream_body_first(call: Call) -> None:
    events = sse_events(
        call(
            "POST",
            "/chat/completions",
            {
                "stream": True,
                "debug": {"echo_upstream_body": True},
                "temperature": 0.3,
                "messages": [{"role": "user", "content": "x"}],
            },
        )
    )
    first = events[0]
    assert first["choices"] == []
    upstream = first["debug"]["echo_upstream_body"]
    assert (upstream["model"], upstream["temperature"], upstream["stream"]) == (
        "openai/gpt-4o-mini-2024-07-18",
        0.3,
        True,
    )


def test_rate_limit_helper_sends_platform_headers(emu: OpenRouterEmulator, call: Call) -> None:
    emu.faults.rate_limit(retry_after=2)
    response = call("POST", "/chat/completions", {"messages": [{"role": "user", "content": "x"}]})
    assert response.status == 429
    assert (response.headers["retry-after"], response.headers["x-ratelimit-remaining"]) == (
        "2",
        "0",
    )
    assert int(response.headers["x-ratelimit-reset"]) > 1_700_000_000_000

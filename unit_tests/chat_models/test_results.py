"""Non-streaming bodies -> LangChain: every recorded sample, exact values."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from langchain_core.messages import AIMessage
from langchain_core.messages.block_translators import get_translator

from langchain_openrouter.chat_models.results import (
    MODEL_PROVIDER,
    parse_chat_completion,
    parse_tool_calls,
    response_metadata,
    usage_to_metadata,
)
from langchain_openrouter.errors import (
    BadRequestError,
    ModerationError,
    OpenRouterError,
    RateLimitError,
    UpstreamError,
)
from unit_tests.samples import load_json, names

Loader = Callable[[str], Any]

COMPLETIONS = names(".json", prefix="chat_completion_")


def parse(body: dict[str, Any]) -> AIMessage:
    message = parse_chat_completion(body).generations[0].message
    assert isinstance(message, AIMessage)
    return message


def test_every_completion_sample_is_covered() -> None:
    assert len(COMPLETIONS) >= 10


@pytest.mark.parametrize("name", COMPLETIONS)
def test_envelope_and_usage_of_every_sample(name: str) -> None:
    body = load_json(name)
    result = parse_chat_completion(body)
    message = parse(body)
    choice = body["choices"][0]
    usage = body["usage"]
    assert len(result.generations) == 1
    assert message.id == body["id"]
    assert result.generations[0].generation_info == {"finish_reason": choice["finish_reason"]}
    meta = message.response_metadata
    assert meta["model_name"] == body["model"]
    assert meta["id"] == body["id"]
    assert meta["model_provider"] == "openrouter"
    assert meta["provider"] == body["provider"]
    assert meta["finish_reason"] == choice["finish_reason"]
    assert meta["native_finish_reason"] == choice["native_finish_reason"]
    assert meta["created"] == body["created"]
    assert meta["token_usage"] == usage
    assert message.usage_metadata is not None
    assert message.usage_metadata["input_tokens"] == usage["prompt_tokens"]
    assert message.usage_metadata["output_tokens"] == usage["completion_tokens"]
    assert message.usage_metadata["total_tokens"] == usage["total_tokens"]
    assert message.content == (choice["message"]["content"] or "")
    assert result.llm_output == {
        "model_name": body["model"],
        "id": body["id"],
        "token_usage": usage,
    }


def test_basic_gemini_body_without_cost() -> None:
    message = parse(load_json("chat_completion_basic.json"))
    assert message.content == (
        "Why did the train break up with the track?\n\n"
        "Because it felt like their relationship was going nowhere."
    )
    assert message.response_metadata["native_finish_reason"] == "STOP"
    assert message.response_metadata["provider"] == "Google"
    for absent in ("cost", "cost_details", "is_byok", "system_fingerprint", "service_tier"):
        assert absent not in message.response_metadata
    assert message.usage_metadata == {
        "input_tokens": 31,
        "output_tokens": 21,
        "total_tokens": 52,
        "input_token_details": {"cache_read": 0},
        "output_token_details": {"reasoning": 0},
    }
    assert message.additional_kwargs == {}
    assert message.tool_calls == []


def test_cached_usage_maps_read_and_write() -> None:
    message = parse(load_json("chat_completion_cached_usage.json"))
    assert message.usage_metadata == {
        "input_tokens": 2649,
        "output_tokens": 100,
        "total_tokens": 2749,
        "input_token_details": {"cache_read": 2569, "cache_creation": 79, "audio": 0},
        "output_token_details": {"reasoning": 0, "audio": 0},
    }
    meta = message.response_metadata
    assert meta["finish_reason"] == "length"
    assert meta["cost"] == 0.00256995
    assert meta["cost_details"] == {
        "upstream_inference_completions_cost": 0.0015,
        "upstream_inference_cost": 0.00256995,
        "upstream_inference_prompt_cost": 0.00106995,
    }
    assert meta["is_byok"] is False
    assert "system_fingerprint" not in meta  # null in the body


def test_tool_call_with_opaque_id() -> None:
    message = parse(load_json("chat_completion_tool_calls.json"))
    assert message.content == ""
    assert message.tool_calls == [
        {
            "name": "divide",
            "args": {"numerator": 123, "denominator": 456, "on_inf": "infinity"},
            "id": "3sniiMddS",
            "type": "tool_call",
        }
    ]
    assert message.invalid_tool_calls == []
    assert message.usage_metadata == {"input_tokens": 134, "output_tokens": 43, "total_tokens": 177}
    assert message.response_metadata["provider"] == "Mistral"


def test_byok_tool_call_reports_zero_cost_and_upstream_cost() -> None:
    message = parse(load_json("chat_completion_tool_calls_byok.json"))
    assert message.tool_calls[0]["id"] == "tool_final_result_HesCvwqQXZaVlFW3buU8"
    assert message.tool_calls[0]["args"] == {
        "level_type": "ground",
        "level_name": "ground_floor",
        "space_count": 3,
    }
    meta = message.response_metadata
    assert meta["is_byok"] is True
    assert meta["cost"] == 0
    assert meta["cost_details"]["upstream_inference_cost"] == 0.0002265
    assert meta["finish_reason"] == "tool_calls"
    assert meta["native_finish_reason"] == "STOP"
    assert meta["provider"] == "Google AI Studio"


def test_reasoning_with_signature() -> None:
    body = load_json("chat_completion_reasoning.json")
    message = parse(body)
    wire = body["choices"][0]["message"]
    assert message.content == "ok"
    assert message.additional_kwargs["reasoning"] == wire["reasoning"]
    assert message.additional_kwargs["reasoning_content"] == wire["reasoning"]
    assert message.additional_kwargs["reasoning_details"] == wire["reasoning_details"]
    assert message.response_metadata["model_name"] == "anthropic/claude-4.5-sonnet-20250929"
    assert message.response_metadata["provider"] == "Amazon Bedrock"
    assert message.response_metadata["native_finish_reason"] == "end_turn"
    assert message.usage_metadata is not None
    assert message.usage_metadata["output_token_details"] == {"reasoning": 48, "audio": 0}
    detail = wire["reasoning_details"][0]
    assert message.content_blocks == [
        {
            "type": "reasoning",
            "reasoning": detail["text"],
            "extras": {
                "format": "anthropic-claude-v1",
                "index": 0,
                "signature": detail["signature"],
                "type": "reasoning.text",
            },
        },
        {"type": "text", "text": "ok"},
    ]


def test_encrypted_reasoning_kept_in_order() -> None:
    body = load_json("chat_completion_reasoning_encrypted.json")
    message = parse(body)
    details = body["choices"][0]["message"]["reasoning_details"]
    assert message.additional_kwargs["reasoning_details"] == details
    assert [d["type"] for d in message.additional_kwargs["reasoning_details"]] == [
        "reasoning.summary",
        "reasoning.encrypted",
    ]
    blocks = message.content_blocks
    assert [b["type"] for b in blocks] == ["reasoning", "reasoning", "text"]
    assert blocks[0].get("reasoning") == details[0]["summary"]
    assert "reasoning" not in blocks[1]
    assert blocks[1].get("extras", {})["data"] == details[1]["data"]
    assert (
        blocks[1].get("extras", {})["id"] == "rs_0e67143e70e2c03a01690231c4b7c08195b5bfcc5c216e88b2"
    )
    assert message.usage_metadata == {
        "input_tokens": 41,
        "output_tokens": 1457,
        "total_tokens": 1498,
        "output_token_details": {"reasoning": 704},
    }
    assert "cost" not in message.response_metadata


def test_file_annotation() -> None:
    body = load_json("chat_completion_file_annotation.json")
    message = parse(body)
    annotations = body["choices"][0]["message"]["annotations"]
    assert message.additional_kwargs["annotations"] == annotations
    assert annotations[0]["file"]["hash"].startswith("a1e01852b473")
    text = message.content_blocks[-1]
    assert text["type"] == "text"
    assert text.get("annotations") == [{"type": "non_standard_annotation", "value": annotations[0]}]


def test_generated_image() -> None:
    body = load_json("chat_completion_image_output.json")
    message = parse(body)
    images = body["choices"][0]["message"]["images"]
    assert message.additional_kwargs["images"] == images
    assert message.usage_metadata is not None
    assert message.usage_metadata["output_tokens"] == 1339
    base64 = images[0]["image_url"]["url"].split(",", 1)[1]
    assert message.content_blocks[1:] == [
        {"type": "image", "base64": base64, "mime_type": "image/png"}
    ]


def test_structured_output_with_fingerprint() -> None:
    message = parse(load_json("chat_completion_structured.json"))
    assert json.loads(message.text) == {
        "location": "London",
        "temperature": 18,
        "conditions": "Partly cloudy",
    }
    assert message.response_metadata["system_fingerprint"] == "fp_0000000000"


def test_web_search_annotations_become_citations() -> None:
    body = load_json("chat_completion_web_search_annotations.json")
    message = parse(body)
    annotations = body["choices"][0]["message"]["annotations"]
    assert len(message.additional_kwargs["annotations"]) == 5
    assert message.additional_kwargs["annotations"] == annotations
    meta = message.response_metadata
    assert meta["server_tool_use_details"] == {
        "tool_calls_executed": 1,
        "tool_calls_requested": 1,
        "web_search_requests": 1,
    }
    assert "service_tier" not in meta
    assert meta["cost"] == 0.007637029
    [text] = message.content_blocks
    citations = text.get("annotations")
    assert citations is not None
    assert len(citations) == 5
    assert citations[0] == {
        "type": "citation",
        "url": "https://github.com/pydantic/pydantic-ai",
        "title": "AI Agent Framework, the Pydantic way",
        "start_index": 0,
        "end_index": 0,
        "cited_text": annotations[0]["url_citation"]["content"],
    }
    assert citations[1].get("title") == ""


def test_translator_is_registered() -> None:
    assert get_translator(MODEL_PROVIDER) is not None


# --- robustness --------------------------------------------------------------------------


def minimal_body(**message: Any) -> dict[str, Any]:
    return {
        "id": "gen-1",
        "choices": [
            {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", **message}}
        ],
    }


def test_minimal_body_parses() -> None:
    message = parse(minimal_body(content="hi"))
    assert message.content == "hi"
    assert message.usage_metadata is None
    assert message.response_metadata == {
        "model_name": None,
        "id": "gen-1",
        "model_provider": "openrouter",
        "finish_reason": "stop",
        "native_finish_reason": None,
    }


def test_requested_model_name_is_the_fallback() -> None:
    result = parse_chat_completion(minimal_body(content="hi"), model_name="openai/gpt-4o")
    assert result.generations[0].message.response_metadata["model_name"] == "openai/gpt-4o"


def test_null_and_missing_content_are_empty_strings() -> None:
    assert parse(minimal_body(content=None)).content == ""
    assert parse(minimal_body()).content == ""


def test_unknown_fields_everywhere_are_ignored() -> None:
    body = copy.deepcopy(load_json("chat_completion_cached_usage.json"))
    body["brand_new_field"] = {"x": 1}
    body["choices"][0]["surprise"] = [1, 2]
    body["choices"][0]["message"]["new_message_field"] = "?"
    body["usage"]["prompt_tokens_details"]["future_tokens"] = 7
    message = parse(body)
    assert message.content.startswith("**Step-by-step breakdown:**")
    assert message.usage_metadata is not None
    assert message.usage_metadata["input_token_details"] == {
        "cache_read": 2569,
        "cache_creation": 79,
        "audio": 0,
    }


def test_logprobs_and_service_tier_are_kept() -> None:
    logprobs = {
        "content": [{"token": "hi", "logprob": -0.1, "bytes": [104, 105], "top_logprobs": []}]
    }
    body = minimal_body(content="hi")
    body["choices"][0]["logprobs"] = logprobs
    body["service_tier"] = "default"
    body["openrouter_metadata"] = {"strategy": "direct"}
    result = parse_chat_completion(body)
    meta = result.generations[0].message.response_metadata
    assert meta["logprobs"] == logprobs
    assert meta["service_tier"] == "default"
    assert meta["openrouter_metadata"] == {"strategy": "direct"}
    assert result.generations[0].generation_info == {"finish_reason": "stop", "logprobs": logprobs}


def test_several_choices_count_usage_once() -> None:
    body = {
        "id": "gen-n",
        "model": "m",
        "choices": [
            {"index": 0, "finish_reason": "stop", "message": {"content": "one"}},
            {"index": 1, "finish_reason": "length", "message": {"content": "two"}},
        ],
        "usage": {"prompt_tokens": 5, "completion_tokens": 8, "total_tokens": 13, "cost": 0.5},
    }
    result = parse_chat_completion(body)
    first, second = (g.message for g in result.generations)
    assert [first.content, second.content] == ["one", "two"]
    assert isinstance(first, AIMessage)
    assert isinstance(second, AIMessage)
    assert first.usage_metadata == {"input_tokens": 5, "output_tokens": 8, "total_tokens": 13}
    assert second.usage_metadata is None
    assert first.response_metadata["cost"] == 0.5
    assert "cost" not in second.response_metadata
    assert second.response_metadata["finish_reason"] == "length"
    assert second.id == "gen-n"


# --- tool calls ---------------------------------------------------------------------------


def call(arguments: Any, name: str | None = "f", call_id: str | None = "c1") -> dict[str, Any]:
    return {"id": call_id, "type": "function", "function": {"name": name, "arguments": arguments}}


@pytest.mark.parametrize("arguments", ["", "   ", None])
def test_empty_arguments_mean_no_arguments(arguments: Any) -> None:
    calls, invalid = parse_tool_calls([call(arguments)])
    assert invalid == []
    assert calls == [{"name": "f", "args": {}, "id": "c1", "type": "tool_call"}]


def test_twice_encoded_arguments_are_decoded() -> None:
    calls, _ = parse_tool_calls([call(json.dumps('{"a": 1}'))])
    assert calls[0]["args"] == {"a": 1}


def test_object_arguments_are_accepted() -> None:
    calls, _ = parse_tool_calls([call({"a": 1})])
    assert calls[0]["args"] == {"a": 1}


def test_control_characters_inside_strings_are_tolerated() -> None:
    calls, _ = parse_tool_calls([call('{"text": "line1\nline2"}')])
    assert calls[0]["args"] == {"text": "line1\nline2"}


@pytest.mark.parametrize(
    ("arguments", "reason"),
    [
        ('{"a": 1', "not valid JSON"),
        ("[1, 2]", "JSON object, got list"),
        ("42", "JSON object, got int"),
    ],
)
def test_bad_arguments_become_invalid_tool_calls(arguments: str, reason: str) -> None:
    calls, invalid = parse_tool_calls([call(arguments)])
    assert calls == []
    assert invalid[0]["args"] == arguments
    assert invalid[0]["name"] == "f"
    assert invalid[0]["id"] == "c1"
    assert reason in (invalid[0]["error"] or "")


def test_tool_call_without_name_is_invalid() -> None:
    _, invalid = parse_tool_calls([call("{}", name=None)])
    assert invalid[0]["error"] == "tool call has no function name"


def test_invalid_tool_call_reaches_the_message_without_raising() -> None:
    message = parse(minimal_body(content="", tool_calls=[call("{oops"), call("{}", call_id="c2")]))
    assert [c["id"] for c in message.tool_calls] == ["c2"]
    assert [c["id"] for c in message.invalid_tool_calls] == ["c1"]
    assert [b["type"] for b in message.content_blocks] == ["tool_call", "invalid_tool_call"]


# --- usage --------------------------------------------------------------------------------


def test_usage_to_metadata_edge_cases() -> None:
    assert usage_to_metadata(None) is None
    assert usage_to_metadata({}) is None
    assert usage_to_metadata({"prompt_tokens": 3.0, "completion_tokens": 2.0}) == {
        "input_tokens": 3,
        "output_tokens": 2,
        "total_tokens": 5,
    }
    assert usage_to_metadata(
        {
            "prompt_tokens": 10,
            "completion_tokens": 4,
            "total_tokens": 14,
            "prompt_tokens_details": None,
            "completion_tokens_details": {"reasoning_tokens": None, "audio_tokens": 2},
        }
    ) == {
        "input_tokens": 10,
        "output_tokens": 4,
        "total_tokens": 14,
        "output_token_details": {"audio": 2},
    }


def test_response_metadata_reads_older_server_tool_spelling() -> None:
    body = {"id": "g", "model": "m", "usage": {"server_tool_use": {"web_search_requests": 2}}}
    meta = response_metadata(body)
    assert meta["server_tool_use_details"] == {"web_search_requests": 2}
    assert "finish_reason" not in meta


# --- errors -------------------------------------------------------------------------------


def failed_body(error: dict[str, Any] | None, finish_reason: str = "error") -> dict[str, Any]:
    choice: dict[str, Any] = {
        "index": 0,
        "finish_reason": finish_reason,
        "message": {"role": "assistant", "content": "partial output..."},
    }
    if error is not None:
        choice["error"] = error
    return {"id": "gen-err", "model": "m", "provider": "OpenAI", "choices": [choice]}


def test_choice_error_raises_with_the_partial_message() -> None:
    error = {
        "code": 502,
        "message": "Provider disconnected mid-stream",
        "metadata": {"error_type": "provider_unavailable"},
    }
    with pytest.raises(UpstreamError) as info:
        parse_chat_completion(failed_body(error))
    err = info.value
    assert err.status_code == 502
    assert err.code == 502
    assert err.message == "Provider disconnected mid-stream"
    assert err.error_type == "provider_unavailable"
    assert err.request_id == "gen-err"
    assert err.body["choices"][0]["error"] == error
    partial = err.partial  # type: ignore[attr-defined]
    assert isinstance(partial, AIMessage)
    assert partial.content == "partial output..."
    assert partial.response_metadata["finish_reason"] == "error"


@pytest.mark.parametrize(
    ("error", "cls", "status"),
    [
        ({"code": 429, "message": "slow down"}, RateLimitError, 429),
        ({"code": 400, "message": "bad"}, BadRequestError, 400),
        ({"code": 403, "message": "flagged", "metadata": {"reasons": ["x"]}}, ModerationError, 403),
        ({"code": "server_error", "message": "boom"}, UpstreamError, 502),
        (None, UpstreamError, 502),
    ],
)
def test_choice_error_class_follows_the_code(
    error: dict[str, Any] | None, cls: type[Exception], status: int
) -> None:
    with pytest.raises(cls) as info:
        parse_chat_completion(failed_body(error))
    assert getattr(info.value, "status_code", None) == status


def test_choice_error_without_error_finish_reason_still_raises() -> None:
    with pytest.raises(UpstreamError):
        parse_chat_completion(failed_body({"code": 502, "message": "x"}, finish_reason="stop"))


def test_body_without_choices() -> None:
    with pytest.raises(OpenRouterError, match="no choices"):
        parse_chat_completion({"id": "gen-0", "choices": []})
    with pytest.raises(RateLimitError):
        parse_chat_completion({"error": {"code": 429, "message": "later"}})

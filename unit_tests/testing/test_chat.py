"""POST /chat/completions through the pure handler: answers, usage, cost, errors, credits."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from langchain_openrouter import _tokens
from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.testing.wire import Request
from unit_tests.samples import load_json
from unit_tests.testing.conftest import Call
from unit_tests.testing.helpers import overflow_message
from unit_tests.testing.shapes import assert_same_shape


def test_echoes_the_last_user_message(chat: Any) -> None:
    body = chat("Hello there", model="openai/gpt-4o-mini")
    choice = body["choices"][0]
    assert choice["message"] == {
        "role": "assistant",
        "content": "Hello there",
        "refusal": None,
        "reasoning": None,
    }
    assert choice["finish_reason"] == "stop"
    assert choice["native_finish_reason"] == "stop"
    assert body["object"] == "chat.completion"
    assert body["provider"] == "OpenAI"
    assert body["model"] == "openai/gpt-4o-mini"
    assert re.fullmatch(r"gen-\d+-[A-Za-z0-9]{20}", body["id"])


def test_usage_counts_tokens_and_prices_them_from_the_catalog(chat: Any) -> None:
    body = chat("Hello there", model="openai/gpt-4o-mini")
    usage = body["usage"]
    # 3 per message + role + text, 3 to prime the answer
    expected_prompt = 3 + _tokens.count_tokens("user") + _tokens.count_tokens("Hello there") + 3
    assert usage["prompt_tokens"] == expected_prompt == 9
    assert usage["completion_tokens"] == 2
    assert usage["total_tokens"] == 11
    assert usage["cost"] == pytest.approx(9 * 0.00000015 + 2 * 0.0000006)
    assert usage["cost_details"]["upstream_inference_prompt_cost"] == pytest.approx(9 * 0.00000015)
    assert usage["cost_details"]["upstream_inference_completions_cost"] == pytest.approx(1.2e-6)
    assert usage["is_byok"] is False


def test_basic_answer_has_the_recorded_shape(chat: Any) -> None:
    assert_same_shape(chat("Tell me a joke"), load_json("chat_completion_structured.json"))
    gemini = chat("Tell me a joke", model="google/gemini-2.5-flash-lite")
    newer_usage_fields = (
        "cost",
        "is_byok",
        "cost_details",
        "cache_write_tokens",
        "audio_tokens",
        "video_tokens",
    )
    assert_same_shape(
        gemini, load_json("chat_completion_basic.json"), allow_extra=newer_usage_fields
    )
    assert gemini["provider"] == "Google"
    assert gemini["choices"][0]["native_finish_reason"] == "STOP"


def test_headers_carry_the_generation_id(call: Call) -> None:
    response = call("POST", "/chat/completions", {"messages": [{"role": "user", "content": "x"}]})
    assert response.headers["x-generation-id"] == response.json()["id"]
    assert response.headers["content-type"] == "application/json"


def test_missing_model_uses_the_default_model_or_is_a_400_without_one(chat: Any) -> None:
    assert chat("hi")["model"] == "openai/gpt-4o-mini"
    emu = OpenRouterEmulator(default_model="meta-llama/llama-3.3-70b-instruct")
    request = Request.build(
        "POST",
        "/api/v1/chat/completions",
        api_key=emu.api_key,
        json_body={"messages": [{"role": "user", "content": "hi"}]},
    )
    assert emu.handle(request).json()["model"] == "meta-llama/llama-3.3-70b-instruct"
    no_default = OpenRouterEmulator(default_model=None)
    request = Request.build(
        "POST",
        "/api/v1/chat/completions",
        api_key=no_default.api_key,
        json_body={"messages": [{"role": "user", "content": "hi"}]},
    )
    response = no_default.handle(request)
    assert (response.status, response.json()) == (
        400,
        {
            "error": {
                "code": 400,
                "message": "model: Required",
                "metadata": {"error_type": "invalid_request"},
            }
        },
    )
    auto = dict(request.json(), model="openrouter/auto")
    served = no_default.handle(
        Request.build("POST", request.path, api_key=no_default.api_key, json_body=auto)
    )
    assert served.json()["model"] == "openai/gpt-4o-mini"


def test_anthropic_answers_carry_the_dated_permaslug(chat: Any) -> None:
    body = chat("ok", model="anthropic/claude-sonnet-4.5")
    assert body["model"] == "anthropic/claude-4.5-sonnet-20250929"
    assert body["choices"][0]["native_finish_reason"] == "end_turn"


def test_router_model_is_served_by_a_concrete_model(chat: Any) -> None:
    body = chat("hi", model="openrouter/auto")
    assert body["model"] == "openai/gpt-4o-mini"
    assert body["usage"]["cost"] > 0


def test_unknown_model_is_the_model_not_found_400(call: Call) -> None:
    response = call(
        "POST",
        "/chat/completions",
        {"model": "acme/fake-1.0", "messages": [{"role": "user", "content": "x"}]},
    )
    assert response.status == 400
    assert response.json() == load_json("error_400_model_not_found.json")


def test_embedding_model_on_chat_is_a_wrong_endpoint_400(call: Call) -> None:
    response = call(
        "POST",
        "/chat/completions",
        {"model": "openai/text-embedding-3-small", "messages": [{"role": "user", "content": "x"}]},
    )
    assert response.status == 400
    availability = response.json()["error"]["availability"]
    assert availability["code"] == "wrong_endpoint"
    assert availability["constraint"] == {"field": "endpoint", "detail": "/api/v1/embeddings"}


# Schemas a provider refuses, and where in the schema the 400 message points.
MALFORMED_SCHEMAS: list[tuple[Any, str]] = [
    ({"type": "object", "properties": 5}, ".properties: Expected object"),
    ({"type": "object", "properties": {"city": 5}}, ".properties.city: Expected a JSON Schema"),
    ({"type": "object", "properties": {"c": {"type": "banana"}}}, ".properties.c.type: 'banana'"),
    ({"type": "object", "required": "city"}, ".required: Expected an array of strings"),
    ({"type": "object", "properties": {"c": {"$ref": "#/$defs/x"}}}, ".properties.c.$ref"),
    ({"type": "object", "properties": {"c": {"anyOf": {}}}}, ".properties.c.anyOf: Expected"),
    ({"type": "object", "properties": {"c": {"items": [1]}}}, ".properties.c.items[0]: Expected"),
]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"messages": []}, "messages: at least one message is required"),
        ({}, "messages: at least one message is required"),
        ({"messages": [{"role": "robot", "content": "x"}]}, "messages[0].role: Invalid"),
        ({"messages": [{"role": "user"}]}, "messages[0].content: Required"),
        (
            {"messages": [{"role": "user", "content": [{"type": "image", "url": "x"}]}]},
            "messages[0].content[0].type: Invalid discriminator value. Expected 'text' |",
        ),
        ({"messages": [{"role": "tool", "content": "x"}]}, "messages[0].tool_call_id: Required"),
        (
            {"messages": [{"role": "user", "content": "x"}], "tools": {"a": 1}},
            "tools: Expected array",
        ),
        (
            {
                "messages": [{"role": "user", "content": "x"}],
                "tools": [{"type": "function", "function": {"name": "bad name!"}}],
            },
            "tools[0].function.name",
        ),
        (
            {
                "messages": [{"role": "user", "content": "x"}],
                "tools": [
                    {"type": "function", "function": {"name": "f", "parameters": {"type": "array"}}}
                ],
            },
            "tools[0].function.parameters",
        ),
        *[
            (
                {
                    "messages": [{"role": "user", "content": "x"}],
                    "tools": [{"type": "function", "function": {"name": "f", "parameters": p}}],
                },
                f"tools[0].function.parameters{where}",
            )
            for p, where in MALFORMED_SCHEMAS
        ],
        *[
            (
                {
                    "messages": [{"role": "user", "content": "x"}],
                    "response_format": {"type": "json_schema", "json_schema": spec},
                },
                f"response_format.json_schema{where}",
            )
            for spec, where in [
                ({"schema": {"type": "object"}}, ".name"),
                *(({"name": "s", "schema": p}, f".schema{w}") for p, w in MALFORMED_SCHEMAS),
            ]
        ],
        (
            {
                "messages": [{"role": "user", "content": "x"}],
                "response_format": {"type": "json_schema"},
            },
            "response_format.json_schema: Required",
        ),
        ({"messages": [{"role": "user", "content": "x"}], "temperature": 3}, "temperature:"),
        ({"messages": [{"role": "user", "content": "x"}], "max_tokens": 0}, "max_tokens:"),
        (
            {"messages": [{"role": "user", "content": "x"}], "stop": ["a", "b", "c", "d", "e"]},
            "stop:",
        ),
        (
            {
                "messages": [{"role": "user", "content": "x"}],
                "tool_choice": {"type": "function", "function": {"name": "nope"}},
            },
            "tool_choice",
        ),
    ],
)
def test_invalid_requests_get_a_400_with_the_error_envelope(
    call: Call, body: dict[str, Any], message: str
) -> None:
    response = call("POST", "/chat/completions", body)
    assert response.status == 400
    error = response.json()["error"]
    assert error["code"] == 400
    assert error["message"].startswith(message)
    assert error["metadata"] == {"error_type": "invalid_request"}


def test_empty_messages_body_matches_the_sample(call: Call) -> None:
    response = call("POST", "/chat/completions", {"messages": []})
    assert response.json() == load_json("error_400.json")


def test_invalid_json_body_is_a_400(emu: OpenRouterEmulator) -> None:
    request = Request(
        "POST",
        "/api/v1/chat/completions",
        {},
        {"authorization": f"Bearer {emu.api_key}"},
        b"{not json",
    )
    response = emu.handle(request)
    assert response.status == 400
    assert response.json()["error"]["message"].startswith("Invalid JSON body")


def test_legacy_prompt_field_is_accepted(chat: Any, call: Call) -> None:
    response = call("POST", "/chat/completions", {"prompt": "complete me"})
    assert response.json()["choices"][0]["message"]["content"] == "complete me"


@pytest.mark.parametrize(
    ("key", "status", "message"),
    [
        (None, 401, "Missing Authentication header"),
        ("sk-or-v1-" + "0" * 64, 401, "User not found."),
        ("management", 401, "User not found."),
    ],
)
def test_keys_are_checked(call: Call, key: str | None, status: int, message: str) -> None:
    response = call(
        "POST", "/chat/completions", {"messages": [{"role": "user", "content": "x"}]}, key=key
    )
    assert response.status == status
    assert response.json() == {"error": {"code": status, "message": message}}


def test_missing_key_body_matches_the_sample(call: Call) -> None:
    response = call("POST", "/chat/completions", {"messages": []}, key=None)
    assert response.json() == load_json("error_401.json")


def test_disabled_and_expired_keys_are_refused(emu: OpenRouterEmulator, call: Call) -> None:
    disabled = emu.create_key("off", disabled=True)
    response = call(
        "POST", "/chat/completions", {"messages": [{"role": "user", "content": "x"}]}, key=disabled
    )
    assert (response.status, response.json()["error"]["message"]) == (401, "API key is disabled")
    expiring = emu.state.new_key("old", expires_at="2000-01-01T00:00:00Z")
    response = call(
        "POST",
        "/chat/completions",
        {"messages": [{"role": "user", "content": "x"}]},
        key=expiring.secret,
    )
    assert (response.status, response.json()["error"]["message"]) == (401, "API key has expired")


def test_credits_go_down_and_run_out_with_a_402() -> None:
    emu = OpenRouterEmulator(credits=0.00002)
    body = {"model": "openai/gpt-4o", "messages": [{"role": "user", "content": "Hello there"}]}
    first = emu.handle(
        Request.build("POST", "/api/v1/chat/completions", json_body=body, api_key=emu.api_key)
    )
    cost = first.json()["usage"]["cost"]
    assert cost == pytest.approx(9 * 0.0000025 + 2 * 0.00001)
    assert emu.credits_left == pytest.approx(0.00002 - cost)
    assert emu.credits_left < 0
    second = emu.handle(
        Request.build("POST", "/api/v1/chat/completions", json_body=body, api_key=emu.api_key)
    )
    assert second.status == 402
    assert second.json() == load_json("error_402.json")


def test_key_limit_gives_402(call: Call, emu: OpenRouterEmulator) -> None:
    limited = emu.create_key("tiny", limit=0.000001)
    body = {"model": "openai/gpt-4o", "messages": [{"role": "user", "content": "Hello there"}]}
    assert call("POST", "/chat/completions", body, key=limited).status == 200
    response = call("POST", "/chat/completions", body, key=limited)
    assert response.status == 402
    assert response.json()["error"]["message"].startswith("Key limit exceeded")


def test_free_model_costs_nothing(chat: Any) -> None:
    usage = chat("hi", model="qwen/qwen3-235b-a22b:free")["usage"]
    assert usage["cost"] == 0


def test_byok_reports_upstream_cost_and_charges_nothing() -> None:
    emu = OpenRouterEmulator(byok=True)
    body = {
        "model": "google/gemini-2.5-flash",
        "messages": [{"role": "user", "content": "hi"}],
        "reasoning": {"enabled": False},
    }
    usage = emu.handle(
        Request.build("POST", "/api/v1/chat/completions", json_body=body, api_key=emu.api_key)
    ).json()["usage"]
    assert usage["is_byok"] is True
    assert usage["cost"] == 0
    assert usage["cost_details"]["upstream_inference_cost"] > 0
    assert emu.credits_left == 100.0


def test_stop_sequences_cut_the_answer(chat: Any) -> None:
    body = chat("one two three four", stop=[" three"])
    assert body["choices"][0]["message"]["content"] == "one two"
    assert body["choices"][0]["finish_reason"] == "stop"


def test_max_tokens_truncates_with_finish_reason_length(chat: Any) -> None:
    text = "alpha beta gamma delta epsilon zeta eta theta"
    body = chat(text, max_tokens=3)
    assert body["choices"][0]["message"]["content"] == "alpha beta gamma"
    assert body["choices"][0]["finish_reason"] == "length"
    assert body["usage"]["completion_tokens"] == 3
    anthropic = chat(text, max_completion_tokens=2, model="anthropic/claude-3.5-haiku")
    assert anthropic["choices"][0]["native_finish_reason"] == "max_tokens"


def test_n_gives_n_choices(chat: Any) -> None:
    body = chat("same", n=3, seed=7, temperature=1.5)
    assert [c["index"] for c in body["choices"]] == [0, 1, 2]
    assert {c["message"]["content"] for c in body["choices"]} == {"same"}
    assert body["usage"]["completion_tokens"] == 3


LONG = [{"role": "user", "content": "word " * 2000}]


def test_context_length_counts_prompt_plus_max_tokens(chat: Any, call: Call) -> None:
    prompt = chat(LONG[0]["content"], model="qwen/qwen3-32b", max_tokens=1)["usage"][
        "prompt_tokens"
    ]
    fits = 40960 - prompt
    body = {"model": "qwen/qwen3-32b", "messages": LONG}
    assert call("POST", "/chat/completions", {**body, "max_tokens": fits}).status == 200
    response = call("POST", "/chat/completions", {**body, "max_completion_tokens": fits + 1})
    assert response.status == 400
    assert response.json() == {
        "error": {
            "code": 400,
            "message": overflow_message(40960, prompt, fits + 1),
            "metadata": {"error_type": "context_length_exceeded"},
        }
    }


def test_context_length_without_max_tokens_counts_the_prompt_alone(chat: Any, call: Call) -> None:
    text = "word " * 41000
    # Every model is counted with the same tokenizer: a long-context model gives the count.
    prompt = chat(text, model="openai/gpt-4o-mini", max_tokens=1)["usage"]["prompt_tokens"]
    assert prompt > 40960
    messages = [{"role": "user", "content": text}]
    response = call("POST", "/chat/completions", {"model": "qwen/qwen3-32b", "messages": messages})
    assert response.status == 400
    error = response.json()["error"]
    assert error["message"] == overflow_message(40960, prompt, 0)
    assert error["metadata"] == {"error_type": "context_length_exceeded"}


def test_prompt_caching_writes_then_reads(chat: Any) -> None:
    system = {
        "role": "system",
        "content": [
            {
                "type": "text",
                "text": "You are a careful assistant. " * 50,
                "cache_control": {"type": "ephemeral"},
            }
        ],
    }
    messages = [system, {"role": "user", "content": "first"}]
    first = chat(messages=messages, model="anthropic/claude-sonnet-4.5")["usage"]
    prefix = (
        3
        + _tokens.count_tokens("system")
        + _tokens.count_tokens("You are a careful assistant. " * 50)
    )
    assert first["prompt_tokens_details"]["cache_write_tokens"] == prefix
    assert first["prompt_tokens_details"]["cached_tokens"] == 0
    second = chat(
        messages=[system, {"role": "user", "content": "second"}],
        model="anthropic/claude-sonnet-4.5",
    )["usage"]
    assert second["prompt_tokens_details"]["cached_tokens"] == prefix
    assert second["prompt_tokens_details"]["cache_write_tokens"] == 0
    plain = second["prompt_tokens"] - prefix
    assert second["cost_details"]["upstream_inference_prompt_cost"] == pytest.approx(
        plain * 0.000003 + prefix * 0.0000003
    )
    assert_same_shape(second, load_json("chat_completion_cached_usage.json")["usage"])


def test_top_level_cache_control_caches_the_whole_prompt(chat: Any) -> None:
    messages = [{"role": "user", "content": "cache me"}]
    first = chat(
        messages=messages, cache_control={"type": "ephemeral"}, model="anthropic/claude-haiku-4.5"
    )["usage"]["prompt_tokens_details"]
    again = chat(
        messages=messages, cache_control={"type": "ephemeral"}, model="anthropic/claude-haiku-4.5"
    )["usage"]["prompt_tokens_details"]
    assert first["cache_write_tokens"] > 0
    assert again["cached_tokens"] == first["cache_write_tokens"]


def test_unknown_route_and_wrong_method(call: Call) -> None:
    missing = call("GET", "/nope")
    assert (missing.status, missing.json()["error"]["code"]) == (404, 404)
    wrong = call("GET", "/chat/completions")
    assert wrong.status == 405
    assert wrong.headers["allow"] == "POST"


def test_a_crashing_route_answers_the_500_body(
    emu: OpenRouterEmulator, call: Call, monkeypatch: pytest.MonkeyPatch
) -> None:
    from langchain_openrouter.testing import generation

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("bug")

    monkeypatch.setattr(generation, "complete", boom)
    response = call("POST", "/chat/completions", {"messages": [{"role": "user", "content": "x"}]})
    assert response.status == 500
    assert response.json() == load_json("error_500.json")
    assert b"Traceback" not in response.body  # type: ignore[operator]


def test_requests_are_logged_for_assertions(emu: OpenRouterEmulator, chat: Any) -> None:
    chat("logged", temperature=0.5)
    sent = emu.requests[-1]
    assert sent.route == "/chat/completions"
    assert json.loads(sent.body)["temperature"] == 0.5


def test_implicit_caching_of_long_prefixes_on_openai_models(chat: Any) -> None:
    system = {"role": "system", "content": "Policy text. " * 400}
    first = chat(messages=[system, {"role": "user", "content": "one"}])["usage"]
    assert first["prompt_tokens"] > 1024
    assert first["prompt_tokens_details"] == {
        "cached_tokens": 0,
        "cache_write_tokens": 0,
        "audio_tokens": 0,
        "video_tokens": 0,
    }
    second = chat(messages=[system, {"role": "user", "content": "two"}])["usage"]
    prefix = 3 + _tokens.count_tokens("system") + _tokens.count_tokens("Policy text. " * 400)
    assert second["prompt_tokens_details"]["cached_tokens"] == prefix - prefix % 128
    short = {"role": "system", "content": "short"}
    chat(messages=[short, {"role": "user", "content": "a"}])
    again = chat(messages=[short, {"role": "user", "content": "b"}])["usage"]
    assert again["prompt_tokens_details"]["cached_tokens"] == 0
    claude = chat(
        messages=[system, {"role": "user", "content": "c"}], model="anthropic/claude-haiku-4.5"
    )["usage"]
    claude = chat(
        messages=[system, {"role": "user", "content": "d"}], model="anthropic/claude-haiku-4.5"
    )["usage"]
    assert claude["prompt_tokens_details"]["cached_tokens"] == 0  # needs cache_control


def test_input_audio_is_counted_reported_and_priced_at_the_audio_price(
    emu: OpenRouterEmulator, chat: Any
) -> None:
    audio = {"type": "input_audio", "input_audio": {"data": "A" * 64_000, "format": "wav"}}
    text = {"type": "text", "text": "Describe this audio."}
    messages = [{"role": "user", "content": [text, audio]}]
    flash = chat(messages=messages, model="google/gemini-2.5-flash", reasoning={"enabled": False})
    usage = flash["usage"]
    # 3 + "user" + 4 text tokens + 64 audio tokens (64,000 base64 characters) + 3
    assert usage["prompt_tokens"] == 75
    assert usage["prompt_tokens_details"] == {
        "cached_tokens": 0,
        "cache_write_tokens": 0,
        "audio_tokens": 64,
        "video_tokens": 0,
    }
    assert usage["completion_tokens_details"]["audio_tokens"] == 0
    # 11 tokens at the prompt price (0.0000003) and 64 at the audio price (0.000001)
    assert usage["cost_details"]["upstream_inference_prompt_cost"] == 0.0000673
    assert emu.generations[flash["id"]]["num_input_audio_prompt"] == 1
    pro = chat(messages=messages, model="google/gemini-2.5-pro")["usage"]
    assert pro["prompt_tokens_details"]["audio_tokens"] == 64
    # no audio price in the catalog: all 75 tokens at the prompt price (0.00000125)
    assert pro["cost_details"]["upstream_inference_prompt_cost"] == 0.00009375
    silent = chat("no audio")["id"]
    assert emu.generations[silent]["num_input_audio_prompt"] is None

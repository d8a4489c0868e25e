"""Body parameters are declared once (``params.py``): every field is sent, or is a setting.

A new ``ChatOpenRouter`` field must either carry a ``Body`` marker (then these tests need a
sample value for it and check it reaches the body, from the constructor and per call) or be
listed below as a client setting. A field that is sent nowhere fails here.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from langchain_core.language_models import BaseChatModel

from langchain_openrouter._settings import OpenRouterSettings
from langchain_openrouter.chat_models import ChatOpenRouter
from langchain_openrouter.chat_models.params import BODY_FIELDS, Body, body_param, wire_name

# ChatOpenRouter's own fields that configure the client or the call, never sent as such.
OWN_SETTINGS = {
    "streaming",
    "stream_usage",
    "model_kwargs",
    "extra_body",
    "client",
    "use_responses_api",
    "response_cache",
}
# Attribution defaults: headers, not body (declared on ChatOpenRouter or the settings mixin).
ATTRIBUTION = {"app_url", "app_title"}

# A valid value for every body field, and the body key and value it must arrive as.
SAMPLES: dict[str, tuple[Any, str, Any]] = {
    "model_name": ("openai/gpt-4o", "model", "openai/gpt-4o"),
    "models": (["anthropic/claude-sonnet-4.5"], "models", ["anthropic/claude-sonnet-4.5"]),
    "temperature": (0.3, "temperature", 0.3),
    "max_tokens": (64, "max_tokens", 64),
    "max_completion_tokens": (96, "max_completion_tokens", 96),
    "top_p": (0.9, "top_p", 0.9),
    "top_k": (40, "top_k", 40),
    "min_p": (0.05, "min_p", 0.05),
    "top_a": (0.1, "top_a", 0.1),
    "frequency_penalty": (0.5, "frequency_penalty", 0.5),
    "presence_penalty": (-0.5, "presence_penalty", -0.5),
    "repetition_penalty": (1.1, "repetition_penalty", 1.1),
    "seed": (7, "seed", 7),
    "stop": (["END"], "stop", ["END"]),
    "n": (2, "n", 2),
    "logit_bias": ({50256: -100}, "logit_bias", {"50256": -100}),
    "logprobs": (True, "logprobs", True),
    "top_logprobs": (3, "top_logprobs", 3),
    "reasoning": ({"summary": "auto"}, "reasoning", {"summary": "auto"}),
    "reasoning_effort": ("low", "reasoning", {"effort": "low"}),
    "verbosity": ("low", "verbosity", "low"),
    "openrouter_provider": ({"sort": "price"}, "provider", {"sort": "price"}),
    "route": ("fallback", "route", "fallback"),
    "plugins": ([{"id": "web"}], "plugins", [{"id": "web"}]),
    "web_search_options": (
        {"search_context_size": "high"},
        "web_search_options",
        {"search_context_size": "high"},
    ),
    "modalities": (["image", "text"], "modalities", ["image", "text"]),
    "image_config": ({"aspect_ratio": "16:9"}, "image_config", {"aspect_ratio": "16:9"}),
    "prediction": (
        {"type": "content", "content": "Blue"},
        "prediction",
        {"type": "content", "content": "Blue"},
    ),
    "preset": ("@preset/comedian", "preset", "@preset/comedian"),
    "transforms": (["middle-out"], "transforms", ["middle-out"]),
    "parallel_tool_calls": (False, "parallel_tool_calls", False),
    "service_tier": ("flex", "service_tier", "flex"),
    "session_id": ("session-1", "session_id", "session-1"),
    "trace": ({"trace_id": "t-1"}, "trace", {"trace_id": "t-1"}),
    "user": ("user-1", "user", "user-1"),
}


class _Recorder:
    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.bodies.append(json.loads(request.content))
        return httpx.Response(
            200,
            json={
                "id": "gen-1",
                "model": "openai/gpt-4o",
                "choices": [
                    {"index": 0, "finish_reason": "stop", "message": {"content": "ok"}},
                    {"index": 1, "finish_reason": "stop", "message": {"content": "ok"}},
                ],
            },
        )


def _model(recorder: _Recorder, **fields: Any) -> ChatOpenRouter:
    fields.setdefault("model", "openai/gpt-4o")
    return ChatOpenRouter(
        api_key="sk-or-v1-test",
        http_client=httpx.Client(transport=httpx.MockTransport(recorder)),
        **fields,
    )


def test_every_field_is_a_body_parameter_or_a_client_setting() -> None:
    fields = set(ChatOpenRouter.model_fields)
    settings = (
        set(OpenRouterSettings.model_fields)
        | set(BaseChatModel.model_fields)
        | OWN_SETTINGS
        | ATTRIBUTION
    )
    body = set(BODY_FIELDS)
    assert not body & settings, "a field cannot be both sent and a client setting"
    assert fields - settings == body, (
        "a ChatOpenRouter field is sent nowhere: declare it in chat_models/params.py with a "
        "Body marker, or list it as a client setting here"
    )
    for name in BODY_FIELDS:
        assert any(isinstance(m, Body) for m in ChatOpenRouter.model_fields[name].metadata)


def test_every_body_field_has_a_sample() -> None:
    assert set(SAMPLES) == set(BODY_FIELDS)


def test_every_body_field_is_sent_from_the_constructor() -> None:
    recorder = _Recorder()
    fields = {name: value for name, (value, _, _) in SAMPLES.items() if name != "model_name"}
    _model(recorder, model="openai/gpt-4o", **fields).invoke("Hi")
    body = recorder.bodies[-1]
    for name, (_, wire, sent) in SAMPLES.items():
        if wire == "reasoning":
            # reasoning_effort folds into reasoning: both arrive, in one object.
            assert sent.items() <= body[wire].items(), name
        else:
            assert body[wire] == sent, name
    assert body["reasoning"] == {"summary": "auto", "effort": "low"}


@pytest.mark.parametrize("name", [n for n in SAMPLES if n not in {"model_name", "n"}])
def test_every_body_field_is_accepted_per_call_by_field_and_wire_name(name: str) -> None:
    value, wire, sent = SAMPLES[name]
    recorder = _Recorder()
    llm = _model(recorder)
    llm.invoke("Hi", **{name: value})
    llm.invoke("Hi", **{wire_name(name): value} if wire != "reasoning" else {name: value})
    for body in recorder.bodies:
        assert body[wire] == sent
        assert name == wire or name not in body


def test_unset_fields_are_not_sent() -> None:
    recorder = _Recorder()
    _model(recorder).invoke("Hi")
    assert set(recorder.bodies[-1]) == {"model", "messages"}


@pytest.mark.parametrize(
    "name", [n for n in BODY_FIELDS if (s := body_param(n)) and (s.low is not None or s.high)]
)
def test_every_declared_range_is_checked_at_construction_and_per_call(name: str) -> None:
    spec = body_param(name)
    assert spec is not None
    bad = spec.high + 1 if spec.high is not None else (spec.low or 0) - 1
    with pytest.raises(ValueError, match=rf"{name} must be"):
        _model(_Recorder(), **{name: bad})
    recorder = _Recorder()
    with pytest.raises(ValueError, match=rf"{name} must be"):
        _model(recorder).invoke("Hi", **{name: bad})
    assert recorder.bodies == []


def test_aliases_and_wire_names_resolve_to_the_declaration() -> None:
    assert body_param("model") is body_param("model_name")
    assert body_param("stop_sequences") is body_param("stop")
    assert body_param("provider") is body_param("openrouter_provider")
    assert body_param("tools") is None
    assert wire_name("openrouter_provider") == "provider"

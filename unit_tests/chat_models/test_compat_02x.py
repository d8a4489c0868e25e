"""Code written for langchain-openrouter 0.2.x keeps working: names, aliases, env vars, defaults.

The table below is 0.2.9's constructor, read from its released ``chat_models.py``.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from langchain_core.load import loads
from langchain_core.messages import AIMessage

from langchain_openrouter import ChatOpenRouter
from unit_tests.samples import load_json

_REQUIRED = object()
_ENV_VARS = (
    "OPENROUTER_API_KEY",
    "OPENROUTER_API_BASE",
    "OPENROUTER_BASE_URL",
    "OPENROUTER_APP_URL",
    "OPENROUTER_APP_TITLE",
    "OPENROUTER_SESSION_ID",
)

# field, alias, env var, default (with no env var set), a value to pass
# Aliases added after 0.2.x (the 0.2.x name still works: the table checks it).
ALIASES_SINCE_02X = {"openrouter_provider"}

FIELDS_02X: list[tuple[str, str | None, str | None, Any, Any]] = [
    ("client", None, None, None, None),
    ("openrouter_api_key", "api_key", "OPENROUTER_API_KEY", None, "sk-or-v1-x"),
    ("openrouter_api_base", "base_url", "OPENROUTER_API_BASE", None, "https://a.example/v1"),
    ("app_url", None, "OPENROUTER_APP_URL", "https://docs.langchain.com", "https://me.example"),
    ("app_title", None, "OPENROUTER_APP_TITLE", "LangChain", "Mine"),
    ("app_categories", None, None, None, ["cli-agent"]),
    ("request_timeout", "timeout", None, None, 30),
    ("max_retries", None, None, 2, 0),
    ("model_name", "model", None, _REQUIRED, "openai/gpt-4o"),
    ("temperature", None, None, None, 0.1),
    ("max_tokens", None, None, None, 10),
    ("max_completion_tokens", None, None, None, 11),
    ("top_p", None, None, None, 0.5),
    ("frequency_penalty", None, None, None, 0.2),
    ("presence_penalty", None, None, None, 0.3),
    ("seed", None, None, None, 7),
    ("stop", "stop_sequences", None, None, ["x"]),
    ("n", None, None, 1, 2),
    ("streaming", None, None, False, True),
    ("stream_usage", None, None, True, False),
    ("model_kwargs", None, None, {}, {"safe_prompt": True}),
    ("reasoning", None, None, None, {"effort": "low"}),
    ("openrouter_provider", None, None, None, {"order": ["openai"]}),
    ("route", None, None, None, "fallback"),
    ("plugins", None, None, None, [{"id": "web"}]),
    ("default_headers", None, None, None, {"x-a": "1"}),
    ("session_id", None, "OPENROUTER_SESSION_ID", None, "s-1"),
    ("trace", None, None, None, {"trace_id": "t"}),
]


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _ENV_VARS:
        monkeypatch.delenv(name, raising=False)


def _value(llm: ChatOpenRouter, name: str) -> Any:
    value = getattr(llm, name)
    return value.get_secret_value() if hasattr(value, "get_secret_value") else value


@pytest.mark.parametrize(("name", "alias", "env", "default", "value"), FIELDS_02X)
def test_field_name_alias_and_default(
    name: str, alias: str | None, env: str | None, default: Any, value: Any
) -> None:
    field = ChatOpenRouter.model_fields[name]
    # An alias 0.2.x had is kept; a field that had none may have gained one (provider=).
    assert field.alias == alias or (alias is None and name in ALIASES_SINCE_02X)
    if default is _REQUIRED:
        assert field.is_required()
        return
    other = {"n": 1} if name == "streaming" else {}
    assert _value(ChatOpenRouter(model="m/m"), name) == default
    assert _value(ChatOpenRouter(model="m/m", **{name: value}, **other), name) == value
    if alias is not None:
        assert _value(ChatOpenRouter(model="m/m", **{alias: value}), name) == value


@pytest.mark.parametrize(
    ("name", "env", "value"),
    [(name, env, value) for name, _, env, _, value in FIELDS_02X if env is not None],
)
def test_field_reads_its_environment_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, env: str, value: Any
) -> None:
    monkeypatch.setenv(env, value)
    assert _value(ChatOpenRouter(model="m/m"), name) == value


def test_model_property_as_in_0_2() -> None:
    assert ChatOpenRouter(model="openai/gpt-4o").model == "openai/gpt-4o"


def test_0_2_millisecond_timeout_still_means_milliseconds() -> None:
    with pytest.warns(DeprecationWarning, match="milliseconds"):
        llm = ChatOpenRouter(model="m/m", timeout=120_000)
    assert llm.request_timeout == 120.0


def test_unknown_kwargs_warn_and_go_to_model_kwargs_as_in_0_2() -> None:
    with pytest.warns(UserWarning, match="moved into model_kwargs"):
        llm = ChatOpenRouter(model="m/m", logit_bias_extra=True)
    assert llm.model_kwargs == {"logit_bias_extra": True}


def test_known_field_in_model_kwargs_is_refused_as_in_0_2() -> None:
    with pytest.raises(ValueError, match=r"pass seed=\.\.\. directly"):
        ChatOpenRouter(model="m/m", model_kwargs={"seed": 1})


def test_streaming_with_n_above_one_is_refused_as_in_0_2() -> None:
    with pytest.raises(ValueError, match="n must be 1 when streaming"):
        ChatOpenRouter(model="m/m", n=3, streaming=True)


def test_no_key_no_longer_fails_at_construction() -> None:
    # 0.2.x raised "OPENROUTER_API_KEY must be set." here; the key is now checked at the first
    # request, so init_chat_model, serialization and tests work without one.
    assert ChatOpenRouter(model="m/m").openrouter_api_key is None


def test_0_2_serialized_model_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-v1-env")
    serialized = {
        "lc": 1,
        "type": "constructor",
        "id": ["langchain_openrouter", "chat_models", "ChatOpenRouter"],
        "kwargs": {
            "model_name": "anthropic/claude-sonnet-4.5",
            "openrouter_api_key": {"lc": 1, "type": "secret", "id": ["OPENROUTER_API_KEY"]},
            "temperature": 0.0,
            "max_retries": 2,
            "n": 1,
            "stream_usage": True,
            "request_timeout": 60000,
            "openrouter_provider": {"order": ["Anthropic"]},
            "app_url": "https://docs.langchain.com",
            "app_title": "LangChain",
        },
    }
    with pytest.warns(DeprecationWarning, match="milliseconds"):
        llm = loads(
            json.dumps(serialized),
            valid_namespaces=["langchain_openrouter"],
            secrets_from_env=True,
            allowed_objects="all",
        )
    assert isinstance(llm, ChatOpenRouter)
    assert llm.model_name == "anthropic/claude-sonnet-4.5"
    assert llm.request_timeout == 60.0
    assert llm.openrouter_provider == {"order": ["Anthropic"]}
    assert llm.openrouter_api_key is not None
    assert llm.openrouter_api_key.get_secret_value() == "sk-or-v1-env"


def test_0_2_result_keys_are_kept() -> None:
    body = load_json("chat_completion_reasoning.json")
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    llm = ChatOpenRouter(
        model="anthropic/claude-sonnet-4.5",
        api_key="sk-or-v1-x",
        http_client=httpx.Client(transport=transport),
    )
    message = llm.invoke("Hi")
    assert isinstance(message, AIMessage)
    # 0.2.x put the reasoning text under reasoning_content and the details under
    # reasoning_details; the provider, cost and model_provider in response_metadata.
    assert (
        message.additional_kwargs["reasoning_content"] == body["choices"][0]["message"]["reasoning"]
    )
    assert (
        message.additional_kwargs["reasoning_details"]
        == body["choices"][0]["message"]["reasoning_details"]
    )
    assert message.response_metadata["model_provider"] == "openrouter"
    assert message.response_metadata["provider"] == body["provider"]
    assert message.response_metadata["cost"] == body["usage"]["cost"]
    assert message.response_metadata["model_name"] == body["model"]


def test_json_mode_is_real_json_mode_now() -> None:
    # 0.2.x warned and silently switched method="json_mode" to json_schema.
    seen: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        return httpx.Response(200, json=load_json("chat_completion_structured.json"))

    llm = ChatOpenRouter(
        model="m/m",
        api_key="sk-or-v1-x",
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
    )
    assert llm.with_structured_output(None, method="json_mode").invoke("JSON please") == {
        "location": "London",
        "temperature": 18,
        "conditions": "Partly cloudy",
    }
    assert seen[-1]["response_format"] == {"type": "json_object"}

"""ChatOpenRouter end to end over an in-process transport: what it sends, what it returns."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from langchain_core.exceptions import OutputParserException
from langchain_core.load import dumpd, dumps, loads
from langchain_core.messages import AIMessage, AIMessageChunk, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration
from pydantic import BaseModel, SecretStr
from typing_extensions import TypedDict

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter._client import AsyncOpenRouterClient
from langchain_openrouter._tokens import count_tokens
from langchain_openrouter.errors import (
    AuthenticationError,
    InsufficientCreditsError,
    MissingAPIKeyError,
    RateLimitError,
    StreamError,
)
from unit_tests.samples import load_bytes, load_json

SECRET = "sk-or-v1-" + "5ec2e7" * 10 + "abcd"
_ENV = (
    "OPENROUTER_API_KEY",
    "OPENROUTER_API_BASE",
    "OPENROUTER_BASE_URL",
    "OPENROUTER_APP_URL",
    "OPENROUTER_APP_TITLE",
    "OPENROUTER_SESSION_ID",
)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)


def _completion(content: str = "Hi!", **extra: Any) -> dict[str, Any]:
    return {
        "id": "gen-1-abc",
        "model": "openai/gpt-4o-mini",
        "provider": "OpenAI",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": content},
            }
        ],
        "usage": {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7},
        **extra,
    }


class Recorder:
    """An OpenRouter stand-in: records each request, answers from a queue (last one repeats)."""

    def __init__(self, *responses: httpx.Response | Callable[[httpx.Request], httpx.Response]):
        self.requests: list[httpx.Request] = []
        self._responses = list(responses) or [httpx.Response(200, json=_completion())]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self._responses.pop(0) if len(self._responses) > 1 else self._responses[0]
        if callable(answer):
            return answer(request)
        # A fresh copy each time: a response object is bound to the client that read it.
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)

    @property
    def body(self) -> dict[str, Any]:
        return json.loads(self.requests[-1].content)  # type: ignore[no-any-return]

    @property
    def headers(self) -> httpx.Headers:
        return self.requests[-1].headers

    def model(self, **kwargs: Any) -> ChatOpenRouter:
        kwargs.setdefault("model", "openai/gpt-4o-mini")
        kwargs.setdefault("api_key", SECRET)
        transport = httpx.MockTransport(self)
        return ChatOpenRouter(
            http_client=httpx.Client(transport=transport),
            http_async_client=httpx.AsyncClient(transport=transport),
            **kwargs,
        )


def sse(name: str) -> httpx.Response:
    return httpx.Response(
        200, content=load_bytes(name), headers={"content-type": "text/event-stream"}
    )


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


# --- every 0.2.x constructor argument -------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"temperature": 0.3}, {"temperature": 0.3}),
        ({"max_tokens": 64}, {"max_tokens": 64}),
        ({"max_completion_tokens": 128}, {"max_completion_tokens": 128}),
        ({"top_p": 0.9}, {"top_p": 0.9}),
        ({"frequency_penalty": 0.5}, {"frequency_penalty": 0.5}),
        ({"presence_penalty": -0.5}, {"presence_penalty": -0.5}),
        ({"seed": 42}, {"seed": 42}),
        ({"stop": ["END"]}, {"stop": ["END"]}),
        ({"stop": "END"}, {"stop": ["END"]}),
        ({"stop_sequences": ["A", "B"]}, {"stop": ["A", "B"]}),
        ({"n": 2}, {"n": 2}),
        (
            {"reasoning": {"effort": "high", "summary": "auto"}},
            {"reasoning": {"effort": "high", "summary": "auto"}},
        ),
        ({"openrouter_provider": {"order": ["anthropic"]}}, {"provider": {"order": ["anthropic"]}}),
        ({"route": "fallback"}, {"route": "fallback"}),
        (
            {"plugins": [{"id": "web", "max_results": 3}]},
            {"plugins": [{"id": "web", "max_results": 3}]},
        ),
        ({"session_id": "conv-42"}, {"session_id": "conv-42"}),
        (
            {"trace": {"trace_id": "t-1", "span_name": "s"}},
            {"trace": {"trace_id": "t-1", "span_name": "s"}},
        ),
        (
            {"model_kwargs": {"safe_prompt": True}},
            {"safe_prompt": True},
        ),
        # Arguments beyond 0.2.x: OpenRouter body fields and ChatOpenAI habits.
        ({"models": ["anthropic/claude-haiku-4.5"]}, {"models": ["anthropic/claude-haiku-4.5"]}),
        ({"top_k": 40}, {"top_k": 40}),
        ({"min_p": 0.05}, {"min_p": 0.05}),
        ({"top_a": 0.2}, {"top_a": 0.2}),
        ({"repetition_penalty": 1.1}, {"repetition_penalty": 1.1}),
        ({"logit_bias": {50256: -100}}, {"logit_bias": {"50256": -100}}),
        ({"logprobs": True, "top_logprobs": 3}, {"logprobs": True, "top_logprobs": 3}),
        ({"user": "user-7f3a"}, {"user": "user-7f3a"}),
        ({"verbosity": "low"}, {"verbosity": "low"}),
        ({"transforms": ["middle-out"]}, {"transforms": ["middle-out"]}),
        ({"parallel_tool_calls": False}, {"parallel_tool_calls": False}),
        ({"service_tier": "flex"}, {"service_tier": "flex"}),
        ({"reasoning_effort": "low"}, {"reasoning": {"effort": "low"}}),
        (
            {"extra_body": {"cache_control": {"type": "ephemeral"}}},
            {"cache_control": {"type": "ephemeral"}},
        ),
    ],
)
def test_constructor_argument_lands_in_the_body(
    recorder: Recorder, kwargs: dict[str, Any], expected: dict[str, Any]
) -> None:
    recorder.model(**kwargs).invoke("Hi")
    assert recorder.body == {
        "model": "openai/gpt-4o-mini",
        "messages": [{"role": "user", "content": "Hi"}],
        **expected,
    }


def test_unset_fields_are_omitted(recorder: Recorder) -> None:
    recorder.model().invoke("Hi")
    assert recorder.body == {
        "model": "openai/gpt-4o-mini",
        "messages": [{"role": "user", "content": "Hi"}],
    }


def test_model_name_and_model_are_the_same_field(recorder: Recorder) -> None:
    llm = recorder.model(model="x-ai/grok-4.3")
    assert llm.model_name == llm.model == "x-ai/grok-4.3"
    assert ChatOpenRouter(model_name="a/b").model == "a/b"


def test_connection_arguments_land_in_url_and_headers() -> None:
    recorder = Recorder()
    recorder.model(
        api_key=SECRET,
        base_url="https://proxy.example/api/v1/",
        app_url="https://myapp.example",
        app_title="My App",
        app_categories=["cli-agent", "programming-app"],
        default_headers={"x-grok-conv-id": "c-1", "x-title": "Override"},
    ).invoke("Hi")
    request = recorder.requests[-1]
    assert str(request.url) == "https://proxy.example/api/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {SECRET}"
    assert request.headers["http-referer"] == "https://myapp.example"
    assert request.headers["x-title"] == "Override"
    assert request.headers.get_list("x-title") == ["Override"]
    # one title, under both of its names
    assert request.headers["x-openrouter-title"] == "Override"
    assert request.headers["x-openrouter-categories"] == "cli-agent,programming-app"
    assert request.headers["x-grok-conv-id"] == "c-1"
    assert request.headers["content-type"] == "application/json"


def test_attribution_defaults_are_the_0_2_defaults(recorder: Recorder) -> None:
    llm = recorder.model()
    assert llm.app_url == "https://docs.langchain.com"
    assert llm.app_title == "LangChain"
    llm.invoke("Hi")
    assert recorder.headers["http-referer"] == "https://docs.langchain.com"
    assert recorder.headers["x-title"] == "LangChain"


def test_environment_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENROUTER_API_KEY", SECRET)
    monkeypatch.setenv("OPENROUTER_API_BASE", "https://base.example/v1")
    monkeypatch.setenv("OPENROUTER_APP_URL", "https://env-app.example")
    monkeypatch.setenv("OPENROUTER_APP_TITLE", "Env App")
    monkeypatch.setenv("OPENROUTER_SESSION_ID", "env-session")
    recorder = Recorder()
    llm = ChatOpenRouter(
        model="m/m", http_client=httpx.Client(transport=httpx.MockTransport(recorder))
    )
    assert llm.openrouter_api_key is not None
    assert llm.openrouter_api_key.get_secret_value() == SECRET
    llm.invoke("Hi")
    assert str(recorder.requests[-1].url) == "https://base.example/v1/chat/completions"
    assert recorder.headers["authorization"] == f"Bearer {SECRET}"
    assert recorder.headers["http-referer"] == "https://env-app.example"
    assert recorder.headers["x-title"] == "Env App"
    assert recorder.body["session_id"] == "env-session"


def test_openrouter_base_url_env_is_read_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENROUTER_BASE_URL", "https://other.example/api/v1")
    assert ChatOpenRouter(model="m/m").openrouter_api_base == "https://other.example/api/v1"


def test_empty_session_id_is_unset(monkeypatch: pytest.MonkeyPatch, recorder: Recorder) -> None:
    monkeypatch.setenv("OPENROUTER_SESSION_ID", "")
    llm = recorder.model()
    assert llm.session_id is None
    llm.invoke("Hi")
    assert "session_id" not in recorder.body


def test_streaming_true_streams_invoke() -> None:
    recorder = Recorder(sse("chat_stream_basic.sse"))
    message = recorder.model(streaming=True).invoke("Hi")
    assert recorder.body["stream"] is True
    assert recorder.headers["accept"] == "text/event-stream"
    assert isinstance(message, AIMessage)
    assert message.content
    assert message.usage_metadata is not None


def test_stream_usage_false_leaves_usage_out() -> None:
    recorder = Recorder(sse("chat_stream_basic.sse"))
    chunks = list(recorder.model(stream_usage=False).stream("Hi"))
    assert all(chunk.usage_metadata is None for chunk in chunks)
    assert "stream_options" not in recorder.body


def test_stream_usage_per_call() -> None:
    recorder = Recorder(sse("chat_stream_basic.sse"))
    chunks = list(recorder.model().stream("Hi", stream_usage=False))
    assert all(chunk.usage_metadata is None for chunk in chunks)


def test_max_retries_retries_then_succeeds() -> None:
    rate_limited = httpx.Response(
        429, json=load_json("error_429.json"), headers={"retry-after": "0"}
    )
    recorder = Recorder(rate_limited, rate_limited, httpx.Response(200, json=_completion()))
    assert recorder.model(max_retries=2).invoke("Hi").content == "Hi!"
    assert len(recorder.requests) == 3


def test_max_retries_zero_disables_retrying() -> None:
    rate_limited = httpx.Response(
        429, json=load_json("error_429.json"), headers={"retry-after": "0"}
    )
    recorder = Recorder(rate_limited, httpx.Response(200, json=_completion()))
    with pytest.raises(RateLimitError):
        recorder.model(max_retries=0).invoke("Hi")
    assert len(recorder.requests) == 1


def test_402_is_not_retried() -> None:
    recorder = Recorder(httpx.Response(402, json=load_json("error_402.json")))
    with pytest.raises(InsufficientCreditsError, match="Insufficient credits"):
        recorder.model(max_retries=3).invoke("Hi")
    assert len(recorder.requests) == 1


# --- timeout --------------------------------------------------------------------------------


def test_timeout_in_seconds_reaches_the_request(recorder: Recorder) -> None:
    llm = recorder.model(timeout=30)
    assert llm.request_timeout == 30
    llm.invoke("Hi")
    assert recorder.requests[-1].extensions["timeout"] == {
        "connect": 30.0,
        "read": 30.0,
        "write": 30.0,
        "pool": 30.0,
    }


def test_millisecond_timeout_of_0_2_is_converted_with_a_warning(recorder: Recorder) -> None:
    with pytest.warns(DeprecationWarning, match=r"timeout=30000 is read as milliseconds \(30 s\)"):
        llm = recorder.model(timeout=30000)
    assert llm.request_timeout == 30.0
    llm.invoke("Hi")
    assert recorder.requests[-1].extensions["timeout"]["read"] == 30.0


def test_request_timeout_name_and_httpx_timeout(recorder: Recorder) -> None:
    llm = recorder.model(request_timeout=httpx.Timeout(5.0, read=90.0))
    llm.invoke("Hi")
    assert recorder.requests[-1].extensions["timeout"] == {
        "connect": 5.0,
        "read": 90.0,
        "write": 5.0,
        "pool": 5.0,
    }


def test_default_timeout_waits_long_for_the_first_byte(recorder: Recorder) -> None:
    recorder.model().invoke("Hi")
    assert recorder.requests[-1].extensions["timeout"] == {
        "connect": 10.0,
        "read": 600.0,
        "write": 600.0,
        "pool": 600.0,
    }


def test_per_call_timeout(recorder: Recorder) -> None:
    recorder.model(timeout=30).invoke("Hi", timeout=2.5)
    assert recorder.requests[-1].extensions["timeout"]["read"] == 2.5


# --- model_kwargs ---------------------------------------------------------------------------


def test_unknown_argument_moves_to_model_kwargs_with_a_warning(recorder: Recorder) -> None:
    with pytest.warns(UserWarning, match="safe_prompt is not a ChatOpenRouter argument"):
        llm = recorder.model(safe_prompt=True)
    assert llm.model_kwargs == {"safe_prompt": True}
    llm.invoke("Hi")
    assert recorder.body["safe_prompt"] is True


def test_known_field_inside_model_kwargs_is_an_error() -> None:
    with pytest.raises(
        ValueError,
        match=r"temperature is a ChatOpenRouter argument: pass temperature=\.\.\. directly",
    ):
        ChatOpenRouter(model="m/m", model_kwargs={"temperature": 0.2})


def test_alias_inside_model_kwargs_is_an_error() -> None:
    with pytest.raises(ValueError, match="stop_sequences is a ChatOpenRouter argument"):
        ChatOpenRouter(model="m/m", model_kwargs={"stop_sequences": ["x"]})


def test_argument_given_twice_is_an_error() -> None:
    with pytest.raises(ValueError, match="safe_prompt is given twice"):
        ChatOpenRouter(model="m/m", safe_prompt=True, model_kwargs={"safe_prompt": False})


def test_chatopenai_connection_names_are_read_not_sent(recorder: Recorder) -> None:
    with pytest.warns(UserWarning, match="is ChatOpenAI's name"):
        llm = ChatOpenRouter(
            model="m/m",
            openai_api_key=SECRET,
            openai_api_base="https://proxy.example/v1",
            http_client=httpx.Client(transport=httpx.MockTransport(recorder)),
        )
    assert llm.model_kwargs == {}
    assert llm.openrouter_api_key is not None
    assert llm.openrouter_api_key.get_secret_value() == SECRET
    llm.invoke("Hi")
    assert str(recorder.requests[-1].url) == "https://proxy.example/v1/chat/completions"
    assert SECRET not in recorder.requests[-1].content.decode()
    with pytest.raises(ValueError, match="pass only api_key"):
        ChatOpenRouter(model="m/m", api_key="a", openai_api_key="b")


def test_model_kwargs_override_fields_but_extra_body_wins(recorder: Recorder) -> None:
    llm = recorder.model(
        temperature=0.1,
        model_kwargs={"safe_prompt": True},
        extra_body={"safe_prompt": False, "temperature": 0.9},
    )
    llm.invoke("Hi")
    assert recorder.body["safe_prompt"] is False
    assert recorder.body["temperature"] == 0.9


# --- validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"temperature": 2.1}, "temperature must be between 0 and 2"),
        ({"temperature": -1}, "temperature must be between 0 and 2"),
        ({"top_p": 1.2}, "top_p must be between 0 and 1"),
        ({"frequency_penalty": 3}, "frequency_penalty must be between -2 and 2"),
        ({"presence_penalty": -2.5}, "presence_penalty must be between -2 and 2"),
        ({"repetition_penalty": 0}, r"repetition_penalty must be in \(0, 2\]"),
        ({"repetition_penalty": 2.5}, r"repetition_penalty must be in \(0, 2\]"),
        ({"n": 0}, "n must be >= 1"),
        ({"max_tokens": 0}, "max_tokens must be >= 1"),
        ({"max_completion_tokens": 0}, "max_completion_tokens must be >= 1"),
        ({"top_logprobs": 21}, "top_logprobs must be between 0 and 20"),
        ({"top_k": -1}, "top_k must be >= 0"),
        ({"session_id": "s" * 257}, "session_id must be at most 256 characters"),
        ({"user": "u" * 257}, "user must be at most 256 characters"),
        ({"n": 2, "streaming": True}, "n must be 1 when streaming"),
        ({"max_retries": -1}, "max_retries"),
        ({"timeout": -5}, "timeout must be > 0"),
        ({"logit_bias": {"1": 500}}, r"logit_bias\['1'\] must be between -100 and 100"),
    ],
)
def test_invalid_argument_is_a_clear_value_error(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ChatOpenRouter(model="m/m", **kwargs)


def test_validation_happens_before_any_request(recorder: Recorder) -> None:
    with pytest.raises(ValueError, match="temperature"):
        recorder.model(temperature=5)
    assert recorder.requests == []


def test_per_call_out_of_range_is_refused_before_sending(recorder: Recorder) -> None:
    with pytest.raises(ValueError, match="top_p must be between 0 and 1"):
        recorder.model().invoke("Hi", top_p=7)
    assert recorder.requests == []


def test_n_above_one_with_stream_is_refused(recorder: Recorder) -> None:
    with pytest.raises(ValueError, match="n must be 1 when streaming"):
        list(recorder.model(n=2).stream("Hi"))
    assert recorder.requests == []


def test_n_two_gives_two_generations() -> None:
    body = _completion("one")
    body["choices"].append(
        {"index": 1, "finish_reason": "stop", "message": {"role": "assistant", "content": "two"}}
    )
    recorder = Recorder(httpx.Response(200, json=body))
    result = recorder.model(n=2).generate([[HumanMessage("Hi")]])
    assert [g.text for g in result.generations[0]] == ["one", "two"]


@pytest.mark.parametrize(
    ("messages", "message"),
    [
        ([], "the message list is empty"),
        ([HumanMessage("Hi"), ToolMessage("18 C", tool_call_id="c9")], "answers no tool call"),
    ],
)
def test_bad_conversation_fails_before_any_request(
    recorder: Recorder, messages: list[Any], message: str
) -> None:
    llm = recorder.model()
    with pytest.raises(ValueError, match=message):
        llm.invoke(messages)
    with pytest.raises(ValueError, match=message):
        list(llm.stream(messages))
    assert recorder.requests == []


# --- client= --------------------------------------------------------------------------------


class _SDKClient:
    """Stands in for 0.2.x's `openrouter.OpenRouter` SDK object."""


def test_foreign_client_is_a_type_error_pointing_to_http_client() -> None:
    with pytest.raises(TypeError, match=r"pass http_client=httpx\.Client"):
        ChatOpenRouter(model="m/m", client=_SDKClient())


def test_client_takes_the_httpx_clients_the_utility_functions_take() -> None:
    recorder = Recorder()
    sync = httpx.Client(transport=httpx.MockTransport(recorder))
    llm = ChatOpenRouter(model="m/m", api_key=SECRET, client=sync)
    assert llm.http_client is sync
    assert llm.sync_client.http is sync
    assert llm.invoke("Hi").content == "Hi!"
    async_client = httpx.AsyncClient(transport=httpx.MockTransport(recorder))
    allm = ChatOpenRouter(model="m/m", api_key=SECRET, client=async_client)
    assert allm.http_async_client is async_client
    assert asyncio.run(allm.ainvoke("Hi")).content == "Hi!"
    assert len(recorder.requests) == 2


def test_client_and_http_client_naming_two_clients_is_an_error() -> None:
    with pytest.raises(ValueError, match="pass only http_client="):
        ChatOpenRouter(model="m/m", client=httpx.Client(), http_client=httpx.Client())


# --- the API key ----------------------------------------------------------------------------


def test_missing_key_is_an_error_at_the_first_request_not_at_construction(
    recorder: Recorder,
) -> None:
    llm = ChatOpenRouter(
        model="m/m", http_client=httpx.Client(transport=httpx.MockTransport(recorder))
    )
    assert llm.openrouter_api_key is None
    with pytest.raises(MissingAPIKeyError, match="OPENROUTER_API_KEY"):
        llm.invoke("Hi")
    assert recorder.requests == []


def test_missing_key_is_an_error_for_streams_and_async_too() -> None:
    llm = ChatOpenRouter(model="m/m")
    with pytest.raises(MissingAPIKeyError, match="OPENROUTER_API_KEY"):
        list(llm.stream("Hi"))
    with pytest.raises(MissingAPIKeyError, match="OPENROUTER_API_KEY"):
        asyncio.run(llm.ainvoke("Hi"))


def test_secret_never_shows(caplog: pytest.LogCaptureFixture) -> None:
    recorder = Recorder(httpx.Response(401, json=load_json("error_401.json")))
    llm = recorder.model(api_key=SECRET)
    assert isinstance(llm.openrouter_api_key, SecretStr)
    texts = [repr(llm), str(llm), dumps(llm), json.dumps(dumpd(llm)), repr(llm.sync_client)]
    with caplog.at_level(logging.DEBUG), pytest.raises(AuthenticationError) as info:
        llm.invoke("Hi")
    texts += [str(info.value), repr(info.value), caplog.text]
    for text in texts:
        assert SECRET not in text
    assert recorder.headers["authorization"] == f"Bearer {SECRET}"


# --- serialization --------------------------------------------------------------------------


def test_dumpd_loads_round_trip_without_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    llm = ChatOpenRouter(
        model="anthropic/claude-sonnet-4.5",
        api_key=SECRET,
        temperature=0.2,
        max_tokens=300,
        openrouter_provider={"sort": "price"},
        stop=["END"],
        timeout=30,
        default_headers={"x-secret-header": "hidden"},
    )
    data = dumpd(llm)
    assert data["id"] == ["langchain_openrouter", "chat_models", "ChatOpenRouter"]
    assert data["kwargs"]["openrouter_api_key"] == {
        "lc": 1,
        "type": "secret",
        "id": ["OPENROUTER_API_KEY"],
    }
    assert "default_headers" not in data["kwargs"]
    assert "hidden" not in json.dumps(data)
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-v1-from-env")
    restored = loads(
        json.dumps(data),
        valid_namespaces=["langchain_openrouter"],
        secrets_from_env=True,
        allowed_objects="all",
    )
    assert isinstance(restored, ChatOpenRouter)
    assert restored.model_name == "anthropic/claude-sonnet-4.5"
    assert restored.temperature == 0.2
    assert restored.max_tokens == 300
    assert restored.stop == ["END"]
    assert restored.openrouter_provider == {"sort": "price"}
    assert restored.request_timeout == 30
    assert restored.openrouter_api_key is not None
    assert restored.openrouter_api_key.get_secret_value() == "sk-or-v1-from-env"
    assert restored.asdict() == llm.asdict()


def test_serialization_needs_no_key() -> None:
    data = dumpd(ChatOpenRouter(model="m/m"))
    assert "openrouter_api_key" not in data["kwargs"]
    assert data["kwargs"]["model_name"] == "m/m"


# --- init_chat_model ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "provider"),
    [("openrouter:openai/gpt-4o-mini", None), ("openai/gpt-4o-mini", "openrouter")],
)
def test_init_chat_model_returns_our_class(model: str, provider: str | None) -> None:
    from langchain.chat_models import init_chat_model

    llm = init_chat_model(model, model_provider=provider, temperature=0)
    assert type(llm) is ChatOpenRouter
    assert llm.model_name == "openai/gpt-4o-mini"  # type: ignore[attr-defined]
    assert llm.temperature == 0  # type: ignore[attr-defined]


def test_init_chat_model_keeps_variant_suffixes() -> None:
    from langchain.chat_models import init_chat_model

    llm = init_chat_model("openrouter:openai/gpt-oss-20b:free")
    assert llm.model_name == "openai/gpt-oss-20b:free"  # type: ignore[attr-defined]


# --- LangChain hooks ------------------------------------------------------------------------


def test_llm_type_identifying_and_ls_params() -> None:
    llm = ChatOpenRouter(
        model="openai/gpt-4o", temperature=0.5, max_tokens=99, stop="X", openrouter_provider={}
    )
    assert llm._llm_type == "openrouter-chat"
    assert llm._identifying_params == {
        "model": "openai/gpt-4o",
        "streaming": False,
        "temperature": 0.5,
        "max_tokens": 99,
        "stop": ["X"],
        "provider": {},
    }
    assert llm._get_ls_params() == {
        "ls_provider": "openrouter",
        "ls_model_name": "openai/gpt-4o",
        "ls_model_type": "chat",
        "ls_temperature": 0.5,
        "ls_max_tokens": 99,
        "ls_stop": ["X"],
    }
    overridden = llm._get_ls_params(stop=["Y"], model="m/other", temperature=0, max_tokens=5)
    assert overridden["ls_model_name"] == "m/other"
    assert overridden["ls_temperature"] == 0
    assert overridden["ls_max_tokens"] == 5
    assert overridden["ls_stop"] == ["Y"]


def test_lc_secrets_and_namespace() -> None:
    llm = ChatOpenRouter(model="m/m")
    assert llm.lc_secrets == {"openrouter_api_key": "OPENROUTER_API_KEY"}
    assert ChatOpenRouter.is_lc_serializable()
    assert ChatOpenRouter.get_lc_namespace() == ["langchain_openrouter", "chat_models"]


def test_profile_for_known_models_only() -> None:
    profile = ChatOpenRouter(model="anthropic/claude-sonnet-4.5").profile
    assert profile is not None
    assert profile["tool_calling"] is True
    assert profile["reasoning_output"] is True
    assert profile["max_output_tokens"] == 64000
    assert (
        ChatOpenRouter(model="openai/gpt-4o-mini:nitro").profile
        == ChatOpenRouter(model="openai/gpt-4o-mini").profile
    )
    assert ChatOpenRouter(model="nobody/unknown-model").profile is None


def test_version_is_recorded_for_tracing() -> None:
    from langchain_openrouter import __version__

    llm = ChatOpenRouter(model="m/m")
    assert llm.metadata is not None
    assert llm.metadata["lc_versions"]["langchain-openrouter"] == __version__


def test_get_num_tokens() -> None:
    llm = ChatOpenRouter(model="m/m")
    assert llm.get_num_tokens("") == 0
    assert llm.get_num_tokens("hello world") == count_tokens("hello world") > 0


def test_get_token_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    from langchain_openrouter import _tokens

    class FakeEncoding:
        def encode(self, text: str, disallowed_special: Any) -> list[int]:
            assert disallowed_special == ()  # special-token text counts as ordinary text
            return [len(word) for word in text.split()]

    llm = ChatOpenRouter(model="m/m")
    asked: list[str] = []

    def fake_encoding(name: str) -> FakeEncoding:
        asked.append(name)
        return FakeEncoding()

    monkeypatch.setattr(_tokens, "encoding", fake_encoding)
    assert llm.get_token_ids("hello <|endoftext|>") == [5, 13]
    assert ChatOpenRouter(model="openai/gpt-4").get_token_ids("a") == [1]
    assert asked == ["o200k_base", "cl100k_base"]  # the family's encoding, per model
    monkeypatch.setattr(_tokens, "encoding", lambda name: None)
    with pytest.raises(RuntimeError, match="TIKTOKEN_CACHE_DIR"):
        llm.get_token_ids("hello world")


# --- invoke and stream results --------------------------------------------------------------


def test_invoke_result_carries_usage_and_metadata() -> None:
    recorder = Recorder(httpx.Response(200, json=load_json("chat_completion_structured.json")))
    message = recorder.model().invoke("Weather?")
    assert message.content == (
        '{"location":"London","temperature":18,"conditions":"Partly cloudy"}'
    )
    assert message.id == "gen-1767000000-StructuredOutput01"
    assert message.usage_metadata == {
        "input_tokens": 92,
        "output_tokens": 17,
        "total_tokens": 109,
        "input_token_details": {"cache_read": 0, "cache_creation": 0, "audio": 0},
        "output_token_details": {"reasoning": 0, "audio": 0},
    }
    assert message.response_metadata["model_name"] == "openai/gpt-4o-mini"
    assert message.response_metadata["cost"] == 2.4e-05
    assert message.response_metadata["finish_reason"] == "stop"
    assert message.response_metadata["model_provider"] == "openrouter"


def test_per_call_model_override_and_kwargs(recorder: Recorder) -> None:
    recorder.model(temperature=0.7).invoke(
        "Hi",
        model="anthropic/claude-haiku-4.5",
        temperature=0,
        openrouter_provider={"zdr": True},
        extra_body={"usage": {"include": True}},
        extra_headers={"X-Request-Tag": "t1"},
    )
    assert recorder.body == {
        "model": "anthropic/claude-haiku-4.5",
        "temperature": 0,
        "provider": {"zdr": True},
        "usage": {"include": True},
        "messages": [{"role": "user", "content": "Hi"}],
    }
    assert recorder.headers["x-request-tag"] == "t1"


def test_stop_from_call_replaces_default(recorder: Recorder) -> None:
    llm = recorder.model(stop=["A"])
    llm.invoke("Hi", stop=["B"])
    assert recorder.body["stop"] == ["B"]
    llm.invoke("Hi")
    assert recorder.body["stop"] == ["A"]


def test_stream_tool_calls_sample_sums_to_two_calls() -> None:
    recorder = Recorder(sse("chat_stream_tool_calls.sse"))
    chunks = list(recorder.model().stream("Use tools"))
    total = chunks[0]
    for chunk in chunks[1:]:
        total += chunk
    assert chunks[-1].chunk_position == "last"
    assert [call["name"] for call in total.tool_calls] == [
        "get_fundamental_data",
        "get_technical_data",
    ]
    assert total.response_metadata["finish_reason"] == "tool_calls"
    assert total.usage_metadata is not None
    assert total.usage_metadata["input_tokens"] == 1459


def test_midstream_error_raises_with_the_partial_message() -> None:
    recorder = Recorder(sse("chat_stream_midstream_error.sse"))
    received: list[AIMessageChunk] = []
    with pytest.raises(StreamError, match="Token limit reached") as info:
        for chunk in recorder.model().stream("Hi"):
            received.append(chunk)
    err = info.value
    assert err.code == 400
    assert isinstance(err.partial, AIMessageChunk)
    assert err.partial.additional_kwargs["reasoning"].startswith("We need to respond")
    assert err.partial.usage_metadata is not None
    assert err.partial.usage_metadata["output_tokens"] == 10
    assert err.partial.response_metadata["error"] == {"code": 400, "message": "Token limit reached"}
    assert received  # the reasoning streamed before the error reached the caller


def test_midstream_error_is_never_a_truncated_invoke() -> None:
    recorder = Recorder(sse("chat_stream_midstream_error.sse"))
    with pytest.raises(StreamError):
        recorder.model(streaming=True).invoke("Hi")


def test_choice_level_error_raises() -> None:
    body = _completion("partial out")
    body["choices"][0]["finish_reason"] = "error"
    body["choices"][0]["error"] = {"code": 502, "message": "Provider disconnected"}
    recorder = Recorder(httpx.Response(200, json=body))
    with pytest.raises(Exception, match="Provider disconnected") as info:
        recorder.model().invoke("Hi")
    assert info.value.partial.content == "partial out"  # type: ignore[attr-defined]


# --- async ----------------------------------------------------------------------------------


async def test_ainvoke_and_astream() -> None:
    recorder = Recorder(
        httpx.Response(200, json=_completion("async hi")), sse("chat_stream_basic.sse")
    )
    llm = recorder.model()
    assert (await llm.ainvoke("Hi")).content == "async hi"
    chunks = [chunk async for chunk in llm.astream("Hi")]
    assert chunks[-1].chunk_position == "last"
    assert recorder.body["stream"] is True
    assert recorder.headers["accept"] == "text/event-stream"


async def test_async_midstream_error_has_partial() -> None:
    recorder = Recorder(sse("chat_stream_midstream_error.sse"))
    with pytest.raises(StreamError) as info:
        async for _ in recorder.model().astream("Hi"):
            pass
    assert isinstance(info.value.partial, AIMessageChunk)


def test_async_client_is_one_per_event_loop() -> None:
    llm = ChatOpenRouter(model="m/m", api_key=SECRET)

    async def current() -> AsyncOpenRouterClient:
        first = llm.async_client
        assert llm.async_client is first
        return first

    outside = llm.async_client  # looked at outside any loop: must not pin later loops
    one = asyncio.run(current())
    two = asyncio.run(current())
    assert len({id(outside), id(one), id(two)}) == 3


def test_repeated_asyncio_run_works(recorder: Recorder) -> None:
    llm = recorder.model()
    assert asyncio.run(llm.ainvoke("a")).content == "Hi!"
    assert asyncio.run(llm.ainvoke("b")).content == "Hi!"


async def test_abatch(recorder: Recorder) -> None:
    results = await recorder.model().abatch(["a", "b", "c"])
    assert [r.content for r in results] == ["Hi!", "Hi!", "Hi!"]
    assert len(recorder.requests) == 3


async def test_astream_events() -> None:
    recorder = Recorder(sse("chat_stream_basic.sse"))
    events = [event async for event in recorder.model().astream_events("Hi", version="v2")]
    kinds = [event["event"] for event in events]
    assert kinds[0] == "on_chat_model_start"
    assert "on_chat_model_stream" in kinds
    assert kinds[-1] == "on_chat_model_end"
    assert recorder.body["stream"] is True


def test_batch(recorder: Recorder) -> None:
    results = recorder.model().batch(["a", "b"])
    assert [r.content for r in results] == ["Hi!", "Hi!"]
    assert len(recorder.requests) == 2


# --- tools ----------------------------------------------------------------------------------


def get_weather(city: str) -> str:
    """Current weather in a city."""
    return "sunny"


def get_time(zone: str) -> str:
    """Current time in a zone."""
    return "noon"


@pytest.mark.parametrize(
    ("tool_choice", "expected"),
    [
        ("auto", "auto"),
        ("none", "none"),
        ("any", "required"),
        ("required", "required"),
        ("get_time", {"type": "function", "function": {"name": "get_time"}}),
        (
            {"type": "function", "function": {"name": "get_weather"}},
            {"type": "function", "function": {"name": "get_weather"}},
        ),
    ],
)
def test_bind_tools_tool_choice(recorder: Recorder, tool_choice: Any, expected: Any) -> None:
    recorder.model().bind_tools([get_weather, get_time], tool_choice=tool_choice).invoke("Hi")
    assert recorder.body["tool_choice"] == expected
    assert [t["function"]["name"] for t in recorder.body["tools"]] == ["get_weather", "get_time"]


def test_bind_tools_true_picks_the_single_tool(recorder: Recorder) -> None:
    recorder.model().bind_tools([get_weather], tool_choice=True).invoke("Hi")
    assert recorder.body["tool_choice"] == {"type": "function", "function": {"name": "get_weather"}}


def test_bind_tools_strict_and_parallel(recorder: Recorder) -> None:
    recorder.model().bind_tools([get_weather], strict=True, parallel_tool_calls=False).invoke("Hi")
    assert recorder.body["parallel_tool_calls"] is False
    assert recorder.body["tools"][0]["function"]["strict"] is True
    assert "tool_choice" not in recorder.body


def test_server_tools_pass_through(recorder: Recorder) -> None:
    web = {"type": "openrouter:web_search", "parameters": {"max_results": 2}}
    recorder.model().bind_tools([web, get_weather]).invoke("Hi")
    assert recorder.body["tools"][0] == web


@pytest.mark.parametrize(
    "tool_choice", ["get_date", 7, {"type": "function", "function": {"name": "x"}}]
)
def test_unknown_tool_choice_fails_before_any_request(recorder: Recorder, tool_choice: Any) -> None:
    with pytest.raises(ValueError, match="tool_choice"):
        recorder.model().bind_tools([get_weather], tool_choice=tool_choice)
    assert recorder.requests == []


def test_true_tool_choice_with_two_tools_fails(recorder: Recorder) -> None:
    with pytest.raises(ValueError, match="exactly one bound function tool"):
        recorder.model().bind_tools([get_weather, get_time], tool_choice=True)


def test_tool_call_response_is_parsed() -> None:
    recorder = Recorder(httpx.Response(200, json=load_json("chat_completion_tool_calls.json")))
    message = recorder.model().bind_tools([get_weather]).invoke("Divide")
    assert message.tool_calls == [
        {
            "name": "divide",
            "args": {"numerator": 123, "denominator": 456, "on_inf": "infinity"},
            "id": "3sniiMddS",
            "type": "tool_call",
        }
    ]


# --- structured output ----------------------------------------------------------------------


class Weather(BaseModel):
    """Weather report."""

    location: str
    temperature: int
    conditions: str


class WeatherDict(TypedDict):
    """Weather report."""

    location: str
    temperature: int
    conditions: str


def _tool_call_answer(name: str, arguments: dict[str, Any]) -> httpx.Response:
    body = _completion("")
    body["choices"][0]["finish_reason"] = "tool_calls"
    body["choices"][0]["message"]["tool_calls"] = [
        {
            "id": "call_1",
            "type": "function",
            "function": {"name": name, "arguments": json.dumps(arguments)},
        }
    ]
    return httpx.Response(200, json=body)


LONDON = {"location": "London", "temperature": 18, "conditions": "Partly cloudy"}


def test_structured_output_function_calling_pydantic() -> None:
    recorder = Recorder(_tool_call_answer("Weather", LONDON))
    result = recorder.model().with_structured_output(Weather).invoke("Weather?")
    assert result == Weather(**LONDON)
    assert recorder.body["tool_choice"] == {"type": "function", "function": {"name": "Weather"}}
    assert recorder.body["tools"][0]["function"]["name"] == "Weather"
    assert "response_format" not in recorder.body


def test_structured_output_function_calling_typeddict_and_schema() -> None:
    recorder = Recorder(_tool_call_answer("WeatherDict", LONDON))
    assert recorder.model().with_structured_output(WeatherDict).invoke("Weather?") == LONDON
    schema = {**Weather.model_json_schema(), "title": "WeatherDict"}
    assert recorder.model().with_structured_output(schema).invoke("Weather?") == LONDON


def test_structured_output_json_schema_is_strict_by_default() -> None:
    recorder = Recorder(httpx.Response(200, json=load_json("chat_completion_structured.json")))
    result = recorder.model().with_structured_output(Weather, method="json_schema").invoke("W?")
    assert result == Weather(**LONDON)
    fmt = recorder.body["response_format"]
    assert fmt["type"] == "json_schema"
    assert fmt["json_schema"]["name"] == "Weather"
    assert fmt["json_schema"]["strict"] is True
    assert fmt["json_schema"]["schema"]["required"] == ["location", "temperature", "conditions"]
    assert "tools" not in recorder.body


def test_structured_output_json_schema_strict_false() -> None:
    recorder = Recorder(httpx.Response(200, json=load_json("chat_completion_structured.json")))
    llm = recorder.model().with_structured_output(WeatherDict, method="json_schema", strict=False)
    assert llm.invoke("W?") == LONDON
    assert recorder.body["response_format"]["json_schema"]["strict"] is False


def test_structured_output_json_mode() -> None:
    recorder = Recorder(httpx.Response(200, json=load_json("chat_completion_structured.json")))
    assert recorder.model().with_structured_output(method="json_mode").invoke("JSON") == LONDON
    assert recorder.body["response_format"] == {"type": "json_object"}
    result = recorder.model().with_structured_output(Weather, method="json_mode").invoke("JSON")
    assert result == Weather(**LONDON)


def test_structured_output_include_raw() -> None:
    recorder = Recorder(httpx.Response(200, json=_completion("not json")))
    out = (
        recorder.model()
        .with_structured_output(Weather, method="json_schema", include_raw=True)
        .invoke("W?")
    )
    assert isinstance(out["raw"], AIMessage)
    assert out["raw"].content == "not json"
    assert out["parsed"] is None
    assert out["parsing_error"] is not None
    recorder = Recorder(httpx.Response(200, json=load_json("chat_completion_structured.json")))
    out = (
        recorder.model()
        .with_structured_output(Weather, include_raw=True, method="json_mode")
        .invoke("W?")
    )
    assert out["parsed"] == Weather(**LONDON)
    assert out["parsing_error"] is None


WEATHER_SCHEMA = {**Weather.model_json_schema(), "title": "WeatherSchema"}
_SCHEMAS = {Weather: "Weather", WeatherDict: "WeatherDict", "dict": "WeatherSchema"}


def _answer(method: str, name: str, arguments: str) -> httpx.Response:
    if method == "function_calling":
        body = _completion("")
        body["choices"][0]["message"]["tool_calls"] = [
            {"id": "call_1", "type": "function", "function": {"name": name, "arguments": arguments}}
        ]
        return httpx.Response(200, json=body)
    return httpx.Response(200, json=_completion(arguments))


@pytest.mark.parametrize("method", ["function_calling", "json_schema", "json_mode"])
@pytest.mark.parametrize("schema", list(_SCHEMAS))
def test_structured_output_every_method_and_schema_kind(method: str, schema: Any) -> None:
    name = _SCHEMAS[schema]
    schema = WEATHER_SCHEMA if schema == "dict" else schema
    recorder = Recorder(_answer(method, name, json.dumps(LONDON)))
    out = (
        recorder.model()
        .with_structured_output(schema, method=method, include_raw=True)  # type: ignore[arg-type]
        .invoke("Weather?")
    )
    assert out["parsed"] == (Weather(**LONDON) if schema is Weather else LONDON)
    assert out["parsing_error"] is None
    assert isinstance(out["raw"], AIMessage)


@pytest.mark.parametrize("method", ["function_calling", "json_schema", "json_mode"])
@pytest.mark.parametrize("schema", list(_SCHEMAS))
@pytest.mark.parametrize("arguments", ['{"location": "London", "temper', "{oops"])
def test_malformed_structured_answer_is_a_parsing_error_not_a_partial_object(
    method: str, schema: Any, arguments: str
) -> None:
    # langchain-core's parsers repair cut-off JSON for streaming ('{"a": 1, "b' -> {"a": 1})
    # and skip unparsable tool calls; a finished answer must not come out half-parsed or None.
    name = _SCHEMAS[schema]
    schema = WEATHER_SCHEMA if schema == "dict" else schema
    recorder = Recorder(_answer(method, name, arguments))
    llm = recorder.model()
    out = llm.with_structured_output(
        schema,
        method=method,  # type: ignore[arg-type]
        include_raw=True,
    ).invoke("Weather?")
    assert out["parsed"] is None
    assert isinstance(out["parsing_error"], OutputParserException)
    with pytest.raises(OutputParserException):
        llm.with_structured_output(schema, method=method).invoke("Weather?")  # type: ignore[arg-type]


@pytest.mark.parametrize("schema", [42, "Weather", int, [Weather], {"type": "object"}])
def test_structured_output_rejects_a_non_schema(schema: Any) -> None:
    with pytest.raises(ValueError, match="schema must be a pydantic class, a TypedDict"):
        ChatOpenRouter(model="m/m").with_structured_output(schema)


def test_structured_output_rejects_unknown_method_and_missing_schema() -> None:
    llm = ChatOpenRouter(model="m/m")
    with pytest.raises(ValueError, match="method must be one of function_calling, json_schema"):
        llm.with_structured_output(Weather, method="xml")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="needs a schema"):
        llm.with_structured_output(None, method="json_schema")


def test_structured_output_streams_parsed_objects() -> None:
    events = [
        {"id": "g", "model": "m", "choices": [{"index": 0, "delta": {"content": piece}}]}
        for piece in ['{"location": "London", ', '"temperature": 18, ', '"conditions": "Sunny"}']
    ]
    raw = "".join(f"data: {json.dumps(e)}\n\n" for e in events) + "data: [DONE]\n\n"
    recorder = Recorder(
        httpx.Response(200, content=raw.encode(), headers={"content-type": "text/event-stream"})
    )
    parsed = list(
        recorder.model().with_structured_output(WeatherDict, method="json_schema").stream("W")
    )
    assert parsed[-1] == {"location": "London", "temperature": 18, "conditions": "Sunny"}


# --- generations ----------------------------------------------------------------------------


def test_generate_returns_llm_output(recorder: Recorder) -> None:
    result = recorder.model().generate([[HumanMessage("Hi")]])
    generation = result.generations[0][0]
    assert isinstance(generation, ChatGeneration)
    assert generation.generation_info == {"finish_reason": "stop"}
    assert result.llm_output == {
        "model_name": "openai/gpt-4o-mini",
        "token_usage": {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7},
    }


def test_generate_sums_usage_over_prompts(recorder: Recorder) -> None:
    result = recorder.model().generate([[HumanMessage("a")], [HumanMessage("b")]])
    assert result.llm_output == {
        "model_name": "openai/gpt-4o-mini",
        "token_usage": {"prompt_tokens": 10, "completion_tokens": 4, "total_tokens": 14},
    }

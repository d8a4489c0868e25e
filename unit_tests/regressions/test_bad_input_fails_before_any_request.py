"""Bad input is a ``ValueError`` naming the field, raised before any request is sent.

Model ids that can never be valid (empty, blank, with whitespace or control characters, or with
an empty ``/`` segment) fail at construction and per call; tool dicts without a usable name or
with ``parameters`` that are not a JSON-schema object fail at ``bind_tools``. Every valid form
passes, and OpenRouter server tools pass through untouched.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from langchain_openrouter import ChatOpenRouter
from unit_tests.samples import load_json


class Recorder:
    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(200, json=load_json("chat_completion_basic.json"))


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


def model(recorder: Recorder, name: str = "openai/gpt-4o-mini", **kwargs: Any) -> ChatOpenRouter:
    transport = httpx.MockTransport(recorder)
    return ChatOpenRouter(
        model=name,
        api_key="sk-or-v1-test",
        http_client=httpx.Client(transport=transport),
        http_async_client=httpx.AsyncClient(transport=transport),
        **kwargs,
    )


BAD_IDS = [
    ("", "model is empty"),
    ("   ", "model is empty"),
    ("openai/gpt 4o", "whitespace"),
    (" openai/gpt-4o", "whitespace"),
    ("openai/gpt-4o\n", "whitespace"),
    ("openai/gpt-4o\t", "whitespace"),
    ("openai/gpt\x00-4o", "control"),
    ("openai/gpt\x7f", "control"),
    ("openai//gpt-4o", "empty segment"),
    ("/gpt-4o", "empty segment"),
    ("openai/", "empty segment"),
    ("/", "empty segment"),
]
GOOD_IDS = [
    "openai/gpt-4o",
    "openai/gpt-4o-mini",
    "anthropic/claude-sonnet-4.5",
    "meta-llama/llama-3.1-8b-instruct:free",
    "perplexity/sonar:online",
    "openai/gpt-4o:nitro",
    "openai/gpt-4o:floor",
    "anthropic/claude-3.7-sonnet:thinking",
    "anthropic/claude-sonnet-4.5:extended",
    "openrouter/auto",
    "@preset/my-preset",
    "~anthropic/claude-sonnet-latest",
    "qwen/qwen2.5-72b-instruct",
    "gpt-4o-mini",
]


@pytest.mark.parametrize(("bad", "why"), BAD_IDS)
def test_a_bad_model_id_fails_at_construction(bad: str, why: str, recorder: Recorder) -> None:
    with pytest.raises(ValueError, match=rf"model .*{why}|{why}"):
        model(recorder, bad)
    assert recorder.requests == []


@pytest.mark.parametrize(("bad", "why"), BAD_IDS)
def test_a_bad_model_id_fails_per_call(bad: str, why: str, recorder: Recorder) -> None:
    llm = model(recorder)
    with pytest.raises(ValueError, match=why) as info:
        llm.invoke("hi", model=bad)
    assert str(info.value).startswith("model")
    with pytest.raises(ValueError, match=why):
        list(llm.stream("hi", model=bad))
    with pytest.raises(ValueError, match=why):
        llm.bind(model=bad).invoke("hi")
    assert recorder.requests == []


@pytest.mark.parametrize(("bad", "why"), BAD_IDS[:3])
async def test_a_bad_model_id_fails_per_async_call(bad: str, why: str, recorder: Recorder) -> None:
    with pytest.raises(ValueError, match=why):
        await model(recorder).ainvoke("hi", model=bad)
    assert recorder.requests == []


@pytest.mark.parametrize(("bad", "why"), BAD_IDS)
def test_a_bad_fallback_model_id_names_its_place(bad: str, why: str, recorder: Recorder) -> None:
    with pytest.raises(ValueError, match=rf"models\[1\].*{why}|models\[1\] is empty"):
        model(recorder, models=["openai/gpt-4o", bad])
    with pytest.raises(ValueError, match=r"models\[0\]"):
        model(recorder).invoke("hi", models=[bad])
    assert recorder.requests == []


@pytest.mark.parametrize("good", GOOD_IDS)
def test_every_valid_form_passes(good: str, recorder: Recorder) -> None:
    llm = model(recorder, good, models=[good])
    llm.invoke("hi", model=good)
    assert len(recorder.requests) == 1


def fn(name: Any = "get_weather", parameters: Any = None, **extra: Any) -> dict[str, Any]:
    function: dict[str, Any] = {"description": "Weather", **extra}
    if name is not None:
        function["name"] = name
    function["parameters"] = (
        parameters if parameters is not None else {"type": "object", "properties": {}}
    )
    return function


BAD_TOOLS = [
    ({"type": "function", "function": fn(name=None)}, "has no name"),
    ({"type": "function", "function": fn(name="")}, "has no name"),
    ({"type": "function", "function": fn(name="get weather")}, "must match"),
    ({"type": "function", "function": fn(name="get.weather")}, "must match"),
    ({"type": "function", "function": fn(name="x" * 65)}, "must match"),
    ({"type": "function", "function": fn(name="météo")}, "must match"),
    ({"type": "function", "function": fn(name=7)}, "must match"),
    ({"type": "function", "function": fn(parameters={"type": "string"})}, "JSON-schema object"),
    ({"type": "function", "function": fn(parameters=["city"])}, "JSON-schema object"),
    ({"type": "function", "function": fn(parameters="{}")}, "JSON-schema object"),
    ({"type": "function"}, "no 'function' object"),
    (fn(name=None), "has no name"),
    (fn(name="bad name"), "must match"),
    (fn(parameters={"type": "array"}), "JSON-schema object"),
    ({"name": "w w", "input_schema": {"type": "object", "properties": {}}}, "must match"),
    ({"title": "My Schema", "type": "object", "properties": {}}, "must match"),
    ({"description": "nameless"}, "has no name"),
]


@pytest.mark.parametrize(("tool", "why"), BAD_TOOLS)
def test_a_bad_tool_dict_fails_at_bind_tools(
    tool: dict[str, Any], why: str, recorder: Recorder
) -> None:
    good = {"type": "function", "function": fn(name="ok")}
    with pytest.raises(ValueError, match=why) as info:
        model(recorder).bind_tools([good, tool])
    message = str(info.value)
    name = (tool.get("function") or tool).get("name") or tool.get("title")
    assert "tools[1]" in message or repr(name) in message
    with pytest.raises(ValueError, match=why):
        model(recorder).invoke("hi", tools=[tool])
    assert recorder.requests == []


GOOD_TOOLS = [
    {"type": "function", "function": fn()},
    {"type": "function", "function": {"name": "now"}},
    fn(name="get-weather_2"),
    {"name": "lookup", "description": "d", "input_schema": {"type": "object", "properties": {}}},
    {"title": "Joke", "type": "object", "properties": {"text": {"type": "string"}}},
    {"type": "openrouter:web_search"},
    {"type": "openrouter:web_search", "parameters": {"max_results": 3}},
    {"type": "openrouter:datetime", "parameters": {"timezone": "Europe/Paris"}},
]


@pytest.mark.parametrize("tool", GOOD_TOOLS)
def test_valid_tool_dicts_and_server_tools_pass(tool: dict[str, Any], recorder: Recorder) -> None:
    model(recorder).bind_tools([tool]).invoke("hi")
    assert len(recorder.requests) == 1


def test_server_tools_pass_through_untouched(recorder: Recorder) -> None:
    import json

    server_tool = {"type": "openrouter:web_search", "parameters": {"engine": "exa"}}
    model(recorder).bind_tools([server_tool]).invoke("hi")
    assert json.loads(recorder.requests[0].content)["tools"] == [server_tool]

"""The request body builder: what a LangChain call puts on the wire."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, Field
from typing_extensions import TypedDict

from langchain_openrouter.chat_models.payload import (
    build_request,
    check_params,
    normalize_stop,
    params_from_fields,
)
from langchain_openrouter.chat_models.tools import (
    format_tool,
    format_tools,
    json_schema_response_format,
    normalize_tool_choice,
    schema_to_function,
    tool_names,
)

MESSAGES = [{"role": "user", "content": "Hi"}]


def get_weather(city: str) -> str:
    """Current weather in a city.

    Args:
        city: The city.
    """
    return "sunny"


class Joke(BaseModel):
    """A joke."""

    setup: str = Field(description="the question")
    punchline: str


class JokeDict(TypedDict):
    """A joke as a dict."""

    setup: str
    punchline: str


WEATHER = format_tool(get_weather)
ADD = {"type": "function", "function": {"name": "add", "parameters": {"type": "object"}}}
ADD_CHOICE = {"type": "function", "function": {"name": "add"}}


# --- build_request -------------------------------------------------------------------------


def test_minimal_body_has_only_what_was_set() -> None:
    body, options = build_request({"model": "openai/gpt-4o-mini"}, MESSAGES)
    assert body == {"model": "openai/gpt-4o-mini", "messages": MESSAGES}
    assert options.headers == {}
    assert options.params is None
    assert options.timeout is None


def test_stream_flag_only_when_streaming() -> None:
    body, _ = build_request({"model": "m", "stream": True}, MESSAGES, stream=False)
    assert "stream" not in body
    body, _ = build_request({"model": "m"}, MESSAGES, stream=True)
    assert body["stream"] is True
    assert "stream_options" not in body


def test_call_kwargs_override_defaults_and_use_wire_names() -> None:
    body, _ = build_request(
        {"model": "a", "temperature": 0.5, "provider": {"sort": "price"}},
        MESSAGES,
        call_kwargs={
            "model": "b",
            "temperature": 0,
            "openrouter_provider": {"order": ["anthropic"]},
            "transforms": ["middle-out"],
            "route": "fallback",
            "usage": {"include": True},
            "n": 2,
        },
    )
    assert body == {
        "model": "b",
        "temperature": 0,
        "provider": {"order": ["anthropic"]},
        "transforms": ["middle-out"],
        "route": "fallback",
        "usage": {"include": True},
        "n": 2,
        "messages": MESSAGES,
    }


def test_langchain_internal_kwargs_never_reach_the_body() -> None:
    body, _ = build_request(
        {"model": "m"},
        MESSAGES,
        call_kwargs={
            "ls_structured_output_format": {"schema": {}},
            "structured_output_format": {},
            "stream_usage": False,
            "stream": True,
        },
    )
    assert body == {"model": "m", "messages": MESSAGES}


def test_request_options_are_split_off() -> None:
    body, options = build_request(
        {"model": "m"},
        MESSAGES,
        call_kwargs={
            "extra_headers": {"X-Custom": "1"},
            "extra_query": {"debug": "1"},
            "timeout": 12.5,
            "extra_body": {"prediction": {"type": "content", "content": "x"}, "model": "c"},
        },
    )
    assert body == {
        "model": "c",
        "messages": MESSAGES,
        "prediction": {"type": "content", "content": "x"},
    }
    assert options.headers == {"X-Custom": "1"}
    assert options.params == {"debug": "1"}
    assert options.timeout == 12.5


def test_stop_precedence() -> None:
    defaults = {"model": "m", "stop": ["A"]}
    assert build_request(defaults, MESSAGES)[0]["stop"] == ["A"]
    assert build_request(defaults, MESSAGES, stop=["B"])[0]["stop"] == ["B"]
    assert build_request(defaults, MESSAGES, stop="C")[0]["stop"] == ["C"]
    # LangChain's standard parameters pass stop=[]: no stop sequences for this call.
    assert "stop" not in build_request(defaults, MESSAGES, stop=[])[0]


def test_call_tools_are_formatted_and_tool_choice_resolved() -> None:
    body, _ = build_request(
        {"model": "m"},
        MESSAGES,
        call_kwargs={"tools": [get_weather], "tool_choice": "get_weather"},
    )
    assert body["tools"] == [WEATHER]
    assert body["tool_choice"] == {"type": "function", "function": {"name": "get_weather"}}


def test_false_tool_choice_is_left_out() -> None:
    body, _ = build_request(
        {"model": "m"}, MESSAGES, call_kwargs={"tools": [ADD], "tool_choice": False}
    )
    assert "tool_choice" not in body


def test_response_format_class_becomes_json_schema() -> None:
    body, _ = build_request({"model": "m"}, MESSAGES, call_kwargs={"response_format": Joke})
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["name"] == "Joke"
    assert body["response_format"]["json_schema"]["strict"] is True


def test_out_of_range_call_kwarg_is_refused_before_sending() -> None:
    with pytest.raises(ValueError, match=r"temperature must be between 0 and 2, got 2\.5"):
        build_request({"model": "m"}, MESSAGES, call_kwargs={"temperature": 2.5})


# --- params_from_fields ---------------------------------------------------------------------


def test_params_from_fields_renames_and_drops_none() -> None:
    assert params_from_fields(
        {
            "model_name": "openai/gpt-4o",
            "openrouter_provider": {"zdr": True},
            "temperature": None,
            "stop_sequences": "END",
            "top_k": 0,
        }
    ) == {"model": "openai/gpt-4o", "provider": {"zdr": True}, "stop": ["END"], "top_k": 0}


def test_reasoning_effort_folds_into_reasoning() -> None:
    assert params_from_fields(
        {"reasoning": {"summary": "auto", "exclude": True}, "reasoning_effort": "high"}
    ) == {"reasoning": {"summary": "auto", "exclude": True, "effort": "high"}}


def test_reasoning_effort_next_to_a_token_budget_is_refused() -> None:
    # The reference makes effort and max_tokens exclusive; the shorthand does not get round it.
    with pytest.raises(ValueError, match=r"^reasoning: effort and max_tokens are exclusive"):
        params_from_fields({"reasoning": {"max_tokens": 2000}, "reasoning_effort": "high"})


def test_reasoning_effort_disagreeing_with_reasoning_effort_is_refused() -> None:
    # Folding one into the other would silently drop an effort the caller set explicitly.
    with pytest.raises(ValueError, match=r"reasoning_effort 'low' disagrees with reasoning.effort"):
        params_from_fields({"reasoning": {"effort": "high"}, "reasoning_effort": "low"})
    assert params_from_fields({"reasoning": {"effort": "low"}, "reasoning_effort": "low"}) == {
        "reasoning": {"effort": "low"}
    }


def test_empty_stop_list_is_omitted() -> None:
    assert params_from_fields({"stop": []}) == {}


# --- check_params ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"temperature": -0.1}, "temperature must be between 0 and 2, got -0.1"),
        ({"top_p": 1.5}, "top_p must be between 0 and 1, got 1.5"),
        ({"frequency_penalty": -3}, "frequency_penalty must be between -2 and 2, got -3"),
        ({"presence_penalty": 2.01}, r"presence_penalty must be between -2 and 2, got 2.01"),
        ({"repetition_penalty": 0}, r"repetition_penalty must be in \(0, 2\], got 0"),
        ({"repetition_penalty": 2.5}, r"repetition_penalty must be in \(0, 2\], got 2.5"),
        ({"n": 0}, "n must be >= 1, got 0"),
        ({"max_tokens": 0}, "max_tokens must be >= 1, got 0"),
        ({"max_completion_tokens": -5}, "max_completion_tokens must be >= 1, got -5"),
        ({"top_logprobs": 21}, "top_logprobs must be between 0 and 20, got 21"),
        ({"top_k": -1}, "top_k must be >= 0, got -1"),
        ({"min_p": 1.1}, "min_p must be between 0 and 1, got 1.1"),
        ({"top_a": -1}, "top_a must be between 0 and 1, got -1"),
        ({"max_tokens": 1.5}, "max_tokens must be an integer, got 1.5"),
        ({"seed": True}, "seed must be an integer, got True"),
        ({"temperature": "hot"}, "temperature must be a number, got 'hot'"),
        ({"session_id": "x" * 257}, "session_id must be at most 256 characters, got 257"),
        ({"user": "u" * 300}, "user must be at most 256 characters, got 300"),
        ({"logit_bias": {"50256": -101}}, r"logit_bias\['50256'\] must be between -100 and 100"),
        ({"logit_bias": [1, 2]}, "logit_bias must map token ids to biases"),
    ],
)
def test_check_params_names_the_field(params: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_params(params)


def test_check_params_accepts_the_bounds() -> None:
    check_params(
        {
            "temperature": 2,
            "top_p": 0,
            "frequency_penalty": -2,
            "presence_penalty": 2,
            "repetition_penalty": 2,
            "n": 1,
            "max_tokens": 1,
            "top_logprobs": 20,
            "top_k": 0,
            "session_id": "s" * 256,
            "logit_bias": {"1": 100, 2: -100},
            "unknown_parameter": object(),
            "temperature_is_none": None,
        }
    )


# --- stop, tools, tool_choice ---------------------------------------------------------------


def test_normalize_stop() -> None:
    assert normalize_stop(None) is None
    assert normalize_stop([]) is None
    assert normalize_stop("x") == ["x"]
    assert normalize_stop(("a", "b")) == ["a", "b"]
    with pytest.raises(ValueError, match="stop sequences must be strings"):
        normalize_stop(["a", 1])  # type: ignore[list-item]


def test_format_tool_from_function_pydantic_typeddict_and_schema() -> None:
    assert WEATHER == {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Current weather in a city.",
            "parameters": {
                "type": "object",
                "properties": {"city": {"type": "string", "description": "The city."}},
                "required": ["city"],
            },
        },
    }
    assert format_tool(Joke)["function"]["name"] == "Joke"
    assert format_tool(JokeDict)["function"]["parameters"]["required"] == ["setup", "punchline"]
    schema = {"title": "lookup", "type": "object", "properties": {"q": {"type": "string"}}}
    assert format_tool(schema)["function"] == {
        "name": "lookup",
        "parameters": {"type": "object", "properties": {"q": {"type": "string"}}},
    }


def test_format_tool_anthropic_style_dict() -> None:
    tool = {
        "name": "color_picker",
        "description": "Pick a color.",
        "input_schema": {"type": "object", "properties": {"c": {"type": "string"}}},
    }
    assert format_tool(tool) == {
        "type": "function",
        "function": {
            "name": "color_picker",
            "description": "Pick a color.",
            "parameters": {"type": "object", "properties": {"c": {"type": "string"}}},
        },
    }


def test_server_tools_pass_through_untouched() -> None:
    web = {"type": "openrouter:web_search", "parameters": {"max_results": 3}}
    assert format_tool(web) == web
    assert format_tool({"type": "web_search_preview"}) == {"type": "web_search_preview"}


def test_format_tool_strict_is_set_on_formatted_and_raw_tools() -> None:
    assert format_tool(ADD, strict=True)["function"]["strict"] is True
    assert "strict" not in ADD["function"]  # the caller's dict is not modified
    assert format_tool(get_weather, strict=False)["function"]["strict"] is False


def test_format_tools_needs_a_list() -> None:
    with pytest.raises(TypeError, match="tools must be a list, got dict"):
        format_tools(ADD)  # type: ignore[arg-type]


def test_tool_names_skip_server_tools() -> None:
    assert tool_names([WEATHER, {"type": "openrouter:web_search"}, ADD]) == ["get_weather", "add"]


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("auto", "auto"),
        ("none", "none"),
        ("any", "required"),
        ("required", "required"),
        ("add", ADD_CHOICE),
        ("openrouter:web_search", {"type": "openrouter:web_search"}),
        (ADD_CHOICE, ADD_CHOICE),
        (None, None),
        (False, None),
    ],
)
def test_normalize_tool_choice(choice: Any, expected: Any) -> None:
    assert normalize_tool_choice(choice, [ADD, WEATHER]) == expected


def test_true_tool_choice_picks_the_only_tool() -> None:
    assert normalize_tool_choice(True, [ADD]) == {"type": "function", "function": {"name": "add"}}
    with pytest.raises(ValueError, match="exactly one bound function tool, got 2 tools"):
        normalize_tool_choice(True, [ADD, WEATHER])


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ("multiply", r"tool_choice 'multiply' is neither .* \(bound: \['add'\]\)"),
        ({"type": "function", "function": {"name": "nope"}}, "must name a bound tool"),
        (3, "tool_choice must be 'auto', 'none', 'any', 'required', a tool name"),
        ({"function": "add"}, "tool_choice must be"),
    ],
)
def test_unknown_tool_choice_is_refused(choice: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        normalize_tool_choice(choice, [ADD])


# --- response_format ------------------------------------------------------------------------


def test_json_schema_response_format_from_pydantic() -> None:
    fmt = json_schema_response_format(Joke)
    assert fmt == {
        "type": "json_schema",
        "json_schema": {
            "name": "Joke",
            "description": "A joke.",
            "strict": True,
            "schema": {
                "type": "object",
                "properties": {
                    "setup": {"type": "string", "description": "the question"},
                    "punchline": {"type": "string"},
                },
                "required": ["setup", "punchline"],
                "additionalProperties": False,
            },
        },
    }


def test_json_schema_response_format_without_strict() -> None:
    fmt = json_schema_response_format(JokeDict, strict=None)
    assert "strict" not in fmt["json_schema"]
    assert fmt["json_schema"]["name"] == "JokeDict"


@pytest.mark.parametrize("not_a_schema", [42, "Joke", int, [Joke], {"type": "object"}])
def test_a_non_schema_gets_a_clear_error(not_a_schema: Any) -> None:
    with pytest.raises(ValueError, match="schema must be a pydantic class, a TypedDict"):
        schema_to_function(not_a_schema)

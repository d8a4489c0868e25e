"""0.2.x code that passes body fields through ``model_kwargs`` keeps working.

The published 0.2.x package documents ``model_kwargs`` as the way to send ``top_k``, ``min_p``,
``logit_bias``, ``models``, ``transforms`` and other body fields it has no argument for. Ours
has typed arguments for many of them and refused them inside ``model_kwargs``, so that code
broke on upgrade. The rule: a key that was a 0.2.x constructor argument is still an error
inside ``model_kwargs``; a key that was not is accepted there and behaves exactly as the typed
argument (validated the same way, sent once); both at once is an error naming both places.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import httpx
import pytest

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.chat_models._compat import ARGS_02X
from unit_tests.chat_models.test_compat_02x import FIELDS_02X
from unit_tests.samples import load_json

# Every body field that gained a typed argument after 0.2.x, with a valid and an invalid value.
TYPED_SINCE_02X: dict[str, tuple[Any, Any]] = {
    "models": (["openai/gpt-4o", "anthropic/claude-haiku-4.5"], None),
    "top_k": (40, -1),
    "min_p": (0.1, 1.5),
    "top_a": (0.2, 2),
    "repetition_penalty": (1.1, 0),
    "logit_bias": ({"50256": -100, 15: 5}, {"1": 200}),
    "logprobs": (True, None),
    "top_logprobs": (5, 21),
    "reasoning_effort": ("high", None),
    "verbosity": ("low", None),
    "transforms": (["middle-out"], None),
    "parallel_tool_calls": (False, None),
    "service_tier": ("flex", None),
    "user": ("user-42", "x" * 257),
    "web_search_options": ({"search_context_size": "low"}, {"search_context_size": "huge"}),
    "modalities": (["text", "image"], ["smell"]),
    "image_config": ({"aspect_ratio": "16:9"}, None),
    "prediction": ({"type": "content", "content": "x"}, {"x": 1}),
    "preset": ("@preset/support", "support"),
}


class Recorder:
    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.bodies.append(json.loads(request.content))
        return httpx.Response(200, json=load_json("chat_completion_basic.json"))


def sent_body(**kwargs: Any) -> dict[str, Any]:
    recorder = Recorder()
    llm = ChatOpenRouter(
        model="openai/gpt-4o-mini",
        api_key="sk-or-v1-test",
        http_client=httpx.Client(transport=httpx.MockTransport(recorder)),
        **kwargs,
    )
    llm.invoke("hi")
    return recorder.bodies[0]


def reason(error: ValueError) -> str:
    """The validator's own words, without pydantic's echo of the whole input."""
    return str(error).split("Value error, ", 1)[1].split(" [type=", 1)[0]


def test_the_table_lists_every_body_field_typed_since_0_2x() -> None:
    from langchain_openrouter.chat_models.params import BODY_FIELDS

    assert set(TYPED_SINCE_02X) == set(BODY_FIELDS) - ARGS_02X


def test_the_0_2x_argument_list_matches_the_compat_table() -> None:
    names = {name for name, *_ in FIELDS_02X} | {a for _, a, *_ in FIELDS_02X if a}
    assert names == ARGS_02X


@pytest.mark.parametrize("key", sorted(TYPED_SINCE_02X))
def test_model_kwargs_sends_the_same_body_as_the_typed_argument(key: str) -> None:
    value = TYPED_SINCE_02X[key][0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        old_style = sent_body(model_kwargs={key: value})
    typed = sent_body(**{key: value})
    assert old_style == typed
    wire = "reasoning" if key == "reasoning_effort" else key
    assert wire in old_style


@pytest.mark.parametrize("key", sorted(k for k, v in TYPED_SINCE_02X.items() if v[1] is not None))
def test_model_kwargs_is_validated_as_the_typed_argument(key: str) -> None:
    bad = TYPED_SINCE_02X[key][1]
    with pytest.raises(ValueError, match=key) as typed:
        ChatOpenRouter(model="m/m", **{key: bad})
    with pytest.raises(ValueError, match=key) as old_style:
        ChatOpenRouter(model="m/m", model_kwargs={key: bad})
    assert key in reason(old_style.value)
    assert reason(old_style.value) == reason(typed.value)


@pytest.mark.parametrize("key", sorted(TYPED_SINCE_02X))
def test_both_places_at_once_is_an_error_naming_both(key: str) -> None:
    value = TYPED_SINCE_02X[key][0]
    with pytest.raises(ValueError, match=rf"{key}= and inside model_kwargs"):
        ChatOpenRouter(model="m/m", model_kwargs={key: value}, **{key: value})


def test_the_model_reads_the_typed_field() -> None:
    llm = ChatOpenRouter(model="m/m", model_kwargs={"top_k": 5, "safe_prompt": True})
    assert (llm.top_k, llm.model_kwargs) == (5, {"safe_prompt": True})


@pytest.mark.parametrize("key", sorted(k for k in ARGS_02X if k not in {"model_kwargs", "client"}))
def test_a_0_2x_argument_inside_model_kwargs_is_still_an_error(key: str) -> None:
    with pytest.raises(ValueError, match=rf"pass {key}=\.\.\. directly"):
        ChatOpenRouter(model="m/m", model_kwargs={key: 1})


@pytest.mark.parametrize("key", ["http_client", "extra_body", "tags", "callbacks"])
def test_settings_that_are_not_body_fields_stay_errors_inside_model_kwargs(key: str) -> None:
    with pytest.raises(ValueError, match="directly, not inside model_kwargs"):
        ChatOpenRouter(model="m/m", model_kwargs={key: None})


def test_provider_by_its_wire_name_is_sent_as_in_0_2x() -> None:
    body = sent_body(model_kwargs={"provider": {"order": ["openai"]}})
    assert body["provider"] == {"order": ["openai"]}
    assert body == sent_body(openrouter_provider={"order": ["openai"]})


def test_provider_in_both_places_is_an_error_naming_both() -> None:
    with pytest.raises(ValueError, match=r"openrouter_provider= and inside model_kwargs"):
        ChatOpenRouter(
            model="m/m",
            openrouter_provider={"order": ["a"]},
            model_kwargs={"provider": {"order": ["b"]}},
        )


def test_unknown_body_fields_in_model_kwargs_are_sent_as_given() -> None:
    body = sent_body(model_kwargs={"prediction": {"type": "content", "content": "x"}})
    assert body["prediction"] == {"type": "content", "content": "x"}

"""``with_structured_output``: refusals are ``ModelRefusalError``, for every method.

Recorded bodies pin the wire shapes (a ``refusal`` field, a refusal finish reason); the
emulator, scripted to refuse, checks the whole path in process (sync, async and streaming).
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from langchain_core.exceptions import ModelRefusalError, OutputParserException
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from pydantic import BaseModel

from langchain_openrouter.chat_models import ChatOpenRouter
from langchain_openrouter.chat_models.structured import structured_output
from langchain_openrouter.testing import OpenRouterEmulator

METHODS = ("function_calling", "json_schema", "json_mode")
REFUSAL = "I can't help with that request."


class Person(BaseModel):
    """A person."""

    name: str
    age: int


def _body(message: dict[str, Any], finish: str = "stop", native: str | None = None) -> bytes:
    return json.dumps(
        {
            "id": "gen-refusal-1",
            "model": "openai/gpt-4o-mini",
            "provider": "OpenAI",
            "object": "chat.completion",
            "created": 1767000000,
            "choices": [
                {
                    "index": 0,
                    "finish_reason": finish,
                    "native_finish_reason": native or finish,
                    "message": {"role": "assistant", **message},
                }
            ],
            "usage": {"prompt_tokens": 12, "completion_tokens": 9, "total_tokens": 21},
        }
    ).encode()


def _model(body: bytes) -> ChatOpenRouter:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    return ChatOpenRouter(
        model="openai/gpt-4o-mini",
        api_key="sk-or-v1-test",
        http_client=httpx.Client(transport=httpx.MockTransport(answer)),
    )


# A recorded structured-outputs refusal: content null, the refusal text in its own field.
REFUSAL_BODY = _body({"content": None, "refusal": REFUSAL})


@pytest.mark.parametrize("method", METHODS)
def test_refusal_field_raises_model_refusal_error(method: str) -> None:
    llm = _model(REFUSAL_BODY).with_structured_output(Person, method=method)  # type: ignore[arg-type]
    with pytest.raises(ModelRefusalError) as info:
        llm.invoke("Tell me about someone")
    assert REFUSAL in str(info.value)
    raw = info.value.raw_message
    assert isinstance(raw, AIMessage)
    assert raw.additional_kwargs["refusal"] == REFUSAL
    assert raw.id == "gen-refusal-1"
    assert not isinstance(info.value, OutputParserException)


@pytest.mark.parametrize("method", METHODS)
def test_refusal_with_include_raw_is_the_parsing_error(method: str) -> None:
    llm = _model(REFUSAL_BODY).with_structured_output(
        Person,
        method=method,  # type: ignore[arg-type]
        include_raw=True,
    )
    out = llm.invoke("Tell me about someone")
    assert out["parsed"] is None
    assert isinstance(out["parsing_error"], ModelRefusalError)
    assert out["raw"].additional_kwargs["refusal"] == REFUSAL
    assert out["parsing_error"].raw_message is not None
    assert out["parsing_error"].raw_message.id == out["raw"].id


@pytest.mark.parametrize(
    ("finish", "native"), [("content_filter", "content_filter"), ("stop", "refusal")]
)
@pytest.mark.parametrize("method", METHODS)
def test_refusal_finish_reason_raises(method: str, finish: str, native: str) -> None:
    body = _body({"content": ""}, finish=finish, native=native)
    llm = _model(body).with_structured_output(Person, method=method)  # type: ignore[arg-type]
    with pytest.raises(ModelRefusalError, match=repr(native if finish == "stop" else finish)):
        llm.invoke("Tell me about someone")


def test_an_answer_that_does_not_parse_is_still_a_parsing_error() -> None:
    llm = _model(_body({"content": "not json"})).with_structured_output(
        Person, method="json_schema"
    )
    with pytest.raises(OutputParserException):
        llm.invoke("Tell me about someone")


def test_structured_output_takes_any_chat_model() -> None:
    fake = GenericFakeChatModel(messages=iter([AIMessage('{"name": "Ada", "age": 36}')]))
    runnable = structured_output(fake, Person, method="json_mode")
    assert runnable.invoke("Ada, 36") == Person(name="Ada", age=36)


# --- against the emulator -------------------------------------------------------------------


def _emulated(emu: OpenRouterEmulator) -> ChatOpenRouter:
    return ChatOpenRouter(
        model="openai/gpt-4o-mini",
        api_key=emu.api_key,
        base_url=emu.base_url,
        http_client=emu.client(),
        http_async_client=emu.async_client(),
    )


@pytest.mark.parametrize("method", METHODS)
def test_emulator_refusal_raises_for_every_method(method: str) -> None:
    emu = OpenRouterEmulator(seed=1)
    emu.script("", refusal=REFUSAL)
    llm = _emulated(emu).with_structured_output(Person, method=method)  # type: ignore[arg-type]
    with pytest.raises(ModelRefusalError) as info:
        llm.invoke("Describe Ada Lovelace as JSON")
    assert info.value.raw_message is not None
    assert info.value.raw_message.additional_kwargs["refusal"] == REFUSAL
    assert len(emu.requests) == 1


async def test_emulator_refusal_async_include_raw() -> None:
    emu = OpenRouterEmulator(seed=1)
    emu.script("", refusal=REFUSAL)
    llm = _emulated(emu).with_structured_output(Person, method="json_schema", include_raw=True)
    out = await llm.ainvoke("Describe Ada Lovelace as JSON")
    assert isinstance(out["parsing_error"], ModelRefusalError)
    assert out["parsed"] is None
    assert out["raw"].additional_kwargs["refusal"] == REFUSAL


def test_emulator_refusal_while_streaming() -> None:
    emu = OpenRouterEmulator(seed=1)
    emu.script("", refusal=REFUSAL)
    llm = _emulated(emu).with_structured_output(Person, method="json_schema")
    with pytest.raises(ModelRefusalError):
        list(llm.stream("Describe Ada Lovelace as JSON"))


def test_emulator_answer_without_refusal_parses() -> None:
    emu = OpenRouterEmulator(seed=1)
    llm = _emulated(emu).with_structured_output(Person, method="json_schema")
    assert isinstance(llm.invoke("Ada Lovelace, 36"), Person)

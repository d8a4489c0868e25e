"""A pydantic v1 model works with strict structured output.

``with_structured_output(ModelV1, method="json_schema")`` (strict by default) and ``strict=True``
with ``function_calling`` or ``bind_tools`` raised ``AttributeError: ... has no attribute
'model_json_schema'``: the strict rewrite read every pydantic class with v2's API. A v1 model is
now read through LangChain's conversion, which knows both.
"""

from __future__ import annotations

import json

import pytest
from pydantic.v1 import BaseModel as BaseModelV1

from langchain_openrouter.testing import OpenRouterEmulator


class Joke(BaseModelV1):
    """A joke."""

    setup: str
    punchline: str


@pytest.mark.parametrize(("method", "strict"), [("json_schema", None), ("function_calling", True)])
def test_v1_model_strict(method: str, strict: bool | None) -> None:
    emu = OpenRouterEmulator()
    llm = emu.chat_model("openai/gpt-4o-mini")
    joke = llm.with_structured_output(Joke, method=method, strict=strict).invoke("a joke")
    assert isinstance(joke, Joke)
    body = json.loads(emu.requests[-1].body)
    if method == "json_schema":
        schema = body["response_format"]["json_schema"]["schema"]
    else:
        schema = body["tools"][0]["function"]["parameters"]
    assert schema["required"] == ["setup", "punchline"]
    assert schema["additionalProperties"] is False

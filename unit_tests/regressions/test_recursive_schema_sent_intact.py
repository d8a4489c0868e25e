"""A recursive pydantic model reaches the model with its recursion, strict or not.

LangChain's ``convert_to_openai_function`` inlines ``$ref``s and cannot inline a model that
refers to itself: a tree's ``children: list[Node]`` went out as ``"items": {}`` (any value at
all) with the default ``function_calling`` method, with ``bind_tools`` and with
``json_schema, strict=False``, so a real model was free to answer ``"children": ["Bob"]``,
which then failed to parse. (Strict schemas were already sent with their ``$defs``.) A
recursive class is now sent as pydantic describes it, ``$defs`` and ``$ref``s included.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import BaseModel

from langchain_openrouter.testing import OpenRouterEmulator


class Node(BaseModel):
    """A node of a tree."""

    name: str
    children: list[Node] = []


class Person(BaseModel):
    """A person."""

    name: str
    age: int


def _sent(method: str, strict: bool | None, schema: type[BaseModel]) -> dict[str, Any]:
    emu = OpenRouterEmulator()
    llm = emu.chat_model("openai/gpt-4o-mini")
    llm.with_structured_output(schema, method=method, strict=strict).invoke("Bob")
    body = json.loads(emu.requests[-1].body)
    if method == "json_schema":
        return dict(body["response_format"]["json_schema"]["schema"])
    return dict(body["tools"][0]["function"]["parameters"])


@pytest.mark.parametrize(
    ("method", "strict"),
    [("function_calling", None), ("function_calling", False), ("json_schema", False)],
)
def test_recursive_model_keeps_its_ref(method: str, strict: bool | None) -> None:
    parameters = _sent(method, strict, Node)
    assert parameters["properties"]["children"]["items"] == {"$ref": "#/$defs/Node"}
    assert parameters["$defs"]["Node"]["properties"]["children"]["items"] == {
        "$ref": "#/$defs/Node"
    }


def test_bind_tools_keeps_the_ref_and_the_description() -> None:
    emu = OpenRouterEmulator()
    emu.chat_model("openai/gpt-4o-mini").bind_tools([Node]).invoke("Bob")
    function = json.loads(emu.requests[-1].body)["tools"][0]["function"]
    assert function["name"] == "Node"
    assert function["description"] == "A node of a tree."
    assert function["parameters"]["properties"]["children"]["items"] == {"$ref": "#/$defs/Node"}


def test_a_model_that_does_not_recur_is_sent_as_before() -> None:
    parameters = _sent("function_calling", None, Person)
    assert parameters == {
        "type": "object",
        "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
        "required": ["name", "age"],
    }

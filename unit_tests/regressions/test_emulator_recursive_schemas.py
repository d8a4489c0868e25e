"""The emulator answers a recursive schema with a finite value that validates.

A pydantic model that refers to itself (a tree's ``children: list[Node]``, a linked list's
``next: Node | None``) reaches the emulator as a ``$ref`` to its own definition. The scripted
model expanded it at every level until its depth limit and then wrote ``null`` where an object
belongs, so ``with_structured_output`` of a recursive model failed to parse against the
emulator. A reference already being expanded now gets its smallest value: the fewest array
items the schema allows, or the ``null`` branch of a union.
"""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.testing.model.schema import instance_for


class Node(BaseModel):
    name: str
    children: list[Node] = []


class Link(BaseModel):
    value: int
    next: Link | None = None


@pytest.mark.parametrize("method", ["function_calling", "json_schema"])
def test_structured_output_of_a_tree(method: str) -> None:
    llm = OpenRouterEmulator().chat_model("openai/gpt-4o-mini")
    tree = llm.with_structured_output(Node, method=method, strict=True).invoke("Bob")
    assert isinstance(tree, Node)
    assert tree.name == "Bob"
    assert all(child.children == [] for child in tree.children)


@pytest.mark.parametrize("method", ["function_calling", "json_schema"])
def test_structured_output_of_a_linked_list(method: str) -> None:
    llm = OpenRouterEmulator().chat_model("openai/gpt-4o-mini")
    head = llm.with_structured_output(Link, method=method, strict=True).invoke("7")
    assert isinstance(head, Link)
    assert head.value == 7
    assert head.next is None or head.next.next is None


def test_recursive_root_reference() -> None:
    schema = {
        "$ref": "#/$defs/Node",
        "$defs": {
            "Node": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}},
                },
                "required": ["name", "children"],
            }
        },
    }
    assert instance_for(schema) == {"name": "example", "children": []}

"""Schemas sent with ``strict: true`` obey strict mode's rules, and answers parse back.

``with_structured_output(method="json_schema")`` (strict by default) and
``bind_tools(strict=True)`` used to send schemas strict mode refuses or misreads: an optional
TypedDict key (``Annotated[Optional[str], None, "..."]``) went out as a required plain
``string``, so the model had to invent a value; a pydantic discriminated union went out as
``oneOf`` plus ``discriminator`` with no ``additionalProperties: false`` in its branches; a
recursive model lost its ``$ref``. The rule, applied to every object wherever it sits: all
properties required, optional ones nullable, ``additionalProperties: false``, ``oneOf`` turned
into ``anyOf``, keywords strict mode refuses removed or refused with a clear error.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import Enum
from typing import Annotated, Any, Literal

import httpx
import pytest
from pydantic import BaseModel, Field
from typing_extensions import TypedDict

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.chat_models.tools import format_tool, json_schema_response_format

# --- the strict-mode rules, written independently of the code under test ------------------

ALLOWED = {
    "type", "properties", "required", "additionalProperties", "enum", "const", "anyOf",
    "$ref", "$defs", "definitions", "items", "description", "title", "pattern", "format",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems",
    "maxItems",
}  # fmt: skip
TYPES = {"string", "number", "integer", "boolean", "object", "array", "null"}


def resolve(ref: str, root: dict[str, Any]) -> dict[str, Any]:
    if ref == "#":
        return root
    assert ref.startswith("#/"), ref
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part]
    assert isinstance(node, dict)
    return node


def assert_strict(schema: dict[str, Any]) -> None:
    """Fail with the JSON pointer of the first place that breaks a strict-mode rule."""
    assert schema.get("type") == "object", "the root is an object"

    def walk(node: Any, path: str) -> None:
        assert isinstance(node, dict), path
        unknown = set(node) - ALLOWED
        assert not unknown, f"{path}: keywords strict mode refuses: {unknown}"
        if "$ref" in node:
            assert set(node) == {"$ref"}, f"{path}: $ref must stand alone"
            resolve(node["$ref"], schema)
            return
        kinds = node.get("type")
        kinds = [kinds] if isinstance(kinds, str) else kinds or []
        assert set(kinds) <= TYPES, path
        assert kinds or "anyOf" in node or "enum" in node or "const" in node, f"{path}: untyped"
        if "object" in kinds:
            properties = node.get("properties")
            assert isinstance(properties, dict), f"{path}: an object lists its properties"
            assert node.get("additionalProperties") is False, f"{path}: additionalProperties"
            assert sorted(node.get("required", [])) == sorted(properties), f"{path}: required"
            for name, sub in properties.items():
                walk(sub, f"{path}/properties/{name}")
        if "array" in kinds:
            walk(node["items"], f"{path}/items")
        for i, branch in enumerate(node.get("anyOf") or []):
            walk(branch, f"{path}/anyOf/{i}")
        for key in ("$defs", "definitions"):
            for name, sub in (node.get(key) or {}).items():
                walk(sub, f"{path}/{key}/{name}")

    walk(schema, "#")


def sample(node: dict[str, Any], root: dict[str, Any], *, nulls: bool, depth: int = 0) -> Any:
    """A value valid for ``node``: nulls where allowed (``nulls``) or the first other choice."""
    if "$ref" in node:
        return sample(resolve(node["$ref"], root), root, nulls=nulls, depth=depth + 1)
    if "const" in node:
        return node["const"]
    if "enum" in node:
        options = [o for o in node["enum"] if o is not None] or [None]
        return None if nulls and None in node["enum"] else options[0]
    if "anyOf" in node:
        branches = node["anyOf"]
        null = [b for b in branches if b.get("type") == "null"]
        other = [b for b in branches if b.get("type") != "null"]
        choice = null[0] if (nulls or depth > 3) and null else other[0]
        return sample(choice, root, nulls=nulls, depth=depth + 1)
    kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
    if (nulls or depth > 3 or kinds == ["null"]) and "null" in kinds:
        return None
    kind = next(k for k in kinds if k != "null")
    if kind == "object":
        return {
            k: sample(v, root, nulls=nulls, depth=depth + 1) for k, v in node["properties"].items()
        }
    if kind == "array":
        if depth > 3:
            return []
        return [sample(node["items"], root, nulls=nulls, depth=depth + 1)]
    formats = {"date-time": "2026-01-02T03:04:05Z", "date": "2026-01-02"}
    return {"string": formats.get(node.get("format"), "x"), "integer": 2, "number": 1.5,
            "boolean": True}[kind]  # fmt: skip


# --- the shapes ------------------------------------------------------------------------------


class Address(TypedDict):
    city: Annotated[str, ..., "the city"]
    zip: Annotated[str | None, None, "postal code, if known"]


class PersonDict(TypedDict):
    """A person, as a dict."""

    name: Annotated[str, ..., "full name"]
    nickname: Annotated[str | None, None, "a nickname, if any"]
    age: int | None
    addresses: list[Address]
    home: Address | None


class Color(str, Enum):
    RED = "red"
    BLUE = "blue"


class Cat(BaseModel):
    kind: Literal["cat"]
    lives: int = 9


class Dog(BaseModel):
    kind: Literal["dog"]
    name: str | None = None


class Pet(BaseModel):
    """A pet and its owner's notes."""

    pet: Cat | Dog = Field(discriminator="kind")
    friends: list[Cat | Dog] = []
    color: Color | None = None
    mood: Literal["happy", "sad"] = "happy"
    note: str = Field(default="none", max_length=40, description="a short note")
    born: date | None = None
    seen: datetime
    tags: list[str] = Field(default_factory=list, min_length=0)


class Node(BaseModel):
    """A tree."""

    value: int
    children: list[Node] = []
    parent: Node | None = None


class Inner(BaseModel):
    x: int
    y: float | None = None


class Outer(BaseModel):
    """Nested models."""

    inner: Inner
    maybe: Inner | None = None
    many: list[Inner]
    scores: list[int | str]


JSON_SCHEMA = {
    "title": "Order",
    "description": "An order.",
    "type": "object",
    "properties": {
        "id": {"type": "string", "minLength": 3},
        "qty": {"type": "integer", "default": 1},
        "note": {"type": "string"},
        "status": {"enum": ["open", "closed"]},
        "item": {"$ref": "#/$defs/Item", "description": "the item"},
        "extras": {"type": "array", "items": {"$ref": "#/$defs/Item"}, "uniqueItems": True},
        "payment": {
            "oneOf": [
                {"type": "object", "properties": {"card": {"type": "string"}}},
                {"type": "object", "properties": {"iban": {"type": "string"}}},
            ]
        },
    },
    "required": ["id", "item"],
    "$defs": {
        "Item": {
            "type": "object",
            "properties": {"sku": {"type": "string"}, "size": {"type": ["string", "null"]}},
            "required": ["sku"],
        }
    },
}

RECURSIVE_JSON_SCHEMA = {
    "title": "Tree",
    "type": "object",
    "properties": {"label": {"type": "string"}, "kids": {"type": "array", "items": {"$ref": "#"}}},
    "required": ["label"],
}

SHAPES: list[Any] = [PersonDict, Pet, Node, Outer, JSON_SCHEMA, RECURSIVE_JSON_SCHEMA]
IDS = ["typeddict", "discriminated", "recursive", "nested", "json-schema", "json-recursive"]


def schemas_sent(shape: Any) -> list[dict[str, Any]]:
    """The schema as response_format (json_schema) and as a strict tool (bind_tools)."""
    response_format = json_schema_response_format(shape)["json_schema"]
    assert response_format["strict"] is True
    tool = format_tool(shape, strict=True)["function"]
    assert tool["strict"] is True
    return [response_format["schema"], tool["parameters"]]


@pytest.mark.parametrize("shape", SHAPES, ids=IDS)
def test_every_schema_sent_obeys_strict_mode(shape: Any) -> None:
    for schema in schemas_sent(shape):
        assert_strict(schema)


def test_an_optional_typeddict_key_is_nullable_not_invented() -> None:
    schema = json_schema_response_format(PersonDict)["json_schema"]["schema"]
    nickname = schema["properties"]["nickname"]
    assert nickname["description"] == "a nickname, if any"
    assert {"type": "null"} in nickname["anyOf"] or "null" in nickname.get("type", [])
    zip_code = schema["$defs"]["Address"]["properties"]["zip"]
    assert "null" in json.dumps(zip_code)
    city = schema["$defs"]["Address"]["properties"]["city"]
    assert city == {"description": "the city", "type": "string"}


def test_a_discriminated_union_becomes_closed_anyof_branches() -> None:
    schema = json_schema_response_format(Pet)["json_schema"]["schema"]
    text = json.dumps(schema)
    assert "oneOf" not in text
    assert "discriminator" not in text
    assert '"default"' not in text
    branches = [resolve(b["$ref"], schema) if "$ref" in b else b for b in
                schema["properties"]["pet"]["anyOf"]]  # fmt: skip
    assert all(b["additionalProperties"] is False for b in branches)
    # A default other than null: required and not nullable, so the answer parses back.
    assert resolve("#/$defs/Cat", schema)["properties"]["lives"] == {"type": "integer"}


def test_a_recursive_model_keeps_its_ref() -> None:
    schema = json_schema_response_format(Node)["json_schema"]["schema"]
    assert schema["properties"]["children"]["items"] == {"$ref": "#/$defs/Node"}


@pytest.mark.parametrize("shape", SHAPES, ids=IDS)
@pytest.mark.parametrize("nulls", [True, False], ids=["nulls", "values"])
@pytest.mark.parametrize("method", ["json_schema", "function_calling"])
def test_answers_to_the_strict_schema_parse_back_into_the_users_type(
    shape: Any, nulls: bool, method: str
) -> None:
    sent: list[dict[str, Any]] = []
    answer: dict[str, Any] = {}

    def server(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        sent.append(body)
        if method == "json_schema":
            schema = body["response_format"]["json_schema"]["schema"]
        else:
            schema = body["tools"][0]["function"]["parameters"]
        answer.update(sample(schema, schema, nulls=nulls))
        message: dict[str, Any] = {"role": "assistant", "content": json.dumps(answer)}
        if method == "function_calling":
            name = body["tools"][0]["function"]["name"]
            message = {"role": "assistant", "content": None, "tool_calls": [
                {"id": "c1", "type": "function",
                 "function": {"name": name, "arguments": json.dumps(answer)}}]}  # fmt: skip
        return httpx.Response(200, json={"id": "gen-1", "model": "m", "choices": [
            {"index": 0, "finish_reason": "stop", "message": message}]})  # fmt: skip

    llm = ChatOpenRouter(
        model="openai/gpt-4o-mini",
        api_key="sk-or-v1-test",
        http_client=httpx.Client(transport=httpx.MockTransport(server)),
    )
    parsed = llm.with_structured_output(shape, method=method, strict=True).invoke("go")  # type: ignore[arg-type]
    if isinstance(shape, type) and issubclass(shape, BaseModel):
        assert isinstance(parsed, shape)
        assert parsed == shape.model_validate(answer)
    else:
        assert parsed == answer
    if nulls and shape is PersonDict:
        assert isinstance(parsed, dict)
        assert (parsed["nickname"], parsed["age"]) == (None, None)


REFUSED = [
    (
        {
            "title": "T",
            "type": "object",
            "properties": {"m": {"type": "object", "additionalProperties": {"type": "integer"}}},
        },
        "free keys",
    ),
    ({"title": "T", "type": "object", "properties": {"a": {"not": {"type": "string"}}}}, "'not'"),
    (
        {
            "title": "T",
            "type": "object",
            "properties": {"a": {"allOf": [{"type": "string"}, {"minLength": 1}]}},
        },
        "allOf",
    ),
]


class WithMapping(BaseModel):
    counts: dict[str, int]


@pytest.mark.parametrize(("schema", "why"), [*REFUSED, (WithMapping, "free keys")])
def test_what_strict_mode_cannot_express_is_refused_before_any_request(
    schema: Any, why: str
) -> None:
    with pytest.raises(ValueError, match=rf"schema at #/properties/\w+: .*{why}.*strict=False"):
        json_schema_response_format(schema)
    with pytest.raises(ValueError, match="strict=False"):
        ChatOpenRouter(model="openai/gpt-4o-mini").bind_tools([schema], strict=True)
    assert json_schema_response_format(schema, strict=False)["json_schema"]["strict"] is False


@pytest.mark.parametrize(
    "tool",
    [
        {"type": "function", "function": {"name": "now"}},
        {
            "type": "function",
            "function": {"name": "f", "parameters": {"properties": {"a": {"type": "string"}}}},
        },
        {
            "name": "g",
            "description": "d",
            "parameters": {
                "type": "object",
                "properties": {
                    "xs": {
                        "type": "array",
                        "items": {"type": "object", "properties": {"v": {"type": "integer"}}},
                    }
                },
            },
        },
    ],
)
def test_strict_dict_tools_obey_strict_mode_too(tool: dict[str, Any]) -> None:
    function = format_tool(tool, strict=True)["function"]
    assert function["strict"] is True
    assert_strict(function["parameters"])

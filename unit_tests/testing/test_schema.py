"""Values generated from JSON schemas validate, for hand-written and generated schemas."""

from __future__ import annotations

from typing import Any

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from langchain_openrouter.testing.model.pattern import from_pattern
from langchain_openrouter.testing.model.prompt import Hints
from langchain_openrouter.testing.model.schema import instance_for
from langchain_openrouter.testing.model.schema_check import schema_problem

NAMES = st.sampled_from(["city", "query", "count", "name", "tags", "unit", "a", "b", "when"])


def scalar_schemas() -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of(
        st.builds(
            lambda low, span: {"type": "integer", "minimum": low, "maximum": low + span},
            st.integers(-100, 100),
            st.integers(0, 50),
        ),
        st.builds(lambda low: {"type": "number", "exclusiveMinimum": low}, st.floats(-10, 10)),
        st.builds(lambda m: {"type": "integer", "multipleOf": m}, st.integers(1, 7)),
        st.builds(
            lambda low, extra: {"type": "string", "minLength": low, "maxLength": low + extra},
            st.integers(0, 5),
            st.integers(0, 20),
        ),
        st.sampled_from(
            [
                {"type": "string", "format": "date-time"},
                {"type": "string", "format": "email"},
                {"type": "string", "format": "uuid"},
                {"type": "boolean"},
                {"type": "null"},
                {"type": "string", "pattern": "^[A-Z]{3}-[0-9]{2}$"},
                {"enum": ["x", "y", 3]},
                {"const": "fixed"},
                {"type": ["string", "null"]},
            ]
        ),
    )


def schemas() -> st.SearchStrategy[dict[str, Any]]:
    return st.recursive(
        scalar_schemas(),
        lambda inner: st.one_of(
            st.builds(
                lambda props, data: {
                    "type": "object",
                    "properties": props,
                    "required": data.draw(st.lists(st.sampled_from(sorted(props)), unique=True))
                    if props
                    else [],
                    "additionalProperties": False,
                },
                st.dictionaries(NAMES, inner, max_size=4),
                st.data(),
            ),
            st.builds(
                lambda item, low: {"type": "array", "items": item, "minItems": low},
                inner,
                st.integers(0, 3),
            ),
            st.builds(
                lambda branches: {"anyOf": branches}, st.lists(inner, min_size=1, max_size=3)
            ),
        ),
        max_leaves=12,
    )


PROMPTS = st.sampled_from(
    [
        "",
        "add 2 and 3",
        "weather in Paris",
        'search "cats" now',
        "Alice is 30 and lives in New York",
        "x",
    ]
)


@settings(max_examples=150, deadline=None)
@given(schema=schemas(), prompt=PROMPTS, fill=st.booleans())
def test_generated_values_validate(schema: dict[str, Any], prompt: str, fill: bool) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema_problem(schema, "schema") is None  # a valid schema is never refused
    value = instance_for(schema, Hints.from_text(prompt), fill_optional=fill)
    jsonschema.validate(value, schema)


def test_refs_defs_and_all_of() -> None:
    schema = {
        "definitions": {
            "Item": {
                "type": "object",
                "properties": {"qty": {"type": "integer", "minimum": 1}},
                "required": ["qty"],
            }
        },
        "allOf": [
            {
                "type": "object",
                "properties": {"items": {"type": "array", "items": {"$ref": "#/definitions/Item"}}},
                "required": ["items"],
            },
            {"properties": {"note": {"type": "string"}}, "required": ["note"]},
        ],
    }
    value = instance_for(schema, Hints.from_text('order 4 items, note "rush"'))
    jsonschema.validate(value, schema)
    assert value == {"items": [{"qty": 4}], "note": "rush"}


def test_numbers_fill_an_array_of_numbers() -> None:
    schema = {
        "type": "object",
        "properties": {"values": {"type": "array", "items": {"type": "number"}}},
    }
    assert instance_for(schema, Hints.from_text("sum 1, 2.5 and 4")) == {"values": [1, 2.5, 4]}


def test_enum_fields_take_the_values_in_the_order_the_prompt_names_them() -> None:
    units = {"enum": ["m", "km", "mi", "ft"]}
    schema = {
        "type": "object",
        "properties": {"value": {"type": "number"}, "from_unit": units, "to_unit": units},
        "required": ["value", "from_unit", "to_unit"],
    }
    converted = instance_for(schema, Hints.from_text("convert 42 mi to km"))
    assert converted == {"value": 42, "from_unit": "mi", "to_unit": "km"}
    named_once = instance_for(schema, Hints.from_text("convert 3 ft"))
    assert named_once == {"value": 3, "from_unit": "ft", "to_unit": "ft"}


def test_hints() -> None:
    hints = Hints.from_text('What\'s the weather in New York? Say "hi" to Bob, twelve times')
    assert hints.numbers == [12]
    assert hints.quoted == ["hi"]
    assert hints.place() == "New York"
    assert "Bob" in hints.entities
    assert Hints.from_text("compute 2 + 3 * (4 - 1)").expression() == "2 + 3 * (4 - 1)"


def test_place_lists_split_on_conjunctions_only() -> None:
    one = Hints.from_text("What is the weather in San Francisco, CA?")
    assert (one.places, one.listed) == (["San Francisco, CA"], [])
    assert one.place() == "San Francisco, CA"
    three = Hints.from_text("weather in Paris, London, and Rome")
    assert three.places == three.listed == ["Paris", "London", "Rome"]
    coded = Hints.from_text("in Austin, TX & Boston, MA")
    assert coded.places == ["Austin, TX", "Boston, MA"]
    assert Hints.from_text("in Paris and in London").places == ["Paris", "London"]
    assert Hints.from_text("in Paris and in London").listed == []
    unplaced = Hints.from_text("Paris and London: which is warmer?")
    assert (unplaced.places, unplaced.listed) == ([], ["Paris", "London"])


def test_from_pattern() -> None:
    assert from_pattern(r"^[0-9]{5}$") == "00000"
    assert from_pattern(r"^(foo|bar)_[a-z]+$") == "foo_a"
    assert from_pattern(r"(?<=x)y") == "y"
    assert from_pattern("(") is None

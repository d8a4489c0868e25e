"""JSON mode: the keys a prompt names, and the object answered with them."""

from __future__ import annotations

import pytest

from langchain_openrouter.testing.model.json_mode import json_object_answer, named_keys

JOKE = (
    "Tell me a joke about cats. Return the result as a JSON with 'setup' and 'punchline' keys. "
    "Return nothing other than JSON."
)


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        (JOKE, ["setup", "punchline"]),
        ('Reply with the "answer" field and the `score` field.', ["answer", "score"]),
        ("Use the keys \u201ctitle\u201d and \u2018year\u2019.", ["title", "year"]),
        ("Use the cat's 'name' key.", ["name"]),
        ("Answer in JSON with keys setup and punchline.", ["setup", "punchline"]),
        ("JSON please.\nFields: name, age, or city", ["name", "age", "city"]),
        ("Return one property named total.", ["total"]),
        ("Return the keys as JSON, in lowercase and sorted.", []),
        ("Say 'hello' and answer in JSON.", []),
        ('Follow the properties of {"properties": {"foo": {"type": "string"}}}.', []),
        ("Give 'a' key. Then 'b' field and 'a' key again.", ["a", "b"]),
        ("Reply JSON with keys a and b", ["a", "b"]),
        ("Reply JSON with keys x, y and a.", ["x", "y", "a"]),
        ("Fields: a title and a summary.", []),
        ("Reply with keys: a title, please.", []),
    ],
)
def test_named_keys(text: str, keys: list[str]) -> None:
    assert named_keys(text) == keys


def test_keys_from_the_user_message_with_values_from_its_request() -> None:
    assert json_object_answer([{"role": "user", "content": JOKE}]) == {
        "setup": "example",
        "punchline": "example",
    }
    weather = "What is the weather in Oslo? Reply in JSON with keys city and description."
    assert json_object_answer([{"role": "user", "content": weather}]) == {
        "city": "Oslo",
        "description": "What is the weather in Oslo?",
    }


def test_single_letter_keys_get_values() -> None:
    answer = json_object_answer([{"role": "user", "content": "Reply JSON with keys a and b"}])
    assert list(answer) == ["a", "b"]
    assert all(isinstance(value, str) for value in answer.values())


def test_keys_from_the_system_message_when_the_user_names_none() -> None:
    messages = [
        {"role": "system", "content": 'Answer in JSON with the keys "place" and "summary".'},
        {"role": "user", "content": [{"type": "text", "text": "Tell me about Lisbon."}]},
    ]
    assert json_object_answer(messages) == {"place": "Lisbon", "summary": "Lisbon"}


def test_no_keys_named_keeps_the_response_object() -> None:
    messages = [{"role": "user", "content": "give me json"}]
    assert json_object_answer(messages) == {"response": "give me json"}

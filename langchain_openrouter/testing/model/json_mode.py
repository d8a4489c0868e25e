"""JSON mode (``response_format: json_object``): an object with the keys the prompt names.

The keys come from the last user message, else from the system (and developer) messages: a
sentence that holds the word key(s), field(s) or property/properties names its keys by quoting
them (``'setup'``, ``"punchline"``, backticks, curly quotes) or by listing them right after that
word (``with keys setup and punchline``, ``fields: name, age``, ``keys a and b``; without a
colon, ``named`` or ``called``, a list needs two names; ``a`` followed by a word is an article).
Quotes inside braces (a JSON example or schema in the prompt) do not count. Every key gets a
string from the structured-output generator (``schema.py``), filled from the sentences of the
last user message that neither name keys nor say "JSON" (all of it when every sentence does);
with no keys named, the answer is ``{"response": <last user text>}``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from langchain_openrouter.testing.model.prompt import (
    Hints,
    last_user_text,
    message_text,
    set_of_words,
)
from langchain_openrouter.testing.model.schema import instance_for

__all__ = ["json_object_answer", "named_keys"]

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_BRACES = re.compile(r"\{[^{}]*\}")
_JSON_WORD = re.compile(r"\bjson\b", re.IGNORECASE)
_KEY_WORD = re.compile(r"\b(?:keys?|fields?|property|properties)\b", re.IGNORECASE)
_QUOTED = re.compile(
    r"(?<!\w)'([^'\n]{1,64}?)'(?!\w)|\"([^\"\n]{1,64})\"|`([^`\n]{1,64})`"
    r"|\u201c([^\u201d\n]{1,64})\u201d|\u2018([^\u2019\n]{1,64})\u2019"
)
_IDENTIFIER = r"[A-Za-z_][\w-]*"
_LISTED = re.compile(
    r"\b(?:keys?|fields?|property|properties)(?P<intro>\s+(?:named|called)|\s*:)?\s+"
    rf"(?P<names>{_IDENTIFIER}(?:(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+){_IDENTIFIER})*)",
    re.IGNORECASE,
)
_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+", re.IGNORECASE)
_NOT_NAMES = set_of_words("a an the and or of in as to for with from by that which each all only")
_NEXT_WORD = re.compile(r"\s+\w")


def named_keys(text: str) -> list[str]:
    """The keys ``text`` names for a JSON answer, in the order it names them.

    Example:
        >>> named_keys("A joke, please. Return JSON with 'setup' and 'punchline' keys.")
        ['setup', 'punchline']
        >>> named_keys("Answer in JSON with the fields name, age and city.")
        ['name', 'age', 'city']
        >>> named_keys('Follow the properties of {"properties": {"foo": {}}}.')
        []
    """
    keys: dict[str, None] = {}
    for sentence in _SENTENCE_END.split(text):
        keys.update(dict.fromkeys(_sentence_keys(_without_braces(sentence))))
    return list(keys)


def _content(text: str) -> str:
    """The sentences of ``text`` that ask for something (not how to format it), else all."""
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
    kept = [
        s for s in sentences if not _JSON_WORD.search(s) and not _sentence_keys(_without_braces(s))
    ]
    return " ".join(kept) or text


def _without_braces(text: str) -> str:
    previous = None
    while previous != text:
        previous, text = text, _BRACES.sub(" ", text)
    return text


def _sentence_keys(sentence: str) -> list[str]:
    if not _KEY_WORD.search(sentence):
        return []
    found: list[tuple[int, str]] = []
    for match in _QUOTED.finditer(sentence):
        name = next(g for g in match.groups() if g).strip()
        if name:
            found.append((match.start(), name))
    for match in _LISTED.finditer(sentence):
        names = _LIST_SEPARATOR.split(match.group("names"))
        if _reads_as_prose(names, sentence[match.end("names") :]):
            continue
        if match.group("intro") or len(names) > 1:
            found.extend((match.start("names"), n) for n in names)
    return [name for _, name in sorted(found, key=lambda f: f[0])]


def _reads_as_prose(names: Sequence[str], rest: str) -> bool:
    """Whether a listed name is a word of the sentence (an article, a preposition) instead.

    ``a`` is the one letter of those words: it is a key when a separator or the end of the list
    follows it (``keys a and b``), an article when a word does (``keys: a title``).
    """
    for index, name in enumerate(names):
        if name.lower() not in _NOT_NAMES:
            continue
        last = index == len(names) - 1
        if len(name) == 1 and not (last and _NEXT_WORD.match(rest)):
            continue
        return True
    return False


def json_object_answer(messages: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The JSON-mode answer to ``messages`` (the rule in this module's docstring).

    Example:
        >>> json_object_answer([{"role": "user", "content": "What is the weather in Oslo? "
        ...                      "Reply in JSON with keys city and description."}])
        {'city': 'Oslo', 'description': 'What is the weather in Oslo?'}
        >>> json_object_answer([{"role": "user", "content": "hi"}])
        {'response': 'hi'}
    """
    prompt = last_user_text(messages)
    keys = named_keys(prompt)
    if not keys:
        instructions = (
            message_text(m.get("content"))
            for m in messages
            if m.get("role") in ("system", "developer")
        )
        keys = named_keys("\n".join(instructions))
    if not keys:
        return {"response": prompt}
    schema = {
        "type": "object",
        "properties": {key: {"type": "string"} for key in keys},
        "required": keys,
    }
    answer: dict[str, Any] = instance_for(schema, Hints.from_text(_content(prompt)))
    return answer

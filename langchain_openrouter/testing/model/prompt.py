"""Reading a prompt: the text of a message, the last thing the user said, what it offers.

:class:`Hints` are the numbers, quoted strings and names a prompt offers to fill tool arguments
and schema answers with.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Hints", "last_user_text", "message_text", "set_of_words"]


def message_text(content: Any) -> str:
    """The text of a message ``content`` (a string or a list of parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = [p.get("text", "") for p in content if isinstance(p, Mapping)]
        return "".join(p for p in parts if isinstance(p, str))
    return ""


def last_user_text(messages: Sequence[Mapping[str, Any]]) -> str:
    """Text of the last user message (empty when there is none)."""
    for message in reversed(messages):
        if message.get("role") == "user":
            return message_text(message.get("content"))
    return ""


def set_of_words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (word lists read best as one string)."""
    return frozenset(text.split())


_NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "hundred": 100,
}
_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w])|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b")
_QUOTED = re.compile(r"\"([^\"]+)\"|\u201c([^\u201d]+)\u201d|'([^']{2,})'")
_NAME = r"[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*"
# Between the names of a list: a comma or semicolon, "and", "then" or "&" (or both).
_SEPARATOR = r"(?:\s*[,;]\s*(?:(?:and|then)\s+){0,2}|\s+(?:(?:and|then|&)\s+){1,2})"
_NAME_LIST = rf"{_NAME}(?:{_SEPARATOR}{_NAME})*"
_CAPITALISED = re.compile(rf"\b{_NAME}")
_NAME_LISTS = re.compile(rf"\b{_NAME_LIST}")
_AFTER_PREPOSITION = re.compile(rf"\b(?:in|for|at|to|from|of|near|about)\s+({_NAME_LIST})")
# The separators that make a list: a bare comma does not ("San Francisco, CA" is one place).
_CONJUNCTION = re.compile(
    r"\s*;\s*(?:(?:and|then)\s+){0,2}|\s*,\s*(?:(?:and|then)\s+){1,2}|\s+(?:(?:and|then|&)\s+){1,2}"
)
_COMMA = re.compile(r"\s*,\s*")
_REGION_CODE = re.compile(r"[A-Z]{2,3}")
_EXPRESSION = re.compile(r"[-(]*\d[\d\s.()]*(?:[-+*/^\u00d7x\u00f7][\s(]*\d[\d\s.()]*)+")
_NOT_ENTITIES = set_of_words(
    "I What Whats What's How Please Can Could Would Will Tell Get Find Show Give Is Are Do "
    "Does The A An Hi Hello Hey Use Call Run Then And Also Now Let Lets Let's Which Who When "
    "Where Why My Me Add Multiply Divide Subtract Compute Calculate Search Look Check"
)


@dataclass
class Hints:
    """What a prompt offers to fill values with: numbers (used in order), quotes, names.

    ``places`` are the names after "in", "for", "at"...; ``listed`` the names the prompt joins
    with "and", "then", "&" or ";" (wherever they are). A list is split on those conjunctions,
    and on its commas only when it has one: "in San Francisco, CA" is one place, "in Paris,
    London and Rome" three; a short uppercase code after a comma stays with its place
    ("Austin, TX and Boston, MA" is two).

    Example:
        >>> Hints.from_text("add 2 and 3").numbers
        [2, 3]
        >>> Hints.from_text("weather in San Francisco, CA").places
        ['San Francisco, CA']
        >>> Hints.from_text("weather in Paris, London and Rome").places
        ['Paris', 'London', 'Rome']
    """

    text: str = ""
    numbers: list[float | int] = field(default_factory=list)
    quoted: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    listed: list[str] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str) -> Hints:
        """Extract the hints of a prompt."""
        numbers: list[float | int] = []
        for match in _NUMBER.finditer(text):
            token = match.group(0)
            if token.lower() in _NUMBER_WORDS:
                numbers.append(_NUMBER_WORDS[token.lower()])
            else:
                value = float(token)
                numbers.append(int(value) if value.is_integer() and "." not in token else value)
        quoted = [next(g for g in m.groups() if g) for m in _QUOTED.finditer(text)]
        places = _dedupe(
            _trim_entity(name)
            for m in _AFTER_PREPOSITION.finditer(text)
            for name in _list_items(m.group(1))
        )
        entities = _dedupe(_trim_entity(m.group(0)) for m in _CAPITALISED.finditer(text))
        lists = (_list_items(m.group(0)) for m in _NAME_LISTS.finditer(text))
        listed = _dedupe(_trim_entity(name) for names in lists if len(names) > 1 for name in names)
        return cls(text.strip(), numbers, quoted, entities, places, listed)

    def copy(self) -> Hints:
        """An independent copy (numbers are consumed as they are used)."""
        return Hints(
            self.text,
            list(self.numbers),
            list(self.quoted),
            list(self.entities),
            list(self.places),
            list(self.listed),
        )

    def with_results(self, results: Hints) -> Hints:
        """Hints for an answer written after tool results (``results``: what the tools said).

        The results' numbers come first (an answer reports what the tools found, the prompt's
        numbers were their inputs), then the prompt's; names and quotes are the prompt's first.
        The text stays the prompt's: free-text fields quote what the user asked.

        Example:
            >>> asked = Hints.from_text("weather in Paris in 2 days")
            >>> asked.with_results(Hints.from_text("18 C in Paris")).numbers
            [18, 2]
        """
        return Hints(
            self.text,
            [*results.numbers, *self.numbers],
            _dedupe([*self.quoted, *results.quoted]),
            _dedupe([*self.entities, *results.entities]),
            _dedupe([*self.places, *results.places]),
            _dedupe([*self.listed, *results.listed]),
        )

    def place(self) -> str | None:
        """The most likely place name: after "in"/"for"/... first, then any capitalised name."""
        for value in (*self.places, *self.entities):
            return value
        return None

    def expression(self) -> str | None:
        """An arithmetic expression in the prompt, e.g. ``"2 + 3 * 4"``."""
        match = _EXPRESSION.search(self.text)
        return match.group(0).strip() if match else None


def _list_items(names: str) -> list[str]:
    """The names of a list: split on its conjunctions, then on commas not before a region code."""
    parts = _CONJUNCTION.split(names)
    if len(parts) == 1:
        return [names]
    items: list[str] = []
    for part in parts:
        pieces = _COMMA.split(part)
        items.append(pieces[0])
        for piece in pieces[1:]:
            if _REGION_CODE.fullmatch(piece):
                items[-1] = f"{items[-1]}, {piece}"
            else:
                items.append(piece)
    return items


def _trim_entity(value: str) -> str:
    words = value.split()
    while words and words[0] in _NOT_ENTITIES:
        words.pop(0)
    text = " ".join(words)
    return text[:-2] if text.endswith(("'s", "\u2019s")) else text


def _dedupe(values: Any) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        if value:
            seen.setdefault(value, None)
    return list(seen)

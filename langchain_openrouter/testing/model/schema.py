"""Values that validate against a JSON schema, filled from what a prompt says where it can.

The scripted model uses this for tool arguments and ``response_format: json_schema`` answers:
``"add 2 and 3"`` gives ``{"a": 2, "b": 3}`` for a schema with two numbers, ``"weather in
Paris"`` gives ``{"city": "Paris"}``. Everything is deterministic: the same schema and prompt
always give the same value.
"""

from __future__ import annotations

import math
import re

try:
    from re import _parser as _sre_parser  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_parse as _sre_parser
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from langchain_openrouter.testing.model.schema_check import pointer

__all__ = ["Hints", "instance_for", "set_of_words"]


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
_PLACE_NAMES = set_of_words(
    "city location place town country region destination origin address where area state "
    "locality venue airport"
)
_PERSON_NAMES = frozenset(("name", "person", "user", "username", "author", "title", "who"))
_FREE_TEXT_NAMES = set_of_words(
    "query q question prompt text input message content search term terms keywords topic "
    "request instruction instructions description body sentence statement"
)
_FORMATS = {
    "date": "2025-01-01",
    "date-time": "2025-01-01T00:00:00Z",
    "time": "12:00:00",
    "email": "user@example.com",
    "idn-email": "user@example.com",
    "uri": "https://example.com",
    "url": "https://example.com",
    "iri": "https://example.com",
    "uri-reference": "https://example.com",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "duration": "PT1H",
}
_PATTERN_CANDIDATES = ("example", "abc", "a", "A", "1", "123", "a1", "A1", "ABC", "x-1", "")


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


def instance_for(schema: Any, hints: Hints | None = None, *, fill_optional: bool = True) -> Any:
    """A value that validates against ``schema``, using ``hints`` where the schema allows.

    Args:
        schema: A JSON schema (``$defs``/``definitions`` and local ``$ref`` supported).
        hints: What the prompt offers; numbers are consumed in property order.
        fill_optional: Fill optional object properties too (tool calls fill only the required
            ones and those the prompt names).

    Returns:
        A JSON-compatible value.

    Example:
        >>> schema = {"type": "object", "properties": {"a": {"type": "integer"},
        ...           "b": {"type": "integer"}}, "required": ["a", "b"]}
        >>> instance_for(schema, Hints.from_text("add 2 and 3"))
        {'a': 2, 'b': 3}
    """
    return _Generator(schema, hints or Hints(), fill_optional).value(schema, None, 0)


class _Generator:
    def __init__(self, root: Any, hints: Hints, fill_optional: bool) -> None:
        self.root = root
        self.hints = hints.copy()
        self.fill_optional = fill_optional

    def resolve(self, schema: Any, depth: int) -> Any:
        while isinstance(schema, Mapping) and "$ref" in schema and depth < 64:
            ref = schema["$ref"]
            target = pointer(self.root, ref)
            rest = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**target, **rest} if isinstance(target, Mapping) and rest else target
            depth += 1
        return schema if schema is not None else {}

    def value(self, schema: Any, name: str | None, depth: int) -> Any:
        schema = self.resolve(schema, depth)
        if schema is True or not isinstance(schema, Mapping):
            return self.string({}, name)
        if depth > 24:
            return None
        if "const" in schema:
            return schema["const"]
        if schema.get("enum"):
            return self.choose(list(schema["enum"]))
        if "allOf" in schema:
            return self.value(self.merge_all(schema), name, depth + 1)
        for key in ("anyOf", "oneOf"):
            if schema.get(key):
                branch = self.pick_branch(schema[key], depth)
                merged = {k: v for k, v in schema.items() if k != key}
                return self.value({**merged, **branch}, name, depth + 1)
        kind = self.type_of(schema)
        if kind == "object":
            return self.object(schema, depth)
        if kind == "array":
            return self.array(schema, name, depth)
        if kind in ("integer", "number"):
            return self.number(schema, integer=kind == "integer")
        if kind == "boolean":
            return False
        if kind == "null":
            return None
        return self.string(schema, name)

    def merge_all(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        for part in schema["allOf"]:
            part = self.resolve(part, 0)
            if not isinstance(part, Mapping):
                continue
            for key, val in part.items():
                if key == "properties":
                    merged["properties"] = {**merged.get("properties", {}), **val}
                elif key == "required":
                    merged["required"] = [*merged.get("required", []), *val]
                else:
                    merged.setdefault(key, val)
        return merged

    def pick_branch(self, branches: list[Any], depth: int) -> Mapping[str, Any]:
        resolved = [self.resolve(b, depth) for b in branches]
        usable = [b for b in resolved if isinstance(b, Mapping)]
        for branch in usable:
            if self.type_of(branch) != "null":
                return branch
        return usable[0] if usable else {}

    @staticmethod
    def type_of(schema: Mapping[str, Any]) -> str:
        kind = schema.get("type")
        if isinstance(kind, list):
            non_null = [k for k in kind if k != "null"]
            kind = non_null[0] if non_null else "null"
        if isinstance(kind, str):
            return kind
        if "properties" in schema or "required" in schema:
            return "object"
        if "items" in schema or "prefixItems" in schema:
            return "array"
        if any(k in schema for k in ("minimum", "maximum", "multipleOf")):
            return "number"
        return "string"

    def choose(self, options: list[Any]) -> Any:
        text = self.hints.text.lower()
        for option in options:
            if isinstance(option, str) and re.search(rf"\b{re.escape(option.lower())}\b", text):
                return option
        return options[0]

    def object(self, schema: Mapping[str, Any], depth: int) -> dict[str, Any]:
        properties = schema.get("properties") or {}
        required = list(schema.get("required") or [])
        text = self.hints.text.lower()
        out: dict[str, Any] = {}
        for prop, sub in properties.items():
            wanted = self.fill_optional or prop in required
            mentioned = re.search(rf"\b{re.escape(prop.lower().replace('_', ' '))}\b", text)
            if wanted or mentioned:
                out[prop] = self.value(sub, prop, depth + 1)
        for prop in required:
            if prop not in out:
                out[prop] = self.string({}, prop)
        minimum = int(schema.get("minProperties") or 0)
        extra = schema.get("additionalProperties")
        index = 0
        while len(out) < minimum and extra is not False:
            out[f"key{index}"] = self.value(
                extra if isinstance(extra, Mapping) else {}, None, depth + 1
            )
            index += 1
        return out

    def array(self, schema: Mapping[str, Any], name: str | None, depth: int) -> list[Any]:
        prefix = schema.get("prefixItems") or []
        items = schema.get("items", {})
        if isinstance(items, list):  # draft-04 tuple form
            prefix, items = items, schema.get("additionalItems", {})
        low = int(schema.get("minItems") or 0)
        high = schema.get("maxItems")
        count = max(low, len(prefix), 1)
        item_schema = self.resolve(items, depth)
        if isinstance(item_schema, Mapping) and self.type_of(item_schema) in ("integer", "number"):
            count = max(count, len(self.hints.numbers))
        if high is not None:
            count = min(count, int(high))
        out = [
            self.value(prefix[i] if i < len(prefix) else items, name, depth + 1)
            for i in range(count)
        ]
        if schema.get("uniqueItems"):
            out = _make_unique(out)
        return out

    def number(self, schema: Mapping[str, Any], *, integer: bool) -> float | int:
        value: float = self.hints.numbers.pop(0) if self.hints.numbers else 1
        low, high = schema.get("minimum"), schema.get("maximum")
        ex_low, ex_high = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
        step = 1 if integer else 0.5
        if isinstance(ex_low, bool):  # draft-04 booleans
            ex_low, ex_high = (low if ex_low else None), (high if ex_high else None)
        if low is not None and value < low:
            value = low
        if ex_low is not None and value <= ex_low:
            value = ex_low + step
        if high is not None and value > high:
            value = high
        if ex_high is not None and value >= ex_high:
            value = ex_high - step
        multiple = schema.get("multipleOf")
        if multiple:
            value = math.ceil(value / multiple) * multiple
            if (high is not None and value > high) or (ex_high is not None and value >= ex_high):
                value -= multiple
        if integer:
            return math.floor(value) if value == math.floor(value) else math.ceil(value)
        return int(value) if isinstance(value, int) else float(value)

    def string(self, schema: Mapping[str, Any], name: str | None) -> str:
        fmt = schema.get("format")
        value = _FORMATS.get(fmt) if isinstance(fmt, str) else None
        if value is None:
            value = self.string_from_hints(name)
        low = int(schema.get("minLength") or 0)
        high = schema.get("maxLength")
        if len(value) < low:
            value = value + "x" * (low - len(value))
        if high is not None:
            value = value[: int(high)]
        pattern = schema.get("pattern")
        if isinstance(pattern, str) and not _matches(pattern, value):
            generated = from_pattern(pattern)
            candidates = ([generated] if generated is not None else []) + list(_PATTERN_CANDIDATES)
            value = next((c for c in candidates if _matches(pattern, c)), value)
        return value

    def string_from_hints(self, name: str | None) -> str:
        key = (name or "").lower()
        words = set(re.split(r"[_\-\s]+", key))
        hints = self.hints
        if words & _PLACE_NAMES:
            return hints.place() or "Paris"
        if words & {"expression", "formula", "equation", "math", "calculation"}:
            return hints.expression() or hints.text or "1 + 1"
        if words & _PERSON_NAMES and hints.quoted:
            return hints.quoted[0]
        if words & _PERSON_NAMES and hints.entities:
            return hints.entities[0]
        if words & _FREE_TEXT_NAMES:
            return hints.quoted[0] if hints.quoted else (hints.text or "example")
        if hints.quoted:
            return hints.quoted[0]
        if hints.entities:
            return hints.entities[0]
        return "example"


def from_pattern(pattern: str) -> str | None:
    r"""A short string matching a regular expression, or ``None`` when it is too exotic.

    Example:
        >>> from_pattern(r"^[0-9]{5}$")
        '00000'
        >>> from_pattern(r"^[A-Z]{2}-\d+$")
        'AA-0'
    """
    try:
        tree = _sre_parser.parse(pattern)
        return _emit(list(tree))
    except (re.error, ValueError, TypeError, IndexError, OverflowError):
        return None


def _emit(items: list[Any]) -> str:
    out: list[str] = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "NOT_LITERAL":
            out.append("a" if chr(arg) != "a" else "b")
        elif name == "ANY":
            out.append("a")
        elif name == "IN":
            out.append(_emit_class(arg))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _, sub = arg
            out.append(_emit(list(sub)) * min(int(low), 64))
        elif name == "SUBPATTERN":
            out.append(_emit(list(arg[-1])))
        elif name == "ATOMIC_GROUP":
            out.append(_emit(list(arg)))
        elif name == "BRANCH":
            out.append(_emit(list(arg[1][0])))
        elif name == "CATEGORY":
            out.append(_CATEGORY_CHARS.get(str(arg), "a"))
        elif name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        else:
            raise ValueError(f"unsupported regex construct {name}")
    return "".join(out)


_CATEGORY_CHARS = {
    "CATEGORY_DIGIT": "0",
    "CATEGORY_WORD": "a",
    "CATEGORY_SPACE": " ",
    "CATEGORY_NOT_DIGIT": "a",
    "CATEGORY_NOT_WORD": "-",
    "CATEGORY_NOT_SPACE": "a",
}


def _emit_class(items: list[Any]) -> str:
    negate = any(str(op) == "NEGATE" for op, _ in items)
    if negate:
        excluded = {chr(a) for op, a in items if str(op) == "LITERAL"}
        return next(c for c in "azAZ09_" if c not in excluded)
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            return chr(arg)
        if name == "RANGE":
            return chr(arg[0])
        if name == "CATEGORY":
            return _CATEGORY_CHARS.get(str(arg), "a")
    return "a"


def _matches(pattern: str, value: str) -> bool:
    try:
        return re.search(pattern, value) is not None
    except re.error:
        return True


def _make_unique(values: list[Any]) -> list[Any]:
    out: list[Any] = []
    for value in values:
        candidate = value
        bump = 1
        while candidate in out:
            if isinstance(candidate, bool) or not isinstance(candidate, (int, float, str)):
                break
            candidate = f"{value}{bump}" if isinstance(value, str) else value + bump
            bump += 1
        out.append(candidate)
    return out

"""Values that validate against a JSON schema, filled from what a prompt says where it can.

The scripted model uses this for tool arguments and ``response_format: json_schema`` answers:
``"add 2 and 3"`` gives ``{"a": 2, "b": 3}`` for a schema with two numbers, ``"weather in
Paris"`` gives ``{"city": "Paris"}``. Everything is deterministic: the same schema and prompt
always give the same value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from langchain_openrouter.testing.model.pattern import from_pattern
from langchain_openrouter.testing.model.prompt import Hints, set_of_words
from langchain_openrouter.testing.model.schema_check import pointer

__all__ = ["instance_for"]

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
        self.chosen: list[Any] = []
        # The $refs being expanded: one met again is a recursion, given its smallest value.
        self.expanding: list[str] = []

    def recursive(self, schema: Any) -> bool:
        return isinstance(schema, Mapping) and schema.get("$ref") in self.expanding

    def resolve(self, schema: Any, depth: int) -> Any:
        while isinstance(schema, Mapping) and "$ref" in schema and depth < 64:
            ref = schema["$ref"]
            target = pointer(self.root, ref)
            rest = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**target, **rest} if isinstance(target, Mapping) and rest else target
            depth += 1
        return schema if schema is not None else {}

    def value(self, schema: Any, name: str | None, depth: int) -> Any:
        ref = schema.get("$ref") if isinstance(schema, Mapping) else None
        if not isinstance(ref, str):
            return self.resolved_value(schema, name, depth)
        self.expanding.append(ref)
        try:
            return self.resolved_value(schema, name, depth)
        finally:
            self.expanding.pop()

    def resolved_value(self, schema: Any, name: str | None, depth: int) -> Any:
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
        # The branch is returned unresolved, so that value() sees (and tracks) its $ref.
        finite = [b for b in branches if not self.recursive(b)]
        usable = [
            (b, r)
            for b in finite or branches
            if isinstance(b, Mapping) and isinstance(r := self.resolve(b, depth), Mapping)
        ]
        for branch, resolved in usable:
            if self.type_of(resolved) != "null":
                return branch
        return usable[0][0] if usable else {}

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
        # The option the prompt names first; a later field among the same options takes the
        # next one named, so "convert 42 km to mi" fills from_unit "km" and to_unit "mi".
        text = self.hints.text.lower()
        named = sorted(
            (found.start(), index)
            for index, option in enumerate(options)
            if isinstance(option, str)
            and (found := re.search(rf"\b{re.escape(option.lower())}\b", text))
        )
        fresh = [options[index] for _, index in named if options[index] not in self.chosen]
        pick = fresh[0] if fresh else options[named[0][1] if named else 0]
        self.chosen.append(pick)
        return pick

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
        count = max(low, len(prefix), 0 if self.recursive(items) else 1)
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

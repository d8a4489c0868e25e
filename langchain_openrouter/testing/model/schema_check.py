"""Is a JSON schema well formed? Tool ``parameters`` and ``json_schema`` schemas are checked.

OpenRouter (through its providers) refuses a malformed schema with a 400 before any model runs;
the emulator must too, or the scripted model would be handed a schema it cannot walk. This is a
structural check of the keywords the generator reads, not a full metaschema validation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["pointer", "schema_problem"]

TYPES = frozenset({"object", "array", "string", "number", "integer", "boolean", "null"})
_SUBSCHEMA = ("items", "additionalProperties", "not", "if", "then", "else", "contains")
_SCHEMA_LISTS = ("anyOf", "oneOf", "allOf", "prefixItems")
_SCHEMA_MAPS = ("properties", "$defs", "definitions", "patternProperties")


def schema_problem(schema: Any, path: str, root: Any = None) -> str | None:
    """The first structural problem of ``schema``, as ``"<path>: <what>"``; ``None`` if none.

    Example:
        >>> schema_problem({"type": "object", "properties": 5}, "parameters")
        'parameters.properties: Expected object'
        >>> schema_problem({"type": "object", "properties": {"a": {"$ref": "#/$defs/A"}}}, "p")
        "p.properties.a.$ref: cannot resolve '#/$defs/A'"
    """
    root = schema if root is None else root
    if isinstance(schema, bool):
        return None
    if not isinstance(schema, Mapping):
        return f"{path}: Expected a JSON Schema object"
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if kind is not None and (not kinds or any(k not in TYPES for k in kinds)):
        return f"{path}.type: {kind!r} is not a JSON Schema type"
    required = schema.get("required")
    if required is not None and not (
        isinstance(required, list) and all(isinstance(r, str) for r in required)
    ):
        return f"{path}.required: Expected an array of strings"
    enum = schema.get("enum")
    if enum is not None and not isinstance(enum, list):
        return f"{path}.enum: Expected array"
    ref = schema.get("$ref")
    if ref is not None and pointer(root, ref) is None:
        return f"{path}.$ref: cannot resolve {ref!r}"
    for key in _SCHEMA_MAPS:
        children = schema.get(key)
        if children is None:
            continue
        if not isinstance(children, Mapping):
            return f"{path}.{key}: Expected object"
        for name, child in children.items():
            if problem := schema_problem(child, f"{path}.{key}.{name}", root):
                return problem
    for key in _SCHEMA_LISTS:
        branches = schema.get(key)
        if branches is None:
            continue
        if not isinstance(branches, list):
            return f"{path}.{key}: Expected array"
        for index, branch in enumerate(branches):
            if problem := schema_problem(branch, f"{path}.{key}[{index}]", root):
                return problem
    for key in _SUBSCHEMA:
        child = schema.get(key)
        # items may also be a list of schemas (the draft-4 tuple form)
        for index, sub in enumerate(child if isinstance(child, list) else [child]):
            where = f"{path}.{key}[{index}]" if isinstance(child, list) else f"{path}.{key}"
            if key in schema and (problem := schema_problem(sub, where, root)):
                return problem
    return None


def pointer(root: Any, ref: Any) -> Any:
    """What a local ``$ref`` (``#/$defs/x``) points at in ``root``; ``None`` when nothing.

    Remote references are not followed (``None``): the emulator has no network.
    """
    if not isinstance(ref, str) or not ref.startswith("#"):
        return None
    node = root
    for part in ref[1:].strip("/").split("/"):
        if not part:
            continue
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node

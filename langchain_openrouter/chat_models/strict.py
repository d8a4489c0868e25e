"""Schemas that strict mode accepts: the ``strict: true`` rules applied to every object.

``with_structured_output(method="json_schema")`` and ``bind_tools(strict=True)`` send
``strict: true``, which OpenAI (and the providers following its rules behind OpenRouter)
enforce only on a schema that obeys them (openrouter-api.md §2.4, §2.5). :func:`strict_schema`
rewrites a JSON schema so that it does, recursively, wherever an object sits (``properties``,
``items``, ``$defs``, every ``anyOf`` branch):

* every property is listed in ``required``; one that was optional becomes nullable (its type
  gains ``null``) so the parser still yields ``None``, except when it has a default other than
  ``null``: the model then supplies the value (a ``null`` would not parse back);
* ``additionalProperties: false`` on every object;
* ``oneOf`` becomes ``anyOf`` and a ``discriminator`` is dropped (each branch keeps its
  ``const`` tag); a single-branch ``allOf`` is merged into its parent, and a ``$ref`` with
  siblings is wrapped so that it stands alone;
* keywords strict mode refuses (``default``, ``minLength``, ``uniqueItems``, ...) are removed,
  and so are ``title`` s (the function name and descriptions say it); the parser still checks
  the answer against the user's type;
* what strict mode cannot express (an object with free keys, a multi-branch ``allOf``,
  ``not``, ``if``) is a ``ValueError`` naming where it sits, before any request.

:func:`precise_schema` gives the schema of a pydantic class or TypedDict with its optional and
nullable fields and recursive ``$ref``s intact (LangChain's function conversion flattens them).

Example:
    >>> strict_schema({"type": "object", "properties": {"a": {"type": "string"}}})
    {'type': 'object', 'properties': {'a': {'type': ['string', 'null']}}, 'required': ['a'], 'additionalProperties': False}
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, get_args, get_origin, get_type_hints

from pydantic import BaseModel, TypeAdapter
from typing_extensions import is_typeddict

__all__: list[str] = []

# The keywords strict mode accepts; others are removed (validation-only) or refused (below).
ALLOWED_KEYWORDS = frozenset(
    {
        "type",
        "properties",
        "required",
        "additionalProperties",
        "enum",
        "const",
        "anyOf",
        "$ref",
        "$defs",
        "definitions",
        "items",
        "description",
        "pattern",
        "format",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minItems",
        "maxItems",
    }
)

# Keywords whose removal would change which answers are valid in a way the parser cannot
# restore: refused, with the place they sit.
_REFUSED = ("not", "if", "then", "else", "patternProperties", "dependentSchemas")

_SCHEMA_MAPS = ("properties", "$defs", "definitions")


def precise_schema(schema: Any) -> dict[str, Any] | None:
    """The JSON schema of a pydantic class or TypedDict (``None`` for anything else).

    LangChain's ``Annotated[type, default, "description"]`` convention on TypedDict fields is
    kept: a default makes the field optional, a string is its description.
    """
    if isinstance(schema, type) and issubclass(schema, BaseModel):
        # pydantic v2 only: a v1 model (also a basemodel subclass) is left to LangChain.
        return dict(schema.model_json_schema())
    if isinstance(schema, type) and is_typeddict(schema):
        try:
            result = dict(TypeAdapter(schema).json_schema())
            _apply_typed_dict_conventions(result, schema, result.get("$defs") or {}, set())
        except (NameError, TypeError, ValueError):
            # Annotations that do not resolve here: LangChain's conversion is used instead.
            return None
        return result
    return None


def _apply_typed_dict_conventions(
    node: dict[str, Any], cls: type, defs: Mapping[str, Any], seen: set[type]
) -> None:
    if cls in seen:
        return
    seen.add(cls)
    properties = node.get("properties") or {}
    required = list(node.get("required") or [])
    for name, hint in get_type_hints(cls, include_extras=True).items():
        if get_origin(hint) is Annotated:
            metadata = hint.__metadata__
            texts = [m for m in metadata if isinstance(m, str)]
            if texts and name in properties:
                properties[name]["description"] = texts[-1]
            if metadata and not isinstance(metadata[0], str) and metadata[0] is not ...:
                required = [r for r in required if r != name]
                if name in properties:
                    properties[name]["default"] = metadata[0]
        for nested in _typed_dicts_in(hint):
            target = defs.get(nested.__name__)
            if isinstance(target, dict):
                _apply_typed_dict_conventions(target, nested, defs, seen)
    node["required"] = required


def _typed_dicts_in(hint: Any) -> list[type]:
    if isinstance(hint, type) and is_typeddict(hint):
        return [hint]
    return [found for arg in get_args(hint) for found in _typed_dicts_in(arg)]


def strict_schema(
    schema: Mapping[str, Any], *, optional_is_nullable: bool = True
) -> dict[str, Any]:
    """``schema`` rewritten to the strict-mode rules (see the module docstring).

    Args:
        schema: A JSON schema whose root is an object.
        optional_is_nullable: Make a property outside ``required`` that has no default (or a
            ``null`` one) nullable. ``False`` for a pydantic class's schema, where a field
            without a default in the schema has a ``default_factory`` (a ``null`` would not
            parse back) and a field that takes ``None`` already says so.

    Returns:
        A new schema; ``schema`` is not changed.

    Raises:
        ValueError: The schema needs something strict mode cannot express; the message names
            the place (a JSON pointer) and suggests ``strict=False``.
    """
    root = _Strictifier(schema, optional_is_nullable)
    return root.object_root()


class _Strictifier:
    def __init__(self, schema: Mapping[str, Any], optional_is_nullable: bool) -> None:
        self.schema = schema
        self.optional_is_nullable = optional_is_nullable

    def object_root(self) -> dict[str, Any]:
        schema = self.schema
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            # pydantic's root for a recursive model: a $ref into its own $defs.
            target = (schema.get("$defs") or {}).get(ref.rsplit("/", 1)[1])
            if isinstance(target, Mapping):
                rest = {k: v for k, v in schema.items() if k != "$ref"}
                schema = {**target, **rest}
        out = self.node(schema, "#")
        if out.get("type") != "object" and "properties" not in out and "$ref" not in out:
            raise _refuse("#", "the root must be an object schema")
        return out

    def node(self, schema: Any, path: str) -> dict[str, Any]:
        if not isinstance(schema, Mapping):
            raise _refuse(path, f"expected a schema object, got {schema!r}")
        schema = self.flatten(schema, path)
        for keyword in _REFUSED:
            if keyword in schema:
                raise _refuse(path, f"strict mode has no {keyword!r}")
        if "$ref" in schema and len(schema) > 1:
            siblings = {k: v for k, v in schema.items() if k == "description"}
            return {**siblings, "anyOf": [{"$ref": schema["$ref"]}]}
        out: dict[str, Any] = {}
        for key, value in schema.items():
            if key == "oneOf":
                key = "anyOf"
            if key not in ALLOWED_KEYWORDS:
                continue
            if key in _SCHEMA_MAPS:
                out[key] = {
                    name: self.node(sub, f"{path}/{key}/{name}") for name, sub in value.items()
                }
            elif key == "anyOf":
                branches = [self.node(b, f"{path}/anyOf/{i}") for i, b in enumerate(value)]
                out["anyOf"] = out.get("anyOf", []) + branches
            elif key == "items":
                out[key] = self.node(value, f"{path}/items")
            elif key in ("required", "additionalProperties"):
                continue
            else:
                out[key] = value
        if _is_object(schema):
            self.close_object(schema, out, path)
        return out

    def flatten(self, schema: Mapping[str, Any], path: str) -> Mapping[str, Any]:
        """Merge a single-branch ``allOf`` into its parent (pydantic's ``$ref`` wrapper)."""
        all_of = schema.get("allOf")
        if all_of is None:
            return schema
        if not isinstance(all_of, list) or len(all_of) != 1:
            raise _refuse(path, "strict mode has no 'allOf' with several branches")
        rest = {k: v for k, v in schema.items() if k != "allOf"}
        return {**all_of[0], **rest}

    def close_object(self, source: Mapping[str, Any], out: dict[str, Any], path: str) -> None:
        extra = source.get("additionalProperties")
        if extra not in (None, False) and not source.get("properties"):
            raise _refuse(
                path,
                "an object with free keys (a dict/mapping field) cannot be expressed in strict "
                "mode; use a list of key/value objects",
            )
        properties: dict[str, Any] = out.setdefault("properties", {})
        required = set(source.get("required") or ())
        raw_properties = source.get("properties") or {}
        for name, prop in properties.items():
            if name in required:
                continue
            raw = raw_properties.get(name) or {}
            has_default = "default" in raw or not self.optional_is_nullable
            if not has_default or (raw.get("default") is None and "default" in raw):
                properties[name] = _nullable(prop)
        out["required"] = list(properties)
        out["additionalProperties"] = False
        out.setdefault("type", "object")


def _is_object(schema: Mapping[str, Any]) -> bool:
    kind = schema.get("type")
    return (
        kind == "object"
        or (isinstance(kind, list) and "object" in kind)
        or (kind is None and "properties" in schema)
    )


def _nullable(prop: dict[str, Any]) -> dict[str, Any]:
    """``prop`` that also accepts ``null``."""
    if _accepts_null(prop):
        return prop
    if "anyOf" in prop:
        return {**prop, "anyOf": [*prop["anyOf"], {"type": "null"}]}
    kind = prop.get("type")
    if isinstance(kind, str) and "enum" not in prop and "const" not in prop:
        return {**prop, "type": [kind, "null"]}
    if isinstance(kind, list) and "enum" not in prop and "const" not in prop:
        return {**prop, "type": [*kind, "null"]}
    described = {k: prop[k] for k in ("description",) if k in prop}
    rest = {k: v for k, v in prop.items() if k not in described}
    return {**described, "anyOf": [rest, {"type": "null"}]}


def _accepts_null(prop: Mapping[str, Any]) -> bool:
    kind = prop.get("type")
    if kind == "null" or (isinstance(kind, list) and "null" in kind):
        return True
    return any(_accepts_null(b) for b in prop.get("anyOf") or () if isinstance(b, Mapping))


def _refuse(path: str, why: str) -> ValueError:
    return ValueError(
        f"schema at {path}: {why}; pass strict=False to send the schema without strict mode"
    )

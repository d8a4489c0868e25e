"""Tools and output schemas in OpenRouter's shapes (pure, no I/O).

``bind_tools`` and ``with_structured_output`` both start here: LangChain tools, functions,
pydantic classes, TypedDicts and JSON schemas become ``tools`` entries, a ``tool_choice``, or a
``json_schema`` ``response_format`` (openrouter-api.md §2.4, §2.5). A value that is not a tool
or a schema is a ``ValueError`` that says what was expected, before any request.

Example:
    >>> tools = format_tools([{"title": "Joke", "type": "object", "properties": {}}])
    >>> tools[0]["function"]["name"], normalize_tool_choice("Joke", tools)
    ('Joke', {'type': 'function', 'function': {'name': 'Joke'}})
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_function, convert_to_openai_tool
from langchain_core.utils.pydantic import is_basemodel_subclass
from typing_extensions import is_typeddict

from langchain_openrouter.chat_models.strict import precise_schema, strict_schema

__all__: list[str] = []

ToolLike = Mapping[str, Any] | type | Callable[..., Any] | BaseTool

# The function-name rule of OpenAI's tools, which OpenRouter's upstreams share.
_TOOL_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")

_TOOL_CHOICE_WORDS = {"auto": "auto", "none": "none", "required": "required", "any": "required"}


def format_tool(
    tool: ToolLike, *, strict: bool | None = None, position: int | None = None
) -> dict[str, Any]:
    """One tool in OpenRouter's shape.

    Functions, pydantic classes, TypedDicts, LangChain tools, JSON schemas and Anthropic-style
    tool dicts become ``{"type": "function", "function": {...}}``. A dict whose ``type`` is not
    ``"function"`` (OpenRouter server tools such as ``{"type": "openrouter:web_search"}``)
    passes through untouched.

    Args:
        tool: The tool.
        strict: Ask for exact adherence to the tool's schema (``None``: not sent).
        position: The tool's place in the list, to name a dict tool that has no name.

    Raises:
        TypeError: ``tool`` is none of the kinds above (a number, a string, a list ...).
        ValueError: A dict tool without a name, with a name outside ``^[a-zA-Z0-9_-]{1,64}$``,
            or with ``parameters`` that are not a JSON-schema object (named in the message).

    Example:
        >>> def add(a: int, b: int) -> int:
        ...     '''Add two integers.'''
        ...     return a + b
        >>> format_tool(add)["function"]["name"]
        'add'
    """
    label = f"tools[{position}]" if position is not None else "tool"
    if not isinstance(tool, Mapping):
        if tool is None or isinstance(tool, (str, bytes, int, float, Sequence)):
            raise TypeError(
                f"{label} must be a function, a LangChain tool, a pydantic class, a TypedDict "
                f"or a tool dict, got {type(tool).__name__}"
            )
        try:
            function = _to_function(tool)
        except (ValueError, TypeError, KeyError) as exc:
            raise ValueError(f"{label} is not a tool definition ({exc})") from exc
        _set_strict(function, strict, tool)
        return {"type": "function", "function": function}
    kind = tool.get("type")
    # "object" is a JSON schema and "custom"/input_schema an Anthropic tool: both converted.
    if (
        isinstance(kind, str)
        and kind not in ("function", "object", "custom")
        and "input_schema" not in tool
    ):
        return dict(tool)
    if kind == "function" and isinstance(tool.get("function"), Mapping):
        formatted = {**tool, "function": dict(tool["function"])}
    elif kind == "function":
        raise ValueError(
            f"{label} has type 'function' but no 'function' object; expected "
            '{"type": "function", "function": {"name": ..., "parameters": {...}}}'
        )
    else:
        _check_tool_name(tool.get("name") or tool.get("title"), label)
        try:
            formatted = convert_to_openai_tool(tool)
        except (ValueError, TypeError, KeyError) as exc:
            raise ValueError(f"{label} is not a tool definition ({exc})") from exc
    function = formatted["function"]
    _check_tool_name(function.get("name"), label)
    _check_parameters(function.get("parameters"), function["name"])
    _set_strict(function, strict)
    return formatted


def _set_strict(function: dict[str, Any], strict: bool | None, source: Any = None) -> None:
    """Mark ``function`` strict or not; a strict one gets a schema strict mode accepts."""
    if strict is None:
        return
    function["strict"] = strict
    if strict:
        precise = precise_schema(source)
        parameters = strict_schema(
            precise or function.get("parameters") or {"type": "object", "properties": {}},
            optional_is_nullable=not (precise is not None and is_basemodel_subclass(source)),
        )
        if "description" in parameters and parameters["description"] == function.get("description"):
            # The class docstring, already the function's description.
            del parameters["description"]
        function["parameters"] = parameters


def _check_tool_name(name: Any, label: str) -> None:
    if name is None or name == "":
        raise ValueError(f"{label} has no name; give it a 'name' matching ^[a-zA-Z0-9_-]{{1,64}}$")
    if not isinstance(name, str) or not _TOOL_NAME.match(name):
        raise ValueError(
            f"tool name {name!r} ({label}) must match ^[a-zA-Z0-9_-]{{1,64}}$: letters, digits, "
            "'_' and '-', at most 64 characters"
        )


def _check_parameters(parameters: Any, name: str) -> None:
    if parameters is None:
        return
    if not isinstance(parameters, Mapping) or parameters.get("type", "object") != "object":
        raise ValueError(
            f"tool {name!r}: parameters must be a JSON-schema object "
            f'({{"type": "object", "properties": {{...}}}}), got {parameters!r}'
        )


def format_tools(tools: Sequence[ToolLike], *, strict: bool | None = None) -> list[dict[str, Any]]:
    """Every tool of ``tools`` through :func:`format_tool` (the checks name each by position)."""
    if isinstance(tools, (str, bytes, Mapping)) or not isinstance(tools, Sequence):
        raise TypeError(f"tools must be a list, got {type(tools).__name__}")
    return [format_tool(tool, strict=strict, position=i) for i, tool in enumerate(tools)]


def tool_names(tools: Sequence[Mapping[str, Any]]) -> list[str]:
    """The function names of formatted tools (server tools have none)."""
    names = []
    for tool in tools:
        function = tool.get("function")
        if isinstance(function, Mapping) and isinstance(function.get("name"), str):
            names.append(function["name"])
    return names


def normalize_tool_choice(
    choice: str | bool | Mapping[str, Any] | None, tools: Sequence[Mapping[str, Any]]
) -> str | dict[str, Any] | None:
    """``tool_choice`` in OpenRouter's shape, checked against the bound tools.

    Args:
        choice: ``"auto"``, ``"none"``, ``"any"`` or ``"required"``; a tool's name; ``True``
            (the only tool); ``False``/``None`` (unset); or a dict, passed through
            (``{"type": "function", "function": {"name": ...}}`` is checked against ``tools``).
        tools: The formatted tools of the request.

    Returns:
        The wire value, or ``None`` to leave ``tool_choice`` out.

    Raises:
        ValueError: A name that is not a bound tool, ``True`` with several tools, or anything
            else that is not a tool choice.

    Example:
        >>> tools = [{"type": "function", "function": {"name": "add"}}]
        >>> normalize_tool_choice("any", tools), normalize_tool_choice("add", tools)
        ('required', {'type': 'function', 'function': {'name': 'add'}})
    """
    if choice is None or choice is False:
        return None
    names = tool_names(tools)
    if choice is True:
        if len(tools) != 1 or len(names) != 1:
            raise ValueError(
                f"tool_choice=True needs exactly one bound function tool, got {len(tools)} tools"
            )
        return {"type": "function", "function": {"name": names[0]}}
    if isinstance(choice, str):
        if choice in _TOOL_CHOICE_WORDS:
            return _TOOL_CHOICE_WORDS[choice]
        if choice.startswith("openrouter:"):
            return {"type": choice}
        if choice in names:
            return {"type": "function", "function": {"name": choice}}
        raise ValueError(
            f"tool_choice {choice!r} is neither 'auto', 'none', 'any', 'required' nor the name "
            f"of a bound tool (bound: {names})"
        )
    if isinstance(choice, Mapping) and isinstance(choice.get("type"), str):
        function = choice.get("function")
        if choice["type"] == "function":
            name = function.get("name") if isinstance(function, Mapping) else None
            if not isinstance(name, str) or (names and name not in names):
                raise ValueError(
                    f"tool_choice {dict(choice)!r} must name a bound tool (bound: {names})"
                )
        return dict(choice)
    raise ValueError(
        "tool_choice must be 'auto', 'none', 'any', 'required', a tool name, True or a dict, "
        f"got {choice!r}"
    )


def json_schema_response_format(
    schema: Mapping[str, Any] | type, *, strict: bool | None = True
) -> dict[str, Any]:
    """A ``response_format`` of type ``json_schema`` for a pydantic class, TypedDict or schema.

    Args:
        schema: A pydantic class, a TypedDict, a JSON schema (with a ``title``) or an
            OpenAI function/tool dict.
        strict: Ask for exact schema adherence (``None`` leaves ``strict`` out). A strict
            schema is rewritten to the rules strict mode enforces (:mod:`.strict`).

    Raises:
        ValueError: ``schema`` is not a schema, or (strict) needs something strict mode
            cannot express.

    Example:
        >>> fmt = json_schema_response_format({"title": "Joke", "type": "object",
        ...     "properties": {"text": {"type": "string"}}, "required": ["text"]})
        >>> fmt["json_schema"]["name"], fmt["json_schema"]["strict"]
        ('Joke', True)
    """
    function = schema_to_function(schema, strict=strict)
    spec: dict[str, Any] = {
        "name": function["name"],
        "schema": function.get("parameters") or {"type": "object", "properties": {}},
    }
    if function.get("description"):
        spec["description"] = function["description"]
    if strict is not None:
        spec["strict"] = strict
    return {"type": "json_schema", "json_schema": spec}


def schema_to_function(schema: Any, *, strict: bool | None = None) -> dict[str, Any]:
    """The OpenAI function description of a schema, with a clear error for a non-schema.

    Raises:
        ValueError: ``schema`` is not a pydantic class, TypedDict, JSON schema or tool dict.
    """
    is_schema_class = isinstance(schema, type) and (
        is_basemodel_subclass(schema) or is_typeddict(schema)
    )
    if not (is_schema_class or isinstance(schema, Mapping)):
        raise ValueError(_not_a_schema(schema))
    try:
        function = _to_function(schema)
    except (ValueError, TypeError, KeyError) as exc:
        raise ValueError(f"{_not_a_schema(schema)} ({exc})") from exc
    if not function.get("name"):
        raise ValueError(_not_a_schema(schema))
    _set_strict(function, strict, schema)
    return function


def _to_function(source: Any) -> dict[str, Any]:
    """LangChain's OpenAI function description of ``source``, or pydantic's where it fails.

    LangChain's conversion inlines ``$ref``s, so a class that refers to itself loses its
    recursion (``"items": {}``), and it fails on a TypedDict with ``Required``/``NotRequired``
    keys (the usual way to mark an optional key). Pydantic's schema has neither problem.
    """
    precise = precise_schema(source)
    if precise is None or not _is_recursive(precise):
        try:
            return dict(convert_to_openai_function(source))
        except TypeError:
            if precise is None or not is_typeddict(source):
                raise
    ref = precise.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        # pydantic's root for a recursive model is a $ref into its own $defs: the object
        # itself goes at the root, where tools and response formats expect it.
        target = precise["$defs"][ref.rsplit("/", 1)[1]]
        precise = {**{k: v for k, v in precise.items() if k != "$ref"}, **target}
    parameters = {k: v for k, v in precise.items() if k not in ("title", "description")}
    function: dict[str, Any] = {"name": source.__name__, "parameters": parameters}
    if precise.get("description"):
        function["description"] = precise["description"]
    return function


def _is_recursive(schema: Mapping[str, Any]) -> bool:
    """Whether a definition of ``schema``'s ``$defs`` refers back to itself."""
    defs = schema.get("$defs") or {}
    prefix = "#/$defs/"

    def refs(node: Any) -> set[str]:
        if isinstance(node, Mapping):
            ref = node.get("$ref")
            own = {ref[len(prefix) :]} if isinstance(ref, str) and ref.startswith(prefix) else set()
            return own.union(*(refs(value) for value in node.values()))
        if isinstance(node, list):
            return set().union(*(refs(value) for value in node))
        return set()

    edges = {name: refs(definition) for name, definition in defs.items()}
    for start in edges:
        seen: set[str] = set()
        todo = list(edges[start])
        while todo:
            name = todo.pop()
            if name == start:
                return True
            if name not in seen:
                seen.add(name)
                todo.extend(edges.get(name, ()))
    return False


def _not_a_schema(schema: Any) -> str:
    return (
        "schema must be a pydantic class, a TypedDict, or a JSON schema dict with a 'title' "
        f"(or an OpenAI function/tool dict); got {schema!r}"
    )

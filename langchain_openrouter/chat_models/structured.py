"""``with_structured_output`` for ``ChatOpenRouter``: what to bind, and how to parse the answer.

Three methods, one shape: bind the request parameters that steer the model, then parse the
answer with a LangChain output parser.

* ``function_calling``: a tool built from the schema, forced with ``tool_choice``;
  the arguments of its call are the output. Works on every model with tool support.
* ``json_schema``: ``response_format: {"type": "json_schema", ...}``, strict unless told
  otherwise; the message content is the output (``structured_outputs`` models).
* ``json_mode``: ``response_format: {"type": "json_object"}``; valid JSON, no schema enforced.

A model that declines (a ``refusal`` on the message, or a ``refusal``/``content_filter`` finish)
gives langchain-core's ``ModelRefusalError`` rather than a parsing error, whatever the method:
raised, or under ``include_raw=True`` returned as ``parsing_error`` next to the raw message, as
langchain-openai does.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from operator import itemgetter
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args

from langchain_core.exceptions import ModelRefusalError, OutputParserException
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage
from langchain_core.output_parsers import JsonOutputParser, PydanticOutputParser
from langchain_core.output_parsers.base import OutputParserLike
from langchain_core.output_parsers.openai_tools import (
    JsonOutputKeyToolsParser,
    PydanticToolsParser,
)
from langchain_core.outputs import ChatGeneration, Generation
from langchain_core.runnables import Runnable, RunnableMap, RunnablePassthrough
from langchain_core.utils.function_calling import convert_to_json_schema
from langchain_core.utils.json import parse_json_markdown
from langchain_core.utils.pydantic import is_basemodel_subclass
from pydantic import BaseModel, SkipValidation

from langchain_openrouter._checks import check_flag
from langchain_openrouter.chat_models.tools import json_schema_response_format, schema_to_function

if TYPE_CHECKING:
    from langchain_core.language_models import LanguageModelInput

__all__: list[str] = []

StructuredOutputMethod = Literal["function_calling", "json_schema", "json_mode"]
_METHODS: tuple[str, ...] = get_args(StructuredOutputMethod)


def structured_output(
    model: BaseChatModel,
    schema: Mapping[str, Any] | type | None,
    *,
    method: str = "function_calling",
    include_raw: bool = False,
    strict: bool | None = None,
    **kwargs: Any,
) -> Runnable[LanguageModelInput, dict[str, Any] | BaseModel]:
    """The runnable behind :meth:`ChatOpenRouter.with_structured_output`.

    Args:
        model: The chat model (any whose ``bind_tools`` takes ``tool_choice`` and ``strict``).
        schema: A pydantic class, a TypedDict, a JSON schema or an OpenAI tool dict; may be
            ``None`` only for ``json_mode``.
        method: ``"function_calling"``, ``"json_schema"`` or ``"json_mode"``.
        include_raw: Output ``{"raw", "parsed", "parsing_error"}``.
        strict: Exact schema adherence; ``json_schema`` defaults to ``True``.
        **kwargs: Bound to the model with the steering parameters.

    Returns:
        ``model`` with the steering parameters bound, piped into the parser.

    Raises:
        TypeError: ``include_raw`` or ``strict`` is not a bool.
        ValueError: An unknown method, a missing schema, or a schema that is not a schema.
        langchain_core.exceptions.ModelRefusalError: When the runnable runs (without
            ``include_raw``) and the model refuses; ``raw_message`` holds its message.
    """
    if method not in _METHODS:
        raise ValueError(f"method must be one of {', '.join(_METHODS)}; got {method!r}")
    check_flag(include_raw, "include_raw")
    if strict is not None:
        check_flag(strict, "strict")
    # A clear error for a non-schema, before anything is bound.
    function = schema_to_function(schema) if schema is not None else None
    trace_format = {"kwargs": {"method": method, "strict": strict}, "schema": _traced(schema)}
    bound: Runnable[LanguageModelInput, Any]
    if method == "json_mode":
        bound = model.bind(
            response_format={"type": "json_object"},
            ls_structured_output_format=trace_format,
            **kwargs,
        )
    elif schema is None:
        raise ValueError(f"method={method!r} needs a schema; only 'json_mode' works without one")
    elif method == "json_schema":
        response_format = json_schema_response_format(
            schema, strict=True if strict is None else strict
        )
        bound = model.bind(
            response_format=response_format, ls_structured_output_format=trace_format, **kwargs
        )
    else:
        bound = model.bind_tools(
            [dict(schema) if isinstance(schema, Mapping) else schema],
            tool_choice=function["name"] if function else None,
            strict=strict,
            ls_structured_output_format=trace_format,
            **kwargs,
        )
    parser = _parser(schema, tool_call=method == "function_calling")
    if not include_raw:
        return bound | parser
    parse = RunnablePassthrough.assign(
        parsed=itemgetter("raw") | parser, parsing_error=lambda _: None
    )
    give_up = RunnablePassthrough.assign(parsed=lambda _: None)
    return RunnableMap(raw=bound) | parse.with_fallbacks([give_up], exception_key="parsing_error")


def _traced(schema: Any) -> Any:
    """The schema for LangChain's tracing, which converts it with ``convert_to_json_schema``.

    That conversion raises on a TypedDict with ``NotRequired`` keys, which this package reads:
    such a schema is traced as the function description it is sent as.
    """
    if schema is None:
        return None
    try:
        convert_to_json_schema(schema)
    except (TypeError, ValueError):
        return schema_to_function(schema)
    return schema


def _parser(schema: Mapping[str, Any] | type | None, *, tool_call: bool) -> OutputParserLike[Any]:
    """Pydantic classes parse into instances, everything else into dicts."""
    is_pydantic = isinstance(schema, type) and is_basemodel_subclass(schema)
    if tool_call:
        if is_pydantic:
            return _PydanticToolsParser(tools=[schema], first_tool_only=True)
        name = schema_to_function(schema)["name"]
        return _JsonOutputKeyToolsParser(key_name=name, first_tool_only=True)
    if is_pydantic:
        return _PydanticOutputParser(pydantic_object=schema)
    return _JsonOutputParser()


# langchain-core's parsers are built for streaming: they repair cut-off JSON (``{"a": 1, "b``
# reads as ``{"a": 1}``) and skip tool calls whose arguments do not parse. On a finished answer
# that turns a malformed reply into a partial object or ``None`` with no parsing_error, so the
# final parse (``partial=False``) checks strictly first; streamed partial objects are unchanged.


# Finish reasons that mean the model withheld the answer: ``refusal`` is the native reason of
# providers that report one (Anthropic's stop_reason), ``content_filter`` OpenRouter's
# normalised reason for output a provider's safety system withheld.
_REFUSAL_FINISH_REASONS = frozenset({"refusal", "content_filter"})


def _raise_on_refusal(result: list[Generation]) -> None:
    """Raise ``ModelRefusalError`` when the answer is a refusal rather than the output."""
    generation = result[0] if result else None
    message = generation.message if isinstance(generation, ChatGeneration) else None
    if message is None:
        return
    refusal = message.additional_kwargs.get("refusal")
    metadata = message.response_metadata
    reason = next(
        (
            metadata[key]
            for key in ("finish_reason", "native_finish_reason")
            if metadata.get(key) in _REFUSAL_FINISH_REASONS
        ),
        None,
    )
    if isinstance(refusal, str) and refusal:
        detail = refusal
    elif reason is not None:
        detail = f"finish reason {reason!r}"
    else:
        return
    raise ModelRefusalError(
        f"the model refused to produce the structured output: {detail}", raw_message=message
    )


def _require_complete_json(result: list[Generation]) -> None:
    text = result[0].text
    try:
        parse_json_markdown(text, parser=lambda s: json.loads(s, strict=False))
    except json.JSONDecodeError as err:
        raise OutputParserException(
            f"the model's answer is not complete JSON ({err}): {text!r}", llm_output=text
        ) from err


def _require_valid_tool_call(result: list[Generation]) -> None:
    generation = result[0]
    message = generation.message if isinstance(generation, ChatGeneration) else None
    if isinstance(message, AIMessage) and message.invalid_tool_calls and not message.tool_calls:
        call = message.invalid_tool_calls[0]
        raise OutputParserException(
            f"the model called {call.get('name')!r} with arguments that do not parse "
            f"({call.get('error')}): {call.get('args')!r}",
            llm_output=str(call.get("args")),
        )


class _JsonOutputParser(JsonOutputParser):
    # Restated: the base annotation's unbound TypeVar breaks the pydantic mypy plugin.
    pydantic_object: type[BaseModel] | None = None

    def parse_result(self, result: list[Generation], *, partial: bool = False) -> Any:
        _raise_on_refusal(result)
        if not partial:
            _require_complete_json(result)
        return super().parse_result(result, partial=partial)


class _PydanticOutputParser(PydanticOutputParser[BaseModel]):
    # Restated, as above; unvalidated as in langchain-core, so that a pydantic v1 model passes.
    pydantic_object: Annotated[type[BaseModel], SkipValidation()]

    def parse_result(self, result: list[Generation], *, partial: bool = False) -> Any:
        _raise_on_refusal(result)
        if not partial:
            _require_complete_json(result)
        return super().parse_result(result, partial=partial)


class _JsonOutputKeyToolsParser(JsonOutputKeyToolsParser):
    def parse_result(self, result: list[Generation], *, partial: bool = False) -> Any:
        _raise_on_refusal(result)
        if not partial:
            _require_valid_tool_call(result)
        return super().parse_result(result, partial=partial)


class _PydanticToolsParser(PydanticToolsParser):
    def parse_result(self, result: list[Generation], *, partial: bool = False) -> Any:
        _raise_on_refusal(result)
        if not partial:
            _require_valid_tool_call(result)
        return super().parse_result(result, partial=partial)

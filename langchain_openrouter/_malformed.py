"""A 2xx answer that does not have the documented shape becomes a typed error.

The parsers read OpenRouter's JSON as ``openrouter-api.md`` documents it, and check the
top-level shape themselves. Deeper down, a value of the wrong type (a proxy that rewrote the
body, a provider that sent ``"choices": {"0": ...}``) would otherwise surface as a bare
``KeyError`` or ``AttributeError`` from inside the package, which tells a caller neither what
failed nor that it was the answer, not their code. :func:`reads_answer` wraps each parser's
entry point so that such a failure is an :class:`~langchain_openrouter.errors.OpenRouterError`
naming the route and what was wrong.

The message never quotes the body: some answers carry secrets (a created API key, the key of
a PKCE exchange). Only the kind of failure, the field path of a validation error, and the
offending key or type name are shown; the original exception is chained as ``__cause__``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from pydantic import ValidationError

from langchain_openrouter.errors import OpenRouterError

__all__ = ["malformed_answer", "reads_answer", "shape_problem"]

P = ParamSpec("P")
R = TypeVar("R")

# What reading a JSON document of an unexpected shape can raise. ValueError covers pydantic's
# ValidationError, bad numbers and bad JSON; RecursionError a body nested thousands deep.
_SHAPE_ERRORS = (
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    ValueError,
    ArithmeticError,
    RecursionError,
)


def malformed_answer(route: str, reason: str) -> OpenRouterError:
    """The error for an answer of ``route`` that does not have the documented shape.

    Example:
        >>> str(malformed_answer("POST /embeddings", "data is not a list"))
        "OpenRouter's answer to POST /embeddings is malformed: data is not a list (not what OpenRouter documents: check that the base URL points at the OpenRouter API; a proxy or the provider may have changed the answer)"
    """  # noqa: E501
    return OpenRouterError(
        f"OpenRouter's answer to {route} is malformed: {reason} (not what OpenRouter documents: "
        "check that the base URL points at the OpenRouter API; a proxy or the provider may "
        "have changed the answer)"
    )


def shape_problem(exc: BaseException) -> str:
    """What a parser's exception says about the answer, without quoting any of its values."""
    if isinstance(exc, ValidationError):
        problems = [
            f"{'.'.join(str(p) for p in e['loc']) or 'the body'}: {e['msg']}"
            for e in exc.errors(include_url=False, include_input=False)
        ]
        shown = "; ".join(problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        return f"{shown}{more}"
    if isinstance(exc, KeyError):
        return f"a field it needs is missing ({exc})"
    if isinstance(exc, IndexError):
        return "a list it needs is empty or too short"
    if isinstance(exc, (TypeError, AttributeError)):
        # Python words these with type and attribute names, never with the values.
        return f"a value has the wrong type ({exc})"
    if isinstance(exc, RecursionError):
        return "it is nested too deeply"
    # Other messages may quote a value of the body (float("sk-or-...")): name the kind only.
    return f"a value is invalid ({type(exc).__name__})"


def reads_answer(route: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a parser of ``route``'s answers: a shape failure raises a typed error.

    Errors the parser raises on purpose (every ``OpenRouterError``) pass through unchanged.

    Example:
        >>> @reads_answer("GET /credits")
        ... def balance(body):
        ...     return body["data"]["total_credits"]
        >>> balance({"data": []})
        Traceback (most recent call last):
        ...
        langchain_openrouter.errors.OpenRouterError: OpenRouter's answer to GET /credits is malformed: a value has the wrong type (list indices must be integers or slices, not str) (not what OpenRouter documents: check that the base URL points at the OpenRouter API; a proxy or the provider may have changed the answer)
    """  # noqa: E501

    def decorate(parse: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(parse)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return parse(*args, **kwargs)
            except OpenRouterError:
                raise
            except _SHAPE_ERRORS as exc:
                raise malformed_answer(route, shape_problem(exc)) from exc

        return guarded

    return decorate

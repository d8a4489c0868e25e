"""A short string that matches a regular expression, for schema ``pattern`` constraints."""

from __future__ import annotations

import re
from typing import Any

try:
    from re import _parser as _sre_parser  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_parse as _sre_parser

__all__ = ["from_pattern"]


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

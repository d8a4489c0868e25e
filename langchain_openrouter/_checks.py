"""Checks of user arguments, run before anything is sent, with errors that name the fix.

Every public function and class checks its arguments with these (or with pydantic, for
constructor fields), so that the rule is the same everywhere: a wrong *type* raises
``TypeError``, a wrong *value* raises ``ValueError``, and the message starts with the
argument's name and says what to pass instead.

Example:
    >>> check_text("ws-1", "workspace_id")
    'ws-1'
    >>> check_choice("imagez", "inputs", ("text", "image"))
    Traceback (most recent call last):
    ...
    ValueError: inputs: 'imagez' is not allowed; did you mean 'image'? Allowed: 'text', 'image'
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["check_choice", "check_choices", "check_flag", "check_int", "check_text", "hint"]


def hint(given: str, allowed: Sequence[str]) -> str:
    """``; did you mean 'x'?`` when a close match exists, then the allowed values (pure).

    Example:
        >>> hint("prices", ["price", "latency"])
        "; did you mean 'price'? Allowed: 'price', 'latency'"
    """
    close = difflib.get_close_matches(given, list(allowed), n=1, cutoff=0.6)
    mean = f"; did you mean {close[0]!r}?" if close else "."
    return f"{mean} Allowed: {', '.join(map(repr, allowed))}"


def check_text(value: Any, field: str, *, example: str = "") -> Any:
    """``value`` if it is ``None`` or a non-blank ``str``.

    Args:
        value: The argument.
        field: Its name, for the message.
        example: A sample value shown in the message (e.g. ``"'gen-...'"``).

    Raises:
        TypeError: Not a ``str``.
        ValueError: An empty or blank string (it would send an empty filter or id).
    """
    if value is None:
        return None
    such = f" such as {example}" if example else ""
    if not isinstance(value, str):
        raise TypeError(f"{field} must be a str{such}, got {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{field} must be a non-empty string{such}, got {value!r}")
    return value


def check_flag(value: Any, field: str) -> bool:
    """``value`` if it is a ``bool``: ``bool("false")`` is ``True``, so a string is refused.

    Raises:
        TypeError: Not ``True`` or ``False``.
    """
    if not isinstance(value, bool):
        raise TypeError(f"{field} must be True or False, got {value!r}")
    return value


def check_int(value: Any, field: str, *, low: int, high: int | None = None) -> int:
    """``value`` if it is an ``int`` (not a ``bool``) from ``low`` to ``high`` inclusive.

    Raises:
        TypeError: Not an ``int``.
        ValueError: Out of range.

    Example:
        >>> check_int(3, "limit", low=1, high=100)
        3
    """
    span = f">= {low}" if high is None else f"from {low} to {high}"
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{field} must be an int {span}, got {value!r}")
    if value < low or (high is not None and value > high):
        raise ValueError(f"{field} must be an int {span}, got {value!r}")
    return value


def check_choice(value: Any, field: str, allowed: Sequence[str]) -> str:
    """``value`` if it is one of ``allowed``; else the closest match and every allowed value.

    Raises:
        TypeError: Not a ``str``.
        ValueError: Not one of ``allowed``.
    """
    if not isinstance(value, str):
        raise TypeError(
            f"{field} must be a str, one of {', '.join(map(repr, allowed))}; "
            f"got {type(value).__name__}"
        )
    if value not in allowed:
        raise ValueError(f"{field}: {value!r} is not allowed{hint(value, allowed)}")
    return value


def check_choices(values: Any, field: str, allowed: Sequence[str]) -> list[str]:
    """A ``str`` or a sequence of them, each one of ``allowed``, as a list.

    Raises:
        TypeError: Neither a ``str`` nor a sequence of them.
        ValueError: A value not in ``allowed`` (the message names the closest match).

    Example:
        >>> check_choices("text", "output_modalities", ("text", "image"))
        ['text']
    """
    items = [values] if isinstance(values, str) else values
    if not isinstance(items, Iterable) or isinstance(items, (bytes, dict)):
        raise TypeError(f"{field} must be a str or a list of str, got {type(values).__name__}")
    return [check_choice(item, field, allowed) for item in items]

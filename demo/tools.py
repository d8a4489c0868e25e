"""The agent's two tools: a calculator and a unit converter, both computing for real.

Example:
    >>> calculator.invoke({"expression": "1234 * 5678"})
    '7006652'
    >>> convert_units.invoke({"value": 42, "from_unit": "km", "to_unit": "mi"})
    '42 km = 26.0976 mi'
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from typing import Literal

from langchain_core.tools import tool

__all__ = ["TOOLS", "calculator", "convert_units"]

Unit = Literal["m", "km", "mi", "ft", "kg", "lb"]

# unit -> (dimension, size in the dimension's base unit: metres or kilograms)
_UNITS: dict[str, tuple[str, float]] = {
    "m": ("length", 1.0),
    "km": ("length", 1000.0),
    "mi": ("length", 1609.344),
    "ft": ("length", 0.3048),
    "kg": ("mass", 1.0),
    "lb": ("mass", 0.45359237),
}

_OPERATORS: dict[type[ast.AST], Callable[..., float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
}


def _evaluate(node: ast.AST) -> float:
    # Only numbers and arithmetic: the expression comes from a model, so nothing is executed.
    if isinstance(node, ast.Expression):
        return _evaluate(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        if isinstance(node.value, bool):
            raise ValueError("not a number: a boolean")
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        if isinstance(node.op, ast.Pow) and abs(_evaluate(node.right)) > 100:
            raise ValueError("exponents above 100 are refused")
        return _OPERATORS[type(node.op)](_evaluate(node.left), _evaluate(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_evaluate(node.operand))
    raise ValueError(f"not arithmetic: {ast.unparse(node)!r}")


def _number(value: float) -> str:
    return f"{value:.6g}" if isinstance(value, float) and not value.is_integer() else f"{value:g}"


@tool
def calculator(expression: str) -> str:
    """Evaluate an arithmetic expression such as '1234 * 5678' or '(2 + 3) ** 2'."""
    try:
        value = _evaluate(
            ast.parse(expression.replace("\u00d7", "*").replace("\u00f7", "/"), mode="eval")
        )
    except (SyntaxError, ValueError, ZeroDivisionError) as error:
        return f"error: {error}"
    return str(int(value)) if float(value).is_integer() else _number(value)


@tool
def convert_units(value: float, from_unit: Unit, to_unit: Unit) -> str:
    """Convert a length (m, km, mi, ft) or a mass (kg, lb) from one unit to another."""
    (source_dimension, source_size), (target_dimension, target_size) = (
        _UNITS[from_unit],
        _UNITS[to_unit],
    )
    if source_dimension != target_dimension:
        return f"error: cannot convert {source_dimension} ({from_unit}) to {target_dimension}"
    converted = value * source_size / target_size
    return f"{_number(value)} {from_unit} = {_number(round(converted, 4))} {to_unit}"


TOOLS = [calculator, convert_units]

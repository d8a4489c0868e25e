"""Compare the shape of a JSON value with a recorded one: same keys and types, recursively.

The emulator's tests check every response against the matching sample in ``samples/`` with
:func:`shape_differences`, so drift from OpenRouter's wire format fails a test.

Example:
    >>> shape_differences({"a": 1, "b": "x"}, {"a": 2.5, "b": None})
    []
    >>> shape_differences({"a": "1"}, {"a": 1, "c": []})
    ['$.a: expected number, got string', '$.c: missing']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["assert_same_shape", "shape_differences"]


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, list):
        return "array"
    return type(value).__name__


def _sample_for(item: Any, samples: list[Any]) -> Any:
    """The sample element to compare ``item`` with: same ``type`` field when there is one."""
    if isinstance(item, Mapping) and "type" in item:
        for sample in samples:
            if isinstance(sample, Mapping) and sample.get("type") == item["type"]:
                return sample
    return samples[0]


def shape_differences(
    actual: Any,
    sample: Any,
    *,
    allow_extra: Iterable[str] = (),
    allow_missing: Iterable[str] = (),
    allow_null: Iterable[str] = (),
    opaque: Iterable[str] = (),
    path: str = "$",
) -> list[str]:
    """Every place where ``actual`` differs in shape from ``sample``.

    A ``null`` in the sample accepts any value (the field is nullable); numbers match numbers
    (ints and floats alike); array items are compared with the sample item of the same ``type``
    (or the first one); an empty sample array accepts any items.

    Args:
        actual: The value to check (e.g. an emulator response body).
        sample: The recorded value.
        allow_extra: Key names ``actual`` may have although the sample does not.
        allow_missing: Key names ``actual`` may lack although the sample has them.
        allow_null: Key names that may be ``null`` in ``actual`` (nullable per the reference)
            although the sample has a value.
        opaque: Key names whose values are compared by type only (objects whose keys vary,
            such as ``pricing``).
        path: Where ``actual`` sits (for the messages).

    Returns:
        One message per difference, naming its JSON path; empty when the shapes agree.
    """
    extra, missing, nullable = set(allow_extra), set(allow_missing), set(allow_null)
    options: dict[str, Any] = {
        "allow_extra": extra,
        "allow_missing": missing,
        "allow_null": nullable,
        "opaque": set(opaque),
    }
    if sample is None:
        return []
    if actual is None and path.rsplit(".", 1)[-1] in nullable:
        return []
    kind, expected = _kind(actual), _kind(sample)
    if kind != expected:
        return [f"{path}: expected {expected}, got {kind}"]
    if path.rsplit(".", 1)[-1] in options["opaque"]:
        return []
    out: list[str] = []
    if isinstance(sample, Mapping):
        for key, value in sample.items():
            if key not in actual:
                if key not in missing:
                    out.append(f"{path}.{key}: missing")
                continue
            out += shape_differences(actual[key], value, path=f"{path}.{key}", **options)
        out += [
            f"{path}.{key}: unexpected" for key in actual if key not in sample and key not in extra
        ]
    elif isinstance(sample, list) and sample:
        for index, item in enumerate(actual):
            out += shape_differences(
                item, _sample_for(item, sample), path=f"{path}[{index}]", **options
            )
    return out


def assert_same_shape(actual: Any, sample: Any, **options: Any) -> None:
    """Raise ``AssertionError`` listing every shape difference (see :func:`shape_differences`)."""
    differences = shape_differences(actual, sample, **options)
    if differences:
        raise AssertionError("shape differs from the sample:\n  " + "\n  ".join(differences))

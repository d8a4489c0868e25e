"""Compatibility with langchain-openrouter 0.2.x and with ``ChatOpenAI``'s argument names.

0.2.x let unknown constructor arguments through into the request body; they still land in
``model_kwargs`` (with a warning). Users migrating from ``ChatOpenAI`` pass
``openai_api_key``/``openai_api_base``: those are read as this package's ``api_key`` and
``base_url`` rather than sent.
"""

from __future__ import annotations

import warnings
from typing import Any

__all__: list[str] = []

# ChatOpenAI's names for the connection settings, read as ours when users migrate.
_CHATOPENAI_NAMES = {"openai_api_key": "api_key", "openai_api_base": "base_url"}


def collect_model_kwargs(values: dict[str, Any], field_names: set[str]) -> dict[str, Any]:
    """Move unknown constructor arguments into ``model_kwargs``; refuse known ones inside it.

    ``ChatOpenAI``'s ``openai_api_key`` and ``openai_api_base`` are read as ``api_key`` and
    ``base_url`` (with a warning) rather than sent in the body.

    Args:
        values: The constructor's keyword arguments.
        field_names: Field names and aliases of the class.

    Returns:
        ``values`` with unknown arguments moved (each with a warning).

    Raises:
        ValueError: ``model_kwargs`` holds a constructor field, or an argument is given both
            directly and in ``model_kwargs``.

    Example:
        >>> import warnings
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore")
        ...     collect_model_kwargs({"model": "m", "prediction": {}}, {"model"})
        {'model': 'm', 'model_kwargs': {'prediction': {}}}
    """
    extra = dict(values.get("model_kwargs") or {})
    known = sorted(field_names.intersection(extra))
    if known:
        raise ValueError(
            f"{', '.join(known)} {'is a' if len(known) == 1 else 'are'} ChatOpenRouter "
            f"argument{'' if len(known) == 1 else 's'}: pass "
            f"{', '.join(f'{k}=...' for k in known)} directly, not inside model_kwargs"
        )
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name == "model_kwargs" or name in field_names:
            out[name] = value
            continue
        ours = _CHATOPENAI_NAMES.get(name)
        if ours is not None:
            # Never let a key land in the request body (or in serialized model_kwargs).
            if ours in values:
                raise ValueError(f"{name} and {ours} are the same argument; pass only {ours}")
            warnings.warn(
                f"{name} is ChatOpenAI's name; ChatOpenRouter reads it as {ours}",
                UserWarning,
                stacklevel=4,
            )
            out[ours] = value
            continue
        if name in extra:
            raise ValueError(f"{name} is given twice: directly and in model_kwargs")
        warnings.warn(
            f"{name} is not a ChatOpenRouter argument; it was moved into model_kwargs and "
            "will be sent in the request body as is.",
            UserWarning,
            stacklevel=4,
        )
        extra[name] = value
    if extra or "model_kwargs" in values:
        out["model_kwargs"] = extra
    return out

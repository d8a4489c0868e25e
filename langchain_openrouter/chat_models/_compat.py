"""Compatibility with langchain-openrouter 0.2.x and with ``ChatOpenAI``'s argument names.

0.2.x let unknown constructor arguments through into the request body; they still land in
``model_kwargs`` (with a warning). Users migrating from ``ChatOpenAI`` pass
``openai_api_key``/``openai_api_base``: those are read as this package's ``api_key`` and
``base_url`` rather than sent.

0.2.x documented ``model_kwargs`` as the way to send the body fields it had no argument for
(``top_k``, ``min_p``, ``logit_bias``, ``models``, ``transforms``...). Many now have a typed
argument; inside ``model_kwargs`` they are still accepted and read as that argument (validated
the same way, sent once). A key that was a 0.2.x constructor argument stays an error there, as
it was in 0.2.x.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

from langchain_openrouter.chat_models.params import BODY_FIELDS, ChatParams

__all__: list[str] = []

# The constructor arguments of langchain-openrouter 0.2.9 (names and aliases), besides those
# inherited from BaseChatModel: inside model_kwargs these were refused then and still are.
ARGS_02X = frozenset(
    {
        "client",
        "openrouter_api_key",
        "api_key",
        "openrouter_api_base",
        "base_url",
        "app_url",
        "app_title",
        "app_categories",
        "request_timeout",
        "timeout",
        "max_retries",
        "model_name",
        "model",
        "temperature",
        "max_tokens",
        "max_completion_tokens",
        "top_p",
        "frequency_penalty",
        "presence_penalty",
        "seed",
        "stop",
        "stop_sequences",
        "n",
        "streaming",
        "stream_usage",
        "model_kwargs",
        "reasoning",
        "openrouter_provider",
        "route",
        "plugins",
        "default_headers",
        "session_id",
        "trace",
    }
)

# Body fields that gained a typed argument after 0.2.x, by every name they answer to (field
# name, alias, wire name): inside model_kwargs they are read as the typed argument.
_NAMES = {
    name: field
    for field, info in ChatParams.model_fields.items()
    for name in (field, info.alias)
    if name is not None
}
# A name 0.2.x did not take as an argument (``top_k``, or ``provider``, the wire name it sent from
# model_kwargs) is read as its typed argument; 0.2.x's own argument names stay refused there.
_TYPED_SINCE_02X = {
    name: field for name, field in _NAMES.items() if field in BODY_FIELDS and name not in ARGS_02X
}

# ChatOpenAI's names for the connection settings, read as ours when users migrate.
_CHATOPENAI_NAMES = {"openai_api_key": "api_key", "openai_api_base": "base_url"}


def collect_model_kwargs(values: dict[str, Any], field_names: set[str]) -> dict[str, Any]:
    """Move unknown constructor arguments into ``model_kwargs``, typed ones out of it.

    ``ChatOpenAI``'s ``openai_api_key`` and ``openai_api_base`` are read as ``api_key`` and
    ``base_url`` (with a warning) rather than sent in the body.

    Args:
        values: The constructor's keyword arguments.
        field_names: Field names and aliases of the class.

    Returns:
        ``values`` with unknown arguments moved into ``model_kwargs`` (each with a warning), and
        the body fields typed since 0.2.x moved out of it to their argument.

    Raises:
        ValueError: ``model_kwargs`` holds a 0.2.x constructor argument (or another setting
            that is not a body field), or a parameter is given both directly and in
            ``model_kwargs``; the message names both places.

    Example:
        >>> import warnings
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore")
        ...     collect_model_kwargs({"model": "m", "prediction": {}}, {"model"})
        {'model': 'm', 'model_kwargs': {'prediction': {}}}
        >>> collect_model_kwargs({"model": "m", "model_kwargs": {"top_k": 5}}, {"model", "top_k"})
        {'model': 'm', 'model_kwargs': {}, 'top_k': 5}
    """
    extra = dict(values.get("model_kwargs") or {})
    typed = _typed_from_model_kwargs(extra, values, field_names)
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
            raise ValueError(
                f"{name} is given twice: as the argument {name}= and inside "
                f"model_kwargs={{{name!r}: ...}}; pass it once"
            )
        warnings.warn(
            f"{name} is not a ChatOpenRouter argument; it was moved into model_kwargs and "
            "will be sent in the request body as is.",
            UserWarning,
            stacklevel=4,
        )
        extra[name] = value
    if extra or "model_kwargs" in values:
        out["model_kwargs"] = extra
    out.update(typed)
    return out


def _typed_from_model_kwargs(
    extra: dict[str, Any], values: Mapping[str, Any], field_names: set[str]
) -> dict[str, Any]:
    """Take the body fields typed since 0.2.x out of ``extra``; refuse a key given twice."""
    typed: dict[str, Any] = {}
    for key in list(extra):
        field = _TYPED_SINCE_02X.get(key)
        if field is None or field not in field_names:
            continue
        info = ChatParams.model_fields[field]
        given = [n for n in (field, info.alias) if n is not None and n in values]
        if given:
            raise ValueError(
                f"{key} is given twice: as the argument {given[0]}= and inside "
                f"model_kwargs={{{key!r}: ...}}; pass it once"
            )
        typed[field] = extra.pop(key)
    return typed

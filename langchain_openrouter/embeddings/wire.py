"""The pure half of ``OpenRouterEmbeddings``: inputs to request bodies, responses to vectors.

Nothing here sends anything; the sync and async methods both drive an :class:`EmbeddingJob`.

Wire format: ``POST /embeddings`` (``openrouter-api.md`` §9.1).
"""

from __future__ import annotations

import array
import base64
import binascii
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from langchain_core.exceptions import ContextOverflowError
from pydantic import BaseModel, ConfigDict

from langchain_openrouter import _tokens, _usage
from langchain_openrouter._malformed import reads_answer
from langchain_openrouter.errors import APIStatusError, OpenRouterError, error_class_for

__all__ = [
    "Batch",
    "EmbeddingInputError",
    "EmbeddingJob",
    "EmbeddingUsage",
    "InputTooLongError",
    "decode_embedding",
    "prepare_inputs",
]

# A token (tiktoken's, or the offline estimate's) is at least one UTF-8 byte, and a character
# at most four bytes: texts this short cannot be over the limit, and most are, so most texts
# are never tokenised.
_MAX_BYTES_PER_CHAR = 4


class EmbeddingInputError(ValueError):
    """An input OpenRouter would refuse, found before any request was sent.

    Attributes:
        index: The position of the input in the list you passed.
    """

    def __init__(self, message: str, *, index: int) -> None:
        super().__init__(message)
        self.index = index


class InputTooLongError(EmbeddingInputError, ContextOverflowError):
    """An input is longer than ``embedding_ctx_length`` tokens (and truncation is off).

    Attributes:
        index: The position of the input.
        tokens: Its length in tokens (the model's tokenizer; an estimate for non-OpenAI models).
        limit: The ``embedding_ctx_length`` it exceeds.
    """

    def __init__(self, message: str, *, index: int, tokens: int, limit: int) -> None:
        super().__init__(message, index=index)
        self.tokens = tokens
        self.limit = limit


class EmbeddingUsage(BaseModel):
    """Usage and cost of one ``embed_*`` call, summed over the requests it made.

    Attributes:
        model: The model that answered (as the last response named it).
        requests: Requests sent (one per chunk of ``chunk_size`` inputs).
        prompt_tokens: Input tokens billed.
        total_tokens: Total tokens billed (equal to ``prompt_tokens`` for embeddings).
        cost: USD charged, from OpenRouter's ``usage.cost`` (0 for a cache hit).
        is_byok: Whether any request was paid with your own provider key.
    """

    model_config = ConfigDict(frozen=True)

    model: str | None = None
    requests: int = 0
    prompt_tokens: int = 0
    total_tokens: int = 0
    cost: float = 0.0
    is_byok: bool = False


def _check_text(text: Any, index: int) -> str:
    if not isinstance(text, str):
        raise EmbeddingInputError(
            f"input {index} is a {type(text).__name__}, not a string; embed text only",
            index=index,
        )
    if not text:
        raise EmbeddingInputError(
            f"input {index} is an empty string; OpenRouter refuses empty inputs "
            "(openrouter-api.md §9.1): drop it or replace it with a placeholder such as ' '",
            index=index,
        )
    return text


def prepare_inputs(
    texts: Sequence[str], *, limit: int | None, truncate: bool, model: str | None = None
) -> list[str]:
    """Check every input before anything is sent; truncate over-long ones when asked.

    Args:
        texts: The caller's inputs.
        limit: Maximum tokens per input; ``None`` skips the length check.
        truncate: Cut over-long inputs to ``limit`` tokens instead of raising.
        model: The model id whose tokenizer counts (``_tokens.encoding_for_model``: exact for
            OpenAI's embedding models, an estimate for others); ``None`` means ``cl100k_base``.

    Returns:
        The inputs to send, in the same order (a new list).

    Raises:
        TypeError: ``texts`` is a single string, or no list at all.
        EmbeddingInputError: An input is not a string, or is empty (OpenRouter refuses empty
            strings with a 400 that would fail the whole chunk).
        InputTooLongError: An input has more than ``limit`` tokens and ``truncate`` is off.

    Example:
        >>> prepare_inputs(["a", "b"], limit=8191, truncate=False)
        ['a', 'b']
    """
    if isinstance(texts, str):
        # Iterating it would embed, and bill, each character as a document of its own.
        raise TypeError(
            "texts must be a list of strings, not a str: pass [text], or use embed_query"
        )
    if not isinstance(texts, Iterable) or isinstance(texts, Mapping):
        raise TypeError(f"texts must be a list of strings, got {type(texts).__name__}")
    texts = list(texts)  # a generator is read once, here, not again when the chunks are cut
    out: list[str] | None = None
    for index, text in enumerate(texts):
        _check_text(text, index)
        if limit is None or len(text) * _MAX_BYTES_PER_CHAR <= limit:
            continue
        if len(text.encode("utf-8")) <= limit:
            continue
        tokens = _tokens.count_tokens(text, model)
        if tokens <= limit:
            continue
        if not truncate:
            raise InputTooLongError(
                f"input {index} is {tokens} tokens, over embedding_ctx_length={limit}; "
                "shorten or split it, or pass truncate_inputs=True to cut it to the limit",
                index=index,
                tokens=tokens,
                limit=limit,
            )
        if out is None:
            out = list(texts)
        out[index] = _tokens.truncate(text, limit, model)
    return out if out is not None else texts


_BIG_ENDIAN = sys.byteorder == "big"


def decode_embedding(value: Any) -> list[float]:
    """One ``embedding`` value as a list of floats.

    A base64 string holds little-endian float32 values (§9.1); they are decoded exactly (each
    float32 widened to a Python float, no rounding). A float list is returned as floats.

    Raises:
        OpenRouterError: The value is neither a number list nor valid base64 float32 data.

    Example:
        >>> decode_embedding("AACAPwAAAEAAAEBAAACAQA==")
        [1.0, 2.0, 3.0, 4.0]
    """
    if isinstance(value, str):
        try:
            raw = base64.b64decode(value, validate=True)
        except binascii.Error as exc:
            raise OpenRouterError(f"embedding is not valid base64: {exc}") from exc
        if len(raw) % 4:
            raise OpenRouterError(
                f"base64 embedding has {len(raw)} bytes, not a whole number of float32 values"
            )
        values = array.array("f", raw)
        if _BIG_ENDIAN:
            values.byteswap()
        return values.tolist()
    if isinstance(value, list):
        return list(map(float, value))
    raise OpenRouterError(f"embedding must be a list of numbers or base64, got {type(value)}")


@dataclass(frozen=True)
class Batch:
    """One request: the inputs ``start`` to ``stop - 1`` of the call."""

    start: int
    stop: int
    body: dict[str, Any]


def _error_in_body(body: Mapping[str, Any]) -> APIStatusError:
    error = body["error"] if isinstance(body.get("error"), dict) else {"message": body["error"]}
    code = error.get("code")
    status = code if isinstance(code, int) else 502
    metadata: dict[str, Any] = error["metadata"] if isinstance(error.get("metadata"), dict) else {}
    cls = error_class_for(status, metadata)
    return cls(
        str(error.get("message") or "embedding failed"),
        status_code=status,
        body=body,
        code=code,
        metadata=metadata,
        request_id=body.get("id"),
    )


@dataclass
class EmbeddingJob:
    """One ``embed_*`` call: its batches, and the vectors and usage gathered so far.

    :meth:`absorb` places each response's vectors by their ``index`` (never by arrival), so
    batches may complete in any order.
    """

    model: str
    batches: list[Batch]
    total: int
    vectors: list[list[float] | None] = field(default_factory=list)
    usage: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def plan(
        cls, inputs: Sequence[str], *, params: Mapping[str, Any], chunk_size: int
    ) -> EmbeddingJob:
        """Split ``inputs`` into requests of at most ``chunk_size`` inputs.

        Args:
            inputs: The checked inputs.
            params: Every body field except ``input`` (``model`` included).
            chunk_size: Inputs per request (>= 1).
        """
        batches = [
            Batch(start, min(start + chunk_size, len(inputs)), {**params, "input": chunk})
            for start in range(0, len(inputs), chunk_size)
            for chunk in [list(inputs[start : start + chunk_size])]
        ]
        return cls(str(params.get("model")), batches, len(inputs), [None] * len(inputs))

    @reads_answer("POST /embeddings")
    def absorb(self, batch: Batch, body: Any) -> None:
        """Take one response: vectors into place, usage added and reported.

        Raises:
            APIStatusError: The 200 body carried an ``error`` object instead of data.
            OpenRouterError: The body does not hold one embedding per input of the batch.
        """
        if not isinstance(body, dict):
            raise OpenRouterError(f"OpenRouter answered /embeddings with {type(body).__name__}")
        if body.get("error") and not body.get("data"):
            raise _error_in_body(body)
        data = body.get("data")
        size = batch.stop - batch.start
        if not isinstance(data, list) or len(data) != size:
            got = len(data) if isinstance(data, list) else 0
            raise OpenRouterError(f"OpenRouter returned {got} embeddings for {size} inputs")
        seen = set()
        for item in data:
            index = item.get("index") if isinstance(item, dict) else None
            if not isinstance(index, int) or not 0 <= index < size or index in seen:
                raise OpenRouterError(f"embedding index {index!r} is not one of 0..{size - 1}")
            seen.add(index)
            self.vectors[batch.start + index] = decode_embedding(item.get("embedding"))
        self._add_usage(body)

    def _add_usage(self, body: Mapping[str, Any]) -> None:
        usage: dict[str, Any] = body["usage"] if isinstance(body.get("usage"), dict) else {}
        model = body.get("model") if isinstance(body.get("model"), str) else self.model
        _usage.report("embeddings", model, usage, body.get("id"))
        totals = self.usage
        totals["model"] = model
        totals["requests"] = totals.get("requests", 0) + 1
        for name in ("prompt_tokens", "total_tokens", "cost"):
            value = usage.get(name)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                totals[name] = totals.get(name, 0) + value
        totals["is_byok"] = bool(totals.get("is_byok") or usage.get("is_byok"))

    @contextmanager
    def sending(self, batch: Batch) -> Iterator[None]:
        """Wrap one batch's send and absorb: an error names the inputs the batch covered.

        The error's message is left as it is. The range goes on ``input_range`` (a ``range``)
        and into a note shown with the traceback; ``partial`` gets the vectors received so far
        (``None`` where none arrived), so a caller can resend only what is missing.
        """
        try:
            yield
        except OpenRouterError as err:
            err.input_range = range(batch.start, batch.stop)  # type: ignore[attr-defined]
            if getattr(err, "partial", None) is None:
                err.partial = list(self.vectors)  # type: ignore[attr-defined]
            note = (
                f"The failed request embedded inputs {batch.start} to {batch.stop - 1} of "
                f"{self.total} (err.input_range); err.partial holds the vectors received "
                "(None for the rest)."
            )
            add_note = getattr(err, "add_note", None)
            if add_note is not None:
                add_note(note)
            raise

    def result(self) -> list[list[float]]:
        """The vectors in the caller's order (every batch must have been absorbed)."""
        missing = [i for i, v in enumerate(self.vectors) if v is None]
        if missing:
            raise OpenRouterError(f"no embedding was received for inputs {missing[:10]}")
        return self.vectors  # type: ignore[return-value]

    def usage_summary(self) -> EmbeddingUsage:
        """The summed usage of the batches absorbed so far."""
        return EmbeddingUsage(**self.usage)

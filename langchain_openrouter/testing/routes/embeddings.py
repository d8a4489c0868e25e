"""``POST /embeddings``: deterministic vectors in which similar texts lie close together.

A text's vector is the sum of signed hashes of its character trigrams and (weighted twice) its
words, L2-normalised: texts sharing words and spellings get high cosine similarity, unrelated
texts near zero. ``dimensions`` truncates and renormalises, as OpenAI's shortening does.

``X-OpenRouter-Cache: true`` turns on the response cache of ``openrouter-api.md`` §15.2
(:mod:`..response_cache`, shared with chat): an identical request is answered from the cache with
zero usage and cost, a new generation id, and a ``/generation`` record whose
``response_cache_source_id`` names the original.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
import struct
from functools import lru_cache
from typing import Any

from langchain_openrouter import _tokens
from langchain_openrouter.testing import response_cache
from langchain_openrouter.testing.context import Ctx
from langchain_openrouter.testing.generation import Served, generation_record
from langchain_openrouter.testing.model.script import Choice, Completion
from langchain_openrouter.testing.policy import check_spend, provider_name
from langchain_openrouter.testing.usage import PromptCount, chat_usage, compute_cost
from langchain_openrouter.testing.validate import check_options, resolve_model
from langchain_openrouter.testing.wire import EmulatorError, Response, json_response

__all__ = ["create_embeddings", "embed"]

_WORDS = re.compile(r"\w+")


@lru_cache(maxsize=4096)
def _sparse(text: str, dims: int) -> tuple[tuple[int, float], ...]:
    """The unit vector of ``text`` as ``(index, value)`` pairs in index order, zeros left out.

    A short text touches a few dozen of the ``dims`` values; working on those alone keeps a
    10,000-text benchmark from spending its time on zeros. The values are exactly those of the
    dense computation: zeros add nothing to the sums, and the sums run in index order.
    """
    values: dict[int, float] = {}
    lowered = text.lower()
    padded = f"  {lowered}  "
    features = [(padded[i : i + 3], 1.0) for i in range(len(padded) - 2)]
    features += [(f"w:{word}", 2.0) for word in _WORDS.findall(lowered)]
    for feature, weight in features:
        digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
        index = int.from_bytes(digest[:4], "little") % dims
        values[index] = values.get(index, 0.0) + (weight if digest[4] & 1 else -weight)
    items = sorted(values.items())
    norm = math.sqrt(sum(v * v for _, v in items)) or 1.0
    return tuple((i, v / norm) for i, v in items)


def embed(text: str, dims: int, truncate_to: int | None = None) -> list[float]:
    """The vector of ``text`` for a model of ``dims`` dimensions.

    Args:
        text: The input.
        dims: The model's native size.
        truncate_to: ``dimensions`` of the request: keep the first values and renormalise.

    Example:
        >>> len(embed("hello", 1536))
        1536
    """
    pairs = _sparse(text, dims)
    if truncate_to is not None and truncate_to < dims:
        kept = [(i, v) for i, v in pairs if i < truncate_to]
        norm = math.sqrt(sum(v * v for _, v in kept)) or 1.0
        pairs = tuple((i, v / norm) for i, v in kept)
        dims = truncate_to
    vector = [0.0] * dims
    for index, value in pairs:
        vector[index] = round(value, 9)
    return vector


def _invalid(message: str) -> EmulatorError:
    return EmulatorError(400, message, metadata={"error_type": "invalid_request"})


def _inputs(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise _invalid("input: Expected a string or a non-empty array")
    if all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return [" ".join(str(v) for v in value)]
    texts = []
    for index, item in enumerate(value):
        if isinstance(item, str):
            if not item:
                raise _invalid(f"input[{index}]: String must contain at least 1 character(s)")
            texts.append(item)
        elif isinstance(item, list) and all(isinstance(v, int) for v in item):
            texts.append(" ".join(str(v) for v in item))
        elif isinstance(item, dict):
            content = item.get("content")
            parts: list[Any] = content if isinstance(content, list) else [item]
            texts.append(" ".join(str(p.get("text", "")) for p in parts if isinstance(p, dict)))
        else:
            raise _invalid(f"input[{index}]: Expected string")
    return texts


def create_embeddings(ctx: Ctx) -> Response:
    """``POST /embeddings``."""
    body = ctx.body()
    model_id = body.get("model")
    if not isinstance(model_id, str) or not model_id:
        raise _invalid("model: Required")
    model, _ = resolve_model(ctx.catalog, model_id, embeddings=True)
    check_options(body)
    texts = _inputs(body.get("input"))
    dims = model.dimensions or 1536
    wanted = body.get("dimensions")
    if wanted is not None and (not isinstance(wanted, int) or not 1 <= wanted <= dims):
        raise _invalid(f"dimensions: must be an integer between 1 and {dims}")
    encoding = body.get("encoding_format", "float")
    if encoding not in ("float", "base64"):
        raise _invalid("encoding_format: Expected 'float' | 'base64'")
    if body.get("input_type") is not None and not isinstance(body["input_type"], str):
        raise _invalid("input_type: Expected string")
    key = ctx.caller
    check_spend(ctx.state, key)
    cache_key = response_cache.cache_key(ctx, body)
    hit = response_cache.lookup(ctx, cache_key)
    if hit is not None:
        return _cache_hit(ctx, *hit)
    data = []
    for index, text in enumerate(texts):
        vector = embed(text, dims, wanted)
        value: Any = vector
        if encoding == "base64":
            value = base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode()
        data.append({"object": "embedding", "index": index, "embedding": value})
    tokens = sum(_tokens.count_tokens(t, model.id) for t in texts)
    cost = compute_cost(model, prompt_tokens=tokens, completion_tokens=0, byok=ctx.config.byok)
    gen_id = f"gen-emb-{int(ctx.state.now())}-{ctx.state.token(16)}"
    served = Served(
        model,
        {
            "id": gen_id,
            "provider": provider_name(model),
            "model": model.id,
            "created": int(ctx.state.now()),
        },
        Completion([Choice(content="")]),
        chat_usage(prompt_tokens=tokens, completion_tokens=0, cost=cost),
        cost,
        PromptCount(tokens),
    )
    ctx.state.charge(key, cost.charged, cost.upstream if cost.byok else 0.0)
    ctx.state.record_generation(key, generation_record(ctx, body, served, False, "embeddings"))
    usage = {
        "prompt_tokens": tokens,
        "total_tokens": tokens,
        "cost": cost.charged,
        "is_byok": cost.byok,
    }
    response = {"id": gen_id, "object": "list", "model": model.id, "data": data, "usage": usage}
    response_cache.store(ctx, cache_key, gen_id, response)
    return json_response(response, headers={"x-generation-id": gen_id})


def _cache_hit(ctx: Ctx, source_id: str, stored: dict[str, Any]) -> Response:
    """The cached answer to an identical request: zero usage, a new id (§15.2)."""
    gen_id = f"gen-emb-{int(ctx.state.now())}-{ctx.state.token(16)}"
    response_cache.record_hit(ctx, source_id, gen_id, streamed=False)
    response = {**stored, "id": gen_id, "usage": response_cache.zero_usage(stored["usage"])}
    return json_response(response, headers={"x-generation-id": gen_id})

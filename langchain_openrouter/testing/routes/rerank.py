"""``POST /rerank``: deterministic relevance scores, usage and cost (reference §15.1).

A document's score is the cosine similarity between the query and the document under the
emulator's hashed n-gram embeddings (:func:`~.embeddings.embed`), clipped to ``[0, 1]``: documents
sharing words and spellings with the query rank first, unrelated ones score near 0. An image
counts by its URL's text (a ``data:`` URI carries no words, so it scores near 0 unless the
document also has text). Results come ordered by score, highest first, ties by input position.

Counting and billing (deterministic, the reference does not give OpenRouter's rules): every
``(query, document)`` pair is read together, so ``total_tokens`` is the query's ``cl100k_base``
tokens once per document plus each document's text tokens, plus 85 per image; ``search_units``
is one per started hundred documents (Cohere's unit); ``cost`` is the catalog's ``prompt`` price
per token, ``image`` price per image and ``request`` price per search unit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from langchain_openrouter import _tokens
from langchain_openrouter.testing.catalog import Catalog, CatalogModel
from langchain_openrouter.testing.context import Ctx
from langchain_openrouter.testing.generation import Served, generation_record
from langchain_openrouter.testing.model.script import Choice, Completion
from langchain_openrouter.testing.policy import apply_guardrail, check_spend, provider_name
from langchain_openrouter.testing.routes.embeddings import embed
from langchain_openrouter.testing.usage import (
    IMAGE_INPUT_TOKENS,
    Cost,
    PromptCount,
    chat_usage,
    compute_cost,
)
from langchain_openrouter.testing.validate import availability_error, check_options
from langchain_openrouter.testing.wire import EmulatorError, Response, json_response

__all__ = ["RERANK_MODELS_FALLBACK", "create_rerank", "rerank_model", "score"]

DOCUMENTS_PER_SEARCH_UNIT = 100
_SCORE_DIMENSIONS = 1024
_IMAGE_PREFIXES = ("http://", "https://", "data:image/")


def _model(
    model_id: str, name: str, pricing: Mapping[str, str], inputs: tuple[str, ...], provider: str
) -> CatalogModel:
    return CatalogModel(
        id=model_id,
        name=name,
        created=1733270400,
        description=f"{name}: orders documents by relevance to a query, for search and RAG.",
        context_length=4096,
        max_completion_tokens=None,
        pricing=pricing,
        input_modalities=inputs,
        output_modalities=("rerank",),
        tokenizer="Other",
        supported_parameters=(),
        providers=(provider,),
        default_parameters={},
    )


RERANK_MODELS_FALLBACK: tuple[CatalogModel, ...] = (
    _model(
        "cohere/rerank-v3.5",
        "Cohere: Rerank 3.5",
        {"prompt": "0", "completion": "0", "request": "0.002"},
        ("text",),
        "cohere",
    ),
    _model(
        "cohere/rerank-english-v3.0",
        "Cohere: Rerank English 3.0",
        {"prompt": "0", "completion": "0", "request": "0.002"},
        ("text",),
        "cohere",
    ),
    _model(
        "jina-ai/jina-reranker-m0",
        "Jina AI: Jina Reranker m0",
        {"prompt": "0.00000005", "completion": "0"},
        ("text", "image"),
        "deepinfra",
    ),
)
"""Rerank models served when the catalog has none of its own (output modality ``rerank``)."""

_FALLBACK_BY_ID = {m.id: m for m in RERANK_MODELS_FALLBACK}


def _is_rerank(model: CatalogModel) -> bool:
    return "rerank" in model.output_modalities


def _invalid(message: str) -> EmulatorError:
    return EmulatorError(400, message, metadata={"error_type": "invalid_request"})


def rerank_model(catalog: Catalog, model_id: str) -> CatalogModel:
    """The rerank model a request names, or the 400 OpenRouter gives for it.

    The catalog's own entry wins; ids it does not know fall back to
    :data:`RERANK_MODELS_FALLBACK`.

    Raises:
        EmulatorError: 400 ``model_not_found`` for an unknown id, 400 ``wrong_endpoint`` for a
            chat or embeddings model.
    """
    model, _ = catalog.resolve(model_id)
    if model is None:
        model = _FALLBACK_BY_ID.get(model_id)
    if model is None:
        raise availability_error(
            400, f"{model_id} is not a valid model ID", "model_not_found", [model_id]
        )
    if not _is_rerank(model):
        right = "/api/v1/embeddings" if model.is_embedding else "/api/v1/chat/completions"
        raise availability_error(
            400,
            f"{model_id} is not a rerank model; use {right}",
            "wrong_endpoint",
            [model_id],
            constraint={"field": "endpoint", "detail": right},
        )
    return model


@dataclass(frozen=True)
class _Doc:
    """One request document: its text and image (either may be absent), as sent."""

    text: str | None
    image: str | None
    echo: Any


def _documents(value: Any) -> list[_Doc]:
    if not isinstance(value, list):
        raise _invalid("documents: Expected array")
    if not value:
        raise _invalid("documents: Array must contain at least 1 element(s)")
    docs = []
    for index, item in enumerate(value):
        if isinstance(item, str):
            docs.append(_Doc(item, None, {"text": item}))
            continue
        if not isinstance(item, dict):
            raise _invalid(f"documents[{index}]: Expected string or object")
        text, image = item.get("text"), item.get("image")
        if text is not None and not isinstance(text, str):
            raise _invalid(f"documents[{index}].text: Expected string")
        if image is not None and (
            not isinstance(image, str) or not image.startswith(_IMAGE_PREFIXES)
        ):
            raise _invalid(
                f"documents[{index}].image: Expected an http(s) URL or a data:image/... URI"
            )
        if text is None and image is None:
            raise _invalid(f"documents[{index}]: Expected at least one of 'text' or 'image'")
        echo = {k: v for k, v in (("text", text), ("image", image)) if v is not None}
        docs.append(_Doc(text, image, echo))
    return docs


def _top_n(value: Any, count: int) -> int:
    if value is None:
        return count
    if isinstance(value, bool) or not isinstance(value, int):
        raise _invalid("top_n: Expected integer")
    if value < 1:
        raise _invalid("top_n: Number must be greater than or equal to 1")
    # Like Cohere's API, asking for more results than documents returns them all.
    return min(value, count)


def score(query: str, text: str) -> float:
    """Relevance of ``text`` to ``query`` in ``[0, 1]``, rounded to 6 places.

    Example:
        >>> score("red apples", "apples are red") > score("red apples", "tax law")
        True
    """
    if not query or not text:
        return 0.0
    q = embed(query, _SCORE_DIMENSIONS)
    d = embed(text, _SCORE_DIMENSIONS)
    cosine = sum(a * b for a, b in zip(q, d, strict=True))
    return round(min(1.0, max(0.0, cosine)), 6)


def _doc_text(doc: _Doc) -> str:
    return " ".join(part for part in (doc.text, doc.image) if part and not part.startswith("data:"))


def _cost(model: CatalogModel, tokens: int, images: int, units: int, byok: bool) -> Cost:
    billed = compute_cost(
        model, prompt_tokens=tokens, completion_tokens=0, input_images=images, byok=byok
    )
    # compute_cost bills the ``request`` price once; each further search unit costs it again.
    per_unit = compute_cost(model, prompt_tokens=0, completion_tokens=0).prompt
    return Cost(round(billed.prompt + (units - 1) * per_unit, 12), 0.0, byok)


def _check_inputs(model: CatalogModel, docs: Sequence[_Doc]) -> None:
    if "image" not in model.input_modalities and any(d.image for d in docs):
        raise EmulatorError(
            404,
            "No endpoints found that support image input",
            metadata={"error_type": "not_found"},
        )


def create_rerank(ctx: Ctx) -> Response:
    """``POST /rerank``."""
    body = ctx.body()
    model_id = body.get("model")
    if not isinstance(model_id, str) or not model_id:
        raise _invalid("model: Required")
    model = rerank_model(ctx.catalog, model_id)
    check_options(body)
    query = body.get("query")
    if not isinstance(query, str):
        raise _invalid("query: Required")
    if not query:
        raise _invalid("query: String must contain at least 1 character(s)")
    docs = _documents(body.get("documents"))
    top_n = _top_n(body.get("top_n"), len(docs))
    _check_inputs(model, docs)
    key = ctx.caller
    check_spend(ctx.state, key)
    messages = apply_guardrail(ctx.state, key, model, [{"role": "user", "content": query}])
    query = str(messages[0]["content"])
    scored = sorted(
        ((score(query, _doc_text(doc)), index) for index, doc in enumerate(docs)),
        key=lambda pair: (-pair[0], pair[1]),
    )
    results = [
        {"index": index, "relevance_score": value, "document": docs[index].echo}
        for value, index in scored[:top_n]
    ]
    images = sum(1 for d in docs if d.image)
    query_tokens = _tokens.count_tokens(query)
    tokens = sum(query_tokens + _tokens.count_tokens(d.text or "") for d in docs)
    tokens += images * IMAGE_INPUT_TOKENS
    units = math.ceil(len(docs) / DOCUMENTS_PER_SEARCH_UNIT)
    cost = _cost(model, tokens, images, units, ctx.config.byok)
    gen_id = ctx.state.generation_id()
    envelope = {
        "id": gen_id,
        "provider": provider_name(model),
        "model": model.served_as,
        "created": int(ctx.state.now()),
    }
    served = Served(
        model,
        envelope,
        Completion([Choice(content="")]),
        chat_usage(prompt_tokens=tokens, completion_tokens=0, cost=cost),
        cost,
        PromptCount(tokens, images=images),
    )
    ctx.state.charge(key, cost.charged, cost.upstream if cost.byok else 0.0)
    ctx.state.record_generation(key, generation_record(ctx, body, served, False, "rerank"))
    usage = {"cost": cost.charged, "search_units": units, "total_tokens": tokens}
    response = {
        "id": gen_id,
        "model": model.served_as,
        "provider": envelope["provider"],
        "results": results,
        "usage": usage,
    }
    return json_response(response, headers={"x-generation-id": gen_id})

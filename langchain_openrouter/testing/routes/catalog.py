"""Catalog routes: ``/models``, ``/model/{author}/{slug}``, endpoints, providers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_openrouter.testing.catalog import PROVIDERS, CatalogModel
from langchain_openrouter.testing.context import Ctx
from langchain_openrouter.testing.wire import EmulatorError, Response, json_response

__all__ = [
    "all_endpoints",
    "count_models",
    "get_model",
    "list_embedding_models",
    "list_models",
    "list_providers",
    "list_user_models",
    "model_endpoints",
    "zdr_endpoints",
]


def _page(ctx: Ctx, models: Sequence[CatalogModel]) -> dict[str, Any]:
    """``{data, links, total_count}``; ``offset``/``limit`` page only when given."""
    query = ctx.request.query
    total = len(models)
    if "offset" not in query and "limit" not in query:
        return {"data": [m.wire() for m in models], "links": {"next": None}, "total_count": total}
    try:
        offset = max(0, int(query.get("offset", "0")))
        limit = min(1000, max(1, int(query.get("limit", "500"))))
    except ValueError as exc:
        raise EmulatorError(
            400, "offset and limit must be integers", metadata={"error_type": "invalid_request"}
        ) from exc
    page = models[offset : offset + limit]
    after = offset + limit
    next_link = f"/api/v1/models?offset={after}&limit={limit}" if after < total else None
    return {"data": [m.wire() for m in page], "links": {"next": next_link}, "total_count": total}


def _listed(ctx: Ctx) -> list[CatalogModel]:
    query = ctx.request.query
    models = ctx.catalog.filtered(
        query.get("output_modalities"),
        query.get("supported_parameters"),
        query.get("input_modalities"),
    )
    text = query.get("q", "").lower()
    if text:
        models = [m for m in models if text in m.id.lower() or text in m.name.lower()]
    return models


def list_models(ctx: Ctx) -> Response:
    """``GET /models``, filtered by its query.

    ``supported_parameters``, ``output_modalities`` (default ``text``), ``input_modalities`` and
    ``q`` filter; ``offset``/``limit`` page.
    """
    return json_response(_page(ctx, _listed(ctx)))


def list_user_models(ctx: Ctx) -> Response:
    """``GET /models/user``: ``/models`` filtered by the key's guardrail."""
    from langchain_openrouter.testing.policy import guardrail_for

    models = _listed(ctx)
    guardrail = guardrail_for(ctx.state, ctx.caller)
    if guardrail is not None:
        allowed = guardrail.get("allowed_models")
        ignored = set(guardrail.get("ignored_models") or ())
        models = [
            m
            for m in models
            if (not allowed or m.id in allowed or m.slug in allowed)
            and m.id not in ignored
            and m.slug not in ignored
        ]
    return json_response(_page(ctx, models))


def count_models(ctx: Ctx) -> Response:
    """``GET /models/count``."""
    return json_response({"data": {"count": len(_listed(ctx))}})


def list_embedding_models(ctx: Ctx) -> Response:
    """``GET /embeddings/models``."""
    return json_response(_page(ctx, ctx.catalog.embedding_models()))


def _model(ctx: Ctx) -> CatalogModel:
    model_id = f"{ctx.params['author']}/{ctx.params['slug']}"
    model, _ = ctx.catalog.resolve(model_id)
    if model is None:
        raise EmulatorError(
            404, f"Model {model_id} not found", metadata={"error_type": "not_found"}
        )
    return model


def get_model(ctx: Ctx) -> Response:
    """``GET /model/{author}/{slug}``: ``{"data": Model}``."""
    return json_response({"data": _model(ctx).wire()})


def model_endpoints(ctx: Ctx) -> Response:
    """``GET /models/{author}/{slug}/endpoints``."""
    model = _model(ctx)
    authenticated = ctx.request.bearer() is not None
    data = {
        "id": model.id,
        "name": model.name,
        "created": model.created,
        "description": model.description,
        "architecture": {k: v for k, v in model.architecture().items()},
        "endpoints": [model.endpoint(p, authenticated=authenticated) for p in model.providers],
    }
    return json_response({"data": data})


def list_providers(ctx: Ctx) -> Response:
    """``GET /providers``."""
    return json_response({"data": [p.wire() for p in PROVIDERS.values()]})


def zdr_endpoints(ctx: Ctx) -> Response:
    """``GET /endpoints/zdr``: endpoints on zero-data-retention providers."""
    authenticated = ctx.request.bearer() is not None
    data = [
        m.endpoint(p, authenticated=authenticated)
        for m in ctx.catalog.models
        for p in m.providers
        if PROVIDERS[p].zdr
    ]
    return json_response({"data": data})


def all_endpoints(ctx: Ctx) -> Response:
    """``GET /endpoints``: NOT an OpenRouter route (the seed list's); every endpoint.

    The response says so in the ``x-emulator-nonstandard`` header and a top-level
    ``nonstandard`` note.
    """
    authenticated = ctx.request.bearer() is not None
    data = [
        m.endpoint(p, authenticated=authenticated) for m in ctx.catalog.models for p in m.providers
    ]
    body = {
        "data": data,
        "nonstandard": "GET /endpoints is an emulator extension, not an "
        "OpenRouter route; use /models/{author}/{slug}/endpoints or /endpoints/zdr",
    }
    return json_response(body, headers={"x-emulator-nonstandard": "true"})

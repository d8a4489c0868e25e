"""Guardrail routes: CRUD (201 on create, flat fields) and key/member assignments."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from langchain_openrouter.testing.catalog import Catalog
from langchain_openrouter.testing.context import Ctx
from langchain_openrouter.testing.state import ORGANIZATION_ID, USER_ID, iso
from langchain_openrouter.testing.wire import EmulatorError, Response, json_response

__all__ = [
    "all_key_assignments",
    "all_member_assignments",
    "assign_keys",
    "assign_members",
    "create_guardrail",
    "delete_guardrail",
    "get_guardrail",
    "key_assignments",
    "list_guardrails",
    "member_assignments",
    "unassign_keys",
    "unassign_members",
    "update_guardrail",
]

_LIST_FIELDS = (
    "allowed_providers",
    "ignored_providers",
    "allowed_models",
    "ignored_models",
    "content_filter_builtins",
    "content_filters",
)
_BOOL_FIELDS = (
    "enforce_zdr",
    "enforce_zdr_anthropic",
    "enforce_zdr_openai",
    "enforce_zdr_google",
    "enforce_zdr_xai",
    "enforce_zdr_other",
    "enable_free_model_publication",
    "enable_free_model_training",
    "enable_paid_model_training",
)
_ZDR_VENDORS = ("anthropic", "openai", "google", "xai", "other")
_BUILTIN_LABELS = {
    "email": "[EMAIL]",
    "phone": "[PHONE]",
    "ssn": "[SSN]",
    "credit-card": "[CREDIT_CARD]",
    "ip-address": "[IP_ADDRESS]",
    "person-name": "[PERSON_NAME]",
    "address": "[ADDRESS]",
    "regex-prompt-injection": "[PROMPT_INJECTION]",
}


def _invalid(message: str) -> EmulatorError:
    return EmulatorError(400, message, metadata={"error_type": "invalid_request"})


def _page(ctx: Ctx, rows: list[dict[str, Any]]) -> dict[str, Any]:
    query = ctx.request.query
    try:
        offset = max(0, int(query.get("offset", "0")))
        limit = min(100, max(1, int(query.get("limit", "50"))))
    except ValueError as exc:
        raise _invalid("offset and limit must be integers") from exc
    return {"data": rows[offset : offset + limit], "total_count": len(rows)}


def _canonical(catalog: Catalog, models: list[Any]) -> list[Any]:
    """Model ids as OpenRouter stores them: canonical slugs (unknown ids kept as given)."""
    found = [catalog.get(m) if isinstance(m, str) else None for m in models]
    return [model.slug if model else m for m, model in zip(models, found, strict=True)]


def _fields(body: Mapping[str, Any], catalog: Catalog, *, creating: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if creating or "name" in body:
        name = body.get("name")
        if not isinstance(name, str) or not 1 <= len(name) <= 200:
            raise _invalid("name: String must contain between 1 and 200 character(s)")
        out["name"] = name
    if "description" in body:
        if body["description"] is not None and not isinstance(body["description"], str):
            raise _invalid("description: Expected string")
        out["description"] = body["description"]
    if "limit_usd" in body:
        limit = body["limit_usd"]
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, (int, float))):
            raise _invalid("limit_usd: Expected number")
        out["limit_usd"] = limit
    if "reset_interval" in body:
        if body["reset_interval"] not in (None, "daily", "weekly", "monthly"):
            raise _invalid("reset_interval: Expected 'daily' | 'weekly' | 'monthly' | null")
        out["reset_interval"] = body["reset_interval"]
    if "include_byok_in_budgets" in body:
        out["include_byok_in_budgets"] = bool(body["include_byok_in_budgets"])
    for name in _LIST_FIELDS:
        if name in body:
            value = body[name]
            if value is not None and not isinstance(value, list):
                raise _invalid(f"{name}: Expected array")
            out[name] = list(value) if value is not None else None
    for name in ("allowed_models", "ignored_models"):
        if out.get(name):
            out[name] = _canonical(catalog, out[name])
    for name in _BOOL_FIELDS:
        if name in body:
            out[name] = body[name]
    if out.get("enforce_zdr") is not None:  # the deprecated flag sets every vendor's flag
        for vendor in _ZDR_VENDORS:
            out.setdefault(f"enforce_zdr_{vendor}", out["enforce_zdr"])
    for item in out.get("content_filter_builtins") or []:
        if not isinstance(item, dict) or item.get("slug") not in _BUILTIN_LABELS:
            raise _invalid("content_filter_builtins: unknown slug")
        item.setdefault("label", _BUILTIN_LABELS[item["slug"]])
    if "workspace_id" in body:
        out["workspace_id"] = body["workspace_id"]
    return out


def _guardrail(ctx: Ctx) -> dict[str, Any]:
    guardrail = ctx.state.guardrails.get(ctx.params["id"])
    if guardrail is None:
        raise EmulatorError(404, "Guardrail not found", metadata={"error_type": "not_found"})
    return guardrail


def list_guardrails(ctx: Ctx) -> Response:
    """``GET /guardrails``."""
    return json_response(_page(ctx, list(ctx.state.guardrails.values())))


def create_guardrail(ctx: Ctx) -> Response:
    """``POST /guardrails`` -> 201 ``{"data": Guardrail}``."""
    fields = _fields(ctx.body(), ctx.catalog, creating=True)
    state = ctx.state
    guardrail: dict[str, Any] = {
        "id": state.uuid(),
        "name": "",
        "description": None,
        "limit_usd": None,
        "reset_interval": None,
        "include_byok_in_budgets": False,
        **{name: None for name in _LIST_FIELDS[:4]},
        **{name: None for name in _BOOL_FIELDS},
        "content_filter_builtins": None,
        "content_filters": None,
        "workspace_id": ctx.caller.workspace_id,
        "created_at": iso(state.now()),
        "updated_at": None,
    }
    guardrail.update(fields)
    with state.lock:
        state.guardrails[guardrail["id"]] = guardrail
    return json_response({"data": guardrail}, status=201)


def get_guardrail(ctx: Ctx) -> Response:
    """``GET /guardrails/{id}``."""
    return json_response({"data": _guardrail(ctx)})


def update_guardrail(ctx: Ctx) -> Response:
    """``PATCH /guardrails/{id}``: list fields replace the stored lists."""
    guardrail = _guardrail(ctx)
    fields = _fields(ctx.body(), ctx.catalog, creating=False)
    with ctx.state.lock:
        guardrail.update(fields)
        guardrail["updated_at"] = iso(ctx.state.now())
    return json_response({"data": guardrail})


def delete_guardrail(ctx: Ctx) -> Response:
    """``DELETE /guardrails/{id}``."""
    guardrail = _guardrail(ctx)
    state = ctx.state
    with state.lock:
        state.guardrails.pop(guardrail["id"], None)
        for key in [
            h for h, a in state.key_assignments.items() if a["guardrail_id"] == guardrail["id"]
        ]:
            state.key_assignments.pop(key)
        for pair in [p for p in state.member_assignments if p[0] == guardrail["id"]]:
            state.member_assignments.pop(pair)
    return json_response({"deleted": True})


def _list_arg(ctx: Ctx, name: str) -> list[str]:
    values = ctx.body().get(name)
    if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
        raise _invalid(f"{name}: Array must contain at least 1 element(s)")
    return values


def assign_keys(ctx: Ctx) -> Response:
    """``POST /guardrails/{id}/assignments/keys``: a key holds one guardrail; this replaces."""
    guardrail = _guardrail(ctx)
    state = ctx.state
    count = 0
    for digest in _list_arg(ctx, "key_hashes"):
        key = state.keys.get(digest)
        if key is None:
            raise EmulatorError(
                404, f"API key {digest} not found", metadata={"error_type": "not_found"}
            )
        with state.lock:
            state.key_assignments[digest] = {
                "id": state.uuid(),
                "key_hash": digest,
                "guardrail_id": guardrail["id"],
                "key_name": key.name,
                "key_label": key.label,
                "assigned_by": USER_ID,
                "created_at": iso(state.now()),
            }
        count += 1
    return json_response({"assigned_count": count})


def unassign_keys(ctx: Ctx) -> Response:
    """``POST /guardrails/{id}/assignments/keys/remove``."""
    guardrail = _guardrail(ctx)
    state = ctx.state
    count = 0
    with state.lock:
        for digest in _list_arg(ctx, "key_hashes"):
            found = state.key_assignments.get(digest)
            if found is not None and found["guardrail_id"] == guardrail["id"]:
                del state.key_assignments[digest]
                count += 1
    return json_response({"unassigned_count": count})


def assign_members(ctx: Ctx) -> Response:
    """``POST /guardrails/{id}/assignments/members``."""
    guardrail = _guardrail(ctx)
    state = ctx.state
    users = _list_arg(ctx, "member_user_ids")
    with state.lock:
        for user in users:
            state.member_assignments[(guardrail["id"], user)] = {
                "id": state.uuid(),
                "user_id": user,
                "organization_id": ORGANIZATION_ID,
                "guardrail_id": guardrail["id"],
                "assigned_by": USER_ID,
                "created_at": iso(state.now()),
            }
    return json_response({"assigned_count": len(users)})


def unassign_members(ctx: Ctx) -> Response:
    """``POST /guardrails/{id}/assignments/members/remove``."""
    guardrail = _guardrail(ctx)
    state = ctx.state
    count = 0
    with state.lock:
        for user in _list_arg(ctx, "member_user_ids"):
            if state.member_assignments.pop((guardrail["id"], user), None) is not None:
                count += 1
    return json_response({"unassigned_count": count})


def key_assignments(ctx: Ctx) -> Response:
    """``GET /guardrails/{id}/assignments/keys``."""
    guardrail = _guardrail(ctx)
    rows = [a for a in ctx.state.key_assignments.values() if a["guardrail_id"] == guardrail["id"]]
    return json_response(_page(ctx, rows))


def member_assignments(ctx: Ctx) -> Response:
    """``GET /guardrails/{id}/assignments/members``."""
    guardrail = _guardrail(ctx)
    rows = [a for (g, _), a in ctx.state.member_assignments.items() if g == guardrail["id"]]
    return json_response(_page(ctx, rows))


def all_key_assignments(ctx: Ctx) -> Response:
    """``GET /guardrails/assignments/keys``."""
    return json_response(_page(ctx, list(ctx.state.key_assignments.values())))


def all_member_assignments(ctx: Ctx) -> Response:
    """``GET /guardrails/assignments/members``."""
    return json_response(_page(ctx, list(ctx.state.member_assignments.values())))

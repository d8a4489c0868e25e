"""Account routes: ``/key``, ``/credits``, ``/generation``, ``/activity`` and ``/keys`` CRUD."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from langchain_openrouter.testing.context import Ctx
from langchain_openrouter.testing.state import KeyRecord, key_hash
from langchain_openrouter.testing.wire import EmulatorError, Response, json_response

__all__ = [
    "activity",
    "coinbase",
    "create_key",
    "credits",
    "current_key",
    "delete_key",
    "generation",
    "get_key",
    "list_keys",
    "update_key",
]

KEYS_PAGE_SIZE = 100
_RESETS = (None, "daily", "weekly", "monthly")


def _invalid(message: str) -> EmulatorError:
    return EmulatorError(400, message, metadata={"error_type": "invalid_request"})


def current_key(ctx: Ctx) -> Response:
    """``GET /key``: the calling key."""
    now = ctx.state.now()
    return json_response({"data": ctx.caller.info(now, free_tier=ctx.state.total_credits <= 0)})


def credits(ctx: Ctx) -> Response:
    """``GET /credits``: ``{"data": {"total_credits", "total_usage"}}``."""
    state = ctx.state
    return json_response(
        {"data": {"total_credits": state.total_credits, "total_usage": state.total_usage}}
    )


def coinbase(ctx: Ctx) -> Response:
    """``POST /credits/coinbase``: gone, as on OpenRouter."""
    raise EmulatorError(
        410,
        "The Coinbase APIs used by this endpoint have been deprecated, so the Coinbase Commerce "
        "credits API has been removed. Use the web credits purchase flow instead.",
    )


def generation(ctx: Ctx) -> Response:
    """``GET /generation?id=``: what a generation served, for the key that made it."""
    gen_id = ctx.request.query.get("id")
    if not gen_id:
        raise _invalid("id: Required")
    state = ctx.state
    record = state.generations.get(gen_id)
    owner = state.generation_owner.get(gen_id)
    if record is None or (owner != ctx.caller.hash and not ctx.caller.management):
        raise EmulatorError(
            404, f"Generation {gen_id} not found", metadata={"error_type": "not_found"}
        )
    return json_response({"data": {k: v for k, v in record.items() if not k.startswith("_")}})


def activity(ctx: Ctx) -> Response:
    """``GET /activity``: rows by UTC day, model and endpoint (today included)."""
    query = ctx.request.query
    date = query.get("date")
    if date is not None:
        try:
            datetime.strptime(date, "%Y-%m-%d")
        except ValueError as exc:
            raise _invalid("date: Expected YYYY-MM-DD") from exc
    hashes = [query["api_key_hash"]] if query.get("api_key_hash") else None
    rows = ctx.state.activity(hashes, date)
    if query.get("group_by") == "workspace":
        rows = [{**row, "workspace_id": ctx.caller.workspace_id} for row in rows]
    return json_response({"data": rows})


def _key(ctx: Ctx) -> KeyRecord:
    value = ctx.params["hash"]
    digest = key_hash(value) if value.startswith("sk-or-") else value
    record = ctx.state.keys.get(digest)
    if record is None or record.management:
        raise EmulatorError(404, "API key not found", metadata={"error_type": "not_found"})
    return record


def list_keys(ctx: Ctx) -> Response:
    """``GET /keys``: ``include_disabled``, ``offset``; pages of 100."""
    query = ctx.request.query
    include_disabled = query.get("include_disabled", "false").lower() == "true"
    try:
        offset = max(0, int(query.get("offset", "0")))
    except ValueError as exc:
        raise _invalid("offset: Expected integer") from exc
    now = ctx.state.now()
    keys = [k for k in ctx.state.inference_keys() if include_disabled or not k.disabled]
    page = keys[offset : offset + KEYS_PAGE_SIZE]
    return json_response({"data": [k.wire(now) for k in page]})


def _expires_at(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _invalid("expires_at: Expected ISO-8601 string")
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise _invalid("expires_at: Expected ISO-8601 string") from exc
    if when.tzinfo is None or when.utcoffset() != timezone.utc.utcoffset(None):
        raise _invalid("expires_at: must be a UTC timestamp")
    return value


def _key_fields(body: Mapping[str, Any], *, creating: bool) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if "name" in body or creating:
        name = body.get("name")
        if not isinstance(name, str) or not name:
            raise _invalid("name: String must contain at least 1 character(s)")
        fields["name"] = name
    if "limit" in body:
        limit = body["limit"]
        if limit is not None and (
            isinstance(limit, bool) or not isinstance(limit, (int, float)) or limit < 0
        ):
            raise _invalid("limit: Expected a non-negative number or null")
        fields["limit"] = float(limit) if limit is not None else None
    if "limit_reset" in body:
        if body["limit_reset"] not in _RESETS:
            raise _invalid("limit_reset: Expected 'daily' | 'weekly' | 'monthly' | null")
        fields["limit_reset"] = body["limit_reset"]
    for flag in ("include_byok_in_limit", "disabled"):
        if flag in body:
            if not isinstance(body[flag], bool):
                raise _invalid(f"{flag}: Expected boolean")
            fields[flag] = body[flag]
    if creating and "expires_at" in body:
        fields["expires_at"] = _expires_at(body["expires_at"])
    if creating and body.get("workspace_id"):
        fields["workspace_id"] = str(body["workspace_id"])
    if creating and body.get("creator_user_id"):
        fields["creator_user_id"] = str(body["creator_user_id"])
    return fields


def create_key(ctx: Ctx) -> Response:
    """``POST /keys`` -> 201 ``{"data": Key, "key": "sk-or-v1-..."}``."""
    fields = _key_fields(ctx.body(), creating=True)
    fields.pop("disabled", None)
    name = fields.pop("name")
    record = ctx.state.new_key(name, **fields)
    body = {"data": record.wire(ctx.state.now()), "key": record.secret}
    return json_response(body, status=201)


def get_key(ctx: Ctx) -> Response:
    """``GET /keys/{hash}``."""
    return json_response({"data": _key(ctx).wire(ctx.state.now())})


def update_key(ctx: Ctx) -> Response:
    """``PATCH /keys/{hash}``."""
    record = _key(ctx)
    fields = _key_fields(ctx.body(), creating=False)
    with ctx.state.lock:
        for name, value in fields.items():
            setattr(record, name, value)
        record.updated = ctx.state.now()
    return json_response({"data": record.wire(ctx.state.now())})


def delete_key(ctx: Ctx) -> Response:
    """``DELETE /keys/{hash}`` -> ``{"deleted": true}``."""
    record = _key(ctx)
    with ctx.state.lock:
        ctx.state.keys.pop(record.hash, None)
        ctx.state.key_assignments.pop(record.hash, None)
    return json_response({"deleted": True})

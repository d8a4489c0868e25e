"""What may stop a generation before it runs: credits, the key's limit, its guardrail."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from langchain_openrouter.testing.catalog import PROVIDERS, CatalogModel
from langchain_openrouter.testing.state import KeyRecord, State
from langchain_openrouter.testing.validate import availability_error
from langchain_openrouter.testing.wire import EmulatorError

__all__ = ["apply_guardrail", "check_spend", "guardrail_for"]

_BUILTIN_PATTERNS = {
    "email": (r"[\w.+-]+@[\w-]+\.[\w.-]+", "[EMAIL]"),
    "phone": (r"\+?\d[\d\s().-]{7,}\d", "[PHONE]"),
    "ssn": (r"\b\d{3}-\d{2}-\d{4}\b", "[SSN]"),
    "credit-card": (r"\b(?:\d[ -]?){13,16}\b", "[CREDIT_CARD]"),
    "ip-address": (r"\b(?:\d{1,3}\.){3}\d{1,3}\b", "[IP_ADDRESS]"),
    "regex-prompt-injection": (
        r"ignore (?:all )?(?:previous|prior|above) instructions|disregard (?:all )?(?:previous|"
        r"prior) instructions|you are now in developer mode",
        "[PROMPT_INJECTION]",
    ),
}


def check_spend(state: State, key: KeyRecord) -> None:
    """402 when the account balance or the key's limit is used up."""
    if state.balance <= 0:
        raise EmulatorError(
            402,
            "Insufficient credits. Add more using https://openrouter.ai/credits",
            metadata={"error_type": "payment_required"},
        )
    remaining = key.limit_remaining(state.now())
    if remaining is not None and remaining <= 0:
        raise EmulatorError(
            402,
            "Key limit exceeded. Manage it using https://openrouter.ai/settings/keys",
            metadata={"error_type": "payment_required"},
        )


def guardrail_for(state: State, key: KeyRecord) -> dict[str, Any] | None:
    """The guardrail assigned to a key, if any."""
    with state.lock:
        assignment = state.key_assignments.get(key.hash)
        if assignment is None:
            return None
        return state.guardrails.get(assignment["guardrail_id"])


def _model_listed(model: CatalogModel, models: Sequence[str] | None) -> bool:
    return any(m in (model.id, model.slug, model.id.split(":")[0]) for m in models or ())


def _scan(messages: list[dict[str, Any]], pattern: str, scope: str | None) -> list[str]:
    found: list[str] = []
    for message in messages:
        if scope != "all_messages" and message.get("role") != "user":
            continue
        content = message.get("content")
        texts = (
            [content]
            if isinstance(content, str)
            else [p.get("text", "") for p in content or [] if isinstance(p, Mapping)]
        )
        for text in texts:
            found += [m.group(0) for m in re.finditer(pattern, str(text), re.IGNORECASE)]
    return found


def _redact(messages: list[dict[str, Any]], pattern: str, label: str) -> list[dict[str, Any]]:
    out = []
    for message in messages:
        message = dict(message)
        content = message.get("content")
        if message.get("role") == "user" and isinstance(content, str):
            message["content"] = re.sub(pattern, label, content, flags=re.IGNORECASE)
        elif message.get("role") == "user" and isinstance(content, list):
            message["content"] = [
                {**p, "text": re.sub(pattern, label, p["text"], flags=re.IGNORECASE)}
                if isinstance(p, Mapping) and isinstance(p.get("text"), str)
                else p
                for p in content
            ]
        out.append(message)
    return out


def apply_guardrail(
    state: State, key: KeyRecord, model: CatalogModel, messages: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Enforce the key's guardrail; returns the messages after redaction.

    Raises:
        EmulatorError: 403 for a blocked model or a blocking content filter, 404 when no allowed
            provider serves the model, 402 when the guardrail's budget is spent.
    """
    result = [dict(m) for m in messages]
    guardrail = guardrail_for(state, key)
    if guardrail is None:
        return result
    name = guardrail["name"]
    allowed, ignored = guardrail.get("allowed_models"), guardrail.get("ignored_models")
    if (allowed and not _model_listed(model, allowed)) or _model_listed(model, ignored):
        raise EmulatorError(
            403,
            f'Model {model.id} is not allowed by guardrail "{name}"',
            metadata={"error_type": "permission_denied", "guardrail_id": guardrail["id"]},
        )
    providers = set(model.providers) - set(guardrail.get("ignored_providers") or ())
    if guardrail.get("allowed_providers"):
        providers &= set(guardrail["allowed_providers"])
    if not providers:
        raise availability_error(
            404,
            f"No endpoints found for {model.id} matching your guardrail restrictions",
            "constraint_filtered",
            [model.id],
            affected_providers=list(model.providers),
            excluded_by=["allowed_providers"],
        )
    limit = guardrail.get("limit_usd")
    if limit is not None:
        now = state.now()
        hashes = [
            h for h, a in state.key_assignments.items() if a["guardrail_id"] == guardrail["id"]
        ]
        spent = sum(
            state.keys[h].usage(now, guardrail.get("reset_interval"))
            for h in hashes
            if h in state.keys
        )
        if spent >= float(limit):
            raise EmulatorError(
                402,
                f'Guardrail "{name}" budget of ${limit} exceeded',
                metadata={"error_type": "payment_required"},
            )
    filters = [
        (
            str(f.get("slug")),
            _BUILTIN_PATTERNS[f["slug"]][0],
            f.get("action"),
            f.get("label") or _BUILTIN_PATTERNS[f["slug"]][1],
            f.get("scan_scope"),
        )
        for f in guardrail.get("content_filter_builtins") or []
        if f.get("slug") in _BUILTIN_PATTERNS
    ] + [
        ("custom", str(f["pattern"]), f.get("action"), f.get("label") or "[REDACTED]", None)
        for f in guardrail.get("content_filters") or []
        if f.get("pattern")
    ]
    for slug, pattern, action, label, scope in filters:
        found = _scan(result, pattern, scope)
        if not found:
            continue
        if action == "block":
            reason = (
                "prompt injection patterns detected"
                if slug == "regex-prompt-injection"
                else (f"{slug} content detected")
            )
            raise EmulatorError(
                403,
                f"Request blocked: {reason}",
                metadata={"patterns": sorted({f.lower() for f in found})},
            )
        if action == "redact":
            result = _redact(result, pattern, label)
    return result


def provider_name(model: CatalogModel) -> str:
    """Display name of the provider that serves the emulator's answers for ``model``."""
    return PROVIDERS[model.providers[0]].name

"""Guardrails, their assignments and the rules they take (openrouter-api.md §11).

Private: import these names from :mod:`langchain_openrouter.types`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from langchain_openrouter._types.common import APIObject, _UTCDateTime


class ContentFilterBuiltin(APIObject):
    """A built-in content filter of a guardrail (§11.1)."""

    slug: str
    """``email``, ``phone``, ``ssn``, ``credit-card``, ``ip-address``, ``person-name``,
    ``address`` or ``regex-prompt-injection``."""

    action: str
    """``redact``, ``block`` or ``flag``."""

    label: str | None = None
    """Replacement text OpenRouter assigns, e.g. ``"[EMAIL]"``."""

    scan_scope: str | None = None
    """``user_only`` or ``all_messages`` (prompt injection only)."""


class ContentFilter(APIObject):
    """A custom regular-expression filter of a guardrail (§11.1)."""

    pattern: str
    action: str
    """``redact``, ``block`` or ``flag``."""

    label: str | None = None


class Guardrail(APIObject):
    """A named policy applied to the keys and members it is assigned to (§11.1).

    Example:
        >>> g = Guardrail.model_validate({"id": "g1", "name": "prod",
        ...     "include_byok_in_budgets": False, "limit_usd": 50, "reset_interval": "monthly",
        ...     "created_at": "2025-08-24T10:30:00Z"})
        >>> g.limit_usd, g.created_at.isoformat()
        (50.0, '2025-08-24T10:30:00+00:00')
    """

    id: str
    """The guardrail's uuid."""

    name: str
    description: str | None = None

    limit_usd: float | None = None
    """Spending limit, USD, per ``reset_interval`` (for good when that is ``None``)."""

    reset_interval: str | None = None
    """``daily``, ``weekly``, ``monthly`` or ``None``."""

    include_byok_in_budgets: bool
    """Whether spend on your own provider keys counts against ``limit_usd``."""

    allowed_providers: list[str] | None = None
    """Only these provider slugs may serve."""

    ignored_providers: list[str] | None = None
    """These provider slugs never serve."""

    allowed_models: list[str] | None = None
    """Only these models (canonical slugs) may be used."""

    ignored_models: list[str] | None = None
    """These models (canonical slugs) may not be used."""

    enforce_zdr: bool | None = None
    """Deprecated; OpenRouter copies it into the per-vendor flags."""

    enforce_zdr_anthropic: bool | None = None
    enforce_zdr_openai: bool | None = None
    enforce_zdr_google: bool | None = None
    enforce_zdr_xai: bool | None = None
    enforce_zdr_other: bool | None = None

    enable_free_model_publication: bool | None = None
    enable_free_model_training: bool | None = None
    enable_paid_model_training: bool | None = None

    content_filter_builtins: list[ContentFilterBuiltin] | None = None
    content_filters: list[ContentFilter] | None = None

    workspace_id: str | None = None

    created_at: _UTCDateTime
    updated_at: _UTCDateTime | None = None


class GuardrailKeyAssignment(APIObject):
    """A guardrail assigned to an API key (§11.2)."""

    id: str
    key_hash: str
    """SHA-256 hex of the key."""

    guardrail_id: str
    key_name: str | None = None
    key_label: str | None = None
    """The masked key, ``sk-or-v1-abc...123``."""

    assigned_by: str | None = None
    """User id of whoever assigned it."""

    created_at: _UTCDateTime


class GuardrailMemberAssignment(APIObject):
    """A guardrail assigned to an organisation member (§11.2)."""

    id: str
    user_id: str
    organization_id: str | None = None
    guardrail_id: str
    assigned_by: str | None = None
    created_at: _UTCDateTime


class AssignmentResult(APIObject):
    """What an assignment call changed: ``{"assigned_count": int}``."""

    assigned_count: int


class UnassignmentResult(APIObject):
    """What a removal call changed: ``{"unassigned_count": int}``."""

    unassigned_count: int


_ZDR_VENDORS = ("anthropic", "openai", "google", "xai", "other")
_SEED_SPEND = {
    "max_daily_spend": "daily",
    "max_weekly_spend": "weekly",
    "max_monthly_spend": "monthly",
}
_SEED_RENAMES = {"blocked_models": "ignored_models", "blocked_providers": "ignored_providers"}
_BUILTIN_SLUGS = frozenset(
    {
        "email",
        "phone",
        "ssn",
        "credit-card",
        "ip-address",
        "person-name",
        "address",
        "regex-prompt-injection",
    }
)
_FilterAction = Literal["redact", "block", "flag"]


class BuiltinFilterRule(APIObject):
    """A built-in content filter to turn on (input of :class:`GuardrailRules`)."""

    model_config = ConfigDict(extra="forbid")

    slug: str
    """One of ``email``, ``phone``, ``ssn``, ``credit-card``, ``ip-address``, ``person-name``,
    ``address``, ``regex-prompt-injection``."""

    action: _FilterAction
    scan_scope: Literal["user_only", "all_messages"] | None = None
    """Prompt injection only: scan the user's messages or all of them."""

    @field_validator("slug")
    @classmethod
    def _known_slug(cls, value: str) -> str:
        if value not in _BUILTIN_SLUGS:
            raise ValueError(f"unknown built-in filter {value!r}; one of {sorted(_BUILTIN_SLUGS)}")
        return value


class FilterRule(APIObject):
    """A custom regular-expression filter (input of :class:`GuardrailRules`)."""

    model_config = ConfigDict(extra="forbid")

    pattern: str = Field(min_length=1)
    action: _FilterAction
    label: str | None = None


class GuardrailRules(APIObject):
    """The policy of a guardrail, checked before anything is sent (§11.1).

    Fields are OpenRouter's flat guardrail fields; only the ones you set are sent (on update,
    a list replaces the stored list). The seed list's ``rules`` names are accepted too and
    mapped to them:

    ============================  ===================================================
    seed rule                     live fields
    ============================  ===================================================
    ``max_daily_spend: x``        ``limit_usd: x``, ``reset_interval: "daily"``
    ``max_weekly_spend: x``       ``limit_usd: x``, ``reset_interval: "weekly"``
    ``max_monthly_spend: x``      ``limit_usd: x``, ``reset_interval: "monthly"``
    ``blocked_models``            ``ignored_models``
    ``blocked_providers``         ``ignored_providers``
    ``require_zdr: b``            ``enforce_zdr_anthropic`` ... ``enforce_zdr_other``: ``b``
    ============================  ===================================================

    Raises:
        pydantic.ValidationError: (a ``ValueError``) an unknown rule, a wrong value, or two
            rules setting the same field; the message names the rule.

    Example:
        >>> rules = GuardrailRules.model_validate(
        ...     {"max_daily_spend": 5, "blocked_models": ["openai/gpt-4o"], "require_zdr": True})
        >>> rules.to_wire()["limit_usd"], rules.to_wire()["reset_interval"]
        (5.0, 'daily')
        >>> rules.enforce_zdr_xai, rules.ignored_models
        (True, ['openai/gpt-4o'])
    """

    model_config = ConfigDict(extra="forbid")

    limit_usd: float | None = Field(default=None, ge=0)
    """Spending limit, USD, per ``reset_interval`` (for good when that is ``None``)."""

    reset_interval: Literal["daily", "weekly", "monthly"] | None = None
    include_byok_in_budgets: bool | None = None
    """Count spend on your own provider keys against ``limit_usd``."""

    allowed_providers: list[Annotated[str, Field(min_length=1)]] | None = None
    ignored_providers: list[Annotated[str, Field(min_length=1)]] | None = None
    allowed_models: list[Annotated[str, Field(min_length=1)]] | None = None
    """Model ids or canonical slugs (OpenRouter stores canonical slugs)."""

    ignored_models: list[Annotated[str, Field(min_length=1)]] | None = None
    enforce_zdr: bool | None = None
    """Deprecated by OpenRouter; prefer the per-vendor flags (or the seed's ``require_zdr``)."""

    enforce_zdr_anthropic: bool | None = None
    enforce_zdr_openai: bool | None = None
    enforce_zdr_google: bool | None = None
    enforce_zdr_xai: bool | None = None
    enforce_zdr_other: bool | None = None
    enable_free_model_publication: bool | None = None
    enable_free_model_training: bool | None = None
    enable_paid_model_training: bool | None = None
    content_filter_builtins: list[BuiltinFilterRule] | None = None
    content_filters: list[FilterRule] | None = None

    @model_validator(mode="before")
    @classmethod
    def _map_seed_rules(cls, value: Any) -> Any:
        if not isinstance(value, Mapping):
            return value
        live = dict(value)

        def put(seed: str, field: str, new: Any) -> None:
            if field in live and live[field] != new:
                raise ValueError(f"{seed} and {field} both set {field}; give only one")
            live[field] = new

        for seed, interval in _SEED_SPEND.items():
            if seed in live:
                amount = live.pop(seed)
                if isinstance(amount, bool) or not isinstance(amount, (int, float)) or amount < 0:
                    raise ValueError(f"{seed} must be a number of USD >= 0, got {amount!r}")
                put(seed, "limit_usd", amount)
                put(seed, "reset_interval", interval)
        for seed, field in _SEED_RENAMES.items():
            if seed in live:
                put(seed, field, live.pop(seed))
        if "require_zdr" in live:
            required = live.pop("require_zdr")
            if not isinstance(required, bool):
                raise ValueError(f"require_zdr must be true or false, got {required!r}")
            for vendor in _ZDR_VENDORS:
                put("require_zdr", f"enforce_zdr_{vendor}", required)
        return live

    def to_wire(self) -> dict[str, Any]:
        """The request-body fields: only what was set, in OpenRouter's names."""
        return self.model_dump(exclude_unset=True, exclude_none=False)

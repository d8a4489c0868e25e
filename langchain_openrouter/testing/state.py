"""The emulator's in-memory account: keys, credits, guardrails, generations, auth codes.

All mutation goes through :class:`State` under one lock, so the threaded and asyncio servers can
share it. Times come from an injectable clock so tests can move time forward.
"""

from __future__ import annotations

import hashlib
import random
import string
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

__all__ = ["KeyRecord", "State", "iso", "key_hash"]

USER_ID = "user_2EMULATOREMULATOREMULATOR0"
WORKSPACE_ID = "0df9e665-d932-5740-b2c7-b52af166bc11"
ORGANIZATION_ID = "org_emulator"


def key_hash(key: str) -> str:
    """OpenRouter's identifier of a key: the hex SHA-256 of the whole key string."""
    return hashlib.sha256(key.encode()).hexdigest()


def iso(timestamp: float) -> str:
    """ISO-8601 UTC with microseconds, as OpenRouter writes ``created_at``."""
    return datetime.fromtimestamp(timestamp, timezone.utc).isoformat()


def _window_start(now: float, reset: str | None) -> float:
    """Start (epoch seconds) of the UTC day/week/month containing ``now``; 0 for all time."""
    day = datetime.fromtimestamp(now, timezone.utc).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    if reset == "daily":
        return day.timestamp()
    if reset == "weekly":
        return (day - timedelta(days=day.weekday())).timestamp()
    if reset == "monthly":
        return day.replace(day=1).timestamp()
    return 0.0


@dataclass
class KeyRecord:
    """One stored key and its spend."""

    secret: str
    name: str
    management: bool
    created: float
    disabled: bool = False
    limit: float | None = None
    limit_reset: str | None = None
    include_byok_in_limit: bool = False
    updated: float | None = None
    expires_at: str | None = None
    creator_user_id: str = USER_ID
    workspace_id: str = WORKSPACE_ID
    spend: list[tuple[float, float, float]] = field(default_factory=list)

    @property
    def hash(self) -> str:
        """The key's hash (its id in URLs)."""
        return key_hash(self.secret)

    @property
    def label(self) -> str:
        """The masked key, ``sk-or-v1-abc...123``."""
        return f"{self.secret[:12]}...{self.secret[-3:]}"

    def usage(self, now: float, reset: str | None = None, *, byok: bool = False) -> float:
        """Spend (USD) since the start of the ``reset`` window."""
        start = _window_start(now, reset)
        total = sum(b if byok else c for t, c, b in self.spend if t >= start)
        return round(total, 12)

    def limit_remaining(self, now: float) -> float | None:
        """What is left of the key's limit in the current window (``None``: unlimited)."""
        if self.limit is None:
            return None
        used = self.usage(now, self.limit_reset)
        if self.include_byok_in_limit:
            used += self.usage(now, self.limit_reset, byok=True)
        return round(max(0.0, self.limit - used), 12)

    def expired(self, now: float) -> bool:
        """Whether ``expires_at`` has passed."""
        if not self.expires_at:
            return False
        when = datetime.fromisoformat(self.expires_at.replace("Z", "+00:00"))
        return when.timestamp() <= now

    def _usage_fields(self, now: float) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for prefix, byok in (("usage", False), ("byok_usage", True)):
            out[prefix] = self.usage(now, byok=byok)
            for window in ("daily", "weekly", "monthly"):
                out[f"{prefix}_{window}"] = self.usage(now, window, byok=byok)
        return out

    def wire(self, now: float) -> dict[str, Any]:
        """The key object of ``/keys``."""
        return {
            "hash": self.hash,
            "name": self.name,
            "label": self.label,
            "disabled": self.disabled,
            "limit": self.limit,
            "limit_remaining": self.limit_remaining(now),
            "limit_reset": self.limit_reset,
            "include_byok_in_limit": self.include_byok_in_limit,
            **self._usage_fields(now),
            "created_at": iso(self.created),
            "updated_at": iso(self.updated) if self.updated is not None else None,
            "expires_at": self.expires_at,
            "creator_user_id": self.creator_user_id,
            "workspace_id": self.workspace_id,
        }

    def info(self, now: float, free_tier: bool) -> dict[str, Any]:
        """The ``data`` of ``GET /key``."""
        fields = self._usage_fields(now)
        return {
            "label": self.label,
            "limit": self.limit,
            "limit_remaining": self.limit_remaining(now),
            "limit_reset": self.limit_reset,
            "include_byok_in_limit": self.include_byok_in_limit,
            **fields,
            "is_free_tier": free_tier,
            "is_management_key": self.management,
            "is_provisioning_key": self.management,
            "creator_user_id": self.creator_user_id,
            "expires_at": self.expires_at,
            "rate_limit": {
                "requests": -1,
                "interval": "10s",
                "note": "This field is deprecated and safe to ignore.",
            },
        }


class State:
    """The account behind an emulator.

    Args:
        credits: Total credits bought (USD); spend is subtracted from the balance.
        seed: Seeds the ids and keys, so a test sees the same values every run.
        clock: Returns the current epoch seconds.
    """

    def __init__(
        self, *, credits: float = 100.0, seed: int = 0, clock: Callable[[], float] = time.time
    ) -> None:
        self.lock = threading.RLock()
        self.clock = clock
        self.rng = random.Random(seed)  # noqa: S311 - reproducible fake ids, not secrets
        self.total_credits = float(credits)
        self.total_usage = 0.0
        self.keys: dict[str, KeyRecord] = {}
        self.generations: dict[str, dict[str, Any]] = {}
        self.generation_owner: dict[str, str] = {}
        self.guardrails: dict[str, dict[str, Any]] = {}
        self.key_assignments: dict[str, dict[str, Any]] = {}
        self.member_assignments: dict[tuple[str, str], dict[str, Any]] = {}
        self.auth_codes: dict[str, dict[str, Any]] = {}
        self.cache_prefixes: set[str] = set()
        # Response cache (§15.2): request key -> (generation id answered, stored answer).
        self.response_cache: dict[str, tuple[str, Any]] = {}
        # Presets by slug: the body defaults ``@preset/<slug>`` applies (model included).
        self.presets: dict[str, dict[str, Any]] = {}

    def now(self) -> float:
        """The clock's current time."""
        return self.clock()

    def token(self, length: int, alphabet: str = string.ascii_letters + string.digits) -> str:
        """A random string from the seeded generator."""
        with self.lock:
            return "".join(self.rng.choice(alphabet) for _ in range(length))

    def uuid(self) -> str:
        """A random uuid4 string from the seeded generator."""
        with self.lock:
            return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def generation_id(self) -> str:
        """A ``gen-<unix seconds>-<20 alnum>`` id."""
        return f"gen-{int(self.now())}-{self.token(20)}"

    # keys ------------------------------------------------------------------------------------

    def new_key(self, name: str, *, management: bool = False, **fields: Any) -> KeyRecord:
        """Create and store a key (``sk-or-v1-`` + 64 hex)."""
        secret = "sk-or-v1-" + self.token(64, "0123456789abcdef")
        record = KeyRecord(
            secret=secret, name=name, management=management, created=self.now(), **fields
        )
        with self.lock:
            self.keys[record.hash] = record
        return record

    def key_by_secret(self, secret: str) -> KeyRecord | None:
        """The stored key with this secret, if any."""
        return self.keys.get(key_hash(secret))

    def inference_keys(self) -> list[KeyRecord]:
        """Every non-management key, oldest first."""
        return [k for k in self.keys.values() if not k.management]

    # credits ---------------------------------------------------------------------------------

    @property
    def balance(self) -> float:
        """Credits left (USD)."""
        return self.total_credits - self.total_usage

    def charge(self, key: KeyRecord, cost: float, byok_cost: float = 0.0) -> None:
        """Record spend on the account and the key."""
        with self.lock:
            self.total_usage = round(self.total_usage + cost, 12)
            key.spend.append((self.now(), cost, byok_cost))

    # generations and activity ----------------------------------------------------------------

    def record_generation(self, owner: KeyRecord, record: Mapping[str, Any]) -> None:
        """Store what a generation served (the ``data`` of ``GET /generation``)."""
        with self.lock:
            self.generations[record["id"]] = dict(record)
            self.generation_owner[record["id"]] = owner.hash

    def activity(self, key_hashes: Iterable[str] | None, date: str | None) -> list[dict[str, Any]]:
        """``GET /activity`` rows: spend and tokens grouped by UTC day, model and endpoint."""
        wanted = set(key_hashes) if key_hashes is not None else None
        rows: dict[tuple[str, str, str], dict[str, Any]] = {}
        totals: dict[tuple[str, str, str], dict[str, float]] = defaultdict(
            lambda: defaultdict(float)
        )
        oldest = self.now() - 30 * 86400
        with self.lock:
            items = [(g, self.generation_owner.get(i)) for i, g in self.generations.items()]
        for generation, owner in items:
            if wanted is not None and owner not in wanted:
                continue
            created = datetime.fromisoformat(generation["created_at"])
            if created.timestamp() < oldest:
                continue
            day = created.date().isoformat()
            if date is not None and day != date:
                continue
            # Activity names the catalog id (the sample's "anthropic/claude-sonnet-4.5"), where
            # the generation names the model that answered (its dated slug for some models).
            model = generation.get("_model_id", generation["model"])
            group = (day, model, generation["_endpoint_id"])
            rows.setdefault(
                group,
                {
                    "date": day,
                    "model": model,
                    "model_permaslug": generation["_permaslug"],
                    "endpoint_id": generation["_endpoint_id"],
                    "provider_name": generation["provider_name"],
                },
            )
            total = totals[group]
            total["usage"] += generation["total_cost"]
            if generation["is_byok"]:
                total["byok_usage_inference"] += generation["upstream_inference_cost"] or 0.0
            total["requests"] += 1
            total["prompt_tokens"] += generation["tokens_prompt"]
            total["completion_tokens"] += generation["tokens_completion"]
            total["reasoning_tokens"] += generation["native_tokens_reasoning"]
        out = []
        for group in sorted(rows, key=lambda g: (g[0], g[1]), reverse=True):
            row = rows[group]
            total = totals[group]
            row["usage"] = round(total["usage"], 12)
            row["byok_usage_inference"] = round(total["byok_usage_inference"], 12)
            for name in ("requests", "prompt_tokens", "completion_tokens", "reasoning_tokens"):
                row[name] = int(total[name])
            out.append(row)
        return out

    # prompt cache ----------------------------------------------------------------------------

    def cache_lookup(self, prefix_key: str) -> bool:
        """Whether a cache prefix was seen before; marks it seen."""
        with self.lock:
            seen = prefix_key in self.cache_prefixes
            self.cache_prefixes.add(prefix_key)
            return seen

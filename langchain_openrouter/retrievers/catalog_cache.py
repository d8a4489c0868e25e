"""The model catalog, fetched once per base URL and shared by every retriever in the process.

A :class:`Snapshot` is one fetched version of the catalog with everything derived from it (the
facts the constraints test, the BM25 index, the providers of each model), built at most once.
:class:`CatalogCache` keeps one snapshot per (base URL, catalog kind) and refetches it when it is
older than the caller's TTL. Concurrent first calls fetch once: threads wait on a lock per key;
coroutines wait on an ``asyncio.Lock`` per key *and event loop* (an asyncio lock belongs to the
loop it was first awaited on, so ``asyncio.run`` twice must not share one).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
import weakref
from collections.abc import Awaitable, Callable, Sequence
from decimal import Decimal
from functools import cached_property
from typing import Any, Literal

from langchain_openrouter._malformed import reads_answer
from langchain_openrouter._settings import OpenRouterSettings
from langchain_openrouter.errors import MissingAPIKeyError, NotFoundError
from langchain_openrouter.platform._endpoint import Endpoint, asend, send
from langchain_openrouter.platform.models import EMBEDDING_MODELS, LIST_MODELS
from langchain_openrouter.retrievers.constraints import FilterIndex, ModelFacts
from langchain_openrouter.retrievers.ranking import BM25Index
from langchain_openrouter.retrievers.summary import summarize
from langchain_openrouter.types import ModelInfo

__all__ = [
    "CATALOG_CACHE",
    "CatalogCache",
    "CatalogKind",
    "Snapshot",
    "afetch_catalog",
    "afetch_providers",
    "fetch_catalog",
    "fetch_providers",
]

CatalogKind = Literal["chat", "embeddings", "rerank", "all"]
# kind -> output_modalities of its GET /models ("embeddings" asks /embeddings/models instead);
# without it /models lists text-output models.
_MODALITIES: dict[str, str | None] = {"chat": None, "rerank": "rerank", "all": "all"}
_versions = itertools.count(1)


def _authenticate(settings: OpenRouterSettings) -> bool:
    # /models is public; a key, when there is one, is sent (some fields need it).
    try:
        settings.sync_client.config.auth_header()
    except MissingAPIKeyError:
        return False
    return True


def _plain(model: ModelInfo) -> dict[str, Any]:
    """The API's JSON object back from a parsed one: every field it sent, as it sent it.

    Prices come back as the API's decimal strings; ``created`` as its Unix seconds.
    """
    plain = model.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if "created" in plain:
        plain["created"] = int(model.created.timestamp())
    return plain


def _catalog(models: Sequence[ModelInfo]) -> list[dict[str, Any]]:
    return [_plain(m) for m in models]


def fetch_catalog(
    settings: OpenRouterSettings, kind: CatalogKind = "chat", *, timeout: float | None = None
) -> list[dict[str, Any]]:
    """The models of ``GET /models`` or ``GET /embeddings/models`` (§7.1, §9.2), as plain dicts.

    Sent through the same endpoint declarations as
    :func:`~langchain_openrouter.platform.list_models` and
    :func:`~langchain_openrouter.platform.list_embedding_models`, on the settings' own
    connection (key, base URL, retries, headers); a key is sent when there is one (``/models``
    is public).

    Args:
        settings: Connection settings (key, base URL, client, retries).
        kind: ``"chat"`` (``/models``: text-output models), ``"embeddings"``
            (``/embeddings/models``), ``"rerank"`` or ``"all"`` (``/models`` with
            ``output_modalities=rerank`` or ``all``).
        timeout: Seconds this request may take, overriding the settings' timeout.

    Returns:
        The model objects, as the API's plain dicts, in the order the API lists them.

    Raises:
        OpenRouterError: The request failed (after the client's retries).
    """
    endpoint, params = _request(kind)
    models = send(endpoint, settings.sync_client, params=params, timeout=timeout)
    return _catalog(models)


async def afetch_catalog(
    settings: OpenRouterSettings, kind: CatalogKind = "chat", *, timeout: float | None = None
) -> list[dict[str, Any]]:
    """Async :func:`fetch_catalog`."""
    endpoint, params = _request(kind)
    models = await asend(endpoint, settings.async_client, params=params, timeout=timeout)
    return _catalog(models)


def _request(kind: CatalogKind) -> tuple[Endpoint[list[ModelInfo]], dict[str, str] | None]:
    if kind == "embeddings":
        return EMBEDDING_MODELS, None
    modality = _MODALITIES[kind]
    return LIST_MODELS, None if modality is None else {"output_modalities": modality}


def _endpoint_path(model_id: str) -> str:
    return f"/models/{model_id}/endpoints"


@reads_answer("GET /models/{author}/{slug}/endpoints")
def _provider_slugs(body: Any) -> tuple[str, ...]:
    endpoints = ((body or {}).get("data") or {}).get("endpoints") or []
    return tuple(str(e.get("tag") or "").split("/", 1)[0] for e in endpoints if e.get("tag"))


def fetch_providers(settings: OpenRouterSettings, model_id: str) -> tuple[str, ...]:
    """Provider slugs serving a model (``GET /models/{author}/{slug}/endpoints``)."""
    auth = _authenticate(settings)
    try:
        body = settings.sync_client.request_json("GET", _endpoint_path(model_id), authenticate=auth)
    except NotFoundError:
        # A model listed but without endpoints (retired, or a router): no provider serves it.
        return ()
    return _provider_slugs(body)


async def afetch_providers(settings: OpenRouterSettings, model_id: str) -> tuple[str, ...]:
    """Async :func:`fetch_providers`."""
    auth = _authenticate(settings)
    client = settings.async_client
    try:
        body = await client.request_json("GET", _endpoint_path(model_id), authenticate=auth)
    except NotFoundError:
        return ()
    return _provider_slugs(body)


class Snapshot:
    """One version of the catalog and what is derived from it, each built at most once."""

    def __init__(self, models: Sequence[dict[str, Any]], fetched_at: float) -> None:
        self.models = tuple(models)
        self.fetched_at = fetched_at
        self.version = next(_versions)
        self.providers: dict[str, tuple[str, ...]] = {}
        """Model id -> provider slugs, filled on demand by provider constraints."""
        self._lock = threading.Lock()
        self._summaries: dict[int, str] = {}
        self._encoded: dict[int, str] = {}

    @cached_property
    def by_id(self) -> dict[str, dict[str, Any]]:
        """Model by ``id``, and by ``canonical_slug`` where no id is the same string."""
        index: dict[str, dict[str, Any]] = {}
        for model in self.models:
            index[str(model["id"])] = model
        for model in self.models:
            slug = model.get("canonical_slug")
            if isinstance(slug, str) and slug:
                index.setdefault(slug, model)
        return index

    @cached_property
    def facts(self) -> tuple[ModelFacts, ...]:
        """The constraint facts of every model, by catalog position."""
        return tuple(ModelFacts.of(i, m) for i, m in enumerate(self.models))

    @cached_property
    def filters(self) -> FilterIndex:
        """The constraint masks (built at the first search of this version)."""
        return FilterIndex(self.facts)

    @cached_property
    def orders(self) -> dict[str, list[int]]:
        """Catalog positions in each non-relevance sort order (ties keep catalog order)."""
        facts = self.facts
        unknown = Decimal("Infinity")

        def price(f: ModelFacts) -> tuple[Decimal, Decimal, int]:
            prompt = unknown if f.prompt_price is None else f.prompt_price
            completion = unknown if f.completion_price is None else f.completion_price
            return (prompt, completion, f.position)

        return {
            "price": [f.position for f in sorted(facts, key=price)],
            "context_length": [
                f.position for f in sorted(facts, key=lambda f: (-f.context_length, f.position))
            ],
            "newest": [f.position for f in sorted(facts, key=lambda f: (-f.created, f.position))],
        }

    def summary(self, position: int) -> str:
        """The ``page_content`` of the model at ``position`` (made once)."""
        text = self._summaries.get(position)
        if text is None:
            text = self._summaries[position] = summarize(
                self.models[position], self.facts[position]
            )
        return text

    def metadata(self, position: int) -> dict[str, Any]:
        """A fresh deep copy of the model at ``position``: callers may change it freely."""
        encoded = self._encoded.get(position)
        if encoded is None:
            encoded = self._encoded[position] = json.dumps(self.models[position])
        return json.loads(encoded)  # type: ignore[no-any-return]

    @property
    def index(self) -> BM25Index:
        """The BM25 index (tokenised once for this version, whichever thread asks first)."""
        built = self.__dict__.get("_index")
        if built is None:
            with self._lock:
                built = self.__dict__.get("_index")
                if built is None:
                    built = self.__dict__["_index"] = BM25Index(self.models)
        return built


class CatalogCache:
    """Snapshots by (base URL, kind), refetched when older than the caller's TTL.

    Example:
        >>> cache = CatalogCache(clock=lambda: 0.0)
        >>> cache.get("https://x", "chat", 60, lambda: [{"id": "a/b"}]).models
        ({'id': 'a/b'},)
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._snapshots: dict[tuple[str, str], Snapshot] = {}
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._guard = threading.Lock()
        self._loop_locks: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, dict[tuple[str, str], asyncio.Lock]
        ] = weakref.WeakKeyDictionary()

    def _fresh(self, key: tuple[str, str], ttl: float) -> Snapshot | None:
        snapshot = self._snapshots.get(key)
        if snapshot is not None and self.clock() - snapshot.fetched_at < ttl:
            return snapshot
        return None

    def peek(self, base_url: str, kind: str, ttl: float | None = None) -> Snapshot | None:
        """The stored snapshot, without fetching or waiting (``None``: none, or older than ``ttl``).

        For callers that must not block (code running on an event loop's thread).
        """
        if ttl is None:
            return self._snapshots.get((base_url, kind))
        return self._fresh((base_url, kind), ttl)

    def _thread_lock(self, key: tuple[str, str]) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def get(
        self,
        base_url: str,
        kind: str,
        ttl: float,
        fetch: Callable[[], Sequence[dict[str, Any]]],
        *,
        refresh: bool = False,
    ) -> Snapshot:
        """The snapshot for ``base_url``, fetched with ``fetch`` if missing or stale.

        ``refresh=True`` fetches anew, unless another thread refreshed while this one waited.
        """
        key = (base_url, kind)
        seen = self._snapshots.get(key)
        if not refresh and (snapshot := self._fresh(key, ttl)) is not None:
            return snapshot
        with self._thread_lock(key):
            current = self._snapshots.get(key)
            if refresh and current is not None and current is not seen:
                return current
            if not refresh and (snapshot := self._fresh(key, ttl)) is not None:
                return snapshot
            snapshot = Snapshot(fetch(), self.clock())
            self._snapshots[key] = snapshot
            return snapshot

    async def aget(
        self,
        base_url: str,
        kind: str,
        ttl: float,
        fetch: Callable[[], Awaitable[Sequence[dict[str, Any]]]],
        *,
        refresh: bool = False,
    ) -> Snapshot:
        """Async :meth:`get`: coroutines of one event loop fetch once."""
        key = (base_url, kind)
        seen = self._snapshots.get(key)
        if not refresh and (snapshot := self._fresh(key, ttl)) is not None:
            return snapshot
        loop = asyncio.get_running_loop()
        with self._guard:
            lock = self._loop_locks.setdefault(loop, {}).setdefault(key, asyncio.Lock())
        async with lock:
            current = self._snapshots.get(key)
            if refresh and current is not None and current is not seen:
                return current
            if not refresh and (snapshot := self._fresh(key, ttl)) is not None:
                return snapshot
            snapshot = Snapshot(await fetch(), self.clock())
            self._snapshots[key] = snapshot
            return snapshot

    def clear(self) -> None:
        """Forget every snapshot (the next search fetches)."""
        with self._guard:
            self._snapshots.clear()


CATALOG_CACHE = CatalogCache()
"""The process-wide cache every :class:`OpenRouterModelRetriever` shares."""

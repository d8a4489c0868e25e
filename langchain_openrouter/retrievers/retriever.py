"""``OpenRouterModelRetriever``: finds OpenRouter models for a task, as LangChain documents."""

from __future__ import annotations

import asyncio
import datetime
import heapq
import itertools
import math
from collections.abc import Container, Sequence
from typing import Any

from langchain_core.callbacks import (
    AsyncCallbackManagerForRetrieverRun,
    CallbackManagerForRetrieverRun,
)
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field, PrivateAttr

from langchain_openrouter._client.config import resolve_base_url
from langchain_openrouter._settings import OpenRouterSettings
from langchain_openrouter.retrievers.catalog_cache import (
    CATALOG_CACHE,
    CatalogKind,
    Snapshot,
    afetch_catalog,
    afetch_providers,
    fetch_catalog,
    fetch_providers,
)
from langchain_openrouter.retrievers.constraints import Candidates, SearchOptions, served_by
from langchain_openrouter.retrievers.query import ParsedQuery, parse_query
from langchain_openrouter.retrievers.ranking import tokenize

__all__ = ["OpenRouterModelRetriever"]

_OPTION_NAMES = frozenset(SearchOptions.model_fields)
_LIST_OPTIONS = ("supported_parameters", "input_modalities", "output_modalities")
# Concurrent endpoint look-ups of the async provider filter.
_PROVIDER_CONCURRENCY = 8


class OpenRouterModelRetriever(OpenRouterSettings, SearchOptions, BaseRetriever):
    """Finds OpenRouter models for a task; each result is a model, as a ``Document``.

    The catalog comes from ``GET /models`` (``GET /embeddings/models`` with
    ``catalog="embeddings"``; reference §7.1, §9.2), fetched at the first search and shared by
    every retriever of the process for ``cache_ttl`` seconds. Models that fail a hard
    constraint are dropped; the rest are ranked by BM25 over id, name, description and tags
    (blended with embedding similarity when ``embeddings`` is given) or sorted by ``sort``.

    Constraint words in the query count too (see
    :mod:`langchain_openrouter.retrievers.query`): ``"free reasoning model, 128k"`` needs no
    fields. Query constraints add to the fields: lists are joined, limits take the tighter
    value, and a query sort word applies when ``sort`` is ``"relevance"``. Every field can be
    overridden for one call: ``retriever.invoke(query, k=2, free_only=True)``.

    Each document's ``page_content`` is a readable summary (name, description, context,
    prices in USD per million tokens, capabilities); its ``metadata`` is the catalog's model
    object as plain JSON (so ``ChatOpenRouter(model=doc.metadata["id"])`` works) plus
    ``metadata["retrieval"]``: ``rank``, ``score``, ``sort`` and ``understood`` (the query
    phrases taken as constraints).

    Example:
        .. code-block:: python

            from langchain_openrouter import OpenRouterModelRetriever

            retriever = OpenRouterModelRetriever(k=3)
            for doc in retriever.invoke("cheap model with tools and vision, 100k context"):
                print(doc.metadata["id"], doc.metadata["pricing"]["prompt"])

    Raises:
        pydantic.ValidationError: A field or per-call option with a wrong name or value (the
            message names it), before any request.
        OpenRouterError: The catalog request failed.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True, arbitrary_types_allowed=True)

    catalog: CatalogKind = "chat"
    """Which catalog to search: ``chat`` (``/models``, the default), ``embeddings``
    (``/embeddings/models``), ``rerank`` or ``all`` (every output modality)."""

    parse_query: bool = True
    """Read constraint words in the query (``"free"``, ``"128k"``, ``"under $1/M"`` ...)."""

    embeddings: Embeddings | None = Field(default=None, exclude=True)
    """Optional embeddings model; its similarity is blended with BM25 (vectors of the
    catalog are computed once per catalog version)."""

    embedding_weight: float = Field(default=0.5, ge=0.0, le=1.0)
    """Share of embedding similarity in the relevance score (0: BM25 only, 1: vectors only)."""

    cache_ttl: float = Field(default=3600.0, ge=0.0)
    """Seconds a fetched catalog stays fresh (shared by every retriever of the process)."""

    _vectors: tuple[int, list[list[float]]] | None = PrivateAttr(default=None)

    @property
    def base_url(self) -> str:
        """The API base URL searches fetch the catalog from."""
        return resolve_base_url(self.openrouter_api_base)

    # --- the catalog ---------------------------------------------------------------------

    def snapshot(self, *, refresh: bool = False) -> Snapshot:
        """The current catalog version, fetched if missing or older than ``cache_ttl``."""
        return CATALOG_CACHE.get(
            self.base_url,
            self.catalog,
            self.cache_ttl,
            lambda: fetch_catalog(self, self.catalog),
            refresh=refresh,
        )

    async def asnapshot(self, *, refresh: bool = False) -> Snapshot:
        """Async :meth:`snapshot`."""
        return await CATALOG_CACHE.aget(
            self.base_url,
            self.catalog,
            self.cache_ttl,
            lambda: afetch_catalog(self, self.catalog),
            refresh=refresh,
        )

    def refresh(self) -> None:
        """Fetch the catalog now (for every retriever sharing this base URL)."""
        self.snapshot(refresh=True)

    async def arefresh(self) -> None:
        """Async :meth:`refresh`."""
        await self.asnapshot(refresh=True)

    # --- searching -----------------------------------------------------------------------

    def _options(self, query: str, overrides: dict[str, Any]) -> tuple[SearchOptions, ParsedQuery]:
        if not isinstance(query, str):
            raise TypeError(
                f"query must be a str such as 'cheap model with tools', got {type(query).__name__}"
            )
        overrides = {k: v for k, v in overrides.items() if k != "verbose"}
        unknown = sorted(set(overrides) - _OPTION_NAMES)
        if unknown:
            raise TypeError(
                f"OpenRouterModelRetriever got unknown search option(s) {unknown}; "
                f"valid options are {sorted(_OPTION_NAMES)}"
            )
        values = {name: getattr(self, name) for name in _OPTION_NAMES}
        values.update(overrides)
        parsed = parse_query(query) if self.parse_query else ParsedQuery(terms=_terms(query))
        for name, value in parsed.constraints.items():
            if name in _LIST_OPTIONS:
                values[name] = [*values[name], *(v for v in value if v not in values[name])]
            elif name == "sort":
                if values["sort"] == "relevance" and "sort" not in overrides:
                    values["sort"] = value
            elif name == "min_context_length":
                values[name] = max(value, values[name] or 0)
            elif name in ("max_prompt_price", "max_completion_price"):
                values[name] = value if values[name] is None else min(value, values[name])
            else:
                values[name] = values[name] or value
        return SearchOptions.model_validate(values), parsed

    def _candidates(self, snapshot: Snapshot, options: SearchOptions) -> Candidates:
        today = datetime.datetime.now(datetime.timezone.utc).date()
        return snapshot.filters.select(options, today)

    def _rank(
        self,
        snapshot: Snapshot,
        candidates: Candidates,
        options: SearchOptions,
        parsed: ParsedQuery,
        query_vector: list[float] | None,
        vectors: list[list[float]] | None,
    ) -> list[Document]:
        scores = snapshot.index.scores(parsed.terms)
        if query_vector is not None and vectors is not None:
            scores = _blend(scores, candidates, query_vector, vectors, self.embedding_weight)
        if options.sort == "relevance":
            positions = _top_by_score(candidates, scores, options.k)
        else:
            # "newest openai model": the sort orders the models the words are about.
            matching = set(candidates.among(scores))
            allowed: Container[int] = matching or candidates
            order = snapshot.orders[options.sort]
            positions = list(itertools.islice((p for p in order if p in allowed), options.k))
        understood = [dict(u) for u in parsed.understood]
        documents = []
        for rank, position in enumerate(positions, start=1):
            metadata = snapshot.metadata(position)
            metadata["retrieval"] = {
                "rank": rank,
                "score": round(scores.get(position, 0.0), 6),
                "sort": options.sort,
                "terms": list(parsed.terms),
                "understood": [dict(u) for u in understood],
            }
            documents.append(Document(page_content=snapshot.summary(position), metadata=metadata))
        return documents

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[Document]:
        options, parsed = self._options(query, kwargs)
        snapshot = self.snapshot()
        candidates = self._candidates(snapshot, options)
        if options.providers or options.exclude_providers:
            for position in candidates.positions():
                model_id = snapshot.facts[position].id
                if model_id not in snapshot.providers:
                    snapshot.providers[model_id] = fetch_providers(self, model_id)
            candidates = candidates.keep(lambda f: served_by(snapshot.providers[f.id], options))
        query_vector = vectors = None
        if self.embeddings is not None and options.sort == "relevance" and candidates:
            vectors = self._catalog_vectors(self.embeddings, snapshot)
            query_vector = self.embeddings.embed_query(query)
        return self._rank(snapshot, candidates, options, parsed, query_vector, vectors)

    async def _aget_relevant_documents(
        self, query: str, *, run_manager: AsyncCallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[Document]:
        options, parsed = self._options(query, kwargs)
        snapshot = await self.asnapshot()
        candidates = self._candidates(snapshot, options)
        if options.providers or options.exclude_providers:
            ids = [snapshot.facts[p].id for p in candidates.positions()]
            missing = [i for i in ids if i not in snapshot.providers]
            bound = asyncio.Semaphore(_PROVIDER_CONCURRENCY)

            async def look_up(model_id: str) -> None:
                async with bound:
                    snapshot.providers[model_id] = await afetch_providers(self, model_id)

            await asyncio.gather(*(look_up(m) for m in missing))
            candidates = candidates.keep(lambda f: served_by(snapshot.providers[f.id], options))
        query_vector = vectors = None
        if self.embeddings is not None and options.sort == "relevance" and candidates:
            vectors = await self._acatalog_vectors(self.embeddings, snapshot)
            query_vector = await self.embeddings.aembed_query(query)
        return self._rank(snapshot, candidates, options, parsed, query_vector, vectors)

    # --- embeddings ----------------------------------------------------------------------

    def _catalog_vectors(self, embeddings: Embeddings, snapshot: Snapshot) -> list[list[float]]:
        if self._vectors is None or self._vectors[0] != snapshot.version:
            self._vectors = (snapshot.version, embeddings.embed_documents(_texts(snapshot)))
        return self._vectors[1]

    async def _acatalog_vectors(
        self, embeddings: Embeddings, snapshot: Snapshot
    ) -> list[list[float]]:
        if self._vectors is None or self._vectors[0] != snapshot.version:
            vectors = await embeddings.aembed_documents(_texts(snapshot))
            self._vectors = (snapshot.version, vectors)
        return self._vectors[1]


def _texts(snapshot: Snapshot) -> list[str]:
    return [snapshot.summary(position) for position in range(len(snapshot.models))]


def _terms(query: str) -> list[str]:
    return tokenize(query)


def _cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=False))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


def _blend(
    scores: dict[int, float],
    candidates: Candidates,
    query_vector: list[float],
    vectors: list[list[float]],
    weight: float,
) -> dict[int, float]:
    # BM25 scores are unbounded: scale them to [0, 1] by the best candidate before mixing.
    positions = list(candidates.positions())
    top = max((scores.get(p, 0.0) for p in positions), default=0.0) or 1.0
    return {
        p: (1 - weight) * scores.get(p, 0.0) / top + weight * _cosine(query_vector, vectors[p])
        for p in positions
    }


def _top_by_score(candidates: Candidates, scores: dict[int, float], k: int) -> list[int]:
    """The ``k`` best positions: scored models by score, then the rest in catalog order."""
    scored = candidates.among(scores)
    best = heapq.nsmallest(k, scored, key=lambda p: (-scores[p], p))
    if len(best) < k:
        rest = (p for p in candidates.positions() if p not in scores)
        best += itertools.islice(rest, k - len(best))
    return best

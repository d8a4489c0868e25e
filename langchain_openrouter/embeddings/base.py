"""``OpenRouterEmbeddings``: the fields, their checks, and the four LangChain methods.

:mod:`.wire` decides everything (inputs, bodies, parsing, reassembly); the methods here only
send each batch, sequentially in sync code and ``max_concurrency`` at a time in async code.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, Literal

from langchain_core.embeddings import Embeddings
from pydantic import ConfigDict, Field, PrivateAttr, field_validator

from langchain_openrouter._settings import OpenRouterSettings
from langchain_openrouter.embeddings.wire import (
    Batch,
    EmbeddingJob,
    EmbeddingUsage,
    prepare_inputs,
)
from langchain_openrouter.routing import ProviderPreferences, check_option

__all__ = ["OpenRouterEmbeddings"]

EMBEDDINGS_PATH = "/embeddings"
CACHE_HEADER = "X-OpenRouter-Cache"


class OpenRouterEmbeddings(OpenRouterSettings, Embeddings):
    """Embeddings from any of OpenRouter's embedding models (``POST /embeddings``, §9.1).

    Setup: ``export OPENROUTER_API_KEY=sk-or-v1-...`` (read at the first request). The
    connection settings are those of ``ChatOpenRouter``: ``api_key``, ``base_url``,
    ``timeout`` (seconds), ``max_retries``, ``default_headers``, ``http_client``,
    ``http_async_client``, ``app_url``, ``app_title``, ``app_categories``.

    Long lists are sent ``chunk_size`` inputs per request; the async methods keep up to
    ``max_concurrency`` requests in flight. Vectors always come back in your order (placed by
    each item's ``index``), as lists of floats whatever ``encoding_format`` travelled.

    Inputs are checked before anything is sent: an empty string (OpenRouter refuses it) raises
    :class:`~langchain_openrouter.embeddings.EmbeddingInputError`, and a text longer than
    ``embedding_ctx_length`` tokens raises
    :class:`~langchain_openrouter.embeddings.InputTooLongError`, each naming the input's index
    (``truncate_inputs=True`` cuts long texts instead). A failed request raises the typed error
    of :mod:`langchain_openrouter.errors`, with ``input_range`` naming the inputs it covered and
    ``partial`` the vectors received before it (``None`` for the rest).

    Usage and cost (USD, OpenRouter's ``usage.cost``) of the last call are in
    :attr:`last_usage`; every request is also reported to the package's usage hook, which the
    cost callback reads.

    Example:
        .. code-block:: python

            from langchain_openrouter import OpenRouterEmbeddings

            embeddings = OpenRouterEmbeddings(model="openai/text-embedding-3-small")
            vectors = embeddings.embed_documents(["first text", "second text"])
            query = embeddings.embed_query("what is the first text about?")
            print(len(vectors), len(query), embeddings.last_usage.cost)
    """

    model_config = ConfigDict(
        populate_by_name=True, arbitrary_types_allowed=True, protected_namespaces=()
    )

    model: str = Field(default="openai/text-embedding-3-small", min_length=1)
    """Embedding model id, e.g. ``"openai/text-embedding-3-small"``."""

    dimensions: int | None = Field(default=None, ge=1)
    """Shorten vectors to this many values (models that support it); ``None``: native size."""

    encoding_format: Literal["float", "base64"] | None = None
    """How vectors travel: ``"float"`` (JSON numbers) or ``"base64"`` (little-endian float32,
    about a third of the bytes). You get floats either way. ``None``: not sent (floats)."""

    input_type: str | None = None
    """Provider-specific input kind, e.g. ``"search_document"``; sent by ``embed_documents``."""

    query_input_type: str | None = None
    """``input_type`` sent by ``embed_query`` instead, e.g. ``"search_query"``; default
    ``input_type``."""

    provider: dict[str, Any] | ProviderPreferences | None = Field(
        default=None, union_mode="left_to_right"
    )
    """Provider routing preferences (§2.7), a dict or
    :class:`~langchain_openrouter.routing.ProviderPreferences`, checked like chat's; stored as
    the JSON sent, e.g. ``{"order": ["openai"]}``."""

    user: str | None = None
    """Stable id of your end user, for abuse isolation."""

    extra_body: dict[str, Any] | None = None
    """Merged into every request body last: fields this class does not know yet."""

    chunk_size: int = Field(default=100, ge=1)
    """Inputs per request."""

    max_concurrency: int = Field(default=8, ge=1)
    """Requests in flight at once in ``aembed_documents``."""

    embedding_ctx_length: int = Field(default=8191, ge=1)
    """Maximum tokens per input, counted with the model family's tokenizer (``cl100k_base`` for
    OpenAI's embedding models; an estimate for other models). OpenAI's embedding models take
    8191."""

    check_embedding_ctx_length: bool = True
    """Count tokens before sending; ``False`` sends every text as is (the API decides)."""

    truncate_inputs: bool = False
    """Cut texts over ``embedding_ctx_length`` to that many tokens instead of raising."""

    response_cache: bool = False
    """Ask OpenRouter to answer repeated identical requests from its cache (header
    ``X-OpenRouter-Cache: true``, §15.2); a hit costs nothing. Per call too:
    ``embed_documents(texts, response_cache=True)``."""

    _last_usage: EmbeddingUsage = PrivateAttr(default_factory=EmbeddingUsage)

    @field_validator("provider", mode="before")
    @classmethod
    def _check_provider(cls, value: Any) -> Any:
        return None if value is None else check_option("provider", value)

    @property
    def last_usage(self) -> EmbeddingUsage:
        """Usage and cost of the most recent ``embed_*`` call on this instance.

        Summed over the call's requests (those answered before a failure, when one failed);
        zeros before the first call. With calls running
        concurrently on one instance it is whichever finished last: use the usage hook to
        count each request.
        """
        return self._last_usage

    def _params(self, *, query: bool) -> dict[str, Any]:
        input_type = (self.query_input_type or self.input_type) if query else self.input_type
        fields = {
            "model": self.model,
            "encoding_format": self.encoding_format,
            "dimensions": self.dimensions,
            "input_type": input_type,
            "provider": self.provider,
            "user": self.user,
        }
        params = {name: value for name, value in fields.items() if value is not None}
        return {**params, **(self.extra_body or {})}

    def _job(self, texts: list[str], *, query: bool, chunk_size: int | None) -> EmbeddingJob:
        size = self.chunk_size if chunk_size is None else chunk_size
        if size < 1:
            raise ValueError(f"chunk_size must be >= 1, got {size}")
        limit = self.embedding_ctx_length if self.check_embedding_ctx_length else None
        inputs = prepare_inputs(texts, limit=limit, truncate=self.truncate_inputs, model=self.model)
        return EmbeddingJob.plan(inputs, params=self._params(query=query), chunk_size=size)

    def _headers(self, response_cache: bool | None) -> dict[str, str] | None:
        cache = self.response_cache if response_cache is None else response_cache
        return {CACHE_HEADER: "true"} if cache else None

    # sync ---------------------------------------------------------------------------------

    def _embed(
        self, texts: list[str], *, query: bool, chunk_size: int | None, response_cache: bool | None
    ) -> list[list[float]]:
        job = self._job(texts, query=query, chunk_size=chunk_size)
        if not job.batches:
            self._last_usage = job.usage_summary()  # this call sent nothing
            return []
        headers = self._headers(response_cache)
        client = self.sync_client
        try:
            for batch in job.batches:
                with job.sending(batch):
                    body = client.request_json(
                        "POST", EMBEDDINGS_PATH, json=batch.body, headers=headers
                    )
                    job.absorb(batch, body)
        finally:
            # What was answered before a failure was billed: it counts.
            self._last_usage = job.usage_summary()
        return job.result()

    def embed_documents(
        self,
        texts: list[str],
        *,
        chunk_size: int | None = None,
        response_cache: bool | None = None,
    ) -> list[list[float]]:
        """Embed texts; one vector per text, in the same order.

        Args:
            texts: Non-empty strings. An empty list returns ``[]`` without a request.
            chunk_size: Inputs per request for this call (default: the field).
            response_cache: Override the ``response_cache`` field for this call.

        Returns:
            One list of floats per text.

        Raises:
            EmbeddingInputError: An input is empty or not a string (before any request).
            InputTooLongError: An input is over ``embedding_ctx_length`` tokens.
            langchain_openrouter.errors.APIStatusError: A request failed; ``input_range`` on
                the error names the inputs it covered, ``partial`` holds the vectors received
                (``None`` for the rest).

        Example:
            .. code-block:: python

                vectors = embeddings.embed_documents(["a cat", "a dog"], chunk_size=1)
        """
        return self._embed(texts, query=False, chunk_size=chunk_size, response_cache=response_cache)

    def embed_query(self, text: str, *, response_cache: bool | None = None) -> list[float]:
        """Embed one search query (sent with ``query_input_type`` when set).

        Raises:
            EmbeddingInputError: ``text`` is empty.
        """
        return self._embed([text], query=True, chunk_size=1, response_cache=response_cache)[0]

    # async --------------------------------------------------------------------------------

    async def _aembed(
        self, texts: list[str], *, query: bool, chunk_size: int | None, response_cache: bool | None
    ) -> list[list[float]]:
        job = self._job(texts, query=query, chunk_size=chunk_size)
        if not job.batches:
            self._last_usage = job.usage_summary()  # this call sent nothing
            return []
        headers = self._headers(response_cache)
        client = self.async_client
        pending = iter(job.batches)

        async def send(batch: Batch) -> None:
            with job.sending(batch):
                body = await client.request_json(
                    "POST", EMBEDDINGS_PATH, json=batch.body, headers=headers
                )
                job.absorb(batch, body)

        async def worker() -> None:
            # Workers share one iterator: at most max_concurrency requests are ever in flight.
            for batch in pending:
                await send(batch)

        try:
            await self._run_workers(worker, min(self.max_concurrency, len(job.batches)))
        finally:
            self._last_usage = job.usage_summary()
        return job.result()

    @staticmethod
    async def _run_workers(worker: Callable[[], Awaitable[None]], count: int) -> None:
        if count == 1:
            await worker()
            return
        tasks = [asyncio.ensure_future(worker()) for _ in range(count)]
        try:
            await asyncio.gather(*tasks)
        except BaseException:
            # One request failed (or we were cancelled): stop the others rather than leave
            # them running against the API.
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise

    async def aembed_documents(
        self,
        texts: list[str],
        *,
        chunk_size: int | None = None,
        response_cache: bool | None = None,
    ) -> list[list[float]]:
        """Async :meth:`embed_documents`: up to ``max_concurrency`` requests at once."""
        return await self._aembed(
            texts, query=False, chunk_size=chunk_size, response_cache=response_cache
        )

    async def aembed_query(self, text: str, *, response_cache: bool | None = None) -> list[float]:
        """Async :meth:`embed_query`."""
        vectors = await self._aembed(
            [text], query=True, chunk_size=1, response_cache=response_cache
        )
        return vectors[0]

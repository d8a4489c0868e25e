"""``OpenRouterRerank``: reorder documents by relevance to a query over ``POST /rerank``.

The request body is built and the answer parsed by pure functions (:func:`build_rerank_body`,
:func:`parse_rerank_response`, :func:`reranked_documents`) that the sync and async paths share;
only the line that sends differs.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeAlias

from langchain_core.callbacks import Callbacks
from langchain_core.documents import BaseDocumentCompressor, Document
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from langchain_openrouter import _usage
from langchain_openrouter._malformed import reads_answer
from langchain_openrouter._settings import OpenRouterSettings
from langchain_openrouter.errors import OpenRouterError
from langchain_openrouter.routing import ProviderPreferences, check_option

__all__ = [
    "INDEX_KEY",
    "SCORE_KEY",
    "OpenRouterRerank",
    "RerankInput",
    "RerankResponse",
    "RerankResult",
    "RerankResultDocument",
    "RerankUsage",
    "build_rerank_body",
    "parse_rerank_response",
    "reranked_documents",
]

logger = logging.getLogger("langchain_openrouter")

RERANK_PATH = "/rerank"
SCORE_KEY = "relevance_score"
"""Metadata key of a reranked document's score (a float; higher is more relevant)."""
INDEX_KEY = "rerank_index"
"""Metadata key of a reranked document's position in the input list (0-based). Not ``index``,
which document loaders and splitters often use for a chunk number of their own."""

# A scheme alone is not an image: an http(s) URL needs a host, a data URI a base64 payload.
_IMAGE_PATTERN = re.compile(r"https?://[^/?#\s]+.*|data:image/[^,]*;base64,\S+", re.DOTALL)

RerankInput: TypeAlias = str | Document | Mapping[str, Any]
"""One document to rerank: a string, a LangChain ``Document``, or ``{"text"?, "image"?}``."""


class RerankResultDocument(BaseModel):
    """The input document as the answer echoes it (text and/or image)."""

    model_config = ConfigDict(extra="allow")

    text: str | None = None
    image: str | None = None


class RerankResult(BaseModel):
    """One ranked document.

    Attributes:
        index: Position of the document in the request's ``documents`` (0-based).
        relevance_score: Relevance to the query; higher is more relevant (``[0, 1]`` for the
            models seen so far).
        document: The document as echoed by OpenRouter, when it echoes it.
    """

    model_config = ConfigDict(extra="allow")

    index: int
    relevance_score: float
    document: RerankResultDocument | None = None


class RerankUsage(BaseModel):
    """Usage of one ``/rerank`` request; every field is optional on the wire.

    Attributes:
        cost: What the request cost, in USD.
        search_units: Billed search units (a query over up to 100 documents, on Cohere).
        total_tokens: Tokens read by the reranker.
    """

    model_config = ConfigDict(extra="allow")

    cost: float | None = None
    search_units: int | None = None
    total_tokens: int | None = None


class RerankResponse(BaseModel):
    """The answer of ``POST /rerank``, results ordered by ``relevance_score``, highest first.

    Attributes:
        id: Generation id (``gen-...``), usable with ``GET /generation``.
        model: The model that answered.
        provider: The provider that served it.
        results: The ranked documents (at most ``top_n``).
        usage: Usage and cost, when OpenRouter sent them.
    """

    model_config = ConfigDict(extra="allow")

    id: str | None = None
    model: str | None = None
    provider: str | None = None
    results: list[RerankResult] = Field(default_factory=list)
    usage: RerankUsage | None = None


def _check_query(query: Any) -> str:
    if not isinstance(query, str):
        raise TypeError(f"query must be a non-empty string, got {type(query).__name__}")
    if not query.strip():
        raise ValueError(f"query must be a non-empty string, got {query!r}")
    return query


def _image(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise TypeError(
            f"{where} must be an http(s) image URL or a data:image/...;base64,... URI, "
            f"got {type(value).__name__}"
        )
    if not _IMAGE_PATTERN.fullmatch(value):
        raise ValueError(
            f"{where} must be an http(s) image URL or a data:image/...;base64,... URI, "
            f"got {str(value)[:60]!r}"
        )
    return value


def _document_payload(document: Any, index: int, image_key: str) -> str | dict[str, str]:
    """One entry of the request's ``documents``: a plain string unless an image comes along."""
    where = f"documents[{index}]"
    if isinstance(document, str):
        return document
    if isinstance(document, Document):
        text: str | None = document.page_content
        image = document.metadata.get(image_key)
        field = f"{where}.metadata[{image_key!r}]"
        if image is None and document.page_content.startswith("data:image/"):
            text, image, field = None, document.page_content, f"{where}.page_content"
        if image is None:
            return document.page_content
        payload = {"image": _image(image, field)}
        return {"text": text, **payload} if text else payload
    if isinstance(document, Mapping):
        text, image = document.get("text"), document.get("image")
        if text is not None and not isinstance(text, str):
            raise TypeError(f"{where}['text'] must be a string, got {type(text).__name__}")
        if text is None and image is None:
            raise ValueError(f"{where} needs a 'text' or an 'image' key (or pass a string)")
        payload = {"text": text} if text is not None else {}
        if image is not None:
            payload["image"] = _image(image, f"{where}['image']")
        return payload
    raise TypeError(
        f"{where} must be a string, a Document or a {{'text', 'image'}} mapping, "
        f"got {type(document).__name__}"
    )


def build_rerank_body(
    model: str,
    query: str,
    documents: Sequence[RerankInput],
    *,
    top_n: int | None = None,
    image_key: str = "image",
    **fields: Any,
) -> dict[str, Any]:
    """The JSON body of ``POST /rerank`` (pure; raises before anything is sent).

    Text-only documents go as plain strings; a document with an image goes as
    ``{"text"?, "image"}`` (reference §15.1).

    Args:
        model: The rerank model id.
        query: What the documents are ranked against (non-empty).
        documents: At least one document.
        top_n: How many results to ask for (>= 1); more than there are documents asks for all.
        image_key: Metadata key holding a ``Document``'s image URL or data URI.
        **fields: Other body fields (``provider``, ``session_id``, ``trace``, ``user``...);
            ``None`` values are left out.

    Returns:
        The body.

    Raises:
        TypeError: A query, document list, document or ``top_n`` of the wrong type (a single
            string or mapping in place of the list included).
        ValueError: An empty query or document list, ``top_n`` < 1, or a malformed document
            (its index named).

    Example:
        >>> build_rerank_body("cohere/rerank-v3.5", "apples", ["pears", "apples"], top_n=5)
        {'model': 'cohere/rerank-v3.5', 'query': 'apples', 'documents': ['pears', 'apples'], \
'top_n': 2}
    """
    _check_query(query)
    if isinstance(documents, (str, Mapping, Document)) or not isinstance(documents, Iterable):
        # Iterating one of these would rank its characters or keys, one request per mistake.
        raise TypeError(
            "documents must be a list of strings, Documents or {'text', 'image'} mappings, "
            f"got {type(documents).__name__}; wrap a single document in a list"
        )
    if not documents:
        raise ValueError("documents must hold at least one document")
    if top_n is not None and (isinstance(top_n, bool) or not isinstance(top_n, int)):
        raise TypeError(f"top_n must be an integer >= 1 (or None for all), got {top_n!r}")
    if top_n is not None and top_n < 1:
        raise ValueError(f"top_n must be an integer >= 1 (or None for all), got {top_n!r}")
    body: dict[str, Any] = {
        "model": model,
        "query": query,
        "documents": [_document_payload(d, i, image_key) for i, d in enumerate(documents)],
    }
    if top_n is not None:
        body["top_n"] = min(top_n, len(documents))
    body.update({name: value for name, value in fields.items() if value is not None})
    return body


@reads_answer("POST /rerank")
def parse_rerank_response(body: Any, document_count: int) -> RerankResponse:
    """A ``/rerank`` answer as a :class:`RerankResponse`, results sorted highest score first.

    The reference does not say the results arrive sorted, so they are sorted here (ties keep
    the input order).

    Args:
        body: The decoded JSON answer.
        document_count: How many documents were sent (to check each ``index``).

    Raises:
        OpenRouterError: The answer is not a rerank response, or an ``index`` points outside
            the documents sent.

    Example:
        >>> parse_rerank_response(
        ...     {"results": [{"index": 0, "relevance_score": 0.1},
        ...                  {"index": 1, "relevance_score": 0.9}]}, 2
        ... ).results[0].index
        1
    """
    try:
        response = RerankResponse.model_validate(body)
    except ValidationError as exc:
        raise OpenRouterError(
            f"OpenRouter's /rerank answer is not a rerank response: {exc}"
        ) from exc
    for result in response.results:
        if not 0 <= result.index < document_count:
            raise OpenRouterError(
                f"OpenRouter's /rerank answer ranks document {result.index}, but only "
                f"{document_count} were sent (generation id {response.id!r})"
            )
    response.results.sort(key=lambda r: (-r.relevance_score, r.index))
    return response


def reranked_documents(documents: Sequence[Document], response: RerankResponse) -> list[Document]:
    """The ranked documents, copied, with :data:`SCORE_KEY` and :data:`INDEX_KEY` in metadata.

    Example:
        >>> docs = [Document("pears"), Document("apples")]
        >>> ranked = reranked_documents(
        ...     docs, RerankResponse(results=[RerankResult(index=1, relevance_score=0.9)])
        ... )
        >>> ranked[0].page_content, ranked[0].metadata
        ('apples', {'relevance_score': 0.9, 'rerank_index': 1})
    """
    out = []
    for result in response.results:
        source = documents[result.index]
        metadata = {**source.metadata, SCORE_KEY: result.relevance_score, INDEX_KEY: result.index}
        out.append(source.model_copy(update={"metadata": metadata}))
    return out


def _report_rerank_usage(response: RerankResponse, requested_model: str) -> None:
    """Hand one request's usage to the process-wide usage hook (kind ``"rerank"``).

    One place for it, so that cost tracking sees every rerank request, sync or async.
    """
    usage = response.usage.model_dump(exclude_none=True) if response.usage else {}
    _usage.report("rerank", response.model or requested_model, usage, response.id)


class OpenRouterRerank(OpenRouterSettings, BaseDocumentCompressor):
    """Rerank documents with OpenRouter's rerank models (``POST /rerank``, reference §15.1).

    A LangChain document compressor: :meth:`compress_documents` returns the documents ordered
    by relevance to the query, highest first, each a copy with ``metadata["relevance_score"]``
    (float, higher is more relevant) and ``metadata["rerank_index"]`` (its position in the
    input list). Outside LangChain, :meth:`rerank` returns the typed :class:`RerankResponse`.

    Connection settings are the shared ones: ``api_key`` (default ``OPENROUTER_API_KEY``),
    ``base_url``, ``timeout`` (seconds), ``max_retries``, ``default_headers``,
    ``http_client``, ``http_async_client``, ``app_url``, ``app_title``, ``app_categories``.
    Usage and cost (USD) of the last request are in :attr:`last_usage`.

    Images: a ``Document`` whose ``metadata["image"]`` (see ``image_key``) holds an http(s) URL
    or a ``data:image/...`` URI, or whose ``page_content`` is such a data URI, is sent as
    ``{"text", "image"}``; text-only documents go as plain strings. Only models whose input
    modalities include images accept them (others answer 404).

    Where the wire reference leaves a detail unconfirmed, this class chooses:

    * which ids are rerank models is unconfirmed (the catalog marks them by output modality):
      ``model`` is required and sent as given; OpenRouter's answer says if it is not one;
    * the order of ``results`` is unconfirmed: they are sorted here by ``relevance_score``,
      highest first, ties in input order;
    * every ``usage`` field is optional: :class:`RerankUsage` keeps whatever arrives.

    Errors: ``ValueError`` for bad input (empty query, ``top_n`` < 1, a malformed document;
    raised before any request); the typed errors of :mod:`langchain_openrouter.errors` for
    OpenRouter's answers (``BadRequestError`` for an unknown or non-rerank model,
    ``NotFoundError`` for images sent to a text-only model, ``InsufficientCreditsError``...).

    Example:
        .. code-block:: python

            from langchain_core.documents import Document
            from langchain_openrouter import OpenRouterRerank

            reranker = OpenRouterRerank(model="cohere/rerank-v3.5", top_n=2)
            docs = [Document("Paris is in France"), Document("Bananas are yellow")]
            for doc in reranker.compress_documents(docs, "Which city is in France?"):
                print(doc.metadata["relevance_score"], doc.page_content)
            print(reranker.last_usage.cost)  # USD
    """

    model_config = ConfigDict(populate_by_name=True, arbitrary_types_allowed=True)

    model: str = Field(min_length=1)
    """Rerank model id, e.g. ``"cohere/rerank-v3.5"``."""

    top_n: int | None = Field(default=None, ge=1)
    """How many documents to return; ``None`` returns them all, reordered."""

    provider: dict[str, Any] | ProviderPreferences | None = Field(
        default=None, union_mode="left_to_right"
    )
    """Provider routing preferences (§2.7), a dict or
    :class:`~langchain_openrouter.routing.ProviderPreferences`, checked like chat's; stored as
    the JSON sent, e.g. ``{"order": ["openai"]}``."""

    session_id: str | None = None
    """Groups requests (logs, sticky routing); at most 256 characters."""

    trace: Mapping[str, Any] | None = None
    """Observability metadata forwarded to broadcast destinations."""

    user: str | None = None
    """Stable id of your end user, for abuse isolation."""

    image_key: str = Field(default="image", min_length=1)
    """Metadata key of a ``Document``'s image (http(s) URL or ``data:image/...`` URI)."""

    extra_body: Mapping[str, Any] | None = None
    """Merged into every request body last: fields this class does not know yet."""

    _last_usage: RerankUsage | None = PrivateAttr(default=None)

    @field_validator("provider", mode="before")
    @classmethod
    def _check_provider(cls, value: Any) -> Any:
        return None if value is None else check_option("provider", value)

    @property
    def last_usage(self) -> RerankUsage | None:
        """Usage of the last call's request (``cost`` in USD); ``None`` if it sent none."""
        return self._last_usage

    def _body(
        self, query: str, documents: Sequence[RerankInput], top_n: int | None
    ) -> dict[str, Any]:
        body = build_rerank_body(
            self.model,
            query,
            documents,
            top_n=self.top_n if top_n is None else top_n,
            image_key=self.image_key,
            provider=dict(self.provider) if self.provider is not None else None,
            session_id=self.session_id,
            trace=dict(self.trace) if self.trace is not None else None,
            user=self.user,
        )
        body.update(self.extra_body or {})
        return body

    def _finish(self, answer: Any, document_count: int) -> RerankResponse:
        response = parse_rerank_response(answer, document_count)
        self._last_usage = response.usage or RerankUsage()
        _report_rerank_usage(response, self.model)
        return response

    def _nothing_to_rank(self, query: str) -> RerankResponse:
        _check_query(query)
        self._last_usage = None
        return RerankResponse(model=self.model)

    def rerank(
        self, query: str, documents: Sequence[RerankInput], *, top_n: int | None = None
    ) -> RerankResponse:
        """Rank ``documents`` by relevance to ``query`` (one ``POST /rerank``).

        Args:
            query: What to rank against (non-empty).
            documents: Strings, ``Document`` objects or ``{"text"?, "image"?}`` mappings. An
                empty list returns an empty response without a request.
            top_n: Overrides the ``top_n`` field for this call.

        Returns:
            The results, highest ``relevance_score`` first, each with the document's input
            ``index``; ``usage`` with ``cost`` (USD) where OpenRouter sent it.

        Raises:
            TypeError: An argument of the wrong type, before any request.
            ValueError: Bad input, before any request.
            APIStatusError: OpenRouter refused (a subclass per status).

        Example:
            .. code-block:: python

                answer = OpenRouterRerank(model="cohere/rerank-v3.5").rerank(
                    "capital of France", ["Berlin is in Germany", "Paris is in France"]
                )
                best = answer.results[0]  # index=1, relevance_score=0.8...
        """
        if not documents:
            return self._nothing_to_rank(query)
        body = self._body(query, documents, top_n)
        answer = self.sync_client.request_json("POST", RERANK_PATH, json=body)
        return self._finish(answer, len(documents))

    async def arerank(
        self, query: str, documents: Sequence[RerankInput], *, top_n: int | None = None
    ) -> RerankResponse:
        """Async :meth:`rerank`."""
        if not documents:
            return self._nothing_to_rank(query)
        body = self._body(query, documents, top_n)
        answer = await self.async_client.request_json("POST", RERANK_PATH, json=body)
        return self._finish(answer, len(documents))

    def compress_documents(
        self,
        documents: Sequence[Document],
        query: str,
        callbacks: Callbacks | None = None,
    ) -> Sequence[Document]:
        """The documents most relevant to ``query``, highest first (at most ``top_n``).

        Args:
            documents: The retrieved documents; an empty list returns ``[]`` with no request.
            query: The query.
            callbacks: Accepted for the compressor interface; no callback is run.

        Returns:
            Copies of the documents with ``relevance_score`` and ``rerank_index`` added to
            their metadata.

        Raises:
            TypeError: An argument of the wrong type, before any request.
            ValueError: Bad input, before any request.
            APIStatusError: OpenRouter refused (a subclass per status).
        """
        return reranked_documents(documents, self.rerank(query, documents))

    async def acompress_documents(
        self,
        documents: Sequence[Document],
        query: str,
        callbacks: Callbacks | None = None,
    ) -> Sequence[Document]:
        """Async :meth:`compress_documents`."""
        return reranked_documents(documents, await self.arerank(query, documents))

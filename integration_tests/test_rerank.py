"""OpenRouterRerank over real HTTP against the emulator served on 127.0.0.1.

``ContextualCompressionRetriever`` lives in ``langchain-classic``, which is not a dependency of
this package; :class:`CompressionRetriever` below follows its contract (retrieve, then hand the
documents, the query and the child callbacks to ``compress_documents``), so the reranker is
exercised the way that retriever drives it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from langchain_core.callbacks import (
    AsyncCallbackManagerForRetrieverRun,
    CallbackManagerForRetrieverRun,
)
from langchain_core.documents import BaseDocumentCompressor, Document
from langchain_core.retrievers import BaseRetriever

from langchain_openrouter import OpenRouterRerank
from langchain_openrouter.errors import BadRequestError
from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.testing.routes.rerank import score

COHERE = "cohere/rerank-v3.5"
CORPUS = [
    Document("Paris is the capital of France.", metadata={"source": "geo"}),
    Document("Bananas are rich in potassium.", metadata={"source": "food"}),
    Document("The capital of Germany is Berlin.", metadata={"source": "geo"}),
    Document("France exports wine and cheese.", metadata={"source": "trade"}),
]
QUERY = "What is the capital of France?"


class KeywordRetriever(BaseRetriever):
    """Every document sharing a word with the query, in corpus order."""

    documents: list[Document]

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        words = {w.strip("?.").lower() for w in query.split()}
        return [
            d
            for d in self.documents
            if words & {w.strip("?.").lower() for w in d.page_content.split()}
        ]


class CompressionRetriever(BaseRetriever):
    """A base retriever's documents passed through a document compressor."""

    base_retriever: BaseRetriever
    base_compressor: BaseDocumentCompressor

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        docs = self.base_retriever.invoke(query, config={"callbacks": run_manager.get_child()})
        return list(
            self.base_compressor.compress_documents(docs, query, callbacks=run_manager.get_child())
        )

    async def _aget_relevant_documents(
        self, query: str, *, run_manager: AsyncCallbackManagerForRetrieverRun
    ) -> list[Document]:
        docs = await self.base_retriever.ainvoke(
            query, config={"callbacks": run_manager.get_child()}
        )
        compressed = await self.base_compressor.acompress_documents(
            docs, query, callbacks=run_manager.get_child()
        )
        return list(compressed)


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenRouterEmulator]:
    """A served emulator that ``OPENROUTER_BASE_URL`` and ``OPENROUTER_API_KEY`` point at."""
    emu = OpenRouterEmulator()
    with emu.serve() as base_url:
        monkeypatch.delenv("OPENROUTER_API_BASE", raising=False)
        monkeypatch.setenv("OPENROUTER_BASE_URL", base_url)
        monkeypatch.setenv("OPENROUTER_API_KEY", emu.api_key)
        yield emu


def expected_order(docs: list[Document]) -> list[str]:
    ranked = sorted(range(len(docs)), key=lambda i: (-score(QUERY, docs[i].page_content), i))
    return [docs[i].page_content for i in ranked]


def test_reranker_in_a_compression_retriever(served: OpenRouterEmulator) -> None:
    base = KeywordRetriever(documents=CORPUS)
    retriever = CompressionRetriever(
        base_retriever=base, base_compressor=OpenRouterRerank(model=COHERE, top_n=2)
    )
    retrieved = base.invoke(QUERY)
    assert len(retrieved) == 3
    found = retriever.invoke(QUERY)
    assert [d.page_content for d in found] == expected_order(retrieved)[:2]
    assert found[0].page_content == "Paris is the capital of France."
    assert found[0].metadata["source"] == "geo"
    assert found[0].metadata["relevance_score"] == score(QUERY, found[0].page_content)
    assert retrieved[found[0].metadata["rerank_index"]] == CORPUS[0]


async def test_async_compression_retriever_agrees(served: OpenRouterEmulator) -> None:
    retriever = CompressionRetriever(
        base_retriever=KeywordRetriever(documents=CORPUS),
        base_compressor=OpenRouterRerank(model=COHERE, top_n=2),
    )
    assert await retriever.ainvoke(QUERY) == retriever.invoke(QUERY)


def test_a_retriever_that_finds_nothing_costs_nothing(served: OpenRouterEmulator) -> None:
    retriever = CompressionRetriever(
        base_retriever=KeywordRetriever(documents=CORPUS),
        base_compressor=OpenRouterRerank(model=COHERE),
    )
    assert retriever.invoke("xylophone") == []
    assert [r for r in served.requests if r.route == "/rerank"] == []
    assert served.credits_left == 100


def test_typed_results_and_usage_over_http(served: OpenRouterEmulator) -> None:
    reranker = OpenRouterRerank(model="jina-ai/jina-reranker-m0")
    answer = reranker.rerank(
        QUERY, [*(d.page_content for d in CORPUS), {"image": "https://img.example/paris.png"}]
    )
    assert answer.results[0].index == 0
    assert len(answer.results) == 5
    assert reranker.last_usage is not None
    assert reranker.last_usage.total_tokens is not None
    assert reranker.last_usage.cost == pytest.approx(reranker.last_usage.total_tokens * 5e-8)
    assert served.credits_left == pytest.approx(100 - reranker.last_usage.cost)


async def test_errors_over_http_are_typed(served: OpenRouterEmulator) -> None:
    reranker = OpenRouterRerank(model="openai/gpt-4o-mini")
    with pytest.raises(BadRequestError, match="not a rerank model"):
        await reranker.acompress_documents(CORPUS, QUERY)

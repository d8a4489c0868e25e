"""``OpenRouterEmbeddings`` and the types it returns or raises.

Example:
    .. code-block:: python

        from langchain_openrouter.embeddings import OpenRouterEmbeddings

        vectors = OpenRouterEmbeddings().embed_documents(["hello", "world"])
"""

from langchain_openrouter.embeddings.base import OpenRouterEmbeddings
from langchain_openrouter.embeddings.wire import (
    EmbeddingInputError,
    EmbeddingUsage,
    InputTooLongError,
)

__all__ = ["EmbeddingInputError", "EmbeddingUsage", "InputTooLongError", "OpenRouterEmbeddings"]

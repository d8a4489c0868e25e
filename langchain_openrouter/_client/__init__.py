"""The small internal OpenRouter client that every public class goes through."""

from langchain_openrouter._client.config import ClientConfig, make_timeout
from langchain_openrouter._client.retry import RetryPolicy, next_delay, parse_retry_after
from langchain_openrouter._client.sse import EventStreamDecoder, SSEDecoder, SSEEvent
from langchain_openrouter._client.transport import AsyncOpenRouterClient, OpenRouterClient

__all__ = [
    "AsyncOpenRouterClient",
    "ClientConfig",
    "EventStreamDecoder",
    "OpenRouterClient",
    "RetryPolicy",
    "SSEDecoder",
    "SSEEvent",
    "make_timeout",
    "next_delay",
    "parse_retry_after",
]

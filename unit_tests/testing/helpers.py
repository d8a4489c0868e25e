"""Helpers shared by the emulator tests: decode a streamed response, build tools, error texts."""

from __future__ import annotations

from typing import Any

from langchain_openrouter._client.sse import DONE, SSEDecoder
from langchain_openrouter.testing.wire import Response


def raw_stream(response: Response) -> bytes:
    """All bytes of a streamed response (stops before a dropped connection)."""
    out = b""
    for chunk in response.chunks():
        if chunk.drop:
            break
        out += chunk.data
    return out


def sse_events(response: Response | bytes) -> list[Any]:
    """The decoded ``data:`` events of a streamed response (or its bytes); ``[DONE]`` stays."""
    raw = response if isinstance(response, bytes) else raw_stream(response)
    decoder = SSEDecoder()
    events = decoder.feed(raw) + decoder.flush()
    return [e.data if e.data == DONE else e.json() for e in events]


def function_tool(
    name: str, properties: dict[str, Any], required: list[str] | None = None
) -> dict[str, Any]:
    """A chat ``function`` tool with an object schema."""
    schema = {"type": "object", "properties": properties, "required": required or list(properties)}
    return {
        "type": "function",
        "function": {"name": name, "description": name, "parameters": schema},
    }


def overflow_message(limit: int, prompt: int, output: int) -> str:
    """OpenRouter's context-length 400 message, word for word."""
    return (
        f"This endpoint's maximum context length is {limit} tokens. However, you requested "
        f"about {prompt + output} tokens ({prompt} of text input, {output} in the output). "
        'Please reduce the length of either one, or use the "middle-out" transform to compress '
        "your prompt automatically."
    )

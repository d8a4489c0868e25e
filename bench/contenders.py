"""The three contenders, each able to do one unit of every scenario.

raw httpx is the transport's own cost; the floor adds the least LangChain chat model;
ChatOpenRouter adds what the package does. All three share one mock transport per run.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
from langchain_core.language_models import BaseChatModel

from bench.fixtures import (
    API_KEY,
    BASE_URL,
    CHAT_URL,
    MODEL,
    PROMPT,
    STREAM,
    AsyncMockTransport,
    MockTransport,
    auth_headers,
    chat_payload,
)
from bench.floor import FloorChatModel

NAMES = ("raw", "floor", "chat")
LABELS = {"raw": "raw httpx", "floor": "floor", "chat": "ChatOpenRouter"}


def make_floor(
    client: httpx.Client | None = None, async_client: httpx.AsyncClient | None = None
) -> FloorChatModel:
    return FloorChatModel(
        model=MODEL,
        url=CHAT_URL,
        headers=auth_headers(),
        client=client,
        async_client=async_client,
    )


def make_chat(
    client: httpx.Client | None = None, async_client: httpx.AsyncClient | None = None
) -> BaseChatModel:
    from langchain_openrouter import ChatOpenRouter

    return ChatOpenRouter(
        model=MODEL,
        api_key=API_KEY,
        base_url=BASE_URL,
        http_client=client,
        http_async_client=async_client,
    )


@dataclass
class SyncContenders:
    """Sync calls of the three contenders on one ``httpx.Client``."""

    client: httpx.Client
    models: dict[str, BaseChatModel]

    @classmethod
    def build(cls, stream: list[bytes] = STREAM) -> SyncContenders:
        """The three contenders on one mock transport serving ``stream`` to stream requests."""
        client = httpx.Client(transport=MockTransport(stream=stream))
        return cls(client, {"floor": make_floor(client), "chat": make_chat(client)})

    def close(self) -> None:
        self.client.close()

    def invoke(self, name: str) -> str:
        """One non-streaming call; returns the answer's text."""
        if name == "raw":
            response = self.client.post(CHAT_URL, json=chat_payload(), headers=auth_headers())
            body = response.json()
            return str(body["choices"][0]["message"]["content"])
        return self.models[name].invoke(PROMPT).text

    def stream(self, name: str) -> str:
        """Consume one whole stream; returns the streamed text."""
        if name == "raw":
            return self._raw_stream()
        return "".join(chunk.text for chunk in self.models[name].stream(PROMPT))

    def _raw_stream(self) -> str:
        pieces = []
        payload = chat_payload(stream=True)
        with self.client.stream("POST", CHAT_URL, json=payload, headers=auth_headers()) as r:
            for line in r.iter_lines():
                if not line.startswith("data: "):
                    continue
                if line == "data: [DONE]":
                    break
                event = json.loads(line[6:])
                if event["choices"]:
                    pieces.append(event["choices"][0]["delta"].get("content") or "")
        return "".join(pieces)


@dataclass
class AsyncContenders:
    """Async calls of the three contenders on one ``httpx.AsyncClient`` (build inside a loop)."""

    client: httpx.AsyncClient
    models: dict[str, BaseChatModel]

    @classmethod
    def build(cls) -> AsyncContenders:
        client = httpx.AsyncClient(transport=AsyncMockTransport())
        models = {"floor": make_floor(async_client=client), "chat": make_chat(async_client=client)}
        return cls(client, models)

    async def close(self) -> None:
        await self.client.aclose()

    def ainvoke(self, name: str) -> Callable[[], Awaitable[str]]:
        """A factory of one non-streaming async call of the contender ``name``."""
        if name == "raw":
            return self._raw_ainvoke
        model = self.models[name]

        async def call() -> str:
            return (await model.ainvoke(PROMPT)).text

        return call

    async def _raw_ainvoke(self) -> str:
        response = await self.client.post(CHAT_URL, json=chat_payload(), headers=auth_headers())
        body: Any = response.json()
        return str(body["choices"][0]["message"]["content"])

    async def gather(self, name: str, n: int) -> list[str]:
        """``n`` concurrent calls with ``asyncio.gather``."""
        call = self.ainvoke(name)
        return list(await asyncio.gather(*(call() for _ in range(n))))

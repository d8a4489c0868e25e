"""The floor: the least a LangChain chat model on httpx can do.

It goes through the same ``BaseChatModel`` machinery as ChatOpenRouter (run managers,
callbacks, chunk merging for ``on_llm_end``) but does nothing else: it posts the payload on one
long-lived client, reads content and usage, and for streams splits SSE lines by hand. Whatever
ChatOpenRouter spends beyond it is the price of its own features.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict

_ROLES = {"human": "user", "ai": "assistant", "system": "system"}


def _usage(u: dict[str, Any]) -> Any:
    return {
        "input_tokens": u["prompt_tokens"],
        "output_tokens": u["completion_tokens"],
        "total_tokens": u["total_tokens"],
    }


class FloorChatModel(BaseChatModel):
    """About thirty lines of chat model: the baseline ChatOpenRouter is held to."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    model: str
    url: str
    headers: dict[str, str]
    client: httpx.Client | None = None
    async_client: httpx.AsyncClient | None = None

    @property
    def _llm_type(self) -> str:
        return "floor"

    def _payload(self, messages: list[BaseMessage], stream: bool) -> dict[str, Any]:
        wire = [{"role": _ROLES[m.type], "content": m.content} for m in messages]
        payload: dict[str, Any] = {"model": self.model, "messages": wire, "stream": stream}
        if stream:
            payload["stream_options"] = {"include_usage": True}
        return payload

    def _result(self, body: dict[str, Any]) -> ChatResult:
        message = AIMessage(
            content=body["choices"][0]["message"]["content"] or "",
            usage_metadata=_usage(body["usage"]),
        )
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        assert self.client is not None
        payload = self._payload(messages, False)
        response = self.client.post(self.url, json=payload, headers=self.headers)
        return self._result(response.raise_for_status().json())

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        assert self.async_client is not None
        payload = self._payload(messages, False)
        response = await self.async_client.post(self.url, json=payload, headers=self.headers)
        return self._result(response.raise_for_status().json())

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        assert self.client is not None
        payload = self._payload(messages, True)
        with self.client.stream("POST", self.url, json=payload, headers=self.headers) as response:
            response.raise_for_status()
            for line in response.iter_lines():
                if not line.startswith("data: "):
                    continue
                if line == "data: [DONE]":
                    break
                event = json.loads(line[6:])
                if event.get("usage"):
                    message = AIMessageChunk(content="", usage_metadata=_usage(event["usage"]))
                elif event["choices"]:
                    message = AIMessageChunk(
                        content=event["choices"][0]["delta"].get("content") or ""
                    )
                else:
                    continue
                chunk = ChatGenerationChunk(message=message)
                if run_manager:
                    run_manager.on_llm_new_token(chunk.text, chunk=chunk)
                yield chunk

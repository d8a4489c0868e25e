"""``/responses`` stream events -> ``AIMessageChunk``s (pure), for ``_stream`` and ``_astream``.

The Responses counterpart of :class:`.streaming.StreamAccumulator`, driven by the same
:func:`.streaming.relay_stream` / :func:`.streaming.arelay_stream`, and following the same rule:
deltas carry only what concatenates (text, reasoning text, refusal text, function-call argument
pieces with the call's ``id`` and ``name`` on its first chunk); everything else (the reasoning
items as ``reasoning_details``, annotations, usage, ``response_metadata``) comes once, on the
final chunk, taken from the full response of ``response.completed`` (or ``.incomplete``). The
sum of the chunks is the message :func:`.responses_results.parse_response` gives for the same
answer. Each function call keeps one tool-call chunk ``index``: the order its item was added.

Example:
    >>> acc = ResponsesStreamAccumulator()
    >>> chunks = acc.feed({"type": "response.output_text.delta", "delta": "Hi"})
    >>> chunks += acc.feed({"type": "response.completed", "response": {
    ...     "id": "gen-1", "model": "m", "status": "completed", "output": [],
    ...     "usage": {"input_tokens": 4, "output_tokens": 1, "total_tokens": 5}}})
    >>> chunks += acc.finish()
    >>> total = chunks[0].message + [c.message for c in chunks[1:]]
    >>> total.content, total.response_metadata["finish_reason"], total.usage_metadata
    ('Hi', 'stop', {'input_tokens': 4, 'output_tokens': 1, 'total_tokens': 5})
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from langchain_core.messages import AIMessageChunk
from langchain_core.messages.ai import UsageMetadata
from langchain_core.messages.tool import tool_call_chunk as make_tool_call_chunk
from langchain_core.outputs import ChatGenerationChunk

from langchain_openrouter.chat_models.blocks import MODEL_PROVIDER
from langchain_openrouter.chat_models.responses_results import (
    chat_annotation,
    chat_usage,
    finish_reasons,
    metadata_of,
    output_extras,
)
from langchain_openrouter.chat_models.results import usage_to_metadata
from langchain_openrouter.chat_models.textparts import TextParts
from langchain_openrouter.errors import StreamError

__all__: list[str] = []

_REASONING_DELTAS = frozenset(
    {"response.reasoning_text.delta", "response.reasoning_summary_text.delta"}
)
_FINAL_EVENTS = frozenset({"response.completed", "response.incomplete", "response.failed"})


class _Call:
    __slots__ = ("args", "call_id", "index", "name")

    def __init__(self, index: int, call_id: str | None, name: str | None) -> None:
        self.index = index
        self.call_id = call_id
        self.name = name
        self.args = TextParts()


class ResponsesStreamAccumulator:
    """Turns the decoded events of one ``/responses`` stream into generation chunks (§6.3).

    Feed it every event; yield what :meth:`feed` returns, then what :meth:`finish` returns.

    Args:
        stream_usage: Put ``usage_metadata`` on the final chunk.
        model_name: Reported as ``model_name`` when the events name no model.

    Raises:
        StreamError: From :meth:`feed`, for an ``error`` or ``response.error`` event and for
            ``response.failed`` (``code`` is the Responses error code).
    """

    def __init__(self, stream_usage: bool = True, *, model_name: str | None = None) -> None:
        self._stream_usage = stream_usage
        self._model_name = model_name
        self._response: dict[str, Any] = {}
        self._content = TextParts()
        self._reasoning = TextParts()
        self._refusal = TextParts()
        self._annotations: list[dict[str, Any]] = []
        self._calls: dict[str, _Call] = {}
        self._error: Any = None
        self._finished = False

    @property
    def generation_id(self) -> str | None:
        """The generation id (``gen-...``) of the stream, once an event has carried it."""
        return self._response.get("id")

    @property
    def raw_usage(self) -> dict[str, Any] | None:
        """The final usage under the chat names (cost, cost_details, token details)."""
        return chat_usage(self._response.get("usage"))

    @property
    def usage(self) -> UsageMetadata | None:
        """The stream's token usage, once the final event has arrived."""
        return usage_to_metadata(self.raw_usage)

    def feed(self, event: Mapping[str, Any]) -> list[ChatGenerationChunk]:
        """Take one decoded event; return the chunks to yield now (often none).

        Raises:
            StreamError: The event reports a failure.
        """
        kind = event.get("type")
        delta = event.get("delta")
        if kind == "response.output_text.delta" and isinstance(delta, str) and delta:
            self._content.append(delta)
            return self._chunk(content=delta)
        if kind in _REASONING_DELTAS and isinstance(delta, str) and delta:
            self._reasoning.append(delta)
            return self._chunk(reasoning=delta, reasoning_content=delta)
        if kind == "response.refusal.delta" and isinstance(delta, str) and delta:
            self._refusal.append(delta)
            return self._chunk(refusal=delta)
        if kind == "response.function_call_arguments.delta" and isinstance(delta, str):
            return self._arguments(event, delta)
        if kind == "response.function_call_arguments.done":
            return self._arguments_done(event)
        if kind == "response.output_item.added":
            return self._item_added(event)
        if kind == "response.output_text.annotation.added":
            if isinstance(event.get("annotation"), Mapping):
                self._annotations.append(chat_annotation(event["annotation"]))
            return []
        response = event.get("response")
        if isinstance(response, Mapping):
            self._response.update({k: v for k, v in response.items() if v is not None})
            if kind == "response.failed":
                raise _stream_error(event, response.get("error"))
        elif kind in ("error", "response.error"):
            raise _stream_error(event, event.get("error") or event)
        return []

    def _chunk(self, content: str = "", **live: str) -> list[ChatGenerationChunk]:
        if not live:
            # Plain text needs no translator and no model_provider (see .streaming: core keeps
            # every chunk's response_metadata until the run ends).
            return [
                ChatGenerationChunk(message=AIMessageChunk(content=content, id=self.generation_id))
            ]
        message = AIMessageChunk(
            content=content,
            additional_kwargs=live,
            response_metadata={"model_provider": MODEL_PROVIDER},
            id=self.generation_id,
        )
        return [ChatGenerationChunk(message=message)]

    def _item_added(self, event: Mapping[str, Any]) -> list[ChatGenerationChunk]:
        item = event.get("item") or {}
        if item.get("type") != "function_call":
            return []
        key = str(item.get("id") or event.get("output_index"))
        call = self._calls[key] = _Call(len(self._calls), item.get("call_id"), item.get("name"))
        arguments = item.get("arguments") or ""
        if arguments:
            call.args.append(arguments)
        return self._tool_chunk(call, call.call_id, call.name, arguments or None)

    def _call_for(self, event: Mapping[str, Any]) -> _Call:
        key = str(event.get("item_id") or event.get("output_index"))
        call = self._calls.get(key)
        if call is None:
            # Argument events for an item whose ``added`` event never came.
            call = self._calls[key] = _Call(len(self._calls), event.get("call_id"), None)
        return call

    def _arguments(self, event: Mapping[str, Any], delta: str) -> list[ChatGenerationChunk]:
        call = self._call_for(event)
        if not delta:
            return []
        call.args.append(delta)
        return self._tool_chunk(call, None, None, delta)

    def _arguments_done(self, event: Mapping[str, Any]) -> list[ChatGenerationChunk]:
        """The full arguments: emit whatever the deltas did not already carry."""
        call = self._call_for(event)
        name = None
        if call.name is None and event.get("name"):
            call.name = name = str(event["name"])
        arguments = str(event.get("arguments") or "")
        sent = call.args.text()
        rest = arguments[len(sent) :] if arguments.startswith(sent) else ""
        if rest:
            call.args.append(rest)
        if name is None and not rest:
            return []
        return self._tool_chunk(call, None, name, rest or None)

    def _tool_chunk(
        self, call: _Call, call_id: str | None, name: str | None, args: str | None
    ) -> list[ChatGenerationChunk]:
        message = AIMessageChunk(
            content="",
            tool_call_chunks=[
                make_tool_call_chunk(name=name, args=args, id=call_id, index=call.index)
            ],
            response_metadata={"model_provider": MODEL_PROVIDER},
            id=self.generation_id,
        )
        return [ChatGenerationChunk(message=message)]

    def absorb_error_chunk(self, event: Mapping[str, Any]) -> None:
        """Keep the error event that ended the stream, for :meth:`partial`."""
        response = event.get("response")
        if isinstance(response, Mapping):
            self._response.update({k: v for k, v in response.items() if v is not None})
            self._error = response.get("error")
        else:
            self._error = event.get("error") or dict(event)

    def finish(self) -> list[ChatGenerationChunk]:
        """The final chunk: reasoning items, annotations, usage and ``response_metadata``."""
        if self._finished:
            return []
        self._finished = True
        metadata = self._metadata()
        message = AIMessageChunk(
            content="",
            additional_kwargs=self._once_kwargs(),
            response_metadata=metadata,
            usage_metadata=self.usage if self._stream_usage else None,
            id=self.generation_id,
            chunk_position="last",
        )
        info = {"finish_reason": metadata.get("finish_reason")}
        return [ChatGenerationChunk(message=message, generation_info=info)]

    def partial(self) -> AIMessageChunk:
        """Everything received so far as one message (for ``StreamError.partial``)."""
        kwargs: dict[str, Any] = {}
        if self._reasoning:
            kwargs["reasoning"] = kwargs["reasoning_content"] = self._reasoning.text()
        if self._refusal:
            kwargs["refusal"] = self._refusal.text()
        kwargs.update(self._once_kwargs())
        metadata = self._metadata()
        if self._error is not None:
            metadata["error"] = self._error
        return AIMessageChunk(
            content=self._content.text(),
            additional_kwargs=kwargs,
            tool_call_chunks=[
                make_tool_call_chunk(
                    name=call.name, args=call.args.text() or None, id=call.call_id, index=i
                )
                for i, call in enumerate(self._calls.values())
            ],
            response_metadata=metadata,
            usage_metadata=self.usage,
            id=self.generation_id,
        )

    def _once_kwargs(self) -> dict[str, Any]:
        extras = output_extras(self._response.get("output") or [])
        # The refusal already streamed as deltas; only what does not concatenate goes here.
        extras.pop("refusal", None)
        if self._annotations:
            extras["annotations"] = list(self._annotations)
        return extras

    def _metadata(self) -> dict[str, Any]:
        response = self._response
        output = response.get("output") or []
        if not output and self._calls:
            output = [{"type": "function_call"}]
        finish_reason, native = finish_reasons(response, output)
        return metadata_of(response, self.raw_usage, finish_reason, native, self._model_name)


def _stream_error(event: Mapping[str, Any], error: Any) -> StreamError:
    error = error if isinstance(error, Mapping) else {"message": str(error or "stream failed")}
    raw = event.get("response")
    response: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
    error_type = event.get("error_type") or response.get("error_type")
    return StreamError(
        str(error.get("message") or "the response failed"),
        code=error.get("code"),
        metadata={"error_type": error_type} if error_type else {},
        request_id=response.get("id"),
        chunk=event,
    )

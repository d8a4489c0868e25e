"""Stream events -> ``AIMessageChunk``s (pure), for ``_stream`` and ``_astream`` alike.

The rule that shapes this module: LangChain sums streamed chunks with ``+``, and that sum
concatenates every string it finds in ``additional_kwargs`` and ``response_metadata`` (also
inside list items that share an ``index``). Anything that must not be concatenated is therefore
emitted exactly once, on the final chunk: the merged ``reasoning_details`` (their ``format``,
``id``, ``signature``, ``type`` would otherwise double), annotations, images, audio, the usage,
and all of ``response_metadata`` except ``model_provider``. Deltas carry only what concatenates
correctly: content, reasoning text, refusal text, and tool-call argument pieces (a call's ``id``
and ``name`` on its first fragment only).

Memory: langchain-core's ``stream()`` keeps every chunk until the run ends, so nothing is put on
a chunk that it does not need. Plain text chunks carry no ``response_metadata`` (their content
blocks are the same without our translator); chunks with reasoning, refusal or tool-call pieces
carry ``model_provider`` so that their ``content_blocks`` read right. What the accumulator keeps
grows with the text (joined in :class:`~.textparts.TextParts`), not with the number of chunks.

Example:
    >>> acc = StreamAccumulator()
    >>> chunks = acc.feed({"id": "gen-1", "model": "m", "choices": [
    ...     {"index": 0, "delta": {"content": "Hel"}, "finish_reason": None}]})
    >>> chunks += acc.feed({"id": "gen-1", "model": "m", "choices": [
    ...     {"index": 0, "delta": {"content": "lo"}, "finish_reason": "stop"}],
    ...     "usage": {"prompt_tokens": 4, "completion_tokens": 2, "total_tokens": 6}})
    >>> chunks += acc.finish()
    >>> total = chunks[0].message + [c.message for c in chunks[1:]]
    >>> total.content, total.response_metadata["finish_reason"], total.usage_metadata
    ('Hello', 'stop', {'input_tokens': 4, 'output_tokens': 2, 'total_tokens': 6})
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterable, Iterator, Mapping
from typing import Any, Protocol, cast

from langchain_core.messages import AIMessageChunk
from langchain_core.messages.ai import UsageMetadata
from langchain_core.messages.tool import ToolCallChunk
from langchain_core.messages.tool import tool_call_chunk as make_tool_call_chunk
from langchain_core.outputs import ChatGenerationChunk

from langchain_openrouter.chat_models.blocks import MODEL_PROVIDER
from langchain_openrouter.chat_models.reasoning import ReasoningMerger
from langchain_openrouter.chat_models.results import (
    choice_error,
    response_metadata,
    usage_to_metadata,
)
from langchain_openrouter.chat_models.textparts import TextParts
from langchain_openrouter.errors import APIConnectionError, StreamError

__all__: list[str] = []

# Envelope fields worth keeping from stream events (the last non-null value wins). Every event
# repeats id, model, provider and created; after the first one only the others are read.
_LATE_FIELDS = ("system_fingerprint", "service_tier", "openrouter_metadata")
_ENVELOPE_FIELDS = ("id", "model", "provider", "created", *_LATE_FIELDS)


class _ToolCallState:
    """One tool call being streamed: its LangChain index, what was emitted, its argument pieces."""

    __slots__ = ("args", "id", "id_sent", "index", "name")

    def __init__(self, index: int) -> None:
        self.index = index
        self.id: str | None = None
        self.id_sent = False
        self.name: str | None = None
        self.args = TextParts()

    def complete(self) -> bool:
        """Whether the arguments so far are a whole JSON value (the call needs no more)."""
        text = self.args.text().strip()
        if not text:
            return False
        try:
            json.loads(text)
        except ValueError:
            return False
        return True


class _ToolCalls:
    """Assigns each streamed tool-call fragment to its call, by the identity the provider gave.

    A fragment with an ``id`` belongs to the call with that id; one without an id belongs to
    the call last started at its ``index`` (the last call when it has no index). A fragment
    starts a new call when it brings a new id, or a name for a call that already has a
    different one (or the same one, when that call's arguments are already complete JSON).
    Each call gets its own LangChain chunk index, 0, 1, 2... in order of appearance, so
    providers that number every call 0 still give separate calls; ids and names are emitted
    once and never concatenated.
    """

    __slots__ = ("_by_id", "_by_index", "calls")

    def __init__(self) -> None:
        self.calls: list[_ToolCallState] = []
        self._by_id: dict[str, _ToolCallState] = {}
        self._by_index: dict[int | None, _ToolCallState] = {}

    def state_for(self, index: int | None, call_id: str | None, name: str | None) -> _ToolCallState:
        """The call a fragment belongs to (created when the fragment starts a new call)."""
        if call_id is not None:
            state = self._by_id.get(call_id)
            if state is None:
                current = self._current(index)
                # An id arriving late (after the name) still belongs to the call it completes.
                if (
                    current is not None
                    and current.id is None
                    and (name is None or name == current.name)
                    and not current.complete()
                ):
                    state = current
                else:
                    state = self._new()
                state.id = call_id
                self._by_id[call_id] = state
        else:
            state = self._current(index)
            if state is None or (
                name is not None
                and state.name is not None
                and (name != state.name or state.complete())
            ):
                state = self._new()
        self._by_index[index] = state
        return state

    def _current(self, index: int | None) -> _ToolCallState | None:
        if index is None:
            return self.calls[-1] if self.calls else None
        return self._by_index.get(index)

    def _new(self) -> _ToolCallState:
        state = _ToolCallState(len(self.calls))
        self.calls.append(state)
        return state


class StreamAccumulator:
    """Turns the decoded events of one ``/chat/completions`` stream into generation chunks.

    Feed it every event; yield what :meth:`feed` returns, then what :meth:`finish` returns at
    the end of the stream. Summing all yielded chunks with ``+`` (as ``generate_from_stream``
    does) gives the same message a non-streaming call would: content, tool calls, reasoning,
    merged ``reasoning_details``, usage counted once, and the full ``response_metadata``.

    Only choice 0 is streamed (a LangChain stream carries one message).

    Args:
        stream_usage: Put ``usage_metadata`` on the final chunk.
        model_name: Reported as ``model_name`` when the events name no model.

    Example:
        .. code-block:: python

            acc = StreamAccumulator()
            events = client.stream("POST", "/chat/completions", json=body)
            yield from relay_stream(events, acc)  # feed, finish, and .partial on errors
    """

    def __init__(self, stream_usage: bool = True, *, model_name: str | None = None) -> None:
        self._stream_usage = stream_usage
        self._model_name = model_name
        self._envelope: dict[str, Any] = {}
        self._settled = False
        self._id: str | None = None
        self._content = TextParts()
        self._reasoning = TextParts()
        self._refusal = TextParts()
        self._details = ReasoningMerger()
        self._tools = _ToolCalls()
        self._annotations: list[Any] = []
        self._images: list[Any] = []
        self._audio: dict[str, Any] = {}
        self._logprobs: list[Any] = []
        self._finish_reason: str | None = None
        self._native_finish_reason: str | None = None
        self._usage: Mapping[str, Any] | None = None
        self._error: Any = None
        self._finished = False

    @property
    def generation_id(self) -> str | None:
        """The generation id (``gen-...``) of the stream, once an event has carried it."""
        return self._id

    @property
    def finish_reason(self) -> str | None:
        """The last non-null ``finish_reason`` seen (a later null does not erase it)."""
        return self._finish_reason

    @property
    def usage(self) -> UsageMetadata | None:
        """The stream's token usage, once its usage event has arrived."""
        return usage_to_metadata(self._usage)

    @property
    def raw_usage(self) -> Mapping[str, Any] | None:
        """The stream's ``usage`` object as sent (cost, cost_details, token details)."""
        return self._usage

    def feed(self, event: Mapping[str, Any]) -> list[ChatGenerationChunk]:
        """Take one decoded event; return the chunks to yield now (often none).

        Args:
            event: One decoded ``data:`` payload of the stream.

        Returns:
            At most one chunk, carrying this event's content, reasoning text, refusal text or
            tool-call fragments; events with nothing to show give none.
        """
        # Runs once per event on streams of thousands: few lookups, no copies.
        envelope = self._envelope
        for key in _LATE_FIELDS if self._settled else _ENVELOPE_FIELDS:
            value = event.get(key)
            if value is not None:
                envelope[key] = value
        if not self._settled:
            self._id = envelope.get("id")
            self._settled = self._id is not None and "model" in envelope
        usage = event.get("usage")
        if usage:
            self._usage = usage
        choices = event.get("choices")
        if not choices:
            return []
        choice = choices[0]
        if choice.get("index") or len(choices) > 1:
            choice = _choice_zero(choices)
            if choice is None:
                return []
        finish_reason = choice.get("finish_reason")
        if finish_reason is not None:
            self._finish_reason = finish_reason
            native = choice.get("native_finish_reason")
            if native is not None:
                self._native_finish_reason = native
        logprobs = choice.get("logprobs")
        if logprobs:
            self._logprobs.extend(logprobs.get("content") or ())
        delta = choice.get("delta")
        if delta is None and "message" in choice:
            return self._absorb_whole(event, choice)
        if not delta:
            return []
        return self._absorb_delta(delta)

    def _absorb_whole(
        self, event: Mapping[str, Any], choice: Mapping[str, Any]
    ) -> list[ChatGenerationChunk]:
        """A whole ``chat.completion`` answered to a stream request, as its chunks.

        Gateways and providers that ignore ``stream`` send one; its message is read as one
        delta, so the chunks add up to what ``invoke`` returns. A failed choice raises the
        error the non-streamed path raises, with what came before it as ``.partial``.
        """
        message = choice.get("message") or {}
        chunks = self._absorb_delta(message)
        if choice.get("error") or choice.get("finish_reason") == "error":
            raise choice_error(event, choice, self.partial())
        return chunks

    def _absorb_delta(self, delta: Mapping[str, Any]) -> list[ChatGenerationChunk]:
        content: Any = None
        reasoning: Any = None
        live: dict[str, Any] = {}
        tool_chunks: list[ToolCallChunk] = []
        for key, value in delta.items():
            if not value:
                continue
            if key == "content":
                content = value
            elif key == "reasoning" or (key == "reasoning_content" and reasoning is None):
                reasoning = value
            elif key == "reasoning_details":
                self._details.feed(value)
            elif key == "tool_calls":
                tool_chunks = self._absorb_tool_calls(value)
            elif key == "refusal" and isinstance(value, str):
                self._refusal.append(value)
                live["refusal"] = value
            elif key == "annotations":
                self._annotations.extend(value)
            elif key == "images":
                self._images.extend(value)
            elif key == "audio":
                self._absorb_audio(value)
        if isinstance(reasoning, str):
            self._reasoning.append(reasoning)
            live["reasoning"] = reasoning
            live["reasoning_content"] = reasoning
        if isinstance(content, str):
            self._content.append(content)
        else:
            content = ""
        if live or tool_chunks:
            message = AIMessageChunk(
                content=content,
                additional_kwargs=live,
                tool_call_chunks=tool_chunks,
                response_metadata={"model_provider": MODEL_PROVIDER},
                id=self._id,
            )
        elif content:
            # The common case, plain text: its blocks need no translator, so it carries no
            # model_provider. langchain-core's stream() keeps a copy of every chunk's
            # response_metadata until the run ends, and a non-empty one costs ~120 bytes more.
            message = AIMessageChunk(content=content, id=self._id)
        else:
            return []
        return [ChatGenerationChunk(message=message)]

    def _absorb_tool_calls(self, raw_calls: Iterable[Any]) -> list[ToolCallChunk]:
        chunks: list[ToolCallChunk] = []
        for raw in raw_calls:
            function = raw.get("function") or {}
            call_id = raw.get("id") or None
            name = function.get("name") or None
            args = function.get("arguments")
            index = raw.get("index")
            state = self._tools.state_for(index if isinstance(index, int) else None, call_id, name)
            # LangChain concatenates a repeated id or name; emit each once, on its call.
            emitted_id = call_id if call_id is not None and not state.id_sent else None
            if emitted_id is not None:
                state.id_sent = True
            if name is not None and state.name is None:
                state.name = name
            else:
                name = None
            if isinstance(args, Mapping):
                args = json.dumps(args)
            if args and isinstance(args, str):
                state.args.append(args)
            else:
                args = None
            if emitted_id is None and name is None and args is None:
                continue
            chunks.append(
                make_tool_call_chunk(name=name, args=args, id=emitted_id, index=state.index)
            )
        return chunks

    def _absorb_audio(self, audio: Mapping[str, Any]) -> None:
        for key, value in audio.items():
            if key in {"data", "transcript"} and isinstance(value, str):
                # Joined at the end: adding each piece would copy the audio so far every time.
                self._audio.setdefault(key, TextParts()).append(value)
            elif value is not None:
                self._audio[key] = value

    def absorb_error_chunk(self, event: Mapping[str, Any]) -> None:
        """Take the error event that ended the stream (its content and usage count).

        The transport raises the error before the event reaches :meth:`feed`; pass
        ``StreamError.chunk`` here so that :meth:`partial` includes what it carried (the
        Minimax error event carries the usage) and the error itself.
        """
        self.feed(event)
        if event.get("error") is not None:
            self._error = event["error"]

    def finish(self) -> list[ChatGenerationChunk]:
        """The final chunk, once the stream has ended (later calls return nothing).

        It carries everything that must appear exactly once in the sum: the merged
        ``reasoning_details``, annotations, images, audio, ``usage_metadata`` and the full
        ``response_metadata``; and ``chunk_position="last"``.
        """
        if self._finished:
            return []
        self._finished = True
        message = AIMessageChunk(
            content="",
            additional_kwargs=self._once_kwargs(),
            response_metadata=self._metadata(),
            usage_metadata=usage_to_metadata(self._usage) if self._stream_usage else None,
            id=self._id,
            chunk_position="last",
        )
        generation_info: dict[str, Any] = {"finish_reason": self._finish_reason}
        if self._logprobs:
            generation_info["logprobs"] = {"content": list(self._logprobs)}
        return [ChatGenerationChunk(message=message, generation_info=generation_info)]

    def partial(self) -> AIMessageChunk:
        """Everything received so far as one message (for ``StreamError.partial``)."""
        additional_kwargs: dict[str, Any] = {}
        if self._reasoning:
            reasoning = self._reasoning.text()
            additional_kwargs["reasoning"] = reasoning
            additional_kwargs["reasoning_content"] = reasoning
        if self._refusal:
            additional_kwargs["refusal"] = self._refusal.text()
        additional_kwargs.update(self._once_kwargs())
        metadata = self._metadata()
        if self._error is not None:
            metadata["error"] = self._error
        tool_chunks = [
            make_tool_call_chunk(
                name=state.name, args=state.args.text() or None, id=state.id, index=state.index
            )
            for state in self._tools.calls
        ]
        return AIMessageChunk(
            content=self._content.text(),
            additional_kwargs=additional_kwargs,
            tool_call_chunks=tool_chunks,
            response_metadata=metadata,
            usage_metadata=usage_to_metadata(self._usage),
            id=self._id,
        )

    def _once_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {}
        details = self._details.render()
        if details:
            kwargs["reasoning_details"] = details
        if self._annotations:
            kwargs["annotations"] = list(self._annotations)
        if self._images:
            kwargs["images"] = list(self._images)
        if self._audio:
            kwargs["audio"] = {
                key: value.text() if isinstance(value, TextParts) else value
                for key, value in self._audio.items()
            }
        return kwargs

    def _metadata(self) -> dict[str, Any]:
        body: dict[str, Any] = dict(self._envelope)
        if self._usage is not None:
            body["usage"] = self._usage
        choice: dict[str, Any] = {
            "finish_reason": self._finish_reason,
            "native_finish_reason": self._native_finish_reason,
        }
        if self._logprobs:
            choice["logprobs"] = {"content": list(self._logprobs)}
        return response_metadata(body, choice, model_name=self._model_name)


class EventDecoder(Protocol):
    """What :func:`relay_stream` drives: :class:`StreamAccumulator`, or the Responses one."""

    def feed(self, event: Mapping[str, Any]) -> list[ChatGenerationChunk]: ...

    def finish(self) -> list[ChatGenerationChunk]: ...

    def absorb_error_chunk(self, event: Mapping[str, Any]) -> None: ...

    def partial(self) -> AIMessageChunk: ...


def relay_stream(
    events: Iterator[Mapping[str, Any]], accumulator: EventDecoder
) -> Generator[ChatGenerationChunk, None, None]:
    """The chunks of a stream of decoded events, the final chunk last; closes ``events``.

    Raises:
        StreamError: An error event ended the stream; ``.partial`` holds what came before.
        APIConnectionError: The connection broke mid-stream; ``.partial`` as above.
    """
    with contextlib.closing(cast("Generator[Any, None, None]", events)):
        try:
            for event in events:
                yield from accumulator.feed(event)
        except (StreamError, APIConnectionError) as err:
            _attach_partial(err, accumulator)
            raise
    yield from accumulator.finish()


async def arelay_stream(
    events: AsyncIterator[Mapping[str, Any]], accumulator: EventDecoder
) -> AsyncGenerator[ChatGenerationChunk, None]:
    """:func:`relay_stream` for an async stream of events."""
    async with contextlib.aclosing(cast("AsyncGenerator[Any, None]", events)):
        try:
            async for event in events:
                for chunk in accumulator.feed(event):
                    yield chunk
        except (StreamError, APIConnectionError) as err:
            _attach_partial(err, accumulator)
            raise
    for chunk in accumulator.finish():
        yield chunk


def _attach_partial(err: StreamError | APIConnectionError, accumulator: EventDecoder) -> None:
    """Attach what the stream delivered before it failed as ``err.partial``.

    An error event's own content and usage count; a connection that broke mid-stream gets the
    same ``partial`` attribute, so no failure leaves the caller with truncated text only.
    """
    if isinstance(err, StreamError):
        accumulator.absorb_error_chunk(err.chunk)
    err.partial = accumulator.partial()


def _choice_zero(choices: Iterable[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    for choice in choices:
        if not choice.get("index"):
            return choice
    return None

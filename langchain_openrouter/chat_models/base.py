"""``ChatOpenRouter``: the fields, their validation, and the LangChain hooks.

The class only decides and delegates: :mod:`.payload` builds the request body,
:mod:`.messages` converts the messages, :mod:`.results` and :mod:`.streaming` turn answers into
LangChain objects, and the internal client sends. The sync and async paths share all of it and
differ only in the lines that send.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterator, Mapping, Sequence
from typing import Any, cast

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import LangSmithParams, LanguageModelInput
from langchain_core.language_models.chat_models import (
    BaseChatModel,
    agenerate_from_stream,
    generate_from_stream,
)
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable, RunnableConfig
from langchain_core.utils import get_pydantic_field_names
from pydantic import BaseModel, ConfigDict, Field, model_validator
from typing_extensions import Self

from langchain_openrouter._checks import check_flag
from langchain_openrouter._settings import OpenRouterSettings
from langchain_openrouter._version import __version__
from langchain_openrouter.chat_models._compat import collect_model_kwargs
from langchain_openrouter.chat_models.messages import convert_messages
from langchain_openrouter.chat_models.params import BODY_FIELDS, ChatParams
from langchain_openrouter.chat_models.payload import (
    RequestOptions,
    build_request,
    check_params,
    normalize_stop,
    params_from_fields,
    refuse_model_settings,
)
from langchain_openrouter.chat_models.profile_source import LiveProfile
from langchain_openrouter.chat_models.response_cache import mark_cache_hit
from langchain_openrouter.chat_models.responses import RESPONSES_PATH, to_responses_body
from langchain_openrouter.chat_models.responses_results import parse_response
from langchain_openrouter.chat_models.responses_stream import ResponsesStreamAccumulator
from langchain_openrouter.chat_models.results import combine_llm_outputs, parse_chat_completion
from langchain_openrouter.chat_models.stream_close import closing_astream, register_astream
from langchain_openrouter.chat_models.streaming import (
    StreamAccumulator,
    arelay_stream,
    relay_stream,
)
from langchain_openrouter.chat_models.structured import StructuredOutputMethod, structured_output
from langchain_openrouter.chat_models.tools import ToolLike, format_tools, normalize_tool_choice

__all__ = ["ChatOpenRouter"]


@functools.cache
def _body_defaults(cls: type[BaseModel]) -> tuple[tuple[str, Any], ...]:
    """``(field, declared default)`` of every body field, read once per class, not per call."""
    fields = cls.model_fields
    return tuple((name, fields[name].default) for name in BODY_FIELDS)


CHAT_PATH = "/chat/completions"


class ChatOpenRouter(LiveProfile, OpenRouterSettings, ChatParams, BaseChatModel):
    """Chat with any of OpenRouter's models through one LangChain chat model.

    Setup: ``pip install langchain-openrouter`` and ``export OPENROUTER_API_KEY=sk-or-v1-...``
    (the key is read at the first request, so building the model never needs it).

    Every constructor argument of langchain-openrouter 0.2.x keeps its name, alias,
    environment variable and default; unknown keyword arguments move into ``model_kwargs``
    (with a warning) and are sent in the body. ``timeout`` is in seconds (an int of 1000 or
    more is still read as the 0.2.x milliseconds, with a ``DeprecationWarning``).

    Example:
        .. code-block:: python

            from langchain_openrouter import ChatOpenRouter

            llm = ChatOpenRouter(
                model="anthropic/claude-sonnet-4.5",
                temperature=0,
                max_tokens=512,
                openrouter_provider={"sort": "throughput", "data_collection": "deny"},
                models=["openai/gpt-4o-mini"],  # fallbacks
            )
            print(llm.invoke("Say hi in French").content)

            for chunk in llm.stream("Count to five"):
                print(chunk.text, end="")
    """

    model_config = ConfigDict(
        populate_by_name=True, arbitrary_types_allowed=True, protected_namespaces=()
    )

    streaming: bool = False
    """Stream under the hood even for ``invoke`` (callbacks then receive each token)."""

    stream_usage: bool = True
    """Attach ``usage_metadata`` to the last chunk of a stream."""

    model_kwargs: dict[str, Any] = Field(default_factory=dict)
    """Other body parameters, sent as given. Unknown constructor arguments land here."""

    extra_body: dict[str, Any] | None = None
    """Merged into every request body last, overriding everything else (unchecked: the escape
    hatch for body fields newer than this package)."""

    response_cache: bool = False
    """Send ``X-OpenRouter-Cache: true`` (openrouter-api.md §15.2): a repeat of an identical
    request (same body, key and stream mode) is answered from OpenRouter's cache at zero usage and
    cost. Per call too: ``invoke(..., response_cache=True)``. On such requests
    ``response_metadata["response_cache_hit"]`` tells whether the answer came from the cache
    (recognised by its zero usage; on a stream, on the chunk that carries usage)."""

    use_responses_api: bool = False
    """Send ``POST /responses`` instead of ``/chat/completions`` (per call too:
    ``invoke(..., use_responses_api=True)``); see docs/responses-api.md."""

    @model_validator(mode="before")
    @classmethod
    def _collect_model_kwargs(cls, values: Any) -> Any:
        if not isinstance(values, dict):
            return values
        return collect_model_kwargs(values, get_pydantic_field_names(cls))

    @model_validator(mode="after")
    def _validate(self) -> Self:
        check_params({name: getattr(self, name) for name in BODY_FIELDS})
        # Building the defaults once checks what only holds across fields (reasoning_effort
        # folded into a reasoning that has a token budget).
        _ = self._default_params
        if self.n > 1 and self.streaming:
            raise ValueError("n must be 1 when streaming=True")
        self._add_version("langchain-openrouter", __version__)
        return self

    @property
    def model(self) -> str:
        """The model id (same as ``model_name``)."""
        return self.model_name

    @property
    def lc_secrets(self) -> dict[str, str]:
        """Constructor argument -> environment variable of each secret."""
        return {"openrouter_api_key": "OPENROUTER_API_KEY"}

    @classmethod
    def is_lc_serializable(cls) -> bool:
        """``dumpd``/``loads`` round-trip this model (the key is never serialized)."""
        return True

    @classmethod
    def get_lc_namespace(cls) -> list[str]:
        """``["langchain_openrouter", "chat_models"]``, the import path 0.2.x also used."""
        return ["langchain_openrouter", "chat_models"]

    @property
    def _llm_type(self) -> str:
        return "openrouter-chat"

    @property
    def _default_params(self) -> dict[str, Any]:
        """The body parameters every request starts from (wire names, unset omitted)."""
        # A value equal to the declared default (n=1) is what OpenRouter assumes: not sent.
        params = params_from_fields(
            {
                name: value
                for name, default in _body_defaults(type(self))
                if (value := getattr(self, name)) != default
            }
        )
        if self.logit_bias:
            params["logit_bias"] = {str(k): v for k, v in self.logit_bias.items()}
        return {**params, **self.model_kwargs, **(self.extra_body or {})}

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model": self.model_name, "streaming": self.streaming, **self._default_params}

    def _combine_llm_outputs(self, llm_outputs: list[dict[str, Any] | None]) -> dict[str, Any]:
        """``generate`` over several prompts: token counts summed, the first model name."""
        return combine_llm_outputs(llm_outputs, model_name=self.model_name)

    def _get_invocation_params(
        self, stop: list[str] | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        # LangChain calls this before any callback: a key given per call is refused here, before
        # a tracer could record it among the invocation parameters.
        refuse_model_settings(kwargs)
        return super()._get_invocation_params(stop=stop, **kwargs)

    def _get_ls_params(self, stop: list[str] | None = None, **kwargs: Any) -> LangSmithParams:
        params = LangSmithParams(
            ls_provider="openrouter",
            ls_model_name=str(kwargs.get("model") or self.model_name),
            ls_model_type="chat",
        )
        temperature = kwargs.get("temperature", self.temperature)
        if temperature is not None:
            params["ls_temperature"] = temperature
        max_tokens = (
            kwargs.get("max_tokens")
            or kwargs.get("max_completion_tokens")
            or self.max_tokens
            or self.max_completion_tokens
        )
        if max_tokens is not None:
            params["ls_max_tokens"] = max_tokens
        # The first look at the call's stop: a bad one is refused here, before anything runs.
        stops = normalize_stop(stop if stop is not None else kwargs.get("stop", self.stop))
        if stops:
            params["ls_stop"] = stops
        return params

    def get_num_tokens(self, text: str) -> int:
        """Tokens in ``text`` with the model family's tokenizer (an estimate for non-OpenAI models).

        ``o200k_base`` for GPT-4o, GPT-4.1, GPT-5 and the o-series, ``cl100k_base`` for older
        OpenAI models; see ``docs/token-counting.md``.

        Example:
            >>> ChatOpenRouter(model="openai/gpt-4o-mini").get_num_tokens("")
            0
        """
        from langchain_openrouter.chat_models.tokens import count_text

        return count_text(self.model_name, text)

    def get_token_ids(self, text: str) -> list[int]:
        """Token ids of ``text`` with the model family's tiktoken encoding.

        Raises:
            RuntimeError: The encoding's file is not available offline.
        """
        from langchain_openrouter.chat_models.tokens import token_ids

        return token_ids(self.model_name, text)

    def get_num_tokens_from_messages(
        self,
        messages: list[BaseMessage],
        tools: Sequence[Any] | None = None,
    ) -> int:
        """Prompt tokens of ``messages`` (and ``tools``), counted as OpenAI bills them.

        Per-message and per-name overhead, tool calls and results, tool definitions and images
        (OpenAI's tile rule) included: for OpenAI models this is the ``prompt_tokens`` the
        request reports; for other families an estimate. Works as ``trim_messages``'s
        ``token_counter``. See ``docs/token-counting.md``.

        Args:
            messages: The conversation: messages, or what ``invoke`` takes in their place
                (``("user", "hi")`` tuples, ``{"role": "user", "content": "hi"}`` dicts,
                strings, a prompt value).
            tools: Tools as ``bind_tools`` takes them (their definitions are billed too).

        Returns:
            Tokens, including the 3 that prime the answer.

        Raises:
            TypeError: A message of no message-like type (its position named).
            ValueError: A message or tool cannot be converted.

        Example:
            >>> from langchain_core.messages import HumanMessage
            >>> ChatOpenRouter(model="openai/gpt-4o").get_num_tokens_from_messages(
            ...     [HumanMessage("hi")]
            ... )
            8
        """
        from langchain_openrouter.chat_models.tokens import count_messages

        return count_messages(self.model_name, messages, tools)

    def _prepare(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None,
        kwargs: dict[str, Any],
        *,
        stream: bool,
    ) -> tuple[str, dict[str, Any], RequestOptions]:
        """Path, body and request options of one call (pure; raises before anything is sent)."""
        responses = bool(kwargs.pop("use_responses_api", self.use_responses_api))
        body, options = build_request(
            self._default_params,
            convert_messages(messages),
            stop=stop,
            stream=stream,
            call_kwargs={"response_cache": self.response_cache, **kwargs},
        )
        if responses:
            return RESPONSES_PATH, to_responses_body(body), options
        return CHAT_PATH, body, options

    @staticmethod
    def _parsed(
        response: Any, path: str, body: Mapping[str, Any], options: RequestOptions
    ) -> ChatResult:
        parse = parse_response if path == RESPONSES_PATH else parse_chat_completion
        result = parse(response, model_name=body.get("model"))
        if options.response_cache:
            for generation in result.generations:
                mark_cache_hit(generation.message)
        return result

    def _wants_stream(self, kwargs: dict[str, Any]) -> bool:
        stream = kwargs.pop("stream", None)
        return bool(self.streaming if stream is None else stream)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        if self._wants_stream(kwargs):
            return generate_from_stream(self._stream(messages, stop, run_manager, **kwargs))
        path, body, options = self._prepare(messages, stop, kwargs, stream=False)
        response = self.sync_client.request_json(
            "POST", path, json=body, **options.send_kwargs(stream=False)
        )
        return self._parsed(response, path, body, options)

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        if self._wants_stream(kwargs):
            return await agenerate_from_stream(self._astream(messages, stop, run_manager, **kwargs))
        path, body, options = self._prepare(messages, stop, kwargs, stream=False)
        response = await self.async_client.request_json(
            "POST", path, json=body, **options.send_kwargs(stream=False)
        )
        return self._parsed(response, path, body, options)

    def astream(
        self,
        input: LanguageModelInput,
        config: RunnableConfig | None = None,
        *,
        stop: list[str] | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[AIMessageChunk]:
        """Stream the answer's chunks; closing the stream closes its HTTP response at once.

        As langchain-core's ``astream``, and when the iterator is closed early (``aclose()``,
        ``async with contextlib.aclosing(...)``, or its task cancelled), the response is closed
        and its connection released before that returns, not on a later turn of the loop.

        Example:
            .. code-block:: python

                async with contextlib.aclosing(llm.astream("Count to ten")) as stream:
                    async for chunk in stream:
                        if "5" in chunk.text:
                            break  # the connection is released here
        """
        outer = super().astream(input, config, stop=stop, **kwargs)
        return closing_astream(cast("AsyncGenerator[AIMessageChunk, None]", outer))

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        stream_usage = bool(kwargs.pop("stream_usage", self.stream_usage))
        path, body, options = self._prepare(messages, stop, kwargs, stream=True)
        decoder = ResponsesStreamAccumulator if path == RESPONSES_PATH else StreamAccumulator
        accumulator = decoder(stream_usage, model_name=body.get("model"))
        events = cast(
            "Generator[Any, None, None]",
            self.sync_client.stream("POST", path, json=body, **options.send_kwargs(stream=True)),
        )
        with contextlib.closing(relay_stream(events, accumulator)) as chunks:
            for chunk in chunks:
                if options.response_cache:
                    mark_cache_hit(chunk.message)
                if run_manager:
                    run_manager.on_llm_new_token(chunk.text, chunk=chunk)
                yield chunk

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        stream_usage = bool(kwargs.pop("stream_usage", self.stream_usage))
        path, body, options = self._prepare(messages, stop, kwargs, stream=True)
        decoder = ResponsesStreamAccumulator if path == RESPONSES_PATH else StreamAccumulator
        accumulator = decoder(stream_usage, model_name=body.get("model"))
        events = cast(
            "AsyncGenerator[Any, None]",
            self.async_client.stream("POST", path, json=body, **options.send_kwargs(stream=True)),
        )
        async with contextlib.aclosing(arelay_stream(events, accumulator)) as chunks:
            register_astream(chunks)
            async for chunk in chunks:
                if options.response_cache:
                    mark_cache_hit(chunk.message)
                if run_manager:
                    await run_manager.on_llm_new_token(chunk.text, chunk=chunk)
                yield chunk

    def bind_tools(
        self,
        tools: Sequence[ToolLike],
        *,
        tool_choice: str | bool | Mapping[str, Any] | None = None,
        strict: bool | None = None,
        parallel_tool_calls: bool | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        """Bind tools (functions, pydantic classes, TypedDicts, LangChain tools, dicts).

        Args:
            tools: The tools. Dicts whose ``type`` is not ``"function"`` (OpenRouter server
                tools such as ``{"type": "openrouter:web_search"}``) pass through untouched.
            tool_choice: ``"auto"``, ``"none"``, ``"any"``/``"required"``, a tool name,
                ``True`` (the only tool), or a ``tool_choice`` dict.
            strict: Ask for exact adherence to each tool's schema (``None``: not sent).
            parallel_tool_calls: ``False`` allows at most one tool call per turn.
            **kwargs: Other parameters bound with the tools.

        Returns:
            The model with the tools bound.

        Raises:
            TypeError: ``tools`` is not a list, or one of them is not a tool (named by
                position, ``tools[0]``), before any request is made.
            ValueError: An unknown ``tool_choice`` (before any request is made).

        Example:
            .. code-block:: python

                def get_weather(city: str) -> str:
                    '''Current weather in a city.'''
                    return "sunny"

                llm_with_tools = ChatOpenRouter(model="openai/gpt-4o-mini").bind_tools(
                    [get_weather], tool_choice="get_weather"
                )
                llm_with_tools.invoke("Weather in Paris?").tool_calls
        """
        if strict is not None:
            check_flag(strict, "strict")
        check_params({"parallel_tool_calls": parallel_tool_calls})
        formatted = format_tools(tools, strict=strict)
        choice = normalize_tool_choice(tool_choice, formatted)
        if choice is not None:
            kwargs["tool_choice"] = choice
        if parallel_tool_calls is not None:
            kwargs["parallel_tool_calls"] = parallel_tool_calls
        return super().bind(tools=formatted, **kwargs)

    def with_structured_output(
        self,
        schema: Mapping[str, Any] | type | None = None,
        *,
        method: StructuredOutputMethod = "function_calling",
        include_raw: bool = False,
        strict: bool | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, dict[str, Any] | BaseModel]:
        """A runnable whose output follows ``schema``.

        Args:
            schema: A pydantic class (output: an instance), a TypedDict or a JSON schema dict
                (output: a dict). Optional for ``method="json_mode"``.
            method: ``"function_calling"`` (a forced tool call; the widest model support),
                ``"json_schema"`` (``response_format`` json_schema, strict by default) or
                ``"json_mode"`` (``response_format`` json_object; say "JSON" in the prompt).
            include_raw: Return ``{"raw", "parsed", "parsing_error"}`` instead of raising on
                a parsing error.
            strict: Exact schema adherence where the provider supports it.
            **kwargs: Other parameters bound to the model.

        Raises:
            ValueError: An unknown ``method``, or a ``schema`` that is not a schema.

        Example:
            .. code-block:: python

                from pydantic import BaseModel

                class Joke(BaseModel):
                    setup: str
                    punchline: str

                llm = ChatOpenRouter(model="openai/gpt-4o-mini")
                joke = llm.with_structured_output(Joke, method="json_schema").invoke("A joke")
        """
        return structured_output(
            self,
            schema,
            method=method,
            include_raw=include_raw,
            strict=strict,
            **kwargs,
        )

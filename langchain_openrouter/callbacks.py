"""Cost and token totals across a run, from OpenRouter's own ``usage.cost``.

``with get_openrouter_callback() as cb:`` counts every OpenRouter request made inside the block
(chat models, agents, ``batch``/``abatch``, streamed or not, embeddings and rerank) and adds up
requests, input/output/cached/cache-write/reasoning tokens and USD cost, overall and per model.
The cost is what OpenRouter reports in each response's ``usage.cost`` (reference §3.5); there
is no local price table, so the totals match the account's ``GET /activity``.

How requests reach the handler:

- Chat models report through LangChain callbacks (``on_llm_end``). The context manager
  registers its handler through langchain-core's configure hook, the way
  ``get_usage_metadata_callback`` does, so every run started in the block gets it.
- ``Embeddings`` and the reranker take no callbacks: they report each request to the package's
  usage hook (:mod:`langchain_openrouter._usage`). The context manager listens to it while any
  block is open and credits a report to the block active in the thread or asyncio task that
  made the request. Chat reports on that hook are skipped, because chat requests already
  arrive through ``on_llm_end``: each request counts once.

Example:
    .. code-block:: python

        from langchain_openrouter import ChatOpenRouter, get_openrouter_callback

        llm = ChatOpenRouter(model="openai/gpt-4o-mini")
        with get_openrouter_callback() as cb:
            llm.invoke("Hello")
            llm.batch(["Hi", "Bye"])
        print(cb.successful_requests, cb.total_tokens, cb.total_cost)
        print(cb)  # a per-model summary, USD as "$0.000063"
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.messages import AIMessage
from langchain_core.outputs import ChatGeneration, LLMResult
from langchain_core.tracers.context import register_configure_hook

from langchain_openrouter import _usage

__all__ = ["OpenRouterCostCallbackHandler", "UsageTotals", "get_openrouter_callback"]

# Reports of these kinds come from chat models, which also reach the handler via on_llm_end.
_CALLBACK_KINDS = frozenset(("chat", "responses"))
# How many recent run ids a handler remembers to count a run once when it reaches the handler
# twice (passed in ``callbacks=`` inside a nested block that forwards to it as well).
_SEEN_RUNS = 1024
_UNKNOWN_MODEL = "unknown"


@dataclass(frozen=True)
class UsageTotals:
    """Requests, tokens and cost of a set of OpenRouter requests (one model's, or all).

    Attributes:
        requests: Responses received (a response-cache hit counts, at cost 0).
        input_tokens: Prompt tokens (``prompt_tokens``; ``input_tokens`` on the Responses API).
        output_tokens: Completion tokens, reasoning included.
        total_tokens: ``total_tokens`` as reported (input plus output when absent).
        cached_tokens: Prompt tokens read from the provider's prompt cache.
        cache_write_tokens: Prompt tokens written to the provider's prompt cache.
        reasoning_tokens: Reasoning tokens among the output tokens.
        cost: USD charged, the sum of each response's ``usage.cost``.

    Example:
        >>> totals = UsageTotals(requests=2, input_tokens=30, output_tokens=8, total_tokens=38,
        ...                      cost=6.3e-06)
        >>> str(totals)
        '2 requests, 30 input tokens (0 cached, 0 cache write), 8 output (0 reasoning), $0.0000063'
    """

    requests: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    total_tokens: int = 0
    cached_tokens: int = 0
    cache_write_tokens: int = 0
    reasoning_tokens: int = 0
    cost: float = 0.0

    def __str__(self) -> str:
        return (
            f"{self.requests} request{'' if self.requests == 1 else 's'}, "
            f"{self.input_tokens:,} input tokens ({self.cached_tokens:,} cached, "
            f"{self.cache_write_tokens:,} cache write), {self.output_tokens:,} output "
            f"({self.reasoning_tokens:,} reasoning), {_format_usd(self.cost)}"
        )


def _format_usd(amount: float | Decimal) -> str:
    """An amount of USD in plain notation, never scientific: at least cents, every digit sent.

    Example:
        >>> _format_usd(6.3e-06), _format_usd(1.5), _format_usd(0), _format_usd(2e-07)
        ('$0.0000063', '$1.50', '$0.00', '$0.0000002')
    """
    value = _decimal(amount)
    text = format(value.normalize(), "f") if value else "0"
    whole, _, cents = text.partition(".")
    return f"${whole}.{cents.ljust(2, '0')}"


def _decimal(value: Any) -> Decimal:
    """A float cost as the decimal it was sent as (``str`` of a float is its shortest repr)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return Decimal(0)
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return Decimal(0)


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0
    return int(value)


def _detail(usage: Mapping[str, Any], containers: tuple[str, ...], name: str) -> int:
    for container in containers:
        details = usage.get(container)
        if isinstance(details, Mapping) and details.get(name) is not None:
            return _int(details[name])
    return 0


class _Tally:
    """Running totals; costs add as ``Decimal`` so that sums are exact to the digit sent."""

    __slots__ = (
        "cache_write_tokens",
        "cached_tokens",
        "cost",
        "input_tokens",
        "output_tokens",
        "reasoning_tokens",
        "requests",
        "total_tokens",
    )

    def __init__(self) -> None:
        self.requests = 0
        self.input_tokens = 0
        self.output_tokens = 0
        self.total_tokens = 0
        self.cached_tokens = 0
        self.cache_write_tokens = 0
        self.reasoning_tokens = 0
        self.cost = Decimal(0)

    def add(self, usage: Mapping[str, Any]) -> None:
        """Add one response's ``usage`` (chat, embeddings, rerank or Responses API names)."""
        total = usage.get("total_tokens")
        prompt = usage.get("prompt_tokens", usage.get("input_tokens"))
        output_tokens = _int(usage.get("completion_tokens", usage.get("output_tokens")))
        if prompt is None and not output_tokens:
            # Rerank reports only total_tokens: the tokens it read.
            prompt = total
        input_tokens = _int(prompt)
        self.requests += 1
        self.input_tokens += input_tokens
        self.output_tokens += output_tokens
        self.total_tokens += _int(total) if total is not None else input_tokens + output_tokens
        details = ("prompt_tokens_details", "input_tokens_details")
        self.cached_tokens += _detail(usage, details, "cached_tokens")
        self.cache_write_tokens += _detail(usage, details, "cache_write_tokens")
        completion = ("completion_tokens_details", "output_tokens_details")
        self.reasoning_tokens += _detail(usage, completion, "reasoning_tokens")
        self.cost += _decimal(usage.get("cost"))

    def freeze(self) -> UsageTotals:
        values = {f.name: getattr(self, f.name) for f in fields(UsageTotals)}
        values["cost"] = float(self.cost)
        return UsageTotals(**values)


def _usage_from_metadata(message: AIMessage) -> dict[str, Any]:
    """A wire-shaped ``usage`` from a message of any chat model that used OpenRouter.

    ``ChatOpenRouter`` keeps the raw usage in ``response_metadata["token_usage"]`` (streamed
    too, even with ``stream_usage=False``); other clients pointed at OpenRouter may carry only
    the standard ``usage_metadata`` and a ``cost``.
    """
    metadata = message.response_metadata
    raw = metadata.get("token_usage")
    usage: dict[str, Any] = dict(raw) if isinstance(raw, Mapping) else {}
    standard = message.usage_metadata
    if not usage and standard:
        input_details = standard.get("input_token_details") or {}
        output_details = standard.get("output_token_details") or {}
        usage = {
            "prompt_tokens": standard["input_tokens"],
            "completion_tokens": standard["output_tokens"],
            "total_tokens": standard["total_tokens"],
            "prompt_tokens_details": {
                "cached_tokens": input_details.get("cache_read", 0),
                "cache_write_tokens": input_details.get("cache_creation", 0),
            },
            "completion_tokens_details": {"reasoning_tokens": output_details.get("reasoning", 0)},
        }
    if "cost" not in usage and metadata.get("cost") is not None:
        usage["cost"] = metadata["cost"]
    return usage


def _replayed_from_langchain_cache(message: AIMessage) -> bool:
    """Whether LangChain's own cache (``set_llm_cache``) answered: no request was sent.

    langchain-core marks a cache hit by setting ``usage_metadata["total_cost"]`` to 0 and
    keeps the original ``response_metadata``, whose cost must not count again.
    """
    usage = message.usage_metadata
    return usage is not None and "total_cost" in usage


def _request_usage(messages: list[AIMessage]) -> tuple[AIMessage, dict[str, Any]]:
    """The message carrying a request's usage: with n > 1 only the first choice does."""
    for message in messages:
        usage = _usage_from_metadata(message)
        if usage:
            return message, usage
    return messages[0], {}


def _from_openrouter(message: AIMessage, usage: Mapping[str, Any]) -> bool:
    return message.response_metadata.get("model_provider") == "openrouter" or "cost" in usage


class OpenRouterCostCallbackHandler(BaseCallbackHandler):
    """Adds up requests, tokens and USD cost of OpenRouter requests, overall and per model.

    Use it through :func:`get_openrouter_callback`, or pass it yourself in
    ``config={"callbacks": [handler]}`` (then it sees that run's chat requests only:
    embeddings and rerank are credited to a ``get_openrouter_callback()`` block). Requests of
    other providers' chat models are not counted: they carry no OpenRouter cost.

    Thread- and task-safe: one lock guards the totals, so runs in threads (``batch``) and
    asyncio tasks (``abatch``, ``asyncio.gather``) add up correctly. The cost is the sum of
    each response's ``usage.cost`` in USD (exact to the digits sent); a response-cache hit
    counts as a request with zero tokens and cost.

    The attribute names of ``get_openai_callback``'s handler work here too
    (``successful_requests``, ``prompt_tokens``, ``prompt_tokens_cached``,
    ``completion_tokens``, ``reasoning_tokens``, ``total_tokens``, ``total_cost``).

    Example:
        .. code-block:: python

            handler = OpenRouterCostCallbackHandler()
            llm.invoke("Hello", config={"callbacks": [handler]})
            handler.totals.cost                            # USD
            handler.by_model["openai/gpt-4o-mini"].input_tokens
    """

    run_inline: bool = True
    """Called in the event loop's thread by async runs: recording is quick and locked."""

    def __init__(self) -> None:
        """A handler with every total at zero."""
        super().__init__()
        self._lock = threading.Lock()
        self._total = _Tally()
        self._models: dict[str, _Tally] = {}
        self._seen: OrderedDict[UUID, None] = OrderedDict()
        self._parent: OpenRouterCostCallbackHandler | None = None

    # -- recording ----------------------------------------------------------------------------

    def on_llm_end(self, response: LLMResult, *, run_id: UUID, **kwargs: Any) -> None:
        """Count the request of one finished chat-model run (streamed runs included)."""
        for generations in response.generations:
            messages = [
                g.message
                for g in generations
                if isinstance(g, ChatGeneration) and isinstance(g.message, AIMessage)
            ]
            if not messages or _replayed_from_langchain_cache(messages[0]):
                continue
            message, usage = _request_usage(messages)
            if _from_openrouter(message, usage):
                model = message.response_metadata.get("model_name") or _model_of(response)
                self._record(model, usage, run_id)

    def on_llm_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        """Count a failed request that OpenRouter billed, when the error carries its usage.

        A stream that fails midway (``StreamError``) or a choice that fails after partial
        output keeps what arrived in ``error.partial``; some providers' error events carry the
        usage and cost of the tokens produced, and those count like any response.
        """
        partial = getattr(error, "partial", None)
        if not isinstance(partial, AIMessage):
            return
        usage = _usage_from_metadata(partial)
        if usage and _from_openrouter(partial, usage):
            model = partial.response_metadata.get("model_name") or _UNKNOWN_MODEL
            self._record(model, usage, run_id)

    def record_usage(self, model: str | None, usage: Mapping[str, Any]) -> None:
        """Count one request by its OpenRouter ``usage`` object (and the enclosing blocks').

        For requests made outside LangChain (raw httpx, say) that should show in the totals.

        Args:
            model: The model that answered (``"unknown"`` when ``None``).
            usage: The response's ``usage``: ``prompt_tokens``, ``completion_tokens``,
                ``prompt_tokens_details``, ``cost`` (USD) ...; missing fields count as 0.
        """
        self._record(model or _UNKNOWN_MODEL, usage, None)

    def _record(self, model: str, usage: Mapping[str, Any], run_id: UUID | None) -> None:
        handler: OpenRouterCostCallbackHandler | None = self
        while handler is not None:
            with handler._lock:
                if run_id is not None:
                    if run_id in handler._seen:
                        return
                    handler._seen[run_id] = None
                    if len(handler._seen) > _SEEN_RUNS:
                        handler._seen.popitem(last=False)
                handler._total.add(usage)
                tally = handler._models.get(model)
                if tally is None:
                    tally = handler._models[model] = _Tally()
                tally.add(usage)
                parent = handler._parent
            handler = parent

    # -- reading ------------------------------------------------------------------------------

    @property
    def totals(self) -> UsageTotals:
        """Everything counted so far, over all models."""
        with self._lock:
            return self._total.freeze()

    @property
    def by_model(self) -> dict[str, UsageTotals]:
        """Totals per model id (the model that answered), in the order first seen."""
        with self._lock:
            return {model: tally.freeze() for model, tally in self._models.items()}

    @property
    def successful_requests(self) -> int:
        """Requests counted."""
        return self.totals.requests

    @property
    def prompt_tokens(self) -> int:
        """Input tokens."""
        return self.totals.input_tokens

    @property
    def prompt_tokens_cached(self) -> int:
        """Input tokens read from the prompt cache."""
        return self.totals.cached_tokens

    @property
    def prompt_tokens_cache_write(self) -> int:
        """Input tokens written to the prompt cache."""
        return self.totals.cache_write_tokens

    @property
    def completion_tokens(self) -> int:
        """Output tokens (reasoning included)."""
        return self.totals.output_tokens

    @property
    def reasoning_tokens(self) -> int:
        """Reasoning tokens."""
        return self.totals.reasoning_tokens

    @property
    def total_tokens(self) -> int:
        """Input plus output tokens."""
        return self.totals.total_tokens

    @property
    def total_cost(self) -> float:
        """USD charged, from OpenRouter's ``usage.cost``."""
        return self.totals.cost

    def __str__(self) -> str:
        with self._lock:
            total = self._total.freeze()
            models = {model: tally.freeze() for model, tally in self._models.items()}
        lines = [f"OpenRouter usage: {total}"]
        lines.extend(f"  {model}: {totals}" for model, totals in models.items())
        return "\n".join(lines)

    def __repr__(self) -> str:
        total = self.totals
        return (
            f"OpenRouterCostCallbackHandler(requests={total.requests}, "
            f"total_tokens={total.total_tokens}, total_cost={_format_usd(total.cost)})"
        )


def _model_of(response: LLMResult) -> str:
    name = (response.llm_output or {}).get("model_name")
    return name if isinstance(name, str) and name else _UNKNOWN_MODEL


# One variable and one configure hook for the whole process (langchain-core's own
# get_usage_metadata_callback makes a new variable and hook per call, and the hooks pile up).
# It holds the innermost open block's handler; that handler forwards to the enclosing ones.
_active: ContextVar[OpenRouterCostCallbackHandler | None] = ContextVar(
    "openrouter_cost_callback", default=None
)
register_configure_hook(_active, inheritable=True)

_listener_lock = threading.Lock()
_open_blocks = 0


def _credit_report(report: _usage.UsageReport) -> None:
    """Credit an embeddings or rerank request to the block active where it was made."""
    if report.kind in _CALLBACK_KINDS:
        return
    handler = _active.get()
    if handler is not None:
        handler.record_usage(report.model, report.usage)


def _open_block() -> None:
    global _open_blocks
    with _listener_lock:
        _open_blocks += 1
        if _open_blocks == 1:
            _usage.add_listener(_credit_report)


def _close_block() -> None:
    global _open_blocks
    with _listener_lock:
        _open_blocks -= 1
        if _open_blocks == 0:
            _usage.remove_listener(_credit_report)


@contextmanager
def get_openrouter_callback() -> Iterator[OpenRouterCostCallbackHandler]:
    """Count every OpenRouter request made inside the ``with`` block.

    Chat-model runs started in the block (``invoke``, ``stream``, ``batch``, chains, LangGraph
    agents; sync, async, worker threads of ``batch``, asyncio tasks) get the handler through
    langchain-core's configure hook, as with ``get_usage_metadata_callback``; embeddings and
    rerank requests are credited through the package's usage hook. A thread you start yourself
    with ``threading.Thread`` does not inherit the block (context variables do not cross into
    new threads): run its work in ``contextvars.copy_context().run``, or pass the handler in
    ``config={"callbacks": [cb]}``.

    Nesting: a block inside another counts its requests in both, the inner handler and the
    outer one, as langchain-core's ``get_usage_metadata_callback`` does (``get_openai_callback``
    instead hides the outer block inside the inner one). Blocks in concurrent threads or tasks
    see only their own requests. After the block, the handler counts nothing more from it.

    Yields:
        The :class:`OpenRouterCostCallbackHandler` holding the totals (read them during or
        after the block).

    Example:
        .. code-block:: python

            with get_openrouter_callback() as run:
                agent.invoke({"messages": [("user", "What's the weather?")]})
                with get_openrouter_callback() as step:
                    embeddings.embed_documents(texts)
            print(step.total_cost, run.total_cost)  # run includes step
            print(run.by_model)
    """
    handler = OpenRouterCostCallbackHandler()
    handler._parent = _active.get()
    token = _active.set(handler)
    _open_block()
    try:
        yield handler
    finally:
        _close_block()
        _active.reset(token)
        handler._parent = None

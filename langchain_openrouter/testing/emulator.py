"""``OpenRouterEmulator``: a local OpenRouter for tests, demos and offline development."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import httpx

from langchain_openrouter.testing.app import App
from langchain_openrouter.testing.catalog import CATALOG, Catalog
from langchain_openrouter.testing.context import Config
from langchain_openrouter.testing.faults import Fault, FaultInjector
from langchain_openrouter.testing.hosts.disconnects import DisconnectLog
from langchain_openrouter.testing.hosts.server import EmulatorServer
from langchain_openrouter.testing.hosts.transport import EmulatorTransport
from langchain_openrouter.testing.model.script import ScriptRule
from langchain_openrouter.testing.routes.pkce import issue_code
from langchain_openrouter.testing.state import State
from langchain_openrouter.testing.stream import UsagePlacement
from langchain_openrouter.testing.wire import Request, Response

if TYPE_CHECKING:
    from langchain_openrouter.chat_models import ChatOpenRouter

__all__ = ["OpenRouterEmulator"]

IN_PROCESS_BASE_URL = "http://openrouter.test/api/v1"


class OpenRouterEmulator:
    """A faithful local OpenRouter: same routes, JSON, SSE framing and errors; no network.

    Use it in-process, or as a real HTTP server with :meth:`serve`; both run the same handler.
    In-process, :meth:`chat_model` builds a ``ChatOpenRouter`` wired to it for sync and async
    calls, and :meth:`connection` gives the same wiring as arguments for any class of the
    package; :meth:`client` / :meth:`async_client` (or :attr:`transport`) are the raw httpx
    clients.

    Args:
        credits: Credits (USD) the account starts with; completions spend them, and at zero the
            next completion gets 402.
        key_limit: Spending limit (USD) of the ready-made :attr:`api_key` (``None``: none).
        seed: Seeds ids and keys, so runs are reproducible.
        default_model: The model used when a request names none (the account default);
            ``None`` makes a missing ``model`` a 400.
        usage_placement: Where streams carry ``usage``: ``"separate"`` (documented),
            ``"trailing_choice"`` or ``"finish_chunk"`` (both seen in real streams).
        keepalive_comments: ``: OPENROUTER PROCESSING`` comments before the first event.
        chunk_delay: Seconds between stream events.
        byok: Answer as if the account's own provider key paid (``cost`` 0, ``is_byok``).
        clock: Returns the current epoch seconds (move time in tests).
        catalog: The model catalog (default: the built-in one).

    Example:
        .. code-block:: python

            from langchain_openrouter.testing import OpenRouterEmulator

            emu = OpenRouterEmulator()
            with emu.client() as http:
                reply = http.post(
                    "/chat/completions",
                    headers={"Authorization": f"Bearer {emu.api_key}"},
                    json={"messages": [{"role": "user", "content": "Hi"}]},
                ).json()
            assert reply["choices"][0]["message"]["content"] == "Hi"
    """

    base_url = IN_PROCESS_BASE_URL

    def __init__(
        self,
        *,
        credits: float = 100.0,
        key_limit: float | None = None,
        seed: int = 0,
        default_model: str | None = "openai/gpt-4o-mini",
        usage_placement: UsagePlacement = "separate",
        keepalive_comments: int = 2,
        chunk_delay: float = 0.0,
        byok: bool = False,
        clock: Callable[[], float] = time.time,
        catalog: Catalog = CATALOG,
    ) -> None:
        self.state = State(credits=credits, seed=seed, clock=clock)
        config = Config(
            default_model=default_model,
            usage_placement=usage_placement,
            keepalive_comments=keepalive_comments,
            chunk_delay=chunk_delay,
            byok=byok,
        )
        self.app = App(state=self.state, catalog=catalog, config=config)
        self._api_key = self.state.new_key("Default key", limit=key_limit)
        self._management_key = self.state.new_key("Management key", management=True)
        self._disconnects = DisconnectLog()
        self.transport = EmulatorTransport(self.app.handle, disconnects=self._disconnects)

    def __repr__(self) -> str:
        return f"OpenRouterEmulator(base_url={self.base_url!r}, credits={self.credits_left:.4f})"

    # keys and account -------------------------------------------------------------------------

    @property
    def api_key(self) -> str:
        """A ready-made inference key (``sk-or-v1-`` + 64 hex)."""
        return self._api_key.secret

    @property
    def provisioning_key(self) -> str:
        """A ready-made management (provisioning) key for ``/keys``, ``/credits``, guardrails."""
        return self._management_key.secret

    management_key = provisioning_key

    def create_key(
        self,
        name: str = "test key",
        *,
        limit: float | None = None,
        limit_reset: str | None = None,
        disabled: bool = False,
    ) -> str:
        """Create another inference key and return its secret."""
        record = self.state.new_key(name, limit=limit, limit_reset=limit_reset, disabled=disabled)
        return record.secret

    @property
    def credits_left(self) -> float:
        """The account balance (USD)."""
        return self.state.balance

    def set_credits(self, total_credits: float) -> None:
        """Set the total credits bought (spend so far stays)."""
        with self.state.lock:
            self.state.total_credits = float(total_credits)

    @property
    def generations(self) -> dict[str, dict[str, Any]]:
        """Every recorded generation by id (what ``GET /generation`` serves)."""
        return {
            gen_id: {k: v for k, v in record.items() if not k.startswith("_")}
            for gen_id, record in self.state.generations.items()
        }

    @property
    def presets(self) -> dict[str, dict[str, Any]]:
        """The account's presets, by slug: body defaults (``model`` included) to apply.

        A request naming ``"@preset/<slug>"`` in ``preset`` or ``model`` gets these fields
        where it sets none itself; an unknown slug is a 404 (openrouter-api.md §1.5).

        Example:
            .. code-block:: python

                emu.presets["comedian"] = {"model": "openai/gpt-4o-mini", "temperature": 0.9}
                emu.chat_model("@preset/comedian").invoke("Tell a joke")
        """
        return self.state.presets

    def authorize(
        self,
        code_challenge: str | None = None,
        method: str | None = "S256",
        *,
        key_label: str | None = None,
        limit: float | None = None,
    ) -> str:
        """Do the browser step of PKCE (the user approves): returns the code to exchange."""
        return issue_code(
            self.state,
            challenge=code_challenge,
            method=method if code_challenge else None,
            key_label=key_label,
            limit=limit,
        )

    # behaviour --------------------------------------------------------------------------------

    @property
    def faults(self) -> FaultInjector:
        """Fault injection (see :class:`~langchain_openrouter.testing.faults.FaultInjector`)."""
        return self.app.faults

    def fail_next(
        self,
        status: int,
        *,
        route: str | None = "/chat/completions",
        times: int | None = 1,
        retry_after: float | None = None,
        **fields: Any,
    ) -> Fault:
        """Answer the next ``times`` requests to ``route`` with ``status`` and its error body.

        Example:
            .. code-block:: python

                emu.fail_next(429, retry_after=1, times=2)
        """
        return self.faults.status(
            status, route=route, times=times, retry_after=retry_after, **fields
        )

    def script(
        self,
        reply: str | None = None,
        *,
        model: str | None = None,
        when: str | None = None,
        tool_calls: Sequence[Mapping[str, Any]] | None = None,
        reasoning: str | None = None,
        times: int | None = 1,
        finish_reason: str | None = None,
        images: int = 0,
        refusal: str | None = None,
    ) -> ScriptRule:
        """Script the next answer(s); rules are tried in the order they were added.

        Args:
            reply: Text content to answer with.
            model: Only for requests to this model.
            when: Only when the last user message contains this (case-insensitive).
            tool_calls: Tool calls to make, e.g. ``[{"name": "get_weather", "arguments":
                {"city": "Paris"}}]``.
            reasoning: Reasoning text to return.
            times: Requests it answers (default one); ``None`` for all.
            finish_reason: Override the finish reason.
            images: Generated images to attach.
            refusal: A refusal message to return.

        Returns:
            The rule (its ``used`` counts the requests it answered).

        Example:
            .. code-block:: python

                emu.script("It is sunny.", when="weather")
                emu.script(tool_calls=[{"name": "add", "arguments": {"a": 1, "b": 2}}])
        """
        rule = ScriptRule(
            reply=reply,
            tool_calls=tool_calls,
            reasoning=reasoning,
            model=model,
            when=when,
            times=times,
            finish_reason=finish_reason,
            images=images,
            refusal=refusal,
        )
        self.app.rules.append(rule)
        return rule

    def clear_scripts(self) -> None:
        """Forget every scripted rule."""
        self.app.rules.clear()

    @property
    def requests(self) -> list[Request]:
        """The last requests received (up to 1000), oldest first: assert on what was sent."""
        return list(self.app.requests)

    @property
    def disconnects(self) -> DisconnectLog:
        """Answers the client abandoned before their end, served or in-process.

        A client that stops reading a stream (``break`` out of ``stream()``, a cancelled
        ``astream()`` task) or gives up on a slow answer (its timeout) should close the
        connection at once; the emulator notices (served: the socket closes; in-process: the
        response is closed early, or the simulated read timeout fires), stops, and logs a
        :class:`~langchain_openrouter.testing.hosts.disconnects.Disconnect` here (method,
        route, whether the headers had gone out, SSE events sent). ``wait(n, timeout=...)``
        blocks until ``n`` were seen.

        Example:
            .. code-block:: python

                emu.faults.slow(60, after=3)  # three events, then the stream stalls
                with emu.serve() as base_url:
                    llm = ChatOpenRouter(
                        model="openai/gpt-4o-mini", api_key=emu.api_key, base_url=base_url
                    )
                    for chunk in llm.stream("one two three four"):
                        break
                    assert emu.disconnects.wait(1, timeout=5)
        """
        return self._disconnects

    # transports -------------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        """Answer one request (the pure entry point both transports mount)."""
        return self.app.handle(request)

    def connection(self) -> dict[str, Any]:
        """Arguments that wire any class of the package to this emulator, in-process.

        ``base_url``, ``api_key``, ``http_client`` and ``http_async_client`` (fresh clients on
        the in-process transport), so sync and async calls both reach the emulator. Splat them
        into ``ChatOpenRouter`` or any other class of the package that takes them.

        Returns:
            ``{"base_url": ..., "api_key": ..., "http_client": ..., "http_async_client": ...}``.

        Example:
            .. code-block:: python

                from langchain_openrouter import ChatOpenRouter

                llm = ChatOpenRouter(model="openai/gpt-4o-mini", **emu.connection())
        """
        return {
            "base_url": self.base_url,
            "api_key": self.api_key,
            "http_client": self.client(),
            "http_async_client": self.async_client(),
        }

    def chat_model(self, model: str = "openai/gpt-4o-mini", **kwargs: Any) -> ChatOpenRouter:
        """A ``ChatOpenRouter`` wired to this emulator, in-process, for sync and async calls.

        Args:
            model: The model id.
            **kwargs: Any other ``ChatOpenRouter`` argument (``temperature=``, ``max_retries=``,
                ...); they win over the :meth:`connection` arguments.

        Returns:
            The chat model: ``invoke``, ``ainvoke``, ``stream`` and ``astream`` all answer from
            this emulator.

        Example:
            .. code-block:: python

                llm = emu.chat_model("openai/gpt-4o-mini", temperature=0)
                assert llm.invoke("Hello").content == "Hello"
        """
        from langchain_openrouter.chat_models import ChatOpenRouter

        return ChatOpenRouter(model=model, **{**self.connection(), **kwargs})

    def client(self, **kwargs: Any) -> httpx.Client:
        """An ``httpx.Client`` on the in-process transport (``base_url`` set)."""
        kwargs.setdefault("base_url", self.base_url)
        return httpx.Client(transport=self.transport, **kwargs)

    def async_client(self, **kwargs: Any) -> httpx.AsyncClient:
        """An ``httpx.AsyncClient`` on the in-process transport (``base_url`` set)."""
        kwargs.setdefault("base_url", self.base_url)
        return httpx.AsyncClient(transport=self.transport, **kwargs)

    @contextmanager
    def serve(self, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
        """Run as an HTTP/1.1 server; yields its base URL, e.g. ``http://127.0.0.1:53127/api/v1``.

        Example:
            .. code-block:: python

                with emu.serve() as base_url:
                    httpx.get(f"{base_url}/models")
        """
        server = EmulatorServer(self.app.handle, host, port, disconnects=self._disconnects)
        base_url = server.start()
        try:
            yield base_url
        finally:
            server.stop()

"""No key leaks: one sweep with canary keys over every place a key could surface.

The inference key, the management key, and the keys ``create_api_key`` and the PKCE exchange
return are canaries. The sweep uses every public class against the emulator served on
127.0.0.1 (successes, a 401, a dropped connection, a timeout, sync and async) and collects
every text the package lets out: ``repr``/``str`` of objects and returned types, log records
at DEBUG (ours, httpx's and httpcore's), exception messages with their ``__cause__`` and
``__context__`` chains and formatted tracebacks, pickles, ``dumpd``/``dumps``, LangSmith
params, tracing metadata (the serialized model and invocation params a callback and a run
collector receive) and the CLI's output. No canary may appear in any of it; the one intended
display, ``keys create`` printing the key it created, is checked to show that key once.
"""

from __future__ import annotations

import logging
import pickle
import traceback
from collections.abc import Iterator
from typing import Any
from uuid import UUID

import pytest
from click.testing import CliRunner
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.documents import Document
from langchain_core.load import dumpd, dumps
from langchain_core.messages import BaseMessage
from langchain_core.tracers.run_collector import RunCollectorCallbackHandler

from langchain_openrouter import (
    ChatOpenRouter,
    OpenRouterEmbeddings,
    OpenRouterModelRetriever,
    OpenRouterRerank,
    acreate_api_key,
    create_api_key,
    get_credits,
    get_key_info,
)
from langchain_openrouter.cli.app import cli
from langchain_openrouter.errors import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    OpenRouterError,
)
from langchain_openrouter.platform import create_pkce_pair, exchange_code_for_api_key
from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.testing.state import KeyRecord

API_KEY = "sk-or-v1-CANARY" + "a" * 49
MANAGEMENT_KEY = "sk-or-v1-CANARY" + "b" * 49
UNKNOWN_KEY = "sk-or-v1-CANARY" + "c" * 49
ENV_NAMES = (
    "OPENROUTER_API_KEY",
    "OPENROUTER_PROVISIONING_KEY",
    "OPENROUTER_API_BASE",
    "OPENROUTER_BASE_URL",
)


class Sweep:
    """Everything the package let out, as text (and pickles as bytes)."""

    def __init__(self) -> None:
        self.texts: list[tuple[str, str]] = []
        self.blobs: list[tuple[str, bytes]] = []

    def text(self, where: str, value: Any) -> None:
        self.texts.append((where, value if isinstance(value, str) else repr(value)))

    def obj(self, where: str, value: Any) -> None:
        self.text(f"repr({where})", repr(value))
        self.text(f"str({where})", str(value))

    def error(self, where: str, exc: BaseException) -> None:
        self.text(f"{where}: formatted", "".join(traceback.format_exception(exc)))
        chain: BaseException | None = exc
        seen: set[int] = set()
        while chain is not None and id(chain) not in seen:
            seen.add(id(chain))
            self.obj(f"{where}: {type(chain).__name__}", chain)
            self.text(f"{where}: args", chain.args)
            self.text(f"{where}: vars", vars(chain))
            chain = chain.__cause__ or chain.__context__
        if isinstance(exc, OpenRouterError):
            self.pickle(where, exc)

    def pickle(self, where: str, value: Any) -> None:
        self.blobs.append((f"pickle({where})", pickle.dumps(value)))

    def assert_clean(self, secrets: list[str]) -> None:
        assert len(self.texts) > 100
        for secret in secrets:
            found = [where for where, text in self.texts if secret in text]
            found += [where for where, blob in self.blobs if secret.encode() in blob]
            assert found == [], f"{secret[:15]}... leaked in {found}"


class Recorder(BaseCallbackHandler):
    """Keeps every argument every callback receives."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    def on_chat_model_start(
        self,
        serialized: dict[str, Any],
        messages: list[list[BaseMessage]],
        *,
        run_id: UUID,
        **kwargs: Any,
    ) -> None:
        self.calls.append(("on_chat_model_start", (serialized, messages, kwargs)))

    def on_llm_end(self, response: Any, **kwargs: Any) -> None:
        self.calls.append(("on_llm_end", (response, kwargs)))

    def on_llm_error(self, error: BaseException, **kwargs: Any) -> None:
        self.calls.append(("on_llm_error", (error, kwargs)))

    def on_retriever_start(self, serialized: dict[str, Any], query: str, **kwargs: Any) -> None:
        self.calls.append(("on_retriever_start", (serialized, query, kwargs)))


@pytest.fixture
def emu(monkeypatch: pytest.MonkeyPatch) -> OpenRouterEmulator:
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    emu = OpenRouterEmulator(credits=50.0)
    for secret, management in ((API_KEY, False), (MANAGEMENT_KEY, True)):
        record = KeyRecord(
            secret=secret, name="canary", management=management, created=emu.state.now()
        )
        emu.state.keys[record.hash] = record
    return emu


@pytest.fixture
def base_url(emu: OpenRouterEmulator) -> Iterator[str]:
    with emu.serve() as url:
        yield url


@pytest.fixture
def sweep(caplog: pytest.LogCaptureFixture) -> Sweep:
    caplog.set_level(logging.DEBUG)
    return Sweep()


def use_the_classes(sweep: Sweep, base_url: str, key: str, recorder: Recorder) -> list[Any]:
    """Every public class built with ``key``, used once; returns them (after use)."""
    collector = RunCollectorCallbackHandler()
    config: Any = {"callbacks": [recorder, collector]}
    llm = ChatOpenRouter(model="openai/gpt-4o-mini", api_key=key, base_url=base_url)
    sweep.pickle("ChatOpenRouter before use", llm)
    sweep.obj("llm.invoke()", llm.invoke("Hello", config=config))
    sweep.text("llm.stream()", list(llm.stream("Hello", config=config)))
    embeddings = OpenRouterEmbeddings(
        model="openai/text-embedding-3-small", api_key=key, base_url=base_url
    )
    sweep.text("embed_query", embeddings.embed_query("Hello"))
    rerank = OpenRouterRerank(model="cohere/rerank-v3.5", api_key=key, base_url=base_url)
    documents = [Document(page_content="cats purr"), Document(page_content="dogs bark")]
    sweep.text("rerank", rerank.compress_documents(documents, "cats", callbacks=[recorder]))
    retriever = OpenRouterModelRetriever(k=1, api_key=key, base_url=base_url)
    sweep.text("retriever", retriever.invoke("cheap model with tools", config=config))
    sweep.text("runs", [run.model_dump() for run in collector.traced_runs])
    sweep.text("ls_params", llm._get_ls_params())
    sweep.text("identifying_params", llm._identifying_params)
    for name, obj in (
        ("ChatOpenRouter", llm),
        ("OpenRouterEmbeddings", embeddings),
        ("OpenRouterRerank", rerank),
        ("OpenRouterModelRetriever", retriever),
    ):
        sweep.obj(name, obj)
        sweep.text(f"model_dump({name})", obj.model_dump())
        sweep.text(f"dumpd({name})", dumpd(obj))
        sweep.text(f"dumps({name})", dumps(obj, pretty=True))
        sweep.pickle(name, obj)
    return [llm, embeddings, rerank, retriever]


def force_errors(sweep: Sweep, emu: OpenRouterEmulator, base_url: str, key: str) -> None:
    """A 401, a dropped connection and a timeout, each with the key configured."""
    unknown = ChatOpenRouter(model="openai/gpt-4o-mini", api_key=UNKNOWN_KEY, base_url=base_url)
    with pytest.raises(AuthenticationError) as info:
        unknown.invoke("Hello")
    sweep.error("401 unknown key", info.value)
    emu.fail_next(401)
    llm = ChatOpenRouter(model="openai/gpt-4o-mini", api_key=key, base_url=base_url)
    with pytest.raises(AuthenticationError) as info:
        llm.invoke("Hello")
    sweep.error("401", info.value)
    emu.faults.drop(times=None)
    dropping = ChatOpenRouter(
        model="openai/gpt-4o-mini", api_key=key, base_url=base_url, max_retries=1
    )
    with pytest.raises(APIConnectionError) as connection:
        dropping.invoke("Hello")
    sweep.error("dropped", connection.value)
    emu.faults.clear()
    emu.faults.slow(5.0)
    stalling = ChatOpenRouter(
        model="openai/gpt-4o-mini", api_key=key, base_url=base_url, timeout=0.2, max_retries=0
    )
    with pytest.raises(APITimeoutError) as timeout:
        list(stalling.stream("Hello"))
    sweep.error("timeout", timeout.value)
    emu.faults.clear()
    with pytest.raises(AuthenticationError) as info:
        get_key_info(api_key=UNKNOWN_KEY, base_url=base_url)
    sweep.error("get_key_info 401", info.value)


def test_no_canary_key_surfaces_anywhere(
    emu: OpenRouterEmulator,
    base_url: str,
    sweep: Sweep,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorder = Recorder()
    created = create_api_key("canary-created", api_key=MANAGEMENT_KEY, base_url=base_url)
    created_key = created.key.get_secret_value()
    sweep.obj("CreatedAPIKey", created)
    sweep.text("CreatedAPIKey.model_dump()", created.model_dump())
    sweep.text("CreatedAPIKey.model_dump_json()", created.model_dump_json())
    pair = create_pkce_pair()
    code = emu.authorize(pair.challenge, pair.method)
    exchanged = exchange_code_for_api_key(code, pair.verifier, pair.method, base_url=base_url)
    exchanged_key = exchanged.key.get_secret_value()
    sweep.obj("AuthKey", exchanged)
    sweep.text("AuthKey.model_dump_json()", exchanged.model_dump_json())
    sweep.obj("get_credits", get_credits(api_key=MANAGEMENT_KEY, base_url=base_url))

    for key in (API_KEY, created_key, exchanged_key):
        use_the_classes(sweep, base_url, key, recorder)
        force_errors(sweep, emu, base_url, key)
    # A key the environment supplied is treated alike.
    monkeypatch.setenv("OPENROUTER_API_KEY", API_KEY)
    from_env = ChatOpenRouter(model="openai/gpt-4o-mini", base_url=base_url)
    sweep.obj("llm.invoke() with the key from env", from_env.invoke("Hello"))
    sweep.text("dumps(from env)", dumps(from_env))
    sweep.pickle("from env", from_env)

    assert any(name == "on_chat_model_start" for name, _ in recorder.calls)
    sweep.text("callbacks", recorder.calls)
    for record in caplog.records:
        sweep.text(f"log {record.name} {record.levelname}", record.getMessage())
        sweep.text(f"log {record.name} args", record.args)
    assert any(r.name.startswith("httpx") for r in caplog.records)
    sweep.assert_clean([API_KEY, MANAGEMENT_KEY, UNKNOWN_KEY, created_key, exchanged_key])


async def test_no_canary_key_surfaces_in_async_calls(
    emu: OpenRouterEmulator, base_url: str, sweep: Sweep, caplog: pytest.LogCaptureFixture
) -> None:
    created = await acreate_api_key("canary-async", api_key=MANAGEMENT_KEY, base_url=base_url)
    created_key = created.key.get_secret_value()
    sweep.obj("CreatedAPIKey", created)
    llm = ChatOpenRouter(model="openai/gpt-4o-mini", api_key=created_key, base_url=base_url)
    sweep.obj("ainvoke", await llm.ainvoke("Hello"))
    sweep.text("astream", [chunk async for chunk in llm.astream("Hello")])
    embeddings = OpenRouterEmbeddings(
        model="openai/text-embedding-3-small", api_key=created_key, base_url=base_url
    )
    sweep.text("aembed_query", await embeddings.aembed_query("Hello"))
    unknown = ChatOpenRouter(model="openai/gpt-4o-mini", api_key=UNKNOWN_KEY, base_url=base_url)
    with pytest.raises(AuthenticationError) as info:
        await unknown.ainvoke("Hello")
    sweep.error("async 401", info.value)
    emu.faults.drop(times=None)
    dropping = ChatOpenRouter(
        model="openai/gpt-4o-mini", api_key=created_key, base_url=base_url, max_retries=0
    )
    with pytest.raises(APIConnectionError) as connection:
        await dropping.ainvoke("Hello")
    sweep.error("async dropped", connection.value)
    emu.faults.clear()
    emu.faults.slow(5.0)
    stalling = ChatOpenRouter(
        model="openai/gpt-4o-mini",
        api_key=created_key,
        base_url=base_url,
        timeout=0.2,
        max_retries=0,
    )
    with pytest.raises(APITimeoutError) as timeout:
        [chunk async for chunk in stalling.astream("Hello")]
    sweep.error("async timeout", timeout.value)
    emu.faults.clear()
    for obj in (llm, embeddings, dropping, stalling):
        sweep.obj(type(obj).__name__, obj)
        sweep.pickle(type(obj).__name__, obj)
    for record in caplog.records:
        sweep.text(f"log {record.name} {record.levelname}", record.getMessage())
    for _ in range(60):
        sweep.text("padding for the count check", "")
    sweep.assert_clean([MANAGEMENT_KEY, UNKNOWN_KEY, created_key])


def test_the_cli_prints_no_key_but_the_one_it_created(
    emu: OpenRouterEmulator, base_url: str, sweep: Sweep, caplog: pytest.LogCaptureFixture
) -> None:
    runner = CliRunner()

    def run(*args: str, key: str = MANAGEMENT_KEY) -> str:
        result = runner.invoke(cli, [*args, "--base-url", base_url, "--api-key", key])
        output = result.stdout + result.stderr
        sweep.text(f"cli {args}", output)
        # Errors end in a message and an exit code, never a traceback.
        assert result.exception is None or isinstance(result.exception, SystemExit), output
        return output

    for args in (
        ("credits",),
        ("key",),
        ("key", "--json"),
        ("keys", "list"),
        ("keys", "list", "--json"),
        ("activity",),
        ("models", "--help"),
    ):
        run(*args)
    run("key", key=API_KEY)
    run("credits", key=API_KEY)
    run("key", key=UNKNOWN_KEY)
    run("keys", "list", key=UNKNOWN_KEY)
    emu.faults.drop(route="/key", times=None)
    run("key", key=API_KEY)
    emu.faults.clear()

    created: list[str] = []
    for args in (("keys", "create", "cli-created"), ("keys", "create", "cli-json", "--json")):
        result = runner.invoke(cli, [*args, "--base-url", base_url, "--api-key", MANAGEMENT_KEY])
        assert result.exit_code == 0, result.output
        new_keys = [k for k in emu.state.inference_keys() if k.name == args[2]]
        assert len(new_keys) == 1
        secret = new_keys[0].secret
        output = result.stdout + result.stderr
        # The one intended display: the new key, once, and nothing else secret.
        assert output.count(secret) == 1
        sweep.text(f"cli {args}", output.replace(secret, "<the created key>"))
        run("keys", "list")
        run("key", key=secret)
        created.append(secret)

    for record in caplog.records:
        sweep.text(f"log {record.name} {record.levelname}", record.getMessage())
    for _ in range(80):
        sweep.text("padding for the count check", "")
    sweep.assert_clean([API_KEY, MANAGEMENT_KEY, UNKNOWN_KEY, *created])


@pytest.mark.parametrize("padding", ["\n", "\r\n", " ", "\t"])
def test_a_key_read_with_surrounding_whitespace_is_trimmed(
    emu: OpenRouterEmulator,
    base_url: str,
    sweep: Sweep,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    padding: str,
) -> None:
    # A key read from a file keeps its newline. It once reached h11, which refused the header
    # and put the whole ``Bearer <key>`` value in its error: in the APIConnectionError's message
    # and httpcore's DEBUG log, after three pointless attempts.
    with ChatOpenRouter(
        model="openai/gpt-4o-mini", api_key=API_KEY + padding, base_url=base_url
    ) as llm:
        assert llm.invoke("Hello").content == "Hello"
    monkeypatch.setenv("OPENROUTER_API_KEY", padding + API_KEY + padding)
    sweep.obj("get_key_info", get_key_info(base_url=base_url))
    assert [r.headers["authorization"] for r in emu.requests] == [f"Bearer {API_KEY}"] * 2
    for record in caplog.records:
        sweep.text(f"log {record.name}", record.getMessage())
    sweep.texts.extend([("padding", "x")] * 101)
    sweep.assert_clean([API_KEY])


@pytest.mark.parametrize("inner", ["\r\nX-Injected: 1", "\x00", "\n", " "])
def test_a_key_with_a_character_no_header_can_carry_is_refused_unsent(
    emu: OpenRouterEmulator,
    base_url: str,
    sweep: Sweep,
    caplog: pytest.LogCaptureFixture,
    inner: str,
) -> None:
    bad = API_KEY[:20] + inner + API_KEY[20:]
    llm = ChatOpenRouter(model="openai/gpt-4o-mini", api_key=bad, base_url=base_url)
    with pytest.raises(ValueError, match="api_key") as info:
        llm.invoke("Hello")
    assert not isinstance(info.value, APIConnectionError)
    sweep.error("invoke", info.value)
    with pytest.raises(ValueError, match="api_key") as info:
        get_credits(api_key=bad, base_url=base_url)
    sweep.error("get_credits", info.value)
    assert list(emu.requests) == []
    for record in caplog.records:
        sweep.text(f"log {record.name}", record.getMessage())
    sweep.texts.extend([("padding", "x")] * 101)
    sweep.assert_clean([API_KEY[:20], API_KEY[20:]])


async def test_a_key_given_per_call_is_refused_before_any_callback(
    emu: OpenRouterEmulator, base_url: str, sweep: Sweep
) -> None:
    # Per-call keywords went into the body and into the invocation parameters LangChain hands
    # to every callback (a tracer records them): api_key= put the key in the trace, and the call
    # still ran on the model's own key.
    recorder = Recorder()
    collector = RunCollectorCallbackHandler()
    config: Any = {"callbacks": [recorder, collector]}
    llm = ChatOpenRouter(model="openai/gpt-4o-mini", api_key=MANAGEMENT_KEY, base_url=base_url)
    calls = [
        lambda: llm.invoke("Hello", config=config, api_key=API_KEY),
        lambda: list(llm.stream("Hello", config=config, api_key=API_KEY)),
        lambda: llm.bind(api_key=API_KEY).batch(["Hello"], config=config),
    ]
    for call in calls:
        with pytest.raises(ValueError, match="setting of the model") as info:
            call()
        sweep.error("per-call api_key", info.value)
    with pytest.raises(ValueError, match="setting of the model"):
        await llm.ainvoke("Hello", config=config, api_key=API_KEY)
    assert recorder.calls == []
    assert list(emu.requests) == []
    sweep.text("runs", [run.model_dump() for run in collector.traced_runs])
    sweep.texts.extend([("padding", "x")] * 101)
    sweep.assert_clean([API_KEY])

"""Bad arguments to every public function and class are refused before anything is sent.

One sweep, driven by tables: for every public function (sync and async) and every public
class (its constructor and its per-call arguments), a list of invalid arguments, each with the
argument the message must name and the phrase that says what to pass instead. Every case runs
against the emulator served on 127.0.0.1 with working keys in the environment, so an argument
that slipped through would reach it: each case asserts the emulator's request log did not grow.
A function or method argument of the wrong type raises ``TypeError``, of a wrong value
``ValueError``; a class field at construction raises pydantic's ``ValidationError`` (a
``ValueError``), and a chat request parameter given per call a ``ValueError``, by the same rules.

The tables are checked against the modules' ``__all__``: a public name added without an entry
here (or in :data:`NO_ARGUMENTS_TO_CHECK`, with the reason) fails
:func:`test_every_public_name_is_in_the_sweep`.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import io
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from types import ModuleType
from typing import Any

import pytest
from langchain_core.documents import Document
from pydantic import BaseModel

import langchain_openrouter
from integration_tests.docs_pages import ROOT, code_blocks
from langchain_openrouter import (
    ChatOpenRouter,
    OpenRouterEmbeddings,
    OpenRouterModelRetriever,
    OpenRouterRerank,
    callbacks,
    embeddings,
    errors,
    platform,
    rerank,
    retrievers,
    routing,
    testing,
    types,
)
from langchain_openrouter.embeddings import EmbeddingInputError
from langchain_openrouter.testing import OpenRouterEmulator

HASH = "ab" * 32
NAIVE = datetime(2030, 1, 1)


@dataclass(frozen=True)
class Bad:
    """One invalid call: what to pass, the argument the error must name and the fix it states."""

    name: str
    fix: str
    error: type[Exception]
    kwargs: dict[str, Any] = field(default_factory=dict)
    mentions: str | None = None  # the argument's name as the message spells it, if not `name`

    @property
    def id(self) -> str:
        return ", ".join(f"{k}={v!r}" for k, v in self.kwargs.items())[:80]


def bad(
    name: str,
    value: Any,
    fix: str,
    error: type[Exception] = ValueError,
    mentions: str | None = None,
    **more: Any,
) -> Bad:
    """``name=value`` (and ``more``) must raise ``error`` naming ``name`` and saying ``fix``."""
    return Bad(name, fix, error, {name: value, **more}, mentions=mentions)


# Checked by the one settings resolver every function goes through (_settings.py).
COMMON = [
    bad("api_key", 12345, "str or a SecretStr", TypeError),
    bad("base_url", "openrouter.ai/api/v1", "http:// or https://"),
    bad("base_url", 42, "str", TypeError),
    bad("client", "http://127.0.0.1", "httpx", TypeError),
]

# Positional arguments that are valid, so that each case is wrong in one argument only.
VALID: dict[str, dict[str, Any]] = {
    "get_generation": {"generation_id": "gen-1"},
    "create_api_key": {"name": "ci"},
    "update_api_key": {"key": HASH, "name": "renamed"},
    "delete_api_key": {"key": HASH},
    "create_coinbase_charge": {"amount": 10.0, "sender": "0x" + "ab" * 20, "chain_id": 8453},
    "get_guardrail": {"guardrail_id": "gr-1"},
    "create_guardrail": {"name": "team"},
    "update_guardrail": {"guardrail_id": "gr-1", "name": "renamed"},
    "delete_guardrail": {"guardrail_id": "gr-1"},
    "assign_guardrail_keys": {"guardrail_id": "gr-1", "keys": [HASH]},
    "unassign_guardrail_keys": {"guardrail_id": "gr-1", "keys": [HASH]},
    "assign_guardrail_members": {"guardrail_id": "gr-1", "member_user_ids": ["user_1"]},
    "unassign_guardrail_members": {"guardrail_id": "gr-1", "member_user_ids": ["user_1"]},
    "get_model": {"model_id": "openai/gpt-4o-mini"},
    "build_authorization_url": {"callback_url": "https://app.example/cb", "code_challenge": None},
    "create_auth_code": {"callback_url": "https://app.example/cb"},
    "exchange_code_for_api_key": {"code": "code-1", "code_verifier": "v" * 43},
    "login": {"port": 0, "timeout": 0.05, "open_browser": lambda url: False},
}

_GUARDRAIL_ID = [
    bad("guardrail_id", "", "non-empty"),
    bad("guardrail_id", None, "str", TypeError),
    bad("guardrail_id", "..", "must not be"),
]
_PAGE = [
    bad("offset", -1, ">= 0"),
    bad("offset", "10", "int", TypeError),
    bad("limit", 0, "1 to 100"),
    bad("limit", 101, "1 to 100"),
    bad("limit", 2.5, "int", TypeError),
]
_WORKSPACE = [
    bad("workspace_id", 7, "str", TypeError),
    bad("workspace_id", "", "non-empty"),
]
_KEYS = [
    bad("keys", [], "at least one"),
    bad("keys", ["not-a-key"], "64-hex-digit", mentions="keys[0]"),
    bad("keys", [123], "str or a SecretStr", TypeError, mentions="keys[0]"),
    *_GUARDRAIL_ID,
]
_MEMBERS = [
    bad("member_user_ids", [], "at least one"),
    bad("member_user_ids", [""], "'user_...'", mentions="member_user_ids[0]"),
    bad("member_user_ids", [5], "'user_...'", TypeError, mentions="member_user_ids[0]"),
    *_GUARDRAIL_ID,
]
_MODEL_FILTERS = [
    bad("supported_parameters", 5, "str", TypeError),
    bad("input_modalities", "imagez", "did you mean 'image'"),
    bad("output_modalities", ["text", "embedding"], "did you mean 'embeddings'"),
    bad("category", 5, "str", TypeError),
]
_PKCE_METHOD = "'S256' (recommended) or 'plain'"

PLATFORM: dict[str, list[Bad]] = {
    "get_credits": [],
    "get_key_info": [],
    "list_user_models": [],
    "list_embedding_models": [],
    "list_providers": [],
    "list_zdr_endpoints": [],
    "list_api_keys": [
        bad("offset", -1, ">= 0"),
        bad("offset", "10", "int", TypeError),
        bad("include_disabled", "no", "True or False", TypeError),
        *_WORKSPACE,
    ],
    "iter_api_keys": [bad("include_disabled", "yes", "True or False", TypeError), *_WORKSPACE],
    "create_api_key": [
        bad("name", "", "non-empty"),
        bad("name", 5, "str", TypeError),
        bad("limit", -1, ">= 0"),
        bad("limit", float("nan"), "finite"),
        bad("limit", "5", "number", TypeError),
        bad("limit_reset", "yearly", "'daily', 'weekly', 'monthly'"),
        bad("include_byok_in_limit", "true", "True or False", TypeError),
        bad("expires_at", NAIVE, "timezone-aware"),
        bad("expires_at", "2030-01-01", "datetime", TypeError),
        *_WORKSPACE,
        bad("creator_user_id", 5, "str", TypeError),
        bad("creator_user_id", "", "non-empty"),
    ],
    "update_api_key": [
        bad("key", "abc", "64-hex-digit"),
        bad("key", 123, "str or a SecretStr", TypeError),
        Bad("update_api_key", "at least one of", ValueError, {"key": HASH, "name": None}),
        bad("name", "", "non-empty"),
        bad("disabled", "false", "True or False", TypeError),
        bad("limit", -5, ">= 0"),
        bad("limit_reset", "hourly", "'daily', 'weekly', 'monthly'"),
    ],
    "delete_api_key": [
        bad("key", "", "64-hex-digit"),
        bad("key", None, "str or a SecretStr", TypeError),
        bad("key", "0" * 63, "64-hex-digit"),
    ],
    "get_generation": [
        bad("generation_id", "", "gen-"),
        bad("generation_id", "  ", "gen-"),
        bad("generation_id", 123, "str", TypeError),
    ],
    "get_activity": [
        bad("start_date", "2025-01-01", "date", TypeError),
        bad("start_date", date(2025, 2, 1), "after end_date", end_date=date(2025, 1, 1)),
        bad("date", NAIVE, "timezone-aware"),
        bad("api_key_hash", "xyz", "64-hex-digit"),
        bad("group_by", "model", "'workspace' or None"),
        bad("model", 5, "model id", TypeError),
        bad("user_id", 5, "str", TypeError),
        bad("user_id", "", "non-empty"),
        *_WORKSPACE,
    ],
    "create_coinbase_charge": [
        bad("amount", 0, "positive"),
        bad("amount", "10", "number", TypeError),
        bad("sender", "0x12", "40 hex digits"),
        bad("sender", 12, "40 hex digits", TypeError),
        bad("chain_id", 2, "8453"),
        bad("chain_id", "8453", "8453", TypeError),
    ],
    "list_guardrails": [*_PAGE, *_WORKSPACE],
    "get_guardrail": _GUARDRAIL_ID,
    "create_guardrail": [
        bad("name", "", "1 to 200 characters"),
        bad("name", "x" * 201, "1 to 200 characters"),
        bad("name", None, "1 to 200 characters", TypeError),
        bad("description", 5, "str", TypeError),
        bad("rules", "strict", "GuardrailRules or a mapping", TypeError),
        bad("rules", {"max_dayly_spend": 1}, "did you mean max_daily_spend"),
        *_WORKSPACE,
    ],
    "update_guardrail": [
        Bad("update_guardrail", "name, a description or rules", ValueError, {"name": None}),
        bad("name", "", "1 to 200 characters"),
        *_GUARDRAIL_ID,
    ],
    "delete_guardrail": _GUARDRAIL_ID,
    "assign_guardrail_keys": _KEYS,
    "unassign_guardrail_keys": _KEYS,
    "assign_guardrail_members": _MEMBERS,
    "unassign_guardrail_members": _MEMBERS,
    "list_guardrail_key_assignments": [*_PAGE, bad("guardrail_id", "", "non-empty")],
    "list_guardrail_member_assignments": [*_PAGE, bad("guardrail_id", 5, "str", TypeError)],
    "list_models": _MODEL_FILTERS,
    "count_models": [bad("output_modalities", "smell", "Allowed")],
    "get_model": [
        bad("model_id", "", "author/slug"),
        bad("model_id", "gpt-4o", "author/slug"),
        bad("model_id", 5, "str", TypeError),
    ],
    "list_endpoints": [
        bad("model", "", "non-empty"),
        bad("model", ["openai/gpt-4o", " "], "non-empty", mentions="model[1]"),
        bad("model", [], "give a model id"),
        bad("model", 5, "model id", TypeError),
        bad("max_concurrency", 0, ">= 1"),
        bad("max_concurrency", "8", "int", TypeError),
    ],
    "create_pkce_pair": [
        bad("method", "SHA1", _PKCE_METHOD),
        bad("length", 10, "43 to 128"),
        bad("length", "64", "int", TypeError),
    ],
    "build_authorization_url": [
        bad("callback_url", "not a url", "absolute URL"),
        bad("code_challenge", "short", "43"),
        bad("method", "md5", _PKCE_METHOD),
        bad("limit", -1, "positive"),
        bad("expires_at", NAIVE, "timezone-aware"),
        bad("key_label", 5, "str", TypeError),
    ],
    "create_auth_code": [
        bad("callback_url", "ftp://x.example/cb", "https"),
        bad("code_challenge_method", "x", _PKCE_METHOD),
        bad("limit", -1, "positive"),
        bad("usage_limit_type", "yearly", "'daily', 'weekly'"),
        bad("expires_at", NAIVE, "timezone-aware"),
        bad("key_label", 5, "str", TypeError),
        *_WORKSPACE,
    ],
    "exchange_code_for_api_key": [
        bad("code", "", "non-empty"),
        bad("code", 5, "str", TypeError),
        bad("code_verifier", "short", "43"),
        bad("code_challenge_method", "x", _PKCE_METHOD),
    ],
    "login": [
        bad("port", -1, "65535"),
        bad("port", "3000", "int", TypeError),
        bad("timeout", 0, "> 0"),
        bad("method", "md5", _PKCE_METHOD),
        bad("limit", -1, "positive"),
        bad("expires_at", NAIVE, "timezone-aware"),
        bad("key_label", 5, "str", TypeError),
        bad("open_browser", "firefox", "callable", TypeError),
        bad("client", "http://127.0.0.1", "httpx", TypeError),
    ],
}


def _sync_names() -> list[str]:
    return [n for n in platform.__all__ if not (n.startswith("a") and n[1:] in platform.__all__)]


def _common(name: str) -> list[Bad]:
    """The connection cases of the arguments ``name`` takes (``login`` takes no ``api_key``)."""
    params = inspect.signature(getattr(platform, name)).parameters
    return [c for c in COMMON if c.name in params]


@pytest.fixture(scope="module")
def emu() -> OpenRouterEmulator:
    return OpenRouterEmulator(credits=50.0)


@pytest.fixture(scope="module")
def base_url(emu: OpenRouterEmulator) -> Iterator[str]:
    with emu.serve() as url:
        yield url


@pytest.fixture(autouse=True)
def _env(emu: OpenRouterEmulator, base_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Working keys and the served emulator in the environment: only the bad argument is bad."""
    monkeypatch.delenv("OPENROUTER_API_BASE", raising=False)
    monkeypatch.setenv("OPENROUTER_BASE_URL", base_url)
    monkeypatch.setenv("OPENROUTER_API_KEY", emu.api_key)
    monkeypatch.setenv("OPENROUTER_PROVISIONING_KEY", emu.provisioning_key)


def _problem(
    emu: OpenRouterEmulator,
    run: Callable[[], Any],
    error: type[Exception],
    names: str,
    fix: str,
) -> str | None:
    """What is wrong with how ``run`` refuses its bad argument, or ``None`` when all is right."""
    sent = len(emu.requests)
    try:
        run()
    except Exception as raised:
        message = f"{type(raised).__name__}: {raised}"
        if not isinstance(raised, error):
            return f"raised {message[:300]}; expected {error.__name__}"
        if names not in str(raised) or fix not in str(raised):
            return f"message does not name {names!r} and say {fix!r}: {message[:300]}"
    else:
        return "accepted"
    if len(emu.requests) != sent:
        return f"refused only after {len(emu.requests) - sent} request(s) reached the emulator"
    return None


async def _await(result: Any) -> None:
    if isinstance(result, AsyncIterator):
        await result.__anext__()
    else:
        await result


def _call(fn: Callable[..., Any], kwargs: dict[str, Any]) -> Callable[[], Any]:
    """Call ``fn``, and start what it returns: an iterator's first page, an awaitable."""

    def run() -> None:
        result = fn(**kwargs)
        if isinstance(result, Iterator):
            next(result)
        elif isinstance(result, AsyncIterator) or inspect.isawaitable(result):
            asyncio.run(_await(result))

    return run


@pytest.mark.parametrize("name", _sync_names())
def test_platform_function_refuses_before_sending(emu: OpenRouterEmulator, name: str) -> None:
    """Every case of the function's table, sync and async: refused, named, nothing sent."""
    problems = []
    params = inspect.signature(getattr(platform, name)).parameters
    for case in [*PLATFORM.get(name, []), *_common(name)]:
        # A misspelt argument would be refused by Python itself, and pass for the wrong reason.
        assert set(case.kwargs) <= set(params), (name, case.kwargs)
        for fn_name in (name, f"a{name}"):
            if fn_name not in platform.__all__:
                continue
            run = _call(getattr(platform, fn_name), {**VALID.get(name, {}), **case.kwargs})
            problem = _problem(emu, run, case.error, case.mentions or case.name, case.fix)
            if problem:
                problems.append(f"{fn_name}({case.id}): {problem}")
    assert problems == []


def test_the_same_calls_with_good_arguments_reach_the_emulator(emu: OpenRouterEmulator) -> None:
    """The environment the sweep runs in is live: "nothing sent" is not for want of a route."""
    sent = len(emu.requests)
    assert platform.get_credits().total_credits == 50.0
    assert platform.list_api_keys(**VALID.get("list_api_keys", {})) != []
    assert platform.get_model(**VALID["get_model"]).id == "openai/gpt-4o-mini"
    assert platform.create_api_key(**VALID["create_api_key"]).name == "ci"
    assert asyncio.run(platform.alist_guardrails()).total_count == 0
    assert _chat().invoke("Hello").content
    assert len(emu.requests) == sent + 6


# The classes ---------------------------------------------------------------------------------


class Answer(BaseModel):
    """A structured-output schema."""

    text: str


def _chat(**kwargs: Any) -> ChatOpenRouter:
    return ChatOpenRouter(**{"model": "openai/gpt-4o-mini", "max_retries": 0, **kwargs})


def _embeddings(**kwargs: Any) -> OpenRouterEmbeddings:
    return OpenRouterEmbeddings(
        **{"model": "openai/text-embedding-3-small", "max_retries": 0, **kwargs}
    )


def _rerank(**kwargs: Any) -> OpenRouterRerank:
    return OpenRouterRerank(**{"model": "cohere/rerank-v3.5", "max_retries": 0, **kwargs})


def _retriever(**kwargs: Any) -> OpenRouterModelRetriever:
    return OpenRouterModelRetriever(**{"max_retries": 0, **kwargs})


DOCS = [Document(page_content="cats purr"), Document(page_content="dogs bark")]


@dataclass(frozen=True)
class Call:
    """One invalid use of a class: ``run`` does it; the error must name ``name`` and ``fix``."""

    name: str
    fix: str
    error: type[Exception]
    run: Callable[[], Any]
    label: str


def use(label: str, name: str, fix: str, error: type[Exception], run: Callable[[], Any]) -> Call:
    return Call(name, fix, error, run, label)


# The connection settings every class shares (OpenRouterSettings, _settings.py).
CONNECTION: list[tuple[str, Any, str, type[Exception]]] = [
    ("api_key", 12345, "str or a SecretStr", TypeError),
    ("base_url", "openrouter.ai/api/v1", "http:// or https://", ValueError),
    ("base_url", 42, "str", TypeError),
    ("timeout", -1, "> 0", ValueError),
    # NaN and infinity once passed "> 0" and failed in the socket layer, untyped.
    ("timeout", float("nan"), "finite", ValueError),
    ("timeout", float("inf"), "finite", ValueError),
    ("timeout", (5.0, float("nan")), "finite", ValueError),
    # A line break once reached h11, which refused it after three attempts.
    ("app_title", "My\napp", "one line", ValueError),
    ("app_url", "https://myapp.example/\r\n", "one line", ValueError),
    ("default_headers", {"X-Team": "a\r\nX-Injected: 1"}, "one line", ValueError),
    ("default_headers", {"X Team": "a"}, "header name", ValueError),
    ("max_retries", -1, "greater than or equal to 0", ValueError),
    ("client", "http://127.0.0.1", "httpx", TypeError),
    ("default_headers", {"X-Title": 5}, "valid string", ValueError),
    ("app_categories", ["Cli Agent"], "lowercase-hyphenated", ValueError),
    ("app_categories", "cli-agent", "list of str", TypeError),
    # The same setting under its two names: one would silently win.
    ("openrouter_api_key", "sk-or-v1-other", "pass only api_key=", ValueError),
]


def _twice(make: Callable[..., Any]) -> Callable[..., Any]:
    """``make`` with ``api_key=`` set too, for the case that gives it under both names."""

    def build(**kwargs: Any) -> Any:
        if "openrouter_api_key" in kwargs:
            kwargs["api_key"] = "sk-or-v1-one"
        return make(**kwargs)

    return build


def _connection_cases(label: str, make: Callable[..., Any]) -> list[Call]:
    def build(name: str, value: Any) -> Callable[[], Any]:
        return lambda: _twice(make)(**{name: value})

    return [
        use(f"{name}={value!r}", name, fix, error, build(name, value))
        for name, value, fix, error in CONNECTION
    ]


CLASSES: dict[str, list[Call]] = {
    "ChatOpenRouter": [
        *_connection_cases("ChatOpenRouter", _chat),
        use("model=''", "model", "author/slug", ValueError, lambda: _chat(model="")),
        use(
            "model= and model_name=",
            "model_name=",
            "pass only model=",
            ValueError,
            lambda: _chat(model_name="openai/gpt-4o"),
        ),
        use("temperature=5", "temperature", "2", ValueError, lambda: _chat(temperature=5)),
        use("top_p=2", "top_p", "1", ValueError, lambda: _chat(top_p=2)),
        use("max_tokens=-1", "max_tokens", "1", ValueError, lambda: _chat(max_tokens=-1)),
        use(
            "provider sort",
            "sort",
            "did you mean 'price'",
            ValueError,
            lambda: _chat(openrouter_provider={"sort": "prices"}),
        ),
        use(
            "reasoning effort",
            "effort",
            "Allowed",
            ValueError,
            lambda: _chat(reasoning={"effort": "extreme"}),
        ),
        use(
            "provider and openrouter_provider",
            "openrouter_provider=",
            "pass only provider=",
            ValueError,
            lambda: _chat(provider={"sort": "price"}, openrouter_provider={"sort": "latency"}),
        ),
        use("invoke(5)", "input", "str", ValueError, lambda: _chat().invoke(5)),  # type: ignore[arg-type]
        use(
            "invoke(role)",
            "message type",
            "Use one of",
            ValueError,
            lambda: _chat().invoke([{"role": "alien", "content": "hi"}]),
        ),
        use(
            "invoke(temperature=)",
            "temperature",
            "2",
            ValueError,
            lambda: _chat().invoke("hi", temperature=5),
        ),
        use(
            "invoke(provider=)",
            "sort",
            "did you mean",
            ValueError,
            lambda: _chat().invoke("hi", provider={"sort": "prices"}),
        ),
        use(
            "stream(top_p=)",
            "top_p",
            "1",
            ValueError,
            lambda: list(_chat().stream("hi", top_p=-1)),
        ),
        use(
            "astream(top_p=)",
            "top_p",
            "1",
            ValueError,
            lambda: asyncio.run(_drain(_chat().astream("hi", top_p=-1))),
        ),
        use(
            "ainvoke(temperature=)",
            "temperature",
            "2",
            ValueError,
            lambda: asyncio.run(_chat().ainvoke("hi", temperature=9)),
        ),
        use(
            "bind(temperature=)",
            "temperature",
            "2",
            ValueError,
            lambda: _chat().bind(temperature=-1).invoke("hi"),
        ),
        use(
            "bind_tools([5])",
            "tools[0]",
            "a function, a LangChain tool",
            TypeError,
            lambda: _chat().bind_tools([5]),  # type: ignore[list-item]
        ),
        use(
            "bind_tools(dict)",
            "tools",
            "must be a list",
            TypeError,
            lambda: _chat().bind_tools({"name": "x"}),  # type: ignore[arg-type]
        ),
        use(
            "bind_tools(tool_choice=)",
            "tool_choice",
            "auto",
            ValueError,
            lambda: _chat().bind_tools([Answer], tool_choice=5),  # type: ignore[arg-type]
        ),
        use(
            "invoke(stop=5)",
            "stop",
            "a string or a list of strings",
            ValueError,
            lambda: _chat().invoke("hi", stop=5),  # type: ignore[arg-type]
        ),
        use(
            "invoke(stop=[5 sequences])",
            "stop",
            "at most 4",
            ValueError,
            lambda: _chat().invoke("hi", stop=["a", "b", "c", "d", "e"]),
        ),
        use(
            "ChatOpenRouter(stop=[5 sequences])",
            "stop",
            "at most 4",
            ValueError,
            lambda: _chat(stop=["a", "b", "c", "d", "e"]).invoke("hi"),
        ),
        use(
            "invoke(temprature=)",
            "temprature",
            "did you mean 'temperature'",
            ValueError,
            lambda: _chat().invoke("hi", temprature=0.5),
        ),
        use(
            "invoke(api_key=)",
            "api_key",
            "setting of the model",
            ValueError,
            lambda: _chat().invoke("hi", api_key="sk-or-v1-per-call"),
        ),
        use(
            "stream(max_retries=)",
            "max_retries",
            "setting of the model",
            ValueError,
            lambda: list(_chat().stream("hi", max_retries=5)),
        ),
        use(
            "bind(base_url=)",
            "base_url",
            "setting of the model",
            ValueError,
            lambda: _chat().bind(base_url="http://127.0.0.1:1/api/v1").invoke("hi"),
        ),
        use(
            "invoke(models=[5])",
            "models[0]",
            "author/slug",
            ValueError,
            lambda: _chat().invoke("hi", models=[5]),
        ),
        use(
            "bind_tools(parallel_tool_calls=)",
            "parallel_tool_calls",
            "True or False",
            ValueError,
            lambda: _chat().bind_tools([Answer], parallel_tool_calls="no"),  # type: ignore[arg-type]
        ),
        use(
            "bind_tools(strict=)",
            "strict",
            "True or False",
            TypeError,
            lambda: _chat().bind_tools([Answer], strict="yes"),  # type: ignore[arg-type]
        ),
        use(
            "with_structured_output(include_raw=)",
            "include_raw",
            "True or False",
            TypeError,
            lambda: _chat().with_structured_output(Answer, include_raw="yes"),  # type: ignore[arg-type]
        ),
        use(
            "get_num_tokens_from_messages([5])",
            "messages[0]",
            "Unsupported message type",
            TypeError,
            lambda: _chat().get_num_tokens_from_messages([5]),  # type: ignore[list-item]
        ),
        use(
            "with_structured_output(5)",
            "schema",
            "pydantic",
            ValueError,
            lambda: _chat().with_structured_output(5),  # type: ignore[arg-type]
        ),
        use(
            "with_structured_output(method=)",
            "method",
            "json_schema",
            ValueError,
            lambda: _chat().with_structured_output(Answer, method="xml"),  # type: ignore[arg-type]
        ),
    ],
    "OpenRouterEmbeddings": [
        *_connection_cases("OpenRouterEmbeddings", _embeddings),
        use(
            "model=''",
            "model",
            "at least 1 character",
            ValueError,
            lambda: OpenRouterEmbeddings(model=""),
        ),
        use("dimensions=0", "dimensions", "1", ValueError, lambda: _embeddings(dimensions=0)),
        use("chunk_size=0", "chunk_size", "1", ValueError, lambda: _embeddings(chunk_size=0)),
        use(
            "encoding_format",
            "encoding_format",
            "float",
            ValueError,
            lambda: _embeddings(encoding_format="hex"),
        ),
        use(
            "embed_documents(str)",
            "texts",
            "list of str",
            TypeError,
            lambda: _embeddings().embed_documents("one text"),  # type: ignore[arg-type]
        ),
        use(
            "embed_documents([1])",
            "input 0",
            "not a string",
            EmbeddingInputError,
            lambda: _embeddings().embed_documents([1]),  # type: ignore[list-item]
        ),
        use(
            "embed_query(5)",
            "input 0",
            "not a string",
            EmbeddingInputError,
            lambda: _embeddings().embed_query(5),  # type: ignore[arg-type]
        ),
        use(
            "embed_documents(None)",
            "texts",
            "list of strings",
            TypeError,
            lambda: _embeddings().embed_documents(None),  # type: ignore[arg-type]
        ),
        use(
            "embed_documents([''])",
            "input 0",
            "empty string",
            EmbeddingInputError,
            lambda: _embeddings().embed_documents([""]),
        ),
        use(
            "aembed_documents(str)",
            "texts",
            "list of str",
            TypeError,
            lambda: asyncio.run(_embeddings().aembed_documents("one")),  # type: ignore[arg-type]
        ),
    ],
    "OpenRouterRerank": [
        *_connection_cases("OpenRouterRerank", _rerank),
        use(
            "model=''",
            "model",
            "at least 1 character",
            ValueError,
            lambda: OpenRouterRerank(model=""),
        ),
        use("top_n=0", "top_n", "1", ValueError, lambda: _rerank(top_n=0)),
        use(
            "image_key=''",
            "image_key",
            "at least 1 character",
            ValueError,
            lambda: _rerank(image_key=""),
        ),
        use(
            "rerank(query='')",
            "query",
            "non-empty",
            ValueError,
            lambda: _rerank().compress_documents(DOCS, ""),
        ),
        use(
            "rerank(query=5)",
            "query",
            "str",
            TypeError,
            lambda: _rerank().compress_documents(DOCS, 5),  # type: ignore[arg-type]
        ),
        use(
            "rerank(documents=str)",
            "documents",
            "wrap a single document in a list",
            TypeError,
            lambda: _rerank().compress_documents("cats", "q"),  # type: ignore[arg-type]
        ),
        use(
            "rerank(top_n=0)",
            "top_n",
            "1",
            ValueError,
            lambda: _rerank().rerank("q", ["a", "b"], top_n=0),
        ),
    ],
    "OpenRouterModelRetriever": [
        *_connection_cases("OpenRouterModelRetriever", _retriever),
        use("k=0", "k", "1", ValueError, lambda: _retriever(k=0)),
        use(
            "input_modalities typo",
            "input_modalities",
            "did you mean 'image'",
            ValueError,
            lambda: _retriever(input_modalities=["imagez"]),
        ),
        use(
            "output_modalities typo",
            "output_modalities",
            "did you mean 'embeddings'",
            ValueError,
            lambda: _retriever(output_modalities="embedding"),
        ),
        use("sort", "sort", "price", ValueError, lambda: _retriever(sort="cheapest")),
        use(
            "max_prompt_price",
            "max_prompt_price",
            "0",
            ValueError,
            lambda: _retriever(max_prompt_price=-1),
        ),
        use(
            "catalog",
            "catalog",
            "embeddings",
            ValueError,
            lambda: _retriever(catalog="images"),
        ),
        use("invoke(5)", "query", "str", TypeError, lambda: _retriever().invoke(5)),  # type: ignore[arg-type]
        use(
            "invoke(sort=)",
            "sort",
            "'price'",
            ValueError,
            lambda: _retriever().invoke("cheap", sort="cheapest"),
        ),
        use(
            "invoke(k=0)",
            "k",
            "1",
            ValueError,
            lambda: _retriever().invoke("cheap", k=0),
        ),
        use(
            "invoke(modality typo)",
            "input_modalities",
            "did you mean 'image'",
            ValueError,
            lambda: _retriever().invoke("cheap", input_modalities=["imagez"]),
        ),
    ],
}


async def _drain(stream: AsyncIterator[Any]) -> None:
    async for _ in stream:
        pass


@pytest.mark.parametrize("name", list(CLASSES))
def test_class_refuses_before_sending(emu: OpenRouterEmulator, name: str) -> None:
    """Constructor fields and per-call arguments: refused, named, nothing sent."""
    problems = [
        f"{name} {call.label}: {problem}"
        for call in CLASSES[name]
        if (problem := _problem(emu, call.run, call.error, call.name, call.fix))
    ]
    assert problems == []


def _bad_input_example() -> str:
    """The Python block of the "Bad input" section of the reliability page."""
    page = ROOT / "docs" / "reliability.md"
    section = page.read_text(encoding="utf-8").split("## Bad input", 1)[1]
    blocks = [b for b in code_blocks(page) if b.code in section.split("\n## ", 1)[0]]
    return blocks[0].code


def test_the_documented_example_prints_what_it_says(emu: OpenRouterEmulator) -> None:
    code = _bad_input_example()
    said = [
        line.removeprefix("# ").split("...")[0] for line in code.splitlines() if line[:2] == "# "
    ]
    output = io.StringIO()
    sent = len(emu.requests)
    with contextlib.redirect_stdout(output):
        exec(compile(code, "reliability.md", "exec"), {"__name__": "__docs__"})  # noqa: S102
    printed = output.getvalue().splitlines()
    assert len(printed) == len(said) == 3
    assert all(line.startswith(prefix) for line, prefix in zip(printed, said, strict=True))
    assert len(emu.requests) == sent


# The other public functions ---------------------------------------------------------------

OTHER: dict[str, list[Call]] = {
    "build_rerank_body": [
        use(
            "query=''",
            "query",
            "non-empty",
            ValueError,
            lambda: rerank.build_rerank_body("m", "", ["a"]),
        ),
        use(
            "documents=[]",
            "documents",
            "at least one",
            ValueError,
            lambda: rerank.build_rerank_body("m", "q", []),
        ),
        use(
            "top_n=0",
            "top_n",
            "1",
            ValueError,
            lambda: rerank.build_rerank_body("m", "q", ["a"], top_n=0),
        ),
    ],
    "pick_chat_model": [
        use("query=5", "query", "str", TypeError, lambda: retrievers.pick_chat_model(5)),  # type: ignore[arg-type]
        use(
            "retriever='x'",
            "retriever",
            "OpenRouterModelRetriever",
            TypeError,
            lambda: retrievers.pick_chat_model("cheap", retriever="x"),  # type: ignore[arg-type]
        ),
        use(
            "temperature=5",
            "temperature",
            "2",
            ValueError,
            lambda: retrievers.pick_chat_model("cheap", temperature=5),
        ),
    ],
}


@pytest.mark.parametrize("name", list(OTHER))
def test_other_function_refuses_before_sending(emu: OpenRouterEmulator, name: str) -> None:
    problems = [
        f"{name} {call.label}: {problem}"
        for call in OTHER[name]
        if (problem := _problem(emu, call.run, call.error, call.name, call.fix))
    ]
    assert problems == []


# Completeness ------------------------------------------------------------------------------

NO_ARGUMENTS_TO_CHECK: dict[str, str] = {
    "__version__": "a string",
    "INDEX_KEY": "a string",
    "SCORE_KEY": "a string",
    "RerankInput": "a type alias",
    "OpenRouterCostCallbackHandler": "takes no arguments; LangChain calls its hooks",
    "UsageTotals": "totals the handler builds; takes no arguments",
    "get_openrouter_callback": "takes no arguments",
    "clear_catalog_cache": "takes no arguments",
    "parse_rerank_response": "parses an answer (the response parsers are fuzzed separately)",
    "reranked_documents": "orders documents by an answer already parsed; sends nothing",
    "error_class_for": "maps a status to an error class; sends nothing",
    "error_from_response": "builds the error of an answer (parsers are fuzzed separately)",
    "error_from_stream_chunk": "builds the error of a stream event (fuzzed separately)",
    "check_option": "the check itself: the chat model's option cases above go through it",
    "check_options": "the check itself: the chat model's option cases above go through it",
}
"""Public names (other than answer types and errors) the sweep has nothing to feed, and why."""

# Modules whose public names are errors, answer types and option models (checked where they
# are passed, through the classes above), or test tooling.
DESCRIBED_MODULES: dict[ModuleType, str] = {
    errors: "errors the package raises",
    types: "answer types the package parses",
    routing: "option models and literals, checked through ChatOpenRouter and the other classes",
}
TOOLING = (testing, "the emulator and its records: test tooling, never pointed at OpenRouter")


def _sends_requests(value: Any) -> bool:
    """Whether a public name is something a user calls with arguments that reach OpenRouter."""
    if isinstance(value, type):
        if issubclass(value, BaseException):
            return False
        # Every class that talks to OpenRouter holds the shared connection settings.
        from langchain_openrouter._settings import OpenRouterSettings

        return issubclass(value, OpenRouterSettings) or not issubclass(value, BaseModel)
    return callable(value) and not hasattr(value, "__origin__")


def test_every_public_name_is_in_the_sweep() -> None:
    """A public function or class without cases here (or a reason) fails: the sweep is whole."""
    covered = set(PLATFORM) | set(CLASSES) | set(OTHER) | set(NO_ARGUMENTS_TO_CHECK)
    modules = [langchain_openrouter, callbacks, embeddings, platform, rerank, retrievers]
    missing = []
    for module in [*modules, *DESCRIBED_MODULES]:
        for name in module.__all__:
            if not _sends_requests(getattr(module, name)):
                continue
            sync = name[1:] if name.startswith("a") and name[1:] in module.__all__ else name
            if sync not in covered:
                missing.append(f"{module.__name__}.{name}")
    assert missing == []
    assert set(_sync_names()) <= set(PLATFORM)
    assert TOOLING[0].__all__

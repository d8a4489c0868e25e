from __future__ import annotations

import asyncio
import doctest
import subprocess
import sys
import warnings

import httpx
import pytest

from langchain_openrouter import _settings
from langchain_openrouter._settings import (
    KEY_ENV,
    OpenRouterSettings,
    acall_client,
    call_client,
    normalize_timeout,
    resolve_api_key,
)
from langchain_openrouter.errors import MissingAPIKeyError


def test_seconds_pass_through() -> None:
    assert normalize_timeout(30) == 30
    assert normalize_timeout(2.5) == 2.5
    assert normalize_timeout(None) is None
    assert normalize_timeout([3, 60]) == (3.0, 60.0)
    custom = httpx.Timeout(5.0)
    assert normalize_timeout(custom) is custom


def test_large_integers_are_milliseconds_from_02x() -> None:
    with pytest.warns(DeprecationWarning, match=r"milliseconds.*timeout=30"):
        assert normalize_timeout(30000) == 30.0


def test_floats_are_never_milliseconds() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert normalize_timeout(1500.0) == 1500.0


@pytest.mark.parametrize("bad", [0, -5, True, "30", (1,)])
def test_bad_timeouts_name_the_field(bad: object) -> None:
    with pytest.raises(ValueError, match="timeout"):
        normalize_timeout(bad)


def test_settings_fields_aliases_and_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-v1-from-env")
    monkeypatch.setenv("OPENROUTER_APP_URL", "https://app.example")
    monkeypatch.setenv("OPENROUTER_APP_TITLE", "App")
    monkeypatch.delenv("OPENROUTER_API_BASE", raising=False)
    monkeypatch.setenv("OPENROUTER_BASE_URL", "http://127.0.0.1:1/api/v1")
    settings = OpenRouterSettings(timeout=12, max_retries=0)
    assert settings.openrouter_api_key is not None
    assert settings.openrouter_api_key.get_secret_value() == "sk-or-v1-from-env"
    assert settings.openrouter_api_base == "http://127.0.0.1:1/api/v1"
    assert (settings.app_url, settings.app_title) == ("https://app.example", "App")
    client = settings.sync_client
    assert client is settings.sync_client
    assert client.config.base_url == "http://127.0.0.1:1/api/v1"
    assert client.config.timeout.read == 12.0
    assert client.policy.max_retries == 0
    assert client.config.headers["HTTP-Referer"] == "https://app.example"
    assert "sk-or-v1-from-env" not in repr(settings)


def test_one_async_client_per_event_loop() -> None:
    settings = OpenRouterSettings(api_key="sk-or-v1-x")

    async def clients() -> tuple[object, object]:
        return settings.async_client, settings.async_client

    first, again = asyncio.run(clients())
    assert first is again
    second, _ = asyncio.run(clients())
    assert second is not first


def test_a_user_async_http_client_is_the_one_client() -> None:
    http = httpx.AsyncClient()
    settings = OpenRouterSettings(api_key="sk-or-v1-x", http_async_client=http)

    async def client() -> object:
        return settings.async_client

    first = asyncio.run(client())
    assert asyncio.run(client()) is first
    assert first.http is http  # type: ignore[attr-defined]


def test_default_headers_stay_out_of_repr_and_dumps() -> None:
    settings = OpenRouterSettings(default_headers={"X-Internal-Token": "hush"})
    assert "hush" not in repr(settings)
    assert "hush" not in settings.model_dump_json()


def test_negative_retries_are_rejected() -> None:
    with pytest.raises(ValueError, match="max_retries"):
        OpenRouterSettings(max_retries=-1)


def test_importing_the_package_loads_nothing_heavy() -> None:
    code = (
        "import sys, langchain_openrouter, langchain_openrouter.errors;"
        "heavy = [m for m in ('tiktoken', 'langchain_openrouter.testing', "
        "'langchain_openrouter.chat_models') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == ""


# --- the one resolver -------------------------------------------------------------------------


@pytest.fixture
def no_key_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("OPENROUTER_API_KEY", "OPENROUTER_PROVISIONING_KEY"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_the_argument_wins_over_the_environment(no_key_env: pytest.MonkeyPatch) -> None:
    no_key_env.setenv("OPENROUTER_PROVISIONING_KEY", "sk-or-v1-env")
    key = resolve_api_key("sk-or-v1-arg", "management")
    assert key is not None
    assert key.get_secret_value() == "sk-or-v1-arg"


def test_management_keys_read_the_provisioning_variable_first(
    no_key_env: pytest.MonkeyPatch,
) -> None:
    no_key_env.setenv("OPENROUTER_API_KEY", "sk-or-v1-inference")
    no_key_env.setenv("OPENROUTER_PROVISIONING_KEY", "sk-or-v1-management")
    management = resolve_api_key(None, "management")
    inference = resolve_api_key(None, "inference")
    assert management is not None
    assert inference is not None
    assert management.get_secret_value() == "sk-or-v1-management"
    assert inference.get_secret_value() == "sk-or-v1-inference"
    no_key_env.delenv("OPENROUTER_PROVISIONING_KEY")
    fallback = resolve_api_key(None, "management")
    assert fallback is not None
    assert fallback.get_secret_value() == "sk-or-v1-inference"


def test_missing_keys_name_the_variables_and_the_kind(no_key_env: pytest.MonkeyPatch) -> None:
    with pytest.raises(MissingAPIKeyError, match="management key") as management:
        resolve_api_key(None, "management")
    assert "OPENROUTER_PROVISIONING_KEY or OPENROUTER_API_KEY" in str(management.value)
    with pytest.raises(MissingAPIKeyError, match="or set OPENROUTER_API_KEY ") as inference:
        resolve_api_key("", "inference")
    assert "management" not in str(inference.value)
    assert resolve_api_key(None, "inference", required=False) is None


def test_one_shot_calls_build_their_client_from_the_settings_mixin(
    no_key_env: pytest.MonkeyPatch,
) -> None:
    no_key_env.delenv("OPENROUTER_API_BASE", raising=False)
    no_key_env.setenv("OPENROUTER_BASE_URL", "http://127.0.0.1:9/api/v1")
    no_key_env.setenv("OPENROUTER_APP_TITLE", "Mine")
    http = httpx.Client()
    with call_client("management", api_key="sk-or-v1-m", client=http) as client:
        assert client.http is http
        assert client.config.base_url == "http://127.0.0.1:9/api/v1"
        assert client.config.headers["X-Title"] == "Mine"
        assert client.config.headers["HTTP-Referer"] == "https://docs.langchain.com"
        assert client.config.key_env == KEY_ENV["management"]
    assert not http.is_closed
    no_key_env.setenv("OPENROUTER_API_BASE", "http://127.0.0.1:8/api/v1")
    with call_client("inference", api_key="sk-or-v1-i", client=http) as client:
        assert client.config.base_url == "http://127.0.0.1:8/api/v1"
    with call_client(
        "inference", api_key="k", base_url="http://127.0.0.1:7", client=http
    ) as client:
        assert client.config.base_url == "http://127.0.0.1:7"

    async def owned() -> httpx.AsyncClient:
        async with acall_client("inference", api_key="sk-or-v1-i") as client:
            return client.http

    assert asyncio.run(owned()).is_closed


def test_attribution_defaults_are_the_same_for_every_class() -> None:
    settings = OpenRouterSettings()
    assert (settings.app_url, settings.app_title) == ("https://docs.langchain.com", "LangChain")


def test_client_takes_only_httpx_clients_and_names_the_alternative() -> None:
    with pytest.raises(TypeError, match=r"httpx\.Client or an httpx\.AsyncClient"):
        OpenRouterSettings(client=object())
    http = httpx.AsyncClient()
    assert OpenRouterSettings(client=http).http_async_client is http


def test_doctests() -> None:
    assert doctest.testmod(_settings).failed == 0

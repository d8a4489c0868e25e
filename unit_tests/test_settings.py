from __future__ import annotations

import asyncio
import subprocess
import sys
import warnings

import httpx
import pytest

from langchain_openrouter._settings import OpenRouterSettings, normalize_timeout


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

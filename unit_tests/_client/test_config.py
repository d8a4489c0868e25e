from __future__ import annotations

import httpx
import pytest

from langchain_openrouter._client.config import (
    DEFAULT_BASE_URL,
    ClientConfig,
    build_headers,
    make_timeout,
    resolve_base_url,
)
from langchain_openrouter._version import __version__
from langchain_openrouter.errors import MissingAPIKeyError


def test_attribution_headers() -> None:
    headers = build_headers(
        app_url="https://myapp.example",
        app_title="My App",
        app_categories=["cli-agent", "general-chat"],
    )
    assert headers["HTTP-Referer"] == "https://myapp.example"
    assert headers["X-Title"] == "My App"
    assert headers["X-OpenRouter-Title"] == "My App"
    assert headers["X-OpenRouter-Categories"] == "cli-agent,general-chat"
    assert headers["User-Agent"] == f"langchain-openrouter/{__version__}"


def test_default_headers_override_attribution_case_insensitively() -> None:
    headers = build_headers(
        app_title="Mine",
        default_headers={"x-title": "Theirs", "X-Custom": "1", "user-agent": "ua/2"},
    )
    assert headers["X-Title"] == "Theirs"
    assert headers.get_list("x-title") == ["Theirs"]
    assert headers["x-custom"] == "1"
    assert headers["User-Agent"] == "ua/2"


def test_no_attribution_headers_when_unset() -> None:
    headers = build_headers()
    assert "HTTP-Referer" not in headers
    assert "X-Title" not in headers
    assert "X-OpenRouter-Categories" not in headers


@pytest.mark.parametrize("bad", ["CLI Agent", "x" * 31, "under_score"])
def test_invalid_categories_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError, match="lowercase-hyphenated"):
        build_headers(app_categories=[bad])


def test_more_categories_than_openrouter_keeps_warns() -> None:
    with pytest.warns(UserWarning, match=r"at most 2.*\['game'\]"):
        headers = build_headers(app_categories=["cli-agent", "roleplay", "game"])
    assert headers["X-OpenRouter-Categories"] == "cli-agent,roleplay,game"


def test_default_timeout_is_long_enough_for_reasoning_models() -> None:
    timeout = make_timeout(None)
    assert timeout.connect == 10.0
    assert timeout.read == 600.0


def test_timeout_forms() -> None:
    assert make_timeout(30).read == 30.0
    assert make_timeout(2.5).connect == 2.5
    pair = make_timeout((3, 90))
    assert (pair.connect, pair.read) == (3.0, 90.0)
    custom = httpx.Timeout(1.0, read=5.0)
    assert make_timeout(custom) is custom


@pytest.mark.parametrize("bad", [0, -1, "10", True, (1, 2, 3), (0, 5)])
def test_bad_timeouts(bad: object) -> None:
    with pytest.raises(ValueError, match="timeout"):
        make_timeout(bad)  # type: ignore[arg-type]


def test_base_url_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENROUTER_BASE_URL", raising=False)
    assert resolve_base_url(None) == DEFAULT_BASE_URL
    monkeypatch.setenv("OPENROUTER_BASE_URL", "http://127.0.0.1:9/api/v1/")
    assert resolve_base_url(None) == "http://127.0.0.1:9/api/v1"
    assert resolve_base_url("https://eu.openrouter.ai/api/v1") == "https://eu.openrouter.ai/api/v1"
    with pytest.raises(ValueError, match="http"):
        resolve_base_url("openrouter.ai")


def test_request_building() -> None:
    config = ClientConfig(
        api_key=None, base_url="https://x.test/api/v1", headers=build_headers(app_title="T")
    )
    with httpx.Client() as client, pytest.MonkeyPatch.context() as mp:
        mp.setenv("OPENROUTER_API_KEY", "sk-or-v1-env")
        request = config.build_request(
            client,
            "GET",
            "/models",
            params={"supported_parameters": ["tools", "reasoning"], "zdr": True, "q": None},
            headers={"X-Title": "Per call"},
        )
    assert (
        str(request.url)
        == "https://x.test/api/v1/models?supported_parameters=tools%2Creasoning&zdr=true"
    )
    assert request.headers["Authorization"] == "Bearer sk-or-v1-env"
    assert request.headers["X-Title"] == "Per call"


def test_json_body_and_unauthenticated_routes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENROUTER_API_KEY", raising=False)
    config = ClientConfig()
    with httpx.Client() as client:
        request = config.build_request(
            client, "POST", "/auth/keys", json={"code": "c"}, authenticate=False
        )
    assert "Authorization" not in request.headers
    assert request.content == b'{"code":"c"}'


def test_missing_key_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENROUTER_API_KEY", raising=False)
    monkeypatch.delenv("OPENROUTER_PROVISIONING_KEY", raising=False)
    with pytest.raises(MissingAPIKeyError, match="OPENROUTER_API_KEY"):
        ClientConfig().auth_header()
    with pytest.raises(
        MissingAPIKeyError, match="OPENROUTER_PROVISIONING_KEY or OPENROUTER_API_KEY"
    ):
        ClientConfig(key_env=("OPENROUTER_PROVISIONING_KEY", "OPENROUTER_API_KEY")).auth_header()


def test_key_env_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-v1-inference")
    monkeypatch.setenv("OPENROUTER_PROVISIONING_KEY", "sk-or-v1-management")
    config = ClientConfig(key_env=("OPENROUTER_PROVISIONING_KEY", "OPENROUTER_API_KEY"))
    assert config.auth_header() == "Bearer sk-or-v1-management"

"""``login()`` end to end against the served emulator: its consent page, the redirect to the
callback server, the state check and the exchange.

Twice: with plain httpx playing the browser (fetch the page, submit its form, follow the
redirect), and in a real headless Chromium clicking the buttons a person sees.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, sync_playwright
from pydantic import SecretStr

from integration_tests.consent_user import httpx_browser
from langchain_openrouter import alogin, login
from langchain_openrouter.errors import (
    LoginDeniedError,
    LoginStateError,
    LoginTimeoutError,
    PermissionDeniedError,
)
from langchain_openrouter.testing import OpenRouterEmulator

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def served() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator()
    with emu.serve() as base_url:
        yield emu, base_url


def key_info(base_url: str, key: SecretStr) -> dict[str, Any]:
    """``GET /key`` with the new key: it exists and works."""
    headers = {"Authorization": f"Bearer {key.get_secret_value()}"}
    response = httpx.get(f"{base_url}/key", headers=headers)
    assert response.status_code == 200, response.text
    return dict(response.json()["data"])


# plain httpx ---------------------------------------------------------------------------------


def test_login_with_httpx_following_the_redirect(
    served: tuple[OpenRouterEmulator, str], capsys: pytest.CaptureFixture[str]
) -> None:
    emu, base_url = served
    key = login(
        port=0,
        timeout=30,
        key_label="notebook",
        limit=4,
        open_browser=httpx_browser(),
        base_url=base_url,
    )
    assert isinstance(key, SecretStr)
    assert key.get_secret_value().startswith("sk-or-v1-")
    assert key_info(base_url, key)["limit"] == 4
    record = emu.state.key_by_secret(key.get_secret_value())
    assert record is not None
    assert record.name == "notebook"
    printed = capsys.readouterr().err
    site = base_url.removesuffix("/api/v1")
    assert f"  {site}/auth?callback_url=http%3A%2F%2F127.0.0.1%3A" in printed
    assert key.get_secret_value() not in printed
    exchange = [r for r in emu.requests if r.path == "/api/v1/auth/keys"]
    assert len(exchange) == 1
    assert "authorization" not in exchange[0].headers
    assert exchange[0].json()["code_challenge_method"] == "S256"


def test_login_with_the_plain_method(served: tuple[OpenRouterEmulator, str]) -> None:
    emu, base_url = served
    key = login(port=0, timeout=30, method="plain", open_browser=httpx_browser(), base_url=base_url)
    key_info(base_url, key)
    exchange = [r for r in emu.requests if r.path == "/api/v1/auth/keys"]
    assert exchange[0].json()["code_challenge_method"] == "plain"


def test_alogin_with_an_async_client(served: tuple[OpenRouterEmulator, str]) -> None:
    _, base_url = served

    async def main() -> SecretStr:
        async with httpx.AsyncClient() as http:
            key = await alogin(port=0, open_browser=httpx_browser(), base_url=base_url, client=http)
            assert not http.is_closed
            return key

    key_info(base_url, asyncio.run(main()))


def test_deny_is_a_typed_error(served: tuple[OpenRouterEmulator, str]) -> None:
    emu, base_url = served
    with pytest.raises(LoginDeniedError) as info:
        login(port=0, timeout=30, open_browser=httpx_browser("deny"), base_url=base_url)
    assert info.value.error == "access_denied"
    assert not [r for r in emu.requests if r.path == "/api/v1/auth/keys"]


def test_a_forged_state_is_refused_and_the_code_not_used(
    served: tuple[OpenRouterEmulator, str],
) -> None:
    emu, base_url = served
    with pytest.raises(LoginStateError, match="state does not match"):
        login(port=0, timeout=30, open_browser=httpx_browser(tamper=True), base_url=base_url)
    assert not [r for r in emu.requests if r.path == "/api/v1/auth/keys"]
    assert len(emu.state.auth_codes) == 1


def test_no_answer_is_a_timeout(
    served: tuple[OpenRouterEmulator, str], capsys: pytest.CaptureFixture[str]
) -> None:
    _, base_url = served
    with pytest.raises(LoginTimeoutError, match=r"within 0\.2 s"):
        login(port=0, timeout=0.2, open_browser=lambda url: False, base_url=base_url)
    assert "No browser could be opened" in capsys.readouterr().err


def test_the_callback_server_is_one_shot_and_closed_after(
    served: tuple[OpenRouterEmulator, str],
) -> None:
    _, base_url = served
    seen: list[str] = []

    def browser(url: str) -> bool:
        callback = dict(parse_qsl(urlsplit(url).query))["callback_url"]
        seen.append(callback)
        stray = httpx.get(callback.replace("/callback", "/favicon.ico"))
        assert stray.status_code == 404
        return httpx_browser()(url)

    login(port=0, timeout=30, open_browser=browser, base_url=base_url)
    port = urlsplit(seen[0]).port
    assert port is not None
    with pytest.raises(httpx.ConnectError):
        httpx.get(seen[0] + "&code=late")


def test_a_taken_port_is_named(served: tuple[OpenRouterEmulator, str]) -> None:
    _, base_url = served
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(OSError, match=f"cannot listen on 127.0.0.1:{port}.*port=0"):
            login(port=port, open_browser=lambda url: True, base_url=base_url)


def test_an_expired_code_fails_the_exchange() -> None:
    now = [1_800_000_000.0]
    emu = OpenRouterEmulator(clock=lambda: now[0])
    authorize = httpx_browser()

    def slow_user(url: str) -> bool:
        authorize(url)
        now[0] += 601  # the code was issued, then the exchange comes 10 minutes late
        return True

    with emu.serve() as base_url, pytest.raises(PermissionDeniedError, match="expired"):
        login(port=0, timeout=30, open_browser=slow_user, base_url=base_url)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"timeout": 0}, "timeout must be > 0"),
        ({"port": 70000}, "port must be 0"),
        ({"limit": -2}, "limit must be a positive number"),
    ],
)
def test_bad_arguments_before_listening(kwargs: dict[str, Any], message: str) -> None:
    opened: list[str] = []
    with pytest.raises(ValueError, match=message):
        login(open_browser=opened.append, **kwargs)
    assert opened == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"port": "3000"}, "port must be an int"), ({"timeout": "30"}, "timeout must be a number")],
)
def test_wrongly_typed_arguments_are_type_errors(kwargs: dict[str, Any], message: str) -> None:
    opened: list[str] = []
    with pytest.raises(TypeError, match=message):
        login(open_browser=opened.append, **kwargs)
    assert opened == []


# a real browser --------------------------------------------------------------------------------


def chromium_path() -> str:
    """Debian's ``chromium``; its absence fails the test (``.ci/run`` installs it)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None or not Path(found).exists():
        pytest.fail(
            "The browser test needs Chromium: Debian's chromium package on PATH "
            "(apt-get install chromium; .ci/run installs it when missing)"
        )
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def clicking(browser: Browser, button: str, seen: dict[str, str]) -> Callable[[str], bool]:
    """An ``open_browser`` that loads the page in Chromium and clicks ``button``."""

    def open_browser(url: str) -> bool:
        page = browser.new_page()
        try:
            page.goto(url)
            seen["heading"] = page.locator("h1").inner_text()
            page.get_by_role("button", name=button).click()
            page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/callback\?"))
            seen["callback"] = page.url
            seen["result"] = page.locator("h1").inner_text()
        finally:
            page.close()
        return True

    return open_browser


def test_login_in_chromium_clicking_authorize(
    served: tuple[OpenRouterEmulator, str], browser: Browser
) -> None:
    emu, base_url = served
    seen: dict[str, str] = {}
    key = login(
        port=0,
        timeout=60,
        key_label="browser",
        open_browser=clicking(browser, "Authorize", seen),
        base_url=base_url,
    )
    assert re.fullmatch(r"Authorize 127\.0\.0\.1:\d+", seen["heading"])
    assert seen["result"] == "OpenRouter login complete"
    query = dict(parse_qsl(urlsplit(seen["callback"]).query))
    assert sorted(query) == ["code", "state"]
    assert key_info(base_url, key)["label"].startswith("sk-or-v1-")
    record = emu.state.key_by_secret(key.get_secret_value())
    assert record is not None
    assert record.name == "browser"


def test_deny_in_chromium(served: tuple[OpenRouterEmulator, str], browser: Browser) -> None:
    _, base_url = served
    seen: dict[str, str] = {}
    with pytest.raises(LoginDeniedError):
        login(port=0, timeout=60, open_browser=clicking(browser, "Deny", seen), base_url=base_url)
    assert seen["result"] == "OpenRouter login failed"
    assert dict(parse_qsl(urlsplit(seen["callback"]).query))["error"] == "access_denied"


def test_page_query_is_escaped(served: tuple[OpenRouterEmulator, str]) -> None:
    _, base_url = served
    site = base_url.removesuffix("/api/v1")
    query = urlencode({"callback_url": "http://127.0.0.1:1/cb", "key_label": '"><b>x'})
    text = httpx.get(f"{site}/auth?{query}").text
    assert "<b>x" not in text

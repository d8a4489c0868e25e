"""The consent page on the emulator's site root: the browser side of PKCE."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from langchain_openrouter.testing import OpenRouterEmulator
from langchain_openrouter.testing.routes.pkce import s256
from langchain_openrouter.testing.wire import Request, Response

VERIFIER = "consent-page-verifier-" + "v" * 30
CALLBACK = "http://127.0.0.1:3000/callback?state=s1"


def page(emu: OpenRouterEmulator, **query: str) -> Response:
    return emu.handle(Request.build("GET", "/auth?" + urlencode(query)))


def submit(emu: OpenRouterEmulator, decision: str, **fields: str) -> Response:
    body = urlencode({**fields, "decision": decision}).encode()
    headers = {"content-type": "application/x-www-form-urlencoded"}
    return emu.handle(Request("POST", "/auth", {}, headers, body))


def hidden_fields(response: Response) -> dict[str, str]:
    text = response.body.decode() if isinstance(response.body, bytes) else ""
    return dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', text))


def test_the_page_names_the_app_and_carries_the_request() -> None:
    emu = OpenRouterEmulator()
    response = page(
        emu,
        callback_url=CALLBACK,
        code_challenge=s256(VERIFIER),
        code_challenge_method="S256",
        key_label="My <script> app",
        limit="5",
    )
    assert response.status == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    text = response.body.decode() if isinstance(response.body, bytes) else ""
    assert "<h1>Authorize 127.0.0.1:3000</h1>" in text
    assert 'id="authorize"' in text
    assert 'id="deny"' in text
    assert "My &lt;script&gt; app" in text
    assert "<script>" not in text
    assert hidden_fields(response)["callback_url"] == "http://127.0.0.1:3000/callback?state=s1"


def test_authorize_redirects_with_a_fresh_code_that_exchanges() -> None:
    emu = OpenRouterEmulator()
    fields = hidden_fields(
        page(emu, callback_url=CALLBACK, code_challenge=s256(VERIFIER), limit="2.5")
    )
    redirect = submit(emu, "authorize", **fields)
    assert redirect.status == 303
    location = urlsplit(redirect.headers["location"])
    query = parse_qs(location.query)
    assert (location.scheme, location.netloc, location.path) == (
        "http",
        "127.0.0.1:3000",
        "/callback",
    )
    assert query["state"] == ["s1"]
    code = query["code"][0]
    assert code.startswith("auth_code_")
    second = parse_qs(urlsplit(submit(emu, "authorize", **fields).headers["location"]).query)
    assert second["code"][0] != code
    exchanged = emu.handle(
        Request.build(
            "POST",
            "/api/v1/auth/keys",
            json_body={"code": code, "code_verifier": VERIFIER, "code_challenge_method": "S256"},
        )
    )
    assert exchanged.status == 200
    key = exchanged.json()["key"]
    info = emu.handle(Request.build("GET", "/api/v1/key", api_key=key)).json()["data"]
    assert info["limit"] == 2.5


def test_deny_redirects_with_access_denied_and_keeps_the_state() -> None:
    emu = OpenRouterEmulator()
    fields = hidden_fields(page(emu, callback_url=CALLBACK, code_challenge=s256(VERIFIER)))
    redirect = submit(emu, "deny", **fields)
    assert redirect.status == 303
    assert parse_qs(urlsplit(redirect.headers["location"]).query) == {
        "state": ["s1"],
        "error": ["access_denied"],
    }
    assert emu.state.auth_codes == {}


def test_headless_mode_shows_the_code() -> None:
    emu = OpenRouterEmulator()
    fields = hidden_fields(page(emu, code_challenge="p" * 43, code_challenge_method="plain"))
    shown = submit(emu, "authorize", **fields)
    text = shown.body.decode() if isinstance(shown.body, bytes) else ""
    code = re.search(r'<code id="code">(\w+)</code>', text)
    assert code is not None
    assert emu.state.auth_codes[code.group(1)]["method"] == "plain"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"callback_url": "http://example.com/cb"}, "callback_url must be an https URL"),
        ({}, "code_challenge is required without a callback_url"),
        (
            {"callback_url": CALLBACK, "code_challenge": "c", "code_challenge_method": "S512"},
            "code_challenge_method",
        ),
        ({"callback_url": CALLBACK, "limit": "lots"}, "limit: Expected number"),
    ],
)
def test_bad_requests_are_refused_like_the_api(query: dict[str, str], message: str) -> None:
    response = page(OpenRouterEmulator(), **query)
    assert response.status == 400
    assert message in response.json()["error"]["message"]


def test_the_page_lives_on_the_site_root_only() -> None:
    emu = OpenRouterEmulator()
    response = emu.handle(Request.build("GET", "/api/v1/auth?callback_url=" + CALLBACK))
    assert response.status == 404

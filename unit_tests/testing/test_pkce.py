"""The PKCE flow: code creation, the browser step, and the exchange."""

from __future__ import annotations

import base64
import hashlib

import pytest

from langchain_openrouter.testing import OpenRouterEmulator
from unit_tests.samples import load_json
from unit_tests.testing.conftest import Call
from unit_tests.testing.shapes import assert_same_shape

VERIFIER = "dBjftJeZ4CVP-mJ92K9iXUS5yMebU7Jdc5yHPHjaD5hOr"
CHALLENGE = (
    base64.urlsafe_b64encode(hashlib.sha256(VERIFIER.encode()).digest()).rstrip(b"=").decode()
)


def test_s256_exchange_gives_a_working_key(call: Call) -> None:
    code = call(
        "POST",
        "/auth/keys/code",
        {
            "callback_url": "http://localhost:51423/callback",
            "code_challenge": CHALLENGE,
            "code_challenge_method": "S256",
            "limit": 5,
        },
    )
    assert_same_shape(code.json(), load_json("auth_code.json"))
    exchanged = call(
        "POST",
        "/auth/keys",
        {
            "code": code.json()["data"]["id"],
            "code_verifier": VERIFIER,
            "code_challenge_method": "S256",
        },
        key=None,
    )
    assert exchanged.status == 200
    assert_same_shape(exchanged.json(), load_json("auth_exchange.json"))
    key = exchanged.json()["key"]
    info = call("GET", "/key", key=key).json()["data"]
    assert info["limit"] == 5
    again = call(
        "POST",
        "/auth/keys",
        {
            "code": code.json()["data"]["id"],
            "code_verifier": VERIFIER,
            "code_challenge_method": "S256",
        },
        key=None,
    )
    assert (again.status, again.json()["error"]["message"]) == (
        403,
        "Invalid code or code_verifier",
    )


def test_plain_method_and_the_exchange_alias(emu: OpenRouterEmulator, call: Call) -> None:
    code = emu.authorize("plain-verifier-" + "x" * 40, method="plain", key_label="CLI")
    response = call(
        "POST",
        "/auth/keys/exchange",
        {
            "code": code,
            "code_verifier": "plain-verifier-" + "x" * 40,
            "code_challenge_method": "plain",
        },
        key=None,
    )
    assert response.status == 200
    listed = call("GET", "/keys", key="management").json()["data"]
    assert "CLI" in [k["name"] for k in listed]


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (
            {"code_verifier": "wrong" * 10, "code_challenge_method": "S256"},
            403,
            "Invalid code or code_verifier",
        ),
        (
            {"code_verifier": VERIFIER, "code_challenge_method": "plain"},
            400,
            "Invalid code_challenge_method",
        ),
        ({}, 400, "Invalid code_challenge_method"),
    ],
)
def test_exchange_failures(
    emu: OpenRouterEmulator, call: Call, body: dict[str, str], status: int, message: str
) -> None:
    code = emu.authorize(CHALLENGE)
    response = call("POST", "/auth/keys", {"code": code, **body}, key=None)
    assert (response.status, response.json()["error"]["message"]) == (status, message)


def test_codes_expire_after_ten_minutes() -> None:
    now = [1_000_000.0]
    emu = OpenRouterEmulator(clock=lambda: now[0])
    code = emu.authorize(CHALLENGE)
    now[0] += 601
    from langchain_openrouter.testing.wire import Request

    response = emu.handle(
        Request.build(
            "POST",
            "/api/v1/auth/keys",
            json_body={"code": code, "code_verifier": VERIFIER, "code_challenge_method": "S256"},
        )
    )
    assert (response.status, response.json()["error"]["message"]) == (
        403,
        "Authorization code expired",
    )


def test_code_creation_checks_the_callback(call: Call) -> None:
    for url in ("http://example.com/cb", "ftp://localhost/x", None):
        assert call("POST", "/auth/keys/code", {"callback_url": url}).status == 400
    assert call("POST", "/auth/keys/code", {"callback_url": "https://app.example/cb"}).status == 200
    assert (
        call("POST", "/auth/keys/code", {"callback_url": "https://a.b/c"}, key=None).status == 401
    )


def test_headless_code_without_challenge(emu: OpenRouterEmulator, call: Call) -> None:
    code = emu.authorize()
    assert call("POST", "/auth/keys", {"code": code}, key=None).status == 200

"""OAuth PKCE routes: ``POST /auth/keys/code`` and the exchange ``POST /auth/keys``.

The browser step (the consent page on the site root) is in :mod:`.consent`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any
from urllib.parse import urlparse

from langchain_openrouter.testing.context import Ctx
from langchain_openrouter.testing.state import USER_ID, State, iso
from langchain_openrouter.testing.wire import EmulatorError, Response, json_response

__all__ = [
    "CODE_TTL_SECONDS",
    "check_callback",
    "create_code",
    "exchange",
    "invalid",
    "issue_code",
    "s256",
]

CODE_TTL_SECONDS = 600
APP_ID = 12345


def s256(verifier: str) -> str:
    """The S256 challenge of a verifier: unpadded base64url of its SHA-256.

    Example:
        >>> s256("my-verifier")
        '7EKiB4CKAqNtAM11sZLpgZ9wDkAtUHMzGZffUz34FtY'
    """
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def invalid(message: str) -> EmulatorError:
    """OpenRouter's 400 for a malformed field."""
    return EmulatorError(400, message, metadata={"error_type": "invalid_request"})


def check_callback(url: Any) -> None:
    """400 unless ``url`` is https, or http on localhost / 127.0.0.1 (any port, §12)."""
    if not isinstance(url, str):
        raise invalid("callback_url: Required")
    parsed = urlparse(url)
    local = parsed.scheme == "http" and parsed.hostname in ("localhost", "127.0.0.1")
    if not (parsed.scheme == "https" or local) or not parsed.hostname:
        raise invalid("callback_url must be an https URL or http://localhost / 127.0.0.1")


def issue_code(
    state: State, *, challenge: str | None = None, method: str | None = None, **fields: Any
) -> str:
    """Store a new authorization code (what the browser step would do) and return it."""
    if challenge is not None and method is None:
        method = "S256"
    if method not in (None, "S256", "plain"):
        raise invalid("code_challenge_method: Expected 'S256' | 'plain'")
    code = "auth_code_" + state.token(24)
    with state.lock:
        state.auth_codes[code] = {
            "challenge": challenge,
            "method": method,
            "created": state.now(),
            **fields,
        }
    return code


def create_code(ctx: Ctx) -> Response:
    """``POST /auth/keys/code`` -> ``{"data": {"id", "app_id", "created_at"}}``."""
    body = ctx.body()
    check_callback(body.get("callback_url"))
    code = issue_code(
        ctx.state,
        challenge=body.get("code_challenge"),
        method=body.get("code_challenge_method"),
        limit=body.get("limit"),
        limit_reset=body.get("usage_limit_type"),
        expires_at=body.get("expires_at"),
        key_label=body.get("key_label"),
    )
    return json_response(
        {"data": {"id": code, "app_id": APP_ID, "created_at": iso(ctx.state.now())}}
    )


def exchange(ctx: Ctx) -> Response:
    """``POST /auth/keys`` (also ``/auth/keys/exchange``) -> ``{"key", "user_id"}``."""
    body = ctx.body()
    code = body.get("code")
    if not isinstance(code, str) or not code:
        raise invalid("code: Required")
    state = ctx.state
    with state.lock:
        stored = state.auth_codes.get(code)
    if stored is None:
        raise EmulatorError(403, "Invalid code or code_verifier")
    if state.now() - stored["created"] > CODE_TTL_SECONDS:
        with state.lock:
            state.auth_codes.pop(code, None)
        raise EmulatorError(403, "Authorization code expired")
    challenge = stored["challenge"]
    if challenge is not None:
        method = body.get("code_challenge_method") or "plain"
        if method != stored["method"]:
            raise invalid("Invalid code_challenge_method")
        verifier = body.get("code_verifier")
        if not isinstance(verifier, str):
            raise EmulatorError(403, "Invalid code or code_verifier")
        expected = s256(verifier) if method == "S256" else verifier
        if not hmac.compare_digest(expected, challenge):
            raise EmulatorError(403, "Invalid code or code_verifier")
    with state.lock:
        state.auth_codes.pop(code, None)
    limit = stored.get("limit")
    record = state.new_key(
        stored.get("key_label") or "PKCE key",
        limit=float(limit) if isinstance(limit, (int, float)) else None,
        limit_reset=stored.get("limit_reset"),
        expires_at=stored.get("expires_at"),
    )
    return json_response({"key": record.secret, "user_id": USER_ID})

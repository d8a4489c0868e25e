"""PKCE OAuth: the verifier pair, authorization codes and the exchanged key (openrouter-api.md §12).

Private: import these names from :mod:`langchain_openrouter.types`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import (
    ConfigDict,
    SecretStr,
)

from langchain_openrouter._types.common import APIObject, _UTCDateTime


class PKCEPair(APIObject):
    """A PKCE code verifier and its challenge (RFC 7636), made by ``create_pkce_pair()``.

    The verifier stays on your side until the exchange; it is a ``SecretStr`` so it never shows
    in reprs or logs. The challenge goes into the authorization URL.

    Example:
        >>> pair = PKCEPair(verifier="v" * 43, challenge="v" * 43, method="plain")
        >>> pair
        PKCEPair(verifier=SecretStr('**********'), challenge='vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv', method='plain')
    """  # noqa: E501

    # Made here, not parsed from OpenRouter: nothing unknown to keep, and a pair never changes.
    model_config = ConfigDict(frozen=True, extra="forbid")

    verifier: SecretStr
    """43 to 128 characters from ``[A-Za-z0-9-._~]``; sent only to ``POST /auth/keys``."""

    challenge: str
    """``base64url(sha256(verifier))`` without padding for ``S256``; the verifier for ``plain``."""

    method: Literal["S256", "plain"]
    """The ``code_challenge_method``."""


class AuthCode(APIObject):
    """An authorization code created server-side (``POST /auth/keys/code``, §12).

    Example:
        >>> AuthCode.model_validate(
        ...     {"id": "auth_code_xyz789", "app_id": 12345, "created_at": "2025-08-24T10:30:00Z"}
        ... ).created_at.isoformat()
        '2025-08-24T10:30:00+00:00'
    """

    id: str
    """The code to exchange for a key (single use, valid 10 minutes)."""

    app_id: int | None = None
    """The app the code belongs to."""

    created_at: _UTCDateTime
    """When the code was created."""


class AuthKey(APIObject):
    """The key a PKCE exchange created (``POST /auth/keys``, §12; the body is not wrapped).

    Example:
        >>> key = AuthKey(key="sk-or-v1-abc", user_id="user_1")
        >>> key, key.key.get_secret_value()
        (AuthKey(key=SecretStr('**********'), user_id='user_1'), 'sk-or-v1-abc')
    """

    key: SecretStr
    """The new API key; ``key.get_secret_value()`` gives the ``sk-or-v1-...`` string."""

    user_id: str | None = None
    """The OpenRouter user who authorized the app, when sent."""

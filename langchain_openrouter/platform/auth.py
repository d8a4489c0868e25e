"""OAuth PKCE: a user gives your app an OpenRouter key of their own (``openrouter-api.md`` §12).

The flow: :func:`create_pkce_pair` makes a verifier and its challenge; the user opens
:func:`build_authorization_url` in a browser and approves; OpenRouter redirects to your callback
URL with ``?code=...``; :func:`exchange_code_for_api_key` trades the code and the verifier for a
new key. :func:`create_auth_code` makes a code server-side instead of the browser step.
:func:`~langchain_openrouter.platform.login` runs the whole flow for scripts and
notebooks, with a one-shot callback server on localhost.

The seed list's ``POST /auth/keys/exchange`` is ``POST /auth/keys`` on the live API, and its
answer is ``{"key", "user_id"}``, not wrapped in ``data`` (§13).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import secrets
import string
from datetime import datetime, timezone
from typing import Any, Literal, get_args
from urllib.parse import urlencode, urlsplit

import httpx
from pydantic import SecretStr

from langchain_openrouter._checks import check_int, check_text
from langchain_openrouter._client.config import BASE_URL_ENV, resolve_base_url
from langchain_openrouter.platform._endpoint import Endpoint, acall, call
from langchain_openrouter.types import AuthCode, AuthKey, PKCEPair

__all__ = [
    "acreate_auth_code",
    "aexchange_code_for_api_key",
    "build_authorization_url",
    "create_auth_code",
    "create_pkce_pair",
    "exchange_code_for_api_key",
]

PKCEMethod = Literal["S256", "plain"]
LimitReset = Literal["daily", "weekly", "monthly"]

AUTH_CODE: Endpoint[AuthCode] = Endpoint(
    "POST", "/auth/keys/code", key="inference", result=AuthCode
)
# The exchange is how a user without a key gets one: it must carry no Authorization header.
EXCHANGE: Endpoint[AuthKey] = Endpoint(
    "POST",
    "/auth/keys",
    key="none",
    result=AuthKey,
    unwrap=None,
    hints=(
        (
            403,
            "the code is used already, expired (10 minutes) or not this verifier's: start "
            "again with a new create_pkce_pair()",
        ),
    ),
)

# RFC 7636 §4.1: the unreserved characters, 43 to 128 of them.
VERIFIER_ALPHABET = string.ascii_letters + string.digits + "-._~"
_VERIFIER = re.compile(r"[A-Za-z0-9\-._~]{43,128}")
_API_SUFFIX = "/api/v1"
_LOCAL_HOSTS = ("localhost", "127.0.0.1")


def _check_method(method: Any, field: str = "method") -> PKCEMethod:
    if method not in get_args(PKCEMethod):
        raise ValueError(f"{field} must be 'S256' (recommended) or 'plain', got {method!r}")
    return method  # type: ignore[no-any-return]


def _check_verifier(verifier: SecretStr | str) -> str:
    value = verifier.get_secret_value() if isinstance(verifier, SecretStr) else verifier
    if isinstance(value, str) and _VERIFIER.fullmatch(value):
        return value
    if isinstance(value, str):
        # The verifier is a secret: say what is wrong with it, never what it is.
        outside = sum(c not in VERIFIER_ALPHABET for c in value)
        got = f"{len(value)} characters, {outside} of them outside that set"
    else:
        got = type(value).__name__
    raise ValueError(
        "code_verifier must be 43 to 128 characters from A-Z a-z 0-9 - . _ ~ (RFC 7636), "
        f"got {got}; make one with create_pkce_pair()"
    )


_S256_CHALLENGE = re.compile(r"[A-Za-z0-9\-_]{43}")


def _check_challenge(challenge: Any, method: PKCEMethod) -> str:
    """``challenge`` if some verifier can match it with ``method``, else a typed error.

    A wrong challenge is not refused by OpenRouter until the exchange, after the user's
    browser step; and a verifier passed by mistake would travel in the page's URL.

    Example:
        >>> _check_challenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "S256")
        'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
    """
    if not isinstance(challenge, str):
        raise TypeError(
            f"code_challenge must be a str (PKCEPair.challenge), got {type(challenge).__name__}"
        )
    if method == "S256" and not _S256_CHALLENGE.fullmatch(challenge):
        # Not echoed: a string of the wrong shape here is most likely the secret verifier.
        raise ValueError(
            "an S256 code_challenge is 43 base64url characters (A-Z a-z 0-9 - _, no padding), "
            f"got {len(challenge)} characters; pass PKCEPair.challenge, not the verifier"
        )
    if method == "plain" and not _VERIFIER.fullmatch(challenge):
        raise ValueError(
            "a plain code_challenge is the verifier itself: 43 to 128 characters from "
            f"A-Z a-z 0-9 - . _ ~, got {len(challenge)} characters"
        )
    return challenge


def _check_callback_url(callback_url: str) -> str:
    """``callback_url`` as OpenRouter accepts it, or a ``ValueError`` saying what to change.

    OpenRouter takes an ``https://`` URL, or ``http://localhost`` / ``http://127.0.0.1`` on any
    port (§12; older docs said "ports 443 or 3000", the live service takes any port).

    Example:
        >>> _check_callback_url("http://localhost:51423/callback")
        'http://localhost:51423/callback'
    """
    parsed = urlsplit(callback_url) if isinstance(callback_url, str) else None
    if parsed is None or not parsed.hostname:
        raise ValueError(f"callback_url must be an absolute URL, got {callback_url!r}")
    local = parsed.scheme == "http" and parsed.hostname in _LOCAL_HOSTS
    if parsed.scheme != "https" and not local:
        raise ValueError(
            "callback_url must be an https:// URL, or http://localhost or http://127.0.0.1 "
            f"(any port), got {callback_url!r}"
        )
    return callback_url


def _iso_utc(value: datetime, field: str) -> str:
    if not isinstance(value, datetime):
        raise TypeError(f"{field} must be a timezone-aware datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            f"{field} must be timezone-aware (e.g. datetime(..., tzinfo=timezone.utc))"
        )
    return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def _check_limit(limit: float | None) -> float | None:
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, (int, float))):
        raise TypeError(f"limit must be a positive number of USD, got {limit!r}")
    if limit is not None and not limit > 0:
        raise ValueError(f"limit must be a positive number of USD, got {limit!r}")
    return limit


def create_pkce_pair(method: PKCEMethod = "S256", *, length: int = 64) -> PKCEPair:
    """A new random code verifier and its challenge (RFC 7636), for one authorization.

    Args:
        method: ``"S256"`` (recommended: the challenge is the unpadded base64url SHA-256 of the
            verifier) or ``"plain"`` (the challenge is the verifier itself).
        length: Verifier length, 43 to 128 characters.

    Returns:
        The pair; keep it until the exchange. The verifier comes from :mod:`secrets`.

    Raises:
        TypeError: ``length`` is not an int.
        ValueError: ``method`` or ``length`` is out of range (43 to 128 characters, RFC 7636).

    Example:
        >>> pair = create_pkce_pair()
        >>> pair.method, len(pair.verifier.get_secret_value()), len(pair.challenge)
        ('S256', 64, 43)
    """
    method = _check_method(method)
    check_int(length, "length", low=43, high=128)
    verifier = "".join(secrets.choice(VERIFIER_ALPHABET) for _ in range(length))
    return PKCEPair(
        verifier=SecretStr(verifier), challenge=_code_challenge(verifier, method), method=method
    )


def _code_challenge(verifier: SecretStr | str, method: PKCEMethod = "S256") -> str:
    """The ``code_challenge`` of a verifier (pure).

    Raises:
        ValueError: The verifier is not 43 to 128 RFC 7636 characters, or a bad method.

    Example:
        >>> _code_challenge("correct-horse-battery-staple.0123456789_~abc")
        'hwgSGLuf8QUFXs-4XMwSjIKyYifpYy0iwR62Gzh4nY8'
        >>> _code_challenge("correct-horse-battery-staple.0123456789_~abc", "plain")
        'correct-horse-battery-staple.0123456789_~abc'
    """
    value = _check_verifier(verifier)
    if _check_method(method) == "plain":
        return value
    digest = hashlib.sha256(value.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _site_url(base_url: str | None = None) -> str:
    """OpenRouter's site root (where ``/auth`` lives) from the API base URL (pure but for env).

    The API base URL minus ``/api/v1``: ``https://openrouter.ai`` for the public API, and the
    emulator's own root when pointed at it.

    Example:
        >>> _site_url("http://127.0.0.1:8080/api/v1")
        'http://127.0.0.1:8080'
    """
    url = resolve_base_url(
        base_url or next((os.environ[n] for n in BASE_URL_ENV if os.environ.get(n)), None)
    )
    if url.endswith(_API_SUFFIX):
        return url[: -len(_API_SUFFIX)]
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def build_authorization_url(
    callback_url: str | None,
    code_challenge: str | None,
    method: PKCEMethod = "S256",
    *,
    limit: float | None = None,
    expires_at: datetime | None = None,
    key_label: str | None = None,
    base_url: str | None = None,
) -> str:
    """The page to send the user to: ``<site>/auth?callback_url=...&code_challenge=...``.

    OpenRouter route: ``GET https://openrouter.ai/auth`` (§12), a browser page on the site root,
    not the API. After the user approves, OpenRouter redirects to ``callback_url`` with
    ``code=<code>`` added to its query (keep your own ``state`` in ``callback_url``'s query).

    Args:
        callback_url: Where OpenRouter redirects: an ``https://`` URL, or
            ``http://localhost`` / ``http://127.0.0.1`` on any port. ``None`` is OpenRouter's
            headless mode (the page shows the code for the user to paste), which needs a
            ``code_challenge``.
        code_challenge: ``PKCEPair.challenge``; ``None`` to use no PKCE (not recommended).
        method: The challenge's method, ``"S256"`` or ``"plain"``.
        limit: Credit limit (USD) offered for the new key, sent as the page's ``limit``.
        expires_at: Expiry offered for the new key, a timezone-aware ``datetime`` (sent as
            ``expires_at``, ISO 8601 UTC). OpenRouter documents only ``key_label`` on the page;
            :func:`create_auth_code` takes both limits for certain.
        key_label: Name of the key to create (default: your app's name).
        base_url: The API base URL; the site root is it minus ``/api/v1``. Default
            ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else
            ``https://openrouter.ai/api/v1``.

    Returns:
        The URL.

    Raises:
        TypeError: ``code_challenge`` is not a ``str`` (e.g. the ``SecretStr`` verifier).
        ValueError: A bad callback URL, method, limit or expiry, a challenge no verifier can
            match (an S256 one is 43 base64url characters), or headless mode without a
            challenge.

    Example:
        >>> pair = PKCEPair(verifier="v" * 43, challenge="c" * 43, method="S256")
        >>> build_authorization_url(
        ...     "http://localhost:3000/callback", pair.challenge, pair.method,
        ...     base_url="https://openrouter.ai/api/v1")
        'https://openrouter.ai/auth?callback_url=http%3A%2F%2Flocalhost%3A3000%2Fcallback&code_challenge=ccccccccccccccccccccccccccccccccccccccccccc&code_challenge_method=S256'
    """
    query: dict[str, str] = {}
    checked = _check_method(method)
    if callback_url is not None:
        query["callback_url"] = _check_callback_url(callback_url)
    elif not code_challenge:
        raise ValueError("without a callback_url (headless mode) OpenRouter needs code_challenge")
    if code_challenge:
        query["code_challenge"] = _check_challenge(code_challenge, checked)
        query["code_challenge_method"] = checked
    if _check_limit(limit) is not None:
        query["limit"] = f"{limit:g}"
    if expires_at is not None:
        query["expires_at"] = _iso_utc(expires_at, "expires_at")
    label = check_text(key_label, "key_label")
    if label:
        query["key_label"] = label
    return f"{_site_url(base_url)}/auth?{urlencode(query)}"


def _code_body(
    callback_url: str,
    code_challenge: str | None,
    code_challenge_method: PKCEMethod | None,
    limit: float | None,
    usage_limit_type: LimitReset | None,
    expires_at: datetime | None,
    key_label: str | None,
    workspace_id: str | None,
) -> dict[str, Any]:
    if usage_limit_type not in (None, *get_args(LimitReset)):
        raise ValueError(
            f"usage_limit_type must be 'daily', 'weekly' or 'monthly', got {usage_limit_type!r}"
        )
    checked_method = (
        None
        if code_challenge_method is None and not code_challenge
        else _check_method(code_challenge_method, "code_challenge_method")
    )
    body: dict[str, Any] = {
        "callback_url": _check_callback_url(callback_url),
        "code_challenge": None,
        "code_challenge_method": (checked_method if code_challenge else None),
        "limit": _check_limit(limit),
        "usage_limit_type": usage_limit_type,
        "expires_at": None if expires_at is None else _iso_utc(expires_at, "expires_at"),
        "key_label": check_text(key_label, "key_label"),
        "workspace_id": check_text(workspace_id, "workspace_id"),
    }
    if code_challenge:
        body["code_challenge"] = _check_challenge(code_challenge, body["code_challenge_method"])
    return {k: v for k, v in body.items() if v is not None}


def create_auth_code(
    callback_url: str,
    *,
    code_challenge: str | None = None,
    code_challenge_method: PKCEMethod = "S256",
    limit: float | None = None,
    usage_limit_type: LimitReset | None = None,
    expires_at: datetime | None = None,
    key_label: str | None = None,
    workspace_id: str | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> AuthCode:
    """Create an authorization code server-side, without the browser step.

    OpenRouter route: ``POST /auth/keys/code`` (§12), which needs an API key.

    Args:
        callback_url: ``https://``, or ``http://localhost`` / ``http://127.0.0.1`` on any port.
        code_challenge: ``PKCEPair.challenge``, or ``None``.
        code_challenge_method: ``"S256"`` or ``"plain"`` (sent only with a challenge).
        limit: Credit limit (USD) of the key the code will create.
        usage_limit_type: When the limit resets: ``"daily"``, ``"weekly"`` or ``"monthly"``.
        expires_at: Expiry of the key, a timezone-aware ``datetime``.
        key_label: Name of the key (default: the app's name).
        workspace_id: Workspace (UUID) the key belongs to.
        api_key: Default ``OPENROUTER_API_KEY``.
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        The code (``.id``), its ``app_id`` and ``created_at``; it is single-use and expires
        after 10 minutes.

    Raises:
        TypeError: ``code_challenge`` is not a ``str`` (nothing is sent).
        ValueError: A bad callback URL, method, limit, reset or expiry, or a challenge no
            verifier can match (nothing is sent).
        MissingAPIKeyError: No key given or in the environment (nothing is sent).
        BadRequestError: OpenRouter refused a field (400).

    Example:
        .. code-block:: python

            from langchain_openrouter import create_auth_code, create_pkce_pair

            pair = create_pkce_pair()
            code = create_auth_code(
                "https://myapp.example/callback", code_challenge=pair.challenge, limit=5
            )
            print(code.id, code.created_at)
    """
    body = _code_body(
        callback_url,
        code_challenge,
        code_challenge_method,
        limit,
        usage_limit_type,
        expires_at,
        key_label,
        workspace_id,
    )
    return call(AUTH_CODE, api_key=api_key, base_url=base_url, client=client, json=body)


async def acreate_auth_code(
    callback_url: str,
    *,
    code_challenge: str | None = None,
    code_challenge_method: PKCEMethod = "S256",
    limit: float | None = None,
    usage_limit_type: LimitReset | None = None,
    expires_at: datetime | None = None,
    key_label: str | None = None,
    workspace_id: str | None = None,
    api_key: SecretStr | str | None = None,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> AuthCode:
    """Async :func:`create_auth_code`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            code = await acreate_auth_code("http://localhost:3000/callback")
    """
    body = _code_body(
        callback_url,
        code_challenge,
        code_challenge_method,
        limit,
        usage_limit_type,
        expires_at,
        key_label,
        workspace_id,
    )
    return await acall(AUTH_CODE, api_key=api_key, base_url=base_url, client=client, json=body)


def _exchange_body(
    code: str, code_verifier: SecretStr | str | None, code_challenge_method: PKCEMethod | None
) -> dict[str, Any]:
    if not isinstance(code, str):
        raise TypeError(
            f"code must be the code from the callback (?code=...), a str; got {type(code).__name__}"
        )
    if not code:
        raise ValueError("code must be the non-empty code from the callback (?code=...)")
    body: dict[str, Any] = {"code": code}
    # Checked even without a verifier: a typo here is a mistake whether or not it is sent.
    method = (
        None
        if code_challenge_method is None and code_verifier is None
        else _check_method(code_challenge_method, "code_challenge_method")
    )
    if code_verifier is not None:
        body["code_verifier"] = _check_verifier(code_verifier)
        body["code_challenge_method"] = method
    return body


def exchange_code_for_api_key(
    code: str,
    code_verifier: SecretStr | str | None,
    code_challenge_method: PKCEMethod = "S256",
    *,
    base_url: str | None = None,
    client: httpx.Client | None = None,
) -> AuthKey:
    """Trade an authorization code (and the PKCE verifier) for a new API key.

    OpenRouter route: ``POST /auth/keys`` (§12; the seed list's ``/auth/keys/exchange``). It
    takes no key: no ``Authorization`` header is sent, whatever is set in the environment.

    Args:
        code: The ``code`` of the callback, or ``AuthCode.id``.
        code_verifier: ``PKCEPair.verifier``; ``None`` when the code was made without a
            challenge.
        code_challenge_method: The method the challenge was made with (``PKCEPair.method``).
        base_url: Default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else the
            public API ``https://openrouter.ai/api/v1``.
        client: An ``httpx.Client`` to send on; used as is and never closed by us.

    Returns:
        ``AuthKey``: ``key`` (a ``SecretStr``) and ``user_id``.

    Raises:
        TypeError: An argument of the wrong type (nothing is sent).
        ValueError: An empty code, a verifier outside RFC 7636, or a bad method (nothing is
            sent).
        PermissionDeniedError: A wrong verifier, or an unknown, used or expired code (403;
            codes are single-use and live 10 minutes).
        BadRequestError: The method differs from the one the challenge was made with (400).

    Example:
        .. code-block:: python

            from langchain_openrouter import exchange_code_for_api_key

            new = exchange_code_for_api_key(code, pair.verifier, pair.method)
            print(new.user_id, new.key)  # the key prints as '**********'
    """
    body = _exchange_body(code, code_verifier, code_challenge_method)
    return call(EXCHANGE, base_url=base_url, client=client, json=body)


async def aexchange_code_for_api_key(
    code: str,
    code_verifier: SecretStr | str | None,
    code_challenge_method: PKCEMethod = "S256",
    *,
    base_url: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> AuthKey:
    """Async :func:`exchange_code_for_api_key`; ``client`` is an ``httpx.AsyncClient``.

    Example:
        .. code-block:: python

            new = await aexchange_code_for_api_key(code, pair.verifier, pair.method)
    """
    body = _exchange_body(code, code_verifier, code_challenge_method)
    return await acall(EXCHANGE, base_url=base_url, client=client, json=body)

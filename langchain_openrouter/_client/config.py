"""Connection settings, resolved once, and the pure request builder every call goes through."""

from __future__ import annotations

import ipaddress
import math
import os
import re
import sys
import threading
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import httpx
from pydantic import SecretStr

from langchain_openrouter._version import __version__
from langchain_openrouter.errors import MissingAPIKeyError

__all__ = [
    "BASE_URL_ENV",
    "DEFAULT_BASE_URL",
    "DEFAULT_TIMEOUT",
    "ClientConfig",
    "TimeoutLike",
    "build_headers",
    "check_base_url",
    "check_categories",
    "check_header",
    "make_timeout",
    "resolve_base_url",
    "url_origin",
]

DEFAULT_BASE_URL = "https://openrouter.ai/api/v1"
BASE_URL_ENV = ("OPENROUTER_API_BASE", "OPENROUTER_BASE_URL")
"""Environment variables a base URL is read from, in order (``OPENROUTER_API_BASE`` is 0.2.x's)."""
USER_AGENT = f"langchain-openrouter/{__version__}"
# Reasoning models can think for minutes before the first byte; httpx's 5 s default would cut
# them off. The read timeout applies between received bytes, so a long stream is never cut.
DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=600.0, write=600.0, pool=600.0)

TimeoutLike = float | int | tuple[float, float] | httpx.Timeout | None

_CATEGORY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_CATEGORIES = 2


def make_timeout(value: TimeoutLike) -> httpx.Timeout:
    """An ``httpx.Timeout`` from a user setting.

    Args:
        value: ``None`` (the defaults: 10 s to connect, 600 s between reads), seconds as a
            number (every phase), a ``(connect, read)`` pair, or an ``httpx.Timeout``.

    Returns:
        The timeout to send with.

    Raises:
        ValueError: For a negative or otherwise unusable value.

    Example:
        >>> make_timeout((5, 120)).read
        120.0
    """
    if value is None:
        return DEFAULT_TIMEOUT
    if isinstance(value, httpx.Timeout):
        return value
    if isinstance(value, tuple):
        if len(value) != 2:
            raise ValueError(f"timeout pair must be (connect, read) seconds, got {value!r}")
        connect, read = (float(v) for v in value)
        if not (0 < connect < math.inf and 0 < read < math.inf):
            raise ValueError(f"timeout seconds must be finite and > 0, got {value!r}")
        return httpx.Timeout(connect=connect, read=read, write=read, pool=read)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(
            f"timeout must be seconds, a (connect, read) pair or an httpx.Timeout, got {value!r}"
        )
    # NaN and infinity pass a "> 0" test, then fail inside the socket layer at the first
    # request (a bare ValueError or OverflowError).
    if not 0 < value < math.inf:
        raise ValueError(f"timeout must be > 0 seconds and finite, got {value!r}")
    return httpx.Timeout(float(value))


def check_base_url(url: Any) -> str:
    """``url`` if it is an ``http://`` or ``https://`` URL string (pure).

    Raises:
        TypeError: Not a ``str``.
        ValueError: Not ``http://`` or ``https://``.

    Example:
        >>> check_base_url("http://127.0.0.1:8080/api/v1")
        'http://127.0.0.1:8080/api/v1'
    """
    if not isinstance(url, str):
        raise TypeError(
            f"base_url must be a str such as {DEFAULT_BASE_URL!r}, got {type(url).__name__}"
        )
    if not url.startswith(("http://", "https://")):
        raise ValueError(
            f"base_url must be an http(s) URL, starting http:// or https:// "
            f"(e.g. {DEFAULT_BASE_URL!r}), got {url!r}"
        )
    return url


def resolve_base_url(value: str | None) -> str:
    """The API base URL: the argument, else ``OPENROUTER_BASE_URL``, else the public API.

    Every request carries the key in its ``Authorization`` header, so a plain-``http://``
    base URL on a host that is not this machine sends the key readable by anyone on the path:
    such a URL draws one ``UserWarning`` per URL and process (loopback hosts and the reserved
    ``.test``/``.invalid`` names, which no network resolves, do not).

    Raises:
        TypeError: ``value`` is not a ``str``.
        ValueError: The URL is not ``http://`` or ``https://``.

    Example:
        >>> resolve_base_url("https://openrouter.ai/api/v1/")
        'https://openrouter.ai/api/v1'
    """
    url = check_base_url(value or os.environ.get("OPENROUTER_BASE_URL") or DEFAULT_BASE_URL)
    url = url.rstrip("/")
    if url.startswith("http://") and not _is_local_host(httpx.URL(url).host):
        _warn_plain_http(url)
    return url


_PLAIN_HTTP_WARNED: set[str] = set()
_PLAIN_HTTP_LOCK = threading.Lock()


def _is_local_host(host: str) -> bool:
    """Loopback, ``localhost``, or a reserved name no network resolves (RFC 6761)."""
    host = host.rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    if host in ("test", "invalid") or host.endswith((".test", ".invalid")):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _warn_plain_http(url: str) -> None:
    with _PLAIN_HTTP_LOCK:
        if url in _PLAIN_HTTP_WARNED:
            return
        _PLAIN_HTTP_WARNED.add(url)
    warnings.warn(
        f"base_url {url!r} is plain http:// on a host other than localhost: your OpenRouter "
        "key is sent in the Authorization header of every request, unencrypted, to anyone "
        "on the network path. Use https:// (or a localhost address for a local proxy).",
        UserWarning,
        stacklevel=_caller_level(),
    )


# The frames between the user's call and the warning: the package and the libraries it runs in.
_INTERNAL = ("langchain_openrouter", "langchain_core", "langchain", "pydantic", "httpx")


def _caller_level() -> int:
    """The ``stacklevel`` that points a warning at the first frame outside ``_INTERNAL``."""
    frame = sys._getframe(2)  # the caller of the function that warns
    level = 2
    while frame.f_back is not None and frame.f_globals.get("__name__", "").split(".")[0] in (
        _INTERNAL
    ):
        frame = frame.f_back
        level += 1
    return level


def url_origin(url: httpx.URL | str) -> str:
    """Where the base URL of ``url`` came from, when an environment variable set it.

    Error messages name it, because a base URL picked up silently from the environment is a
    common reason for requests going somewhere unexpected.

    Returns:
        ``" (base URL <value> from <VARIABLE>)"``, or ``""`` when no variable set it.

    Example:
        >>> import os
        >>> os.environ["OPENROUTER_BASE_URL"] = "http://localhost:9/api/v1"
        >>> url_origin("http://localhost:9/api/v1/chat/completions")
        ' (base URL http://localhost:9/api/v1 from OPENROUTER_BASE_URL)'
        >>> del os.environ["OPENROUTER_BASE_URL"]
    """
    text = str(url)
    for name in BASE_URL_ENV:
        value = (os.environ.get(name) or "").rstrip("/")
        if value and text.startswith(value):
            return f" (base URL {value} from {name})"
    return ""


def check_categories(categories: Any) -> list[str]:
    """The non-blank ``app_categories``, each lowercase-hyphenated (pure).

    Raises:
        TypeError: Not a list of strings.
        ValueError: A category OpenRouter would not accept.

    Example:
        >>> check_categories(["cli-agent", " "])
        ['cli-agent']
    """
    if isinstance(categories, str) or not isinstance(categories, Sequence):
        raise TypeError(
            f"app_categories must be a list of str such as ['cli-agent'], got {categories!r}"
        )
    for category in categories:
        if not isinstance(category, str):
            raise TypeError(f"app_categories must hold strings, got {category!r}")
    cleaned = [c.strip() for c in categories if c and c.strip()]
    for category in cleaned:
        if len(category) > 30 or not _CATEGORY.match(category):
            raise ValueError(
                f"app_categories: {category!r} must be lowercase-hyphenated and at most 30 "
                "chars, e.g. 'cli-agent' or 'general-chat'"
            )
    return cleaned


def _check_categories(categories: Sequence[str]) -> list[str]:
    cleaned = check_categories(categories)
    if len(cleaned) > MAX_CATEGORIES:
        warnings.warn(
            f"OpenRouter keeps at most {MAX_CATEGORIES} app categories per request; "
            f"it will ignore {cleaned[MAX_CATEGORIES:]}",
            UserWarning,
            stacklevel=4,
        )
    return cleaned


_TITLE_HEADERS = ("X-Title", "X-OpenRouter-Title")


# RFC 9110: a header name is a token; a value has no control characters but tab (h11 refuses
# them at send time and quotes the value in its error, after every retry).
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_HEADER_VALUE_UNSAFE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def check_header(argument: str, name: str, value: str) -> None:
    r"""Refuse a header that no HTTP request can carry, naming the argument it came from.

    Raises:
        ValueError: The name is not an HTTP token, or the value holds a line break or another
            control character.

    Example:
        >>> check_header("app_title", "X-Title", "My app")
        >>> check_header("app_title", "X-Title", "My\napp")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ValueError: app_title holds '\n' at position 2, which no HTTP header can carry; ...
    """
    if not _HEADER_NAME.fullmatch(name):
        raise ValueError(
            f"{argument}: {name!r} is not an HTTP header name (letters, digits and -, no "
            "spaces or colons)"
        )
    bad = _HEADER_VALUE_UNSAFE.search(value)
    if bad is not None:
        raise ValueError(
            f"{argument} holds {bad.group()!r} at position {bad.start()}, which no HTTP header "
            "can carry; pass one line of text"
        )


def build_headers(
    *,
    app_url: str | None = None,
    app_title: str | None = None,
    app_categories: Sequence[str] | None = None,
    default_headers: Mapping[str, str] | None = None,
) -> httpx.Headers:
    """Headers sent on every request except ``Authorization``.

    Attribution headers come first; ``default_headers`` override them case-insensitively. A
    title given under one of its names (``X-Title``, ``X-OpenRouter-Title``) is sent under both.

    Example:
        >>> headers = build_headers(app_title="My app", default_headers={"x-title": "Other"})
        >>> headers["X-Title"], headers["X-OpenRouter-Title"]
        ('Other', 'Other')
    """
    headers = httpx.Headers({"User-Agent": USER_AGENT, "Accept": "application/json"})
    if app_url:
        check_header("app_url", "HTTP-Referer", app_url)
        headers["HTTP-Referer"] = app_url
    if app_title:
        check_header("app_title", "X-Title", app_title)
        # X-Title is the name older deployments know; X-OpenRouter-Title the current one.
        headers["X-Title"] = app_title
        headers["X-OpenRouter-Title"] = app_title
    if app_categories:
        categories = _check_categories(app_categories)
        if categories:
            headers["X-OpenRouter-Categories"] = ",".join(categories)
    given = httpx.Headers(default_headers or {})
    titles = [given[name] for name in _TITLE_HEADERS if name in given]
    if len(titles) == 1:
        # A title under one of its two names is the title: sending the other name with
        # app_title's value would give OpenRouter two different titles.
        for name in _TITLE_HEADERS:
            headers[name] = titles[0]
    for name, value in (default_headers or {}).items():
        check_header(f"default_headers[{name!r}]", name, value)
        headers[name] = value
    return headers


# Whitespace and control characters: h11 refuses them inside a header value.
_HEADER_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f]")


@dataclass(frozen=True)
class ClientConfig:
    """Everything a client needs to build a request, resolved from arguments and environment.

    The API key is a ``SecretStr``: the dataclass repr shows ``'**********'``.
    """

    api_key: SecretStr | None = None
    base_url: str = DEFAULT_BASE_URL
    headers: httpx.Headers = field(default_factory=httpx.Headers)
    timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_TIMEOUT)
    key_env: tuple[str, ...] = ("OPENROUTER_API_KEY",)

    def auth_header(self) -> str:
        """The ``Authorization`` value.

        Surrounding whitespace is trimmed (a key read from a file keeps its newline); any other
        whitespace or control character is refused here, before a request: h11 would refuse
        the header and quote its whole value, key included, in its error and its DEBUG log.

        Raises:
            MissingAPIKeyError: No key was given and none of ``key_env`` is set.
            ValueError: The key holds a character no header can carry (the message says which
                and where, never the key).
        """
        key = self.api_key.get_secret_value().strip() if self.api_key is not None else ""
        source = "api_key"
        if not key:
            found = next((n for n in self.key_env if os.environ.get(n, "").strip()), None)
            if found is not None:
                key, source = os.environ[found].strip(), f"api_key (from {found})"
        if not key:
            names = " or ".join(self.key_env)
            raise MissingAPIKeyError(
                f"No OpenRouter API key: pass api_key=... or set {names} "
                "(create one at https://openrouter.ai/keys)"
            )
        bad = _HEADER_UNSAFE.search(key)
        if bad is not None:
            raise ValueError(
                f"{source} holds {bad.group()!r} at position {bad.start()}, which no HTTP header "
                "can carry: an OpenRouter key is one word (sk-or-v1- and hex digits); pass the "
                "key alone"
            )
        return f"Bearer {key}"

    @cached_property
    def _authenticated_headers(self) -> httpx.Headers:
        # Built once, at the first authenticated request (the key may come from the
        # environment, so not at construction); httpx copies it into every request.
        headers = httpx.Headers(self.headers)
        headers["Authorization"] = self.auth_header()
        return headers

    def build_request(
        self,
        client: httpx.Client | httpx.AsyncClient,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: httpx.Timeout | None = None,
        authenticate: bool = True,
    ) -> httpx.Request:
        """Build (not send) one request: URL, auth, merged headers, JSON body, timeout.

        Args:
            client: The httpx client that will send it (for its cookies and defaults).
            method: HTTP method.
            path: Path relative to the base URL, e.g. ``"/chat/completions"``.
            json: The JSON body, if any.
            params: Query parameters; ``None`` values are dropped.
            headers: Per-call headers, merged last (case-insensitively).
            timeout: A per-call timeout overriding the configured one.
            authenticate: ``False`` for the PKCE routes, which take no key.

        Returns:
            The request, ready for ``client.send``.
        """
        merged = self._authenticated_headers if authenticate else self.headers
        if headers:
            merged = httpx.Headers(merged)
            for name, value in headers.items():
                merged[name] = value
        query = {k: _query_value(v) for k, v in (params or {}).items() if v is not None}
        return client.build_request(
            method,
            self.base_url + path,
            json=json,
            params=query or None,
            headers=merged,
            timeout=timeout or self.timeout,
        )


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    return str(value)

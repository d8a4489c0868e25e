"""Token counting with tiktoken's ``cl100k_base``, and a fallback that never needs the network.

tiktoken downloads an encoding the first time it is used and caches it on disk. Offline, that
download would fail (or hang until a socket timeout), so :func:`encoding` only asks tiktoken when
the cache file is already there. Without it, counts come from a documented approximation,
``ceil(len(text) / 4)`` (about four characters per token for English), and one warning is logged.

Example:
    >>> from langchain_openrouter._tokens import count_tokens
    >>> count_tokens("")
    0
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import tempfile
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tiktoken

__all__ = [
    "ENCODING_NAME",
    "approximate_tokens",
    "count_tokens",
    "encoding",
    "reset_encoding_cache",
    "truncate",
]

logger = logging.getLogger("langchain_openrouter")

ENCODING_NAME = "cl100k_base"
_ENCODING_URL = "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken"
CHARS_PER_TOKEN = 4

_lock = threading.Lock()
_loaded = False
_encoding: tiktoken.Encoding | None = None


def _cache_file() -> str | None:
    """Where tiktoken keeps the cl100k_base file, or ``None`` when caching is disabled.

    Mirrors ``tiktoken.load.read_file_cached``: ``TIKTOKEN_CACHE_DIR``, then
    ``DATA_GYM_CACHE_DIR``, then ``<tmp>/data-gym-cache``; an empty directory disables the cache.
    """
    if "TIKTOKEN_CACHE_DIR" in os.environ:
        cache_dir = os.environ["TIKTOKEN_CACHE_DIR"]
    elif "DATA_GYM_CACHE_DIR" in os.environ:
        cache_dir = os.environ["DATA_GYM_CACHE_DIR"]
    else:
        cache_dir = os.path.join(tempfile.gettempdir(), "data-gym-cache")
    if not cache_dir:
        return None
    key = hashlib.sha1(_ENCODING_URL.encode(), usedforsecurity=False).hexdigest()
    return os.path.join(cache_dir, key)


def _load() -> tiktoken.Encoding | None:
    path = _cache_file()
    if path is None or not os.path.isfile(path):
        logger.warning(
            "tiktoken's %s file is not cached (looked for %s); token counts use the "
            "approximation ceil(len(text) / %d). Set TIKTOKEN_CACHE_DIR to a directory holding "
            "it for exact counts.",
            ENCODING_NAME,
            path or "<cache disabled>",
            CHARS_PER_TOKEN,
        )
        return None
    try:
        import tiktoken

        return tiktoken.get_encoding(ENCODING_NAME)
    except Exception as exc:  # a corrupt cache file or a tiktoken change: degrade, never crash
        logger.warning(
            "Could not load tiktoken's %s (%s: %s); token counts use the approximation "
            "ceil(len(text) / %d).",
            ENCODING_NAME,
            type(exc).__name__,
            exc,
            CHARS_PER_TOKEN,
        )
        return None


def encoding() -> tiktoken.Encoding | None:
    """The ``cl100k_base`` encoding, loaded once; ``None`` when it is not available offline.

    Returns:
        The tiktoken encoding, or ``None`` when its file is not cached locally (one warning is
        logged the first time).

    Example:
        >>> enc = encoding()
        >>> enc is None or enc.name == "cl100k_base"
        True
    """
    global _loaded, _encoding
    if not _loaded:
        with _lock:
            if not _loaded:
                _encoding = _load()
                _loaded = True
    return _encoding


def reset_encoding_cache() -> None:
    """Forget the loaded encoding so the next call looks again (for tests)."""
    global _loaded, _encoding
    with _lock:
        _loaded = False
        _encoding = None


def approximate_tokens(text: str) -> int:
    """The fallback count: ``ceil(len(text) / 4)``.

    Example:
        >>> approximate_tokens("hello world")
        3
    """
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def count_tokens(text: str) -> int:
    """Number of ``cl100k_base`` tokens in ``text`` (or the approximation, offline).

    Special-token strings such as ``<|endoftext|>`` are counted as ordinary text.

    Example:
        >>> count_tokens("")
        0
    """
    if not text:
        return 0
    enc = encoding()
    if enc is None:
        return approximate_tokens(text)
    return len(enc.encode(text, disallowed_special=()))


def truncate(text: str, max_tokens: int) -> str:
    """The longest prefix of ``text`` that fits in ``max_tokens`` tokens.

    Offline the prefix is ``max_tokens * 4`` characters long, consistent with the approximation.

    Example:
        >>> truncate("hello world", 100)
        'hello world'
    """
    if max_tokens <= 0:
        return ""
    enc = encoding()
    if enc is None:
        return text[: max_tokens * CHARS_PER_TOKEN]
    tokens = enc.encode(text, disallowed_special=())
    if len(tokens) <= max_tokens:
        return text
    return enc.decode(tokens[:max_tokens])

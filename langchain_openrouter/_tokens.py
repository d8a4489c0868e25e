"""Token counting with the model family's tiktoken encoding, and a fallback that needs no network.

:func:`encoding_for_model` picks the encoding: ``o200k_base`` for GPT-4o, GPT-4.1, GPT-5, the
o-series and gpt-oss, ``cl100k_base`` for older OpenAI models (GPT-3.5, GPT-4, GPT-4 Turbo, the
``text-embedding`` models) and Anthropic's Claude; for every other family ``o200k_base``, the
closest tiktoken has to today's large-vocabulary tokenizers. Only the OpenAI mapping is exact;
the others are estimates (OpenRouter bills each model with its provider's own tokenizer).

tiktoken downloads an encoding the first time it is used and caches it on disk. Offline that
download would fail (or hang until a socket timeout), so :func:`encoding` only asks tiktoken when
the cache file is already there. Without it, counts come from :func:`approximate_tokens`, an
estimate that errs high, and one warning per encoding says how to install the file.

Example:
    >>> from langchain_openrouter._tokens import count_tokens, encoding_for_model
    >>> encoding_for_model("openai/gpt-4o-mini"), encoding_for_model("openai/gpt-4")
    ('o200k_base', 'cl100k_base')
    >>> count_tokens("")
    0
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import re
import tempfile
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tiktoken

__all__ = [
    "CL100K",
    "O200K",
    "approximate_tokens",
    "count_tokens",
    "encoding",
    "encoding_for_model",
    "is_exact",
    "reset_encoding_cache",
    "truncate",
]

logger = logging.getLogger("langchain_openrouter")

CL100K = "cl100k_base"
O200K = "o200k_base"
_ENCODING_URL = "https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"

# Model names after the author prefix ("openai/") and variant suffix (":free") are stripped.
_O200K_NAMES = re.compile(r"^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o\d)")
_CL100K_NAMES = re.compile(r"^(gpt-3\.5|gpt-4|gpt-35|text-embedding-)")

_lock = threading.Lock()
_loaded: dict[str, tiktoken.Encoding | None] = {}

# The fallback's pieces, shaped like tiktoken's pre-tokenizer: a letter run, up to three digits,
# one punctuation mark (letters and punctuation with an optional leading space, digits never, as
# both encodings split them), a whitespace run, one non-ASCII character. Each piece is given at
# least as many tokens as cl100k_base and o200k_base spend on it.
_PIECE = re.compile(r" ?[A-Za-z]+|[0-9]{1,3}| ?[!-/:-@\[-`{-~]|\s+|[^\x00-\x7f]|.", re.DOTALL)
_LETTERS_PER_TOKEN = 3
_SPACES_PER_TOKEN = 4


def encoding_for_model(model: str | None) -> str:
    """The tiktoken encoding name used for ``model`` (an OpenRouter id, with or without author).

    Args:
        model: A model id such as ``"openai/gpt-4o-mini"``, ``"anthropic/claude-sonnet-4.5"`` or
            ``"gpt-4"``; ``None`` means ``cl100k_base``.

    Returns:
        ``"o200k_base"`` or ``"cl100k_base"``.

    Example:
        >>> encoding_for_model("openai/o3-mini"), encoding_for_model("meta-llama/llama-3.3-70b")
        ('o200k_base', 'o200k_base')
        >>> encoding_for_model("anthropic/claude-haiku-4.5")
        'cl100k_base'
    """
    if model is None:
        return CL100K
    author, _, name = model.lower().rpartition("/")
    name = name.split(":", 1)[0]
    if author in ("", "openai"):
        if _O200K_NAMES.match(name):
            return O200K
        if _CL100K_NAMES.match(name):
            return CL100K
    # Claude's tokenizer spends more tokens than o200k_base on the same text; cl100k_base, the
    # coarser of the two, keeps the estimate closer to (and mostly under) what is billed.
    if author == "anthropic":
        return CL100K
    return O200K


def is_exact(model: str | None) -> bool:
    """Whether counts for ``model`` use its own tokenizer (OpenAI models) or are estimates.

    Example:
        >>> is_exact("openai/gpt-4.1"), is_exact("google/gemini-2.5-flash")
        (True, False)
    """
    if model is None:
        return False
    author, _, name = model.lower().rpartition("/")
    name = name.split(":", 1)[0]
    return author in ("", "openai") and bool(_O200K_NAMES.match(name) or _CL100K_NAMES.match(name))


def _cache_dir() -> str:
    """The cache directory, as ``tiktoken.load.read_file_cached`` picks it.

    ``TIKTOKEN_CACHE_DIR``, then ``DATA_GYM_CACHE_DIR``, then ``<tmp>/data-gym-cache``; an empty
    value disables the cache.
    """
    if "TIKTOKEN_CACHE_DIR" in os.environ:
        return os.environ["TIKTOKEN_CACHE_DIR"]
    if "DATA_GYM_CACHE_DIR" in os.environ:
        return os.environ["DATA_GYM_CACHE_DIR"]
    return os.path.join(tempfile.gettempdir(), "data-gym-cache")


def _cache_file(name: str = CL100K) -> str | None:
    """Where tiktoken keeps encoding ``name``, or ``None`` when caching is disabled."""
    cache_dir = _cache_dir()
    if not cache_dir:
        return None
    url = _ENCODING_URL.format(name=name)
    key = hashlib.sha1(url.encode(), usedforsecurity=False).hexdigest()
    return os.path.join(cache_dir, key)


def _how_to_install(name: str) -> str:
    return (
        f'For exact counts, fetch it once with network access (python -c "import tiktoken; '
        f"tiktoken.get_encoding('{name}')\"; tiktoken stores it in TIKTOKEN_CACHE_DIR, default "
        f"{os.path.join(tempfile.gettempdir(), 'data-gym-cache')}), or copy the file "
        f"{os.path.basename(_cache_file(name) or '') or '<sha1 of its URL>'} into a directory "
        "and set TIKTOKEN_CACHE_DIR to that directory."
    )


def _load(name: str) -> tiktoken.Encoding | None:
    path = _cache_file(name)
    if path is None or not os.path.isfile(path):
        logger.warning(
            "tiktoken's %s file is not cached (looked for %s); token counts use an estimate "
            "that errs high (see approximate_tokens). %s",
            name,
            path or "<cache disabled: TIKTOKEN_CACHE_DIR is empty>",
            _how_to_install(name),
        )
        return None
    try:
        import tiktoken

        return tiktoken.get_encoding(name)
    except Exception as exc:  # a corrupt cache file or a tiktoken change: degrade, never crash
        logger.warning(
            "Could not load tiktoken's %s (%s: %s); token counts use an estimate that errs "
            "high (see approximate_tokens). %s",
            name,
            type(exc).__name__,
            exc,
            _how_to_install(name),
        )
        return None


def encoding(name: str = CL100K) -> tiktoken.Encoding | None:
    """The encoding ``name``, loaded once; ``None`` when it is not available offline.

    Args:
        name: ``"cl100k_base"`` or ``"o200k_base"`` (see :func:`encoding_for_model`).

    Returns:
        The tiktoken encoding, or ``None`` when its file is not cached locally (one warning per
        encoding is logged the first time).

    Example:
        >>> enc = encoding("o200k_base")
        >>> enc is None or enc.name == "o200k_base"
        True
    """
    if name not in _loaded:
        with _lock:
            if name not in _loaded:
                _loaded[name] = _load(name)
    return _loaded[name]


def reset_encoding_cache() -> None:
    """Forget the loaded encodings so the next call looks again (for tests)."""
    with _lock:
        _loaded.clear()


def _piece_tokens(piece: str) -> int:
    stripped = piece.lstrip(" ")
    if not stripped:
        return math.ceil(len(piece) / _SPACES_PER_TOKEN)
    if stripped.isascii() and stripped.isalpha():
        return math.ceil(len(stripped) / _LETTERS_PER_TOKEN)
    if stripped.isspace():
        return math.ceil(len(piece) / _SPACES_PER_TOKEN)
    if not piece.isascii():
        # A CJK character is one or two tokens, an emoji up to three: one less than its bytes.
        return max(1, len(piece.encode("utf-8")) - 1)
    return 1


def approximate_tokens(text: str) -> int:
    """The offline estimate: erring high, never more than the text's UTF-8 bytes.

    The text is cut like tiktoken's pre-tokenizer cuts it; each letter run costs one token per
    three letters, each group of up to three digits and each punctuation mark one, each
    whitespace run one per four characters, each non-ASCII character its UTF-8 length minus one
    (at least one). English prose comes out about 1.5 times its real count.

    Example:
        >>> approximate_tokens("hello world"), approximate_tokens("1234567")
        (4, 3)
    """
    return sum(_piece_tokens(m.group()) for m in _PIECE.finditer(text))


def count_tokens(text: str, model: str | None = None) -> int:
    """Number of tokens in ``text`` with ``model``'s encoding (or the estimate, offline).

    Special-token strings such as ``<|endoftext|>`` are counted as ordinary text.

    Args:
        text: The text.
        model: The model id whose encoding to use (see :func:`encoding_for_model`); ``None``
            means ``cl100k_base``.

    Example:
        >>> count_tokens("")
        0
    """
    if not text:
        return 0
    enc = encoding(encoding_for_model(model))
    if enc is None:
        return approximate_tokens(text)
    return len(enc.encode(text, disallowed_special=()))


def truncate(text: str, max_tokens: int, model: str | None = None) -> str:
    """The longest prefix of ``text`` that fits in ``max_tokens`` tokens of ``model``'s encoding.

    Offline the prefix is the longest whose estimate fits, consistent with
    :func:`approximate_tokens`.

    Example:
        >>> truncate("hello world", 100)
        'hello world'
    """
    if max_tokens <= 0:
        return ""
    enc = encoding(encoding_for_model(model))
    if enc is None:
        used = end = 0
        for match in _PIECE.finditer(text):
            cost = _piece_tokens(match.group())
            if used + cost > max_tokens:
                piece = match.group()
                word = piece.lstrip(" ")
                if used < max_tokens and word.isascii() and word.isalpha():
                    # A long word is cut inside, at the letters the budget left still pays for.
                    end += len(piece) - len(word) + (max_tokens - used) * _LETTERS_PER_TOKEN
                break
            used += cost
            end = match.end()
        return text[:end]
    tokens = enc.encode(text, disallowed_special=())
    if len(tokens) <= max_tokens:
        return text
    # A cut can fall inside a multi-byte character; its stray bytes are dropped, since
    # decoding them would put U+FFFD into the text.
    return enc.decode_bytes(tokens[:max_tokens]).decode("utf-8", errors="ignore")

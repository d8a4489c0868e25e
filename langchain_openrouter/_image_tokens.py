"""Input image tokens by OpenAI's tile rule, with the size read from a data URI's header.

OpenAI bills an image part at ``detail="low"`` a flat 85 tokens. At ``"high"`` and ``"auto"``
the image is scaled to fit in 2048x2048, then scaled down so its shortest side is at most 768
pixels, and costs 170 tokens per 512-pixel tile plus 85. The size comes from the PNG, JPEG, GIF
or WebP header inside a ``data:`` URI (no image library needed); a remote URL, or data that is
none of those formats, is counted as a 1024x1024 image (765 tokens), the size the
pricing examples use.

Example:
    >>> from langchain_openrouter._image_tokens import image_tokens
    >>> image_tokens(1024, 1024), image_tokens(2048, 4096), image_tokens(4000, 3000, "low")
    (765, 1105, 85)
"""

from __future__ import annotations

import base64
import binascii
import math
import struct

__all__ = [
    "DEFAULT_IMAGE_SIZE",
    "image_size",
    "image_tokens",
    "image_url_tokens",
]

LOW_DETAIL_TOKENS = 85
TILE_TOKENS = 170
BASE_TOKENS = 85
TILE_SIZE = 512
FIT_SIZE = 2048
SHORT_SIDE = 768
DEFAULT_IMAGE_SIZE = (1024, 1024)
_PREFIX_CHARS = 64 * 1024  # base64 characters decoded first: 48 KiB, a multiple of 4

# JPEG start-of-frame markers (baseline, progressive, lossless...), which carry the size.
_JPEG_SOF = frozenset(
    {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
)


def image_tokens(width: int, height: int, detail: str | None = "auto") -> int:
    """Tokens OpenAI bills for a ``width`` x ``height`` pixel image at ``detail``.

    Args:
        width: Pixels.
        height: Pixels.
        detail: ``"low"``, ``"high"`` or ``"auto"`` (``None`` and unknown values count as
            ``"auto"``, which OpenAI bills as ``"high"``).

    Example:
        >>> image_tokens(512, 512), image_tokens(100, 100), image_tokens(1920, 1080)
        (255, 255, 1105)
    """
    if detail == "low":
        return LOW_DETAIL_TOKENS
    width, height = max(width, 1), max(height, 1)
    longest = max(width, height)
    if longest > FIT_SIZE:
        width, height = width * FIT_SIZE // longest, height * FIT_SIZE // longest
    shortest = min(width, height)
    if shortest > SHORT_SIDE:
        width, height = width * SHORT_SIDE // shortest, height * SHORT_SIDE // shortest
    tiles = math.ceil(width / TILE_SIZE) * math.ceil(height / TILE_SIZE)
    return TILE_TOKENS * tiles + BASE_TOKENS


def _png(data: bytes) -> tuple[int, int] | None:
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    return None


def _gif(data: bytes) -> tuple[int, int] | None:
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    return None


def _webp(data: bytes) -> tuple[int, int] | None:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return None
    chunk = data[12:16]
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if len(data) < 30:
        return None
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", data[26:30])
        return int(width) & 0x3FFF, int(height) & 0x3FFF
    if chunk == b"VP8X":
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    return None


def _jpeg(data: bytes) -> tuple[int, int] | None:
    if data[:2] != b"\xff\xd8":
        return None
    index = 2
    while index + 4 <= len(data):
        if data[index] != 0xFF:
            return None
        marker = data[index + 1]
        if marker == 0xFF:  # fill byte before a marker
            index += 1
            continue
        if marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:  # markers without a length
            index += 2
            continue
        (length,) = struct.unpack(">H", data[index + 2 : index + 4])
        if marker in _JPEG_SOF and index + 9 <= len(data):
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return int(width), int(height)
        index += 2 + length
    return None


def image_size(url: str) -> tuple[int, int] | None:
    r"""``(width, height)`` in pixels of a base64 ``data:`` URI image, ``None`` when unknown.

    Remote URLs are never fetched: their size is unknown here.

    Example:
        >>> import base64, struct
        >>> header = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + struct.pack(">II", 2, 3)
        >>> png = "data:image/png;base64," + base64.b64encode(header).decode()
        >>> image_size(png), image_size("https://x.test/cat.png")
        ((2, 3), None)
    """
    if not url.startswith("data:"):
        return None
    header, _, payload = url.partition(",")
    if not header.endswith(";base64"):
        return None
    # Headers sit in the first bytes; only a JPEG with a large metadata segment needs the rest.
    for text in (payload[:_PREFIX_CHARS], payload) if len(payload) > _PREFIX_CHARS else (payload,):
        try:
            data = base64.b64decode(text, validate=False)
        except (binascii.Error, ValueError):  # a cut through wrapped lines: try the whole
            continue
        for reader in (_png, _jpeg, _gif, _webp):
            size = reader(data)
            if size is not None:
                return size
    return None


def image_url_tokens(image_url: object) -> int:
    """Tokens of an ``image_url`` part's value (``{"url": ..., "detail": ...}`` or a string).

    Example:
        >>> image_url_tokens({"url": "https://x.test/cat.png", "detail": "low"})
        85
        >>> image_url_tokens("https://x.test/cat.png")
        765
    """
    if isinstance(image_url, str):
        url, detail = image_url, None
    elif isinstance(image_url, dict):
        url, detail = str(image_url.get("url", "")), image_url.get("detail")
    else:
        url, detail = "", None
    if detail == "low":
        return LOW_DETAIL_TOKENS
    width, height = image_size(url) or DEFAULT_IMAGE_SIZE
    return image_tokens(width, height, detail if isinstance(detail, str) else None)

"""Image tokens: OpenAI's tile rule, and the size read from PNG, JPEG, GIF and WebP headers."""

from __future__ import annotations

import base64
import struct
import zlib

import pytest

from langchain_openrouter._image_tokens import image_size, image_tokens, image_url_tokens


def _uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


def jpeg(width: int, height: int, *, progressive: bool = False) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    exif = b"\xff\xe1" + struct.pack(">H", 2 + 300) + b"\x00" * 300  # a segment to skip
    sof = (
        (b"\xff\xc2" if progressive else b"\xff\xc0")
        + struct.pack(">HBHHB", 17, 8, height, width, 3)
        + b"\x01\x22\x00\x02\x11\x01\x03\x11\x01"
    )
    return b"\xff\xd8" + app0 + exif + b"\xff" + sof + b"\xff\xd9"  # with a fill byte


def gif(width: int, height: int) -> bytes:
    return b"GIF89a" + struct.pack("<HH", width, height) + b"\x00\x00\x00;"


def webp(width: int, height: int, kind: str) -> bytes:
    if kind == "VP8X":
        body = b"\x00" * 4 + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    elif kind == "VP8L":
        bits = (width - 1) | ((height - 1) << 14)
        body = b"\x2f" + bits.to_bytes(4, "little")
    else:
        body = b"\x00" * 3 + b"\x9d\x01\x2a" + struct.pack("<HH", width, height)
    chunk = kind.encode().ljust(4) + struct.pack("<I", len(body)) + body
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


@pytest.mark.parametrize(
    ("width", "height", "tokens"),
    [
        (1024, 1024, 765),  # scaled to 768x768: 4 tiles
        (2048, 4096, 1105),  # fit to 1024x2048, then 768x1536: 6 tiles
        (512, 512, 255),
        (513, 512, 425),
        (100, 100, 255),  # small images are not scaled up
        (1920, 1080, 1105),  # 1365x768: 3x2 tiles
        (4000, 3000, 765),  # 2048x1536, then 1024x768: 2x2 tiles
        (10000, 100, 765),  # 2048x20: 4x1 tiles
    ],
)
def test_tile_rule(width: int, height: int, tokens: int) -> None:
    assert image_tokens(width, height) == tokens
    assert image_tokens(width, height, "high") == tokens
    assert image_tokens(width, height, "low") == 85


@pytest.mark.parametrize(
    ("data", "mime"),
    [
        (png(640, 480), "image/png"),
        (jpeg(640, 480), "image/jpeg"),
        (jpeg(640, 480, progressive=True), "image/jpeg"),
        (gif(640, 480), "image/gif"),
        (webp(640, 480, "VP8X"), "image/webp"),
        (webp(640, 480, "VP8L"), "image/webp"),
        (webp(640, 480, "VP8 "), "image/webp"),
    ],
)
def test_size_from_each_format_header(data: bytes, mime: str) -> None:
    assert image_size(_uri(data, mime)) == (640, 480)
    assert image_url_tokens({"url": _uri(data, mime)}) == 425  # 2x1 tiles
    assert image_url_tokens({"url": _uri(data, mime), "detail": "low"}) == 85


def test_unknown_sizes_use_the_documented_default() -> None:
    for url in [
        "https://example.com/cat.png",  # never fetched
        "data:image/png;base64,iVBORw0KGgo=",  # a signature without a header
        "data:image/png;base64,not base64 at all!",
        "data:text/plain,hello",  # not base64
        _uri(b"BM" + b"\x00" * 40, "image/bmp"),  # a format the header reader does not know
        _uri(b"\xff\xd8\xff\xe0\x00", "image/jpeg"),  # a JPEG cut before its frame header
    ]:
        assert image_size(url) is None, url
        assert image_url_tokens({"url": url}) == 765, url
        assert image_url_tokens({"url": url, "detail": "auto"}) == 765
    assert image_url_tokens("https://example.com/cat.png") == 765
    assert image_url_tokens(None) == 765


def test_a_jpeg_frame_header_after_large_metadata_is_still_found() -> None:
    big = b"\xff\xe1" + struct.pack(">H", 60_002) + b"\x00" * 60_000
    data = jpeg(640, 480)
    with_metadata = data[:2] + big + data[2:]  # the frame header starts past the first 48 KiB
    assert image_size(_uri(with_metadata, "image/jpeg")) == (640, 480)
    padded = png(300, 200) + b"\x00" * 100_000  # only the first 48 KiB are decoded
    assert image_size(_uri(padded, "image/png")) == (300, 200)
    wrapped = base64.encodebytes(with_metadata).decode()  # MIME line breaks every 76 characters
    assert image_size(f"data:image/jpeg;base64,{wrapped}") == (640, 480)

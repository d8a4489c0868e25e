"""LangChain content blocks -> OpenRouter content parts (§2.3), for any role (pure, no I/O).

LangChain v1 standard blocks (``text``, ``image``, ``audio``, ``video``, ``file``,
``text-plain``; older v0 blocks too) become OpenRouter parts; OpenAI-format parts pass through;
other providers' blocks (Anthropic ``image``/``document`` with a ``source``, Gemini, Bedrock)
are translated; ``cache_control`` is kept. A block that cannot be sent is a ``ValueError`` that
names it, never dropped.

Example:
    >>> content_to_wire([{"type": "text", "text": "Hi"}, {"type": "image",
    ...     "url": "https://example.com/cat.png"}], "user")  # doctest: +NORMALIZE_WHITESPACE
    [{'type': 'text', 'text': 'Hi'},
     {'type': 'image_url', 'image_url': {'url': 'https://example.com/cat.png'}}]
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable, Mapping
from typing import Any

from langchain_core.messages import HumanMessage
from langchain_core.messages.block_translators.openai import convert_to_openai_image_block

__all__: list[str] = []

# OpenRouter part types (§2.3) that pass through as they are.

_WIRE_PART_TYPES = frozenset(
    {"text", "image_url", "input_audio", "video_url", "input_video", "file"}
)

# LangChain standard (v1 and v0) data block types we translate.

_DATA_BLOCK_TYPES = frozenset({"image", "audio", "video", "file", "text-plain"})

_CACHE_KEYS = ("cache_control", "prompt_cache_breakpoint")

# The reasoning_details format of Claude's thinking (§3.2.1).

_SUPPORTED = (
    "LangChain blocks text, image, audio, video, file, text-plain, or OpenRouter/OpenAI parts "
    "text, image_url, input_audio, video_url, file"
)

_AUDIO_FORMATS = {
    "mpeg": "mp3",
    "mpeg3": "mp3",
    "x-mp3": "mp3",
    "mp3": "mp3",
    "x-wav": "wav",
    "wave": "wav",
    "vnd.wave": "wav",
    "x-m4a": "m4a",
    "mp4": "m4a",
    "x-aiff": "aiff",
    "aif": "aiff",
    "x-flac": "flac",
    "x-aac": "aac",
    "l16": "pcm16",
}


def content_to_wire(
    content: str | list[str | dict[Any, Any]], role: str
) -> str | list[dict[str, Any]]:
    """A message's content for ``role``: a string as is, a block list as OpenRouter parts.

    A tool result whose parts are all plain text goes out as one string (joined with
    newlines), as other integrations send it: some upstreams take only strings there.

    Raises:
        ValueError: A block that cannot be sent (which one, and what to do instead).
    """
    if isinstance(content, str):
        return content
    parts = parts_to_wire(enumerate(content), role)
    if role == "tool" and parts and all(is_plain_text(part) for part in parts):
        return "\n".join(part["text"] for part in parts)
    return parts


def is_plain_text(part: Mapping[str, Any]) -> bool:
    """A text part with nothing but its text (no cache breakpoint, no annotations)."""
    return part.get("type") == "text" and len(part) == 2


def is_blank_text(part: Mapping[str, Any]) -> bool:
    """A text part whose text is empty or whitespace (Anthropic refuses those blocks)."""
    return part.get("type") == "text" and not str(part.get("text") or "").strip()


def drop_blank_text(parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``parts`` without blank text parts, unless nothing else would be left."""
    kept = [part for part in parts if not is_blank_text(part)]
    return kept if kept else parts[:1]


def parts_to_wire(blocks: Iterable[tuple[int, Any]], role: str) -> list[dict[str, Any]]:
    """Content blocks (with their positions, for errors) -> OpenRouter content parts.

    Blank text parts are dropped when the message has other parts.
    """
    parts = []
    for position, block in blocks:
        try:
            part = part_to_wire(block)
        except ValueError as err:
            raise ValueError(f"content[{position}]: {err}") from None
        if role in {"system", "developer"} and part["type"] != "text":
            raise ValueError(
                f"content[{position}]: {role} messages accept only text; got a "
                f"{part['type']!r} part. Put media in a user message."
            )
        parts.append(part)
    return drop_blank_text(parts)


def part_to_wire(block: Any) -> dict[str, Any]:
    """One content block -> one OpenRouter content part."""
    if isinstance(block, str):
        return {"type": "text", "text": block}
    if not isinstance(block, Mapping):
        raise ValueError(f"a content block must be a str or a dict, got {type(block).__name__}.")
    kind = block.get("type")
    if kind == "text":
        return _text_part(block)
    if kind in _WIRE_PART_TYPES and (kind != "file" or isinstance(block.get("file"), Mapping)):
        return _wire_part(block)
    if kind in _DATA_BLOCK_TYPES and not any(_source(block)) and "text" not in block:
        # Another provider's spelling of a known type, e.g. Anthropic's image ``source``.
        block = _translate_foreign(block) or block
    if kind == "image":
        return _image_part(block)
    if kind == "audio":
        return _audio_part(block)
    if kind == "video":
        return _video_part(block)
    if kind == "file":
        return _file_part(block)
    if kind == "text-plain":
        return _text_plain_part(block)
    if kind == "non_standard":
        value = block.get("value")
        if isinstance(value, Mapping) and value.get("type") in _WIRE_PART_TYPES:
            return part_to_wire(value)
        inner = value.get("type") if isinstance(value, Mapping) else None
        raise ValueError(
            f"non_standard block of type {inner!r} is not supported; use {_SUPPORTED}."
        )
    translated = _translate_foreign(block)
    if translated is not None:
        return part_to_wire(translated)
    raise ValueError(f"content block type {kind!r} is not supported; use {_SUPPORTED}.")


def _translate_foreign(block: Mapping[str, Any]) -> dict[str, Any] | None:
    """Another provider's block (Anthropic, Gemini, Bedrock) as a LangChain data block."""
    blocks = HumanMessage(content=[dict(block)]).content_blocks
    if len(blocks) == 1 and blocks[0].get("type") in _DATA_BLOCK_TYPES:
        return dict(blocks[0])
    return None


def cache_fields(block: Mapping[str, Any]) -> dict[str, Any]:
    """``cache_control`` (and its OpenAI-style twin) from the block or its ``extras``."""
    extras = block.get("extras")
    fields = {}
    for key in _CACHE_KEYS:
        value = block.get(key)
        if value is None and isinstance(extras, Mapping):
            value = extras.get(key)
        if value is not None:
            fields[key] = value
    return fields


def _text_part(block: Mapping[str, Any]) -> dict[str, Any]:
    text = block.get("text")
    if not isinstance(text, str):
        raise ValueError("a text block needs a 'text' string.")
    # LangChain-only keys (id, index, annotations, extras) are not sent.
    return {"type": "text", "text": text, **cache_fields(block)}


_URL_SCHEMES = ("https://", "http://", "data:")


def checked_url(url: Any, what: str) -> str:
    """``url`` if OpenRouter can fetch or decode it (§2.3: an https or a ``data:`` URL).

    Raises:
        ValueError: For anything else (a local path, ``ftp://``, ``file://``), naming ``what``.
    """
    if isinstance(url, str) and url[:8].lower().startswith(_URL_SCHEMES):
        return url
    shown = repr(url[:60] + "...") if isinstance(url, str) and len(url) > 60 else repr(url)
    raise ValueError(
        f"{what} must be an https:// (or http://) URL or a data: URL, got {shown}; to send a "
        "local file, read it and pass base64 with a mime_type."
    )


def _wire_part(block: Mapping[str, Any]) -> dict[str, Any]:
    kind = block["type"]
    part = dict(block)
    if kind == "image_url":
        image_url = block.get("image_url")
        if isinstance(image_url, str):
            part["image_url"] = {"url": checked_url(image_url, "image_url.url")}
        elif not (isinstance(image_url, Mapping) and image_url.get("url")):
            raise ValueError("an image_url part needs image_url.url (an https or data: URL).")
        else:
            checked_url(image_url["url"], "image_url.url")
    elif kind == "input_audio":
        audio = block.get("input_audio")
        if not (isinstance(audio, Mapping) and audio.get("data") and audio.get("format")):
            raise ValueError("an input_audio part needs input_audio.data (base64) and .format.")
    elif kind in {"video_url", "input_video"}:
        video = block.get("video_url")
        url = video.get("url") if isinstance(video, Mapping) else video
        if not url:
            raise ValueError(f"a {kind} part needs video_url.url (an https or data: URL).")
        url = checked_url(url, "video_url.url")
        part = {"type": "video_url", "video_url": {"url": url}, **cache_fields(block)}
    elif kind == "file":
        file = block["file"]
        if not (file.get("file_data") or file.get("file_id")):
            raise ValueError("a file part needs file.file_data (URL or data: URL) or file.file_id.")
        if file.get("file_data"):
            checked_url(file["file_data"], "file.file_data")
    return part


def _source(block: Mapping[str, Any]) -> tuple[str | None, str | None, str | None]:
    """(url, base64, file_id) of a v1 block, or of a v0 block with ``source_type``."""
    source_type = block.get("source_type")
    url = block.get("url")
    data = block.get("base64")
    file_id = block.get("file_id")
    if source_type == "base64":
        data = data or block.get("data")
    elif source_type == "id":
        file_id = file_id or block.get("id")
    return url, data, file_id


def _extra(block: Mapping[str, Any], key: str) -> Any:
    for holder in (block, block.get("extras"), block.get("metadata")):
        if isinstance(holder, Mapping) and holder.get(key) is not None:
            return holder[key]
    return None


def _image_part(block: Mapping[str, Any]) -> dict[str, Any]:
    url, data, file_id = _source(block)
    if data and data.startswith("data:"):
        url, data = data, None
    if url:
        part = convert_to_openai_image_block({"type": "image", "url": checked_url(url, "url")})
    elif data:
        mime_type = block.get("mime_type")
        if not mime_type:
            raise ValueError("an image block with base64 data needs a mime_type, e.g. 'image/png'.")
        part = convert_to_openai_image_block(
            {"type": "image", "base64": data, "mime_type": mime_type}
        )
    elif file_id:
        return {"type": "file", "file": {"file_id": file_id}, **cache_fields(block)}
    else:
        raise ValueError(
            "an image block has no data: give url, base64 (with mime_type) or file_id."
        )
    detail = _extra(block, "detail")
    if detail:
        part["image_url"]["detail"] = detail
    return {**part, **cache_fields(block)}


def _audio_part(block: Mapping[str, Any]) -> dict[str, Any]:
    url, data, _ = _source(block)
    if not data:
        if url:
            raise ValueError("audio needs base64 data: OpenRouter does not fetch audio URLs.")
        raise ValueError("an audio block has no data: give base64 and mime_type.")
    audio_format = _audio_format(block.get("mime_type"))
    if not audio_format:
        raise ValueError("an audio block needs a mime_type, e.g. 'audio/wav' or 'audio/mpeg'.")
    part = {"type": "input_audio", "input_audio": {"data": data, "format": audio_format}}
    return {**part, **cache_fields(block)}


def _audio_format(mime_type: Any) -> str | None:
    """``audio/mpeg`` -> ``mp3``: the ``format`` names OpenRouter expects."""
    if not isinstance(mime_type, str) or "/" not in mime_type:
        return None
    subtype = mime_type.split("/", 1)[1].split(";", 1)[0].strip().lower()
    return _AUDIO_FORMATS.get(subtype, subtype) or None


def _video_part(block: Mapping[str, Any]) -> dict[str, Any]:
    url, data, file_id = _source(block)
    if data:
        url = (
            data
            if data.startswith("data:")
            else (f"data:{block.get('mime_type') or 'video/mp4'};base64,{data}")
        )
    if not url:
        if file_id:
            raise ValueError("video file ids are not supported; give url or base64.")
        raise ValueError("a video block has no data: give url or base64 (with mime_type).")
    url = checked_url(url, "url")
    return {"type": "video_url", "video_url": {"url": url}, **cache_fields(block)}


def _file_part(block: Mapping[str, Any]) -> dict[str, Any]:
    url, data, file_id = _source(block)
    filename = _extra(block, "filename") or _extra(block, "file_filename")
    file: dict[str, Any] = {}
    if filename:
        file["filename"] = filename
    if url:
        # OpenRouter fetches public URLs itself (§2.3).
        file["file_data"] = checked_url(url, "url")
    elif data:
        mime_type = block.get("mime_type") or _guess_mime(filename) or "application/pdf"
        file["file_data"] = data if data.startswith("data:") else f"data:{mime_type};base64,{data}"
    elif file_id:
        file["file_id"] = file_id
    else:
        raise ValueError("a file block has no data: give url, base64 (with mime_type) or file_id.")
    return {"type": "file", "file": file, **cache_fields(block)}


def _guess_mime(filename: Any) -> str | None:
    return mimetypes.guess_type(filename)[0] if isinstance(filename, str) else None


def _text_plain_part(block: Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(block.get("text"), str):
        return {"type": "text", "text": block["text"], **cache_fields(block)}
    return _file_part({**block, "mime_type": block.get("mime_type") or "text/plain"})

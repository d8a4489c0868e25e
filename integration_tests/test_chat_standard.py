"""langchain-tests' standard integration suite for ChatOpenRouter, over real HTTP to the emulator.

The emulator runs as a server on 127.0.0.1 for the whole module; the model is
``google/gemini-2.5-flash`` in its catalog, which takes text, images, audio, video and files and
supports tools, structured outputs and reasoning, so every capability flag is on.

The suite downloads its test media (a PNG, a PDF, a WAV) from the internet with ``httpx.get``.
Tests here may only reach 127.0.0.1, so ``_offline_media`` answers those three URLs with small
valid files made on the spot; the test code itself runs unchanged. Image *URLs* are sent to the
emulator as URLs, which it accepts without fetching them (as OpenRouter fetches them itself).
"""

from __future__ import annotations

import base64
import io
import struct
import types
import uuid
import wave
import zlib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from langchain_core.messages import AIMessage, AIMessageChunk, HumanMessage, SystemMessage
from langchain_tests.integration_tests import ChatModelIntegrationTests
from langchain_tests.integration_tests import chat_models as standard_suite

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.testing import OpenRouterEmulator
from unit_tests.chat_models.capabilities import OpenRouterCapabilities

MODEL = "google/gemini-2.5-flash"


def _png(width: int = 8, height: int = 8) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x20\x80\xe0" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _pdf() -> bytes:
    text = b"BT /F1 24 Tf 72 720 Td (Dummy PDF file) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _wav(seconds: float = 0.25, rate: int = 8000) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(rate)
        audio.writeframes(b"\x00\x00" * int(seconds * rate))
    return out.getvalue()


MEDIA = {".png": _png(), ".pdf": _pdf(), ".wav": _wav()}

# Standard tests that fail today, and the fix each waits for. Marked strict: once the fix lands
# the test passes, the mark fails, and the entry must go.
KNOWN_GAPS: dict[str, str] = {}


def _offline_get(url: str, **_: Any) -> httpx.Response:
    for suffix, content in MEDIA.items():
        if url.endswith(suffix):
            return httpx.Response(200, content=content, request=httpx.Request("GET", url))
    raise AssertionError(f"the standard suite asked for {url}; add it to MEDIA (tests are offline)")


@pytest.fixture(autouse=True)
def _offline_media(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(standard_suite, "httpx", types.SimpleNamespace(get=_offline_get))
    monkeypatch.setenv("LANGCHAIN_TESTS_USER_AGENT", "langchain-openrouter-tests/1.0 (offline)")


@pytest.fixture(autouse=True)
def _known_gaps(request: pytest.FixtureRequest) -> None:
    reason = KNOWN_GAPS.get(request.node.name)
    if reason:
        request.node.add_marker(pytest.mark.xfail(reason=reason, strict=True))


@pytest.fixture(scope="module")
def emulator() -> Iterator[tuple[OpenRouterEmulator, str]]:
    emu = OpenRouterEmulator(credits=10_000)
    with emu.serve() as base_url:
        yield emu, base_url


class TestChatOpenRouterEmulator(OpenRouterCapabilities, ChatModelIntegrationTests):
    @pytest.fixture(autouse=True)
    def _connect(self, emulator: tuple[OpenRouterEmulator, str]) -> None:
        emu, base_url = emulator
        self._params = {"model": MODEL, "base_url": base_url, "api_key": emu.api_key}

    @property
    def chat_model_class(self) -> type[ChatOpenRouter]:
        return ChatOpenRouter

    @property
    def chat_model_params(self) -> dict[str, Any]:
        return dict(self._params)

    @property
    def enable_vcr_tests(self) -> bool:
        # VCR replays recorded traffic of a live service; this suite runs against the local
        # emulator, which is already offline and deterministic, so there is nothing to record.
        return False

    @property
    def supported_usage_metadata_details(self) -> dict[str, list[Any]]:
        details = ["audio_input", "reasoning_output", "cache_read_input", "cache_creation_input"]
        return {"invoke": details, "stream": details}

    # --- requests that produce each usage detail ---------------------------------------------

    def _model(self, **kwargs: Any) -> ChatOpenRouter:
        return ChatOpenRouter(**{**self.chat_model_params, **kwargs})

    @staticmethod
    def _call(model: ChatOpenRouter, messages: list[Any], *, stream: bool) -> AIMessage:
        if not stream:
            return model.invoke(messages)
        total: AIMessageChunk | None = None
        for chunk in model.stream(messages):
            total = chunk if total is None else total + chunk
        assert total is not None
        return total

    def invoke_with_audio_input(self, *, stream: bool = False) -> AIMessage:
        audio = base64.b64encode(MEDIA[".wav"]).decode()
        message = HumanMessage(
            [
                {"type": "text", "text": "Describe this audio."},
                {"type": "audio", "base64": audio, "mime_type": "audio/wav"},
            ]
        )
        return self._call(self._model(), [message], stream=stream)

    def invoke_with_reasoning_output(self, *, stream: bool = False) -> AIMessage:
        model = self._model(reasoning={"effort": "low"})
        return self._call(model, ["What is 3^3? Think it through."], stream=stream)

    def _cached_prompt(self, marker: str) -> list[Any]:
        # A breakpoint after a long, stable prefix: the first request writes it to the cache,
        # the same prefix again reads it.
        prefix = f"Reference {marker}. " + "The quick brown fox jumps over the lazy dog. " * 300
        return [
            SystemMessage(
                [{"type": "text", "text": prefix, "cache_control": {"type": "ephemeral"}}]
            ),
            HumanMessage("Summarise the reference in five words."),
        ]

    def invoke_with_cache_creation_input(self, *, stream: bool = False) -> AIMessage:
        return self._call(self._model(), self._cached_prompt(uuid.uuid4().hex), stream=stream)

    def invoke_with_cache_read_input(self, *, stream: bool = False) -> AIMessage:
        messages = self._cached_prompt(uuid.uuid4().hex)
        self._model().invoke(messages)
        return self._call(self._model(), messages, stream=stream)

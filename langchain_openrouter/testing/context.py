"""What every route handler receives: the request, the caller's key, and the emulator's parts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from langchain_openrouter.testing.catalog import Catalog
from langchain_openrouter.testing.faults import Fault
from langchain_openrouter.testing.model.script import ScriptRule
from langchain_openrouter.testing.state import KeyRecord, State
from langchain_openrouter.testing.stream import UsagePlacement
from langchain_openrouter.testing.wire import EmulatorError, Request

__all__ = ["Config", "Ctx"]


@dataclass
class Config:
    """Emulator-wide behaviour settings.

    Attributes:
        default_model: Used when a request names no model (OpenRouter's account default);
            ``None``: no default, so a request without ``model`` is a 400.
        usage_placement: Where streams carry ``usage`` (see :func:`stream.chat_chunks`).
        keepalive_comments: ``: OPENROUTER PROCESSING`` lines before the first event.
        chunk_delay: Seconds between stream events.
        byok: Answer as if the account's own provider key paid (``cost`` 0, ``is_byok``).
    """

    default_model: str | None = "openai/gpt-4o-mini"
    usage_placement: UsagePlacement = "separate"
    keepalive_comments: int = 2
    chunk_delay: float = 0.0
    byok: bool = False


@dataclass
class Ctx:
    """One request being handled."""

    request: Request
    state: State
    catalog: Catalog
    rules: list[ScriptRule]
    config: Config
    key: KeyRecord | None = None
    params: Mapping[str, str] = field(default_factory=dict)
    fault: Fault | None = None

    @property
    def caller(self) -> KeyRecord:
        """The authenticated key (routes that require one only run with it set)."""
        if self.key is None:
            raise EmulatorError(401, "Missing Authentication header")
        return self.key

    def body(self) -> dict[str, Any]:
        """The JSON object body; 400 when it is not valid JSON or not an object."""
        try:
            body = self.request.json()
        except (ValueError, UnicodeDecodeError) as exc:
            raise EmulatorError(
                400, f"Invalid JSON body: {exc}", metadata={"error_type": "invalid_request"}
            ) from exc
        if body is None:
            return {}
        if not isinstance(body, dict):
            raise EmulatorError(
                400,
                "Request body must be a JSON object",
                metadata={"error_type": "invalid_request"},
            )
        return body

"""What OpenRouter's plugins add to an answer: parsed-file and web-citation annotations.

* **file-parser**: every ``file`` part (a PDF) comes back as a ``file`` annotation with the hash
  of its data, its name and the text found in it (``(...) Tj`` strings of an uncompressed PDF).
* **web** (``:online``, ``plugins: [{"id": "web"}]``, the ``openrouter:web_search`` server tool
  in ``tools`` or forced by ``tool_choice``, or ``web_search_options``): deterministic
  ``url_citation`` annotations about the prompt, one web search in
  ``usage.server_tool_use_details`` and its fee in ``cost``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from langchain_openrouter.testing.catalog import CatalogModel

__all__ = ["file_annotations", "web_search", "web_search_fee"]

_PDF_TEXT = re.compile(rb"\(((?:\\.|[^\\)])*)\)\s*Tj")
DEFAULT_RESULTS = 3
EXA_PRICE_PER_RESULT = Decimal("0.004")


def _pdf_text(data: str) -> str:
    payload = data.split(",", 1)[1] if data.startswith("data:") else ""
    try:
        raw = base64.b64decode(payload, validate=False)
    except (binascii.Error, ValueError):
        return ""
    found = [m.group(1).decode("latin-1") for m in _PDF_TEXT.finditer(raw)]
    return "\n".join(s.replace("\\(", "(").replace("\\)", ")") for s in found)


def file_annotations(messages: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """A ``file`` annotation for every file part of the user messages."""
    out: list[dict[str, Any]] = []
    for message in messages:
        content = message.get("content")
        if message.get("role") != "user" or not isinstance(content, list):
            continue
        for part in content:
            if not isinstance(part, Mapping) or part.get("type") != "file":
                continue
            file = part.get("file") or {}
            data = str(file.get("file_data") or file.get("file_id") or "")
            name = str(file.get("filename") or "file.pdf")
            text = _pdf_text(data) or "(no extractable text)"
            out.append(
                {
                    "type": "file",
                    "file": {
                        "hash": hashlib.sha256(data.encode()).hexdigest(),
                        "name": name,
                        "content": [
                            {"type": "text", "text": f'<file name="{name}">'},
                            {"type": "text", "text": text},
                            {"type": "text", "text": "</file>"},
                        ],
                    },
                }
            )
    return out


def _web_plugin(body: Mapping[str, Any]) -> Mapping[str, Any] | None:
    for plugin in body.get("plugins") or []:
        if isinstance(plugin, Mapping) and plugin.get("id") == "web":
            return None if plugin.get("enabled") is False else plugin
    return None


def _names_web_search(choice: Any) -> bool:
    """Whether ``tool_choice`` forces the web-search server tool (§2.4)."""
    return isinstance(choice, Mapping) and str(choice.get("type", "")).endswith("web_search")


def web_search(
    body: Mapping[str, Any], variants: Sequence[str], prompt: str
) -> list[dict[str, Any]] | None:
    """The ``url_citation`` annotations of a web search, or ``None`` when none was asked for."""
    plugin = _web_plugin(body)
    tools = [t for t in body.get("tools") or [] if isinstance(t, Mapping)]
    asked = (
        plugin is not None
        or "online" in variants
        or body.get("web_search_options") is not None
        or any(str(t.get("type", "")).endswith("web_search") for t in tools)
        or _names_web_search(body.get("tool_choice"))
    )
    if not asked:
        return None
    count = int((plugin or {}).get("max_results") or DEFAULT_RESULTS)
    topic = " ".join(prompt.split()[:12]) or "your question"
    slug = re.sub(r"[^a-z0-9]+", "-", topic.lower()).strip("-") or "search"
    return [
        {
            "type": "url_citation",
            "url_citation": {
                "url": f"https://example.com/{slug}/{index}",
                "title": f"Result {index} about {topic}",
                "content": f"Emulated search result {index}: a page about {topic}.",
                "start_index": 0,
                "end_index": 0,
            },
        }
        for index in range(1, count + 1)
    ]


def web_search_fee(model: CatalogModel, results: int) -> float:
    """OpenRouter's fee for one search: the model's ``web_search`` price, else Exa's per result."""
    price = model.pricing.get("web_search")
    fee = Decimal(str(price)) if price is not None else EXA_PRICE_PER_RESULT * results
    return float(fee)

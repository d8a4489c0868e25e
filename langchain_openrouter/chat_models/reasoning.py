"""``reasoning_details``: merged from stream fragments, rebuilt from blocks, cleaned to send back.

OpenRouter streams each reasoning item in fragments that share an ``index`` and ``type``
(§4.3) and expects the merged array back, unchanged, on the next turn. Merging the fragments of
a stream and repairing a history before it is sent are the same rule applied twice, so they
live together: :func:`merge_reasoning_details` for the stream, :func:`outbound_details` for the
replay.

Example:
    >>> outbound_details([
    ...     {"type": "reasoning.encrypted", "data": "x", "id": "rs_1", "index": 0},
    ... ], keep_ids=False)
    [{'type': 'reasoning.encrypted', 'data': 'x', 'index': 0}]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

from langchain_openrouter.chat_models.textparts import TextParts

__all__: list[str] = []


class _ReasoningDetail:
    """One ``reasoning_details`` item being merged from its stream fragments (§4.3)."""

    __slots__ = ("field", "item", "pieces")

    def __init__(self, fragment: Mapping[str, Any]) -> None:
        # reasoning.summary streams its text in ``summary``; every other type in ``text``.
        self.field = "summary" if fragment.get("type") == "reasoning.summary" else "text"
        self.item: dict[str, Any] = {}
        self.pieces = TextParts()
        self.absorb(fragment)

    def absorb(self, fragment: Mapping[str, Any]) -> None:
        """Concatenate the text field; any other field: the last non-empty value wins."""
        field = self.field
        item = self.item
        for key, value in fragment.items():
            if key == field:
                item.setdefault(key, "")
                if isinstance(value, str):
                    self.pieces.append(value)
            elif value is None or value == "":
                # Keep the key (e.g. Minimax's ``format: null``) without erasing a value.
                item.setdefault(key, value)
            else:
                item[key] = value

    def render(self) -> dict[str, Any]:
        """The merged item, keys in the order they first arrived."""
        merged = dict(self.item)
        if self.field in merged:
            merged[self.field] = self.pieces.text()
        return merged


class ReasoningMerger:
    """Merges ``reasoning_details`` fragments by (``index``, ``type``), in arrival order."""

    __slots__ = ("_by_key", "_items", "_last_key")

    def __init__(self) -> None:
        self._items: list[_ReasoningDetail] = []
        self._by_key: dict[tuple[Any, Any], _ReasoningDetail] = {}
        self._last_key: tuple[Any, Any] | None = None

    def feed(self, fragments: Iterable[Any]) -> None:
        """Take the next fragments; non-mapping items are ignored."""
        for fragment in fragments:
            if not isinstance(fragment, Mapping):
                continue
            key = (fragment.get("index"), fragment.get("type"))
            if key[0] is None:
                # Without an index only consecutive fragments of one type can be one item.
                entry = self._items[-1] if self._last_key == key and self._items else None
            else:
                entry = self._by_key.get(key)
            if entry is None:
                entry = _ReasoningDetail(fragment)
                self._items.append(entry)
                self._by_key[key] = entry
            else:
                entry.absorb(fragment)
            self._last_key = key

    def render(self) -> list[dict[str, Any]]:
        """The merged items, in the order their first fragment arrived."""
        return [entry.render() for entry in self._items]


def merge_reasoning_details(fragments: Iterable[Any]) -> list[dict[str, Any]]:
    """Merge streamed ``reasoning_details`` fragments into the array to send back (§4.3).

    Fragments merge by (``index``, ``type``): ``text`` (or ``summary``) pieces concatenate;
    ``signature``, ``id``, ``format``, ``data`` come from whichever fragment carries them.
    A complete, already merged array comes back unchanged.

    Example:
        >>> merge_reasoning_details([
        ...     {"type": "reasoning.text", "text": "", "signature": "", "index": 0},
        ...     {"type": "reasoning.text", "text": "2+2=4", "index": 0},
        ...     {"type": "reasoning.text", "signature": "sig", "index": 0},
        ... ])
        [{'type': 'reasoning.text', 'text': '2+2=4', 'signature': 'sig', 'index': 0}]
    """
    merger = ReasoningMerger()
    merger.feed(fragments)
    return merger.render()


def details_from_blocks(blocks: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rebuild ``reasoning_details`` from v1 reasoning blocks made by this package."""
    details = []
    for block in blocks:
        extras = block.get("extras")
        kind = extras.get("type") if isinstance(extras, Mapping) else None
        if not (isinstance(kind, str) and kind.startswith("reasoning.")):
            continue
        field = "summary" if kind == "reasoning.summary" else "text"
        item = dict(cast("Mapping[str, Any]", extras))
        if block.get("reasoning") is not None or field in item:
            item[field] = block.get("reasoning") or ""
        details.append(item)
    return details


def merge_details(received: Iterable[Any], rebuilt: Iterable[dict[str, Any]]) -> list[Any]:
    """The ``reasoning_details`` of ``additional_kwargs``, then those only the blocks hold.

    A v1 message holds its own items twice (in both places): each is sent once. An item
    without an ``index`` (Claude thinking from another integration) gets the next free one,
    so that no two reasoning blocks share an index and get merged into one.
    """
    details = list(received)
    seen = {_detail_identity(item) for item in details}
    next_index = 1 + max(
        (
            item["index"]
            for item in details
            if isinstance(item, Mapping) and isinstance(item.get("index"), int)
        ),
        default=-1,
    )
    for item in rebuilt:
        identity = _detail_identity(item)
        if identity in seen:
            continue
        seen.add(identity)
        if item.get("index") is None:
            item = {**item, "index": next_index}
            next_index += 1
        details.append(item)
    return details


def _detail_identity(item: Any) -> str:
    """What makes two ``reasoning_details`` items the same, whatever their index."""
    if not isinstance(item, Mapping):
        return repr(item)
    kept = {k: v for k, v in item.items() if k != "index" and v is not None and v != ""}
    return json.dumps(kept, sort_keys=True, default=repr)


def outbound_details(details: Sequence[Any], *, keep_ids: bool) -> list[Any]:
    """The ``reasoning_details`` to send back: as received, in order.

    Two repairs for histories made by other integrations (and this package's 0.2 releases):
    consecutive fragments of one item (same ``index`` and ``type``) are merged, and a
    ``format`` that chunk merging repeated (``anthropic-claude-v1anthropic-claude-v1``) is
    restored. OpenAI Responses item ids (``rs_...``) are dropped unless ``keep_ids``.
    """
    merged: list[Any] = []
    run: list[Mapping[str, Any]] = []

    def flush() -> None:
        if len(run) == 1:
            merged.append(run[0])
        elif run:
            merged.extend(merge_reasoning_details(run))
        run.clear()

    for item in details:
        if not isinstance(item, Mapping) or item.get("index") is None:
            flush()
            merged.append(item)
        else:
            if run and _detail_key(run[-1]) != _detail_key(item):
                flush()
            run.append(item)
    flush()
    return [_clean_detail(item, keep_ids=keep_ids) for item in merged]


def _detail_key(item: Mapping[str, Any]) -> tuple[Any, Any]:
    return item.get("index"), item.get("type")


def _clean_detail(item: Any, *, keep_ids: bool) -> Any:
    if not isinstance(item, Mapping):
        return item
    fmt = item.get("format")
    repaired = _undo_repetition(fmt) if isinstance(fmt, str) else fmt
    strip_id = not keep_ids and isinstance(item.get("id"), str) and item["id"].startswith("rs_")
    if repaired == fmt and not strip_id:
        return item
    clean = {key: value for key, value in item.items() if not (strip_id and key == "id")}
    if "format" in clean:
        clean["format"] = repaired
    return clean


def _undo_repetition(text: str) -> str:
    """``"abcabcabc"`` -> ``"abc"``; any string that is not a repetition comes back as is."""
    size = len(text)
    for period in range(1, size // 2 + 1):
        if size % period == 0 and text[:period] * (size // period) == text:
            return text[:period]
    return text

"""Streamed text kept in memory that grows with the text, not with the number of pieces.

A stream accumulator keeps the text it has seen (content, reasoning, refusal, tool-call
arguments) so that a failed stream's ``.partial`` and the final merged fields hold all of it. A
list of the pieces would cost a string object and a list slot (about 60 bytes) per piece on top
of the text, which on a stream of 100,000 one-word chunks is several megabytes; joining the
pieces every :data:`BATCH` keeps the overhead under a byte per piece.

Example:
    >>> parts = TextParts()
    >>> for word in ("Bon", "jour", " !"):
    ...     parts.append(word)
    >>> parts.text(), bool(parts), bool(TextParts())
    ('Bonjour !', True, False)
"""

from __future__ import annotations

__all__: list[str] = []

BATCH = 64
"""Pieces joined into one string at a time."""


class TextParts:
    """An append-only text: append pieces, read the whole with :meth:`text`."""

    __slots__ = ("_blocks", "_pieces")

    def __init__(self) -> None:
        self._blocks: list[str] = []
        self._pieces: list[str] = []

    def append(self, piece: str) -> None:
        """Add the next piece (empty pieces are kept out)."""
        if not piece:
            return
        pieces = self._pieces
        pieces.append(piece)
        if len(pieces) >= BATCH:
            # Joined blocks are never joined again: that would copy the text over and over.
            self._blocks.append("".join(pieces))
            pieces.clear()

    def text(self) -> str:
        """Everything appended so far, in order."""
        if not self._blocks:
            return "".join(self._pieces)
        return "".join(self._blocks) + "".join(self._pieces)

    def __bool__(self) -> bool:
        return bool(self._pieces) or bool(self._blocks)

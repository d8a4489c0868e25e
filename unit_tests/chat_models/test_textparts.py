import tracemalloc

from langchain_openrouter.chat_models.textparts import BATCH, TextParts


def test_text_is_every_piece_in_order_across_batches() -> None:
    parts = TextParts()
    pieces = [f"<{i}>" for i in range(BATCH * 3 + 5)]
    for piece in pieces:
        parts.append(piece)
        assert parts
    assert parts.text() == "".join(pieces)


def test_empty_pieces_leave_it_empty() -> None:
    parts = TextParts()
    parts.append("")
    assert not parts
    assert parts.text() == ""


def test_memory_grows_with_the_text_not_the_number_of_pieces() -> None:
    n = 20_000
    tracemalloc.start()
    try:
        parts = TextParts()
        for i in range(n):
            # A fresh string per piece, as json.loads gives each stream event.
            parts.append(f"w{i % 10}")
        kept, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert parts.text() == "".join(f"w{i % 10}" for i in range(n))
    # Two bytes of text per piece; a list of the pieces would keep ~60 bytes per piece.
    assert kept < n * (2 + 4)

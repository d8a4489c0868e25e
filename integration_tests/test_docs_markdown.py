"""Every page parses as the Markdown it was meant to be, and names only code that exists."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_tests.docs_pages import (
    PAGES,
    ROOT,
    anchors,
    code_blocks,
    fence_problems,
    missing_references,
)

IDS = [page.name for page in PAGES]


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_fences_open_and_close_as_written(page: Path) -> None:
    assert fence_problems(page) == []


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_code_named_in_the_page_exists(page: Path) -> None:
    assert missing_references(page) == []


def test_the_pages_are_the_readme_and_every_doc() -> None:
    names = {page.relative_to(ROOT).as_posix() for page in PAGES}
    assert {"README.md", "docs/chat.md", "docs/testing.md", "docs/errors.md"} <= names


# One page per capability (quick start, chat, tools and structured output, reasoning,
# multimodal, routing and plugins, cost tracking, token counting, embeddings, rerank, model
# retriever, platform utilities, CLI, testing with the emulator, errors, reliability,
# benchmarks, migrating from 0.2.x and from ChatOpenAI).
CAPABILITY_PAGES = [
    "quickstart.md",
    "chat.md",
    "tools-and-structured-output.md",
    "reasoning.md",
    "multimodal.md",
    "routing.md",
    "cost-tracking.md",
    "token-counting.md",
    "embeddings.md",
    "rerank.md",
    "model-retriever.md",
    "platform.md",
    "cli.md",
    "testing.md",
    "errors.md",
    "reliability.md",
    "benchmarks.md",
    "migrating.md",
]


def readme_first_screen() -> str:
    """The README up to its first second-level heading: what a visitor sees first."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split("\n## ", 1)[0]


def test_every_capability_has_its_page() -> None:
    missing = [name for name in CAPABILITY_PAGES if not (ROOT / "docs" / name).is_file()]
    assert missing == []


def test_the_readme_first_screen_links_every_page() -> None:
    first_screen = readme_first_screen()
    pages = sorted(page.name for page in (ROOT / "docs").glob("*.md"))
    assert [name for name in pages if f"](docs/{name})" not in first_screen] == []
    assert [name for name in CAPABILITY_PAGES if f"](docs/{name})" not in first_screen] == []


def test_the_readme_first_screen_has_the_two_commands_and_an_example() -> None:
    first_screen = readme_first_screen()
    assert "make demo" in first_screen
    assert "make test" in first_screen
    (example,) = [block for block in code_blocks(ROOT / "README.md") if block.code in first_screen]
    assert len(example.code.splitlines()) <= 15


# The helper itself, on pages written to be wrong.


def write(tmp_path: Path, text: str) -> Path:
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    return page


def test_text_after_a_closing_fence_is_reported_and_swallows_what_follows(
    tmp_path: Path,
) -> None:
    page = write(
        tmp_path,
        "```python\nx = 1\n``` Then a paragraph.\n\n## A heading\n\n```python\ny = 2\n```\n",
    )
    assert fence_problems(page) == [
        "page.md:3: a fence line inside a code block ('``` Then a paragraph.'): "
        "a closing fence must stand alone on its line",
        "page.md:7: a fence line inside a code block ('```python'): "
        "a closing fence must stand alone on its line",
    ]
    (block,) = code_blocks(page)
    assert "## A heading" in block.code  # what GitHub shows: the heading inside the code


def test_an_unclosed_fence_is_reported(tmp_path: Path) -> None:
    page = write(tmp_path, "Text.\n\n```python\nx = 1\n")
    assert fence_problems(page) == ["page.md:3: this code fence is never closed"]


def test_sound_fences_pass_and_blocks_keep_their_lines(tmp_path: Path) -> None:
    page = write(
        tmp_path,
        "# T\n\n```python\na = 1\n```\n\n````markdown\n```python\ninner\n```\n````\n\n"
        "~~~bash\nls\n~~~\n\n```\nplain\n```\n",
    )
    assert fence_problems(page) == []
    assert [(b.line, b.code) for b in code_blocks(page)] == [(3, "a = 1\n")]
    assert [(b.line, b.language) for b in code_blocks(page, "")] == [
        (3, "python"),
        (7, "markdown"),
        (13, "bash"),
        (17, ""),
    ]


def test_missing_code_references_are_reported(tmp_path: Path) -> None:
    page = write(
        tmp_path,
        "See `langchain_openrouter.testing.OpenRouterEmulator` and "
        "`langchain_openrouter.testing.NoSuchThing`, `langchain_openrouter.nowhere`, "
        "`unit_tests/testing/test_wiring.py`, `chat_models/content.py`, "
        "`integration_tests/test_gone.py`, `gone.md`, [a page](missing.md), "
        "[the web](https://openrouter.ai), `openai/gpt-4o-mini`, `/chat/completions`, "
        "`.venv/bin/pytest`, `../shared/samples`.\n",
    )
    assert missing_references(page) == [
        "page.md: `langchain_openrouter.testing.NoSuchThing` does not import",
        "page.md: `langchain_openrouter.nowhere` does not import",
        "page.md: `integration_tests/test_gone.py` is not a file of the repository",
        "page.md: `gone.md` is not a file of the repository",
        "page.md: link to 'missing.md', which does not exist",
    ]


def test_link_fragments_must_name_a_heading_of_the_linked_page(tmp_path: Path) -> None:
    (tmp_path / "other.md").write_text(
        "# Other\n\n## `model_kwargs` and unknown arguments\n\n## Notes\n\n## Notes\n",
        encoding="utf-8",
    )
    page = write(
        tmp_path,
        "# Page: `ChatOpenRouter`, 0.2.x\n\n"
        "[a](other.md#model_kwargs-and-unknown-arguments) [b](other.md#notes-1) "
        "[c](#page-chatopenrouter-02x) [d](other.md#gone) [e](#gone) "
        "[f](https://example.com/x.md#anything)\n",
    )
    assert anchors(tmp_path / "other.md") == {
        "other",
        "model_kwargs-and-unknown-arguments",
        "notes",
        "notes-1",
    }
    assert missing_references(page) == [
        "page.md: link to 'other.md#gone', a heading that does not exist",
        "page.md: link to '#gone', a heading that does not exist",
    ]


def test_the_migration_page_names_every_constructor_argument() -> None:
    from langchain_core.language_models import BaseChatModel

    from langchain_openrouter import ChatOpenRouter
    from langchain_openrouter.chat_models._compat import ARGS_02X

    text = (ROOT / "docs" / "migrating.md").read_text(encoding="utf-8")
    own = set(ChatOpenRouter.model_fields) - set(BaseChatModel.model_fields)
    assert [name for name in sorted(own | ARGS_02X) if f"`{name}`" not in text] == []

"""The documentation pages as Markdown sees them: code blocks, fence problems, code references.

One place for every docs test: blocks come from a CommonMark parser (markdown-it-py), so a test
runs exactly the code GitHub shows as code. A fence that never closes, or a line inside a block
that looks like a fence (text after a closing fence, an opening fence where a closing one was
meant), is a problem the tests report: such a block renders differently from what was written.
"""

from __future__ import annotations

import importlib
import itertools
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

__all__ = [
    "PAGES",
    "ROOT",
    "CodeBlock",
    "anchors",
    "code_blocks",
    "fence_problems",
    "missing_references",
]

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "langchain_openrouter"
PAGES = (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")))

# Made by `make install`, not part of the repository: a reference into them is not checked.
_GENERATED = frozenset((".venv", ".tools"))
_FILE_SUFFIXES = (".py", ".md", ".toml", ".lock", ".json", ".sse", ".yml", ".yaml")
_MODULE_PATH = re.compile(r"langchain_openrouter(?:\.[A-Za-z_]\w*)+")
_PATH = re.compile(r"[\w.-]+(?:/[\w.-]+)*/?")


@dataclass(frozen=True)
class CodeBlock:
    """One fenced code block of a page.

    Attributes:
        page: The Markdown file.
        line: The 1-based line of its opening fence.
        language: The first word of the info string (``"python"``), ``""`` without one.
        code: The block's text.
    """

    page: Path
    line: int
    language: str
    code: str

    @property
    def id(self) -> str:
        """``page.md:line``, a stable test id."""
        return f"{self.page.name}:{self.line}"


@cache
def _tokens(page: Path) -> tuple[Token, ...]:
    return tuple(MarkdownIt("commonmark").parse(page.read_text(encoding="utf-8")))


def code_blocks(page: Path, language: str = "python") -> list[CodeBlock]:
    """The fenced blocks of ``page`` in ``language`` (every block with ``language=""``)."""
    blocks: list[CodeBlock] = []
    for token in _tokens(page):
        if token.type != "fence" or token.map is None:
            continue
        info = token.info.split()[0] if token.info.strip() else ""
        if language and info != language:
            continue
        blocks.append(CodeBlock(page, token.map[0] + 1, info, token.content))
    return blocks


def fence_problems(page: Path) -> list[str]:
    """Fences that do not parse as written: never closed, or a fence-like line inside a block.

    Returns:
        One ``"page.md:line: what"`` message per problem (empty when the page is sound).
    """
    lines = page.read_text(encoding="utf-8").splitlines()
    problems: list[str] = []
    for token in _tokens(page):
        if token.type != "fence" or token.map is None:
            continue
        start, end = token.map
        char, width = token.markup[0], len(token.markup)
        closing = lines[end - 1].strip() if end - 1 > start else ""
        if not (len(closing) >= width and set(closing) == {char}):
            problems.append(f"{page.name}:{start + 1}: this code fence is never closed")
        fence_like = re.compile(rf" {{0,3}}{re.escape(char)}{{{width},}}")
        for offset, line in enumerate(token.content.splitlines()):
            if fence_like.match(line):
                problems.append(
                    f"{page.name}:{start + 2 + offset}: a fence line inside a code block "
                    f"({line.strip()!r}): a closing fence must stand alone on its line"
                )
    return problems


def _inline_references(page: Path) -> list[tuple[str, str]]:
    """``(kind, text)`` of the inline code spans and relative links of ``page``."""
    found: list[tuple[str, str]] = []
    for token in _tokens(page):
        for child in token.children or ():
            if child.type == "code_inline":
                found.append(("code", child.content))
            elif child.type == "link_open":
                found.append(("link", str(child.attrs.get("href", ""))))
    return found


def _module_path_exists(dotted: str) -> bool:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            if not hasattr(target, name):
                return False
            target = getattr(target, name)
        return True
    return False


def _is_repository_path(text: str) -> bool:
    if not _PATH.fullmatch(text) or text.startswith(".."):
        return False
    first = text.split("/", 1)[0]
    if first in _GENERATED:
        return False
    return text.endswith(_FILE_SUFFIXES) or ("/" in text and (ROOT / first).exists())


def anchors(page: Path) -> set[str]:
    """The ``#fragment`` ids GitHub gives the page's headings.

    GitHub's rule: the heading's text (code spans by their content) in lower case, without
    punctuation other than ``-`` and ``_``, spaces as ``-``; a repeated id gains ``-1``, ``-2``...
    """
    found: set[str] = set()
    tokens = _tokens(page)
    for opening, inline in itertools.pairwise(tokens):
        if opening.type != "heading_open":
            continue
        text = "".join(child.content for child in inline.children or ())
        slug = re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
        unique, count = slug, 0
        while unique in found:
            count += 1
            unique = f"{slug}-{count}"
        found.add(unique)
    return found


def missing_references(page: Path) -> list[str]:
    """Code the page names that does not exist.

    Checked: inline code that is a dotted path into the package
    (``langchain_openrouter.testing.OpenRouterEmulator``: the module imports and has the
    attribute), inline code that is a repository file path (``unit_tests/...py``, ``docs/x.md``:
    found from the repository root or the package), and relative links (from the page), with
    their ``#fragment`` when they point at a Markdown page (a heading of that page).

    Returns:
        One ``"page.md: what"`` message per missing reference.
    """
    missing: list[str] = []
    for kind, text in _inline_references(page):
        if kind == "link":
            target, _, fragment = text.partition("#")
            if "://" in target or target.startswith("mailto:"):
                continue
            linked = page.parent / target if target else page
            if not linked.exists():
                missing.append(f"{page.name}: link to {text!r}, which does not exist")
            elif fragment and linked.suffix == ".md" and fragment not in anchors(linked):
                missing.append(f"{page.name}: link to {text!r}, a heading that does not exist")
        elif _MODULE_PATH.fullmatch(text):
            if not _module_path_exists(text):
                missing.append(f"{page.name}: `{text}` does not import")
        elif _is_repository_path(text) and not any(
            (base / text).exists() for base in (ROOT, PACKAGE)
        ):
            missing.append(f"{page.name}: `{text}` is not a file of the repository")
    return missing

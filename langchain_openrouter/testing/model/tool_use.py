"""How the scripted model uses tools: which ones a prompt asks for, with which arguments.

A tool is called when the prompt names it or asks for it by a meaningful word of its name
(``weather`` for ``get_weather``) or a close synonym (``times`` for ``multiply``); its arguments
are generated from its JSON schema and filled from the prompt (see ``schema.py``).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from langchain_openrouter.testing.catalog import CatalogModel
from langchain_openrouter.testing.model.prompt import Hints, message_text, set_of_words
from langchain_openrouter.testing.model.schema import instance_for

__all__ = [
    "IDS",
    "ToolCall",
    "calls_for",
    "clauses",
    "select_tools",
    "tool_name",
    "tool_results_answer",
    "tool_results_text",
    "uncalled_tools",
]

_GENERIC = set_of_words(
    "get set fetch retrieve lookup look find call run do make tool func function the a an of "
    "for to info information data current my by with and api"
)
_SYNONYMS = {
    "add": ("plus", "sum", "+"),
    "sum": ("plus", "add", "+"),
    "subtract": ("minus", "difference"),
    "multiply": ("times", "product", "*", "\u00d7"),
    "divide": ("divided", "quotient", "/", "\u00f7"),
    "weather": ("temperature", "forecast"),
    "time": ("clock",),
    "search": ("look up", "google"),
}


@dataclass
class ToolCall:
    """One tool call of an answer."""

    id: str
    name: str
    arguments: str


class _Ids:
    """Deterministic tool-call ids in each provider's style."""

    _ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

    def __init__(self) -> None:
        self._count = 0
        self._lock = threading.Lock()

    def next(self, model: CatalogModel, name: str) -> str:
        with self._lock:
            self._count += 1
            count = self._count
        digest = hashlib.sha256(f"{model.id}|{name}|{count}".encode()).digest()
        chars = "".join(self._ALPHABET[b % 62] for b in digest)
        if model.author == "anthropic":
            return f"toolu_01{chars[:22]}"
        if model.author == "google":
            return f"tool_{name}_{chars[:20]}"
        if model.author == "mistralai":
            return chars[:9]
        return f"call_{chars[:24]}"


IDS = _Ids()


def tool_name(tool: Mapping[str, Any]) -> str:
    """The function name of a chat tool (``{"type": "function", "function": {...}}``)."""
    function = tool.get("function")
    return str(function.get("name", "")) if isinstance(function, Mapping) else ""


def _name_words(name: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    return [w.lower() for w in re.split(r"[_\-\s.]+", spaced) if w]


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def select_tools(prompt: str, tools: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The tools a prompt names or asks for, in the order it mentions them.

    A tool matches when its name (``get_weather`` or ``get weather``) appears in the prompt, or
    one of its name's meaningful words (``weather``; generic verbs like ``get`` do not count)
    or a close synonym (``times`` for ``multiply``) does.

    Example:
        >>> tools = [{"type": "function", "function": {"name": "get_weather"}}]
        >>> [tool_name(t) for t in select_tools("Weather in Paris?", tools)]
        ['get_weather']
    """
    return [tool for _, tool in _mentions(prompt, tools)]


def _mentions(
    prompt: str, tools: Sequence[Mapping[str, Any]]
) -> list[tuple[int, Mapping[str, Any]]]:
    """``(position of first mention, tool)`` for every tool the prompt mentions, in order."""
    lowered = prompt.lower()
    found: list[tuple[int, int, Mapping[str, Any]]] = []
    for order, tool in enumerate(tools):
        name = tool_name(tool)
        if not name:
            continue
        name_words = _name_words(name)
        meaningful = [w for w in name_words if w not in _GENERIC] or name_words
        terms = {name.lower(), " ".join(name_words)} | {_stem(w) for w in meaningful}
        for word in meaningful:
            terms.update(_SYNONYMS.get(_stem(word), ()))
        hits = [p for p in (_find_term(lowered, t) for t in terms) if p >= 0]
        if hits:
            found.append((min(hits), order, tool))
    return [(position, tool) for position, _, tool in sorted(found, key=lambda f: (f[0], f[1]))]


def _find_term(text: str, term: str) -> int:
    """Where ``term`` starts a word of ``text`` (symbols anywhere), or -1."""
    if not term[0].isalnum():
        return text.find(term)
    match = re.search(rf"(?<![a-z0-9]){re.escape(term)}", text)
    return match.start() if match else -1


def calls_for(
    model: CatalogModel,
    tools: Sequence[Mapping[str, Any]],
    prompt: str,
    *,
    parallel: bool,
    hints: Hints | None = None,
) -> list[ToolCall]:
    """Calls for the chosen tools; each tool's arguments come from its clause of the prompt.

    With several tools, each reads the clause that names it (see :func:`clauses`): in "what is
    the weather in Paris and what is 6 times 7", ``get_weather`` reads "what is the weather in
    Paris" and ``multiply`` "what is 6 times 7". A clause that offers nothing falls back to the
    whole prompt (``hints``, when given, stand for it: the prompt and the tool results); a single
    tool reads the whole prompt. A one-place tool asked about several
    places in its own clause gets one call per place (unless ``parallel`` is false).
    """
    whole = hints if hints is not None else Hints.from_text(prompt)
    regions = clauses(prompt, tools) if len(tools) > 1 else {}
    calls: list[ToolCall] = []
    for tool in tools:
        hints, own_clause = whole, len(tools) == 1
        region = regions.get(id(tool))
        if region is not None:
            part = Hints.from_text(prompt[region[0] : region[1]])
            if part.numbers or part.places or part.quoted or part.entities:
                hints, own_clause = part, True
        function = tool.get("function") or {}
        schema = function.get("parameters") or {"type": "object", "properties": {}}
        name = tool_name(tool)
        for arguments in _arguments_for(schema, hints, parallel and own_clause):
            calls.append(ToolCall(IDS.next(model, name), name, json.dumps(arguments)))
    return calls


# Where a new clause starts: after a sentence end or a semicolon, or after a conjunction.
_CLAUSE_BREAK = re.compile(
    r"[.?!;]\s+(?:(?:and|then|also)\s+)*|,?\s+(?:and|then|also)\s+(?:(?:and|then|also)\s+)*"
    r"|,\s+",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[.?!;]\s+")


def clauses(prompt: str, tools: Sequence[Mapping[str, Any]]) -> dict[int, tuple[int, int]]:
    """``{id(tool): (start, end)}``: the part of ``prompt`` that asks for each mentioned tool.

    Tools are taken in the order the prompt mentions them. Between two mentions, the last
    clause break (a sentence end, ``;``, ``,`` or ``and``/``then``/``also``) ends the first
    tool's clause and starts the next one's; the first clause starts after the last sentence
    end (or ``;``) before its mention ("I have 3 cats; what is 6 times 7"), the last one ends
    the prompt. So the numbers before a mention stay with it ("what is 6 times 7": ``6`` and
    ``7`` for ``multiply``), and a list inside a clause ("add 2 and 3 and then the weather in
    Paris") stays whole: only the last break before the next tool's mention counts.

    Example:
        >>> tools = [{"type": "function", "function": {"name": n}}
        ...          for n in ("get_weather", "multiply")]
        >>> prompt = "what is the weather in Paris and what is 6 times 7"
        >>> [prompt[a:b] for a, b in clauses(prompt, tools).values()]
        ['what is the weather in Paris', 'what is 6 times 7']
    """
    mentions = _mentions(prompt, tools)
    if not mentions:
        return {}
    lead_in = list(_SENTENCE_BREAK.finditer(prompt, 0, mentions[0][0]))
    starts = [lead_in[-1].end() if lead_in else 0]
    for (before, _), (after, _) in itertools.pairwise(mentions):
        breaks = list(_CLAUSE_BREAK.finditer(prompt, before + 1, after))
        starts.append(breaks[-1].end() if breaks else after)
    ends = [*starts[1:], len(prompt)]
    regions: dict[int, tuple[int, int]] = {}
    for (_, tool), start, end in zip(mentions, starts, ends, strict=True):
        clause_end = end
        if clause_end < len(prompt):
            tail = list(_CLAUSE_BREAK.finditer(prompt, start, end))
            clause_end = tail[-1].start() if tail and tail[-1].end() == end else end
        regions[id(tool)] = (start, clause_end)
    return regions


def _arguments_for(schema: Mapping[str, Any], hints: Hints, parallel: bool) -> list[Any]:
    """One argument object, or one per place when a one-place tool is asked about several.

    Several places means a list joined by a conjunction ("Paris and London", "Paris, London
    and Rome") or several places after prepositions ("in Paris and in London"); a comma alone
    does not split ("San Francisco, CA" is one place).
    """
    first = instance_for(schema, hints, fill_optional=False)
    places = hints.places if len(hints.places) > 1 else hints.listed
    if not parallel or len(places) < 2 or not isinstance(first, dict):
        return [first]
    place_keys = [k for k, v in first.items() if v == hints.place() and isinstance(v, str)]
    if len(place_keys) != 1:
        return [first]
    return [{**first, place_keys[0]: place} for place in places]


def _trailing_results(messages: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    results: list[Mapping[str, Any]] = []
    for message in reversed(messages):
        if message.get("role") != "tool":
            break
        results.append(message)
    return results[::-1]


def tool_results_text(messages: Sequence[Mapping[str, Any]]) -> str:
    """The text of the tool results since the last user message, one per line."""
    texts: list[str] = []
    for message in reversed(messages):
        if message.get("role") == "user":
            break
        if message.get("role") == "tool":
            texts.append(message_text(message.get("content")))
    return "\n".join(reversed(texts))


def uncalled_tools(
    messages: Sequence[Mapping[str, Any]], tools: Sequence[Mapping[str, Any]]
) -> list[Mapping[str, Any]]:
    """The offered tools not called since the last user message, in the order offered."""
    called: set[str] = set()
    for message in reversed(messages):
        if message.get("role") == "user":
            break
        for call in message.get("tool_calls") or []:
            if isinstance(call, Mapping) and isinstance(call.get("function"), Mapping):
                called.add(str(call["function"].get("name", "")))
    return [tool for tool in tools if tool_name(tool) not in called]


def tool_results_answer(messages: Sequence[Mapping[str, Any]]) -> str:
    """Text that quotes the trailing tool results, naming the tool each came from."""
    names: dict[str, str] = {}
    for message in messages:
        for call in message.get("tool_calls") or []:
            if isinstance(call, Mapping):
                function = call.get("function") or {}
                names[str(call.get("id"))] = str(function.get("name", "tool"))
    results = [
        f"{names.get(str(m.get('tool_call_id')), 'the tool')} returned "
        f"{message_text(m.get('content'))}"
        for m in _trailing_results(messages)
    ]
    return "Based on the tool results: " + "; ".join(results) + "."

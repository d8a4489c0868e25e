"""The plain-query parser: constraint words in a sentence become constraints.

``parse_query("a cheap vision model with tools, at least 128k context, under $1/M")`` finds the
image input, the ``tools`` parameter, the 128,000-token minimum, the price ceiling and the
price sort; what is left (words about the task) goes to the ranking.

Understood (case-insensitive; plural forms too), and what each sets:

* vision, multimodal, image input, see/read images: ``input_modalities`` += ``image``
* audio, speech, voice / video / pdf, files: ``input_modalities`` += ``audio`` / ``video`` /
  ``file``
* image generation, generate images, image output, text-to-image: ``output_modalities`` +=
  ``image``
* tools, tool calling/use, function calling, call tools: ``supported_parameters`` += ``tools``
* structured output(s), json schema: ``supported_parameters`` += ``structured_outputs``
* json, json mode: ``supported_parameters`` += ``response_format``
* reasoning, reasoner, thinking: ``supported_parameters`` += ``reasoning``
* free, no cost: ``free_only``; open weights, open source: ``open_weights``
* 128k, 1m, 200k context, 100,000 tokens, at least 32k: ``min_context_length``
* under / below / less than / at most / max / up to / <= $1/M (per million): ``max_prompt_price``
  in USD per million tokens; followed by "output" or "completion": ``max_completion_price``
* cheap, cheapest, budget, inexpensive, low cost: ``sort="price"``
* newest, latest, most recent: ``sort="newest"``
* long, longest, largest, biggest context: ``sort="context_length"``

A word right after no, not, non-, without or never sets nothing ("without tools" cannot be a
constraint) and does not rank either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from langchain_openrouter.retrievers.ranking import tokenize

__all__ = ["ParsedQuery", "parse_query"]

_FLAGS = re.IGNORECASE


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _FLAGS)


# (pattern, field, value): list fields collect values, others are set.
_RULES: list[tuple[re.Pattern[str], str, Any]] = [
    (
        re.compile(
            r"\b(?:image|picture|photo|screenshot)s? (?:generation|output)s?\b"
            r"|\bgenerates? (?:images?|pictures?)\b|\btext[- ]to[- ]image\b",
            _FLAGS,
        ),
        "output_modalities",
        "image",
    ),
    (
        re.compile(
            r"\bvision\b|\bmultimodal\b|\b(?:image|picture|photo|screenshot)s?(?: inputs?)?\b"
            r"|\b(?:see|read|understand|look at)s? (?:images?|pictures?|photos?|screenshots?)\b",
            _FLAGS,
        ),
        "input_modalities",
        "image",
    ),
    (
        re.compile(r"\baudio(?: inputs?)?\b|\bspeech\b|\bvoice\b", _FLAGS),
        "input_modalities",
        "audio",
    ),
    (re.compile(r"\bvideos?(?: inputs?)?\b", _FLAGS), "input_modalities", "video"),
    (
        re.compile(r"\bpdfs?\b|\bfiles?(?: inputs?)?\b|\bdocuments? input\b", _FLAGS),
        "input_modalities",
        "file",
    ),
    (
        re.compile(r"\bstructured[- ]outputs?\b|\bjson[- ]schemas?\b|\bstructured json\b", _FLAGS),
        "supported_parameters",
        "structured_outputs",
    ),
    (re.compile(r"\bjson(?: mode| output)?\b", _FLAGS), "supported_parameters", "response_format"),
    (
        re.compile(
            r"\b(?:tool|function)[- ](?:calling|calls?|use|using)\b|\btools?\b"
            r"|\bcall(?:s|ing)? (?:tools?|functions?)\b",
            _FLAGS,
        ),
        "supported_parameters",
        "tools",
    ),
    (
        re.compile(r"\breason(?:ing|er|s)?\b|\bthinking\b|\bthinks?\b", _FLAGS),
        "supported_parameters",
        "reasoning",
    ),
    (re.compile(r"\bopen[- ](?:weights?|source)\b", _FLAGS), "open_weights", True),
    (re.compile(r"\bfree\b|\bno[- ]cost\b|\$0\b", _FLAGS), "free_only", True),
    (
        _re(r"\bcheap(?:est|er)?\b|\bbudget\b|\binexpensive\b|\blow(?:est)?[- ](?:cost|price)\b"),
        "sort",
        "price",
    ),
    (re.compile(r"\bnewest\b|\blatest\b|\bmost recent\b|\brecent\b", _FLAGS), "sort", "newest"),
    (
        re.compile(r"\b(?:longest|largest|biggest|longer|largest|huge|long)[- ]context\b", _FLAGS),
        "sort",
        "context_length",
    ),
]

_PRICE = re.compile(
    r"(?:\bunder|\bbelow|\bless than|\bat most|\bmax(?:imum)?|\bup to|<=?|≤)\s*"
    r"\$\s*(?P<amount>\d+(?:\.\d+)?)\s*(?:/\s*m(?:illion)?\b|\s*per\s*(?:1\s*)?m(?:illion)?\b"
    r"|/\s*1m\b|/\s*mtok\b)?(?:\s*(?:tokens?))?(?:\s*(?P<side>input|prompt|output|completion))?",
    _FLAGS,
)
_CONTEXT = re.compile(
    r"(?:\b(?:at least|min(?:imum)?|over|more than|>=?)\s*)?"
    r"\b(?P<number>\d+(?:[.,]\d+)*)(?:(?P<unit>k|m)\b)?(?P<plus>\+)?"
    r"(?:\s*(?:tokens?|context(?: window| length)?|ctx))?",
    _FLAGS,
)
_CONTEXT_HINT = re.compile(r"tokens?|context|ctx", _FLAGS)
_NEGATION = re.compile(r"\b(?:no|not|non|without|never)[\s-]*$", _FLAGS)


@dataclass
class ParsedQuery:
    """What the parser took from a query.

    Attributes:
        terms: The ranking tokens left once the constraint words are removed.
        constraints: Constraint field -> value (list fields hold the values to add).
        understood: The matched phrases, in query order, each with what it set; this goes to
            every result's ``metadata["retrieval"]["understood"]``.
    """

    terms: list[str] = field(default_factory=list)
    constraints: dict[str, Any] = field(default_factory=dict)
    understood: list[dict[str, Any]] = field(default_factory=list)


def _add(parsed: ParsedQuery, phrase: str, name: str, value: Any, start: int) -> None:
    if name in ("supported_parameters", "input_modalities", "output_modalities"):
        values = parsed.constraints.setdefault(name, [])
        if value not in values:
            values.append(value)
    elif name in ("max_prompt_price", "max_completion_price", "min_context_length") and (
        name in parsed.constraints
    ):
        keep = max if name == "min_context_length" else min
        value = keep(parsed.constraints[name], value)
        parsed.constraints[name] = value
    else:
        parsed.constraints[name] = value
    parsed.understood.append({"phrase": phrase.strip(), name: _plain(value), "at": start})


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def _blank(text: str, match: re.Match[str]) -> str:
    return text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]


def parse_query(query: str) -> ParsedQuery:
    """Split a plain-language query into constraints and ranking terms.

    Args:
        query: Any sentence, e.g. ``"free reasoning model with 128k context"``.

    Returns:
        The :class:`ParsedQuery`; a query with no constraint words gives only terms.

    Example:
        >>> parsed = parse_query("cheap vision model with tools under $1/M for coding")
        >>> parsed.constraints["max_prompt_price"], parsed.constraints["sort"], parsed.terms
        (Decimal('1'), 'price', ['coding'])
    """
    parsed = ParsedQuery()
    text = query
    for match in list(_PRICE.finditer(text)):
        side = (match.group("side") or "").lower()
        name = "max_completion_price" if side in ("output", "completion") else "max_prompt_price"
        _add(parsed, match.group(0), name, Decimal(match.group("amount")), match.start())
        text = _blank(text, match)
    for match in list(_CONTEXT.finditer(text)):
        number = float(match.group("number").replace(",", ""))
        unit = (match.group("unit") or "").lower()
        if not unit and not _CONTEXT_HINT.search(match.group(0)):
            continue
        tokens = int(number * {"k": 1_000, "m": 1_000_000}.get(unit, 1))
        if tokens < 1_000:
            continue
        _add(parsed, match.group(0), "min_context_length", tokens, match.start())
        text = _blank(text, match)
    for pattern, name, value in _RULES:
        for match in list(pattern.finditer(text)):
            negation = _NEGATION.search(text, 0, match.start())
            if negation is not None:
                # "without reasoning": the sentence rules the thing out, and a constraint
                # can only demand it, so neither the word nor its negation is used.
                text = _blank(text, negation)
            else:
                _add(parsed, match.group(0), name, value, match.start())
            text = _blank(text, match)
    parsed.understood.sort(key=lambda item: item.pop("at"))
    parsed.terms = [t for t in tokenize(text) if t not in _FILLER]
    return parsed


# Words of constraint phrases that carry no ranking signal once the phrase is taken.
_FILLER = frozenset(
    {"at", "least", "context", "window", "length", "token", "under", "over", "than", "less"}
    | {"more", "per", "million", "price", "support", "supporting", "supports", "input", "output"}
)

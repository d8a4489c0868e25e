"""Okapi BM25 over the catalog: tokenised once per catalog version, scored per query.

Each model is one document made of weighted fields: its id and name (counted three times, since
a query naming a model should find it first), its tags (twice: author, tokenizer, modalities,
capabilities) and its description (once). This is BM25F in its simplest form, field weights
as repeated terms.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["BM25Index", "model_tags", "tokenize"]

# Letters and digits; a dotted version ("4.1", "2.5") stays one token.
_TOKEN = re.compile(r"[a-z]+|[0-9]+(?:\.[0-9]+)*")
_STOPWORDS = frozenset(
    {"a", "an", "and", "any", "are", "as", "at", "be", "best", "by", "can", "could", "for"}
    | {"from", "good", "i", "in", "is", "it", "its", "me", "model", "my", "need", "of", "on"}
    | {"one", "or", "some", "that", "the", "this", "to", "use", "want", "which", "with"}
)
K1 = 1.2
B = 0.75
_FIELD_WEIGHTS = (("id", 3), ("name", 3), ("tags", 2), ("description", 1))
# Added, times the share of a model's slug tokens the query names: "gpt 5" names all of
# openai/gpt-5 but two thirds of openai/gpt-5-mini, so the exact model comes first.
SLUG_BONUS = 2.0
_NONE: dict[int, float] = {}


def _normalise(token: str) -> str | None:
    """The index form of a raw token: ``None`` for a stopword, else the plural "s" folded."""
    if token in _STOPWORDS:
        return None
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


# Raw token -> index form. Catalog vocabularies are small (a few thousand words), and the
# lookup is what makes tokenising 500 models fast; the cap bounds memory on odd input.
_FORMS: dict[str, str | None] = {}
_FORMS_CAP = 200_000


def tokenize(text: str) -> list[str]:
    """Lower-case word and number tokens, stopwords dropped, plurals folded.

    Letters and digits split apart (``gpt4o`` is ``gpt``, ``4``, ``o``), so ``gpt-4o``,
    ``GPT 4o`` and ``gpt4o`` give the same tokens.

    Example:
        >>> tokenize("openai/gpt-4.1-mini: tools and images")
        ['openai', 'gpt', '4.1', 'mini', 'tool', 'image']
    """
    raws = _TOKEN.findall(text.lower())
    if not _FORMS.keys() >= set(raws):
        if len(_FORMS) > _FORMS_CAP:
            _FORMS.clear()
        for raw in raws:
            if raw not in _FORMS:
                _FORMS[raw] = _normalise(raw)
    # C-level map and filter: stopwords map to None and drop out.
    return list(filter(None, map(_FORMS.get, raws)))


def model_tags(model: dict[str, Any]) -> list[str]:
    """Words that describe a model's kind beyond its text: author, tokenizer, capabilities."""
    architecture = model.get("architecture") or {}
    tags = [str(model.get("id", "")).split("/", 1)[0], str(architecture.get("tokenizer") or "")]
    inputs = architecture.get("input_modalities") or []
    outputs = architecture.get("output_modalities") or []
    tags += [f"{m} input" for m in inputs if m != "text"]
    tags += [f"{m} output" for m in outputs if m != "text"]
    if "image" in inputs:
        tags.append("vision multimodal")
    params = model.get("supported_parameters") or []
    if "tools" in params:
        tags.append("tool calling function calling agent")
    if "reasoning" in params:
        tags.append("reasoning thinking")
    if "structured_outputs" in params:
        tags.append("structured output json schema")
    if model.get("hugging_face_id"):
        tags.append("open weights open source")
    if str(model.get("id", "")).endswith(":free"):
        tags.append("free")
    return tags


# Tag phrase -> its tokens: tags come from a small vocabulary, so each is tokenised once.
_TAG_TOKENS: dict[str, list[str]] = {}


def _tag_tokens(tags: list[str]) -> list[str]:
    out: list[str] = []
    for tag in tags:
        tokens = _TAG_TOKENS.get(tag)
        if tokens is None:
            tokens = tokenize(tag)
            if len(_TAG_TOKENS) < _FORMS_CAP:
                _TAG_TOKENS[tag] = tokens
        out += tokens
    return out


def _document(model: dict[str, Any]) -> dict[str, int]:
    """Term -> weighted count over the model's fields (id, name, tags, description)."""
    weights = dict(_FIELD_WEIGHTS)
    tokens = (
        tokenize(str(model.get("id", ""))) * weights["id"]
        + tokenize(str(model.get("name", ""))) * weights["name"]
        + _tag_tokens(model_tags(model)) * weights["tags"]
        + tokenize(str(model.get("description") or "")) * weights["description"]
    )
    return Counter(tokens)


class BM25Index:
    """An inverted index of per-term BM25 weights, built once for a catalog.

    The weight of a (term, model) pair does not depend on the query, so it is computed at build
    time; a query sums the weights of its terms over their postings.

    Example:
        >>> index = BM25Index([{"id": "a/fast-coder"}, {"id": "b/slow-poet"}])
        >>> {position: round(score, 2) for position, score in index.scores(["coder"]).items()}
        {0: 2.16}
    """

    def __init__(self, models: Sequence[dict[str, Any]]) -> None:
        documents = [_document(m) for m in models]
        lengths = [sum(d.values()) for d in documents]
        self.size = size = len(documents)
        average = (sum(lengths) / size) if size else 1.0
        frequency: Counter[str] = Counter()
        for document in documents:
            frequency.update(document.keys())
        idf = {t: math.log(1 + (size - n + 0.5) / (n + 0.5)) for t, n in frequency.items()}
        postings: dict[str, dict[int, float]] = {t: {} for t in frequency}
        boost = K1 + 1
        for position, (document, length) in enumerate(zip(documents, lengths, strict=True)):
            norm = K1 * (1 - B + B * length / average)
            for term, tf in document.items():
                postings[term][position] = idf[term] * tf * boost / (tf + norm)
        self.postings = postings
        # term -> {position: its share of the bonus}: each slug token carries 1/len(slug).
        slug_shares: dict[str, dict[int, float]] = {}
        for position, model in enumerate(models):
            slug = set(tokenize(str(model.get("id", "")).split("/", 1)[-1].split(":")[0]))
            for term in slug:
                slug_shares.setdefault(term, {})[position] = SLUG_BONUS / len(slug)
        self.slug_shares = slug_shares

    def scores(self, terms: Iterable[str]) -> dict[int, float]:
        """BM25 score of every model that matches at least one term, by catalog position.

        A model whose slug tokens the query names gets :data:`SLUG_BONUS` times the share
        named on top.
        """
        out: dict[int, float] = {}
        get = out.get
        for term, count in Counter(terms).items():
            for position, weight in self.postings.get(term, _NONE).items():
                out[position] = get(position, 0.0) + weight * count
            for position, share in self.slug_shares.get(term, _NONE).items():
                out[position] += share  # a slug token is in the model's text: out has it
        return out

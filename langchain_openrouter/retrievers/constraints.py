"""Hard constraints on catalog models: the typed options, and the precomputed facts they test.

Prices are USD per million tokens, the unit people compare models in; the catalog's per-token
decimal strings are converted exactly with ``Decimal`` (``"0.00000015"`` is ``0.15``).
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from langchain_openrouter._checks import check_choices
from langchain_openrouter.platform.models import INPUT_MODALITIES, OUTPUT_MODALITIES

__all__ = [
    "Candidates",
    "FilterIndex",
    "ModelFacts",
    "SearchOptions",
    "SortKey",
    "per_million",
    "served_by",
]

SortKey = Literal["relevance", "price", "context_length", "newest"]
MILLION = Decimal(1_000_000)


def per_million(price: Any) -> Decimal | None:
    """A per-token price string as USD per million tokens; ``None`` if absent or variable.

    Router models price ``"-1"`` (variable): no fixed price, so never "under $X".

    Example:
        >>> per_million("0.00000015")
        Decimal('0.15000000')
    """
    if price is None:
        return None
    try:
        value = Decimal(str(price))
    except InvalidOperation:
        return None
    if value < 0 or not value.is_finite():
        return None
    return value * MILLION


class SearchOptions(BaseModel):
    """The constraints, sort and size of one search (the retriever's fields, or a call's)."""

    model_config = ConfigDict(extra="forbid")

    k: int = Field(default=4, ge=1)
    """How many models to return."""

    sort: SortKey = "relevance"
    """``relevance`` (default), ``price`` (cheapest first, prompt then completion price),
    ``context_length`` (largest first) or ``newest`` (most recently added first)."""

    supported_parameters: list[str] = Field(default_factory=list)
    """Request parameters every result must support, e.g. ``["tools", "structured_outputs"]``."""

    input_modalities: list[str] = Field(default_factory=list)
    """Inputs every result must take: ``text``, ``image``, ``file``, ``audio``, ``video``."""

    output_modalities: list[str] = Field(default_factory=list)
    """Outputs every result must produce: ``text``, ``image``, ``audio``, ``embeddings`` ..."""

    min_context_length: int | None = Field(default=None, ge=0)
    """Smallest acceptable context window, in tokens."""

    max_prompt_price: Decimal | None = Field(default=None, ge=0)
    """Highest acceptable input price, USD per million tokens."""

    max_completion_price: Decimal | None = Field(default=None, ge=0)
    """Highest acceptable output price, USD per million tokens."""

    free_only: bool = False
    """Only models whose prompt and completion prices are both zero."""

    open_weights: bool = False
    """Only models with published weights (a Hugging Face id in the catalog)."""

    authors: list[str] = Field(default_factory=list)
    """Only these authors (the id's prefix, e.g. ``["openai", "anthropic"]``)."""

    exclude_authors: list[str] = Field(default_factory=list)
    """Never these authors."""

    providers: list[str] = Field(default_factory=list)
    """Only models served by at least one of these provider slugs (e.g. ``["groq"]``)."""

    exclude_providers: list[str] = Field(default_factory=list)
    """Only models served by at least one provider not in this list."""

    include_deprecated: bool = False
    """Keep models with an ``expiration_date`` that has not passed yet (expired ones never)."""

    @field_validator("max_prompt_price", "max_completion_price", mode="before")
    @classmethod
    def _exact_price(cls, value: Any) -> Any:
        # Through str, so 0.1 is Decimal("0.1"), not 0.1000000000000000055511151231257827.
        return Decimal(str(value)) if isinstance(value, float) else value

    @field_validator(
        "supported_parameters",
        "input_modalities",
        "output_modalities",
        "authors",
        "exclude_authors",
        "providers",
        "exclude_providers",
        mode="before",
    )
    @classmethod
    def _listify(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [value]
        if isinstance(value, (list, tuple)):
            # The catalog's ids, slugs, modalities and parameters are all lower case: "OpenAI"
            # or "Image" would otherwise match nothing and silently empty the results.
            return [item.strip().lower() if isinstance(item, str) else item for item in value]
        return value

    @field_validator("input_modalities", "output_modalities", mode="after")
    @classmethod
    def _known_modalities(cls, value: list[str], info: ValidationInfo) -> list[str]:
        # A misspelt modality ("imagez") matches no model: an empty answer that looks real.
        allowed = INPUT_MODALITIES if info.field_name == "input_modalities" else OUTPUT_MODALITIES
        return check_choices(value, str(info.field_name), allowed)


@dataclass(frozen=True)
class ModelFacts:
    """What the constraints and sorts test about one model, computed once per catalog version."""

    position: int
    id: str
    author: str
    parameters: frozenset[str]
    inputs: frozenset[str]
    outputs: frozenset[str]
    context_length: int
    prompt_price: Decimal | None
    completion_price: Decimal | None
    created: int
    open_weights: bool
    expiration: datetime.date | None

    @property
    def free(self) -> bool:
        """Both prices are zero."""
        return self.prompt_price == 0 and self.completion_price == 0

    @classmethod
    def of(cls, position: int, model: dict[str, Any]) -> ModelFacts:
        """The facts of a catalog model object (``GET /models`` shape)."""
        architecture = model.get("architecture") or {}
        pricing = model.get("pricing") or {}
        top = model.get("top_provider") or {}
        model_id = str(model.get("id", ""))
        return cls(
            position=position,
            id=model_id,
            author=model_id.split("/", 1)[0],
            parameters=frozenset(model.get("supported_parameters") or ()),
            inputs=frozenset(architecture.get("input_modalities") or ()),
            outputs=frozenset(architecture.get("output_modalities") or ()),
            context_length=int(model.get("context_length") or top.get("context_length") or 0),
            prompt_price=per_million(pricing.get("prompt")),
            completion_price=per_million(pricing.get("completion")),
            created=int(model.get("created") or 0),
            open_weights=bool(model.get("hugging_face_id")),
            expiration=_date(model.get("expiration_date")),
        )


def _date(value: Any) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def served_by(providers: Sequence[str], options: SearchOptions) -> bool:
    """Whether a model served by ``providers`` meets the provider constraints."""
    if options.providers and not set(providers) & set(options.providers):
        return False
    if options.exclude_providers:
        return bool(set(providers) - set(options.exclude_providers))
    return True


class Candidates:
    """A set of catalog positions as a bit mask (bit ``i``: the model at position ``i``)."""

    def __init__(self, mask: int, facts: Sequence[ModelFacts]) -> None:
        self.mask = mask
        self.facts = facts
        self._bits = bin(mask)[:1:-1]  # bit i is character i

    def __contains__(self, position: object) -> bool:
        return (
            isinstance(position, int)
            and 0 <= position < len(self._bits)
            and (self._bits[position] == "1")
        )

    def __bool__(self) -> bool:
        return self.mask != 0

    def among(self, positions: Iterable[int]) -> list[int]:
        """The given positions that are candidates, in the given order."""
        bits = self._bits
        size = len(bits)
        return [p for p in positions if p < size and bits[p] == "1"]

    def positions(self) -> Iterator[int]:
        """The positions, in catalog order (``str.find`` skips the gaps in C)."""
        bits = self._bits
        position = bits.find("1")
        while position != -1:
            yield position
            position = bits.find("1", position + 1)

    def keep(self, predicate: Callable[[ModelFacts], bool]) -> Candidates:
        """The candidates whose facts pass ``predicate``."""
        mask = self.mask
        for position in self.positions():
            if not predicate(self.facts[position]):
                mask &= ~(1 << position)
        return Candidates(mask, self.facts)


class FilterIndex:
    """Bit masks over catalog positions for every constraint, built once per catalog version.

    Set constraints (parameters, modalities, authors, free, open weights) are one mask per
    value; limits (context, prices) are masks of the models under each threshold, found by
    bisection. A search ANDs a handful of integers and checks expiration dates only on the few
    models that have one.
    """

    def __init__(self, facts: Sequence[ModelFacts]) -> None:
        self.facts = facts
        self.everything = (1 << len(facts)) - 1
        self.parameters: dict[str, int] = {}
        self.inputs: dict[str, int] = {}
        self.outputs: dict[str, int] = {}
        self.authors: dict[str, int] = {}
        self.free = self.open_weights = self.dated = 0
        for f in facts:
            bit = 1 << f.position
            for name in f.parameters:
                self.parameters[name] = self.parameters.get(name, 0) | bit
            for name in f.inputs:
                self.inputs[name] = self.inputs.get(name, 0) | bit
            for name in f.outputs:
                self.outputs[name] = self.outputs.get(name, 0) | bit
            self.authors[f.author] = self.authors.get(f.author, 0) | bit
            if f.free:
                self.free |= bit
            if f.open_weights:
                self.open_weights |= bit
            if f.expiration is not None:
                self.dated |= bit
        self.contexts, self.context_masks = _threshold_masks(
            [(f.context_length, f.position) for f in facts], at_least=True
        )
        self.prompts, self.prompt_masks = _threshold_masks(
            [(f.prompt_price, f.position) for f in facts if f.prompt_price is not None]
        )
        self.completions, self.completion_masks = _threshold_masks(
            [(f.completion_price, f.position) for f in facts if f.completion_price is not None]
        )

    def select(self, options: SearchOptions, today: datetime.date) -> Candidates:
        """The models that meet every constraint except the provider ones."""
        mask = self.everything
        for name in options.supported_parameters:
            mask &= self.parameters.get(name, 0)
        for name in options.input_modalities:
            mask &= self.inputs.get(name, 0)
        for name in options.output_modalities:
            mask &= self.outputs.get(name, 0)
        if options.free_only:
            mask &= self.free
        if options.open_weights:
            mask &= self.open_weights
        if options.authors:
            mask &= _union(self.authors, options.authors)
        if options.exclude_authors:
            mask &= ~_union(self.authors, options.exclude_authors)
        if options.min_context_length:
            mask &= self.context_masks[
                bisect.bisect_left(self.contexts, options.min_context_length)
            ]
        if options.max_prompt_price is not None:
            mask &= self.prompt_masks[bisect.bisect_right(self.prompts, options.max_prompt_price)]
        if options.max_completion_price is not None:
            limit = options.max_completion_price
            mask &= self.completion_masks[bisect.bisect_right(self.completions, limit)]
        candidates = Candidates(mask, self.facts)
        if mask & self.dated:
            dated = Candidates(mask & self.dated, self.facts)
            for position in dated.positions():
                expiration = self.facts[position].expiration
                if expiration is None or expiration <= today or not options.include_deprecated:
                    mask &= ~(1 << position)
            candidates = Candidates(mask, self.facts)
        return candidates


def _threshold_masks(
    pairs: list[tuple[Any, int]], *, at_least: bool = False
) -> tuple[list[Any], list[int]]:
    """Sorted values and, for each cut ``i``, the mask of the models a limit there keeps.

    For a maximum (``at_least=False``) mask ``i`` holds the ``i`` smallest values (so
    ``bisect_right(values, limit)`` picks it); for a minimum it holds all but the ``i``
    smallest (``bisect_left(values, minimum)``).
    """
    pairs.sort()
    values = [value for value, _ in pairs]
    masks = [0] * (len(pairs) + 1)
    if at_least:
        for i in range(len(pairs) - 1, -1, -1):
            masks[i] = masks[i + 1] | (1 << pairs[i][1])
    else:
        for i, (_, position) in enumerate(pairs):
            masks[i + 1] = masks[i] | (1 << position)
    return values, masks


def _union(masks: dict[str, int], names: Sequence[str]) -> int:
    out = 0
    for name in names:
        out |= masks.get(name, 0)
    return out

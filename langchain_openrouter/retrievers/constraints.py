"""Hard constraints on catalog models: the typed options, and the precomputed facts they test.

Prices are USD per million tokens, the unit people compare models in; the catalog's per-token
decimal strings are converted exactly with ``Decimal`` (``"0.00000015"`` is ``0.15``).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = ["FilterIndex", "ModelFacts", "SearchOptions", "SortKey", "per_million", "served_by"]

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
            return [value]
        return value


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

    def passes(self, options: SearchOptions, today: datetime.date) -> bool:
        """Whether this model meets every constraint except the provider ones."""
        if self.expiration is not None and (
            self.expiration <= today or not options.include_deprecated
        ):
            return False
        if options.supported_parameters and not self.parameters.issuperset(
            options.supported_parameters
        ):
            return False
        if options.input_modalities and not self.inputs.issuperset(options.input_modalities):
            return False
        if options.output_modalities and not self.outputs.issuperset(options.output_modalities):
            return False
        if options.min_context_length and self.context_length < options.min_context_length:
            return False
        if options.free_only and not self.free:
            return False
        if options.open_weights and not self.open_weights:
            return False
        if not _under(self.prompt_price, options.max_prompt_price):
            return False
        if not _under(self.completion_price, options.max_completion_price):
            return False
        if options.authors and self.author not in options.authors:
            return False
        return not (options.exclude_authors and self.author in options.exclude_authors)


def _under(price: Decimal | None, limit: Decimal | None) -> bool:
    return limit is None or (price is not None and price <= limit)


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


class FilterIndex:
    """Bit masks over catalog positions, one per value a set constraint tests (built once).

    Bit ``i`` of a mask stands for the model at position ``i``; a search ANDs the masks of its
    constraints and then checks the numeric limits only on the models left.
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

    def select(self, options: SearchOptions, today: datetime.date) -> list[ModelFacts]:
        """The models that meet every constraint except the provider ones, in catalog order."""
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
        numeric = (
            options.min_context_length
            or options.max_prompt_price is not None
            or options.max_completion_price is not None
        )
        out = []
        bits = bin(mask)[:1:-1]
        for position, bit in enumerate(bits):
            if bit != "1":
                continue
            facts = self.facts[position]
            if (numeric or facts.expiration is not None) and not facts.passes(options, today):
                continue
            out.append(facts)
        return out


def _union(masks: dict[str, int], names: Sequence[str]) -> int:
    out = 0
    for name in names:
        out |= masks.get(name, 0)
    return out

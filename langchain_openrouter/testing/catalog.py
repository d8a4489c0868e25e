"""The emulator's built-in model catalog, providers and endpoints.

Values are modelled on OpenRouter's catalog (``samples/models_list_excerpt.json``): ids, names,
context lengths, string prices per token, modalities, supported parameters, tokenizers and
reasoning metadata. Prices are illustrative, not current.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from importlib import resources
from typing import Any

__all__ = [
    "CATALOG",
    "PROVIDERS",
    "VARIANTS",
    "Catalog",
    "CatalogModel",
    "Provider",
    "scaled_catalog",
]

# Authors whose models cache long prompt prefixes without cache_control breakpoints.
IMPLICIT_CACHING_AUTHORS = ("openai", "deepseek", "google")
# Model-id suffixes that change routing, not the model (``:free`` ids are catalog entries).
VARIANTS = ("thinking", "online", "nitro", "floor", "exacto", "extended")

_NULL_DEFAULTS: dict[str, Any] = {
    "temperature": None,
    "top_p": None,
    "top_k": None,
    "frequency_penalty": None,
    "presence_penalty": None,
    "repetition_penalty": None,
}


@dataclass(frozen=True)
class Provider:
    """One upstream provider (``GET /providers``)."""

    slug: str
    name: str
    headquarters: str | None
    datacenters: tuple[str, ...]
    privacy_policy_url: str
    terms_of_service_url: str
    status_page_url: str | None = None
    zdr: bool = False

    def wire(self) -> dict[str, Any]:
        """The JSON object ``GET /providers`` lists."""
        return {
            "name": self.name,
            "slug": self.slug,
            "privacy_policy_url": self.privacy_policy_url,
            "terms_of_service_url": self.terms_of_service_url,
            "status_page_url": self.status_page_url,
            "headquarters": self.headquarters,
            "datacenters": list(self.datacenters),
        }


def _provider(
    slug: str, name: str, hq: str, dcs: str, site: str, status: str | None, zdr: bool = False
) -> Provider:
    return Provider(
        slug,
        name,
        hq,
        tuple(dcs.split()),
        f"https://{site}/privacy",
        f"https://{site}/terms",
        status,
        zdr,
    )


PROVIDERS: dict[str, Provider] = {
    p.slug: p
    for p in (
        _provider("openai", "OpenAI", "US", "US", "openai.com", "https://status.openai.com/", True),
        _provider("azure", "Azure", "US", "US SE", "azure.microsoft.com", None, True),
        _provider(
            "anthropic", "Anthropic", "US", "US", "anthropic.com", "https://status.anthropic.com/"
        ),
        _provider("amazon-bedrock", "Amazon Bedrock", "US", "US", "aws.amazon.com", None, True),
        _provider("google-vertex", "Google", "US", "US EU", "cloud.google.com", None, True),
        _provider("google-ai-studio", "Google AI Studio", "US", "US", "ai.google.dev", None),
        _provider("deepinfra", "DeepInfra", "US", "US", "deepinfra.com", None, True),
        _provider("together", "Together", "US", "US", "together.ai", None, True),
        _provider("fireworks", "Fireworks", "US", "US", "fireworks.ai", None, True),
        _provider("groq", "Groq", "US", "US", "groq.com", "https://groqstatus.com/"),
        _provider("mistral", "Mistral", "FR", "FR SE", "mistral.ai", "https://status.mistral.ai/"),
        _provider("xai", "xAI", "US", "US", "x.ai", "https://status.x.ai/"),
        _provider("deepseek", "DeepSeek", "CN", "CN", "deepseek.com", None),
        _provider("chutes", "Chutes", "US", "US", "chutes.ai", None),
        _provider("minimax", "Minimax", "SG", "SG", "minimax.io", None),
        _provider("moonshotai", "Moonshot AI", "CN", "CN", "moonshot.ai", None),
        _provider("nebius", "Nebius", "NL", "FI NL US", "nebius.com", None, True),
        _provider("cohere", "Cohere", "CA", "US", "cohere.com", "https://status.cohere.com/"),
        _provider("openrouter", "OpenRouter", "US", "US", "openrouter.ai", None),
        _provider("alibaba", "Alibaba", "CN", "CN SG", "alibabacloud.com", None),
        _provider("z-ai", "Z.AI", "CN", "CN SG", "z.ai", None),
        _provider("perplexity", "Perplexity", "US", "US", "perplexity.ai", None),
        _provider("jina", "Jina AI", "DE", "US DE", "jina.ai", None),
    )
}


@dataclass(frozen=True)
class CatalogModel:
    """One catalog entry, plus what the emulator needs to serve it.

    Attributes:
        id: Routable id (``author/slug`` or ``author/slug:free``).
        providers: Provider slugs serving it; the first one serves the emulator's answers.
        reasoning: The catalog ``reasoning`` object, for reasoning models.
        reasoning_format: ``format`` of its ``reasoning_details`` (``anthropic-claude-v1``...).
        dimensions: Vector size, for embedding models.
        response_model: The id answers carry in ``model`` (Anthropic's dated permaslugs).
        expiration_date: ``YYYY-MM-DD`` after which OpenRouter may remove the model.
    """

    id: str
    name: str
    created: int
    description: str
    context_length: int | None
    max_completion_tokens: int | None
    pricing: Mapping[str, Any]
    input_modalities: tuple[str, ...]
    output_modalities: tuple[str, ...]
    tokenizer: str
    supported_parameters: tuple[str, ...]
    providers: tuple[str, ...]
    canonical_slug: str = ""
    hugging_face_id: str = ""
    instruct_type: str | None = None
    is_moderated: bool = False
    knowledge_cutoff: str | None = None
    reasoning: Mapping[str, Any] | None = None
    reasoning_format: str | None = None
    default_parameters: Mapping[str, Any] = field(default_factory=lambda: dict(_NULL_DEFAULTS))
    dimensions: int | None = None
    response_model: str | None = None
    expiration_date: str | None = None

    @property
    def slug(self) -> str:
        """The canonical slug (the id when none is set)."""
        return self.canonical_slug or self.id.split(":")[0]

    @property
    def served_as(self) -> str:
        """The ``model`` value of responses."""
        return self.response_model or self.id

    @property
    def author(self) -> str:
        """The ``author`` part of the id."""
        return self.id.split("/", 1)[0]

    @property
    def is_embedding(self) -> bool:
        """Whether this is an embeddings model."""
        return "embeddings" in self.output_modalities

    @property
    def is_rerank(self) -> bool:
        """Whether this is a rerank model (output modality ``rerank``, reference §7.2)."""
        return "rerank" in self.output_modalities

    @property
    def modality(self) -> str:
        """The ``architecture.modality`` string, e.g. ``text+image->text``."""
        order = ("text", "image", "file", "audio", "video", "embeddings", "rerank")
        ins = "+".join(m for m in order if m in self.input_modalities)
        outs = "+".join(m for m in order if m in self.output_modalities)
        return f"{ins}->{outs}"

    def architecture(self) -> dict[str, Any]:
        """The ``architecture`` object."""
        return {
            "modality": self.modality,
            "input_modalities": list(self.input_modalities),
            "output_modalities": list(self.output_modalities),
            "tokenizer": self.tokenizer,
            "instruct_type": self.instruct_type,
        }

    def wire(self) -> dict[str, Any]:
        """The model object of ``GET /models``."""
        data: dict[str, Any] = {
            "id": self.id,
            "canonical_slug": self.slug,
            "hugging_face_id": self.hugging_face_id,
            "name": self.name,
            "created": self.created,
            "description": self.description,
            "context_length": self.context_length,
            "architecture": self.architecture(),
            "pricing": dict(self.pricing),
            "top_provider": {
                "context_length": self.context_length,
                "max_completion_tokens": self.max_completion_tokens,
                "is_moderated": self.is_moderated,
            },
            "per_request_limits": None,
            "supported_parameters": list(self.supported_parameters),
            "default_parameters": dict(self.default_parameters),
            "supported_voices": None,
            "knowledge_cutoff": self.knowledge_cutoff,
            "expiration_date": self.expiration_date,
            "links": {"details": f"/api/v1/models/{self.slug}/endpoints"},
        }
        if self.reasoning is not None:
            data["reasoning"] = dict(self.reasoning)
        return data

    def endpoint(self, provider_slug: str, *, authenticated: bool = True) -> dict[str, Any]:
        """One ``PublicEndpoint`` object of this model on ``provider_slug``."""
        provider = PROVIDERS[provider_slug]
        rank = self.providers.index(provider_slug) if provider_slug in self.providers else 0
        seed = int(hashlib.sha256(f"{self.id}|{provider_slug}".encode()).hexdigest()[:6], 16)
        p50 = 300.0 + seed % 700
        tps = 40.0 + seed % 120
        pricing = dict(self.pricing)
        pricing.setdefault("discount", 0)
        return {
            "name": f"{provider.name} | {self.slug}",
            "model_id": self.slug,
            "model_name": self.name,
            "context_length": self.context_length,
            "pricing": pricing,
            "provider_name": provider.name,
            "tag": provider_slug,
            "quantization": None if self.author in _CLOSED_AUTHORS else "fp8",
            "max_completion_tokens": self.max_completion_tokens,
            "max_prompt_tokens": None,
            "supported_parameters": list(self.supported_parameters),
            "status": 0 if rank < 2 else -2,
            "uptime_last_30m": 100.0 - rank * 0.7,
            "uptime_last_5m": 100.0,
            "uptime_last_1d": 99.9 - rank * 0.4,
            "supports_implicit_caching": self.author in IMPLICIT_CACHING_AUTHORS,
            "latency_last_30m": _percentiles(p50, rising=True) if authenticated else None,
            "throughput_last_30m": _percentiles(tps, rising=False) if authenticated else None,
        }

    def endpoint_id(self) -> str:
        """A stable endpoint uuid for generation and activity records."""
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"openrouter-emulator:{self.id}"))


_CLOSED_AUTHORS = ("openai", "anthropic", "google", "x-ai", "cohere", "openrouter")


def _percentiles(p50: float, *, rising: bool) -> dict[str, float]:
    factors = (1.0, 1.3, 1.8, 3.9) if rising else (1.0, 0.88, 0.66, 0.33)
    keys = ("p50", "p75", "p90", "p99")
    return {k: round(p50 * f, 1) for k, f in zip(keys, factors, strict=False)}


def _load_models() -> tuple[CatalogModel, ...]:
    """The built-in models, from ``data/models.json`` (one object per model, defaults omitted)."""
    raw = (
        resources.files("langchain_openrouter.testing")
        .joinpath("data/models.json")
        .read_text(encoding="utf-8")
    )
    models = []
    for spec in json.loads(raw):
        fields: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in spec.items()
        }
        fields.setdefault("context_length", None)
        fields.setdefault("max_completion_tokens", None)
        models.append(CatalogModel(**fields))
    return tuple(models)


class Catalog:
    """Lookup over a tuple of :class:`CatalogModel`.

    Example:
        >>> CATALOG.resolve("anthropic/claude-sonnet-4.5:thinking")[1]
        ('thinking',)
    """

    def __init__(self, models: Iterable[CatalogModel]) -> None:
        self.models = tuple(models)
        self._by_id = {m.id: m for m in self.models}
        self._by_slug = {m.slug: m for m in self.models if ":" not in m.id}

    def get(self, model_id: str) -> CatalogModel | None:
        """The model with this exact id (or canonical slug), if any."""
        return self._by_id.get(model_id) or self._by_slug.get(model_id)

    def resolve(self, model_id: str) -> tuple[CatalogModel | None, tuple[str, ...]]:
        """The model an id routes to, and the routing variants it carries.

        ``author/slug:thinking:online`` resolves to ``author/slug`` with both variants;
        ``:free`` is part of the id of the free entries, not a variant.
        """
        model = self.get(model_id)
        if model is not None:
            return model, ()
        base, *suffixes = model_id.split(":")
        variants = tuple(s for s in suffixes if s in VARIANTS)
        rest = [s for s in suffixes if s not in VARIANTS]
        if not variants:
            return None, ()
        return self.get(":".join([base, *rest])), variants

    def chat_models(self) -> list[CatalogModel]:
        """Models that answer chat completions."""
        return [m for m in self.models if not m.is_embedding and not m.is_rerank]

    def rerank_models(self) -> list[CatalogModel]:
        """Models that answer ``/rerank``."""
        return [m for m in self.models if m.is_rerank]

    def embedding_models(self) -> list[CatalogModel]:
        """Models that answer ``/embeddings``."""
        return [m for m in self.models if m.is_embedding]

    def filtered(
        self,
        output_modalities: str | None,
        supported_parameters: str | None,
        input_modalities: str | None = None,
    ) -> list[CatalogModel]:
        """The models ``GET /models`` lists for these query values."""
        wanted_out = _split(output_modalities) or ["text"]
        wanted_params = _split(supported_parameters)
        wanted_in = _split(input_modalities)
        out = []
        for model in self.models:
            if "all" not in wanted_out and not set(wanted_out) & set(model.output_modalities):
                continue
            if not set(wanted_params) <= set(model.supported_parameters):
                continue
            if not set(wanted_in) <= set(model.input_modalities):
                continue
            out.append(model)
        return out


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


CATALOG = Catalog(_load_models())


_SYNTHETIC_AUTHORS = (
    "acme-ai", "borealis", "cirrus", "deltalabs", "ember", "fjord", "granite", "helix",
    "ionic", "juniper", "kestrel", "lumen", "meridian", "nimbus", "orbital", "prism",
)  # fmt: skip
_SYNTHETIC_SKILLS = (
    "coding and code review", "creative writing and roleplay", "multilingual translation",
    "math and science", "customer support chat", "legal and finance documents",
    "summarising long reports", "agentic tool use", "data extraction to JSON",
    "medical question answering", "tutoring and education", "SQL generation",
)  # fmt: skip


def scaled_catalog(size: int, *, seed: int = 0) -> Catalog:
    """The built-in catalog grown to ``size`` models with synthetic-but-plausible entries.

    Each synthetic model copies the capabilities of a built-in chat model (modalities,
    supported parameters, reasoning, tokenizer, providers) under a new author and name, with
    its own description, context length, prices and date, all drawn from a ``seed``-ed random
    generator: the same arguments always give the same catalog. For benchmarks and load tests
    (``OpenRouterEmulator(catalog=scaled_catalog(500))``).

    Args:
        size: Total number of models; below the built-in count, the first ``size`` built-in
            models.
        seed: Seed of the generator.

    Returns:
        A new :class:`Catalog`.

    Example:
        >>> len(scaled_catalog(500).models), scaled_catalog(500).models[-1].id
        (500, 'deltalabs/deltalabs-instruct-32b-v499')
    """
    import random

    rng = random.Random(seed)  # noqa: S311 (reproducible test data, not secrets)
    templates = CATALOG.chat_models()
    models = list(CATALOG.models)
    for n in range(len(models), size):
        base = templates[rng.randrange(len(templates))]
        author = _SYNTHETIC_AUTHORS[n % len(_SYNTHETIC_AUTHORS)]
        family = rng.choice(("chat", "instruct", "coder", "vision", "reasoner", "lite", "pro"))
        params_b = rng.choice((3, 8, 14, 32, 70, 120, 235, 405))
        skill, other = rng.sample(_SYNTHETIC_SKILLS, 2)
        prompt = Decimal(rng.choice((0, 2, 5, 10, 15, 30, 60, 100, 150, 300, 1250, 3000)))
        prompt_per_token = prompt / Decimal(100_000_000)
        completion_per_token = prompt_per_token * rng.choice((2, 3, 4, 5, 8))
        context = rng.choice((8192, 32768, 65536, 131072, 200000, 262144, 1048576))
        model_id = f"{author}/{author}-{family}-{params_b}b-v{n}"
        models.append(
            replace(
                base,
                id=model_id,
                name=f"{author.title()}: {family.title()} {params_b}B v{n}",
                created=1_700_000_000 + rng.randrange(60_000_000),
                description=(
                    f"A {params_b}B-parameter {family} model from {author.title()}, tuned for "
                    f"{skill}; also good at {other}."
                ),
                context_length=context,
                max_completion_tokens=min(context, rng.choice((4096, 16384, 32768, 65536))),
                pricing={
                    "prompt": format(prompt_per_token.normalize(), "f"),
                    "completion": format(completion_per_token.normalize(), "f"),
                },
                canonical_slug="",
                hugging_face_id=f"{author}/{family}-{params_b}b" if rng.random() < 0.5 else "",
                response_model=None,
            )
        )
    return Catalog(models[: max(size, 0)])

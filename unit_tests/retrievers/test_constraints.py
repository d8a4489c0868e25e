"""Every hard constraint, every sort, per-call overrides and their validation."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from langchain_openrouter.retrievers.constraints import per_million
from unit_tests.retrievers.conftest import model

TODAY = datetime.datetime.now(datetime.timezone.utc).date()

CATALOG = [
    model(
        "acme/vision-pro",
        prompt="0.000003",
        completion="0.000015",
        context=200_000,
        inputs=("text", "image", "file"),
        params=("tools", "tool_choice", "structured_outputs", "response_format", "reasoning"),
        created=1_750_000_000,
        description="A flagship multimodal model.",
    ),
    model(
        "acme/tiny",
        prompt="0.0000001",
        completion="0.0000004",
        context=32_768,
        params=("tools",),
        created=1_740_000_000,
        description="Small and fast.",
        hugging_face_id="acme/tiny",
    ),
    model(
        "bolt/long-reader",
        prompt="0.0000005",
        completion="0.0000015",
        context=1_000_000,
        inputs=("text", "audio", "video"),
        params=("response_format",),
        created=1_760_000_000,
        description="Reads very long documents.",
    ),
    model("bolt/free-chat:free", prompt="0", completion="0", context=65_536, created=1_730_000_000),
    model(
        "corvid/painter",
        prompt="0.000001",
        completion="0.00004",
        context=32_768,
        inputs=("text", "image"),
        outputs=("text", "image"),
        created=1_755_000_000,
    ),
    model(
        "openrouter/auto", prompt="-1", completion="-1", context=2_000_000, created=1_699_000_000
    ),
    model(
        "dusk/sunset",
        expiration=(TODAY + datetime.timedelta(days=30)).isoformat(),
        created=1_745_000_000,
    ),
    model(
        "dusk/gone",
        expiration=(TODAY - datetime.timedelta(days=1)).isoformat(),
        created=1_746_000_000,
    ),
]
LIVE = {m["id"] for m in CATALOG} - {"dusk/sunset", "dusk/gone"}


def ids(retriever: Any, query: str = "", **kwargs: Any) -> list[str]:
    return [d.metadata["id"] for d in retriever.invoke(query, k=20, **kwargs)]


@pytest.fixture
def retriever(over_models: Any) -> Any:
    return over_models(CATALOG)[0]


def test_no_constraint_lists_every_live_model(retriever: Any) -> None:
    assert set(ids(retriever)) == LIVE


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"supported_parameters": ["tools"]}, {"acme/vision-pro", "acme/tiny"}),
        ({"supported_parameters": ["tools", "reasoning"]}, {"acme/vision-pro"}),
        ({"supported_parameters": "response_format"}, {"acme/vision-pro", "bolt/long-reader"}),
        ({"input_modalities": ["image"]}, {"acme/vision-pro", "corvid/painter"}),
        ({"input_modalities": ["audio", "video"]}, {"bolt/long-reader"}),
        ({"input_modalities": ["file"]}, {"acme/vision-pro"}),
        ({"output_modalities": ["image"]}, {"corvid/painter"}),
        (
            {"min_context_length": 200_000},
            {"acme/vision-pro", "bolt/long-reader", "openrouter/auto"},
        ),
        ({"max_prompt_price": 0.5}, {"acme/tiny", "bolt/long-reader", "bolt/free-chat:free"}),
        ({"max_prompt_price": "0.1"}, {"acme/tiny", "bolt/free-chat:free"}),
        ({"max_completion_price": Decimal(15)}, LIVE - {"corvid/painter", "openrouter/auto"}),
        ({"free_only": True}, {"bolt/free-chat:free"}),
        ({"open_weights": True}, {"acme/tiny"}),
        ({"authors": ["acme"]}, {"acme/vision-pro", "acme/tiny"}),
        # Catalog ids, slugs, modalities and parameters are lower case; "Acme" means acme.
        ({"authors": ["Acme "]}, {"acme/vision-pro", "acme/tiny"}),
        ({"input_modalities": "Image", "supported_parameters": ["TOOLS"]}, {"acme/vision-pro"}),
        ({"exclude_authors": ["acme", "bolt"]}, {"corvid/painter", "openrouter/auto"}),
        ({"include_deprecated": True}, LIVE | {"dusk/sunset"}),
    ],
)
def test_each_constraint(retriever: Any, options: dict[str, Any], expected: set[str]) -> None:
    assert set(ids(retriever, **options)) == expected


def test_constraints_combine(retriever: Any) -> None:
    got = ids(retriever, supported_parameters=["tools"], max_prompt_price=1, min_context_length=1)
    assert got == ["acme/tiny"]


def test_variable_prices_never_pass_a_price_limit(retriever: Any) -> None:
    assert "openrouter/auto" not in ids(retriever, max_prompt_price=1000)
    assert "openrouter/auto" not in ids(retriever, free_only=True)


def test_constraints_set_on_the_retriever(over_models: Any) -> None:
    retriever, _ = over_models(CATALOG, free_only=True, k=5)
    assert ids(retriever) == ["bolt/free-chat:free"]
    # a call can loosen what the fields set
    assert len(ids(retriever, free_only=False)) == len(LIVE)


def test_providers_include_and_exclude(over_models: Any) -> None:
    retriever, server = over_models(CATALOG)
    server.providers = {
        "acme/vision-pro": ["openai", "azure"],
        "acme/tiny": ["groq"],
        "bolt/long-reader": ["google-vertex/global"],
    }
    assert set(ids(retriever, providers=["groq", "google-vertex"])) == {
        "acme/tiny",
        "bolt/long-reader",
    }
    # models served only by excluded providers (or by none) drop out
    assert set(ids(retriever, exclude_providers=["groq", "openai"])) == {
        "acme/vision-pro",
        "bolt/long-reader",
    }
    endpoint_requests = [r for r in server.requests if r.url.path.endswith("/endpoints")]
    assert len(endpoint_requests) == len(LIVE)  # each model looked up once, then cached


async def test_providers_async(over_models: Any) -> None:
    retriever, server = over_models(CATALOG)
    server.providers = {"acme/tiny": ["groq"]}
    docs = await retriever.ainvoke("", providers=["groq"])
    assert [d.metadata["id"] for d in docs] == ["acme/tiny"]
    docs = await retriever.ainvoke("", providers=["Groq"])
    assert [d.metadata["id"] for d in docs] == ["acme/tiny"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (
            "price",
            [
                "bolt/free-chat:free",
                "acme/tiny",
                "bolt/long-reader",
                "corvid/painter",
                "acme/vision-pro",
                "openrouter/auto",
            ],
        ),
        (
            "context_length",
            [
                "openrouter/auto",
                "bolt/long-reader",
                "acme/vision-pro",
                "bolt/free-chat:free",
                "acme/tiny",
                "corvid/painter",
            ],
        ),
        (
            "newest",
            [
                "bolt/long-reader",
                "corvid/painter",
                "acme/vision-pro",
                "acme/tiny",
                "bolt/free-chat:free",
                "openrouter/auto",
            ],
        ),
    ],
)
def test_sorts(retriever: Any, sort: str, expected: list[str]) -> None:
    assert ids(retriever, sort=sort) == expected


def test_relevance_sort_ranks_matching_models_first(retriever: Any) -> None:
    assert ids(retriever, "long documents")[0] == "bolt/long-reader"
    assert ids(retriever, "multimodal flagship")[0] == "acme/vision-pro"


def test_k(retriever: Any) -> None:
    assert len(retriever.invoke("", k=2)) == 2
    with pytest.raises(ValidationError, match="k"):
        retriever.invoke("", k=0)


def test_bad_options_fail_before_any_request(over_models: Any) -> None:
    retriever, server = over_models(CATALOG)
    with pytest.raises(TypeError, match=r"unknown search option\(s\) \['max_price'\]"):
        retriever.invoke("x", max_price=1)
    with pytest.raises(ValidationError, match="sort"):
        retriever.invoke("x", sort="cheapest")
    with pytest.raises(ValidationError, match="max_prompt_price"):
        retriever.invoke("x", max_prompt_price=-1)
    assert server.requests == []
    with pytest.raises(ValidationError, match="min_context_lenght"):
        over_models(CATALOG, min_context_lenght=5)


def test_prices_convert_exactly() -> None:
    assert per_million("0.00000015") == Decimal("0.15")
    assert per_million("0.000000078") == Decimal("0.078")
    assert per_million("0") == 0
    assert per_million("-1") is None
    assert per_million(None) is None
    assert per_million("n/a") is None


def test_a_float_limit_is_read_as_written(over_models: Any) -> None:
    # 0.1 as a binary float is a hair above 0.1; read through str, the limit is exactly 0.1.
    edge = model("edge/one", prompt="0.0000001")
    retriever, _ = over_models([edge])
    assert retriever.max_prompt_price is None
    assert ids(retriever, max_prompt_price=0.1) == ["edge/one"]
    assert ids(retriever, max_prompt_price=0.09) == []

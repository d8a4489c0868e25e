"""Retrievers over the in-process emulator, or over a catalog given as plain dicts."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import httpx
import pytest

from langchain_openrouter.retrievers import OpenRouterModelRetriever, clear_catalog_cache
from langchain_openrouter.testing import OpenRouterEmulator

MakeRetriever = Callable[..., OpenRouterModelRetriever]


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # The catalog cache is process-wide by design; each test starts from an empty one.
    clear_catalog_cache()
    yield
    clear_catalog_cache()


@pytest.fixture(scope="module")
def emulator() -> OpenRouterEmulator:
    return OpenRouterEmulator()


@pytest.fixture
def over_emulator(emulator: OpenRouterEmulator) -> MakeRetriever:
    """A retriever factory whose catalog is the emulator's."""

    def make(**kwargs: Any) -> OpenRouterModelRetriever:
        params: dict[str, Any] = {
            "api_key": emulator.api_key,
            "base_url": emulator.base_url,
            "http_client": emulator.client(),
            "http_async_client": emulator.async_client(),
        }
        return OpenRouterModelRetriever(**{**params, **kwargs})

    return make


class CatalogServer:
    """An httpx transport serving ``models`` as ``GET /models``; counts the requests."""

    def __init__(self, models: Sequence[dict[str, Any]]) -> None:
        self.models = list(models)
        self.requests: list[httpx.Request] = []
        self.providers: dict[str, list[str]] = {}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path.removeprefix("/api/v1")
        if path.endswith("/endpoints"):
            model_id = path.removeprefix("/models/").removesuffix("/endpoints")
            if model_id not in self.providers:
                return httpx.Response(404, json={"error": {"code": 404, "message": "no model"}})
            endpoints = [{"tag": slug} for slug in self.providers[model_id]]
            return httpx.Response(200, json={"data": {"id": model_id, "endpoints": endpoints}})
        return httpx.Response(200, content=json.dumps({"data": self.models}).encode())


@pytest.fixture
def over_models() -> Callable[..., tuple[OpenRouterModelRetriever, CatalogServer]]:
    """``make(models, **fields)``: a retriever over a catalog of plain dicts, and its server."""

    def make(
        models: Sequence[dict[str, Any]], **kwargs: Any
    ) -> tuple[OpenRouterModelRetriever, CatalogServer]:
        server = CatalogServer(models)
        transport = httpx.MockTransport(server)
        retriever = OpenRouterModelRetriever(
            api_key="sk-or-test",
            base_url=kwargs.pop("base_url", "https://catalog.test/api/v1"),
            http_client=httpx.Client(transport=transport),
            http_async_client=httpx.AsyncClient(transport=transport),
            **kwargs,
        )
        return retriever, server

    return make


def model(
    model_id: str,
    *,
    prompt: str = "0.000001",
    completion: str = "0.000002",
    context: int = 128_000,
    inputs: Sequence[str] = ("text",),
    outputs: Sequence[str] = ("text",),
    params: Sequence[str] = (),
    created: int = 1_700_000_000,
    description: str = "",
    expiration: str | None = None,
    hugging_face_id: str = "",
) -> dict[str, Any]:
    """A catalog model object in the shape of ``GET /models``."""
    return {
        "id": model_id,
        "canonical_slug": model_id,
        "hugging_face_id": hugging_face_id,
        "name": model_id.split("/", 1)[1].replace("-", " ").title(),
        "created": created,
        "description": description,
        "context_length": context,
        "architecture": {
            "modality": "+".join(inputs) + "->" + "+".join(outputs),
            "input_modalities": list(inputs),
            "output_modalities": list(outputs),
            "tokenizer": "Other",
            "instruct_type": None,
        },
        "pricing": {"prompt": prompt, "completion": completion},
        "top_provider": {
            "context_length": context,
            "max_completion_tokens": None,
            "is_moderated": False,
        },
        "per_request_limits": None,
        "supported_parameters": list(params),
        "default_parameters": {},
        "expiration_date": expiration,
    }

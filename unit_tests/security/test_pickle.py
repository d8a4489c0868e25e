"""A pickle carries no key and no client: the copy reads the key from the environment."""

from __future__ import annotations

import pickle

import httpx
import pytest
from pydantic import SecretStr

from langchain_openrouter import (
    ChatOpenRouter,
    OpenRouterEmbeddings,
    OpenRouterModelRetriever,
    OpenRouterRerank,
)
from unit_tests.samples import load_json

KEY = "sk-or-v1-CANARY" + "d" * 49
ENV_KEY = "sk-or-v1-CANARY" + "e" * 49


@pytest.mark.parametrize(
    "build",
    [
        lambda: ChatOpenRouter(model="openai/gpt-4o-mini", api_key=KEY),
        lambda: OpenRouterEmbeddings(model="openai/text-embedding-3-small", api_key=KEY),
        lambda: OpenRouterRerank(model="cohere/rerank-v3.5", api_key=KEY),
        lambda: OpenRouterModelRetriever(api_key=KEY),
    ],
)
def test_the_pickle_has_no_key(build: object) -> None:
    obj = build()  # type: ignore[operator]
    data = pickle.dumps(obj)
    assert KEY.encode() not in data
    copy = pickle.loads(data)
    assert type(copy) is type(obj)
    assert copy.openrouter_api_key is None
    assert obj.openrouter_api_key.get_secret_value() == KEY


def test_a_used_model_pickles_and_the_copy_takes_the_key_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.headers["Authorization"])
        return httpx.Response(200, json=load_json("chat_completion_basic.json"))

    llm = ChatOpenRouter(model="openai/gpt-4o-mini", api_key=KEY, max_retries=0)
    llm.sync_client._transport = httpx.MockTransport(handler)
    llm.invoke("hi")
    data = pickle.dumps(llm)
    assert KEY.encode() not in data
    monkeypatch.setenv("OPENROUTER_API_KEY", ENV_KEY)
    copy = pickle.loads(data)
    assert copy.model_name == "openai/gpt-4o-mini"
    copy.sync_client._transport = httpx.MockTransport(handler)
    copy.invoke("hi")
    assert sent == [f"Bearer {KEY}", f"Bearer {ENV_KEY}"]
    llm.sync_client.close()
    copy.sync_client.close()


def test_a_copy_with_another_key_sends_that_key() -> None:
    llm = ChatOpenRouter(model="openai/gpt-4o-mini", api_key=KEY)
    assert llm.sync_client.config.auth_header() == f"Bearer {KEY}"
    other = llm.model_copy(update={"openrouter_api_key": SecretStr(ENV_KEY)})
    assert other.sync_client.config.auth_header() == f"Bearer {ENV_KEY}"
    assert llm.sync_client.config.auth_header() == f"Bearer {KEY}"
    # Every copy builds its own pools: closing one never closes the other's.
    same = llm.model_copy(update={"temperature": 0.5})
    assert same.sync_client is not llm.sync_client
    assert same.sync_client.config.auth_header() == f"Bearer {KEY}"
    for model in (llm, other, same):
        model.close()

"""TypedDicts with ``NotRequired`` / ``Required`` keys work as tools and structured output.

``NotRequired[...]`` is the usual way to mark an optional TypedDict key, but LangChain's
``convert_to_openai_function`` fails on it (``NotRequired accepts only a single type``), so
``with_structured_output`` and ``bind_tools`` refused such a class with "schema must be a
pydantic class, a TypedDict, ..." although it is one. The class is now read with pydantic's
TypedDict support, keeping the key optional.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from typing_extensions import NotRequired, Required, TypedDict

from langchain_openrouter.testing import OpenRouterEmulator


class Movie(TypedDict):
    """A movie named in the text."""

    title: str
    year: NotRequired[int]


class Film(TypedDict, total=False):
    """A film named in the text."""

    title: Required[str]
    year: int


@pytest.mark.parametrize("schema", [Movie, Film])
@pytest.mark.parametrize("method", ["function_calling", "json_schema"])
def test_structured_output_reads_not_required_keys(schema: Any, method: str) -> None:
    emu = OpenRouterEmulator()
    llm = emu.chat_model("openai/gpt-4o-mini")
    answer = llm.with_structured_output(schema, method=method).invoke("Titanic, 1997")
    assert isinstance(answer, dict)
    assert answer["title"]
    body = json.loads(emu.requests[-1].body)
    if method == "json_schema":
        sent = body["response_format"]["json_schema"]
        assert sent["name"] == schema.__name__
        # strict (the default for json_schema): every key listed, the optional one nullable
        assert sent["schema"]["required"] == ["title", "year"]
        assert sent["schema"]["properties"]["year"]["type"] == ["integer", "null"]
    else:
        function = body["tools"][0]["function"]
        assert function["name"] == schema.__name__
        assert function["description"] == schema.__doc__
        assert function["parameters"]["required"] == ["title"]
        assert function["parameters"]["properties"]["year"]["type"] == "integer"


def test_bind_tools_reads_not_required_keys() -> None:
    emu = OpenRouterEmulator()
    llm = emu.chat_model("openai/gpt-4o-mini").bind_tools([Movie], tool_choice="Movie")
    call = llm.invoke("Titanic")
    assert call.tool_calls[0]["name"] == "Movie"
    function = json.loads(emu.requests[-1].body)["tools"][0]["function"]
    assert function["parameters"]["required"] == ["title"]
    assert set(function["parameters"]["properties"]) == {"title", "year"}


class _Options(BaseCallbackHandler):
    def __init__(self) -> None:
        self.options: list[dict[str, Any] | None] = []

    def on_chat_model_start(
        self, serialized: Any, messages: Any, *, options: dict[str, Any] | None = None, **_: Any
    ) -> None:
        self.options.append(options)


def test_the_schema_is_traced() -> None:
    """LangChain's tracing gets a schema it can read: the function description sent."""
    llm = OpenRouterEmulator().chat_model("openai/gpt-4o-mini")
    seen = _Options()
    llm.with_structured_output(Movie).invoke("Titanic", config={"callbacks": [seen]})
    (options,) = seen.options
    assert options is not None
    traced = options["ls_structured_output_format"]["schema"]
    assert traced["title"] == "Movie"
    assert traced["required"] == ["title"]

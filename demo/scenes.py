"""The demo's seven scenes, each a few calls of the package's public API.

Each scene takes the console and the :class:`~demo.backend.Backend`, prints what it did and
returns what it found (the tests read both). Against the emulator, two scenes script the
emulator's answer (a reasoning model's thoughts, the fallback model's greeting) and one injects
a fault; every such answer is labelled as the emulator's.

Example:
    .. code-block:: python

        with open_backend() as backend, get_openrouter_callback() as cb:
            for scene in SCENES:
                scene(console, backend)
            show_costs(console, backend, cb)
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from langchain.agents import create_agent
from langchain_core.documents import Document
from langchain_core.messages import AIMessageChunk, BaseMessageChunk, HumanMessage
from langchain_core.vectorstores import InMemoryVectorStore
from pydantic import BaseModel, Field
from rich.console import Console, Group
from rich.text import Text

from demo.backend import Backend
from demo.budget import CHAT_MAX_TOKENS, REASONING_MAX_TOKENS
from demo.render import AgentTranscript, answer_panel, live, money, scene_heading, table
from demo.tools import TOOLS
from langchain_openrouter import (
    ChatOpenRouter,
    OpenRouterCostCallbackHandler,
    OpenRouterEmbeddings,
    OpenRouterModelRetriever,
    get_credits,
    get_key_info,
)
from langchain_openrouter.errors import PermissionDeniedError

__all__ = [
    "SCENES",
    "Contact",
    "agent_with_tools",
    "embeddings_search",
    "pick_model",
    "reasoning",
    "routing_fallback",
    "show_costs",
    "structured_output",
]

MODEL_QUERY = "cheap, tools, 64k+ context"
AGENT_QUESTION = 'Use the calculator on "1234 * 5678", then convert 42 km to mi.'
CONTACT_TEXT = "Ada Lovelace is 36 and lives in London."
REASONING_QUESTION = "Is 391 a prime number?"
ROUTING_PROMPT = "Say hello in one short sentence."
DOCUMENTS = (
    "Bananas are rich in potassium and easy to digest.",
    "The Eiffel Tower in Paris is 330 metres tall.",
    "Python is a programming language with a large standard library.",
    "OpenRouter routes one API to hundreds of language models.",
    "A marathon is 42.195 kilometres long.",
    "Spinach and lentils are good sources of iron.",
)
SEARCH_QUERY = "Which fruit is rich in potassium?"


def _per_million(price: Any) -> str:
    value = Decimal(str(price))
    return "variable" if value < 0 else money(value * 1_000_000)


def pick_model(console: Console, backend: Backend) -> list[Document]:
    """Scene 1: find models for a task in the catalog, as a table."""
    scene_heading(
        console,
        1,
        "Picking a model",
        f"OpenRouterModelRetriever reads {MODEL_QUERY!r} as constraints (sort by price, tool "
        "calling, at least 64,000 tokens of context) and ranks the catalog.",
    )
    with (
        OpenRouterModelRetriever(k=5, **backend.connection()) as retriever,
        console.status("Reading the model catalog…"),
    ):
        docs = retriever.invoke(MODEL_QUERY)
    understood = "; ".join(
        ", ".join(f"{key}={value}" for key, value in item.items() if key != "phrase")
        for item in docs[0].metadata["retrieval"]["understood"]
    )
    catalog = "the emulator's built-in catalog" if backend.is_emulator else "OpenRouter's catalog"
    rows = [
        (
            rank,
            doc.metadata["id"],
            f"{doc.metadata['context_length']:,}",
            _per_million(doc.metadata["pricing"]["prompt"]),
            _per_million(doc.metadata["pricing"]["completion"]),
        )
        for rank, doc in enumerate(docs, 1)
    ]
    console.print(
        table(
            f"Top {len(docs)} in {catalog}",
            ["#", "model", ("context", "right"), ("input $/M", "right"), ("output $/M", "right")],
            rows,
            caption=f"understood: {understood}",
        )
    )
    console.print(
        Text(
            f"The next scenes use {backend.models.chat}, a paid model that is steady with tools.",
            style="dim",
        )
    )
    return docs


def agent_with_tools(console: Console, backend: Backend) -> AgentTranscript:
    """Scene 2: a LangChain agent with two real tools, its stream shown live."""
    scene_heading(
        console,
        2,
        "An agent with tools",
        "langchain.agents.create_agent runs the loop: the model asks for tools, the tools "
        "compute, the model answers. Tokens and tool calls appear as they stream.",
    )
    console.print(Text(f"question: {AGENT_QUESTION}", style="bold"))
    model = backend.models.chat
    transcript = AgentTranscript()
    with ChatOpenRouter(model=model, max_tokens=CHAT_MAX_TOKENS, **backend.connection()) as llm:
        agent = create_agent(
            llm,
            tools=TOOLS,
            system_prompt="Use the tools for every number, then answer in one sentence.",
        )
        with live(console, answer_panel(transcript, backend.source(model))):
            question = HumanMessage(AGENT_QUESTION)
            for message, _ in agent.stream({"messages": [question]}, stream_mode="messages"):
                transcript.add(message)
    transcript.finish()
    return transcript


class Contact(BaseModel):
    """A contact card read from a sentence."""

    name: str = Field(description="The person's full name")
    age: int = Field(description="Age in years")
    city: str = Field(description="The city the person lives in")


def structured_output(console: Console, backend: Backend) -> Contact:
    """Scene 3: a sentence into a pydantic model."""
    scene_heading(
        console,
        3,
        "Structured output",
        "with_structured_output(Contact) sends the pydantic model as a JSON schema and returns "
        "a validated Contact instance.",
    )
    console.print(Text(f"text: {CONTACT_TEXT}", style="bold"))
    model = backend.models.chat
    with (
        ChatOpenRouter(model=model, max_tokens=CHAT_MAX_TOKENS, **backend.connection()) as llm,
        console.status("Asking for a Contact…"),
    ):
        contact = Contact.model_validate(llm.with_structured_output(Contact).invoke(CONTACT_TEXT))
    rows = [
        (name, repr(getattr(contact, name)), type(getattr(contact, name)).__name__)
        for name in Contact.model_fields
    ]
    console.print(
        answer_panel(table(None, ["field", "value", "type"], rows), backend.source(model))
    )
    return contact


def reasoning(console: Console, backend: Backend) -> tuple[str, str, int]:
    """Scene 4: a reasoning model's thinking, streamed apart from its answer.

    Returns:
        ``(reasoning text, answer, reasoning tokens)``.
    """
    scene_heading(
        console,
        4,
        "A reasoning model",
        "ChatOpenRouter keeps the reasoning out of the answer: it streams in "
        "additional_kwargs['reasoning'] (and content_blocks), the answer in content.",
    )
    model = backend.models.reasoning
    if backend.emulator is not None:
        backend.emulator.script(
            "No. 391 = 17 * 23, so it is not prime.",
            reasoning="391 is odd; its digits sum to 13, so 3 does not divide it. Primes up to "
            "√391 ≈ 19.8: 17 * 23 = 391.",
            model=model,
        )
    console.print(Text(f"question: {REASONING_QUESTION}", style="bold"))
    thoughts, answer = Text(style="italic"), Text()
    reply: BaseMessageChunk | None = None
    source = backend.source(model)

    def frame() -> Group:
        return Group(
            answer_panel(thoughts or Text("…"), f"reasoning · {source}", style="magenta"),
            answer_panel(answer or Text("…"), f"answer · {source}"),
        )

    with (
        ChatOpenRouter(
            model=model,
            reasoning={"effort": "low"},
            max_tokens=REASONING_MAX_TOKENS,
            **backend.connection(),
        ) as llm,
        live(console, frame()) as view,
    ):
        for chunk in llm.stream(REASONING_QUESTION):
            reply = chunk if reply is None else reply + chunk
            thoughts.append(str(chunk.additional_kwargs.get("reasoning") or ""))
            answer.append(chunk.content if isinstance(chunk.content, str) else "")
            view.update(frame())
    usage = reply.usage_metadata if isinstance(reply, AIMessageChunk) else None
    details = usage.get("output_token_details") if usage else None
    reasoning_tokens = details.get("reasoning", 0) if details else 0
    console.print(Text(f"{reasoning_tokens} reasoning tokens, billed as output", style="dim"))
    return thoughts.plain, answer.plain, reasoning_tokens


def routing_fallback(console: Console, backend: Backend) -> str:
    """Scene 5: a fallback list; the first model fails and the second answers.

    Returns:
        The model that served the answer, as OpenRouter names it.
    """
    first, second = backend.models.chat, backend.models.fallback
    scene_heading(
        console,
        5,
        "Routing with fallbacks",
        f"models=[{first!r}, {second!r}]: when the first model fails, OpenRouter serves the "
        "request with the next one, in the same call.",
    )
    if backend.emulator is not None:
        backend.emulator.faults.status(503, model=first)
        backend.emulator.script("Hello from the fallback model!", model=second)
        console.print(
            Text(
                f"The emulator is told to fail {first} once with a 503 (a fault injected for "
                "the demo; on the real service the first model usually answers).",
                style="dim",
            )
        )
    with (
        ChatOpenRouter(
            model=first, models=[first, second], max_tokens=CHAT_MAX_TOKENS, **backend.connection()
        ) as llm,
        console.status("Asking, with a fallback…"),
    ):
        reply = llm.invoke(ROUTING_PROMPT)
    served = str(reply.response_metadata.get("model_name"))
    provider = reply.response_metadata.get("provider")
    body = Group(Text(str(reply.content)), Text(f"served by {served} ({provider})", style="dim"))
    console.print(answer_panel(body, backend.source(served)))
    return served


def embeddings_search(console: Console, backend: Backend) -> list[tuple[Document, float]]:
    """Scene 6: semantic search over a few documents."""
    model = backend.models.embeddings
    scene_heading(
        console,
        6,
        "Embeddings and semantic search",
        f"OpenRouterEmbeddings ({model}) fills langchain_core's InMemoryVectorStore; the query "
        "finds the closest documents by cosine similarity.",
    )
    with OpenRouterEmbeddings(model=model, **backend.connection()) as embeddings:
        store = InMemoryVectorStore(embeddings)
        with console.status(f"Embedding {len(DOCUMENTS)} documents and the query…"):
            store.add_texts(list(DOCUMENTS))
            hits = store.similarity_search_with_score(SEARCH_QUERY, k=3)
    vectors = "the emulator's vectors" if backend.is_emulator else f"{model}'s vectors"
    console.print(Text(f"query: {SEARCH_QUERY}", style="bold"))
    console.print(
        table(
            f"Closest documents ({vectors})",
            ["#", ("similarity", "right"), "document"],
            [(rank, f"{score:.3f}", doc.page_content) for rank, (doc, score) in enumerate(hits, 1)],
        )
    )
    return hits


def show_costs(console: Console, backend: Backend, cb: OpenRouterCostCallbackHandler) -> None:
    """Scene 7: what the run cost, per model, and the credits left."""
    scene_heading(
        console,
        7,
        "What it cost",
        "get_openrouter_callback() added up every request above from OpenRouter's own "
        "usage.cost; get_credits() reads the balance.",
    )
    numbers = ("requests", "input", "cached", "output", "reasoning", "cost")
    rows: list[tuple[Any, ...]] = [
        (
            model,
            totals.requests,
            f"{totals.input_tokens:,}",
            f"{totals.cached_tokens:,}",
            f"{totals.output_tokens:,}",
            f"{totals.reasoning_tokens:,}",
            money(totals.cost),
        )
        for model, totals in cb.by_model.items()
    ]
    total = cb.totals
    rows.append(
        (
            Text("total", style="bold"),
            total.requests,
            f"{total.input_tokens:,}",
            f"{total.cached_tokens:,}",
            f"{total.output_tokens:,}",
            f"{total.reasoning_tokens:,}",
            Text(money(total.cost), style="bold"),
        )
    )
    account = "the emulator's account" if backend.is_emulator else "your account"
    console.print(
        table(
            f"Usage and cost ({account})",
            ["model", *((name, "right") for name in numbers)],
            rows,
        )
    )
    console.print(_credits_line(backend), soft_wrap=True)


def _credits_line(backend: Backend) -> str:
    try:
        credits = get_credits(**backend.management_connection())
    except PermissionDeniedError:
        # /credits takes a management key; an inference key can still report its own spend.
        key = get_key_info(**backend.connection())
        left = "no limit" if key.limit_remaining is None else money(key.limit_remaining)
        return (
            f"Credits: this key has spent {money(key.usage)} (limit left: {left}); the account "
            "balance needs a management key in OPENROUTER_PROVISIONING_KEY."
        )
    return (
        f"Credits left: {money(credits.balance)} "
        f"(bought {money(credits.total_credits)}, spent {money(credits.total_usage)})"
    )


SCENES: tuple[Callable[[Console, Backend], object], ...] = (
    pick_model,
    agent_with_tools,
    structured_output,
    reasoning,
    routing_fallback,
    embeddings_search,
)

"""The scripted model: a deterministic stand-in for the LLM behind every emulated completion.

Rules, first match wins (see ``docs/testing.md``):

1. A rule registered with :meth:`OpenRouterEmulator.script` whose ``model`` and ``when`` match.
2. ``tool_choice`` forces a function: call it, even after tool results. ``"required"``: call
   the tools the prompt asks for (else the first tool); after tool results, the asked-for tools
   not yet called since the last user message, else the last offered tool not yet called (the
   answer tool an agent framework appends, e.g. LangChain's ``ToolStrategy``), arguments from
   the prompt and the results; when every tool has been called, as before the results.
3. Tools are offered, no tool result is in yet, and the last user message names or asks for
   some: call each of them, arguments built from the tool's JSON schema and the prompt (``"add
   2 and 3"`` -> ``{"a": 2, "b": 3}``; ``"weather in Paris and London"`` -> two calls).
4. ``response_format`` ``json_schema``: JSON that validates against the schema, filled from the
   prompt (after a tool round, numbers from the results first, names from the prompt first);
   ``json_object``: an object with the keys the prompt names (``'setup' and 'punchline'
   keys``; see ``json_mode.py``), else ``{"response": <last user text>}``. This holds after
   tool results too.
5. The last message is a tool result and no format is asked: answer in text that quotes every
   result, so agents stop.
6. Otherwise: echo the last user message's text.

Then ``stop`` cuts the text at the first stop sequence and ``max_tokens`` truncates it
(``finish_reason: "length"``). Reasoning models (or a ``reasoning`` request) also return a short
deterministic reasoning text.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_openrouter import _tokens
from langchain_openrouter.testing.catalog import CatalogModel
from langchain_openrouter.testing.model.json_mode import json_object_answer
from langchain_openrouter.testing.model.prompt import Hints, last_user_text
from langchain_openrouter.testing.model.schema import instance_for
from langchain_openrouter.testing.model.tool_use import (
    IDS,
    ToolCall,
    calls_for,
    select_tools,
    tool_name,
    tool_results_answer,
    tool_results_text,
    uncalled_tools,
)

__all__ = [
    "TINY_PNG",
    "Choice",
    "Completion",
    "ModelInput",
    "ScriptRule",
    "ToolCall",
    "complete",
]

TINY_PNG = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQ"
    "DwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
IMAGE_TOKENS = 1290


@dataclass
class ScriptRule:
    """A scripted answer: what to reply when a request matches.

    Attributes:
        reply: Text content of the answer (``None``: the default behaviour's text).
        tool_calls: Tool calls to make: ``{"name": ..., "arguments": {...}}`` (arguments may be
            a dict or a JSON string; ``id`` optional).
        reasoning: Reasoning text to return (also on models without reasoning).
        model: Only for this model id (``None``: any model).
        when: Only when the last user message contains this text (case-insensitive).
        times: How many requests the rule answers; ``None`` for every request.
        finish_reason: Override the finish reason.
        images: Number of generated images to attach.
        refusal: A refusal string to return.
    """

    reply: str | None = None
    tool_calls: Sequence[Mapping[str, Any]] | None = None
    reasoning: str | None = None
    model: str | None = None
    when: str | None = None
    times: int | None = 1
    finish_reason: str | None = None
    images: int = 0
    refusal: str | None = None
    used: int = 0

    def matches(self, model_id: str, last_user: str) -> bool:
        """Whether this rule answers a request for ``model_id`` ending with ``last_user``."""
        if self.times is not None and self.used >= self.times:
            return False
        if (
            self.model is not None
            and self.model != model_id
            and self.model != model_id.split(":")[0]
        ):
            return False
        return self.when is None or self.when.lower() in last_user.lower()


@dataclass
class Choice:
    """One answer (``choices[i]``)."""

    content: str
    tool_calls: list[ToolCall] = field(default_factory=list)
    reasoning: str | None = None
    reasoning_details: list[dict[str, Any]] = field(default_factory=list)
    reasoning_tokens: int = 0
    images: list[dict[str, Any]] = field(default_factory=list)
    refusal: str | None = None
    finish_reason: str = "stop"
    native_finish_reason: str = "stop"
    annotations: list[dict[str, Any]] = field(default_factory=list)
    model_id: str | None = None
    """The model answering: its tokenizer counts the output (``_tokens.encoding_for_model``)."""

    def completion_tokens(self) -> int:
        """Tokens this choice produced (text, tool-call arguments, reasoning, images)."""
        model = self.model_id
        total = _tokens.count_tokens(self.content, model) + self.reasoning_tokens
        for call in self.tool_calls:
            total += (
                _tokens.count_tokens(call.name, model)
                + _tokens.count_tokens(call.arguments, model)
                + 3
            )
        return total + IMAGE_TOKENS * len(self.images)


@dataclass
class Completion:
    """The scripted model's whole answer."""

    choices: list[Choice]

    @property
    def completion_tokens(self) -> int:
        """Tokens across all choices."""
        return sum(c.completion_tokens() for c in self.choices)

    @property
    def reasoning_tokens(self) -> int:
        """Reasoning tokens across all choices."""
        return sum(c.reasoning_tokens for c in self.choices)

    @property
    def image_tokens(self) -> int:
        """Image tokens across all choices."""
        return sum(IMAGE_TOKENS * len(c.images) for c in self.choices)


@dataclass
class ModelInput:
    """What the scripted model reads from a request (already validated)."""

    model: CatalogModel
    messages: list[Mapping[str, Any]]
    tools: list[Mapping[str, Any]] = field(default_factory=list)
    server_tools: list[Mapping[str, Any]] = field(default_factory=list)
    tool_choice: Any = None
    parallel_tool_calls: bool = True
    response_format: Mapping[str, Any] | None = None
    stop: list[str] = field(default_factory=list)
    max_tokens: int | None = None
    n: int = 1
    reasoning: bool = False
    reasoning_excluded: bool = False
    reasoning_budget: int | None = None
    images: bool = False
    request_model: str = ""


_RULES_LOCK = threading.Lock()


def complete(request: ModelInput, rules: Sequence[ScriptRule]) -> Completion:
    """Answer ``request`` by the rules in this module's docstring.

    Args:
        request: The validated request.
        rules: Scripted rules, in registration order; a matching rule's use count goes up.

    Returns:
        ``request.n`` choices (identical: the model is deterministic).
    """
    prompt = last_user_text(request.messages)
    with _RULES_LOCK:  # concurrent requests must not both take a one-shot rule
        rule = next((r for r in rules if r.matches(request.request_model, prompt)), None)
        if rule is not None:
            rule.used += 1
    choices = [_choice(request, prompt, rule) for _ in range(max(1, request.n))]
    return Completion(choices)


def _choice(request: ModelInput, prompt: str, rule: ScriptRule | None) -> Choice:
    model = request.model
    calls: list[ToolCall] = []
    if rule is not None and rule.tool_calls:
        calls = [_scripted_call(model, c) for c in rule.tool_calls]
        text = rule.reply or ""
    elif rule is not None and rule.reply is not None:
        text = rule.reply
    else:
        text, calls = _default_answer(request, prompt)
    reasoning_text = rule.reasoning if rule is not None and rule.reasoning else None
    if reasoning_text is None and request.reasoning:
        reasoning_text = _reasoning_text(prompt, calls, request)
    choice = Choice(content=text, tool_calls=calls, model_id=model.id)
    if rule is not None and rule.refusal is not None:
        choice.refusal = rule.refusal
    image_count = rule.images if rule is not None and rule.images else int(request.images)
    choice.images = [
        {"type": "image_url", "image_url": {"url": TINY_PNG}, "index": i}
        for i in range(image_count)
    ]
    budget = request.max_tokens
    if reasoning_text:
        reasoning_tokens = _tokens.count_tokens(reasoning_text, model.id)
        limit = request.reasoning_budget
        if budget is not None:
            limit = min(limit, budget) if limit is not None else budget
        if limit is not None and reasoning_tokens > limit:
            reasoning_text = _tokens.truncate(reasoning_text, limit, model.id)
            reasoning_tokens = limit
        choice.reasoning_tokens = reasoning_tokens
        if budget is not None:
            budget = max(0, budget - reasoning_tokens)
        if not request.reasoning_excluded:
            choice.reasoning = reasoning_text
            choice.reasoning_details = reasoning_details(model, reasoning_text)
    finish = "tool_calls" if calls else "stop"
    stopped = _cut_at_stop(choice.content, request.stop)
    if stopped is not None:
        choice.content = stopped
    if budget is not None and _tokens.count_tokens(choice.content, model.id) > budget:
        choice.content = _tokens.truncate(choice.content, budget, model.id)
        finish = "length"
    if rule is not None and rule.finish_reason:
        finish = rule.finish_reason
    choice.finish_reason = finish
    choice.native_finish_reason = native_finish_reason(model, finish, stopped is not None)
    return choice


def _scripted_call(model: CatalogModel, spec: Mapping[str, Any]) -> ToolCall:
    arguments = spec.get("arguments", spec.get("args", {}))
    if not isinstance(arguments, str):
        arguments = json.dumps(arguments)
    name = str(spec["name"])
    return ToolCall(str(spec.get("id") or IDS.next(model, name)), name, arguments)


def _default_answer(request: ModelInput, prompt: str) -> tuple[str, list[ToolCall]]:
    messages = request.messages
    forced = _forced_tool(request)
    after_tools = bool(messages) and messages[-1].get("role") == "tool"
    hints = Hints.from_text(prompt)
    if after_tools:
        hints = hints.with_results(Hints.from_text(tool_results_text(messages)))
    if request.tools and (forced is not None or request.tool_choice == "required"):
        if forced is None and after_tools:
            following = _calls_after_results(request, prompt, hints)
            if following:
                return "", following
        chosen = [forced] if forced is not None else select_tools(prompt, request.tools)
        chosen = chosen or [request.tools[0]]
        if not request.parallel_tool_calls:
            chosen = chosen[:1]
        return "", calls_for(request.model, chosen, prompt, parallel=request.parallel_tool_calls)
    if not after_tools and request.tools and request.tool_choice != "none":
        chosen = select_tools(prompt, request.tools)
        if chosen:
            if not request.parallel_tool_calls:
                chosen = chosen[:1]
            return "", calls_for(
                request.model, chosen, prompt, parallel=request.parallel_tool_calls
            )
    fmt = request.response_format or {}
    if fmt.get("type") == "json_schema":
        spec = fmt.get("json_schema") or {}
        schema = spec.get("schema", {}) if isinstance(spec, Mapping) else {}
        return json.dumps(instance_for(schema, hints)), []
    if fmt.get("type") == "json_object":
        return json.dumps(json_object_answer(messages)), []
    if after_tools:
        return tool_results_answer(messages), []
    return prompt or _describe_media(messages), []


def _calls_after_results(request: ModelInput, prompt: str, hints: Hints) -> list[ToolCall]:
    """The next calls under ``tool_choice: "required"`` once tool results are in.

    First the tools the prompt asks for that have not been called since the last user message
    (the work is not done); else the last offered tool not yet called, with arguments from the
    prompt and the results: agent frameworks append their answer tool (LangChain's
    ``ToolStrategy`` structured-output tool) after the user's tools. Empty when every tool has
    been called.
    """
    uncalled = uncalled_tools(request.messages, request.tools)
    if not uncalled:
        return []
    pending = {id(tool) for tool in uncalled}
    asked = [tool for tool in select_tools(prompt, request.tools) if id(tool) in pending]
    if asked:
        if not request.parallel_tool_calls:
            asked = asked[:1]
        return calls_for(request.model, asked, prompt, parallel=request.parallel_tool_calls)
    return calls_for(request.model, [uncalled[-1]], prompt, parallel=False, hints=hints)


def _forced_tool(request: ModelInput) -> Mapping[str, Any] | None:
    choice = request.tool_choice
    if isinstance(choice, Mapping) and isinstance(choice.get("function"), Mapping):
        name = choice["function"].get("name")
        return next((t for t in request.tools if tool_name(t) == name), None)
    return None


def _describe_media(messages: Sequence[Mapping[str, Any]]) -> str:
    for message in reversed(messages):
        content = message.get("content")
        if message.get("role") == "user" and isinstance(content, list):
            kinds = [p.get("type", "part") for p in content if isinstance(p, Mapping)]
            return f"I received {len(kinds)} attachment(s): {', '.join(kinds)}."
    return ""


def _reasoning_text(prompt: str, calls: Sequence[ToolCall], request: ModelInput) -> str:
    snippet = prompt if len(prompt) <= 120 else prompt[:117] + "..."
    if calls:
        plan = "I should call " + ", ".join(sorted({c.name for c in calls})) + "."
    elif request.messages and request.messages[-1].get("role") == "tool":
        plan = "The tool results are in, so I can answer."
    elif request.response_format and request.response_format.get("type") != "text":
        plan = "I should answer with JSON."
    else:
        plan = "I should repeat their message back."
    return f'The user wrote: "{snippet}". {plan}'


def reasoning_details(model: CatalogModel, text: str) -> list[dict[str, Any]]:
    """``reasoning_details`` in the serving family's style (signed, summary + encrypted...)."""
    fmt = model.reasoning_format
    digest = hashlib.sha256(text.encode()).digest()
    if fmt == "anthropic-claude-v1" or model.author == "anthropic":
        signature = base64.b64encode(b"emulator-signature:" + digest * 4).decode()
        return [
            {
                "type": "reasoning.text",
                "text": text,
                "signature": signature,
                "format": "anthropic-claude-v1",
                "index": 0,
            }
        ]
    if fmt == "openai-responses-v1":
        data = "gAAAAA" + base64.urlsafe_b64encode(digest * 6 + text.encode()).decode()
        return [
            {"type": "reasoning.summary", "summary": text, "format": fmt, "index": 0},
            {
                "type": "reasoning.encrypted",
                "data": data,
                "id": "rs_" + digest.hex()[:48],
                "format": fmt,
                "index": 0,
            },
        ]
    return [{"type": "reasoning.text", "text": text, "format": fmt, "index": 0}]


def native_finish_reason(model: CatalogModel, finish: str, stop_sequence: bool = False) -> str:
    """The provider's raw finish reason for a normalised one."""
    if model.author == "anthropic":
        table = {
            "stop": "stop_sequence" if stop_sequence else "end_turn",
            "tool_calls": "tool_use",
            "length": "max_tokens",
        }
        return table.get(finish, finish)
    if model.author == "google":
        return {"length": "MAX_TOKENS"}.get(finish, "STOP")
    if model.reasoning_format == "openai-responses-v1":
        return {"stop": "completed", "length": "max_output_tokens"}.get(finish, finish)
    return finish


def _cut_at_stop(text: str, stops: Sequence[str]) -> str | None:
    cuts = [text.find(s) for s in stops if s and s in text]
    return text[: min(cuts)] if cuts else None

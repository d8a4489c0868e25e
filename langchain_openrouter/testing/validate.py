"""Chat request checks, with the status and body OpenRouter answers each failure with."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from langchain_openrouter import routing
from langchain_openrouter.testing.catalog import Catalog, CatalogModel
from langchain_openrouter.testing.model.schema_check import schema_problem
from langchain_openrouter.testing.model.script import ModelInput
from langchain_openrouter.testing.wire import EmulatorError

__all__ = ["apply_preset", "availability_error", "check_options", "model_input", "resolve_model"]

PRESET_PREFIX = "@preset/"

ROUTED_MODEL = "openai/gpt-4o-mini"
ROLES = ("system", "developer", "user", "assistant", "tool")
_TOOL_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
# The content parts of §2.3; assistant turns may also carry provider blocks, passed through.
PART_TYPES = ("text", "image_url", "input_audio", "video_url", "input_video", "file")
_INPUT_KINDS = {
    "image_url": ("image", "image input"),
    "input_audio": ("audio", "input audio"),
    "video_url": ("video", "video input"),
    "input_video": ("video", "video input"),
}
_EFFORT_SHARE = {"max": 0.95, "xhigh": 0.95, "high": 0.8, "medium": 0.5, "low": 0.2, "minimal": 0.1}


def _invalid(message: str) -> EmulatorError:
    return EmulatorError(400, message, metadata={"error_type": "invalid_request"})


def check_options(body: Mapping[str, Any]) -> None:
    """OpenRouter's 400 for an unknown key or value in ``provider``, ``reasoning``, ``plugins``...

    One definition with the client: the models of :mod:`langchain_openrouter.routing`.
    """
    try:
        routing.check_options(body)
    except ValueError as error:
        raise _invalid(str(error)) from None


def apply_preset(
    presets: Mapping[str, Mapping[str, Any]], body: Mapping[str, Any]
) -> dict[str, Any]:
    """The body with its preset applied (``preset`` or ``model`` = ``"@preset/<slug>"``, §1.5).

    The preset's fields are defaults: what the request sets itself wins. A ``model`` naming the
    preset is replaced by the preset's model (or dropped, for the account default).

    Raises:
        EmulatorError: 404 for a preset the account does not have.
    """
    model = body.get("model")
    ref = body.get("preset")
    if ref is None and isinstance(model, str) and model.startswith(PRESET_PREFIX):
        ref = model
    if ref is None:
        return dict(body)
    slug = ref.removeprefix(PRESET_PREFIX) if isinstance(ref, str) else ""
    preset = presets.get(slug) if isinstance(ref, str) and ref.startswith(PRESET_PREFIX) else None
    if preset is None:
        raise EmulatorError(404, f"Preset {ref!r} not found", metadata={"error_type": "not_found"})
    out = {**preset, **body, "preset": ref}
    if model == ref or model is None:
        out.pop("model", None)
        if preset.get("model") is not None:
            out["model"] = preset["model"]
    return out


def availability_error(
    status: int, message: str, code: str, models: Sequence[str], **extra: Any
) -> EmulatorError:
    """An availability error body (no ``code``; ``error_type``, ``http_status``)."""
    error_type = {
        400: "invalid_request",
        403: "permission_denied",
        429: "rate_limit_exceeded",
        503: "provider_overloaded",
    }.get(status, "not_found")
    availability = {
        "code": code,
        "retryable": status in (429, 503),
        "requested_models": list(models),
        **extra,
        "docs_url": f"https://openrouter.ai/docs/errors#{code}",
    }
    body = {
        "error": {
            "message": message,
            "error_type": error_type,
            "http_status": status,
            "availability": availability,
        }
    }
    return EmulatorError(status, message, body=body)


def resolve_model(
    catalog: Catalog, model_id: str, *, embeddings: bool = False
) -> tuple[CatalogModel, tuple[str, ...]]:
    """The catalog entry for a requested id, or the 400 OpenRouter gives for it."""
    model, variants = catalog.resolve(model_id)
    if model is None:
        raise availability_error(
            400, f"{model_id} is not a valid model ID", "model_not_found", [model_id]
        )
    if model.is_embedding != embeddings:
        right = "/api/v1/embeddings" if model.is_embedding else "/api/v1/chat/completions"
        kind = "an embeddings model" if model.is_embedding else "not an embeddings model"
        raise availability_error(
            400,
            f"{model_id} is {kind}; use {right}",
            "wrong_endpoint",
            [model_id],
            constraint={"field": "endpoint", "detail": right},
        )
    return model, variants


def _check_messages(messages: Any) -> list[Mapping[str, Any]]:
    if not isinstance(messages, list) or not messages:
        raise _invalid("messages: at least one message is required")
    for index, message in enumerate(messages):
        if not isinstance(message, Mapping):
            raise _invalid(f"messages[{index}]: expected an object")
        role = message.get("role")
        if role not in ROLES:
            raise _invalid(
                f"messages[{index}].role: Invalid discriminator value. Expected "
                "'system' | 'developer' | 'user' | 'assistant' | 'tool'"
            )
        content = message.get("content")
        if role != "assistant" and not isinstance(content, (str, list)):
            raise _invalid(f"messages[{index}].content: Required")
        if role == "tool" and not message.get("tool_call_id"):
            raise _invalid(f"messages[{index}].tool_call_id: Required")
        if isinstance(content, list):
            for part_index, part in enumerate(content):
                if not isinstance(part, Mapping) or not isinstance(part.get("type"), str):
                    raise _invalid(f"messages[{index}].content[{part_index}].type: Required")
                if role != "assistant" and part["type"] not in PART_TYPES:
                    raise _invalid(
                        f"messages[{index}].content[{part_index}].type: Invalid discriminator"
                        f" value. Expected {' | '.join(repr(t) for t in PART_TYPES)}"
                    )
    return messages


def _check_tools(tools: Any) -> tuple[list[Mapping[str, Any]], list[Mapping[str, Any]]]:
    """The function tools (the scripted model calls them) and the server tools."""
    if tools is None:
        return [], []
    if not isinstance(tools, list):
        raise _invalid("tools: Expected array")
    functions = []
    server = []
    for index, tool in enumerate(tools):
        if not isinstance(tool, Mapping):
            raise _invalid(f"tools[{index}]: Expected object")
        kind = tool.get("type", "function")
        if kind != "function":
            if isinstance(kind, str) and (kind.startswith("openrouter:") or "web_search" in kind):
                # OpenRouter runs them and the scripted model never calls them, but they are
                # in the prompt the model reads, so they are billed.
                server.append(tool)
                continue
            raise _invalid(f'tools[{index}].type: Invalid literal value, expected "function"')
        function = tool.get("function")
        if not isinstance(function, Mapping):
            raise _invalid(f"tools[{index}].function: Required")
        name = function.get("name")
        if not isinstance(name, str) or not _TOOL_NAME.match(name):
            raise _invalid(
                f"tools[{index}].function.name: must be 1-64 characters of a-z, A-Z, 0-9, _ or -"
            )
        parameters = function.get("parameters")
        where = f"tools[{index}].function.parameters"
        if parameters is not None and (
            not isinstance(parameters, Mapping) or parameters.get("type", "object") != "object"
        ):
            raise _invalid(f"{where}: must be a JSON Schema object")
        if parameters is not None and (problem := schema_problem(parameters, where)):
            raise _invalid(problem)
        functions.append(tool)
    return functions, server


def _check_response_format(fmt: Any) -> Mapping[str, Any] | None:
    if fmt is None:
        return None
    if not isinstance(fmt, Mapping) or not isinstance(fmt.get("type"), str):
        raise _invalid("response_format.type: Required")
    if fmt["type"] != "json_schema":
        return fmt
    spec = fmt.get("json_schema")
    if not isinstance(spec, Mapping):
        raise _invalid("response_format.json_schema: Required")
    name = spec.get("name")
    if not isinstance(name, str) or not _TOOL_NAME.match(name):
        raise _invalid(
            "response_format.json_schema.name: must be 1-64 characters of a-z, A-Z, 0-9, _ or -"
        )
    schema = spec.get("schema")
    if schema is not None and (
        problem := schema_problem(schema, "response_format.json_schema.schema")
    ):
        raise _invalid(problem)
    return fmt


def _check_tool_choice(choice: Any, tools: Sequence[Mapping[str, Any]]) -> Any:
    if choice is None or choice in ("none", "auto", "required"):
        return choice
    if isinstance(choice, Mapping):
        if str(choice.get("type", "")).startswith("openrouter:"):
            # A forced server tool (§2.4): OpenRouter runs it, so no function tool is called.
            return "none"
        function = choice.get("function")
        name = function.get("name") if isinstance(function, Mapping) else None
        names = [t["function"].get("name") for t in tools]
        if name in names:
            return choice
        raise _invalid(f"tool_choice: function {name!r} is not among the provided tools")
    raise _invalid("tool_choice: Expected 'none' | 'auto' | 'required' or a function choice")


def _positive_int(body: Mapping[str, Any], name: str) -> int | None:
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _invalid(f"{name}: Expected an integer >= 1")
    return value


def _check_ranges(body: Mapping[str, Any]) -> None:
    for name, low, high in (
        ("temperature", 0, 2),
        ("top_p", 0, 1),
        ("frequency_penalty", -2, 2),
        ("presence_penalty", -2, 2),
    ):
        value = body.get(name)
        if value is None:
            continue
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not low <= value <= high
        ):
            raise _invalid(f"{name}: Number must be between {low} and {high}")


def _stops(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and len(value) <= 4 and all(isinstance(s, str) for s in value):
        return list(value)
    raise _invalid("stop: Expected a string or an array of at most 4 strings")


def _check_modalities(model: CatalogModel, messages: Sequence[Mapping[str, Any]]) -> None:
    for message in messages:
        content = message.get("content")
        if not isinstance(content, list):
            continue
        for part in content:
            needed = _INPUT_KINDS.get(part.get("type", ""))
            if needed and needed[0] not in model.input_modalities:
                raise EmulatorError(
                    404,
                    f"No endpoints found that support {needed[1]}",
                    metadata={"error_type": "not_found"},
                )


def _reasoning(
    body: Mapping[str, Any], model: CatalogModel, variants: Sequence[str], max_tokens: int | None
) -> tuple[bool, bool, int | None]:
    """(active, excluded, budget) of reasoning for this request."""
    spec = body.get("reasoning") if isinstance(body.get("reasoning"), Mapping) else None
    effort = (spec or {}).get("effort") or body.get("reasoning_effort")
    enabled = (spec or {}).get("enabled")
    include = body.get("include_reasoning")
    info = model.reasoning
    mandatory = bool(info and info.get("mandatory"))
    if effort == "none" and mandatory:
        raise _invalid(f"Reasoning is mandatory for {model.id} and cannot be disabled")
    if info is None:
        return False, False, None
    turned_off = effort == "none" or enabled is False
    asked = "thinking" in variants or include is True or (spec is not None and not turned_off)
    asked = asked or (isinstance(effort, str) and effort != "none")
    active = mandatory or asked or (bool(info.get("default_enabled")) and not turned_off)
    excluded = bool((spec or {}).get("exclude")) or include is False
    budget = (spec or {}).get("max_tokens")
    if budget is None and isinstance(effort, str) and max_tokens is not None:
        budget = int(max_tokens * _EFFORT_SHARE.get(effort, 0.5))
    return active, excluded, budget if isinstance(budget, int) else None


def model_input(
    catalog: Catalog, body: Mapping[str, Any], default_model: str | None
) -> tuple[ModelInput, tuple[str, ...]]:
    """Validate a chat body and read what the scripted model needs from it.

    Returns:
        The model input and the routing variants of the model id.

    Raises:
        EmulatorError: With OpenRouter's status and body for the first problem found.
    """
    messages = body.get("messages")
    if messages is None and isinstance(body.get("prompt"), str):
        messages = [{"role": "user", "content": body["prompt"]}]
    messages = _check_messages(messages)
    check_options(body)
    models = body.get("models")
    fallbacks: list[Any] = models if isinstance(models, list) else []
    model_id = body.get("model") or (fallbacks[0] if fallbacks else default_model)
    if model_id is None:  # an account with no default model set
        raise _invalid("model: Required")
    if not isinstance(model_id, str):
        raise _invalid("model: Expected string")
    for other in fallbacks:
        resolve_model(catalog, str(other))
    model, variants = resolve_model(catalog, model_id)
    if model.id == "openrouter/auto":  # the router picks a concrete model to serve
        model = catalog.get(default_model or ROUTED_MODEL) or model
    tools, server_tools = _check_tools(body.get("tools"))
    tool_choice = _check_tool_choice(body.get("tool_choice"), tools)
    _check_ranges(body)
    max_tokens = _positive_int(body, "max_completion_tokens") or _positive_int(body, "max_tokens")
    n = _positive_int(body, "n") or 1
    modalities = body.get("modalities") or ["text"]
    wants_images = isinstance(modalities, list) and "image" in modalities
    if wants_images and "image" not in model.output_modalities:
        raise EmulatorError(
            404,
            "No endpoints found that support the requested output modalities: "
            + ", ".join(str(m) for m in modalities),
            metadata={"error_type": "not_found"},
        )
    _check_modalities(model, messages)
    fmt = _check_response_format(body.get("response_format"))
    active, excluded, budget = _reasoning(body, model, variants, max_tokens)
    return ModelInput(
        model=model,
        messages=list(messages),
        tools=tools,
        server_tools=server_tools,
        tool_choice=tool_choice,
        parallel_tool_calls=body.get("parallel_tool_calls") is not False,
        response_format=fmt,
        stop=_stops(body.get("stop")),
        max_tokens=max_tokens,
        n=n,
        reasoning=active,
        reasoning_excluded=excluded,
        reasoning_budget=budget,
        images=wants_images,
        request_model=model_id,
    ), variants

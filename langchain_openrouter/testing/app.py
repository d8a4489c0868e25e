"""The emulator's one pure entry point: ``App.handle(Request) -> Response``.

The router matches the path below ``/api/v1`` (any other path is the website's HTML 404, as
a base URL without ``/api/v1`` gets from openrouter.ai), checks the key the route needs
(inference key, management key, any key, or none), applies an injected fault, and calls the
route. Whatever goes wrong inside a route becomes OpenRouter's error body, never a traceback.
"""

from __future__ import annotations

import json
import logging
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from langchain_openrouter.testing.catalog import CATALOG, Catalog
from langchain_openrouter.testing.context import Config, Ctx
from langchain_openrouter.testing.faults import Fault, FaultInjector
from langchain_openrouter.testing.model.script import ScriptRule
from langchain_openrouter.testing.routes import (
    account,
    chat,
    consent,
    embeddings,
    guardrails,
    pkce,
    rerank,
    responses,
)
from langchain_openrouter.testing.routes import catalog as catalog_routes
from langchain_openrouter.testing.state import KeyRecord, State
from langchain_openrouter.testing.wire import (
    EmulatorError,
    Request,
    Response,
    error_response,
    site_not_found,
)

__all__ = ["App", "Auth", "Route"]

logger = logging.getLogger("langchain_openrouter.testing")

Auth = Literal["inference", "management", "any", "optional", "none"]
Handler = Callable[[Ctx], Response]


@dataclass(frozen=True)
class Route:
    """One route: method, path pattern (``{name}`` captures one segment), key kind, handler."""

    method: str
    pattern: str
    auth: Auth
    handler: Handler
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        compiled = re.compile(re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", self.pattern))
        object.__setattr__(self, "regex", compiled)

    def match(self, method: str, path: str) -> dict[str, str] | None:
        """The path parameters when this route serves ``method path``."""
        found = self.regex.fullmatch(path)
        return found.groupdict() if found and method == self.method else None


ROUTES: tuple[Route, ...] = (
    Route("POST", "/chat/completions", "inference", chat.chat_completions),
    Route("POST", "/responses", "inference", responses.create_response),
    Route("POST", "/embeddings", "inference", embeddings.create_embeddings),
    Route("POST", "/rerank", "inference", rerank.create_rerank),
    Route("GET", "/models", "optional", catalog_routes.list_models),
    Route("GET", "/models/count", "optional", catalog_routes.count_models),
    Route("GET", "/models/user", "any", catalog_routes.list_user_models),
    Route("GET", "/model/{author}/{slug}", "optional", catalog_routes.get_model),
    Route("GET", "/models/{author}/{slug}/endpoints", "optional", catalog_routes.model_endpoints),
    Route("GET", "/embeddings/models", "optional", catalog_routes.list_embedding_models),
    Route("GET", "/providers", "optional", catalog_routes.list_providers),
    Route("GET", "/endpoints/zdr", "optional", catalog_routes.zdr_endpoints),
    Route("GET", "/endpoints", "optional", catalog_routes.all_endpoints),
    Route("GET", "/key", "any", account.current_key),
    Route("GET", "/credits", "management", account.credits),
    Route("POST", "/credits/coinbase", "management", account.coinbase),
    Route("GET", "/generation", "any", account.generation),
    Route("GET", "/activity", "management", account.activity),
    Route("GET", "/keys", "management", account.list_keys),
    Route("POST", "/keys", "management", account.create_key),
    Route("GET", "/keys/{hash}", "management", account.get_key),
    Route("PATCH", "/keys/{hash}", "management", account.update_key),
    Route("DELETE", "/keys/{hash}", "management", account.delete_key),
    Route("GET", "/guardrails", "management", guardrails.list_guardrails),
    Route("POST", "/guardrails", "management", guardrails.create_guardrail),
    Route("GET", "/guardrails/assignments/keys", "management", guardrails.all_key_assignments),
    Route(
        "GET", "/guardrails/assignments/members", "management", guardrails.all_member_assignments
    ),
    Route("GET", "/guardrails/{id}", "management", guardrails.get_guardrail),
    Route("PATCH", "/guardrails/{id}", "management", guardrails.update_guardrail),
    Route("DELETE", "/guardrails/{id}", "management", guardrails.delete_guardrail),
    Route("GET", "/guardrails/{id}/assignments/keys", "management", guardrails.key_assignments),
    Route("POST", "/guardrails/{id}/assignments/keys", "management", guardrails.assign_keys),
    Route(
        "POST", "/guardrails/{id}/assignments/keys/remove", "management", guardrails.unassign_keys
    ),
    Route(
        "GET", "/guardrails/{id}/assignments/members", "management", guardrails.member_assignments
    ),
    Route("POST", "/guardrails/{id}/assignments/members", "management", guardrails.assign_members),
    Route(
        "POST",
        "/guardrails/{id}/assignments/members/remove",
        "management",
        guardrails.unassign_members,
    ),
    Route("POST", "/auth/keys/code", "any", pkce.create_code),
    Route("POST", "/auth/keys", "none", pkce.exchange),
    Route("POST", "/auth/keys/exchange", "none", pkce.exchange),
)

# Pages of openrouter.ai itself, on the site root (outside /api/v1): the PKCE consent page.
SITE_ROUTES: tuple[Route, ...] = (
    Route("GET", "/auth", "none", consent.auth_page),
    Route("POST", "/auth", "none", consent.decide),
)

_MODEL_ROUTES = ("/chat/completions", "/responses", "/embeddings")


def _json_object(request: Request) -> dict[str, Any] | None:
    try:
        body = json.loads(request.body or b"null")
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


class App:
    """Routes, state, catalog, scripted rules, faults and settings of one emulator.

    Example:
        >>> app = App()
        >>> app.handle(Request.build("GET", "/api/v1/models/count")).status
        200
    """

    def __init__(
        self,
        *,
        state: State | None = None,
        catalog: Catalog = CATALOG,
        config: Config | None = None,
        request_log_size: int = 1000,
    ) -> None:
        self.state = state or State()
        self.catalog = catalog
        self.config = config or Config()
        self.rules: list[ScriptRule] = []
        self.faults = FaultInjector()
        self.requests: deque[Request] = deque(maxlen=request_log_size)

    def handle(self, request: Request) -> Response:
        """Answer one request (pure apart from the emulator's own state)."""
        self.requests.append(request)
        try:
            return self._dispatch(request)
        except EmulatorError as err:
            return err.response()
        except Exception:  # the emulator must answer like OpenRouter, never with a traceback
            logger.exception("emulator route failed: %s %s", request.method, request.route)
            return error_response(500, "Internal Server Error", {"error_type": "server"})

    def _dispatch(self, request: Request) -> Response:
        path = request.route
        allowed = []
        site = not request.on_api
        for route in SITE_ROUTES if site else ROUTES:
            params = route.match(request.method, path)
            if params is None:
                if route.match(route.method, path) is not None:
                    allowed.append(route.method)
                continue
            fault, request = self._take_fault(request, path)
            ctx = Ctx(request, self.state, self.catalog, self.rules, self.config, params=params)
            if fault is not None and fault.answers_early:
                return fault.response(chat.prompt_text(ctx))
            ctx.fault = fault
            ctx.key = self._authenticate(request, route.auth)
            response = route.handler(ctx)
            if fault is not None and fault.delay:
                response.delay = fault.delay
            return response
        if allowed:
            return error_response(405, "Method Not Allowed", headers={"allow": ", ".join(allowed)})
        if site:
            return site_not_found()
        return error_response(404, "Not Found", {"error_type": "not_found"})

    def _take_fault(self, request: Request, path: str) -> tuple[Fault | None, Request]:
        """The fault for a request, falling back along ``models`` past model-specific failures.

        OpenRouter tries the next model of a ``models`` list when one fails before answering;
        a fault injected for one model (``model=``) makes the request move on to the next, and
        the returned request names the model that will serve.
        """
        body = _json_object(request) if path in _MODEL_ROUTES else None
        model = body.get("model") if body is not None else None
        models = body.get("models") if body is not None else None
        fallbacks = [m for m in models or [] if isinstance(m, str) and m != model]
        fault = self.faults.take(request, model if isinstance(model, str) else None)
        while (
            body is not None
            and fault is not None
            and fault.answers_early
            and (fault.model is not None and fallbacks)
        ):
            model = fallbacks.pop(0)
            body = {**body, "model": model}
            request = replace(request, body=json.dumps(body).encode())
            fault = self.faults.take(request, model)
        return fault, request

    def _authenticate(self, request: Request, auth: Auth) -> KeyRecord | None:
        if auth == "none":
            return None
        secret = request.bearer()
        if secret is None:
            if auth == "optional":
                return None
            raise EmulatorError(401, "Missing Authentication header")
        key = self.state.key_by_secret(secret)
        now = self.state.now()
        if key is None or (auth == "inference" and key.management):
            raise EmulatorError(401, "User not found.")
        if key.disabled:
            raise EmulatorError(401, "API key is disabled")
        if key.expired(now):
            raise EmulatorError(401, "API key has expired")
        if auth == "management" and not key.management:
            raise EmulatorError(403, "Only management keys can perform this operation")
        return key

from __future__ import annotations

import ast
import inspect
import pickle
from typing import Any

import httpx
import pytest
from langchain_core import exceptions as core

from langchain_openrouter import errors
from langchain_openrouter._client.retry import RetryPolicy, next_delay
from langchain_openrouter._client.sse import EventStreamDecoder
from langchain_openrouter.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ContextLengthError,
    InsufficientCreditsError,
    InternalServerError,
    ModerationError,
    NoProviderAvailableError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RequestTimeoutError,
    StreamError,
    UpstreamError,
    error_from_response,
    error_from_stream_chunk,
)
from unit_tests.samples import load_bytes, load_json

# sample -> (status, class, code, error_type)
CASES = {
    "error_400.json": (400, BadRequestError, 400),
    "error_400_model_not_found.json": (400, BadRequestError, 400),
    "error_401.json": (401, AuthenticationError, 401),
    "error_402.json": (402, InsufficientCreditsError, 402),
    "error_403_guardrail.json": (403, PermissionDeniedError, 403),
    "error_403_management_key_required.json": (403, PermissionDeniedError, 403),
    "error_403_moderation.json": (403, ModerationError, 403),
    "error_404_no_endpoints.json": (404, NotFoundError, 404),
    "error_408.json": (408, RequestTimeoutError, 408),
    "error_410_coinbase.json": (410, APIStatusError, 410),
    "error_429.json": (429, RateLimitError, 429),
    "error_429_capacity.json": (429, RateLimitError, 429),
    "error_429_provider.json": (429, RateLimitError, 429),
    "error_500.json": (500, InternalServerError, 500),
    "error_502.json": (502, UpstreamError, 502),
    "error_503.json": (503, NoProviderAvailableError, 503),
}


def _response(status: int, body: object, headers: dict[str, str] | None = None) -> httpx.Response:
    request = httpx.Request("POST", "https://openrouter.ai/api/v1/chat/completions")
    if isinstance(body, (dict, list)):
        return httpx.Response(status, json=body, headers=headers, request=request)
    return httpx.Response(status, text=str(body), headers=headers, request=request)


@pytest.mark.parametrize(("name", "case"), CASES.items())
def test_every_error_sample_maps_to_its_class(name: str, case: tuple[int, type, int]) -> None:
    status, cls, code = case
    body = load_json(name)
    err = error_from_response(_response(status, body))
    assert type(err) is cls
    assert err.status_code == status
    assert err.code == code
    assert err.message == body["error"]["message"]
    assert isinstance(err.metadata, dict)
    assert err.body == body
    assert f"Error code: {status}" in str(err)


def test_moderation_details() -> None:
    err = error_from_response(_response(403, load_json("error_403_moderation.json")))
    assert isinstance(err, ModerationError)
    assert err.reasons == ["violence"]
    assert err.flagged_input == "I want to hurt...[truncated]...right now"
    assert err.metadata["provider_name"] == "OpenAI"


def test_availability_error_without_code_uses_http_status_and_keeps_details() -> None:
    err = error_from_response(_response(400, load_json("error_400_model_not_found.json")))
    assert err.code == 400
    assert err.error_type == "invalid_request"
    assert err.availability is not None
    assert err.availability["code"] == "model_not_found"
    assert err.retryable is False


def test_capacity_error_carries_retry_after_from_availability() -> None:
    err = error_from_response(_response(429, load_json("error_429_capacity.json")))
    assert err.retry_after == 40.0
    assert err.retryable is True
    assert err.availability is not None
    assert err.availability["fallback_models"] == ["anthropic/claude-haiku-4.5"]


def test_retry_after_header_wins() -> None:
    err = error_from_response(_response(429, load_json("error_429.json"), {"Retry-After": "5"}))
    assert err.retry_after == 5.0


def test_upstream_detail_is_kept_apart_from_the_message_and_shown() -> None:
    err = error_from_response(_response(502, load_json("error_502.json")))
    assert err.message == "Provider returned error"
    assert err.provider_name == "Together"
    assert err.provider_detail is not None
    assert "Service unavailable" in err.provider_detail
    assert "[Together: " in str(err)
    assert "Service unavailable" in str(err)
    assert err.error_type == "provider_unavailable"


def test_upstream_rate_limit_detail() -> None:
    body = load_json("error_429_provider.json")
    err = error_from_response(_response(429, body))
    assert err.message == "Provider returned error"
    assert err.provider_name == "Google"
    assert err.provider_detail == body["error"]["metadata"]["raw"]
    assert str(err).startswith("Error code: 429 - Provider returned error [Google: google/")


def test_hints_are_in_str_not_in_the_message() -> None:
    err = error_from_response(_response(401, load_json("error_401.json")))
    assert "OPENROUTER_API_KEY" in str(err)
    assert "OPENROUTER_API_KEY" not in err.message


def test_hints_tell_the_user_what_to_do() -> None:
    assert "OPENROUTER_API_KEY" in str(
        error_from_response(_response(401, load_json("error_401.json")))
    )
    text402 = str(error_from_response(_response(402, load_json("error_402.json"))))
    assert "credits" in text402
    assert "max_tokens" in text402
    assert "slow down" in str(error_from_response(_response(429, load_json("error_429.json"))))


def test_generation_id_header_is_the_request_id() -> None:
    response = _response(500, load_json("error_500.json"), {"X-Generation-Id": "gen-1-abc"})
    assert error_from_response(response).request_id == "gen-1-abc"


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (502, UpstreamError),
        (503, NoProviderAvailableError),
        (504, InternalServerError),
        (418, APIStatusError),
    ],
)
def test_non_json_bodies_still_map_to_the_right_class(status: int, cls: type) -> None:
    html = (
        "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>"
    )
    err = error_from_response(_response(status, html))
    assert type(err) is cls
    assert err.status_code == status
    assert "Bad Gateway" in err.message
    assert "<" not in err.message


def test_empty_body() -> None:
    err = error_from_response(_response(500, ""))
    assert isinstance(err, InternalServerError)
    assert err.message


def test_every_class_named_in_the_design_exists() -> None:
    for name in [
        "OpenRouterError",
        "APIConnectionError",
        "APITimeoutError",
        "APIStatusError",
        "BadRequestError",
        "AuthenticationError",
        "InsufficientCreditsError",
        "PermissionDeniedError",
        "ModerationError",
        "NotFoundError",
        "RequestTimeoutError",
        "RateLimitError",
        "InternalServerError",
        "UpstreamError",
        "NoProviderAvailableError",
        "StreamError",
    ]:
        assert issubclass(getattr(errors, name), errors.OpenRouterError)
    assert issubclass(ModerationError, PermissionDeniedError)
    assert issubclass(errors.APITimeoutError, errors.APIConnectionError)


def _stream_error(name: str) -> StreamError:
    decoder = EventStreamDecoder()
    decoder.feed(load_bytes(name))
    decoder.flush()
    assert decoder.error is not None
    return decoder.error


def test_real_midstream_error_chunk() -> None:
    err = _stream_error("chat_stream_midstream_error.sse")
    assert isinstance(err, StreamError)
    assert err.code == 400
    assert err.status_code == 400
    assert err.message == "Token limit reached"
    assert err.request_id == "gen-1762179802-UN8pkJI4AGZvryk0kFnb"
    assert "usage" in err.chunk


def test_documented_midstream_error_chunk() -> None:
    err = _stream_error("chat_stream_midstream_error_documented.sse")
    assert err.metadata.get("error_type") == err.error_type
    assert err.error_type == "provider_unavailable"
    assert err.is_retryable


def test_string_error_code_in_stream() -> None:
    err = error_from_stream_chunk(
        {"id": "gen-1", "error": {"code": "server_error", "message": "boom"}}
    )
    assert err is not None
    assert err.code == "server_error"
    assert err.status_code is None


def test_chunks_without_error_are_not_errors() -> None:
    assert error_from_stream_chunk({"id": "gen-1", "choices": []}) is None
    assert error_from_stream_chunk({"error": None}) is None


def test_errors_survive_pickling_for_multiprocessing() -> None:
    err = StreamError("boom", code=502)
    assert pickle.loads(pickle.dumps(err)).args == err.args


# --- langchain-core's ModelError family -------------------------------------------------------

FAMILY = {
    errors.BadRequestError: core.ModelInvalidRequestError,
    errors.ContextLengthError: core.ContextOverflowError,
    errors.AuthenticationError: core.ModelAuthenticationError,
    errors.MissingAPIKeyError: core.ModelAuthenticationError,
    errors.PermissionDeniedError: core.ModelPermissionDeniedError,
    errors.ModerationError: core.ModelPermissionDeniedError,
    errors.NotFoundError: core.ModelNotFoundError,
    errors.RequestTimeoutError: core.ModelTimeoutError,
    errors.APITimeoutError: core.ModelTimeoutError,
    errors.RateLimitError: core.ModelRateLimitError,
    errors.InternalServerError: core.ModelAPIError,
    errors.UpstreamError: core.ModelAPIError,
    errors.NoProviderAvailableError: core.ModelAPIError,
    errors.APIConnectionError: core.ModelConnectionError,
    errors.InsufficientCreditsError: core.ModelError,
    errors.StreamError: core.ModelError,
    errors.APIStatusError: core.ModelError,
    errors.OpenRouterError: core.ModelError,
    errors.LoginError: core.ModelError,
    errors.LoginTimeoutError: core.ModelError,
    errors.LoginDeniedError: core.ModelAuthenticationError,
    errors.LoginStateError: core.ModelAuthenticationError,
}


@pytest.mark.parametrize(("ours", "theirs"), FAMILY.items(), ids=lambda c: c.__name__)
def test_every_class_is_in_langchain_cores_family(ours: type, theirs: type) -> None:
    assert issubclass(ours, theirs)


def test_every_public_class_is_in_the_family_table() -> None:
    classes = {getattr(errors, n) for n in errors.__all__ if isinstance(getattr(errors, n), type)}
    assert classes == set(FAMILY)


def test_context_length_error_is_a_bad_request_and_a_context_overflow() -> None:
    assert issubclass(ContextLengthError, BadRequestError)
    assert issubclass(ContextLengthError, core.ContextOverflowError)
    assert issubclass(ContextLengthError, core.ModelInvalidRequestError)


def _availability(verdict: bool | None) -> dict[str, Any]:
    return {} if verdict is None else {"availability": {"code": "x", "retryable": verdict}}


@pytest.mark.parametrize("retry_after", [None, "1"])
@pytest.mark.parametrize("verdict", [None, True, False])
def test_is_retryable_agrees_with_the_retry_table_for_every_status(
    retry_after: str | None, verdict: bool | None
) -> None:
    headers = {"Retry-After": retry_after} if retry_after else {}
    policy = RetryPolicy(max_retries=1)
    disagree = []
    for status in range(400, 600):
        body = {"error": {"code": status, "message": "m", **_availability(verdict)}}
        err = error_from_response(_response(status, body, headers))
        retried = next_delay(
            policy,
            0,
            status=status,
            headers=headers,
            retryable=err.retryable,
            retry_after=err.retry_after,
        )
        if err.is_retryable != (retried is not None):
            disagree.append(status)
    assert disagree == []


@pytest.mark.parametrize(
    ("status", "retryable"),
    [
        (400, False),
        (401, False),
        (402, False),
        (403, False),
        (404, False),
        (408, True),
        (409, True),
        (429, True),
        (500, True),
        (501, False),
        (502, True),
        (503, True),
    ],
)
def test_is_retryable_by_status(status: int, retryable: bool) -> None:
    err = error_from_response(_response(status, {"error": {"code": status, "message": "m"}}))
    assert err.is_retryable is retryable


def test_402_with_retry_after_is_retryable() -> None:
    body = load_json("error_402.json")
    assert not error_from_response(_response(402, body)).is_retryable
    assert error_from_response(_response(402, body, {"Retry-After": "2"})).is_retryable


def test_availability_verdict_decides_is_retryable() -> None:
    assert not error_from_response(
        _response(400, load_json("error_400_model_not_found.json"))
    ).is_retryable
    assert error_from_response(_response(429, load_json("error_429_capacity.json"))).is_retryable


@pytest.mark.parametrize(
    ("code", "retryable"), [(400, False), (429, True), (502, True), ("server_error", True)]
)
def test_stream_error_is_retryable_by_its_code(code: int | str, retryable: bool) -> None:
    assert StreamError("x", code=code).is_retryable is retryable


def test_connection_errors_are_retryable() -> None:
    assert APIConnectionError("refused").is_retryable
    assert APITimeoutError("slow").is_retryable
    assert not errors.MissingAPIKeyError("no key").is_retryable


# --- context length ---------------------------------------------------------------------------

OPENROUTER_CONTEXT = (
    "This endpoint's maximum context length is 8192 tokens. However, you requested about "
    "9500 tokens (9000 of text input, 500 in the output). Please reduce the length of either "
    'one, or use the "middle-out" transform to compress your prompt automatically.'
)

CONTEXT_BODIES = {
    "openrouter": {
        "error": {"code": 400, "message": OPENROUTER_CONTEXT, "metadata": {"provider_name": None}}
    },
    "error_type": {
        "error": {
            "code": 400,
            "message": "Input too long",
            "metadata": {"error_type": "context_length_exceeded"},
        }
    },
    "provider_code": {
        "error": {
            "code": 400,
            "message": "Provider returned error",
            "metadata": {"provider_code": "context_length_exceeded"},
        }
    },
    "openai_raw": {
        "error": {
            "code": 400,
            "message": "Provider returned error",
            "metadata": {
                "provider_name": "OpenAI",
                "raw": '{"error": {"message": "This model\'s maximum context length is '
                '128000 tokens. However, your messages resulted in 130000 tokens.", "type": '
                '"invalid_request_error", "code": "context_length_exceeded"}}',
            },
        }
    },
    "anthropic_raw": {
        "error": {
            "code": 400,
            "message": "Provider returned error",
            "metadata": {
                "provider_name": "Anthropic",
                "raw": '{"type":"error","error":{"type":"invalid_request_error",'
                '"message":"prompt is too long: 210000 tokens > 200000 maximum"}}',
            },
        }
    },
    "bedrock": {"error": {"code": 400, "message": "Input is too long for requested model."}},
    "openai_responses": {
        "error": {
            "code": 400,
            "message": (
                "Your input exceeds the context window of this model. Please adjust your input."
            ),
        }
    },
    "google": {
        "error": {
            "code": 400,
            "message": "The input token count (1200000) exceeds the "
            "maximum number of tokens allowed (1048576).",
        }
    },
    "xai": {
        "error": {
            "code": 400,
            "message": "This model's maximum prompt length is 131072 but "
            "the request contains 140000 tokens.",
        }
    },
    "mistral": {
        "error": {
            "code": 400,
            "message": "Prompt contains 40000 tokens and 0 draft "
            "tokens, too large for model with 32768 maximum context length",
        }
    },
    "raw_object": {
        "error": {
            "code": 400,
            "message": "Provider returned error",
            "metadata": {"raw": {"error": {"code": "context_length_exceeded"}}},
        }
    },
    "availability_form": {
        "error": {
            "message": OPENROUTER_CONTEXT,
            "error_type": "context_length_exceeded",
            "http_status": 400,
        }
    },
}


@pytest.mark.parametrize("form", CONTEXT_BODIES)
def test_context_length_forms_give_context_length_error(form: str) -> None:
    body = CONTEXT_BODIES[form]
    err = error_from_response(_response(400, body))
    assert type(err) is ContextLengthError
    assert isinstance(err, core.ContextOverflowError)
    assert err.message == body["error"]["message"]
    assert not err.is_retryable


@pytest.mark.parametrize("name", ["error_400.json", "error_400_model_not_found.json"])
def test_other_400s_are_not_context_length_errors(name: str) -> None:
    assert type(error_from_response(_response(400, load_json(name)))) is BadRequestError


def test_context_length_only_on_400() -> None:
    body = {"error": {"code": 429, "message": OPENROUTER_CONTEXT}}
    assert type(error_from_response(_response(429, body))) is RateLimitError


# --- declared attributes, args never rewritten, a leaf module ---------------------------------


def test_attempts_are_a_constructor_argument_and_args_are_the_text() -> None:
    err = error_from_response(_response(429, load_json("error_429.json")), attempts=3)
    assert err.attempts == 3
    assert err.args == (str(err),)
    assert str(err).endswith("[gave up after 3 attempts]")
    assert err.message == load_json("error_429.json")["error"]["message"]


def test_partial_is_a_constructor_argument() -> None:
    assert StreamError("x", code=502, partial="so far").partial == "so far"
    assert APIConnectionError("x", partial="so far").partial == "so far"
    assert BadRequestError("x", status_code=400, partial="so far").partial == "so far"
    assert StreamError("x").partial is None


def test_errors_is_a_leaf_module() -> None:
    tree = ast.parse(inspect.getsource(errors))
    imported = [
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    ] + [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    assert not [name for name in imported if name.startswith("langchain_openrouter")]
    top_level = {id(node) for node in tree.body}
    nested = [
        node
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in top_level
    ]
    assert nested == []


def test_pickled_errors_keep_their_declared_attributes() -> None:
    err = error_from_response(_response(502, load_json("error_502.json")), attempts=2)
    restored = pickle.loads(pickle.dumps(err))
    assert (restored.provider_name, restored.attempts, restored.is_retryable) == (
        "Together",
        2,
        True,
    )
    assert str(restored) == str(err)

from __future__ import annotations

import pickle

import httpx
import pytest

from langchain_openrouter import errors
from langchain_openrouter._client.sse import decode_json_events
from langchain_openrouter.errors import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
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
    assert err.message == body["error"]["message"] or err.message.startswith(
        body["error"]["message"]
    )
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


def test_upstream_raw_text_is_in_the_message() -> None:
    err = error_from_response(_response(502, load_json("error_502.json")))
    assert err.metadata["provider_name"] == "Together"
    assert "Together" in err.message
    assert "Service unavailable" in err.message
    assert err.error_type == "provider_unavailable"


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


def test_real_midstream_error_chunk() -> None:
    events = list(decode_json_events([load_bytes("chat_stream_midstream_error.sse")]))
    errors_seen = [e for e in (error_from_stream_chunk(ev) for ev in events) if e is not None]
    assert len(errors_seen) == 1
    err = errors_seen[0]
    assert isinstance(err, StreamError)
    assert err.code == 400
    assert err.status_code == 400
    assert err.message == "Token limit reached"
    assert err.request_id == "gen-1762179802-UN8pkJI4AGZvryk0kFnb"
    assert "usage" in err.chunk


def test_documented_midstream_error_chunk() -> None:
    events = list(decode_json_events([load_bytes("chat_stream_midstream_error_documented.sse")]))
    err = next(e for e in map(error_from_stream_chunk, events) if e is not None)
    assert err.metadata.get("error_type") == err.error_type
    assert err.error_type is not None


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

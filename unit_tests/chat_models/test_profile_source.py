"""Live profiles: the catalog entry -> ModelProfile mapping, and when ``profile`` fetches.

The mapping is checked on the real ``GET /models`` excerpt with exact values; the fetching
behaviour (lazy, shared, TTL, fallback, async) over the in-process emulator, counting the
``/models`` requests it receives.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from langchain_openrouter.chat_models import profile_source
from langchain_openrouter.chat_models.profile_source import (
    PROFILE_TTL,
    RETRY_AFTER,
    find_entry,
    forget_failures,
    profile_from_entry,
)
from langchain_openrouter.chat_models.profiles import get_profile as table_profile
from langchain_openrouter.retrievers import OpenRouterModelRetriever, clear_catalog_cache
from langchain_openrouter.retrievers.catalog_cache import CATALOG_CACHE, Snapshot
from langchain_openrouter.testing import OpenRouterEmulator

MODELS_PATH = "/api/v1/models"


@pytest.fixture
def excerpt(load_sample: Callable[[str], Any]) -> dict[str, dict[str, Any]]:
    return {m["id"]: m for m in load_sample("models_list_excerpt.json")["data"]}


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # The catalog and the failure memo are process-wide by design; each test starts empty.
    clear_catalog_cache()
    forget_failures()
    yield
    clear_catalog_cache()
    forget_failures()


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(CATALOG_CACHE, "clock", fake)
    return fake


@pytest.fixture
def emu() -> OpenRouterEmulator:
    return OpenRouterEmulator()


def model_requests(emu: OpenRouterEmulator) -> int:
    return sum(1 for r in emu.requests if r.path == MODELS_PATH)


# --- the mapping -------------------------------------------------------------------------------


def test_claude_entry_maps_exactly(excerpt: dict[str, dict[str, Any]]) -> None:
    assert profile_from_entry(excerpt["anthropic/claude-sonnet-4.5"]) == {
        "name": "Anthropic: Claude Sonnet 4.5",
        "max_input_tokens": 1000000,
        "max_output_tokens": 64000,
        "text_inputs": True,
        "image_inputs": True,
        "audio_inputs": False,
        "video_inputs": False,
        "image_url_inputs": True,
        "pdf_inputs": True,
        "text_outputs": True,
        "image_outputs": False,
        "audio_outputs": False,
        "video_outputs": False,
        "tool_calling": True,
        "tool_choice": True,
        "tool_call_streaming": True,
        "structured_output": True,
        "reasoning_output": True,
        "reasoning_effort_levels": ["xhigh", "high", "medium", "low", "minimal", "none"],
        "temperature": True,
        "open_weights": False,
    }


def test_open_weights_reasoner_without_structured_output(
    excerpt: dict[str, dict[str, Any]],
) -> None:
    assert profile_from_entry(excerpt["deepseek/deepseek-r1"]) == {
        "name": "DeepSeek: R1",
        "max_input_tokens": 163840,
        "max_output_tokens": 163840,
        "text_inputs": True,
        "image_inputs": False,
        "audio_inputs": False,
        "video_inputs": False,
        "image_url_inputs": False,
        "pdf_inputs": False,
        "text_outputs": True,
        "image_outputs": False,
        "audio_outputs": False,
        "video_outputs": False,
        "tool_calling": True,
        "tool_choice": True,
        "tool_call_streaming": True,
        "structured_output": False,
        "reasoning_output": True,
        "temperature": True,
        "open_weights": True,
    }


def test_effort_levels_default_and_no_temperature(excerpt: dict[str, dict[str, Any]]) -> None:
    profile = profile_from_entry(excerpt["openai/gpt-5-mini"])
    assert profile["reasoning_effort_levels"] == ["high", "medium", "low", "minimal"]
    assert profile["reasoning_effort_default"] == "medium"
    assert profile["temperature"] is False
    assert profile["max_input_tokens"] == 400000
    assert profile["max_output_tokens"] == 128000


def test_every_input_modality(excerpt: dict[str, dict[str, Any]]) -> None:
    profile = profile_from_entry(excerpt["google/gemini-2.5-flash"])
    inputs = ["text_inputs", "image_inputs", "audio_inputs", "video_inputs", "pdf_inputs"]
    assert [profile[k] for k in inputs] == [True] * 5  # type: ignore[literal-required]
    assert profile["reasoning_effort_default"] == "medium"
    assert "reasoning_effort_levels" not in profile  # supported_efforts is null
    assert profile["max_output_tokens"] == 65535


def test_image_output_model_without_tools(excerpt: dict[str, dict[str, Any]]) -> None:
    profile = profile_from_entry(excerpt["google/gemini-2.5-flash-image"])
    assert (profile["text_outputs"], profile["image_outputs"]) == (True, True)
    assert (profile["tool_calling"], profile["tool_choice"]) == (False, False)
    assert profile["structured_output"] is True
    assert profile["reasoning_output"] is False
    assert profile["max_input_tokens"] == 32768


def test_null_output_cap_and_router_context(excerpt: dict[str, dict[str, Any]]) -> None:
    free = profile_from_entry(excerpt["qwen/qwen3-235b-a22b:free"])
    assert free["max_input_tokens"] == 131072
    assert "max_output_tokens" not in free
    assert free["open_weights"] is True
    auto = profile_from_entry(excerpt["openrouter/auto"])
    assert auto["max_input_tokens"] == 2000000  # top_provider.context_length is null
    assert "max_output_tokens" not in auto
    assert (auto["video_inputs"], auto["image_outputs"]) == (True, True)


def test_sparse_entry_never_raises() -> None:
    profile = profile_from_entry({"id": "a/b", "architecture": None, "top_provider": None})
    assert profile["name"] == "a/b"
    assert "max_input_tokens" not in profile
    assert profile["tool_calling"] is False


def test_every_sample_maps_to_known_keys_only(excerpt: dict[str, dict[str, Any]]) -> None:
    from typing import get_type_hints

    from langchain_core.language_models import ModelProfile

    declared = set(get_type_hints(ModelProfile))
    for entry in excerpt.values():
        assert set(profile_from_entry(entry)) <= declared


# --- variants ----------------------------------------------------------------------------------


def test_variants_map_like_openrouter_routes_them(excerpt: dict[str, dict[str, Any]]) -> None:
    index = Snapshot(list(excerpt.values()), 0.0).by_id
    assert find_entry(index, "qwen/qwen3-235b-a22b:free")["id"] == "qwen/qwen3-235b-a22b:free"  # type: ignore[index]
    assert find_entry(index, "qwen/qwen3-235b-a22b:free:online")["id"] == (  # type: ignore[index]
        "qwen/qwen3-235b-a22b:free"
    )
    assert find_entry(index, "openai/gpt-5-mini:nitro")["id"] == "openai/gpt-5-mini"  # type: ignore[index]
    assert find_entry(index, "x-ai/grok-4-fast:online:floor")["id"] == "x-ai/grok-4-fast"  # type: ignore[index]
    assert find_entry(index, "anthropic/claude-4.5-sonnet-20250929")["id"] == (  # type: ignore[index]
        "anthropic/claude-sonnet-4.5"
    )
    assert find_entry(index, "qwen/qwen3-235b-a22b") is None  # only the :free entry is listed
    assert find_entry(index, "nobody/model:free") is None


# --- when profile fetches ----------------------------------------------------------------------


def test_no_request_at_construction_one_for_many_reads(emu: OpenRouterEmulator) -> None:
    models = [emu.chat_model(m) for m in ("openai/gpt-4o-mini", "x-ai/grok-3-mini")] * 5
    assert model_requests(emu) == 0
    profiles = [llm.profile for llm in models for _ in range(3)]
    assert model_requests(emu) == 1
    assert profiles[0] is profiles[2]  # one object per instance between refreshes
    assert profiles[0]["name"] == "OpenAI: GPT-4o-mini"  # type: ignore[index]
    assert profiles[3]["reasoning_effort_levels"] == ["high", "low"]  # type: ignore[index]


def test_shared_with_the_model_retriever(emu: OpenRouterEmulator) -> None:
    retriever = OpenRouterModelRetriever(**emu.connection())
    retriever.snapshot()
    assert emu.chat_model("openai/gpt-4o").profile["max_input_tokens"] == 128000  # type: ignore[index]
    assert model_requests(emu) == 1


def test_unknown_model_has_no_profile(emu: OpenRouterEmulator) -> None:
    assert emu.chat_model("nobody/unknown-model").profile is None
    assert model_requests(emu) == 1


def test_variant_reads_the_base_entry(emu: OpenRouterEmulator) -> None:
    nitro = emu.chat_model("openai/gpt-4o-mini:nitro").profile
    assert nitro == emu.chat_model("openai/gpt-4o-mini").profile
    assert nitro is not None
    assert nitro["name"] == "OpenAI: GPT-4o-mini"


def test_refetched_after_the_ttl(emu: OpenRouterEmulator, clock: Clock) -> None:
    llm = emu.chat_model("openai/gpt-4o-mini")
    first = llm.profile
    clock.now += PROFILE_TTL - 1
    assert llm.profile is first
    assert model_requests(emu) == 1
    clock.now += 2
    second = llm.profile
    assert model_requests(emu) == 2
    assert second == first
    assert second is not first


def test_given_or_assigned_profile_is_kept(emu: OpenRouterEmulator) -> None:
    pinned = emu.chat_model("openai/gpt-4o-mini", profile={"max_input_tokens": 7})
    assert pinned.profile == {"max_input_tokens": 7}
    llm = emu.chat_model("openai/gpt-4o-mini")
    llm.profile = {"max_input_tokens": 9}
    assert llm.profile == {"max_input_tokens": 9}
    assert model_requests(emu) == 0


def test_copies_and_dumps_stay_lazy(emu: OpenRouterEmulator) -> None:
    llm = emu.chat_model("openai/gpt-4o-mini")
    assert "profile" not in llm.model_dump()
    copy = llm.model_copy(update={"model_name": "x-ai/grok-3-mini"})
    assert model_requests(emu) == 0
    assert copy.profile["name"] == "xAI: Grok 3 Mini"  # type: ignore[index]
    assert llm.profile["name"] == "OpenAI: GPT-4o-mini"  # type: ignore[index]
    other = llm.model_copy(update={"model_name": "openai/gpt-4o"})
    assert other.profile["name"] == "OpenAI: GPT-4o"  # type: ignore[index]
    assert llm.profile["name"] == "OpenAI: GPT-4o-mini"  # type: ignore[index]
    with pytest.raises(AttributeError, match="no_such_attribute"):
        llm.no_such_attribute  # noqa: B018


# --- fallback ----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [500, 401, 404])
def test_error_status_falls_back_to_the_table(
    emu: OpenRouterEmulator, clock: Clock, caplog: pytest.LogCaptureFixture, status: int
) -> None:
    emu.fail_next(status, route="/models", times=None)
    llm = emu.chat_model("anthropic/claude-sonnet-4.5", max_retries=0)
    with caplog.at_level(logging.DEBUG, logger=profile_source.__name__):
        assert llm.profile == table_profile("anthropic/claude-sonnet-4.5")
        assert llm.profile == table_profile("anthropic/claude-sonnet-4.5")
    assert model_requests(emu) == 1  # not asked again right after a failure
    assert len([r for r in caplog.records if r.name == profile_source.__name__]) == 1
    emu.faults.clear()
    clock.now += RETRY_AFTER
    assert llm.profile["name"] == "Anthropic: Claude Sonnet 4.5"  # type: ignore[index]
    assert model_requests(emu) == 2


def test_stale_catalog_serves_while_the_service_fails(
    emu: OpenRouterEmulator, clock: Clock
) -> None:
    llm = emu.chat_model("openai/gpt-4o-mini", max_retries=0)
    live = llm.profile
    clock.now += PROFILE_TTL + 1
    emu.fail_next(503, route="/models")
    assert llm.profile is live  # the last catalog known, not the table
    assert model_requests(emu) == 2


def test_dropped_connection_falls_back(emu: OpenRouterEmulator) -> None:
    emu.faults.drop(route="/models")
    llm = emu.chat_model("openai/gpt-4o-mini", max_retries=0)
    assert llm.profile == table_profile("openai/gpt-4o-mini")


def test_no_key_reads_the_table_without_a_request(
    emu: OpenRouterEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("OPENROUTER_API_KEY", "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    llm = emu.chat_model("openai/gpt-4o-mini", api_key=None)
    assert llm.profile == table_profile("openai/gpt-4o-mini")
    assert llm.profile is not None
    assert model_requests(emu) == 0


# --- async -------------------------------------------------------------------------------------


def test_aget_profile_fetches_once_for_concurrent_readers(emu: OpenRouterEmulator) -> None:
    async def main() -> list[Any]:
        models = [emu.chat_model("x-ai/grok-3-mini") for _ in range(8)]
        return await asyncio.gather(*(llm.aget_profile() for llm in models))

    profiles = asyncio.run(main())
    assert model_requests(emu) == 1
    assert {p["name"] for p in profiles} == {"xAI: Grok 3 Mini"}


def test_profile_on_the_loop_never_waits_for_the_network(emu: OpenRouterEmulator) -> None:
    async def main() -> tuple[Any, int, Any, Any]:
        llm = emu.chat_model("anthropic/claude-sonnet-4.5")
        cold = llm.profile  # the table; the fetch is started as a task
        sent_during_read = model_requests(emu)
        warm = await llm.aget_profile()
        return cold, sent_during_read, warm, llm.profile

    cold, sent_during_read, warm, after = asyncio.run(main())
    assert cold == table_profile("anthropic/claude-sonnet-4.5")
    assert sent_during_read == 0
    assert warm["name"] == "Anthropic: Claude Sonnet 4.5"
    assert after is warm
    assert model_requests(emu) == 1


def test_started_fetch_warms_the_cache(emu: OpenRouterEmulator) -> None:
    async def main() -> Any:
        llm = emu.chat_model("openai/gpt-4o-mini")
        assert llm.profile == table_profile("openai/gpt-4o-mini")
        assert llm.profile == table_profile("openai/gpt-4o-mini")  # one task, not two
        for _ in range(50):
            if CATALOG_CACHE.peek(emu.base_url, "chat") is not None:
                break
            await asyncio.sleep(0)
        return llm.profile

    assert asyncio.run(main())["name"] == "OpenAI: GPT-4o-mini"
    assert model_requests(emu) == 1


def test_aget_profile_falls_back_and_keeps_a_given_profile(emu: OpenRouterEmulator) -> None:
    emu.fail_next(500, route="/models", times=None)

    async def main() -> tuple[Any, Any, Any]:
        failing = emu.chat_model("openai/gpt-4o-mini", max_retries=0)
        unknown = emu.chat_model("nobody/unknown", max_retries=0)
        pinned = emu.chat_model("openai/gpt-4o-mini", profile={"max_input_tokens": 3})
        return (
            await failing.aget_profile(),
            await unknown.aget_profile(),
            await pinned.aget_profile(),
        )

    failing, unknown, pinned = asyncio.run(main())
    assert failing == table_profile("openai/gpt-4o-mini")
    assert unknown is None
    assert pinned == {"max_input_tokens": 3}
    assert model_requests(emu) == 1

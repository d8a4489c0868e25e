"""Prompt counting and cost: input audio is counted, reported on its own and priced as audio."""

from __future__ import annotations

from typing import Any

from langchain_openrouter import _tokens
from langchain_openrouter.testing.catalog import CATALOG, CatalogModel
from langchain_openrouter.testing.usage import compute_cost, count_prompt, input_audio_tokens


def _model(model_id: str) -> CatalogModel:
    model = CATALOG.get(model_id)
    assert model is not None
    return model


def _audio(chars: int) -> dict[str, Any]:
    return {"type": "input_audio", "input_audio": {"data": "A" * chars, "format": "mp3"}}


def test_audio_tokens_are_one_per_thousand_base64_characters_at_least_fifty() -> None:
    assert input_audio_tokens("") == 50
    assert input_audio_tokens("A" * 50_999) == 50
    assert input_audio_tokens("A" * 51_000) == 51
    assert input_audio_tokens("A" * 1_000_000) == 1000


def test_count_prompt_reports_the_audio_within_the_prompt() -> None:
    messages = [
        {"role": "system", "content": "Transcribe."},
        {"role": "user", "content": [_audio(120_000), {"type": "text", "text": "hi"}]},
        {"role": "user", "content": [_audio(10)]},
    ]
    count = count_prompt("google/gemini-2.5-flash", messages)
    text = sum(
        3 + _tokens.count_tokens(role) + _tokens.count_tokens(words)
        for role, words in [("system", "Transcribe."), ("user", "hi"), ("user", "")]
    )
    assert (count.audio_tokens, count.audio_parts) == (170, 2)
    assert count.tokens == text + 170 + 3
    assert count.images == 0
    plain = count_prompt("google/gemini-2.5-flash", [{"role": "user", "content": "hi"}])
    assert (plain.audio_tokens, plain.audio_parts) == (0, 0)


def test_audio_is_priced_at_the_audio_price_else_the_prompt_price() -> None:
    flash = _model("google/gemini-2.5-flash")  # prompt 0.0000003, audio 0.000001
    cost = compute_cost(flash, prompt_tokens=100, completion_tokens=0, audio_tokens=60)
    assert cost.prompt == 0.000072  # 40 * 0.0000003 + 60 * 0.000001
    pro = _model("google/gemini-2.5-pro")  # prompt 0.00000125, no audio price
    assert compute_cost(pro, prompt_tokens=100, completion_tokens=0, audio_tokens=60).prompt == (
        0.000125
    )


def test_audio_beyond_the_uncached_prompt_is_not_billed_twice() -> None:
    flash = _model("google/gemini-2.5-flash")  # input_cache_read 0.00000003
    cost = compute_cost(
        flash, prompt_tokens=100, completion_tokens=0, audio_tokens=64, cached_tokens=50
    )
    assert cost.prompt == 0.0000515  # 50 cached * 0.00000003 + 50 audio * 0.000001

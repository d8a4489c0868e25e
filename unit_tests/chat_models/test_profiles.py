"""The profile table agrees with the emulator's catalog, model by model.

Every chat model the emulator serves must have a profile, and each capability LangChain reads
from a profile (context window, output cap, tools, structured output, modalities, reasoning)
must say what the catalog entry says.
"""

from __future__ import annotations

from typing import Any

import pytest

from langchain_openrouter.chat_models.profiles import get_profile
from langchain_openrouter.testing.catalog import CATALOG, CatalogModel

CHAT_MODELS = CATALOG.chat_models()

# Profile key -> (catalog field, value) that must be present for the profile to say True.
MODALITIES = {
    "text_inputs": ("input_modalities", "text"),
    "image_inputs": ("input_modalities", "image"),
    "audio_inputs": ("input_modalities", "audio"),
    "video_inputs": ("input_modalities", "video"),
    "pdf_inputs": ("input_modalities", "file"),
    "text_outputs": ("output_modalities", "text"),
    "image_outputs": ("output_modalities", "image"),
    "audio_outputs": ("output_modalities", "audio"),
    "video_outputs": ("output_modalities", "video"),
}
FEATURES = {
    "tool_calling": "tools",
    "tool_choice": "tool_choice",
    "structured_output": "structured_outputs",
    "reasoning_output": "reasoning",
}


def test_the_catalog_has_chat_models() -> None:
    assert len(CHAT_MODELS) >= 20


@pytest.mark.parametrize("model", CHAT_MODELS, ids=[m.id for m in CHAT_MODELS])
def test_profile_matches_the_catalog(model: CatalogModel) -> None:
    profile: dict[str, Any] | None = get_profile(model.id)  # type: ignore[assignment]
    assert profile is not None, f"{model.id} has no profile in chat_models/profiles.py"
    expected: dict[str, Any] = {
        "max_input_tokens": model.context_length,
        "max_output_tokens": model.max_completion_tokens,
    }
    for key, (field, value) in MODALITIES.items():
        expected[key] = value in getattr(model, field)
    for key, parameter in FEATURES.items():
        expected[key] = parameter in model.supported_parameters
    actual = {key: profile.get(key, False if key in MODALITIES else None) for key in expected}
    mismatched = {
        key: (actual[key], value) for key, value in expected.items() if actual[key] != value
    }
    assert not mismatched, f"{model.id}: profile vs catalog {mismatched}"

"""The capability flags of a full-featured OpenRouter model, for both standard suites.

``langchain-tests`` reads these to decide which standard tests apply; the unit suite
(unit_tests/chat_models/test_standard.py) and the integration suite against the emulator
(integration_tests/test_chat_standard.py) must claim the same capabilities.
"""

from __future__ import annotations


class OpenRouterCapabilities:
    """Every capability a full-featured model behind OpenRouter has, turned on."""

    @property
    def has_tool_choice(self) -> bool:
        return True

    @property
    def has_structured_output(self) -> bool:
        return True

    @property
    def supports_json_mode(self) -> bool:
        return True

    @property
    def supports_image_inputs(self) -> bool:
        return True

    @property
    def supports_image_urls(self) -> bool:
        return True

    @property
    def supports_pdf_inputs(self) -> bool:
        return True

    @property
    def supports_audio_inputs(self) -> bool:
        return True

    @property
    def supports_video_inputs(self) -> bool:
        return True

    @property
    def supports_image_tool_message(self) -> bool:
        return True

    @property
    def supports_pdf_tool_message(self) -> bool:
        return True

    @property
    def supports_anthropic_inputs(self) -> bool:
        return True

    @property
    def model_override_value(self) -> str:
        # A model whose served id equals its requested id: Claude models answer with a dated
        # permaslug (as on the real service), which the standard test compares verbatim.
        return "google/gemini-2.5-pro"

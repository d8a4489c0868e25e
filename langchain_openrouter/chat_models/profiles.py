"""Capabilities of the most-used OpenRouter models, as LangChain ``ModelProfile`` data.

A compact subset of the models.dev data (MIT License, https://github.com/sst/models.dev) that
langchain-openrouter 0.2.x shipped in full; models not listed here get no profile (``None``).
Each row is ``(name, max_input_tokens, max_output_tokens, inputs, outputs, features)`` (an
output cap of ``None``: none published) with one letter per capability:

* inputs: ``t`` text, ``i`` image, ``a`` audio, ``v`` video, ``p`` PDF
* outputs: ``t`` text, ``i`` image, ``a`` audio, ``v`` video
* features: ``R`` reasoning output, ``T`` tool calling (and tool choice), ``S`` structured
  output, ``C`` tool calls streamed as chunks, ``W`` open weights

Example:
    >>> get_profile("openai/gpt-4o-mini:nitro")["max_input_tokens"]
    128000
"""

from __future__ import annotations

from langchain_core.language_models import ModelProfile

__all__: list[str] = []

_ROWS: dict[str, tuple[str, int, int | None, str, str, str]] = {
    "openai/gpt-4o": ("GPT-4o", 128000, 16384, "tip", "t", "TSC"),
    "openai/gpt-4o-mini": ("GPT-4o mini", 128000, 16384, "tip", "t", "TSC"),
    "openai/gpt-4.1": ("GPT-4.1", 1047576, 32768, "tip", "t", "TSC"),
    "openai/gpt-4.1-mini": ("GPT-4.1 mini", 1047576, 32768, "tip", "t", "TSC"),
    "openai/gpt-4.1-nano": ("GPT-4.1 nano", 1047576, 32768, "tip", "t", "TSC"),
    "openai/gpt-5": ("GPT-5", 400000, 128000, "tip", "t", "RTSC"),
    "openai/gpt-5-mini": ("GPT-5 Mini", 400000, 128000, "tip", "t", "RTSC"),
    "openai/gpt-5-nano": ("GPT-5 Nano", 400000, 128000, "tip", "t", "RTSC"),
    "openai/gpt-5.1": ("GPT-5.1", 400000, 128000, "tip", "t", "RTSC"),
    "openai/gpt-5.2": ("GPT-5.2", 400000, 128000, "tip", "t", "RTSC"),
    "openai/gpt-5.4": ("GPT-5.4", 1050000, 128000, "tip", "t", "RTSC"),
    "openai/gpt-5.4-mini": ("GPT-5.4 mini", 400000, 128000, "tip", "t", "RTSC"),
    "openai/gpt-5.4-nano": ("GPT-5.4 nano", 400000, 128000, "tip", "t", "RTSC"),
    "openai/gpt-5.5": ("GPT-5.5", 1050000, 128000, "tip", "t", "RTSC"),
    "openai/o3": ("o3", 200000, 100000, "tip", "t", "RTSC"),
    "openai/o3-mini": ("o3-mini", 200000, 100000, "tp", "t", "RTSC"),
    "openai/o4-mini": ("o4-mini", 200000, 100000, "tip", "t", "RTSC"),
    "openai/gpt-oss-120b": ("GPT OSS 120B", 131072, 65536, "t", "t", "RTSCW"),
    "openai/gpt-oss-20b": ("GPT OSS 20B", 131072, 32768, "t", "t", "RTSCW"),
    "anthropic/claude-3-haiku": ("Claude 3 Haiku", 200000, 4096, "ti", "t", "TC"),
    "anthropic/claude-3.5-haiku": ("Claude 3.5 Haiku", 200000, 8192, "ti", "t", "TC"),
    "anthropic/claude-haiku-4.5": ("Claude Haiku 4.5 (latest)", 200000, 64000, "tip", "t", "RTSC"),
    "anthropic/claude-sonnet-4": ("Claude Sonnet 4", 1000000, 64000, "tip", "t", "RTC"),
    "anthropic/claude-sonnet-4.5": (
        "Claude Sonnet 4.5 (latest)",
        1000000,
        64000,
        "tip",
        "t",
        "RTSC",
    ),
    "anthropic/claude-sonnet-4.6": ("Claude Sonnet 4.6", 1000000, 128000, "tip", "t", "RTSC"),
    "anthropic/claude-sonnet-5": ("Claude Sonnet 5", 1000000, 128000, "tip", "t", "RTSC"),
    "anthropic/claude-opus-4": ("Claude Opus 4", 200000, 32000, "tip", "t", "RTC"),
    "anthropic/claude-opus-4.1": ("Claude Opus 4.1 (latest)", 200000, 32000, "tip", "t", "RTC"),
    "anthropic/claude-opus-4.5": ("Claude Opus 4.5 (latest)", 200000, 64000, "tip", "t", "RTSC"),
    "anthropic/claude-opus-4.6": ("Claude Opus 4.6", 1000000, 128000, "tip", "t", "RTSC"),
    "anthropic/claude-opus-5": ("Claude Opus 5", 1000000, 128000, "tip", "t", "RTSC"),
    "google/gemini-2.5-pro": ("Gemini 2.5 Pro", 1048576, 65536, "tiavp", "t", "RTSC"),
    "google/gemini-2.5-flash": ("Gemini 2.5 Flash", 1048576, 65535, "tiavp", "t", "RTSC"),
    "google/gemini-2.5-flash-lite": ("Gemini 2.5 Flash-Lite", 1048576, 65535, "tiavp", "t", "RTSC"),
    "google/gemini-2.5-flash-image": ("Nano Banana", 32768, 32768, "ti", "ti", "S"),
    "google/gemini-3-flash-preview": (
        "Gemini 3 Flash Preview",
        1048576,
        65536,
        "tiavp",
        "t",
        "RTSC",
    ),
    "google/gemini-3.1-pro-preview": (
        "Gemini 3.1 Pro Preview",
        1048576,
        65536,
        "tiavp",
        "t",
        "RTSC",
    ),
    "google/gemini-3.5-flash": ("Gemini 3.5 Flash", 1048576, 65536, "tiavp", "t", "RTSC"),
    "x-ai/grok-4-fast": ("Grok 4 Fast", 2000000, 30000, "ti", "t", "RTSC"),
    "x-ai/grok-4.3": ("Grok 4.3", 1000000, 900000, "tip", "t", "RTSC"),
    "x-ai/grok-4.5": ("Grok 4.5", 500000, 450000, "tip", "t", "RTSC"),
    "deepseek/deepseek-chat": ("DeepSeek Chat", 163840, 16384, "t", "t", "TSCW"),
    "deepseek/deepseek-chat-v3.1": ("DeepSeek V3.1", 163840, 163840, "t", "t", "RTSCW"),
    "deepseek/deepseek-r1": ("DeepSeek-R1", 163840, 163840, "t", "t", "RTCW"),
    "deepseek/deepseek-r1-0528": ("R1 0528", 163840, 32768, "t", "t", "RTSCW"),
    "deepseek/deepseek-v3.2": ("DeepSeek V3.2", 163840, 65536, "t", "t", "RTSCW"),
    "deepseek/deepseek-v4-flash": ("DeepSeek V4 Flash", 1048576, 384000, "t", "t", "RTSCW"),
    "deepseek/deepseek-v4-pro": ("DeepSeek V4 Pro", 1048576, 384000, "t", "t", "RTSCW"),
    "meta-llama/llama-3.1-8b-instruct": ("Llama 3.1 8B Instruct", 131072, 16384, "t", "t", "TSCW"),
    "meta-llama/llama-3.3-70b-instruct:free": (
        "Llama 3.3 70B Instruct (free)",
        65536,
        None,
        "t",
        "t",
        "TCW",
    ),
    "meta-llama/llama-3.3-70b-instruct": (
        "Llama-3.3-70B-Instruct",
        131072,
        16384,
        "t",
        "t",
        "TSCW",
    ),
    "meta-llama/llama-4-maverick": ("Llama 4 Maverick", 1048576, 16384, "ti", "t", "TSCW"),
    "meta-llama/llama-4-scout": ("Llama 4 Scout", 1310720, 16384, "ti", "t", "TSCW"),
    "mistralai/mistral-large": ("Mistral Large", 128000, 102400, "tp", "t", "TSC"),
    "mistralai/mistral-large-2411": ("Mistral Large 2411", 131072, None, "t", "t", "TSCW"),
    "mistralai/mistral-small-3.2-24b-instruct": (
        "Mistral Small 3.2 24B",
        131072,
        131072,
        "ti",
        "t",
        "TSCW",
    ),
    "qwen/qwen3-235b-a22b-2507": (
        "Qwen3 235B A22B Instruct 2507",
        262144,
        235929,
        "t",
        "t",
        "TSCW",
    ),
    "qwen/qwen3-235b-a22b:free": ("Qwen3 235B A22B (free)", 131072, None, "t", "t", "RTCW"),
    "qwen/qwen3-32b": ("Qwen3 32B", 40960, 40960, "t", "t", "RTSCW"),
    "qwen/qwen3-coder": ("Qwen3 Coder 480B A35B", 262144, 65536, "t", "t", "TSCW"),
    "qwen/qwen3-max": ("Qwen3 Max", 262144, 65536, "t", "t", "TSC"),
    "qwen/qwen3-vl-235b-a22b-instruct": (
        "Qwen3 VL 235B A22B Instruct",
        262144,
        32768,
        "ti",
        "t",
        "TSCW",
    ),
    "moonshotai/kimi-k2": ("Kimi K2 0711", 131072, 131072, "t", "t", "TSCW"),
    "moonshotai/kimi-k2-0905": ("Kimi K2 0905", 262144, 98304, "t", "t", "TSCW"),
    "moonshotai/kimi-k2-thinking": ("Kimi K2 Thinking", 262144, 98304, "t", "t", "RTSCW"),
    "moonshotai/kimi-k2.5": ("Kimi K2.5", 262144, 235929, "ti", "t", "RTSCW"),
    "minimax/minimax-m2:free": ("MiniMax M2 (free)", 204800, 131072, "t", "t", "RTCW"),
    "cohere/command-r-plus-08-2024": ("Command R+ 08-2024", 128000, 4000, "t", "t", "TSCW"),
    "openrouter/auto": ("Auto Router", 2000000, None, "tiavp", "ti", "RTSC"),
    "z-ai/glm-4.5": ("GLM-4.5", 131072, 98304, "t", "t", "RTCW"),
    "z-ai/glm-4.5-air": ("GLM-4.5-Air", 131072, 98304, "t", "t", "RTCW"),
    "z-ai/glm-4.6": ("GLM-4.6", 204800, 16384, "t", "t", "RTSCW"),
    "z-ai/glm-4.7": ("GLM-4.7", 204800, 131072, "t", "t", "RTSCW"),
    "openai/gpt-oss-20b:free": ("GPT OSS 20B (free)", 131072, 131072, "t", "t", "RTCW"),
    "anthropic/claude-3.7-sonnet": ("Claude Sonnet 3.7", 200000, 64000, "tip", "t", "RTC"),
    "google/gemini-2.0-flash-001": ("Gemini 2.0 Flash", 1048576, 8192, "tiavp", "t", "TSC"),
    "google/gemma-3-27b-it": ("Gemma 3 27B", 131072, 16384, "ti", "t", "SW"),
    "google/gemma-3-27b-it:free": ("Gemma 3 27B (free)", 96000, 8192, "ti", "t", "W"),
    "meta-llama/llama-3.1-405b-instruct": (
        "Llama 3.1 405B Instruct",
        131072,
        16384,
        "t",
        "t",
        "TSCW",
    ),
    "deepseek/deepseek-r1-0528:free": ("R1 0528 (free)", 163840, 163840, "t", "t", "RTCW"),
    "qwen/qwen3-coder:free": ("Qwen3 Coder 480B A35B (free)", 262144, 262144, "t", "t", "TCW"),
    "mistralai/codestral-2508": ("Codestral 2508", 256000, 256000, "t", "t", "TSC"),
    "mistralai/mistral-nemo": ("Mistral Nemo", 131072, 16384, "t", "t", "TSCW"),
    "x-ai/grok-4": ("Grok 4", 256000, 256000, "ti", "t", "RTSC"),
    "x-ai/grok-3-mini": ("Grok 3 Mini", 131072, 131072, "t", "t", "RTSC"),
    "x-ai/grok-code-fast-1": ("Grok Code Fast 1", 256000, 10000, "t", "t", "RTSC"),
    "z-ai/glm-4.5-air:free": ("GLM-4.5-Air (free)", 131072, 98304, "t", "t", "RTCW"),
    "nvidia/llama-3.3-nemotron-super-49b-v1.5": (
        "Llama 3.3 Nemotron Super 49B v1.5",
        131072,
        131072,
        "t",
        "t",
        "RTCW",
    ),
    "nvidia/nemotron-nano-9b-v2:free": (
        "Nemotron Nano 9B V2 (free)",
        128000,
        128000,
        "t",
        "t",
        "RTCW",
    ),
    "microsoft/phi-4": ("Phi-4", 16384, 16384, "t", "t", "SW"),
    "amazon/nova-pro-v1": ("Nova Pro 1.0", 300000, 5120, "ti", "t", "TC"),
    "amazon/nova-lite-v1": ("Nova Lite 1.0", 300000, 5120, "ti", "t", "TC"),
    "perplexity/sonar": ("Sonar", 127072, 8192, "ti", "t", ""),
    "perplexity/sonar-reasoning-pro": ("Sonar Reasoning Pro", 128000, 8192, "ti", "t", "R"),
    "cohere/command-a": ("Command A", 256000, 8192, "t", "t", "TSCW"),
}

_INPUTS = {"t": "text_inputs", "i": "image_inputs", "a": "audio_inputs", "v": "video_inputs"}
_OUTPUTS = {"t": "text_outputs", "i": "image_outputs", "a": "audio_outputs", "v": "video_outputs"}
_FEATURES = {
    "R": "reasoning_output",
    "T": "tool_calling",
    "S": "structured_output",
    "C": "tool_call_streaming",
    "W": "open_weights",
}


def get_profile(model: str) -> ModelProfile | None:
    """The profile of a model id, ignoring variant suffixes such as ``:free`` or ``:nitro``.

    Args:
        model: An OpenRouter model id.

    Returns:
        A fresh ``ModelProfile`` (safe to modify), or ``None`` for a model not listed.

    Example:
        >>> get_profile("openai/gpt-4o")["tool_calling"], get_profile("no/such-model")
        (True, None)
    """
    row = _ROWS.get(model) or _ROWS.get(model.split(":", 1)[0])
    if row is None:
        return None
    name, max_input, max_output, inputs, outputs, features = row
    profile = ModelProfile(name=name, max_input_tokens=max_input)
    if max_output is not None:
        profile["max_output_tokens"] = max_output
    for letter, key in _INPUTS.items():
        profile[key] = letter in inputs  # type: ignore[literal-required]
    # Every image-capable endpoint takes https image URLs too (OpenRouter fetches them).
    profile["image_url_inputs"] = "i" in inputs
    if "p" in inputs:
        profile["pdf_inputs"] = True
    for letter, key in _OUTPUTS.items():
        profile[key] = letter in outputs  # type: ignore[literal-required]
    for letter, key in _FEATURES.items():
        profile[key] = letter in features  # type: ignore[literal-required]
    profile["tool_choice"] = "T" in features
    return profile
